//! The two-person rule in the console: a triage decision waiting for a second analyst
//! (who proposed what, when, with which note) on the group, blocklist and dispute
//! pages, with the forms to approve or reject it (another analyst) or to withdraw it
//! (its author), and the list of waiting decisions on the triage queue. Deciding goes
//! through the API's use case (`POST /v1/triage-decisions/{id}/approve` or `…/reject`),
//! which refuses an author's own approval and a stale decision.

use std::fmt::Write;
use std::sync::Arc;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use service::proposals::Decision;
use service::reports::MAX_NOTE_CHARS;
use service::reports::{DecisionAction, TriageDecision};

use super::{Console, Lang, Section, author_role, error_text, hidden_token, proposed_by};
use crate::web::{day, escape, percent_encode, see_other};
use crate::{ApiError, AppState};

/// The page a decision form returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Back {
    /// The group's page.
    Group,
    /// The blocklist's page of the indicator.
    Blocklist,
    /// The disputes.
    Disputes,
}

impl Back {
    fn as_str(self) -> &'static str {
        match self {
            Back::Group => "group",
            Back::Blocklist => "blocklist",
            Back::Disputes => "disputes",
        }
    }

    fn parse(s: &str) -> Back {
        match s {
            "blocklist" => Back::Blocklist,
            "disputes" => Back::Disputes,
            _ => Back::Group,
        }
    }

    /// The page, with `done` to announce.
    fn url(self, key: &str, done: &str, lang: Lang) -> String {
        let tag = lang.tag();
        match self {
            Back::Group => format!(
                "/console/triage/{}?done={done}&lang={tag}",
                percent_encode(key)
            ),
            Back::Blocklist => format!(
                "/console/blocklist?q={}&done={done}&lang={tag}",
                percent_encode(key)
            ),
            Back::Disputes => format!("/console/disputes?done={done}&lang={tag}"),
        }
    }
}

/// What the notices of a page say after a decision: `pending` (a decision was stored
/// for review), or what became of one.
pub(super) const DONE: [&str; 4] = ["pending", "approved", "rejected", "withdrawn"];

/// The page where a decision is reviewed: a delisting or an upheld dispute on the
/// blocklist's page (an indicator listed by a feed has no group), the rest on the
/// group's.
pub(super) fn review_url(d: &TriageDecision, lang: Lang) -> String {
    let tag = lang.tag();
    match d.action {
        DecisionAction::Triage(_) => {
            format!("/console/triage/{}?lang={tag}", percent_encode(&d.key))
        }
        DecisionAction::Delist | DecisionAction::Uphold => format!(
            "/console/blocklist?q={}&amp;lang={tag}",
            escape(&percent_encode(&d.key))
        ),
    }
}

/// A pending decision as a `<section id="pending">`: who proposed what, when, the
/// note; the approve and reject forms for another analyst, the withdraw form for its
/// author.
pub(super) fn write_pending(html: &mut String, console: &Console, d: &TriageDecision, back: Back) {
    let lang = console.lang;
    let tag = lang.tag();
    let own = d.author_key_id == Some(console.caller.0.id);
    let _ = write!(
        html,
        "<section class=\"report\" id=\"pending\" data-decision=\"{id}\" data-action=\"{action}\" \
         data-own=\"{own}\"><h2>{title}</h2><p>{by}</p><dl class=\"facts\">\
         <dt>{what_label}</dt><dd>{what}</dd>",
        id = d.id,
        action = d.action.as_str(),
        title = lang.t("console-pending-title"),
        by = proposed_by(
            lang,
            "console-pending-by",
            (&d.author_role, d.author_key_id),
            d.created_at
        ),
        what_label = lang.t("console-pending-what"),
        what = lang.t(&format!("console-pending-action-{}", d.action.as_str())),
    );
    if let Some(of) = &d.duplicate_of {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            lang.t("console-duplicate-of"),
            escape(of)
        );
    }
    html.push_str("</dl>");
    if let Some(note) = d.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(
            html,
            "<h3>{}</h3><pre class=\"message\">{}</pre>",
            lang.t("console-pending-note"),
            escape(note)
        );
    }
    if own {
        let _ = write!(
            html,
            "<p class=\"hint\" id=\"pending-own\">{}</p>",
            lang.t("console-pending-own")
        );
    }
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/console/decisions/{id}?back={back}&amp;lang={tag}\">\
         <div class=\"field\"><label for=\"decision-note-{id}\">{note}</label>\
         <textarea id=\"decision-note-{id}\" name=\"note\" rows=\"2\" maxlength=\"{max}\"></textarea></div>\
         {token}<div class=\"search\">",
        id = d.id,
        back = back.as_str(),
        note = lang.t("console-note-label"),
        max = MAX_NOTE_CHARS,
        token = hidden_token(&console.csrf),
    );
    let buttons: &[(&str, &str)] = if own {
        &[("reject", "console-pending-withdraw")]
    } else {
        &[
            ("approve", "console-pending-approve"),
            ("reject", "console-pending-reject"),
        ]
    };
    for (decision, label) in buttons {
        let _ = write!(
            html,
            "<button type=\"submit\" name=\"decision\" value=\"{decision}\" \
             id=\"decision-{decision}-{id}\">{label}</button>",
            id = d.id,
            label = lang.t(label),
        );
    }
    let _ = write!(
        html,
        "</div></form><p class=\"hint\">{}</p></section>",
        lang.t("console-pending-blocked")
    );
}

/// The decisions waiting for a second analyst, for the triage queue: a table linking
/// each to the page where it is reviewed. Nothing when there are none (or they cannot
/// be read: the queue below still shows).
pub(super) async fn write_waiting(state: &AppState, console: &Console, html: &mut String) {
    let lang = console.lang;
    let Ok(waiting) = state
        .service
        .triage_decisions(&console.principal, Some("pending"), super::PAGE_ROWS)
        .await
    else {
        return;
    };
    if waiting.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section id=\"pending-decisions\"><h2>{title}</h2><p>{intro}</p>\
         <table><caption class=\"sr-only\">{title}</caption><thead><tr>\
         <th scope=\"col\">{indicator}</th><th scope=\"col\">{what}</th>\
         <th scope=\"col\">{who}</th><th scope=\"col\">{at}</th></tr></thead><tbody>",
        title = lang.t("console-pending-title"),
        intro = lang.t("console-pending-intro"),
        indicator = lang.t("console-indicator"),
        what = lang.t("console-pending-what"),
        who = lang.t("console-audit-who"),
        at = lang.t("console-audit-at"),
    );
    for d in &waiting {
        let who = escape(&author_role(lang, &d.author_role));
        let who = match d.author_key_id {
            Some(id) => format!("{who} #{id}"),
            None => who,
        };
        let _ = write!(
            html,
            "<tr data-decision=\"{id}\" data-key=\"{key}\"><td><a href=\"{url}\">{key}</a></td>\
             <td>{what}</td><td>{who}</td><td>{at}</td></tr>",
            id = d.id,
            key = escape(&d.key),
            url = review_url(d, lang),
            what = lang.t(&format!("console-pending-action-{}", d.action.as_str())),
            at = day(d.created_at),
        );
    }
    html.push_str("</tbody></table></section>");
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct DecisionForm {
    csrf: Option<String>,
    #[serde(default)]
    decision: String,
    note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct BackQuery {
    back: Option<String>,
}

/// `POST /console/decisions/{id}?back=`: approve or reject (withdraw) a pending
/// decision, then back to the page it was shown on.
pub(super) async fn decide(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(id): Path<i64>,
    query: Result<Query<BackQuery>, QueryRejection>,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let back = query
        .ok()
        .and_then(|Query(q)| q.back)
        .map_or(Back::Group, |b| Back::parse(&b));
    let lang = console.lang;
    let title = lang.t("console-pending-title");
    let here = "/console/triage";
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console triage decision")
    {
        let e = ApiError::Forbidden(lang.t("ui-form-expired"));
        return console.failure(Some(Section::Triage), &title, here, &e);
    }
    let decision = match form.decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        _ => {
            let e = ApiError::BadRequest("unknown decision".into());
            return console.failure(Some(Section::Triage), &title, here, &e);
        }
    };
    match state
        .service
        .decide_triage(&console.principal, id, decision, form.note.as_deref())
        .await
        .map_err(ApiError::from)
    {
        Ok(decided) => {
            let d = &decided.decision;
            see_other(&back.url(&d.key, d.state.as_str(), lang))
        }
        Err(e) => {
            let mut page = console.page(Some(Section::Triage), &title, here);
            let text = if e.status() == StatusCode::CONFLICT {
                lang.t("console-decision-conflict")
            } else {
                error_text(lang, &e)
            };
            crate::web::alert(&mut page.html, None, &text);
            page.status(e.status());
            page.finish()
        }
    }
}

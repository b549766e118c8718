//! The console's campaign pages: the list, the editor with its preview of the
//! withdrawal alert as a phone shows it (every variant in every language), status
//! controls, the revisions and partner-resource additions waiting for a second admin,
//! and the results with their charts and CSV export.
//!
//! Every page and form calls the campaign use cases of [`service::Service`] with the
//! session's principal (`list_campaigns`, `campaign`, `create_campaign`,
//! `change_campaign`, `list_revisions`, `approve_revision`, `reject_revision`,
//! `list_resource_additions`, `approve_resource_addition`, `reject_resource_addition`,
//! `campaign_stats`), so their role checks, the partner's region limit, the content
//! checks and the review apply here exactly as over the API: a partner sees and exports
//! its region's campaigns only, and a key's (a partner's or an admin's) change to what
//! users see becomes a pending revision that another admin approves; its author is
//! offered only to withdraw it. Campaign text is partner-supplied: every piece of it is
//! escaped.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use campaign::stats::{Breakdown, Group, Proportion};
use campaign::{Spec, Status};
use i18n::{Arg, Catalog, Locale};
use serde::Deserialize;
use serde_json::Value;
use service::Role;
use service::campaigns::manage::{Changed, Created};
use wire::campaigns::{ResourceAdditionQuery, ResourceAdditionView, RevisionQuery, RevisionView};

use super::charts::{self, Point, Series, Shape};
use super::{Console, DecisionForm, DoneQuery, Section, author_role, error_text, hidden_token};
use crate::web::{alert, day, escape, see_other};
use crate::{ApiError, AppState};

/// The campaign pages' routes.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/console/campaigns", get(list_page))
        .route("/console/campaigns/new", get(new_page).post(create))
        .route("/console/campaigns/{id}", get(campaign_page).post(edit))
        .route("/console/campaigns/{id}/status", post(change_status))
        .route("/console/campaigns/{id}/results", get(results_page))
        .route("/console/campaigns/{id}/results.csv", get(results_csv))
        .route("/console/revisions", get(revisions_page))
        .route("/console/revisions/{id}", post(revision_decision))
        .route("/console/resource-additions/{id}", post(addition_decision))
}

/// Whether `role` may create and edit campaigns (the use cases check again).
fn edits(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Partner)
}

/// A campaign id from the path; `None` for anything else (answered "not found").
fn campaign_id(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|id| *id > 0)
}

fn not_found() -> ApiError {
    ApiError::NotFound("no such campaign".into())
}

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

/// `GET /console/campaigns`: the campaigns the caller may see (a partner: its region's).
async fn list_page(State(state): State<Arc<AppState>>, console: Console) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-campaigns-title");
    let here = "/console/campaigns";
    let list = match state.service.list_campaigns(&console.principal).await {
        Ok(list) => list.campaigns,
        Err(e) => return console.failure(Some(Section::Campaigns), &title, here, &e.into()),
    };
    let mut page = console.page(Some(Section::Campaigns), &title, here);
    let html = &mut page.html;
    let _ = write!(
        html,
        "<p>{intro}</p><ul class=\"actions\"><li><a href=\"/console/revisions?lang={tag}\" id=\"revisions-link\">{revisions}</a></li>",
        intro = lang.t("console-campaigns-intro"),
        revisions = lang.t("console-revisions-title"),
    );
    if edits(console.caller.0.role) {
        let _ = write!(
            html,
            "<li><a href=\"/console/campaigns/new?lang={tag}\" id=\"new-campaign\">{}</a></li>",
            lang.t("console-campaign-new"),
        );
    }
    html.push_str("</ul>");
    if list.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
        return page.finish();
    }
    let _ = write!(
        html,
        "<table id=\"campaigns\"><caption class=\"sr-only\">{title}</caption><thead><tr>\
         <th scope=\"col\">{name}</th><th scope=\"col\">{partner}</th><th scope=\"col\">{regions}</th>\
         <th scope=\"col\">{status}</th><th scope=\"col\">{updated}</th><th scope=\"col\">{results}</th></tr></thead><tbody>",
        name = lang.t("console-campaign-name"),
        partner = lang.t("console-campaign-partner"),
        regions = lang.t("console-campaign-regions"),
        status = lang.t("console-state"),
        updated = lang.t("console-campaign-updated"),
        results = lang.t("console-results-nav"),
    );
    for c in &list {
        let _ = write!(
            html,
            "<tr data-campaign=\"{id}\"><td><a href=\"/console/campaigns/{id}?lang={tag}\">{name}</a></td>\
             <td>{partner}</td><td>{regions}</td><td>{status}</td><td>{updated}</td>\
             <td><a href=\"/console/campaigns/{id}/results?lang={tag}\">{results}</a></td></tr>",
            id = c.id,
            name = escape(&c.spec.name),
            partner = escape(&c.spec.partner),
            regions = escape(&regions(&c.spec)),
            status = status_text(lang, c.spec.status),
            updated = escape(c.updated_at.get(..10).unwrap_or(&c.updated_at)),
            results = lang.t("console-results-nav"),
        );
    }
    html.push_str("</tbody></table>");
    page.finish()
}

fn regions(spec: &Spec) -> String {
    spec.regions
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn status_text(lang: super::Lang, status: Status) -> String {
    lang.t(&format!("console-campaign-status-{}", status.as_str()))
}

// ---------------------------------------------------------------------------------------
// The editor and its preview
// ---------------------------------------------------------------------------------------

/// A problem with a submitted document, next to the form: the field's path (as the
/// service names it) and what is wrong (escaped HTML).
struct Problem {
    field: String,
    text: String,
}

/// What the editor shows: the document in the text area, its problems, and whether the
/// preview is of an unsaved document.
#[derive(Default)]
struct Editor {
    document: Option<String>,
    problems: Vec<Problem>,
    unsaved_preview: bool,
}

/// The problems of a refused document, in the page's language where the service's
/// code is known; the service's own sentence (it names the value) follows.
fn problems(lang: super::Lang, e: &service::Error) -> Option<Vec<Problem>> {
    const CODES: [&str; 5] = [
        "invalid",
        "reported_scam",
        "impersonation",
        "not_official",
        "wallet_address",
    ];
    match e {
        service::Error::Fields { fields, .. } => Some(
            fields
                .iter()
                .map(|f| {
                    let detail = format!("<span lang=\"en\">{}</span>", escape(&f.message));
                    let text = if CODES.contains(&f.code.as_str()) {
                        format!(
                            "{} ({detail})",
                            lang.t(&format!("console-campaign-problem-{}", f.code))
                        )
                    } else {
                        detail
                    };
                    Problem {
                        field: f.field.clone(),
                        text,
                    }
                })
                .collect(),
        ),
        service::Error::Invalid { message, .. } => Some(vec![spec_problem(message)]),
        _ => None,
    }
}

/// A document refused by the campaign model: `path: message`.
fn spec_problem(message: &str) -> Problem {
    let (field, text) = message.split_once(": ").unwrap_or(("(document)", message));
    Problem {
        field: field.to_owned(),
        text: format!("<span lang=\"en\">{}</span>", escape(text)),
    }
}

/// The document a text area holds: a JSON object, else the problem.
fn read_document(lang: super::Lang, text: &str) -> Result<Value, Problem> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut map)) => {
            // The API's view of a campaign carries these; the document does not.
            for k in ["id", "created_at", "updated_at"] {
                map.remove(k);
            }
            Ok(Value::Object(map))
        }
        Ok(_) => Err(Problem {
            field: "(document)".into(),
            text: lang.t("console-campaign-not-object"),
        }),
        Err(e) => Err(Problem {
            field: "(document)".into(),
            text: lang.ta(
                "console-campaign-not-json",
                &[
                    ("line", Arg::Num(e.line() as i64)),
                    ("column", Arg::Num(e.column() as i64)),
                ],
            ),
        }),
    }
}

/// The merge patch (RFC 7396) that turns `old` into `new`: `new`'s fields, `null` for
/// the fields it no longer has, objects patched field by field (arrays and values are
/// replaced whole). The editor holds the whole document; the use case takes a patch.
fn replacement_patch(old: &Value, new: &Value) -> Value {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let mut patch = serde_json::Map::new();
            for (k, v) in n {
                let p = match o.get(k) {
                    Some(before) => replacement_patch(before, v),
                    None => v.clone(),
                };
                patch.insert(k.clone(), p);
            }
            for k in o.keys().filter(|k| !n.contains_key(*k)) {
                patch.insert(k.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => new.clone(),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The document a new campaign starts from: a draft in the partner's region.
fn template(region: Option<&str>) -> String {
    pretty(&serde_json::json!({
        "name": "",
        "partner": "",
        "regions": [region.unwrap_or("HK")],
        "status": "draft",
        "starts_at": wire::rfc3339(crate::now()),
        "targeting": {"trigger": "all"},
        "frequency_cap": {"max_exposures": 3, "per_days": 30},
        "holdout_percent": 10,
        "variants": [{"key": "main", "content": {
            "en": {"title": "", "message": "", "tips": [], "examples": [], "contacts": [], "resources": []},
            "zh-Hant": {"title": "", "message": "", "tips": [], "examples": [], "contacts": [], "resources": []},
            "zh-Hans": {"title": "", "message": "", "tips": [], "examples": [], "contacts": [], "resources": []}
        }}]
    }))
}

/// The editor form: the document in a text area, its problems tied to it, and the
/// Preview (re-renders, saves nothing) and Save buttons.
fn write_editor(
    html: &mut String,
    console: &Console,
    action: &str,
    document: &str,
    problems: &[Problem],
) {
    let lang = console.lang;
    let invalid = !problems.is_empty();
    let _ = write!(
        html,
        "<form method=\"post\" action=\"{action}\" id=\"editor\"><div class=\"field\">\
         <label for=\"document\">{label}</label><p class=\"hint\" id=\"document-hint\">{hint}</p>",
        action = escape(action),
        label = lang.t("console-campaign-document"),
        hint = lang.t("console-campaign-document-hint"),
    );
    if invalid {
        let _ = write!(
            html,
            "<div class=\"alert\" id=\"document-problems\" role=\"alert\"><p>{}</p><ul>",
            lang.t("console-campaign-problems")
        );
        for p in problems {
            let _ = write!(
                html,
                "<li data-field=\"{field}\"><code>{field}</code>: {text}</li>",
                field = escape(&p.field),
                text = p.text,
            );
        }
        html.push_str("</ul></div>");
    }
    let _ = write!(
        html,
        "<textarea id=\"document\" name=\"document\" rows=\"24\" spellcheck=\"false\" \
         autocapitalize=\"off\" class=\"code\" aria-describedby=\"document-hint{described}\"{aria}>{document}</textarea></div>\
         {token}<div class=\"search\"><button type=\"submit\" name=\"intent\" value=\"preview\" id=\"preview-submit\" class=\"secondary\">{preview}</button>\
         <button type=\"submit\" name=\"intent\" value=\"save\" id=\"save\">{save}</button></div></form>",
        described = if invalid { " document-problems" } else { "" },
        aria = if invalid {
            " aria-invalid=\"true\""
        } else {
            ""
        },
        document = escape(document),
        token = hidden_token(&console.csrf),
        preview = lang.t("console-campaign-preview"),
        save = lang.t("console-campaign-save"),
    );
}

/// A catalogue message in `locale` (the phone's language, not the page's), escaped.
fn t_in(locale: Locale, id: &str) -> String {
    escape(&Catalog::global().message(locale, id, &[]))
}

/// The alert of every variant in every language, each in a phone-sized frame, as the
/// withdrawal flow would show it (a language the variant lacks falls back to English,
/// as screening does).
fn write_preview(html: &mut String, lang: super::Lang, spec: &Spec, unsaved: bool) {
    let _ = write!(
        html,
        "<section id=\"preview\" aria-labelledby=\"preview-title\"><h2 id=\"preview-title\">{title}</h2><p class=\"hint\">{hint}</p>",
        title = lang.t("console-preview-title"),
        hint = lang.t(if unsaved {
            "console-preview-unsaved"
        } else {
            "console-preview-hint"
        }),
    );
    for variant in &spec.variants {
        let _ = write!(
            html,
            "<h3>{}</h3><div class=\"phones\">",
            lang.ta(
                "console-preview-variant",
                &[("variant", Arg::Str(&variant.key))]
            )
        );
        for locale in Locale::ALL {
            let Some((used, content)) = variant.content_for(locale) else {
                continue;
            };
            let key = escape(&variant.key);
            let _ = write!(
                html,
                "<figure class=\"phone\" data-variant=\"{key}\" data-locale=\"{tag}\" id=\"phone-{key}-{tag}\">\
                 <figcaption>{name}{fallback}</figcaption>\
                 <div class=\"phone-screen\" lang=\"{used}\"><p class=\"phone-bar\">{bar}</p>\
                 <div class=\"phone-alert\"><p class=\"phone-title\">{title}</p><p>{message}</p>",
                tag = locale.as_str(),
                name = escape(locale.native_name()),
                fallback = if used == locale {
                    String::new()
                } else {
                    format!(" · {}", lang.t("console-preview-fallback"))
                },
                used = used.as_str(),
                bar = t_in(used, "console-phone-bar"),
                title = escape(&content.title),
                message = escape(&content.message),
            );
            let list = |html: &mut String, label: &str, items: &mut dyn Iterator<Item = String>| {
                let items: Vec<String> = items.collect();
                if items.is_empty() {
                    return;
                }
                let _ = write!(
                    html,
                    "<p class=\"phone-label\">{}</p><ul>",
                    t_in(used, label)
                );
                for item in items {
                    let _ = write!(html, "<li>{item}</li>");
                }
                html.push_str("</ul>");
            };
            list(
                html,
                "console-phone-tips",
                &mut content.tips.iter().map(|t| escape(t)),
            );
            list(
                html,
                "console-phone-examples",
                &mut content.examples.iter().map(|t| escape(t)),
            );
            list(
                html,
                "console-phone-contacts",
                &mut content.contacts.iter().map(|c| {
                    let how: Vec<&str> = c
                        .phone
                        .iter()
                        .chain(c.url.iter())
                        .map(String::as_str)
                        .collect();
                    format!(
                        "{}: <span class=\"phone-link\">{}</span>",
                        escape(&c.label),
                        escape(&how.join(" · "))
                    )
                }),
            );
            list(
                html,
                "console-phone-resources",
                &mut content.resources.iter().map(|r| {
                    format!(
                        "{} <span class=\"phone-link\">{}</span>",
                        escape(&r.label),
                        escape(&r.url)
                    )
                }),
            );
            let _ = write!(
                html,
                "<p class=\"phone-partner\">{partner}</p></div>\
                 <p class=\"phone-actions\"><span class=\"phone-button\">{cancel}</span>\
                 <span class=\"phone-button phone-secondary\">{proceed}</span></p></div></figure>",
                partner = escape(&spec.partner),
                cancel = t_in(used, "console-phone-cancel"),
                proceed = t_in(used, "console-phone-continue"),
            );
        }
        html.push_str("</div>");
    }
    html.push_str("</section>");
}

/// `GET /console/campaigns/new`: the editor with a draft to fill in.
async fn new_page(console: Console) -> Response {
    new_response(&console, Editor::default(), None)
}

fn new_response(
    console: &Console,
    editor: Editor,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-campaign-new");
    let mut page = console.page(Some(Section::Campaigns), &title, "/console/campaigns/new");
    super::notices(&mut page, problem, None);
    if !edits(console.caller.0.role) {
        alert(&mut page.html, None, &lang.t("console-error-forbidden"));
        page.status(StatusCode::FORBIDDEN);
        return page.finish();
    }
    let document = editor
        .document
        .unwrap_or_else(|| template(console.caller.0.region.as_deref()));
    let html = &mut page.html;
    let _ = write!(html, "<p>{}</p>", lang.t("console-campaign-new-intro"));
    write_editor(
        html,
        console,
        &format!("/console/campaigns/new?lang={tag}"),
        &document,
        &editor.problems,
    );
    if editor.unsaved_preview
        && let Ok(doc) = read_document(lang, &document)
        && let Ok(spec) = Spec::from_json(&doc)
    {
        write_preview(html, lang, &spec, true);
    }
    page.finish()
}

#[derive(Debug, Default, Deserialize)]
struct EditorForm {
    csrf: Option<String>,
    #[serde(default)]
    document: String,
    #[serde(default)]
    intent: String,
}

/// The outcome of a Preview: the document's problems if it is not a valid campaign.
fn preview_problems(lang: super::Lang, text: &str) -> Vec<Problem> {
    match read_document(lang, text) {
        Err(p) => vec![p],
        Ok(doc) => match Spec::from_json(&doc) {
            Ok(_) => Vec::new(),
            Err(e) => vec![Problem {
                field: e.path.clone(),
                text: format!("<span lang=\"en\">{}</span>", escape(&e.message)),
            }],
        },
    }
}

/// What an editor form asks for, once its token and document are read.
enum Submitted {
    /// Save this document.
    Save(Value, Editor),
    /// Show the editor again: a preview (with a notice), or a problem.
    Again(Editor, Option<String>, Option<(StatusCode, String)>),
}

/// Checks an editor form: its token, then Preview (re-renders, saves nothing) or the
/// document to save.
fn submitted(
    state: &AppState,
    console: &Console,
    headers: &HeaderMap,
    form: EditorForm,
) -> Submitted {
    let lang = console.lang;
    let mut editor = Editor {
        document: Some(form.document.clone()),
        ..Editor::default()
    };
    if !state
        .csrf
        .accepts(headers, form.csrf.as_deref(), "console campaign editor")
    {
        let problem = (StatusCode::FORBIDDEN, lang.t("ui-form-expired"));
        return Submitted::Again(editor, None, Some(problem));
    }
    if form.intent != "save" {
        editor.problems = preview_problems(lang, &form.document);
        editor.unsaved_preview = editor.problems.is_empty();
        let done = editor
            .unsaved_preview
            .then(|| lang.t("console-preview-not-saved"));
        return Submitted::Again(editor, done, None);
    }
    match read_document(lang, &form.document) {
        Ok(doc) => Submitted::Save(doc, editor),
        Err(p) => {
            editor.problems.push(p);
            let problem = (
                StatusCode::UNPROCESSABLE_ENTITY,
                lang.t("console-error-invalid"),
            );
            Submitted::Again(editor, None, Some(problem))
        }
    }
}

/// A saved document leads back to its campaign, saying what was done (`pending`: the
/// revision that waits for an admin).
fn to_campaign(lang: super::Lang, id: i64, done: &str, revision: Option<i64>) -> Response {
    let revision = revision
        .map(|r| format!("&revision={r}"))
        .unwrap_or_default();
    see_other(&format!(
        "/console/campaigns/{id}?done={done}{revision}&lang={}",
        lang.tag()
    ))
}

/// A refused document: its problems into the editor, and the page's status and alert.
fn refused(lang: super::Lang, e: service::Error, editor: &mut Editor) -> (StatusCode, String) {
    if let Some(found) = problems(lang, &e) {
        editor.problems = found;
    }
    let api = ApiError::from(e);
    (api.status(), error_text(lang, &api))
}

/// `POST /console/campaigns/new`: Preview re-renders; Save is `create_campaign` (a
/// partner's active campaign is created as a draft with its activation pending).
async fn create(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    form: Result<Form<EditorForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    let (doc, mut editor) = match submitted(&state, &console, &headers, form) {
        Submitted::Save(doc, editor) => (doc, editor),
        Submitted::Again(editor, _, problem) => return new_response(&console, editor, problem),
    };
    match state
        .service
        .create_campaign(&console.principal, &doc)
        .await
    {
        Ok(Created::Done(c)) => to_campaign(lang, c.id, "created", None),
        Ok(Created::Pending(p)) => to_campaign(lang, p.campaign.id, "pending", Some(p.revision.id)),
        Err(e) => {
            let problem = refused(lang, e, &mut editor);
            new_response(&console, editor, Some(problem))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct CampaignQuery {
    done: Option<String>,
    revision: Option<i64>,
}

/// What a redirect back to a campaign says was done.
const DONE: [&str; 4] = ["created", "saved", "pending", "status"];

/// `GET /console/campaigns/{id}`: the campaign, its status controls, its pending
/// revisions, the editor and the preview.
async fn campaign_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    Path(raw): Path<String>,
    query: Result<Query<CampaignQuery>, QueryRejection>,
) -> Response {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let lang = console.lang;
    let done = q.done.as_deref().filter(|d| DONE.contains(d)).map(|d| {
        if d == "pending" {
            lang.ta(
                "console-campaign-done-pending",
                &[("revision", Arg::Num(q.revision.unwrap_or_default()))],
            )
        } else {
            lang.t(&format!("console-campaign-done-{d}"))
        }
    });
    campaign_response(&state, &console, &raw, Editor::default(), done, None).await
}

async fn campaign_response(
    state: &AppState,
    console: &Console,
    raw: &str,
    editor: Editor,
    done: Option<String>,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-campaigns-title");
    let here = format!("/console/campaigns/{}", escape(raw));
    let found = match campaign_id(raw) {
        Some(id) => state
            .service
            .campaign(&console.principal, id)
            .await
            .map_err(ApiError::from),
        None => Err(not_found()),
    };
    let c = match found {
        Ok(c) => c,
        Err(e) => return console.failure(Some(Section::Campaigns), &title, &here, &e),
    };
    let pending = state
        .service
        .list_revisions(
            &console.principal,
            &RevisionQuery {
                state: Some("pending".into()),
                campaign: Some(c.id),
                limit: Some(50),
            },
        )
        .await
        .map(|l| l.revisions)
        .unwrap_or_default();
    let mut page = console.page(Some(Section::Campaigns), &escape(&c.spec.name), &here);
    super::notices(&mut page, problem, done);
    let html = &mut page.html;
    let id = c.id;
    let s = &c.spec;
    let _ = write!(
        html,
        "<dl class=\"facts\" id=\"campaign\" data-status=\"{status}\">\
         <dt>{partner_label}</dt><dd>{partner}</dd><dt>{regions_label}</dt><dd>{regions}</dd>\
         <dt>{status_label}</dt><dd id=\"status\">{status_text}</dd>\
         <dt>{starts_label}</dt><dd>{starts}</dd><dt>{holdout_label}</dt><dd>{holdout} %</dd>\
         <dt>{updated_label}</dt><dd>{updated}</dd></dl>\
         <ul class=\"actions\"><li><a href=\"/console/campaigns/{id}/results?lang={tag}\" id=\"results-link\">{results}</a></li>\
         <li><a href=\"/console/campaigns?lang={tag}\">{all}</a></li></ul>",
        status = s.status.as_str(),
        partner_label = lang.t("console-campaign-partner"),
        partner = escape(&s.partner),
        regions_label = lang.t("console-campaign-regions"),
        regions = escape(&regions(s)),
        status_label = lang.t("console-state"),
        status_text = status_text(lang, s.status),
        starts_label = lang.t("console-campaign-starts"),
        starts = day(s.starts_at),
        holdout_label = lang.t("console-campaign-holdout"),
        holdout = s.holdout_percent,
        updated_label = lang.t("console-campaign-updated"),
        updated = escape(&c.updated_at),
        results = lang.t("console-results-nav"),
        all = lang.t("console-campaigns-title"),
    );
    if !pending.is_empty() {
        let _ = write!(
            html,
            "<section id=\"pending\"><h2>{}</h2><ul>",
            lang.t("console-revisions-pending")
        );
        for r in &pending {
            let _ = write!(
                html,
                "<li><a href=\"/console/revisions?lang={tag}#revision-{rid}\">{text}</a></li>",
                rid = r.id,
                text = lang.ta(
                    "console-revision-title",
                    &[
                        ("id", Arg::Num(r.id)),
                        ("date", Arg::Str(&day_of(&r.created_at)))
                    ]
                ),
            );
        }
        html.push_str("</ul></section>");
    }
    let editing = edits(console.caller.0.role);
    if editing && matches!(s.status, Status::Active | Status::Paused | Status::Draft) {
        let next = if s.status == Status::Active {
            "paused"
        } else {
            "active"
        };
        let _ = write!(
            html,
            "<form method=\"post\" action=\"/console/campaigns/{id}/status?lang={tag}\" id=\"status-form\">{token}\
             <button type=\"submit\" name=\"status\" value=\"{next}\" id=\"status-{next}\">{label}</button> \
             <button type=\"submit\" name=\"status\" value=\"ended\" id=\"status-ended\">{end}</button></form>",
            token = hidden_token(&console.csrf),
            label = lang.t(&format!("console-campaign-set-{next}")),
            end = lang.t("console-campaign-set-ended"),
        );
    }
    let saved = pretty(&s.to_json());
    let document = editor.document.as_deref().unwrap_or(&saved);
    if editing {
        let _ = write!(html, "<h2>{}</h2>", lang.t("console-campaign-edit"));
        write_editor(
            html,
            console,
            &format!("/console/campaigns/{id}?lang={tag}"),
            document,
            &editor.problems,
        );
    }
    let shown = if editor.unsaved_preview {
        read_document(lang, document)
            .ok()
            .and_then(|d| Spec::from_json(&d).ok())
    } else {
        None
    };
    write_preview(html, lang, shown.as_ref().unwrap_or(s), shown.is_some());
    page.finish()
}

fn day_of(rfc3339: &str) -> String {
    rfc3339.get(..10).unwrap_or(rfc3339).to_owned()
}

/// `POST /console/campaigns/{id}`: Preview re-renders the edited document; Save is
/// `change_campaign` with the patch from the stored document to the edited one (a
/// partner's change to what users see becomes a pending revision).
async fn edit(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<EditorForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let (doc, editor) = match submitted(&state, &console, &headers, form) {
        Submitted::Save(doc, editor) => (doc, editor),
        Submitted::Again(editor, done, problem) => {
            return campaign_response(&state, &console, &raw, editor, done, problem).await;
        }
    };
    let id = campaign_id(&raw).unwrap_or_default();
    let result = match state.service.campaign(&console.principal, id).await {
        Ok(current) => {
            let patch = replacement_patch(&current.spec.to_json(), &doc);
            state
                .service
                .change_campaign(&console.principal, id, &patch)
                .await
        }
        Err(e) => Err(e),
    };
    changed(&state, &console, &raw, editor, result).await
}

/// Where a change leads: back to the campaign saying what happened, or the editor
/// again with the problems.
async fn changed(
    state: &AppState,
    console: &Console,
    raw: &str,
    mut editor: Editor,
    result: service::Result<Changed>,
) -> Response {
    let lang = console.lang;
    match result {
        Ok(Changed::Done(c)) => to_campaign(lang, c.id, "saved", None),
        Ok(Changed::Pending(p)) => {
            to_campaign(lang, p.revision.campaign_id, "pending", Some(p.revision.id))
        }
        Err(e) => {
            let problem = refused(lang, e, &mut editor);
            campaign_response(state, console, raw, editor, None, Some(problem)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct StatusForm {
    csrf: Option<String>,
    #[serde(default)]
    status: String,
}

/// `POST /console/campaigns/{id}/status`: pause, activate or end, through
/// `change_campaign` (a partner's activation waits for an admin; pausing and ending
/// apply as the service decides).
async fn change_status(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<StatusForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console campaign status")
    {
        let problem = (StatusCode::FORBIDDEN, lang.t("ui-form-expired"));
        return campaign_response(
            &state,
            &console,
            &raw,
            Editor::default(),
            None,
            Some(problem),
        )
        .await;
    }
    let (Some(id), Some(status)) = (
        campaign_id(&raw),
        Status::parse(&form.status)
            .filter(|s| matches!(s, Status::Active | Status::Paused | Status::Ended)),
    ) else {
        let problem = (StatusCode::BAD_REQUEST, lang.t("console-error-invalid"));
        return campaign_response(
            &state,
            &console,
            &raw,
            Editor::default(),
            None,
            Some(problem),
        )
        .await;
    };
    let patch = serde_json::json!({ "status": status.as_str() });
    let result = state
        .service
        .change_campaign(&console.principal, id, &patch)
        .await;
    if let Ok(Changed::Done(c)) = &result {
        return to_campaign(lang, c.id, "status", None);
    }
    changed(&state, &console, &raw, Editor::default(), result).await
}

// ---------------------------------------------------------------------------------------
// Revisions waiting for approval
// ---------------------------------------------------------------------------------------

/// The decisions of the revision forms.
const DECISIONS: [&str; 2] = ["approve", "reject"];

/// What the revisions page confirms: a decision on a revision, or on a resource
/// addition (`resource-…`), with its catalogue id.
const DONE_DECISIONS: [(&str, &str); 4] = [
    ("approve", "console-revision-done-approve"),
    ("reject", "console-revision-done-reject"),
    ("resource-approve", "console-resource-done-approve"),
    ("resource-reject", "console-resource-done-reject"),
];

/// `GET /console/revisions`: the pending revisions the caller may see (a partner: its
/// region's), each with its diff, then the pending partner-resource additions (staff);
/// another admin approves or rejects, an author withdraws its own.
async fn revisions_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> Response {
    let done = query.ok().and_then(|Query(q)| q.done);
    revisions_response(&state, &console, done.as_deref(), None, &[]).await
}

async fn revisions_response(
    state: &AppState,
    console: &Console,
    done: Option<&str>,
    problem: Option<(StatusCode, String)>,
    refused: &[Problem],
) -> Response {
    let lang = console.lang;
    let title = lang.t("console-revisions-title");
    let here = "/console/revisions";
    let q = RevisionQuery {
        state: Some("pending".into()),
        campaign: None,
        limit: Some(50),
    };
    let list = match state.service.list_revisions(&console.principal, &q).await {
        Ok(list) => list.revisions,
        Err(e) => return console.failure(Some(Section::Campaigns), &title, here, &e.into()),
    };
    let additions = if matches!(console.caller.0.role, Role::Admin | Role::Analyst) {
        let q = ResourceAdditionQuery {
            state: Some("pending".into()),
            limit: Some(50),
        };
        match state
            .service
            .list_resource_additions(&console.principal, &q)
            .await
        {
            Ok(list) => list.additions,
            Err(e) => return console.failure(Some(Section::Campaigns), &title, here, &e.into()),
        }
    } else {
        Vec::new()
    };
    let mut page = console.page(Some(Section::Campaigns), &title, here);
    super::notices(
        &mut page,
        problem,
        done.and_then(|d| DONE_DECISIONS.iter().find(|(k, _)| *k == d))
            .map(|(_, id)| lang.t(id)),
    );
    let html = &mut page.html;
    if !refused.is_empty() {
        html.push_str("<ul id=\"revision-problems\" class=\"error\">");
        for p in refused {
            let _ = write!(
                html,
                "<li data-field=\"{field}\"><code>{field}</code>: {text}</li>",
                field = escape(&p.field),
                text = p.text
            );
        }
        html.push_str("</ul>");
    }
    let _ = write!(html, "<p>{}</p>", lang.t("console-revisions-intro"));
    if list.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
    }
    for r in &list {
        write_revision(html, console, r);
    }
    if !additions.is_empty() {
        let _ = write!(
            html,
            "<section id=\"resource-additions\"><h2>{}</h2><p>{}</p>",
            lang.t("console-resources-pending"),
            lang.t("console-resources-intro")
        );
        for a in &additions {
            write_addition(html, console, a);
        }
        html.push_str("</section>");
    }
    page.finish()
}

/// One pending partner-resource addition: who proposed it, what it lists, and the
/// forms its reader may use (another admin: approve or reject; its author: withdraw).
fn write_addition(html: &mut String, console: &Console, a: &ResourceAdditionView) {
    let lang = console.lang;
    let tag = lang.tag();
    let own = a.author.key_id == Some(console.caller.0.id);
    let _ = write!(
        html,
        "<section class=\"report\" id=\"addition-{id}\" data-addition=\"{id}\" data-own=\"{own}\">\
         <h3>{heading}</h3><p>{by}</p><dl class=\"facts\"><dt>{value_label}</dt><dd><code>{key}</code></dd>\
         <dt>{label_label}</dt><dd>{label}</dd></dl>",
        id = a.id,
        heading = lang.ta(
            "console-resource-title",
            &[
                ("id", Arg::Num(a.id)),
                ("date", Arg::Str(&day_of(&a.created_at)))
            ]
        ),
        by = lang.ta(
            "console-proposal-by",
            &[
                ("role", Arg::Str(&author_role(lang, &a.author.role))),
                ("id", Arg::Num(a.author.key_id.unwrap_or_default())),
                ("date", Arg::Str(&day_of(&a.created_at))),
            ]
        ),
        value_label = lang.t("console-resource-value"),
        key = escape(&a.key),
        label_label = lang.t("console-resource-label"),
        label = escape(&a.label),
    );
    if console.caller.0.role != Role::Admin {
        html.push_str("</section>");
        return;
    }
    if own {
        let _ = write!(
            html,
            "<p class=\"hint\" id=\"addition-own-{}\">{}</p>",
            a.id,
            lang.t("console-resource-own")
        );
    }
    let decisions: &[&str] = if own { &["reject"] } else { &DECISIONS };
    DecisionForm {
        action: format!("/console/resource-additions/{}?lang={tag}", a.id),
        id: a.id,
        prefix: "addition-",
        max_note: service::proposals::MAX_NOTE_CHARS,
        field: "decision",
        buttons: decisions,
        labels: if own {
            "console-resource-withdraw"
        } else {
            "console-resource"
        },
    }
    .write(html, console);
    html.push_str("</section>");
}

/// One pending revision: who proposed it, its diff field by field, and the forms its
/// reader may use.
fn write_revision(html: &mut String, console: &Console, r: &RevisionView) {
    let lang = console.lang;
    let tag = lang.tag();
    let _ = write!(
        html,
        "<section class=\"report\" id=\"revision-{id}\" data-revision=\"{id}\" data-campaign=\"{cid}\">\
         <h2>{heading}</h2><p><a href=\"/console/campaigns/{cid}?lang={tag}\">{name}</a></p><p>{by}</p>",
        id = r.id,
        cid = r.campaign_id,
        heading = lang.ta(
            "console-revision-title",
            &[
                ("id", Arg::Num(r.id)),
                ("date", Arg::Str(&day_of(&r.created_at)))
            ]
        ),
        name = escape(&r.campaign.name),
        by = lang.ta(
            "console-proposal-by",
            &[
                ("role", Arg::Str(&author_role(lang, &r.author.role))),
                ("id", Arg::Num(r.author.key_id.unwrap_or_default())),
                ("date", Arg::Str(&day_of(&r.created_at))),
            ]
        ),
    );
    if let Some(diff) = &r.diff {
        let _ = write!(
            html,
            "<table class=\"revision-diff\"><caption>{caption}</caption><thead><tr><th scope=\"col\">{field}</th>\
             <th scope=\"col\">{from}</th><th scope=\"col\">{to}</th></tr></thead><tbody>",
            caption = lang.t("console-proposal-diff"),
            field = lang.t("console-revision-field"),
            from = lang.t("console-revision-from"),
            to = lang.t("console-revision-to"),
        );
        for (field, change) in diff {
            let _ = write!(
                html,
                "<tr data-field=\"{field}\"><th scope=\"row\">{field}</th><td><pre class=\"message\">{from}</pre></td>\
                 <td><pre class=\"message\">{to}</pre></td></tr>",
                field = escape(field),
                from = escape(&pretty(&change.from)),
                to = escape(&pretty(&change.to)),
            );
        }
        html.push_str("</tbody></table>");
    }
    let role = console.caller.0.role;
    let own = r.author.key_id == Some(console.caller.0.id);
    // Two people: its author (an admin too) may only withdraw it.
    let decisions: Vec<&str> = DECISIONS
        .into_iter()
        .filter(|d| match role {
            Role::Admin | Role::Partner if own => *d == "reject",
            Role::Admin => true,
            _ => false,
        })
        .collect();
    if own && role == Role::Admin {
        let _ = write!(
            html,
            "<p class=\"hint\" id=\"revision-own-{}\">{}</p>",
            r.id,
            lang.t("console-revision-own")
        );
    }
    if !decisions.is_empty() {
        let labels = if own {
            "console-revision-withdraw"
        } else {
            "console-revision"
        };
        DecisionForm {
            action: format!("/console/revisions/{}?lang={tag}", r.id),
            id: r.id,
            prefix: "",
            max_note: service::proposals::MAX_NOTE_CHARS,
            field: "decision",
            buttons: &decisions,
            labels,
        }
        .write(html, console);
    }
    let _ = write!(
        html,
        "<details><summary>{}</summary>",
        lang.t("console-revision-preview")
    );
    write_preview(html, lang, &r.campaign, true);
    html.push_str("</details></section>");
}

#[derive(Debug, Default, Deserialize)]
struct RevisionForm {
    csrf: Option<String>,
    #[serde(default)]
    decision: String,
    note: Option<String>,
}

/// `POST /console/revisions/{id}`: `approve_revision` (another admin than its author;
/// the content is checked again) or `reject_revision` (admins, or an author withdrawing
/// its own).
async fn revision_decision(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<RevisionForm>, FormRejection>,
) -> Response {
    let (approve, note) = match decision_form(&state, &console, &headers, form, "revision") {
        Ok(read) => read,
        Err(problem) => {
            return revisions_response(&state, &console, None, Some(problem), &[]).await;
        }
    };
    let (service, by) = (&state.service, &console.principal);
    let result = if approve {
        service.approve_revision(by, id, note.as_deref()).await
    } else {
        service.reject_revision(by, id, note.as_deref()).await
    };
    decided(
        &state,
        &console,
        result.map(drop),
        approve,
        "",
        "console-revision-conflict",
    )
    .await
}

/// `POST /console/resource-additions/{id}`: `approve_resource_addition` (another admin;
/// the value is checked again) or `reject_resource_addition` (an admin, its author
/// withdrawing it), then back to the revisions page.
async fn addition_decision(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<RevisionForm>, FormRejection>,
) -> Response {
    let (approve, note) = match decision_form(&state, &console, &headers, form, "resource addition")
    {
        Ok(read) => read,
        Err(problem) => {
            return revisions_response(&state, &console, None, Some(problem), &[]).await;
        }
    };
    let (service, by) = (&state.service, &console.principal);
    let result = if approve {
        service
            .approve_resource_addition(by, id, note.as_deref())
            .await
    } else {
        service
            .reject_resource_addition(by, id, note.as_deref())
            .await
    };
    decided(
        &state,
        &console,
        result.map(drop),
        approve,
        "resource-",
        "console-resource-conflict",
    )
    .await
}

/// A decision form read: its token checked (`what` names the form in the log), then
/// whether it approves (else rejects) and its note; or the problem to show.
fn decision_form(
    state: &AppState,
    console: &Console,
    headers: &HeaderMap,
    form: Result<Form<RevisionForm>, FormRejection>,
    what: &str,
) -> Result<(bool, Option<String>), (StatusCode, String)> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    if !state.csrf.accepts(
        headers,
        form.csrf.as_deref(),
        &format!("console {what} decision"),
    ) {
        return Err((StatusCode::FORBIDDEN, lang.t("ui-form-expired")));
    }
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err((StatusCode::BAD_REQUEST, lang.t("console-error-invalid"))),
    };
    let note = form
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    Ok((approve, note))
}

/// Where a decision leads: the revisions page saying what was done (`done` prefixed
/// by `kind`), or the page again with the refusal (`conflict`: the text of a `409`)
/// and the fields of refused content.
async fn decided(
    state: &AppState,
    console: &Console,
    result: service::Result<()>,
    approve: bool,
    kind: &str,
    conflict: &str,
) -> Response {
    let lang = console.lang;
    match result {
        Ok(()) => see_other(&format!(
            "/console/revisions?done={kind}{}&lang={}",
            if approve { "approve" } else { "reject" },
            lang.tag()
        )),
        Err(e) => {
            let refused = problems(lang, &e).unwrap_or_default();
            let api = ApiError::from(e);
            let text = if api.status() == StatusCode::CONFLICT {
                lang.t(conflict)
            } else {
                error_text(lang, &api)
            };
            revisions_response(state, console, None, Some((api.status(), text)), &refused).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------

/// The two rates charted, by their catalogue suffix.
const METRICS: [&str; 2] = ["reconsidered", "cancelled"];

fn metric(g: &Group, name: &str) -> Proportion {
    if name == "cancelled" {
        g.cancelled
    } else {
        g.reconsidered
    }
}

fn point(p: &Proportion) -> Option<Point> {
    match (p.rate, p.ci95) {
        (Some(rate), Some([lo, hi])) => Some(Point { rate, lo, hi }),
        _ => None,
    }
}

fn percent(v: f64) -> String {
    format!("{:.1} %", v * 100.0)
}

/// A rate with its interval and denominator, as text.
fn rate_text(p: &Proportion, n: u64) -> String {
    match (p.rate, p.ci95) {
        (Some(r), Some([lo, hi])) => format!(
            "{} ({}–{}) · {}/{n}",
            percent(r),
            percent(lo),
            percent(hi),
            p.count
        ),
        _ => "–".to_owned(),
    }
}

/// The label of a breakdown row: its day, variant or exposure number.
fn row_label(b: &Breakdown) -> String {
    match (&b.day, &b.variant, b.exposure) {
        (Some(d), _, _) => d.clone(),
        (_, Some(v), _) => v.clone(),
        (_, _, Some(e)) if b.and_later => format!("{e}+"),
        (_, _, Some(e)) => e.to_string(),
        _ => String::new(),
    }
}

/// `GET /console/campaigns/{id}/results`: exposed against holdout with intervals, and
/// the charts: the rates over time with their bands, by variant, and by exposure number
/// (habituation). A partner sees its region's campaigns only (`campaign_stats`).
async fn results_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    Path(raw): Path<String>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let here = format!("/console/campaigns/{}/results", escape(&raw));
    let title = lang.t("console-results-nav");
    let found = match campaign_id(&raw) {
        Some(id) => state
            .service
            .campaign_stats(&console.principal, id)
            .await
            .map_err(ApiError::from),
        None => Err(not_found()),
    };
    let (c, stats) = match found {
        Ok(found) => found,
        Err(e) => return console.failure(Some(Section::Campaigns), &title, &here, &e),
    };
    let title = lang.ta("console-results-title", &[("name", Arg::Str(&c.spec.name))]);
    let mut page = console.page(Some(Section::Campaigns), &title, &here);
    let html = &mut page.html;
    let id = c.id;
    let _ = write!(
        html,
        "<p>{intro}</p><ul class=\"actions\"><li><a href=\"/console/campaigns/{id}?lang={tag}\">{back}</a></li>\
         <li><a href=\"/console/campaigns/{id}/results.csv?lang={tag}\" id=\"export\" download>{export}</a></li></ul>",
        intro = lang.t("console-results-intro"),
        back = lang.t("console-results-back"),
        export = lang.t("console-results-export"),
    );
    // The totals.
    let _ = write!(
        html,
        "<table id=\"totals\"><caption>{caption}</caption><thead><tr><th scope=\"col\">{arm}</th>\
         <th scope=\"col\">{screenings}</th><th scope=\"col\">{reconsidered}</th><th scope=\"col\">{cancelled}</th></tr></thead><tbody>",
        caption = lang.t("console-results-totals"),
        arm = lang.t("console-results-arm"),
        screenings = lang.t("console-results-screenings"),
        reconsidered = lang.t("console-results-reconsidered"),
        cancelled = lang.t("console-results-cancelled"),
    );
    for (arm, g) in [("exposed", &stats.exposed), ("holdout", &stats.holdout)] {
        let _ = write!(
            html,
            "<tr data-arm=\"{arm}\"><th scope=\"row\">{label}</th><td>{n}</td><td>{r}</td><td>{c}</td></tr>",
            label = lang.t(&format!("console-results-{arm}")),
            n = g.screenings,
            r = rate_text(&g.reconsidered, g.screenings),
            c = rate_text(&g.cancelled, g.screenings),
        );
    }
    let uplift = |d: &campaign::stats::Difference| match (d.difference, d.ci95) {
        (Some(v), Some([lo, hi])) => format!("{} ({}–{})", points(v), points(lo), points(hi)),
        _ => "–".to_owned(),
    };
    let _ = write!(
        html,
        "<tr data-arm=\"uplift\"><th scope=\"row\">{label}</th><td></td><td>{r}</td><td>{c}</td></tr></tbody></table>",
        label = lang.t("console-results-uplift"),
        r = uplift(&stats.uplift.reconsidered),
        c = uplift(&stats.uplift.cancelled),
    );
    if stats.exposed.screenings + stats.holdout.screenings == 0 {
        let _ = write!(
            html,
            "<p id=\"no-data\">{}</p>",
            lang.t("console-results-empty")
        );
    }
    let charts = [
        ("day", &stats.by_day, Shape::Bands),
        ("variant", &stats.by_variant, Shape::Whiskers),
        ("exposure", &stats.by_exposure, Shape::Bands),
    ];
    for (by, rows, shape) in charts {
        let _ = write!(
            html,
            "<h2>{}</h2>",
            lang.t(&format!("console-results-by-{by}"))
        );
        for m in METRICS {
            write_chart(html, lang, by, m, rows, shape);
        }
    }
    page.finish()
}

/// A difference of rates in percentage points.
fn points(v: f64) -> String {
    format!("{:+.1} pp", v * 100.0)
}

/// One chart in a `<figure>`: its caption names it (the SVG is `role="img"` labelled by
/// it), and its numbers are in a table under it.
fn write_chart(
    html: &mut String,
    lang: super::Lang,
    by: &str,
    m: &str,
    rows: &[Breakdown],
    shape: Shape,
) {
    let labels: Vec<String> = rows.iter().map(row_label).collect();
    let series = [
        Series {
            label: lang.raw("console-results-exposed"),
            color: charts::EXPOSED,
            points: rows.iter().map(|b| point(&metric(&b.exposed, m))).collect(),
        },
        Series {
            label: lang.raw("console-results-holdout"),
            color: charts::HOLDOUT,
            points: rows.iter().map(|b| point(&metric(&b.holdout, m))).collect(),
        },
    ];
    let id = format!("chart-{by}-{m}");
    let y_label = lang.raw(&format!("console-results-{m}"));
    let svg = charts::svg(&labels, &y_label, &series, shape).replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-labelledby=\"{id}-caption\" focusable=\"false\" "),
        1,
    );
    let _ = write!(
        html,
        "<figure class=\"chart\" id=\"{id}\"><figcaption id=\"{id}-caption\">{caption}</figcaption>{svg}\
         <details><summary>{numbers}</summary><table><thead><tr><th scope=\"col\">{col}</th>\
         <th scope=\"col\">{exposed}</th><th scope=\"col\">{holdout}</th></tr></thead><tbody>",
        caption = lang.t(&format!("console-results-chart-{by}-{m}")),
        numbers = lang.t("console-results-numbers"),
        col = lang.t(&format!("console-results-col-{by}")),
        exposed = lang.t("console-results-exposed"),
        holdout = lang.t("console-results-holdout"),
    );
    for (b, label) in rows.iter().zip(&labels) {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(label),
            rate_text(&metric(&b.exposed, m), b.exposed.screenings),
            rate_text(&metric(&b.holdout, m), b.holdout.screenings),
        );
    }
    html.push_str("</tbody></table></details></figure>");
}

/// `GET /console/campaigns/{id}/results.csv`: the same figures as CSV (one row per
/// breakdown and arm), limited like the page.
async fn results_csv(
    State(state): State<Arc<AppState>>,
    console: Console,
    Path(raw): Path<String>,
) -> Response {
    let found = match campaign_id(&raw) {
        Some(id) => state
            .service
            .campaign_stats(&console.principal, id)
            .await
            .map_err(ApiError::from),
        None => Err(not_found()),
    };
    let (c, stats) = match found {
        Ok(found) => found,
        Err(e) => {
            let title = console.lang.t("console-results-nav");
            let here = format!("/console/campaigns/{}/results", escape(&raw));
            return console.failure(Some(Section::Campaigns), &title, &here, &e);
        }
    };
    let csv = results_as_csv(&stats);
    let mut response = (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        csv,
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"campaign-{}-results.csv\"",
        c.id
    )) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    for cookie in &console.cookies {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}

/// The columns of the export.
const CSV_HEADER: &str = "breakdown,key,arm,screenings,shown,reconsidered,reconsidered_rate,\
reconsidered_ci_low,reconsidered_ci_high,cancelled,cancelled_rate,cancelled_ci_low,\
cancelled_ci_high,reviewed,proceeded,reported\n";

fn results_as_csv(stats: &campaign::Stats) -> String {
    let mut out = String::from(CSV_HEADER);
    let mut row = |breakdown: &str, key: &str, arm: &str, g: &Group| {
        let num = |v: Option<f64>| v.map(|v| format!("{v:.6}")).unwrap_or_default();
        let rate = |p: &Proportion| {
            format!(
                "{},{},{},{}",
                p.count,
                num(p.rate),
                num(p.ci95.map(|c| c[0])),
                num(p.ci95.map(|c| c[1]))
            )
        };
        // Keys are days, numbers and variant keys (`[a-z0-9_-]`): nothing to quote, and
        // no cell starts with a formula character.
        let _ = writeln!(
            out,
            "{breakdown},{key},{arm},{},{},{},{},{},{},{}",
            g.screenings,
            g.shown,
            rate(&g.reconsidered),
            rate(&g.cancelled),
            g.reviewed.count,
            g.proceeded.count,
            g.reported.count,
        );
    };
    row("total", "", "exposed", &stats.exposed);
    row("total", "", "holdout", &stats.holdout);
    for (name, rows) in [
        ("day", &stats.by_day),
        ("variant", &stats.by_variant),
        ("exposure", &stats.by_exposure),
    ] {
        for b in rows {
            let key = row_label(b);
            row(name, &key, "exposed", &b.exposed);
            row(name, &key, "holdout", &b.holdout);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_patch_replaces_the_document_field_by_field() {
        let old = json!({"name": "a", "ends_at": "2026-01-01T00:00:00Z",
                         "targeting": {"trigger": "risk", "min_risk": "high"}, "variants": [1, 2]});
        let new = json!({"name": "b", "targeting": {"trigger": "all"}, "variants": [3]});
        assert_eq!(
            replacement_patch(&old, &new),
            json!({"name": "b", "ends_at": null,
                   "targeting": {"trigger": "all", "min_risk": null}, "variants": [3]})
        );
    }

    #[test]
    fn a_model_refusal_names_its_field() {
        let p = spec_problem("variants[0].content.en.title: must not be empty");
        assert_eq!(p.field, "variants[0].content.en.title");
        assert!(p.text.contains("must not be empty"));
        let p = spec_problem("<b>odd</b>");
        assert_eq!(p.field, "(document)");
        assert!(p.text.contains("&lt;b&gt;"));
    }
}

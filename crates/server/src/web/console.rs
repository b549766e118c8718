//! The staff console under `/console`: sign in once with an API key, then a session
//! cookie ([`crate::session`]); the triage queue and its groups, the blocklist (an
//! indicator's entry, group and history; delisting) and its disputes, registry
//! proposals, and the audit log, by role. Every page goes through the API's use cases in [`service::Service`] (their
//! role checks, a partner's region filter, their audit records), so the console can do
//! nothing the caller's key could not do over the API.
//!
//! Like the public pages: no JavaScript, every form a URL-encoded POST carrying the
//! CSRF token, then a redirect (POST-redirect-GET); every page `no-store`.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use i18n::Arg;
use serde::Deserialize;
use service::Principal;
use service::Role;
use service::proposals::{Decision, ProposalState};
use service::reports::{DisputeDecided, MAX_NOTE_CHARS, QueueQuery, Triaged};
use service::{Group, StoredReport};
use wire::{DecisionRequest, TriageRequest};

use super::{Lang, Page, day, escape, percent_encode, see_other};
use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::session::{Refusal, Session};
use crate::{ApiError, AppState};

mod campaigns;
mod charts;
mod decisions;

/// The console's routes.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/console", get(sign_in_page))
        .route("/console/sign-in", post(sign_in))
        .route("/console/sign-out", post(sign_out))
        .route("/console/triage", get(triage_page))
        .route(
            "/console/triage/{group}",
            get(group_page).post(group_action),
        )
        .route("/console/registry", get(registry_page))
        .route("/console/registry/{id}", post(registry_decision))
        .route("/console/audit", get(audit_page))
        .route("/console/blocklist", get(blocklist_page).post(delist))
        .route("/console/disputes", get(disputes_page))
        .route("/console/disputes/{id}", post(dispute_decision))
        .route("/console/decisions/{id}", post(decisions::decide))
        .merge(campaigns::routes())
}

/// Rows a console page shows at once.
const PAGE_ROWS: u32 = 50;

/// The console's sections, in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Triage,
    Blocklist,
    Disputes,
    Registry,
    Campaigns,
    Audit,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Triage,
        Section::Blocklist,
        Section::Disputes,
        Section::Registry,
        Section::Campaigns,
        Section::Audit,
    ];

    fn path(self) -> &'static str {
        match self {
            Section::Triage => "/console/triage",
            Section::Blocklist => "/console/blocklist",
            Section::Disputes => "/console/disputes",
            Section::Registry => "/console/registry",
            Section::Campaigns => "/console/campaigns",
            Section::Audit => "/console/audit",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Triage => "console-triage-nav",
            Section::Blocklist => "console-blocklist-nav",
            Section::Disputes => "console-disputes-nav",
            Section::Registry => "console-registry-nav",
            Section::Campaigns => "console-campaigns-nav",
            Section::Audit => "console-audit-nav",
        }
    }

    /// Whether `role` sees this section (the use case checks again).
    fn open_to(self, role: Role) -> bool {
        match self {
            Section::Triage | Section::Campaigns => {
                matches!(role, Role::Admin | Role::Analyst | Role::Partner)
            }
            Section::Registry | Section::Blocklist | Section::Disputes => {
                matches!(role, Role::Admin | Role::Analyst)
            }
            Section::Audit => role == Role::Admin,
        }
    }
}

/// A signed-in request: the caller, the page's language, the form token, and the
/// cookies to send back (the session's, its idle time restarted; a new CSRF cookie).
pub(crate) struct Console {
    caller: Caller,
    /// The caller as the use cases know it (the key, from the client's address).
    principal: Principal,
    lang: Lang,
    /// The form token (the HMAC of this browser's CSRF cookie).
    csrf: String,
    cookies: Vec<HeaderValue>,
}

impl FromRequestParts<Arc<AppState>> for Console {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Console, Response> {
        let lang = match Lang::from_request_parts(parts, state).await {
            Ok(lang) => lang,
            Err(never) => match never {},
        };
        let now = crate::now();
        let ended = |lang: Lang| {
            let mut r = see_other(&format!("/console?ended=1&lang={}", lang.tag()));
            r.headers_mut()
                .append(header::SET_COOKIE, state.sessions.clear_cookie());
            r
        };
        let session = match state.sessions.check(&parts.headers, now) {
            Ok(session) => session,
            Err(Refusal::Missing) => {
                return Err(see_other(&format!("/console?lang={}", lang.tag())));
            }
            Err(refusal) => {
                tracing::info!(?refusal, "console session refused");
                return Err(ended(lang));
            }
        };
        let caller = match crate::auth::resolve_hash(state, session.key_hash).await {
            Ok(Some(caller)) => caller,
            Ok(None) => {
                tracing::info!("console session of a revoked key ended");
                return Err(ended(lang));
            }
            Err(e) => return Err(plain_failure(lang, &e)),
        };
        let (csrf_cookie_value, csrf_cookie) = state.csrf.session(&parts.headers);
        let csrf = state.csrf.token(&csrf_cookie_value);
        let mut cookies: Vec<HeaderValue> = csrf_cookie.into_iter().collect();
        cookies.extend(state.sessions.set_cookie(&Session {
            active: now,
            ..session
        }));
        let client = parts.extensions.get::<ClientAddr>().map(|c| c.0);
        Ok(Console {
            principal: Principal::key(caller.0.clone(), client),
            caller,
            lang,
            csrf,
            cookies,
        })
    }
}

impl Console {
    /// Starts a console page: the sections this caller may open, the sign-out form.
    fn page(&self, current: Option<Section>, title: &str, here: &str) -> Page {
        let lang = self.lang;
        let tag = lang.tag();
        let links: Vec<(String, String, bool)> = Section::ALL
            .into_iter()
            .filter(|s| s.open_to(self.caller.0.role))
            .map(|s| {
                (
                    format!("{}?lang={tag}", s.path()),
                    lang.t(s.label()),
                    current == Some(s),
                )
            })
            .collect();
        let sign_out = format!(
            "<form class=\"sign-out\" method=\"post\" action=\"/console/sign-out?lang={tag}\">{}\
             <button type=\"submit\" id=\"sign-out\">{}</button></form>",
            hidden_token(&self.csrf),
            lang.t("console-sign-out"),
        );
        let mut page = Page::with_nav(lang, &links, &sign_out, title, here);
        for c in &self.cookies {
            page.set_cookie(Some(c.clone()));
        }
        let _ = write!(
            page.html,
            "<p class=\"hint\" id=\"who\">{}</p>",
            lang.ta(
                "console-signed-in-as",
                &[
                    ("role", Arg::Str(&lang.raw(&role_label(self.caller.0.role)))),
                    ("id", Arg::Num(self.caller.0.id)),
                ]
            )
        );
        page
    }

    /// A page saying why `e` stopped the request, with its status.
    fn failure(&self, current: Option<Section>, title: &str, here: &str, e: &ApiError) -> Response {
        let mut page = self.page(current, title, here);
        super::alert(&mut page.html, None, &error_text(self.lang, e));
        page.status(e.status());
        page.finish()
    }
}

/// The hidden field carrying the form token.
fn hidden_token(csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        crate::csrf::FIELD,
        escape(csrf)
    )
}

fn role_label(role: Role) -> String {
    format!("console-role-{}", role.as_str())
}

/// A recorded role in the page's language (not escaped); as recorded when it is not a
/// key's role (`cli`).
fn author_role(lang: Lang, role: &str) -> String {
    match role.parse::<Role>() {
        Ok(role) => lang.raw(&role_label(role)),
        Err(_) => role.to_owned(),
    }
}

/// "Proposed by … (key …) on …" in the page's language (not escaped), by the message
/// `id` (with the arguments `role`, `id`, `date`).
fn proposed_by(lang: Lang, id: &str, (role, key): (&str, Option<i64>), at: i64) -> String {
    lang.ta(
        id,
        &[
            ("role", Arg::Str(&author_role(lang, role))),
            ("id", Arg::Num(key.unwrap_or_default())),
            ("date", Arg::Str(&day(at))),
        ],
    )
}

/// What to tell the user about a refused or failed action, in the page's language.
fn error_text(lang: Lang, e: &ApiError) -> String {
    let id = match e.status() {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "console-error-invalid",
        StatusCode::FORBIDDEN => "console-error-forbidden",
        StatusCode::NOT_FOUND => "console-error-not-found",
        StatusCode::CONFLICT => "console-error-conflict",
        StatusCode::TOO_MANY_REQUESTS => "console-error-too-many",
        _ => "error-internal",
    };
    lang.t(id)
}

/// A form deciding one item (a proposal, a dispute): a note and one submit button per
/// decision, the decision in `field`, each button labelled `<labels>-<decision>`; the
/// element ids start with `prefix` (two kinds of items on one page).
struct DecisionForm<'a> {
    action: String,
    id: i64,
    prefix: &'a str,
    max_note: usize,
    field: &'a str,
    buttons: &'a [&'a str],
    labels: &'a str,
}

impl DecisionForm<'_> {
    fn write(&self, html: &mut String, console: &Console) {
        let lang = console.lang;
        let id = self.id;
        let _ = write!(
            html,
            "<form method=\"post\" action=\"{action}\">\
             <div class=\"field\"><label for=\"{prefix}note-{id}\">{note}</label>\
             <textarea id=\"{prefix}note-{id}\" name=\"note\" rows=\"2\" maxlength=\"{max}\"></textarea></div>{token}<div class=\"search\">",
            prefix = self.prefix,
            action = escape(&self.action),
            note = lang.t("console-note-label"),
            max = self.max_note,
            token = hidden_token(&console.csrf),
        );
        for decision in self.buttons {
            let _ = write!(
                html,
                "<button type=\"submit\" name=\"{field}\" value=\"{decision}\" id=\"{prefix}{decision}-{id}\">{label}</button>",
                prefix = self.prefix,
                field = self.field,
                label = lang.t(&format!("{}-{decision}", self.labels)),
            );
        }
        html.push_str("</div></form>");
    }
}

/// A failure before the caller is known: a page without the console's navigation.
fn plain_failure(lang: Lang, e: &ApiError) -> Response {
    let mut page = Page::with_nav(lang, &[], "", &lang.t("console-title"), "/console");
    super::alert(&mut page.html, None, &error_text(lang, e));
    page.status(e.status());
    page.finish()
}

// ---------------------------------------------------------------------------------------
// Signing in and out
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
struct SignInQuery {
    ended: Option<String>,
    signed_out: Option<String>,
}

/// `GET /console`: the sign-in form, or the triage queue when signed in.
async fn sign_in_page(
    State(state): State<Arc<AppState>>,
    lang: Lang,
    console: Result<Console, Response>,
    headers: HeaderMap,
    query: Result<Query<SignInQuery>, QueryRejection>,
) -> Response {
    if let Ok(console) = console {
        return see_other(&format!("/console/triage?lang={}", console.lang.tag()));
    }
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let notice = if query.ended.is_some() {
        Some(lang.t("console-session-ended"))
    } else if query.signed_out.is_some() {
        Some(lang.t("console-signed-out"))
    } else {
        None
    };
    sign_in_form(&state, lang, &headers, StatusCode::OK, notice, None)
}

/// The sign-in form, with a notice (`role=status`) or an error (`role=alert`).
fn sign_in_form(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let (csrf_cookie, cookie) = state.csrf.session(headers);
    let csrf = state.csrf.token(&csrf_cookie);
    let mut page = Page::with_nav(lang, &[], "", &lang.t("console-sign-in-title"), "/console");
    page.set_cookie(cookie);
    page.status(status);
    let html = &mut page.html;
    if let Some(notice) = notice {
        let _ = write!(
            html,
            "<p class=\"notice\" role=\"status\" id=\"notice\">{notice}</p>"
        );
    }
    let _ = write!(html, "<p>{}</p>", lang.t("console-sign-in-intro"));
    if let Some(error) = &error {
        super::alert(html, None, error);
    }
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/console/sign-in?lang={tag}\">\
         <div class=\"field\"><label for=\"key\">{label}</label>\
         <p class=\"hint\" id=\"key-hint\">{hint}</p>\
         <input type=\"password\" id=\"key\" name=\"key\" required autocomplete=\"current-password\" \
         spellcheck=\"false\" aria-describedby=\"key-hint\"{invalid}></div>{token}\
         <button type=\"submit\" id=\"sign-in\">{submit}</button></form>",
        tag = lang.tag(),
        label = lang.t("console-key-label"),
        hint = lang.t("console-key-hint"),
        invalid = if error.is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        },
        token = hidden_token(&csrf),
        submit = lang.t("console-sign-in"),
    );
    page.finish()
}

#[derive(Debug, Default, Deserialize)]
struct SignInForm {
    #[serde(default)]
    key: String,
    csrf: Option<String>,
}

/// `POST /console/sign-in`: checks the key as the API does and starts a session.
async fn sign_in(
    State(state): State<Arc<AppState>>,
    lang: Lang,
    headers: HeaderMap,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let refuse =
        |status, id: &str| sign_in_form(&state, lang, &headers, status, None, Some(lang.t(id)));
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console sign-in")
    {
        return refuse(StatusCode::FORBIDDEN, "ui-form-expired");
    }
    let key = form.key.trim();
    let caller = if crate::auth::has_key_shape(key) {
        match crate::auth::resolve(&state, key).await {
            Ok(caller) => caller,
            Err(e) => return plain_failure(lang, &e),
        }
    } else {
        None
    };
    let Some(caller) = caller else {
        tracing::info!("console sign-in with an unknown key");
        return refuse(StatusCode::UNAUTHORIZED, "console-sign-in-wrong");
    };
    if !Section::Triage.open_to(caller.0.role) {
        return refuse(StatusCode::FORBIDDEN, "console-sign-in-role");
    }
    let now = crate::now();
    let mut response = see_other(&format!("/console/triage?lang={}", lang.tag()));
    if let Some(cookie) = state.sessions.set_cookie(&Session {
        key_hash: crate::auth::hash_key(key),
        issued: now,
        active: now,
    }) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    tracing::info!(key_id = caller.0.id, "console sign-in");
    response
}

#[derive(Debug, Default, Deserialize)]
struct TokenForm {
    csrf: Option<String>,
}

/// `POST /console/sign-out`: clears this browser's session cookie.
async fn sign_out(
    State(state): State<Arc<AppState>>,
    lang: Lang,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console sign-out")
    {
        return sign_in_form(
            &state,
            lang,
            &headers,
            StatusCode::FORBIDDEN,
            None,
            Some(lang.t("ui-form-expired")),
        );
    }
    let mut response = see_other(&format!("/console?signed_out=1&lang={}", lang.tag()));
    response
        .headers_mut()
        .append(header::SET_COOKIE, state.sessions.clear_cookie());
    response
}

// ---------------------------------------------------------------------------------------
// Triage
// ---------------------------------------------------------------------------------------

/// The triage states an analyst filters by.
const STATES: [&str; 4] = ["new", "confirmed", "rejected", "duplicate"];

#[derive(Debug, Default, Deserialize)]
struct QueuePageQuery {
    state: Option<String>,
    offset: Option<u32>,
}

/// `GET /console/triage`: analysts and admins see the queue grouped by indicator; a
/// partner sees its region's reports, in full.
async fn triage_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<QueuePageQuery>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    if console.caller.0.role == Role::Partner {
        return region_page(&state, &console).await;
    }
    let lang = console.lang;
    let tag = lang.tag();
    let filter = query
        .state
        .filter(|s| STATES.contains(&s.as_str()))
        .unwrap_or_else(|| STATES[0].to_owned());
    let offset = query.offset.unwrap_or(0);
    let title = lang.t("console-triage-title");
    let here = format!("/console/triage?state={filter}");
    let q = QueueQuery {
        state: Some(filter.clone()),
        offset: Some(offset),
        limit: Some(PAGE_ROWS),
        ..QueueQuery::default()
    };
    let groups = match state.service.triage_queue(&console.principal, &q).await {
        Ok(groups) => groups,
        Err(e) => return console.failure(Some(Section::Triage), &title, &here, &e.into()),
    };
    let mut page = console.page(Some(Section::Triage), &title, &escape(&here));
    let html = &mut page.html;
    let _ = write!(
        html,
        "<nav class=\"tabs\" aria-label=\"{}\"><ul>",
        lang.t("console-state-filter")
    );
    for s in STATES {
        let _ = write!(
            html,
            "<li><a href=\"/console/triage?state={s}&amp;lang={tag}\"{}>{}</a></li>",
            if s == filter {
                " aria-current=\"page\""
            } else {
                ""
            },
            lang.t(&format!("console-state-{s}")),
        );
    }
    html.push_str("</ul></nav>");
    decisions::write_waiting(&state, &console, html).await;
    if groups.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
    } else {
        let _ = write!(
            html,
            "<table id=\"queue\"><caption class=\"sr-only\">{caption}</caption><thead><tr>\
             <th scope=\"col\">{indicator}</th><th scope=\"col\">{reports}</th>\
             <th scope=\"col\">{reporters}</th><th scope=\"col\">{last}</th>\
             <th scope=\"col\">{listed}</th></tr></thead><tbody>",
            caption = lang.t(&format!("console-state-{filter}")),
            indicator = lang.t("console-indicator"),
            reports = lang.t("console-reports"),
            reporters = lang.t("console-reporters"),
            last = lang.t("console-last-seen"),
            listed = lang.t("console-listed"),
        );
        for g in &groups {
            let _ = write!(
                html,
                "<tr data-key=\"{key}\"><td><a href=\"/console/triage/{id}?lang={tag}\">{key}</a>{alert}</td>\
                 <td>{reports}</td><td>{reporters}</td><td>{last}</td><td>{listed}</td></tr>",
                key = escape(&g.key),
                id = g.id,
                alert = if g.official {
                    format!(
                        " <strong class=\"error\">{}</strong>",
                        lang.t("console-alert-takeover")
                    )
                } else {
                    String::new()
                },
                reports = g.reports,
                reporters = g.reporters,
                last = day(g.last_seen),
                listed = listed_text(lang, g),
            );
        }
        html.push_str("</tbody></table>");
    }
    if u32::try_from(groups.len()).is_ok_and(|n| n == PAGE_ROWS) {
        let _ = write!(
            html,
            "<p><a href=\"/console/triage?state={filter}&amp;offset={}&amp;lang={tag}\" id=\"more\">{}</a></p>",
            offset + PAGE_ROWS,
            lang.t("console-next-page"),
        );
    }
    page.finish()
}

/// Whether and how a group's indicator is listed.
fn listed_text(lang: Lang, g: &Group) -> String {
    match g.listed {
        Some(severity) => lang.t(&format!("console-listed-{}", severity.as_str())),
        None => lang.t("console-listed-no"),
    }
}

/// A partner's view: the reports of its region, in full (the API's rule: the read is
/// audited and contacts given with consent are included).
async fn region_page(state: &AppState, console: &Console) -> Response {
    let lang = console.lang;
    let region = console.caller.0.region.clone().unwrap_or_default();
    let title = lang.ta("console-region-title", &[("region", Arg::Str(&region))]);
    let here = "/console/triage";
    let found = state
        .service
        .region_reports(&console.principal, None, None, PAGE_ROWS)
        .await;
    let reports = match found {
        Ok(reports) => reports,
        Err(e) => return console.failure(Some(Section::Triage), &title, here, &e.into()),
    };
    let mut page = console.page(Some(Section::Triage), &title, here);
    let html = &mut page.html;
    if reports.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
    }
    html.push_str("<div id=\"reports\">");
    for r in &reports {
        write_report(html, lang, r, true);
    }
    html.push_str("</div>");
    page.finish()
}

/// One report as an `<article>`: its reference, facts and text.
fn write_report(html: &mut String, lang: Lang, r: &StoredReport, with_indicators: bool) {
    let _ = write!(
        html,
        "<article class=\"report\" data-reference=\"{reference}\"><h3>{reference}</h3><dl class=\"facts\">",
        reference = escape(&r.reference),
    );
    let mut fact = |label: &str, value: String| {
        let _ = write!(html, "<dt>{}</dt><dd>{value}</dd>", lang.t(label));
    };
    if with_indicators {
        fact("console-indicator", escape(&r.keys.join(", ")));
    }
    fact("console-received", day(r.received_at));
    if let Some(channel) = &r.channel {
        fact("console-channel", lang.t(&format!("channel-{channel}")));
    }
    if let Some(region) = &r.region {
        fact("console-region", escape(region));
    }
    if let Some(at) = r.occurred_at {
        fact("console-occurred", day(at));
    }
    if let Some(amount) = &r.loss_amount {
        let asset = r.loss_asset.as_deref().unwrap_or("");
        fact("console-loss", escape(&format!("{amount} {asset}")));
    }
    if let Some(contact) = &r.contact {
        fact("console-contact", escape(contact));
    }
    html.push_str("</dl>");
    match &r.text {
        Some(text) => {
            let _ = write!(html, "<p class=\"message\">{}</p>", escape(text));
        }
        None => {
            let _ = write!(html, "<p class=\"hint\">{}</p>", lang.t("console-no-text"));
        }
    }
    html.push_str("</article>");
}

/// The query of a page a form redirects back to: what was done.
#[derive(Debug, Default, Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

/// Starts a page's content with the problem of a refused action (and its status), or
/// the confirmation `done` of the last one.
fn notices(page: &mut Page, problem: Option<(StatusCode, String)>, done: Option<String>) {
    if let Some((status, text)) = problem {
        super::alert(&mut page.html, None, &text);
        page.status(status);
    }
    if let Some(done) = done {
        let _ = write!(
            page.html,
            "<p class=\"notice\" role=\"status\" id=\"done\">{done}</p>"
        );
    }
}

/// The actions of the group form.
const ACTIONS: [&str; 4] = ["confirm", "reject", "duplicate", "reopen"];

/// `GET /console/triage/{group}`: a group, its reports and the action form.
async fn group_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    Path(target): Path<String>,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> Response {
    let done = query.ok().and_then(|Query(q)| q.done);
    group_response(&state, &console, &target, done.as_deref(), None).await
}

/// The group page, with a notice of what was done or the problem of an action.
async fn group_response(
    state: &AppState,
    console: &Console,
    target: &str,
    done: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let here = format!("/console/triage/{}", percent_encode(target));
    let found = state
        .service
        .group_with_reports(&console.principal, target, None, 100)
        .await;
    let (group, reports) = match found {
        Ok(found) => found,
        Err(e) => {
            let title = lang.t("console-triage-title");
            return console.failure(Some(Section::Triage), &title, &escape(&here), &e.into());
        }
    };
    // The decision waiting for review on this group, if any; a failure to read it
    // shows the action form, which the use case would refuse while one waits.
    let pending = state
        .service
        .pending_decision(&console.principal, &group.key)
        .await
        .ok()
        .flatten();
    let title = lang.ta(
        "console-group-title",
        &[("indicator", Arg::Str(&group.key))],
    );
    let mut page = console.page(Some(Section::Triage), &title, &escape(&here));
    notices(
        &mut page,
        problem,
        done.filter(|d| ACTIONS.contains(d) || decisions::DONE.contains(d))
            .map(|done| lang.t(&format!("console-done-{done}"))),
    );
    let html = &mut page.html;
    let _ = write!(
        html,
        "<dl class=\"facts\" id=\"group\" data-state=\"{state}\">\
         <dt>{state_label}</dt><dd>{state_text}</dd>\
         <dt>{reports_label}</dt><dd>{reports}</dd><dt>{reporters_label}</dt><dd>{reporters}</dd>\
         <dt>{first_label}</dt><dd>{first}</dd><dt>{last_label}</dt><dd>{last}</dd>\
         <dt>{listed_label}</dt><dd>{listed}</dd>",
        state = group.state.as_str(),
        state_label = lang.t("console-state"),
        state_text = lang.t(&format!("console-state-{}", group.state.as_str())),
        reports_label = lang.t("console-reports"),
        reports = group.reports,
        reporters_label = lang.t("console-reporters"),
        reporters = group.reporters,
        first_label = lang.t("console-first-seen"),
        first = day(group.first_seen),
        last_label = lang.t("console-last-seen"),
        last = day(group.last_seen),
        listed_label = lang.t("console-listed"),
        listed = listed_text(lang, &group),
    );
    if let Some(of) = &group.duplicate_of {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            lang.t("console-duplicate-of"),
            escape(of)
        );
    }
    html.push_str("</dl>");
    if group.official {
        super::alert(html, None, &lang.t("console-alert-takeover-detail"));
    }
    if let Some(d) = &pending {
        decisions::write_pending(html, console, d, decisions::Back::Group);
    } else {
        write_action_form(html, console, group.id);
    }
    let _ = write!(
        html,
        "<section id=\"reports\"><h2>{}</h2>",
        lang.t("console-reports")
    );
    for r in &reports {
        write_report(html, lang, r, false);
    }
    html.push_str("</section>");
    page.finish()
}

/// The form of the actions on a group.
fn write_action_form(html: &mut String, console: &Console, id: i64) {
    let lang = console.lang;
    let tag = lang.tag();
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/console/triage/{id}?lang={tag}\" id=\"decide\">\
         <fieldset><legend>{legend}</legend>",
        legend = lang.t("console-action-legend"),
    );
    for (i, action) in ACTIONS.into_iter().enumerate() {
        let _ = write!(
            html,
            "<div class=\"field\"><label class=\"check\" for=\"action-{action}\">\
             <input type=\"radio\" id=\"action-{action}\" name=\"action\" value=\"{action}\"{checked}> {label}</label></div>",
            checked = if i == 0 { " checked" } else { "" },
            label = lang.t(&format!("console-action-{action}")),
        );
    }
    let _ = write!(
        html,
        "</fieldset><div class=\"field\"><label for=\"duplicate_of\">{dup_label}</label>\
         <p class=\"hint\" id=\"duplicate_of-hint\">{dup_hint}</p>\
         <input type=\"text\" id=\"duplicate_of\" name=\"duplicate_of\" maxlength=\"2000\" \
         spellcheck=\"false\" autocapitalize=\"off\" aria-describedby=\"duplicate_of-hint\"></div>\
         <div class=\"field\"><label for=\"note\">{note_label}</label>\
         <textarea id=\"note\" name=\"note\" rows=\"3\" maxlength=\"{max}\"></textarea></div>{token}\
         <button type=\"submit\" id=\"apply\">{submit}</button></form>",
        dup_label = lang.t("console-duplicate-label"),
        dup_hint = lang.t("console-duplicate-hint"),
        note_label = lang.t("console-note-label"),
        max = MAX_NOTE_CHARS,
        token = hidden_token(&console.csrf),
        submit = lang.t("console-action-submit"),
    );
}

#[derive(Debug, Default, Deserialize)]
struct ActionForm {
    csrf: Option<String>,
    #[serde(default)]
    action: String,
    note: Option<String>,
    duplicate_of: Option<String>,
}

/// `POST /console/triage/{group}`: the API's triage use case, then back to the group.
async fn group_action(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(target): Path<String>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console action")
    {
        let problem = (StatusCode::FORBIDDEN, console.lang.t("ui-form-expired"));
        return group_response(&state, &console, &target, None, Some(problem)).await;
    }
    // Only the form's actions: delisting belongs to the blocklist's pages.
    if !ACTIONS.contains(&form.action.as_str()) {
        let problem = (
            StatusCode::BAD_REQUEST,
            console.lang.t("console-error-invalid"),
        );
        return group_response(&state, &console, &target, None, Some(problem)).await;
    }
    let body = TriageRequest {
        action: form.action.clone(),
        duplicate_of: form.duplicate_of.filter(|d| !d.trim().is_empty()),
        note: form.note,
        reason: None,
    };
    match state
        .service
        .triage(&console.principal, &target, &body)
        .await
        .map_err(ApiError::from)
    {
        Ok(Triaged::Group(group, _)) => see_other(&format!(
            "/console/triage/{}?done={}&lang={}",
            group.id,
            form.action,
            console.lang.tag()
        )),
        Ok(Triaged::Pending(d)) => see_other(&format!(
            "/console/triage/{}?done=pending&lang={}",
            percent_encode(&d.key),
            console.lang.tag()
        )),
        Ok(Triaged::Delisted(..)) => see_other(&format!(
            "/console/triage/{}?lang={}",
            percent_encode(&target),
            console.lang.tag()
        )),
        Err(e) => {
            let problem = (e.status(), error_text(console.lang, &e));
            group_response(&state, &console, &target, None, Some(problem)).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// Registry proposals
// ---------------------------------------------------------------------------------------

/// The decisions of the proposal forms.
const DECISIONS: [&str; 2] = ["approve", "reject"];

/// `GET /console/registry`: the pending proposals with their diffs and conflicts, and
/// the forms to approve (admins) or reject them.
async fn registry_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> Response {
    let done = query.ok().and_then(|Query(q)| q.done);
    registry_response(&state, &console, done.as_deref(), None).await
}

async fn registry_response(
    state: &AppState,
    console: &Console,
    done: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-registry-title");
    let here = "/console/registry";
    let found = state
        .service
        .proposals(&console.principal, Some(ProposalState::Pending), PAGE_ROWS)
        .await;
    let mut list = match found {
        Ok(list) => list,
        Err(e) => return console.failure(Some(Section::Registry), &title, here, &e.into()),
    };
    // A hijacked official channel is urgent: proposals marking one come first (the sort
    // is stable: newest first within each group). Two people still decide.
    list.sort_by_key(|p| !marks_compromised(&p.diff));
    let mut page = console.page(Some(Section::Registry), &title, here);
    notices(
        &mut page,
        problem,
        done.filter(|d| DECISIONS.contains(d))
            .map(|done| lang.t(&format!("console-proposal-done-{done}"))),
    );
    let html = &mut page.html;
    let _ = write!(html, "<p>{}</p>", lang.t("console-registry-intro"));
    if list.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
    }
    let admin = console.caller.0.role == Role::Admin;
    for p in &list {
        let pretty = |json: &str| {
            serde_json::from_str::<serde_json::Value>(json)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_else(|_| json.to_owned())
        };
        let _ = write!(
            html,
            "<section class=\"report\" id=\"proposal-{id}\" data-proposal=\"{id}\"><h2>{heading}</h2>\
             <p>{by}</p><h3>{diff_label}</h3>{diff}",
            id = p.id,
            heading = lang.ta("console-proposal-title", &[("id", Arg::Num(p.id))]),
            by = proposed_by(
                lang,
                "console-proposal-by",
                (&p.author_role, p.author_key_id),
                p.created_at
            ),
            diff_label = lang.t("console-proposal-diff"),
            diff = registry_diff(lang, &p.diff),
        );
        if marks_compromised(&p.diff) {
            let _ = write!(
                html,
                "<p class=\"urgent\" data-urgent=\"compromised\"><strong>{}</strong></p>",
                lang.t("console-proposal-urgent")
            );
        }
        if p.conflicts.trim() != "[]" && !p.conflicts.trim().is_empty() {
            let _ = write!(
                html,
                "<h3>{}</h3><pre class=\"message\">{}</pre><p>{}</p>",
                lang.t("console-proposal-conflicts"),
                escape(&pretty(&p.conflicts)),
                lang.ta(
                    "console-proposal-override",
                    &[(
                        "reason",
                        Arg::Str(p.override_reason.as_deref().unwrap_or(""))
                    )]
                ),
            );
        }
        let decisions: Vec<&str> = DECISIONS
            .into_iter()
            .filter(|d| *d != "approve" || admin)
            .collect();
        let form = DecisionForm {
            action: format!("/console/registry/{}?lang={tag}", p.id),
            id: p.id,
            prefix: "",
            max_note: service::proposals::MAX_NOTE_CHARS,
            field: "decision",
            buttons: &decisions,
            labels: "console-proposal",
        };
        form.write(html, console);
        html.push_str("</section>");
    }
    page.finish()
}

/// Whether a stored diff marks an official channel compromised.
fn marks_compromised(stored: &str) -> bool {
    serde_json::from_str::<registry::Diff>(stored).is_ok_and(|d| d.marks_compromised())
}

/// A channel as the diff names it: its kind in the reader's language, its value, and
/// the chain of an address.
fn diff_channel(lang: Lang, kind: &str, value: &str, chain: Option<&str>) -> String {
    let kind = registry::ChannelKind::from_key(kind)
        .map_or_else(|| kind.to_owned(), |k| lang.t(&wire::channel_kind_id(k)));
    let mut shown = format!("{kind} {value}");
    if let Some(chain) = chain {
        let _ = write!(shown, " ({chain})");
    }
    shown
}

/// A proposal's diff in the reader's language: per brand, each channel made official,
/// made official again, retired or removed, marked compromised (since when, with its
/// note) or no longer compromised, with its kind named. A diff that cannot be read
/// (written by another version) is shown as it is stored.
fn registry_diff(lang: Lang, stored: &str) -> String {
    let Ok(diff) = serde_json::from_str::<registry::Diff>(stored) else {
        return format!("<pre class=\"message\">{}</pre>", escape(stored));
    };
    let mut html = String::from("<div class=\"diff\">");
    for b in &diff.brands {
        let _ = write!(html, "<h4>{}</h4><ul>", escape(&b.brand));
        for c in &b.compromised {
            let shown = diff_channel(lang, &c.kind, &c.value, c.chain.as_deref());
            let since = c.compromised_since.replace('T', " ").replace('Z', " UTC");
            let _ = write!(
                html,
                "<li data-change=\"compromised\"><del>{}</del>",
                escape(&lang.ta(
                    "console-diff-compromised",
                    &[("channel", Arg::Str(&shown)), ("since", Arg::Str(&since))]
                ))
            );
            if let Some(note) = &c.note {
                let _ = write!(
                    html,
                    "<br>{}",
                    escape(&lang.ta("console-diff-compromised-note", &[("note", Arg::Str(note))]))
                );
            }
            html.push_str("</li>");
        }
        for c in &b.recovered {
            let shown = diff_channel(lang, &c.kind, &c.value, c.chain.as_deref());
            let _ = write!(
                html,
                "<li data-change=\"recovered\"><ins>{}</ins></li>",
                escape(&lang.ta("console-diff-recovered", &[("channel", Arg::Str(&shown))]))
            );
        }
        for (id, channels) in [
            ("console-diff-added", &b.added),
            ("console-diff-reactivated", &b.reactivated),
            ("console-diff-retired", &b.retired),
            ("console-diff-removed", &b.removed),
        ] {
            for c in channels {
                let shown = diff_channel(lang, &c.kind, &c.value, c.chain.as_deref());
                let mark = if id.ends_with("added") || id.ends_with("reactivated") {
                    "ins"
                } else {
                    "del"
                };
                let _ = write!(
                    html,
                    "<li><{mark}>{}</{mark}></li>",
                    escape(&lang.ta(id, &[("channel", Arg::Str(&shown))]))
                );
            }
        }
        html.push_str("</ul>");
    }
    html.push_str("</div>");
    html
}

#[derive(Debug, Default, Deserialize)]
struct RegistryForm {
    csrf: Option<String>,
    #[serde(default)]
    decision: String,
    note: Option<String>,
}

/// `POST /console/registry/{id}`: the API's decision use case (two people: the author
/// cannot approve its own proposal), then back to the list.
async fn registry_decision(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<RegistryForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console proposal decision")
    {
        let problem = (StatusCode::FORBIDDEN, lang.t("ui-form-expired"));
        return registry_response(&state, &console, None, Some(problem)).await;
    }
    let decision = match form.decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        _ => {
            let problem = (StatusCode::BAD_REQUEST, lang.t("console-error-invalid"));
            return registry_response(&state, &console, None, Some(problem)).await;
        }
    };
    let note = form.note.as_deref();
    match state
        .service
        .decide_proposal(&console.principal, id, decision, note)
        .await
    {
        Ok(_) => see_other(&format!(
            "/console/registry?done={}&lang={}",
            form.decision,
            lang.tag()
        )),
        Err(e) => {
            let e = ApiError::from(e);
            let problem = (e.status(), error_text(lang, &e));
            registry_response(&state, &console, None, Some(problem)).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// The audit log
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
struct AuditPageQuery {
    before: Option<i64>,
}

/// `GET /console/audit`: the audit log, newest first, a page at a time (admins).
async fn audit_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<AuditPageQuery>, QueryRejection>,
) -> Response {
    let before = query.ok().and_then(|Query(q)| q.before);
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-audit-title");
    let here = "/console/audit";
    let found = state
        .service
        .audit_log(&console.principal, before, PAGE_ROWS)
        .await;
    let records = match found {
        Ok(records) => records,
        Err(e) => return console.failure(Some(Section::Audit), &title, here, &e.into()),
    };
    let mut page = console.page(Some(Section::Audit), &title, here);
    let html = &mut page.html;
    let _ = write!(
        html,
        "<table id=\"audit\"><caption class=\"sr-only\">{title}</caption><thead><tr>\
         <th scope=\"col\">{at}</th><th scope=\"col\">{who}</th><th scope=\"col\">{action}</th>\
         <th scope=\"col\">{target}</th><th scope=\"col\">{detail}</th></tr></thead><tbody>",
        at = lang.t("console-audit-at"),
        who = lang.t("console-audit-who"),
        action = lang.t("console-audit-action"),
        target = lang.t("console-audit-target"),
        detail = lang.t("console-audit-detail"),
    );
    for r in &records {
        let who = match r.key_id {
            Some(id) => format!("{} #{id}", escape(&r.role)),
            None => escape(&r.role),
        };
        let _ = write!(
            html,
            "<tr data-action=\"{action}\"><td>{at}</td><td>{who}</td><td>{action}</td><td>{target}</td><td>{detail}</td></tr>",
            at = escape(&wire::rfc3339(r.at)),
            action = escape(&r.action),
            target = escape(r.target.as_deref().unwrap_or("")),
            detail = escape(r.detail.as_deref().unwrap_or("")),
        );
    }
    html.push_str("</tbody></table>");
    if let Some(last) = records.last()
        && u32::try_from(records.len()).is_ok_and(|n| n == PAGE_ROWS)
    {
        let _ = write!(
            html,
            "<p><a href=\"/console/audit?before={}&amp;lang={tag}\" id=\"more\">{}</a></p>",
            last.id,
            lang.t("console-next-page"),
        );
    }
    page.finish()
}

// ---------------------------------------------------------------------------------------
// The blocklist and its disputes
// ---------------------------------------------------------------------------------------

/// Audit records the blocklist page shows for one indicator.
const HISTORY_ROWS: u32 = 50;

#[derive(Debug, Default, Deserialize)]
struct BlocklistQuery {
    q: Option<String>,
    done: Option<String>,
    /// History paging: records older than this audit id.
    before: Option<i64>,
}

/// `GET /console/blocklist?q=`: an indicator as the blocklist holds it (analysts,
/// admins): the entry Verify serves, its report group, its history, the delist form.
async fn blocklist_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<BlocklistQuery>, QueryRejection>,
) -> Response {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let done = q
        .done
        .as_deref()
        .filter(|d| *d == "delist" || decisions::DONE.contains(d));
    blocklist_response(&state, &console, q.q.as_deref(), done, q.before, None).await
}

async fn blocklist_response(
    state: &AppState,
    console: &Console,
    input: Option<&str>,
    done: Option<&str>,
    before: Option<i64>,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-blocklist-title");
    let here = "/console/blocklist";
    let input = input.map(str::trim).filter(|i| !i.is_empty());
    let found = match input {
        Some(i) => Some(
            state
                .service
                .listing(&console.principal, i, before, HISTORY_ROWS)
                .await
                .map_err(ApiError::from),
        ),
        None => None,
    };
    let mut page = console.page(Some(Section::Blocklist), &title, here);
    notices(
        &mut page,
        problem,
        done.map(|done| lang.t(&format!("console-done-{done}"))),
    );
    let html = &mut page.html;
    let _ = write!(
        html,
        "<p>{intro}</p><form method=\"get\" action=\"/console/blocklist\" role=\"search\" id=\"lookup\">\
         <input type=\"hidden\" name=\"lang\" value=\"{tag}\">\
         <label for=\"q\">{label}</label><div class=\"search\">\
         <input type=\"text\" id=\"q\" name=\"q\" value=\"{value}\" maxlength=\"2000\" required \
         spellcheck=\"false\" autocapitalize=\"off\" autocomplete=\"off\">\
         <button type=\"submit\" id=\"search\">{search}</button></div></form>",
        intro = lang.t("console-blocklist-intro"),
        label = lang.t("console-blocklist-search-label"),
        value = escape(input.unwrap_or("")),
        search = lang.t("console-blocklist-search"),
    );
    let listing = match found {
        None => return page.finish(),
        Some(Ok(listing)) => listing,
        Some(Err(e)) => {
            super::alert(html, None, &error_text(lang, &e));
            page.status(e.status());
            return page.finish();
        }
    };
    let _ = write!(
        html,
        "<section id=\"listing\" data-key=\"{key}\" data-listed=\"{listed}\"><h2>{key}</h2>",
        key = escape(&listing.key),
        listed = listing.entry.is_some(),
    );
    match &listing.entry {
        Some(e) => {
            let _ = write!(
                html,
                "<dl class=\"facts\" id=\"entry\" data-severity=\"{severity}\">\
                 <dt>{severity_label}</dt><dd>{severity_text}</dd>\
                 <dt>{categories_label}</dt><dd>{categories}</dd>\
                 <dt>{reports_label}</dt><dd>{reports}</dd>\
                 <dt>{first_label}</dt><dd>{first}</dd><dt>{last_label}</dt><dd>{last}</dd>\
                 <dt>{sources_label}</dt><dd>{sources}</dd></dl>",
                severity = e.severity.as_str(),
                severity_label = lang.t("console-severity"),
                severity_text = lang.t(&format!("console-severity-{}", e.severity.as_str())),
                categories_label = lang.t("console-categories"),
                categories = escape(&e.categories.join(", ")),
                reports_label = lang.t("console-reports"),
                reports = e.report_count,
                first_label = lang.t("console-first-seen"),
                first = day(e.first_seen),
                last_label = lang.t("console-last-seen"),
                last = day(e.last_seen),
                sources_label = lang.t("console-sources"),
                sources = escape(&e.sources.join(", ")),
            );
        }
        None => {
            let _ = write!(
                html,
                "<p id=\"not-listed\">{}</p>",
                lang.t("console-blocklist-not-listed")
            );
        }
    }
    if let Some(g) = &listing.group {
        let _ = write!(
            html,
            "<p><a href=\"/console/triage/{id}?lang={tag}\" id=\"group-link\">{text}</a></p>",
            id = g.id,
            text = lang.t("console-blocklist-group"),
        );
    }
    let pending = state
        .service
        .pending_decision(&console.principal, &listing.key)
        .await
        .ok()
        .flatten();
    if let Some(d) = &pending {
        decisions::write_pending(html, console, d, decisions::Back::Blocklist);
    } else if listing.entry.is_some() || listing.group.is_some() {
        let _ = write!(
            html,
            "<form method=\"post\" action=\"/console/blocklist?lang={tag}\" id=\"delist\">\
             <input type=\"hidden\" name=\"indicator\" value=\"{key}\">\
             <div class=\"field\"><label for=\"reason\">{label}</label>\
             <textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"{max}\" required></textarea></div>\
             {token}<button type=\"submit\" id=\"delist-submit\">{submit}</button></form>",
            key = escape(&listing.key),
            label = lang.t("console-delist-reason-label"),
            max = MAX_NOTE_CHARS,
            token = hidden_token(&console.csrf),
            submit = lang.t("console-delist-submit"),
        );
    }
    let _ = write!(html, "<h3>{}</h3>", lang.t("console-history"));
    if listing.history.is_empty() {
        let _ = write!(
            html,
            "<p id=\"history-empty\">{}</p>",
            lang.t("console-history-empty")
        );
    } else {
        let _ = write!(
            html,
            "<table id=\"history\"><caption class=\"sr-only\">{caption}</caption><thead><tr>\
             <th scope=\"col\">{at}</th><th scope=\"col\">{who}</th><th scope=\"col\">{action}</th>\
             <th scope=\"col\">{detail}</th></tr></thead><tbody>",
            caption = lang.t("console-history"),
            at = lang.t("console-audit-at"),
            who = lang.t("console-audit-who"),
            action = lang.t("console-audit-action"),
            detail = lang.t("console-audit-detail"),
        );
        for r in &listing.history {
            let who = escape(&author_role(lang, &r.role));
            let who = match r.key_id {
                Some(id) => format!("{who} #{id}"),
                None => who,
            };
            let _ = write!(
                html,
                "<tr data-action=\"{action}\" data-id=\"{id}\"><td>{at}</td><td>{who}</td><td>{action}</td><td>{detail}</td></tr>",
                id = r.id,
                at = escape(&wire::rfc3339(r.at)),
                action = escape(&r.action),
                detail = escape(r.detail.as_deref().unwrap_or("")),
            );
        }
        html.push_str("</tbody></table>");
        if let Some(last) = listing.history.last()
            && u32::try_from(listing.history.len()).is_ok_and(|n| n == HISTORY_ROWS)
        {
            let _ = write!(
                html,
                "<p><a href=\"/console/blocklist?q={q}&amp;before={before}&amp;lang={tag}\" id=\"history-more\">{more}</a></p>",
                q = escape(&percent_encode(&listing.key)),
                before = last.id,
                more = lang.t("console-next-page"),
            );
        }
    }
    html.push_str("</section>");
    page.finish()
}

#[derive(Debug, Default, Deserialize)]
struct DelistForm {
    csrf: Option<String>,
    #[serde(default)]
    indicator: String,
    reason: Option<String>,
}

/// `POST /console/blocklist`: the API's delist use case (`POST /v1/triage/{key}` with
/// the action `delist`: a reason required, audited), then back to the indicator.
async fn delist(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    form: Result<Form<DelistForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    let input = Some(form.indicator.as_str());
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console delist")
    {
        let problem = (StatusCode::FORBIDDEN, lang.t("ui-form-expired"));
        return blocklist_response(&state, &console, input, None, None, Some(problem)).await;
    }
    let body = TriageRequest {
        action: "delist".into(),
        duplicate_of: None,
        note: None,
        reason: form.reason,
    };
    match state
        .service
        .triage(&console.principal, &form.indicator, &body)
        .await
        .map_err(ApiError::from)
    {
        Ok(Triaged::Delisted(key, _)) => see_other(&format!(
            "/console/blocklist?q={}&done=delist&lang={}",
            percent_encode(&key),
            lang.tag()
        )),
        Ok(Triaged::Pending(d)) => see_other(&format!(
            "/console/blocklist?q={}&done=pending&lang={}",
            percent_encode(&d.key),
            lang.tag()
        )),
        Ok(Triaged::Group(..)) => {
            let problem = (StatusCode::BAD_REQUEST, lang.t("console-error-invalid"));
            blocklist_response(&state, &console, input, None, None, Some(problem)).await
        }
        Err(e) => {
            // The only field the use case can refuse here is the reason.
            let text = if matches!(
                e.status(),
                StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
            ) {
                lang.t("console-delist-invalid")
            } else {
                error_text(lang, &e)
            };
            blocklist_response(
                &state,
                &console,
                input,
                None,
                None,
                Some((e.status(), text)),
            )
            .await
        }
    }
}

/// The decisions of the dispute forms.
const DISPUTE_ACTIONS: [&str; 2] = ["uphold", "reject"];

/// `GET /console/disputes`: the open disputes, with the forms to decide them (analysts,
/// admins).
async fn disputes_page(
    State(state): State<Arc<AppState>>,
    console: Console,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> Response {
    let done = query.ok().and_then(|Query(q)| q.done);
    disputes_response(&state, &console, done.as_deref(), None).await
}

async fn disputes_response(
    state: &AppState,
    console: &Console,
    done: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> Response {
    let lang = console.lang;
    let tag = lang.tag();
    let title = lang.t("console-disputes-title");
    let here = "/console/disputes";
    let found = state
        .service
        .disputes(&console.principal, Some("open"), PAGE_ROWS)
        .await;
    let list = match found {
        Ok(list) => list,
        Err(e) => return console.failure(Some(Section::Disputes), &title, here, &e.into()),
    };
    // The upholdings waiting for a second analyst, by dispute; a failure to read them
    // shows the forms, which the use case would refuse while one waits.
    let waiting = state
        .service
        .triage_decisions(&console.principal, Some("pending"), PAGE_ROWS)
        .await
        .unwrap_or_default();
    let mut page = console.page(Some(Section::Disputes), &title, here);
    notices(
        &mut page,
        problem,
        done.and_then(|d| {
            if DISPUTE_ACTIONS.contains(&d) {
                Some(lang.t(&format!("console-dispute-done-{d}")))
            } else if decisions::DONE.contains(&d) {
                Some(lang.t(&format!("console-done-{d}")))
            } else {
                None
            }
        }),
    );
    let html = &mut page.html;
    let _ = write!(html, "<p>{}</p>", lang.t("console-disputes-intro"));
    if list.is_empty() {
        let _ = write!(
            html,
            "<p id=\"empty\">{}</p>",
            lang.t("console-queue-empty")
        );
    }
    for d in &list {
        let link = format!(
            "<a href=\"/console/blocklist?q={}&amp;lang={tag}\">{}</a>",
            escape(&percent_encode(&d.key)),
            escape(&d.key)
        );
        let _ = write!(
            html,
            "<section class=\"report\" id=\"dispute-{id}\" data-dispute=\"{id}\"><h2>{heading}</h2>\
             <p>{indicator}: {link}</p><p>{opened}</p>\
             <h3>{reason_label}</h3><pre class=\"message\">{reason}</pre>",
            id = d.id,
            heading = lang.ta(
                "console-dispute-title",
                &[("reference", Arg::Str(&d.reference))]
            ),
            indicator = lang.t("console-indicator"),
            opened = lang.ta(
                "console-dispute-opened",
                &[("date", Arg::Str(&day(d.created_at)))]
            ),
            reason_label = lang.t("console-dispute-reason"),
            reason = escape(&d.reason),
        );
        if let Some(contact) = &d.contact {
            let _ = write!(
                html,
                "<p>{}: {}</p>",
                lang.t("console-contact"),
                escape(contact)
            );
        }
        match waiting.iter().find(|w| w.dispute_id == Some(d.id)) {
            Some(w) => decisions::write_pending(html, console, w, decisions::Back::Disputes),
            None => {
                let form = DecisionForm {
                    action: format!("/console/disputes/{}?lang={tag}", d.id),
                    id: d.id,
                    prefix: "",
                    max_note: MAX_NOTE_CHARS,
                    field: "action",
                    buttons: &DISPUTE_ACTIONS,
                    labels: "console-dispute",
                };
                form.write(html, console);
            }
        }
        html.push_str("</section>");
    }
    write_decided_disputes(state, console, html).await;
    page.finish()
}

/// The latest decided disputes, newest first: what was upheld or rejected, when, and
/// the decision's note (nothing here can be changed; a mistaken decision is undone by
/// triage, which is audited).
async fn write_decided_disputes(state: &AppState, console: &Console, html: &mut String) {
    let lang = console.lang;
    let tag = lang.tag();
    let mut decided = Vec::new();
    for which in ["upheld", "rejected"] {
        // Listed as far as the caller may read them; a failure leaves the open list.
        if let Ok(list) = state
            .service
            .disputes(&console.principal, Some(which), PAGE_ROWS)
            .await
        {
            decided.extend(list);
        }
    }
    if decided.is_empty() {
        return;
    }
    decided.sort_by_key(|d| std::cmp::Reverse(d.resolved_at.unwrap_or(d.created_at)));
    decided.truncate(PAGE_ROWS as usize);
    let _ = write!(
        html,
        "<section id=\"decided\"><h2>{}</h2>",
        lang.t("console-disputes-decided")
    );
    for d in &decided {
        let outcome = match d.state.as_str() {
            "upheld" => "console-dispute-decided-upheld",
            _ => "console-dispute-decided-rejected",
        };
        let _ = write!(
            html,
            "<section class=\"report\" data-dispute=\"{id}\" data-state=\"{state}\"><h3>{heading}</h3>\
             <p>{indicator}: <a href=\"/console/blocklist?q={q}&amp;lang={tag}\">{key}</a></p>\
             <p>{outcome}</p><h4>{reason_label}</h4><pre class=\"message\">{reason}</pre>",
            id = d.id,
            state = d.state.as_str(),
            heading = lang.ta(
                "console-dispute-title",
                &[("reference", Arg::Str(&d.reference))]
            ),
            indicator = lang.t("console-indicator"),
            q = escape(&percent_encode(&d.key)),
            key = escape(&d.key),
            outcome = lang.ta(
                outcome,
                &[(
                    "date",
                    Arg::Str(&day(d.resolved_at.unwrap_or(d.created_at)))
                )]
            ),
            reason_label = lang.t("console-dispute-reason"),
            reason = escape(&d.reason),
        );
        if let Some(note) = d.resolution.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = write!(
                html,
                "<h4>{}</h4><pre class=\"message\">{}</pre>",
                lang.t("console-dispute-note"),
                escape(note)
            );
        }
        html.push_str("</section>");
    }
    html.push_str("</section>");
}

#[derive(Debug, Default, Deserialize)]
struct DisputeForm {
    csrf: Option<String>,
    #[serde(default)]
    action: String,
    note: Option<String>,
}

/// `POST /console/disputes/{id}`: the API's dispute decision (`POST /v1/disputes/{id}`:
/// decided once; upholding delists), then back to the list.
async fn dispute_decision(
    State(state): State<Arc<AppState>>,
    console: Console,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<DisputeForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = console.lang;
    if !state
        .csrf
        .accepts(&headers, form.csrf.as_deref(), "console dispute decision")
    {
        let problem = (StatusCode::FORBIDDEN, lang.t("ui-form-expired"));
        return disputes_response(&state, &console, None, Some(problem)).await;
    }
    let body = DecisionRequest {
        action: form.action.clone(),
        note: form.note,
    };
    match state
        .service
        .decide_dispute(&console.principal, id, &body)
        .await
        .map_err(ApiError::from)
    {
        Ok(DisputeDecided::Pending(_)) => see_other(&format!(
            "/console/disputes?done=pending&lang={}",
            lang.tag()
        )),
        Ok(DisputeDecided::Decided(..)) => see_other(&format!(
            "/console/disputes?done={}&lang={}",
            percent_encode(&form.action),
            lang.tag()
        )),
        Err(e) => {
            let text = if e.status() == StatusCode::CONFLICT {
                lang.t("console-dispute-conflict")
            } else {
                error_text(lang, &e)
            };
            disputes_response(&state, &console, None, Some((e.status(), text))).await
        }
    }
}

//! Scam reports, triage, the blocklist lifecycle, disputes and the audit log over HTTP.
//!
//! - `POST /v1/reports` (public, rate-limited per client): validated by
//!   [`reports::validate`], the reporter pseudonymized (HMAC-SHA256 of the client
//!   address under the reporter key of the key file, see [`crate::keyring`]), then handed to the **group-commit
//!   writer** ([`store::batch::GroupCommit`]): the answer `201` is sent only once the
//!   batch holding the report is committed, so an acknowledged report survives a crash.
//! - `GET /v1/reports` (analysts, admins, partners): a partner reads only its region,
//!   and only a partner sees contact details (given with consent). Every read is
//!   audited.
//! - `GET /v1/triage`, `GET /v1/triage/{group}`, `POST /v1/triage/{group}` (analysts,
//!   admins): the queue grouped by indicator, one group with its reports; confirm,
//!   reject, duplicate, reopen, delist.
//! - `POST /v1/disputes` (public, rate-limited), `GET /v1/disputes`,
//!   `POST /v1/disputes/{id}` (analysts, admins).
//! - `GET /v1/audit` (admins).
//!
//! Blocklist changes reach the verification index quickly: an analyst's change rebuilds
//! it before answering; an automatic listing by reports signals a background task that
//! rebuilds it within a fraction of a second, coalescing bursts.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use i18n::{Arg, Catalog, Locale};
use reports::{Action, DisputeAction, DisputeState, FieldError, Policy, State as TriageState};
use serde::Deserialize;
use serde_json::{Value, json};
use store::batch::{BatchError, GroupCommit};
use store::reports::{
    Actor, AuditRecord, Dispute, Group, GroupRef, NewDispute, NewReport, QueueFilter,
    ReportedIndicator, StoredReport,
};
use store::{Role, StoreError};
use tokio::sync::Notify;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// Who reads reports: a partner its region only ([`region_reports`]).
const READERS: &[Role] = &[Role::Admin, Role::Analyst, Role::Partner];
/// Who triages.
const TRIAGERS: &[Role] = &[Role::Admin, Role::Analyst];

/// Largest report or dispute body, in bytes.
pub const MAX_REPORT_BYTES: usize = 128 * 1024;
/// Longest dispute reason, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;
/// Longest analyst note or delisting reason, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Settings of the report pipeline.
#[derive(Debug, Clone)]
pub struct ReportSettings {
    /// Auto-listing threshold and aging TTLs.
    pub policy: Policy,
    /// Public submissions a minute per client (reports and disputes together); 0 off.
    pub per_minute: u32,
    /// Submissions a client may make at once.
    pub burst: u32,
    /// How often to expire blocklist entries without new evidence; `None` never.
    pub aging_every: Option<Duration>,
    /// Most reports committed in one transaction.
    pub max_batch: usize,
}

impl Default for ReportSettings {
    /// The default policy; 10 submissions a minute per client, 20 at once; no timed
    /// aging (run `antiscam blocklist age`, or set an interval); batches of 1,024.
    fn default() -> Self {
        ReportSettings {
            policy: Policy::default(),
            per_minute: 10,
            burst: 20,
            aging_every: None,
            max_batch: 1024,
        }
    }
}

/// What the report handlers share: the writer. (Their rate limit is the guard's
/// `Submit` class; the reporter key is in the state's secrets.)
pub(crate) struct Intake {
    writer: GroupCommit<NewReport, i64, StoreError>,
    reload: Arc<Notify>,
    settings: ReportSettings,
}

impl Intake {
    /// Starts the writer.
    pub(crate) fn new(
        store: &Arc<dyn store::Store>,
        settings: &ReportSettings,
    ) -> Result<Intake, StoreError> {
        let reload = Arc::new(Notify::new());
        let writer = {
            let store = Arc::clone(store);
            let reload = Arc::clone(&reload);
            let policy = settings.policy;
            GroupCommit::spawn(
                settings.max_batch,
                settings.max_batch * 4,
                move |batch: Vec<NewReport>| {
                    let store = Arc::clone(&store);
                    let reload = Arc::clone(&reload);
                    async move {
                        let out = store.reports().insert_reports(&batch, &policy).await?;
                        for key in &out.alerts {
                            // Official channels are public: naming one is safe to log.
                            tracing::warn!(%key, "report against an official channel: possible account takeover");
                        }
                        if out.blocklist_changed() {
                            reload.notify_one();
                        }
                        Ok(out.ids)
                    }
                },
            )
        };
        Ok(Intake {
            writer,
            reload,
            settings: settings.clone(),
        })
    }

    /// The reporter's pseudonym and its key id: HMAC-SHA256 of the client's network
    /// (IPv4 /24, IPv6 /48: one host, office or cloud block is one reporter) under the
    /// reporter key; after a key rotation, the pseudonym
    /// the store already has for this client, if any (see [`crate::keyring::resolve`]).
    async fn reporter(state: &AppState, ip: IpAddr) -> Result<([u8; 32], u16), StoreError> {
        let client = crate::client::reporter_network(ip).to_be_bytes();
        let secrets = state.secrets();
        crate::keyring::resolve(
            &secrets,
            secrets::Purpose::Reporter,
            |key| crate::keyring::hmac(key, &[b"net:", &client]),
            |candidates| async move { state.store().reports().known_reporter(&candidates).await },
        )
        .await
    }
}

/// Starts the background tasks: the coalescing index rebuilder and, if configured,
/// the aging timer. They hold only a weak reference and end with the state.
pub(crate) fn start(state: &Arc<AppState>) {
    let weak: Weak<AppState> = Arc::downgrade(state);
    let reload = Arc::clone(&state.intake.reload);
    tokio::spawn(async move {
        loop {
            reload.notified().await;
            // Let a burst of listings land in one rebuild.
            tokio::time::sleep(Duration::from_millis(100)).await;
            let Some(state) = weak.upgrade() else { break };
            if let Err(e) = state.reload().await {
                tracing::error!(error = %e, "rebuilding the index after new listings failed");
            }
        }
    });
    if let Some(every) = state.intake.settings.aging_every {
        let weak = Arc::downgrade(state);
        tokio::spawn(async move {
            let mut timer = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            loop {
                timer.tick().await;
                let Some(state) = weak.upgrade() else { break };
                let policy = state.intake.settings.policy;
                match state
                    .store()
                    .reports()
                    .expire_blocklist(now(), &policy, &Actor::system())
                    .await
                {
                    Ok(n) if n.suspected + n.confirmed > 0 => {
                        tracing::info!(
                            suspected = n.suspected,
                            confirmed = n.confirmed,
                            "blocklist entries expired"
                        );
                        if let Err(e) = state.reload().await {
                            tracing::error!(error = %e, "rebuilding the index after aging failed");
                        }
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "aging the blocklist failed"),
                }
            }
        });
    }
}

/// The routes of this module.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/reports", post(post_report).get(get_reports))
        .route("/v1/triage", get(get_triage))
        .route("/v1/triage/{group}", get(get_group).post(post_triage))
        .route("/v1/disputes", post(post_dispute).get(get_disputes))
        .route("/v1/disputes/{id}", post(post_dispute_decision))
        .route("/v1/audit", get(get_audit))
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The audit actor of an API caller.
pub(crate) fn actor(caller: &Caller, addr: SocketAddr) -> Actor {
    Actor {
        key_id: Some(caller.0.id),
        role: caller.0.role.as_str().to_owned(),
        ip: Some(addr.ip().to_string()),
    }
}

/// Maps the store errors a request can cause to responses.
fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound("no such group or dispute".into()),
        StoreError::Conflict(m) => ApiError::Conflict(m),
        other => ApiError::from(other),
    }
}

/// A random reference such as `R-7KQ2-M9XD-4TPA` (60 bits, Crockford base32: no I, L,
/// O or U to misread on the phone).
fn reference(prefix: char) -> Result<String, ApiError> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let mut n = u64::from_le_bytes(bytes);
    let mut out = String::with_capacity(16);
    out.push(prefix);
    for i in 0..12 {
        if i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[(n & 31) as usize]));
        n >>= 5;
    }
    Ok(out)
}

/// A field problem in the user's language, from the catalogue (indicator errors as
/// Verify words them); the validator's English sentence for a code it lacks.
pub(crate) fn field_message(catalog: &Catalog, locale: Locale, e: &FieldError) -> String {
    if let Some(pe) = &e.parse_error {
        return wire::error_message(catalog, locale, pe);
    }
    let id = format!("report-field-{}", e.code);
    if !catalog.has(locale, &id) {
        return e.message.clone();
    }
    let max = match e.code {
        "too_many_indicators" => reports::intake::MAX_INDICATORS,
        "text_too_long" => reports::intake::MAX_TEXT_CHARS,
        "contact_too_long" => reports::intake::MAX_CONTACT_CHARS,
        "reason_too_long" => MAX_REASON_CHARS,
        _ => 0,
    };
    catalog.message(locale, &id, &[("max", Arg::from(max))])
}

/// A field problem for the API: English keeps the validator's (more technical)
/// sentence, other languages use the catalogue.
fn field_json(catalog: &Catalog, locale: Locale, e: &FieldError) -> Value {
    let message = if locale == Locale::En && e.parse_error.is_none() {
        e.message.clone()
    } else {
        field_message(catalog, locale, e)
    };
    json!({"field": e.field, "code": e.code, "message": message})
}

fn invalid_fields(errors: &[FieldError], headers: &HeaderMap, lang: Option<&str>) -> ApiError {
    let catalog = Catalog::global();
    let locale = crate::api::locale(lang, headers);
    let summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    ApiError::Fields {
        code: "invalid_report",
        message: summary.join("; "),
        fields: errors
            .iter()
            .map(|e| field_json(catalog, locale, e))
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Intake
// ---------------------------------------------------------------------------------------

/// Parses a public body after the rate limit was charged (an extractor would parse
/// before the handler runs, making a flood cost JSON parsing).
fn parse_body<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest(e.body_text())
        }
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportBody {
    #[serde(default)]
    indicators: Vec<String>,
    text: Option<String>,
    channel: Option<String>,
    region: Option<String>,
    loss: Option<LossBody>,
    occurred_at: Option<String>,
    contact: Option<ContactBody>,
    /// The language of the answer (`en`, `zh-Hant`, `zh-Hans`).
    lang: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LossBody {
    /// A JSON number or a string.
    amount: Option<Value>,
    asset: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactBody {
    #[serde(default)]
    consent: bool,
    detail: Option<String>,
}

impl ReportBody {
    fn draft(self) -> reports::Draft {
        reports::Draft {
            indicators: self.indicators,
            text: self.text,
            channel: self.channel,
            region: self.region,
            loss: self.loss.map(|l| reports::DraftLoss {
                amount: l.amount.map(|a| match a {
                    Value::String(s) => s,
                    // A number as written (serde_json keeps integers exact); anything
                    // else as its JSON text, which the validator refuses.
                    other => other.to_string(),
                }),
                asset: l.asset,
            }),
            occurred_at: self.occurred_at,
            contact: self.contact.map(|c| reports::DraftContact {
                consent: c.consent,
                detail: c.detail,
            }),
        }
    }
}

async fn post_report(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body: ReportBody = parse_body(body)?;
    let lang = body.lang.clone();
    let locale = crate::api::locale(lang.as_deref(), &headers);
    let receipt = submit_report(&state, client, &body.draft())
        .await
        .map_err(|e| match e {
            SubmitError::Invalid(errors) => invalid_fields(&errors, &headers, lang.as_deref()),
            SubmitError::Failed(e) => e,
        })?;
    let message = Catalog::global().message(
        locale,
        "report-received",
        &[("reference", Arg::Str(&receipt.reference))],
    );
    let keys: Vec<Value> = receipt
        .indicators
        .iter()
        .map(|i| json!({"key": i.key, "official": i.official}))
        .collect();
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "reference": receipt.reference,
            "received_at": wire::rfc3339(receipt.received_at),
            "indicators": keys,
            "extracted_from_text": receipt.extracted,
            "message": message,
        })),
    ))
}

/// What a stored report gives back to its reporter.
#[derive(Debug)]
pub(crate) struct Receipt {
    /// The reporter's reference.
    pub(crate) reference: String,
    /// When it was received, Unix seconds.
    pub(crate) received_at: i64,
    /// The indicators it names, with those taken from its text.
    pub(crate) indicators: Vec<ReportedIndicator>,
    /// How many of them were taken from the text.
    pub(crate) extracted: usize,
}

/// Why a report was not stored.
#[derive(Debug)]
pub(crate) enum SubmitError {
    /// The draft's problems, field by field.
    Invalid(Vec<FieldError>),
    /// The store failed.
    Failed(ApiError),
}

impl From<ApiError> for SubmitError {
    fn from(e: ApiError) -> Self {
        SubmitError::Failed(e)
    }
}

/// The one use case of a public report, for `POST /v1/reports` and the report page
/// alike: validate the draft, name the indicators (or take them from the text),
/// pseudonymize the reporter and store it through the group-commit writer. `Ok` only
/// once the report is durable.
pub(crate) async fn submit_report(
    state: &AppState,
    client: IpAddr,
    draft: &reports::Draft,
) -> Result<Receipt, SubmitError> {
    let received_at = now();
    let index = state.index();
    let report = reports::validate(draft, index.parse_options(), received_at)
        .map_err(|e| SubmitError::Invalid(e.errors))?;

    let mut indicators: Vec<ReportedIndicator> = report
        .indicators
        .iter()
        .map(|ind| {
            let official = index.verify_indicator(ind.clone()).verdict == verify::Verdict::Official;
            ReportedIndicator {
                key: ind.key(),
                official,
                votes: reports::vote(ind, official, reports::Origin::Named).is_ok(),
            }
        })
        .collect();
    let mut extracted = 0usize;
    if indicators.is_empty()
        && let Some(text) = &report.text
    {
        // Only the text was given: take the indicators it contains, except official
        // channels (a scam message often links the real site too; that is no alert).
        let analysis = analyzer::analyze(
            &analyzer::Message {
                text,
                channel: report.channel.map(reports::Channel::as_str),
                sender: None,
            },
            &index,
        );
        for found in analysis.indicators {
            let official = found.verification.verdict == verify::Verdict::Official;
            if let (Some(ind), false) = (found.verification.indicator, official) {
                let key = ind.key();
                if !indicators.iter().any(|i| i.key == key) {
                    indicators.push(ReportedIndicator {
                        key,
                        official: false,
                        votes: reports::vote(&ind, false, reports::Origin::Extracted).is_ok(),
                    });
                    extracted += 1;
                }
            }
            if indicators.len() >= reports::intake::MAX_INDICATORS {
                break;
            }
        }
    }
    drop(index);

    let reference = reference('R')?;
    let (reporter, reporter_key) = Intake::reporter(state, client)
        .await
        .map_err(ApiError::from)?;
    let new = NewReport {
        reference: reference.clone(),
        received_at,
        reporter,
        reporter_key,
        indicators: indicators.clone(),
        text: report.text,
        channel: report.channel.map(|c| c.as_str().to_owned()),
        region: report.region.map(|r| r.as_str().to_owned()),
        loss_amount: report.loss.as_ref().map(|l| l.amount.clone()),
        loss_asset: report.loss.map(|l| l.asset),
        occurred_at: report.occurred_at,
        contact: report.contact.map(|c| c.detail),
    };
    match state.intake.writer.submit(new).await {
        Ok(_id) => {}
        // Nothing of the batch was stored: a fault of the environment is a 503 the
        // reporter may retry, like every other write.
        Err(BatchError::Commit(e)) if e.is_fault() => {
            return Err(crate::error::store_unavailable(&e).into());
        }
        Err(BatchError::Commit(e)) => {
            return Err(ApiError::Internal(format!("storing a report batch: {e}")).into());
        }
        Err(BatchError::Closed) => {
            return Err(crate::error::store_unavailable(&StoreError::WriterStopped).into());
        }
    }
    Ok(Receipt {
        reference,
        received_at,
        indicators,
        extracted,
    })
}

// ---------------------------------------------------------------------------------------
// Reading reports (analysts, admins, partners of the region)
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct ReportsQuery {
    region: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
}

fn report_json(r: &StoredReport) -> Value {
    let mut v = json!({
        "id": r.id,
        "reference": r.reference,
        "received_at": wire::rfc3339(r.received_at),
        "indicators": r.keys,
        "text": r.text,
        "channel": r.channel,
        "region": r.region,
        "loss": r.loss_amount.as_ref().map(|a| json!({"amount": a, "asset": r.loss_asset})),
        "occurred_at": r.occurred_at.map(wire::rfc3339),
    });
    if let Some(c) = &r.contact {
        v["contact"] = json!({"consent": true, "detail": c});
    }
    v
}

async fn get_reports(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    query: Result<Query<ReportsQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(READERS)?;
    let Query(q) = query?;
    let rows = region_reports(
        &state,
        &caller,
        addr,
        q.region.as_deref(),
        q.before,
        q.limit.unwrap_or(100),
    )
    .await?;
    Ok(Json(json!({
        "reports": rows.iter().map(report_json).collect::<Vec<_>>(),
    })))
}

/// The reports a caller may read, newest first, the read audited: staff read any
/// region (`asked`, or all), without contacts; a partner reads its own region only,
/// contacts included (stored only with consent).
pub(crate) async fn region_reports(
    state: &AppState,
    caller: &Caller,
    addr: SocketAddr,
    asked: Option<&str>,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<StoredReport>, ApiError> {
    caller.require(READERS)?;
    let asked = match asked {
        None | Some("") => None,
        Some(r) => Some(reports::Region::parse(r).map_err(|_| {
            ApiError::BadRequest("`region` is not an ISO 3166-1 alpha-2 code such as HK".into())
        })?),
    };
    let (region, with_contacts) = if caller.0.role == Role::Partner {
        let own = caller
            .0
            .region
            .as_deref()
            .and_then(|r| reports::Region::parse(r).ok())
            .ok_or_else(|| {
                ApiError::Forbidden("a partner key needs a region to read reports".into())
            })?;
        if asked.is_some_and(|a| a != own) {
            return Err(ApiError::Forbidden(format!(
                "this key reads reports of region {own} only"
            )));
        }
        (Some(own), true)
    } else {
        (asked, false)
    };
    let region_text = region.map(|r| r.as_str().to_owned());
    let rows = state
        .store()
        .reports()
        .reports_by_region(region_text.as_deref(), with_contacts, before, limit)
        .await?;
    let contacts = rows.iter().filter(|r| r.contact.is_some()).count();
    let count = rows.len().to_string();
    let contacts_text = contacts.to_string();
    let detail = json!({"count": count, "contacts": contacts_text}).to_string();
    state
        .store()
        .reports()
        .append_audit(
            &actor(caller, addr),
            "reports.read",
            region_text.as_deref(),
            Some(&detail),
            now(),
        )
        .await?;
    Ok(rows)
}

// ---------------------------------------------------------------------------------------
// Triage
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TriageQuery {
    pub(crate) state: Option<String>,
    pub(crate) alerts: Option<bool>,
    pub(crate) offset: Option<u32>,
    pub(crate) limit: Option<u32>,
}

fn group_json(g: &Group) -> Value {
    json!({
        "id": g.id,
        "key": g.key,
        "state": g.state.as_str(),
        "duplicate_of": g.duplicate_of,
        "alert": g.official.then_some("possible_takeover"),
        "delisted": g.delisted,
        "reports": g.reports,
        "reporters": g.reporters,
        "first_seen": wire::rfc3339(g.first_seen),
        "last_seen": wire::rfc3339(g.last_seen),
        "listed": g.listed.map(|s| s.as_str()),
    })
}

async fn get_triage(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    query: Result<Query<TriageQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let groups = triage_queue(&state, &caller, &q).await?;
    Ok(Json(json!({
        "groups": groups.iter().map(group_json).collect::<Vec<_>>(),
    })))
}

/// The triage queue: groups of reports by indicator (analysts, admins).
pub(crate) async fn triage_queue(
    state: &AppState,
    caller: &Caller,
    q: &TriageQuery,
) -> Result<Vec<Group>, ApiError> {
    caller.require(TRIAGERS)?;
    let triage_state = match q.state.as_deref() {
        None | Some("") => None,
        Some(s) => Some(TriageState::parse(s).ok_or_else(|| {
            ApiError::BadRequest(
                "`state` must be one of new, confirmed, rejected, duplicate".into(),
            )
        })?),
    };
    let groups = state
        .store()
        .reports()
        .triage_queue(&QueueFilter {
            state: triage_state,
            alerts_only: q.alerts.unwrap_or(false),
            offset: q.offset.unwrap_or(0),
            limit: q.limit.unwrap_or(100),
        })
        .await?;
    Ok(groups)
}

#[derive(Debug, Deserialize)]
pub(crate) struct GroupQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

/// One group with its reports (never with contact details).
async fn get_group(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(target): Path<String>,
    query: Result<Query<GroupQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let (group, reports) =
        group_with_reports(&state, &caller, &target, q.before, q.limit.unwrap_or(100)).await?;
    Ok(Json(json!({
        "group": group_json(&group),
        "reports": reports.iter().map(report_json).collect::<Vec<_>>(),
    })))
}

/// One group (by id, key or indicator) with its reports, newest first, never with
/// contact details (analysts, admins).
pub(crate) async fn group_with_reports(
    state: &AppState,
    caller: &Caller,
    target: &str,
    before: Option<i64>,
    limit: u32,
) -> Result<(Group, Vec<StoredReport>), ApiError> {
    caller.require(TRIAGERS)?;
    let options = state.index().parse_options().clone();
    let store = state.store().reports();
    let group = store
        .group(&group_ref(target, &options)?)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such group".into()))?;
    let reports = store.reports_of_group(group.id, before, limit).await?;
    Ok((group, reports))
}

/// Reads a group reference: a number is a group id; `kind:value` with a known kind is
/// a key as stored; anything else is an indicator, read as Verify reads it.
fn group_ref(s: &str, options: &indicator::ParseOptions) -> Result<GroupRef, ApiError> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .parse()
            .map(GroupRef::Id)
            .map_err(|_| ApiError::BadRequest("the group id is too large".into()));
    }
    Ok(GroupRef::Key(indicator_key(s, options)?))
}

fn indicator_key(s: &str, options: &indicator::ParseOptions) -> Result<String, ApiError> {
    let s = s.trim();
    if let Some((kind, value)) = s.split_once(':')
        && !value.is_empty()
        && verify::parse_kind(kind).is_some_and(|k| k.as_str() == kind)
    {
        return Ok(s.to_owned());
    }
    indicator::parse(s, options)
        .map(|i| i.key())
        .map_err(|e| ApiError::Invalid {
            code: "invalid_indicator",
            message: e.to_string(),
        })
}

fn bounded(text: Option<String>, what: &str) -> Result<Option<String>, ApiError> {
    match text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > MAX_NOTE_CHARS => Err(ApiError::BadRequest(format!(
            "`{what}` has more than {MAX_NOTE_CHARS} characters"
        ))),
        other => Ok(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriageBody {
    pub(crate) action: String,
    pub(crate) duplicate_of: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) reason: Option<String>,
}

/// What a triage action did.
pub(crate) enum Triaged {
    /// The group's new state; whether the blocklist changed.
    Group(Group, bool),
    /// An indicator was delisted: its key, whether it was listed.
    Delisted(String, bool),
}

async fn post_triage(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    Path(target): Path<String>,
    body: Result<Json<TriageBody>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(TRIAGERS)?;
    let Json(body) = body?;
    Ok(Json(
        match triage(&state, &caller, addr, &target, body).await? {
            Triaged::Delisted(key, was_listed) => {
                json!({"key": key, "delisted": true, "was_listed": was_listed})
            }
            Triaged::Group(group, blocklist_changed) => json!({
                "group": group_json(&group),
                "blocklist_changed": blocklist_changed,
            }),
        },
    ))
}

/// An analyst's action on a group (`target` as [`group_ref`] reads it): confirm,
/// reject, duplicate, reopen, or delist with a reason. The index is rebuilt before
/// this returns when the blocklist changed.
pub(crate) async fn triage(
    state: &AppState,
    caller: &Caller,
    addr: SocketAddr,
    target: &str,
    body: TriageBody,
) -> Result<Triaged, ApiError> {
    caller.require(TRIAGERS)?;
    let options = state.index().parse_options().clone();
    let group = group_ref(target, &options)?;
    let note = bounded(body.note, "note")?;
    let who = actor(caller, addr);
    let store = state.store().reports();
    if body.action == "delist" {
        let reason = bounded(body.reason, "reason")?.ok_or_else(|| {
            ApiError::BadRequest("delisting needs a `reason` (kept in the audit log)".into())
        })?;
        let key = match group {
            GroupRef::Key(k) => k,
            GroupRef::Id(_) => {
                store
                    .group(&group)
                    .await?
                    .ok_or_else(|| ApiError::NotFound("no such group".into()))?
                    .key
            }
        };
        let was_listed = store
            .delist(&key, &reason, &who, now())
            .await
            .map_err(store_error)?;
        if was_listed {
            state.reload().await?;
        }
        tracing::info!(key_id = caller.0.id, "blocklist entry delisted");
        return Ok(Triaged::Delisted(key, was_listed));
    }
    let action = Action::parse(&body.action).ok_or_else(|| {
        ApiError::BadRequest(
            "`action` must be one of confirm, reject, duplicate, reopen, delist".into(),
        )
    })?;
    let duplicate_of = match (action, body.duplicate_of) {
        (Action::Duplicate, Some(d)) => Some(indicator_key(&d, &options)?),
        (Action::Duplicate, None) => None,
        (_, Some(_)) => {
            return Err(ApiError::BadRequest(
                "`duplicate_of` goes with the action duplicate only".into(),
            ));
        }
        (_, None) => None,
    };
    let policy = state.intake.settings.policy;
    let outcome = store
        .triage(
            &group,
            action,
            duplicate_of.as_deref(),
            note.as_deref(),
            &who,
            &policy,
            now(),
        )
        .await
        .map_err(store_error)?;
    if outcome.blocklist_changed {
        state.reload().await?;
    }
    tracing::info!(key_id = caller.0.id, action = action.as_str(), "triage");
    Ok(Triaged::Group(outcome.group, outcome.blocklist_changed))
}

/// What the blocklist holds on one indicator: the entry Verify serves, its report
/// group, and its audit history.
pub(crate) struct Listing {
    /// The indicator's key, as [`indicator_key`] reads the input.
    pub(crate) key: String,
    /// The entry in the current index, if listed.
    pub(crate) entry: Option<blocklist::Entry>,
    /// The group of reports under this key, if any.
    pub(crate) group: Option<Group>,
    /// The audit records on this key, newest first.
    pub(crate) history: Vec<AuditRecord>,
}

/// The blocklist's view of one indicator, typed as Verify reads it or as a stored key
/// (analysts, admins): the entry of the current index (what Verify answers), the report
/// group, and the last `limit` audit records on the key.
pub(crate) async fn listing(
    state: &AppState,
    caller: &Caller,
    input: &str,
    limit: u32,
) -> Result<Listing, ApiError> {
    caller.require(TRIAGERS)?;
    let index = state.index();
    let key = indicator_key(input, index.parse_options())?;
    let entry = index.blocklist().get(&key).map(|hit| blocklist::Entry {
        key: hit.key.to_owned(),
        severity: hit.severity,
        categories: hit.categories.iter().map(|c| c.to_string()).collect(),
        report_count: hit.report_count,
        first_seen: hit.first_seen,
        last_seen: hit.last_seen,
        sources: hit.sources.iter().map(|c| c.to_string()).collect(),
    });
    drop(index);
    let store = state.store().reports();
    let group = store.group(&GroupRef::Key(key.clone())).await?;
    let history = store.audit_of(&key, None, limit).await?;
    Ok(Listing {
        key,
        entry,
        group,
        history,
    })
}

// ---------------------------------------------------------------------------------------
// Disputes
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DisputeBody {
    indicator: String,
    reason: Option<String>,
    contact: Option<String>,
    lang: Option<String>,
}

fn dispute_json(d: &Dispute) -> Value {
    json!({
        "id": d.id,
        "reference": d.reference,
        "key": d.key,
        "reason": d.reason,
        "contact": d.contact,
        "state": d.state.as_str(),
        "created_at": wire::rfc3339(d.created_at),
        "resolved_at": d.resolved_at.map(wire::rfc3339),
        "resolution": d.resolution,
    })
}

async fn post_dispute(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body: DisputeBody = parse_body(body)?;
    let lang = body.lang.as_deref();
    let mut errors = Vec::new();
    let field = |field: &str, code: &'static str, message: String| FieldError {
        field: field.to_owned(),
        code,
        message,
        parse_error: None,
    };
    let key = match indicator::parse(&body.indicator, state.index().parse_options()) {
        Ok(ind) => Some(ind.key()),
        Err(e) => {
            errors.push(FieldError {
                field: "indicator".into(),
                code: e.code(),
                message: e.to_string(),
                parse_error: Some(e),
            });
            None
        }
    };
    let reason = body.reason.as_deref().map(str::trim).unwrap_or("");
    if reason.is_empty() {
        errors.push(field(
            "reason",
            "missing_reason",
            "explain why the listing is wrong".into(),
        ));
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(field(
            "reason",
            "reason_too_long",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    let contact = body
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if contact.is_some_and(|c| c.chars().count() > reports::intake::MAX_CONTACT_CHARS) {
        errors.push(field(
            "contact",
            "contact_too_long",
            format!("at most {} characters", reports::intake::MAX_CONTACT_CHARS),
        ));
    }
    let (Some(key), true) = (key, errors.is_empty()) else {
        return Err(invalid_fields(&errors, &headers, lang));
    };
    let reference = reference('D')?;
    let dispute = state
        .store()
        .reports()
        .create_dispute(&NewDispute {
            reference: reference.clone(),
            key,
            reason: reason.to_owned(),
            contact: contact.map(str::to_owned),
            created_at: now(),
        })
        .await
        .map_err(store_error)?;
    let locale = crate::api::locale(lang, &headers);
    let message = Catalog::global().message(
        locale,
        "dispute-received",
        &[("reference", Arg::Str(&reference))],
    );
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "reference": dispute.reference,
            "key": dispute.key,
            "state": dispute.state.as_str(),
            "message": message,
        })),
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DisputesQuery {
    state: Option<String>,
    limit: Option<u32>,
}

async fn get_disputes(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    query: Result<Query<DisputesQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let disputes = disputes(&state, &caller, q.state.as_deref(), q.limit.unwrap_or(100)).await?;
    Ok(Json(json!({
        "disputes": disputes.iter().map(dispute_json).collect::<Vec<_>>(),
    })))
}

/// Disputes in a state (`open`, `upheld`, `rejected`; all when empty), newest first
/// (analysts, admins).
pub(crate) async fn disputes(
    state: &AppState,
    caller: &Caller,
    dispute_state: Option<&str>,
    limit: u32,
) -> Result<Vec<Dispute>, ApiError> {
    caller.require(TRIAGERS)?;
    let dispute_state = match dispute_state {
        None | Some("") => None,
        Some(s) => Some(DisputeState::parse(s).ok_or_else(|| {
            ApiError::BadRequest("`state` must be one of open, upheld, rejected".into())
        })?),
    };
    Ok(state
        .store()
        .reports()
        .disputes(dispute_state, limit)
        .await?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionBody {
    pub(crate) action: String,
    pub(crate) note: Option<String>,
}

async fn post_dispute_decision(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Result<Json<DecisionBody>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(TRIAGERS)?;
    let Json(body) = body?;
    let (dispute, changed) = decide_dispute(&state, &caller, addr, id, body).await?;
    Ok(Json(json!({
        "dispute": dispute_json(&dispute),
        "blocklist_changed": changed,
    })))
}

/// Decides an open dispute once: uphold (the indicator is delisted) or reject, with a
/// note (analysts, admins); the index is rebuilt before this returns when the
/// blocklist changed. Returns the dispute and whether the blocklist changed.
pub(crate) async fn decide_dispute(
    state: &AppState,
    caller: &Caller,
    addr: SocketAddr,
    id: i64,
    body: DecisionBody,
) -> Result<(Dispute, bool), ApiError> {
    caller.require(TRIAGERS)?;
    let action = DisputeAction::parse(&body.action)
        .ok_or_else(|| ApiError::BadRequest("`action` must be uphold or reject".into()))?;
    let note = bounded(body.note, "note")?;
    let (dispute, changed) = state
        .store()
        .reports()
        .resolve_dispute(id, action, note.as_deref(), &actor(caller, addr), now())
        .await
        .map_err(store_error)?;
    if changed {
        state.reload().await?;
    }
    Ok((dispute, changed))
}

// ---------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct AuditQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

fn audit_json(r: &AuditRecord) -> Value {
    json!({
        "id": r.id,
        "at": wire::rfc3339(r.at),
        "key_id": r.key_id,
        "role": r.role,
        "action": r.action,
        "target": r.target,
        "detail": r.detail.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok()),
        "ip": r.ip,
    })
}

async fn get_audit(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin])?;
    let Query(q) = query?;
    let records = audit_log(&state, &caller, q.before, q.limit.unwrap_or(100)).await?;
    Ok(Json(json!({
        "records": records.iter().map(audit_json).collect::<Vec<_>>(),
    })))
}

/// The audit log, newest first, before the record `before` (admins).
pub(crate) async fn audit_log(
    state: &AppState,
    caller: &Caller,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditRecord>, ApiError> {
    caller.require(&[Role::Admin])?;
    Ok(state.store().reports().audit_log(before, limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_random_and_readable() {
        let a = reference('R').expect("rng");
        let b = reference('R').expect("rng");
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert!(a.starts_with("R-"));
        assert_eq!(a.matches('-').count(), 3);
        assert!(
            a.chars()
                .filter(|c| *c != '-')
                .skip(1)
                .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c)))
        );
    }

    #[test]
    fn group_references() {
        let opts = indicator::ParseOptions::default();
        assert_eq!(group_ref("42", &opts).ok(), Some(GroupRef::Id(42)));
        assert_eq!(
            group_ref("domain:evil.io", &opts).ok(),
            Some(GroupRef::Key("domain:evil.io".into()))
        );
        assert_eq!(
            group_ref("url:https://evil.io/x", &opts).ok(),
            Some(GroupRef::Key("url:https://evil.io/x".into()))
        );
        assert_eq!(
            group_ref("EVIL.io", &opts).ok(),
            Some(GroupRef::Key("domain:evil.io".into()))
        );
        assert_eq!(
            group_ref("https://evil.io/x", &opts).ok(),
            Some(GroupRef::Key("url:https://evil.io/x".into()))
        );
        assert!(group_ref("99999999999999999999999", &opts).is_err());
        assert!(group_ref("", &opts).is_err());
    }
}

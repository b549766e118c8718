//! Withdrawal-time interventions over HTTP (issue 4): screening, outcomes, scam-report
//! links, and the campaign API with its statistics.
//!
//! Roles: the exchange's withdrawal flow screens and reports outcomes with an
//! integrator key; admins manage every campaign; a partner key manages the campaigns
//! of its own region only (a campaign is a partner's when all its regions are the
//! key's region; others are invisible to it: 404); analysts read campaigns and stats.
//!
//! The exchange's user id is pseudonymized with HMAC-SHA256 under the user key of the
//! key file ([`crate::keyring`]; after a rotation a known user keeps the pseudonym of
//! an older key) before anything is stored or compared; it is never logged.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use arc_swap::ArcSwap;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use campaign::{Action, Campaign, Context, Region, Risk, Screening, Spec, UserKey, Withdrawal};
use i18n::Locale;
use indicator::Address;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::campaigns::ScreeningDraft;
use store::{Role, StoreError};

use crate::auth::Caller;
use crate::campaign_review;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// Largest screening, outcome or campaign body, in bytes.
pub const MAX_CAMPAIGN_BODY_BYTES: usize = 256 * 1024;
/// Longest user id, in bytes.
pub const MAX_USER_BYTES: usize = 256;
/// How long the cached campaign list is trusted before it is reloaded (changes made
/// through this server apply at once; this bounds the delay for other processes).
const CACHE_TTL: Duration = Duration::from_secs(5);

/// The routes of this module.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/withdrawals/screen", post(screen_handler))
        .route("/v1/screenings/{id}/outcome", post(outcome_handler))
        .route("/v1/user-scam-reports", post(scam_report_handler))
        .route("/v1/campaigns", get(list_handler).post(create_handler))
        .route("/v1/campaigns/{id}", get(get_handler).patch(patch_handler))
        .route("/v1/campaigns/{id}/stats", get(stats_handler))
        .layer(DefaultBodyLimit::max(MAX_CAMPAIGN_BODY_BYTES))
}

/// The campaign part of the server state: the cached campaigns.
pub struct CampaignState {
    cache: ArcSwap<Cached>,
    reload: tokio::sync::Mutex<()>,
}

struct Cached {
    /// Active campaigns (their schedule is checked per screening), shared with the
    /// store's writer without copying their content.
    active: Vec<Arc<Campaign>>,
    loaded: Instant,
}

impl CampaignState {
    /// Loads the campaigns.
    pub(crate) async fn new(store: &dyn store::Store) -> Result<CampaignState, StoreError> {
        let active = load_active(store).await?;
        Ok(CampaignState {
            cache: ArcSwap::from_pointee(Cached {
                active,
                loaded: Instant::now(),
            }),
            reload: tokio::sync::Mutex::new(()),
        })
    }
}

/// The pseudonym of an exchange user id and its key's id: HMAC-SHA256 under the user
/// key, or, after a rotation, under the older key the store already knows the user by.
pub async fn pseudonym(state: &AppState, user: &str) -> Result<(UserKey, u16), StoreError> {
    let secrets = state.secrets();
    crate::keyring::resolve(
        &secrets,
        secrets::Purpose::User,
        |key| campaign::pseudonymize(key, user),
        |candidates| async move { state.store().campaigns().known_user(&candidates).await },
    )
    .await
}

async fn load_active(store: &dyn store::Store) -> Result<Vec<Arc<Campaign>>, StoreError> {
    let all = store.campaigns().list_campaigns().await?;
    Ok(all
        .into_iter()
        .filter(|c| c.spec.status == campaign::Status::Active)
        .map(Arc::new)
        .collect())
}

/// Reloads the campaign cache now.
/// Reloads the cached campaigns after a change through this process.
pub(crate) async fn reload_cache(state: &AppState) -> Result<(), StoreError> {
    reload(state).await
}

async fn reload(state: &AppState) -> Result<(), StoreError> {
    let c = &state.campaigns;
    let _guard = c.reload.lock().await;
    let active = load_active(state.store().as_ref()).await?;
    c.cache.store(Arc::new(Cached {
        active,
        loaded: Instant::now(),
    }));
    Ok(())
}

/// The cached active campaigns, reloaded first when older than the TTL (by one
/// request; the others keep using the current list).
async fn active(state: &AppState) -> Result<Arc<Cached>, StoreError> {
    let c = &state.campaigns;
    let cached = c.cache.load_full();
    if cached.loaded.elapsed() < CACHE_TTL {
        return Ok(cached);
    }
    if let Ok(_guard) = c.reload.try_lock() {
        let active = load_active(state.store().as_ref()).await?;
        c.cache.store(Arc::new(Cached {
            active,
            loaded: Instant::now(),
        }));
    }
    Ok(c.cache.load_full())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::Invalid {
        code: "invalid_input",
        message: message.into(),
    }
}

fn store_error(e: StoreError, what: &str) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound(format!("no such {what}")),
        other => other.into(),
    }
}

// ---------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------

/// An amount as a JSON number or a decimal string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    /// `12.5`
    Number(f64),
    /// `"12.5"`
    Text(String),
}

/// The situation of the user, as the exchange knows it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenContext {
    /// Never sent to this destination before.
    pub new_destination: Option<bool>,
    /// First withdrawal.
    pub first_withdrawal: Option<bool>,
    /// Age of the account in days.
    pub account_age_days: Option<u32>,
    /// Hours since the last password, 2FA, device or email change.
    pub security_change_hours: Option<u32>,
    /// Median withdrawal over 90 days, USD (a number or a decimal string).
    pub median_withdrawal_usd_90d: Option<Amount>,
    /// Addresses recently sent to (at most 100).
    #[serde(default)]
    pub recent_counterparties: Vec<String>,
}

/// `POST /v1/withdrawals/screen`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// The exchange's user id (pseudonymized before use).
    pub user: String,
    /// ISO 3166-1 alpha-2 region of the user.
    pub region: String,
    /// The user's language (`en`, `zh-Hant`, `zh-Hans`, or any tag; default English).
    pub locale: Option<String>,
    /// The asset, e.g. `USDT`.
    pub asset: String,
    /// The network, e.g. `ethereum`.
    pub network: String,
    /// The amount in the asset's units.
    pub amount: Amount,
    /// The amount in USD (a number or a decimal string, like `amount`).
    pub amount_usd: Option<Amount>,
    /// The destination address.
    pub destination: String,
    /// The user's situation.
    #[serde(default)]
    pub context: Option<ScreenContext>,
}

/// A risk signal in a response.
#[derive(Debug, Clone, Serialize)]
pub struct SignalView {
    /// Stable code.
    pub code: &'static str,
    /// Points added to the score.
    pub weight: u8,
    /// A sentence for the user, in the request's locale.
    pub detail: String,
}

/// The risk in a response.
#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    /// Level.
    pub level: campaign::RiskLevel,
    /// Score, 0 to 100.
    pub score: u8,
    /// Why.
    pub signals: Vec<SignalView>,
}

/// The alert to show.
#[derive(Debug, Clone, Serialize)]
pub struct Intervention {
    /// The campaign.
    pub campaign_id: i64,
    /// Its name.
    pub campaign: String,
    /// Its partner.
    pub partner: String,
    /// The variant's key.
    pub variant: String,
    /// The locale of `content` (English when the user's is missing).
    pub locale: Locale,
    /// What to show.
    pub content: campaign::Content,
}

/// The answer to a screening.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenResponse {
    /// Identifier for the outcome call.
    pub screening_id: String,
    /// What to do.
    pub decision: campaign::Decision,
    /// Why.
    pub risk: RiskView,
    /// The alert to show, or `null`.
    pub intervention: Option<Intervention>,
}

fn positive_amount(a: &Amount) -> Result<(), ApiError> {
    let ok = match a {
        Amount::Number(n) => n.is_finite() && *n > 0.0,
        Amount::Text(t) => {
            let t = t.trim();
            !t.is_empty()
                && t.len() <= 64
                && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && t.bytes().filter(|&b| b == b'.').count() <= 1
                && t.bytes().any(|b| (b'1'..=b'9').contains(&b))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "`amount` must be a positive number or a decimal string such as \"12.5\"",
        ))
    }
}

fn short_field(value: &str, name: &str, max: usize) -> Result<(), ApiError> {
    let v = value.trim();
    if v.is_empty() || v.len() > max || v.chars().any(char::is_control) {
        return Err(invalid(format!(
            "`{name}` must be 1 to {max} characters without control characters"
        )));
    }
    Ok(())
}

impl Amount {
    /// The value, if it is a finite number or a plain decimal string (`"12.5"`).
    fn value(&self) -> Option<f64> {
        match self {
            Amount::Number(n) => n.is_finite().then_some(*n),
            Amount::Text(t) => {
                let t = t.trim();
                let plain = !t.is_empty()
                    && t.len() <= 64
                    && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && t.bytes().filter(|&b| b == b'.').count() <= 1;
                plain.then(|| t.parse().ok()).flatten()
            }
        }
    }
}

fn usd(value: Option<&Amount>, name: &str) -> Result<Option<f64>, ApiError> {
    match value.map(|a| a.value().filter(|v| *v >= 0.0)) {
        None => Ok(None),
        Some(Some(v)) => Ok(Some(v)),
        Some(None) => Err(invalid(format!(
            "`{name}` must be a non-negative number of US dollars, as a number or a \
             decimal string such as \"12.5\""
        ))),
    }
}

/// Checks a screening request and reads it into the core's types.
fn parse_request(req: &ScreenRequest) -> Result<(Region, Locale, Withdrawal), ApiError> {
    if req.user.is_empty() || req.user.len() > MAX_USER_BYTES {
        return Err(invalid(format!(
            "`user` must be 1 to {MAX_USER_BYTES} bytes: the exchange's id of the user"
        )));
    }
    let region = Region::parse(&req.region).map_err(|e| invalid(format!("`region`: {e}")))?;
    let locale = req.locale.as_deref().map_or(Locale::En, |l| {
        Locale::parse(l).unwrap_or_else(|| Locale::negotiate(l))
    });
    short_field(&req.asset, "asset", 32)?;
    short_field(&req.network, "network", 64)?;
    positive_amount(&req.amount)?;
    let amount_usd = usd(req.amount_usd.as_ref(), "amount_usd")?;
    let destination = Address::parse(&req.destination).map_err(|e| {
        invalid(format!(
            "`destination` is not a wallet address we can read: {e}"
        ))
    })?;
    let ctx = req.context.clone().unwrap_or_default();
    if ctx.recent_counterparties.len() > campaign::risk::MAX_COUNTERPARTIES {
        return Err(invalid(format!(
            "`context.recent_counterparties` has {} addresses; the limit is {}",
            ctx.recent_counterparties.len(),
            campaign::risk::MAX_COUNTERPARTIES
        )));
    }
    let recent_counterparties = ctx
        .recent_counterparties
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Address::parse(a).map_err(|e| {
                invalid(format!(
                    "`context.recent_counterparties[{i}]` is not a wallet address: {e}"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let context = Context {
        new_destination: ctx.new_destination,
        first_withdrawal: ctx.first_withdrawal,
        account_age_days: ctx.account_age_days,
        security_change_hours: ctx.security_change_hours,
        median_withdrawal_usd_90d: usd(
            ctx.median_withdrawal_usd_90d.as_ref(),
            "context.median_withdrawal_usd_90d",
        )?,
        recent_counterparties,
    };
    Ok((
        region,
        locale,
        Withdrawal {
            destination,
            amount_usd,
            context,
        },
    ))
}

/// A new screening id: `scr_`, 16 hex digits of the time in microseconds, then 16
/// random hex digits. Time first, so ids arrive in index order and the insert touches
/// the last pages of the id index instead of a random page per row; the 64 random bits
/// keep ids unguessable.
fn screening_id() -> Result<String, ApiError> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    Ok(format!("scr_{micros:016x}{}", hex::encode(random)))
}

fn risk_view(risk: &Risk, locale: Locale) -> RiskView {
    RiskView {
        level: risk.level,
        score: risk.score,
        signals: risk
            .signals
            .iter()
            .map(|s| SignalView {
                code: s.code(),
                weight: s.weight(),
                detail: s.detail(locale),
            })
            .collect(),
    }
}

/// Screens a withdrawal at time `now`: assesses its risk, picks the campaign and arm,
/// durably records the screening, and returns what to show. Used by the handler and
/// by `antiscam campaign simulate`.
pub async fn screen(
    state: &AppState,
    req: &ScreenRequest,
    now: i64,
) -> Result<ScreenResponse, ApiError> {
    let (region, locale, withdrawal) = parse_request(req)?;
    let risk = campaign::assess(&state.index(), &withdrawal);
    let (user, user_key) = pseudonym(state, &req.user).await?;
    let cached = active(state).await?;
    let new_destination = withdrawal.context.new_destination == Some(true);
    let candidates: Vec<Arc<Campaign>> =
        campaign::eligible(&cached.active, region, new_destination, &risk, now)
            .into_iter()
            .cloned()
            .collect();
    let draft = ScreeningDraft {
        screening: Screening {
            id: screening_id()?,
            user,
            user_key,
            region,
            locale,
            decision: risk.decision(),
            risk_level: risk.level,
            risk_score: risk.score,
            signals: risk.signal_bits(),
            amount_usd: withdrawal.amount_usd,
            campaign: None,
            created_at: now,
        },
        candidates,
        risk: risk.clone(),
    };
    // The store chooses the campaign in the transaction that records the screening.
    let screening = state.store().campaigns().screen(draft).await?;
    let intervention = screening.campaign.as_ref().and_then(|cs| {
        if !cs.shown {
            return None;
        }
        let c = cached.active.iter().find(|c| c.id == cs.campaign_id)?;
        let v = c.spec.variant(&cs.variant)?;
        let (used, content) = v.content_for(locale)?;
        Some(Intervention {
            campaign_id: c.id,
            campaign: c.spec.name.clone(),
            partner: c.spec.partner.clone(),
            variant: v.key.clone(),
            locale: used,
            content: content.clone(),
        })
    });
    Ok(ScreenResponse {
        screening_id: screening.id,
        decision: risk.decision(),
        risk: risk_view(&risk, locale),
        intervention,
    })
}

async fn screen_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Result<Json<ScreenRequest>, JsonRejection>,
) -> Result<Json<ScreenResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Json(req) = body?;
    Ok(Json(screen(&state, &req, now()).await?))
}

// ---------------------------------------------------------------------------------------
// Outcomes and scam reports
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeBody {
    action: String,
}

/// Records an outcome (idempotent) at `now` and returns the screening's actions.
pub async fn outcome(
    state: &AppState,
    screening_id: &str,
    action: Action,
    now: i64,
) -> Result<Vec<Action>, ApiError> {
    if screening_id.is_empty() || screening_id.len() > 64 {
        return Err(ApiError::NotFound("no such screening".into()));
    }
    state
        .store()
        .campaigns()
        .record_outcome(screening_id, action, now)
        .await
        .map_err(|e| store_error(e, "screening"))
}

async fn outcome_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<OutcomeBody>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let Json(body) = body?;
    let action = Action::parse(&body.action)
        .ok_or_else(|| invalid("`action` must be proceeded, cancelled, reviewed or reported"))?;
    let actions = outcome(&state, &id, action, now()).await?;
    Ok(Json(json!({"screening_id": id, "actions": actions})))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScamReportBody {
    user: String,
    reported_at: Option<String>,
}

async fn scam_report_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Result<Json<ScamReportBody>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    caller.require(&[Role::Integrator, Role::Analyst, Role::Admin])?;
    let Json(body) = body?;
    if body.user.is_empty() || body.user.len() > MAX_USER_BYTES {
        return Err(invalid(format!(
            "`user` must be 1 to {MAX_USER_BYTES} bytes"
        )));
    }
    let at = match &body.reported_at {
        Some(t) => {
            campaign::model::parse_time(t, "reported_at").map_err(|e| invalid(e.to_string()))?
        }
        None => now(),
    };
    let linked = report_scam(&state, &body.user, at).await?;
    Ok(Json(json!({"linked_screenings": linked})))
}

/// Records that the exchange's user `user` reported a scam at `at`, and returns how
/// many of their eligible screenings it is linked to.
pub async fn report_scam(state: &AppState, user: &str, at: i64) -> Result<u64, ApiError> {
    let (user, user_key) = pseudonym(state, user).await?;
    Ok(state
        .store()
        .campaigns()
        .link_scam_report(&user, user_key, at)
        .await?)
}

// ---------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------

/// The region a partner key is limited to; other roles are not limited.
/// The region a partner key is limited to (`None` for other roles).
pub(crate) fn partner_limit(caller: &Caller) -> Result<Option<Region>, ApiError> {
    partner_region(caller)
}

/// Whether a campaign is visible under a partner's region limit.
pub(crate) fn visible_to(limit: Option<Region>, spec: &Spec) -> bool {
    visible(limit, spec)
}

fn partner_region(caller: &Caller) -> Result<Option<Region>, ApiError> {
    if caller.0.role != Role::Partner {
        return Ok(None);
    }
    caller
        .0
        .region
        .as_deref()
        .and_then(|r| Region::parse(r).ok())
        .map(Some)
        .ok_or_else(|| ApiError::Forbidden("this partner key is not limited to a region".into()))
}

/// May this caller see (and, if allowed to write, touch) this campaign?
fn visible(limit: Option<Region>, spec: &Spec) -> bool {
    limit.is_none_or(|r| spec.regions.iter().all(|x| *x == r))
}

fn parse_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest("the campaign id must be a whole number".into()))
}

fn spec_error(e: campaign::SpecError) -> ApiError {
    ApiError::Invalid {
        code: "invalid_campaign",
        message: e.to_string(),
    }
}

async fn load_visible(
    state: &AppState,
    id: i64,
    limit: Option<Region>,
) -> Result<Campaign, ApiError> {
    match state.store().campaigns().get_campaign(id).await? {
        Some(c) if visible(limit, &c.spec) => Ok(c),
        _ => Err(ApiError::NotFound(format!("no campaign {id}"))),
    }
}

async fn create_handler(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    caller.require(&[Role::Admin, Role::Partner])?;
    let limit = partner_region(&caller)?;
    let Json(doc) = body?;
    let spec = Spec::from_json(&doc).map_err(spec_error)?;
    if !visible(limit, &spec) {
        return Err(ApiError::Forbidden(
            "a partner key may only create campaigns for its own region".into(),
        ));
    }
    campaign_review::checked(&state, &spec).await?;
    if caller.0.role == Role::Partner && spec.status == campaign::Status::Active {
        // Users see an active campaign at once: a partner's is created as a draft, and
        // its activation waits for an exchange admin.
        let mut draft = spec.clone();
        draft.status = campaign::Status::Draft;
        let c = campaign_review::save(&state, &caller, ip, None, None, &draft).await?;
        let r = campaign_review::propose(&state, &caller, ip, &c, &spec).await?;
        tracing::info!(
            key_id = caller.0.id,
            campaign_id = c.id,
            "campaign created as a draft; activation pending"
        );
        return Ok((
            StatusCode::ACCEPTED,
            Json(json!({"campaign": c.to_json(), "revision": campaign_review::revision_json(&r)})),
        ));
    }
    let c = campaign_review::save(&state, &caller, ip, None, None, &spec).await?;
    tracing::info!(key_id = caller.0.id, campaign_id = c.id, "campaign created");
    Ok((StatusCode::CREATED, Json(c.to_json())))
}

async fn list_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<serde_json::Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let limit = partner_region(&caller)?;
    let all = state.store().campaigns().list_campaigns().await?;
    let campaigns: Vec<serde_json::Value> = all
        .iter()
        .filter(|c| visible(limit, &c.spec))
        .map(Campaign::to_json)
        .collect();
    Ok(Json(json!({"campaigns": campaigns})))
}

async fn get_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let limit = partner_region(&caller)?;
    let c = load_visible(&state, parse_id(id)?, limit).await?;
    Ok(Json(c.to_json()))
}

async fn patch_handler(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    caller.require(&[Role::Admin, Role::Partner])?;
    let limit = partner_region(&caller)?;
    let id = parse_id(id)?;
    let Json(patch) = body?;
    let current = load_visible(&state, id, limit).await?;
    let next = current.spec.patched(&patch).map_err(spec_error)?;
    if !visible(limit, &next) {
        return Err(ApiError::Forbidden(
            "a partner key may only use its own region".into(),
        ));
    }
    campaign_review::checked(&state, &next).await?;
    if caller.0.role == Role::Partner && campaign_review::needs_review(&current.spec, &next) {
        let r = campaign_review::propose(&state, &caller, ip, &current, &next).await?;
        tracing::info!(
            key_id = caller.0.id,
            campaign_id = id,
            revision = r.id,
            "campaign change pending approval"
        );
        return Ok((
            StatusCode::ACCEPTED,
            Json(json!({"revision": campaign_review::revision_json(&r)})),
        ));
    }
    let c =
        campaign_review::save(&state, &caller, ip, Some(id), Some(&current.spec), &next).await?;
    tracing::info!(key_id = caller.0.id, campaign_id = id, "campaign changed");
    Ok((StatusCode::OK, Json(c.to_json())))
}

/// The statistics of a campaign.
pub async fn stats(state: &AppState, c: &Campaign) -> Result<campaign::Stats, ApiError> {
    let (cells, exposed, holdout) = state.store().campaigns().campaign_cells(c.id).await?;
    Ok(campaign::compute(c, &cells, exposed, holdout))
}

async fn stats_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<campaign::Stats>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let limit = partner_region(&caller)?;
    let c = load_visible(&state, parse_id(id)?, limit).await?;
    Ok(Json(stats(&state, &c).await?))
}

//! Withdrawal screening, outcomes, campaigns, their review and partner resources:
//! `/v1/withdrawals/screen`, `/v1/screenings/…`, `/v1/campaigns…`,
//! `/v1/campaign-revisions…`, `/v1/partner-resources…` and `antiscam campaign`.
//!
//! A screening request is checked here ([`ScreenRequest::read`]) into the campaign
//! core's types; the refusals are sentences naming the field.

use std::collections::BTreeMap;

use campaign::screen::Request;
use campaign::{Context, Region, Withdrawal};
use i18n::Locale;
use indicator::Address;
use serde::{Deserialize, Serialize};

/// Longest user id, in bytes.
pub const MAX_USER_BYTES: usize = 256;

/// An amount as a JSON number or a decimal string.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Amount {
    /// `12.5`
    Number(f64),
    /// `"12.5"`
    Text(String),
}

impl Amount {
    /// The value, if it is a finite number or a plain decimal string (`"12.5"`).
    fn value(&self) -> Option<f64> {
        match self {
            Amount::Number(n) => n.is_finite().then_some(*n),
            Amount::Text(t) => {
                let t = t.trim();
                plain_decimal(t).then(|| t.parse().ok()).flatten()
            }
        }
    }

    /// Whether it is a positive number (a string is never rounded to zero).
    fn is_positive(&self) -> bool {
        match self {
            Amount::Number(n) => n.is_finite() && *n > 0.0,
            Amount::Text(t) => {
                let t = t.trim();
                plain_decimal(t) && t.bytes().any(|b| (b'1'..=b'9').contains(&b))
            }
        }
    }
}

/// Digits with at most one point, 1 to 64 characters.
fn plain_decimal(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 64
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
}

/// The situation of the user, as the exchange knows it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
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
    #[schema(max_items = 100)]
    pub recent_counterparties: Vec<String>,
}

/// `POST /v1/withdrawals/screen`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// The exchange's user id (pseudonymized before use).
    #[schema(min_length = 1, max_length = 256)]
    pub user: String,
    /// ISO 3166-1 alpha-2 region of the user.
    #[schema(schema_with = crate::schema::region)]
    pub region: String,
    /// The user's language (`en`, `zh-Hant`, `zh-Hans`, or any tag; default English).
    pub locale: Option<String>,
    /// The asset, e.g. `USDT`.
    #[schema(min_length = 1, max_length = 32)]
    pub asset: String,
    /// The network, e.g. `ethereum`.
    #[schema(min_length = 1, max_length = 64)]
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
    /// The trusted contact the user named, with consent (issue 14).
    #[serde(default)]
    pub trusted_contact: Option<crate::friction::TrustedContactRequest>,
}

fn short_field(value: &str, name: &str, max: usize) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() || v.len() > max || v.chars().any(char::is_control) {
        return Err(format!(
            "`{name}` must be 1 to {max} characters without control characters"
        ));
    }
    Ok(())
}

fn usd(value: Option<&Amount>, name: &str) -> Result<Option<f64>, String> {
    match value.map(|a| a.value().filter(|v| *v >= 0.0)) {
        None => Ok(None),
        Some(Some(v)) => Ok(Some(v)),
        Some(None) => Err(format!(
            "`{name}` must be a non-negative number of US dollars, as a number or a \
             decimal string such as \"12.5\""
        )),
    }
}

/// Checks an exchange's user id.
pub fn check_user(user: &str) -> Result<(), String> {
    if user.is_empty() || user.len() > MAX_USER_BYTES {
        return Err(format!(
            "`user` must be 1 to {MAX_USER_BYTES} bytes: the exchange's id of the user"
        ));
    }
    Ok(())
}

impl ScreenRequest {
    /// Checks the request and reads it into the core's types; the error names the
    /// faulty field.
    pub fn read(&self) -> Result<Request, String> {
        check_user(&self.user)?;
        let region = Region::parse(&self.region).map_err(|e| format!("`region`: {e}"))?;
        let locale = self.locale.as_deref().map_or(Locale::En, |l| {
            Locale::parse(l).unwrap_or_else(|| Locale::negotiate(l))
        });
        short_field(&self.asset, "asset", 32)?;
        short_field(&self.network, "network", 64)?;
        if !self.amount.is_positive() {
            return Err(
                "`amount` must be a positive number or a decimal string such as \"12.5\"".into(),
            );
        }
        let amount_usd = usd(self.amount_usd.as_ref(), "amount_usd")?;
        if let Some(c) = &self.trusted_contact {
            c.check()?;
        }
        let destination = Address::parse(&self.destination)
            .map_err(|e| format!("`destination` is not a wallet address we can read: {e}"))?;
        let empty = ScreenContext::default();
        let ctx = self.context.as_ref().unwrap_or(&empty);
        if ctx.recent_counterparties.len() > campaign::risk::MAX_COUNTERPARTIES {
            return Err(format!(
                "`context.recent_counterparties` has {} addresses; the limit is {}",
                ctx.recent_counterparties.len(),
                campaign::risk::MAX_COUNTERPARTIES
            ));
        }
        let recent_counterparties = ctx
            .recent_counterparties
            .iter()
            .enumerate()
            .map(|(i, a)| {
                Address::parse(a).map_err(|e| {
                    format!("`context.recent_counterparties[{i}]` is not a wallet address: {e}")
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
        Ok(Request {
            region,
            locale,
            withdrawal: Withdrawal {
                destination,
                amount_usd,
                context,
            },
        })
    }
}

/// A risk signal in a response.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignalView {
    /// Stable code.
    #[schema(value_type = String)]
    pub code: &'static str,
    /// Points added to the score.
    pub weight: u8,
    /// A sentence for the user, in the request's locale.
    pub detail: String,
}

/// The risk in a response.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RiskView {
    /// Level.
    #[schema(schema_with = crate::schema::risk_level)]
    pub level: campaign::RiskLevel,
    /// Score, 0 to 100.
    #[schema(maximum = 100)]
    pub score: u8,
    /// Why.
    pub signals: Vec<SignalView>,
}

impl RiskView {
    /// The risk, its signals told in `locale`.
    pub fn new(risk: &campaign::Risk, locale: Locale) -> RiskView {
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
}

/// The alert to show.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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
    #[schema(schema_with = crate::schema::locale)]
    pub locale: Locale,
    /// What to show.
    #[schema(value_type = crate::schema::CampaignContent)]
    pub content: campaign::Content,
}

impl From<campaign::screen::Shown<'_>> for Intervention {
    fn from(s: campaign::screen::Shown<'_>) -> Intervention {
        Intervention {
            campaign_id: s.campaign.id,
            campaign: s.campaign.spec.name.clone(),
            partner: s.campaign.spec.partner.clone(),
            variant: s.variant.key.clone(),
            locale: s.locale,
            content: s.content.clone(),
        }
    }
}

/// The answer to a screening.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScreenResponse {
    /// Identifier for the outcome call.
    pub screening_id: String,
    /// What to do.
    #[schema(schema_with = crate::schema::decision)]
    pub decision: campaign::Decision,
    /// Why.
    pub risk: RiskView,
    /// The alert to show, or `null`.
    pub intervention: Option<Intervention>,
    /// The friction step beyond the alert (issue 14), when the campaign's variant has
    /// a ladder and the risk reaches it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friction: Option<crate::friction::FrictionView>,
}

/// `POST /v1/screenings/{id}/outcome`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    /// `proceeded`, `cancelled`, `reviewed` or `reported`.
    #[schema(schema_with = crate::schema::outcome_action)]
    pub action: String,
}

/// A screening's outcomes after one was recorded.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutcomeResponse {
    /// The screening.
    pub screening_id: String,
    /// Every action recorded for it.
    #[schema(schema_with = crate::schema::actions)]
    pub actions: Vec<campaign::Action>,
}

/// `POST /v1/user-scam-reports`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScamReportRequest {
    /// The exchange's user id.
    #[schema(min_length = 1, max_length = 256)]
    pub user: String,
    /// RFC 3339; now when absent.
    #[schema(format = DateTime)]
    pub reported_at: Option<String>,
}

/// How many screenings a scam report was linked to.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScamReportResponse {
    /// The user's eligible screenings before the report.
    pub linked_screenings: u64,
}

/// A stored campaign: its document plus `id`, `created_at` and `updated_at`.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    /// The document.
    #[serde(flatten)]
    pub spec: campaign::Spec,
    /// Identifier.
    pub id: i64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

impl utoipa::PartialSchema for CampaignView {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        crate::schema::campaign_view().into()
    }
}

impl utoipa::ToSchema for CampaignView {}

impl From<&campaign::Campaign> for CampaignView {
    fn from(c: &campaign::Campaign) -> CampaignView {
        CampaignView {
            spec: c.spec.clone(),
            id: c.id,
            created_at: crate::rfc3339(c.created_at),
            updated_at: crate::rfc3339(c.updated_at),
        }
    }
}

/// `GET /v1/campaigns`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CampaignList {
    /// The campaigns the caller may see, by id.
    pub campaigns: Vec<CampaignView>,
}

/// A campaign created as a draft whose activation waits for another admin (`202`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PendingCampaign {
    /// The draft.
    pub campaign: CampaignView,
    /// The revision that activates it.
    pub revision: RevisionView,
}

/// A change waiting for another admin's approval (`202`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PendingChange {
    /// The revision.
    pub revision: RevisionView,
}

/// One top-level field of a campaign document that changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// Before (`null` when absent).
    pub from: serde_json::Value,
    /// After.
    pub to: serde_json::Value,
}

/// What changes between two versions of a campaign document, field by field.
pub type Diff = BTreeMap<String, FieldChange>;

/// Who made a revision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuthorView {
    /// The author's key.
    pub key_id: Option<i64>,
    /// The author's role.
    pub role: String,
}

/// A campaign revision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionView {
    /// Identifier.
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    /// RFC 3339.
    pub created_at: String,
    /// Who proposed it.
    pub author: AuthorView,
    /// What changes (`null` if unreadable).
    pub diff: Option<Diff>,
    /// The campaign as it would be.
    #[schema(schema_with = crate::schema::campaign_shown)]
    pub campaign: campaign::Spec,
    /// RFC 3339, once decided.
    pub decided_at: Option<String>,
    /// The deciding key.
    pub decided_by: Option<i64>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

/// `GET /v1/campaign-revisions`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionList {
    /// The revisions the caller may see.
    pub revisions: Vec<RevisionView>,
}

/// The query of `GET /v1/campaign-revisions`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionQuery {
    /// `pending`, `approved` or `rejected`.
    pub state: Option<String>,
    /// One campaign's.
    pub campaign: Option<i64>,
    /// Most revisions (default 50).
    pub limit: Option<u32>,
}

/// A partner resource.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResourceView {
    /// Identifier.
    pub id: i64,
    /// The indicator key (`phone:+85218222`, `domain:cyberdefender.hk`).
    pub key: String,
    /// What it is.
    pub label: String,
    /// When it was added, Unix seconds.
    pub created_at: i64,
}

/// `GET /v1/partner-resources`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResourceList {
    /// Every resource.
    pub resources: Vec<ResourceView>,
}

/// `POST /v1/partner-resources`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewResourceRequest {
    /// A phone number, URL, domain or email.
    #[schema(min_length = 1)]
    pub value: String,
    /// What it is ("Anti-Scam Helpline").
    #[schema(min_length = 1, max_length = 200)]
    pub label: String,
}

/// An addition to the partner resources, waiting for (or decided by) a second admin:
/// `202` from `POST /v1/partner-resources`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResourceAdditionView {
    /// Identifier.
    pub id: i64,
    /// The indicator key it would list.
    pub key: String,
    /// What it is.
    pub label: String,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    /// RFC 3339.
    pub created_at: String,
    /// Who proposed it.
    pub author: AuthorView,
    /// RFC 3339, once decided.
    pub decided_at: Option<String>,
    /// The deciding key.
    pub decided_by: Option<i64>,
    /// The decider's note.
    pub decision_note: Option<String>,
    /// The partner resource its approval listed.
    pub resource_id: Option<i64>,
}

/// `GET /v1/partner-resource-additions`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResourceAdditionList {
    /// Newest first.
    pub additions: Vec<ResourceAdditionView>,
}

/// The query of `GET /v1/partner-resource-additions`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceAdditionQuery {
    /// `pending`, `approved` or `rejected`.
    pub state: Option<String>,
    /// Most additions (default 50).
    pub limit: Option<u32>,
}

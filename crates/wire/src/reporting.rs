//! Scam reports, triage, disputes and the audit log: `/v1/reports`, `/v1/triage`,
//! `/v1/disputes`, `/v1/audit`; and the batch of `POST /v1/verify`.
//!
//! Requests refuse unknown fields, as the API always did. Responses keep every field,
//! `null` when absent (a report's `contact` alone is left out when there is none).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::VerifyResult;

/// `POST /v1/verify`: up to 500 inputs at once.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyBatchRequest {
    /// What to check.
    #[schema(min_items = 1, max_items = 500)]
    pub inputs: Vec<String>,
    /// Read every input as this kind.
    #[schema(schema_with = crate::schema::kind_nullable)]
    pub kind: Option<String>,
    /// The language of the answers.
    #[schema(schema_with = crate::schema::lang_nullable)]
    pub locale: Option<String>,
}

/// The answer to `POST /v1/verify`, in the order of the inputs.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VerifyResults {
    /// One result per input.
    pub results: Vec<VerifyResult>,
}

/// `POST /v1/reports`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// Websites, numbers, accounts, addresses.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub indicators: Vec<String>,
    /// The message received.
    #[schema(max_length = 10000)]
    pub text: Option<String>,
    /// How the scammer made contact.
    #[schema(schema_with = crate::schema::channel_nullable)]
    pub channel: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[schema(schema_with = crate::schema::region_nullable)]
    pub region: Option<String>,
    /// What was lost.
    pub loss: Option<LossRequest>,
    /// When it happened (RFC 3339 or a date).
    pub occurred_at: Option<String>,
    /// How to reach the reporter, given with consent.
    pub contact: Option<ContactRequest>,
    /// The language of the answer (`en`, `zh-Hant`, `zh-Hans`).
    #[schema(schema_with = crate::schema::lang_nullable)]
    pub lang: Option<String>,
}

/// A report's loss.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LossRequest {
    /// A JSON number or a string.
    #[schema(value_type = Option<crate::campaigns::Amount>)]
    pub amount: Option<Value>,
    /// The currency or coin.
    #[schema(max_length = 16, pattern = "^[A-Za-z0-9]+$")]
    pub asset: Option<String>,
}

/// A report's contact.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    /// The reporter agrees to be contacted.
    #[serde(default)]
    pub consent: bool,
    /// How.
    #[schema(max_length = 200)]
    pub detail: Option<String>,
}

impl ReportRequest {
    /// The draft the validator reads.
    pub fn draft(self) -> reports::Draft {
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

/// The answer to a stored report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportReceipt {
    /// The reporter's reference (`R-…`).
    pub reference: String,
    /// RFC 3339.
    pub received_at: String,
    /// The indicators it names.
    pub indicators: Vec<ReceivedIndicator>,
    /// How many were taken from the text.
    pub extracted_from_text: usize,
    /// A sentence for the reporter, in their language.
    pub message: String,
}

/// One indicator of a stored report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReceivedIndicator {
    /// Its key.
    pub key: String,
    /// It is an official channel (a possible account takeover).
    pub official: bool,
}

/// A stored report as staff and partners read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportRecord {
    /// Identifier.
    pub id: i64,
    /// The reporter's reference.
    pub reference: String,
    /// RFC 3339.
    pub received_at: String,
    /// The indicators' keys.
    pub indicators: Vec<String>,
    /// The message.
    pub text: Option<String>,
    /// How the scammer made contact.
    pub channel: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub region: Option<String>,
    /// What was lost.
    pub loss: Option<LossView>,
    /// RFC 3339.
    pub occurred_at: Option<String>,
    /// Only for the partner of the region, and only when given with consent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactView>,
}

/// A report's loss.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LossView {
    /// As written.
    pub amount: String,
    /// The currency or coin.
    pub asset: Option<String>,
}

/// A report's contact.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContactView {
    /// Always true: contacts are stored only with consent.
    pub consent: bool,
    /// How.
    pub detail: String,
}

/// `GET /v1/reports`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportList {
    /// Newest first.
    pub reports: Vec<ReportRecord>,
}

/// The reports on one indicator, grouped for triage.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupView {
    /// Identifier.
    pub id: i64,
    /// The indicator's key.
    pub key: String,
    /// `new`, `confirmed`, `rejected`, `duplicate`.
    pub state: String,
    /// The group this one duplicates.
    pub duplicate_of: Option<String>,
    /// `possible_takeover` when the indicator is an official channel.
    pub alert: Option<String>,
    /// An analyst delisted it.
    pub delisted: bool,
    /// Reports.
    pub reports: u32,
    /// Distinct reporters.
    pub reporters: u32,
    /// RFC 3339.
    pub first_seen: String,
    /// RFC 3339.
    pub last_seen: String,
    /// The severity it is listed with, if listed.
    pub listed: Option<String>,
}

/// `GET /v1/triage`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TriageQueue {
    /// The groups.
    pub groups: Vec<GroupView>,
}

/// `GET /v1/triage/{group}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupReports {
    /// The group.
    pub group: GroupView,
    /// Its reports, newest first, never with contacts.
    pub reports: Vec<ReportRecord>,
}

/// `POST /v1/triage/{group}`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageRequest {
    /// `confirm`, `reject`, `duplicate`, `reopen` or `delist`.
    #[schema(schema_with = crate::schema::triage_action)]
    pub action: String,
    /// The group duplicated (`duplicate` only).
    pub duplicate_of: Option<String>,
    /// The analyst's note.
    pub note: Option<String>,
    /// Why it is delisted (`delist` only, required there).
    pub reason: Option<String>,
}

/// The answer to `POST /v1/triage/{group}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum TriageResult {
    /// A group's new state.
    Group {
        /// The group.
        group: GroupView,
        /// The blocklist changed (and the index with it).
        blocklist_changed: bool,
    },
    /// An indicator delisted.
    Delisted {
        /// Its key.
        key: String,
        /// Always true.
        delisted: bool,
        /// It was listed before.
        was_listed: bool,
    },
}

/// A triage decision under the two-person rule: an analyst's action that would change
/// what Verify answers about an indicator, waiting for (or decided by) a second
/// analyst. `POST /v1/triage/{group}` and `POST /v1/disputes/{id}` answer `202` with
/// one when a second analyst is needed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TriageDecisionView {
    /// Identifier (`POST /v1/triage-decisions/{id}/approve`).
    pub id: i64,
    /// The indicator's key.
    pub key: String,
    /// `confirm`, `reject`, `duplicate`, `reopen`, `delist` or `uphold` (a dispute).
    #[schema(schema_with = crate::schema::decision_action)]
    pub action: String,
    /// The group duplicated (`duplicate` only).
    pub duplicate_of: Option<String>,
    /// The dispute upheld (`uphold` only).
    pub dispute_id: Option<i64>,
    /// The author's note (a delisting's reason).
    pub note: Option<String>,
    /// `pending`, `approved`, `rejected` or `withdrawn`.
    #[schema(schema_with = crate::schema::decision_state)]
    pub state: String,
    /// RFC 3339.
    pub created_at: String,
    /// Who proposed it.
    pub author: crate::ProposalActor,
    /// RFC 3339, once decided.
    pub decided_at: Option<String>,
    /// Who decided it.
    pub decided_by: Option<crate::ProposalActor>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

/// `GET /v1/triage-decisions`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TriageDecisionList {
    /// Newest first.
    pub decisions: Vec<TriageDecisionView>,
}

/// The answer to `POST /v1/triage-decisions/{id}/approve` or `…/reject`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TriageDecisionResult {
    /// The decision, decided.
    pub decision: TriageDecisionView,
    /// The blocklist changed (approved, and applied).
    pub blocklist_changed: bool,
}

/// `POST /v1/disputes` (public).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeRequest {
    /// The listed indicator.
    pub indicator: String,
    /// Why the listing is wrong.
    pub reason: Option<String>,
    /// How to reach the disputer.
    pub contact: Option<String>,
    /// The language of the answer.
    #[schema(schema_with = crate::schema::lang_nullable)]
    pub lang: Option<String>,
}

/// The answer to a filed dispute.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisputeReceipt {
    /// `D-…`.
    pub reference: String,
    /// The indicator's key.
    pub key: String,
    /// `open`.
    pub state: String,
    /// A sentence for the disputer, in their language.
    pub message: String,
}

/// A dispute as staff read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisputeView {
    /// Identifier.
    pub id: i64,
    /// `D-…`.
    pub reference: String,
    /// The indicator's key.
    pub key: String,
    /// Why the listing is wrong.
    pub reason: String,
    /// How to reach the disputer.
    pub contact: Option<String>,
    /// `open`, `upheld`, `rejected`.
    pub state: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub resolved_at: Option<String>,
    /// The analyst's note.
    pub resolution: Option<String>,
}

/// `GET /v1/disputes`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisputeList {
    /// Newest first.
    pub disputes: Vec<DisputeView>,
}

/// `POST /v1/disputes/{id}`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `uphold` or `reject`.
    #[schema(schema_with = crate::schema::dispute_action)]
    pub action: String,
    /// The analyst's note.
    pub note: Option<String>,
}

/// The answer to a dispute decision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DecisionResult {
    /// The dispute, decided.
    pub dispute: DisputeView,
    /// The blocklist changed (upheld: delisted).
    pub blocklist_changed: bool,
}

/// One record of the audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditView {
    /// Identifier.
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    /// The acting key.
    pub key_id: Option<i64>,
    /// Its role (`cli`, `system`, `public` without a key).
    pub role: String,
    /// What was done (`triage.confirm`, `reports.read`, …).
    pub action: String,
    /// On what.
    pub target: Option<String>,
    /// The stored detail, a JSON document.
    pub detail: Option<Value>,
    /// The client's address.
    pub ip: Option<String>,
}

/// `GET /v1/audit`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditLog {
    /// Newest first.
    pub records: Vec<AuditView>,
}

/// `GET /v1/tactics`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Tactics {
    /// The language of the texts.
    #[schema(schema_with = crate::schema::locale)]
    pub locale: i18n::Locale,
    /// Every tactic.
    pub tactics: Vec<crate::TacticInfo>,
}

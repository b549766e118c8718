//! The friction ladder's shapes (issue 14): the `friction` of a screening's answer,
//! the trusted contact of a screening request, and `/v1/screenings/{id}/answers`,
//! `/release` and `/contact-notified`.

use campaign::friction::{Question, Step};
use serde::{Deserialize, Serialize};

/// Longest trusted-contact id, in bytes.
pub const MAX_CONTACT_BYTES: usize = 256;

/// The states of a friction step.
pub const STATES: [&str; 3] = ["open", "released", "cancelled"];

fn step_schema() -> utoipa::openapi::Object {
    crate::schema::string_enum(
        [Step::Confirm, Step::Hold].map(Step::as_str),
        "A step of the friction ladder.",
    )
}

fn state_schema() -> utoipa::openapi::Object {
    crate::schema::string_enum(STATES, "Where the step is.")
}

/// The trusted contact the user named, with their consent, in a screening request:
/// antiscam keeps only a keyed pseudonym of `id` and the consent.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrustedContactRequest {
    /// The exchange's id of the contact (pseudonymized before use).
    #[schema(min_length = 1, max_length = 256)]
    pub id: String,
    /// The user consented to the contact being told of a hold.
    pub consent: bool,
}

impl TrustedContactRequest {
    /// Checks the id.
    pub fn check(&self) -> Result<(), String> {
        if self.id.trim().is_empty() || self.id.len() > MAX_CONTACT_BYTES {
            return Err(format!(
                "`trusted_contact.id` must be 1 to {MAX_CONTACT_BYTES} bytes: the exchange's \
                 id of the contact"
            ));
        }
        Ok(())
    }
}

/// One possible answer, as shown (without its risk).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerView {
    /// The id to send back.
    pub id: String,
    /// The text.
    pub text: String,
}

/// One question, as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    /// The id to send back.
    pub id: String,
    /// The question.
    pub question: String,
    /// Its answers.
    pub answers: Vec<AnswerView>,
}

impl From<&Question> for QuestionView {
    fn from(q: &Question) -> QuestionView {
        QuestionView {
            id: q.id.clone(),
            question: q.question.clone(),
            answers: q
                .answers
                .iter()
                .map(|a| AnswerView {
                    id: a.id.clone(),
                    text: a.text.clone(),
                })
                .collect(),
        }
    }
}

/// What the exchange sends the trusted contact.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    /// The text, in the screening's locale.
    pub text: String,
}

/// A screening's friction step.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FrictionView {
    /// `confirm` or `hold`.
    #[schema(schema_with = step_schema)]
    pub step: Step,
    /// `open`, `released` or `cancelled`.
    #[schema(schema_with = state_schema)]
    pub state: &'static str,
    /// The purpose-of-withdrawal questions (`confirm`, until answered).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questionnaire: Vec<QuestionView>,
    /// Who to call or write to before going ahead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<String>,
    /// Why it is held (`hold`), in the screening's locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// RFC 3339: when the integrator may release it (`hold`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_at: Option<String>,
    /// For the trusted contact the user named, with consent, of a critical hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification: Option<NotificationView>,
    /// Whether the exchange said it notified the contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_notified: Option<bool>,
}

/// One answer in `POST /v1/screenings/{id}/answers`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerItem {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
}

/// `POST /v1/screenings/{id}/answers`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersRequest {
    /// An answer to every question.
    pub answers: Vec<AnswerItem>,
}

/// `POST /v1/screenings/{id}/contact-notified`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactNotifiedRequest {
    /// Whether the exchange sent the notification to the trusted contact.
    pub sent: bool,
}

/// The risk after the answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReassessedRisk {
    /// Level.
    #[schema(schema_with = crate::schema::risk_level)]
    pub level: campaign::RiskLevel,
    /// Score, 0 to 100.
    pub score: u8,
}

/// The answer of `/answers`, `/release` and `/contact-notified`: the screening's
/// decision now and its friction.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FrictionResponse {
    /// The screening.
    pub screening_id: String,
    /// What to do now: `hold` while held, `warn` while asked, `allow` once released.
    #[schema(schema_with = crate::schema::decision)]
    pub decision: campaign::Decision,
    /// The risk now.
    pub risk: ReassessedRisk,
    /// The friction.
    pub friction: FrictionView,
}

/// Why a withdrawal is held, in `locale`: `escalated` when the answers led to it.
pub fn hold_reason(locale: i18n::Locale, hours: u32, escalated: bool) -> String {
    let id = if escalated {
        "friction-hold-escalated"
    } else {
        "friction-hold-reason"
    };
    i18n::Catalog::global().message(locale, id, &[("hours", i64::from(hours).into())])
}

/// What the exchange sends the trusted contact of a held withdrawal, in `locale`.
pub fn contact_notification(locale: i18n::Locale, hours: u32) -> NotificationView {
    NotificationView {
        text: i18n::Catalog::global().message(
            locale,
            "friction-contact-notification",
            &[("hours", i64::from(hours).into())],
        ),
    }
}

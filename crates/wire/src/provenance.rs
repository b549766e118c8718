//! "Did we send this?": `POST /v1/sent-messages` and the `provenance` of an analysis.

use serde::{Deserialize, Serialize};

/// Most messages in one `POST /v1/sent-messages`.
pub const MAX_SENT_MESSAGES: usize = 1_000;

/// `POST /v1/sent-messages`: what the exchange sent.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SentMessagesRequest {
    /// 1 to [`MAX_SENT_MESSAGES`] messages.
    #[schema(min_items = 1, max_items = 1000)]
    pub messages: Vec<SentMessage>,
}

/// One message the exchange sent. Its text is fingerprinted and dropped.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SentMessage {
    /// The exchange's user id, as in screening (pseudonymized, never stored).
    #[schema(min_length = 1, max_length = 256)]
    pub user: String,
    /// How it was sent: `sms`, `email`, `app`, … (the channel vocabulary of reports).
    #[schema(schema_with = crate::schema::channel)]
    pub channel: String,
    /// When it was sent, RFC 3339.
    #[schema(format = DateTime)]
    pub sent_at: String,
    /// The text as sent.
    #[schema(min_length = 1)]
    pub text: String,
}

/// The answer to `POST /v1/sent-messages`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SentMessagesResult {
    /// Messages registered.
    pub registered: usize,
    /// Fingerprints not stored before (a message sent again adds none).
    pub fingerprints_added: u64,
    /// When the messages of this batch are forgotten, RFC 3339 (the latest of them).
    pub expires_at: String,
}

/// Whether the exchange sent a message to this user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceStatus {
    /// The exchange sent this user this message.
    SentByUs,
    /// The message claims the exchange but matches nothing sent to this user.
    NotSentByUs,
    /// The message does not claim the exchange: nothing to tell.
    Unknown,
}

/// The `provenance` of an analysis, when the caller named the user.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProvenanceView {
    /// The answer.
    pub status: ProvenanceStatus,
    /// When it was sent, RFC 3339 (`sent_by_us` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    /// How it was sent (`sent_by_us` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// How many of the message's links were sent to this user by the exchange.
    pub links_sent_by_us: usize,
    /// What it means and what to do, in the answer's language.
    pub explanation: String,
}

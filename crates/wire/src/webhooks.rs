//! Signed webhooks (issue 15): `/v1/webhooks`, `antiscam webhooks`, and the body of
//! every event posted to a subscriber (docs/WEBHOOKS.md).

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{SchemaType, Type};
use utoipa::openapi::{Array, Object};

use crate::schema::{date_time, nullable, region, string_enum};

/// Every event type, as `store::webhooks::EventType` names them (a service test keeps
/// the two lists equal).
pub const EVENT_TYPES: [&str; 6] = [
    "listing.created",
    "listing.confirmed",
    "listing.delisted",
    "takeover.alert",
    "report.urgent",
    "campaign.result",
];

/// The states of a delivery.
pub const DELIVERY_STATES: [&str; 3] = ["pending", "delivered", "dead"];

fn event_types() -> Array {
    let mut a = Array::new(string_enum(EVENT_TYPES, "An event type."));
    a.min_items = Some(1);
    a.max_items = Some(EVENT_TYPES.len());
    a
}

fn regions() -> Array {
    let mut a = Array::new(region());
    a.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    a
}

fn since() -> Object {
    nullable(date_time())
}

/// The schema of a delivery's state.
pub fn delivery_state() -> Object {
    string_enum(DELIVERY_STATES, "Where a delivery is.")
}

/// `POST /v1/webhooks`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookRequest {
    /// Where events are posted: `https://…` (`http://` only where private targets are
    /// allowed).
    #[schema(min_length = 1, max_length = 2048)]
    pub url: String,
    /// Event types: `listing.created`, `listing.confirmed`, `listing.delisted`,
    /// `takeover.alert`, `report.urgent`, `campaign.result`.
    #[schema(schema_with = event_types)]
    pub events: Vec<String>,
    /// ISO 3166-1 alpha-2 regions; absent: every region (admins), the key's (partners).
    #[serde(default)]
    #[schema(schema_with = regions)]
    pub regions: Option<Vec<String>>,
}

/// A subscription just made: its signing secret, shown once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedWebhook {
    /// What was stored.
    #[serde(flatten)]
    pub view: WebhookView,
    /// `whsec_<base64>`: shown once, never stored.
    pub secret: String,
}

/// Delivery status of a subscription.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WebhookStatus {
    /// RFC 3339: the latest delivery that succeeded.
    pub last_success: Option<String>,
    /// RFC 3339: the latest attempt that failed.
    pub last_failure: Option<String>,
    /// Why it failed.
    pub last_error: Option<String>,
    /// Events waiting to be delivered.
    pub pending: u64,
    /// Dead letters (given up on; `replay` requeues them).
    pub dead: u64,
}

/// A subscription, never its secret.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WebhookView {
    /// Identifier.
    pub id: i64,
    /// Where events are posted.
    pub url: String,
    /// Event types.
    #[schema(schema_with = event_types)]
    pub events: Vec<String>,
    /// Regions; empty: every region.
    pub regions: Vec<String>,
    /// The API key that made it, if any.
    pub owner_key_id: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
    /// Delivery status.
    pub status: WebhookStatus,
}

/// `GET /v1/webhooks`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WebhookList {
    /// The subscriptions the caller may see.
    pub webhooks: Vec<WebhookView>,
}

/// One event for one subscriber.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeliveryView {
    /// The message id (`webhook-id`).
    pub id: String,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// What it is about (an indicator key, `report:<reference>`).
    pub subject: String,
    /// `pending`, `delivered` or `dead`.
    #[schema(schema_with = delivery_state)]
    pub state: String,
    /// Attempts so far.
    pub attempts: u32,
    /// RFC 3339: when the change happened.
    pub created_at: String,
    /// RFC 3339: the next attempt (pending).
    pub next_attempt_at: Option<String>,
    /// RFC 3339: the latest attempt.
    pub last_attempt_at: Option<String>,
    /// Why the latest attempt failed.
    pub last_error: Option<String>,
    /// RFC 3339: when it was delivered.
    pub delivered_at: Option<String>,
}

/// `GET /v1/webhooks/{id}/deliveries`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeliveryList {
    /// Newest first.
    pub deliveries: Vec<DeliveryView>,
}

/// `POST /v1/webhooks/{id}/replay`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// RFC 3339: only dead letters of events at or after this time.
    #[serde(default)]
    #[schema(schema_with = since)]
    pub since: Option<String>,
}

/// What a replay requeued.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReplayResult {
    /// The subscription.
    pub id: i64,
    /// Dead letters made pending again.
    pub requeued: u64,
}

/// `DELETE /v1/webhooks/{id}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeletedWebhook {
    /// The subscription.
    pub id: i64,
    /// Always true.
    pub deleted: bool,
}

/// The body posted to a subscriber (Standard Webhooks: the signature covers
/// `{webhook-id}.{webhook-timestamp}.{this body}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// The event type (`listing.created`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The message id, the same as the `webhook-id` header: the same on every retry,
    /// so receivers drop duplicates by it.
    pub id: String,
    /// RFC 3339: when the change happened.
    pub timestamp: String,
    /// What happened: `indicator`, `regions`, and the fields of the type.
    pub data: serde_json::Value,
}

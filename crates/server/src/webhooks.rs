//! `/v1/webhooks`: signed webhook subscriptions (the use cases and their rules:
//! `service::webhooks`; the format: docs/WEBHOOKS.md).
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `POST /v1/webhooks` | admin, partner | subscribe; `201` with the secret, shown once |
//! | `GET /v1/webhooks` | admin, partner | subscriptions (a partner's own) and their delivery status |
//! | `DELETE /v1/webhooks/{id}` | admin, partner (own) | unsubscribe |
//! | `GET /v1/webhooks/{id}/deliveries` | admin, partner (own) | recent deliveries, `?state=dead` for dead letters |
//! | `POST /v1/webhooks/{id}/replay` | admin | requeue the dead letters (`{"since"?}`) |

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/webhooks", get(list_handler).post(create_handler))
        .route("/v1/webhooks/{id}", delete(delete_handler))
        .route("/v1/webhooks/{id}/deliveries", get(deliveries_handler))
        .route("/v1/webhooks/{id}/replay", post(replay_handler))
}

const ROLES: &[service::Role] = &[service::Role::Admin, service::Role::Partner];

fn webhook_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::BadRequest(format!("{id:?} is not a webhook id (a whole number)")))
}

async fn create_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<wire::webhooks::WebhookRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<wire::webhooks::CreatedWebhook>), ApiError> {
    // Authorized before the body is read: others learn nothing from its errors.
    caller.require(ROLES)?;
    let Json(body) = body?;
    let created = state
        .service
        .create_webhook(&caller.principal(client), &body)
        .await?;
    Ok((StatusCode::CREATED, Json(created.view())))
}

async fn list_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
) -> Result<Json<wire::webhooks::WebhookList>, ApiError> {
    let subs = state.service.webhooks(&caller.principal(client)).await?;
    Ok(Json(wire::webhooks::WebhookList {
        webhooks: subs.iter().map(service::webhooks::view).collect(),
    }))
}

async fn delete_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<wire::webhooks::DeletedWebhook>, ApiError> {
    caller.require(ROLES)?;
    let id = webhook_id(&id)?;
    state
        .service
        .delete_webhook(&caller.principal(client), id)
        .await?;
    Ok(Json(wire::webhooks::DeletedWebhook { id, deleted: true }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeliveriesQuery {
    state: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
}

async fn deliveries_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<String>,
    query: Result<Query<DeliveriesQuery>, QueryRejection>,
) -> Result<Json<wire::webhooks::DeliveryList>, ApiError> {
    caller.require(ROLES)?;
    let id = webhook_id(&id)?;
    let Query(q) = query?;
    let rows = state
        .service
        .webhook_deliveries(
            &caller.principal(client),
            id,
            q.state.as_deref(),
            q.before,
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(wire::webhooks::DeliveryList {
        deliveries: rows.iter().map(service::webhooks::delivery_view).collect(),
    }))
}

async fn replay_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<wire::webhooks::ReplayResult>, ApiError> {
    caller.require(&[service::Role::Admin])?;
    let id = webhook_id(&id)?;
    // The body is optional: none replays every dead letter.
    let since = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<wire::webhooks::ReplayRequest>(&body)
            .map_err(|e| ApiError::BadRequest(format!("invalid JSON body: {e}")))?
            .since
    };
    let requeued = state
        .service
        .replay_webhook(&caller.principal(client), id, since.as_deref())
        .await?;
    Ok(Json(wire::webhooks::ReplayResult { id, requeued }))
}

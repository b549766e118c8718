//! `/v1/keys` (admins; the use cases and their rules: `service::keys`).
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `GET /v1/keys` | admin | every key (never its secret) |
//! | `POST /v1/keys` | admin | a new analyst, partner or integrator key, shown once |
//! | `POST /v1/keys/{id}/revoke` | admin | revoke |
//! | `POST /v1/keys/{id}/rotate` | admin | a new key with the same role, region and label; the old one revoked |

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/keys", get(list_handler).post(create_handler))
        .route("/v1/keys/{id}/revoke", post(revoke_handler))
        .route("/v1/keys/{id}/rotate", post(rotate_handler))
}

async fn list_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
) -> Result<Json<wire::KeyList>, ApiError> {
    let keys = state.service.list_keys(&caller.principal(client)).await?;
    Ok(Json(wire::KeyList {
        keys: keys.iter().map(service::keys::view).collect(),
    }))
}

async fn create_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<wire::NewKeyRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<wire::CreatedKey>), ApiError> {
    let by = caller.principal(client);
    // Authorized before the body is read: a non-admin learns nothing from its errors.
    caller.require(&[service::Role::Admin])?;
    let Json(body) = body?;
    let created = state.service.create_key(&by, &body).await?;
    Ok((StatusCode::CREATED, Json(created.view())))
}

fn key_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::BadRequest(format!("{id:?} is not a key id (a whole number)")))
}

async fn revoke_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<wire::RevokedKey>, ApiError> {
    caller.require(&[service::Role::Admin])?;
    let id = key_id(&id)?;
    state
        .service
        .revoke_key(&caller.principal(client), id)
        .await?;
    Ok(Json(wire::RevokedKey { id, revoked: true }))
}

async fn rotate_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<wire::CreatedKey>), ApiError> {
    caller.require(&[service::Role::Admin])?;
    let id = key_id(&id)?;
    let created = state
        .service
        .rotate_key(&caller.principal(client), id)
        .await?;
    Ok((StatusCode::CREATED, Json(created.view())))
}

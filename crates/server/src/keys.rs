//! API key management, shared by `antiscam keys` and `/v1/keys`: every creation,
//! revocation and rotation is written together with its audit record
//! ([`store::Store::change_api_keys`]), and a revocation made through this process
//! drops the key from its cache at once (other processes stop trusting it within
//! [`crate::auth::KEY_CACHE_TTL`]).
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `GET /v1/keys` | admin | every key (never its secret) |
//! | `POST /v1/keys` | admin | a new analyst, partner or integrator key, shown once |
//! | `POST /v1/keys/{id}/revoke` | admin | revoke |
//! | `POST /v1/keys/{id}/rotate` | admin | a new key with the same role, region and label; the old one revoked |
//!
//! **Admin keys are made only at the command line** (by an operator who holds the
//! database): an admin key that could mint or rotate admin keys over the API would be
//! a second "person" for the two-person rules, made by one.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use store::reports::Actor;
use store::{ApiKey, KeyChange, NewApiKey, Role, Store, StoreError};

use crate::auth::Caller;
use crate::reports::actor;
use crate::{ApiError, AppState};

/// Why a key change failed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The system has no randomness to make a key from.
    #[error("no randomness available to make a key")]
    Random,
    /// No active key has that id.
    #[error("no active key with id {0}")]
    NotActive(i64),
    /// The store refused or failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for KeyError {
    fn from(e: StoreError) -> KeyError {
        KeyError::Store(e)
    }
}

impl From<KeyError> for ApiError {
    fn from(e: KeyError) -> ApiError {
        match e {
            KeyError::NotActive(_) => ApiError::NotFound(e.to_string()),
            KeyError::Store(StoreError::InvalidInput(m)) => ApiError::Invalid {
                code: "invalid_key",
                message: m,
            },
            KeyError::Store(s) => ApiError::from(s),
            KeyError::Random => ApiError::Internal(e.to_string()),
        }
    }
}

/// A new key: the secret to show once, and what was stored.
#[derive(Debug)]
pub struct Created {
    /// `ask_…`: shown once, never stored.
    pub secret: String,
    /// The stored key.
    pub key: ApiKey,
}

/// Creates a key (audited as `key.create`).
pub async fn create(
    store: &dyn Store,
    actor: &Actor,
    role: Role,
    region: Option<String>,
    label: Option<String>,
    now: i64,
) -> Result<Created, KeyError> {
    let (secret, hash) = crate::auth::generate_key().map_err(|_| KeyError::Random)?;
    let new = NewApiKey {
        hash,
        role,
        region,
        label,
    };
    let detail =
        json!({"role": role.as_str(), "region": new.region, "label": new.label}).to_string();
    let key = store
        .change_api_keys(&KeyChange {
            create: Some(&new),
            revoke: None,
            actor,
            action: "key.create",
            detail: Some(&detail),
            now,
        })
        .await?
        .ok_or_else(|| KeyError::Store(StoreError::Corrupt("no key returned".into())))?;
    Ok(Created { secret, key })
}

/// Revokes an active key (audited as `key.revoke`).
pub async fn revoke(store: &dyn Store, actor: &Actor, id: i64, now: i64) -> Result<(), KeyError> {
    store
        .change_api_keys(&KeyChange {
            create: None,
            revoke: Some(id),
            actor,
            action: "key.revoke",
            detail: None,
            now,
        })
        .await
        .map_err(|e| match e {
            StoreError::NotFound => KeyError::NotActive(id),
            other => KeyError::Store(other),
        })?;
    Ok(())
}

/// The active key with this id.
pub async fn active(store: &dyn Store, id: i64) -> Result<ApiKey, KeyError> {
    store
        .list_api_keys()
        .await?
        .into_iter()
        .find(|k| k.id == id && k.revoked_at.is_none())
        .ok_or(KeyError::NotActive(id))
}

/// Replaces an active key by a new one with the same role, region and label, in one
/// transaction (audited as `key.rotate`, target the new key, detail the old id).
pub async fn rotate(
    store: &dyn Store,
    actor: &Actor,
    old: &ApiKey,
    now: i64,
) -> Result<Created, KeyError> {
    let (secret, hash) = crate::auth::generate_key().map_err(|_| KeyError::Random)?;
    let new = NewApiKey {
        hash,
        role: old.role,
        region: old.region.clone(),
        label: old.label.clone(),
    };
    let detail = json!({"replaces": old.id, "role": old.role.as_str()}).to_string();
    let key = store
        .change_api_keys(&KeyChange {
            create: Some(&new),
            revoke: Some(old.id),
            actor,
            action: "key.rotate",
            detail: Some(&detail),
            now,
        })
        .await
        .map_err(|e| match e {
            StoreError::NotFound => KeyError::NotActive(old.id),
            other => KeyError::Store(other),
        })?
        .ok_or_else(|| KeyError::Store(StoreError::Corrupt("no key returned".into())))?;
    Ok(Created { secret, key })
}

/// The JSON of a key (never its hash).
pub fn key_json(k: &ApiKey) -> Value {
    json!({
        "id": k.id,
        "role": k.role.as_str(),
        "region": k.region,
        "label": k.label,
        "created_at": wire::rfc3339(k.created_at),
        "revoked_at": k.revoked_at.map(wire::rfc3339),
    })
}

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/keys", get(list_handler).post(create_handler))
        .route("/v1/keys/{id}/revoke", post(revoke_handler))
        .route("/v1/keys/{id}/rotate", post(rotate_handler))
}

fn operator_only() -> ApiError {
    ApiError::Forbidden(
        "admin keys are created and rotated only at the command line (`antiscam keys`)".into(),
    )
}

async fn list_handler(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin])?;
    let keys: Vec<Value> = state
        .store()
        .list_api_keys()
        .await?
        .iter()
        .map(key_json)
        .collect();
    Ok(Json(json!({ "keys": keys })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateBody {
    role: String,
    region: Option<String>,
    label: Option<String>,
}

async fn create_handler(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    body: Result<Json<CreateBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require(&[Role::Admin])?;
    let Json(body) = body?;
    let role: Role = body.role.parse().map_err(|_| ApiError::Invalid {
        code: "invalid_role",
        message: format!(
            "unknown role {:?}: use analyst, partner or integrator",
            body.role
        ),
    })?;
    if role == Role::Admin {
        return Err(operator_only());
    }
    let region = match body.region.as_deref() {
        None => None,
        Some(r) => Some(
            indicator::Region::parse(r)
                .map_err(|e| ApiError::Invalid {
                    code: "invalid_region",
                    message: format!("`region`: {e}"),
                })?
                .as_str()
                .to_owned(),
        ),
    };
    if role == Role::Partner && region.is_none() {
        return Err(ApiError::Invalid {
            code: "missing_region",
            message: "a partner key needs `region` (the ISO 3166 code of its jurisdiction)".into(),
        });
    }
    let created = create(
        state.store().as_ref(),
        &actor(&caller, addr),
        role,
        region,
        body.label,
        crate::now(),
    )
    .await?;
    tracing::info!(
        key_id = caller.0.id,
        new_key = created.key.id,
        "key created"
    );
    let mut out = key_json(&created.key);
    out["key"] = Value::String(created.secret);
    Ok((StatusCode::CREATED, Json(out)))
}

fn key_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::BadRequest(format!("{id:?} is not a key id (a whole number)")))
}

async fn revoke_handler(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin])?;
    let id = key_id(&id)?;
    revoke(
        state.store().as_ref(),
        &actor(&caller, addr),
        id,
        crate::now(),
    )
    .await?;
    state.keys.forget(id);
    tracing::info!(key_id = caller.0.id, revoked = id, "key revoked");
    Ok(Json(json!({ "id": id, "revoked": true })))
}

async fn rotate_handler(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require(&[Role::Admin])?;
    let id = key_id(&id)?;
    let old = active(state.store().as_ref(), id).await?;
    if old.role == Role::Admin {
        return Err(operator_only());
    }
    let created = rotate(
        state.store().as_ref(),
        &actor(&caller, addr),
        &old,
        crate::now(),
    )
    .await?;
    state.keys.forget(id);
    tracing::info!(
        key_id = caller.0.id,
        old = id,
        new_key = created.key.id,
        "key rotated"
    );
    let mut out = key_json(&created.key);
    out["key"] = Value::String(created.secret);
    out["replaces"] = json!(id);
    Ok((StatusCode::CREATED, Json(out)))
}

//! The signed registry's routes under `/.well-known/antiscam/` (the format and the keys:
//! `service::signing`).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::{ApiError, AppState};

/// The routes under `/.well-known/antiscam/`.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/.well-known/antiscam/registry.json", get(registry_json))
        .route("/.well-known/antiscam/registry.json.sig", get(registry_sig))
        .route("/.well-known/antiscam/registry-key", get(registry_key))
}

async fn registry_json(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    let signed = state.service.signed_registry().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        signed.bytes,
    ))
}

async fn registry_sig(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    let signature = state.service.signed_registry().await?.signature;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        format!("{signature}\n"),
    ))
}

async fn registry_key(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    let public = state.service.registry_public_key();
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        format!("{public}\n"),
    ))
}

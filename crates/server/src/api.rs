//! JSON endpoints.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use i18n::Locale;
use serde::Deserialize;
use wire::VerifyResult;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// The language of a response: an explicit `lang`, else `Accept-Language`, else English.
pub(crate) fn locale(lang: Option<&str>, headers: &HeaderMap) -> Locale {
    lang.and_then(Locale::parse).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Locale::En, Locale::negotiate)
    })
}

/// `/openapi.json`: generated from the code once ([`crate::openapi`]); the test
/// `openapi_snapshot` keeps `crates/server/openapi.json` equal to it.
pub(crate) async fn openapi() -> impl IntoResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.get_or_init(crate::openapi::json).as_str(),
    )
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound("no such endpoint; the API is described at /openapi.json".into())
}

/// The query of `GET /v1/verify` and of the Verify page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct VerifyQuery {
    pub(crate) q: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) lang: Option<String>,
}

pub(crate) async fn verify_get(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<VerifyQuery>, QueryRejection>,
) -> Result<Json<VerifyResult>, ApiError> {
    let Query(query) = query?;
    let q = query.q.ok_or_else(|| {
        ApiError::BadRequest(
            "the query parameter `q` is required: the website, email, phone number, account \
             or wallet address to check"
                .into(),
        )
    })?;
    let locale = locale(query.lang.as_deref(), &headers);
    Ok(Json(state.service.verify(
        &q,
        query.kind.as_deref(),
        locale,
    )?))
}

pub(crate) async fn verify_post(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Json<wire::VerifyBatchRequest>, JsonRejection>,
) -> Result<Json<wire::VerifyResults>, ApiError> {
    let Json(body) = body?;
    state
        .limiters
        .charge_batch(caller.as_deref(), client, body.inputs.len())?;
    let locale = locale(body.locale.as_deref(), &headers);
    Ok(Json(state.service.verify_batch(&body, locale)?))
}

pub(crate) async fn registry_get(
    State(state): State<Arc<AppState>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(state.service.stored_registry().await?.to_json()))
}

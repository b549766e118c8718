//! JSON endpoints.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use i18n::Locale;
use indicator::Kind;
use serde::{Deserialize, Serialize};
use wire::VerifyResult;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState, MAX_BATCH};

/// The language of a response: an explicit `lang`, else `Accept-Language`, else English.
pub(crate) fn locale(lang: Option<&str>, headers: &HeaderMap) -> Locale {
    lang.and_then(Locale::parse).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Locale::En, Locale::negotiate)
    })
}

pub(crate) fn parse_kind(kind: Option<&str>) -> Result<Option<Kind>, ApiError> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => verify::parse_kind(k).map(Some).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "unknown kind {k:?}: use domain, url, email, phone, x, telegram, instagram, \
                 facebook, youtube, tiktok, discord, whatsapp, handle or address"
            ))
        }),
    }
}

pub(crate) async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
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
    let kind = parse_kind(query.kind.as_deref())?;
    let locale = locale(query.lang.as_deref(), &headers);
    let index = state.index();
    let v = index.verify(&q, kind);
    Ok(Json(wire::verify_result(&q, &v, locale)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyBody {
    inputs: Vec<String>,
    kind: Option<String>,
    locale: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VerifyResults {
    results: Vec<VerifyResult>,
}

pub(crate) async fn verify_post(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Json<VerifyBody>, JsonRejection>,
) -> Result<Json<VerifyResults>, ApiError> {
    let Json(body) = body?;
    state
        .limiters
        .charge_batch(caller.as_deref(), client, body.inputs.len())?;
    if body.inputs.is_empty() {
        return Err(ApiError::BadRequest(
            "`inputs` is empty: send 1 to 500 strings to check".into(),
        ));
    }
    if body.inputs.len() > MAX_BATCH {
        return Err(ApiError::Invalid {
            code: "too_many",
            message: format!(
                "{} inputs in one request; the limit is {MAX_BATCH}: split the batch",
                body.inputs.len()
            ),
        });
    }
    let kind = parse_kind(body.kind.as_deref())?;
    let locale = locale(body.locale.as_deref(), &headers);
    let index = state.index();
    let results = body
        .inputs
        .iter()
        .map(|input| wire::verify_result(input, &index.verify(input, kind), locale))
        .collect();
    Ok(Json(VerifyResults { results }))
}

pub(crate) async fn registry_get(
    State(state): State<Arc<AppState>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(state.service.stored_registry().await?.to_json()))
}

//! The message analyzer's endpoints: `POST /v1/analyze` and the Know Your Scam
//! catalogue `GET /v1/tactics`.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde::Deserialize;
use wire::{AnalysisResult, AnalyzeRequest};

use crate::api::locale;
use crate::{ApiError, AppState};

/// Largest `POST /v1/analyze` body: a raw email at its limit, JSON-escaped.
pub const MAX_ANALYZE_BODY_BYTES: usize = 2 * mail::MAX_EMAIL_BYTES + 64 * 1024;

/// The analyzer's routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/v1/analyze",
            post(analyze).layer(DefaultBodyLimit::max(MAX_ANALYZE_BODY_BYTES)),
        )
        .route("/v1/tactics", get(tactics))
}

/// Analyzes one message or raw email.
async fn analyze(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<AnalyzeRequest>, JsonRejection>,
) -> Result<Json<AnalysisResult>, ApiError> {
    let Json(request) = body?;
    let fallback = locale(None, &headers);
    Ok(Json(state.service.analyze(request, fallback).await?))
}

#[derive(Debug, Deserialize)]
struct TacticsQuery {
    lang: Option<String>,
}

/// Every tactic with its title, description and tips.
async fn tactics(
    headers: HeaderMap,
    query: Result<Query<TacticsQuery>, QueryRejection>,
) -> Result<Json<wire::Tactics>, ApiError> {
    let Query(query) = query?;
    let locale = locale(query.lang.as_deref(), &headers);
    Ok(Json(wire::Tactics {
        locale,
        tactics: wire::tactics(locale),
    }))
}

//! The message analyzer's endpoints: `POST /v1/analyze`, the Know Your Scam catalogue
//! `GET /v1/tactics`, and `POST /v1/sent-messages` (what the exchange sent, so that
//! an analysis naming the user says whether the exchange sent it).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use serde::Deserialize;
use wire::{AnalysisResult, AnalyzeRequest};

use crate::api::locale;
use crate::auth::Caller;
use crate::client::ClientAddr;
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
        .route("/v1/sent-messages", post(sent_messages))
}

/// Analyzes one message or raw email.
async fn analyze(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Json<AnalyzeRequest>, JsonRejection>,
) -> Result<Json<AnalysisResult>, ApiError> {
    let Json(request) = body?;
    let fallback = locale(None, &headers);
    let by = match caller {
        Some(Extension(caller)) => caller.principal(client),
        None => service::Principal::Public { ip: Some(client.0) },
    };
    Ok(Json(state.service.analyze(&by, request, fallback).await?))
}

/// Registers messages the exchange sent (integrators, admins).
async fn sent_messages(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<wire::SentMessagesRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<wire::SentMessagesResult>), ApiError> {
    // Authorized before the body is read: a stranger learns nothing from its errors.
    caller.require(&[service::Role::Integrator, service::Role::Admin])?;
    let Json(body) = body?;
    let result = state
        .service
        .register_sent(&caller.principal(client), &body)
        .await?;
    Ok((StatusCode::CREATED, Json(result)))
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

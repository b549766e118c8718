//! Withdrawal-time interventions over HTTP (issue 4): screening, outcomes, scam-report
//! links, and the campaign API with its statistics. The use cases, their roles and
//! the partners' region limit are `service::campaigns`'; the shapes are
//! `wire::campaigns`'.
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `POST /v1/withdrawals/screen` | integrator, admin | screen a withdrawal |
//! | `POST /v1/screenings/{id}/outcome` | integrator, admin | what the user did |
//! | `POST /v1/screenings/{id}/answers` | integrator, admin | the questionnaire's answers (friction) |
//! | `POST /v1/screenings/{id}/release` | integrator, admin | release a hold after `release_at` |
//! | `POST /v1/screenings/{id}/contact-notified` | integrator, admin | whether the trusted contact was told |
//! | `POST /v1/user-scam-reports` | integrator, analyst, admin | a user reported a scam |
//! | `GET`, `POST /v1/campaigns` | staff, partners (`POST`: admin, partner) | list, create |
//! | `GET`, `PATCH /v1/campaigns/{id}` | staff, partners (`PATCH`: admin, partner) | read, change |
//! | `GET /v1/campaigns/{id}/stats` | staff, partners | the measurement |

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use service::Role;
use service::campaigns::manage::{Changed, Created};
use wire::campaigns as w;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// Largest screening, outcome or campaign body, in bytes.
pub const MAX_CAMPAIGN_BODY_BYTES: usize = 256 * 1024;
/// Longest user id, in bytes.
pub const MAX_USER_BYTES: usize = w::MAX_USER_BYTES;

/// The routes of this module.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/withdrawals/screen", post(screen_handler))
        .route("/v1/screenings/{id}/outcome", post(outcome_handler))
        .route("/v1/screenings/{id}/answers", post(answers_handler))
        .route("/v1/screenings/{id}/release", post(release_handler))
        .route(
            "/v1/screenings/{id}/contact-notified",
            post(contact_notified_handler),
        )
        .route("/v1/user-scam-reports", post(scam_report_handler))
        .route("/v1/campaigns", get(list_handler).post(create_handler))
        .route("/v1/campaigns/{id}", get(get_handler).patch(patch_handler))
        .route("/v1/campaigns/{id}/stats", get(stats_handler))
        .layer(DefaultBodyLimit::max(MAX_CAMPAIGN_BODY_BYTES))
}

async fn screen_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<w::ScreenRequest>, JsonRejection>,
) -> Result<Json<w::ScreenResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Json(req) = body?;
    Ok(Json(
        state
            .service
            .screen(&caller.principal(client), &req)
            .await?,
    ))
}

async fn outcome_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<w::OutcomeRequest>, JsonRejection>,
) -> Result<Json<w::OutcomeResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let Json(body) = body?;
    let by = caller.principal(client);
    Ok(Json(state.service.outcome(&by, &id, &body).await?))
}

async fn answers_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<wire::friction::AnswersRequest>, JsonRejection>,
) -> Result<Json<wire::friction::FrictionResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let Json(body) = body?;
    let by = caller.principal(client);
    Ok(Json(state.service.answer_screening(&by, &id, &body).await?))
}

async fn release_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<wire::friction::FrictionResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let by = caller.principal(client);
    Ok(Json(state.service.release_screening(&by, &id).await?))
}

async fn contact_notified_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Json<wire::friction::ContactNotifiedRequest>, JsonRejection>,
) -> Result<Json<wire::friction::FrictionResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Admin])?;
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let Json(body) = body?;
    let by = caller.principal(client);
    Ok(Json(
        state
            .service
            .record_contact_notified(&by, &id, &body)
            .await?,
    ))
}

async fn scam_report_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<w::ScamReportRequest>, JsonRejection>,
) -> Result<Json<w::ScamReportResponse>, ApiError> {
    caller.require(&[Role::Integrator, Role::Analyst, Role::Admin])?;
    let Json(body) = body?;
    let by = caller.principal(client);
    Ok(Json(state.service.report_scam(&by, &body).await?))
}

fn parse_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest("the campaign id must be a whole number".into()))
}

/// Refuses, before the body is read, a caller who may not write campaigns (its
/// errors would tell it nothing it may know).
fn may_write(caller: &Caller, client: ClientAddr) -> Result<service::Principal, ApiError> {
    let by = caller.principal(client);
    by.require(&[Role::Admin, Role::Partner])?;
    by.region_limit()?;
    Ok(by)
}

/// Refuses, before the path is read, a caller who may not read campaigns.
fn may_read(caller: &Caller, client: ClientAddr) -> Result<service::Principal, ApiError> {
    let by = caller.principal(client);
    by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    by.region_limit()?;
    Ok(by)
}

async fn create_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let by = may_write(&caller, client)?;
    let Json(doc) = body?;
    Ok(match state.service.create_campaign(&by, &doc).await? {
        Created::Done(c) => (StatusCode::CREATED, Json(c)).into_response(),
        Created::Pending(p) => (StatusCode::ACCEPTED, Json(p)).into_response(),
    })
}

async fn list_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
) -> Result<Json<w::CampaignList>, ApiError> {
    let by = caller.principal(client);
    Ok(Json(state.service.list_campaigns(&by).await?))
}

async fn get_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<w::CampaignView>, ApiError> {
    let by = may_read(&caller, client)?;
    let id = parse_id(id)?;
    Ok(Json(state.service.campaign(&by, id).await?))
}

async fn patch_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let by = may_write(&caller, client)?;
    let id = parse_id(id)?;
    let Json(patch) = body?;
    Ok(
        match state.service.change_campaign(&by, id, &patch).await? {
            Changed::Done(c) => (StatusCode::OK, Json(c)).into_response(),
            Changed::Pending(p) => (StatusCode::ACCEPTED, Json(p)).into_response(),
        },
    )
}

async fn stats_handler(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<campaign::Stats>, ApiError> {
    let by = may_read(&caller, client)?;
    let id = parse_id(id)?;
    Ok(Json(state.service.campaign_stats(&by, id).await?.1))
}

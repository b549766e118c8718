//! Registry proposals over HTTP (the use cases and their rules: `service::proposals`).
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `PUT /v1/registry` | admin, analyst | a whole registry (TOML or JSON), as a proposal (`202`) |
//! | `POST /v1/registry/proposals` | admin, analyst | a whole registry, or per-channel `changes` (`201`) |
//! | `GET /v1/registry/proposals[/{id}]` | admin, analyst | the proposals with their diffs |
//! | `POST /v1/registry/proposals/{id}/approve` | admin, not the author | apply it |
//! | `POST /v1/registry/proposals/{id}/reject` | admin, or the author | close it |

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use service::Role;
use service::proposals::{Change, Decision};

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/v1/registry/proposals",
            get(list_proposals).post(post_proposal),
        )
        .route("/v1/registry/proposals/{id}", get(get_proposal))
        .route("/v1/registry/proposals/{id}/approve", post(approve))
        .route("/v1/registry/proposals/{id}/reject", post(reject))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverrideQuery {
    override_reason: Option<String>,
}

/// Whether the body is a TOML document (else JSON).
fn is_toml(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("toml"))
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// `PUT /v1/registry`: a whole registry, as a proposal (`202`).
pub(crate) async fn registry_put(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    headers: HeaderMap,
    query: Result<Query<OverrideQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<wire::ProposalView>), ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(query) = query?;
    let change = Change::from_document(&body_bytes(body)?, is_toml(&headers))?;
    let p = state
        .service
        .propose(
            &caller.principal(client),
            change,
            query.override_reason.as_deref(),
        )
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(service::proposals::view(&p, false)),
    ))
}

/// `POST /v1/registry/proposals`.
async fn post_proposal(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    headers: HeaderMap,
    query: Result<Query<OverrideQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<wire::ProposalView>), ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(query) = query?;
    let body = body_bytes(body)?;
    let (change, override_reason) = if is_toml(&headers) {
        (Change::from_document(&body, true)?, query.override_reason)
    } else {
        let parsed: wire::ProposalRequest = serde_json::from_slice(&body)
            .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))?;
        let (change, reason) = Change::from_request(parsed)?;
        (change, reason.or(query.override_reason))
    };
    let p = state
        .service
        .propose(
            &caller.principal(client),
            change,
            override_reason.as_deref(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(service::proposals::view(&p, false)),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    state: Option<String>,
    limit: Option<u32>,
}

async fn list_proposals(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<wire::ProposalList>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(q) = query?;
    let filter = service::proposals::parse_state(q.state.as_deref())?;
    let list = state
        .service
        .proposals(&caller.principal(client), filter, q.limit.unwrap_or(50))
        .await?;
    Ok(Json(wire::ProposalList {
        proposals: list
            .iter()
            .map(|p| service::proposals::view(p, false))
            .collect(),
    }))
}

fn parse_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest("the proposal id must be a whole number".into()))
}

async fn get_proposal(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<wire::ProposalView>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let id = parse_id(id)?;
    let p = state
        .service
        .proposal(&caller.principal(client), id)
        .await?;
    Ok(Json(service::proposals::view(&p, true)))
}

/// The optional `{"note"}` of a decision (an empty body is no note), checked.
pub(crate) fn note_body(body: Result<Bytes, BytesRejection>) -> Result<Option<String>, ApiError> {
    let body = body_bytes(body)?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let parsed: wire::DecisionNote = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))?;
    Ok(service::proposals::check_note(parsed.note.as_deref())?)
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<wire::ProposalView>, ApiError> {
    decide(state, client, caller, id, body, Decision::Approve).await
}

async fn reject(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<wire::ProposalView>, ApiError> {
    decide(state, client, caller, id, body, Decision::Reject).await
}

/// Approve or reject: who may is the use case's rule, shared with the console and
/// the CLI.
async fn decide(
    state: Arc<AppState>,
    client: ClientAddr,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
    decision: Decision,
) -> Result<Json<wire::ProposalView>, ApiError> {
    caller.require(match decision {
        Decision::Approve => &[Role::Admin],
        Decision::Reject => &[Role::Admin, Role::Analyst],
    })?;
    let id = parse_id(id)?;
    let note = note_body(body)?;
    let p = state
        .service
        .decide_proposal(&caller.principal(client), id, decision, note.as_deref())
        .await?;
    Ok(Json(service::proposals::view(&p, false)))
}

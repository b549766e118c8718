//! Scam reports, triage, the blocklist lifecycle, disputes and the audit log over HTTP
//! (the use cases and their rules: `service::reports`).
//!
//! | method and path | who | what |
//! | --- | --- | --- |
//! | `POST /v1/reports` | anyone (rate-limited) | a report; `201` once durable |
//! | `GET /v1/reports` | analysts, admins, partners | reports; a partner its region only, with contacts |
//! | `GET /v1/triage` | analysts, admins | the queue grouped by indicator |
//! | `GET /v1/triage/{group}` | analysts, admins | one group with its reports |
//! | `POST /v1/triage/{group}` | analysts, admins | confirm, reject, duplicate, reopen, delist; `202` when a second analyst must approve |
//! | `GET /v1/triage-decisions` | analysts, admins | the decisions under the two-person rule |
//! | `POST /v1/triage-decisions/{id}/approve`, `…/reject` | analysts, admins (never the author's approval) | decide one |
//! | `POST /v1/disputes` | anyone (rate-limited) | a dispute of a listing |
//! | `GET /v1/disputes`, `POST /v1/disputes/{id}` | analysts, admins | list, decide; `202` when upholding waits for a second analyst |
//! | `GET /v1/audit` | admins | the audit log |

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use service::Principal;
use service::Role;
use service::proposals::Decision;
use service::reports::view;
use service::reports::{DisputeDecided, QueueQuery, READERS, TRIAGERS};

use crate::api::locale;
use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// Largest report or dispute body, in bytes.
pub const MAX_REPORT_BYTES: usize = 128 * 1024;

/// The routes of this module.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/reports", post(post_report).get(get_reports))
        .route("/v1/triage", get(get_triage))
        .route("/v1/triage/{group}", get(get_group).post(post_triage))
        .route("/v1/triage-decisions", get(get_decisions))
        .route("/v1/triage-decisions/{id}/approve", post(approve_decision))
        .route("/v1/triage-decisions/{id}/reject", post(reject_decision))
        .route("/v1/disputes", post(post_dispute).get(get_disputes))
        .route("/v1/disputes/{id}", post(post_dispute_decision))
        .route("/v1/audit", get(get_audit))
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

/// Parses a public body after the rate limit was charged (an extractor would parse
/// before the handler runs, making a flood cost JSON parsing).
fn parse_body<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest(e.body_text())
        }
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))
}

async fn post_report(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<wire::ReportReceipt>), ApiError> {
    let body: wire::ReportRequest = parse_body(body)?;
    let locale = locale(body.lang.as_deref(), &headers);
    let by = Principal::Public { ip: Some(client) };
    let receipt = state
        .service
        .submit_report(&by, &body.draft(), locale)
        .await?;
    Ok((StatusCode::CREATED, Json(receipt.view(locale))))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReportsQuery {
    region: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
}

async fn get_reports(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<ReportsQuery>, QueryRejection>,
) -> Result<Json<wire::ReportList>, ApiError> {
    caller.require(READERS)?;
    let Query(q) = query?;
    let rows = state
        .service
        .region_reports(
            &caller.principal(client),
            q.region.as_deref(),
            q.before,
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(wire::ReportList {
        reports: rows.iter().map(view::report_view).collect(),
    }))
}

async fn get_triage(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<QueueQuery>, QueryRejection>,
) -> Result<Json<wire::TriageQueue>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let groups = state
        .service
        .triage_queue(&caller.principal(client), &q)
        .await?;
    Ok(Json(wire::TriageQueue {
        groups: groups.iter().map(view::group_view).collect(),
    }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct GroupQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

/// One group with its reports (never with contact details).
async fn get_group(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(target): Path<String>,
    query: Result<Query<GroupQuery>, QueryRejection>,
) -> Result<Json<wire::GroupReports>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let (group, reports) = state
        .service
        .group_with_reports(
            &caller.principal(client),
            &target,
            q.before,
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(wire::GroupReports {
        group: view::group_view(&group),
        reports: reports.iter().map(view::report_view).collect(),
    }))
}

async fn post_triage(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(target): Path<String>,
    body: Result<Json<wire::TriageRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    caller.require(TRIAGERS)?;
    let Json(body) = body?;
    let done = state
        .service
        .triage(&caller.principal(client), &target, &body)
        .await?;
    Ok(match done.view() {
        view::TriageAnswer::Pending(d) => (StatusCode::ACCEPTED, Json(d)).into_response(),
        view::TriageAnswer::Applied(r) => Json(r).into_response(),
    })
}

/// The triage decisions under the two-person rule, newest first.
async fn get_decisions(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<StateQuery>, QueryRejection>,
) -> Result<Json<wire::TriageDecisionList>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let decisions = state
        .service
        .triage_decisions(
            &caller.principal(client),
            q.state.as_deref(),
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(wire::TriageDecisionList {
        decisions: decisions.iter().map(view::decision_view).collect(),
    }))
}

async fn approve_decision(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<wire::TriageDecisionResult>, ApiError> {
    decide(state, client, caller, id, body, Decision::Approve).await
}

async fn reject_decision(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<wire::TriageDecisionResult>, ApiError> {
    decide(state, client, caller, id, body, Decision::Reject).await
}

async fn decide(
    state: Arc<AppState>,
    client: ClientAddr,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
    decision: Decision,
) -> Result<Json<wire::TriageDecisionResult>, ApiError> {
    caller.require(TRIAGERS)?;
    let Path(id) =
        id.map_err(|_| ApiError::BadRequest("the decision id must be a whole number".into()))?;
    let note = crate::proposals::note_body(body)?;
    let decided = state
        .service
        .decide_triage(&caller.principal(client), id, decision, note.as_deref())
        .await?;
    Ok(Json(wire::TriageDecisionResult {
        decision: view::decision_view(&decided.decision),
        blocklist_changed: decided.blocklist_changed,
    }))
}

async fn post_dispute(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<wire::DisputeReceipt>), ApiError> {
    let body: wire::DisputeRequest = parse_body(body)?;
    let locale = locale(body.lang.as_deref(), &headers);
    let by = Principal::Public { ip: Some(client) };
    let dispute = state.service.file_dispute(&by, &body, locale).await?;
    Ok((
        StatusCode::CREATED,
        Json(view::dispute_receipt(&dispute, locale)),
    ))
}

/// A list's query: the state of its items (all when absent), how many.
#[derive(Debug, Deserialize)]
pub(crate) struct StateQuery {
    state: Option<String>,
    limit: Option<u32>,
}

async fn get_disputes(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<StateQuery>, QueryRejection>,
) -> Result<Json<wire::DisputeList>, ApiError> {
    caller.require(TRIAGERS)?;
    let Query(q) = query?;
    let disputes = state
        .service
        .disputes(
            &caller.principal(client),
            q.state.as_deref(),
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(wire::DisputeList {
        disputes: disputes.iter().map(view::dispute_view).collect(),
    }))
}

async fn post_dispute_decision(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Result<Json<wire::DecisionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    caller.require(TRIAGERS)?;
    let Json(body) = body?;
    let done = state
        .service
        .decide_dispute(&caller.principal(client), id, &body)
        .await?;
    Ok(match done {
        DisputeDecided::Pending(d) => {
            (StatusCode::ACCEPTED, Json(view::decision_view(&d))).into_response()
        }
        DisputeDecided::Decided(dispute, changed) => Json(wire::DecisionResult {
            dispute: view::dispute_view(&dispute),
            blocklist_changed: changed,
        })
        .into_response(),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct AuditQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

async fn get_audit(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<wire::AuditLog>, ApiError> {
    caller.require(&[Role::Admin])?;
    let Query(q) = query?;
    let records = state
        .service
        .audit_log(&caller.principal(client), q.before, q.limit.unwrap_or(100))
        .await?;
    Ok(Json(wire::AuditLog {
        records: records.iter().map(view::audit_view).collect(),
    }))
}

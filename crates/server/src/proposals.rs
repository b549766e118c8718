//! Registry proposals over HTTP: no single key can change what is official.
//!
//! - `PUT /v1/registry` (a whole registry, TOML or JSON) and `POST
//!   /v1/registry/proposals` (a whole registry, or per-channel `changes`) make a
//!   **proposal** (admins and analysts): its diff, and the [`verify::Conflict`]s of what
//!   it would make official (reported, imitating or belonging to another brand). A
//!   proposal with conflicts is refused (`422`, each conflict named) unless it carries
//!   an `override_reason`.
//! - `POST /v1/registry/proposals/{id}/approve` (an admin whose key is not the
//!   author's) applies it, after checking the conflicts again against today's index;
//!   the published registry is signed from the store, so it is re-signed at once.
//!   `…/reject` (an admin, or the author withdrawing it) closes it.
//! - `GET /v1/registry/proposals[/{id}]` lists them with their diffs.
//!
//! Every step is audited by the store in the same transaction, with the diff.

use std::net::IpAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use registry::{Edit, Registry};
use serde::Deserialize;
use serde_json::{Value, json};
use store::proposals::{Decision, MAX_NOTE_CHARS, NewProposal, Proposal, ProposalState};
use store::reports::Actor;
use store::{Role, StoreError};

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

/// Who acts, for the audit log.
pub(crate) fn actor(caller: &Caller, ip: IpAddr) -> Actor {
    Actor {
        key_id: Some(caller.0.id),
        role: caller.0.role.as_str().to_owned(),
        ip: Some(ip.to_string()),
    }
}

/// What was proposed: a whole registry, or edits to the current one.
pub enum Change {
    /// The registry as it should be.
    Replace(Registry),
    /// Per-channel edits.
    Edit(Vec<Edit>),
}

/// Why a proposal cannot be made or decided.
#[derive(Debug, thiserror::Error)]
pub enum ProposalError {
    /// The document or an edit is invalid.
    #[error("{0}")]
    Invalid(#[from] registry::RegistryError),
    /// Nothing would change.
    #[error("the proposal changes nothing in the registry")]
    Empty,
    /// It would make official what is reported or belongs to another brand.
    #[error("{} channel(s) would become official although reported as scams or tied to another brand; give an override_reason to propose it anyway", .0.len())]
    Conflicts(Vec<verify::Conflict>),
    /// Only an admin, or the author withdrawing it, may reject a proposal.
    #[error("an analyst may withdraw only their own proposals; an admin rejects others")]
    NotAuthor,
    /// The override reason or note is too long.
    #[error("the override reason or note is over {MAX_NOTE_CHARS} characters")]
    NoteTooLong,
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ProposalError> for ApiError {
    fn from(e: ProposalError) -> ApiError {
        match e {
            ProposalError::Invalid(e) => ApiError::Invalid {
                code: "invalid_registry",
                message: e.to_string(),
            },
            ProposalError::Empty => ApiError::Invalid {
                code: "no_change",
                message: e.to_string(),
            },
            ProposalError::Conflicts(ref conflicts) => ApiError::Fields {
                code: "registry_conflicts",
                message: e.to_string(),
                fields: conflicts
                    .iter()
                    .map(|c| serde_json::to_value(c).unwrap_or_default())
                    .collect(),
            },
            ProposalError::NotAuthor => ApiError::Forbidden(e.to_string()),
            ProposalError::NoteTooLong => ApiError::Invalid {
                code: "too_long",
                message: e.to_string(),
            },
            ProposalError::Store(StoreError::NotFound) => {
                ApiError::NotFound("no such proposal".into())
            }
            ProposalError::Store(StoreError::Conflict(m)) => ApiError::Conflict(m),
            ProposalError::Store(StoreError::InvalidInput(m)) => ApiError::Forbidden(m),
            ProposalError::Store(e) => ApiError::from(e),
        }
    }
}

fn check_note(note: Option<&str>) -> Result<Option<String>, ProposalError> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(ProposalError::NoteTooLong);
    }
    Ok(note.map(str::to_owned))
}

/// Makes a proposal: the use case behind `PUT /v1/registry`, `POST
/// /v1/registry/proposals` and `antiscam registry propose`.
pub async fn propose(
    store: &dyn store::Store,
    index: &verify::Index,
    change: Change,
    override_reason: Option<&str>,
    author: Actor,
    now: i64,
) -> Result<Proposal, ProposalError> {
    let override_reason = check_note(override_reason)?;
    let base_version = store.proposals().registry_version().await?;
    let current = store.load_registry().await?;
    let next = match change {
        Change::Replace(r) => r,
        Change::Edit(edits) => registry::apply(&current, &edits)?,
    };
    let diff = registry::diff(&current, &next);
    if diff.is_empty() {
        return Err(ProposalError::Empty);
    }
    let conflicts = index.registry_conflicts(&diff);
    if !conflicts.is_empty() && override_reason.is_none() {
        return Err(ProposalError::Conflicts(conflicts));
    }
    let proposal = NewProposal {
        document: next.to_json().to_string(),
        diff: serde_json::to_string(&diff).unwrap_or_default(),
        conflicts: serde_json::to_string(&conflicts).unwrap_or_default(),
        override_reason,
        base_version,
        author,
        created_at: now,
    };
    Ok(store.proposals().create_proposal(&proposal).await?)
}

/// Approves or rejects a proposal: the use case behind the approve and reject endpoints
/// and `antiscam registry approve|reject`. An approval checks the conflicts again
/// against `index` (the blocklist may have grown since): new ones stop it unless the
/// author gave an override reason.
pub async fn decide(
    store: &dyn store::Store,
    index: &verify::Index,
    id: i64,
    decision: Decision,
    actor: &Actor,
    note: Option<&str>,
    now: i64,
) -> Result<Proposal, ProposalError> {
    let note = check_note(note)?;
    let proposal = store
        .proposals()
        .proposal(id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if decision == Decision::Reject
        && actor.role != Role::Admin.as_str()
        && proposal.author_key_id != actor.key_id
    {
        return Err(ProposalError::NotAuthor);
    }
    if decision == Decision::Approve
        && proposal.override_reason.is_none()
        && proposal.state == ProposalState::Pending
    {
        let next = Registry::from_json(&proposal.document)?;
        let current = store.load_registry().await?;
        let conflicts = index.registry_conflicts(&registry::diff(&current, &next));
        if !conflicts.is_empty() {
            return Err(ProposalError::Conflicts(conflicts));
        }
    }
    Ok(store
        .proposals()
        .decide_proposal(id, decision, actor, note.as_deref(), now)
        .await?)
}

/// The JSON of a proposal; with `document`, the whole proposed registry too.
pub fn proposal_json(p: &Proposal, document: bool) -> Value {
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
    let mut v = json!({
        "id": p.id,
        "state": p.state,
        "created_at": wire::rfc3339(p.created_at),
        "author": {"key_id": p.author_key_id, "role": p.author_role},
        "base_version": p.base_version,
        "diff": parse(&p.diff),
        "conflicts": parse(&p.conflicts),
        "override_reason": p.override_reason,
        "decided_at": p.decided_at.map(wire::rfc3339),
        "decided_by": p.decided_key_id.map(|k| json!({"key_id": k, "role": p.decided_role})),
        "decision_note": p.decision_note,
    });
    if document {
        v["registry"] = parse(&p.document);
    }
    v
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProposalBody {
    registry: Option<Value>,
    changes: Option<Vec<Edit>>,
    override_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverrideQuery {
    override_reason: Option<String>,
}

/// Reads a whole registry from a TOML or JSON body.
fn registry_body(headers: &HeaderMap, body: &[u8]) -> Result<Registry, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::BadRequest("the registry document is not UTF-8".into()))?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parsed = if content_type.contains("toml") {
        Registry::from_toml(text)
    } else {
        Registry::from_json(text)
    };
    parsed.map_err(|e| ProposalError::Invalid(e).into())
}

fn now() -> i64 {
    crate::now()
}

/// `PUT /v1/registry`: a whole registry, as a proposal (`202`).
pub(crate) async fn registry_put(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    headers: HeaderMap,
    query: Result<Query<OverrideQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(query) = query?;
    let body = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let registry = registry_body(&headers, &body)?;
    let index = state.index_arc();
    let p = propose(
        state.store().as_ref(),
        &index,
        Change::Replace(registry),
        query.override_reason.as_deref(),
        actor(&caller, ip),
        now(),
    )
    .await?;
    tracing::info!(
        key_id = caller.0.id,
        proposal = p.id,
        "registry change proposed"
    );
    Ok((StatusCode::ACCEPTED, Json(proposal_json(&p, false))))
}

/// `POST /v1/registry/proposals`.
async fn post_proposal(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    headers: HeaderMap,
    query: Result<Query<OverrideQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(query) = query?;
    let body = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let is_toml = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("toml"));
    let (change, override_reason) = if is_toml {
        (
            Change::Replace(registry_body(&headers, &body)?),
            query.override_reason,
        )
    } else {
        let parsed: ProposalBody = serde_json::from_slice(&body)
            .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))?;
        let change = match (parsed.registry, parsed.changes) {
            (Some(doc), None) => Change::Replace(
                Registry::from_json(&doc.to_string()).map_err(ProposalError::Invalid)?,
            ),
            (None, Some(edits)) => Change::Edit(edits),
            _ => {
                return Err(ApiError::BadRequest(
                    "send exactly one of `registry` (the whole registry) and `changes` \
                     (a list of {op, brand, kind, value})"
                        .into(),
                ));
            }
        };
        (change, parsed.override_reason.or(query.override_reason))
    };
    let index = state.index_arc();
    let p = propose(
        state.store().as_ref(),
        &index,
        change,
        override_reason.as_deref(),
        actor(&caller, ip),
        now(),
    )
    .await?;
    tracing::info!(
        key_id = caller.0.id,
        proposal = p.id,
        "registry change proposed"
    );
    Ok((StatusCode::CREATED, Json(proposal_json(&p, false))))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    state: Option<String>,
    limit: Option<u32>,
}

async fn list_proposals(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(q) = query?;
    let list = proposals(&state, &caller, q.state.as_deref(), q.limit.unwrap_or(50)).await?;
    Ok(Json(json!({
        "proposals": list.iter().map(|p| proposal_json(p, false)).collect::<Vec<_>>()
    })))
}

/// The proposals in `state` (all when `None`), newest first (admins, analysts).
pub(crate) async fn proposals(
    state: &AppState,
    caller: &Caller,
    filter: Option<&str>,
    limit: u32,
) -> Result<Vec<Proposal>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let filter = match filter {
        None | Some("") => None,
        Some(s) => Some(ProposalState::parse(s).ok_or_else(|| {
            ApiError::BadRequest("`state` is pending, approved or rejected".into())
        })?),
    };
    Ok(state.store().proposals().proposals(filter, limit).await?)
}

fn parse_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest("the proposal id must be a whole number".into()))
}

async fn get_proposal(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let id = parse_id(id)?;
    let p = state
        .store()
        .proposals()
        .proposal(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no proposal {id}")))?;
    Ok(Json(proposal_json(&p, true)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    note: Option<String>,
}

/// The optional `{"note"}` of a decision (an empty body is no note), checked.
pub(crate) fn note_body(body: Result<Bytes, BytesRejection>) -> Result<Option<String>, ApiError> {
    let body = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let parsed: DecisionBody = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not the expected JSON: {e}")))?;
    Ok(check_note(parsed.note.as_deref())?)
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin])?;
    let id = parse_id(id)?;
    let note = note_body(body)?;
    let p = decide_as(&state, &caller, ip, id, Decision::Approve, note.as_deref()).await?;
    Ok(Json(proposal_json(&p, false)))
}

/// A caller's decision on a proposal: only an admin approves (and the store refuses
/// the author's own approval: two people); an admin or the author rejects ([`decide`]).
/// An approval rebuilds the index before this returns.
pub(crate) async fn decide_as(
    state: &AppState,
    caller: &Caller,
    ip: IpAddr,
    id: i64,
    decision: Decision,
    note: Option<&str>,
) -> Result<Proposal, ApiError> {
    match decision {
        Decision::Approve => caller.require(&[Role::Admin])?,
        Decision::Reject => caller.require(&[Role::Admin, Role::Analyst])?,
    }
    let index = state.index_arc();
    let p = decide(
        state.store().as_ref(),
        &index,
        id,
        decision,
        &actor(caller, ip),
        note,
        now(),
    )
    .await?;
    if decision == Decision::Approve {
        state.reload().await?;
        tracing::info!(
            key_id = caller.0.id,
            proposal = id,
            "registry proposal approved and applied"
        );
    }
    Ok(p)
}

async fn reject(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let id = parse_id(id)?;
    let note = note_body(body)?;
    // Who may withdraw it is the use case's rule (`decide`), shared with the CLI.
    let p = decide_as(&state, &caller, ip, id, Decision::Reject, note.as_deref()).await?;
    Ok(Json(proposal_json(&p, false)))
}

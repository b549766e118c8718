//! Campaign revisions and partner resources over HTTP. What an alert may say, who may
//! change it and how a key's change waits for a second admin:
//! `service::campaigns::review`; the resources: `service::campaigns::resources`.
//!
//! | method and path | role | what |
//! | --- | --- | --- |
//! | `GET /v1/partner-resources` | staff, partners | the list |
//! | `POST /v1/partner-resources` | admin | propose one (`202`) |
//! | `DELETE /v1/partner-resources/{id}` | admin | remove one |
//! | `GET /v1/partner-resource-additions` | admin, analyst | the proposed ones |
//! | `POST /v1/partner-resource-additions/{id}/approve` | another admin | list one |
//! | `POST /v1/partner-resource-additions/{id}/reject` | admin | refuse or withdraw one |
//! | `GET /v1/campaign-revisions` | staff, partners (their region's) | the revisions |
//! | `POST /v1/campaign-revisions/{id}/approve` | another admin | apply one |
//! | `POST /v1/campaign-revisions/{id}/reject` | admin, its partner author | refuse or withdraw one |

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use service::Role;
use service::campaigns::resources::Added;
use wire::campaigns as w;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/v1/partner-resources",
            get(list_resources).post(add_resource),
        )
        .route("/v1/partner-resources/{id}", delete(remove_resource))
        .route("/v1/partner-resource-additions", get(list_additions))
        .route(
            "/v1/partner-resource-additions/{id}/approve",
            post(approve_addition),
        )
        .route(
            "/v1/partner-resource-additions/{id}/reject",
            post(reject_addition),
        )
        .route("/v1/campaign-revisions", get(list_revisions))
        .route("/v1/campaign-revisions/{id}/approve", post(approve))
        .route("/v1/campaign-revisions/{id}/reject", post(reject))
}

async fn list_revisions(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<w::RevisionQuery>, QueryRejection>,
) -> Result<Json<w::RevisionList>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let Query(q) = query?;
    let by = caller.principal(client);
    Ok(Json(state.service.list_revisions(&by, &q).await?))
}

fn parse_id(id: Result<Path<i64>, PathRejection>, what: &str) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest(format!("the {what} id must be a whole number")))
}

/// What a decision on a revision or a resource addition carries, once its caller holds
/// one of `roles`: who decides, on which id (`what` names it in errors), with which note.
fn decision(
    caller: &Caller,
    client: ClientAddr,
    roles: &[Role],
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
    what: &str,
) -> Result<(service::Principal, i64, Option<String>), ApiError> {
    caller.require(roles)?;
    let id = parse_id(id, what)?;
    let note = crate::proposals::note_body(body)?;
    Ok((caller.principal(client), id, note))
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<w::RevisionView>, ApiError> {
    let (by, id, note) = decision(&caller, client, &[Role::Admin], id, body, "revision")?;
    let decided = state
        .service
        .approve_revision(&by, id, note.as_deref())
        .await?;
    Ok(Json(decided))
}

async fn reject(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<w::RevisionView>, ApiError> {
    let (by, id, note) = decision(
        &caller,
        client,
        &[Role::Admin, Role::Partner],
        id,
        body,
        "revision",
    )?;
    let decided = state
        .service
        .reject_revision(&by, id, note.as_deref())
        .await?;
    Ok(Json(decided))
}

async fn list_resources(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
) -> Result<Json<w::ResourceList>, ApiError> {
    let by = caller.principal(client);
    Ok(Json(state.service.list_resources(&by).await?))
}

async fn add_resource(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<w::NewResourceRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    caller.require(&[Role::Admin])?;
    let Json(body) = body?;
    let by = caller.principal(client);
    Ok(match state.service.add_resource(&by, &body).await? {
        Added::Pending(a) => (StatusCode::ACCEPTED, Json(a)).into_response(),
        Added::Done(r) => (StatusCode::CREATED, Json(r)).into_response(),
    })
}

async fn list_additions(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<w::ResourceAdditionQuery>, QueryRejection>,
) -> Result<Json<w::ResourceAdditionList>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let Query(q) = query?;
    let by = caller.principal(client);
    Ok(Json(state.service.list_resource_additions(&by, &q).await?))
}

async fn approve_addition(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<w::ResourceAdditionView>, ApiError> {
    let (by, id, note) = decision(&caller, client, &[Role::Admin], id, body, "addition")?;
    let decided = state
        .service
        .approve_resource_addition(&by, id, note.as_deref())
        .await?;
    Ok(Json(decided))
}

async fn reject_addition(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<w::ResourceAdditionView>, ApiError> {
    let (by, id, note) = decision(&caller, client, &[Role::Admin], id, body, "addition")?;
    let decided = state
        .service
        .reject_resource_addition(&by, id, note.as_deref())
        .await?;
    Ok(Json(decided))
}

async fn remove_resource(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    caller.require(&[Role::Admin])?;
    let id = parse_id(id, "resource")?;
    let by = caller.principal(client);
    state.service.remove_resource(&by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

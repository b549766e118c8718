//! The shared-intelligence feeds (issue 15), thin over their use cases:
//!
//! - the TAXII 2.1 server under `/taxii2/` (`service::taxii`): discovery, the API root
//!   `/taxii2/api/`, collections, objects (`added_after`, `limit`, `next`), one object,
//!   manifests; `application/taxii+json;version=2.1`, `406` for an `Accept` it cannot
//!   answer, `415`/`403` for writes (the collections are read-only);
//! - the MISP feed under `/feeds/misp/` (`service::misp_feed`): `manifest.json`,
//!   `hashes.csv`, `<uuid>.json`;
//! - signed retractions, `GET /v1/retractions` (`service::retractions`), and their
//!   public key at `/.well-known/antiscam/retractions-key`.
//!
//! Callers authenticate with their API key, as `Authorization: Bearer KEY` or, since
//! TAXII and MISP clients speak HTTP Basic, as the password of `Authorization: Basic`
//! (any user name) — accepted on these paths only ([`crate::auth::basic_key`]).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use feeds::taxii::TAXII_MEDIA_TYPE;
use serde::Deserialize;
use service::misp_feed::MispScope;
use service::taxii::{PageKind, PageRequest};
use wire::taxii::{TaxiiApiRoot, TaxiiCollections, TaxiiDiscovery, TaxiiError};

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// Path of the API root.
const API_ROOT: &str = "/taxii2/api/";

/// The feed routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/taxii2/", get(discovery))
        .route(API_ROOT, get(api_root))
        .route("/taxii2/api/collections/", get(collections))
        .route("/taxii2/api/collections/{id}/", get(collection))
        .route(
            "/taxii2/api/collections/{id}/objects/",
            get(page::<false>).post(add_objects),
        )
        .route(
            "/taxii2/api/collections/{id}/objects/{object}/",
            get(object),
        )
        .route("/taxii2/api/collections/{id}/manifest/", get(page::<true>))
        .route("/feeds/misp/{file}", get(misp_file))
        .route("/v1/retractions", get(retractions))
        .route(
            "/.well-known/antiscam/retractions-key",
            get(retractions_key),
        )
}

/// Whether a path takes HTTP Basic credentials (the API key as the password).
pub(crate) fn takes_basic(path: &str) -> bool {
    path.starts_with("/taxii2/") || path.starts_with("/feeds/misp/")
}

/// The caller, if the request carried a valid key (the guard resolved it).
struct MaybeCaller(Option<Caller>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for MaybeCaller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeCaller(parts.extensions.get::<Caller>().cloned()))
    }
}

/// A TAXII failure: the TAXII error message (section 3.6.1) in the TAXII media type.
enum TaxiiFail {
    /// Any API error.
    Api(ApiError),
    /// `406`: the `Accept` header admits no TAXII resource.
    NotAcceptable,
}

impl From<ApiError> for TaxiiFail {
    fn from(e: ApiError) -> Self {
        TaxiiFail::Api(e)
    }
}

impl From<service::Error> for TaxiiFail {
    fn from(e: service::Error) -> Self {
        TaxiiFail::Api(e.into())
    }
}

impl IntoResponse for TaxiiFail {
    fn into_response(self) -> Response {
        let (status, description) = match self {
            TaxiiFail::NotAcceptable => (
                StatusCode::NOT_ACCEPTABLE,
                format!("this server answers {TAXII_MEDIA_TYPE}"),
            ),
            TaxiiFail::Api(e) => {
                let status = e.status();
                if status.is_server_error() {
                    // Logged once, generic message, `Retry-After` for faults of the
                    // environment: the API's own rendering.
                    return e.into_response();
                }
                (status, e.to_string())
            }
        };
        let body = TaxiiError {
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            description,
            http_status: status.as_u16().to_string(),
        };
        let mut response = (status, taxii_json(&body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"antiscam\", charset=\"UTF-8\""),
            );
        }
        response
    }
}

/// A TAXII resource: its JSON in the TAXII media type.
fn taxii_json<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, TAXII_MEDIA_TYPE),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => ApiError::Internal(format!("taxii: {e}")).into_response(),
    }
}

/// Refuses (`406`) an `Accept` that admits no TAXII 2.1 resource. No header, `*/*`,
/// `application/*` and `application/taxii+json` with or without `version=2.1` are
/// answered.
fn check_accept(headers: &HeaderMap) -> Result<(), TaxiiFail> {
    let Some(accept) = headers.get(header::ACCEPT) else {
        return Ok(());
    };
    let accept = accept.to_str().unwrap_or("");
    let ok = accept.split(',').any(|range| {
        let mut parts = range.split(';').map(|p| p.trim().to_ascii_lowercase());
        let media = parts.next().unwrap_or_default();
        let params: Vec<String> = parts.collect();
        let version_ok = params
            .iter()
            .filter_map(|p| p.strip_prefix("version="))
            .all(|v| v.trim_matches('"') == "2.1");
        let q_zero = params
            .iter()
            .filter_map(|p| p.strip_prefix("q="))
            .any(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0));
        !q_zero
            && match media.as_str() {
                "*/*" | "application/*" => true,
                "application/taxii+json" => version_ok,
                _ => false,
            }
    });
    if ok {
        Ok(())
    } else {
        Err(TaxiiFail::NotAcceptable)
    }
}

/// The caller's principal; `401` without a valid key.
fn principal(caller: Option<Caller>, client: ClientAddr) -> Result<service::Principal, TaxiiFail> {
    caller
        .map(|c| c.principal(client))
        .ok_or(TaxiiFail::Api(ApiError::Unauthorized))
}

/// `scheme://host` of the request, for the absolute URLs of discovery.
fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if state.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

async fn discovery(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    principal(caller, client)?;
    let root = format!("{}{API_ROOT}", origin(&state, &headers));
    Ok(taxii_json(&TaxiiDiscovery {
        title: "antiscam TAXII 2.1".into(),
        description: "Reported scam indicators (STIX 2.1), with revocations of delistings".into(),
        default: root.clone(),
        api_roots: vec![root],
    }))
}

async fn api_root(
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    principal(caller, client)?;
    Ok(taxii_json(&TaxiiApiRoot {
        title: "antiscam".into(),
        description: "The blocklist as STIX 2.1 indicators, by region".into(),
        versions: vec![TAXII_MEDIA_TYPE.into()],
        max_content_length: 0,
    }))
}

async fn collections(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    let by = principal(caller, client)?;
    let list = state.service.taxii_collections(&by).await?;
    Ok(taxii_json(&TaxiiCollections {
        collections: list.into_iter().map(|c| c.view).collect(),
    }))
}

async fn collection(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    let by = principal(caller, client)?;
    Ok(taxii_json(
        &state.service.taxii_collection(&by, &id).await?.view,
    ))
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    added_after: Option<String>,
    limit: Option<String>,
    next: Option<String>,
}

impl PageQuery {
    fn request(self) -> PageRequest {
        PageRequest {
            added_after: self.added_after,
            limit: self.limit,
            next: self.next,
        }
    }
}

/// A rendered page in the TAXII media type, with `X-TAXII-Date-Added-First` and
/// `-Last` (section 3.4.1).
fn page_response(page: service::taxii::PageBody) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, TAXII_MEDIA_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page.body,
    )
        .into_response();
    if let Some((first, last)) = page.date_added {
        for (name, t) in [
            ("x-taxii-date-added-first", first),
            ("x-taxii-date-added-last", last),
        ] {
            if let Ok(v) = HeaderValue::from_str(&feeds::format_micros(t)) {
                response.headers_mut().insert(name, v);
            }
        }
    }
    response
}

/// `…/objects/` (`MANIFEST = false`) and `…/manifest/` (`true`): one paging path,
/// two renderings of the page.
async fn page<const MANIFEST: bool>(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    let by = principal(caller, client)?;
    let Query(q) = query.map_err(ApiError::from)?;
    let kind = if MANIFEST {
        PageKind::Manifest
    } else {
        PageKind::Objects
    };
    let page = state
        .service
        .taxii_page_body(&by, &id, &q.request(), kind)
        .await?;
    Ok(page_response(page))
}

/// The collections are read-only: `415` for a body that is not TAXII, else `403`.
async fn add_objects(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    let by = principal(caller, client)?;
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if media != "application/taxii+json" {
        return Err(TaxiiFail::Api(ApiError::UnsupportedMediaType(format!(
            "send {TAXII_MEDIA_TYPE}"
        ))));
    }
    state.service.taxii_collection(&by, &id).await?;
    Err(TaxiiFail::Api(ApiError::Forbidden(
        "this collection is read-only (can_write: false)".into(),
    )))
}

async fn object(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    headers: HeaderMap,
    Path((id, object_id)): Path<(String, String)>,
) -> Result<Response, TaxiiFail> {
    check_accept(&headers)?;
    let by = principal(caller, client)?;
    let page = state
        .service
        .taxii_object_body(&by, &id, &object_id)
        .await?;
    Ok(page_response(page))
}

/// `manifest.json`, `hashes.csv` or `<uuid>.json` of the caller's MISP feed.
async fn misp_file(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    MaybeCaller(caller): MaybeCaller,
    Path(file): Path<String>,
) -> Result<Response, TaxiiFail> {
    let by = principal(caller, client)?;
    let scope = state.service.misp_feed_scope(&by).await?;
    let json = |bytes: Vec<u8>| {
        (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response()
    };
    match file.as_str() {
        "manifest.json" => {
            let days = state.service.misp_feed_days(&scope).await?;
            let manifest: serde_json::Map<String, serde_json::Value> = days
                .iter()
                .map(|d| (d.uuid(), d.manifest_entry()))
                .collect();
            Ok(json(
                serde_json::Value::Object(manifest).to_string().into_bytes(),
            ))
        }
        "hashes.csv" => hashes(state, scope).await,
        name => {
            let uuid = name
                .strip_suffix(".json")
                .filter(|u| u.len() == 36)
                .ok_or_else(|| ApiError::NotFound(format!("no file {name:?} in this feed")))?;
            let day = state.service.misp_feed_day_of(&scope, uuid).await?;
            let versions = state.service.misp_feed_versions(&scope, &day).await?;
            Ok(json(day.event(&versions).to_string().into_bytes()))
        }
    }
}

/// `hashes.csv`, streamed one day at a time (the days are listed first).
async fn hashes(state: Arc<AppState>, scope: MispScope) -> Result<Response, TaxiiFail> {
    let days = state.service.misp_feed_days(&scope).await?.into_iter();
    let body = futures_util::stream::unfold(Some(days), move |days| {
        let state = Arc::clone(&state);
        let scope = scope.clone();
        async move {
            let mut days = days?;
            let day = days.next()?;
            match state.service.misp_feed_versions(&scope, &day).await {
                Ok(v) => Some((Ok(day.hash_lines(&v).into_bytes()), Some(days))),
                Err(e) => {
                    // The status is sent: end the body early (a truncated file).
                    tracing::error!(error = %e, "MISP feed hashes failed");
                    Some((Err(std::io::Error::other(e.to_string())), None))
                }
            }
        }
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
struct RetractionQuery {
    since: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

async fn retractions(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<RetractionQuery>, QueryRejection>,
) -> Result<axum::Json<wire::taxii::RetractionList>, ApiError> {
    let Query(q) = query?;
    let req = service::retractions::RetractionRequest {
        since: q.since,
        after: q.after,
        limit: q.limit,
    };
    Ok(axum::Json(
        state
            .service
            .retractions(&caller.principal(client), &req)
            .await?,
    ))
}

async fn retractions_key(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        format!("{}\n", state.service.retractions_public_key()),
    )
}

//! `GET /v1/export?format=stix2|misp|csv[&region=CC][&since=DATE]`: the blocklist shared
//! as a streamed document ([`service::Service::export`] decides who gets what).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use feeds::ExportFormat;
use serde::Deserialize;
use service::export::ExportRequest;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::{ApiError, AppState};

/// The export routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/v1/export", get(export_get))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ExportQuery {
    format: String,
    region: Option<String>,
    since: Option<String>,
}

async fn export_get(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    caller: Caller,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let req = ExportRequest {
        format: q.format,
        region: q.region,
        since: q.since,
    };
    let (format, stream) = state
        .service
        .export(&caller.principal(client), &req)
        .await?;
    let body = futures_util::stream::unfold(Some(stream), |s| async move {
        let mut s = s?;
        match s.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(chunk), Some(s))),
            Ok(None) => None,
            Err(e) => {
                // The status is sent already: log, and end the body early (the
                // document is then invalid, which clients detect).
                tracing::error!(error = %e, "export failed");
                Some((Err(std::io::Error::other(e.to_string())), None))
            }
        }
    });
    let extension = match format {
        ExportFormat::Stix2 | ExportFormat::Misp => "json",
        ExportFormat::Csv => "csv",
    };
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, format.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"antiscam-{}.{extension}\"",
                    format.as_str()
                ),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

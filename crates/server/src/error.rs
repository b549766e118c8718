//! The one JSON error shape of the API: `{"error": {"code": "...", "message": "..."}}`.
//!
//! Internal errors are logged once here, where they become responses, and answered
//! with a generic message: their details (SQL, paths) are not for clients.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Every failure a handler can answer with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed; the message names what is wrong.
    #[error("{0}")]
    BadRequest(String),
    /// A document was well-formed but its content is invalid.
    #[error("{message}")]
    Invalid {
        /// Stable code.
        code: &'static str,
        /// What is wrong.
        message: String,
    },
    /// No or unknown API key.
    #[error("an API key is required: send `Authorization: Bearer KEY`")]
    Unauthorized,
    /// The key's role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// The body exceeds the limit.
    #[error("the request body is too large")]
    TooLarge,
    /// The change conflicts with the resource's state (e.g. a triage action not
    /// allowed from the group's state).
    #[error("{0}")]
    Conflict(String),
    /// Fields of a document are invalid: `fields` (`{"field", "code", "message"}`
    /// each) is added to the error object.
    #[error("{message}")]
    Fields {
        /// Stable code.
        code: &'static str,
        /// A summary.
        message: String,
        /// One object per problem.
        fields: Vec<serde_json::Value>,
    },
    /// The body's media type is not one the endpoint takes.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The service cannot do this now (e.g. the store cannot write); try again later.
    #[error("{0}")]
    Unavailable(String),
    /// The client sent too many requests; `Retry-After` says when to try again.
    #[error("too many requests: try again in {retry_after} s")]
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Something failed on our side; details are logged, not returned.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status this error is answered with.
    pub(crate) fn status(&self) -> StatusCode {
        self.status_and_code().0
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::Invalid { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Fields { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            ApiError::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ApiError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(error = %detail, "request failed");
            // Perhaps a full disk or an I/O error: the health probe checks now.
            crate::health::fault_seen();
        }
        let fields = match &self {
            ApiError::Fields { fields, .. } => Some(fields.as_slice()),
            _ => None,
        };
        let body = error_body(code, &self.to_string(), fields);
        let mut response = (
            status,
            [(
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        if let ApiError::Unavailable(_) = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("1"),
            );
        }
        if let ApiError::TooManyRequests { retry_after } = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// The one error shape, serialized: `{"error": {"code", "message", "fields"?}}`.
pub(crate) fn error_body(
    code: &str,
    message: &str,
    fields: Option<&[serde_json::Value]>,
) -> String {
    let body = wire::ErrorBody::new(code, message, fields.map(<[_]>::to_vec));
    // Strings and JSON values only: serializing cannot fail.
    serde_json::to_string(&body).unwrap_or_default()
}

/// Use-case errors map here, once, one to one.
impl From<service::Error> for ApiError {
    fn from(e: service::Error) -> Self {
        use service::Error as E;
        match e {
            E::BadRequest(m) => ApiError::BadRequest(m),
            E::Invalid { code, message } => ApiError::Invalid { code, message },
            E::Fields {
                code,
                message,
                fields,
            } => ApiError::Fields {
                code,
                message,
                fields: fields
                    .into_iter()
                    .map(|f| serde_json::to_value(f).unwrap_or_default())
                    .collect(),
            },
            ref e @ E::RegistryConflicts(ref conflicts) => ApiError::Fields {
                code: "registry_conflicts",
                message: e.to_string(),
                fields: conflicts
                    .iter()
                    .map(|c| serde_json::to_value(c).unwrap_or_default())
                    .collect(),
            },
            E::Forbidden(m) => ApiError::Forbidden(m),
            E::NotFound(m) => ApiError::NotFound(m),
            E::Conflict(m) => ApiError::Conflict(m),
            E::Unavailable(m) => {
                crate::health::fault_seen();
                ApiError::Unavailable(m)
            }
            E::Internal(m) => ApiError::Internal(m),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::TooLarge;
        }
        ApiError::BadRequest(e.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

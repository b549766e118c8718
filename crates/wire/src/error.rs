//! The one error shape of the API: `{"error": {"code", "message", "fields"?}}`.

use serde::Serialize;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorView,
}

/// What went wrong.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorView {
    /// Stable, machine-readable code (`not_found`, `invalid_report`, …).
    pub code: String,
    /// What is wrong and what to do, for a person.
    pub message: String,
    /// One entry per problem when a document's fields were checked: a
    /// [`FieldProblem`], or for a registry proposal a conflict with what is reported or
    /// official (`verify::Conflict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<serde_json::Value>>,
}

/// One invalid field of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// The field's path (`indicators[2]`, `loss.amount`).
    pub field: String,
    /// Stable code of the problem.
    pub code: String,
    /// What is wrong, in the caller's language.
    pub message: String,
}

impl ErrorBody {
    /// An error with this code and message.
    pub fn new(code: &str, message: &str, fields: Option<Vec<serde_json::Value>>) -> ErrorBody {
        ErrorBody {
            error: ErrorView {
                code: code.to_owned(),
                message: message.to_owned(),
                fields,
            },
        }
    }
}

/// `GET /livez`, `/readyz`, `/healthz`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HealthView {
    /// `ok` or `unavailable`.
    #[schema(schema_with = crate::schema::health_status)]
    pub status: &'static str,
    /// Why not, when unavailable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorView>,
    /// Brands in the index (`/healthz`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brands: Option<usize>,
    /// Blocklist entries in the index (`/healthz`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocklist: Option<usize>,
}

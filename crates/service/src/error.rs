//! The one error type of the use cases. The adapters map it once: HTTP to a status and
//! the JSON error shape (`server::ApiError`), the CLI to a message with context.

use store::StoreError;

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed (a required parameter missing, a value of the wrong
    /// shape); the message names what is wrong.
    #[error("{0}")]
    BadRequest(String),
    /// The request is well-formed but its content is refused.
    #[error("{message}")]
    Invalid {
        /// Stable code.
        code: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Fields of a document are invalid, each named.
    #[error("{message}")]
    Fields {
        /// Stable code.
        code: &'static str,
        /// A summary.
        message: String,
        /// One entry per problem.
        fields: Vec<wire::FieldProblem>,
    },
    /// A registry change would make official what is reported as a scam or tied to
    /// another brand, and no override reason was given.
    #[error("{} channel(s) would become official although reported as scams or tied to another brand; give an override_reason to propose it anyway", .0.len())]
    RegistryConflicts(Vec<verify::Conflict>),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// No such thing.
    #[error("{0}")]
    NotFound(String),
    /// The change conflicts with the current state (a decided proposal, a stale
    /// version, a hold not yet over).
    #[error("{0}")]
    Conflict(String),
    /// The store cannot do it now (unreachable, disk full): nothing was stored, the
    /// same request may succeed shortly.
    #[error("{0}")]
    Unavailable(String),
    /// A fault on our side; the detail is for the logs, never for the caller.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result of a use case.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The store could not write for a fault of the environment (logged here with its
    /// cause): nothing was stored, the same request may succeed shortly.
    pub fn store_unavailable(cause: &dyn std::fmt::Display) -> Error {
        tracing::warn!(error = %cause, "the store is unavailable");
        Error::Unavailable(
            "the database is unavailable: nothing was stored; try again shortly".into(),
        )
    }

    /// A refused value with this code.
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Error {
        Error::Invalid {
            code,
            message: message.into(),
        }
    }
}

/// Store errors map here, once: a missing record is not found, a conflict with stored
/// data a conflict, an argument the store refuses invalid, and a fault of the
/// environment (the database unreachable, a full disk) unavailable. Anything else is
/// internal.
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound("not found".into()),
            StoreError::Conflict(m) => Error::Conflict(m),
            StoreError::InvalidInput(m) => Error::invalid("invalid", m),
            e if e.is_fault() => Error::store_unavailable(&e),
            e => Error::Internal(e.to_string()),
        }
    }
}

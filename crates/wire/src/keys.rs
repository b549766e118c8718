//! API keys: `/v1/keys` and `antiscam keys`.

use serde::{Deserialize, Serialize};

/// `POST /v1/keys`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKeyRequest {
    /// `analyst`, `partner` or `integrator` (admin keys are made at the command line).
    #[schema(schema_with = crate::schema::new_key_role)]
    pub role: String,
    /// ISO 3166-1 alpha-2; required for partners.
    #[schema(schema_with = crate::schema::region_nullable)]
    pub region: Option<String>,
    /// The administrators' description.
    #[schema(max_length = 200)]
    pub label: Option<String>,
}

/// A key, never its secret or hash.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyView {
    /// Identifier.
    pub id: i64,
    /// Role.
    pub role: String,
    /// Region limit.
    pub region: Option<String>,
    /// Description.
    pub label: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, while revoked.
    pub revoked_at: Option<String>,
}

/// `GET /v1/keys`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyList {
    /// Every key.
    pub keys: Vec<KeyView>,
}

/// A key just made: its secret, shown once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedKey {
    /// What was stored.
    #[serde(flatten)]
    pub view: KeyView,
    /// `ask_…`: shown once, never stored.
    pub key: String,
    /// The key this one replaced (a rotation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<i64>,
}

/// `POST /v1/keys/{id}/revoke`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevokedKey {
    /// The key.
    pub id: i64,
    /// Always true.
    pub revoked: bool,
}

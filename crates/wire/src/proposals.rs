//! Registry proposals: `/v1/registry/proposals` and `antiscam registry`.

use serde::{Deserialize, Serialize};

/// `POST /v1/registry/proposals` with a JSON body: exactly one of `registry` and
/// `changes`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    /// The whole registry as it should be (the registry's JSON document).
    #[schema(value_type = Option<crate::schema::RegistryDocument>)]
    pub registry: Option<serde_json::Value>,
    /// Per-channel edits of the current registry.
    #[schema(value_type = Option<Vec<crate::schema::RegistryEdit>>, max_items = 1000)]
    pub changes: Option<Vec<registry::Edit>>,
    /// Why to go ahead despite conflicts.
    #[schema(max_length = 2000)]
    pub override_reason: Option<String>,
}

/// The optional body of a decision (`…/approve`, `…/reject`): `{"note"}`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionNote {
    /// For the audit log.
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Who made or decided a proposal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalActor {
    /// The key.
    pub key_id: Option<i64>,
    /// The key's role.
    pub role: Option<String>,
}

/// A proposal as shown. Its stored JSON documents (diff, conflicts, registry) are
/// passed through as read; the fields are in alphabetical order, as the API has
/// always written them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    /// Its author.
    pub author: ProposalActor,
    /// The registry version it was made against.
    pub base_version: i64,
    /// What it would make official that is reported or tied to another brand.
    pub conflicts: serde_json::Value,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, once decided.
    pub decided_at: Option<String>,
    /// Who decided it.
    pub decided_by: Option<ProposalActor>,
    /// The decider's note.
    pub decision_note: Option<String>,
    /// The change, channel by channel.
    pub diff: serde_json::Value,
    /// Identifier.
    pub id: i64,
    /// The author's reason to override the conflicts.
    pub override_reason: Option<String>,
    /// The whole proposed registry (one proposal asked by id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<serde_json::Value>,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
}

/// `GET /v1/registry/proposals`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalList {
    /// Newest first.
    pub proposals: Vec<ProposalView>,
}

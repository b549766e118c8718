//! Registry proposals: the two-person rule for the official channels.
//!
//! A change to the registry is stored as a proposal (the whole proposed registry as
//! JSON, the diff a reviewer reads, the conflicts found and any override reason) and
//! applied only by [`ProposalStore::decide_proposal`] with an approval from a key other
//! than the author's. Approval, the replacement of the registry, the proposal's new
//! state and the audit record are one transaction. A proposal is made against a
//! registry version (meta [`REGISTRY_VERSION`], raised by every replacement): once the
//! registry changed, the proposal is stale and cannot be approved, so nobody approves
//! a diff that no longer describes what would happen.
//!
//! [`ProposalStore`] is implemented once for both engines (see [`crate::engine`]).

use crate::StoreError;
use crate::engine::{EngineStore, query};
use crate::reports::Actor;

/// Meta key of the registry version.
pub const REGISTRY_VERSION: &str = "registry_version";

/// Longest override reason or decision note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Waiting for a decision.
    Pending,
    /// Approved and applied.
    Approved,
    /// Rejected (or withdrawn by its author).
    Rejected,
}

impl ProposalState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Pending => "pending",
            ProposalState::Approved => "approved",
            ProposalState::Rejected => "rejected",
        }
    }

    /// Parses [`ProposalState::as_str`].
    pub fn parse(s: &str) -> Option<ProposalState> {
        [
            ProposalState::Pending,
            ProposalState::Approved,
            ProposalState::Rejected,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Apply it.
    Approve,
    /// Do not apply it.
    Reject,
}

/// A proposal to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    /// The whole proposed registry, as JSON (`registry::Registry::to_json`).
    pub document: String,
    /// The diff against the registry it was made on, as JSON.
    pub diff: String,
    /// What would become official that is reported or imitates another brand, as a
    /// JSON array (empty when nothing).
    pub conflicts: String,
    /// Why the author goes ahead despite the conflicts.
    pub override_reason: Option<String>,
    /// The registry version it was made against.
    pub base_version: i64,
    /// Who proposes it.
    pub author: Actor,
    /// When, Unix seconds.
    pub created_at: i64,
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Identifier.
    pub id: i64,
    /// When it was made, Unix seconds.
    pub created_at: i64,
    /// The author's key, if made with one.
    pub author_key_id: Option<i64>,
    /// The author's role.
    pub author_role: String,
    /// The author's client address.
    pub author_ip: Option<String>,
    /// The registry version it was made against.
    pub base_version: i64,
    /// The proposed registry, JSON.
    pub document: String,
    /// The diff, JSON.
    pub diff: String,
    /// The conflicts, a JSON array.
    pub conflicts: String,
    /// The author's reason to override the conflicts.
    pub override_reason: Option<String>,
    /// Its state.
    pub state: ProposalState,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided it (key).
    pub decided_key_id: Option<i64>,
    /// Who decided it (role).
    pub decided_role: Option<String>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

pub(crate) const PROPOSAL_COLUMNS: &str = "id, created_at, author_key_id, author_role, \
     author_ip, base_version, document, diff, conflicts, override_reason, state, decided_at, \
     decided_key_id, decided_role, decision_note";

pub(crate) type ProposalRow = (
    i64,
    i64,
    Option<i64>,
    String,
    Option<String>,
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

pub(crate) fn proposal_from_row(row: ProposalRow) -> Result<Proposal, StoreError> {
    let state = ProposalState::parse(&row.10).ok_or_else(|| {
        StoreError::Corrupt(format!("registry_proposals {}: unknown state", row.0))
    })?;
    Ok(Proposal {
        id: row.0,
        created_at: row.1,
        author_key_id: row.2,
        author_role: row.3,
        author_ip: row.4,
        base_version: row.5,
        document: row.6,
        diff: row.7,
        conflicts: row.8,
        override_reason: row.9,
        state,
        decided_at: row.11,
        decided_key_id: row.12,
        decided_role: row.13,
        decision_note: row.14,
    })
}

/// Registry proposals (see the module documentation).
#[async_trait::async_trait]
pub trait ProposalStore: Send + Sync {
    /// The registry version now (0 before the first replacement).
    async fn registry_version(&self) -> Result<i64, StoreError>;

    /// Stores a pending proposal, audited as `registry.propose` with its diff.
    async fn create_proposal(&self, proposal: &NewProposal) -> Result<Proposal, StoreError>;

    /// One proposal.
    async fn proposal(&self, id: i64) -> Result<Option<Proposal>, StoreError>;

    /// Proposals, newest first, optionally in one state.
    async fn proposals(
        &self,
        state: Option<ProposalState>,
        limit: u32,
    ) -> Result<Vec<Proposal>, StoreError>;

    /// Decides a pending proposal. Approving applies the proposed registry in the same
    /// transaction and needs a key other than the author's; a proposal made against an
    /// older registry version cannot be approved. Audited as `registry.approve` or
    /// `registry.reject` with the diff. Errors: [`StoreError::NotFound`];
    /// [`StoreError::Conflict`] when it is not pending, stale, or approved by its author.
    async fn decide_proposal(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<Proposal, StoreError>;
}

#[async_trait::async_trait]
impl<S: EngineStore> ProposalStore for S {
    async fn registry_version(&self) -> Result<i64, StoreError> {
        let v = crate::meta::get(self.read_pool(), REGISTRY_VERSION).await?;
        Ok(v.and_then(|v| v.trim().parse().ok()).unwrap_or(0))
    }

    async fn create_proposal(&self, p: &NewProposal) -> Result<Proposal, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: ProposalRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "INSERT INTO registry_proposals (created_at, author_key_id, author_role, \
             author_ip, base_version, document, diff, conflicts, override_reason, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending') RETURNING {}",
            PROPOSAL_COLUMNS
        )))
        .bind(p.created_at)
        .bind(p.author.key_id)
        .bind(&p.author.role)
        .bind(p.author.ip.as_deref())
        .bind(p.base_version)
        .bind(&p.document)
        .bind(&p.diff)
        .bind(&p.conflicts)
        .bind(p.override_reason.as_deref())
        .fetch_one(&mut *tx)
        .await?;
        let proposal = proposal_from_row(row)?;
        crate::audit::record(
            &mut tx,
            &p.author,
            "registry.propose",
            Some(&format!("proposal:{}", proposal.id)),
            Some(&audit_detail(&proposal, None)),
            p.created_at,
        )
        .await?;
        tx.commit().await?;
        Ok(proposal)
    }

    async fn proposal(&self, id: i64) -> Result<Option<Proposal>, StoreError> {
        let row: Option<ProposalRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM registry_proposals WHERE id = $1",
            PROPOSAL_COLUMNS
        )))
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.map(proposal_from_row).transpose()
    }

    async fn proposals(
        &self,
        state: Option<ProposalState>,
        limit: u32,
    ) -> Result<Vec<Proposal>, StoreError> {
        let rows: Vec<ProposalRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM registry_proposals \
                 WHERE (CAST($1 AS TEXT) IS NULL OR state = CAST($1 AS TEXT)) \
                 ORDER BY id DESC LIMIT $2",
            PROPOSAL_COLUMNS
        )))
        .bind(state.map(|s| s.as_str()))
        .bind(i64::from(limit.min(crate::reports::MAX_PAGE)))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(proposal_from_row).collect()
    }

    async fn decide_proposal(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<Proposal, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<ProposalRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM registry_proposals WHERE id = $1",
            PROPOSAL_COLUMNS
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let proposal = row
            .map(proposal_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        if proposal.state != ProposalState::Pending {
            return Err(StoreError::Conflict(format!(
                "proposal {id} is already {}",
                proposal.state.as_str()
            )));
        }
        let state = match decision {
            Decision::Reject => ProposalState::Rejected,
            Decision::Approve => {
                if actor.key_id.is_none() {
                    return Err(StoreError::InvalidInput(
                        "an approval must be made with an administrator's key".into(),
                    ));
                }
                if actor.key_id == proposal.author_key_id {
                    return Err(StoreError::Conflict(
                        "the author of a proposal cannot approve it: another \
                         administrator must"
                            .into(),
                    ));
                }
                crate::keys::refuse_one_holder::<S::Engine>(
                    &mut tx,
                    proposal.author_key_id,
                    actor.key_id,
                    "another administrator's key",
                )
                .await?;
                let version = crate::meta::get::<S::Engine>(&mut *tx, REGISTRY_VERSION).await?;
                let version: i64 = version.and_then(|v| v.trim().parse().ok()).unwrap_or(0);
                if version != proposal.base_version {
                    return Err(StoreError::Conflict(format!(
                        "proposal {id} was made on registry version {} and the \
                         registry has changed since (version {version}): propose \
                         the change again",
                        proposal.base_version
                    )));
                }
                let registry = registry::Registry::from_json(&proposal.document)
                    .map_err(|e| StoreError::Corrupt(format!("registry_proposals {id}: {e}")))?;
                crate::registry::replace_in(&mut tx, &registry).await?;
                ProposalState::Approved
            }
        };
        let row: ProposalRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "UPDATE registry_proposals SET state = $2, decided_at = $3, \
             decided_key_id = $4, decided_role = $5, decision_note = $6 \
             WHERE id = $1 AND state = 'pending' RETURNING {}",
            PROPOSAL_COLUMNS
        )))
        .bind(id)
        .bind(state.as_str())
        .bind(now)
        .bind(actor.key_id)
        .bind(&actor.role)
        .bind(note)
        .fetch_one(&mut *tx)
        .await?;
        let decided = proposal_from_row(row)?;
        let action = match decision {
            Decision::Approve => "registry.approve",
            Decision::Reject => "registry.reject",
        };
        crate::audit::record(
            &mut tx,
            actor,
            action,
            Some(&format!("proposal:{id}")),
            Some(&audit_detail(&decided, note)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(decided)
    }
}

/// The audit detail of a proposal: its diff, conflicts, override reason and note.
pub(crate) fn audit_detail(p: &Proposal, note: Option<&str>) -> String {
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap_or_default();
    serde_json::json!({
        "diff": parse(&p.diff),
        "conflicts": parse(&p.conflicts),
        "override_reason": p.override_reason,
        "note": note,
    })
    .to_string()
}

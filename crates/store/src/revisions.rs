//! What users are told at withdrawal, changed under review: campaign changes with their
//! audit record, partners' pending revisions, and the partner resources that alerts may
//! point to.
//!
//! - [`RevisionStore::save_campaign`] creates or replaces a campaign and writes its
//!   audit record (with the caller's detail, e.g. the diff) in one transaction.
//! - A key holder's change that users would see (a partner's or an admin's) is a
//!   [`Revision`]: stored pending, applied by [`RevisionStore::decide_revision`] when an
//!   exchange admin approves it, never its author nor a key its author's holder may
//!   hold (the campaign update, the revision's state and the audit record naming both
//!   keys in one transaction). A revision made on an older version of the campaign (its
//!   `updated_at`) is stale.
//! - Partner resources (e.g. the police hotline, the police anti-scam site) are the
//!   non-official contacts an alert may show; admins keep the list, audited. An
//!   addition widens what alerts may show, so it is a [`ResourceAddition`] that another
//!   admin approves ([`RevisionStore::decide_resource_addition`]), by the same rule as
//!   revisions; a removal only narrows it and applies at once.
//!
//! [`RevisionStore`] is implemented once for both engines (see [`crate::engine`]).

use campaign::{Campaign, Spec};

use crate::StoreError;
use crate::engine::{EngineStore, query};
use crate::proposals::Decision;
use crate::reports::Actor;

pub use crate::proposals::ProposalState as RevisionState;

/// A pending (or decided) change to a campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// Identifier.
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The campaign's `updated_at` it was made against.
    pub base_updated_at: i64,
    /// The campaign as it would be.
    pub spec: Spec,
    /// What changes, JSON.
    pub diff: String,
    /// When, Unix seconds.
    pub created_at: i64,
    /// The author's key.
    pub author_key_id: Option<i64>,
    /// The author's role.
    pub author_role: String,
    /// Its state.
    pub state: RevisionState,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided it.
    pub decided_key_id: Option<i64>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

/// A resource an alert may show although it is not an official channel of the registry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartnerResource {
    /// Identifier.
    pub id: i64,
    /// The indicator key (`phone:+85218222`, `domain:cyberdefender.hk`).
    pub key: String,
    /// What it is ("Anti-Scam Helpline").
    pub label: String,
    /// When it was added, Unix seconds.
    pub created_at: i64,
}

/// A proposed partner resource, waiting for (or decided by) a second admin.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ResourceAddition {
    /// Identifier.
    pub id: i64,
    /// The indicator key it would list.
    pub key: String,
    /// What it is.
    pub label: String,
    /// Its state.
    pub state: RevisionState,
    /// When it was proposed, Unix seconds.
    pub created_at: i64,
    /// The author's key.
    pub author_key_id: Option<i64>,
    /// The author's role.
    pub author_role: String,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided it.
    pub decided_key_id: Option<i64>,
    /// The decider's note.
    pub decision_note: Option<String>,
    /// The partner resource its approval made.
    pub resource_id: Option<i64>,
}

const ADDITION_COLUMNS: &str = "id, key, label, state, created_at, author_key_id, \
     author_role, decided_at, decided_key_id, decision_note, resource_id";

type AdditionRow = (
    i64,
    String,
    String,
    String,
    i64,
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

fn addition_from_row(row: AdditionRow) -> Result<ResourceAddition, StoreError> {
    let state = RevisionState::parse(&row.3).ok_or_else(|| {
        StoreError::Corrupt(format!("partner_resource_additions {}: state", row.0))
    })?;
    Ok(ResourceAddition {
        id: row.0,
        key: row.1,
        label: row.2,
        state,
        created_at: row.4,
        author_key_id: row.5,
        author_role: row.6,
        decided_at: row.7,
        decided_key_id: row.8,
        decision_note: row.9,
        resource_id: row.10,
    })
}

/// Refuses an approval without a key (as for registry proposals and triage decisions:
/// an approval is another admin's, attributable to a key), by the author, or by a key
/// its holder may hold (the two-person rule of revisions and resource additions alike).
async fn refuse_author<E: crate::engine::Engine>(
    tx: &mut crate::engine::Tx<E>,
    author: Option<i64>,
    approver: &Actor,
    what: &str,
) -> Result<(), StoreError> {
    if approver.key_id.is_none() {
        return Err(StoreError::InvalidInput(
            "an approval must be made with an administrator's key".into(),
        ));
    }
    if approver.key_id == author {
        return Err(StoreError::Conflict(format!(
            "the author of {what} cannot approve it: another administrator must"
        )));
    }
    crate::keys::refuse_one_holder::<E>(
        tx,
        author,
        approver.key_id,
        "another administrator's key, never made by or with the author's",
    )
    .await
}

/// The author, as an audit record of a decision names it.
fn author_json(key_id: Option<i64>, role: &str) -> serde_json::Value {
    serde_json::json!({"key_id": key_id, "role": role})
}

pub(crate) const REVISION_COLUMNS: &str = "id, campaign_id, base_updated_at, spec, diff, \
     created_at, author_key_id, author_role, state, decided_at, decided_key_id, decision_note";

pub(crate) type RevisionRow = (
    i64,
    i64,
    i64,
    String,
    String,
    i64,
    Option<i64>,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

pub(crate) fn revision_from_row(row: RevisionRow) -> Result<Revision, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("campaign_revisions {}: {what}", row.0));
    let doc: serde_json::Value = serde_json::from_str(&row.3).map_err(|_| corrupt("spec"))?;
    let spec = Spec::from_json(&doc).map_err(|_| corrupt("spec"))?;
    let state = RevisionState::parse(&row.8).ok_or_else(|| corrupt("state"))?;
    Ok(Revision {
        id: row.0,
        campaign_id: row.1,
        base_updated_at: row.2,
        spec,
        diff: row.4,
        created_at: row.5,
        author_key_id: row.6,
        author_role: row.7,
        state,
        decided_at: row.9,
        decided_key_id: row.10,
        decision_note: row.11,
    })
}

/// Campaign changes under review (see the module documentation).
#[async_trait::async_trait]
pub trait RevisionStore: Send + Sync {
    /// Creates (`id` `None`) or replaces a campaign, audited as `action` with `detail`
    /// in the same transaction.
    async fn save_campaign(
        &self,
        id: Option<i64>,
        spec: &Spec,
        actor: &Actor,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<Campaign, StoreError>;

    /// Stores a pending revision of a campaign made against its `base_updated_at`,
    /// audited as `campaign.revision.propose`.
    async fn propose_revision(
        &self,
        campaign_id: i64,
        base_updated_at: i64,
        spec: &Spec,
        diff: &str,
        author: &Actor,
        now: i64,
    ) -> Result<Revision, StoreError>;

    /// One revision.
    async fn revision(&self, id: i64) -> Result<Option<Revision>, StoreError>;

    /// Revisions, newest first, of one campaign or all, optionally in one state.
    async fn revisions(
        &self,
        campaign_id: Option<i64>,
        state: Option<RevisionState>,
        limit: u32,
    ) -> Result<Vec<Revision>, StoreError>;

    /// Decides a pending revision; approving applies it to the campaign. Errors:
    /// [`StoreError::NotFound`]; [`StoreError::Conflict`] when it is not pending or the
    /// campaign changed since it was made.
    async fn decide_revision(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<Revision, StoreError>;

    /// The partner resources.
    async fn partner_resources(&self) -> Result<Vec<PartnerResource>, StoreError>;

    /// Adds a partner resource, audited; a key already listed is a conflict.
    async fn add_partner_resource(
        &self,
        key: &str,
        label: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<PartnerResource, StoreError>;

    /// Removes a partner resource, audited; `false` if there was none.
    async fn remove_partner_resource(
        &self,
        id: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError>;

    /// Stores a pending addition to the partner resources, audited as
    /// `partner_resource.propose`. [`StoreError::Conflict`] when the key is already
    /// listed or an addition of it already waits.
    async fn propose_resource_addition(
        &self,
        key: &str,
        label: &str,
        author: &Actor,
        now: i64,
    ) -> Result<ResourceAddition, StoreError>;

    /// One resource addition.
    async fn resource_addition(&self, id: i64) -> Result<Option<ResourceAddition>, StoreError>;

    /// Resource additions, newest first, optionally in one state.
    async fn resource_additions(
        &self,
        state: Option<RevisionState>,
        limit: u32,
    ) -> Result<Vec<ResourceAddition>, StoreError>;

    /// Decides a pending resource addition; approving lists the resource. The author
    /// cannot approve, nor a key its holder may hold. Errors: [`StoreError::NotFound`];
    /// [`StoreError::Conflict`] when it is not pending, the approver is refused, or the
    /// key was listed meanwhile.
    async fn decide_resource_addition(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<ResourceAddition, StoreError>;
}

#[async_trait::async_trait]
impl<S: EngineStore> RevisionStore for S {
    async fn save_campaign(
        &self,
        id: Option<i64>,
        spec: &campaign::Spec,
        actor: &Actor,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<campaign::Campaign, StoreError> {
        let mut tx = self.begin_write().await?;
        let regions = crate::campaigns::regions_column(spec);
        let doc = crate::campaigns::spec_column(spec);
        let (id, created_at): (i64, i64) = match id {
            None => {
                query::<S::Engine>(
                    "INSERT INTO campaigns (name, status, regions, spec, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, created_at",
                )
                .bind(spec.name.as_str())
                .bind(spec.status.as_str())
                .bind(&regions)
                .bind(&doc)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => query::<S::Engine>(
                "UPDATE campaigns SET name = $2, status = $3, regions = $4, spec = $5, \
                 updated_at = $6 WHERE id = $1 RETURNING id, created_at",
            )
            .bind(id)
            .bind(spec.name.as_str())
            .bind(spec.status.as_str())
            .bind(&regions)
            .bind(&doc)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?,
        };
        crate::audit::record(
            &mut tx,
            actor,
            action,
            Some(&format!("campaign:{id}")),
            Some(detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(campaign::Campaign {
            id,
            spec: spec.clone(),
            created_at,
            updated_at: now,
        })
    }

    async fn propose_revision(
        &self,
        campaign_id: i64,
        base_updated_at: i64,
        spec: &campaign::Spec,
        diff: &str,
        author: &Actor,
        now: i64,
    ) -> Result<Revision, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: RevisionRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "INSERT INTO campaign_revisions (campaign_id, base_updated_at, spec, diff, \
             created_at, author_key_id, author_role, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING {}",
            REVISION_COLUMNS
        )))
        .bind(campaign_id)
        .bind(base_updated_at)
        .bind(crate::campaigns::spec_column(spec))
        .bind(diff)
        .bind(now)
        .bind(author.key_id)
        .bind(&author.role)
        .fetch_one(&mut *tx)
        .await?;
        let revision = revision_from_row(row)?;
        crate::audit::record(
            &mut tx,
            author,
            "campaign.revision.propose",
            Some(&format!("campaign:{campaign_id}")),
            Some(&format!("{{\"revision\":{},\"diff\":{diff}}}", revision.id)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(revision)
    }

    async fn revision(&self, id: i64) -> Result<Option<Revision>, StoreError> {
        let row: Option<RevisionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM campaign_revisions WHERE id = $1",
            REVISION_COLUMNS
        )))
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.map(revision_from_row).transpose()
    }

    async fn revisions(
        &self,
        campaign_id: Option<i64>,
        state: Option<RevisionState>,
        limit: u32,
    ) -> Result<Vec<Revision>, StoreError> {
        let rows: Vec<RevisionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM campaign_revisions \
                 WHERE (CAST($1 AS BIGINT) IS NULL OR campaign_id = CAST($1 AS BIGINT)) \
                 AND (CAST($2 AS TEXT) IS NULL OR state = CAST($2 AS TEXT)) \
                 ORDER BY id DESC LIMIT $3",
            REVISION_COLUMNS
        )))
        .bind(campaign_id)
        .bind(state.map(|s| s.as_str()))
        .bind(i64::from(limit.min(crate::reports::MAX_PAGE)))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(revision_from_row).collect()
    }

    async fn decide_revision(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<Revision, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<RevisionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM campaign_revisions WHERE id = $1",
            REVISION_COLUMNS
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let revision = row
            .map(revision_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        if revision.state != RevisionState::Pending {
            return Err(StoreError::Conflict(format!(
                "revision {id} is already {}",
                revision.state.as_str()
            )));
        }
        let state = match decision {
            Decision::Reject => RevisionState::Rejected,
            Decision::Approve => {
                refuse_author::<S::Engine>(&mut tx, revision.author_key_id, actor, "a revision")
                    .await?;
                let spec = &revision.spec;
                let updated = query::<S::Engine>(
                    "UPDATE campaigns SET name = $2, status = $3, regions = $4, \
                     spec = $5, updated_at = $6 WHERE id = $1 AND updated_at = $7",
                )
                .bind(revision.campaign_id)
                .bind(spec.name.as_str())
                .bind(spec.status.as_str())
                .bind(crate::campaigns::regions_column(spec))
                .bind(crate::campaigns::spec_column(spec))
                .bind(now.max(revision.base_updated_at + 1))
                .bind(revision.base_updated_at)
                .execute(&mut *tx)
                .await?;
                if updated == 0 {
                    return Err(StoreError::Conflict(format!(
                        "campaign {} changed after revision {id} was made: reject it \
                         and let the partner propose again",
                        revision.campaign_id
                    )));
                }
                RevisionState::Approved
            }
        };
        let row: RevisionRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "UPDATE campaign_revisions SET state = $2, decided_at = $3, \
             decided_key_id = $4, decision_note = $5 \
             WHERE id = $1 AND state = 'pending' RETURNING {}",
            REVISION_COLUMNS
        )))
        .bind(id)
        .bind(state.as_str())
        .bind(now)
        .bind(actor.key_id)
        .bind(note)
        .fetch_one(&mut *tx)
        .await?;
        let decided = revision_from_row(row)?;
        let action = match decision {
            Decision::Approve => "campaign.revision.approve",
            Decision::Reject => "campaign.revision.reject",
        };
        let detail = serde_json::json!({
            "revision": id,
            "author": author_json(decided.author_key_id, &decided.author_role),
            "diff": serde_json::from_str::<serde_json::Value>(&decided.diff)
                .unwrap_or_default(),
            "note": note,
        })
        .to_string();
        crate::audit::record(
            &mut tx,
            actor,
            action,
            Some(&format!("campaign:{}", decided.campaign_id)),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(decided)
    }

    async fn partner_resources(&self) -> Result<Vec<PartnerResource>, StoreError> {
        let rows: Vec<(i64, String, String, i64)> = query::<S::Engine>(
            "SELECT id, key, label, created_at FROM partner_resources ORDER BY id",
        )
        .fetch_all(self.read_pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, key, label, created_at)| PartnerResource {
                id,
                key,
                label,
                created_at,
            })
            .collect())
    }

    async fn add_partner_resource(
        &self,
        key: &str,
        label: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<PartnerResource, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = query::<S::Engine>(
            "INSERT INTO partner_resources (key, label, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING RETURNING id",
        )
        .bind(key)
        .bind(label)
        .bind(now)
        .scalar_optional(&mut *tx)
        .await?;
        let id =
            id.ok_or_else(|| StoreError::Conflict("this resource is already listed".into()))?;
        let detail = serde_json::json!({"label": label}).to_string();
        crate::audit::record(
            &mut tx,
            actor,
            "partner_resource.add",
            Some(key),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(PartnerResource {
            id,
            key: key.to_owned(),
            label: label.to_owned(),
            created_at: now,
        })
    }

    async fn remove_partner_resource(
        &self,
        id: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let key: Option<String> =
            query::<S::Engine>("DELETE FROM partner_resources WHERE id = $1 RETURNING key")
                .bind(id)
                .scalar_optional(&mut *tx)
                .await?;
        let Some(key) = key else {
            return Ok(false);
        };
        crate::audit::record(
            &mut tx,
            actor,
            "partner_resource.remove",
            Some(&key),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn propose_resource_addition(
        &self,
        key: &str,
        label: &str,
        author: &Actor,
        now: i64,
    ) -> Result<ResourceAddition, StoreError> {
        let mut tx = self.begin_write().await?;
        let listed: Option<i64> =
            query::<S::Engine>("SELECT id FROM partner_resources WHERE key = $1")
                .bind(key)
                .scalar_optional(&mut *tx)
                .await?;
        if listed.is_some() {
            return Err(StoreError::Conflict(
                "this resource is already listed".into(),
            ));
        }
        let row: AdditionRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "INSERT INTO partner_resource_additions (key, label, state, created_at, \
             author_key_id, author_role) VALUES ($1, $2, 'pending', $3, $4, $5) \
             RETURNING {ADDITION_COLUMNS}"
        )))
        .bind(key)
        .bind(label)
        .bind(now)
        .bind(author.key_id)
        .bind(&author.role)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(
                "an addition of this resource already waits for approval".into(),
            ),
            _ => StoreError::Database(e),
        })?;
        let addition = addition_from_row(row)?;
        let detail = serde_json::json!({"addition": addition.id, "label": label}).to_string();
        crate::audit::record(
            &mut tx,
            author,
            "partner_resource.propose",
            Some(key),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(addition)
    }

    async fn resource_addition(&self, id: i64) -> Result<Option<ResourceAddition>, StoreError> {
        let row: Option<AdditionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {ADDITION_COLUMNS} FROM partner_resource_additions WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.map(addition_from_row).transpose()
    }

    async fn resource_additions(
        &self,
        state: Option<RevisionState>,
        limit: u32,
    ) -> Result<Vec<ResourceAddition>, StoreError> {
        let rows: Vec<AdditionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {ADDITION_COLUMNS} FROM partner_resource_additions \
             WHERE (CAST($1 AS TEXT) IS NULL OR state = CAST($1 AS TEXT)) \
             ORDER BY id DESC LIMIT $2"
        )))
        .bind(state.map(|s| s.as_str()))
        .bind(i64::from(limit.min(crate::reports::MAX_PAGE)))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(addition_from_row).collect()
    }

    async fn decide_resource_addition(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        now: i64,
    ) -> Result<ResourceAddition, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<AdditionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {ADDITION_COLUMNS} FROM partner_resource_additions WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let addition = row
            .map(addition_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        if addition.state != RevisionState::Pending {
            return Err(StoreError::Conflict(format!(
                "resource addition {id} is already {}",
                addition.state.as_str()
            )));
        }
        let (state, resource_id, action) = match decision {
            Decision::Reject => (RevisionState::Rejected, None, "partner_resource.reject"),
            Decision::Approve => {
                refuse_author::<S::Engine>(
                    &mut tx,
                    addition.author_key_id,
                    actor,
                    "a resource addition",
                )
                .await?;
                let made: Option<i64> = query::<S::Engine>(
                    "INSERT INTO partner_resources (key, label, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING id",
                )
                .bind(&addition.key)
                .bind(&addition.label)
                .bind(now)
                .scalar_optional(&mut *tx)
                .await?;
                let made = made.ok_or_else(|| {
                    StoreError::Conflict("this resource was listed meanwhile".into())
                })?;
                (
                    RevisionState::Approved,
                    Some(made),
                    "partner_resource.approve",
                )
            }
        };
        let row: AdditionRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "UPDATE partner_resource_additions SET state = $2, decided_at = $3, \
             decided_key_id = $4, decision_note = $5, resource_id = $6 \
             WHERE id = $1 AND state = 'pending' RETURNING {ADDITION_COLUMNS}"
        )))
        .bind(id)
        .bind(state.as_str())
        .bind(now)
        .bind(actor.key_id)
        .bind(note)
        .bind(resource_id)
        .fetch_one(&mut *tx)
        .await?;
        let decided = addition_from_row(row)?;
        let detail = serde_json::json!({
            "addition": id,
            "label": decided.label,
            "author": author_json(decided.author_key_id, &decided.author_role),
            "resource": resource_id,
            "note": note,
        })
        .to_string();
        crate::audit::record(
            &mut tx,
            actor,
            action,
            Some(&decided.key),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(decided)
    }
}

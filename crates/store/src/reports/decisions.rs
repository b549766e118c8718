//! The two-person rule for triage ([`DecisionStore`], reached through
//! [`Store::decisions`](crate::Store::decisions)).
//!
//! An analyst's decision on a reported indicator (a triage action, a delisting, the
//! upholding of a dispute) that would change what Verify answers about it
//! ([`reports::triage_review`], [`reports::delist_review`]) is stored as a pending
//! [`TriageDecision`] and applied only by [`DecisionStore::decide_triage`] with an
//! approval from a key other than the author's. A decision that changes nothing users
//! are told is applied at once, as before. Whether a second analyst is needed is
//! decided inside the write transaction that stores or applies the decision, on the
//! facts read there, so no concurrent change slips between the rule and the write.
//!
//! The approval applies the same workflow a direct action runs (`triage_in`,
//! `delist_in`, `resolve_dispute_in`: the group, the listing, the feed log, the
//! webhook events and their audit record), marks the decision approved and appends a
//! `triage.approve` audit record naming the author and the approver, all in one
//! transaction. A decision records the group's state, listing and delisted flag it was
//! made against; once any of them changed, it is stale and cannot be approved (the
//! reviewer would approve a change that no longer describes what would happen). At
//! most one decision per indicator is pending (a unique partial index): while one
//! waits, every other decision on that indicator is refused with
//! [`StoreError::Conflict`]. Rejecting (by another analyst) or withdrawing (by the
//! author) leaves the listing untouched and is audited.

use blocklist::Severity;
use reports::{Action, DisputeAction, Policy, Review};

use super::lifecycle::{delist_in, load_group, resolve_dispute_in, triage_in};
use super::{Actor, DISPUTE_SELECT, Dispute, DisputeRow, GroupRef, TriageOutcome};
use super::{detail, dispute_from_row, page};
use crate::StoreError;
use crate::engine::{Engine, EngineStore, Tx, query};
use crate::proposals::Decision;

/// Where a triage decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionState {
    /// Waiting for a second analyst.
    Pending,
    /// Approved by a second analyst and applied.
    Approved,
    /// Rejected by another analyst: nothing changed.
    Rejected,
    /// Withdrawn by its author: nothing changed.
    Withdrawn,
}

impl DecisionState {
    /// Every state.
    pub const ALL: [DecisionState; 4] = [
        DecisionState::Pending,
        DecisionState::Approved,
        DecisionState::Rejected,
        DecisionState::Withdrawn,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionState::Pending => "pending",
            DecisionState::Approved => "approved",
            DecisionState::Rejected => "rejected",
            DecisionState::Withdrawn => "withdrawn",
        }
    }

    /// Parses [`DecisionState::as_str`].
    pub fn parse(s: &str) -> Option<DecisionState> {
        DecisionState::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What a decision does when approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionAction {
    /// A triage action on the group of the key.
    Triage(Action),
    /// Delist the key.
    Delist,
    /// Uphold a dispute of the key (which delists it).
    Uphold,
}

impl DecisionAction {
    /// The stored name: a triage action's, `delist` or `uphold`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DecisionAction::Triage(a) => a.as_str(),
            DecisionAction::Delist => "delist",
            DecisionAction::Uphold => "uphold",
        }
    }

    /// Parses [`DecisionAction::as_str`].
    pub fn parse(s: &str) -> Option<DecisionAction> {
        match s {
            "delist" => Some(DecisionAction::Delist),
            "uphold" => Some(DecisionAction::Uphold),
            other => Action::parse(other).map(DecisionAction::Triage),
        }
    }
}

/// A stored triage decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageDecision {
    /// Identifier.
    pub id: i64,
    /// The indicator key it is about.
    pub key: String,
    /// What it does when approved.
    pub action: DecisionAction,
    /// For a duplicate: the key of the group it duplicates.
    pub duplicate_of: Option<String>,
    /// For an upheld dispute: the dispute's id.
    pub dispute_id: Option<i64>,
    /// The author's note (a delisting's reason).
    pub note: Option<String>,
    /// Its state.
    pub state: DecisionState,
    /// When it was made, Unix seconds.
    pub created_at: i64,
    /// The author's key.
    pub author_key_id: Option<i64>,
    /// The author's role.
    pub author_role: String,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided it (key).
    pub decided_key_id: Option<i64>,
    /// Who decided it (role).
    pub decided_role: Option<String>,
    /// The decider's note.
    pub decision_note: Option<String>,
}

/// Either done at once or waiting for a second analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposed<T> {
    /// It changed nothing users are told: applied at once.
    Applied(T),
    /// It would change what Verify answers: stored, waiting for a second analyst.
    Pending(Box<TriageDecision>),
}

/// A decided triage decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// The decision, approved, rejected or withdrawn.
    pub decision: TriageDecision,
    /// The blocklist changed: the verification index must be rebuilt.
    pub blocklist_changed: bool,
}

const DECISION_COLUMNS: &str = "id, key, action, duplicate_of, dispute_id, note, state, \
     created_at, author_key_id, author_role, decided_at, decided_key_id, decided_role, \
     decision_note";

type DecisionRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    String,
    i64,
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn decision_from_row(row: DecisionRow) -> Result<TriageDecision, StoreError> {
    let corrupt =
        |c: &str| StoreError::Corrupt(format!("triage_decisions {}: invalid `{c}`", row.0));
    Ok(TriageDecision {
        action: DecisionAction::parse(&row.2).ok_or_else(|| corrupt("action"))?,
        state: DecisionState::parse(&row.6).ok_or_else(|| corrupt("state"))?,
        id: row.0,
        key: row.1,
        duplicate_of: row.3,
        dispute_id: row.4,
        note: row.5,
        created_at: row.7,
        author_key_id: row.8,
        author_role: row.9,
        decided_at: row.10,
        decided_key_id: row.11,
        decided_role: row.12,
        decision_note: row.13,
    })
}

/// What Verify answers about a key and the group's facts a decision is made against:
/// the group's state (`none` without a group), the listing's severity, the delisted
/// flag. A decision is approved only while these are unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Base {
    state: String,
    listed: Option<String>,
    delisted: bool,
}

/// Reads the base of a key in `tx`, locking its group row (PostgreSQL) so that no
/// report or other decision changes it before the transaction ends.
async fn base_of<E: Engine>(tx: &mut Tx<E>, key: &str) -> Result<Base, StoreError> {
    let group: Option<(String, bool)> = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT state, delisted FROM report_groups WHERE key = $1{}",
        E::FOR_UPDATE
    )))
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    let listed: Option<String> = query::<E>("SELECT severity FROM blocklist WHERE key = $1")
        .bind(key)
        .scalar_optional(&mut **tx)
        .await?;
    let (state, delisted) = group.unwrap_or_else(|| ("none".to_owned(), false));
    Ok(Base {
        state,
        listed,
        delisted,
    })
}

/// Refuses when a decision on `key` is already pending.
async fn refuse_if_pending<E: Engine>(tx: &mut Tx<E>, key: &str) -> Result<(), StoreError> {
    let pending: Option<i64> =
        query::<E>("SELECT id FROM triage_decisions WHERE key = $1 AND state = 'pending'")
            .bind(key)
            .scalar_optional(&mut **tx)
            .await?;
    match pending {
        Some(id) => Err(pending_conflict(key, id)),
        None => Ok(()),
    }
}

fn pending_conflict(key: &str, id: i64) -> StoreError {
    StoreError::Conflict(format!(
        "decision {id} on {key} is waiting for a second analyst: approve, reject or \
         withdraw it first"
    ))
}

/// What a new decision says.
struct NewDecision<'a> {
    key: &'a str,
    action: DecisionAction,
    duplicate_of: Option<&'a str>,
    dispute_id: Option<i64>,
    note: Option<&'a str>,
}

/// Stores a pending decision against `base`, audited as `triage.propose`.
async fn insert_pending<E: Engine>(
    tx: &mut Tx<E>,
    d: &NewDecision<'_>,
    base: &Base,
    author: &Actor,
    now: i64,
) -> Result<TriageDecision, StoreError> {
    let row: DecisionRow = query::<E>(sqlx::AssertSqlSafe(format!(
        "INSERT INTO triage_decisions (key, action, duplicate_of, dispute_id, note, \
         base_state, base_listed, base_delisted, state, created_at, author_key_id, \
         author_role, author_ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11, $12) \
         RETURNING {DECISION_COLUMNS}"
    )))
    .bind(d.key)
    .bind(d.action.as_str())
    .bind(d.duplicate_of)
    .bind(d.dispute_id)
    .bind(d.note)
    .bind(base.state.as_str())
    .bind(base.listed.as_deref())
    .bind(base.delisted)
    .bind(now)
    .bind(author.key_id)
    .bind(author.role.as_str())
    .bind(author.ip.as_deref())
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(format!(
            "a decision on {} is already waiting for a second analyst",
            d.key
        )),
        _ => StoreError::Database(e),
    })?;
    let decision = decision_from_row(row)?;
    let id = decision.id.to_string();
    let dispute = d.dispute_id.map(|i| i.to_string());
    let detail = detail(&[
        ("decision", Some(&id)),
        ("action", Some(d.action.as_str())),
        ("duplicate_of", d.duplicate_of),
        ("dispute", dispute.as_deref()),
        ("note", d.note),
    ]);
    crate::audit::record(
        tx,
        author,
        "triage.propose",
        Some(d.key),
        detail.as_deref(),
        now,
    )
    .await?;
    Ok(decision)
}

/// One decision, read in `tx`.
async fn load_decision<E: Engine>(
    tx: &mut Tx<E>,
    id: i64,
) -> Result<Option<TriageDecision>, StoreError> {
    let row: Option<DecisionRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT {DECISION_COLUMNS} FROM triage_decisions WHERE id = $1{}",
        E::FOR_UPDATE
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(decision_from_row).transpose()
}

/// The decision `WHERE {condition}` (one text parameter, `$1`), if any.
async fn one_decision<S: EngineStore>(
    store: &S,
    condition: &'static str,
    value: &str,
) -> Result<Option<TriageDecision>, StoreError> {
    let row: Option<DecisionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
        "SELECT {DECISION_COLUMNS} FROM triage_decisions WHERE {condition}"
    )))
    .bind(value)
    .fetch_optional(store.read_pool())
    .await?;
    row.map(decision_from_row).transpose()
}

/// Triage decisions under the two-person rule (see the module documentation).
#[async_trait::async_trait]
pub trait DecisionStore: Send + Sync {
    /// An analyst's triage action: applied at once as
    /// [`ReportStore::triage`](super::ReportStore::triage) does when it changes nothing
    /// Verify answers ([`reports::triage_review`]), else stored as pending. A missing
    /// group is [`StoreError::NotFound`]; an action not allowed from the group's state,
    /// or a decision already pending on the group, [`StoreError::Conflict`].
    #[expect(clippy::too_many_arguments, reason = "one argument per audited fact")]
    async fn propose_triage(
        &self,
        group: &GroupRef,
        action: Action,
        duplicate_of: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
        policy: &Policy,
        now: i64,
    ) -> Result<Proposed<TriageOutcome>, StoreError>;

    /// An analyst's delisting: pending when the key is listed
    /// ([`reports::delist_review`]), else applied at once as
    /// [`ReportStore::delist`](super::ReportStore::delist) does (`false`: it was not
    /// listed).
    async fn propose_delist(
        &self,
        key: &str,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<Proposed<bool>, StoreError>;

    /// An analyst's decision on a dispute: upholding a dispute of a listed key is
    /// pending; rejecting one, or upholding one of a key no longer listed, is applied
    /// at once as [`ReportStore::resolve_dispute`](super::ReportStore::resolve_dispute)
    /// does.
    async fn propose_dispute(
        &self,
        id: i64,
        action: DisputeAction,
        note: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<Proposed<(Dispute, bool)>, StoreError>;

    /// One decision.
    async fn triage_decision(&self, id: i64) -> Result<Option<TriageDecision>, StoreError>;

    /// The decision pending on a key, if any.
    async fn pending_decision(&self, key: &str) -> Result<Option<TriageDecision>, StoreError>;

    /// Decisions, newest first, optionally in one state.
    async fn triage_decisions(
        &self,
        state: Option<DecisionState>,
        limit: u32,
    ) -> Result<Vec<TriageDecision>, StoreError>;

    /// Decides a pending decision. Approving needs a key other than the author's and
    /// the group's facts unchanged since the decision was made; it applies the decision
    /// in the same transaction, audited as `triage.approve` naming both keys (and by the
    /// applied workflow's own record). Rejecting by the author withdraws it. Errors:
    /// [`StoreError::NotFound`]; [`StoreError::Conflict`] when it is not pending, is
    /// stale, or is approved by its author; [`StoreError::InvalidInput`] for an
    /// approval without a key.
    async fn decide_triage(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        policy: &Policy,
        now: i64,
    ) -> Result<Decided, StoreError>;
}

#[async_trait::async_trait]
impl<S: EngineStore> DecisionStore for S {
    async fn propose_triage(
        &self,
        group: &GroupRef,
        action: Action,
        duplicate_of: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
        policy: &Policy,
        now: i64,
    ) -> Result<Proposed<TriageOutcome>, StoreError> {
        let mut tx = self.begin_write().await?;
        let g = load_group::<S::Engine>(&mut *tx, group)
            .await?
            .ok_or(StoreError::NotFound)?;
        refuse_if_pending(&mut tx, &g.key).await?;
        let review = reports::triage_review(&g.facts(), action, policy)
            .map_err(|e| StoreError::Conflict(e.to_string()))?;
        let duplicate_of = (action == Action::Duplicate)
            .then_some(duplicate_of)
            .flatten();
        let out = match review {
            Review::AtOnce => {
                let by = GroupRef::Id(g.id);
                let outcome =
                    triage_in(&mut tx, &by, action, duplicate_of, note, actor, policy, now).await?;
                Proposed::Applied(outcome)
            }
            Review::SecondAnalyst => {
                let base = base_of(&mut tx, &g.key).await?;
                let new = NewDecision {
                    key: &g.key,
                    action: DecisionAction::Triage(action),
                    duplicate_of,
                    dispute_id: None,
                    note,
                };
                Proposed::Pending(Box::new(
                    insert_pending(&mut tx, &new, &base, actor, now).await?,
                ))
            }
        };
        tx.commit().await?;
        Ok(out)
    }

    async fn propose_delist(
        &self,
        key: &str,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<Proposed<bool>, StoreError> {
        let mut tx = self.begin_write().await?;
        refuse_if_pending(&mut tx, key).await?;
        let base = base_of(&mut tx, key).await?;
        let listed = base.listed.as_deref().and_then(Severity::parse);
        let out = match reports::delist_review(listed) {
            Review::AtOnce => {
                let why = (reason, crate::feed_log::DELISTED);
                Proposed::Applied(delist_in(&mut tx, key, why, actor, now).await?)
            }
            Review::SecondAnalyst => {
                let new = NewDecision {
                    key,
                    action: DecisionAction::Delist,
                    duplicate_of: None,
                    dispute_id: None,
                    note: Some(reason),
                };
                Proposed::Pending(Box::new(
                    insert_pending(&mut tx, &new, &base, actor, now).await?,
                ))
            }
        };
        tx.commit().await?;
        Ok(out)
    }

    async fn propose_dispute(
        &self,
        id: i64,
        action: DisputeAction,
        note: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<Proposed<(Dispute, bool)>, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<DisputeRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{DISPUTE_SELECT} WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let dispute = dispute_from_row(row.ok_or(StoreError::NotFound)?)?;
        reports::dispute_transition(dispute.state, action)
            .map_err(|s| StoreError::Conflict(format!("the dispute is already {}", s.as_str())))?;
        refuse_if_pending(&mut tx, &dispute.key).await?;
        let base = base_of(&mut tx, &dispute.key).await?;
        let listed = base.listed.as_deref().and_then(Severity::parse);
        let review = match action {
            DisputeAction::Reject => Review::AtOnce,
            DisputeAction::Uphold => reports::delist_review(listed),
        };
        let out = match review {
            Review::AtOnce => {
                Proposed::Applied(resolve_dispute_in(&mut tx, id, action, note, actor, now).await?)
            }
            Review::SecondAnalyst => {
                let new = NewDecision {
                    key: &dispute.key,
                    action: DecisionAction::Uphold,
                    duplicate_of: None,
                    dispute_id: Some(id),
                    note,
                };
                Proposed::Pending(Box::new(
                    insert_pending(&mut tx, &new, &base, actor, now).await?,
                ))
            }
        };
        tx.commit().await?;
        Ok(out)
    }

    async fn triage_decision(&self, id: i64) -> Result<Option<TriageDecision>, StoreError> {
        // Text binds on both engines; the id column compares as a number.
        one_decision(self, "id = CAST($1 AS BIGINT)", &id.to_string()).await
    }

    async fn pending_decision(&self, key: &str) -> Result<Option<TriageDecision>, StoreError> {
        one_decision(self, "key = $1 AND state = 'pending'", key).await
    }

    async fn triage_decisions(
        &self,
        state: Option<DecisionState>,
        limit: u32,
    ) -> Result<Vec<TriageDecision>, StoreError> {
        let rows: Vec<DecisionRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {DECISION_COLUMNS} FROM triage_decisions \
             WHERE (CAST($1 AS TEXT) IS NULL OR state = CAST($1 AS TEXT)) \
             ORDER BY id DESC LIMIT $2"
        )))
        .bind(state.map(DecisionState::as_str))
        .bind(page(limit))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(decision_from_row).collect()
    }

    async fn decide_triage(
        &self,
        id: i64,
        decision: Decision,
        actor: &Actor,
        note: Option<&str>,
        policy: &Policy,
        now: i64,
    ) -> Result<Decided, StoreError> {
        let mut tx = self.begin_write().await?;
        let d = load_decision(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if d.state != DecisionState::Pending {
            return Err(StoreError::Conflict(format!(
                "decision {id} is already {}",
                d.state.as_str()
            )));
        }
        let own = actor.key_id.is_some() && actor.key_id == d.author_key_id;
        let (state, changed) = match decision {
            Decision::Reject if own => (DecisionState::Withdrawn, false),
            Decision::Reject => (DecisionState::Rejected, false),
            Decision::Approve => {
                if actor.key_id.is_none() {
                    return Err(StoreError::InvalidInput(
                        "an approval must be made with an analyst's key".into(),
                    ));
                }
                if own {
                    return Err(StoreError::Conflict(
                        "the author of a decision cannot approve it: another analyst must".into(),
                    ));
                }
                crate::keys::refuse_one_holder::<S::Engine>(
                    &mut tx,
                    d.author_key_id,
                    actor.key_id,
                    "another analyst's key",
                )
                .await?;
                let base: (String, Option<String>, bool) = query::<S::Engine>(
                    "SELECT base_state, base_listed, base_delisted FROM triage_decisions \
                     WHERE id = $1",
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                let (state, listed, delisted) = base;
                let made_on = Base {
                    state,
                    listed,
                    delisted,
                };
                if base_of(&mut tx, &d.key).await? != made_on {
                    return Err(StoreError::Conflict(format!(
                        "decision {id} was made when {} stood otherwise: the group's state \
                         or listing has changed since; decide it again",
                        d.key
                    )));
                }
                (
                    DecisionState::Approved,
                    apply(&mut tx, &d, actor, policy, now).await?,
                )
            }
        };
        let row: DecisionRow = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "UPDATE triage_decisions SET state = $2, decided_at = $3, decided_key_id = $4, \
             decided_role = $5, decision_note = $6 WHERE id = $1 AND state = 'pending' \
             RETURNING {DECISION_COLUMNS}"
        )))
        .bind(id)
        .bind(state.as_str())
        .bind(now)
        .bind(actor.key_id)
        .bind(actor.role.as_str())
        .bind(note)
        .fetch_one(&mut *tx)
        .await?;
        let decided = decision_from_row(row)?;
        let audited = match state {
            DecisionState::Approved => "triage.approve",
            DecisionState::Withdrawn => "triage.withdraw",
            _ => "triage.reject",
        };
        let (idt, author) = (id.to_string(), key_name(d.author_key_id, &d.author_role));
        let decider = key_name(actor.key_id, &actor.role);
        let detail = detail(&[
            ("decision", Some(&idt)),
            ("action", Some(d.action.as_str())),
            ("proposed_by", Some(&author)),
            ("decided_by", Some(&decider)),
            ("proposal_note", d.note.as_deref()),
            ("note", note),
        ]);
        crate::audit::record(
            &mut tx,
            actor,
            audited,
            Some(&d.key),
            detail.as_deref(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Decided {
            decision: decided,
            blocklist_changed: changed,
        })
    }
}

/// `key:7`, or the role without a key (`cli`).
fn key_name(key_id: Option<i64>, role: &str) -> String {
    match key_id {
        Some(id) => format!("key:{id}"),
        None => role.to_owned(),
    }
}

/// Applies an approved decision in `tx` by the workflow a direct action runs, the
/// approver acting; whether the blocklist changed.
async fn apply<E: Engine>(
    tx: &mut Tx<E>,
    d: &TriageDecision,
    approver: &Actor,
    policy: &Policy,
    now: i64,
) -> Result<bool, StoreError> {
    let note = d.note.as_deref();
    match &d.action {
        DecisionAction::Triage(action) => {
            let group = GroupRef::Key(d.key.clone());
            let dup = d.duplicate_of.as_deref();
            let out = triage_in(tx, &group, *action, dup, note, approver, policy, now).await?;
            Ok(out.blocklist_changed)
        }
        DecisionAction::Delist => {
            let reason = note.unwrap_or("delisted");
            delist_in(
                tx,
                &d.key,
                (reason, crate::feed_log::DELISTED),
                approver,
                now,
            )
            .await
        }
        DecisionAction::Uphold => {
            let dispute = d.dispute_id.ok_or_else(|| {
                StoreError::Corrupt(format!("triage_decisions {}: no dispute", d.id))
            })?;
            let (_, changed) =
                resolve_dispute_in(tx, dispute, DisputeAction::Uphold, note, approver, now).await?;
            Ok(changed)
        }
    }
}

//! [`ReportStore`] for every store, once: triage, delisting, disputes, expiry and the
//! reads. Every write is one write transaction ([`EngineStore::begin_write`]) holding
//! the change and its audit record.

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Listing, Policy};

use super::{
    Actor, AuditRecord, BatchOutcome, DISPUTE_SELECT, Dispute, DisputeRow, Expired, GROUP_SELECT,
    Group, GroupRef, GroupRow, NewDispute, NewReport, QueueFilter, ReportRow, ReportStore,
    StoredReport, TriageOutcome, attach_keys, detail, dispute_from_row, group_from_row, page,
    reference_insert_error, report_from_row,
};
use crate::StoreError;
use crate::audit;
use crate::engine::{Engine, EngineStore, Exec, Tx, query};
use crate::webhooks::{self, EventType, Outbox};

/// How a group's listing changed.
pub(super) enum Change {
    None,
    Listed { new: bool },
    Unlisted,
}

/// One group, by id or key.
pub(super) async fn load_group<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    group: &GroupRef,
) -> Result<Option<Group>, StoreError> {
    let row: Option<GroupRow> = match group {
        GroupRef::Id(id) => {
            query::<E>(sqlx::AssertSqlSafe(format!(
                "{GROUP_SELECT} WHERE g.id = $1"
            )))
            .bind(*id)
            .fetch_optional(on)
            .await?
        }
        GroupRef::Key(key) => {
            query::<E>(sqlx::AssertSqlSafe(format!(
                "{GROUP_SELECT} WHERE g.key = $1"
            )))
            .bind(key.as_str())
            .fetch_optional(on)
            .await?
        }
    };
    row.map(group_from_row).transpose()
}

/// Applies [`reports::decide`] to a group.
pub(super) async fn apply_listing<E: Engine>(
    tx: &mut Tx<E>,
    group: &Group,
    policy: &Policy,
    now: i64,
) -> Result<Change, StoreError> {
    match reports::decide(&group.facts(), policy) {
        Listing::Unchanged => Ok(Change::None),
        Listing::Unlist => {
            // The feed log gets the revoked version; other processes learn of every
            // blocklist change through the counter it raises.
            let removed =
                crate::feed_log::remove(tx, &group.key, crate::feed_log::LISTING_RULE, now).await?;
            Ok(if removed {
                Change::Unlisted
            } else {
                Change::None
            })
        }
        Listing::List(severity) => {
            let existing = crate::blocklist::load_entry(tx, &group.key).await?;
            let entry =
                reports::listed_entry(&group.key, existing.as_ref(), &group.facts(), severity);
            if existing.as_ref() == Some(&entry) {
                return Ok(Change::None);
            }
            let entries = [entry];
            let prepared = crate::blocklist::prepare_entries(&entries)?;
            E::upsert_rows(tx, prepared, now).await?;
            let prepared = crate::blocklist::prepare_entries(&entries)?;
            crate::feed_log::append(tx, &prepared, now).await?;
            crate::blocklist::bump_generation(tx).await?;
            Ok(Change::Listed {
                new: existing.is_none(),
            })
        }
    }
}

/// Removes a listing and marks the group delisted, creating the group if needed.
pub(super) async fn delist_in<E: Engine>(
    tx: &mut Tx<E>,
    key: &str,
    (reason, code): (&str, &str),
    actor: &Actor,
    now: i64,
) -> Result<bool, StoreError> {
    // The revoked version goes to the feed log with the reason's code (signed
    // retractions); the words stay in the audit log.
    let listed = crate::feed_log::remove(tx, key, code, now).await?;
    query::<E>(
        "INSERT INTO report_groups (key, state, official, delisted, reports, reporters, \
         first_seen, last_seen, updated_at) VALUES ($1, 'new', FALSE, TRUE, 0, 0, $2, $2, $2) \
         ON CONFLICT (key) DO UPDATE SET delisted = TRUE, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if listed {
        let mut outbox = Outbox::load(tx).await?;
        let kinds = [(EventType::ListingDelisted, Some(reason))];
        webhooks::announce(&mut outbox, tx, key, None, &kinds).await?;
        outbox.flush(tx, now).await?;
    }
    let was = if listed { "true" } else { "false" };
    let d = detail(&[("reason", Some(reason)), ("was_listed", Some(was))]);
    audit::record(tx, actor, "blocklist.delist", Some(key), d.as_deref(), now).await?;
    Ok(listed)
}

/// Applies an analyst action to a group in `tx` (see [`ReportStore::triage`]).
#[expect(clippy::too_many_arguments, reason = "one argument per audited fact")]
pub(super) async fn triage_in<E: Engine>(
    tx: &mut Tx<E>,
    group: &GroupRef,
    action: Action,
    duplicate_of: Option<&str>,
    note: Option<&str>,
    actor: &Actor,
    policy: &Policy,
    now: i64,
) -> Result<TriageOutcome, StoreError> {
    let g = load_group::<E>(&mut **tx, group)
        .await?
        .ok_or(StoreError::NotFound)?;
    let to =
        reports::transition(g.state, action).map_err(|e| StoreError::Conflict(e.to_string()))?;
    let duplicate_of = (action == Action::Duplicate)
        .then_some(duplicate_of)
        .flatten();
    let delisted = reports::delisted_after(action, g.delisted);
    query::<E>(
        "UPDATE report_groups SET state = $1, duplicate_of = $2, delisted = $3, \
             updated_at = $4 WHERE id = $5",
    )
    .bind(to.as_str())
    .bind(duplicate_of)
    .bind(delisted)
    .bind(now)
    .bind(g.id)
    .execute(&mut **tx)
    .await?;
    let updated = load_group::<E>(&mut **tx, &GroupRef::Id(g.id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let change = apply_listing(tx, &updated, policy, now).await?;
    let d = detail(&[
        ("from", Some(g.state.as_str())),
        ("to", Some(to.as_str())),
        ("duplicate_of", duplicate_of),
        ("note", note),
    ]);
    let action = format!("triage.{}", action.as_str());
    audit::record(tx, actor, &action, Some(&g.key), d.as_deref(), now).await?;
    let group = load_group::<E>(&mut **tx, &GroupRef::Id(g.id))
        .await?
        .ok_or(StoreError::NotFound)?;
    // The partners' webhooks, in the same transaction as the decision.
    let mut kinds: Vec<(EventType, Option<&str>)> = Vec::new();
    if matches!(change, Change::Listed { new: true }) {
        kinds.push((EventType::ListingCreated, None));
    }
    if to == reports::State::Confirmed && group.listed == Some(Severity::Confirmed) {
        kinds.push((EventType::ListingConfirmed, None));
    }
    if matches!(change, Change::Unlisted) {
        kinds.push((
            EventType::ListingDelisted,
            Some(note.unwrap_or(action.as_str())),
        ));
    }
    if !kinds.is_empty() {
        let mut outbox = Outbox::load(tx).await?;
        webhooks::announce(&mut outbox, tx, &group.key, Some(&group), &kinds).await?;
        outbox.flush(tx, now).await?;
    }
    Ok(TriageOutcome {
        group,
        blocklist_changed: !matches!(change, Change::None),
    })
}

/// Decides a dispute in `tx` (see [`ReportStore::resolve_dispute`]).
pub(super) async fn resolve_dispute_in<E: Engine>(
    tx: &mut Tx<E>,
    id: i64,
    action: DisputeAction,
    note: Option<&str>,
    actor: &Actor,
    now: i64,
) -> Result<(Dispute, bool), StoreError> {
    let row: Option<DisputeRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "{DISPUTE_SELECT} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let dispute = dispute_from_row(row.ok_or(StoreError::NotFound)?)?;
    let to = reports::dispute_transition(dispute.state, action)
        .map_err(|s| StoreError::Conflict(format!("the dispute is already {}", s.as_str())))?;
    query::<E>("UPDATE disputes SET state = $1, resolved_at = $2, resolution = $3 WHERE id = $4")
        .bind(to.as_str())
        .bind(now)
        .bind(note)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let d = detail(&[("dispute", Some(&dispute.reference)), ("note", note)]);
    let audited = format!("dispute.{}", action.as_str());
    let key = Some(dispute.key.as_str());
    audit::record(tx, actor, &audited, key, d.as_deref(), now).await?;
    let mut changed = false;
    if action == DisputeAction::Uphold {
        let reason = format!("dispute {} upheld", dispute.reference);
        let why = (reason.as_str(), crate::feed_log::DISPUTE_UPHELD);
        changed = delist_in(tx, &dispute.key, why, actor, now).await?;
    }
    Ok((
        Dispute {
            state: to,
            resolved_at: Some(now),
            resolution: note.map(str::to_owned),
            ..dispute
        },
        changed,
    ))
}

/// Reports from their rows, each with the indicator keys it was filed under (one query
/// over the page's id range).
async fn with_keys<E: Engine>(
    pool: &sqlx::Pool<E>,
    rows: Vec<ReportRow>,
) -> Result<Vec<StoredReport>, StoreError> {
    let mut out: Vec<StoredReport> = rows.into_iter().map(report_from_row).collect();
    let (Some(low), Some(high)) = (out.last().map(|r| r.id), out.first().map(|r| r.id)) else {
        return Ok(out);
    };
    let keys: Vec<(i64, String)> = query::<E>(
        "SELECT ri.report_id, g.key FROM report_indicators AS ri \
         JOIN report_groups AS g ON g.id = ri.group_id \
         WHERE ri.report_id BETWEEN $1 AND $2 ORDER BY ri.report_id, g.key",
    )
    .bind(low)
    .bind(high)
    .fetch_all(pool)
    .await?;
    attach_keys(&mut out, keys);
    Ok(out)
}

#[async_trait::async_trait]
impl<S: EngineStore> ReportStore for S {
    async fn insert_reports(
        &self,
        batch: &[NewReport],
        policy: &Policy,
    ) -> Result<BatchOutcome, StoreError> {
        if batch.is_empty() {
            return Ok(BatchOutcome::default());
        }
        let mut tx = self.begin_write().await?;
        let out = super::intake::insert_batch(&mut tx, batch, policy).await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn triage_queue(&self, filter: &QueueFilter) -> Result<Vec<Group>, StoreError> {
        let rows: Vec<GroupRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR g.state = CAST($1 AS TEXT)) \
             AND (NOT $2 OR g.official) \
             ORDER BY g.reporters DESC, g.last_seen DESC, g.id LIMIT $3 OFFSET $4"
        )))
        .bind(filter.state.map(|s| s.as_str()))
        .bind(filter.alerts_only)
        .bind(page(filter.limit))
        .bind(i64::from(filter.offset))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(group_from_row).collect()
    }

    async fn group(&self, group: &GroupRef) -> Result<Option<Group>, StoreError> {
        load_group(self.read_pool(), group).await
    }

    async fn triage(
        &self,
        group: &GroupRef,
        action: Action,
        duplicate_of: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
        policy: &Policy,
        now: i64,
    ) -> Result<TriageOutcome, StoreError> {
        let mut tx = self.begin_write().await?;
        let outcome = triage_in(
            &mut tx,
            group,
            action,
            duplicate_of,
            note,
            actor,
            policy,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn delist(
        &self,
        key: &str,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let listed = delist_in(
            &mut tx,
            key,
            (reason, crate::feed_log::DELISTED),
            actor,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(listed)
    }

    async fn create_dispute(&self, dispute: &NewDispute) -> Result<Dispute, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = query::<S::Engine>(
            "INSERT INTO disputes (reference, key, reason, contact, state, created_at) \
             VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id",
        )
        .bind(dispute.reference.as_str())
        .bind(dispute.key.as_str())
        .bind(dispute.reason.as_str())
        .bind(dispute.contact.as_deref())
        .bind(dispute.created_at)
        .scalar(&mut *tx)
        .await
        .map_err(reference_insert_error)?;
        let public = Actor {
            key_id: None,
            role: "public".into(),
            ip: None,
        };
        let d = detail(&[("dispute", Some(&dispute.reference))]);
        let (key, at) = (Some(dispute.key.as_str()), dispute.created_at);
        audit::record(&mut tx, &public, "dispute.open", key, d.as_deref(), at).await?;
        tx.commit().await?;
        Ok(Dispute {
            id,
            reference: dispute.reference.clone(),
            key: dispute.key.clone(),
            reason: dispute.reason.clone(),
            contact: dispute.contact.clone(),
            state: DisputeState::Open,
            created_at: dispute.created_at,
            resolved_at: None,
            resolution: None,
        })
    }

    async fn disputes(
        &self,
        state: Option<DisputeState>,
        limit: u32,
    ) -> Result<Vec<Dispute>, StoreError> {
        let rows: Vec<DisputeRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{DISPUTE_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR state = CAST($1 AS TEXT)) \
             ORDER BY id DESC LIMIT $2"
        )))
        .bind(state.map(DisputeState::as_str))
        .bind(page(limit))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(dispute_from_row).collect()
    }

    async fn resolve_dispute(
        &self,
        id: i64,
        action: DisputeAction,
        note: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<(Dispute, bool), StoreError> {
        let mut tx = self.begin_write().await?;
        let out = resolve_dispute_in(&mut tx, id, action, note, actor, now).await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn expire_blocklist(
        &self,
        now: i64,
        policy: &Policy,
        actor: &Actor,
    ) -> Result<Expired, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut out = Expired::default();
        for severity in [Severity::Suspected, Severity::Confirmed] {
            let Some(cutoff) = reports::expiry_cutoff(severity, now, policy) else {
                continue;
            };
            let n =
                query::<S::Engine>("DELETE FROM blocklist WHERE severity = $1 AND last_seen < $2")
                    .bind(severity.as_str())
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?;
            match severity {
                Severity::Suspected => out.suspected = n,
                Severity::Confirmed => out.confirmed = n,
            }
        }
        if out.suspected + out.confirmed > 0 {
            crate::blocklist::bump_generation(&mut tx).await?;
            let (s, c) = (out.suspected.to_string(), out.confirmed.to_string());
            let d = detail(&[("suspected", Some(&s)), ("confirmed", Some(&c))]);
            audit::record(&mut tx, actor, "blocklist.expire", None, d.as_deref(), now).await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn reports_by_region(
        &self,
        region: Option<&str>,
        with_contacts: bool,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>, StoreError> {
        let contact = if with_contacts {
            "(SELECT c.detail FROM report_contacts AS c WHERE c.report_id = r.id)"
        } else {
            "CAST(NULL AS TEXT)"
        };
        let rows: Vec<ReportRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.reference, r.received_at, r.text, r.channel, r.region, \
             r.loss_amount, r.loss_asset, r.occurred_at, {contact} FROM reports AS r \
             WHERE (CAST($1 AS TEXT) IS NULL OR r.region = CAST($1 AS TEXT)) \
             AND (CAST($2 AS BIGINT) IS NULL OR r.id < CAST($2 AS BIGINT)) \
             ORDER BY r.id DESC LIMIT $3"
        )))
        .bind(region)
        .bind(before)
        .bind(page(limit))
        .fetch_all(self.read_pool())
        .await?;
        with_keys(self.read_pool(), rows).await
    }

    async fn reports_of_group(
        &self,
        group: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>, StoreError> {
        let rows: Vec<ReportRow> = query::<S::Engine>(
            "SELECT r.id, r.reference, r.received_at, r.text, r.channel, r.region, \
             r.loss_amount, r.loss_asset, r.occurred_at, CAST(NULL AS TEXT) \
             FROM report_indicators AS ri JOIN reports AS r ON r.id = ri.report_id \
             WHERE ri.group_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.id < CAST($2 AS BIGINT)) \
             ORDER BY r.id DESC LIMIT $3",
        )
        .bind(group)
        .bind(before)
        .bind(page(limit))
        .fetch_all(self.read_pool())
        .await?;
        with_keys(self.read_pool(), rows).await
    }

    async fn report_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<(i64, Vec<Group>)>, StoreError> {
        let received: Option<i64> =
            query::<S::Engine>("SELECT received_at FROM reports WHERE reference = $1")
                .bind(reference)
                .scalar_optional(self.read_pool())
                .await?;
        let Some(received) = received else {
            return Ok(None);
        };
        let rows: Vec<GroupRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} JOIN report_indicators AS ri ON ri.group_id = g.id \
             JOIN reports AS r ON r.id = ri.report_id WHERE r.reference = $1 ORDER BY g.id"
        )))
        .bind(reference)
        .fetch_all(self.read_pool())
        .await?;
        let groups = rows
            .into_iter()
            .map(group_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some((received, groups)))
    }

    async fn known_reporter(&self, candidates: &[[u8; 32]]) -> Result<Option<usize>, StoreError> {
        // A handful of keys at most: one indexed probe each, in the order of preference.
        for (i, reporter) in candidates.iter().enumerate() {
            let found: Option<i64> = query::<S::Engine>(
                "SELECT CAST(1 AS BIGINT) FROM reports WHERE reporter = $1 LIMIT 1",
            )
            .bind(&reporter[..])
            .scalar_optional(self.read_pool())
            .await?;
            if found.is_some() {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    async fn append_audit(
        &self,
        actor: &Actor,
        action: &str,
        target: Option<&str>,
        detail: Option<&str>,
        now: i64,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = audit::record(&mut tx, actor, action, target, detail, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn audit_log(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        audit::log(self.read_pool(), before, limit).await
    }

    async fn audit_of(
        &self,
        target: &str,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        audit::log_of(self.read_pool(), target, before, limit).await
    }
}

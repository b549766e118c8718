//! [`ReportStore`] on PostgreSQL: the same statements as on SQLite, in PostgreSQL's
//! dialect; every write is one transaction on the pool.

use std::collections::HashSet;

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Listing, Policy};
use sqlx::{Postgres, Transaction};

use crate::reports::{
    Actor, AuditRecord, AuditRow, BatchOutcome, Dispute, DisputeRow, Expired, Group, GroupRef,
    GroupRow, NewDispute, NewReport, QueueFilter, ReportRow, ReportStore, StoredReport,
    TriageOutcome, attach_keys, audit_from_row, detail, dispute_from_row, group_from_row, page,
    reference_insert_error, report_from_row,
};
use crate::{BlocklistRow, PgStore, StoreError};

type Tx = Transaction<'static, Postgres>;

const GROUP_SELECT: &str = "SELECT g.id, g.key, g.state, g.duplicate_of, g.official, \
     g.delisted, g.reports, g.reporters, g.first_seen, g.last_seen, b.severity \
     FROM report_groups AS g LEFT JOIN blocklist AS b ON b.key = g.key";

const DISPUTE_SELECT: &str = "SELECT id, reference, key, reason, contact, state, created_at, \
     resolved_at, resolution FROM disputes";

/// How a group's listing changed.
enum Change {
    None,
    Listed { new: bool },
    Unlisted,
}

async fn load_group(tx: &mut Tx, group: &GroupRef) -> Result<Option<Group>, StoreError> {
    let row: Option<GroupRow> = match group {
        GroupRef::Id(id) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{GROUP_SELECT} WHERE g.id = $1"
            )))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
        GroupRef::Key(key) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{GROUP_SELECT} WHERE g.key = $1"
            )))
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
        }
    };
    row.map(group_from_row).transpose()
}

async fn load_entry(tx: &mut Tx, key: &str) -> Result<Option<blocklist::Entry>, StoreError> {
    let row: Option<BlocklistRow> = sqlx::query_as(
        "SELECT key, severity, categories, report_count, first_seen, last_seen, sources \
         FROM blocklist WHERE key = $1",
    )
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| crate::RowDecoder::default().decode(r))
        .transpose()
}

/// Applies [`reports::decide`] to a group.
async fn apply_listing(
    tx: &mut Tx,
    group: &Group,
    policy: &Policy,
    now: i64,
) -> Result<Change, StoreError> {
    match reports::decide(&group.facts(), policy) {
        Listing::Unchanged => Ok(Change::None),
        Listing::Unlist => {
            let done = sqlx::query("DELETE FROM blocklist WHERE key = $1")
                .bind(&group.key)
                .execute(&mut **tx)
                .await?;
            Ok(if done.rows_affected() > 0 {
                Change::Unlisted
            } else {
                Change::None
            })
        }
        Listing::List(severity) => {
            let existing = load_entry(tx, &group.key).await?;
            let entry =
                reports::listed_entry(&group.key, existing.as_ref(), &group.facts(), severity);
            if existing.as_ref() == Some(&entry) {
                return Ok(Change::None);
            }
            let entries = [entry];
            crate::postgres::upsert_rows(tx, &crate::prepare_entries(&entries)?, now).await?;
            Ok(Change::Listed {
                new: existing.is_none(),
            })
        }
    }
}

pub(crate) async fn audit(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    target: Option<&str>,
    detail: Option<&str>,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO audit_log (at, key_id, role, action, target, detail, ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(now)
    .bind(actor.key_id)
    .bind(&actor.role)
    .bind(action)
    .bind(target)
    .bind(detail)
    .bind(actor.ip.as_deref())
    .fetch_one(&mut **tx)
    .await?)
}

/// Removes a listing and marks the group delisted, creating the group if needed.
async fn delist_in(
    tx: &mut Tx,
    key: &str,
    reason: &str,
    actor: &Actor,
    action: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM blocklist WHERE key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO report_groups (key, state, official, delisted, reports, reporters, \
         first_seen, last_seen, updated_at) VALUES ($1, 'new', FALSE, TRUE, 0, 0, $2, $2, $2) \
         ON CONFLICT (key) DO UPDATE SET delisted = TRUE, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let listed = done.rows_affected() > 0;
    let was = if listed { "true" } else { "false" };
    let d = detail(&[("reason", Some(reason)), ("was_listed", Some(was))]);
    audit(tx, actor, action, Some(key), d.as_deref(), now).await?;
    Ok(listed)
}

#[async_trait::async_trait]
impl ReportStore for PgStore {
    async fn insert_reports(
        &self,
        batch: &[NewReport],
        policy: &Policy,
    ) -> Result<BatchOutcome, StoreError> {
        let mut out = BatchOutcome::default();
        if batch.is_empty() {
            return Ok(out);
        }
        let mut tx = self.pool.begin().await?;
        let mut touched: Vec<i64> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        for r in batch {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO reports (reference, received_at, reporter, reporter_key, channel, \
                 region, loss_amount, loss_asset, occurred_at, text) \
                 VALUES ($1, $2, $3, $10, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(&r.reference)
            .bind(r.received_at)
            .bind(&r.reporter[..])
            .bind(r.channel.as_deref())
            .bind(r.region.as_deref())
            .bind(r.loss_amount.as_deref())
            .bind(r.loss_asset.as_deref())
            .bind(r.occurred_at)
            .bind(r.text.as_deref())
            .bind(i32::from(r.reporter_key))
            .fetch_one(&mut *tx)
            .await
            .map_err(reference_insert_error)?;
            if let Some(contact) = &r.contact {
                sqlx::query("INSERT INTO report_contacts (report_id, detail) VALUES ($1, $2)")
                    .bind(id)
                    .bind(contact)
                    .execute(&mut *tx)
                    .await?;
            }
            for ind in &r.indicators {
                let group: i64 = sqlx::query_scalar(
                    "INSERT INTO report_groups (key, state, official, delisted, reports, \
                     reporters, first_seen, last_seen, updated_at) \
                     VALUES ($1, 'new', $2, FALSE, 1, 0, $3, $3, $3) \
                     ON CONFLICT (key) DO UPDATE SET reports = report_groups.reports + 1, \
                     official = excluded.official, \
                     last_seen = GREATEST(report_groups.last_seen, excluded.last_seen), \
                     updated_at = excluded.updated_at RETURNING id",
                )
                .bind(&ind.key)
                .bind(ind.official)
                .bind(r.received_at)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO report_indicators (report_id, group_id, official) \
                     VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(group)
                .bind(ind.official)
                .execute(&mut *tx)
                .await?;
                // `xmax = 0`: the row was inserted, not updated.
                let new_reporter = if ind.votes {
                    sqlx::query_scalar::<_, bool>(
                        "INSERT INTO group_reporters (group_id, reporter, last_at, reporter_key) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, reporter) DO UPDATE \
                         SET last_at = GREATEST(group_reporters.last_at, excluded.last_at) \
                         RETURNING (xmax = 0)",
                    )
                    .bind(group)
                    .bind(&r.reporter[..])
                    .bind(r.received_at)
                    .bind(i32::from(r.reporter_key))
                    .fetch_one(&mut *tx)
                    .await?
                } else {
                    false
                };
                if new_reporter {
                    sqlx::query("UPDATE report_groups SET reporters = reporters + 1 WHERE id = $1")
                        .bind(group)
                        .execute(&mut *tx)
                        .await?;
                }
                if reports::is_takeover_alert(ind.official) {
                    out.alerts.push(ind.key.clone());
                }
                if seen.insert(group) {
                    touched.push(group);
                }
            }
            out.ids.push(id);
        }
        let now = batch.iter().map(|r| r.received_at).max().unwrap_or(0);
        for id in touched {
            let Some(mut group) = load_group(&mut tx, &GroupRef::Id(id)).await? else {
                continue;
            };
            if group.could_auto_list() {
                // Only reporters within the window count toward the threshold.
                group.reporters = sqlx::query_scalar::<_, i64>(
                    "SELECT count(*) FROM group_reporters WHERE group_id = $1 AND last_at >= $2",
                )
                .bind(id)
                .bind(now.saturating_sub(policy.window))
                .fetch_one(&mut *tx)
                .await?
                .try_into()
                .unwrap_or(u32::MAX);
            }
            match apply_listing(&mut tx, &group, policy, now).await? {
                Change::None => {}
                Change::Listed { new } => {
                    if new {
                        let reporters = group.reporters.to_string();
                        let d = detail(&[("reporters", Some(&reporters))]);
                        audit(
                            &mut tx,
                            &Actor::system(),
                            "blocklist.auto_list",
                            Some(&group.key),
                            d.as_deref(),
                            now,
                        )
                        .await?;
                    }
                    out.listed.push(group.key);
                }
                Change::Unlisted => {
                    audit(
                        &mut tx,
                        &Actor::system(),
                        "blocklist.unlist_official",
                        Some(&group.key),
                        None,
                        now,
                    )
                    .await?;
                    out.unlisted.push(group.key);
                }
            }
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn triage_queue(&self, filter: &QueueFilter) -> Result<Vec<Group>, StoreError> {
        let rows: Vec<GroupRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} WHERE ($1::text IS NULL OR g.state = $1) AND (NOT $2 OR g.official) \
             ORDER BY g.reporters DESC, g.last_seen DESC, g.id LIMIT $3 OFFSET $4"
        )))
        .bind(filter.state.map(|s| s.as_str()))
        .bind(filter.alerts_only)
        .bind(page(filter.limit))
        .bind(i64::from(filter.offset))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(group_from_row).collect()
    }

    async fn group(&self, group: &GroupRef) -> Result<Option<Group>, StoreError> {
        let row: Option<GroupRow> = match group {
            GroupRef::Id(id) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{GROUP_SELECT} WHERE g.id = $1"
                )))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
            }
            GroupRef::Key(key) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{GROUP_SELECT} WHERE g.key = $1"
                )))
                .bind(key)
                .fetch_optional(&self.pool)
                .await?
            }
        };
        row.map(group_from_row).transpose()
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
        let mut tx = self.pool.begin().await?;
        let g = load_group(&mut tx, group)
            .await?
            .ok_or(StoreError::NotFound)?;
        let to = reports::transition(g.state, action)
            .map_err(|e| StoreError::Conflict(e.to_string()))?;
        let duplicate_of = (action == Action::Duplicate)
            .then_some(duplicate_of)
            .flatten();
        let delisted = reports::delisted_after(action, g.delisted);
        sqlx::query(
            "UPDATE report_groups SET state = $1, duplicate_of = $2, delisted = $3, \
             updated_at = $4 WHERE id = $5",
        )
        .bind(to.as_str())
        .bind(duplicate_of)
        .bind(delisted)
        .bind(now)
        .bind(g.id)
        .execute(&mut *tx)
        .await?;
        let updated = load_group(&mut tx, &GroupRef::Id(g.id))
            .await?
            .ok_or(StoreError::NotFound)?;
        let change = apply_listing(&mut tx, &updated, policy, now).await?;
        let d = detail(&[
            ("from", Some(g.state.as_str())),
            ("to", Some(to.as_str())),
            ("duplicate_of", duplicate_of),
            ("note", note),
        ]);
        audit(
            &mut tx,
            actor,
            &format!("triage.{}", action.as_str()),
            Some(&g.key),
            d.as_deref(),
            now,
        )
        .await?;
        let group = load_group(&mut tx, &GroupRef::Id(g.id))
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(TriageOutcome {
            group,
            blocklist_changed: !matches!(change, Change::None),
        })
    }

    async fn delist(
        &self,
        key: &str,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let listed = delist_in(&mut tx, key, reason, actor, "blocklist.delist", now).await?;
        tx.commit().await?;
        Ok(listed)
    }

    async fn create_dispute(&self, dispute: &NewDispute) -> Result<Dispute, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO disputes (reference, key, reason, contact, state, created_at) \
             VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id",
        )
        .bind(&dispute.reference)
        .bind(&dispute.key)
        .bind(&dispute.reason)
        .bind(dispute.contact.as_deref())
        .bind(dispute.created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(reference_insert_error)?;
        let public = Actor {
            key_id: None,
            role: "public".into(),
            ip: None,
        };
        audit(
            &mut tx,
            &public,
            "dispute.open",
            Some(&dispute.key),
            detail(&[("dispute", Some(&dispute.reference))]).as_deref(),
            dispute.created_at,
        )
        .await?;
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
        let rows: Vec<DisputeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{DISPUTE_SELECT} WHERE ($1::text IS NULL OR state = $1) ORDER BY id DESC LIMIT $2"
        )))
        .bind(state.map(DisputeState::as_str))
        .bind(page(limit))
        .fetch_all(&self.pool)
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
        let mut tx = self.pool.begin().await?;
        let row: Option<DisputeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{DISPUTE_SELECT} WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let dispute = dispute_from_row(row.ok_or(StoreError::NotFound)?)?;
        let to = reports::dispute_transition(dispute.state, action)
            .map_err(|s| StoreError::Conflict(format!("the dispute is already {}", s.as_str())))?;
        sqlx::query(
            "UPDATE disputes SET state = $1, resolved_at = $2, resolution = $3 WHERE id = $4",
        )
        .bind(to.as_str())
        .bind(now)
        .bind(note)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let d = detail(&[("dispute", Some(&dispute.reference)), ("note", note)]);
        audit(
            &mut tx,
            actor,
            &format!("dispute.{}", action.as_str()),
            Some(&dispute.key),
            d.as_deref(),
            now,
        )
        .await?;
        let mut changed = false;
        if action == DisputeAction::Uphold {
            let reason = format!("dispute {} upheld", dispute.reference);
            changed = delist_in(
                &mut tx,
                &dispute.key,
                &reason,
                actor,
                "blocklist.delist",
                now,
            )
            .await?;
        }
        tx.commit().await?;
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

    async fn expire_blocklist(
        &self,
        now: i64,
        policy: &Policy,
        actor: &Actor,
    ) -> Result<Expired, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut out = Expired::default();
        for severity in [Severity::Suspected, Severity::Confirmed] {
            let Some(cutoff) = reports::expiry_cutoff(severity, now, policy) else {
                continue;
            };
            let n = sqlx::query("DELETE FROM blocklist WHERE severity = $1 AND last_seen < $2")
                .bind(severity.as_str())
                .bind(cutoff)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            match severity {
                Severity::Suspected => out.suspected = n,
                Severity::Confirmed => out.confirmed = n,
            }
        }
        if out.suspected + out.confirmed > 0 {
            let (s, c) = (out.suspected.to_string(), out.confirmed.to_string());
            let d = detail(&[("suspected", Some(&s)), ("confirmed", Some(&c))]);
            audit(&mut tx, actor, "blocklist.expire", None, d.as_deref(), now).await?;
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
            "NULL"
        };
        let rows: Vec<ReportRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.reference, r.received_at, r.text, r.channel, r.region, \
             r.loss_amount, r.loss_asset, r.occurred_at, {contact} FROM reports AS r \
             WHERE ($1::text IS NULL OR r.region = $1) AND ($2::int8 IS NULL OR r.id < $2) \
             ORDER BY r.id DESC LIMIT $3"
        )))
        .bind(region)
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.pool)
        .await?;
        self.with_keys(rows).await
    }

    async fn reports_of_group(
        &self,
        group: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>, StoreError> {
        let rows: Vec<ReportRow> = sqlx::query_as(
            "SELECT r.id, r.reference, r.received_at, r.text, r.channel, r.region, \
             r.loss_amount, r.loss_asset, r.occurred_at, NULL::text \
             FROM report_indicators AS ri JOIN reports AS r ON r.id = ri.report_id \
             WHERE ri.group_id = $1 AND ($2::int8 IS NULL OR r.id < $2) \
             ORDER BY r.id DESC LIMIT $3",
        )
        .bind(group)
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.pool)
        .await?;
        self.with_keys(rows).await
    }

    async fn report_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<(i64, Vec<Group>)>, StoreError> {
        let received: Option<i64> =
            sqlx::query_scalar("SELECT received_at FROM reports WHERE reference = $1")
                .bind(reference)
                .fetch_optional(&self.pool)
                .await?;
        let Some(received) = received else {
            return Ok(None);
        };
        let rows: Vec<GroupRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} JOIN report_indicators AS ri ON ri.group_id = g.id \
             JOIN reports AS r ON r.id = ri.report_id WHERE r.reference = $1 ORDER BY g.id"
        )))
        .bind(reference)
        .fetch_all(&self.pool)
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
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1::BIGINT FROM reports WHERE reporter = $1 LIMIT 1")
                    .bind(&reporter[..])
                    .fetch_optional(&self.pool)
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
        let mut tx = self.pool.begin().await?;
        let id = audit(&mut tx, actor, action, target, detail, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn audit_log(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, key_id, role, action, target, detail, ip FROM audit_log \
             WHERE ($1::int8 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(audit_from_row).collect())
    }
}

impl PgStore {
    /// Reports from their rows, each with the indicator keys it was filed under (one
    /// query over the page's id range).
    async fn with_keys(&self, rows: Vec<ReportRow>) -> Result<Vec<StoredReport>, StoreError> {
        let mut out: Vec<StoredReport> = rows.into_iter().map(report_from_row).collect();
        let (Some(low), Some(high)) = (out.last().map(|r| r.id), out.first().map(|r| r.id)) else {
            return Ok(out);
        };
        let keys: Vec<(i64, String)> = sqlx::query_as(
            "SELECT ri.report_id, g.key FROM report_indicators AS ri \
             JOIN report_groups AS g ON g.id = ri.group_id \
             WHERE ri.report_id BETWEEN $1 AND $2 ORDER BY ri.report_id, g.key",
        )
        .bind(low)
        .bind(high)
        .fetch_all(&self.pool)
        .await?;
        attach_keys(&mut out, keys);
        Ok(out)
    }
}

//! [`ReportStore`] on SQLite. Every write runs on the single writer connection in a
//! `BEGIN IMMEDIATE` transaction (see the crate documentation).

use std::collections::{HashMap, HashSet};

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Listing, Policy};
use sqlx::{Sqlite, Transaction};

use crate::reports::{
    Actor, AuditRecord, AuditRow, BatchOutcome, Dispute, DisputeRow, Expired, Group, GroupRef,
    GroupRow, NewDispute, NewReport, QueueFilter, ReportRow, ReportStore, StoredReport,
    TriageOutcome, attach_keys, audit_from_row, detail, dispute_from_row, group_from_row, page,
    reference_insert_error, report_from_row,
};
use crate::{BlocklistRow, SqliteStore, StoreError};

type Tx = Transaction<'static, Sqlite>;

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
                "{GROUP_SELECT} WHERE g.id = ?1"
            )))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
        GroupRef::Key(key) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{GROUP_SELECT} WHERE g.key = ?1"
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
         FROM blocklist WHERE key = ?1",
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
            let done = sqlx::query("DELETE FROM blocklist WHERE key = ?1")
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
            crate::sqlite::upsert_rows(tx, crate::prepare_entries(&entries)?, now).await?;
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
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
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
    let done = sqlx::query("DELETE FROM blocklist WHERE key = ?1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO report_groups (key, state, official, delisted, reports, reporters, \
         first_seen, last_seen, updated_at) VALUES (?1, 'new', 0, 1, 0, 0, ?2, ?2, ?2) \
         ON CONFLICT (key) DO UPDATE SET delisted = 1, updated_at = excluded.updated_at",
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

/// Rows per multi-row statement of a batch: at most 9 parameters a row, well under
/// SQLite's 32,766 parameters a statement.
const BATCH_CHUNK: usize = 500;

/// `INSERT … VALUES (row),(row)… tail` with `rows` copies of `row`.
fn multi_row(head: &str, row: &str, rows: usize, tail: &str) -> String {
    let mut sql = String::with_capacity(head.len() + tail.len() + rows * (row.len() + 1));
    sql.push_str(head);
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(row);
    }
    sql.push_str(tail);
    sql
}

/// What a batch does to one group.
struct GroupDelta<'a> {
    key: &'a str,
    official: bool,
    reports: i64,
    first: i64,
    last: i64,
}

/// Stores a batch with a handful of multi-row statements, whatever its size: each
/// statement is a round trip to SQLite's worker thread, so per-row statements would
/// cost more than the rows themselves.
async fn insert_batch(
    tx: &mut Tx,
    batch: &[NewReport],
    policy: &Policy,
) -> Result<BatchOutcome, StoreError> {
    let mut out = BatchOutcome::default();
    // 1. Reports; ids come back with their reference (RETURNING order is unspecified).
    let position: HashMap<&str, usize> = batch
        .iter()
        .enumerate()
        .map(|(i, r)| (r.reference.as_str(), i))
        .collect();
    let mut ids: Vec<Option<i64>> = vec![None; batch.len()];
    for chunk in batch.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "INSERT INTO reports (reference, received_at, reporter, reporter_key, channel, \
             region, loss_amount, loss_asset, occurred_at, text) VALUES ",
            "(?,?,?,?,?,?,?,?,?,?)",
            chunk.len(),
            " RETURNING id, reference",
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(&r.reference)
                .bind(r.received_at)
                .bind(&r.reporter[..])
                .bind(i64::from(r.reporter_key))
                .bind(r.channel.as_deref())
                .bind(r.region.as_deref())
                .bind(r.loss_amount.as_deref())
                .bind(r.loss_asset.as_deref())
                .bind(r.occurred_at)
                .bind(r.text.as_deref());
        }
        let rows = q
            .fetch_all(&mut **tx)
            .await
            .map_err(reference_insert_error)?;
        for (id, reference) in rows {
            if let Some(&i) = position.get(reference.as_str()) {
                ids[i] = Some(id);
            }
        }
    }
    out.ids = ids
        .into_iter()
        .collect::<Option<Vec<i64>>>()
        .ok_or_else(|| StoreError::Corrupt("reports: a report got no id".into()))?;
    // 2. Contacts.
    let contacts: Vec<(i64, &str)> = batch
        .iter()
        .zip(&out.ids)
        .filter_map(|(r, id)| r.contact.as_deref().map(|c| (*id, c)))
        .collect();
    for chunk in contacts.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "INSERT INTO report_contacts (report_id, detail) VALUES ",
            "(?,?)",
            chunk.len(),
            "",
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, detail) in chunk {
            q = q.bind(id).bind(*detail);
        }
        q.execute(&mut **tx).await?;
    }
    // 3. Groups: one upsert row per distinct key, with the batch's counts.
    let mut deltas: Vec<GroupDelta<'_>> = Vec::new();
    let mut delta_of: HashMap<&str, usize> = HashMap::new();
    for r in batch {
        for ind in &r.indicators {
            match delta_of.get(ind.key.as_str()) {
                Some(&i) => {
                    let d = &mut deltas[i];
                    d.official = ind.official;
                    d.reports += 1;
                    d.first = d.first.min(r.received_at);
                    d.last = d.last.max(r.received_at);
                }
                None => {
                    delta_of.insert(&ind.key, deltas.len());
                    deltas.push(GroupDelta {
                        key: &ind.key,
                        official: ind.official,
                        reports: 1,
                        first: r.received_at,
                        last: r.received_at,
                    });
                }
            }
            if reports::is_takeover_alert(ind.official) {
                out.alerts.push(ind.key.clone());
            }
        }
    }
    let mut group_ids: HashMap<String, i64> = HashMap::with_capacity(deltas.len());
    for chunk in deltas.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "INSERT INTO report_groups (key, state, official, delisted, reports, reporters, \
             first_seen, last_seen, updated_at) VALUES ",
            "(?,'new',?,0,?,0,?,?,?)",
            chunk.len(),
            " ON CONFLICT (key) DO UPDATE SET \
             reports = report_groups.reports + excluded.reports, \
             official = excluded.official, \
             last_seen = max(report_groups.last_seen, excluded.last_seen), \
             updated_at = excluded.updated_at RETURNING id, key",
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for d in chunk {
            q = q
                .bind(d.key)
                .bind(d.official)
                .bind(d.reports)
                .bind(d.first)
                .bind(d.last)
                .bind(d.last);
        }
        for (id, key) in q.fetch_all(&mut **tx).await? {
            group_ids.insert(key, id);
        }
    }
    let group_of = |key: &str| -> Result<i64, StoreError> {
        group_ids
            .get(key)
            .copied()
            .ok_or_else(|| StoreError::Corrupt("report_groups: a group got no id".into()))
    };
    // 4. Report indicators, and the distinct (group, reporter) pairs of the batch that
    //    vote, with the latest time of each.
    let mut links: Vec<(i64, i64, bool)> = Vec::new();
    let mut pairs: Vec<(i64, &[u8], i64, u16)> = Vec::new();
    let mut pair_of: HashMap<(i64, &[u8]), usize> = HashMap::new();
    for (r, id) in batch.iter().zip(&out.ids) {
        for ind in &r.indicators {
            let group = group_of(&ind.key)?;
            links.push((*id, group, ind.official));
            if !ind.votes {
                continue;
            }
            match pair_of.get(&(group, &r.reporter[..])) {
                Some(&i) => pairs[i].2 = pairs[i].2.max(r.received_at),
                None => {
                    pair_of.insert((group, &r.reporter[..]), pairs.len());
                    pairs.push((group, &r.reporter[..], r.received_at, r.reporter_key));
                }
            }
        }
    }
    for chunk in links.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "INSERT INTO report_indicators (report_id, group_id, official) VALUES ",
            "(?,?,?)",
            chunk.len(),
            "",
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (report, group, official) in chunk {
            q = q.bind(report).bind(group).bind(official);
        }
        q.execute(&mut **tx).await?;
    }
    // 5. New reporters per group: the pairs actually inserted come back; the others
    //    were there already and get their latest time.
    let mut new_reporters: HashMap<i64, i64> = HashMap::new();
    let mut inserted: HashSet<(i64, Vec<u8>)> = HashSet::new();
    for chunk in pairs.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "INSERT INTO group_reporters (group_id, reporter, last_at, reporter_key) VALUES ",
            "(?,?,?,?)",
            chunk.len(),
            " ON CONFLICT DO NOTHING RETURNING group_id, reporter",
        );
        let mut q = sqlx::query_as::<_, (i64, Vec<u8>)>(sqlx::AssertSqlSafe(sql));
        for (group, reporter, at, key) in chunk {
            q = q.bind(group).bind(*reporter).bind(at).bind(i64::from(*key));
        }
        for (group, reporter) in q.fetch_all(&mut **tx).await? {
            *new_reporters.entry(group).or_default() += 1;
            inserted.insert((group, reporter));
        }
    }
    for (group, reporter, at, _) in &pairs {
        if !inserted.contains(&(*group, reporter.to_vec())) {
            sqlx::query(
                "UPDATE group_reporters SET last_at = max(last_at, ?3) \
                 WHERE group_id = ?1 AND reporter = ?2",
            )
            .bind(group)
            .bind(*reporter)
            .bind(at)
            .execute(&mut **tx)
            .await?;
        }
    }
    let increments: Vec<(i64, i64)> = new_reporters.into_iter().collect();
    for chunk in increments.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            "WITH new (id, n) AS (VALUES ",
            "(?,?)",
            chunk.len(),
            ") UPDATE report_groups SET reporters = reporters + \
             (SELECT n FROM new WHERE new.id = report_groups.id) \
             WHERE id IN (SELECT id FROM new)",
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (group, n) in chunk {
            q = q.bind(group).bind(n);
        }
        q.execute(&mut **tx).await?;
    }
    // 6. The listing of every group touched, in the order first named.
    let touched: Vec<i64> = deltas
        .iter()
        .map(|d| group_of(d.key))
        .collect::<Result<_, _>>()?;
    let mut groups: HashMap<i64, Group> = HashMap::with_capacity(touched.len());
    for chunk in touched.chunks(BATCH_CHUNK) {
        let sql = multi_row(
            &format!("{GROUP_SELECT} WHERE g.id IN ("),
            "?",
            chunk.len(),
            ")",
        );
        let mut q = sqlx::query_as::<_, GroupRow>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(id);
        }
        for row in q.fetch_all(&mut **tx).await? {
            let g = group_from_row(row)?;
            groups.insert(g.id, g);
        }
    }
    let now = batch.iter().map(|r| r.received_at).max().unwrap_or(0);
    for id in touched {
        let Some(mut group) = groups.remove(&id) else {
            continue;
        };
        if group.could_auto_list() {
            // Only reporters within the window count toward the threshold.
            group.reporters = sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM group_reporters WHERE group_id = ?1 AND last_at >= ?2",
            )
            .bind(id)
            .bind(now.saturating_sub(policy.window))
            .fetch_one(&mut **tx)
            .await?
            .try_into()
            .unwrap_or(u32::MAX);
        }
        if reports::decide(&group.facts(), policy) == Listing::Unchanged {
            continue;
        }
        match apply_listing(tx, &group, policy, now).await? {
            Change::None => {}
            Change::Listed { new } => {
                if new {
                    let reporters = group.reporters.to_string();
                    let d = detail(&[("reporters", Some(&reporters))]);
                    audit(
                        tx,
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
                    tx,
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
    Ok(out)
}

#[async_trait::async_trait]
impl ReportStore for SqliteStore {
    async fn insert_reports(
        &self,
        batch: &[NewReport],
        policy: &Policy,
    ) -> Result<BatchOutcome, StoreError> {
        if batch.is_empty() {
            return Ok(BatchOutcome::default());
        }
        let mut tx = self.begin_write().await?;
        let out = insert_batch(&mut tx, batch, policy).await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn triage_queue(&self, filter: &QueueFilter) -> Result<Vec<Group>, StoreError> {
        let rows: Vec<GroupRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} WHERE (?1 IS NULL OR g.state = ?1) AND (?2 = 0 OR g.official = 1) \
             ORDER BY g.reporters DESC, g.last_seen DESC, g.id LIMIT ?3 OFFSET ?4"
        )))
        .bind(filter.state.map(|s| s.as_str()))
        .bind(filter.alerts_only)
        .bind(page(filter.limit))
        .bind(i64::from(filter.offset))
        .fetch_all(&self.read)
        .await?;
        rows.into_iter().map(group_from_row).collect()
    }

    async fn group(&self, group: &GroupRef) -> Result<Option<Group>, StoreError> {
        let row: Option<GroupRow> = match group {
            GroupRef::Id(id) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{GROUP_SELECT} WHERE g.id = ?1"
                )))
                .bind(id)
                .fetch_optional(&self.read)
                .await?
            }
            GroupRef::Key(key) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{GROUP_SELECT} WHERE g.key = ?1"
                )))
                .bind(key)
                .fetch_optional(&self.read)
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
        let mut tx = self.begin_write().await?;
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
            "UPDATE report_groups SET state = ?1, duplicate_of = ?2, delisted = ?3, \
             updated_at = ?4 WHERE id = ?5",
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
        let mut tx = self.begin_write().await?;
        let listed = delist_in(&mut tx, key, reason, actor, "blocklist.delist", now).await?;
        tx.commit().await?;
        Ok(listed)
    }

    async fn create_dispute(&self, dispute: &NewDispute) -> Result<Dispute, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO disputes (reference, key, reason, contact, state, created_at) \
             VALUES (?1, ?2, ?3, ?4, 'open', ?5) RETURNING id",
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
            "{DISPUTE_SELECT} WHERE (?1 IS NULL OR state = ?1) ORDER BY id DESC LIMIT ?2"
        )))
        .bind(state.map(DisputeState::as_str))
        .bind(page(limit))
        .fetch_all(&self.read)
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
        let row: Option<DisputeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{DISPUTE_SELECT} WHERE id = ?1"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let dispute = dispute_from_row(row.ok_or(StoreError::NotFound)?)?;
        let to = reports::dispute_transition(dispute.state, action)
            .map_err(|s| StoreError::Conflict(format!("the dispute is already {}", s.as_str())))?;
        sqlx::query(
            "UPDATE disputes SET state = ?1, resolved_at = ?2, resolution = ?3 WHERE id = ?4",
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
        let mut tx = self.begin_write().await?;
        let mut out = Expired::default();
        for severity in [Severity::Suspected, Severity::Confirmed] {
            let Some(cutoff) = reports::expiry_cutoff(severity, now, policy) else {
                continue;
            };
            let n = sqlx::query("DELETE FROM blocklist WHERE severity = ?1 AND last_seen < ?2")
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
             WHERE (?1 IS NULL OR r.region = ?1) AND (?2 IS NULL OR r.id < ?2) \
             ORDER BY r.id DESC LIMIT ?3"
        )))
        .bind(region)
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.read)
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
             r.loss_amount, r.loss_asset, r.occurred_at, NULL \
             FROM report_indicators AS ri JOIN reports AS r ON r.id = ri.report_id \
             WHERE ri.group_id = ?1 AND (?2 IS NULL OR r.id < ?2) \
             ORDER BY r.id DESC LIMIT ?3",
        )
        .bind(group)
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.read)
        .await?;
        self.with_keys(rows).await
    }

    async fn report_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<(i64, Vec<Group>)>, StoreError> {
        let received: Option<i64> =
            sqlx::query_scalar("SELECT received_at FROM reports WHERE reference = ?1")
                .bind(reference)
                .fetch_optional(&self.read)
                .await?;
        let Some(received) = received else {
            return Ok(None);
        };
        let rows: Vec<GroupRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} JOIN report_indicators AS ri ON ri.group_id = g.id \
             JOIN reports AS r ON r.id = ri.report_id WHERE r.reference = ?1 ORDER BY g.id"
        )))
        .bind(reference)
        .fetch_all(&self.read)
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
                sqlx::query_scalar("SELECT 1 FROM reports WHERE reporter = ?1 LIMIT 1")
                    .bind(&reporter[..])
                    .fetch_optional(&self.read)
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
             WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2",
        )
        .bind(before)
        .bind(page(limit))
        .fetch_all(&self.read)
        .await?;
        Ok(rows.into_iter().map(audit_from_row).collect())
    }
}

impl SqliteStore {
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
             WHERE ri.report_id BETWEEN ?1 AND ?2 ORDER BY ri.report_id, g.key",
        )
        .bind(low)
        .bind(high)
        .fetch_all(&self.read)
        .await?;
        attach_keys(&mut out, keys);
        Ok(out)
    }
}

//! Storing a batch of reports: one algorithm on both engines. A batch is a handful of
//! multi-row statements whatever its size (reports, contacts, groups, links, reporters,
//! counts, then the listing of each group touched): on SQLite each statement is a round
//! trip to sqlx's worker thread, on PostgreSQL one to the server, so statements per row
//! would cost more than the rows themselves.

use std::collections::{HashMap, HashSet};

use reports::{Listing, Policy};

use super::lifecycle::{Change, apply_listing};
use super::{
    Actor, BatchOutcome, GROUP_SELECT, Group, GroupRow, NewReport, detail, group_from_row,
    reference_insert_error,
};
use crate::StoreError;
use crate::engine::{Engine, Tx, multi_row, query, rows_per_statement};
use crate::webhooks::{self, EventData, EventType, NewEvent, Outbox};

/// What a batch does to one group.
struct GroupDelta<'a> {
    key: &'a str,
    official: bool,
    reports: i64,
    first: i64,
    last: i64,
}

/// A reporter's vote for a group in this batch: `(group, reporter, latest time, key id)`.
type Vote<'a> = (i64, &'a [u8], i64, u16);

/// Stores a batch in `tx` and applies [`reports::decide`] to every group it touched.
pub(super) async fn insert_batch<E: Engine>(
    tx: &mut Tx<E>,
    batch: &[NewReport],
    policy: &Policy,
) -> Result<BatchOutcome, StoreError> {
    let mut out = BatchOutcome {
        ids: insert_reports(tx, batch).await?,
        ..BatchOutcome::default()
    };
    insert_contacts(tx, batch, &out.ids).await?;
    // Groups: one upsert row per distinct key, with the batch's counts.
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
    let group_ids = upsert_groups(tx, &deltas).await?;
    let group_of = |key: &str| -> Result<i64, StoreError> {
        group_ids
            .get(key)
            .copied()
            .ok_or_else(|| StoreError::Corrupt("report_groups: a group got no id".into()))
    };
    // Report indicators, and the distinct (group, reporter) pairs of the batch that
    // vote, with the latest time of each.
    let mut links: Vec<(i64, i64, bool)> = Vec::new();
    let mut votes: Vec<Vote<'_>> = Vec::new();
    let mut vote_of: HashMap<(i64, &[u8]), usize> = HashMap::new();
    for (r, id) in batch.iter().zip(&out.ids) {
        for ind in &r.indicators {
            let group = group_of(&ind.key)?;
            links.push((*id, group, ind.official));
            if !ind.votes {
                continue;
            }
            match vote_of.get(&(group, &r.reporter[..])) {
                Some(&i) => votes[i].2 = votes[i].2.max(r.received_at),
                None => {
                    vote_of.insert((group, &r.reporter[..]), votes.len());
                    votes.push((group, &r.reporter[..], r.received_at, r.reporter_key));
                }
            }
        }
    }
    for chunk in links.chunks(rows_per_statement::<E>(3)) {
        let sql = multi_row::<E>(
            "INSERT INTO report_indicators (report_id, group_id, official) VALUES ",
            "(?,?,?)",
            chunk.len(),
            "",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (report, group, official) in chunk {
            q = q.bind(*report).bind(*group).bind(*official);
        }
        q.execute(&mut **tx).await?;
    }
    record_votes(tx, &votes).await?;
    // The listing of every group touched, in the order first named.
    let touched: Vec<i64> = deltas
        .iter()
        .map(|d| group_of(d.key))
        .collect::<Result<_, _>>()?;
    let now = batch.iter().map(|r| r.received_at).max().unwrap_or(0);
    let mut outbox = Outbox::load(tx).await?;
    let mut groups = load_groups(tx, &touched).await?;
    for id in touched {
        let Some(mut group) = groups.remove(&id) else {
            continue;
        };
        if group.could_auto_list() {
            // Only reporters within the window count toward the threshold.
            group.reporters = query::<E>(
                "SELECT count(*) FROM group_reporters WHERE group_id = $1 AND last_at >= $2",
            )
            .bind(id)
            .bind(now.saturating_sub(policy.window))
            .scalar::<i64>(&mut **tx)
            .await?
            .try_into()
            .unwrap_or(u32::MAX);
        }
        let decision = reports::decide(&group.facts(), policy);
        if decision == Listing::Unchanged {
            continue;
        }
        match apply_listing(tx, &group, policy, now).await? {
            Change::None => {}
            Change::Listed { new } => {
                if new {
                    let reporters = group.reporters.to_string();
                    let d = detail(&[("reporters", Some(&reporters))]);
                    let system = Actor::system();
                    let action = "blocklist.auto_list";
                    crate::audit::record(tx, &system, action, Some(&group.key), d.as_deref(), now)
                        .await?;
                    if let Listing::List(severity) = decision {
                        group.listed = Some(severity);
                    }
                    let kinds = [(EventType::ListingCreated, None)];
                    webhooks::announce(&mut outbox, tx, &group.key, Some(&group), &kinds).await?;
                }
                out.listed.push(group.key);
            }
            Change::Unlisted => {
                let action = "blocklist.unlist_official";
                crate::audit::record(tx, &Actor::system(), action, Some(&group.key), None, now)
                    .await?;
                group.listed = None;
                let kinds = [(EventType::ListingDelisted, Some("official channel"))];
                webhooks::announce(&mut outbox, tx, &group.key, Some(&group), &kinds).await?;
                out.unlisted.push(group.key);
            }
        }
    }
    announce_reports(&mut outbox, batch, &out.alerts);
    outbox.flush(tx, now).await?;
    Ok(out)
}

/// Queues the takeover alerts (one per official channel of the batch, with the
/// regions of the batch's reports naming it) and the urgent reports: a victim who
/// states a loss, gives a region and consents to be contacted (the contact itself is
/// never in the event; the partner reads it through the API, audited).
fn announce_reports(outbox: &mut Outbox, batch: &[NewReport], alerts: &[String]) {
    if outbox.wants(EventType::TakeoverAlert) {
        let mut seen: HashSet<&str> = HashSet::new();
        for key in alerts {
            if !seen.insert(key) {
                continue;
            }
            let mut regions: Vec<String> = batch
                .iter()
                .filter(|r| r.indicators.iter().any(|i| &i.key == key))
                .filter_map(|r| r.region.clone())
                .collect();
            regions.sort();
            regions.dedup();
            outbox.push(NewEvent {
                kind: EventType::TakeoverAlert,
                subject: key.clone(),
                data: EventData {
                    indicator: Some(key.clone()),
                    regions,
                    ..EventData::default()
                },
            });
        }
    }
    if outbox.wants(EventType::ReportUrgent) {
        for r in batch {
            let (Some(region), Some(_), Some(loss)) = (&r.region, &r.contact, &r.loss_amount)
            else {
                continue;
            };
            outbox.push(NewEvent {
                kind: EventType::ReportUrgent,
                subject: format!("report:{}", r.reference),
                data: EventData {
                    regions: vec![region.clone()],
                    report: Some(r.reference.clone()),
                    indicators: r.indicators.iter().map(|i| i.key.clone()).collect(),
                    channel: r.channel.clone(),
                    loss_amount: Some(loss.clone()),
                    loss_asset: r.loss_asset.clone(),
                    ..EventData::default()
                },
            });
        }
    }
}

/// Inserts the reports; returns their ids in batch order. The ids come back with their
/// reference, since the order of `RETURNING` rows is unspecified.
async fn insert_reports<E: Engine>(
    tx: &mut Tx<E>,
    batch: &[NewReport],
) -> Result<Vec<i64>, StoreError> {
    let position: HashMap<&str, usize> = batch
        .iter()
        .enumerate()
        .map(|(i, r)| (r.reference.as_str(), i))
        .collect();
    let mut ids: Vec<Option<i64>> = vec![None; batch.len()];
    for chunk in batch.chunks(rows_per_statement::<E>(10)) {
        let sql = multi_row::<E>(
            "INSERT INTO reports (reference, received_at, reporter, reporter_key, channel, \
             region, loss_amount, loss_asset, occurred_at, text) VALUES ",
            "(?,?,?,?,?,?,?,?,?,?)",
            chunk.len(),
            " RETURNING id, reference",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(r.reference.as_str())
                .bind(r.received_at)
                .bind(&r.reporter[..])
                // INTEGER on PostgreSQL: bound as 32 bits.
                .bind(i32::from(r.reporter_key))
                .bind(r.channel.as_deref())
                .bind(r.region.as_deref())
                .bind(r.loss_amount.as_deref())
                .bind(r.loss_asset.as_deref())
                .bind(r.occurred_at)
                .bind(r.text.as_deref());
        }
        let rows: Vec<(i64, String)> = q
            .fetch_all(&mut **tx)
            .await
            .map_err(reference_insert_error)?;
        for (id, reference) in rows {
            if let Some(&i) = position.get(reference.as_str()) {
                ids[i] = Some(id);
            }
        }
    }
    ids.into_iter()
        .collect::<Option<Vec<i64>>>()
        .ok_or_else(|| StoreError::Corrupt("reports: a report got no id".into()))
}

/// Stores the contacts given with consent.
async fn insert_contacts<E: Engine>(
    tx: &mut Tx<E>,
    batch: &[NewReport],
    ids: &[i64],
) -> Result<(), StoreError> {
    let contacts: Vec<(i64, &str)> = batch
        .iter()
        .zip(ids)
        .filter_map(|(r, id)| r.contact.as_deref().map(|c| (*id, c)))
        .collect();
    for chunk in contacts.chunks(rows_per_statement::<E>(2)) {
        let sql = multi_row::<E>(
            "INSERT INTO report_contacts (report_id, detail) VALUES ",
            "(?,?)",
            chunk.len(),
            "",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (id, detail) in chunk {
            q = q.bind(*id).bind(*detail);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Creates or updates one group per delta; returns the id of each key.
async fn upsert_groups<E: Engine>(
    tx: &mut Tx<E>,
    deltas: &[GroupDelta<'_>],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(deltas.len());
    for chunk in deltas.chunks(rows_per_statement::<E>(6)) {
        let sql = multi_row::<E>(
            "INSERT INTO report_groups (key, state, official, delisted, reports, reporters, \
             first_seen, last_seen, updated_at) VALUES ",
            "(?,'new',?,FALSE,?,0,?,?,?)",
            chunk.len(),
            " ON CONFLICT (key) DO UPDATE SET \
             reports = report_groups.reports + excluded.reports, \
             official = excluded.official, \
             last_seen = CASE WHEN excluded.last_seen > report_groups.last_seen \
             THEN excluded.last_seen ELSE report_groups.last_seen END, \
             updated_at = excluded.updated_at RETURNING id, key",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for d in chunk {
            q = q
                .bind(d.key)
                .bind(d.official)
                .bind(d.reports)
                .bind(d.first)
                .bind(d.last)
                .bind(d.last);
        }
        for (id, key) in q.fetch_all::<(i64, String)>(&mut **tx).await? {
            ids.insert(key, id);
        }
    }
    Ok(ids)
}

/// Records the votes: a new (group, reporter) pair counts one more reporter for the
/// group; a known one only moves its latest time.
async fn record_votes<E: Engine>(tx: &mut Tx<E>, votes: &[Vote<'_>]) -> Result<(), StoreError> {
    // The pairs actually inserted come back; the others were there already.
    let mut new_reporters: HashMap<i64, i64> = HashMap::new();
    let mut inserted: HashSet<(i64, Vec<u8>)> = HashSet::new();
    for chunk in votes.chunks(rows_per_statement::<E>(4)) {
        let sql = multi_row::<E>(
            "INSERT INTO group_reporters (group_id, reporter, last_at, reporter_key) VALUES ",
            "(?,?,?,?)",
            chunk.len(),
            " ON CONFLICT DO NOTHING RETURNING group_id, reporter",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (group, reporter, at, key) in chunk {
            q = q
                .bind(*group)
                .bind(*reporter)
                .bind(*at)
                .bind(i32::from(*key));
        }
        for (group, reporter) in q.fetch_all::<(i64, Vec<u8>)>(&mut **tx).await? {
            *new_reporters.entry(group).or_default() += 1;
            inserted.insert((group, reporter));
        }
    }
    for (group, reporter, at, _) in votes {
        if !inserted.contains(&(*group, reporter.to_vec())) {
            query::<E>(
                "UPDATE group_reporters SET last_at = \
                 CASE WHEN last_at > $3 THEN last_at ELSE $3 END \
                 WHERE group_id = $1 AND reporter = $2",
            )
            .bind(*group)
            .bind(*reporter)
            .bind(*at)
            .execute(&mut **tx)
            .await?;
        }
    }
    let increments: Vec<(i64, i64)> = new_reporters.into_iter().collect();
    for chunk in increments.chunks(rows_per_statement::<E>(2)) {
        let sql = multi_row::<E>(
            "WITH new (id, n) AS (VALUES ",
            "(CAST(? AS BIGINT),CAST(? AS BIGINT))",
            chunk.len(),
            ") UPDATE report_groups SET reporters = reporters + \
             (SELECT n FROM new WHERE new.id = report_groups.id) \
             WHERE id IN (SELECT id FROM new)",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (group, n) in chunk {
            q = q.bind(*group).bind(*n);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The groups with these ids.
async fn load_groups<E: Engine>(
    tx: &mut Tx<E>,
    ids: &[i64],
) -> Result<HashMap<i64, Group>, StoreError> {
    let mut groups: HashMap<i64, Group> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(rows_per_statement::<E>(1)) {
        let sql = multi_row::<E>(
            &format!("{GROUP_SELECT} WHERE g.id IN ("),
            "?",
            chunk.len(),
            ")",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for row in q.fetch_all::<GroupRow>(&mut **tx).await? {
            let g = group_from_row(row)?;
            groups.insert(g.id, g);
        }
    }
    Ok(groups)
}

//! The blocklist of reported-scam indicators: the row codec, the bulk upsert, deletes,
//! the feed merge, key-ordered pages and the change counter, written once for both
//! engines (the bulk upsert itself is [`Engine::upsert_rows`], whose SQL differs).

use std::collections::HashMap;

use futures_util::TryStreamExt;

use crate::engine::{Engine, Tx, multi_row, query, rows_per_statement};
use crate::{BLOCKLIST_GENERATION, StoreError, UpsertCounts};

/// The columns of a blocklist entry, in the order of [`BlocklistRow`].
pub(crate) const COLUMNS: &str =
    "key, severity, categories, report_count, first_seen, last_seen, sources";

/// Columns of a `blocklist` row as read by both engines:
/// `key, severity, categories, report_count, first_seen, last_seen, sources`.
pub(crate) type BlocklistRow = (String, String, String, i64, i64, i64, String);

/// The part of a key that names its kind (`"domain"` of `"domain:evil.io"`), safe to
/// put in an error message: the rest may be personal data.
fn key_kind(key: &str) -> &str {
    key.split_once(':').map_or("(none)", |(kind, _)| kind)
}

/// Decodes blocklist rows, reusing the last parsed category and source lists (feeds
/// repeat the same few).
#[derive(Default)]
pub(crate) struct RowDecoder {
    categories: ListCache,
    sources: ListCache,
}

impl RowDecoder {
    pub(crate) fn decode(&mut self, row: BlocklistRow) -> Result<blocklist::Entry, StoreError> {
        let (key, severity, categories, report_count, first_seen, last_seen, sources) = row;
        let corrupt = |column: &str| {
            StoreError::Corrupt(format!(
                "blocklist: an entry of kind {:?} has an invalid `{column}` column",
                key_kind(&key)
            ))
        };
        let severity = blocklist::Severity::parse(&severity).ok_or_else(|| corrupt("severity"))?;
        let categories = self
            .categories
            .parse(categories)
            .ok_or_else(|| corrupt("categories"))?;
        let sources = self
            .sources
            .parse(sources)
            .ok_or_else(|| corrupt("sources"))?;
        let report_count = u32::try_from(report_count).map_err(|_| corrupt("report_count"))?;
        Ok(blocklist::Entry {
            key,
            severity,
            categories,
            report_count,
            first_seen,
            last_seen,
            sources,
        })
    }
}

/// The last JSON list parsed, to skip parsing an identical one.
#[derive(Default)]
struct ListCache {
    text: String,
    list: Vec<String>,
}

impl ListCache {
    fn parse(&mut self, text: String) -> Option<Vec<String>> {
        if text != self.text || self.text.is_empty() {
            self.list = serde_json::from_str(&text).ok()?;
            self.text = text;
        }
        Some(self.list.clone())
    }
}

/// An entry ready to bind: the JSON columns serialized once.
pub(crate) struct EncodedEntry<'a> {
    pub(crate) key: &'a str,
    pub(crate) severity: &'static str,
    pub(crate) categories: String,
    pub(crate) report_count: i64,
    pub(crate) first_seen: i64,
    pub(crate) last_seen: i64,
    pub(crate) sources: String,
}

/// Deduplicates entries (the last occurrence of a key wins), sorts them by key (so the
/// engines fill their B-trees in order) and serializes the JSON columns.
pub(crate) fn prepare_entries(
    entries: &[blocklist::Entry],
) -> Result<Vec<EncodedEntry<'_>>, StoreError> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    // Stable sort by key: equal keys keep their input order, so the last of a run is
    // the last occurrence.
    order.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key));
    let mut out: Vec<EncodedEntry<'_>> = Vec::with_capacity(order.len());
    // Feeds repeat the same lists: reuse the previous entry's serialization.
    let mut last: Option<&blocklist::Entry> = None;
    for i in order {
        let e = &entries[i];
        if e.key.is_empty() {
            return Err(StoreError::InvalidInput(
                "a blocklist key must not be empty".into(),
            ));
        }
        let previous = last.zip(out.last());
        let categories = match previous {
            Some((p, enc)) if p.categories == e.categories => enc.categories.clone(),
            _ => json_list(&e.categories)?,
        };
        let sources = match previous {
            Some((p, enc)) if p.sources == e.sources => enc.sources.clone(),
            _ => json_list(&e.sources)?,
        };
        let encoded = EncodedEntry {
            key: &e.key,
            severity: e.severity.as_str(),
            categories,
            report_count: i64::from(e.report_count),
            first_seen: e.first_seen,
            last_seen: e.last_seen,
            sources,
        };
        match out.last_mut() {
            Some(prev) if prev.key == e.key => *prev = encoded,
            _ => out.push(encoded),
        }
        last = Some(e);
    }
    Ok(out)
}

fn json_list(items: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(items)
        .map_err(|_| StoreError::InvalidInput("a blocklist list cannot be serialized".into()))
}

/// Raises the blocklist change counter ([`BLOCKLIST_GENERATION`]) inside `tx`.
pub(crate) async fn bump_generation<E: Engine>(tx: &mut Tx<E>) -> Result<(), StoreError> {
    query::<E>(
        "INSERT INTO meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE \
         SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)",
    )
    .bind(BLOCKLIST_GENERATION)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Passes every entry to `sink`, ordered by key, one row at a time.
pub(crate) async fn for_each<E: Engine>(
    pool: &sqlx::Pool<E>,
    sink: &mut (dyn FnMut(blocklist::Entry) + Send),
) -> Result<(), StoreError> {
    // The key column is bytewise on both engines (COLLATE "C" on PostgreSQL).
    let mut rows = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM blocklist ORDER BY key"
    )))
    .fetch::<BlocklistRow>(pool);
    let mut decoder = RowDecoder::default();
    while let Some(row) = rows.try_next().await? {
        sink(decoder.decode(row)?);
    }
    Ok(())
}

/// [`crate::Store::upsert_blocklist`] in `tx`.
pub(crate) async fn upsert<E: Engine>(
    tx: &mut Tx<E>,
    entries: &[blocklist::Entry],
    now: i64,
) -> Result<UpsertCounts, StoreError> {
    let prepared = prepare_entries(entries)?;
    let total = prepared.len() as u64;
    if total == 0 {
        return Ok(UpsertCounts::default());
    }
    // The versions the feed log gets: entries that differ from the stored ones.
    let stored = load_entries(tx, prepared.iter().map(|e| e.key)).await?;
    let changed_entries: Vec<blocklist::Entry> = dedup_last(entries)
        .into_iter()
        .filter(|e| stored.get(e.key.as_str()) != Some(*e))
        .cloned()
        .collect();
    let (added, changed) = E::upsert_counted(tx, prepared, now).await?;
    if changed > 0 {
        crate::feed_log::append(tx, &prepare_entries(&changed_entries)?, now).await?;
        bump_generation(tx).await?;
    }
    Ok(UpsertCounts {
        added,
        updated: changed.saturating_sub(added),
        unchanged: total.saturating_sub(changed),
    })
}

/// Removes one key inside `tx` (its revoked version goes to the feed log); `false` if
/// it was absent.
pub(crate) async fn delete<E: Engine>(
    tx: &mut Tx<E>,
    key: &str,
    now: i64,
) -> Result<bool, StoreError> {
    crate::feed_log::remove(tx, key, crate::feed_log::REMOVED, now).await
}

/// The last occurrence of each key, in key order.
fn dedup_last(entries: &[blocklist::Entry]) -> Vec<&blocklist::Entry> {
    let mut by_key: std::collections::BTreeMap<&str, &blocklist::Entry> =
        std::collections::BTreeMap::new();
    for e in entries {
        by_key.insert(e.key.as_str(), e);
    }
    by_key.into_values().collect()
}

/// The stored entries of `keys` inside `tx`.
async fn load_entries<'k, E: Engine>(
    tx: &mut Tx<E>,
    keys: impl Iterator<Item = &'k str>,
) -> Result<HashMap<String, blocklist::Entry>, StoreError> {
    let keys: Vec<&str> = keys.collect();
    let mut out = HashMap::with_capacity(keys.len());
    let mut decoder = RowDecoder::default();
    for chunk in keys.chunks(rows_per_statement::<E>(1)) {
        let sql = multi_row::<E>(
            &format!("SELECT {COLUMNS} FROM blocklist WHERE key IN ("),
            "?",
            chunk.len(),
            ")",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for key in chunk {
            q = q.bind(*key);
        }
        for row in q.fetch_all::<BlocklistRow>(&mut **tx).await? {
            let e = decoder.decode(row)?;
            out.insert(e.key.clone(), e);
        }
    }
    Ok(out)
}

/// One stored entry.
pub(crate) async fn load_entry<E: Engine>(
    tx: &mut Tx<E>,
    key: &str,
) -> Result<Option<blocklist::Entry>, StoreError> {
    let row: Option<BlocklistRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM blocklist WHERE key = $1"
    )))
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| RowDecoder::default().decode(r)).transpose()
}

/// [`crate::Store::merge_blocklist`] inside `tx`: reads the stored entries of `keys`,
/// locked for the rest of the transaction ([`Engine::FOR_UPDATE`]; SQLite's write
/// transaction holds the database lock), then writes what `merge` returns.
pub(crate) async fn merge<E: Engine>(
    tx: &mut Tx<E>,
    keys: &[String],
    merge: &mut crate::MergeFn<'_>,
    now: i64,
) -> Result<UpsertCounts, StoreError> {
    let mut existing: HashMap<String, blocklist::Entry> = HashMap::with_capacity(keys.len());
    let mut decoder = RowDecoder::default();
    // In key order, so that concurrent merges lock rows in the same order.
    let mut sorted: Vec<&str> = keys.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    for chunk in sorted.chunks(rows_per_statement::<E>(1)) {
        let sql = multi_row::<E>(
            &format!("SELECT {COLUMNS} FROM blocklist WHERE key IN ("),
            "?",
            chunk.len(),
            &format!(") ORDER BY key{}", E::FOR_UPDATE),
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for key in chunk {
            q = q.bind(*key);
        }
        for row in q.fetch_all::<BlocklistRow>(&mut **tx).await? {
            let e = decoder.decode(row)?;
            existing.insert(e.key.clone(), e);
        }
    }
    let mut counts = UpsertCounts::default();
    let mut writes = Vec::new();
    for key in keys {
        let old = existing.remove(key.as_str());
        let was = old.is_some();
        match merge(key, old) {
            None => counts.unchanged += 1,
            Some(e) => {
                if was {
                    counts.updated += 1;
                } else {
                    counts.added += 1;
                }
                writes.push(e);
            }
        }
    }
    if !writes.is_empty() {
        E::upsert_rows(tx, prepare_entries(&writes)?, now).await?;
        crate::feed_log::append(tx, &prepare_entries(&writes)?, now).await?;
        bump_generation(tx).await?;
    }
    Ok(counts)
}

/// At most `limit` entries with keys after `after`, ordered by key.
pub(crate) async fn page<E: Engine>(
    pool: &sqlx::Pool<E>,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<blocklist::Entry>, StoreError> {
    let rows: Vec<BlocklistRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM blocklist WHERE key > $1 ORDER BY key LIMIT $2"
    )))
    .bind(after.unwrap_or(""))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    let mut decoder = RowDecoder::default();
    rows.into_iter().map(|r| decoder.decode(r)).collect()
}

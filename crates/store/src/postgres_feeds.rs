//! PostgreSQL side of feed import and export: the merge transaction, key-ordered pages
//! and the change counter (see `feeds.rs`).

use std::collections::HashMap;

use sqlx::{Postgres, Transaction};

use crate::{BlocklistRow, PgStore, StoreError, UpsertCounts};

/// Keys per `= ANY($1)` lookup.
const LOOKUP_CHUNK: usize = 10_000;

/// Raises the blocklist change counter inside `tx`.
pub(crate) async fn bump_generation(
    tx: &mut Transaction<'static, Postgres>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ($1, '1') \
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text",
    )
    .bind(crate::BLOCKLIST_GENERATION)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn merge_blocklist(
    store: &PgStore,
    keys: &[String],
    merge: &mut crate::MergeFn<'_>,
) -> Result<UpsertCounts, StoreError> {
    if keys.is_empty() {
        return Ok(UpsertCounts::default());
    }
    let mut tx = store.pool.begin().await?;
    let mut existing: HashMap<String, blocklist::Entry> = HashMap::with_capacity(keys.len());
    let mut decoder = crate::RowDecoder::default();
    let mut sorted: Vec<&str> = keys.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    for chunk in sorted.chunks(LOOKUP_CHUNK) {
        // FOR UPDATE, in key order: a concurrent merge of the same keys waits instead
        // of overwriting this one's result.
        let rows: Vec<BlocklistRow> = sqlx::query_as(
            "SELECT key, severity, categories, report_count, first_seen, last_seen, sources \
             FROM blocklist WHERE key = ANY($1) ORDER BY key FOR UPDATE",
        )
        .bind(chunk)
        .fetch_all(&mut *tx)
        .await?;
        for row in rows {
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
        let prepared = crate::prepare_entries(&writes)?;
        crate::postgres::upsert_rows(&mut tx, &prepared, crate::now()).await?;
        bump_generation(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(counts)
}

pub(crate) async fn blocklist_page(
    store: &PgStore,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<blocklist::Entry>, StoreError> {
    // The key column is COLLATE "C": bytewise order, as on SQLite.
    let rows: Vec<BlocklistRow> = sqlx::query_as(
        "SELECT key, severity, categories, report_count, first_seen, last_seen, sources \
         FROM blocklist WHERE key > $1 ORDER BY key LIMIT $2",
    )
    .bind(after.unwrap_or(""))
    .bind(i64::from(limit))
    .fetch_all(&store.pool)
    .await?;
    let mut decoder = crate::RowDecoder::default();
    rows.into_iter().map(|r| decoder.decode(r)).collect()
}

//! SQLite side of feed import and export: the merge transaction, key-ordered pages and
//! the change counter (see `feeds.rs`).

use std::collections::HashMap;

use sqlx::{AssertSqlSafe, Sqlite, Transaction};

use crate::{BlocklistRow, SqliteStore, StoreError, UpsertCounts};

/// Keys per `IN (…)` lookup.
const LOOKUP_CHUNK: usize = 500;

const COLUMNS: &str = "key, severity, categories, report_count, first_seen, last_seen, sources";

/// Raises the blocklist change counter inside `tx`.
pub(crate) async fn bump_generation(
    tx: &mut Transaction<'static, Sqlite>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES (?1, '1') \
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
    )
    .bind(crate::BLOCKLIST_GENERATION)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn merge_blocklist(
    store: &SqliteStore,
    keys: &[String],
    merge: &mut crate::MergeFn<'_>,
) -> Result<UpsertCounts, StoreError> {
    if keys.is_empty() {
        return Ok(UpsertCounts::default());
    }
    let mut tx = store.begin_write().await?;
    let mut existing: HashMap<String, blocklist::Entry> = HashMap::with_capacity(keys.len());
    let mut decoder = crate::RowDecoder::default();
    for chunk in keys.chunks(LOOKUP_CHUNK) {
        let mut sql = format!("SELECT {COLUMNS} FROM blocklist WHERE key IN (");
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "?" } else { ",?" });
        }
        sql.push(')');
        let mut query = sqlx::query_as::<_, BlocklistRow>(AssertSqlSafe(sql));
        for k in chunk {
            query = query.bind(k.as_str());
        }
        for row in query.fetch_all(&mut *tx).await? {
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
        crate::sqlite::upsert_rows(&mut tx, prepared, crate::now()).await?;
        bump_generation(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(counts)
}

pub(crate) async fn blocklist_page(
    store: &SqliteStore,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<blocklist::Entry>, StoreError> {
    let rows: Vec<BlocklistRow> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM blocklist WHERE key > ?1 ORDER BY key LIMIT ?2"
    )))
    .bind(after.unwrap_or(""))
    .bind(i64::from(limit))
    .fetch_all(&store.read)
    .await?;
    let mut decoder = crate::RowDecoder::default();
    rows.into_iter().map(|r| decoder.decode(r)).collect()
}

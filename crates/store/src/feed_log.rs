//! The feed log (issue 15): every version of every blocklist entry, in the order it
//! was written, for the TAXII 2.1 collections, the MISP feed and signed retractions.
//!
//! Every blocklist write appends here in its own transaction: a listing or a change
//! appends the entry as written ([`append`]); a removal appends the entry as it was,
//! `revoked`, with the reason ([`remove`]). Rows are never updated. A row's
//! `added_at` (Unix microseconds: the TAXII `date_added`) is at least the writer's
//! clock and above every earlier row's, so on SQLite (one writer) it strictly rises
//! with `seq`; on PostgreSQL two concurrent writers may commit out of order (see
//! docs/FEEDS.md). Reads are keyset pages on `(added_at, seq)` from an index
//! ([`FeedLogStore::feed_page`]): a page costs its own rows, wherever it starts.

use crate::StoreError;
use crate::blocklist::{COLUMNS, EncodedEntry, RowDecoder, prepare_entries};
use crate::engine::{Engine, EngineStore, Tx, multi_row, query, rows_per_statement};

/// Most rows one read returns.
pub const MAX_PAGE: u32 = 10_000;

/// Retraction reason: an analyst delisted the entry.
pub const DELISTED: &str = "delisted";
/// Retraction reason: a dispute against the listing was upheld.
pub const DISPUTE_UPHELD: &str = "dispute_upheld";
/// Retraction reason: the listing rule no longer lists it (triage, expiry).
pub const LISTING_RULE: &str = "listing_rule";
/// Retraction reason: an operator removed it (`Store::delete_blocklist`).
pub const REMOVED: &str = "removed";

/// Meta key set once the entries stored before the feed log existed are in it.
pub const BACKFILLED: &str = "feed_log_backfilled";

/// One version of an entry in the feed log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRecord {
    /// Position in the log (the tie-breaker of equal `added_at`).
    pub seq: i64,
    /// When the version was added, Unix microseconds.
    pub added_at: i64,
    /// The entry as listed (for a revoked version: as it was when removed).
    pub entry: blocklist::Entry,
    /// The version says the entry was removed.
    pub revoked: bool,
    /// Why it was removed (revoked versions): [`DELISTED`], [`DISPUTE_UPHELD`],
    /// [`LISTING_RULE`] or [`REMOVED`].
    pub reason: Option<String>,
}

impl FeedRecord {
    /// The keyset position of this record.
    pub fn cursor(&self) -> FeedCursor {
        FeedCursor {
            added_at: self.added_at,
            seq: self.seq,
        }
    }
}

/// A position in the feed log: pages start after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeedCursor {
    /// `added_at` of the last row seen, Unix microseconds.
    pub added_at: i64,
    /// `seq` of the last row seen.
    pub seq: i64,
}

impl FeedCursor {
    /// The position just after every row added at or before `added_at`.
    pub fn after_time(added_at: i64) -> FeedCursor {
        FeedCursor {
            added_at,
            seq: i64::MAX,
        }
    }
}

/// Which rows a page reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedQuery {
    /// Rows after this position (exclusive).
    pub after: Option<FeedCursor>,
    /// Rows added before this time only (exclusive), Unix microseconds.
    pub before: Option<i64>,
    /// Only revoked rows (retractions).
    pub revoked_only: bool,
}

/// The feed log's reads.
#[async_trait::async_trait]
pub trait FeedLogStore: Send + Sync {
    /// At most `limit` (≤ [`MAX_PAGE`] + 1, for a reader checking whether a page of
    /// [`MAX_PAGE`] has more) rows after `q.after`, in `(added_at, seq)`
    /// order, read from the index.
    async fn feed_page(&self, q: &FeedQuery, limit: u32) -> Result<Vec<FeedRecord>, StoreError>;

    /// The versions of one STIX object id, oldest first (at most [`MAX_PAGE`]).
    async fn feed_object(&self, object_id: &str) -> Result<Vec<FeedRecord>, StoreError>;

    /// The first `added_at` at or after `from` (Unix microseconds), if any: walks the
    /// days of the log with one index lookup each.
    async fn feed_next_time(&self, from: i64) -> Result<Option<i64>, StoreError>;

    /// The last `added_at` before `before`, if any.
    async fn feed_last_time(&self, before: i64) -> Result<Option<i64>, StoreError>;

    /// Appends the entries stored before the feed log existed (once; later calls do
    /// nothing). Returns how many were appended.
    async fn backfill_feed_log(&self, now: i64) -> Result<u64, StoreError>;
}

/// Columns of a feed log row: `seq, added_at`, the blocklist columns, `revoked, reason`.
pub(crate) type FeedRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    String,
    bool,
    Option<String>,
);

pub(crate) fn decode(decoder: &mut RowDecoder, row: FeedRow) -> Result<FeedRecord, StoreError> {
    let (seq, added_at, key, severity, categories, count, first, last, sources, revoked, reason) =
        row;
    let entry = decoder.decode((key, severity, categories, count, first, last, sources))?;
    Ok(FeedRecord {
        seq,
        added_at,
        entry,
        revoked,
        reason,
    })
}

const SELECT: &str = "SELECT seq, added_at, key, severity, categories, report_count, \
                      first_seen, last_seen, sources, revoked, reason FROM feed_log";

/// The lookup hash of a STIX indicator id (`indicator--<uuid>`): the first 32 bits of
/// its UUID as a signed integer, what migration 0014 computes from `object_id`. Its
/// index is an integer one: a TEXT index of the random ids cost imports most of their
/// time. `None` for anything else.
pub fn object_hash(object_id: &str) -> Option<i32> {
    let uuid = object_id.strip_prefix("indicator--")?;
    let hex = uuid.get(..8)?;
    if !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    u32::from_str_radix(hex, 16)
        .ok()
        .map(|h| i32::from_be_bytes(h.to_be_bytes()))
}

/// The STIX indicator id of a key and its [`object_hash`].
fn object_id(key: &str) -> (String, i32) {
    let id = feeds::stix::indicator_id(key);
    // An indicator id always has a hash.
    let hash = object_hash(&id).unwrap_or_default();
    (id, hash)
}

/// The SQL of [`FeedLogStore::feed_page`] and its parameters `$1`..`$4`, shared by
/// the engines' paths.
pub(crate) fn page_sql(q: &FeedQuery, limit: u32) -> (String, [i64; 4]) {
    let after = q.after.unwrap_or(FeedCursor {
        added_at: i64::MIN,
        seq: i64::MIN,
    });
    let revoked = if q.revoked_only {
        " AND revoked = TRUE"
    } else {
        ""
    };
    // `added_at >= $1` bounds the index range; the OR skips the rows of the cursor's
    // own time already seen.
    let sql = format!(
        "{SELECT} WHERE added_at >= $1 AND (added_at > $1 OR seq > $2) \
         AND added_at < $3{revoked} ORDER BY added_at, seq LIMIT $4"
    );
    let params = [
        after.added_at,
        after.seq,
        q.before.unwrap_or(i64::MAX),
        i64::from(limit.clamp(1, MAX_PAGE + 1)),
    ];
    (sql, params)
}

/// The `added_at` of the next row written in `tx` at `now` (seconds): the clock in
/// microseconds, or just after the newest row.
async fn next_added_at<E: Engine>(tx: &mut Tx<E>, now: i64) -> Result<i64, StoreError> {
    let newest: Option<i64> = query::<E>("SELECT max(added_at) FROM feed_log")
        .scalar(&mut **tx)
        .await?;
    let clock = now.saturating_mul(1_000_000);
    Ok(newest.map_or(clock, |n| clock.max(n.saturating_add(1))))
}

/// Appends versions of entries (listed) in `tx`, in key order.
pub(crate) async fn append<E: Engine>(
    tx: &mut Tx<E>,
    entries: &[EncodedEntry<'_>],
    now: i64,
) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut at = next_added_at(tx, now).await?;
    for chunk in entries.chunks(rows_per_statement::<E>(11)) {
        let sql = multi_row::<E>(
            "INSERT INTO feed_log (added_at, object_id, object_hash, key, severity, \
             categories, report_count, first_seen, last_seen, sources, revoked) VALUES ",
            "(?,?,?,?,?,?,?,?,?,?,?)",
            chunk.len(),
            "",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for e in chunk {
            let (id, hash) = object_id(e.key);
            q = q
                .bind(at)
                .bind(id)
                .bind(hash)
                .bind(e.key)
                .bind(e.severity)
                .bind(e.categories.as_str())
                .bind(e.report_count)
                .bind(e.first_seen)
                .bind(e.last_seen)
                .bind(e.sources.as_str())
                .bind(false);
            at += 1;
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Removes `key` from the blocklist in `tx` and, if it was listed, appends its revoked
/// version with `reason` and raises the blocklist counter; `false` if it was absent.
pub(crate) async fn remove<E: Engine>(
    tx: &mut Tx<E>,
    key: &str,
    reason: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let row: Option<crate::blocklist::BlocklistRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "DELETE FROM blocklist WHERE key = $1 RETURNING {COLUMNS}"
    )))
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(false);
    };
    let entry = RowDecoder::default().decode(row)?;
    let at = next_added_at(tx, now).await?;
    let entries = [entry];
    let prepared = prepare_entries(&entries)?;
    let e = &prepared[0];
    let (id, hash) = object_id(e.key);
    query::<E>(
        "INSERT INTO feed_log (added_at, object_id, object_hash, key, severity, categories, \
         report_count, first_seen, last_seen, sources, revoked, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(at)
    .bind(id)
    .bind(hash)
    .bind(e.key)
    .bind(e.severity)
    .bind(e.categories.as_str())
    .bind(e.report_count)
    .bind(e.first_seen)
    .bind(e.last_seen)
    .bind(e.sources.as_str())
    .bind(true)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    crate::blocklist::bump_generation(tx).await?;
    Ok(true)
}

#[async_trait::async_trait]
impl<S: EngineStore> FeedLogStore for S {
    async fn feed_page(&self, q: &FeedQuery, limit: u32) -> Result<Vec<FeedRecord>, StoreError> {
        if let Some(records) = self.native_feed_page(q, limit).await {
            return records;
        }
        let (sql, [after_at, after_seq, before, limit]) = page_sql(q, limit);
        let rows: Vec<FeedRow> = query::<S::Engine>(sqlx::AssertSqlSafe(sql))
            .bind(after_at)
            .bind(after_seq)
            .bind(before)
            .bind(limit)
            .fetch_all(self.read_pool())
            .await?;
        let mut decoder = RowDecoder::default();
        rows.into_iter().map(|r| decode(&mut decoder, r)).collect()
    }

    async fn feed_object(&self, object_id: &str) -> Result<Vec<FeedRecord>, StoreError> {
        let Some(hash) = object_hash(object_id) else {
            return Ok(Vec::new());
        };
        let rows: Vec<FeedRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE object_hash = $1 AND object_id = $2 ORDER BY added_at, seq LIMIT $3"
        )))
        .bind(hash)
        .bind(object_id)
        .bind(i64::from(MAX_PAGE))
        .fetch_all(self.read_pool())
        .await?;
        let mut decoder = RowDecoder::default();
        rows.into_iter().map(|r| decode(&mut decoder, r)).collect()
    }

    async fn feed_next_time(&self, from: i64) -> Result<Option<i64>, StoreError> {
        Ok(
            query::<S::Engine>("SELECT min(added_at) FROM feed_log WHERE added_at >= $1")
                .bind(from)
                .scalar::<Option<i64>>(self.read_pool())
                .await?,
        )
    }

    async fn feed_last_time(&self, before: i64) -> Result<Option<i64>, StoreError> {
        Ok(
            query::<S::Engine>("SELECT max(added_at) FROM feed_log WHERE added_at < $1")
                .bind(before)
                .scalar::<Option<i64>>(self.read_pool())
                .await?,
        )
    }

    async fn backfill_feed_log(&self, now: i64) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        // Nothing to do on a new database, or once the log has rows (every write since
        // the migration appends to it).
        let logged: Option<i64> = query::<S::Engine>("SELECT seq FROM feed_log LIMIT 1")
            .scalar_optional(&mut *tx)
            .await?;
        let listed: Option<String> = query::<S::Engine>("SELECT key FROM blocklist LIMIT 1")
            .scalar_optional(&mut *tx)
            .await?;
        if logged.is_some() || listed.is_none() {
            return Ok(0);
        }
        // The marker first: a second node starting at the same time waits on it
        // (PostgreSQL) or on the write lock (SQLite), then finds it and does nothing.
        let claimed = query::<S::Engine>(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(BACKFILLED)
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        if claimed == 0 {
            return Ok(0);
        }
        // Every entry, in key order: this runs right after the migration that made
        // the log, before anything else writes.
        let mut total = 0u64;
        let mut after = String::new();
        loop {
            let rows: Vec<crate::blocklist::BlocklistRow> =
                query::<S::Engine>(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM blocklist WHERE key > $1 ORDER BY key LIMIT 5000"
                )))
                .bind(after.as_str())
                .fetch_all(&mut *tx)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.0.clone();
            let mut decoder = RowDecoder::default();
            let entries = rows
                .into_iter()
                .map(|r| decoder.decode(r))
                .collect::<Result<Vec<_>, _>>()?;
            total += entries.len() as u64;
            append(&mut tx, &prepare_entries(&entries)?, now).await?;
        }
        tx.commit().await?;
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_hashes_are_the_signed_first_32_bits_of_the_uuid() {
        let cases: &[(&str, Option<i32>)] = &[
            ("indicator--00000001-0000-5000-8000-000000000000", Some(1)),
            (
                "indicator--7fffffff-0000-5000-8000-000000000000",
                Some(i32::MAX),
            ),
            (
                "indicator--80000000-0000-5000-8000-000000000000",
                Some(i32::MIN),
            ),
            ("indicator--ffffffff-0000-5000-8000-000000000000", Some(-1)),
            ("indicator--0a1b2c3d", Some(0x0a1b_2c3d)),
            ("indicator--0A1B2C3D-0000-5000-8000-000000000000", None),
            ("indicator--0a1b2c3", None),
            ("indicator--+a1b2c3d", None),
            ("indicator--", None),
            ("identity--0a1b2c3d-0000-5000-8000-000000000000", None),
            ("", None),
            ("indicator--é1b2c3d-0000", None),
        ];
        for (id, want) in cases {
            assert_eq!(object_hash(id), *want, "{id}");
        }
        let (id, hash) = object_id("domain:evil.io");
        assert_eq!(id, feeds::stix::indicator_id("domain:evil.io"));
        assert_eq!(object_hash(&id), Some(hash));
    }
}

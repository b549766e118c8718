//! The SQLite engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, Pool, Sqlite};

use crate::blocklist::EncodedEntry;
use crate::campaigns::CampaignStore;
use crate::engine::{Engine, EngineStore, Tx, query};
use crate::{ACCEPTED_URLS, Backend, StoreError};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The version of the newest SQLite migration this build knows.
pub(crate) fn latest_migration() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Connections in the read pool of a file database.
pub const SQLITE_READERS: u32 = 4;

/// How long a connection waits for a lock held by another process before failing.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache of the writer connection (`PRAGMA cache_size`; negative is KiB).
const WRITER_CACHE: &str = "-65536";

/// Rows per multi-row upsert statement: 8 parameters a row, well under SQLite's limit
/// of 32,766 parameters a statement.
const UPSERT_CHUNK: usize = 1_000;

/// Where the database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    Memory,
    File(PathBuf),
}

pub(crate) fn parse_url(url: &str) -> Result<Location, StoreError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| StoreError::InvalidUrl(format!("not a SQLite URL; {ACCEPTED_URLS}")))?;
    if rest == ":memory:" {
        return Ok(Location::Memory);
    }
    if rest.is_empty() {
        return Err(StoreError::InvalidUrl(format!(
            "the SQLite URL has no path; {ACCEPTED_URLS}"
        )));
    }
    if rest.contains('?') {
        return Err(StoreError::InvalidUrl(format!(
            "query parameters are not supported in a SQLite URL (the file is created \
             if missing); {ACCEPTED_URLS}"
        )));
    }
    Ok(Location::File(PathBuf::from(rest)))
}

fn connect_error(source: sqlx::Error) -> StoreError {
    StoreError::Connect {
        backend: Backend::Sqlite,
        source,
    }
}

/// The SQLite implementation of [`Store`]: a write pool of one connection and a read
/// pool of [`SQLITE_READERS`] connections on one WAL-mode file (see the crate
/// documentation for why).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    /// The database file; `None` in memory.
    pub(crate) path: Option<PathBuf>,
    pub(crate) write: SqlitePool,
    pub(crate) read: SqlitePool,
    /// The writer thread of screenings and outcomes (its own connection).
    pub(crate) writer: crate::sqlite_writer::ScreeningWriter,
    /// Feed log pages (TAXII) on connections of their own; `None` in memory.
    pub(crate) feed: Option<std::sync::Arc<crate::sqlite_feed::FeedReader>>,
}

impl SqliteStore {
    /// Opens `sqlite:PATH`, `sqlite://PATH` or `sqlite::memory:` (see [`crate::open`]),
    /// creating the file and its directory if missing, and applies pending migrations.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        match parse_url(url)? {
            Location::Memory => SqliteStore::open_memory().await,
            Location::File(path) => SqliteStore::open_file(&path).await,
        }
    }

    /// Opens (creating it and its parent directory if missing) and migrates the
    /// database file at `path`.
    pub async fn open_file(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|source| StoreError::CreateDir {
                    path: parent.display().to_string(),
                    source,
                })?;
        }
        crate::files::prepare_database_file(path).map_err(|source| StoreError::Io {
            what: "the database file",
            source,
        })?;
        let base = SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(BUSY_TIMEOUT);
        // WAL is a property of the file: the writer sets it once; readers inherit it.
        // A larger page cache keeps a big upsert from spilling dirty pages mid-way.
        let write_options = base
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .pragma("cache_size", WRITER_CACHE);
        let write = writer_pool_options()
            .connect_with(write_options)
            .await
            .map_err(connect_error)?;
        migrate(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(SQLITE_READERS)
            .connect_with(base.pragma("query_only", "ON"))
            .await
            .map_err(connect_error)?;
        let writer = crate::sqlite_writer::ScreeningWriter::start(path, false)?;
        let store = SqliteStore {
            path: Some(path.to_owned()),
            write,
            read,
            writer,
            feed: Some(std::sync::Arc::new(crate::sqlite_feed::FeedReader::new(
                path.to_owned(),
            ))),
        };
        crate::feed_log::FeedLogStore::backfill_feed_log(&store, crate::now()).await?;
        Ok(store)
    }

    /// Opens and migrates a private in-memory database (for tests and simulations):
    /// one pool connection, never recycled, since the database vanishes with its last
    /// connection. It lives in SQLite's `memdb` VFS under a name unique to this store,
    /// so that the screening writer's own connection opens the same database.
    pub async fn open_memory() -> Result<SqliteStore, StoreError> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("/antiscam-{}-{n}", std::process::id());
        let options = SqliteConnectOptions::new()
            .filename(&name)
            .vfs("memdb")
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Memory)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let pool = writer_pool_options()
            .connect_with(options)
            .await
            .map_err(connect_error)?;
        migrate(&pool).await?;
        let uri = format!("file:{name}?vfs=memdb");
        Ok(SqliteStore {
            path: None,
            write: pool.clone(),
            writer: crate::sqlite_writer::ScreeningWriter::start(Path::new(&uri), true)?,
            read: pool,
            feed: None,
        })
    }
}

/// The pool of the one write connection: opened at once, kept for the store's life,
/// and replaced when its transaction state is unknown.
///
/// Why the replacement: after a failed write (a full disk, an I/O error) SQLite may
/// roll the transaction back by itself. sqlx does not see that: dropping the
/// `Transaction` then sends a `ROLLBACK`, which fails ("no transaction is active"),
/// and sqlx's count of open transactions stays at one. Every later `BEGIN IMMEDIATE`
/// on the connection then failed with "attempted to call begin_with at non-zero
/// transaction depth", until a restart, even once space was back. A connection
/// waiting in the pool is never inside a transaction, so one that says it is has an
/// unknown state: the hook refuses it, the pool closes it (closing rolls back whatever
/// SQLite still holds) and opens a fresh one for the next write.
fn writer_pool_options() -> SqlitePoolOptions {
    SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .before_acquire(|conn, _meta| {
            Box::pin(async move {
                use sqlx::Connection;
                let clean = !conn.is_in_transaction();
                if !clean {
                    tracing::warn!(
                        "the SQLite write connection was left inside a failed transaction; \
                         opening a new one"
                    );
                }
                Ok(clean)
            })
        })
}

/// Applies pending migrations. Retried once: when two processes create the same file
/// at the same time, the loser fails on the tables the winner created, and the retry
/// then finds the migration applied.
async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    if MIGRATOR.run(pool).await.is_ok() {
        return Ok(());
    }
    Ok(MIGRATOR.run(pool).await?)
}

/// `INSERT … ON CONFLICT DO UPDATE` of `rows` entries, eight anonymous parameters a
/// row (numbered `?NNN` parameters would cost SQLite a linear search each, making a
/// large statement quadratic to prepare and bind). An identical stored row is not
/// rewritten, so `changes()` counts only added and updated rows.
fn upsert_sql(rows: usize) -> String {
    const ROW: &str = "(?,?,?,?,?,?,?,?)";
    let mut sql = String::with_capacity(800 + rows * (ROW.len() + 1));
    sql.push_str(
        "INSERT INTO blocklist \
         (key, severity, categories, report_count, first_seen, last_seen, sources, updated_at) \
         VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(ROW);
    }
    sql.push_str(
        " ON CONFLICT (key) DO UPDATE SET \
         severity = excluded.severity, categories = excluded.categories, \
         report_count = excluded.report_count, first_seen = excluded.first_seen, \
         last_seen = excluded.last_seen, sources = excluded.sources, \
         updated_at = excluded.updated_at \
         WHERE blocklist.severity <> excluded.severity \
         OR blocklist.categories <> excluded.categories \
         OR blocklist.report_count <> excluded.report_count \
         OR blocklist.first_seen <> excluded.first_seen \
         OR blocklist.last_seen <> excluded.last_seen \
         OR blocklist.sources <> excluded.sources",
    );
    sql
}

impl Engine for Sqlite {
    const BACKEND: Backend = Backend::Sqlite;
    const MAX_PARAMS: usize = 32_766;
    // The write transaction (`BEGIN IMMEDIATE`) already holds the database's lock.
    const FOR_UPDATE: &'static str = "";
    const SKIP_LOCKED: &'static str = "";
    const LOCK_OUTBOX: Option<&'static str> = None;
    const LOCK_REGISTRY: Option<&'static str> = None;
    // The statistics scan reads the covering (partial) index `screenings_stats` alone,
    // in GROUP BY order, without a sort or a table access (BENCHMARKS.md): the hint
    // pins that plan, as the query did before it was shared.
    const SCREENINGS_STATS_INDEX: &'static str = "INDEXED BY screenings_stats";

    crate::engine::plumbing!(Sqlite);

    /// `BEGIN IMMEDIATE`: the write lock from the first statement, so a transaction
    /// cannot fail half-way because another process wrote in between.
    async fn begin_write(pool: &Pool<Sqlite>) -> Result<Tx<Sqlite>, sqlx::Error> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// Anonymous: a numbered parameter costs SQLite a linear search among the
    /// statement's parameter names.
    fn placeholder(sql: &mut String, _n: usize) {
        sql.push('?');
    }

    async fn upsert_rows(
        tx: &mut Tx<Sqlite>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> Result<u64, StoreError> {
        // One SQL text for every full chunk: sqlx keeps it prepared on the connection.
        let full: Arc<str> = Arc::from(upsert_sql(UPSERT_CHUNK));
        let mut changed = 0u64;
        let mut rows = rows.into_iter();
        loop {
            let chunk: Vec<EncodedEntry<'_>> = rows.by_ref().take(UPSERT_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let sql = if chunk.len() == UPSERT_CHUNK {
                Arc::clone(&full)
            } else {
                Arc::from(upsert_sql(chunk.len()))
            };
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for e in chunk {
                query = query
                    .bind(e.key)
                    .bind(e.severity)
                    .bind(e.categories)
                    .bind(e.report_count)
                    .bind(e.first_seen)
                    .bind(e.last_seen)
                    .bind(e.sources)
                    .bind(now);
            }
            changed += query.execute(&mut **tx).await?.rows_affected();
        }
        Ok(changed)
    }

    /// SQLite cannot tell an inserted row from an updated one in a multi-row upsert:
    /// the rows counted before and after tell how many are new (the transaction holds
    /// the write lock, so nobody else changed the count meanwhile).
    async fn upsert_counted(
        tx: &mut Tx<Sqlite>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> Result<(u64, u64), StoreError> {
        let count = "SELECT count(*) FROM blocklist";
        let before: i64 = query::<Sqlite>(count).scalar(&mut **tx).await?;
        let changed = Sqlite::upsert_rows(tx, rows, now).await?;
        let after: i64 = query::<Sqlite>(count).scalar(&mut **tx).await?;
        let added = u64::try_from(after.saturating_sub(before)).unwrap_or(0);
        Ok((added, changed))
    }
}

#[async_trait::async_trait]
impl EngineStore for SqliteStore {
    type Engine = Sqlite;

    fn read_pool(&self) -> &SqlitePool {
        &self.read
    }

    fn write_pool(&self) -> &SqlitePool {
        &self.write
    }

    fn campaign_store(&self) -> &dyn CampaignStore {
        self
    }

    async fn native_feed_page(
        &self,
        q: &crate::feed_log::FeedQuery,
        limit: u32,
    ) -> Option<Result<Vec<crate::feed_log::FeedRecord>, StoreError>> {
        let reader = std::sync::Arc::clone(self.feed.as_ref()?);
        Some(reader.page_async(*q, limit).await)
    }

    async fn remove_meta(&self, key: &str) -> Result<bool, StoreError> {
        let mut conn = self.write.acquire().await?;
        // Zero the deleted bytes in the page (and freed pages) rather than leave them.
        sqlx::query("PRAGMA secure_delete = ON")
            .execute(&mut *conn)
            .await?;
        let deleted = crate::meta::delete::<Sqlite>(&mut *conn, key).await;
        let _ = sqlx::query("PRAGMA secure_delete = OFF")
            .execute(&mut *conn)
            .await;
        let deleted = deleted?;
        if deleted && self.path.is_some() {
            // Older page images in the WAL still hold the row: copy the pages back and
            // empty the WAL. Best effort: a reader may hold it; the next checkpoint
            // that restarts the WAL overwrites it.
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await;
        }
        Ok(deleted)
    }

    async fn check_writable(&self) -> Result<(), StoreError> {
        if let Some(path) = &self.path {
            let probe = probe_path(path);
            tokio::task::spawn_blocking(move || write_probe_file(&probe))
                .await
                .map_err(|_| StoreError::WriterStopped)??;
        }
        let mut tx = self.begin_write().await?;
        let now = crate::now().to_string();
        crate::meta::set::<Sqlite>(&mut *tx, crate::HEALTH_PROBE, &now).await?;
        tx.commit().await?;
        self.writer.probe().await
    }

    async fn shut_down(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// Bytes the write probe writes and syncs beside the database.
const PROBE_BYTES: usize = 64 * 1024;

/// `<database>.probe`, beside the database.
fn probe_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".probe");
    PathBuf::from(name)
}

/// Writes and removes a small file: fails with "No space left on device" when the
/// database's file system is full, even while SQLite could still overwrite its WAL.
///
/// Not synced: file systems reserve the blocks of a write when it is made (ext4's
/// delayed allocation, XFS, tmpfs), so a full disk fails the `write` itself. An
/// `fsync` of a new file also forces a journal commit that must first flush the
/// database's dirty pages: after a burst of screenings that made every probe (every
/// 10 s) a 30–35 ms stall for the screenings committing meanwhile (p99 at 5,000/s went
/// from 2.6 to 29–36 ms; scripts/burst_bench.sh, BENCHMARKS.md).
fn write_probe_file(path: &Path) -> Result<(), StoreError> {
    use std::io::Write;
    let io = |source| StoreError::Io {
        what: "the write probe beside the database",
        source,
    };
    let result = (|| {
        let mut file = crate::files::create_private(path, true)?;
        file.write_all(&[0u8; PROBE_BYTES])
    })();
    // Removed even when writing failed: the probe must not itself fill the disk.
    let _ = std::fs::remove_file(path);
    result.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        let file = |p: &str| Some(Location::File(PathBuf::from(p)));
        assert_eq!(parse_url("sqlite::memory:").ok(), Some(Location::Memory));
        assert_eq!(parse_url("sqlite://:memory:").ok(), Some(Location::Memory));
        assert_eq!(parse_url("sqlite:data/a.db").ok(), file("data/a.db"));
        assert_eq!(parse_url("sqlite://data/a.db").ok(), file("data/a.db"));
        assert_eq!(parse_url("sqlite:///var/a.db").ok(), file("/var/a.db"));
        assert_eq!(parse_url("sqlite:/var/a.db").ok(), file("/var/a.db"));
        for bad in [
            "sqlite:",
            "sqlite://",
            "sqlite://a.db?mode=rwc",
            "file:a.db",
        ] {
            assert!(
                matches!(parse_url(bad), Err(StoreError::InvalidUrl(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn upsert_sql_has_a_group_per_row() {
        let sql = upsert_sql(2);
        assert!(sql.contains("VALUES (?,?,?,?,?,?,?,?),(?,?,?,?,?,?,?,?) ON CONFLICT"));
    }
}

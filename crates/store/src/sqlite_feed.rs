//! The SQLite engine's read of feed log pages, on rusqlite connections of its own.
//!
//! Why not sqlx: sqlx runs a SQLite connection on a worker thread and hands every row
//! to the async side through a channel, each column copied (`sqlite3_value_dup`) and
//! freed on another thread. A TAXII page is 10,001 rows of 11 columns: those
//! hand-offs and copies were most of the server's CPU for a page (`perf`: the sqlx
//! worker thread ~half of it, `malloc_consolidate` and futex wake-ups on top), more
//! than rendering the page. Here a page is one blocking task that steps the statement
//! and decodes the rows in place ([`crate::feed_log::decode`]), the same SQL as the
//! shared path ([`crate::feed_log::page_sql`]).

use std::path::PathBuf;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;
use crate::blocklist::RowDecoder;
use crate::feed_log::{FeedQuery, FeedRecord, FeedRow};

/// Connections kept for the next pages.
const KEPT: usize = 2;

/// Pages read at once; more wait their turn. Each read holds a connection, a blocking
/// thread and up to a page of decoded rows, so without a bound a burst of page requests
/// (the TAXII routes are keyed and rate-limited per key, but keys add up) would open as
/// many connections and threads as requests.
const AT_ONCE: usize = 4;

/// Reads feed log pages of one database file.
pub(crate) struct FeedReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    turns: std::sync::Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for FeedReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FeedReader {
    /// A reader of the database file at `path` (connections open on first use).
    pub(crate) fn new(path: PathBuf) -> FeedReader {
        FeedReader {
            path,
            idle: Mutex::new(Vec::new()),
            turns: std::sync::Arc::new(tokio::sync::Semaphore::new(AT_ONCE)),
        }
    }

    fn connection(&self) -> Result<Connection, StoreError> {
        if let Some(conn) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Ok(conn);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(crate::sqlite::BUSY_TIMEOUT)?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < KEPT
        {
            idle.push(conn);
        }
    }

    /// [`crate::feed_log::FeedLogStore::feed_page`] on a blocking task, at most
    /// [`AT_ONCE`] at a time.
    pub(crate) async fn page_async(
        self: std::sync::Arc<Self>,
        q: FeedQuery,
        limit: u32,
    ) -> Result<Vec<FeedRecord>, StoreError> {
        // The semaphore is never closed; a failed acquire would mean shutdown. The turn
        // moves into the task: a caller that goes away does not free it before the
        // read ends.
        let turn = std::sync::Arc::clone(&self.turns)
            .acquire_owned()
            .await
            .map_err(|_| StoreError::WriterStopped)?;
        // A task that did not finish: the runtime is shutting down (or it panicked).
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            self.page(&q, limit)
        })
        .await
        .unwrap_or(Err(StoreError::WriterStopped))
    }

    /// [`crate::feed_log::FeedLogStore::feed_page`], synchronously.
    fn page(&self, q: &FeedQuery, limit: u32) -> Result<Vec<FeedRecord>, StoreError> {
        let conn = self.connection()?;
        let records = read(&conn, q, limit);
        // A connection whose read failed is dropped, not reused.
        if records.is_ok() {
            self.give_back(conn);
        }
        records
    }
}

fn read(conn: &Connection, q: &FeedQuery, limit: u32) -> Result<Vec<FeedRecord>, StoreError> {
    let (sql, [after_at, after_seq, before, limit]) = crate::feed_log::page_sql(q, limit);
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([after_at, after_seq, before, limit])?;
    let mut decoder = RowDecoder::default();
    let mut out = Vec::with_capacity(usize::try_from(limit).unwrap_or(0));
    while let Some(row) = rows.next()? {
        let row: FeedRow = (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
            row.get(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
        );
        out.push(crate::feed_log::decode(&mut decoder, row)?);
    }
    Ok(out)
}

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

/// Connections kept for the next pages (more are opened when pages run at once).
const KEPT: usize = 2;

/// Reads feed log pages of one database file.
pub(crate) struct FeedReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
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

    /// [`crate::feed_log::FeedLogStore::feed_page`], synchronously.
    pub(crate) fn page(&self, q: &FeedQuery, limit: u32) -> Result<Vec<FeedRecord>, StoreError> {
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

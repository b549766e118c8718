//! One copy of every workflow over two engines: the [`Engine`] trait, the query wrapper
//! [`Sql`] that generic code uses instead of `sqlx::query`, and [`EngineStore`], the
//! few things a store type provides so that the public traits are implemented once for
//! both.
//!
//! # Why a wrapper instead of raw sqlx bounds
//!
//! sqlx states what a database can do as bounds on other types (`i64: Encode<'_, DB> +
//! Type<DB>`, `for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>`, a
//! `FromRow` for each row tuple). Rust does not carry bounds on other types from a
//! trait to its users, so a function generic over `DB` would have to repeat a dozen of
//! them, and each new column type would add one to every function. Here they are
//! stated once: [`Param`] (a value both engines bind) and [`Columns`] (a row both
//! engines decode) are bounds on the value itself, and each [`Engine`] applies them to
//! its concrete types (the same few lines for both, from `plumbing!`). Workflows are
//! then ordinary generic functions, `async fn f<E: Engine>(tx: &mut Tx<E>, …)`, whose
//! statements read like sqlx's: `query::<E>("…").bind(x).fetch_one(&mut **tx)`.
//!
//! # What differs per engine
//!
//! SQL is written once with `$N` parameters, which SQLite reads too. Only these
//! primitives have an implementation per engine:
//!
//! - [`Engine::begin_write`]: `BEGIN IMMEDIATE` on SQLite (the write lock from the first
//!   statement), a plain `BEGIN` on PostgreSQL;
//! - [`Engine::placeholder`]: the parameters of statements built at run time with many
//!   rows: anonymous `?` on SQLite (a numbered parameter costs SQLite a linear search
//!   among the names, making a statement of thousands quadratic to prepare), `$n` on
//!   PostgreSQL;
//! - [`Engine::upsert_rows`] and [`Engine::upsert_counted`]: the bulk upsert of the
//!   blocklist (multi-row `VALUES` on SQLite, `UNNEST` of arrays on PostgreSQL);
//! - locking: [`Engine::FOR_UPDATE`] and [`Engine::LOCK_REGISTRY`] on PostgreSQL,
//!   nothing on SQLite, whose write transaction already holds the database lock;
//! - [`Engine::SCREENINGS_STATS_INDEX`]: SQLite's query-planner hint for the campaign
//!   statistics scan.
//!
//! The larger of two values, `GREATEST` on PostgreSQL and `max` on SQLite, is written
//! as a `CASE` that both read, so it needs no primitive.

use std::future::Future;
use std::pin::Pin;

use futures_util::Stream;
use sqlx::postgres::PgRow;
use sqlx::query::Query;
use sqlx::sqlite::SqliteRow;
use sqlx::{Database, Encode, FromRow, Pool, Postgres, SqlSafeStr, Sqlite, Transaction, Type};

use crate::blocklist::EncodedEntry;
use crate::campaigns::CampaignStore;
use crate::{Backend, StoreError};

/// A write transaction.
pub(crate) type Tx<E> = Transaction<'static, E>;

/// A statement with its bound parameters.
pub(crate) type Q<E> = Query<'static, E, <E as Database>::Arguments>;

/// Rows of a stream, decoded.
pub(crate) type RowStream<'e, R> = Pin<Box<dyn Stream<Item = Result<R, sqlx::Error>> + Send + 'e>>;

/// A value both engines bind. (The lifetime is the encoding's: an `Option<&'a str>`
/// encodes for `'a` only.)
pub(crate) trait Param<'q>:
    Encode<'q, Sqlite> + Type<Sqlite> + Encode<'q, Postgres> + Type<Postgres> + Send
{
}

impl<'q, T> Param<'q> for T where
    T: Encode<'q, Sqlite> + Type<Sqlite> + Encode<'q, Postgres> + Type<Postgres> + Send
{
}

/// A row (a tuple of columns) both engines decode.
pub(crate) trait Columns:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}

impl<T> Columns for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}

/// Where a statement runs: a connection (usually a transaction's) or a pool.
pub(crate) enum Exec<'e, E: Database> {
    /// A connection, e.g. `&mut **tx`.
    Conn(&'e mut E::Connection),
    /// Any connection of a pool.
    Pool(&'e Pool<E>),
}

impl<'e, E: Database> From<&'e mut E::Connection> for Exec<'e, E> {
    fn from(conn: &'e mut E::Connection) -> Self {
        Exec::Conn(conn)
    }
}

impl<'e, E: Database> From<&'e Pool<E>> for Exec<'e, E> {
    fn from(pool: &'e Pool<E>) -> Self {
        Exec::Pool(pool)
    }
}

/// A database engine the store runs on: `sqlx::Sqlite` or `sqlx::Postgres` (see the
/// module documentation).
pub(crate) trait Engine: Database {
    /// The engine's name for users.
    const BACKEND: Backend;

    /// Most parameters one statement may have.
    const MAX_PARAMS: usize;

    /// Appended to a `SELECT` of rows that the transaction is about to rewrite.
    const FOR_UPDATE: &'static str;

    /// Appended to the webhook outbox's claim (`webhook_outbox AS o`): PostgreSQL locks
    /// the rows it claims and skips those another node is claiming; SQLite's write
    /// transaction already excludes every other writer.
    const SKIP_LOCKED: &'static str;

    /// Taken first by the outbox's read-then-write transactions (a claim, a queueing
    /// once per subject): serializes them across nodes, so that each sees what the
    /// others committed (their leases for the per-subscription cap, the day's result
    /// already queued) instead of deciding on the same snapshot. SQLite's write
    /// transaction already does.
    const LOCK_OUTBOX: Option<&'static str>;

    /// Serializes registry replacements (each would otherwise delete only the rows its
    /// snapshot saw) without blocking readers.
    const LOCK_REGISTRY: Option<&'static str>;

    /// Placed after `FROM screenings` in the campaign statistics scan.
    const SCREENINGS_STATS_INDEX: &'static str;

    // Plumbing: the same code for both engines (`plumbing!`).

    /// Binds one more parameter.
    fn bind<'q, T: Param<'q>>(query: Q<Self>, value: T) -> Q<Self>;

    /// Runs a statement; returns the rows it changed.
    fn execute<'e>(
        query: Q<Self>,
        on: Exec<'e, Self>,
    ) -> impl Future<Output = Result<u64, sqlx::Error>> + Send + 'e;

    /// The first row, if any.
    fn fetch_optional<'e, R: Columns>(
        query: Q<Self>,
        on: Exec<'e, Self>,
    ) -> impl Future<Output = Result<Option<R>, sqlx::Error>> + Send + 'e;

    /// Every row.
    fn fetch_all<'e, R: Columns>(
        query: Q<Self>,
        on: Exec<'e, Self>,
    ) -> impl Future<Output = Result<Vec<R>, sqlx::Error>> + Send + 'e;

    /// The rows one at a time.
    fn fetch<'e, R: Columns>(query: Q<Self>, on: Exec<'e, Self>) -> RowStream<'e, R>;

    // Primitives whose SQL differs.

    /// Starts a write transaction on the pool that takes writes.
    fn begin_write(
        pool: &Pool<Self>,
    ) -> impl Future<Output = Result<Tx<Self>, sqlx::Error>> + Send + '_;

    /// Appends the `n`-th parameter (from 1) of a statement built at run time.
    fn placeholder(sql: &mut String, n: usize);

    /// Inserts or replaces prepared entries (distinct, sorted by key) in `tx`. An
    /// entry identical to the stored one is not rewritten. Returns how many were added
    /// or changed. The entries are taken by value: SQLite binds their strings without
    /// copying them.
    fn upsert_rows(
        tx: &mut Tx<Self>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// [`Engine::upsert_rows`] that also tells how many keys were new:
    /// `(added, added or changed)`.
    fn upsert_counted(
        tx: &mut Tx<Self>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> impl Future<Output = Result<(u64, u64), StoreError>> + Send;
}

/// The plumbing methods of [`Engine`] for a concrete database: the bounds of
/// [`Param`] and [`Columns`] hold for its concrete types, so sqlx's methods apply.
macro_rules! plumbing {
    ($db:ty) => {
        fn bind<'q, T: $crate::engine::Param<'q>>(
            query: $crate::engine::Q<$db>,
            value: T,
        ) -> $crate::engine::Q<$db> {
            query.bind(value)
        }

        async fn execute<'e>(
            query: $crate::engine::Q<$db>,
            on: $crate::engine::Exec<'e, $db>,
        ) -> Result<u64, sqlx::Error> {
            let done = match on {
                $crate::engine::Exec::Conn(c) => query.execute(c).await?,
                $crate::engine::Exec::Pool(p) => query.execute(p).await?,
            };
            Ok(done.rows_affected())
        }

        async fn fetch_optional<'e, R: $crate::engine::Columns>(
            query: $crate::engine::Q<$db>,
            on: $crate::engine::Exec<'e, $db>,
        ) -> Result<Option<R>, sqlx::Error> {
            let row = match on {
                $crate::engine::Exec::Conn(c) => query.fetch_optional(c).await?,
                $crate::engine::Exec::Pool(p) => query.fetch_optional(p).await?,
            };
            row.map(|r| <R as sqlx::FromRow<'_, _>>::from_row(&r))
                .transpose()
        }

        async fn fetch_all<'e, R: $crate::engine::Columns>(
            query: $crate::engine::Q<$db>,
            on: $crate::engine::Exec<'e, $db>,
        ) -> Result<Vec<R>, sqlx::Error> {
            let rows = match on {
                $crate::engine::Exec::Conn(c) => query.fetch_all(c).await?,
                $crate::engine::Exec::Pool(p) => query.fetch_all(p).await?,
            };
            rows.iter()
                .map(|r| <R as sqlx::FromRow<'_, _>>::from_row(r))
                .collect()
        }

        fn fetch<'e, R: $crate::engine::Columns>(
            query: $crate::engine::Q<$db>,
            on: $crate::engine::Exec<'e, $db>,
        ) -> $crate::engine::RowStream<'e, R> {
            use futures_util::StreamExt as _;
            let rows = match on {
                $crate::engine::Exec::Conn(c) => query.fetch(c),
                $crate::engine::Exec::Pool(p) => query.fetch(p),
            };
            Box::pin(rows.map(|row| row.and_then(|r| <R as sqlx::FromRow<'_, _>>::from_row(&r))))
        }
    };
}

pub(crate) use plumbing;

/// A statement for engine `E`: [`query`], then [`Sql::bind`] each parameter, then run
/// it.
#[must_use = "a statement must be run"]
pub(crate) struct Sql<E: Engine>(Q<E>);

/// A statement (SQL written once, with `$N` parameters).
pub(crate) fn query<E: Engine>(sql: impl SqlSafeStr) -> Sql<E> {
    Sql(sqlx::query(sql))
}

impl<E: Engine> Sql<E> {
    /// Binds the next parameter.
    pub(crate) fn bind<'q, T: Param<'q>>(self, value: T) -> Self {
        Sql(E::bind(self.0, value))
    }

    /// Runs the statement; returns the rows it changed.
    pub(crate) async fn execute<'e>(self, on: impl Into<Exec<'e, E>>) -> Result<u64, sqlx::Error> {
        E::execute(self.0, on.into()).await
    }

    /// The first row, if any.
    pub(crate) async fn fetch_optional<'e, R: Columns>(
        self,
        on: impl Into<Exec<'e, E>>,
    ) -> Result<Option<R>, sqlx::Error> {
        E::fetch_optional(self.0, on.into()).await
    }

    /// The first row; none is `sqlx::Error::RowNotFound`.
    pub(crate) async fn fetch_one<'e, R: Columns>(
        self,
        on: impl Into<Exec<'e, E>>,
    ) -> Result<R, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// Every row.
    pub(crate) async fn fetch_all<'e, R: Columns>(
        self,
        on: impl Into<Exec<'e, E>>,
    ) -> Result<Vec<R>, sqlx::Error> {
        E::fetch_all(self.0, on.into()).await
    }

    /// The rows one at a time.
    pub(crate) fn fetch<'e, R: Columns>(self, on: impl Into<Exec<'e, E>>) -> RowStream<'e, R> {
        E::fetch(self.0, on.into())
    }

    /// The first column of the first row, if any.
    pub(crate) async fn scalar_optional<'e, T>(
        self,
        on: impl Into<Exec<'e, E>>,
    ) -> Result<Option<T>, sqlx::Error>
    where
        (T,): Columns,
    {
        Ok(self.fetch_optional::<(T,)>(on).await?.map(|(v,)| v))
    }

    /// The first column of the first row; none is `sqlx::Error::RowNotFound`.
    pub(crate) async fn scalar<'e, T>(self, on: impl Into<Exec<'e, E>>) -> Result<T, sqlx::Error>
    where
        (T,): Columns,
    {
        Ok(self.fetch_one::<(T,)>(on).await?.0)
    }
}

/// `head`, then `rows` copies of `row` separated by commas, then `tail`: a statement of
/// many rows. Each `?` of `row` is one parameter, numbered in order by the engine.
pub(crate) fn multi_row<E: Engine>(head: &str, row: &str, rows: usize, tail: &str) -> String {
    let mut sql = String::with_capacity(head.len() + tail.len() + rows * (row.len() * 2 + 1));
    sql.push_str(head);
    let mut n = 0;
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        for c in row.chars() {
            if c == '?' {
                n += 1;
                E::placeholder(&mut sql, n);
            } else {
                sql.push(c);
            }
        }
    }
    sql.push_str(tail);
    sql
}

/// Rows per statement built with [`multi_row`] when each row has `params` parameters:
/// at most 500, and within the engine's limit.
pub(crate) fn rows_per_statement<E: Engine>(params: usize) -> usize {
    (E::MAX_PARAMS / params.max(1)).clamp(1, 500)
}

/// What a store type provides beyond its engine: its pools and the few operations that
/// depend on more than SQL (files beside a SQLite database, the screening writer).
/// [`crate::Store`], [`crate::reports::ReportStore`], [`crate::proposals::ProposalStore`]
/// and [`crate::revisions::RevisionStore`] are implemented once for every such type.
#[async_trait::async_trait]
pub(crate) trait EngineStore: Send + Sync + 'static {
    /// The engine.
    type Engine: Engine;

    /// The pool reads use.
    fn read_pool(&self) -> &Pool<Self::Engine>;

    /// The pool writes use.
    fn write_pool(&self) -> &Pool<Self::Engine>;

    /// Starts a write transaction.
    async fn begin_write(&self) -> Result<Tx<Self::Engine>, StoreError> {
        Ok(Self::Engine::begin_write(self.write_pool()).await?)
    }

    /// Campaigns, screenings and outcomes (their screening paths differ per engine).
    fn campaign_store(&self) -> &dyn CampaignStore;

    /// [`crate::Store::delete_meta`].
    async fn remove_meta(&self, key: &str) -> Result<bool, StoreError>;

    /// [`crate::Store::probe_write`].
    async fn check_writable(&self) -> Result<(), StoreError>;

    /// [`crate::feed_log::FeedLogStore::feed_page`] by a faster path of the engine's
    /// own (SQLite: [`crate::sqlite_feed`]); `None` to run the shared SQL.
    async fn native_feed_page(
        &self,
        _q: &crate::feed_log::FeedQuery,
        _limit: u32,
    ) -> Option<Result<Vec<crate::feed_log::FeedRecord>, StoreError>> {
        None
    }

    /// [`crate::Store::change_listener`]: none unless the engine announces changes.
    async fn listen(&self) -> Result<Option<crate::changes::ChangeListener>, StoreError> {
        Ok(None)
    }

    /// [`crate::Store::close`].
    async fn shut_down(&self);
}

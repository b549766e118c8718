//! Persistence for antiscam: the registry of official channels, the blocklist of
//! reported-scam indicators, API keys and a few settings, behind the [`Store`] trait.
//!
//! # The trait and the two engines
//!
//! Every other crate talks to [`Store`] (usually as `Arc<dyn Store>` from [`open`]); no
//! SQL exists outside this crate. Two store types share one schema and one test suite
//! (`tests/store.rs` runs every test against both, and a schema-parity test compares
//! the two migrated schemas):
//!
//! - [`SqliteStore`], the default: one file, no server (`sqlite:PATH`,
//!   `sqlite://PATH`, or `sqlite::memory:` for tests).
//! - [`PgStore`], for deployments that already run PostgreSQL
//!   (`postgres://…` or `postgresql://…`).
//!
//! Queries are built at run time (sqlx with bind parameters, never string
//! interpolation of values), so building the crate needs no live database.
//!
//! # Layout: by entity, each workflow written once
//!
//! The modules are cut by what is stored, not by engine. Each workflow is one generic
//! function over the `Engine` trait (module `engine`, implemented for `sqlx::Sqlite`
//! and `sqlx::Postgres`), with its SQL written once using `$N` parameters, which SQLite
//! reads too:
//!
//! | module | what |
//! | --- | --- |
//! | `registry` | the official channels: load, replace whole |
//! | `blocklist` | the row codec, bulk upsert, delete, the feed merge, pages, the change counter |
//! | `keys` | API keys and their audited changes |
//! | `meta`, `feeds` | settings and secrets; feed source regions ([`source_regions`]) |
//! | `audit` | the append-only audit log |
//! | [`allowlist`] | the operator's allowlist of indicators Verify must not call impersonations |
//! | [`reports`] | report intake (`reports/intake.rs`), triage, delisting, disputes, expiry (`reports/lifecycle.rs`) |
//! | [`campaigns`], [`revisions`], [`proposals`] | campaigns (their screening paths are per engine, see below), reviewed changes, registry proposals |
//! | [`batch`] | the one group-commit loop and its failure policy |
//! | `engine` | the `Engine` trait, the query wrapper, `EngineStore` |
//! | `sqlite`, `postgres` | opening each engine, and its primitives |
//!
//! Only the primitives whose SQL truly differs are written per engine, in `sqlite.rs`
//! and `postgres.rs`: opening a write transaction (`BEGIN IMMEDIATE` on SQLite), the
//! parameters of statements built at run time, the bulk upsert of the blocklist,
//! locking (`FOR UPDATE` and `LOCK TABLE` on PostgreSQL) and SQLite's `INDEXED BY`
//! hint. [`Store`], [`reports::ReportStore`], [`proposals::ProposalStore`] and
//! [`revisions::RevisionStore`] are each implemented once, for every store type
//! (crate-private `EngineStore`: its pools, probe, close, secure delete).
//!
//! Generic functions use the crate's small query wrapper instead of `sqlx::query`
//! directly: sqlx states what a database can bind, run and decode as bounds on other
//! types (`i64: Encode<'_, DB>`, `&mut DB::Connection: Executor`, a `FromRow` per row
//! tuple), which Rust does not carry from a trait to its users; the wrapper states
//! them once (see the `engine` module).
//!
//! Two exceptions stay per engine: the screening paths of [`CampaignStore`]
//! (exposure history, screenings, outcomes: `sqlite_campaigns.rs` and
//! `postgres_campaigns.rs`), and SQLite's screening writer (`sqlite_writer.rs`), a
//! thread with its own rusqlite connection that runs the shared group-commit loop
//! ([`batch`]) so that a batch of screenings costs one thread hand-off.
//!
//! # Durability
//!
//! A write is durable when its call returns `Ok`: each write is one statement in
//! autocommit mode or one explicit transaction that is committed before returning.
//!
//! - SQLite runs in WAL mode with `synchronous = FULL` (the WAL is fsynced at every
//!   commit), `foreign_keys = ON` and a 5 s `busy_timeout`, so a second process that
//!   opens the same file waits for the lock instead of failing at once.
//! - PostgreSQL keeps the server's default `synchronous_commit = on`.
//!
//! Multi-statement writes ([`Store::replace_registry`], [`Store::upsert_blocklist`])
//! run in one transaction: readers see all of a change or none of it.
//!
//! # Pooling
//!
//! - SQLite allows one writer at a time. [`SqliteStore`] therefore keeps two pools on
//!   the file: a **write pool of exactly one connection**, kept open for the life of the
//!   store, through which every write goes (writes queue in the pool instead of
//!   contending for the file lock and sleeping in `busy_timeout`; write transactions
//!   start with `BEGIN IMMEDIATE`, so they take the lock before reading and can never
//!   fail half-way with `SQLITE_BUSY` when another process writes), and a **read pool**
//!   of [`SQLITE_READERS`] connections opened with `query_only`, which WAL lets read
//!   concurrently with the writer and with each other. An in-memory database
//!   (`sqlite::memory:`) exists only as long as a connection to it, so it uses a single
//!   connection, never recycled, for both.
//! - PostgreSQL handles concurrency itself: [`PgStore`] uses one pool of up to
//!   [`PG_MAX_CONNECTIONS`] connections.
//!
//! # Bulk upsert
//!
//! [`Store::upsert_blocklist`] must take a million entries well within 30 s. It
//! deduplicates and sorts the entries by key (so the B-tree fills in order), then runs
//! one transaction of chunked statements whose SQL text repeats, so the prepared
//! statement is reused: on SQLite a multi-row `INSERT … VALUES (…),(…) ON CONFLICT DO
//! UPDATE … WHERE <something differs>` of 1,000 rows (anonymous `?` parameters, and a
//! 64 MiB page cache on the writer), on PostgreSQL an `INSERT … SELECT FROM UNNEST(…)`
//! of 10,000 rows bound as arrays. Unchanged rows are not rewritten. `benches/upsert.rs`
//! measures it (`cargo bench -p store --bench upsert`).
//!
//! # Migrations
//!
//! The schema is created by reviewed SQL files embedded in the binary with
//! `sqlx::migrate!`, one directory per engine: `migrations/sqlite/` and
//! `migrations/postgres/`, numbered `0001_init.sql`, `0002_….sql`, … and kept in step.
//! [`open`] applies the missing ones; re-opening an up-to-date database is a no-op.
//! A released file is never edited (sqlx stores a checksum of each applied file and
//! refuses to start if one changed): every change is a new file in both directories.
//! Two processes starting together apply each migration once: on PostgreSQL sqlx holds
//! an advisory lock while migrating; on SQLite each migration is one transaction, and
//! the process that loses the race retries once and finds it applied.
//!
//! Enumerations (role, severity) are CHECK constraints in both schemas. The JSON list
//! columns of `blocklist` are checked when loaded instead (a CHECK calling a function
//! costs SQLite a copy of every bound string on a million-row upsert).
//!
//! # Privacy
//!
//! Errors name tables, columns and the kind of a key, never a stored value that may be
//! personal data (a reported phone number or email) or a secret (meta values, key
//! hashes). The only values quoted are registry channels in [`StoreError::Corrupt`],
//! which are public official channels.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

pub mod allowlist;
mod audit;
pub mod backup;
pub mod batch;
mod blocklist;
pub mod campaigns;
pub mod changes;
mod engine;
pub mod feed_log;
mod feeds;
mod files;
pub mod friction;
mod keys;
mod meta;
mod postgres;
mod postgres_campaigns;
pub mod proposals;
mod registry;
pub mod reports;
pub mod revisions;
pub mod sent;
mod sqlite;
mod sqlite_campaigns;
mod sqlite_feed;
mod sqlite_writer;
pub mod transfer;
pub mod webhooks;

pub use campaigns::CampaignStore;
use engine::{Engine, EngineStore};
pub use feeds::{BLOCKLIST_GENERATION, SOURCE_REGIONS, set_source_region, source_regions};

pub use postgres::{PG_MAX_CONNECTIONS, PgStore};
pub use sqlite::{SQLITE_READERS, SqliteStore};
/// PostgreSQL connection options, for [`PgStore::connect_with`].
pub use sqlx::postgres::PgConnectOptions;

/// The callback of [`Store::merge_blocklist`]: given a key and its stored entry, the
/// entry to store, or `None` to leave it.
pub type MergeFn<'a> = dyn for<'k> FnMut(&'k str, Option<::blocklist::Entry>) -> Option<::blocklist::Entry>
    + Send
    + 'a;

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a single file (the default).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The engine's name, `"sqlite"` or `"postgres"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        })
    }
}

/// What an API key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages keys, the registry and the blocklist.
    Admin,
    /// Reviews reports and edits the blocklist.
    Analyst,
    /// A law-enforcement or industry partner, usually limited to a region.
    Partner,
    /// A service calling the verification API.
    Integrator,
}

impl Role {
    /// Every role, in order of decreasing privilege.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Analyst, Role::Partner, Role::Integrator];

    /// The stable lowercase name used in storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Partner => "partner",
            Role::Integrator => "integrator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`Role::from_str`]: the name is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role; expected one of: admin, analyst, partner, integrator")]
pub struct ParseRoleError;

impl FromStr for Role {
    type Err = ParseRoleError;

    /// Parses the name written by [`Role::as_str`] (exact, lowercase).
    fn from_str(s: &str) -> Result<Role, ParseRoleError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(ParseRoleError)
    }
}

/// Longest API key label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

/// An API key to create. The caller generates the secret and passes only its hash.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// Hash of the secret (e.g. SHA-256); unique among all keys.
    pub hash: [u8; 32],
    /// What the key may do.
    pub role: Role,
    /// The region the key is limited to: an ISO 3166-1 alpha-2 code in uppercase
    /// (`"HK"`), or `None` for all regions.
    pub region: Option<String>,
    /// A free description for administrators, at most [`MAX_LABEL_CHARS`] characters.
    pub label: Option<String>,
}

/// A stored API key (without its hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiKey {
    /// Identifier, unique and never reused.
    pub id: i64,
    /// What the key may do.
    pub role: Role,
    /// The region the key is limited to, if any (ISO 3166-1 alpha-2, uppercase).
    pub region: Option<String>,
    /// The administrators' description.
    pub label: Option<String>,
    /// Creation time, Unix seconds.
    pub created_at: i64,
    /// Revocation time, Unix seconds; `None` while the key is valid.
    pub revoked_at: Option<i64>,
}

/// What [`Store::upsert_blocklist`] did, counted over distinct keys.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct UpsertCounts {
    /// Keys that were not stored before.
    pub added: u64,
    /// Keys whose stored entry differed and was replaced.
    pub updated: u64,
    /// Keys whose stored entry was already identical.
    pub unchanged: u64,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database URL is not one of the accepted forms.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// The database could not be opened or reached.
    #[error("cannot open the {backend} database: {source}")]
    Connect {
        /// The engine.
        backend: Backend,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// The directory for the SQLite file could not be created.
    #[error("cannot create the directory {path} for the SQLite database: {source}")]
    CreateDir {
        /// The directory.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Applying the migrations failed (or the database has migrations this build does
    /// not know, or an applied migration file was edited).
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// Stored data no longer validates (edited by hand, or written by an incompatible
    /// version). The message names the table and the row or column concerned.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The record does not exist.
    #[error("not found")]
    NotFound,
    /// The write conflicts with stored data (e.g. an API key hash already in use).
    #[error("conflict: {0}")]
    Conflict(String),
    /// An argument is out of the accepted range (e.g. a malformed region code).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A query on the SQLite screening writer's own connection failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The writer thread has stopped (the process is shutting down).
    #[error("the store's writer has stopped")]
    WriterStopped,
    /// The writer thread could not be started.
    #[error("cannot start the store's writer thread: {0}")]
    Thread(#[source] std::io::Error),
    /// A file beside the database could not be written (the write probe's, a backup).
    #[error("cannot write {what}: {source}")]
    Io {
        /// What was being written (no path: errors may be shown to clients).
        what: &'static str,
        /// The I/O error (e.g. "No space left on device").
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// Whether the error comes from the environment rather than the request: a full
    /// disk, an I/O error, a read-only or vanished file, a lost connection, a stopped
    /// writer. Such an error says nothing about the data; the same write may succeed
    /// once the cause is gone (callers may retry later; operators should look at the
    /// disk rather than the request).
    pub fn is_fault(&self) -> bool {
        match self {
            StoreError::Database(e) | StoreError::Connect { source: e, .. } => sqlx_is_fault(e),
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
                sqlite_code_is_fault(f.extended_code)
            }
            StoreError::WriterStopped
            | StoreError::Thread(_)
            | StoreError::Io { .. }
            | StoreError::CreateDir { .. } => true,
            _ => false,
        }
    }
}

/// SQLite result codes of the environment: `SQLITE_IOERR` (10, and its extended
/// codes), `SQLITE_READONLY` (8), `SQLITE_CANTOPEN` (14), `SQLITE_FULL` (13),
/// `SQLITE_NOMEM` (7), `SQLITE_PROTOCOL` (15), `SQLITE_NOLFS` (22).
fn sqlite_code_is_fault(code: i32) -> bool {
    matches!(code & 0xff, 7 | 8 | 10 | 13 | 14 | 15 | 22)
}

fn sqlx_is_fault(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            let code = db.code();
            let code = code.as_deref().unwrap_or("");
            match code.parse::<i32>() {
                // SQLite reports its numeric (extended) result code.
                Ok(n) => sqlite_code_is_fault(n),
                // PostgreSQL SQLSTATE classes: 53 insufficient resources (disk full,
                // out of memory, too many connections), 58 system error (I/O), 57
                // operator intervention (shutdown), 08 connection exception.
                Err(_) => ["53", "58", "57", "08"]
                    .iter()
                    .any(|class| code.starts_with(class)),
            }
        }
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::BeginFailed
        | sqlx::Error::InvalidSavePointStatement => true,
        _ => false,
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        StoreError::Database(e)
    }
}

/// Persistence of everything antiscam keeps. Implemented by [`SqliteStore`] and
/// [`PgStore`]; obtain one with [`open`].
///
/// Every method that writes returns only once the write is durable.
#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    /// The engine behind this store.
    fn backend(&self) -> Backend;

    /// Loads the registry of official channels, validated through
    /// [`::registry::Registry::from_channels`] in stored order. A row that no longer
    /// validates is [`StoreError::Corrupt`], naming the brand, key and value.
    async fn load_registry(&self) -> Result<::registry::Registry, StoreError>;

    /// Replaces the whole registry in one transaction: readers see the old registry or
    /// the new one, never a mix.
    async fn replace_registry(&self, registry: &::registry::Registry) -> Result<(), StoreError>;

    /// Passes every blocklist entry to `sink`, ordered by key (bytewise), one row at a
    /// time: building the in-memory index this way never holds a second copy of a
    /// million entries.
    async fn for_each_blocklist(
        &self,
        sink: &mut (dyn FnMut(::blocklist::Entry) + Send),
    ) -> Result<(), StoreError>;

    /// Loads every blocklist entry, ordered by key (bytewise).
    async fn load_blocklist(&self) -> Result<Vec<::blocklist::Entry>, StoreError> {
        let mut entries = Vec::new();
        self.for_each_blocklist(&mut |e| entries.push(e)).await?;
        Ok(entries)
    }

    /// Inserts or replaces entries by key, in one transaction, with multi-row
    /// statements in chunks. When a key occurs more than once in `entries` the last
    /// occurrence wins, and the counts are over distinct keys. An entry identical to the
    /// stored one is not rewritten (its `updated_at` is kept) and counts as unchanged, so
    /// re-running with the same entries changes nothing.
    async fn upsert_blocklist(
        &self,
        entries: &[::blocklist::Entry],
    ) -> Result<UpsertCounts, StoreError>;

    /// Removes one key; `Ok(false)` if it was absent.
    async fn delete_blocklist(&self, key: &str) -> Result<bool, StoreError>;

    /// Merges feed data into the blocklist in one write transaction: for each of
    /// `keys` (distinct) `merge` gets the stored entry, if any, and returns the entry to
    /// store, or `None` to leave it as it is. Concurrent writers cannot interleave
    /// between the read and the write. Counts: added (no stored entry), updated (a
    /// changed entry), unchanged (`None`).
    async fn merge_blocklist(
        &self,
        keys: &[String],
        merge: &mut crate::MergeFn<'_>,
    ) -> Result<UpsertCounts, StoreError>;

    /// At most `limit` entries with keys after `after` (all when `None`), ordered by
    /// key (bytewise): export pages through the blocklist with this.
    async fn blocklist_page(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<::blocklist::Entry>, StoreError>;

    /// The blocklist's change counter ([`BLOCKLIST_GENERATION`] in meta): every write
    /// that changes the blocklist ([`Store::upsert_blocklist`],
    /// [`Store::delete_blocklist`], [`Store::merge_blocklist`]) raises it in the same
    /// transaction, so a server polling it learns of changes made by any process.
    async fn blocklist_generation(&self) -> Result<i64, StoreError> {
        let value = self.get_meta(BLOCKLIST_GENERATION).await?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Stores a new API key. A hash already in use is [`StoreError::Conflict`]; a
    /// malformed region or an overlong label is [`StoreError::InvalidInput`].
    async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey, StoreError>;

    /// Finds the key with this hash, if it exists and is not revoked.
    async fn find_api_key(&self, hash: &[u8; 32]) -> Result<Option<ApiKey>, StoreError>;

    /// Lists every key, revoked ones included, by id.
    async fn list_api_keys(&self) -> Result<Vec<ApiKey>, StoreError>;

    /// Revokes a key. `Ok(true)` if the key exists (revoking twice keeps the first
    /// revocation time), `Ok(false)` if there is no such key.
    async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError>;

    /// Reads a setting.
    async fn get_meta(&self, key: &str) -> Result<Option<String>, StoreError>;

    /// Writes a setting, replacing any previous value.
    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError>;

    /// Deletes a setting; `Ok(false)` if it was absent. On SQLite the row's bytes are
    /// overwritten (`secure_delete`) and the WAL is checkpointed and truncated, so a
    /// secret moved out of the database does not linger in its files.
    async fn delete_meta(&self, key: &str) -> Result<bool, StoreError>;

    /// Stores `value` only if `key` is absent, and returns the value now stored. Atomic:
    /// when two processes race, both get the same value, so a secret is created once.
    async fn init_meta(&self, key: &str, value: &str) -> Result<String, StoreError>;

    /// Creates and/or revokes API keys together with the audit record of the change,
    /// in one transaction: a key exists (or stops working) only with its record.
    /// Rotation is both at once. A `revoke` id that is not an active key fails the
    /// whole change with [`StoreError::NotFound`].
    async fn change_api_keys(&self, change: &KeyChange<'_>) -> Result<Option<ApiKey>, StoreError>;

    /// Checks that the store can write now, by writing: a small committed write
    /// (meta `health_probe`) through the same connection as every other write and,
    /// on SQLite, an empty transaction on the screening writer and a 64 KiB file
    /// written (not synced) beside the database (a full disk fails it even while
    /// SQLite can still reuse its WAL). Health checks call it periodically, never
    /// per request.
    async fn probe_write(&self) -> Result<(), StoreError>;

    /// Reports, triage, the blocklist lifecycle, disputes and the audit log.
    fn reports(&self) -> &dyn reports::ReportStore;

    /// Triage decisions under the two-person rule.
    fn decisions(&self) -> &dyn reports::DecisionStore;

    /// Registry proposals (the two-person rule).
    fn proposals(&self) -> &dyn proposals::ProposalStore;

    /// Campaign changes under review and partner resources.
    fn revisions(&self) -> &dyn revisions::RevisionStore;
    /// Campaigns, screenings and outcomes (issue 4).
    fn campaigns(&self) -> &dyn CampaignStore;

    /// Fingerprints of the messages the exchange sent ("did we send this?").
    fn sent(&self) -> &dyn sent::SentStore;

    /// The operator's allowlist: indicators Verify must not call impersonations (issue 11).
    fn allowlist(&self) -> &dyn allowlist::AllowlistStore;

    /// Webhook subscriptions and their outbox (issue 15).
    fn webhooks(&self) -> &dyn webhooks::WebhookStore;
    /// The friction ladder of screenings: steps, answers, holds (issue 14).
    fn friction(&self) -> &dyn friction::FrictionStore;
    /// The feed log: every version of every blocklist entry (TAXII, MISP feed,
    /// retractions).
    fn feed_log(&self) -> &dyn feed_log::FeedLogStore;

    /// A listener that wakes this process when another one changes what nodes keep in
    /// memory ([`changes`]); `None` when the engine cannot announce changes (SQLite:
    /// poll [`changes::Generations`] instead).
    async fn change_listener(&self) -> Result<Option<changes::ChangeListener>, StoreError> {
        Ok(None)
    }

    /// Closes the connections, waiting for those in use to be returned. Optional: the
    /// pools also close when the store is dropped, but closing lets SQLite checkpoint
    /// the WAL into the main file. The default does nothing.
    async fn close(&self) {}
}

/// [`Store`] for both engines, once: each method opens what it needs (a read, a write
/// transaction) and runs the entity's workflow; the rest is [`EngineStore`]'s.
#[async_trait::async_trait]
impl<S: EngineStore> Store for S {
    fn backend(&self) -> Backend {
        S::Engine::BACKEND
    }

    async fn load_registry(&self) -> Result<::registry::Registry, StoreError> {
        registry::load(self.read_pool()).await
    }

    async fn replace_registry(&self, registry: &::registry::Registry) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        registry::replace_in(&mut tx, registry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn for_each_blocklist(
        &self,
        sink: &mut (dyn FnMut(::blocklist::Entry) + Send),
    ) -> Result<(), StoreError> {
        blocklist::for_each(self.read_pool(), sink).await
    }

    async fn upsert_blocklist(
        &self,
        entries: &[::blocklist::Entry],
    ) -> Result<UpsertCounts, StoreError> {
        if entries.is_empty() {
            return Ok(UpsertCounts::default());
        }
        let mut tx = self.begin_write().await?;
        let counts = blocklist::upsert(&mut tx, entries, now()).await?;
        tx.commit().await?;
        Ok(counts)
    }

    async fn delete_blocklist(&self, key: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let deleted = blocklist::delete(&mut tx, key, now()).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    async fn merge_blocklist(
        &self,
        keys: &[String],
        merge: &mut MergeFn<'_>,
    ) -> Result<UpsertCounts, StoreError> {
        if keys.is_empty() {
            return Ok(UpsertCounts::default());
        }
        let mut tx = self.begin_write().await?;
        let counts = blocklist::merge(&mut tx, keys, merge, now()).await?;
        tx.commit().await?;
        Ok(counts)
    }

    async fn blocklist_page(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<::blocklist::Entry>, StoreError> {
        blocklist::page(self.read_pool(), after, limit).await
    }

    async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey, StoreError> {
        keys::create(self.write_pool(), key, now()).await
    }

    async fn find_api_key(&self, hash: &[u8; 32]) -> Result<Option<ApiKey>, StoreError> {
        keys::find(self.read_pool(), hash).await
    }

    async fn list_api_keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        keys::list(self.read_pool()).await
    }

    async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError> {
        keys::revoke(self.write_pool(), id, now()).await
    }

    async fn get_meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        meta::get(self.read_pool(), key).await
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        meta::set(self.write_pool(), key, value).await
    }

    async fn delete_meta(&self, key: &str) -> Result<bool, StoreError> {
        self.remove_meta(key).await
    }

    async fn init_meta(&self, key: &str, value: &str) -> Result<String, StoreError> {
        meta::init(self.write_pool(), key, value).await
    }

    async fn change_api_keys(&self, change: &KeyChange<'_>) -> Result<Option<ApiKey>, StoreError> {
        let mut tx = self.begin_write().await?;
        let created = keys::change(&mut tx, change).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn probe_write(&self) -> Result<(), StoreError> {
        self.check_writable().await
    }

    fn reports(&self) -> &dyn reports::ReportStore {
        self
    }

    fn decisions(&self) -> &dyn reports::DecisionStore {
        self
    }

    fn proposals(&self) -> &dyn proposals::ProposalStore {
        self
    }

    fn revisions(&self) -> &dyn revisions::RevisionStore {
        self
    }

    fn campaigns(&self) -> &dyn CampaignStore {
        self.campaign_store()
    }

    fn sent(&self) -> &dyn sent::SentStore {
        self
    }

    fn allowlist(&self) -> &dyn allowlist::AllowlistStore {
        self
    }

    fn webhooks(&self) -> &dyn webhooks::WebhookStore {
        self
    }

    fn friction(&self) -> &dyn friction::FrictionStore {
        self
    }

    fn feed_log(&self) -> &dyn feed_log::FeedLogStore {
        self
    }

    async fn change_listener(&self) -> Result<Option<changes::ChangeListener>, StoreError> {
        self.listen().await
    }

    async fn close(&self) {
        self.shut_down().await;
    }
}

/// A change to the API keys, for [`Store::change_api_keys`].
#[derive(Debug, Clone)]
pub struct KeyChange<'a> {
    /// The key to create, if any.
    pub create: Option<&'a NewApiKey>,
    /// The id of the key to revoke, if any.
    pub revoke: Option<i64>,
    /// Who makes the change.
    pub actor: &'a reports::Actor,
    /// The audit action (`key.create`, `key.revoke`, `key.rotate`).
    pub action: &'a str,
    /// Audit detail (JSON), written as given.
    pub detail: Option<&'a str>,
    /// When, Unix seconds.
    pub now: i64,
}

/// The URL forms [`open`] accepts, for error messages.
pub const ACCEPTED_URLS: &str = "expected sqlite:PATH, sqlite://PATH, sqlite::memory: \
     or postgres://USER@HOST[:PORT]/DATABASE (postgresql:// also accepted)";

/// Opens the database at `url`, creating a missing SQLite file and its parent
/// directory, and applies pending migrations.
///
/// Accepted URLs: `sqlite:PATH` or `sqlite://PATH` (relative or absolute; so
/// `sqlite:///var/lib/antiscam/db.sqlite` is absolute), `sqlite::memory:` (a private
/// in-memory database, for tests), and `postgres://…` or `postgresql://…` (any
/// libpq-style URL sqlx understands). Anything else is [`StoreError::InvalidUrl`].
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Err(StoreError::InvalidUrl(format!(
            "unknown scheme; {ACCEPTED_URLS}"
        )))
    }
}

/// The meta key the write probe ([`Store::probe_write`]) writes.
pub const HEALTH_PROBE: &str = "health_probe";

/// Current time, Unix seconds.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

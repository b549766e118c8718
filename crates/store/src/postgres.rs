//! The PostgreSQL engine.

use std::str::FromStr;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Pool, Postgres};

use crate::blocklist::EncodedEntry;
use crate::campaigns::CampaignStore;
use crate::engine::{Engine, EngineStore, Tx};
use crate::{ACCEPTED_URLS, Backend, StoreError};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// Most connections [`PgStore`] opens.
pub const PG_MAX_CONNECTIONS: u32 = 8;

/// How long a request waits for a connection before failing as unavailable.
pub const PG_ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Rows per upsert statement. The rows travel as seven array parameters, so one SQL
/// text serves every chunk and the size is bounded only by memory.
const UPSERT_CHUNK: usize = 10_000;

/// The PostgreSQL implementation of [`Store`]: one pool of up to
/// [`PG_MAX_CONNECTIONS`] connections, and the screenings' group-commit writer.
/// Tables live in the first schema of the connection's `search_path` (`public` by
/// default).
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
    /// Screenings, a batch per transaction (`postgres_campaigns`).
    pub(crate) screener: crate::postgres_campaigns::Screener,
}

impl PgStore {
    /// Connects to a `postgres://…` or `postgresql://…` URL and applies pending
    /// migrations.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(StoreError::InvalidUrl(format!(
                "not a PostgreSQL URL; {ACCEPTED_URLS}"
            )));
        }
        // The parser's messages name the faulty part, never the password.
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::InvalidUrl(format!("bad PostgreSQL URL ({e}); {ACCEPTED_URLS}"))
        })?;
        PgStore::connect_with(options).await
    }

    /// Connects with explicit options (e.g. a `search_path` set through
    /// [`PgConnectOptions::options`]) and applies pending migrations.
    pub async fn connect_with(options: PgConnectOptions) -> Result<PgStore, StoreError> {
        // sqlx prepares every statement once per connection, and PostgreSQL switches a
        // prepared statement to a generic plan after five runs. On a new installation
        // the tables are empty when that happens, so the generic plan scans them
        // sequentially, and keeps doing so as they grow: measured, screening on a
        // fresh database ran at 1,200/s against 3,000/s with plans made on a filled
        // one. Planning each run with its parameters costs microseconds here.
        let options = options.options([("plan_cache_mode", "force_custom_plan")]);
        let pool = PgPoolOptions::new()
            .max_connections(PG_MAX_CONNECTIONS)
            // While the server is away, fail a request in seconds (a 503 the client
            // retries) instead of holding it for sqlx's default 30 s.
            .acquire_timeout(PG_ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Connect {
                backend: Backend::Postgres,
                source,
            })?;
        // Migrations hold an advisory lock: concurrent starts apply each file once.
        MIGRATOR.run(&pool).await?;
        let screener = crate::postgres_campaigns::spawn_screener(pool.clone());
        let store = PgStore { pool, screener };
        crate::feed_log::FeedLogStore::backfill_feed_log(&store, crate::now()).await?;
        Ok(store)
    }
}

/// Upsert of one chunk. Rows identical to the stored ones are filtered out before the
/// insert: `ON CONFLICT DO UPDATE` would otherwise lock (and so write) every conflicting
/// row even when its `WHERE` rejects the update. The `WHERE` stays for rows changed
/// concurrently. Inserted or updated rows come back, `xmax = 0` marking insertions.
const UPSERT_SQL: &str = "INSERT INTO blocklist \
     (key, severity, categories, report_count, first_seen, last_seen, sources, updated_at) \
     SELECT u.key, u.severity, u.categories, u.report_count, u.first_seen, u.last_seen, \
            u.sources, $8 \
     FROM UNNEST($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[], \
                 $7::text[]) \
          AS u(key, severity, categories, report_count, first_seen, last_seen, sources) \
     LEFT JOIN blocklist AS b ON b.key = u.key \
     WHERE b.key IS NULL \
        OR (b.severity, b.categories, b.report_count, b.first_seen, b.last_seen, b.sources) \
           IS DISTINCT FROM (u.severity, u.categories, u.report_count, u.first_seen, \
           u.last_seen, u.sources) \
     ON CONFLICT (key) DO UPDATE SET \
         severity = EXCLUDED.severity, categories = EXCLUDED.categories, \
         report_count = EXCLUDED.report_count, first_seen = EXCLUDED.first_seen, \
         last_seen = EXCLUDED.last_seen, sources = EXCLUDED.sources, \
         updated_at = EXCLUDED.updated_at \
     WHERE (blocklist.severity, blocklist.categories, blocklist.report_count, \
            blocklist.first_seen, blocklist.last_seen, blocklist.sources) \
       IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.categories, EXCLUDED.report_count, \
            EXCLUDED.first_seen, EXCLUDED.last_seen, EXCLUDED.sources) \
     RETURNING (xmax = 0) AS inserted";

impl Engine for Postgres {
    const BACKEND: Backend = Backend::Postgres;
    const MAX_PARAMS: usize = 65_535;
    // In key order (the callers sort): concurrent writers lock rows in the same order.
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const SKIP_LOCKED: &'static str = " FOR UPDATE OF o SKIP LOCKED";
    // A transaction-level advisory lock (released at commit), two-key form with the
    // class "hook" (0x686f6f6b) as the screenings' locks use "scrn".
    const LOCK_OUTBOX: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(1752133483, 0)");
    const LOCK_REGISTRY: Option<&'static str> =
        Some("LOCK TABLE brands, channels IN SHARE ROW EXCLUSIVE MODE");
    const SCREENINGS_STATS_INDEX: &'static str = "";

    crate::engine::plumbing!(Postgres);

    async fn begin_write(pool: &Pool<Postgres>) -> Result<Tx<Postgres>, sqlx::Error> {
        pool.begin().await
    }

    fn placeholder(sql: &mut String, n: usize) {
        sql.push('$');
        sql.push_str(&n.to_string());
    }

    async fn upsert_rows(
        tx: &mut Tx<Postgres>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> Result<u64, StoreError> {
        Ok(Postgres::upsert_counted(tx, rows, now).await?.1)
    }

    /// `UNNEST` of arrays in chunks; the rows that come back were inserted or
    /// changed, `xmax = 0` marking insertions.
    async fn upsert_counted(
        tx: &mut Tx<Postgres>,
        rows: Vec<EncodedEntry<'_>>,
        now: i64,
    ) -> Result<(u64, u64), StoreError> {
        let (mut added, mut changed) = (0u64, 0u64);
        // Keys are sorted, so concurrent upserts lock rows in the same order.
        for chunk in rows.chunks(UPSERT_CHUNK) {
            let keys: Vec<&str> = chunk.iter().map(|e| e.key).collect();
            let severities: Vec<&str> = chunk.iter().map(|e| e.severity).collect();
            let categories: Vec<&str> = chunk.iter().map(|e| e.categories.as_str()).collect();
            let report_counts: Vec<i64> = chunk.iter().map(|e| e.report_count).collect();
            let first_seen: Vec<i64> = chunk.iter().map(|e| e.first_seen).collect();
            let last_seen: Vec<i64> = chunk.iter().map(|e| e.last_seen).collect();
            let sources: Vec<&str> = chunk.iter().map(|e| e.sources.as_str()).collect();
            let inserted: Vec<bool> = sqlx::query_scalar(UPSERT_SQL)
                .bind(&keys)
                .bind(&severities)
                .bind(&categories)
                .bind(&report_counts)
                .bind(&first_seen)
                .bind(&last_seen)
                .bind(&sources)
                .bind(now)
                .fetch_all(&mut **tx)
                .await?;
            changed += inserted.len() as u64;
            added += inserted.iter().filter(|&&i| i).count() as u64;
        }
        Ok((added, changed))
    }
}

#[async_trait::async_trait]
impl EngineStore for PgStore {
    type Engine = Postgres;

    fn read_pool(&self) -> &PgPool {
        &self.pool
    }

    fn write_pool(&self) -> &PgPool {
        &self.pool
    }

    fn campaign_store(&self) -> &dyn CampaignStore {
        self
    }

    async fn remove_meta(&self, key: &str) -> Result<bool, StoreError> {
        crate::meta::delete(&self.pool, key).await
    }

    async fn check_writable(&self) -> Result<(), StoreError> {
        // A committed write: PostgreSQL refuses it when its disk is full, it is in
        // recovery or read-only, or the connection is gone.
        crate::meta::set(&self.pool, crate::HEALTH_PROBE, &crate::now().to_string()).await
    }

    async fn listen(&self) -> Result<Option<crate::changes::ChangeListener>, StoreError> {
        Ok(Some(
            crate::changes::ChangeListener::connect(&self.pool).await?,
        ))
    }

    async fn shut_down(&self) {
        self.pool.close().await;
    }
}

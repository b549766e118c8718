//! The PostgreSQL engine.

use std::str::FromStr;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::{
    ACCEPTED_URLS, ApiKey, ApiKeyRow, Backend, BlocklistRow, ChannelRow, NewApiKey, Store,
    StoreError, UpsertCounts,
};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// Most connections [`PgStore`] opens.
pub const PG_MAX_CONNECTIONS: u32 = 8;

/// How long a request waits for a connection before failing as unavailable.
pub const PG_ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Rows per upsert statement. The rows travel as seven array parameters, so one SQL
/// text serves every chunk and the size is bounded only by memory.
const UPSERT_CHUNK: usize = 10_000;

/// The PostgreSQL implementation of [`Store`]: one pool of up to
/// [`PG_MAX_CONNECTIONS`] connections. Tables live in the first schema of the
/// connection's `search_path` (`public` by default).
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    /// A write transaction.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }

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
        Ok(PgStore { pool })
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

const API_KEY_SELECT: &str = "SELECT id, role, region, label, created_at, revoked_at FROM api_keys";

/// Upserts prepared rows in `tx`, in chunks; returns (added, added or changed).
pub(crate) async fn upsert_rows(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    prepared: &[crate::EncodedEntry<'_>],
    now: i64,
) -> Result<(u64, u64), StoreError> {
    let (mut added, mut changed) = (0u64, 0u64);
    // Keys are sorted, so concurrent upserts lock rows in the same order.
    for chunk in prepared.chunks(UPSERT_CHUNK) {
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
        // A row comes back when it was inserted or actually updated.
        changed += inserted.len() as u64;
        added += inserted.iter().filter(|&&i| i).count() as u64;
    }
    Ok((added, changed))
}

#[async_trait::async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn load_registry(&self) -> Result<registry::Registry, StoreError> {
        let rows: Vec<ChannelRow> = sqlx::query_as(
            "SELECT b.name, c.kind, c.value, c.chain, c.retired \
             FROM channels AS c JOIN brands AS b ON b.id = c.brand_id \
             ORDER BY b.position, c.position",
        )
        .fetch_all(&self.pool)
        .await?;
        crate::registry_from_rows(rows)
    }

    async fn replace_registry(&self, registry: &registry::Registry) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        replace_registry_in(&mut tx, registry).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn for_each_blocklist(
        &self,
        sink: &mut (dyn FnMut(blocklist::Entry) + Send),
    ) -> Result<(), StoreError> {
        use futures_util::TryStreamExt;
        let mut rows = sqlx::query_as::<_, BlocklistRow>(
            "SELECT key, severity, categories, report_count, first_seen, last_seen, sources \
             FROM blocklist ORDER BY key",
        )
        .fetch(&self.pool);
        let mut decoder = crate::RowDecoder::default();
        while let Some(row) = rows.try_next().await? {
            sink(decoder.decode(row)?);
        }
        Ok(())
    }

    async fn upsert_blocklist(
        &self,
        entries: &[blocklist::Entry],
    ) -> Result<UpsertCounts, StoreError> {
        let prepared = crate::prepare_entries(entries)?;
        let total = prepared.len() as u64;
        if total == 0 {
            return Ok(UpsertCounts::default());
        }
        let now = crate::now();
        let mut tx = self.pool.begin().await?;
        let (added, changed) = upsert_rows(&mut tx, &prepared, now).await?;
        if changed > 0 {
            crate::postgres_feeds::bump_generation(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(UpsertCounts {
            added,
            updated: changed - added,
            unchanged: total - changed,
        })
    }

    async fn delete_blocklist(&self, key: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM blocklist WHERE key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() > 0 {
            crate::postgres_feeds::bump_generation(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn merge_blocklist(
        &self,
        keys: &[String],
        merge: &mut crate::MergeFn<'_>,
    ) -> Result<UpsertCounts, StoreError> {
        crate::postgres_feeds::merge_blocklist(self, keys, merge).await
    }

    async fn blocklist_page(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<blocklist::Entry>, StoreError> {
        crate::postgres_feeds::blocklist_page(self, after, limit).await
    }

    async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey, StoreError> {
        crate::validate_new_key(key)?;
        let mut conn = self.pool.acquire().await?;
        insert_api_key(&mut conn, key, crate::now()).await
    }

    async fn find_api_key(&self, hash: &[u8; 32]) -> Result<Option<ApiKey>, StoreError> {
        let row: Option<ApiKeyRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{API_KEY_SELECT} WHERE hash = $1 AND revoked_at IS NULL"
        )))
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(crate::api_key_from_row).transpose()
    }

    async fn list_api_keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        let rows: Vec<ApiKeyRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{API_KEY_SELECT} ORDER BY id")))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(crate::api_key_from_row).collect()
    }

    async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1")
                .bind(id)
                .bind(crate::now())
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn change_api_keys(
        &self,
        change: &crate::KeyChange<'_>,
    ) -> Result<Option<ApiKey>, StoreError> {
        if let Some(key) = change.create {
            crate::validate_new_key(key)?;
        }
        let mut tx = self.pool.begin().await?;
        if let Some(id) = change.revoke {
            let done = sqlx::query(
                "UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
            )
            .bind(id)
            .bind(change.now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
        }
        let created = match change.create {
            None => None,
            Some(key) => Some(insert_api_key(&mut tx, key, change.now).await?),
        };
        let target = created
            .as_ref()
            .map(|k| k.id)
            .or(change.revoke)
            .map(|id| format!("key:{id}"));
        crate::postgres_reports::audit(
            &mut tx,
            change.actor,
            change.action,
            target.as_deref(),
            change.detail,
            change.now,
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn get_meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        crate::validate_meta_key(key)?;
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn delete_meta(&self, key: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM meta WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn init_meta(&self, key: &str, value: &str) -> Result<String, StoreError> {
        crate::validate_meta_key(key)?;
        // One statement: a racing insert waits for the other transaction, then takes
        // the update branch and returns the value that won.
        Ok(sqlx::query_scalar(
            "INSERT INTO meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = meta.value RETURNING value",
        )
        .bind(key)
        .bind(value)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn probe_write(&self) -> Result<(), StoreError> {
        // A committed write: PostgreSQL refuses it when its disk is full, it is in
        // recovery or read-only, or the connection is gone.
        self.set_meta(crate::HEALTH_PROBE, &crate::now().to_string())
            .await
    }

    fn reports(&self) -> &dyn crate::reports::ReportStore {
        self
    }

    fn proposals(&self) -> &dyn crate::proposals::ProposalStore {
        self
    }

    fn revisions(&self) -> &dyn crate::revisions::RevisionStore {
        self
    }

    fn campaigns(&self) -> &dyn crate::CampaignStore {
        self
    }

    async fn change_listener(&self) -> Result<Option<crate::changes::ChangeListener>, StoreError> {
        Ok(Some(
            crate::changes::ChangeListener::connect(&self.pool).await?,
        ))
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

fn position_i64(position: usize) -> i64 {
    i64::try_from(position).unwrap_or(i64::MAX)
}

/// Inserts a validated key.
async fn insert_api_key(
    conn: &mut sqlx::PgConnection,
    key: &NewApiKey,
    created_at: i64,
) -> Result<ApiKey, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_keys (hash, role, region, label, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&key.hash[..])
    .bind(key.role.as_str())
    .bind(key.region.as_deref())
    .bind(key.label.as_deref())
    .bind(created_at)
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::api_key_insert_error)?;
    Ok(ApiKey {
        id,
        role: key.role,
        region: key.region.clone(),
        label: key.label.clone(),
        created_at,
        revoked_at: None,
    })
}

/// Replaces the registry inside `tx` and raises the registry version.
pub(crate) async fn replace_registry_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    registry: &registry::Registry,
) -> Result<(), StoreError> {
    let rows = registry.to_channels();
    let names: Vec<&str> = registry.brands().iter().map(|b| b.name.as_str()).collect();
    let brand_positions: Vec<i64> = (0..names.len()).map(position_i64).collect();
    // Serializes concurrent replacements (each would otherwise delete only the rows
    // its snapshot saw) without blocking readers.
    sqlx::query("LOCK TABLE brands, channels IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM channels")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM brands").execute(&mut **tx).await?;
    sqlx::query(
        "INSERT INTO brands (name, position) \
         SELECT * FROM UNNEST($1::text[], $2::int8[])",
    )
    .bind(&names)
    .bind(&brand_positions)
    .execute(&mut **tx)
    .await?;
    let brands: Vec<&str> = rows.iter().map(|r| r.brand.as_str()).collect();
    let kinds: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let values: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
    let chains: Vec<Option<&str>> = rows.iter().map(|r| r.chain.as_deref()).collect();
    let retired: Vec<bool> = rows.iter().map(|r| r.retired).collect();
    let positions: Vec<i64> = (0..rows.len()).map(position_i64).collect();
    let inserted = sqlx::query(
        "INSERT INTO channels (brand_id, kind, value, chain, retired, position) \
         SELECT b.id, u.kind, u.value, u.chain, u.retired, u.position \
         FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], \
                     $6::int8[]) AS u(brand, kind, value, chain, retired, position) \
         JOIN brands AS b ON b.name = u.brand",
    )
    .bind(&brands)
    .bind(&kinds)
    .bind(&values)
    .bind(&chains)
    .bind(&retired)
    .bind(&positions)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted != rows.len() as u64 {
        // Dropping the transaction rolls it back.
        return Err(StoreError::InvalidInput(
            "a channel names a brand the registry lacks".into(),
        ));
    }
    sqlx::query(crate::proposals::BUMP_REGISTRY_VERSION)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

crate::proposals::impl_proposal_store!(
    PgStore,
    pool,
    PgStore::begin_write,
    replace_registry_in,
    crate::postgres_reports::audit
);

crate::revisions::impl_revision_store!(
    PgStore,
    pool,
    PgStore::begin_write,
    crate::postgres_reports::audit
);

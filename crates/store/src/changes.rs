//! What other processes changed: the counters several nodes on one database watch.
//!
//! Every node keeps in memory what it answers from: the verification index (registry
//! and blocklist), the active campaigns, the API keys it recently saw. Each of these
//! has a counter in `meta` that every write raises in the writer's own transaction:
//! the blocklist's [`crate::BLOCKLIST_GENERATION`] by the store's code, the others
//! (`gen:registry`, `gen:campaigns`, `gen:keys`, `gen:resources`, `gen:allowlist`) by
//! triggers (migrations 0008, 0015), so no code path, process or version can change a table without
//! raising its counter. A node reads [`Generations`] cheaply (six indexed reads) and
//! reloads what moved.
//!
//! On PostgreSQL a trigger also announces every raise on the channel [`CHANNEL`]
//! (delivered when the writer commits); [`ChangeListener`] wakes a node at once, so a
//! change made through one node is seen by the others in milliseconds. Polling stays
//! the fallback: a notification lost with a connection is caught at the next poll.

use crate::{Store, StoreError};

/// The PostgreSQL notification channel of change announcements.
pub const CHANNEL: &str = "antiscam_changes";

/// Meta key of the registry's change counter.
pub const REGISTRY: &str = "gen:registry";
/// Meta key of the campaigns' change counter.
pub const CAMPAIGNS: &str = "gen:campaigns";
/// Meta key of the API keys' change counter.
pub const KEYS: &str = "gen:keys";
/// Meta key of the partner resources' change counter.
pub const RESOURCES: &str = "gen:resources";
/// Meta key of the allowlist's change counter (migration 0015).
pub const ALLOWLIST: &str = "gen:allowlist";

/// The change counters at one moment. Two readings differ exactly in the entities
/// changed between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generations {
    /// Brands and channels.
    pub registry: i64,
    /// The blocklist.
    pub blocklist: i64,
    /// Campaigns.
    pub campaigns: i64,
    /// API keys.
    pub keys: i64,
    /// Partner resources.
    pub resources: i64,
    /// The operator's allowlist (part of the verification index).
    pub allowlist: i64,
}

impl Generations {
    /// Reads the counters (an absent counter is 0: nothing changed since the schema
    /// was made).
    pub async fn read(store: &dyn Store) -> Result<Generations, StoreError> {
        let get = |key: &'static str| async move {
            let v = store.get_meta(key).await?;
            Ok::<i64, StoreError>(v.and_then(|v| v.trim().parse().ok()).unwrap_or(0))
        };
        Ok(Generations {
            registry: get(REGISTRY).await?,
            blocklist: get(crate::BLOCKLIST_GENERATION).await?,
            campaigns: get(CAMPAIGNS).await?,
            keys: get(KEYS).await?,
            resources: get(RESOURCES).await?,
            allowlist: get(ALLOWLIST).await?,
        })
    }

    /// Whether the verification index (registry, blocklist or allowlist) must be rebuilt.
    pub fn index_changed(&self, before: &Generations) -> bool {
        self.registry != before.registry
            || self.blocklist != before.blocklist
            || self.allowlist != before.allowlist
    }
}

/// Wakes a node when another one changed something (PostgreSQL `LISTEN`).
pub struct ChangeListener {
    inner: sqlx::postgres::PgListener,
}

impl ChangeListener {
    pub(crate) async fn connect(pool: &sqlx::PgPool) -> Result<ChangeListener, StoreError> {
        let mut inner = sqlx::postgres::PgListener::connect_with(pool).await?;
        inner.listen(CHANNEL).await?;
        Ok(ChangeListener { inner })
    }

    /// Waits for the next announcement. After a lost connection sqlx reconnects and
    /// listens again on the next call; the caller should then poll, since what was
    /// announced meanwhile is lost.
    pub async fn recv(&mut self) -> Result<(), StoreError> {
        self.inner.recv().await?;
        Ok(())
    }
}

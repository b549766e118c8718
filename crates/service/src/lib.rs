//! The use cases of antiscam: one function per thing a user, the exchange's
//! withdrawal service, an analyst, a partner or an operator does, over the store and
//! the pure core. It knows neither HTTP nor the command line: `server` and the
//! `antiscam` binary are thin adapters that parse their input, build a [`Principal`],
//! call a [`Service`] method and render its result (through `wire`).
//!
//! What the service owns:
//! - the **store** (no adapter touches it);
//! - the in-memory **verification index**, rebuilt off the request path and swapped in
//!   atomically after a change, and the catching-up with changes other processes made
//!   ([`Service::poll_changes`]);
//! - the **secrets** (pseudonymization keys, the registry signing seed), reloaded when
//!   the key file changes;
//! - the **clock** and the **randomness** ([`clock`]), passed in so that tests fix them;
//! - the valid **API keys** recently seen ([`keys::KeyCache`]);
//! - the active **campaigns**, cached for screening ([`campaigns`]).
//! - the **report writer** and its background work ([`crate::reports::intake`]; started by
//!   [`Service::start_background`]).
//!
//! Errors are one type, [`Error`], which each adapter maps once.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use arc_swap::ArcSwap;

pub mod allowlist;
pub mod analyze;
pub mod campaigns;
pub mod clock;
pub mod demo;
mod error;
pub mod export;
pub mod import;
pub mod install;
pub mod keyring;
pub mod keys;
pub mod misp_feed;
pub mod offline;
mod principal;
pub mod proposals;
pub mod provenance;
pub mod reports;
pub mod retractions;
pub mod rotation;
pub mod signing;
pub mod taxii;
pub mod verification;
pub mod webhooks;

pub use crate::reports::ReportSettings;
pub use clock::{Clock, FixedClock, OsRandom, Random, SeqRandom, SystemClock};
pub use error::{Error, Result};
pub use install::{migrate_store, open_store};
pub use principal::Principal;
/// The vocabulary of stored records that the adapters render (the store itself is
/// reached only through the use cases).
pub use store::reports::{Group, StoredReport};
pub use store::{ApiKey, Role};

/// Settings of the use cases (the adapters have their own).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Region for phone numbers without a country code.
    pub default_region: Option<String>,
    /// The name this deployment gives itself in shared documents (exports).
    pub producer: Option<String>,
    /// Scam reports: auto-listing policy, aging, batches.
    pub reports: ReportSettings,
    /// Days a registered sent message is remembered ("did we send this?"); default
    /// [`provenance::DEFAULT_RETENTION_DAYS`].
    pub sent_retention_days: Option<u32>,
    /// Signed webhooks: targets allowed, retries, dead letters.
    pub webhooks: webhooks::WebhookSettings,
}

/// The time and randomness a [`Service`] uses.
#[derive(Clone)]
pub struct Runtime {
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The randomness of keys, references and identifiers.
    pub random: Arc<dyn Random>,
}

impl Default for Runtime {
    /// The system's clock and randomness.
    fn default() -> Runtime {
        Runtime {
            clock: Arc::new(SystemClock),
            random: Arc::new(OsRandom),
        }
    }
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

/// The least time between two rebuilds of the index for changes that may wait
/// ([`Service::reload_soon`]): short against the 2 s in which other nodes must see a
/// change, long against the 10–50 ms a rebuild of a large blocklist costs.
pub const REBUILD_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// What [`Service::poll_changes`] found changed since the last look.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// The registry or the blocklist: the index was rebuilt.
    pub index: bool,
    /// The campaigns.
    pub campaigns: bool,
    /// The API keys: the key cache was emptied.
    pub keys: bool,
    /// The partner resources.
    pub resources: bool,
}

impl Changes {
    /// Whether anything changed.
    pub fn any(&self) -> bool {
        self.index || self.campaigns || self.keys || self.resources
    }
}

/// The application: the store, the index, the secrets and the clock, and every use
/// case as a method (grouped by module: [`keys`], [`export`], [`signing`], …).
pub struct Service {
    store: Arc<dyn store::Store>,
    index: ArcSwap<verify::Index>,
    /// The registry the index was built from.
    registry: ArcSwap<registry::Registry>,
    settings: Settings,
    runtime: Runtime,
    /// Serializes rebuilds so that two concurrent changes cannot swap in an older index
    /// after a newer one.
    rebuild: tokio::sync::Mutex<()>,
    /// When the last rebuild started reading the store (see [`Service::reload_soon`]).
    rebuilt_at: Mutex<Option<tokio::time::Instant>>,
    /// The store's change counters when this process last caught up with them.
    generations: Mutex<store::changes::Generations>,
    /// Valid API keys recently seen.
    key_cache: keys::KeyCache,
    /// The pseudonymization keys and the signing seed (never in the store).
    secrets: ArcSwap<secrets::Secrets>,
    /// The active campaigns, cached for screening.
    campaigns: campaigns::Cache,
    /// The report writer and the rebuild signal ([`crate::reports::intake`]).
    intake: crate::reports::intake::Intake,
    /// The key file's modification time when last read, to reload it when it changes.
    secrets_mtime: Mutex<Option<SystemTime>>,
    /// The webhook delivery worker ([`webhooks`]).
    webhooks: webhooks::Worker,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Service {
    /// Loads the registry and blocklist from the store and builds the first index.
    /// `secrets` come from [`keyring::load`] (or are generated, for tests).
    pub async fn new(
        store: Arc<dyn store::Store>,
        settings: Settings,
        secrets: secrets::Secrets,
        runtime: Runtime,
    ) -> Result<Service> {
        let service = Service::open(store, settings, secrets, runtime);
        service.reload().await?;
        service.reload_campaigns().await?;
        Ok(service)
    }

    /// A service whose verification index is empty until [`Service::reload`]: for
    /// commands that do not verify (keys, exports), which should not pay for reading
    /// a million blocklist entries.
    pub fn open(
        store: Arc<dyn store::Store>,
        settings: Settings,
        secrets: secrets::Secrets,
        runtime: Runtime,
    ) -> Service {
        let empty = registry::Registry::default();
        // The settings' default region even before the first load: commands that
        // never load the index still read indicators as Verify would.
        let index = verify::Index::build(
            &empty,
            blocklist::Builder::default().finish(),
            verify::Options {
                default_region: settings.default_region.clone(),
            },
        );
        Service {
            store,
            index: ArcSwap::from_pointee(index),
            registry: ArcSwap::from_pointee(empty),
            settings,
            runtime,
            rebuild: tokio::sync::Mutex::new(()),
            rebuilt_at: Mutex::new(None),
            generations: Mutex::new(store::changes::Generations::default()),
            key_cache: keys::KeyCache::default(),
            intake: crate::reports::intake::Intake::default(),
            secrets_mtime: Mutex::new(key_file_mtime(&secrets)),
            secrets: ArcSwap::from_pointee(secrets),
            campaigns: campaigns::Cache::default(),
            webhooks: webhooks::Worker::default(),
        }
    }

    /// Now, Unix seconds, from the service's clock.
    pub fn now(&self) -> i64 {
        self.runtime.clock.now()
    }

    /// Now, Unix microseconds.
    pub fn now_micros(&self) -> i64 {
        self.runtime.clock.now_micros()
    }

    /// Fills `buf` from the service's randomness.
    pub fn random(&self, buf: &mut [u8]) -> Result<()> {
        self.runtime.random.fill(buf)
    }

    /// The service's clock and randomness.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The index verification reads now.
    pub fn index(&self) -> arc_swap::Guard<Arc<verify::Index>> {
        self.index.load()
    }

    /// The index, owned: for work moved off the reactor.
    pub fn index_arc(&self) -> Arc<verify::Index> {
        self.index.load_full()
    }

    /// The registry of the index verification reads now.
    pub fn registry(&self) -> Arc<registry::Registry> {
        self.registry.load_full()
    }

    /// The secrets now (a rotation by another process is picked up by
    /// [`Service::reload_secrets`]).
    pub fn secrets(&self) -> Arc<secrets::Secrets> {
        self.secrets.load_full()
    }

    /// Replaces the secrets (after a rotation in this process).
    pub fn replace_secrets(&self, secrets: secrets::Secrets) {
        if let Ok(mut m) = self.secrets_mtime.lock() {
            *m = key_file_mtime(&secrets);
        }
        self.secrets.store(Arc::new(secrets));
    }

    /// Reads the key file again if it changed since it was read (another process
    /// rotated a key). Returns whether it reloaded. Secrets from the environment never
    /// change.
    pub fn reload_secrets(&self) -> Result<bool, secrets::SecretsError> {
        let current = self.secrets();
        let secrets::Origin::File(path) = current.origin() else {
            return Ok(false);
        };
        let mtime = key_file_mtime(&current);
        let unchanged = self.secrets_mtime.lock().map_or(true, |m| *m == mtime);
        if unchanged {
            return Ok(false);
        }
        let fresh = secrets::Secrets::load(path, self.now())?;
        self.replace_secrets(fresh);
        Ok(true)
    }

    /// Rebuilds the index from the store and swaps it in.
    pub async fn reload(&self) -> Result<()> {
        let _guard = self.rebuild.lock().await;
        self.reload_locked().await
    }

    /// Rebuilds the index for a change that may wait a moment (automatic listings,
    /// other processes' changes): at most one rebuild per [`REBUILD_EVERY`] while
    /// changes stream in, and none at all when a rebuild started after this was asked
    /// (it read the change already). An analyst's decision uses [`Service::reload`],
    /// which never waits. Without this, a stream of public reports that list
    /// indicators rebuilt the whole index ten times a second and halved intake.
    pub async fn reload_soon(&self) -> Result<()> {
        let asked = tokio::time::Instant::now();
        let wait = self
            .rebuilt_at
            .lock()
            .ok()
            .and_then(|at| *at)
            .map_or(std::time::Duration::ZERO, |at| {
                REBUILD_EVERY.saturating_sub(at.elapsed())
            });
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let _guard = self.rebuild.lock().await;
        let fresh = self
            .rebuilt_at
            .lock()
            .ok()
            .and_then(|at| *at)
            .is_some_and(|at| at >= asked);
        if fresh {
            return Ok(());
        }
        self.reload_locked().await
    }

    /// [`Service::reload`] with the rebuild lock held.
    async fn reload_locked(&self) -> Result<()> {
        if let Ok(mut at) = self.rebuilt_at.lock() {
            *at = Some(tokio::time::Instant::now());
        }
        // Read before building: a change made meanwhile then shows as a newer number.
        let seen = store::changes::Generations::read(self.store.as_ref()).await?;
        let (index, registry) = build(self.store.as_ref(), &self.settings).await?;
        self.index.store(Arc::new(index));
        self.registry.store(Arc::new(registry));
        if let Ok(mut g) = self.generations.lock() {
            if *g == store::changes::Generations::default() {
                // The first load: the other counters start here too.
                *g = seen;
            } else {
                g.registry = seen.registry;
                g.blocklist = seen.blocklist;
                g.allowlist = seen.allowlist;
            }
        }
        Ok(())
    }

    /// Catches up with changes made by other processes (`antiscam import`, another
    /// node, any writer through the store): rebuilds the index when the registry or the
    /// blocklist moved, forgets the cached API keys when keys changed, reloads the
    /// active campaigns when they changed, and says what changed (the caller reloads
    /// what it caches itself). Six indexed reads when
    /// nothing changed.
    pub async fn poll_changes(&self) -> Result<Changes> {
        let now = store::changes::Generations::read(self.store.as_ref()).await?;
        let before = self.generations.lock().map(|g| *g).unwrap_or_default();
        let changes = Changes {
            index: now.index_changed(&before),
            campaigns: now.campaigns != before.campaigns,
            keys: now.keys != before.keys,
            resources: now.resources != before.resources,
        };
        if changes.keys {
            self.key_cache.clear();
        }
        if changes.index {
            self.reload_soon().await?;
        }
        if changes.campaigns {
            self.reload_campaigns().await?;
        }
        if let Ok(mut g) = self.generations.lock() {
            g.keys = now.keys;
            g.campaigns = now.campaigns;
            g.resources = now.resources;
            // `reload` may have seen newer counters than this reading.
            g.registry = g.registry.max(now.registry);
            g.blocklist = g.blocklist.max(now.blocklist);
            g.allowlist = g.allowlist.max(now.allowlist);
        }
        Ok(changes)
    }

    /// The store's change notifications (PostgreSQL), if it has them.
    pub async fn change_listener(&self) -> Result<Option<store::changes::ChangeListener>> {
        Ok(self.store.change_listener().await?)
    }

    /// Closes the store's connections (a command that ends).
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Whether the store can write now (the health probe).
    pub async fn probe_write(&self) -> Result<(), store::StoreError> {
        self.store.probe_write().await
    }
}

/// The key file's modification time, if the secrets come from one.
fn key_file_mtime(secrets: &secrets::Secrets) -> Option<SystemTime> {
    match secrets.origin() {
        secrets::Origin::File(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        _ => None,
    }
}

/// Builds a verification index from the store: the registry, the blocklist and the
/// operator's allowlist.
pub async fn build_index(
    store: &dyn store::Store,
    settings: &Settings,
) -> Result<verify::Index, store::StoreError> {
    Ok(build(store, settings).await?.0)
}

/// Builds a verification index and returns it with the registry it holds.
async fn build(
    store: &dyn store::Store,
    settings: &Settings,
) -> Result<(verify::Index, registry::Registry), store::StoreError> {
    let registry = store.load_registry().await?;
    // Streamed into the builder: a million entries are never held twice.
    let mut builder = blocklist::Builder::default();
    store.for_each_blocklist(&mut |e| builder.push(e)).await?;
    let allowed: Vec<String> = store
        .allowlist()
        .list_allowlist()
        .await?
        .into_iter()
        .map(|e| e.key)
        .collect();
    let options = verify::Options {
        default_region: settings.default_region.clone(),
    };
    // Building the matcher and trimming the table is CPU work: keep it off the reactor.
    tokio::task::spawn_blocking(move || {
        let index =
            verify::Index::build(&registry, builder.finish(), options).with_allowlist(allowed);
        (index, registry)
    })
    .await
    .map_err(|e| store::StoreError::Corrupt(format!("index build failed: {e}")))
}

#[cfg(test)]
mod tests;

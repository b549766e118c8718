//! The HTTP layer: the JSON API under `/v1`, the web pages, the health endpoints
//! (`/livez`, `/readyz`, `/healthz`: see [`health`]) and `/openapi.json`.
//!
//! It is thin on purpose: a handler parses and size-checks its input, authorizes the
//! caller, calls the pure core (`verify`) and the [`store::Store`], and maps every
//! failure to the one JSON error shape of [`ApiError`]. Verification reads an in-memory
//! [`verify::Index`] held in an [`ArcSwap`]: a change to the registry or the blocklist
//! is written to the store first, then a new index is built and swapped in, so readers
//! never wait and never query the database.

use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

mod analyze;
mod api;
pub mod auth;
mod campaign_review;
pub mod campaigns;
pub mod client;
mod csrf;
mod error;
pub mod export;
pub mod guard;
pub mod health;
pub mod keyring;
pub mod keys;
pub mod net;
pub mod proposals;
mod ratelimit;
mod reports;
mod session;
pub mod signing;
mod web;

pub use client::TrustedProxies;
pub use error::ApiError;
pub use guard::{Rate, RateSettings};
pub use net::Limits;
pub use ratelimit::RateLimiter;
pub use reports::ReportSettings;

/// Largest request body accepted anywhere, in bytes (the registry document is the
/// largest legitimate one).
pub const MAX_BODY_BYTES: usize = registry::MAX_DOCUMENT_BYTES;
/// Most inputs in one `POST /v1/verify`.
pub const MAX_BATCH: usize = 500;

/// Settings the server needs at run time.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Region for phone numbers without a country code.
    pub default_region: Option<String>,
    /// Brand named on the web pages ("Is it really us?").
    pub site_brand: Option<String>,
    /// Scam reports: auto-listing policy, rate limit, aging.
    pub reports: ReportSettings,
    /// Rate limits of the other requests.
    pub rates: RateSettings,
    /// Connection limits and timeouts.
    pub limits: Limits,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    /// Key of the web forms' CSRF tokens; when `None`, derived from the key file so that
    /// all nodes sharing it agree.
    pub csrf_key: Option<[u8; 32]>,
    /// The site is served over TLS (behind a proxy): cookies get `Secure`.
    pub secure_cookies: bool,
}

/// Shared state of all handlers.
pub struct AppState {
    store: Arc<dyn store::Store>,
    index: ArcSwap<verify::Index>,
    /// The registry the index was built from (the official channels page lists it).
    registry: ArcSwap<registry::Registry>,
    settings: Settings,
    /// Serializes rebuilds so that two concurrent changes cannot swap in an older index
    /// after a newer one.
    rebuild: tokio::sync::Mutex<()>,
    /// The store's change counters when this process last caught up with them (see
    /// [`AppState::poll_changes`]).
    generations: std::sync::Mutex<store::changes::Generations>,
    /// Report intake: the group-commit writer, the rate limiter.
    intake: reports::Intake,
    /// Withdrawal screening and campaigns.
    campaigns: campaigns::CampaignState,
    /// Valid API keys recently seen.
    keys: auth::KeyCache,
    /// Rate limiters of the guard middleware.
    limiters: guard::Limiters,
    /// The web forms' CSRF tokens.
    csrf: csrf::Csrf,
    /// The console's session cookies.
    sessions: session::Sessions,
    /// Whether the store can write (the write probe's last result), and shutdown.
    health: health::Health,
    /// The pseudonymization keys and the signing seed (never in the store).
    secrets: ArcSwap<secrets::Secrets>,
    /// The key file's modification time when last read, to reload it when it changes.
    secrets_mtime: std::sync::Mutex<Option<std::time::SystemTime>>,
}

impl AppState {
    /// Loads the registry and blocklist from the store and builds the first index.
    /// `secrets` come from [`keyring::load`] (or are generated, for tests).
    pub async fn new(
        store: Arc<dyn store::Store>,
        settings: Settings,
        secrets: secrets::Secrets,
    ) -> Result<Arc<AppState>, store::StoreError> {
        // Read before building: a change made meanwhile then shows as a newer number.
        let generations = store::changes::Generations::read(store.as_ref()).await?;
        let (index, registry) = build(store.as_ref(), &settings).await?;
        let intake = reports::Intake::new(&store, &settings.reports)?;
        let campaigns = campaigns::CampaignState::new(store.as_ref()).await?;
        let limiters = guard::Limiters::new(
            &settings.rates,
            Rate {
                per_minute: settings.reports.per_minute,
                burst: settings.reports.burst,
            },
        );
        // Derived from the key file's first reporter key, so that every node sharing
        // the key file accepts the forms the others served (and a rotation of the
        // reporter key does not expire open forms).
        let csrf_key = match settings.csrf_key {
            Some(k) => k,
            None => {
                let first = secrets
                    .ring(secrets::Purpose::Reporter)
                    .keys()
                    .first()
                    .map(|k| *k.secret())
                    .unwrap_or_default();
                keyring::hmac(&first, &[b"antiscam-csrf-v1"])
            }
        };
        let csrf = csrf::Csrf::new(&csrf_key, settings.secure_cookies);
        // The console's session key, from the same secret under another label.
        let sessions = session::Sessions::new(
            &keyring::hmac(&csrf_key, &[b"antiscam-console-session-v1"]),
            settings.secure_cookies,
        );
        let state = Arc::new(AppState {
            csrf,
            sessions,
            limiters,
            campaigns,
            keys: auth::KeyCache::default(),
            store,
            index: ArcSwap::from_pointee(index),
            registry: ArcSwap::from_pointee(registry),
            settings,
            rebuild: tokio::sync::Mutex::new(()),
            generations: std::sync::Mutex::new(generations),
            intake,
            health: health::Health::default(),
            secrets_mtime: std::sync::Mutex::new(key_file_mtime(&secrets)),
            secrets: ArcSwap::from_pointee(secrets),
        });
        reports::start(&state);
        health::start(&state);
        Ok(state)
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

    /// The store.
    pub fn store(&self) -> &Arc<dyn store::Store> {
        &self.store
    }

    /// The server's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The secrets now (a rotation by `antiscam secrets rotate` is picked up within
    /// [`POLL_INTERVAL`]).
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
        let fresh = secrets::Secrets::load(path, now())?;
        self.replace_secrets(fresh);
        Ok(true)
    }

    /// Rebuilds the index from the store and swaps it in.
    pub async fn reload(&self) -> Result<(), store::StoreError> {
        let _guard = self.rebuild.lock().await;
        let seen = store::changes::Generations::read(self.store.as_ref()).await?;
        let (index, registry) = build(self.store.as_ref(), &self.settings).await?;
        self.index.store(Arc::new(index));
        self.registry.store(Arc::new(registry));
        if let Ok(mut g) = self.generations.lock() {
            g.registry = seen.registry;
            g.blocklist = seen.blocklist;
        }
        Ok(())
    }

    /// Catches up with changes made by other processes (`antiscam import`, another
    /// node, any writer through `Store`): rebuilds the index when the registry or the
    /// blocklist moved, reloads the campaigns when they moved, forgets the cached API
    /// keys when keys changed. Returns whether anything was reloaded. Five indexed
    /// reads when nothing changed.
    pub async fn poll_changes(&self) -> Result<bool, store::StoreError> {
        let now = store::changes::Generations::read(self.store.as_ref()).await?;
        let before = self.generations.lock().map(|g| *g).unwrap_or_default();
        if now == before {
            return Ok(false);
        }
        if now.keys != before.keys {
            self.keys.clear();
        }
        if now.campaigns != before.campaigns {
            campaigns::reload_cache(self).await?;
        }
        if now.index_changed(&before) {
            self.reload().await?;
        }
        // Partner resources are read from the store when used: nothing to reload.
        if let Ok(mut g) = self.generations.lock() {
            g.keys = now.keys;
            g.campaigns = now.campaigns;
            g.resources = now.resources;
            // `reload` may have seen newer counters than this reading.
            g.registry = g.registry.max(now.registry);
            g.blocklist = g.blocklist.max(now.blocklist);
        }
        Ok(true)
    }
}

/// The key file's modification time, if the secrets come from one.
fn key_file_mtime(secrets: &secrets::Secrets) -> Option<std::time::SystemTime> {
    match secrets.origin() {
        secrets::Origin::File(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        _ => None,
    }
}

/// Builds a verification index from the store: the registry and the blocklist.
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
    let options = verify::Options {
        default_region: settings.default_region.clone(),
    };
    // Building the matcher and trimming the table is CPU work: keep it off the reactor.
    tokio::task::spawn_blocking(move || {
        let index = verify::Index::build(&registry, builder.finish(), options);
        (index, registry)
    })
    .await
    .map_err(|e| store::StoreError::Corrupt(format!("index build failed: {e}")))
}

/// The application's routes.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(web::routes())
        .route("/livez", get(health::livez))
        .route("/readyz", get(health::readyz))
        .route("/healthz", get(health::healthz))
        .route("/openapi.json", get(api::openapi))
        .route("/v1/verify", get(api::verify_get).post(api::verify_post))
        .route(
            "/v1/registry",
            get(api::registry_get).put(proposals::registry_put),
        )
        .merge(analyze::routes())
        .merge(export::routes())
        .merge(signing::routes())
        .merge(reports::routes())
        .merge(campaigns::routes())
        .merge(keys::routes())
        .merge(proposals::routes())
        .merge(campaign_review::routes())
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyTimeoutLayer::new(
            state.settings.limits.body_read_timeout,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::guard,
        ))
        // Method and path only: queries and bodies carry what users check (phone
        // numbers, emails), which must never reach the logs.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
        .with_state(state)
}

/// How often the server checks the store for changes made elsewhere when nothing
/// announced them (SQLite, or a lost PostgreSQL notification).
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Serves until `shutdown` resolves, then finishes the requests in flight within the
/// shutdown deadline (see [`net`]). Meanwhile catches up with changes made elsewhere
/// ([`AppState::poll_changes`]) as soon as the store announces them, and at least
/// every [`POLL_INTERVAL`].
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let poller = tokio::spawn(poll_loop(state.clone()));
    let draining = Arc::clone(&state);
    // `/readyz` answers 503 from the moment shutdown begins, while requests finish.
    let shutdown = async move {
        shutdown.await;
        draining.health.start_draining();
    };
    let limits = state.settings.limits.clone();
    let trusted = state.settings.trusted_proxies.clone();
    let served = net::run(listener, router(state), limits, trusted, shutdown).await;
    poller.abort();
    served
}

async fn poll_loop(state: Arc<AppState>) {
    let mut listener = match state.store.change_listener().await {
        Ok(listener) => listener,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for changes; polling only");
            None
        }
    };
    let mut tick = tokio::time::interval(POLL_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        match listener.as_mut() {
            Some(l) => tokio::select! {
                _ = tick.tick() => {}
                heard = l.recv() => if let Err(e) = heard {
                    // sqlx reconnects on the next call; until then the ticks poll.
                    tracing::warn!(error = %e, "change notifications interrupted");
                    tick.tick().await;
                },
            },
            None => {
                tick.tick().await;
            }
        }
        match state.poll_changes().await {
            Ok(true) => tracing::info!(
                blocklist = state.index().blocklist().len(),
                "the store changed; caught up"
            ),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "cannot check the store for changes"),
        }
        match state.reload_secrets() {
            Ok(true) => tracing::info!("the key file changed; secrets reloaded"),
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = %e, "cannot reload the key file; keeping the keys in use")
            }
        }
    }
}

/// Current time, Unix seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

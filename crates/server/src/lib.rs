//! The HTTP layer: the JSON API under `/v1`, the web pages, the health endpoints
//! (`/livez`, `/readyz`, `/healthz`: see [`health`]) and `/openapi.json`.
//!
//! It is thin on purpose: a handler parses and size-checks its input, names the caller
//! (a [`service::Principal`]), calls one use case of the [`service::Service`], and
//! renders the result (a `wire` type) or maps the failure to the one JSON error shape
//! of [`ApiError`]. What is HTTP's own stays here: connections, rate limits, media
//! types, CSRF, the console's sessions, health endpoints.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use service::{Clock, keyring};
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
pub mod keys;
pub mod net;
pub mod openapi;
mod proposals;
mod ratelimit;
mod reports;
mod session;
pub mod signing;
pub mod taxii;
mod web;
mod webhooks;

pub use client::TrustedProxies;
pub use error::ApiError;
pub use guard::{Rate, RateSettings};
pub use net::Limits;
pub use ratelimit::RateLimiter;
pub use service::ReportSettings;

/// Largest request body accepted anywhere, in bytes (the registry document is the
/// largest legitimate one).
pub const MAX_BODY_BYTES: usize = registry::MAX_DOCUMENT_BYTES;
/// Most inputs in one `POST /v1/verify`.
pub const MAX_BATCH: usize = service::verification::MAX_BATCH;

/// Settings the server needs at run time.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Brand named on the web pages ("Is it really us?").
    pub site_brand: Option<String>,
    /// Scam reports: this layer reads their rate limit (`per_minute`, `burst`); the
    /// intake itself follows the service's copy (`service::Settings::reports`), which
    /// `antiscam serve` fills from the same configuration.
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
    /// The use cases.
    pub service: Arc<service::Service>,
    settings: Settings,
    /// Rate limiters of the guard middleware.
    limiters: guard::Limiters,
    /// The web forms' CSRF tokens.
    csrf: csrf::Csrf,
    /// The console's session cookies.
    sessions: session::Sessions,
    /// Whether the store can write (the write probe's last result), and shutdown.
    health: health::Health,
}

impl AppState {
    /// The HTTP layer over `service`.
    pub async fn new(
        service: Arc<service::Service>,
        settings: Settings,
    ) -> Result<Arc<AppState>, service::Error> {
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
                let first = service
                    .secrets()
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
            service,
            csrf,
            sessions,
            limiters,
            settings,
            health: health::Health::default(),
        });
        state.service.start_background();
        health::start(&state);
        Ok(state)
    }

    // Delegates for the handler modules whose use cases have not moved into
    // `service` yet.

    /// The index verification reads now.
    pub fn index(&self) -> arc_swap::Guard<Arc<verify::Index>> {
        self.service.index()
    }

    /// The index, owned: for work moved off the reactor.
    pub fn index_arc(&self) -> Arc<verify::Index> {
        self.service.index_arc()
    }

    /// The registry of the index verification reads now.
    pub fn registry(&self) -> Arc<registry::Registry> {
        self.service.registry()
    }

    /// The server's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The secrets now.
    pub fn secrets(&self) -> Arc<secrets::Secrets> {
        self.service.secrets()
    }

    /// Rebuilds the index from the store and swaps it in.
    pub async fn reload(&self) -> Result<(), service::Error> {
        self.service.reload().await
    }

    /// Catches up with changes made elsewhere ([`service::Service::poll_changes`]).
    pub async fn poll_changes(&self) -> Result<bool, service::Error> {
        let changes = self.service.poll_changes().await?;
        Ok(changes.any())
    }
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
        .merge(taxii::routes())
        .merge(reports::routes())
        .merge(campaigns::routes())
        .merge(keys::routes())
        .merge(proposals::routes())
        .merge(campaign_review::routes())
        .merge(webhooks::routes())
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
    let mut listener = match state.service.change_listener().await {
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
        match state.service.reload_secrets() {
            Ok(true) => tracing::info!("the key file changed; secrets reloaded"),
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = %e, "cannot reload the key file; keeping the keys in use")
            }
        }
    }
}

/// Current time, Unix seconds (the handlers not yet moved into `service`).
pub(crate) fn now() -> i64 {
    service::SystemClock.now()
}

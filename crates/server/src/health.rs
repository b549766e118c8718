//! Health endpoints, after the Kubernetes API server's `/livez`, `/readyz` and
//! `/healthz`:
//!
//! | path | question | `200` | `503` |
//! | --- | --- | --- | --- |
//! | `/livez` | is the process alive? (liveness probe: restart it if not) | it answers HTTP | never: a process that cannot answer does not answer |
//! | `/readyz` | should it get traffic now? (readiness probe) | the store can write and the server is not shutting down | the store cannot write, or shutdown has begun (with the reason) |
//! | `/healthz` | is it healthy? (monitoring; index sizes) | the store can write | the store cannot write (with the reason) |
//!
//! Liveness deliberately ignores the store: a full disk is not cured by restarting
//! the process, and a restart loses nothing but answers verifications (which never
//! touch the database) meanwhile. Readiness and health follow the store's ability to
//! **write**, which decides whether reports, screenings and triage can be accepted.
//!
//! Whether the store can write is known from [`store::Store::probe_write`], run by a
//! background task every [`PROBE_EVERY`] while healthy and every [`PROBE_EVERY_FAULTY`]
//! while not, and at once (at most every 250 ms) when a request fails with an internal
//! error (a full disk, an I/O error…). The endpoints only read the last result: a
//! health check never writes.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tokio::sync::Notify;

use crate::AppState;

/// How often the store's writes are probed while they work.
pub const PROBE_EVERY: Duration = Duration::from_secs(10);
/// How often they are probed while they fail: recovery shows within this.
pub const PROBE_EVERY_FAULTY: Duration = Duration::from_secs(1);
/// The least time between two probes, however many requests fail meanwhile.
const PROBE_GAP: Duration = Duration::from_millis(250);

/// Woken when a request fails with a store fault, so that the probe runs at once.
/// Process-wide: it only asks each server's probe to run early.
static FAULT_SEEN: Notify = Notify::const_new();
/// Counts [`fault_seen`] calls, so that one made while a probe task was not waiting
/// is not lost.
static FAULTS: AtomicU64 = AtomicU64::new(0);

/// Asks the write probes to run now (a request just failed with a store fault).
pub(crate) fn fault_seen() {
    FAULTS.fetch_add(1, Ordering::AcqRel);
    FAULT_SEEN.notify_waiters();
}

/// What the probes found and whether shutdown has begun.
#[derive(Default)]
pub(crate) struct Health {
    /// Why the store cannot write, or `None` while it can.
    fault: Mutex<Option<String>>,
    draining: AtomicBool,
}

impl Health {
    fn fault(&self) -> Option<String> {
        self.fault.lock().map_or_else(
            |_| Some("the health state is unavailable".into()),
            |f| f.clone(),
        )
    }

    fn set(&self, fault: Option<String>) {
        if let Ok(mut f) = self.fault.lock() {
            match (&*f, &fault) {
                (None, Some(why)) => tracing::error!(reason = %why, "the store cannot write"),
                (Some(_), None) => tracing::info!("the store can write again"),
                _ => {}
            }
            *f = fault;
        }
    }

    /// Marks the server as shutting down: `/readyz` answers 503 from now on.
    pub(crate) fn start_draining(&self) {
        self.draining.store(true, Ordering::Release);
    }
}

/// Starts the probe task. It holds a weak reference and ends with the state.
pub(crate) fn start(state: &Arc<AppState>) {
    let weak: Weak<AppState> = Arc::downgrade(state);
    tokio::spawn(async move {
        loop {
            let Some(state) = weak.upgrade() else { break };
            let seen = FAULTS.load(Ordering::Acquire);
            let fault = state.service.probe_write().await.err();
            let wait = if fault.is_some() {
                PROBE_EVERY_FAULTY
            } else {
                PROBE_EVERY
            };
            state
                .health
                .set(fault.map(|e| format!("the store cannot write: {e}")));
            drop(state);
            tokio::time::sleep(PROBE_GAP).await;
            let notified = FAULT_SEEN.notified();
            tokio::pin!(notified);
            // Registered before the counter is read: a fault seen after this wakes it.
            notified.as_mut().enable();
            if FAULTS.load(Ordering::Acquire) != seen {
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(wait.saturating_sub(PROBE_GAP)) => {}
                () = notified => {}
            }
        }
    });
}

fn unavailable(code: &str, message: String, mut body: wire::HealthView) -> Response {
    body.status = "unavailable";
    body.error = Some(wire::ErrorView {
        code: code.to_owned(),
        message,
        fields: None,
    });
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}

fn ok() -> wire::HealthView {
    wire::HealthView {
        status: "ok",
        error: None,
        brands: None,
        blocklist: None,
    }
}

/// `GET /livez`: the process answers.
pub(crate) async fn livez() -> Response {
    Json(ok()).into_response()
}

/// `GET /readyz`: the store can write and the server is not shutting down.
pub(crate) async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    if state.health.draining.load(Ordering::Acquire) {
        return unavailable("shutting_down", "the server is shutting down".into(), ok());
    }
    match state.health.fault() {
        Some(why) => unavailable("store_unwritable", why, ok()),
        None => Json(ok()).into_response(),
    }
}

/// `GET /healthz`: the store can write; the index's sizes.
pub(crate) async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let index = state.index();
    let body = wire::HealthView {
        brands: Some(index.brand_count()),
        blocklist: Some(index.blocklist().len()),
        ..ok()
    };
    match state.health.fault() {
        Some(why) => unavailable("store_unwritable", why, body),
        None => Json(body).into_response(),
    }
}

//! Connections: accepting, timing out and shutting down, whatever clients do.
//!
//! `axum::serve` has no header-read timeout and no connection cap, so a host that opens
//! thousands of connections and sends a byte now and then holds every file descriptor
//! (slowloris). This module runs hyper's HTTP/1 connection itself:
//!
//! - **Header-read timeout** ([`Limits::header_read_timeout`], ≤ 10 s): hyper starts the
//!   timer whenever it waits for a request head, so it is also the **idle keep-alive
//!   timeout**: a connection that sends no complete request head within it is closed.
//! - **Body-read timeout** ([`Limits::body_read_timeout`]): a body that does not arrive
//!   in full within it is answered `408` (tower-http's `RequestBodyTimeoutLayer`).
//! - **Connection caps**: at most [`Limits::max_connections`] open at once overall, and
//!   [`Limits::max_connections_per_client`] per client network (an IPv4 address or IPv6
//!   /64, by the connection's peer: at accept time no header has been read). Trusted
//!   proxies are exempt from the per-client cap (all their clients share their address).
//!   A connection over a cap is closed at once, before anything is read.
//! - **Graceful shutdown with a deadline**: on the shutdown signal the listener closes,
//!   idle connections close, requests in flight finish; whatever is still open after
//!   [`Limits::shutdown_deadline`] is dropped, so the process exits in time even if a
//!   client holds a half-sent request.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::client::{TrustedProxies, network_key};

/// Connection limits and timeouts.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time a client has to send a whole request head; also the idle keep-alive time.
    pub header_read_timeout: Duration,
    /// Time a client has to send a whole request body.
    pub body_read_timeout: Duration,
    /// Connections open at once, overall.
    pub max_connections: usize,
    /// Connections open at once from one client network.
    pub max_connections_per_client: usize,
    /// How long shutdown waits for requests in flight.
    pub shutdown_deadline: Duration,
}

impl Default for Limits {
    /// 10 s for a request head (a person's browser sends it in milliseconds), 30 s for a
    /// body (a 4 MiB registry over a slow link), 10,000 connections (well under the
    /// default 65,536 descriptors) of which 256 from one client (a browser opens 6; a
    /// NAT of an office more), 8 s to shut down (under the 10 s a supervisor waits
    /// before SIGKILL).
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            max_connections: 10_000,
            max_connections_per_client: 256,
            shutdown_deadline: Duration::from_secs(8),
        }
    }
}

/// Counts open connections, overall and per client network.
#[derive(Debug, Default)]
struct Counter {
    total: usize,
    per_client: HashMap<u128, usize>,
}

/// A connection's place under the caps, given back when dropped.
struct Slot {
    counter: Arc<Mutex<Counter>>,
    client: Option<u128>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut c = self.counter.lock().unwrap_or_else(|e| e.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(key) = self.client
            && let Some(n) = c.per_client.get_mut(&key)
        {
            *n -= 1;
            if *n == 0 {
                c.per_client.remove(&key);
            }
        }
    }
}

fn admit(
    counter: &Arc<Mutex<Counter>>,
    limits: &Limits,
    peer: SocketAddr,
    trusted: &TrustedProxies,
) -> Option<Slot> {
    let mut c = counter.lock().unwrap_or_else(|e| e.into_inner());
    if c.total >= limits.max_connections {
        return None;
    }
    let client = (!trusted.contains(peer.ip())).then(|| network_key(peer.ip()));
    if let Some(key) = client {
        let n = c.per_client.entry(key).or_insert(0);
        if *n >= limits.max_connections_per_client {
            return None;
        }
        *n += 1;
    }
    c.total += 1;
    Some(Slot {
        counter: Arc::clone(counter),
        client,
    })
}

/// Serves `router` on `listener` under `limits` until `shutdown` resolves, then shuts
/// down within [`Limits::shutdown_deadline`].
pub(crate) async fn run(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    trusted: TrustedProxies,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let counter = Arc::new(Mutex::new(Counter::default()));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: wait a
                    // little instead of spinning, then go on serving.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = admit(&counter, &limits, peer, &trusted) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move { Ok::<_, Infallible>(unwrap_infallible(router.oneshot(req).await)) }
        });
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // Errors here are the client's (reset, timeout, bad request line): hyper
            // has answered what it could.
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_deadline, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown deadline reached; closing the remaining connections");
    }
    Ok(())
}

/// The response of a service that cannot fail.
fn unwrap_infallible<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(s: &str) -> SocketAddr {
        s.parse().expect("address")
    }

    #[test]
    fn caps_per_client_and_overall() {
        let counter = Arc::new(Mutex::new(Counter::default()));
        let limits = Limits {
            max_connections: 3,
            max_connections_per_client: 2,
            ..Limits::default()
        };
        let none = TrustedProxies::default();
        let a1 = admit(&counter, &limits, peer("10.0.0.1:1"), &none);
        let a2 = admit(&counter, &limits, peer("10.0.0.1:2"), &none);
        assert!(a1.is_some() && a2.is_some());
        assert!(admit(&counter, &limits, peer("10.0.0.1:3"), &none).is_none());
        let b1 = admit(&counter, &limits, peer("10.0.0.2:1"), &none);
        assert!(b1.is_some());
        assert!(admit(&counter, &limits, peer("10.0.0.3:1"), &none).is_none());
        drop(a1);
        assert!(admit(&counter, &limits, peer("10.0.0.1:4"), &none).is_some());
        // The map does not keep clients without connections.
        drop(b1);
        assert!(
            !counter
                .lock()
                .expect("lock")
                .per_client
                .contains_key(&network_key("10.0.0.2".parse().expect("ip")))
        );
    }

    #[test]
    fn trusted_proxies_are_not_capped_per_client() {
        let counter = Arc::new(Mutex::new(Counter::default()));
        let limits = Limits {
            max_connections: 10,
            max_connections_per_client: 1,
            ..Limits::default()
        };
        let proxies = TrustedProxies::parse(&["10.0.0.0/8"]).expect("cidr");
        let slots: Vec<_> = (0..5)
            .map(|i| admit(&counter, &limits, peer(&format!("10.1.2.3:{i}")), &proxies))
            .collect();
        assert!(slots.iter().all(Option::is_some));
    }
}

//! The HTTP trust boundary: cross-site bodies, the error shape of every refusal, rate
//! limits per client and per key, trusted proxies, slow and greedy clients.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use super::harness::TestServer;

/// Reads until the server closes the connection; `None` if it is still open after
/// `bound` (a bound on a wait for an event, not a sleep).
async fn closed_within(stream: &mut TcpStream, bound: Duration) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    match tokio::time::timeout(bound, stream.read_to_end(&mut buf)).await {
        Ok(_) => Some(buf),
        Err(_) => None,
    }
}

async fn connect_from(source: &str, to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(format!("{source}:0").parse().expect("source"))?;
    socket.connect(to).await
}

#[tokio::test]
async fn browsers_cannot_send_api_bodies_cross_site() {
    let server = TestServer::start().await;
    let body = json!({"indicators": ["cross-site.example"]}).to_string();
    // The three content types a page elsewhere can send without a preflight.
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        for path in ["/v1/reports", "/v1/disputes", "/v1/analyze", "/v1/verify"] {
            let r = server
                .raw(
                    format!(
                        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
                         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                )
                .await;
            assert_eq!(r.status, 415, "{path} {content_type}: {}", r.text());
            assert_eq!(r.json()["error"]["code"], "unsupported_media_type");
        }
    }
    // Without a content type at all.
    let r = server
        .raw(
            format!(
                "POST /v1/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await;
    assert_eq!(r.status, 415);
    // JSON is fine.
    let r = server.post_json("/v1/reports", &body, &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn every_refusal_has_the_json_error_shape() {
    let server = TestServer::start().await;
    let admin = server.key(store::Role::Admin).await;
    let auth = format!("Bearer {admin}");
    let cases: Vec<(super::harness::Response, u16, &str)> = vec![
        (server.get("/nowhere", &[]).await, 404, "not_found"),
        (
            server
                .raw(b"DELETE /v1/verify HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .await,
            405,
            "method_not_allowed",
        ),
        (
            server
                .post_json(
                    "/v1/disputes/not-a-number",
                    r#"{"action": "reject"}"#,
                    &[("Authorization", &auth)],
                )
                .await,
            400,
            "bad_request",
        ),
        (
            server
                .post_json("/v1/reports", &"x".repeat(200 * 1024), &[])
                .await,
            413,
            "too_large",
        ),
        (
            server
                .post_json("/v1/analyze", &"x".repeat(8 * 1024 * 1024), &[])
                .await,
            413,
            "too_large",
        ),
        (server.get("/v1/keys", &[]).await, 401, "unauthorized"),
    ];
    for (i, (r, status, code)) in cases.into_iter().enumerate() {
        assert_eq!(r.status, status, "case {i}: {}", r.text());
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "case {i}"
        );
        let j = r.json();
        assert_eq!(j["error"]["code"], code, "case {i}: {j}");
        assert!(
            j["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "case {i}"
        );
    }
}

#[tokio::test]
async fn json_answers_are_not_sniffed_or_cached_and_bearer_is_case_insensitive() {
    let server = TestServer::start().await;
    let r = server.get("/v1/verify?q=example.com", &[]).await;
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let r = server.get("/", &[]).await;
    assert!(
        r.header("content-security-policy")
            .is_some_and(|c| c.contains("frame-ancestors 'none'"))
    );
    assert_eq!(r.header("x-frame-options"), Some("DENY"));

    let admin = server.key(store::Role::Admin).await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let r = server
            .get(
                "/v1/keys",
                &[("Authorization", &format!("{scheme} {admin}"))],
            )
            .await;
        assert_eq!(r.status, 200, "{scheme}: {}", r.text());
    }
}

#[tokio::test]
async fn public_endpoints_are_rate_limited_per_client() {
    let mut settings = server::Settings::default();
    settings.rates.lookups = server::Rate {
        per_minute: 1,
        burst: 3,
    };
    settings.rates.analyze = server::Rate {
        per_minute: 1,
        burst: 2,
    };
    let server = TestServer::start_with(settings).await;
    for _ in 0..3 {
        assert_eq!(
            server.get("/v1/verify?q=example.com", &[]).await.status,
            200
        );
    }
    // The header of an untrusted peer changes nothing.
    let r = server
        .get(
            "/v1/verify?q=example.com",
            &[("X-Forwarded-For", "198.51.100.7")],
        )
        .await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert!(
        r.header("retry-after")
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|s| s >= 1)
    );
    // The pages share the lookup budget.
    assert_eq!(server.get("/", &[]).await.status, 429);
    // Analysis has its own, tighter one.
    let body = json!({"text": "hello"}).to_string();
    assert_eq!(
        server.post_json("/v1/analyze", &body, &[]).await.status,
        200
    );
    assert_eq!(
        server.post_json("/v1/analyze", &body, &[]).await.status,
        200
    );
    assert_eq!(
        server.post_json("/v1/analyze", &body, &[]).await.status,
        429
    );
    // Health checks are never limited.
    for _ in 0..10 {
        assert_eq!(server.get("/healthz", &[]).await.status, 200);
    }
}

#[tokio::test]
async fn a_batch_costs_a_scraper_more_than_one_check() {
    let mut settings = server::Settings::default();
    settings.rates.lookups = server::Rate {
        per_minute: 1,
        burst: 60,
    };
    let server = TestServer::start_with(settings).await;
    let batch = json!({"inputs": vec!["example.com"; 500]}).to_string();
    assert_eq!(
        server.post_json("/v1/verify", &batch, &[]).await.status,
        200
    );
    let r = server.post_json("/v1/verify", &batch, &[]).await;
    assert_eq!(r.status, 429, "500 lookups cost 50 tokens: {}", r.text());
    // With a key, batches are the key's business.
    let staff = server.key(store::Role::Analyst).await;
    let auth = format!("Bearer {staff}");
    assert_eq!(
        server
            .post_json("/v1/verify", &batch, &[("Authorization", &auth)])
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn keys_are_limited_per_key_not_per_address() {
    let mut settings = server::Settings::default();
    settings.rates.staff = server::Rate {
        per_minute: 1,
        burst: 2,
    };
    let server = TestServer::start_with(settings).await;
    let a = format!("Bearer {}", server.key(store::Role::Analyst).await);
    let b = format!("Bearer {}", server.key(store::Role::Analyst).await);
    assert_eq!(
        server
            .get("/v1/triage", &[("Authorization", &a)])
            .await
            .status,
        200
    );
    assert_eq!(
        server
            .get("/v1/triage", &[("Authorization", &a)])
            .await
            .status,
        200
    );
    assert_eq!(
        server
            .get("/v1/triage", &[("Authorization", &a)])
            .await
            .status,
        429
    );
    assert_eq!(
        server
            .get("/v1/triage", &[("Authorization", &b)])
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn forwarded_for_counts_only_from_trusted_proxies() {
    let mut settings = server::Settings::default();
    settings.rates.lookups = server::Rate {
        per_minute: 1,
        burst: 1,
    };
    settings.trusted_proxies = server::TrustedProxies::parse(&["127.0.0.1"]).expect("proxy");
    let server = TestServer::start_with(settings).await;
    let from = |ip: &'static str| [("X-Forwarded-For", ip)];
    assert_eq!(
        server
            .get("/v1/verify?q=a.com", &from("198.51.100.1"))
            .await
            .status,
        200
    );
    assert_eq!(
        server
            .get("/v1/verify?q=a.com", &from("198.51.100.1"))
            .await
            .status,
        429
    );
    // A client cannot pick its address by prepending one.
    assert_eq!(
        server
            .get("/v1/verify?q=a.com", &from("203.0.113.5, 198.51.100.1"))
            .await
            .status,
        429
    );
    assert_eq!(
        server
            .get("/v1/verify?q=a.com", &from("198.51.100.2"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn slow_clients_are_cut_off_and_cannot_crowd_out_others() {
    let mut settings = server::Settings::default();
    settings.limits.header_read_timeout = Duration::from_secs(1);
    settings.limits.max_connections_per_client = 50;
    let server = TestServer::start_with(settings).await;
    // A request head that never ends: closed after the header-read timeout.
    let mut slow = TcpStream::connect(server.addr()).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    assert!(
        closed_within(&mut slow, Duration::from_secs(5))
            .await
            .is_some(),
        "a half-sent head is not held open"
    );
    // An idle keep-alive connection too.
    let mut idle = TcpStream::connect(server.addr()).await.expect("connect");
    assert!(
        closed_within(&mut idle, Duration::from_secs(5))
            .await
            .is_some(),
        "an idle connection is not held open"
    );

    // One host opens many connections and sends a byte now and then: beyond its cap
    // they are closed at once, and another client is served meanwhile.
    let mut held = Vec::new();
    for _ in 0..50 {
        let mut s = connect_from("127.0.0.2", server.addr())
            .await
            .expect("connect");
        s.write_all(b"G").await.expect("write");
        held.push(s);
    }
    let mut over = connect_from("127.0.0.2", server.addr())
        .await
        .expect("connect");
    let answer = closed_within(&mut over, Duration::from_secs(2)).await;
    assert_eq!(
        answer.as_deref(),
        Some(&b""[..]),
        "the 51st connection is closed unanswered"
    );
    let started = std::time::Instant::now();
    let r = server.get("/healthz", &[]).await;
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

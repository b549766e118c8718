//! Signed webhooks end to end (issue 15), on SQLite and PostgreSQL: a real receiver
//! (axum on port 0) that fails for a while and recovers, signatures checked here from
//! the header values by the Standard Webhooks rule (not with the server's code), order
//! per subject, no loss across a server restart with events pending, dead letters
//! and their replay, and who may subscribe to what.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine as _;
use hmac::{KeyInit as _, Mac as _};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ---------------------------------------------------------------------------------------
// The receiver
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Received {
    path: String,
    id: String,
    timestamp: String,
    signature: String,
    body: Vec<u8>,
}

#[derive(Default)]
struct ReceiverState {
    up: AtomicBool,
    failures: AtomicU32,
    got: Mutex<Vec<Received>>,
}

struct Receiver {
    addr: SocketAddr,
    state: Arc<ReceiverState>,
}

impl Receiver {
    async fn start() -> Receiver {
        let state = Arc::new(ReceiverState::default());
        state.up.store(true, Ordering::SeqCst);
        let shared = Arc::clone(&state);
        let app = axum::Router::new().fallback(
            move |uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
                let state = Arc::clone(&shared);
                async move {
                    if !state.up.load(Ordering::SeqCst) {
                        state.failures.fetch_add(1, Ordering::SeqCst);
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let h = |n: &str| {
                        headers
                            .get(n)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_owned()
                    };
                    state.got.lock().unwrap().push(Received {
                        path: uri.path().to_owned(),
                        id: h("webhook-id"),
                        timestamp: h("webhook-timestamp"),
                        signature: h("webhook-signature"),
                        body: body.to_vec(),
                    });
                    StatusCode::NO_CONTENT
                }
            },
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver { addr, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn set_up(&self, up: bool) {
        self.state.up.store(up, Ordering::SeqCst);
    }

    fn failures(&self) -> u32 {
        self.state.failures.load(Ordering::SeqCst)
    }

    /// Each event once (retries after a lost answer may repeat one), in arrival order.
    fn events(&self, path: &str) -> Vec<(Received, serde_json::Value)> {
        let mut seen = HashSet::new();
        self.state
            .got
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path && seen.insert(r.id.clone()))
            .map(|r| (r.clone(), serde_json::from_slice(&r.body).unwrap()))
            .collect()
    }
}

/// The Standard Webhooks check, written from the specification: the key is the
/// base64 after `whsec_`; the signed content is `{id}.{timestamp}.{body}`; the header
/// is space-separated `v1,<base64 HMAC-SHA256>` entries.
fn verify(secret: &str, r: &Received) -> bool {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.", r.id, r.timestamp).as_bytes());
    mac.update(&r.body);
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    r.signature
        .split(' ')
        .any(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// ---------------------------------------------------------------------------------------
// The server, started and stopped on one database
// ---------------------------------------------------------------------------------------

#[derive(Clone)]
enum Db {
    Sqlite(std::path::PathBuf),
    Postgres {
        options: Box<store::PgConnectOptions>,
        admin: String,
        schema: String,
    },
}

impl Db {
    async fn open(&self) -> Arc<dyn store::Store> {
        match self {
            Db::Sqlite(path) => store::open(&format!("sqlite:{}", path.display()))
                .await
                .unwrap(),
            Db::Postgres { options, .. } => Arc::new(
                store::PgStore::connect_with((**options).clone())
                    .await
                    .unwrap(),
            ),
        }
    }

    async fn drop_all(&self) {
        match self {
            Db::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Db::Postgres { admin, schema, .. } => {
                let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(admin)
                    .await
                    .unwrap();
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                    .execute(&mut c)
                    .await
                    .unwrap();
            }
        }
    }
}

struct Node {
    addr: SocketAddr,
    store: Arc<dyn store::Store>,
    stop: tokio::sync::oneshot::Sender<()>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(db: &Db, secrets: &secrets::Secrets, max_attempts: u32) -> Node {
    let store = db.open().await;
    let settings = service::Settings {
        webhooks: service::webhooks::WebhookSettings {
            allow_private: true,
            max_attempts,
            retry_base: Duration::from_millis(500),
            retry_max: Duration::from_secs(1),
            poll: Duration::from_millis(100),
            ..service::webhooks::WebhookSettings::default()
        },
        ..service::Settings::default()
    };
    let service = service::Service::new(
        Arc::clone(&store),
        settings,
        secrets.clone(),
        service::Runtime::default(),
    )
    .await
    .unwrap();
    let state = server::AppState::new(Arc::new(service), server::Settings::default())
        .await
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    Node {
        addr,
        store,
        stop,
        served,
    }
}

impl Node {
    /// Stops serving and closes the store: this node delivers nothing more.
    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.served.await;
        self.store.close().await;
    }

    async fn key(&self, role: store::Role, region: Option<&str>) -> String {
        let mut bytes = [0u8; 32];
        service::Random::fill(&service::OsRandom, &mut bytes).unwrap();
        let key = format!("ask_{}", hex::encode(bytes));
        self.store
            .create_api_key(&store::NewApiKey {
                hash: service::keys::hash_key(&key),
                role,
                region: region.map(str::to_owned),
                label: None,
            })
            .await
            .unwrap();
        format!("Bearer {key}")
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        auth: &str,
        body: Option<&str>,
    ) -> (u16, serde_json::Value) {
        let mut s = TcpStream::connect(self.addr).await.unwrap();
        let body = body.unwrap_or("");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAuthorization: {auth}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        s.write_all(head.as_bytes()).await.unwrap();
        s.write_all(body.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw).await;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let json = text
            .split_once("\r\n\r\n")
            .and_then(|(_, b)| serde_json::from_str(b).ok())
            .unwrap_or(serde_json::Value::Null);
        (status, json)
    }

    /// A consented victim report naming `domain`, straight into the store.
    async fn report(&self, n: u8, domain: &str, region: &str, contact: bool) {
        let batch = [store::reports::NewReport {
            reference: format!("R-{n}-{domain}"),
            received_at: 1_800_000_000 + i64::from(n),
            reporter: [n; 32],
            reporter_key: 1,
            indicators: vec![store::reports::ReportedIndicator {
                key: format!("domain:{domain}"),
                official: false,
                votes: true,
            }],
            text: None,
            channel: None,
            region: Some(region.into()),
            loss_amount: contact.then(|| "1200".into()),
            loss_asset: contact.then(|| "USDT".into()),
            occurred_at: None,
            contact: contact.then(|| "+85291234567".into()),
        }];
        let policy = reports::Policy::default();
        self.store
            .reports()
            .insert_reports(&batch, &policy)
            .await
            .unwrap();
    }

    /// A triage action that changes a listing: `auth` proposes it, a second analyst
    /// approves it (the two-person rule); the events come from the approval.
    async fn triage(&self, auth: &str, domain: &str, body: &str) {
        let path = format!("/v1/triage/{domain}");
        let (status, json) = self.call("POST", &path, auth, Some(body)).await;
        assert_eq!(status, 202, "{json}");
        let id = json["id"].as_i64().expect("a decision id");
        let second = self.key(store::Role::Analyst, None).await;
        let path = format!("/v1/triage-decisions/{id}/approve");
        let (status, json) = self.call("POST", &path, &second, Some("{}")).await;
        assert_eq!(status, 200, "{json}");
    }
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn sqlite_webhooks_are_signed_ordered_retried_and_survive_a_restart() {
    let mut random = [0u8; 8];
    service::Random::fill(&service::OsRandom, &mut random).unwrap();
    let path = std::env::temp_dir().join(format!(
        "antiscam-webhooks-{}-{}.db",
        std::process::id(),
        hex::encode(random)
    ));
    let db = Db::Sqlite(path);
    scenario(&db).await;
    db.drop_all().await;
}

#[tokio::test]
async fn postgres_webhooks_are_signed_ordered_retried_and_survive_a_restart() {
    let Ok(url) = std::env::var("ANTISCAM_TEST_POSTGRES_URL") else {
        println!("skipped: ANTISCAM_TEST_POSTGRES_URL is unset");
        return;
    };
    let mut random = [0u8; 8];
    service::Random::fill(&service::OsRandom, &mut random).unwrap();
    let schema = format!("antiscam_webhooks_{}", hex::encode(random));
    let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut c)
        .await
        .unwrap();
    let options: store::PgConnectOptions = url.parse().unwrap();
    let db = Db::Postgres {
        options: Box::new(options.options([("search_path", schema.as_str())])),
        admin: url,
        schema,
    };
    let run = tokio::spawn({
        let db = db.clone();
        async move { scenario(&db).await }
    })
    .await;
    db.drop_all().await;
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn scenario(db: &Db) {
    let receiver = Receiver::start().await;
    let secrets = secrets::Secrets::generate(0).unwrap();
    let node = start(db, &secrets, 15).await;
    let admin = node.key(store::Role::Admin, None).await;
    let analyst = node.key(store::Role::Analyst, None).await;
    let partner = node.key(store::Role::Partner, Some("HK")).await;

    // Subscriptions: validated; a partner's limited to its region.
    let body = format!(
        r#"{{"url": "{}", "events": ["listing.created", "listing.confirmed",
        "listing.delisted", "takeover.alert", "report.urgent"]}}"#,
        receiver.url("/admin")
    );
    let (status, created) = node.call("POST", "/v1/webhooks", &admin, Some(&body)).await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    let admin_sub = created["id"].as_i64().unwrap();
    let bad = format!(
        r#"{{"url": "{}", "events": ["listing.eaten"]}}"#,
        receiver.url("/x")
    );
    let (status, e) = node.call("POST", "/v1/webhooks", &admin, Some(&bad)).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("listing.eaten"),
        "{e}"
    );
    let elsewhere = format!(
        r#"{{"url": "{}", "events": ["report.urgent"], "regions": ["SG"]}}"#,
        receiver.url("/partner")
    );
    let (status, _) = node
        .call("POST", "/v1/webhooks", &partner, Some(&elsewhere))
        .await;
    assert_eq!(status, 403);
    let (status, _) = node
        .call("POST", "/v1/webhooks", &analyst, Some(&body))
        .await;
    assert_eq!(status, 403);
    let own = format!(
        r#"{{"url": "{}", "events": ["report.urgent", "listing.created"]}}"#,
        receiver.url("/partner")
    );
    let (status, p) = node
        .call("POST", "/v1/webhooks", &partner, Some(&own))
        .await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["regions"], serde_json::json!(["HK"]));
    let partner_secret = p["secret"].as_str().unwrap().to_owned();
    let (_, list) = node.call("GET", "/v1/webhooks", &partner, None).await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 1, "{list}");
    let path = format!("/v1/webhooks/{admin_sub}");
    let (status, _) = node.call("DELETE", &path, &partner, None).await;
    assert_eq!(status, 404, "a partner cannot end an admin's subscription");

    // The receiver fails for a while; decisions are made meanwhile.
    receiver.set_up(false);
    node.report(1, "scam-a.example", "HK", true).await;
    node.report(2, "scam-b.example", "SG", false).await;
    node.triage(&analyst, "scam-a.example", r#"{"action": "confirm"}"#)
        .await;
    node.triage(&analyst, "scam-b.example", r#"{"action": "confirm"}"#)
        .await;
    node.triage(
        &analyst,
        "scam-a.example",
        r#"{"action": "delist", "reason": "the domain changed hands"}"#,
    )
    .await;
    until("three failed attempts", || receiver.failures() >= 3).await;
    receiver.set_up(true);
    until("every event at the admin's receiver", || {
        receiver.events("/admin").len() >= 6
    })
    .await;
    let events = receiver.events("/admin");
    for (r, _) in &events {
        assert!(verify(&secret, r), "bad signature on {}", r.id);
        assert!(!verify(&partner_secret, r), "signed with another secret");
    }
    let of = |key: &str| -> Vec<String> {
        events
            .iter()
            .filter(|(_, e)| e["data"]["indicator"] == key)
            .map(|(_, e)| e["type"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        of("domain:scam-a.example"),
        ["listing.created", "listing.confirmed", "listing.delisted"]
    );
    assert_eq!(
        of("domain:scam-b.example"),
        ["listing.created", "listing.confirmed"]
    );
    let urgent: Vec<_> = events
        .iter()
        .filter(|(_, e)| e["type"] == "report.urgent")
        .collect();
    assert_eq!(urgent.len(), 1, "one consented victim report with a loss");
    assert_eq!(urgent[0].1["data"]["regions"], serde_json::json!(["HK"]));
    assert!(
        !String::from_utf8_lossy(&urgent[0].0.body).contains("+852"),
        "the contact never travels in an event"
    );
    let delisted = events
        .iter()
        .find(|(_, e)| e["type"] == "listing.delisted")
        .unwrap();
    assert_eq!(delisted.1["data"]["reason"], "the domain changed hands");
    assert_eq!(delisted.1["id"].as_str(), Some(delisted.0.id.as_str()));
    // The partner (HK) got the HK listing and the HK urgent report, not SG's listing.
    until("the partner's events", || {
        receiver.events("/partner").len() >= 2
    })
    .await;
    let partner_events = receiver.events("/partner");
    assert!(
        partner_events
            .iter()
            .all(|(r, _)| verify(&partner_secret, r))
    );
    let types: Vec<&str> = partner_events
        .iter()
        .map(|(_, e)| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types.len(), 2, "{types:?}");
    assert!(types.contains(&"report.urgent") && types.contains(&"listing.created"));

    // A restart with events pending: nothing is lost.
    receiver.set_up(false);
    let before = receiver.failures();
    node.report(3, "scam-c.example", "HK", false).await;
    node.triage(&analyst, "scam-c.example", r#"{"action": "confirm"}"#)
        .await;
    until("a failed attempt before the restart", || {
        receiver.failures() > before
    })
    .await;
    node.stop().await;
    receiver.set_up(true);
    let node = start(db, &secrets, 2).await;
    until("the pending events after the restart", || {
        receiver
            .events("/admin")
            .iter()
            .filter(|(_, e)| e["data"]["indicator"] == "domain:scam-c.example")
            .count()
            == 2
    })
    .await;
    let mut mine = serde_json::Value::Null;
    let deadline = Instant::now() + Duration::from_secs(30);
    while mine["status"]["pending"] != 0 {
        assert!(Instant::now() < deadline, "still pending: {mine}");
        let (_, list) = node.call("GET", "/v1/webhooks", &admin, None).await;
        mine = list["webhooks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == admin_sub)
            .unwrap()
            .clone();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(mine["status"]["dead"], 0, "{mine}");
    assert!(mine["status"]["last_success"].is_string(), "{mine}");
    assert!(mine["status"]["last_failure"].is_string(), "{mine}");

    // Dead letters (this node gives up after 2 attempts) and their replay.
    receiver.set_up(false);
    node.report(4, "scam-d.example", "HK", false).await;
    node.triage(&analyst, "scam-d.example", r#"{"action": "confirm"}"#)
        .await;
    let dead_path = format!("/v1/webhooks/{admin_sub}/deliveries?state=dead");
    let mut dead = serde_json::Value::Null;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, d) = node.call("GET", &dead_path, &admin, None).await;
        if d["deliveries"].as_array().is_some_and(|a| a.len() >= 2) {
            dead = d;
            break;
        }
        assert!(Instant::now() < deadline, "no dead letters: {dead}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        dead["deliveries"][0]["last_error"]
            .as_str()
            .unwrap()
            .contains("503")
    );
    receiver.set_up(true);
    let replay = format!("/v1/webhooks/{admin_sub}/replay");
    let (status, _) = node.call("POST", &replay, &partner, Some("{}")).await;
    assert_eq!(status, 403, "only admins replay");
    let (status, r) = node.call("POST", &replay, &admin, Some("{}")).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["requeued"], 2);
    until("the replayed events", || {
        receiver
            .events("/admin")
            .iter()
            .filter(|(_, e)| e["data"]["indicator"] == "domain:scam-d.example")
            .count()
            == 2
    })
    .await;
    let d = receiver.events("/admin");
    let d_types: Vec<&str> = d
        .iter()
        .filter(|(_, e)| e["data"]["indicator"] == "domain:scam-d.example")
        .map(|(_, e)| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(d_types, ["listing.created", "listing.confirmed"]);
    let (status, _) = node.call("DELETE", &path, &admin, None).await;
    assert_eq!(status, 200);
    let (_, list) = node.call("GET", "/v1/webhooks", &admin, None).await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 1, "{list}");
    node.stop().await;
}

//! Several nodes on one PostgreSQL database (issue 12): two real `antiscam serve`
//! processes on a fresh database. A change made through one node is seen by the other
//! within 2 s, and screenings of one user through both nodes keep the frequency cap
//! and the exposure numbers right. Skipped without `ANTISCAM_TEST_POSTGRES_URL`.

use std::time::{Duration, Instant};

use super::{Scratch, http, post, serve_args, stdout};

/// How long a change may take to reach the other node.
const PROPAGATION: Duration = Duration::from_secs(2);

/// A fresh database on the test server, dropped at the end.
struct FreshDatabase {
    admin_url: String,
    name: String,
    url: String,
    runtime: tokio::runtime::Runtime,
}

impl FreshDatabase {
    fn new(tag: &str) -> Option<FreshDatabase> {
        let Ok(admin_url) = std::env::var("ANTISCAM_TEST_POSTGRES_URL") else {
            eprintln!("skipped: set ANTISCAM_TEST_POSTGRES_URL to run the multi-node tests");
            return None;
        };
        let name = format!("antiscam_{tag}_{}", std::process::id());
        let (base, _) = admin_url.rsplit_once('/').expect("a database URL");
        let url = format!("{base}/{name}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let db = FreshDatabase {
            admin_url,
            name,
            url,
            runtime,
        };
        db.admin(&format!("DROP DATABASE IF EXISTS {}", db.name));
        db.admin(&format!("CREATE DATABASE {}", db.name));
        Some(db)
    }

    fn admin(&self, sql: &str) {
        use sqlx::Connection as _;
        self.runtime.block_on(async {
            let mut c = sqlx::PgConnection::connect(&self.admin_url)
                .await
                .expect("connect to the test server");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(&mut c)
                .await
                .expect(sql);
        });
    }

    /// One column of a query on the fresh database.
    fn column(&self, sql: &str) -> Vec<i64> {
        use sqlx::Connection as _;
        self.runtime.block_on(async {
            let mut c = sqlx::PgConnection::connect(&self.url)
                .await
                .expect("connect");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_all(&mut c)
                .await
                .expect(sql)
        })
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        self.admin(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// A running `antiscam serve`, killed when dropped (also when a test fails).
struct Node(std::process::Child, String);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Two nodes started together on one new database (both migrate and seed: one wins).
fn two_nodes(s: &Scratch, db: &FreshDatabase) -> [Node; 2] {
    std::thread::scope(|scope| {
        let start = || {
            let (child, addr) = serve_args(s, &["--database", &db.url]);
            Node(child, addr)
        };
        let first = scope.spawn(start);
        let second = scope.spawn(start);
        [
            first.join().expect("node A"),
            second.join().expect("node B"),
        ]
    })
}

fn key(s: &Scratch, db: &FreshDatabase, role: &str) -> String {
    let o = s.run(&["--database", &db.url, "keys", "create", "--role", role]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o).trim().to_owned()
}

fn get(addr: &str, path: &str, key: &str) -> (u16, serde_json::Value) {
    let auth = format!("Bearer {key}");
    let (status, body) = http(addr, "GET", path, &[("Authorization", &auth)], "");
    (status, serde_json::from_str(&body).unwrap_or_default())
}

fn verdict(addr: &str, input: &str) -> String {
    let (_, body) = http(addr, "GET", &format!("/v1/verify?q={input}"), &[], "");
    let j: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    j["verdict"].as_str().unwrap_or_default().to_owned()
}

/// Waits until `seen` holds on the other node; returns how long it took.
fn until(what: &str, mut seen: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    loop {
        if seen() {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < PROPAGATION,
            "{what}: not seen by the other node within {PROPAGATION:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_change_through_one_node_reaches_the_other_within_two_seconds() {
    let Some(db) = FreshDatabase::new("nodes") else {
        return;
    };
    let s = Scratch::new();
    let [a, b] = two_nodes(&s, &db);
    let (node_a, node_b) = (a.1.clone(), b.1.clone());
    // Both nodes seeded the demo once between them.
    let campaigns = db.column("SELECT count(*) FROM campaigns");
    assert_eq!(campaigns, [1], "the demo is seeded once");
    until("the demo registry", || {
        verdict(&node_b, "example.com") == "official"
    });

    let admin = key(&s, &db, "admin");
    let second_admin = key(&s, &db, "admin");
    let analyst = key(&s, &db, "analyst");
    let mut took = Vec::new();

    // Blocklist: a report confirmed through A.
    let report = r#"{"indicators": ["node-propagation.example"], "text": "fake support site",
        "channel": "web", "region": "HK"}"#;
    let (status, body) = http(&node_a, "POST", "/v1/reports", &[], report);
    assert_eq!(status, 201, "{body}");
    let (status, body) = post(
        &node_a,
        "/v1/triage/node-propagation.example",
        &analyst,
        r#"{"action": "confirm", "note": "checked"}"#,
    )
    .expect("triage");
    // One analyst's key lists nothing: a second approves (the two-person rule).
    assert_eq!(status, 202, "{body}");
    let decision: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let decision = decision["id"].as_i64().expect("a decision id");
    let (status, body) = post(
        &node_a,
        &format!("/v1/triage-decisions/{decision}/approve"),
        &second_admin,
        "{}",
    )
    .expect("approve");
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        verdict(&node_a, "node-propagation.example"),
        "reported_scam"
    );
    took.push(until("a confirmed listing", || {
        verdict(&node_b, "node-propagation.example") == "reported_scam"
    }));

    // Registry: proposed and approved through A by two admins.
    let (_, registry) = get(&node_a, "/v1/registry", &admin);
    let mut registry = registry;
    let domains = registry["brand"][0]["domains"]
        .as_array_mut()
        .expect("the demo brand's domains");
    domains.push(serde_json::json!("example-nodes.com"));
    let (status, body) = http(
        &node_a,
        "PUT",
        "/v1/registry",
        &[("Authorization", &format!("Bearer {admin}"))],
        &registry.to_string(),
    );
    assert_eq!(status, 202, "{body}");
    let proposal: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let id = proposal["id"].as_i64().expect("proposal id");
    let (status, body) = post(
        &node_a,
        &format!("/v1/registry/proposals/{id}/approve"),
        &second_admin,
        "{}",
    )
    .expect("approve");
    assert_eq!(status, 200, "{body}");
    took.push(until("an approved registry proposal", || {
        verdict(&node_b, "example-nodes.com") == "official"
    }));

    // Campaigns: paused through A; B stops showing it.
    let integrator = key(&s, &db, "integrator");
    let shows = |node: &str| {
        let body = r#"{"user": "node-user-1", "region": "HK", "locale": "en", "asset": "USDT",
            "network": "ethereum", "amount": "50", "amount_usd": 50,
            "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}"#;
        let (status, body) =
            post(node, "/v1/withdrawals/screen", &integrator, body).expect("screen");
        assert_eq!(status, 200, "{body}");
        let j: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        !j["intervention"].is_null()
    };
    let (status, body) = http(
        &node_a,
        "PATCH",
        "/v1/campaigns/1",
        &[("Authorization", &format!("Bearer {admin}"))],
        r#"{"status": "paused"}"#,
    );
    assert_eq!(status, 200, "{body}");
    took.push(until("a paused campaign", || !shows(&node_b)));

    // Partner resources: proposed and approved (two admins) through A, listed by B.
    let (status, body) = post(
        &node_a,
        "/v1/partner-resources",
        &admin,
        r#"{"value": "scamshield.gov.sg", "label": "Scam alert"}"#,
    )
    .expect("resource");
    assert_eq!(status, 202, "{body}");
    let addition = serde_json::from_str::<serde_json::Value>(&body).expect("JSON")["id"]
        .as_i64()
        .expect("addition");
    let (status, body) = post(
        &node_a,
        &format!("/v1/partner-resource-additions/{addition}/approve"),
        &second_admin,
        "{}",
    )
    .expect("approve");
    assert_eq!(status, 200, "{body}");
    took.push(until("a partner resource", || {
        get(&node_b, "/v1/partner-resources", &admin)
            .1
            .to_string()
            .contains("scamshield.gov.sg")
    }));

    // Keys: revoked through A; B refuses it.
    assert_eq!(get(&node_b, "/v1/keys", &second_admin).0, 200);
    let (_, keys) = get(&node_a, "/v1/keys", &admin);
    let victim = keys["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["role"] == "analyst")
        .and_then(|k| k["id"].as_i64())
        .expect("the analyst key");
    let (status, body) =
        post(&node_a, &format!("/v1/keys/{victim}/revoke"), &admin, "{}").expect("revoke");
    assert_eq!(status, 200, "{body}");
    took.push(until("a revoked key", || {
        get(&node_b, "/v1/triage", &analyst).0 == 401
    }));

    eprintln!("propagation times: {took:?}");
}

#[test]
fn screenings_of_one_user_through_two_nodes_keep_the_cap() {
    let Some(db) = FreshDatabase::new("cap") else {
        return;
    };
    let s = Scratch::new();
    let [a, b] = two_nodes(&s, &db);
    let (node_a, node_b) = (a.1.clone(), b.1.clone());
    let integrator = key(&s, &db, "integrator");
    until("the demo campaign", || {
        db.column("SELECT count(*) FROM campaigns") == [1]
    });
    // A user in the exposed arm (the demo holds out 10 %): the first whose first
    // screening shows the alert.
    let body = |user: &str| {
        format!(
            r#"{{"user": "{user}", "region": "HK", "locale": "en", "asset": "USDT",
            "network": "ethereum", "amount": "50", "amount_usd": 50,
            "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}}"#
        )
    };
    let shown = |node: &str, user: &str| {
        let (status, b) =
            post(node, "/v1/withdrawals/screen", &integrator, &body(user)).expect("screen");
        assert_eq!(status, 200, "{b}");
        let j: serde_json::Value = serde_json::from_str(&b).expect("JSON");
        !j["intervention"].is_null()
    };
    // Both nodes must know the campaign before the race: each shows the alert to
    // some new user (one in ten is held out).
    for (n, node) in [&node_a, &node_b].into_iter().enumerate() {
        let mut tries = 0;
        until("the campaign on both nodes", || {
            tries += 1;
            shown(node, &format!("warm-{n}-{tries}"))
        });
    }
    let user = (0..50)
        .map(|i| format!("cap-user-{i}"))
        .find(|u| shown(&node_a, u))
        .expect("a user in the exposed arm");

    // 40 concurrent screenings of that user, half through each node.
    let alerts: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..40)
            .map(|i| {
                let node = if i % 2 == 0 { &node_a } else { &node_b };
                let user = &user;
                scope.spawn(move || usize::from(shown(node, user)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("screen")).sum()
    });
    // The demo caps the alert at 3 exposures in 30 days: the first screening was one.
    assert_eq!(alerts, 2, "41 screenings show the alert exactly 3 times");
    let exposures = db.column(
        "SELECT exposure FROM screenings WHERE shown AND user_hash = \
         (SELECT user_hash FROM screenings GROUP BY user_hash HAVING count(*) = 41) \
         ORDER BY exposure",
    );
    assert_eq!(
        exposures,
        [1, 2, 3],
        "exposure numbers are distinct and dense"
    );
}

#[test]
fn migrate_store_moves_an_installation_with_nothing_lost() {
    let Some(db) = FreshDatabase::new("move") else {
        return;
    };
    let s = Scratch::new();
    let sqlite = format!("sqlite:{}", s.0.join("t.db").display());
    // A used installation: the demo, keys, a report, screenings and an outcome.
    let integrator = stdout(&s.run(&["keys", "create", "--role", "integrator"]));
    let integrator = integrator.trim().to_owned();
    let (child, addr) = super::serve(&s);
    let node = Node(child, addr.clone());
    let report = r#"{"indicators": ["moved-scam.example"], "text": "fake support",
        "channel": "web", "region": "HK"}"#;
    assert_eq!(http(&addr, "POST", "/v1/reports", &[], report).0, 201);
    for i in 0..5 {
        let body = format!(
            r#"{{"user": "mover-{i}", "region": "HK", "locale": "en", "asset": "USDT",
            "network": "ethereum", "amount": "50", "amount_usd": 50,
            "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}}"#
        );
        let (status, b) =
            post(&addr, "/v1/withdrawals/screen", &integrator, &body).expect("screen");
        assert_eq!(status, 200, "{b}");
        if i == 0 {
            let j: serde_json::Value = serde_json::from_str(&b).expect("JSON");
            let id = j["screening_id"].as_str().expect("id");
            let path = format!("/v1/screenings/{id}/outcome");
            let (status, b) =
                post(&addr, &path, &integrator, r#"{"action": "cancelled"}"#).expect("outcome");
            assert_eq!(status, 200, "{b}");
        }
    }
    drop(node);

    // A missing source is refused (never an empty copy).
    let missing = format!("sqlite:{}", s.0.join("nope.db").display());
    let o = s.run(&["migrate-store", "--from", &missing, "--to", &db.url]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));

    let o = s.run(&["migrate-store", "--from", &sqlite, "--to", &db.url]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("checksum match"), "{out}");
    let rows = |table: &str| -> u64 {
        out.lines()
            .find_map(|l| {
                let mut f = l.split('\t');
                (f.next() == Some(table)).then(|| f.next().and_then(|n| n.parse().ok()))?
            })
            .unwrap_or_else(|| panic!("{table} not in {out}"))
    };
    assert_eq!(rows("screenings"), 5);
    assert_eq!(rows("reports"), 1);
    assert_eq!(rows("campaigns"), 1);
    assert!(rows("audit_log") > 0);
    assert_eq!(db.column("SELECT count(*) FROM screenings"), [5]);
    assert_eq!(
        db.column("SELECT count(*) FROM screenings WHERE outcomes <> 0"),
        [1]
    );

    // The target now has data: a second run is refused and changes nothing.
    let o = s.run(&["migrate-store", "--from", &sqlite, "--to", &db.url]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(db.column("SELECT count(*) FROM screenings"), [5]);

    // The moved installation serves: same verdicts, same keys, new ids after the old.
    let (child, addr) = serve_args(&s, &["--database", &db.url]);
    let _node = Node(child, addr.clone());
    let (_, body) = http(
        &addr,
        "GET",
        "/v1/verify?q=t.me/ExampleSupportDesk",
        &[],
        "",
    );
    assert!(body.contains("reported_scam"), "{body}");
    let (status, b) = post(
        &addr,
        "/v1/withdrawals/screen",
        &integrator,
        r#"{"user": "mover-0", "region": "HK", "locale": "en", "asset": "USDT",
        "network": "ethereum", "amount": "50", "amount_usd": 50,
        "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}"#,
    )
    .expect("screen");
    assert_eq!(status, 200, "the integrator key moved: {b}");
    let o = s.run(&["--database", &db.url, "keys", "create", "--role", "analyst"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A TCP proxy in front of PostgreSQL that the test can cut (every connection dropped,
/// new ones refused) and restore: PostgreSQL "briefly away" without stopping the
/// server other tests use.
struct Proxy {
    port: u16,
    cut: std::sync::Arc<std::sync::atomic::AtomicBool>,
    open: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
}

impl Proxy {
    fn start(upstream: String) -> Proxy {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("proxy bind");
        let port = listener.local_addr().expect("proxy addr").port();
        let cut = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let open = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (c, o) = (cut.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if c.load(Ordering::SeqCst) {
                    continue; // dropped at once: "connection reset"
                }
                let Ok(server) = std::net::TcpStream::connect(&upstream) else {
                    continue;
                };
                let pipe = |mut from: std::net::TcpStream, mut to: std::net::TcpStream| {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                };
                if let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) {
                    if let Ok(mut list) = o.lock() {
                        list.push(c2.try_clone().expect("clone"));
                        list.push(s2.try_clone().expect("clone"));
                    }
                    pipe(client, s2);
                    pipe(server, c2);
                }
            }
        });
        Proxy { port, cut, open }
    }

    fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut list) = self.open.lock() {
            for s in list.drain(..) {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        }
    }

    fn restore(&self) {
        self.cut.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

/// docs/DEPLOYMENT.md, "When PostgreSQL is briefly away": verification answers from
/// memory, writes are refused with 503 and `Retry-After` (never acknowledged without a
/// commit), readiness follows, and the same process recovers by itself.
#[test]
fn a_node_rides_out_a_database_outage() {
    let Some(db) = FreshDatabase::new("outage") else {
        return;
    };
    let s = Scratch::new();
    let (host, _) = db.url.rsplit_once('/').expect("url");
    let upstream = host
        .rsplit_once('@')
        .map_or(host, |(_, h)| h)
        .trim_start_matches("postgres://")
        .to_owned();
    let proxy = Proxy::start(upstream);
    let via_proxy = format!(
        "postgres://postgres@127.0.0.1:{}/{}",
        proxy.port,
        db.url.rsplit_once('/').expect("url").1
    );
    let integrator = key(&s, &db, "integrator");
    let (child, node) = serve_args(&s, &["--database", &via_proxy]);
    let _node = Node(child, node.clone());
    let screen = |user: &str| {
        let body = format!(
            r#"{{"user": "{user}", "region": "HK", "locale": "en", "asset": "USDT",
            "network": "ethereum", "amount": "50", "amount_usd": 50,
            "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}}"#
        );
        post(&node, "/v1/withdrawals/screen", &integrator, &body).expect("screen")
    };
    let mut acknowledged = 0;
    until("the demo", || verdict(&node, "example.com") == "official");
    assert_eq!(screen("before").0, 200);
    acknowledged += 1;

    proxy.cut();
    // Verification answers from memory, at once.
    assert_eq!(verdict(&node, "examp1e.com"), "impersonation");
    // Writes are refused, quickly, with the one error shape and Retry-After.
    let start = Instant::now();
    let (status, body) = screen("during");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("\"unavailable\""), "{body}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    let report = r#"{"indicators": ["outage-scam.example"], "channel": "web"}"#;
    let (status, body) = http(&node, "POST", "/v1/reports", &[], report);
    assert_eq!(status, 503, "{body}");
    // Readiness follows (the write probe runs at once after a failed request).
    let deadline = Instant::now() + Duration::from_secs(10);
    while http(&node, "GET", "/readyz", &[], "").0 != 503 {
        assert!(
            Instant::now() < deadline,
            "/readyz still 200 during the outage"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    proxy.restore();
    // The same process writes again without a restart.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = screen("after");
        if status == 200 {
            acknowledged += 1;
            break;
        }
        assert_eq!(status, 503, "{body}");
        assert!(Instant::now() < deadline, "no recovery: {body}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    while http(&node, "GET", "/readyz", &[], "").0 != 200 {
        assert!(Instant::now() < deadline, "/readyz did not recover");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Exactly the acknowledged screenings are stored: nothing refused was kept.
    assert_eq!(db.column("SELECT count(*) FROM screenings"), [acknowledged]);
}

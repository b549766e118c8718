//! A server on port 0 over a fresh SQLite file, and a minimal HTTP/1.1 client (enough
//! for tests; it keeps the dependency tree free of a second HTTP stack).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const REGISTRY: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com"]
telegram = ["ExampleEnglish"]
x = ["ExampleEx"]
[brand.retired]
x = ["ExampleOld"]
"#;

pub struct TestServer {
    addr: SocketAddr,
    state: Arc<server::AppState>,
    store: Arc<dyn store::Store>,
    db: PathBuf,
    _stop: tokio::sync::oneshot::Sender<()>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(server::Settings::default()).await
    }

    pub async fn start_with(settings: server::Settings) -> TestServer {
        TestServer::start_in(&std::env::temp_dir(), settings).await
    }

    /// A server whose service runs on `runtime` (e.g. a fixed clock).
    pub async fn start_with_runtime(runtime: service::Runtime) -> TestServer {
        TestServer::start_full(&std::env::temp_dir(), server::Settings::default(), runtime).await
    }

    /// A server whose database file is in `dir` (e.g. a small tmpfs).
    pub async fn start_in(dir: &std::path::Path, settings: server::Settings) -> TestServer {
        TestServer::start_full(dir, settings, service::Runtime::default()).await
    }

    async fn start_full(
        dir: &std::path::Path,
        settings: server::Settings,
        runtime: service::Runtime,
    ) -> TestServer {
        let db = dir.join(format!(
            "antiscam-api-{}-{}.db",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let store = store::open(&format!("sqlite:{}", db.display()))
            .await
            .expect("store");
        let registry = registry::Registry::from_toml(REGISTRY).expect("registry");
        store.replace_registry(&registry).await.expect("registry");
        store
            .upsert_blocklist(&[blocklist::Entry {
                key: "domain:evil.io".into(),
                severity: blocklist::Severity::Confirmed,
                categories: vec!["phishing".into()],
                report_count: 14,
                first_seen: 1_700_000_000,
                last_seen: 1_710_000_000,
                sources: vec!["test".into()],
            }])
            .await
            .expect("blocklist");
        let secrets = secrets::Secrets::generate(0).expect("secrets");
        let service = service::Service::new(
            Arc::clone(&store),
            service::Settings {
                reports: settings.reports.clone(),
                ..service::Settings::default()
            },
            secrets,
            runtime,
        )
        .await
        .expect("service");
        let state = server::AppState::new(Arc::new(service), settings)
            .await
            .expect("state");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server::serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            state,
            store,
            db,
            _stop: stop,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A request as given (method, path, headers and body), for what the helpers
    /// above do not send.
    pub async fn raw(&self, request: &[u8]) -> Response {
        let mut stream = TcpStream::connect(self.addr).await.expect("connect");
        stream.write_all(request).await.expect("write");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        Response::parse(&raw)
    }

    /// Changes the registry the only way there is: one admin proposes, another approves.
    /// Returns the approval's response.
    pub async fn change_registry(&self, toml: &str) -> Response {
        let author = format!("Bearer {}", self.key(store::Role::Admin).await);
        let approver = format!("Bearer {}", self.key(store::Role::Admin).await);
        let r = self
            .put(
                "/v1/registry",
                "application/toml",
                toml,
                &[("Authorization", &author)],
            )
            .await;
        assert_eq!(r.status, 202, "{}", r.text());
        let id = r.json()["id"].as_i64().expect("proposal id");
        self.post_json(
            &format!("/v1/registry/proposals/{id}/approve"),
            "",
            &[("Authorization", &approver)],
        )
        .await
    }

    pub fn state(&self) -> &Arc<server::AppState> {
        &self.state
    }

    /// The server's store, to set up and inspect what the API does not show.
    pub fn store(&self) -> &Arc<dyn store::Store> {
        &self.store
    }

    /// The database URL, for opening a second store on it (another process).
    pub fn database_url(&self) -> String {
        format!("sqlite:{}", self.db.display())
    }

    pub fn db_path(&self) -> &PathBuf {
        &self.db
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn key(&self, role: store::Role) -> String {
        let region = (role == store::Role::Partner).then_some("HK");
        self.key_in(role, region).await
    }

    pub async fn key_in(&self, role: store::Role, region: Option<&str>) -> String {
        // Straight into the store: set-up, not an audited action under test.
        let mut bytes = [0u8; 32];
        service::Random::fill(&service::OsRandom, &mut bytes).expect("rng");
        let key = format!("ask_{}", hex::encode(bytes));
        self.store
            .create_api_key(&store::NewApiKey {
                hash: service::keys::hash_key(&key),
                role,
                region: region.map(str::to_owned),
                label: None,
            })
            .await
            .expect("key");
        key
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.request("GET", path, headers, None).await
    }

    pub async fn post_json(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Response {
        self.request("POST", path, headers, Some(("application/json", body)))
            .await
    }

    pub async fn post_form(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Response {
        self.request(
            "POST",
            path,
            headers,
            Some(("application/x-www-form-urlencoded", body)),
        )
        .await
    }

    /// An analyst's triage action on a group (`confirm`, `reject`, …).
    pub async fn triage(&self, group: &str, action: &str, authorization: &str) -> Response {
        self.post_json(
            &format!("/v1/triage/{group}"),
            &format!(r#"{{"action": "{action}"}}"#),
            &[("Authorization", authorization)],
        )
        .await
    }

    /// A second analyst's approval of the decision a triage or dispute answer left
    /// waiting (`202`, the two-person rule).
    pub async fn approve(&self, pending: &Response, authorization: &str) -> Response {
        assert_eq!(pending.status, 202, "{}", pending.text());
        let id = pending.json()["id"].as_i64().expect("a decision id");
        self.post_json(
            &format!("/v1/triage-decisions/{id}/approve"),
            "",
            &[("Authorization", authorization)],
        )
        .await
    }

    /// A triage action by `author` that changes a listing, approved by `approver` (the
    /// two-person rule): the approval's answer, `200` when applied.
    pub async fn triage_by_two(
        &self,
        group: &str,
        action: &str,
        author: &str,
        approver: &str,
    ) -> Response {
        let r = self.triage(group, action, author).await;
        if r.status != 202 {
            return r;
        }
        self.approve(&r, approver).await
    }

    /// A campaign created over the API by `author` (a key), live: an active one waits
    /// (`202`, the two-person rule) and a second admin's fresh key approves it. The
    /// campaign as the API shows it now.
    pub async fn campaign_by_two(
        &self,
        author: &str,
        doc: &serde_json::Value,
    ) -> serde_json::Value {
        let auth = format!("Bearer {author}");
        let r = self
            .post_json(
                "/v1/campaigns",
                &doc.to_string(),
                &[("Authorization", &auth)],
            )
            .await;
        if r.status == 201 {
            return r.json();
        }
        assert_eq!(r.status, 202, "{}", r.text());
        let j = r.json();
        assert_eq!(j["campaign"]["status"], "draft", "{j}");
        let revision = j["revision"]["id"].as_i64().expect("revision");
        let approver = format!("Bearer {}", self.key(store::Role::Admin).await);
        let r = self
            .post_json(
                &format!("/v1/campaign-revisions/{revision}/approve"),
                "",
                &[("Authorization", &approver)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let id = j["campaign"]["id"].as_i64().expect("id");
        self.get(
            &format!("/v1/campaigns/{id}"),
            &[("Authorization", &approver)],
        )
        .await
        .json()
    }

    /// A partner resource listed over the API by two admins (one proposes, `202`;
    /// another approves). The approval's answer, or the proposal's when refused
    /// (`409` when already listed, `422` when unsafe).
    pub async fn partner_resource_by_two(&self, value: &str, label: &str) -> Response {
        let body = serde_json::json!({"value": value, "label": label}).to_string();
        let author = format!("Bearer {}", self.key(store::Role::Admin).await);
        let r = self
            .post_json(
                "/v1/partner-resources",
                &body,
                &[("Authorization", &author)],
            )
            .await;
        if r.status != 202 {
            return r;
        }
        let id = r.json()["id"].as_i64().expect("addition");
        let approver = format!("Bearer {}", self.key(store::Role::Admin).await);
        self.post_json(
            &format!("/v1/partner-resource-additions/{id}/approve"),
            "",
            &[("Authorization", &approver)],
        )
        .await
    }

    pub async fn patch_json(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Response {
        self.request("PATCH", path, headers, Some(("application/json", body)))
            .await
    }

    pub async fn put(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Response {
        self.request("PUT", path, headers, Some((content_type, body)))
            .await
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, &str)>,
    ) -> Response {
        let mut stream = TcpStream::connect(self.addr).await.expect("connect");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let body = match body {
            Some((content_type, body)) => {
                head.push_str(&format!(
                    "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                    body.len()
                ));
                body.as_bytes()
            }
            None => b"",
        };
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.expect("write");
        // The server may answer (413) and close before reading a large body.
        let _ = stream.write_all(body).await;
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        Response::parse(&raw)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db.display()));
        }
    }
}

pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the header `name` (e.g. each `set-cookie`).
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&body[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&body[start..start + size]);
        body = &body[start + size + 2..];
    }
    out
}

/// Chromium for page tests: ANTISCAM_TEST_CHROMIUM, or chromium on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("ANTISCAM_TEST_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Loads a page in headless Chromium and returns the DOM it rendered.
pub async fn dump_dom(chromium: &PathBuf, url: &str) -> String {
    let profile = std::env::temp_dir().join(format!(
        "antiscam-chromium-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let output = tokio::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            url,
        ])
        .output()
        .await
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

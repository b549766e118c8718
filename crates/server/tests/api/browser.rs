//! The public pages in a real headless Chromium driven over WebDriver (Debian's
//! `chromium` and `chromedriver`, started here on a free port; the server on port 0).
//!
//! Each page, in English and Traditional Chinese, is checked with axe-core (no serious
//! or critical violation), for requests leaving the host (every resource the page
//! loaded is same-origin), for its size (under 100 KB transferred, gzip, with its
//! stylesheet) and its DOM-ready time, at desktop and phone widths, and saved as a
//! screenshot under `target/screenshots/`. Then the flows: verify an impersonating
//! domain, analyze a message, file a report and follow it, find it in the console's
//! triage queue and confirm it (Verify changes), a partner of its region sees it and one
//! of another does not, the audit log, signing out; the language switch.
//!
//! `ANTISCAM_TEST_CHROMEDRIVER` (set by `.ci/run`) names the driver and makes a missing
//! one a failure; without it the test looks for `/usr/bin/chromedriver` and is skipped
//! when there is none. `ANTISCAM_TEST_AXE` names `axe.min.js` (installed from npm by
//! `.ci/run`); without it the accessibility checks are skipped, unless the driver was
//! required. The figures are printed (`-- --nocapture`); BENCHMARKS.md has them.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::harness::TestServer;

/// Signs in to the console with `key` through its form, landing on the triage page.
async fn sign_in(c: &Client, server: &TestServer, key: &str, lang: &str) {
    c.goto(&server.url(&format!("/console?lang={lang}")))
        .await
        .expect("goto");
    wait_loaded(c).await;
    assert_eq!(attr(c, "#key", "type").await.as_deref(), Some("password"));
    fill(c, "#key", key).await;
    press(c, "#sign-in").await;
    let url = c.current_url().await.expect("url");
    assert_eq!(url.path(), "/console/triage", "signed in");
}

/// Signs out with the header's button.
async fn sign_out(c: &Client) {
    press(c, "#sign-out").await;
    c.find(Locator::Css("#notice")).await.expect("signed out");
}

/// The pages, as path and file name of their screenshot.
const PAGES: [(&str, &str); 5] = [
    ("/", "verify"),
    ("/analyze", "analyze"),
    ("/report", "report"),
    ("/learn", "learn"),
    ("/official", "official"),
];

/// The text of the report the flow files, which analysts and the region's partners read.
const REPORT_TEXT: &str = "They said my account was frozen and asked for a fee by SMS";

/// The budget for a page and what it loads, compressed.
const MAX_PAGE_BYTES: u64 = 100 * 1024;
/// A generous sanity bound on DOM-ready (the target, 300 ms on loopback, is measured and
/// recorded in BENCHMARKS.md, not asserted: a loaded CI machine must not fail on it).
const SANE_DOM_READY_MS: f64 = 3_000.0;

fn required() -> bool {
    std::env::var_os("ANTISCAM_TEST_CHROMEDRIVER").is_some()
}

fn chromedriver() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ANTISCAM_TEST_CHROMEDRIVER") {
        let path = PathBuf::from(path);
        assert!(
            path.exists(),
            "ANTISCAM_TEST_CHROMEDRIVER={} does not exist",
            path.display()
        );
        return Some(path);
    }
    let path = PathBuf::from("/usr/bin/chromedriver");
    path.exists().then_some(path)
}

fn axe_source() -> Option<String> {
    match std::env::var_os("ANTISCAM_TEST_AXE") {
        Some(path) => Some(
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("ANTISCAM_TEST_AXE={path:?}: {e}")),
        ),
        None => {
            assert!(
                !required(),
                "ANTISCAM_TEST_AXE must name axe.min.js when the browser tests are required"
            );
            None
        }
    }
}

/// Where the screenshots go: `<target>/screenshots/`.
fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir
}

/// chromedriver on a free port, ended with the test.
struct Driver {
    child: tokio::process::Child,
    url: String,
    profile: PathBuf,
}

impl Driver {
    async fn start(path: &PathBuf) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = tokio::process::Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile =
            std::env::temp_dir().join(format!("antiscam-webdriver-{}-{port}", std::process::id()));
        Driver {
            child,
            url,
            profile,
        }
    }

    async fn session(&self) -> Client {
        let mut options = json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--window-size=1280,900",
                format!("--user-data-dir={}", self.profile.display()),
            ]
        });
        if let Some(chromium) = super::harness::chromium() {
            options["binary"] = json!(chromium);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// What a page load cost, from the Navigation and Resource Timing APIs.
#[derive(Debug, Clone)]
struct Load {
    /// Bytes transferred for the page itself (headers included).
    page_bytes: u64,
    /// Bytes transferred for what it loaded (0 for what came from the cache).
    resource_bytes: u64,
    /// `domContentLoadedEventEnd`, ms after the navigation started.
    dom_ready: f64,
    /// Every URL loaded, the page's first.
    urls: Vec<String>,
}

async fn measure(c: &Client) -> Load {
    let v = c
        .execute(
            "const n = performance.getEntriesByType('navigation')[0];\
             const r = performance.getEntriesByType('resource');\
             return {page: n.transferSize, resources: r.reduce((s, e) => s + e.transferSize, 0),\
                     dom: n.domContentLoadedEventEnd,\
                     urls: [n.name].concat(r.map(e => e.name))};",
            vec![],
        )
        .await
        .expect("timing");
    Load {
        page_bytes: v["page"].as_u64().unwrap_or(u64::MAX),
        resource_bytes: v["resources"].as_u64().unwrap_or(u64::MAX),
        dom_ready: v["dom"].as_f64().unwrap_or(f64::MAX),
        urls: v["urls"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u.as_str().map(str::to_owned))
            .collect(),
    }
}

/// Measures a console page (no size target in the issue, but printed and kept
/// same-origin and quick like the public pages).
async fn record(
    c: &Client,
    origin: &str,
    what: impl Into<String>,
    figures: &mut Vec<(String, u64, usize, f64)>,
) {
    let what = what.into();
    let load = measure(c).await;
    assert_same_origin(&load, origin, &what);
    figures.push((what, load.page_bytes, load.urls.len(), load.dom_ready));
}

/// Prints the console's page figures (`-- --nocapture`; BENCHMARKS.md has them).
fn print_console_figures(figures: &[(String, u64, usize, f64)]) {
    eprintln!(
        "{:<40} {:>10}  {:>8}  DOM ready (ms)",
        "console page", "page bytes", "requests"
    );
    for (what, bytes, requests, ready) in figures {
        eprintln!("{what:<40} {bytes:>10}  {requests:>8}  {ready:>6.1}");
        assert!(
            *ready < SANE_DOM_READY_MS,
            "{what}: DOM ready after {ready} ms"
        );
    }
}

/// Fails if the page loaded anything from another origin.
fn assert_same_origin(load: &Load, origin: &str, what: &str) {
    for url in &load.urls {
        assert!(
            url.starts_with(&format!("{origin}/")),
            "{what}: a request left the host: {url}"
        );
    }
}

/// Runs axe-core in the page; fails on serious or critical violations.
async fn assert_accessible(c: &Client, axe: Option<&str>, what: &str) {
    let Some(axe) = axe else { return };
    c.execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .expect("inject axe-core");
    let out = c
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, {resultTypes: ['violations']})\
               .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,\
                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))\
               .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    assert!(out.is_array(), "{what}: axe-core did not run: {out}");
    let bad: Vec<&Value> = out
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(bad.is_empty(), "{what}: accessibility violations: {bad:#?}");
}

/// Saves the whole page: the window is made as tall as the document (at most 8,000
/// pixels) for the picture, then given its size back.
async fn screenshot(c: &Client, name: &str) {
    let (width, height) = c.get_window_size().await.expect("window size");
    let document = c
        .execute(
            "window.scrollTo(0, 0); return document.documentElement.scrollHeight",
            vec![],
        )
        .await
        .expect("height")
        .as_u64()
        .unwrap_or(height);
    let tall = u32::try_from(document.clamp(height, 8_000)).unwrap_or(8_000);
    let width = u32::try_from(width).unwrap_or(1280);
    c.set_window_size(width, tall).await.expect("resize");
    let png = c.screenshot().await;
    c.set_window_size(width, u32::try_from(height).unwrap_or(900))
        .await
        .expect("resize back");
    let png = png.expect("screenshot");
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("save screenshot");
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    let found = c.find(Locator::Css(css)).await;
    if found.is_err() {
        let url = c
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let source = c.source().await.unwrap_or_default();
        panic!("{css} not found at {url}: {source}");
    }
    found.expect("found").attr(name).await.expect("attribute")
}

async fn fill(c: &Client, css: &str, value: &str) {
    let e = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    e.clear().await.expect("clear");
    e.send_keys(value).await.expect("type");
}

/// Submits the page's form and waits for the next page.
async fn submit(c: &Client) {
    press(c, "#submit").await;
}

/// Clicks the button `css` and waits for the next page.
async fn press(c: &Client, css: &str) {
    c.execute("window.__before_submit = true; return 0", vec![])
        .await
        .expect("mark the page");
    c.find(Locator::Css(css))
        .await
        .expect("submit button")
        .click()
        .await
        .expect("click");
    wait_loaded(c).await;
}

/// Waits until a new document (not one marked by [`submit`]) has loaded.
async fn wait_loaded(c: &Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = c
            .execute(
                "return window.__before_submit ? 'old' : document.readyState",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        if state == "complete" {
            return;
        }
        assert!(Instant::now() < deadline, "the page did not load");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[tokio::test]
async fn public_pages_in_a_real_browser() {
    let Some(driver_path) = chromedriver() else {
        eprintln!(
            "skipped: no chromedriver (install chromium-driver, or set ANTISCAM_TEST_CHROMEDRIVER)"
        );
        return;
    };
    let started = Instant::now();
    let axe = axe_source();
    if axe.is_none() {
        eprintln!("accessibility checks skipped: set ANTISCAM_TEST_AXE to axe.min.js");
    }
    let mut settings = server::Settings::default();
    let unlimited = server::Rate {
        per_minute: 0,
        burst: 0,
    };
    settings.rates.lookups = unlimited;
    settings.rates.analyze = unlimited;
    settings.reports.per_minute = 0;
    let server = TestServer::start_with(settings).await;
    let origin = server.url("");
    let driver = Driver::start(&driver_path).await;
    let c = driver.session().await;

    // Every page in both languages: accessible, same-origin, small, quick, on a phone too.
    let mut figures = Vec::new();
    let mut console_figures = Vec::new();
    let mut stylesheet_bytes = 0;
    for (path, name) in PAGES {
        for lang in ["en", "zh-Hant"] {
            let url = server.url(&format!("{path}?lang={lang}"));
            let what = format!("{path} ({lang})");
            c.goto(&url).await.expect("goto");
            wait_loaded(&c).await;
            let html_lang = c
                .execute("return document.documentElement.lang", vec![])
                .await
                .expect("lang");
            assert_eq!(html_lang, lang, "{what}");
            let first = measure(&c).await;
            // The stylesheet comes with the first page; later pages find it cached.
            stylesheet_bytes = stylesheet_bytes.max(first.resource_bytes);
            assert_same_origin(&first, &origin, &what);
            assert_accessible(&c, axe.as_deref(), &what).await;
            screenshot(&c, &format!("{name}-{lang}")).await;
            let mut ready = vec![first.dom_ready];
            for _ in 0..4 {
                c.goto(&url).await.expect("goto");
                wait_loaded(&c).await;
                ready.push(measure(&c).await.dom_ready);
            }
            figures.push((what, first.page_bytes, first.urls.len(), median(ready)));
        }
    }
    // Phone width: nothing wider than the screen.
    c.set_window_size(390, 844).await.expect("phone size");
    for (path, name) in PAGES {
        c.goto(&server.url(&format!("{path}?lang=zh-Hant")))
            .await
            .expect("goto");
        wait_loaded(&c).await;
        let overflow = c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await
            .expect("width");
        assert!(
            overflow.as_f64().unwrap_or(1.0) <= 0.0,
            "{path} overflows a phone screen by {overflow}px"
        );
        screenshot(&c, &format!("{name}-zh-Hant-phone")).await;
    }
    c.set_window_size(1280, 900).await.expect("desktop size");

    // Verify an impersonating domain: the card, the characters that differ.
    c.goto(&server.url("/?lang=en")).await.expect("goto");
    fill(&c, "#q", "examp1e.com").await;
    submit(&c).await;
    assert_eq!(
        attr(&c, "#result", "data-verdict").await.as_deref(),
        Some("impersonation")
    );
    assert_eq!(text(&c, ".diff-input mark").await, "1");
    assert_eq!(text(&c, ".diff-official mark").await, "l");
    assert!(text(&c, "#result .verdict").await.contains("Impersonation"));
    let load = measure(&c).await;
    assert_same_origin(&load, &origin, "verify result");
    figures.push((
        "/ with a result (en)".to_owned(),
        load.page_bytes,
        load.urls.len(),
        load.dom_ready,
    ));
    assert_accessible(&c, axe.as_deref(), "verify result").await;
    screenshot(&c, "verify-result-en").await;

    // Analyze a message: tactics, the evidence highlighted, the indicators' cards.
    c.goto(&server.url("/analyze?lang=zh-Hant"))
        .await
        .expect("goto");
    fill(
        &c,
        "#text",
        "Example Exchange support: your account is frozen. Send your seed phrase at examp1e-support.com within 24 hours",
    )
    .await;
    submit(&c).await;
    let load = measure(&c).await;
    assert_same_origin(&load, &origin, "analysis");
    figures.push((
        "/analyze, analysed".to_owned(),
        load.page_bytes,
        load.urls.len(),
        load.dom_ready,
    ));
    let risk = attr(&c, "#result", "data-risk").await;
    assert!(
        matches!(risk.as_deref(), Some("high" | "critical")),
        "{risk:?}"
    );
    assert!(
        !c.find_all(Locator::Css("#message mark"))
            .await
            .expect("marks")
            .is_empty()
    );
    c.find(Locator::Css("[data-tactic=secret_request]"))
        .await
        .expect("secret request");
    c.find(Locator::Css("#indicators [data-verdict=impersonation]"))
        .await
        .expect("the look-alike's card");
    assert_accessible(&c, axe.as_deref(), "analysis").await;
    screenshot(&c, "analyze-result-zh-Hant").await;

    // Upload a saved email instead.
    let eml = std::env::temp_dir().join(format!("antiscam-browser-{}.eml", std::process::id()));
    std::fs::write(
        &eml,
        "From: \"Example Exchange\" <help@desk-mail.net>\r\nSubject: Verify now\r\n\
         Content-Type: text/html\r\n\r\n<p>Your account is frozen within 24 hours.</p>\
         <a href=\"https://examp1e.com/login\">https://www.example.com/login</a>",
    )
    .expect("write the email");
    c.goto(&server.url("/analyze?lang=en")).await.expect("goto");
    c.find(Locator::Css("#email"))
        .await
        .expect("file input")
        .send_keys(&eml.display().to_string())
        .await
        .expect("choose the file");
    submit(&c).await;
    let _ = std::fs::remove_file(&eml);
    c.find(Locator::Css("#indicators [data-verdict=impersonation]"))
        .await
        .expect("the email's look-alike link");
    assert!(text(&c, "#message").await.contains("examp1e.com"));
    screenshot(&c, "analyze-email-en").await;

    // File a report, follow it, an analyst confirms it, Verify changes.
    c.goto(&server.url("/report?lang=en")).await.expect("goto");
    fill(&c, "#indicators", "fake-exchange.example").await;
    fill(&c, "#region", "ZZ").await;
    submit(&c).await;
    assert!(
        c.find(Locator::Css("#region-error")).await.is_ok(),
        "the region's problem is shown"
    );
    assert_accessible(&c, axe.as_deref(), "report form with errors").await;
    fill(&c, "#region", "HK").await;
    fill(&c, "#text", REPORT_TEXT).await;
    c.find(Locator::Css("#channel"))
        .await
        .expect("channel")
        .select_by_value("sms")
        .await
        .expect("select");
    submit(&c).await;
    let url = c.current_url().await.expect("url");
    assert!(url.path().starts_with("/report/R-"), "{url}");
    assert_eq!(
        attr(&c, "#status", "data-status").await.as_deref(),
        Some("under_review")
    );
    c.find(Locator::Css("#sent")).await.expect("confirmation");
    assert_accessible(&c, axe.as_deref(), "report status").await;
    screenshot(&c, "report-status-en").await;
    let status_url = url.clone();

    // The console: its sign-in form, then an analyst signs in, finds the report in the
    // queue, confirms it.
    for lang in ["en", "zh-Hant"] {
        c.goto(&server.url(&format!("/console?lang={lang}")))
            .await
            .expect("goto");
        wait_loaded(&c).await;
        record(
            &c,
            &origin,
            &format!("console sign-in ({lang})"),
            &mut console_figures,
        )
        .await;
        assert_accessible(&c, axe.as_deref(), &format!("console sign-in ({lang})")).await;
        screenshot(&c, &format!("console-sign-in-{lang}")).await;
    }
    let analyst = server.key(store::Role::Analyst).await;
    sign_in(&c, &server, &analyst, "en").await;
    let row = "#queue tr[data-key=\"domain:fake-exchange.example\"]";
    assert!(text(&c, row).await.contains("fake-exchange.example"));
    record(&c, &origin, "console triage queue", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console triage queue").await;
    screenshot(&c, "console-triage-en").await;
    press(&c, &format!("{row} a")).await;
    assert_eq!(
        attr(&c, "#group", "data-state").await.as_deref(),
        Some("new")
    );
    assert!(text(&c, "#reports .message").await.contains(REPORT_TEXT));
    record(&c, &origin, "console group", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console group").await;
    screenshot(&c, "console-group-en").await;
    fill(&c, "#note", "Fee scam, seen by SMS").await;
    press(&c, "#apply").await;
    c.find(Locator::Css("#done"))
        .await
        .expect("the decision's notice");
    // Confirming lists it: it waits for a second analyst (the two-person rule).
    assert_eq!(
        attr(&c, "#group", "data-state").await.as_deref(),
        Some("new")
    );
    assert_eq!(
        attr(&c, "#pending", "data-own").await.as_deref(),
        Some("true")
    );
    assert!(text(&c, "#pending").await.contains("Fee scam, seen by SMS"));
    record(&c, &origin, "console group waiting", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console group waiting").await;
    screenshot(&c, "console-group-waiting-en").await;
    let group_url = c.current_url().await.expect("url");
    sign_out(&c).await;
    // A second analyst approves it.
    let second = server.key(store::Role::Analyst).await;
    sign_in(&c, &server, &second, "en").await;
    c.find(Locator::Css("#pending-decisions"))
        .await
        .expect("the waiting decision on the queue");
    record(&c, &origin, "console queue waiting", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console queue waiting").await;
    c.goto(group_url.as_str()).await.expect("goto");
    wait_loaded(&c).await;
    assert_eq!(
        attr(&c, "#pending", "data-own").await.as_deref(),
        Some("false")
    );
    press(&c, "#pending button[value=\"approve\"]").await;
    c.find(Locator::Css("#done"))
        .await
        .expect("the approval's notice");
    assert_eq!(
        attr(&c, "#group", "data-state").await.as_deref(),
        Some("confirmed")
    );
    // The same pages in Traditional Chinese.
    c.goto(&server.url("/console/triage?state=confirmed&lang=zh-Hant"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    assert_eq!(text(&c, "h1").await, "分流佇列");
    record(
        &c,
        &origin,
        "console triage queue (zh-Hant)",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console triage queue (zh-Hant)").await;
    screenshot(&c, "console-triage-zh-Hant").await;
    press(&c, &format!("{row} a")).await;
    record(&c, &origin, "console group (zh-Hant)", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console group (zh-Hant)").await;
    screenshot(&c, "console-group-zh-Hant").await;
    sign_out(&c).await;

    // A partner of HK sees the report; one of SG does not.
    sign_in(
        &c,
        &server,
        &server.key_in(store::Role::Partner, Some("HK")).await,
        "en",
    )
    .await;
    let reference = status_url.path().trim_start_matches("/report/").to_owned();
    let report = format!("article[data-reference=\"{reference}\"]");
    let shown = text(&c, &report).await;
    assert!(shown.contains("fake-exchange.example") && shown.contains(REPORT_TEXT));
    record(&c, &origin, "console region reports", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console region reports").await;
    screenshot(&c, "console-region-en").await;
    sign_out(&c).await;
    sign_in(
        &c,
        &server,
        &server.key_in(store::Role::Partner, Some("SG")).await,
        "zh-Hant",
    )
    .await;
    assert!(
        c.find(Locator::Css(&report)).await.is_err(),
        "another region's report"
    );
    assert!(!text(&c, "main").await.contains("fake-exchange.example"));
    screenshot(&c, "console-region-zh-Hant").await;
    sign_out(&c).await;

    // An admin reads the audit log (the confirmation is there) and another admin's
    // registry proposal.
    let author = format!("Bearer {}", server.key(store::Role::Admin).await);
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            super::proposals::NIMBUS,
            &[("Authorization", &author)],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    sign_in(
        &c,
        &server,
        &server.key(store::Role::Admin).await,
        "zh-Hant",
    )
    .await;
    c.goto(&server.url("/console/registry?lang=zh-Hant"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    assert!(text(&c, "[data-proposal]").await.contains("nimbus.io"));
    record(
        &c,
        &origin,
        "console registry proposals",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console registry proposals").await;
    screenshot(&c, "console-registry-zh-Hant").await;
    c.goto(&server.url("/console/audit?lang=zh-Hant"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    c.find(Locator::Css("#audit tr[data-action=\"triage.confirm\"]"))
        .await
        .expect("the confirmation, audited");
    record(&c, &origin, "console audit log", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console audit log").await;
    screenshot(&c, "console-audit-zh-Hant").await;

    // The blocklist: a listed indicator with an open dispute; the admin sees the
    // dispute, searches the indicator, delists it with a reason, and Verify changes.
    let listed = "wallet-drainer.example";
    let r = server
        .post_json(
            "/v1/reports",
            &serde_json::json!({"indicators": [listed], "text": "Drained my wallet"}).to_string(),
            &[],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let second_admin = format!("Bearer {}", server.key(store::Role::Admin).await);
    let r = server
        .triage_by_two(listed, "confirm", &author, &second_admin)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server
        .post_json(
            "/v1/disputes",
            &serde_json::json!({"indicator": listed, "reason": "Our own site"}).to_string(),
            &[],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    c.goto(&server.url("/console/disputes?lang=zh-Hant"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    assert!(text(&c, "[data-dispute]").await.contains("Our own site"));
    record(&c, &origin, "console disputes", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console disputes").await;
    screenshot(&c, "console-disputes-zh-Hant").await;
    c.goto(&server.url("/console/blocklist?lang=en"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    fill(&c, "#q", "Wallet-Drainer.example").await;
    press(&c, "#search").await;
    assert_eq!(
        attr(&c, "#entry", "data-severity").await.as_deref(),
        Some("confirmed")
    );
    c.find(Locator::Css("#history tr[data-action=\"triage.confirm\"]"))
        .await
        .expect("the confirmation in the history");
    record(&c, &origin, "console blocklist entry", &mut console_figures).await;
    assert_accessible(&c, axe.as_deref(), "console blocklist entry").await;
    screenshot(&c, "console-blocklist-en").await;
    fill(&c, "#reason", "The owner proved it is theirs").await;
    press(&c, "#delist-submit").await;
    c.find(Locator::Css("#done"))
        .await
        .expect("the delisting's notice");
    // Delisting a listed indicator waits for another key: here the author of the
    // confirmation approves it over the API; the page then shows it delisted.
    assert_eq!(
        attr(&c, "#listing", "data-listed").await.as_deref(),
        Some("true")
    );
    record(
        &c,
        &origin,
        "console blocklist waiting",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console blocklist waiting").await;
    let decision = attr(&c, "#pending", "data-decision")
        .await
        .expect("the waiting delisting");
    let r = server
        .post_json(
            &format!("/v1/triage-decisions/{decision}/approve"),
            "",
            &[("Authorization", &author)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let here = c.current_url().await.expect("url");
    c.goto(here.as_str()).await.expect("goto");
    wait_loaded(&c).await;
    assert_eq!(
        attr(&c, "#listing", "data-listed").await.as_deref(),
        Some("false")
    );
    assert!(
        text(&c, "#history")
            .await
            .contains("The owner proved it is theirs")
    );
    record(
        &c,
        &origin,
        "console blocklist delisted",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console blocklist delisted").await;
    screenshot(&c, "console-blocklist-delisted-en").await;
    sign_out(&c).await;
    c.goto(&server.url("/?lang=en")).await.expect("goto");
    fill(&c, "#q", listed).await;
    submit(&c).await;
    assert_ne!(
        attr(&c, "#result", "data-verdict").await.as_deref(),
        Some("reported_scam"),
        "Verify no longer lists it"
    );
    // Signed out: the console asks to sign in again.
    c.goto(&server.url("/console/triage?lang=en"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    c.find(Locator::Css("#key"))
        .await
        .expect("the sign-in form");

    c.goto(status_url.as_str()).await.expect("goto");
    wait_loaded(&c).await;
    c.refresh().await.expect("reload");
    wait_loaded(&c).await;
    assert_eq!(
        attr(&c, "#status", "data-status").await.as_deref(),
        Some("listed")
    );
    // The lookup form finds it by its reference.
    let reference = url.path().trim_start_matches("/report/").to_owned();
    c.goto(&server.url("/report?lang=en")).await.expect("goto");
    fill(&c, "#reference", &reference.to_lowercase()).await;
    press(&c, "#find").await;
    assert_eq!(
        attr(&c, "#status", "data-status").await.as_deref(),
        Some("listed")
    );
    c.goto(&server.url("/?q=fake-exchange.example&lang=en"))
        .await
        .expect("goto");
    assert_eq!(
        attr(&c, "#result", "data-verdict").await.as_deref(),
        Some("reported_scam")
    );

    // The official channels and Know Your Scam.
    c.goto(&server.url("/official?lang=en"))
        .await
        .expect("goto");
    assert!(
        text(&c, "tr[data-status=retired]")
            .await
            .contains("exampleold")
    );
    c.goto(&server.url("/learn?lang=en")).await.expect("goto");
    assert_eq!(
        c.find_all(Locator::Css("[data-family]"))
            .await
            .expect("families")
            .len(),
        7
    );

    // The language switch, kept for the next page.
    c.find(Locator::Css("a[hreflang=zh-Hant]"))
        .await
        .expect("switch")
        .click()
        .await
        .expect("click");
    wait_loaded(&c).await;
    c.goto(&server.url("/official")).await.expect("goto");
    let html_lang = c
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("lang");
    assert_eq!(html_lang, "zh-Hant");
    assert_eq!(text(&c, "h1").await, "官方渠道");

    c.close().await.ok();
    assert!(stylesheet_bytes > 0, "the stylesheet was loaded");
    eprintln!("the stylesheet: {stylesheet_bytes} bytes transferred (gzip, headers included)");
    eprintln!(
        "{:<22} {:>10}  {:>19}  {:>8}  DOM ready (ms; empty pages: median of 5)",
        "page", "page bytes", "with the stylesheet", "requests"
    );
    for (what, bytes, requests, ready) in &figures {
        let total = bytes + stylesheet_bytes;
        eprintln!("{what:<22} {bytes:>10}  {total:>19}  {requests:>8}  {ready:>6.1}");
        assert!(total <= MAX_PAGE_BYTES, "{what}: {total} bytes");
        assert!(
            *ready < SANE_DOM_READY_MS,
            "{what}: DOM ready after {ready} ms"
        );
    }
    print_console_figures(&console_figures);
    eprintln!(
        "browser tests took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Replaces the text of the text area `css` (a long document, typed at once).
async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(
        "document.querySelector(arguments[0]).value = arguments[1]; return 0",
        vec![json!(css), json!(value)],
    )
    .await
    .expect("set the value");
}

/// Whether the page is wider than the window (a phone must not scroll sideways).
async fn overflow(c: &Client) -> f64 {
    c.execute(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        vec![],
    )
    .await
    .expect("width")
    .as_f64()
    .unwrap_or(1.0)
}

#[tokio::test]
async fn campaign_pages_in_a_real_browser() {
    let Some(driver_path) = chromedriver() else {
        eprintln!("skipped: no chromedriver");
        return;
    };
    let axe = axe_source();
    let server = TestServer::start().await;
    let origin = server.url("");
    let mut console_figures = Vec::new();
    let admin = server.key(store::Role::Admin).await;
    let doc = json!({
        "name": "Stop and think", "partner": "Hong Kong Police", "regions": ["HK"],
        "status": "active", "starts_at": "2025-01-01T00:00:00Z",
        "targeting": {"trigger": "all"}, "holdout_percent": 50,
        "variants": [
            {"key": "police", "content": {
                "en": {"title": "Did someone tell you to move your crypto?",
                       "message": "Real officers never ask you to transfer crypto to a \"safe\" address.",
                       "tips": ["Hang up and call the police before you send anything."],
                       "examples": ["A caller says your account is involved in a crime."]},
                "zh-Hant": {"title": "有人叫你轉走加密貨幣？",
                            "message": "真正的執法人員絕不會要求你把加密貨幣轉往「安全」地址。",
                            "tips": ["先掛線，向警方查詢，才決定是否轉賬。"]}}},
            {"key": "investment", "content": {
                "en": {"title": "Guaranteed returns? It is a scam.",
                       "message": "A platform that charges a fee to release your money is a scam."}}}
        ]
    });
    let id = super::console::create_campaign(&server, &admin, &doc).await;
    super::console::screen_with_outcomes(&server, 30, 20).await;
    let driver = Driver::start(&driver_path).await;
    let c = driver.session().await;

    // A partner of the region: the list, the campaign with its phone previews.
    sign_in(&c, &server, &server.key(store::Role::Partner).await, "en").await;
    for lang in ["en", "zh-Hant"] {
        c.goto(&server.url(&format!("/console/campaigns?lang={lang}")))
            .await
            .expect("goto");
        wait_loaded(&c).await;
        c.find(Locator::Css(&format!("tr[data-campaign=\"{id}\"]")))
            .await
            .expect("the campaign in the list");
        record(
            &c,
            &origin,
            &format!("console campaigns ({lang})"),
            &mut console_figures,
        )
        .await;
        assert_accessible(&c, axe.as_deref(), &format!("console campaigns ({lang})")).await;
        screenshot(&c, &format!("console-campaigns-{lang}")).await;
        c.goto(&server.url(&format!("/console/campaigns/{id}?lang={lang}")))
            .await
            .expect("goto");
        wait_loaded(&c).await;
        assert!(
            text(&c, "#phone-police-zh-Hant .phone-title")
                .await
                .contains("有人叫你轉走加密貨幣")
        );
        record(
            &c,
            &origin,
            &format!("console campaign ({lang})"),
            &mut console_figures,
        )
        .await;
        assert_accessible(&c, axe.as_deref(), &format!("console campaign ({lang})")).await;
        screenshot(&c, &format!("console-campaign-{lang}")).await;
    }
    c.set_window_size(390, 844).await.expect("phone size");
    assert!(
        overflow(&c).await <= 0.0,
        "the campaign page overflows a phone"
    );
    screenshot(&c, "console-campaign-zh-Hant-phone").await;
    c.set_window_size(1280, 900).await.expect("desktop size");

    // Preview an edit without saving it, then save it: it waits for an admin.
    c.goto(&server.url(&format!("/console/campaigns/{id}?lang=en")))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    let mut edited = doc.clone();
    edited["variants"][1]["content"]["en"]["title"] = "Promised profits? Stop.".into();
    let edited = serde_json::to_string_pretty(&edited).expect("json");
    set_value(&c, "#document", &edited).await;
    press(&c, "#preview-submit").await;
    assert!(
        text(&c, "#phone-investment-en .phone-title")
            .await
            .contains("Promised profits? Stop.")
    );
    c.find(Locator::Css("#done")).await.expect("preview notice");
    set_value(&c, "#document", "{\"name\": \"x\"").await;
    press(&c, "#save").await;
    c.find(Locator::Css("#document-problems"))
        .await
        .expect("the problem next to the form");
    record(
        &c,
        &origin,
        "console campaign editor with a problem",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console campaign editor with a problem").await;
    screenshot(&c, "console-campaign-problem-en").await;
    set_value(&c, "#document", &edited).await;
    press(&c, "#save").await;
    assert!(
        text(&c, "#done")
            .await
            .contains("waits for another administrator")
    );
    sign_out(&c).await;

    // An admin approves it from the revisions page.
    sign_in(&c, &server, &admin, "zh-Hant").await;
    c.goto(&server.url("/console/revisions?lang=zh-Hant"))
        .await
        .expect("goto");
    wait_loaded(&c).await;
    let revision = attr(&c, "[data-revision]", "data-revision")
        .await
        .expect("a pending revision");
    record(
        &c,
        &origin,
        "console revisions (zh-Hant)",
        &mut console_figures,
    )
    .await;
    assert_accessible(&c, axe.as_deref(), "console revisions (zh-Hant)").await;
    screenshot(&c, "console-revisions-zh-Hant").await;
    fill(&c, &format!("#note-{revision}"), "Checked with the police").await;
    press(&c, &format!("#approve-{revision}")).await;
    c.find(Locator::Css("#done")).await.expect("approved");

    // The results: charts with their bands, in both languages.
    for lang in ["en", "zh-Hant"] {
        c.goto(&server.url(&format!("/console/campaigns/{id}/results?lang={lang}")))
            .await
            .expect("goto");
        wait_loaded(&c).await;
        // One day so far: its interval is a whisker; exposures 1 and 2 make a band.
        c.find(Locator::Css("#chart-day-reconsidered svg"))
            .await
            .expect("the rate over time");
        c.find(Locator::Css("#chart-exposure-cancelled svg polygon"))
            .await
            .expect("the habituation curve's band");
        record(
            &c,
            &origin,
            &format!("console results ({lang})"),
            &mut console_figures,
        )
        .await;
        assert_accessible(&c, axe.as_deref(), &format!("console results ({lang})")).await;
        screenshot(&c, &format!("console-results-{lang}")).await;
    }
    c.set_window_size(390, 844).await.expect("phone size");
    assert!(overflow(&c).await <= 0.0, "the results overflow a phone");
    screenshot(&c, "console-results-zh-Hant-phone").await;
    c.close().await.ok();
    print_console_figures(&console_figures);
}

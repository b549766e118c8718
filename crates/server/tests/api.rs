//! The HTTP API and web pages, against a real server on port 0 over a real SQLite file.

mod api {
    pub mod analyze;
    mod audit;
    mod browser;
    mod campaign_review;
    pub mod campaigns;
    mod compromised;
    mod console;
    mod contract;
    mod faults;
    pub mod feeds;
    mod friction;
    pub mod harness;
    mod keys;
    mod matrix;
    mod pages;
    pub mod proposals;
    mod provenance;
    mod reports;
    mod security;
    mod taxii;
    mod webhooks;
}

use api::harness::{Response, TestServer};
use serde_json::json;

#[tokio::test]
async fn health_and_openapi() {
    let server = TestServer::start().await;
    let r = server.get("/healthz", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
    assert_eq!(r.json()["brands"], 1);
    for path in ["/livez", "/readyz"] {
        let r = server.get(path, &[]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.json()["status"], "ok", "{path}");
    }

    let r = server.get("/openapi.json", &[]).await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/healthz",
        "/livez",
        "/readyz",
        "/openapi.json",
        "/v1/verify",
        "/v1/registry",
        "/v1/export",
        "/.well-known/antiscam/registry.json",
        "/.well-known/antiscam/registry.json.sig",
        "/.well-known/antiscam/registry-key",
        "/v1/withdrawals/screen",
        "/v1/screenings/{id}/outcome",
        "/v1/user-scam-reports",
        "/v1/campaigns",
        "/v1/campaigns/{id}",
        "/v1/campaigns/{id}/stats",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not documented");
    }
}

#[tokio::test]
async fn verify_get_answers_each_verdict() {
    let server = TestServer::start().await;
    let cases = [
        ("example.com", "official", None),
        (
            "https://examp1e.com/login",
            "impersonation",
            Some("homoglyph"),
        ),
        ("evil.io", "reported_scam", None),
        ("x.com/ExampleOld", "formerly_official", None),
        ("unrelated.org", "unknown", None),
        (
            "0x52908400098527886E0F7030069857D2E4169Ee7",
            "invalid",
            None,
        ),
    ];
    for (q, verdict, technique) in cases {
        let r = server
            .get(&format!("/v1/verify?q={}", encode(q)), &[])
            .await;
        assert_eq!(r.status, 200, "{q}");
        let j = r.json();
        assert_eq!(j["verdict"], verdict, "{q}: {j}");
        assert_eq!(j["input"], q);
        if let Some(t) = technique {
            assert_eq!(j["technique"], t);
            assert_eq!(j["brand"], "Example Exchange");
            assert_eq!(j["target"], "example.com");
        }
        assert!(!j["reasons"].as_array().expect("reasons").is_empty());
        assert!(j["advice"].as_str().is_some_and(|a| !a.is_empty()));
    }
    let j = server.get("/v1/verify?q=evil.io", &[]).await.json();
    assert_eq!(j["report"]["count"], 14);
    let j = server.get("/v1/verify?q=", &[]).await.json();
    assert_eq!(j["error_code"], "empty");
}

#[tokio::test]
async fn verify_is_localized() {
    let server = TestServer::start().await;
    let j = server
        .get("/v1/verify?q=examp1e.com&lang=zh-Hant", &[])
        .await
        .json();
    assert_eq!(j["locale"], "zh-Hant");
    let j2 = server
        .get(
            "/v1/verify?q=examp1e.com",
            &[("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")],
        )
        .await
        .json();
    assert_eq!(j2["locale"], "zh-Hans");
    let en = server.get("/v1/verify?q=examp1e.com", &[]).await.json();
    assert_eq!(en["locale"], "en");
    assert_ne!(j["advice"], en["advice"]);
    assert_ne!(j2["advice"], en["advice"]);
    assert_ne!(j["advice"], j2["advice"]);
}

#[tokio::test]
async fn verify_bad_requests_use_the_error_shape() {
    let server = TestServer::start().await;
    let cases: Vec<(Response, u16, &str)> = vec![
        (server.get("/v1/verify", &[]).await, 400, "bad_request"),
        (
            server.get("/v1/verify?q=a.com&kind=fax", &[]).await,
            400,
            "bad_request",
        ),
        (
            server.post_json("/v1/verify", "{not json", &[]).await,
            400,
            "bad_request",
        ),
        (
            server
                .post_json("/v1/verify", r#"{"inputs": []}"#, &[])
                .await,
            400,
            "bad_request",
        ),
        (
            server
                .post_json("/v1/verify", r#"{"inputs": ["a.com"], "extra": 1}"#, &[])
                .await,
            400,
            "bad_request",
        ),
        (
            server
                .post_json(
                    "/v1/verify",
                    &json!({"inputs": vec!["a.com"; 501]}).to_string(),
                    &[],
                )
                .await,
            422,
            "too_many",
        ),
        (
            server
                .post_json("/v1/verify", &"x".repeat(server::MAX_BODY_BYTES + 1), &[])
                .await,
            413,
            "too_large",
        ),
        (server.get("/v1/nothing", &[]).await, 404, "not_found"),
    ];
    for (i, (r, status, code)) in cases.into_iter().enumerate() {
        assert_eq!(r.status, status, "case {i}: {}", r.text());
        let j = r.json();
        assert_eq!(j["error"]["code"], code, "case {i}");
        assert!(
            j["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "case {i}"
        );
    }
}

#[tokio::test]
async fn verify_post_batches_in_order() {
    let server = TestServer::start().await;
    let body = json!({"inputs": ["example.com", "ExampleEnglish", "evil.io"], "kind": null, "locale": "en"});
    let r = server.post_json("/v1/verify", &body.to_string(), &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let results = r.json()["results"].as_array().expect("results").clone();
    let verdicts: Vec<&str> = results
        .iter()
        .map(|r| r["verdict"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(verdicts, ["official", "official", "reported_scam"]);
    let r = server
        .post_json(
            "/v1/verify",
            r#"{"inputs": ["ExampleEnglish"], "kind": "telegram"}"#,
            &[],
        )
        .await;
    assert_eq!(r.json()["results"][0]["kind"], "telegram");
}

#[tokio::test]
async fn web_page_renders_verdicts_safely() {
    let server = TestServer::start().await;
    let r = server.get("/", &[]).await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("<form"), "{html}");
    assert!(!html.contains("id=\"result\""));

    let r = server.get("/?q=examp1e.com&lang=zh-Hant", &[]).await;
    let html = r.text();
    assert!(html.contains("data-verdict=\"impersonation\""), "{html}");
    assert!(html.contains("lang=\"zh-Hant\""));
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));

    let r = server
        .get(&format!("/?q={}", encode("<script>alert(1)</script>")), &[])
        .await;
    let html = r.text();
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn web_page_in_headless_chromium() {
    let Some(chromium) = api::harness::chromium() else {
        eprintln!("skipped: no chromium (set ANTISCAM_TEST_CHROMIUM or install chromium)");
        return;
    };
    let server = TestServer::start().await;
    let cases = [
        ("/?q=examp1e.com&lang=en", "impersonation", "Impersonation"),
        (
            "/?q=example.com&lang=zh-Hant",
            "official",
            "lang=\"zh-Hant\"",
        ),
        (
            "/?q=evil.io&lang=zh-Hans",
            "reported_scam",
            "lang=\"zh-Hans\"",
        ),
    ];
    for (path, verdict, text) in cases {
        let dom = api::harness::dump_dom(&chromium, &server.url(path)).await;
        assert!(
            dom.contains(&format!("data-verdict=\"{verdict}\"")),
            "{path}: {dom}"
        );
        assert!(dom.contains(text), "{path}: {dom}");
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

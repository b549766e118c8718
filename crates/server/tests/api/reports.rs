//! Reports, triage, disputes and the audit log over HTTP.

use std::time::Duration;

use serde_json::{Value, json};
use store::Role;

use super::harness::{Response, TestServer};

/// A server whose rate limit does not get in the way, listing at `threshold` reporters.
async fn server(threshold: u32) -> TestServer {
    let mut settings = server::Settings::default();
    settings.reports.per_minute = 0;
    settings.reports.policy.threshold = threshold;
    TestServer::start_with(settings).await
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

async fn verdict(server: &TestServer, q: &str) -> String {
    let j = server.get(&format!("/v1/verify?q={q}"), &[]).await.json();
    j["verdict"].as_str().unwrap_or_default().to_owned()
}

/// Polls the index until `q` has `want`, for at most a second: the promise is that an
/// automatic listing reaches verification within a second.
async fn eventually(server: &TestServer, q: &str, want: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    loop {
        let got = verdict(server, q).await;
        if got == want {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{q}: still {got} after a second, want {want}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn error_code(r: &Response) -> String {
    r.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_report_is_stored_and_answered_with_its_reference() {
    let server = server(3).await;
    let body = json!({
        "indicators": ["hxxps://examp1e[.]com/login", "+852 3000 0001"],
        "text": "Your account is locked",
        "channel": "sms",
        "region": "hk",
        "loss": {"amount": 1500.5, "asset": "usdt"},
        "occurred_at": "2025-06-01T14:30:00+08:00",
        "contact": {"consent": true, "detail": "victim@example.net"}
    });
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let j = r.json();
    let reference = j["reference"].as_str().expect("reference").to_owned();
    assert!(
        reference.starts_with("R-") && reference.len() == 16,
        "{reference}"
    );
    assert_eq!(
        j["indicators"],
        json!([
            {"key": "url:https://examp1e.com/login", "official": false},
            {"key": "phone:+85230000001", "official": false}
        ])
    );
    assert!(j["message"].as_str().unwrap_or("").contains(&reference));

    // An analyst reads it without the contact detail.
    let analyst = server.key(Role::Analyst).await;
    let r = server
        .get("/v1/reports", &[("Authorization", &bearer(&analyst))])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let reports = r.json()["reports"].clone();
    assert_eq!(reports[0]["reference"], reference.as_str());
    assert_eq!(reports[0]["region"], "HK");
    assert_eq!(
        reports[0]["loss"],
        json!({"amount": "1500.5", "asset": "USDT"})
    );
    assert_eq!(reports[0]["occurred_at"], "2025-06-01T06:30:00Z");
    assert!(reports[0].get("contact").is_none(), "{reports}");

    // The partner of HK sees it with the contact; asking for another region is refused.
    let partner = server.key(Role::Partner).await; // region HK
    let r = server
        .get("/v1/reports", &[("Authorization", &bearer(&partner))])
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["reports"][0]["contact"],
        json!({"consent": true, "detail": "victim@example.net"})
    );
    let r = server
        .get(
            "/v1/reports?region=TW",
            &[("Authorization", &bearer(&partner))],
        )
        .await;
    assert_eq!(r.status, 403);
    let integrator = server.key(Role::Integrator).await;
    let r = server
        .get("/v1/reports", &[("Authorization", &bearer(&integrator))])
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(server.get("/v1/reports", &[]).await.status, 401);

    // Both reads are in the audit log, with the caller's address.
    let admin = server.key(Role::Admin).await;
    let r = server
        .get("/v1/audit", &[("Authorization", &bearer(&admin))])
        .await;
    assert_eq!(r.status, 200);
    let records = r.json()["records"].clone();
    assert_eq!(records[0]["action"], "reports.read");
    assert_eq!(records[0]["role"], "partner");
    assert_eq!(records[0]["target"], "HK");
    assert_eq!(records[0]["ip"], "127.0.0.1");
    assert_eq!(records[0]["detail"]["contacts"], "1");
    assert_eq!(records[1]["role"], "analyst");
    let r = server
        .get("/v1/audit", &[("Authorization", &bearer(&analyst))])
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn an_invalid_report_names_each_field() {
    let server = server(3).await;
    let body = json!({
        "indicators": ["evil.io", "0x52908400098527886E0F7030069857D2E4169Ee7"],
        "region": "UK",
        "loss": {"amount": "-3", "asset": "USDT"},
        "contact": {"consent": true}
    });
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let e = r.json()["error"].clone();
    assert_eq!(e["code"], "invalid_report");
    let fields: Vec<(String, String)> = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").into(),
                f["code"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("indicators[1]".into(), "bad_checksum".into()),
            ("region".into(), "unknown_region".into()),
            ("loss.amount".into(), "invalid_amount".into()),
            ("contact.detail".into(), "missing_contact".into()),
        ]
    );
    assert!(e["message"].as_str().unwrap_or("").contains("region:"));
    // In Traditional Chinese.
    let zh = json!({"region": "UK", "indicators": ["evil.io"], "lang": "zh-Hant"});
    let r = server.post_json("/v1/reports", &zh.to_string(), &[]).await;
    assert_eq!(
        r.json()["error"]["fields"][0]["message"],
        "請從清單中選擇國家或地區。"
    );
    // Nothing at all; an unknown field; not JSON.
    let r = server.post_json("/v1/reports", "{}", &[]).await;
    assert_eq!(r.json()["error"]["fields"][0]["code"], "missing_content");
    let r = server
        .post_json("/v1/reports", r#"{"indicator": "x.io"}"#, &[])
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("unknown field `indicator`"),
        "{}",
        r.text()
    );
    let r = server.post_json("/v1/reports", "not json", &[]).await;
    assert_eq!(r.status, 400);
    // Larger than the report limit.
    let big = json!({"text": "a".repeat(200 * 1024)});
    let r = server.post_json("/v1/reports", &big.to_string(), &[]).await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn public_submissions_are_rate_limited_per_client() {
    let mut settings = server::Settings::default();
    settings.reports.per_minute = 1;
    settings.reports.burst = 2;
    let server = TestServer::start_with(settings).await;
    let body = json!({"indicators": ["evil-one.example"]}).to_string();
    for _ in 0..2 {
        assert_eq!(
            server.post_json("/v1/reports", &body, &[]).await.status,
            201
        );
    }
    let r = server.post_json("/v1/reports", &body, &[]).await;
    assert_eq!(r.status, 429);
    assert_eq!(error_code(&r), "rate_limited");
    let retry: u64 = r
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    // Disputes share the budget.
    let d = json!({"indicator": "evil.io", "reason": "mine"}).to_string();
    assert_eq!(server.post_json("/v1/disputes", &d, &[]).await.status, 429);
    // Verification is not limited.
    assert_eq!(server.get("/v1/verify?q=evil.io", &[]).await.status, 200);
}

#[tokio::test]
async fn enough_reporters_list_an_indicator_within_a_second() {
    let server = server(1).await;
    assert_eq!(verdict(&server, "scam-site.example").await, "unknown");
    let body = json!({"indicators": ["scam-site.example"], "channel": "telegram"});
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201);
    eventually(&server, "scam-site.example", "reported_scam").await;
    let j = server
        .get("/v1/verify?q=scam-site.example", &[])
        .await
        .json();
    assert_eq!(j["report"]["severity"], "suspected");
    assert_eq!(j["report"]["count"], 1);
}

#[tokio::test]
async fn a_report_against_an_official_channel_is_an_alert_not_a_listing() {
    let server = server(1).await;
    let body = json!({"indicators": ["t.me/ExampleEnglish"]});
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["indicators"][0]["official"], true);
    let analyst = server.key(Role::Analyst).await;
    let r = server
        .get(
            "/v1/triage?alerts=true",
            &[("Authorization", &bearer(&analyst))],
        )
        .await;
    assert_eq!(r.status, 200);
    let groups = r.json()["groups"].clone();
    assert_eq!(groups.as_array().map(Vec::len), Some(1));
    assert_eq!(groups[0]["key"], "telegram:exampleenglish");
    assert_eq!(groups[0]["alert"], "possible_takeover");
    assert_eq!(groups[0]["listed"], Value::Null);
    assert_eq!(verdict(&server, "t.me/ExampleEnglish").await, "official");
}

#[tokio::test]
async fn a_text_only_report_takes_the_indicators_in_the_text() {
    let server = server(3).await;
    let body = json!({
        "text": "Dear customer, verify your wallet at https://examp1e-support.com/verify or example.com"
    });
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let j = r.json();
    assert_eq!(j["extracted_from_text"], 1);
    assert_eq!(
        j["indicators"][0]["key"],
        "url:https://examp1e-support.com/verify"
    );
}

#[tokio::test]
async fn analysts_triage_and_the_index_follows_at_once() {
    let server = server(3).await;
    let analyst = server.key(Role::Analyst).await;
    let auth = bearer(&analyst);
    let h = [("Authorization", auth.as_str())];
    let body = json!({"indicators": ["fake-exchange.example"]}).to_string();
    assert_eq!(
        server.post_json("/v1/reports", &body, &[]).await.status,
        201
    );
    let queue = server.get("/v1/triage?state=new", &h).await.json();
    let group = queue["groups"][0].clone();
    assert_eq!(group["key"], "domain:fake-exchange.example");
    assert_eq!(
        (group["reports"].as_u64(), group["reporters"].as_u64()),
        (Some(1), Some(1))
    );
    let id = group["id"].as_i64().expect("id");
    let detail = server
        .get("/v1/triage/fake-exchange.example", &h)
        .await
        .json();
    assert_eq!(detail["group"]["id"], id);
    assert_eq!(
        detail["reports"][0]["indicators"],
        json!(["domain:fake-exchange.example"])
    );

    // Confirm by id: one analyst's key does not list it (the two-person rule): the
    // decision waits, Verify's answer is unchanged.
    let second = bearer(&server.key(Role::Analyst).await);
    let h2 = [("Authorization", second.as_str())];
    let r = server
        .post_json(
            &format!("/v1/triage/{id}"),
            r#"{"action": "confirm", "note": "checked"}"#,
            &h,
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(r.json()["state"], "pending");
    assert_eq!(r.json()["action"], "confirm");
    assert_eq!(r.json()["key"], "domain:fake-exchange.example");
    assert_eq!(r.json()["author"]["role"], "analyst");
    assert_eq!(verdict(&server, "fake-exchange.example").await, "unknown");
    let waiting = server
        .get("/v1/triage-decisions?state=pending", &h2)
        .await
        .json();
    assert_eq!(waiting["decisions"][0]["id"], r.json()["id"]);
    // Nothing else is decided on it meanwhile; its author cannot approve it.
    let again = server
        .post_json(&format!("/v1/triage/{id}"), r#"{"action": "reject"}"#, &h2)
        .await;
    assert_eq!(again.status, 409, "{}", again.text());
    let own = server.approve(&r, &auth).await;
    assert_eq!(own.status, 409, "{}", own.text());
    assert_eq!(error_code(&own), "conflict");
    // Another analyst approves it: listed before the answer.
    let ok = server.approve(&r, &second).await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["decision"]["state"], "approved");
    assert_eq!(ok.json()["blocklist_changed"], true);
    assert_eq!(
        verdict(&server, "fake-exchange.example").await,
        "reported_scam"
    );
    let group = server
        .get("/v1/triage/fake-exchange.example", &h)
        .await
        .json();
    assert_eq!(group["group"]["state"], "confirmed");
    assert_eq!(group["group"]["listed"], "confirmed");
    // Deciding it twice, or confirming twice, is a conflict.
    assert_eq!(server.approve(&r, &second).await.status, 409);
    let r = server
        .post_json(&format!("/v1/triage/{id}"), r#"{"action": "confirm"}"#, &h)
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(error_code(&r), "conflict");
    // Reject by indicator, as typed by a user: unlisted once a second analyst agrees.
    let r = server
        .post_json(
            "/v1/triage/FAKE-EXCHANGE.example",
            r#"{"action": "reject"}"#,
            &h,
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(
        verdict(&server, "fake-exchange.example").await,
        "reported_scam"
    );
    assert_eq!(server.approve(&r, &second).await.status, 200);
    assert_eq!(verdict(&server, "fake-exchange.example").await, "unknown");
    // Delisting a feed entry needs a reason, and a second analyst.
    let r = server
        .post_json("/v1/triage/domain:evil.io", r#"{"action": "delist"}"#, &h)
        .await;
    assert_eq!(r.status, 422);
    let r = server
        .post_json(
            "/v1/triage/domain:evil.io",
            r#"{"action": "delist", "reason": "the domain changed hands"}"#,
            &h,
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(r.json()["action"], "delist");
    assert_eq!(r.json()["note"], "the domain changed hands");
    assert_eq!(verdict(&server, "evil.io").await, "reported_scam");
    // Rejected by the second analyst: still listed; proposed again and approved.
    let no = server
        .post_json(
            &format!("/v1/triage-decisions/{}/reject", r.json()["id"]),
            r#"{"note": "ask the registrar first"}"#,
            &h2,
        )
        .await;
    assert_eq!(no.status, 200, "{}", no.text());
    assert_eq!(no.json()["decision"]["state"], "rejected");
    assert_eq!(
        no.json()["decision"]["decision_note"],
        "ask the registrar first"
    );
    assert_eq!(verdict(&server, "evil.io").await, "reported_scam");
    let r = server
        .post_json(
            "/v1/triage/domain:evil.io",
            r#"{"action": "delist", "reason": "the domain changed hands"}"#,
            &h,
        )
        .await;
    assert_eq!(server.approve(&r, &second).await.status, 200);
    assert_eq!(verdict(&server, "evil.io").await, "unknown");
    // Unknown groups, bad actions, the wrong role.
    let r = server
        .post_json(
            "/v1/triage/nothing-here.example",
            r#"{"action": "confirm"}"#,
            &h,
        )
        .await;
    assert_eq!(r.status, 404);
    let r = server
        .post_json(&format!("/v1/triage/{id}"), r#"{"action": "destroy"}"#, &h)
        .await;
    assert_eq!(r.status, 400);
    let partner = server.key(Role::Partner).await;
    let r = server
        .post_json(
            &format!("/v1/triage/{id}"),
            r#"{"action": "reopen"}"#,
            &[("Authorization", &bearer(&partner))],
        )
        .await;
    assert_eq!(r.status, 403);
    // The trail: who, what, from where.
    let admin = server.key(Role::Admin).await;
    let log = server
        .get("/v1/audit", &[("Authorization", &bearer(&admin))])
        .await
        .json();
    let actions: Vec<&str> = log["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        vec![
            "triage.approve",
            "blocklist.delist",
            "triage.propose",
            "triage.reject",
            "triage.propose",
            "triage.approve",
            "triage.reject",
            "triage.propose",
            "triage.approve",
            "triage.confirm",
            "triage.propose",
        ]
    );
    assert_eq!(
        log["records"][1]["detail"]["reason"],
        "the domain changed hands"
    );
    let confirm = &log["records"][9];
    assert_eq!(confirm["detail"]["note"], "checked");
    assert_eq!(confirm["role"], "analyst");
    assert_eq!(confirm["ip"], "127.0.0.1");
    // The approval names both keys: the author's and the approver's.
    let approval = &log["records"][8]["detail"];
    assert_ne!(approval["proposed_by"], approval["decided_by"]);
    assert_eq!(approval["action"], "confirm");
}

#[tokio::test]
async fn an_upheld_dispute_delists_at_once() {
    let server = server(3).await;
    let body = json!({
        "indicator": "https://evil.io/",
        "reason": "We bought this domain last month; it is a bakery now.",
        "contact": "owner@evil.io",
        "lang": "zh-Hans"
    });
    let r = server
        .post_json("/v1/disputes", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let j = r.json();
    assert!(j["reference"].as_str().unwrap_or("").starts_with("D-"));
    assert_eq!(j["key"], "url:https://evil.io/");
    assert!(
        j["message"]
            .as_str()
            .unwrap_or("")
            .contains("你的申诉已收到")
    );
    let r = server
        .post_json("/v1/disputes", r#"{"indicator": "evil.io"}"#, &[])
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["fields"][0]["code"], "missing_reason");

    let analyst = server.key(Role::Analyst).await;
    let auth = bearer(&analyst);
    let h = [("Authorization", auth.as_str())];
    // The URL's dispute is about the domain listed: the analyst delists the domain.
    let r = server
        .post_json(
            "/v1/disputes",
            r#"{"indicator": "evil.io", "reason": "ours"}"#,
            &[],
        )
        .await;
    assert_eq!(r.status, 201);
    let open = server.get("/v1/disputes?state=open", &h).await.json();
    assert_eq!(open["disputes"].as_array().map(Vec::len), Some(2));
    let id = open["disputes"][0]["id"].as_i64().expect("id");
    assert_eq!(open["disputes"][0]["key"], "domain:evil.io");
    assert_eq!(verdict(&server, "evil.io").await, "reported_scam");
    // Upholding it would delist a listed indicator: a second analyst approves.
    let r = server
        .post_json(
            &format!("/v1/disputes/{id}"),
            r#"{"action": "uphold", "note": "verified"}"#,
            &h,
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(r.json()["action"], "uphold");
    assert_eq!(r.json()["dispute_id"], id);
    assert_eq!(verdict(&server, "evil.io").await, "reported_scam");
    let second = bearer(&server.key(Role::Analyst).await);
    let ok = server.approve(&r, &second).await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["blocklist_changed"], true);
    assert_eq!(verdict(&server, "evil.io").await, "unknown");
    let upheld = server.get("/v1/disputes?state=upheld", &h).await.json();
    assert_eq!(upheld["disputes"][0]["id"], id);
    let r = server
        .post_json(&format!("/v1/disputes/{id}"), r#"{"action": "reject"}"#, &h)
        .await;
    assert_eq!(r.status, 409);
    let r = server
        .post_json("/v1/disputes/999", r#"{"action": "reject"}"#, &h)
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_counts() {
    let mut settings = server::Settings::default();
    settings.reports.per_minute = 1;
    settings.reports.burst = 1;
    settings.trusted_proxies = server::TrustedProxies::parse(&["127.0.0.1"]).expect("proxy");
    settings.reports.policy.threshold = 2;
    let server = TestServer::start_with(settings).await;
    let body = json!({"indicators": ["proxy-scam.example"]}).to_string();
    let from = |ip: &'static str| [("X-Forwarded-For", ip)];
    assert_eq!(
        server
            .post_json("/v1/reports", &body, &from("198.51.100.1"))
            .await
            .status,
        201
    );
    // The same client again: limited; another network: accepted, a second reporter.
    assert_eq!(
        server
            .post_json("/v1/reports", &body, &from("198.51.100.1"))
            .await
            .status,
        429
    );
    let r = server
        .post_json(
            "/v1/reports",
            &body,
            &[("X-Forwarded-For", "203.0.113.9, 192.0.2.2")],
        )
        .await;
    assert_eq!(r.status, 201);
    eventually(&server, "proxy-scam.example", "reported_scam").await;
}

#[tokio::test]
async fn the_report_endpoints_are_documented() {
    let server = server(3).await;
    let doc = server.get("/openapi.json", &[]).await.json();
    for (path, methods) in [
        ("/v1/reports", &["get", "post"][..]),
        ("/v1/triage", &["get"][..]),
        ("/v1/triage/{group}", &["get", "post"][..]),
        ("/v1/disputes", &["get", "post"][..]),
        ("/v1/disputes/{id}", &["post"][..]),
        ("/v1/triage-decisions", &["get"][..]),
        ("/v1/triage-decisions/{id}/approve", &["post"][..]),
        ("/v1/triage-decisions/{id}/reject", &["post"][..]),
        ("/v1/audit", &["get"][..]),
    ] {
        for m in methods {
            assert!(
                doc["paths"][path][m].is_object(),
                "{m} {path} is not documented"
            );
        }
    }
}

#[tokio::test]
async fn replacing_the_registry_is_audited() {
    let server = server(3).await;
    let admin = server.key(Role::Admin).await;
    let auth = bearer(&admin);
    let toml =
        "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\", \"example.org\"]\n";
    let r = server.change_registry(toml).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let log = server
        .get("/v1/audit", &[("Authorization", &auth)])
        .await
        .json();
    let approve = &log["records"][0];
    assert_eq!(approve["action"], "registry.approve");
    assert_eq!(approve["role"], "admin");
    assert_eq!(approve["ip"], "127.0.0.1");
    assert_eq!(
        approve["detail"]["diff"]["brands"][0]["added"][0]["value"],
        "example.org"
    );
    let propose = &log["records"][1];
    assert_eq!(propose["action"], "registry.propose");
    assert_ne!(propose["key_id"], approve["key_id"], "two people");
}

/// The "three public reports" attacks, at scale: reports from 200 distinct networks
/// (behind a trusted proxy) never list a mail provider, a popular site, a shared
/// platform or an official channel, and what a text-only report contains is context,
/// not votes. A genuine scam named by three networks is still listed; a wallet listed
/// only by public reports warns at withdrawal but does not hold it.
#[tokio::test]
async fn a_flood_of_public_reports_never_lists_shared_infrastructure() {
    let mut settings = server::Settings::default();
    settings.reports.per_minute = 0;
    settings.rates.lookups = server::Rate {
        per_minute: 0,
        burst: 1,
    };
    settings.trusted_proxies = server::TrustedProxies::parse(&["127.0.0.1"]).expect("proxy");
    let server = TestServer::start_with(settings).await;
    let protected = [
        "gmail.com",
        "google.com",
        "wikipedia.org",
        "github.io",
        "https://outlook.com/",
        "example.com",
    ];
    let wallet = "0x5c0ffee000000000000000000000000000000bad";
    for i in 0..200u32 {
        let from = format!("10.{}.{}.7", i / 250, i % 250);
        let body = json!({"indicators": protected}).to_string();
        let r = server
            .post_json("/v1/reports", &body, &[("X-Forwarded-For", &from)])
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        // Twenty scam-looking indicators in a message, and nothing named.
        let text: String = (0..20)
            .map(|n| format!("visit scam-site-{n}.example now "))
            .collect();
        let body = json!({"text": text}).to_string();
        let r = server
            .post_json("/v1/reports", &body, &[("X-Forwarded-For", &from)])
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        if i < 3 {
            let body = json!({"indicators": ["real-scam.example", wallet]}).to_string();
            let r = server
                .post_json("/v1/reports", &body, &[("X-Forwarded-For", &from)])
                .await;
            assert_eq!(r.status, 201);
        }
    }
    eventually(&server, "real-scam.example", "reported_scam").await;
    for q in [
        "gmail.com",
        "someone%40gmail.com",
        "google.com",
        "wikipedia.org",
        "github.io",
        "outlook.com",
        "scam-site-3.example",
    ] {
        assert_eq!(verdict(&server, q).await, "unknown", "{q}");
    }
    assert_eq!(verdict(&server, "example.com").await, "official");
    // The reports are all there for analysts.
    let analyst = bearer(&server.key(Role::Analyst).await);
    let j = server
        .get("/v1/triage?limit=100", &[("Authorization", &analyst)])
        .await
        .json();
    let gmail = j["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["key"] == "domain:gmail.com")
        .expect("the gmail.com reports reach triage")
        .clone();
    assert_eq!(gmail["reports"], 200);

    // The wallet is suspected: a withdrawal to it warns but is not held.
    let integrator = bearer(&server.key(Role::Integrator).await);
    let screen = json!({
        "user": "u1", "region": "HK", "locale": "en", "asset": "USDT", "network": "ethereum",
        "amount": "250.00", "amount_usd": 250.0, "destination": wallet,
        "context": {"new_destination": true, "account_age_days": 400}
    })
    .to_string();
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &screen,
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["risk"]["signals"][0]["code"], "reported_scam", "{j}");
    assert_eq!(j["decision"], "warn", "{j}");
}

/// After the reporter key is rotated, the same client still counts as one reporter:
/// its pseudonym under the retired key is found and kept.
#[tokio::test]
async fn a_rotated_reporter_key_keeps_a_reporter_counted_once() {
    let server = server(3).await;
    let h = [("Authorization", bearer(&server.key(Role::Analyst).await))];
    let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let body = json!({"indicators": ["rotated-key.example"], "region": "HK"}).to_string();
    let r = server.post_json("/v1/reports", &body, &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());

    let state = server.state();
    let mut rotated = (*state.secrets()).clone();
    rotated
        .rotate(secrets::Purpose::Reporter, 1_800_000_000)
        .expect("rotate");
    state.service.replace_secrets(rotated);
    let r = server.post_json("/v1/reports", &body, &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let group = server
        .get("/v1/triage/rotated-key.example", &h)
        .await
        .json();
    assert_eq!(group["group"]["reports"], 2, "{group}");
    // Under the new key alone it would be a second reporter.
    assert_eq!(group["group"]["reporters"], 1, "{group}");
}

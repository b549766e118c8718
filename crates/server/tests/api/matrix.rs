//! The authorization matrix: every endpoint against every kind of caller: no key, an
//! unknown key, a revoked key, each role, and partners of the right (HK) and of a wrong
//! (SG) region. Writes are sent with bodies that fail validation after authorization,
//! so an authorized caller gets `400`/`404`/`422` and nothing changes, while an
//! unauthorized one gets `401`/`403`; the matrix therefore pins who may reach each
//! handler without the cases disturbing each other.

use store::Role;

use super::harness::TestServer;

/// Callers, in the order of each row's expected statuses.
const CALLERS: [&str; 8] = [
    "none",
    "unknown key",
    "revoked key",
    "admin",
    "analyst",
    "integrator",
    "partner HK",
    "partner SG",
];

const PUBLIC: [u16; 8] = [200; 8];
const ADMIN: [u16; 8] = [401, 401, 401, 200, 403, 403, 403, 403];
const STAFF: [u16; 8] = [401, 401, 401, 200, 200, 403, 403, 403];
const READERS: [u16; 8] = [401, 401, 401, 200, 200, 403, 200, 200];

struct Case {
    method: &'static str,
    path: String,
    /// Content type and body.
    body: Option<(&'static str, &'static str)>,
    want: [u16; 8],
}

fn case(
    method: &'static str,
    path: &str,
    body: Option<(&'static str, &'static str)>,
    want: [u16; 8],
) -> Case {
    Case {
        method,
        path: path.to_owned(),
        body,
        want,
    }
}

const JSON_EMPTY: Option<(&str, &str)> = Some(("application/json", "{}"));

#[tokio::test]
async fn every_endpoint_answers_each_caller_as_specified() {
    let mut settings = server::Settings::default();
    let off = server::Rate {
        per_minute: 0,
        burst: 1,
    };
    settings.rates = server::RateSettings {
        lookups: off,
        analyze: off,
        integrator: off,
        staff: off,
    };
    settings.reports.per_minute = 0;
    let server = TestServer::start_with(settings).await;
    let admin = server.key(Role::Admin).await;
    let revoked = server.key(Role::Admin).await;
    let keys = [
        None,
        Some(format!("ask_{}", "0".repeat(64))),
        Some(revoked.clone()),
        Some(admin.clone()),
        Some(server.key(Role::Analyst).await),
        Some(server.key(Role::Integrator).await),
        Some(server.key(Role::Partner).await),
        Some(server.key_in(Role::Partner, Some("SG")).await),
    ];
    // Revoke through the API, so the revocation bites at once.
    let id = server
        .get("/v1/keys", &[("Authorization", &format!("Bearer {admin}"))])
        .await
        .json()["keys"]
        .as_array()
        .and_then(|k| k.get(1))
        .and_then(|k| k["id"].as_i64())
        .expect("the second key");
    let r = server
        .post_json(
            &format!("/v1/keys/{id}/revoke"),
            "",
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A Hong Kong campaign, for the region checks.
    let hk = include_str!("../../../antiscam/demo/campaign.json");
    for (value, label) in [
        ("+852 18222", "Hotline"),
        ("https://cyberdefender.hk/", "Police"),
        ("https://www.adcc.gov.hk/", "Police"),
    ] {
        let r = server.partner_resource_by_two(value, label).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let hk: serde_json::Value = serde_json::from_str(hk).expect("the demo campaign");
    let campaign = server.campaign_by_two(&admin, &hk).await["id"]
        .as_i64()
        .expect("campaign id");

    let toml_bad = Some(("application/toml", "brand = 1"));
    let cases = vec![
        // Public.
        case("GET", "/healthz", None, PUBLIC),
        case("GET", "/livez", None, PUBLIC),
        case("GET", "/v1/verify?q=example.com", None, PUBLIC),
        case("GET", "/v1/registry", None, PUBLIC),
        case("GET", "/v1/tactics", None, PUBLIC),
        case("GET", "/.well-known/antiscam/registry.json", None, PUBLIC),
        case("POST", "/v1/reports", JSON_EMPTY, [422; 8]),
        case("POST", "/v1/disputes", JSON_EMPTY, [400; 8]),
        case("POST", "/v1/analyze", JSON_EMPTY, [422; 8]),
        // What the exchange sent: integrators (and admins).
        case(
            "POST",
            "/v1/sent-messages",
            JSON_EMPTY,
            [401, 401, 401, 400, 403, 400, 403, 403],
        ),
        // Keys and audit: admins.
        case("GET", "/v1/keys", None, ADMIN),
        case(
            "POST",
            "/v1/keys",
            JSON_EMPTY,
            [401, 401, 401, 400, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/keys/999999/revoke",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/keys/999999/rotate",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case("GET", "/v1/audit", None, ADMIN),
        // Triage and disputes: staff.
        case("GET", "/v1/triage", None, STAFF),
        case(
            "GET",
            "/v1/triage/domain:nothing.example",
            None,
            [401, 401, 401, 404, 404, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/triage/domain:nothing.example",
            JSON_EMPTY,
            [401, 401, 401, 400, 400, 403, 403, 403],
        ),
        case("GET", "/v1/triage-decisions", None, STAFF),
        case(
            "POST",
            "/v1/triage-decisions/999999/approve",
            None,
            [401, 401, 401, 404, 404, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/triage-decisions/999999/reject",
            None,
            [401, 401, 401, 404, 404, 403, 403, 403],
        ),
        case("GET", "/v1/disputes", None, STAFF),
        case(
            "POST",
            "/v1/disputes/999999",
            JSON_EMPTY,
            [401, 401, 401, 400, 400, 403, 403, 403],
        ),
        // Reports and exports: staff and partners (their region only).
        case("GET", "/v1/reports", None, READERS),
        case("GET", "/v1/export?format=csv", None, READERS),
        // Registry proposals: staff propose, admins approve.
        case(
            "PUT",
            "/v1/registry",
            toml_bad,
            [401, 401, 401, 422, 422, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/registry/proposals",
            JSON_EMPTY,
            [401, 401, 401, 422, 422, 403, 403, 403],
        ),
        case("GET", "/v1/registry/proposals", None, STAFF),
        case(
            "GET",
            "/v1/registry/proposals/999999",
            None,
            [401, 401, 401, 404, 404, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/registry/proposals/999999/approve",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/registry/proposals/999999/reject",
            None,
            [401, 401, 401, 404, 404, 403, 403, 403],
        ),
        // Campaigns: admins and partners of the region change them.
        case("GET", "/v1/campaigns", None, READERS),
        case(
            "GET",
            &format!("/v1/campaigns/{campaign}"),
            None,
            [401, 401, 401, 200, 200, 403, 200, 404],
        ),
        case(
            "GET",
            &format!("/v1/campaigns/{campaign}/stats"),
            None,
            [401, 401, 401, 200, 200, 403, 200, 404],
        ),
        case(
            "PATCH",
            &format!("/v1/campaigns/{campaign}"),
            Some(("application/json", r#"{"holdout_percent": 99}"#)),
            [401, 401, 401, 422, 403, 403, 422, 404],
        ),
        case(
            "POST",
            "/v1/campaigns",
            JSON_EMPTY,
            [401, 401, 401, 422, 403, 403, 422, 422],
        ),
        case("GET", "/v1/campaign-revisions", None, READERS),
        case(
            "POST",
            "/v1/campaign-revisions/999999/approve",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/campaign-revisions/999999/reject",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case("GET", "/v1/partner-resources", None, READERS),
        case(
            "POST",
            "/v1/partner-resources",
            JSON_EMPTY,
            [401, 401, 401, 400, 403, 403, 403, 403],
        ),
        case(
            "DELETE",
            "/v1/partner-resources/999999",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case("GET", "/v1/partner-resource-additions", None, STAFF),
        case(
            "POST",
            "/v1/partner-resource-additions/999999/approve",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/v1/partner-resource-additions/999999/reject",
            None,
            [401, 401, 401, 404, 403, 403, 403, 403],
        ),
        // The exchange's withdrawal flow: integrators (and admins, for tests).
        case(
            "POST",
            "/v1/withdrawals/screen",
            JSON_EMPTY,
            [401, 401, 401, 400, 403, 400, 403, 403],
        ),
        case(
            "POST",
            "/v1/screenings/scr_none/outcome",
            JSON_EMPTY,
            [401, 401, 401, 400, 403, 400, 403, 403],
        ),
        case(
            "POST",
            "/v1/user-scam-reports",
            JSON_EMPTY,
            [401, 401, 401, 400, 400, 400, 403, 403],
        ),
    ];
    let mut wrong = Vec::new();
    for c in &cases {
        for (i, key) in keys.iter().enumerate() {
            let auth = key.as_ref().map(|k| format!("Bearer {k}"));
            let mut headers: Vec<(&str, &str)> = Vec::new();
            if let Some(a) = &auth {
                headers.push(("Authorization", a));
            }
            let r = match (c.method, c.body) {
                ("GET", _) => server.get(&c.path, &headers).await,
                ("PUT", Some((ct, body))) => server.put(&c.path, ct, body, &headers).await,
                ("PATCH", Some((_, body))) => server.patch_json(&c.path, body, &headers).await,
                ("POST", Some((_, body))) => server.post_json(&c.path, body, &headers).await,
                ("POST", None) => server.post_json(&c.path, "", &headers).await,
                (method, _) => {
                    let head = format!(
                        "{method} {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{}\r\n",
                        c.path,
                        auth.as_ref()
                            .map(|a| format!("Authorization: {a}\r\n"))
                            .unwrap_or_default()
                    );
                    server.raw(head.as_bytes()).await
                }
            };
            if r.status != c.want[i] {
                wrong.push(format!(
                    "{} {} as {}: {} (want {}) {}",
                    c.method,
                    c.path,
                    CALLERS[i],
                    r.status,
                    c.want[i],
                    r.text().chars().take(160).collect::<String>()
                ));
            }
            if r.status >= 400 {
                assert!(
                    r.json()["error"]["code"].is_string(),
                    "{} {} as {}: not the error shape: {}",
                    c.method,
                    c.path,
                    CALLERS[i],
                    r.text()
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

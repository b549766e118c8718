//! Withdrawal screening, outcomes and the campaign API (issue 4).

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use store::Role;

use super::harness::TestServer;

const REPORTED: &str = "0x5c0ffee000000000000000000000000000000bad";
pub(super) const PLAIN: &str = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";

fn doc(regions: &[&str], holdout: u8) -> Value {
    json!({
        "name": "Stop and think",
        "partner": "Hong Kong Police Force",
        "regions": regions,
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "targeting": {"trigger": "all"},
        "holdout_percent": holdout,
        "variants": [
            {"key": "police", "content": {
                "en": {"title": "Stop", "message": "Scammers pose as police.",
                       "tips": ["Police never ask for crypto"],
                       "contacts": [{"label": "Anti-Scam Helpline", "phone": "+852 18222"}]},
                "zh-Hant": {"title": "停一停", "message": "騙徒會冒充警察。"}
            }},
            {"key": "investment", "content": {
                "en": {"title": "Too good to be true", "message": "Guaranteed returns are a scam."}
            }}
        ]
    })
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

async fn create(server: &TestServer, key: &str, doc: &Value) -> Value {
    // The police hotline is a partner resource (not an official channel of the exchange).
    let r = server
        .partner_resource_by_two("+852 18222", "Anti-Scam Helpline")
        .await;
    assert!(r.status == 200 || r.status == 409, "{}", r.text());
    // A key's live campaign (a partner's or an admin's) starts as a draft until another
    // admin approves it.
    let admin = bearer(&server.key(Role::Admin).await);
    let auth = bearer(key);
    let r = server
        .post_json(
            "/v1/campaigns",
            &doc.to_string(),
            &[("Authorization", &auth)],
        )
        .await;
    if r.status == 202 {
        let j = r.json();
        assert_eq!(j["campaign"]["status"], "draft");
        let revision = j["revision"]["id"].as_i64().unwrap();
        let r = server
            .post_json(
                &format!("/v1/campaign-revisions/{revision}/approve"),
                "",
                &[("Authorization", &admin)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let id = j["campaign"]["id"].as_i64().unwrap();
        return server
            .get(&format!("/v1/campaigns/{id}"), &[("Authorization", &auth)])
            .await
            .json();
    }
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

pub(super) fn screen_body(user: &str, destination: &str, locale: &str) -> String {
    json!({
        "user": user, "region": "HK", "locale": locale, "asset": "USDT", "network": "ethereum",
        "amount": "250.00", "amount_usd": 250.0, "destination": destination,
        "context": {"new_destination": true, "account_age_days": 400}
    })
    .to_string()
}

#[tokio::test]
async fn campaigns_are_limited_to_the_partners_region() {
    let server = TestServer::start().await;
    let admin = server.key(Role::Admin).await;
    let hk = server.key(Role::Partner).await;
    let sg = server.key_in(Role::Partner, Some("SG")).await;
    let analyst = server.key(Role::Analyst).await;
    let integrator = server.key(Role::Integrator).await;

    let by_admin = create(&server, &admin, &doc(&["SG"], 10)).await;
    let by_hk = create(&server, &hk, &doc(&["HK"], 10)).await;
    assert_eq!(by_hk["regions"], json!(["HK"]));
    assert_eq!(by_hk["starts_at"], "2025-01-01T00:00:00Z");
    let (sg_id, hk_id) = (
        by_admin["id"].as_i64().unwrap(),
        by_hk["id"].as_i64().unwrap(),
    );

    // A HK partner cannot create, see, change or measure another region's campaign.
    let (a_hk, a_sg) = (bearer(&hk), bearer(&sg));
    let r = server
        .post_json(
            "/v1/campaigns",
            &doc(&["SG"], 0).to_string(),
            &[("Authorization", &a_hk)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = server
        .post_json(
            "/v1/campaigns",
            &doc(&["HK", "SG"], 0).to_string(),
            &[("Authorization", &a_hk)],
        )
        .await;
    assert_eq!(r.status, 403);
    let list = server
        .get("/v1/campaigns", &[("Authorization", &a_hk)])
        .await
        .json();
    let ids: Vec<i64> = list["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [hk_id]);
    for path in [
        format!("/v1/campaigns/{sg_id}"),
        format!("/v1/campaigns/{sg_id}/stats"),
    ] {
        let r = server.get(&path, &[("Authorization", &a_hk)]).await;
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json()["error"]["code"], "not_found");
        assert_eq!(
            server.get(&path, &[("Authorization", &a_sg)]).await.status,
            200,
            "{path}"
        );
    }
    let r = server
        .patch_json(
            &format!("/v1/campaigns/{sg_id}"),
            r#"{"status": "paused"}"#,
            &[("Authorization", &a_hk)],
        )
        .await;
    assert_eq!(r.status, 404);
    // …nor move its own campaign to another region.
    let r = server
        .patch_json(
            &format!("/v1/campaigns/{hk_id}"),
            r#"{"regions": ["SG"]}"#,
            &[("Authorization", &a_hk)],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = server
        .patch_json(
            &format!("/v1/campaigns/{hk_id}"),
            r#"{"status": "paused", "holdout_percent": 5}"#,
            &[("Authorization", &a_hk)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        (
            r.json()["status"].clone(),
            r.json()["holdout_percent"].clone()
        ),
        (json!("paused"), json!(5))
    );

    // Admins see everything; analysts read; integrators cannot touch campaigns.
    let all = server
        .get("/v1/campaigns", &[("Authorization", &bearer(&admin))])
        .await
        .json();
    assert_eq!(all["campaigns"].as_array().unwrap().len(), 2);
    assert_eq!(
        server
            .get(
                &format!("/v1/campaigns/{sg_id}/stats"),
                &[("Authorization", &bearer(&analyst))]
            )
            .await
            .status,
        200
    );
    let r = server
        .post_json(
            "/v1/campaigns",
            &doc(&["HK"], 0).to_string(),
            &[("Authorization", &bearer(&analyst))],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        server
            .get("/v1/campaigns", &[("Authorization", &bearer(&integrator))])
            .await
            .status,
        403
    );
    assert_eq!(server.get("/v1/campaigns", &[]).await.status, 401);

    // Invalid documents say which field is wrong.
    let mut bad = doc(&["HK"], 80);
    bad["name"] = json!("ok");
    let r = server
        .post_json(
            "/v1/campaigns",
            &bad.to_string(),
            &[("Authorization", &bearer(&admin))],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["code"], "invalid_campaign");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("holdout_percent:")
    );
    let r = server
        .get("/v1/campaigns/abc", &[("Authorization", &bearer(&admin))])
        .await;
    assert_eq!(r.status, 400);
    let r = server
        .get("/v1/campaigns/999", &[("Authorization", &bearer(&admin))])
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn screening_outcomes_and_stats() {
    let server = TestServer::start().await;
    server
        .store()
        .upsert_blocklist(&[blocklist::Entry {
            key: format!("address:evm:{REPORTED}"),
            severity: blocklist::Severity::Confirmed,
            categories: vec!["investment_scam".into()],
            report_count: 9,
            first_seen: 1_700_000_000,
            last_seen: 1_710_000_000,
            sources: vec!["test".into()],
        }])
        .await
        .unwrap();
    server.state().reload().await.unwrap();
    let admin = server.key(Role::Admin).await;
    let integrator = bearer(&server.key(Role::Integrator).await);
    let c = create(&server, &admin, &doc(&["HK"], 50)).await;
    let id = c["id"].as_i64().unwrap();

    // Authorization: an integrator key is needed.
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &screen_body("u", PLAIN, "en"),
            &[],
        )
        .await;
    assert_eq!(r.status, 401);
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &screen_body("u", PLAIN, "en"),
            &[("Authorization", &bearer(&server.key(Role::Partner).await))],
        )
        .await;
    assert_eq!(r.status, 403);

    let mut arms = [0, 0];
    let mut first_ids = Vec::new();
    let mut holdout_user = None;
    for i in 0..40 {
        let user = format!("customer-{i}");
        let r = server
            .post_json(
                "/v1/withdrawals/screen",
                &screen_body(&user, PLAIN, "zh-Hant"),
                &[("Authorization", &integrator)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let j = r.json();
        assert!(j["screening_id"].as_str().unwrap().starts_with("scr_"));
        assert_eq!(j["decision"], "allow");
        assert_eq!(j["risk"]["level"], "low");
        assert_eq!(j["risk"]["signals"][0]["code"], "new_destination");
        assert_eq!(j["risk"]["signals"][0]["detail"], "您從未向此地址轉賬。");
        if j["intervention"].is_null() {
            arms[1] += 1;
            holdout_user.get_or_insert(user);
        } else {
            arms[0] += 1;
            let iv = &j["intervention"];
            assert_eq!(iv["campaign_id"], id);
            assert_eq!(iv["partner"], "Hong Kong Police Force");
            // zh-Hant where the variant has it, else English.
            match iv["variant"].as_str().unwrap() {
                "police" => assert_eq!(
                    (iv["locale"].as_str(), iv["content"]["title"].as_str()),
                    (Some("zh-Hant"), Some("停一停"))
                ),
                _ => assert_eq!(iv["locale"], "en"),
            }
        }
        first_ids.push((
            j["screening_id"].as_str().unwrap().to_owned(),
            !j["intervention"].is_null(),
        ));
    }
    assert!(
        arms[0] > 5 && arms[1] > 5,
        "both arms are used at 50 %: {arms:?}"
    );

    // A holdout user withdrawing to a reported scam still gets the warning.
    let user = holdout_user.unwrap();
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &screen_body(&user, REPORTED, "en"),
            &[("Authorization", &integrator)],
        )
        .await;
    let j = r.json();
    assert_eq!(j["decision"], "hold");
    assert_eq!(j["risk"]["level"], "critical");
    assert_eq!(j["risk"]["signals"][0]["code"], "reported_scam");
    assert!(
        j["risk"]["signals"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("9 times")
    );
    assert!(
        !j["intervention"].is_null(),
        "a reported scam's warning is never withheld"
    );
    // Same user, ordinary destination: back to no alert (stable holdout).
    let j = server
        .post_json(
            "/v1/withdrawals/screen",
            &screen_body(&user, PLAIN, "en"),
            &[("Authorization", &integrator)],
        )
        .await
        .json();
    assert!(j["intervention"].is_null());

    // Outcomes: idempotent, unknown ids are 404, bad actions 422.
    let mut reconsidered = [0u64, 0u64];
    for (n, (sid, shown)) in first_ids.iter().enumerate() {
        let action = if n % 3 == 0 { "cancelled" } else { "proceeded" };
        for _ in 0..2 {
            let r = server
                .post_json(
                    &format!("/v1/screenings/{sid}/outcome"),
                    &json!({"action": action}).to_string(),
                    &[("Authorization", &integrator)],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.text());
            assert_eq!(r.json()["actions"], json!([action]));
        }
        if action == "cancelled" {
            reconsidered[usize::from(!shown)] += 1;
        }
    }
    let r = server
        .post_json(
            "/v1/screenings/scr_nope/outcome",
            r#"{"action": "cancelled"}"#,
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 404);
    let r = server
        .post_json(
            &format!("/v1/screenings/{}/outcome", first_ids[0].0),
            r#"{"action": "maybe"}"#,
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 422);

    // A later scam report by the holdout user is linked to their screenings.
    let r = server
        .post_json(
            "/v1/user-scam-reports",
            &json!({"user": user}).to_string(),
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["linked_screenings"], 3);

    let s = server
        .get(
            &format!("/v1/campaigns/{id}/stats"),
            &[("Authorization", &bearer(&admin))],
        )
        .await
        .json();
    assert_eq!(s["exposed"]["screenings"], arms[0]);
    assert_eq!(s["holdout"]["screenings"], arms[1] + 2);
    assert_eq!(s["exposed"]["users"], arms[0]);
    assert_eq!(s["holdout"]["users"], arms[1]);
    assert_eq!(
        s["holdout"]["shown"], 1,
        "the reported-scam override is counted"
    );
    assert_eq!(s["exposed"]["cancelled"]["count"], reconsidered[0]);
    assert_eq!(s["exposed"]["reconsidered"]["count"], reconsidered[0]);
    assert_eq!(s["holdout"]["cancelled"]["count"], reconsidered[1]);
    assert_eq!(s["holdout"]["later_reported_scams"]["users"], 1);
    for key in ["cancelled", "reviewed", "reconsidered", "proceeded"] {
        let ci = s["exposed"][key]["ci95"].as_array().unwrap();
        assert!(
            ci[0].as_f64() <= s["exposed"][key]["rate"].as_f64(),
            "{key}"
        );
    }
    assert!(s["uplift"]["reconsidered"]["difference"].is_number());
    assert_eq!(
        s["uplift"]["cancelled"]["ci95"].as_array().unwrap().len(),
        2
    );
    assert_eq!(s["holdout_share"]["target_percent"], 50);
    assert_eq!(s["by_exposure"][0]["exposure"], 1);
    assert_eq!(s["by_variant"].as_array().unwrap().len(), 2);
    assert_eq!(s["by_day"].as_array().unwrap().len(), 1);

    // The user id is never stored in the clear.
    let mut bytes = std::fs::read(server.db_path()).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", server.db_path().display())).unwrap_or_default());
    assert!(!bytes.windows(10).any(|w| w == b"customer-1"));
}

#[tokio::test]
async fn screening_refuses_bad_input_by_name() {
    let server = TestServer::start().await;
    let integrator = bearer(&server.key(Role::Integrator).await);
    let base: Value = serde_json::from_str(&screen_body("u1", PLAIN, "en")).unwrap();
    let cases: &[(Value, u16, &str)] = &[
        (json!({"destination": "0x12"}), 422, "`destination`"),
        (json!({"region": "XX"}), 422, "`region`"),
        (json!({"user": ""}), 422, "`user`"),
        (json!({"amount": "-5"}), 422, "`amount`"),
        (json!({"amount": "abc"}), 422, "`amount`"),
        (json!({"amount_usd": -1.0}), 422, "`amount_usd`"),
        (json!({"amount_usd": "12,5"}), 422, "`amount_usd`"),
        (
            json!({"context": {"median_withdrawal_usd_90d": "lots"}}),
            422,
            "`context.median_withdrawal_usd_90d`",
        ),
        (json!({"asset": ""}), 422, "`asset`"),
        (
            json!({"context": {"recent_counterparties": ["nope"]}}),
            422,
            "recent_counterparties[0]",
        ),
        (json!({"context": {"unknown": 1}}), 400, "unknown"),
        (json!({"colour": "red"}), 400, "unknown field"),
    ];
    for (patch, status, needle) in cases {
        let mut body = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = server
            .post_json(
                "/v1/withdrawals/screen",
                &body.to_string(),
                &[("Authorization", &integrator)],
            )
            .await;
        assert_eq!(r.status, *status, "{patch}: {}", r.text());
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains(needle),
            "{patch}: {}",
            r.text()
        );
    }
    // Every amount is a number or a decimal string.
    let mut body = base.clone();
    body["amount"] = json!(250);
    body["amount_usd"] = json!("250.00");
    body["context"] = json!({"median_withdrawal_usd_90d": "40.5"});
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &body.to_string(),
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // No campaign: screening still works, with no intervention.
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &base.to_string(),
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.json()["intervention"].is_null());
    // Body limit.
    let r = server
        .post_json(
            "/v1/withdrawals/screen",
            &"x".repeat(server::campaigns::MAX_CAMPAIGN_BODY_BYTES + 1),
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 413);
}

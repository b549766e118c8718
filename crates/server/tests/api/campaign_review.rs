//! The "one key" attacks: a partner cannot make withdrawal alerts show a scam phone
//! number, a look-alike URL or a "safe account" wallet, its changes to an active
//! campaign wait for an exchange admin, and an admin's own live campaign, change or
//! partner resource waits for another admin. Every step is audited with the diff.

use serde_json::{Value, json};
use store::Role;

use super::harness::TestServer;

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

fn campaign(contact_phone: &str, resource: &str, message: &str) -> Value {
    json!({
        "name": "Stop and think", "partner": "Hong Kong Police Force", "regions": ["HK"],
        "status": "active", "starts_at": "2025-01-01T00:00:00Z",
        "targeting": {"trigger": "all"}, "holdout_percent": 0,
        "variants": [{"key": "police", "content": {"en": {
            "title": "Stop", "message": message,
            "contacts": [{"label": "Anti-Scam Helpline", "phone": contact_phone}],
            "resources": [{"label": "CyberDefender", "url": resource}]
        }}}]
    })
}

async fn post(
    server: &TestServer,
    path: &str,
    body: &Value,
    key: &str,
) -> super::harness::Response {
    server
        .post_json(path, &body.to_string(), &[("Authorization", &bearer(key))])
        .await
}

#[tokio::test]
async fn alerts_show_only_official_or_partner_contacts_and_partner_changes_wait_for_an_admin() {
    let server = TestServer::start().await;
    let admin = server.key(Role::Admin).await;
    let second = server.key(Role::Admin).await;
    let partner = server.key(Role::Partner).await;
    let analyst = server.key(Role::Analyst).await;

    // Partner resources: admins only, checked, audited; an addition widens what alerts
    // may show, so another admin approves it (its author cannot).
    let resource = |value: &str| json!({"value": value, "label": "Hong Kong Police"});
    assert_eq!(
        post(
            &server,
            "/v1/partner-resources",
            &resource("+852 18222"),
            &partner
        )
        .await
        .status,
        403
    );
    let r = post(
        &server,
        "/v1/partner-resources",
        &resource("+852 18222"),
        &admin,
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(r.json()["state"], "pending");
    assert_eq!(r.json()["key"], "phone:+85218222");
    let hotline = r.json()["id"].as_i64().expect("addition");
    let listed = || async {
        server
            .get(
                "/v1/partner-resources",
                &[("Authorization", &bearer(&analyst))],
            )
            .await
            .json()["resources"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(listed().await, 0, "not listed before its approval");
    assert_eq!(
        post(
            &server,
            "/v1/partner-resources",
            &resource("+852 18222"),
            &second
        )
        .await
        .status,
        409,
        "one addition of a key waits at a time"
    );
    let approve_addition = format!("/v1/partner-resource-additions/{hotline}/approve");
    let r = post(&server, &approve_addition, &json!({}), &admin).await;
    assert_eq!(r.status, 409, "its author cannot approve it: {}", r.text());
    let r = post(&server, &approve_addition, &json!({}), &second).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["state"], "approved");
    assert!(r.json()["decided_by"].as_i64().is_some(), "{}", r.text());
    assert_eq!(listed().await, 1);
    assert_eq!(
        server
            .partner_resource_by_two("https://cyberdefender.hk/", "CyberDefender")
            .await
            .status,
        200
    );
    assert_eq!(
        post(
            &server,
            "/v1/partner-resources",
            &resource("+852 18222"),
            &admin
        )
        .await
        .status,
        409
    );
    let r = post(
        &server,
        "/v1/partner-resources",
        &resource("evil.io"),
        &admin,
    )
    .await;
    assert_eq!(
        r.status,
        422,
        "a reported scam is no resource: {}",
        r.text()
    );

    // Unsafe content is refused field by field, whoever sends it.
    let unsafe_doc = campaign(
        "+852 5555 0199",
        "https://examp1e.com/safe",
        "Move your funds to the safe account 0x5c0ffee000000000000000000000000000000bad or visit evil.io",
    );
    for key in [&admin, &partner] {
        let r = post(&server, "/v1/campaigns", &unsafe_doc, key).await;
        assert_eq!(r.status, 422, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["code"], "unsafe_campaign_content");
        let fields: Vec<(String, String)> = e["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap_or("").to_owned(),
                    f["code"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let has = |field: &str, code: &str| fields.iter().any(|(f, c)| f == field && c == code);
        assert!(
            has("variants[0].content.en.contacts[0].phone", "not_official"),
            "{fields:?}"
        );
        assert!(
            has("variants[0].content.en.resources[0].url", "impersonation"),
            "{fields:?}"
        );
        assert!(
            has("variants[0].content.en.message", "wallet_address"),
            "{fields:?}"
        );
        assert!(
            has("variants[0].content.en.message", "reported_scam"),
            "{fields:?}"
        );
    }

    // Safe content by an admin waits for another admin: a draft until then.
    let safe = campaign(
        "18222",
        "https://cyberdefender.hk/en/",
        "Scammers pose as police. Call 18222 if in doubt.",
    );
    let r = post(&server, "/v1/campaigns", &safe, &admin).await;
    assert_eq!(r.status, 202, "{}", r.text());
    assert_eq!(r.json()["campaign"]["status"], "draft");
    let id = r.json()["campaign"]["id"].as_i64().expect("id");
    let activation = r.json()["revision"]["id"].as_i64().expect("revision");
    let approve_activation = format!("/v1/campaign-revisions/{activation}/approve");
    let r = post(&server, &approve_activation, &json!({}), &admin).await;
    assert_eq!(r.status, 409, "its author cannot approve it: {}", r.text());
    let r = post(&server, &approve_activation, &json!({}), &second).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let now = server
        .get(
            &format!("/v1/campaigns/{id}"),
            &[("Authorization", &bearer(&analyst))],
        )
        .await
        .json();
    assert_eq!(now["status"], "active");

    // A partner's change to the active campaign's content is a pending revision.
    let patch = json!({"variants": [{"key": "police", "content": {"en": {
        "title": "Stop", "message": "Call the hotline 18222.",
        "contacts": [{"label": "Anti-Scam Helpline", "phone": "18222"}]
    }}}]});
    let r = server
        .patch_json(
            &format!("/v1/campaigns/{id}"),
            &patch.to_string(),
            &[("Authorization", &bearer(&partner))],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let revision = r.json()["revision"]["id"].as_i64().expect("revision");
    assert!(r.json()["revision"]["diff"]["variants"].is_object());
    let now = server
        .get(
            &format!("/v1/campaigns/{id}"),
            &[("Authorization", &bearer(&analyst))],
        )
        .await
        .json();
    assert_eq!(
        now["variants"][0]["content"]["en"]["message"],
        "Scammers pose as police. Call 18222 if in doubt."
    );
    // The partner cannot approve; an admin does.
    let approve = format!("/v1/campaign-revisions/{revision}/approve");
    assert_eq!(
        post(&server, &approve, &json!({}), &partner).await.status,
        403
    );
    let pending = server
        .get(
            "/v1/campaign-revisions?state=pending",
            &[("Authorization", &bearer(&admin))],
        )
        .await
        .json();
    assert_eq!(pending["revisions"][0]["id"], revision);
    let r = post(
        &server,
        &approve,
        &json!({"note": "checked with HKPF"}),
        &admin,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let now = server
        .get(
            &format!("/v1/campaigns/{id}"),
            &[("Authorization", &bearer(&analyst))],
        )
        .await
        .json();
    assert_eq!(
        now["variants"][0]["content"]["en"]["message"],
        "Call the hotline 18222."
    );
    assert_eq!(
        post(&server, &approve, &json!({}), &admin).await.status,
        409,
        "decided once"
    );

    // Pausing is immediate: it only stops the alert.
    let r = server
        .patch_json(
            &format!("/v1/campaigns/{id}"),
            r#"{"status": "paused"}"#,
            &[("Authorization", &bearer(&partner))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    // Everything is in the audit log, with the diffs.
    let log = server
        .get("/v1/audit?limit=50", &[("Authorization", &bearer(&admin))])
        .await
        .json();
    let actions: Vec<&str> = log["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .collect();
    for action in [
        "partner_resource.propose",
        "partner_resource.approve",
        "campaign.create",
        "campaign.revision.propose",
        "campaign.revision.approve",
        "campaign.change",
    ] {
        assert!(actions.contains(&action), "{action} not in {actions:?}");
    }
    let change = log["records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|r| r["action"] == "campaign.change")
        .expect("change");
    assert_eq!(change["detail"]["diff"]["status"]["to"], "paused");
    // An approval's record is the approver's and names the author: two keys.
    for action in ["campaign.revision.approve", "partner_resource.approve"] {
        for record in log["records"]
            .as_array()
            .expect("records")
            .iter()
            .filter(|r| r["action"] == action)
        {
            let (by, author) = (&record["key_id"], &record["detail"]["author"]["key_id"]);
            assert!(by.is_i64() && author.is_i64() && by != author, "{record}");
        }
    }
}

//! The "one partner key" attack: a partner cannot make withdrawal alerts show a scam
//! phone number, a look-alike URL or a "safe account" wallet, and its changes to an
//! active campaign wait for an exchange admin. Every step is audited with the diff.

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
    let partner = server.key(Role::Partner).await;
    let analyst = server.key(Role::Analyst).await;

    // Partner resources: admins only, checked, audited.
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
    assert_eq!(
        post(
            &server,
            "/v1/partner-resources",
            &resource("+852 18222"),
            &admin
        )
        .await
        .status,
        201
    );
    assert_eq!(
        post(
            &server,
            "/v1/partner-resources",
            &resource("https://cyberdefender.hk/"),
            &admin
        )
        .await
        .status,
        201
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

    // Safe content by an admin applies at once.
    let safe = campaign(
        "18222",
        "https://cyberdefender.hk/en/",
        "Scammers pose as police. Call 18222 if in doubt.",
    );
    let r = post(&server, "/v1/campaigns", &safe, &admin).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().expect("id");

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
        "partner_resource.add",
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
}

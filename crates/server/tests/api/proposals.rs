//! The two-person rule for the registry, over HTTP: a change is a proposal with a diff,
//! applied only when a different admin approves it, and refused when it would make a
//! reported scam or another brand's look-alike official without an override reason.

use serde_json::json;
use store::Role;

use super::harness::TestServer;

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

pub(crate) async fn verdict(server: &TestServer, q: &str) -> String {
    let j = server.get(&format!("/v1/verify?q={q}"), &[]).await.json();
    j["verdict"].as_str().unwrap_or_default().to_owned()
}

pub(crate) const NIMBUS: &str = "[[brand]]\nname = \"Nimbus\"\ndomains = [\"nimbus.io\"]\n";

#[tokio::test]
async fn a_registry_change_needs_a_second_admin() {
    let server = TestServer::start().await;
    let r = server
        .put("/v1/registry", "application/toml", NIMBUS, &[])
        .await;
    assert_eq!(r.status, 401);
    let integrator = bearer(&server.key(Role::Integrator).await);
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            NIMBUS,
            &[("Authorization", &integrator)],
        )
        .await;
    assert_eq!(r.status, 403);

    let analyst_key = server.key(Role::Analyst).await;
    let analyst = bearer(&analyst_key);
    let admin = bearer(&server.key(Role::Admin).await);
    let other_admin = bearer(&server.key(Role::Admin).await);
    let bad = "[[brand]]\nname = \"Nimbus\"\ndomains = [\"not a domain\"]\n";
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            bad,
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("not a domain"))
    );

    // One key: a proposal, not a change.
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            NIMBUS,
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let p = r.json();
    assert_eq!(p["state"], "pending");
    assert_eq!(p["diff"]["brands"][0]["brand"], "Example Exchange");
    assert!(
        p["diff"]["brands"][0]["removed"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert_eq!(p["diff"]["brands"][1]["added"][0]["value"], "nimbus.io");
    let id = p["id"].as_i64().expect("id");
    assert_eq!(verdict(&server, "nimbus.io").await, "unknown");
    assert_eq!(verdict(&server, "example.com").await, "official");

    // Its author cannot approve it; an analyst cannot approve at all.
    let approve = format!("/v1/registry/proposals/{id}/approve");
    let r = server
        .post_json(&approve, "", &[("Authorization", &admin)])
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    let r = server
        .post_json(&approve, "", &[("Authorization", &analyst)])
        .await;
    assert_eq!(r.status, 403);
    // Listed for review with its diff.
    let list = server
        .get(
            "/v1/registry/proposals?state=pending",
            &[("Authorization", &analyst)],
        )
        .await
        .json();
    assert_eq!(list["proposals"][0]["id"], id);
    let one = server
        .get(
            &format!("/v1/registry/proposals/{id}"),
            &[("Authorization", &analyst)],
        )
        .await
        .json();
    assert_eq!(one["registry"]["brand"][0]["name"], "Nimbus");

    // A second admin applies it: verification and the signed registry change at once.
    let r = server
        .post_json(
            &approve,
            r#"{"note": "checked with the brand"}"#,
            &[("Authorization", &other_admin)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["state"], "approved");
    assert_eq!(verdict(&server, "nimbus.io").await, "official");
    assert_eq!(verdict(&server, "example.com").await, "unknown");
    let signed = server
        .get("/.well-known/antiscam/registry.json", &[])
        .await
        .text();
    assert!(signed.contains("nimbus.io"), "{signed}");
    let r = server
        .post_json(&approve, "", &[("Authorization", &other_admin)])
        .await;
    assert_eq!(r.status, 409, "decided once");

    // The audit log has who proposed and who approved, with the diff.
    let audit = server
        .get("/v1/audit?limit=10", &[("Authorization", &admin)])
        .await
        .json();
    let text = audit.to_string();
    assert!(
        text.contains("registry.propose") && text.contains("registry.approve"),
        "{text}"
    );
    assert!(
        text.contains("nimbus.io"),
        "the diff is in the audit: {text}"
    );
}

#[tokio::test]
async fn a_scam_cannot_be_made_official_without_a_reason_both_people_see() {
    let server = TestServer::start().await;
    let analyst = bearer(&server.key(Role::Analyst).await);
    let admin = bearer(&server.key(Role::Admin).await);
    // evil.io is on the test blocklist; examp1e-help.com imitates Example Exchange.
    let changes = json!({"changes": [
        {"op": "add", "brand": "Nimbus", "kind": "domains", "value": "evil.io"},
        {"op": "add", "brand": "Nimbus", "kind": "domains", "value": "examp1e.com"},
    ]});
    let r = server
        .post_json(
            "/v1/registry/proposals",
            &changes.to_string(),
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let e = r.json();
    assert_eq!(e["error"]["code"], "registry_conflicts");
    let fields = e["error"]["fields"].as_array().expect("conflicts").clone();
    let codes: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap_or(""),
                f["code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(codes.contains(&("evil.io", "reported_scam")), "{codes:?}");
    assert!(
        codes.contains(&("examp1e.com", "impersonation")),
        "{codes:?}"
    );

    // With a reason: proposed, and the approver sees the conflicts and the reason.
    let mut with_reason = changes.clone();
    with_reason["override_reason"] = json!("the brand bought the domain back from the scammer");
    let r = server
        .post_json(
            "/v1/registry/proposals",
            &with_reason.to_string(),
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let p = r.json();
    assert_eq!(p["conflicts"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        p["override_reason"],
        "the brand bought the domain back from the scammer"
    );
    assert_eq!(
        verdict(&server, "evil.io").await,
        "reported_scam",
        "nothing applied yet"
    );
    let id = p["id"].as_i64().expect("id");
    // The analyst withdraws it.
    let r = server
        .post_json(
            &format!("/v1/registry/proposals/{id}/reject"),
            "",
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["state"], "rejected");
    let r = server
        .post_json(
            &format!("/v1/registry/proposals/{id}/approve"),
            "",
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 409);
}

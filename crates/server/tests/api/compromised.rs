//! A compromised official channel (issue 14), over HTTP: marking it is a registry
//! proposal that a second person approves; Verify (API and page) then answers
//! `official_compromised` with the time and the brand's other channels; the signed
//! registry carries the mark; un-marking is a proposal too.

use store::Role;

use super::harness::TestServer;
use super::proposals::verdict;

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

const MARK: &str = r#"{"changes": [{"op": "compromise", "brand": "Example Exchange",
    "kind": "telegram", "value": "@ExampleEnglish",
    "compromised_since": "2025-06-01T08:00:00Z", "note": "hijacked"}]}"#;

const RECOVER: &str = r#"{"changes": [{"op": "recover", "brand": "Example Exchange",
    "kind": "telegram", "value": "ExampleEnglish"}]}"#;

async fn signed(server: &TestServer) -> String {
    let body = server
        .get("/.well-known/antiscam/registry.json", &[])
        .await
        .text();
    let sig = server
        .get("/.well-known/antiscam/registry.json.sig", &[])
        .await
        .text();
    let key = server
        .get("/.well-known/antiscam/registry-key", &[])
        .await
        .text();
    assert_eq!(
        service::signing::verify_hex(&key, &sig, body.as_bytes()),
        Ok(())
    );
    body
}

#[tokio::test]
async fn marking_a_channel_compromised_takes_two_people_and_reaches_every_answer() {
    let server = TestServer::start().await;
    let analyst = bearer(&server.key(Role::Analyst).await);
    let admin = bearer(&server.key(Role::Admin).await);
    let channel = "t.me/ExampleEnglish";

    // A mark in the future is refused; an unknown channel is named.
    let future = MARK.replace("2025-06-01", "2999-06-01");
    let r = server
        .post_json(
            "/v1/registry/proposals",
            &future,
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "future_compromise");
    let r = server
        .post_json(
            "/v1/registry/proposals",
            &MARK.replace("@ExampleEnglish", "nobody"),
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("no such channel"), "{}", r.text());

    // One key: a proposal with its diff, nothing changes yet.
    let r = server
        .post_json(
            "/v1/registry/proposals",
            MARK,
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let p = r.json();
    let marked = &p["diff"]["brands"][0]["compromised"][0];
    assert_eq!(marked["value"], "exampleenglish");
    assert_eq!(marked["compromised_since"], "2025-06-01T08:00:00Z");
    assert_eq!(marked["note"], "hijacked");
    let id = p["id"].as_i64().expect("id");
    assert_eq!(verdict(&server, channel).await, "official");
    let approve = format!("/v1/registry/proposals/{id}/approve");
    let r = server
        .post_json(&approve, "", &[("Authorization", &analyst)])
        .await;
    assert_eq!(r.status, 403, "an analyst does not approve");

    // A second person (an admin) approves it: every answer changes at once.
    let r = server
        .post_json(&approve, "", &[("Authorization", &admin)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = server
        .get(&format!("/v1/verify?q={channel}"), &[])
        .await
        .json();
    assert_eq!(j["verdict"], "official_compromised");
    assert_eq!(j["compromised_since"], "2025-06-01T08:00:00Z");
    assert_eq!(j["brand"], "Example Exchange");
    let others: Vec<&str> = j["other_channels"]
        .as_array()
        .expect("others")
        .iter()
        .filter_map(|c| c["value"].as_str())
        .collect();
    assert_eq!(others, ["example.com", "exampleex"]);
    assert!(
        j["advice"]
            .as_str()
            .is_some_and(|a| a.contains("2025-06-01 08:00 UTC") && a.contains("example.com")),
        "{j}"
    );
    let zh = server
        .get(&format!("/v1/verify?q={channel}&lang=zh-Hant"), &[])
        .await
        .json();
    assert_eq!(zh["title"], "官方但已被盜用");
    let batch = server
        .post_json(
            "/v1/verify",
            r#"{"inputs": ["t.me/ExampleEnglish", "example.com"]}"#,
            &[],
        )
        .await
        .json();
    assert_eq!(batch["results"][0]["verdict"], "official_compromised");
    assert_eq!(batch["results"][1]["verdict"], "official");

    // The public page: the card's class, word and facts.
    let page = server
        .get(&format!("/?q={channel}&lang=en"), &[])
        .await
        .text();
    assert!(
        page.contains("data-verdict=\"official_compromised\"")
            && page.contains("Official but compromised")
            && page.contains("datetime=\"2025-06-01T08:00:00Z\"")
            && page.contains("<li data-kind=\"domains\">"),
        "{page}"
    );

    // The signed registry carries the mark, and still verifies.
    let body = signed(&server).await;
    assert!(
        body.contains(r#""compromised_since":"2025-06-01T08:00:00Z""#)
            && body.contains(r#""note":"hijacked""#),
        "{body}"
    );
    assert_eq!(
        registry::Registry::from_json(&body)
            .expect("offline copy")
            .brands()[0]
            .channels
            .iter()
            .filter(|c| c.compromised.is_some())
            .count(),
        1
    );

    // Un-marking is a proposal too, approved by another person.
    let r = server
        .post_json(
            "/v1/registry/proposals",
            RECOVER,
            &[("Authorization", &analyst)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let p = r.json();
    assert_eq!(
        p["diff"]["brands"][0]["recovered"][0]["value"],
        "exampleenglish"
    );
    assert_eq!(verdict(&server, channel).await, "official_compromised");
    let id = p["id"].as_i64().expect("id");
    let r = server
        .post_json(
            &format!("/v1/registry/proposals/{id}/approve"),
            "",
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(verdict(&server, channel).await, "official");
    assert!(!signed(&server).await.contains("compromised_since"));

    // Both steps are audited with their diffs.
    let audit = server
        .get("/v1/audit?limit=20", &[("Authorization", &admin)])
        .await
        .text();
    assert!(
        audit.contains("compromised") && audit.contains("recovered"),
        "{audit}"
    );
}

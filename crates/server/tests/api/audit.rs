//! Reads of shared intelligence leave a trace: exports are audited before they stream.

use store::Role;

use super::harness::TestServer;

#[tokio::test]
async fn exports_are_audited_with_who_what_and_scope() {
    let server = TestServer::start().await;
    let admin = format!("Bearer {}", server.key(Role::Admin).await);
    let partner = format!("Bearer {}", server.key_in(Role::Partner, Some("HK")).await);
    let r = server
        .get("/v1/export?format=csv", &[("authorization", &partner)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server
        .get(
            "/v1/export?format=stix2&since=2024-01-01",
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    let r = server.get("/v1/audit", &[("authorization", &admin)]).await;
    let audit = r.json();
    let exports: Vec<&serde_json::Value> = audit["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter(|r| r["action"] == "export")
        .collect();
    assert_eq!(exports.len(), 2, "{audit}");
    // Newest first.
    assert_eq!(exports[0]["role"], "admin");
    assert_eq!(exports[0]["detail"]["format"], "stix2");
    assert!(
        exports[0]["detail"]["since"]
            .as_str()
            .is_some_and(|s| s.starts_with("2024-01-01"))
    );
    assert_eq!(exports[1]["role"], "partner");
    assert_eq!(
        exports[1]["detail"]["region"], "HK",
        "the partner's export is scoped to its region"
    );
    assert!(exports[1]["ip"].as_str().is_some());
}

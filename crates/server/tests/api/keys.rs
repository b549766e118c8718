//! `/v1/keys`: admin-only key management, audited, with revocation applying at once.

use store::Role;

use super::harness::TestServer;

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

#[tokio::test]
async fn only_admins_manage_keys_and_never_mint_admin_keys() {
    let server = TestServer::start().await;
    let admin = bearer(&server.key(Role::Admin).await);
    for role in [Role::Analyst, Role::Partner, Role::Integrator] {
        let other = bearer(&server.key_in(role, Some("HK")).await);
        let r = server.get("/v1/keys", &[("authorization", &other)]).await;
        assert_eq!(r.status, 403, "{role:?} listed keys");
        let r = server
            .post_json(
                "/v1/keys",
                r#"{"role":"integrator"}"#,
                &[("authorization", &other)],
            )
            .await;
        assert_eq!(r.status, 403, "{role:?} created a key");
    }
    let r = server
        .post_json("/v1/keys", r#"{"role":"integrator"}"#, &[])
        .await;
    assert_eq!(r.status, 401);

    // An admin key minted over the API would be a second "person" made by one.
    let r = server
        .post_json(
            "/v1/keys",
            r#"{"role":"admin"}"#,
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = server
        .post_json(
            "/v1/keys",
            r#"{"role":"partner"}"#,
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(
        r.status,
        422,
        "a partner key without a region: {}",
        r.text()
    );
    assert_eq!(r.json()["error"]["code"], "missing_region");
    let r = server
        .post_json(
            "/v1/keys",
            r#"{"role":"partner","region":"ZZ"}"#,
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
}

#[tokio::test]
async fn a_revoked_key_stops_at_once_and_every_change_is_audited() {
    let server = TestServer::start().await;
    let admin = bearer(&server.key(Role::Admin).await);
    let r = server
        .post_json(
            "/v1/keys",
            r#"{"role":"partner","region":"HK","label":"HKPF ADCC"}"#,
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let created = r.json();
    let secret = created["key"].as_str().expect("secret").to_owned();
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["role"], "partner");
    assert_eq!(created["region"], "HK");

    let partner = bearer(&secret);
    let r = server
        .get("/v1/campaigns", &[("authorization", &partner)])
        .await;
    assert_eq!(r.status, 200, "the new key works: {}", r.text());

    // Rotation: a new secret with the same role and region; the old one stops.
    let r = server
        .post_json(
            &format!("/v1/keys/{id}/rotate"),
            "{}",
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let rotated = r.json();
    assert_eq!(rotated["replaces"], id);
    assert_eq!(rotated["region"], "HK");
    let new_id = rotated["id"].as_i64().expect("id");
    let new_partner = bearer(rotated["key"].as_str().expect("secret"));
    let r = server
        .get("/v1/campaigns", &[("authorization", &partner)])
        .await;
    assert_eq!(r.status, 401, "the rotated-out key still works");
    let r = server
        .get("/v1/campaigns", &[("authorization", &new_partner)])
        .await;
    assert_eq!(r.status, 200);

    // Revocation applies to the very next request, though the key was just cached.
    let r = server
        .post_json(
            &format!("/v1/keys/{new_id}/revoke"),
            "{}",
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server
        .get("/v1/campaigns", &[("authorization", &new_partner)])
        .await;
    assert_eq!(r.status, 401, "a revoked key still works");
    let r = server
        .post_json(
            &format!("/v1/keys/{new_id}/revoke"),
            "{}",
            &[("authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 404, "revoking twice");

    let r = server.get("/v1/keys", &[("authorization", &admin)]).await;
    assert_eq!(r.status, 200);
    let keys = r.json();
    let listed = keys["keys"].as_array().expect("keys");
    assert!(
        listed
            .iter()
            .all(|k| k.get("hash").is_none() && k.get("key").is_none())
    );
    assert!(
        listed
            .iter()
            .any(|k| k["id"] == new_id && !k["revoked_at"].is_null())
    );

    let r = server.get("/v1/audit", &[("authorization", &admin)]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let audit = r.json();
    let records = audit["records"].as_array().expect("records");
    let actions: Vec<(&str, &str)> = records
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap_or(""),
                r["target"].as_str().unwrap_or(""),
            )
        })
        .collect();
    for expected in [
        ("key.create", format!("key:{id}")),
        ("key.rotate", format!("key:{new_id}")),
        ("key.revoke", format!("key:{new_id}")),
    ] {
        assert!(
            actions
                .iter()
                .any(|(a, t)| *a == expected.0 && *t == expected.1),
            "missing {expected:?} in {actions:?}"
        );
    }
    let rotate = records
        .iter()
        .find(|r| r["action"] == "key.rotate")
        .expect("rotate record");
    assert!(rotate["detail"].to_string().contains(&id.to_string()));
    assert!(
        rotate["ip"]
            .as_str()
            .is_some_and(|ip| ip.starts_with("127."))
    );
}

#[tokio::test]
async fn a_key_revoked_by_another_process_stops_within_two_seconds() {
    let server = TestServer::start().await;
    let secret = server.key(Role::Integrator).await;
    let auth = bearer(&secret);
    let r = server
        .get("/v1/campaigns", &[("authorization", &auth)])
        .await;
    assert_ne!(r.status, 401, "{}", r.text());
    // Another process: its own store on the same file.
    let other = store::open(&server.database_url()).await.expect("store");
    let id = other
        .list_api_keys()
        .await
        .expect("keys")
        .into_iter()
        .find(|k| k.role == Role::Integrator)
        .expect("the key")
        .id;
    let revoked_at = std::time::Instant::now();
    let other = service::Service::open(
        other,
        service::Settings::default(),
        (*server.state().secrets()).clone(),
        service::Runtime::default(),
    );
    other
        .revoke_key(&service::Principal::Operator, id)
        .await
        .expect("revoke");
    loop {
        let r = server
            .get("/v1/campaigns", &[("authorization", &auth)])
            .await;
        if r.status == 401 {
            break;
        }
        assert!(
            revoked_at.elapsed() < std::time::Duration::from_secs(2),
            "a key revoked elsewhere still works after 2 s"
        );
        tokio::task::yield_now().await;
    }
}

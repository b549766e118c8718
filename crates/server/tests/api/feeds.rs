//! Sharing (issue 5): `GET /v1/export`, the signed registry under `/.well-known`, and
//! blocklist changes made by another process reaching the index.

use std::path::PathBuf;

use super::harness::TestServer;

fn entry(key: &str, source: &str) -> blocklist::Entry {
    blocklist::Entry {
        key: key.into(),
        severity: blocklist::Severity::Confirmed,
        categories: vec!["phishing".into()],
        report_count: 2,
        first_seen: 1_700_000_000,
        last_seen: 1_720_000_000,
        sources: vec![source.into()],
    }
}

/// The test server's blocklist plus entries from an HK source, an SG source, and an
/// HK phone number from no regional source.
pub(crate) async fn seed(server: &TestServer) {
    let store = server.store();
    store
        .upsert_blocklist(&[
            entry("domain:hk-scam.example", "hk-police"),
            entry(
                "address:evm:0x52908400098527886e0f7030069857d2e4169ee7",
                "hk-police",
            ),
            entry("domain:sg-scam.example", "sg-police"),
            entry("phone:+85230001234", "reports"),
            entry("telegram:fakesupport", "reports"),
        ])
        .await
        .expect("seed");
    store::set_source_region(store.as_ref(), "hk-police", Some("HK"))
        .await
        .expect("region");
    store::set_source_region(store.as_ref(), "sg-police", Some("SG"))
        .await
        .expect("region");
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

#[tokio::test]
async fn export_requires_a_key_and_limits_partners_to_their_region() {
    let server = TestServer::start().await;
    seed(&server).await;
    let r = server.get("/v1/export?format=csv", &[]).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    let integrator = server.key(store::Role::Integrator).await;
    let r = server
        .get(
            "/v1/export?format=csv",
            &[("Authorization", &bearer(&integrator))],
        )
        .await;
    assert_eq!(r.status, 403);

    // The harness gives partners region HK.
    let partner = server.key(store::Role::Partner).await;
    let auth = bearer(&partner);
    let r = server
        .get(
            "/v1/export?format=csv&region=SG",
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("HK")
    );
    for path in ["/v1/export?format=csv", "/v1/export?format=csv&region=hk"] {
        let r = server.get(path, &[("Authorization", &auth)]).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert!(
            r.header("content-type")
                .expect("type")
                .starts_with("text/csv")
        );
        let mut rows: Vec<String> = r.text().lines().skip(1).map(str::to_owned).collect();
        rows.sort();
        let values: Vec<&str> = rows
            .iter()
            .map(|l| l.split(',').next().expect("value"))
            .collect();
        assert_eq!(
            values,
            [
                "+85230001234",
                "0x52908400098527886e0f7030069857d2e4169ee7",
                "hk-scam.example"
            ],
            "{path}"
        );
    }

    // Admins take everything, or one region, or since a date.
    let admin = server.key(store::Role::Admin).await;
    let auth = bearer(&admin);
    let count = |text: String| text.lines().count() - 1;
    let r = server
        .get("/v1/export?format=csv", &[("Authorization", &auth)])
        .await;
    assert_eq!(count(r.text()), 6);
    let r = server
        .get(
            "/v1/export?format=csv&region=SG",
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(count(r.text()), 1);
    let r = server
        .get(
            "/v1/export?format=csv&since=2024-06-01",
            &[("Authorization", &auth)],
        )
        .await;
    // evil.io (last seen 2024-03-09) is left out.
    assert_eq!(count(r.text()), 5);
    for bad in [
        "/v1/export?format=pdf",
        "/v1/export",
        "/v1/export?format=csv&region=HKG",
    ] {
        let r = server.get(bad, &[("Authorization", &auth)]).await;
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(r.json()["error"]["code"], "bad_request", "{bad}");
    }
    // A well-formed query whose date cannot be read.
    let r = server
        .get(
            "/v1/export?format=csv&since=soon",
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["code"], "invalid_since");
}

#[tokio::test]
async fn export_formats_are_whole_documents() {
    let server = TestServer::start().await;
    seed(&server).await;
    let admin = server.key(store::Role::Admin).await;
    let auth = bearer(&admin);
    let r = server
        .get("/v1/export?format=stix2", &[("Authorization", &auth)])
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/stix+json;version=2.1")
    );
    let bundle = r.json();
    assert_eq!(bundle["type"], "bundle");
    // Identity, two extension definitions, and three objects per entry.
    assert_eq!(
        bundle["objects"].as_array().expect("objects").len(),
        3 + 3 * 6
    );
    let r = server
        .get("/v1/export?format=misp", &[("Authorization", &auth)])
        .await;
    let event = r.json();
    assert_eq!(
        event["Event"]["Attribute"]
            .as_array()
            .expect("attributes")
            .len(),
        6
    );
}

#[tokio::test]
async fn signed_registry_verifies_and_follows_changes() {
    let server = TestServer::start().await;
    let body = server.get("/.well-known/antiscam/registry.json", &[]).await;
    assert_eq!(body.status, 200);
    assert_eq!(body.json()["brand"][0]["name"], "Example Exchange");
    let sig = server
        .get("/.well-known/antiscam/registry.json.sig", &[])
        .await
        .text();
    let key = server
        .get("/.well-known/antiscam/registry-key", &[])
        .await
        .text();
    let bytes = body.text().into_bytes();
    assert_eq!(service::signing::verify_hex(&key, &sig, &bytes), Ok(()));
    // Stable: the same registry gives the same bytes and signature.
    let again = server
        .get("/.well-known/antiscam/registry.json.sig", &[])
        .await
        .text();
    assert_eq!(again, sig);
    let mut tampered = bytes.clone();
    tampered.extend_from_slice(b" ");
    assert!(service::signing::verify_hex(&key, &sig, &tampered).is_err());

    // A new registry is served and signed anew; the old signature no longer matches.
    let r = server
        .change_registry("[[brand]]\nname = \"Other\"\ndomains = [\"other.example\"]\n")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = server
        .get("/.well-known/antiscam/registry.json", &[])
        .await
        .text();
    let sig2 = server
        .get("/.well-known/antiscam/registry.json.sig", &[])
        .await
        .text();
    assert_eq!(
        service::signing::verify_hex(&key, &sig2, body.as_bytes()),
        Ok(())
    );
    assert!(service::signing::verify_hex(&key, &sig, body.as_bytes()).is_err());

    // After a rotation the key changes and old signatures fail with the new key.
    let state = server.state();
    let mut rotated = (*state.secrets()).clone();
    rotated
        .rotate(secrets::Purpose::Signing, 1_800_000_000)
        .expect("rotate");
    let new_key = service::signing::public_key_hex(service::signing::seed(&rotated));
    state.service.replace_secrets(rotated);
    assert_ne!(new_key, key.trim());
    let served = server
        .get("/.well-known/antiscam/registry-key", &[])
        .await
        .text();
    assert_eq!(served.trim(), new_key);
    assert!(service::signing::verify_hex(&new_key, &sig2, body.as_bytes()).is_err());
    let retired = state.service.retired_signing_keys().await.expect("retired");
    assert_eq!(retired[0]["public_key"], key.trim());
}

#[tokio::test]
async fn blocklist_changes_by_another_process_reach_the_index() {
    let server = TestServer::start().await;
    let verdict = |r: super::harness::Response| r.json()["verdict"].clone();
    assert_eq!(
        verdict(server.get("/v1/verify?q=login.scamshop.io", &[]).await),
        "unknown"
    );
    // Nothing changed: no rebuild.
    assert!(!server.state().poll_changes().await.expect("poll"));
    // "Another process": a second store on the same database file.
    let other = store::open(&server.database_url()).await.expect("open");
    other
        .merge_blocklist(&["domain:scamshop.io".to_owned()], &mut |k, _| {
            Some(entry(k, "feed"))
        })
        .await
        .expect("merge");
    assert!(server.state().poll_changes().await.expect("poll"));
    assert_eq!(
        verdict(server.get("/v1/verify?q=login.scamshop.io", &[]).await),
        "reported_scam"
    );
    assert!(!server.state().poll_changes().await.expect("poll"));
    other.close().await;
}

/// The OASIS `stix2` library and PyMISP read the exports (CI installs them and sets
/// ANTISCAM_TEST_PYTHON to that interpreter).
#[tokio::test]
async fn python_stix2_and_pymisp_read_the_exports() {
    let Ok(python) = std::env::var("ANTISCAM_TEST_PYTHON") else {
        eprintln!(
            "skipped: set ANTISCAM_TEST_PYTHON to a python3 with stix2 and pymisp installed \
             (CI does) to check the exports with them"
        );
        return;
    };
    let server = TestServer::start().await;
    seed(&server).await;
    let admin = server.key(store::Role::Admin).await;
    let auth = bearer(&admin);
    let dir = std::env::temp_dir().join(format!("antiscam-python-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let stix = dir.join("export.stix.json");
    let misp = dir.join("export.misp.json");
    let r = server
        .get("/v1/export?format=stix2", &[("Authorization", &auth)])
        .await;
    std::fs::write(&stix, r.text()).expect("write");
    let r = server
        .get("/v1/export?format=misp", &[("Authorization", &auth)])
        .await;
    std::fs::write(&misp, r.text()).expect("write");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/check_exports.py");
    let output = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(&stix)
        .arg(&misp)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{python} {}: {stdout}\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("stix2: 21 objects"), "{stdout}");
    assert!(stdout.contains("pymisp: 6 attributes"), "{stdout}");
}

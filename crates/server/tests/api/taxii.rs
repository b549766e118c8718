//! Intelligence for partners (issue 15): the TAXII 2.1 server, the MISP feed and
//! signed retractions, over a real server; the OASIS taxii2-client and PyMISP read
//! them when ANTISCAM_TEST_PYTHON names an interpreter that has them (CI does).

use std::path::PathBuf;

use super::feeds::seed;
use super::harness::TestServer;

const TAXII: &str = "application/taxii+json;version=2.1";

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

/// The seed, then the HK domain delisted (a revoked version, a retraction).
async fn seed_and_delist(server: &TestServer) {
    seed(server).await;
    let delisted = server
        .store()
        .reports()
        .delist(
            "domain:hk-scam.example",
            "listed by mistake",
            &store::reports::Actor::cli(),
            1_750_000_000,
        )
        .await
        .expect("delist");
    assert!(delisted);
}

#[tokio::test]
async fn taxii_negotiates_authenticates_and_limits_partners_to_their_region() {
    let server = TestServer::start().await;
    seed_and_delist(&server).await;
    let r = server.get("/taxii2/", &[("Accept", TAXII)]).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("content-type"), Some(TAXII));
    assert!(
        r.header("www-authenticate")
            .is_some_and(|v| v.starts_with("Basic"))
    );
    assert_eq!(r.json()["http_status"], "401");

    let admin = server.key(store::Role::Admin).await;
    let auth = bearer(&admin);
    let r = server
        .get(
            "/taxii2/",
            &[("Authorization", &auth), ("Accept", "application/json")],
        )
        .await;
    assert_eq!(r.status, 406);
    let r = server
        .get("/taxii2/", &[("Authorization", &auth), ("Accept", TAXII)])
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some(TAXII));
    let root = r.json()["default"].as_str().expect("default").to_owned();
    assert!(root.ends_with("/taxii2/api/"), "{root}");

    let r = server
        .get("/taxii2/api/collections/", &[("Authorization", &auth)])
        .await;
    let collections = r.json()["collections"].as_array().expect("list").clone();
    assert_eq!(collections.len(), 3, "all, HK, SG: {collections:?}");
    let all = collections[0]["id"].as_str().expect("id").to_owned();
    assert!(
        collections[0]["title"]
            .as_str()
            .expect("title")
            .contains("all")
    );

    // Pages of two: headers, envelope, the revoked version last.
    let path = format!("/taxii2/api/collections/{all}/objects/?limit=2");
    let r = server.get(&path, &[("Authorization", &auth)]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.json();
    assert_eq!(page["more"], true);
    assert_eq!(page["objects"].as_array().expect("objects").len(), 2);
    // The page is rendered straight into bytes: it is the envelope of `wire`.
    let envelope: wire::taxii::TaxiiEnvelope =
        serde_json::from_value(page.clone()).expect("envelope");
    assert_eq!(envelope.next.as_deref(), page["next"].as_str());
    let first = r
        .header("x-taxii-date-added-first")
        .expect("first")
        .to_owned();
    assert!(r.header("x-taxii-date-added-last").is_some());
    let mut objects = page["objects"].as_array().expect("objects").clone();
    let mut next = page["next"].as_str().map(str::to_owned);
    while let Some(token) = next {
        let r = server
            .get(&format!("{path}&next={token}"), &[("Authorization", &auth)])
            .await;
        let page = r.json();
        objects.extend(page["objects"].as_array().cloned().unwrap_or_default());
        next = page["next"].as_str().map(str::to_owned);
    }
    // evil.io, five seeded entries, one revocation.
    assert_eq!(objects.len(), 7);
    assert_eq!(objects[6]["revoked"], true);
    // added_after the first object's date_added skips it.
    let r = server
        .get(
            &format!("/taxii2/api/collections/{all}/objects/?added_after={first}"),
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(r.json()["objects"].as_array().expect("objects").len(), 6);
    let r = server
        .get(
            &format!("/taxii2/api/collections/{all}/objects/?added_after=yesterday"),
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["http_status"], "400");
    // Writes: 415 for a body that is not TAXII, 403 for one that is.
    let objects_path = format!("/taxii2/api/collections/{all}/objects/");
    let r = server
        .request(
            "POST",
            &objects_path,
            &[("Authorization", &auth)],
            Some(("text/plain", "x")),
        )
        .await;
    assert_eq!(r.status, 415);
    let r = server
        .request(
            "POST",
            &objects_path,
            &[("Authorization", &auth)],
            Some((TAXII, "{}")),
        )
        .await;
    assert_eq!(r.status, 403);

    // A partner of HK: its region's collection only, by Basic auth too.
    let partner = server.key(store::Role::Partner).await;
    let basic = format!("Basic {}", base64(&format!("partner:{partner}")));
    let r = server
        .get("/taxii2/api/collections/", &[("Authorization", &basic)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let mine = r.json()["collections"].as_array().expect("list").clone();
    assert_eq!(mine.len(), 1);
    assert!(mine[0]["title"].as_str().expect("title").contains("HK"));
    let r = server
        .get(
            &format!("/taxii2/api/collections/{all}/objects/"),
            &[("Authorization", &basic)],
        )
        .await;
    assert_eq!(r.status, 404);
    let hk = mine[0]["id"].as_str().expect("id");
    let r = server
        .get(
            &format!("/taxii2/api/collections/{hk}/manifest/"),
            &[("Authorization", &basic)],
        )
        .await;
    let records = r.json()["objects"].as_array().expect("records").clone();
    assert_eq!(records.len(), 4, "3 HK listings and one revocation");
    let manifest: wire::taxii::TaxiiManifest =
        serde_json::from_value(r.json()).expect("a manifest");
    assert!(!manifest.more);
    assert!(
        r.header("x-taxii-date-added-first").is_some()
            && r.header("x-taxii-date-added-last").is_some()
    );
    // Basic credentials are for the feeds only.
    let r = server
        .get("/v1/export?format=csv", &[("Authorization", &basic)])
        .await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn retractions_are_signed_by_the_sibling_key_and_tampering_fails() {
    let server = TestServer::start().await;
    seed_and_delist(&server).await;
    let r = server.get("/v1/retractions", &[]).await;
    assert_eq!(r.status, 401, "key holders only");
    let key = server
        .get("/.well-known/antiscam/retractions-key", &[])
        .await
        .text();
    let key = key.trim();
    let registry_key = server
        .get("/.well-known/antiscam/registry-key", &[])
        .await
        .text();
    assert_ne!(key, registry_key.trim());
    let partner = server.key(store::Role::Partner).await;
    let r = server
        .get(
            "/v1/retractions?since=2020-01-01",
            &[("Authorization", &bearer(&partner))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.json();
    assert_eq!(doc["public_key"], key);
    let list = doc["retractions"].as_array().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["retraction"]["key"], "domain:hk-scam.example");
    assert_eq!(list[0]["retraction"]["reason"], "delisted");
    let bytes = r.text().into_bytes();
    assert_eq!(service::retractions::verify_document(&bytes, key), Ok(1));
    let tampered = r.text().replace("hk-scam.example", "hk-scam.example.org");
    assert!(service::retractions::verify_document(tampered.as_bytes(), key).is_err());
    // An SG partner sees none of HK's.
    let sg = server.key_in(store::Role::Partner, Some("SG")).await;
    let r = server
        .get("/v1/retractions", &[("Authorization", &bearer(&sg))])
        .await;
    assert_eq!(r.json()["retractions"].as_array().expect("list").len(), 0);

    // The CLI's offline check, on the downloaded file.
    let dir = std::env::temp_dir().join(format!("antiscam-retractions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("retractions.json");
    std::fs::write(&file, &bytes).expect("write");
    assert_eq!(
        service::retractions::verify_document(&std::fs::read(&file).expect("read"), key),
        Ok(1)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The MISP feed by hand: a partner's manifest names its events, which hold its
/// region's entries.
#[tokio::test]
async fn misp_feed_serves_a_partner_its_region() {
    let server = TestServer::start().await;
    seed_and_delist(&server).await;
    let partner = server.key(store::Role::Partner).await;
    let auth = bearer(&partner);
    let r = server.get("/feeds/misp/manifest.json", &[]).await;
    assert_eq!(r.status, 401);
    let r = server
        .get("/feeds/misp/manifest.json", &[("Authorization", &auth)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let manifest = r.json();
    let uuids: Vec<String> = manifest.as_object().expect("map").keys().cloned().collect();
    assert_eq!(uuids.len(), 1, "one day: {manifest}");
    let r = server
        .get(
            &format!("/feeds/misp/{}.json", uuids[0]),
            &[("Authorization", &auth)],
        )
        .await;
    let event = r.json();
    let values: Vec<&str> = event["Event"]["Attribute"]
        .as_array()
        .expect("attributes")
        .iter()
        .filter_map(|a| a["value"].as_str())
        .collect();
    assert_eq!(values.len(), 3, "{values:?}");
    assert!(values.contains(&"+85230001234"));
    assert!(!values.contains(&"sg-scam.example"));
    let r = server
        .get("/feeds/misp/hashes.csv", &[("Authorization", &auth)])
        .await;
    assert_eq!(r.text().lines().count(), 3);
    let r = server
        .get(
            "/feeds/misp/00000000-0000-0000-0000-000000000000.json",
            &[("Authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 404);
}

/// The OASIS taxii2-client reads every page and PyMISP loads every event.
#[tokio::test]
async fn taxii2_client_and_pymisp_read_the_feeds() {
    let Ok(python) = std::env::var("ANTISCAM_TEST_PYTHON") else {
        eprintln!(
            "skipped: set ANTISCAM_TEST_PYTHON to a python3 with taxii2-client and pymisp \
             installed (CI does) to read the feeds with them"
        );
        return;
    };
    let server = TestServer::start().await;
    seed_and_delist(&server).await;
    let admin = server.key(store::Role::Admin).await;
    let partner = server.key(store::Role::Partner).await;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/check_taxii.py");
    let output = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(server.url(""))
        .arg(&admin)
        .arg(&partner)
        .arg("7")
        .arg("4")
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{python} {}: {stdout}\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("admin read 7 objects in 4 pages"),
        "{stdout}"
    );
    assert!(
        stdout.contains("partner read 4 objects in 2 pages"),
        "{stdout}"
    );
    assert!(
        stdout.contains("pymisp: 1 events, 3 attributes, 1 retracted"),
        "{stdout}"
    );
}

fn base64(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let data = s.as_bytes();
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

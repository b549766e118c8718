//! The use cases behind the operator's commands and the registry's two-person rule,
//! over a real (in-memory SQLite) store.

use std::sync::Arc;

use service::import::ImportRequest;
use service::proposals::{Change, Decision};
use service::{Error, FixedClock, Principal, Runtime, SeqRandom, Service, Settings};

const NOW: i64 = 1_700_000_000;

async fn service() -> Service {
    let store = service::open_store("sqlite::memory:").await.expect("store");
    let runtime = Runtime {
        clock: Arc::new(FixedClock::at(NOW)),
        random: Arc::new(SeqRandom::new(1)),
    };
    let secrets = secrets::Secrets::generate(NOW).expect("secrets");
    Service::new(store, Settings::default(), secrets, runtime)
        .await
        .expect("service")
}

async fn staff(service: &Service, role: &str) -> Principal {
    let req = wire::NewKeyRequest {
        role: role.into(),
        region: None,
        label: None,
    };
    let created = service
        .create_key(&Principal::Operator, &req)
        .await
        .expect("key");
    Principal::key(created.key, None)
}

fn registry(domains: &[&str]) -> registry::Registry {
    let list: Vec<String> = domains.iter().map(|d| format!("{d:?}")).collect();
    registry::Registry::from_toml(&format!(
        "[[brand]]\nname = \"Example Exchange\"\ndomains = [{}]\n",
        list.join(", ")
    ))
    .expect("registry")
}

fn verdict(service: &Service, q: &str) -> String {
    service.index().verify(q, None).verdict.as_str().to_owned()
}

#[tokio::test]
async fn a_proposal_needs_an_admin_other_than_its_author() {
    let service = service().await;
    let (author, other, analyst) = (
        staff(&service, "admin").await,
        staff(&service, "admin").await,
        staff(&service, "analyst").await,
    );
    let change = Change::Replace(registry(&["example.com", "example-pay.com"]));
    let p = service
        .propose(&author, change, None)
        .await
        .expect("proposed");
    assert_eq!(service::proposals::view(&p, false).state, "pending");

    let refused = service
        .decide_proposal(&author, p.id, Decision::Approve, None)
        .await;
    assert!(
        matches!(&refused, Err(Error::Conflict(m)) if m.contains("cannot approve")),
        "{refused:?}"
    );
    assert!(matches!(
        service
            .decide_proposal(&analyst, p.id, Decision::Approve, None)
            .await,
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        service
            .decide_proposal(&analyst, p.id, Decision::Reject, None)
            .await,
        Err(Error::Forbidden(m)) if m.contains("only their own")
    ));
    assert_ne!(verdict(&service, "example-pay.com"), "official");
    let approved = service
        .decide_proposal(&other, p.id, Decision::Approve, Some("checked"))
        .await
        .expect("approved");
    assert_eq!(approved.decision_note.as_deref(), Some("checked"));
    // The index is rebuilt before the approval returns.
    assert_eq!(verdict(&service, "example-pay.com"), "official");
    assert!(matches!(
        service
            .propose(
                &author,
                Change::Replace(registry(&["example.com", "example-pay.com"])),
                None
            )
            .await,
        Err(Error::Invalid {
            code: "no_change",
            ..
        })
    ));
    assert!(matches!(
        service.proposal(&analyst, 999).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn a_reported_scam_is_made_official_only_with_a_reason() {
    let service = service().await;
    let admin = staff(&service, "admin").await;
    let req = ImportRequest {
        format: feeds::Format::Text,
        file_name: "scams.txt".into(),
        source: None,
        region: None,
        severity: blocklist::Severity::Confirmed,
        categories: Vec::new(),
    };
    service
        .import_feed(
            &Principal::Operator,
            &req,
            b"evil.io\n".to_vec(),
            &mut |_, _| {},
        )
        .await
        .expect("import");
    service.reload().await.expect("reload");
    let change = || Change::Replace(registry(&["evil.io"]));
    match service.propose(&admin, change(), None).await {
        Err(Error::RegistryConflicts(c)) => assert_eq!(c.len(), 1),
        other => panic!("{other:?}"),
    }
    let p = service
        .propose(&admin, change(), Some("bought back"))
        .await
        .expect("with a reason");
    assert_eq!(p.override_reason.as_deref(), Some("bought back"));
}

#[tokio::test]
async fn imports_count_what_they_did_and_are_audited() {
    let service = service().await;
    let req = ImportRequest {
        format: feeds::Format::Text,
        file_name: "scams.txt".into(),
        source: None,
        region: Some("HK".into()),
        severity: blocklist::Severity::Suspected,
        categories: Vec::new(),
    };
    let feed = b"scam-one.io\nscam-two.io\nscam-one.io\nbad domain\n".to_vec();
    let mut batches = 0;
    let first = service
        .import_feed(&Principal::Operator, &req, feed.clone(), &mut |_, _| {
            batches += 1
        })
        .await
        .expect("import");
    assert_eq!(batches, 1);
    assert_eq!(first.source, "file:scams.txt");
    assert_eq!(
        (first.counts.added, first.duplicates, first.rejected_total()),
        (2, 1, 1)
    );
    let again = service
        .import_feed(&Principal::Operator, &req, feed, &mut |_, _| {})
        .await
        .expect("again");
    assert_eq!((again.counts.added, again.counts.unchanged), (0, 2));
    let audit = service
        .audit_log(&Principal::Operator, None, 10)
        .await
        .expect("audit");
    let imports: Vec<_> = audit.iter().filter(|r| r.action == "import").collect();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[0].role, "cli");
    assert!(
        imports[1]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains(r#""added":2"#)),
        "{imports:?}"
    );
    let mut bad = req.clone();
    bad.source = Some(String::new());
    assert!(matches!(
        service
            .import_feed(&Principal::Operator, &bad, Vec::new(), &mut |_, _| {})
            .await,
        Err(Error::Invalid {
            code: "invalid_source",
            ..
        })
    ));
    let analyst = staff(&service, "analyst").await;
    assert!(matches!(
        service
            .import_feed(&analyst, &req, Vec::new(), &mut |_, _| {})
            .await,
        Err(Error::Forbidden(_))
    ));
}

fn demo() -> service::demo::Demo {
    let campaign: serde_json::Value =
        serde_json::from_str(include_str!("../../antiscam/demo/campaign.json")).expect("json");
    service::demo::Demo {
        registry: registry(&["example.com"]),
        blocklist: serde_json::from_str(include_str!("../../antiscam/demo/blocklist.json"))
            .expect("blocklist"),
        campaign: campaign::Spec::from_json(&campaign).expect("campaign"),
        partner_resources: vec![("domain:adcc.gov.hk".into(), "ADCC".into())],
    }
}

#[tokio::test]
async fn the_demo_is_seeded_once_and_only_into_an_empty_database() {
    use service::demo::Seeded;
    let service = service().await;
    assert_eq!(
        service.seed_demo(&demo()).await.expect("seed"),
        Seeded::Demo
    );
    assert_eq!(
        service.seed_demo(&demo()).await.expect("again"),
        Seeded::Existing
    );
    service.reload().await.expect("reload");
    assert_eq!(verdict(&service, "example.com"), "official");

    // A database that already has a registry keeps it.
    let used = self::service().await;
    used.replace_registry(&Principal::Operator, &registry(&["example.org"]))
        .await
        .expect("registry");
    assert_eq!(
        used.seed_demo(&demo()).await.expect("seed"),
        Seeded::Existing
    );
    used.reload().await.expect("reload");
    assert_ne!(verdict(&used, "example.com"), "official");
}

#[tokio::test]
async fn only_the_operator_rotates_the_key_file_and_it_is_audited() {
    let service = service().await;
    let before = service.registry_public_key();
    let admin = staff(&service, "admin").await;
    assert!(matches!(
        service
            .rotate_secret(&admin, secrets::Purpose::Signing)
            .await,
        Err(Error::Forbidden(_))
    ));
    let rotated = service
        .rotate_secret(&Principal::Operator, secrets::Purpose::Signing)
        .await
        .expect("rotated");
    assert_eq!((rotated.key_id, rotated.retired), (2, 1));
    assert_eq!(
        rotated.public_key.as_deref(),
        Some(service.registry_public_key().as_str())
    );
    assert_ne!(service.registry_public_key(), before);
    let audit = service
        .audit_log(&Principal::Operator, None, 10)
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.action == "secrets.rotate" && r.target.as_deref() == Some("secret:signing"))
    );
}

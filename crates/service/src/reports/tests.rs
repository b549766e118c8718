//! The report use cases over a fresh in-memory store, with a fixed clock and
//! randomness.

use std::net::IpAddr;
use std::sync::Arc;

use i18n::Locale;
use store::{ApiKey, Role};

use store::proposals::Decision;

use crate::{Error, FixedClock, Principal, Runtime, SeqRandom, Service, Settings};

/// 2024-03-01.
const NOW: i64 = 1_709_251_200;

async fn service() -> Arc<Service> {
    let store = store::open("sqlite::memory:").await.expect("store");
    let runtime = Runtime {
        clock: Arc::new(FixedClock::at(NOW)),
        random: Arc::new(SeqRandom::new(1)),
    };
    let secrets = secrets::Secrets::generate(NOW).expect("secrets");
    let service = Service::new(store, Settings::default(), secrets, runtime)
        .await
        .expect("service");
    Arc::new(service)
}

fn key(role: Role, region: Option<&str>) -> Principal {
    key_id(3, role, region)
}

fn key_id(id: i64, role: Role, region: Option<&str>) -> Principal {
    Principal::key(
        ApiKey {
            id,
            role,
            region: region.map(str::to_owned),
            label: None,
            created_at: 0,
            revoked_at: None,
        },
        "192.0.2.1".parse().ok(),
    )
}

fn public(ip: &str) -> Principal {
    Principal::Public {
        ip: ip.parse::<IpAddr>().ok(),
    }
}

fn draft(indicator: &str, region: &str, contact: &str) -> reports::Draft {
    reports::Draft {
        indicators: vec![indicator.to_owned()],
        region: Some(region.to_owned()),
        contact: Some(reports::DraftContact {
            consent: true,
            detail: Some(contact.to_owned()),
        }),
        ..reports::Draft::default()
    }
}

#[tokio::test]
async fn a_partner_reads_only_its_region_with_contacts() {
    let service = service().await;
    for (n, (indicator, region)) in [("scam-a.example", "HK"), ("scam-b.example", "SG")]
        .into_iter()
        .enumerate()
    {
        let receipt = service
            .submit_report(
                &public(&format!("198.51.{n}.7")),
                &draft(indicator, region, "victim@example.org"),
                Locale::En,
            )
            .await
            .expect("stored");
        assert!(receipt.reference.starts_with("R-"));
    }

    let hk = key(Role::Partner, Some("HK"));
    let rows = service
        .region_reports(&hk, None, None, 100)
        .await
        .expect("read");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].region.as_deref(), Some("HK"));
    assert_eq!(rows[0].contact.as_deref(), Some("victim@example.org"));
    assert!(matches!(
        service.region_reports(&hk, Some("SG"), None, 100).await,
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        service
            .region_reports(&key(Role::Partner, None), None, None, 100)
            .await,
        Err(Error::Forbidden(_))
    ));

    // Staff read every region, never the contacts; integrators read nothing.
    let all = service
        .region_reports(&key(Role::Analyst, None), None, None, 100)
        .await
        .expect("read");
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|r| r.contact.is_none()));
    assert!(matches!(
        service
            .region_reports(&key(Role::Integrator, None), None, None, 100)
            .await,
        Err(Error::Forbidden(_))
    ));

    // Every read is audited with the reader.
    let log = service
        .audit_log(&Principal::Operator, None, 10)
        .await
        .expect("audit");
    let reads: Vec<_> = log.iter().filter(|r| r.action == "reports.read").collect();
    assert_eq!(reads.len(), 2);
    assert!(
        reads
            .iter()
            .any(|r| r.role == "partner" && r.target.as_deref() == Some("HK"))
    );
}

#[tokio::test]
async fn field_errors_are_typed_and_worded_in_the_asked_language() {
    let service = service().await;
    let empty = reports::Draft::default();
    let Err(Error::Fields { code, fields, .. }) = service
        .submit_report(&public("198.51.100.7"), &empty, Locale::ZhHant)
        .await
    else {
        panic!("an empty report must be refused field by field");
    };
    assert_eq!(code, "invalid_report");
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].code, "missing_content");
    let catalog = i18n::Catalog::global();
    assert_eq!(
        fields[0].message,
        catalog.message(Locale::ZhHant, "report-field-missing_content", &[])
    );

    let bad = draft("not an indicator at all", "ZZ", "x");
    let Err(Error::Fields { fields, .. }) = service
        .submit_report(&public("198.51.100.7"), &bad, Locale::En)
        .await
    else {
        panic!("an invalid report must be refused field by field");
    };
    assert!(fields.iter().any(|f| f.field.starts_with("indicators")));
    assert!(fields.iter().any(|f| f.field == "region"));

    let dispute = wire::DisputeRequest {
        indicator: "evil.example".into(),
        reason: Some("   ".into()),
        ..wire::DisputeRequest::default()
    };
    let Err(Error::Fields { fields, .. }) = service
        .file_dispute(&public("198.51.100.7"), &dispute, Locale::En)
        .await
    else {
        panic!("a dispute without a reason must be refused");
    };
    assert_eq!(fields[0].field, "reason");
    assert_eq!(fields[0].code, "missing_reason");
}

#[tokio::test]
async fn triage_needs_staff_and_a_reason_to_delist() {
    let service = service().await;
    let by = public("198.51.100.7");
    service
        .submit_report(
            &by,
            &draft("scam-c.example", "HK", "x@example.org"),
            Locale::En,
        )
        .await
        .expect("stored");
    let delist = wire::TriageRequest {
        action: "delist".into(),
        ..wire::TriageRequest::default()
    };
    assert!(matches!(
        service
            .triage(&key(Role::Partner, Some("HK")), "scam-c.example", &delist)
            .await,
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        service
            .triage(&key(Role::Analyst, None), "scam-c.example", &delist)
            .await,
        Err(Error::Invalid {
            code: "missing_reason",
            ..
        })
    ));
    let confirm = wire::TriageRequest {
        action: "confirm".into(),
        ..wire::TriageRequest::default()
    };
    // One analyst's confirmation would list it: it waits for a second analyst, and
    // Verify does not say it is a scam yet.
    let done = service
        .triage(&key(Role::Analyst, None), "scam-c.example", &confirm)
        .await
        .expect("proposed");
    let super::Triaged::Pending(decision) = done else {
        panic!("one analyst's key listed an indicator: {done:?}");
    };
    let verdict = |service: &Service| {
        service
            .verify("scam-c.example", None, Locale::En)
            .expect("verify")
            .verdict
    };
    assert_eq!(verdict(&service), verify::Verdict::Unknown);
    let pending = service
        .triage_decisions(&key_id(4, Role::Admin, None), Some("pending"), 10)
        .await
        .expect("listed");
    assert_eq!(pending.len(), 1);
    // Not by its author; not by a partner; by another analyst, and the index follows.
    assert!(matches!(
        service
            .decide_triage(
                &key(Role::Analyst, None),
                decision.id,
                Decision::Approve,
                None
            )
            .await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        service
            .decide_triage(
                &key_id(5, Role::Partner, Some("HK")),
                decision.id,
                Decision::Approve,
                None
            )
            .await,
        Err(Error::Forbidden(_))
    ));
    let decided = service
        .decide_triage(
            &key_id(4, Role::Analyst, None),
            decision.id,
            Decision::Approve,
            Some("checked"),
        )
        .await
        .expect("approved");
    assert!(decided.blocklist_changed);
    assert_eq!(verdict(&service), verify::Verdict::ReportedScam);
    // The operator at the command line acts directly (audited as `cli`).
    let reject = wire::TriageRequest {
        action: "reject".into(),
        ..wire::TriageRequest::default()
    };
    let done = service
        .triage(&Principal::Operator, "scam-c.example", &reject)
        .await
        .expect("rejected");
    assert!(matches!(done, super::Triaged::Group(_, true)));
    assert_eq!(verdict(&service), verify::Verdict::Unknown);
}

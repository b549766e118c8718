//! The service's own state: the index follows the store, paced for changes that can
//! wait.

use std::sync::Arc;

use crate::{REBUILD_EVERY, Runtime, Service, Settings};

fn entry(key: &str) -> blocklist::Entry {
    blocklist::Entry {
        key: key.into(),
        severity: blocklist::Severity::Confirmed,
        categories: vec!["phishing".into()],
        report_count: 3,
        first_seen: 1_700_000_000,
        last_seen: 1_700_000_000,
        sources: vec!["test".into()],
    }
}

fn verdict(service: &Service, q: &str) -> verify::Verdict {
    service.index().verify(q, None).verdict
}

#[tokio::test]
async fn rebuilds_for_changes_that_can_wait_are_paced_and_never_lost() {
    let store = store::open("sqlite::memory:").await.expect("store");
    let secrets = secrets::Secrets::generate(0).expect("secrets");
    let service = Arc::new(
        Service::new(
            Arc::clone(&store),
            Settings::default(),
            secrets,
            Runtime::default(),
        )
        .await
        .expect("service"),
    );
    // Just built: a change that can wait is rebuilt REBUILD_EVERY after that build.
    store
        .upsert_blocklist(&[entry("domain:paced-scam.io")])
        .await
        .expect("upsert");
    let asked = tokio::time::Instant::now();
    service.reload_soon().await.expect("reload");
    assert!(
        asked.elapsed() >= REBUILD_EVERY / 2,
        "{:?}",
        asked.elapsed()
    );
    assert_eq!(
        verdict(&service, "paced-scam.io"),
        verify::Verdict::ReportedScam
    );

    // Several asking at once: every change made before they asked is in the index
    // when each returns.
    store
        .upsert_blocklist(&[entry("domain:burst-scam.io")])
        .await
        .expect("upsert");
    let (a, b, c) = tokio::join!(
        service.reload_soon(),
        service.reload_soon(),
        service.reload_soon()
    );
    a.and(b).and(c).expect("reloads");
    assert_eq!(
        verdict(&service, "burst-scam.io"),
        verify::Verdict::ReportedScam
    );

    // An analyst's decision does not wait.
    store
        .upsert_blocklist(&[entry("domain:now-scam.io")])
        .await
        .expect("upsert");
    let asked = tokio::time::Instant::now();
    service.reload().await.expect("reload");
    assert!(asked.elapsed() < REBUILD_EVERY, "{:?}", asked.elapsed());
    assert_eq!(
        verdict(&service, "now-scam.io"),
        verify::Verdict::ReportedScam
    );
}

//! The feed log on both engines (issue 15): every listing, change and removal is a
//! version in `(added_at, seq)` order; pages are keyset reads; removals carry their
//! reason code; unchanged writes add nothing.

use blocklist::Severity;
use store::feed_log::{FeedCursor, FeedQuery};
use store::reports::Actor;

use crate::{TestDb, entry};

both_engines!(
    feed_log_records_every_version_in_order,
    migration_0014_hashes_object_ids_as_the_store_does,
);

async fn feed_log_records_every_version_in_order(db: TestDb) {
    let store = db.open().await;
    let a = entry("domain:a.example", Severity::Suspected, 1);
    let b = entry("domain:b.example", Severity::Suspected, 1);
    store
        .upsert_blocklist(&[b.clone(), a.clone()])
        .await
        .unwrap();
    // The same entries again: nothing new in the log.
    store
        .upsert_blocklist(&[a.clone(), b.clone()])
        .await
        .unwrap();
    let mut a2 = a.clone();
    a2.severity = Severity::Confirmed;
    store.upsert_blocklist(&[a2.clone()]).await.unwrap();
    assert!(store.delete_blocklist(&a.key).await.unwrap());
    assert!(
        store
            .reports()
            .delist(&b.key, "a mistake", &Actor::cli(), 2_000_000_000)
            .await
            .unwrap()
    );
    // A merge lists a third key.
    let c = entry("domain:c.example", Severity::Confirmed, 2);
    let c2 = c.clone();
    store
        .merge_blocklist(std::slice::from_ref(&c.key), &mut |_, _| Some(c2.clone()))
        .await
        .unwrap();

    let log = store.feed_log();
    let all = log.feed_page(&FeedQuery::default(), 100).await.unwrap();
    let summary: Vec<(&str, bool, Option<&str>)> = all
        .iter()
        .map(|r| (r.entry.key.as_str(), r.revoked, r.reason.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("domain:a.example", false, None),
            ("domain:b.example", false, None),
            ("domain:a.example", false, None),
            ("domain:a.example", true, Some("removed")),
            ("domain:b.example", true, Some("delisted")),
            ("domain:c.example", false, None),
        ]
    );
    assert_eq!(all[2].entry, a2);
    assert_eq!(all[3].entry, a2, "a removal keeps the entry as it was");
    // Strictly rising date_added on one writer.
    assert!(all.windows(2).all(|w| w[0].added_at < w[1].added_at));

    // Keyset pages of two cover the log exactly once.
    let mut seen = Vec::new();
    let mut q = FeedQuery::default();
    loop {
        let page = log.feed_page(&q, 2).await.unwrap();
        let Some(last) = page.last() else { break };
        q.after = Some(last.cursor());
        seen.extend(page.into_iter().map(|r| r.seq));
    }
    assert_eq!(seen, all.iter().map(|r| r.seq).collect::<Vec<_>>());

    // Many pages read at once (SQLite reads them a few at a time on connections of its
    // own): every reader gets the whole log.
    let mut readers = tokio::task::JoinSet::new();
    for _ in 0..24 {
        let store = std::sync::Arc::clone(&store);
        readers.spawn(async move { store.feed_log().feed_page(&FeedQuery::default(), 100).await });
    }
    while let Some(page) = readers.join_next().await {
        assert_eq!(page.unwrap().unwrap(), all);
    }

    // added_after: strictly after a version's date_added.
    let after = FeedQuery {
        after: Some(FeedCursor::after_time(all[2].added_at)),
        ..FeedQuery::default()
    };
    assert_eq!(log.feed_page(&after, 100).await.unwrap(), all[3..].to_vec());
    let before = FeedQuery {
        before: Some(all[2].added_at),
        ..FeedQuery::default()
    };
    assert_eq!(
        log.feed_page(&before, 100).await.unwrap(),
        all[..2].to_vec()
    );

    // Retractions only.
    let revoked = FeedQuery {
        revoked_only: true,
        ..FeedQuery::default()
    };
    assert_eq!(
        log.feed_page(&revoked, 100).await.unwrap(),
        all[3..5].to_vec()
    );

    // An object's versions by its STIX id.
    let versions = log
        .feed_object(&feeds::stix::indicator_id(&a.key))
        .await
        .unwrap();
    assert_eq!(
        versions,
        vec![all[0].clone(), all[2].clone(), all[3].clone()]
    );
    assert!(log.feed_object("indicator--none").await.unwrap().is_empty());

    // The days walk: first and last times.
    assert_eq!(log.feed_next_time(0).await.unwrap(), Some(all[0].added_at));
    assert_eq!(
        log.feed_last_time(i64::MAX).await.unwrap(),
        Some(all[5].added_at)
    );
    assert_eq!(log.feed_next_time(all[5].added_at + 1).await.unwrap(), None);
    // Backfilling again does nothing (done when the store was first opened).
    assert_eq!(log.backfill_feed_log(0).await.unwrap(), 0);
}

/// The `UPDATE`s of migration 0014 (which fill `object_hash` for the rows written
/// before it), comments left out.
fn migration_0014_updates(db: &TestDb) -> Vec<String> {
    let sql = match db.backend() {
        store::Backend::Sqlite => include_str!("../../migrations/sqlite/0014_feed_object_hash.sql"),
        store::Backend::Postgres => {
            include_str!("../../migrations/postgres/0014_feed_object_hash.sql")
        }
    };
    let code: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    code.split(';')
        .map(str::trim)
        .filter(|s| s.starts_with("UPDATE"))
        .map(str::to_owned)
        .collect()
}

async fn migration_0014_hashes_object_ids_as_the_store_does(db: TestDb) {
    let store = db.open().await;
    let entries: Vec<_> = (0..32)
        .map(|i| entry(&format!("domain:k{i}.example"), Severity::Suspected, 1))
        .collect();
    store.upsert_blocklist(&entries).await.unwrap();
    // Both signs occur, so the unsigned-to-signed step is exercised.
    assert!(
        db.scalar("SELECT count(*) FROM feed_log WHERE object_hash < 0")
            .await
            > 0
    );
    assert!(
        db.scalar("SELECT count(*) FROM feed_log WHERE object_hash > 0")
            .await
            > 0
    );
    // As a database migrated before 0014 has them: no hashes; then the migration's
    // updates.
    db.exec("UPDATE feed_log SET object_hash = 0").await;
    let updates = migration_0014_updates(&db);
    assert!(!updates.is_empty());
    for update in updates {
        db.exec(&update).await;
    }
    let log = store.feed_log();
    for e in &entries {
        let id = feeds::stix::indicator_id(&e.key);
        let versions = log.feed_object(&id).await.unwrap();
        assert_eq!(versions.len(), 1, "{id}");
        assert_eq!(versions[0].entry.key, e.key);
    }
}

//! The operator's allowlist on both engines: entries are added with their audit record in
//! one transaction, keep who vouched for them first, are listed by key, are removed with
//! an audit record naming the removed row, and every change raises `gen:allowlist`.

use store::allowlist::AllowEntry;
use store::changes::Generations;
use store::reports::Actor;

use crate::TestDb;

both_engines!(
    allowlist_entries_are_audited_listed_and_removed,
    allowlist_refuses_entries_without_a_voucher
);

fn entry(key: &str, by: &str, at: i64) -> AllowEntry {
    AllowEntry {
        key: key.into(),
        added_by: by.into(),
        source: "partners.txt".into(),
        note: "our partners' own sites".into(),
        added_at: at,
    }
}

async fn allowlist_entries_are_audited_listed_and_removed(db: TestDb) {
    let store = db.open().await;
    let allow = store.allowlist();
    let gen0 = Generations::read(store.as_ref()).await.unwrap();
    let counts = allow
        .add_allowlist(
            &[
                entry("domain:partner-one.org", "alice", 100),
                entry("x:partnerhandle", "alice", 100),
            ],
            &Actor::cli(),
            r#"{"file":"partners.txt"}"#,
        )
        .await
        .unwrap();
    assert_eq!((counts.added, counts.unchanged), (2, 0));
    let gen1 = Generations::read(store.as_ref()).await.unwrap();
    assert!(gen1.allowlist > gen0.allowlist, "{gen1:?}");
    assert!(gen1.index_changed(&gen0));
    assert_eq!(gen1.blocklist, gen0.blocklist);

    // Listed again by someone else: the first voucher stays.
    let counts = allow
        .add_allowlist(
            &[entry("domain:partner-one.org", "bob", 200)],
            &Actor::cli(),
            "{}",
        )
        .await
        .unwrap();
    assert_eq!((counts.added, counts.unchanged), (0, 1));
    let listed = allow.list_allowlist().await.unwrap();
    assert_eq!(
        listed,
        vec![
            entry("domain:partner-one.org", "alice", 100),
            entry("x:partnerhandle", "alice", 100)
        ]
    );

    let removed = allow
        .remove_allowlist(
            "domain:partner-one.org",
            &Actor::cli(),
            "no longer a partner",
            300,
        )
        .await
        .unwrap();
    assert_eq!(removed, Some(entry("domain:partner-one.org", "alice", 100)));
    assert_eq!(
        allow
            .remove_allowlist("domain:partner-one.org", &Actor::cli(), "again", 301)
            .await
            .unwrap(),
        None
    );
    assert_eq!(allow.list_allowlist().await.unwrap().len(), 1);
    let gen2 = Generations::read(store.as_ref()).await.unwrap();
    assert!(gen2.allowlist > gen1.allowlist, "{gen2:?}");

    // Every change has its record, newest first; the removal names the removed row.
    let log = store.reports().audit_log(None, 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["allowlist.remove", "allowlist.add", "allowlist.add"]
    );
    let removal = &log[0];
    assert_eq!(removal.target.as_deref(), Some("domain:partner-one.org"));
    let detail: serde_json::Value =
        serde_json::from_str(removal.detail.as_deref().unwrap()).unwrap();
    assert_eq!(detail["reason"], "no longer a partner");
    assert_eq!(detail["added_by"], "alice");
    assert_eq!(log[2].target.as_deref(), Some("partners.txt"));
    assert_eq!(log[2].role, "cli");
}

async fn allowlist_refuses_entries_without_a_voucher(db: TestDb) {
    let store = db.open().await;
    let allow = store.allowlist();
    for bad in [entry("domain:a.org", " ", 1), entry("", "alice", 1)] {
        let err = allow
            .add_allowlist(&[bad], &Actor::cli(), "{}")
            .await
            .unwrap_err();
        assert!(matches!(err, store::StoreError::InvalidInput(_)), "{err}");
    }
    // Nothing was written, not even an audit record.
    assert!(allow.list_allowlist().await.unwrap().is_empty());
    assert!(
        store
            .reports()
            .audit_log(None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

//! SQLite backup and restore (issue 10): the copy holds what was committed, restore
//! checks the backup and never replays a stray WAL into the restored file.

use crate::unique_name;

#[tokio::test]
async fn backup_then_restore_over_a_stray_wal_only_with_force() {
    let dir = std::env::temp_dir().join(unique_name("antiscam_backup"));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("a.db");
    let store = store::open(&format!("sqlite:{}", db.display()))
        .await
        .unwrap();
    store.set_meta("before", "1").await.unwrap();
    let copy = dir.join("copy.db");
    let info = store::backup::backup_sqlite(&db, &copy).unwrap();
    assert!(info.migration >= 5 && info.bytes > 0);
    store.close().await;
    drop(store);
    assert!(
        store::backup::backup_sqlite(&db, &copy).is_err(),
        "never overwrites"
    );

    // A -wal without its database (another database's, say) blocks a plain restore.
    let target = dir.join("b.db");
    std::fs::write(dir.join("b.db-wal"), vec![1u8; 4096]).unwrap();
    let e = store::backup::restore_sqlite(&copy, &target, false, 7).unwrap_err();
    assert!(e.to_string().contains("--force"), "{e}");
    let done = store::backup::restore_sqlite(&copy, &target, true, 7).unwrap();
    assert!(done.replaced.is_some());
    assert!(dir.join("b.db.replaced-7-wal").exists());
    let restored = store::open(&format!("sqlite:{}", target.display()))
        .await
        .unwrap();
    assert_eq!(
        restored.get_meta("before").await.unwrap().as_deref(),
        Some("1")
    );
    restored.close().await;

    // Not a database: refused.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert!(store::backup::check_backup(&junk).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

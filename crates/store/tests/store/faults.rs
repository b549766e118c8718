//! Faults: a full disk under a SQLite store. The database lives on a small tmpfs that
//! the test mounts (it needs root, as in CI); the disk is filled, writes fail with a
//! clear error, space is freed, and the same store (no restart) writes again with every
//! acknowledged write still there.
//!
//! Where the tmpfs cannot be mounted the test prints why and passes, except in CI
//! (`CI=true`), where it fails: a skipped fault test there would hide a regression.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use reports::Policy;
use sqlx::{Connection, SqliteConnection};
use store::reports::{NewReport, ReportedIndicator};

use crate::unique_name;

/// A tmpfs mounted for one test, unmounted (and its directory removed) on drop.
pub(crate) struct Tmpfs {
    pub(crate) dir: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. `"4m"`), or says why not: `None` means skip.
    pub(crate) fn mount(size: &str) -> Option<Tmpfs> {
        let dir = std::env::temp_dir().join(unique_name("antiscam_tmpfs"));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return skip(&format!("cannot create {}: {e}", dir.display()));
        }
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(&dir)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { dir }),
            Ok(o) => {
                let _ = std::fs::remove_dir(&dir);
                skip(&format!(
                    "mount -t tmpfs failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ))
            }
            Err(e) => {
                let _ = std::fs::remove_dir(&dir);
                skip(&format!("cannot run mount: {e}"))
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// Skips with a message, or fails in CI.
fn skip(why: &str) -> Option<Tmpfs> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the disk-full test cannot run in CI: {why}");
    }
    println!("skipped the disk-full test (it mounts a tmpfs, which needs root): {why}");
    None
}

/// Fills the file system holding `dir` with a file of zeros until it is full.
pub(crate) fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    loop {
        match file.write(&block) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.raw_os_error(), Some(28), "expected ENOSPC: {e}");
                break;
            }
        }
    }
    // Whatever a partial block left.
    let _ = file.write_all(&[0u8; 1]);
    path
}

fn big_report(n: usize) -> NewReport {
    NewReport {
        reference: format!("R-{n:06}"),
        received_at: 1_750_000_000 + n as i64,
        reporter: [7; 32],
        reporter_key: 1,
        indicators: vec![ReportedIndicator {
            key: format!("domain:evil-{n}.example"),
            official: false,
            votes: true,
        }],
        // Incompressible-ish text so every report needs new pages.
        text: Some(format!("{n:08}-").repeat(500)),
        channel: Some("sms".into()),
        region: Some("HK".into()),
        loss_amount: None,
        loss_asset: None,
        occurred_at: None,
        contact: None,
    }
}

const POLICY: Policy = Policy {
    threshold: 3,
    suspected_ttl: 1_000,
    confirmed_ttl: 10_000,
    window: 1_000_000,
};

#[tokio::test]
async fn a_full_disk_fails_writes_clearly_and_the_store_recovers_without_restart() {
    let Some(fs) = Tmpfs::mount("3m") else {
        return;
    };
    let path = fs.dir.join("antiscam.db");
    let store = store::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let mut acknowledged = Vec::new();
    for n in 0..10 {
        let report = big_report(n);
        store
            .reports()
            .insert_reports(std::slice::from_ref(&report), &POLICY)
            .await
            .unwrap();
        acknowledged.push(report.reference);
    }
    assert!(store.probe_write().await.is_ok());

    let filler = fill(&fs.dir);
    // Write until the disk refuses (the WAL may still have room for a few pages).
    let mut failure = None;
    for n in 10..2_000 {
        let report = big_report(n);
        match store
            .reports()
            .insert_reports(std::slice::from_ref(&report), &POLICY)
            .await
        {
            Ok(_) => acknowledged.push(report.reference),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let failure = failure.expect("a write fails on a full disk");
    assert!(
        failure.to_string().contains("full"),
        "the error says the disk is full: {failure}"
    );
    assert!(failure.is_fault(), "{failure:?} is a fault");
    // Other kinds of writes fail too, and the probe says why.
    let probe = store.probe_write().await;
    assert!(probe.is_err(), "the write probe fails on a full disk");
    let mut other_failures = 0;
    for n in 0..20 {
        if store
            .set_meta(&format!("filler_{n}"), &"x".repeat(8_000))
            .await
            .is_err()
        {
            other_failures += 1;
        }
    }
    assert!(other_failures > 0, "meta writes fail on a full disk");

    std::fs::remove_file(&filler).unwrap();

    // The same store writes again: no "non-zero transaction depth", no restart.
    store.probe_write().await.unwrap();
    for n in 5_000..5_010 {
        let report = big_report(n);
        store
            .reports()
            .insert_reports(std::slice::from_ref(&report), &POLICY)
            .await
            .unwrap();
        acknowledged.push(report.reference);
    }
    store.set_meta("after", "ok").await.unwrap();
    store
        .upsert_blocklist(&[crate::entry(
            "domain:after.example",
            blocklist::Severity::Suspected,
            1,
        )])
        .await
        .unwrap();
    store
        .campaigns()
        .record_screening(&crate::screening("scr_after", 3, 1_750_000_000, None))
        .await
        .unwrap();

    // Every acknowledged report is there, read by a fresh process's connection.
    store.close().await;
    drop(store);
    let reopened = store::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    reopened.close().await;
    let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT reference FROM reports")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    for reference in &acknowledged {
        assert!(
            stored.contains(reference),
            "acknowledged report {reference} is stored"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn database_files_are_private_and_an_old_readable_one_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(unique_name("antiscam_private"));
    let path = dir.join("antiscam.db");
    let url = format!("sqlite:{}", path.display());
    let mode = |suffix: &str| {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777
    };
    let store = store::open(&url).await.unwrap();
    store.set_meta("k", "v").await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        assert_eq!(mode(suffix), 0o600, "antiscam.db{suffix}");
    }
    store.close().await;
    drop(store);
    // A database made world-readable (as older versions created it) is tightened.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = store::open(&url).await.unwrap();
    assert_eq!(mode(""), 0o600);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn the_write_probe_writes(db: crate::TestDb) {
    let store = db.open().await;
    store.probe_write().await.unwrap();
    assert!(store.get_meta(store::HEALTH_PROBE).await.unwrap().is_some());
    store.close().await;
}

mod sqlite {
    #[tokio::test]
    async fn the_write_probe_writes() {
        crate::with_sqlite(super::the_write_probe_writes).await;
    }
}
mod postgres {
    #[tokio::test]
    async fn the_write_probe_writes() {
        crate::with_postgres("the_write_probe_writes", super::the_write_probe_writes).await;
    }
}

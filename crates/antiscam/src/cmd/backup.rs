//! `antiscam backup` and `antiscam restore`: a consistent copy of a running SQLite
//! database, and putting one back (see `store::backup` and docs/OPERATIONS.md).

use std::path::PathBuf;

use anyhow::Context;
use store::reports::Actor;

use crate::config::Config;

/// Copy the database, consistently, while the server runs.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy (created 0600; must not exist).
    path: PathBuf,
}

/// Restore a backup as the configured database (`--database`).
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup file written by `antiscam backup`.
    backup: PathBuf,
    /// Replace an existing database (it must not be in use; it is kept beside the
    /// restored one as `PATH.replaced-<time>`).
    #[arg(long)]
    force: bool,
}

/// Runs `antiscam backup`.
pub fn backup(config: &Config, args: BackupArgs) -> anyhow::Result<()> {
    let db = store::backup::sqlite_file(&config.database_url)?;
    let info = store::backup::backup_sqlite(&db, &args.path)
        .with_context(|| format!("cannot back up {} to {}", db.display(), args.path.display()))?;
    // The operator's action is audited in the database that was copied.
    audit(config, "backup", &args.path, &info)?;
    println!(
        "{}: {} bytes, migration {}, integrity ok",
        args.path.display(),
        info.bytes,
        info.migration
    );
    Ok(())
}

/// Runs `antiscam restore`.
pub fn restore(config: &Config, args: RestoreArgs) -> anyhow::Result<()> {
    let target = store::backup::sqlite_file(&config.database_url)?;
    let restored = store::backup::restore_sqlite(&args.backup, &target, args.force, super::now())
        .with_context(|| {
        format!(
            "cannot restore {} to {}",
            args.backup.display(),
            target.display()
        )
    })?;
    if let Some(old) = &restored.replaced {
        eprintln!(
            "antiscam: the replaced database is kept as {}",
            old.display()
        );
    }
    // Opening applies any migration the backup lacks, then records the restore.
    audit(config, "restore", &args.backup, &restored.info)?;
    println!(
        "{}: restored from {} (migration {})",
        target.display(),
        args.backup.display(),
        restored.info.migration
    );
    Ok(())
}

fn audit(
    config: &Config,
    action: &str,
    file: &std::path::Path,
    info: &store::backup::BackupInfo,
) -> anyhow::Result<()> {
    super::runtime()?.block_on(async {
        let store = store::open(&config.database_url)
            .await
            .context("cannot open the database to audit the action")?;
        let detail = serde_json::json!({
            "file": file.display().to_string(),
            "bytes": info.bytes,
            "migration": info.migration,
        })
        .to_string();
        store
            .reports()
            .append_audit(&Actor::cli(), action, None, Some(&detail), super::now())
            .await?;
        store.close().await;
        anyhow::Ok(())
    })
}

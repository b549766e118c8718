//! `antiscam backup` and `antiscam restore`: a consistent copy of a running SQLite
//! database, and putting one back (see `service::install::backup` and docs/OPERATIONS.md).

use std::path::PathBuf;

use anyhow::Context;
use service::install::{Backup, backup as files};
use service::{Clock, Principal};

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
    let db = files::sqlite_file(&config.database_url)?;
    let info = files::backup_sqlite(&db, &args.path)
        .with_context(|| format!("cannot back up {} to {}", db.display(), args.path.display()))?;
    // The operator's action is audited in the database that was copied.
    audit(config, Backup::Made, &args.path, &info)?;
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
    let target = files::sqlite_file(&config.database_url)?;
    let restored = files::restore_sqlite(
        &args.backup,
        &target,
        args.force,
        service::SystemClock.now(),
    )
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
    audit(config, Backup::Restored, &args.backup, &restored.info)?;
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
    action: Backup,
    file: &std::path::Path,
    info: &files::BackupInfo,
) -> anyhow::Result<()> {
    super::runtime()?.block_on(async {
        let service = crate::data::open_reader(config)
            .await
            .context("cannot open the database to audit the action")?;
        service
            .audit_backup(&Principal::Operator, action, file, info)
            .await?;
        service.close().await;
        anyhow::Ok(())
    })
}

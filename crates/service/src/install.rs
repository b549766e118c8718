//! An installation's store: opening it (created and migrated), and moving a SQLite
//! installation into PostgreSQL (`antiscam migrate-store`). The adapters name the
//! store only through these.

use std::sync::Arc;

pub use store::transfer::TableCopy;
pub use store::{Store, StoreError};

/// Opens (creating and migrating) the store at `url`: `sqlite:PATH` or
/// `postgres://…`.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    store::open(url).await
}

/// Copies a SQLite installation (`from`, which must exist) into an empty PostgreSQL
/// database (`to`), in one transaction; every table's row count and checksum are
/// compared at the end. `progress` is told each table as it is copied.
pub async fn migrate_store(
    from: &str,
    to: &str,
    progress: &mut (dyn FnMut(&TableCopy) + Send),
) -> Result<Vec<TableCopy>, StoreError> {
    store::transfer::sqlite_to_postgres(from, to, progress).await
}

/// Consistent copies of a SQLite database, and putting one back (`antiscam backup`,
/// `antiscam restore`; see docs/OPERATIONS.md). Both work on the file, whether or not
/// a server runs on it; [`Service::audit_backup`] records them in the database.
pub mod backup {
    pub use store::backup::{
        BackupInfo, Restored, backup_sqlite, check_backup, restore_sqlite, sqlite_file,
    };
}

impl crate::Service {
    /// Records in the audit log a backup or a restore the operator made (`action`:
    /// `backup` or `restore`) of `file`.
    pub async fn audit_backup(
        &self,
        by: &crate::Principal,
        action: Backup,
        file: &std::path::Path,
        info: &backup::BackupInfo,
    ) -> crate::Result<()> {
        by.require(&[store::Role::Admin])?;
        let detail = serde_json::json!({
            "file": file.display().to_string(),
            "bytes": info.bytes,
            "migration": info.migration,
        })
        .to_string();
        self.store
            .reports()
            .append_audit(
                &by.actor(),
                action.as_str(),
                None,
                Some(&detail),
                self.now(),
            )
            .await?;
        Ok(())
    }
}

/// What the operator did with a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// Wrote one.
    Made,
    /// Restored one.
    Restored,
}

impl Backup {
    /// The audit action.
    pub fn as_str(self) -> &'static str {
        match self {
            Backup::Made => "backup",
            Backup::Restored => "restore",
        }
    }
}

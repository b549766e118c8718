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

//! Backup and restore of a SQLite database, safe while a server runs on it.
//!
//! **Backup** ([`backup_sqlite`]) runs `VACUUM INTO` on a connection of its own. That is
//! one read transaction: the copy is the database as of the moment it started, so it
//! holds every write committed (hence acknowledged: the store answers only after the
//! commit) before the command started, and writers are not blocked meanwhile (WAL).
//! A plain file copy is not a backup: committed writes may still be in the `-wal`
//! file, and a copy taken mid-checkpoint is torn.
//!
//! The copy is written to `DEST.partial` (created 0600), synced, checked
//! ([`check_backup`]: `PRAGMA integrity_check` and the migrations table), and only
//! then renamed to `DEST`; an existing `DEST` is never overwritten.
//!
//! **Restore** ([`restore_sqlite`]) checks the backup the same way, refuses a target
//! that exists unless forced, and refuses a forced one that a process still has open
//! (an exclusive lock cannot be taken). The replaced database, with its `-wal` and
//! `-shm`, is kept beside it as `TARGET.replaced-<unix time>`: a stale `-wal` left next
//! to the restored file would otherwise be replayed into it.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`): see docs/OPERATIONS.md.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;

/// What a checked backup holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupInfo {
    /// The newest migration applied to it.
    pub migration: i64,
    /// Its size, in bytes.
    pub bytes: u64,
}

fn io(what: &'static str) -> impl Fn(std::io::Error) -> StoreError {
    move |source| StoreError::Io { what, source }
}

fn invalid(message: impl Into<String>) -> StoreError {
    StoreError::InvalidInput(message.into())
}

/// The file of a `sqlite:` URL; an error for PostgreSQL or an in-memory database.
pub fn sqlite_file(url: &str) -> Result<PathBuf, StoreError> {
    match crate::sqlite::parse_url(url) {
        Ok(crate::sqlite::Location::File(path)) => Ok(path),
        Ok(crate::sqlite::Location::Memory) => Err(invalid(
            "an in-memory database cannot be backed up or restored",
        )),
        Err(_) if url.starts_with("postgres") => Err(invalid(
            "this is a PostgreSQL database: use pg_dump and pg_restore (docs/OPERATIONS.md)",
        )),
        Err(e) => Err(e),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the database at `db` to `dest` (which must not exist), consistently while
/// other processes read and write it, and checks the copy.
pub fn backup_sqlite(db: &Path, dest: &Path) -> Result<BackupInfo, StoreError> {
    if !db.exists() {
        return Err(invalid(format!("there is no database at {}", db.display())));
    }
    if dest.exists() {
        return Err(invalid(format!(
            "{} exists: a backup never overwrites a file",
            dest.display()
        )));
    }
    let partial = with_suffix(dest, ".partial");
    // A leftover of an interrupted backup is ours to replace.
    let _ = std::fs::remove_file(&partial);
    crate::files::create_private(&partial, false).map_err(io("the backup file"))?;
    let result = (|| {
        let source = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        source.busy_timeout(Duration::from_secs(30))?;
        let target = partial
            .to_str()
            .ok_or_else(|| invalid("the backup path is not UTF-8"))?;
        source.execute("VACUUM INTO ?1", [target])?;
        drop(source);
        // VACUUM INTO does not sync its output: do it before calling it a backup.
        std::fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(io("the backup file"))?;
        let info = check_backup(&partial)?;
        std::fs::rename(&partial, dest).map_err(io("the backup file"))?;
        sync_parent(dest);
        Ok(info)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Syncs the directory holding `path`, so a rename survives a crash. Best effort.
fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
}

/// Checks that `path` is a usable antiscam SQLite database: it opens, `PRAGMA
/// integrity_check` answers `ok`, and it has the migrations table, with no migration
/// newer than this build knows.
pub fn check_backup(path: &Path) -> Result<BackupInfo, StoreError> {
    let bytes = std::fs::metadata(path)
        .map_err(io("the backup file"))?
        .len();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let not_a_db = |_| invalid(format!("{} is not a SQLite database", path.display()));
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(not_a_db)?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!(
            "the backup fails SQLite's integrity check: {check}"
        )));
    }
    let migration: Option<i64> = conn
        .query_row(
            "SELECT max(version) FROM _sqlx_migrations WHERE success",
            [],
            |r| r.get(0),
        )
        .map_err(|_| invalid("the file is a SQLite database but not an antiscam one"))?;
    let migration = migration.ok_or_else(|| invalid("the database has no applied migration"))?;
    let known = crate::sqlite::latest_migration();
    if migration > known {
        return Err(invalid(format!(
            "the backup has migration {migration}; this build knows up to {known}: \
             restore it with a newer antiscam"
        )));
    }
    Ok(BackupInfo { migration, bytes })
}

/// What [`restore_sqlite`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup's content.
    pub info: BackupInfo,
    /// Where the replaced database was moved, if there was one.
    pub replaced: Option<PathBuf>,
}

/// Restores `backup` as the database at `target`. A `target` that exists is refused
/// unless `force`; a forced one must not be open in any process.
pub fn restore_sqlite(
    backup: &Path,
    target: &Path,
    force: bool,
    now: i64,
) -> Result<Restored, StoreError> {
    let info = check_backup(backup)?;
    // A `-wal` or `-shm` left without its database counts: it would be replayed into
    // the restored file.
    let exists = ["", "-wal", "-shm"]
        .iter()
        .any(|suffix| with_suffix(target, suffix).exists());
    if exists && !force {
        return Err(invalid(format!(
            "{} exists: restore into a new path, or pass --force to replace it \
             (the current one is kept beside it)",
            target.display()
        )));
    }
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(io("the database directory"))?;
    }
    // Copy first, under a temporary name, so that a failure leaves the target as it was.
    let staged = with_suffix(target, ".restoring");
    let _ = std::fs::remove_file(&staged);
    {
        let mut out =
            crate::files::create_private(&staged, false).map_err(io("the restored database"))?;
        let mut input = std::fs::File::open(backup).map_err(io("the backup file"))?;
        std::io::copy(&mut input, &mut out).map_err(io("the restored database"))?;
        out.sync_all().map_err(io("the restored database"))?;
    }
    let mut replaced = None;
    let result = (|| {
        // Held until the files are swapped: no process can open the old one meanwhile.
        let _lock = if target.exists() {
            Some(lock_exclusively(target)?)
        } else {
            None
        };
        if exists {
            let aside = with_suffix(target, &format!(".replaced-{now}"));
            for suffix in ["-wal", "-shm", ""] {
                let from = with_suffix(target, suffix);
                if from.exists() {
                    std::fs::rename(&from, with_suffix(&aside, suffix))
                        .map_err(io("the replaced database"))?;
                }
            }
            replaced = Some(aside);
        }
        std::fs::rename(&staged, target).map_err(io("the restored database"))?;
        sync_parent(target);
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&staged);
        return Err(e);
    }
    Ok(Restored { info, replaced })
}

/// Takes an exclusive lock on the database, which fails while any other connection
/// (a running server, a command) has it open in WAL mode.
fn lock_exclusively(path: &Path) -> Result<Connection, StoreError> {
    let in_use = || {
        invalid(format!(
            "{} is in use by another process: stop the server first",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::ZERO)?;
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE")
        .map_err(|_| in_use())?;
    // In exclusive locking mode the lock taken here is kept after the commit, and in
    // WAL mode it cannot be taken while another connection has the database open.
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|_| in_use())?;
    // Fold the WAL into the old file and leave WAL mode while nobody else can look:
    // the replaced database is then one self-contained file, and closing this
    // connection later cannot delete a `-wal` by name that belongs to the restored one.
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    Ok(conn)
}

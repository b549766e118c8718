//! Files the store creates beside the database, private to the owner (mode 0600):
//! the database itself (SQLite then creates its `-wal` and `-shm` files with the
//! database file's permissions), the write probe, backups.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` readable and writable by its owner only. With `truncate`, an
/// existing file is emptied; without, an existing file is an error
/// (`AlreadyExists`), so a backup never overwrites by accident.
pub(crate) fn create_private(path: &Path, truncate: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    if truncate {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // The mode above is filtered by the umask and ignored for an existing file.
    set_private(path)?;
    Ok(file)
}

/// Makes an existing file private (0600) if it was readable or writable by the group
/// or others; returns whether it changed anything.
pub(crate) fn set_private(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
            return Ok(true);
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(false)
}

/// Creates the SQLite database file private if it is missing, and makes the database
/// and its `-wal` and `-shm` files private if they exist with wider permissions (a
/// database created by an older version was world-readable).
pub(crate) fn prepare_database_file(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Not `create_new`: another process may create it at the same moment.
            let mut options = OpenOptions::new();
            options.write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            options.open(path)?;
        }
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let file = Path::new(&file);
        match set_private(file) {
            Ok(true) => tracing::warn!(
                file = %file.display(),
                "the database file was readable by other users; it is now private (0600)"
            ),
            Ok(false) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

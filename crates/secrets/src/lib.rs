//! The deployment's secrets, kept out of the database: the keys that pseudonymize
//! reporters ([`Purpose::Reporter`]) and exchange users ([`Purpose::User`]), and the
//! Ed25519 seed that signs the published registry ([`Purpose::Signing`]).
//!
//! # Where they live
//!
//! Either in a **key file** (TOML, created with mode 0600 on first start, refused when
//! the group or others may read it), by default `antiscam.keys` beside the SQLite
//! database, or in the **environment**: [`ENV_VAR`] (`ANTISCAM_SECRETS`) holding the
//! same TOML text, for deployments whose secret store injects variables. Never in the
//! database: whoever reads a database file or a backup of it must not be able to
//! reverse the pseudonyms (reporter addresses are few enough to brute-force given the
//! key) or sign a registry.
//!
//! ```toml
//! [[reporter]]
//! id = 1
//! key = "…64 hex digits…"
//! created_at = 1765000000
//!
//! [[reporter]]          # after `antiscam secrets rotate reporter`
//! id = 2
//! key = "…"
//! created_at = 1766000000
//! # the older key gets: retired_at = 1766000000
//! ```
//!
//! # Key rings and rotation
//!
//! Each purpose has a [`KeyRing`]: exactly one current key and any number of retired
//! ones, each with a small id. Rotation adds a new current key and marks the old one
//! retired; it is never deleted, because stored pseudonyms carry the id of the key
//! that made them and lookups compute a person's pseudonym under every key of the ring
//! to find them again (so a user keeps a holdout arm and a reporter still counts once).
//!
//! [`Secrets`] never prints a secret: its `Debug` shows key ids only.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// The environment variable that may hold the whole key file (TOML).
pub const ENV_VAR: &str = "ANTISCAM_SECRETS";
/// The key file's default name, beside the database.
pub const DEFAULT_FILE_NAME: &str = "antiscam.keys";
/// Length of every key, in bytes.
pub const KEY_BYTES: usize = 32;

/// What a key is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// HMAC key of reporter pseudonyms (public reports and disputes).
    Reporter,
    /// HMAC key of exchange user pseudonyms (withdrawal screening).
    User,
    /// Ed25519 seed of the registry signature.
    Signing,
}

impl Purpose {
    /// Every purpose.
    pub const ALL: [Purpose; 3] = [Purpose::Reporter, Purpose::User, Purpose::Signing];

    /// The name in the key file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Reporter => "reporter",
            Purpose::User => "user",
            Purpose::Signing => "signing",
        }
    }

    /// Parses [`Purpose::as_str`].
    pub fn parse(name: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The database `meta` key where versions before the key file kept this secret
    /// (hex); read once to move it out, then deleted.
    pub fn legacy_meta_key(self) -> &'static str {
        match self {
            Purpose::Reporter => "reporter_hmac_key",
            Purpose::User => "pseudonym_key",
            Purpose::Signing => "registry_signing_key",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why secrets could not be loaded, created or saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsError {
    /// Reading or writing the key file failed.
    #[error("cannot {action} the key file {path}: {source}")]
    Io {
        /// "read", "create", "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The key file may be read by other users.
    #[error(
        "the key file {path} can be read or written by other users (mode {mode:o}): \
         run `chmod 600 {path}` (and consider its secrets exposed)"
    )]
    NotPrivate {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The text is not a valid key file; the message says where.
    #[error("invalid key file{where_}: {message}")]
    Invalid {
        /// `" PATH"` or `" in ANTISCAM_SECRETS"`.
        where_: String,
        /// What is wrong (never a secret).
        message: String,
    },
    /// The system has no randomness to draw a key from.
    #[error("no randomness for a new key: {0}")]
    Random(String),
    /// Another process created the key file first (see [`Secrets::save_new`]).
    #[error("the key file {0} was created by another process meanwhile")]
    CreatedMeanwhile(PathBuf),
    /// Secrets from the environment cannot be changed by this process.
    #[error(
        "the secrets come from {ENV_VAR}: rotate by changing that variable \
         (`antiscam secrets generate` prints a fresh key file)"
    )]
    FromEnvironment,
}

/// One key: its id, the secret, and when it was created and retired.
#[derive(Clone)]
pub struct Key {
    id: u16,
    secret: Zeroizing<[u8; KEY_BYTES]>,
    created_at: i64,
    retired_at: Option<i64>,
}

impl Key {
    /// The key's id, unique in its ring, stored beside what it made.
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The secret bytes.
    pub fn secret(&self) -> &[u8; KEY_BYTES] {
        &self.secret
    }

    /// Creation time, Unix seconds.
    pub fn created_at(&self) -> i64 {
        self.created_at
    }

    /// Retirement time, Unix seconds; `None` for the current key.
    pub fn retired_at(&self) -> Option<i64> {
        self.retired_at
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("retired_at", &self.retired_at)
            .finish()
    }
}

/// The keys of one purpose: one current, the others retired, ordered by id.
#[derive(Clone, Debug)]
pub struct KeyRing {
    keys: Vec<Key>,
}

impl KeyRing {
    /// A ring of one fresh key (id 1).
    fn fresh(now: i64) -> Result<KeyRing, SecretsError> {
        Ok(KeyRing {
            keys: vec![Key {
                id: 1,
                secret: random_key()?,
                created_at: now,
                retired_at: None,
            }],
        })
    }

    /// The key new pseudonyms and signatures use.
    pub fn current(&self) -> &Key {
        // Validation keeps exactly one unretired key; the last is the newest.
        self.keys
            .iter()
            .rev()
            .find(|k| k.retired_at.is_none())
            .unwrap_or_else(|| &self.keys[self.keys.len() - 1])
    }

    /// The retired keys, newest first.
    pub fn retired(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter().rev().filter(|k| k.retired_at.is_some())
    }

    /// Every key, current first, then the retired ones newest first: the order in
    /// which lookups try them.
    pub fn lookup_order(&self) -> impl Iterator<Item = &Key> {
        std::iter::once(self.current()).chain(self.retired())
    }

    /// The key with this id.
    pub fn get(&self, id: u16) -> Option<&Key> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// Every key, by id.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    fn rotate(&mut self, now: i64) -> Result<&Key, SecretsError> {
        let next = self
            .keys
            .iter()
            .map(|k| k.id)
            .max()
            .unwrap_or(0)
            .checked_add(1)
            .ok_or_else(|| SecretsError::Invalid {
                where_: String::new(),
                message: "too many keys in one ring".into(),
            })?;
        let secret = random_key()?;
        for k in &mut self.keys {
            if k.retired_at.is_none() {
                k.retired_at = Some(now);
            }
        }
        self.keys.push(Key {
            id: next,
            secret,
            created_at: now,
            retired_at: None,
        });
        Ok(self.current())
    }
}

/// Where a [`Secrets`] came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A key file; saved back to it.
    File(PathBuf),
    /// The [`ENV_VAR`] variable; read-only.
    Environment,
    /// Generated in memory (tests, simulations); never saved.
    Memory,
}

/// The deployment's secrets: one [`KeyRing`] per [`Purpose`].
#[derive(Clone)]
pub struct Secrets {
    reporter: KeyRing,
    user: KeyRing,
    signing: KeyRing,
    origin: Origin,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids = |r: &KeyRing| r.keys.iter().map(|k| k.id).collect::<Vec<_>>();
        f.debug_struct("Secrets")
            .field("origin", &self.origin)
            .field("reporter_key_ids", &ids(&self.reporter))
            .field("user_key_ids", &ids(&self.user))
            .field("signing_key_ids", &ids(&self.signing))
            .finish()
    }
}

impl Drop for FileKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.key);
    }
}

/// The key file's layout.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reporter: Vec<FileKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    user: Vec<FileKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signing: Vec<FileKey>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKey {
    id: u16,
    key: String,
    created_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retired_at: Option<i64>,
}

const HEADER: &str = "# antiscam key file: the pseudonymization keys and the registry signing seed.\n\
# Keep it private (mode 0600) and back it up apart from the database: the database\n\
# is useless for linking pseudonyms without it, and pseudonyms cannot be linked\n\
# across a lost key. Rotate with `antiscam secrets rotate reporter|user|signing`.\n\n";

fn random_key() -> Result<Zeroizing<[u8; KEY_BYTES]>, SecretsError> {
    let mut key = Zeroizing::new([0u8; KEY_BYTES]);
    getrandom::fill(key.as_mut()).map_err(|e| SecretsError::Random(e.to_string()))?;
    Ok(key)
}

impl Secrets {
    /// Fresh keys for every purpose, in memory.
    pub fn generate(now: i64) -> Result<Secrets, SecretsError> {
        Ok(Secrets {
            reporter: KeyRing::fresh(now)?,
            user: KeyRing::fresh(now)?,
            signing: KeyRing::fresh(now)?,
            origin: Origin::Memory,
        })
    }

    /// Secrets with the given current keys (id 1 each), in memory: for tests and
    /// simulations that must repeat exactly.
    pub fn from_keys(
        reporter: [u8; KEY_BYTES],
        user: [u8; KEY_BYTES],
        signing: [u8; KEY_BYTES],
    ) -> Secrets {
        let ring = |secret| KeyRing {
            keys: vec![Key {
                id: 1,
                secret: Zeroizing::new(secret),
                created_at: 0,
                retired_at: None,
            }],
        };
        Secrets {
            reporter: ring(reporter),
            user: ring(user),
            signing: ring(signing),
            origin: Origin::Memory,
        }
    }

    /// The ring of a purpose.
    pub fn ring(&self, purpose: Purpose) -> &KeyRing {
        match purpose {
            Purpose::Reporter => &self.reporter,
            Purpose::User => &self.user,
            Purpose::Signing => &self.signing,
        }
    }

    fn ring_mut(&mut self, purpose: Purpose) -> &mut KeyRing {
        match purpose {
            Purpose::Reporter => &mut self.reporter,
            Purpose::User => &mut self.user,
            Purpose::Signing => &mut self.signing,
        }
    }

    /// Where these secrets came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Reads a key file's text. Purposes missing from it get a fresh key (`now`).
    pub fn from_toml(text: &str, origin: Origin, now: i64) -> Result<Secrets, SecretsError> {
        let where_ = match &origin {
            Origin::File(p) => format!(" {}", p.display()),
            Origin::Environment => format!(" in {ENV_VAR}"),
            Origin::Memory => String::new(),
        };
        let invalid = |message: String| SecretsError::Invalid {
            where_: where_.clone(),
            message,
        };
        let parsed: FileFormat = toml::from_str(text).map_err(|e| {
            // toml's message may quote the offending line: a secret. Keep its position.
            let at = e
                .span()
                .map(|s| format!(" (at byte {})", s.start))
                .unwrap_or_default();
            invalid(format!("not a valid key file{at}"))
        })?;
        let ring = |purpose: Purpose, keys: Vec<FileKey>| -> Result<KeyRing, SecretsError> {
            if keys.is_empty() {
                return KeyRing::fresh(now);
            }
            let mut out: Vec<Key> = Vec::with_capacity(keys.len());
            for k in &keys {
                let bytes = Zeroizing::new(
                    hex::decode(k.key.trim())
                        .map_err(|_| invalid(format!("{purpose} key {}: not hex", k.id)))?,
                );
                let secret: [u8; KEY_BYTES] = bytes.as_slice().try_into().map_err(|_| {
                    invalid(format!("{purpose} key {}: not {KEY_BYTES} bytes", k.id))
                })?;
                if k.id == 0 || out.iter().any(|o| o.id == k.id) {
                    return Err(invalid(format!(
                        "{purpose} key ids must be distinct and at least 1 (id {})",
                        k.id
                    )));
                }
                out.push(Key {
                    id: k.id,
                    secret: Zeroizing::new(secret),
                    created_at: k.created_at,
                    retired_at: k.retired_at,
                });
            }
            if out.iter().filter(|k| k.retired_at.is_none()).count() != 1 {
                return Err(invalid(format!(
                    "{purpose} needs exactly one key without retired_at (the current one)"
                )));
            }
            out.sort_by_key(|k| k.id);
            Ok(KeyRing { keys: out })
        };
        Ok(Secrets {
            reporter: ring(Purpose::Reporter, parsed.reporter)?,
            user: ring(Purpose::User, parsed.user)?,
            signing: ring(Purpose::Signing, parsed.signing)?,
            origin,
        })
    }

    /// The key file's text.
    pub fn to_toml(&self) -> String {
        let keys = |ring: &KeyRing| {
            ring.keys
                .iter()
                .map(|k| FileKey {
                    id: k.id,
                    key: hex::encode(k.secret.as_ref()),
                    created_at: k.created_at,
                    retired_at: k.retired_at,
                })
                .collect()
        };
        let file = FileFormat {
            reporter: keys(&self.reporter),
            user: keys(&self.user),
            signing: keys(&self.signing),
        };
        // Serializing plain strings and integers cannot fail.
        let body = toml::to_string(&file).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// The secrets in [`ENV_VAR`], if it is set (and not blank).
    pub fn from_env(now: i64) -> Result<Option<Secrets>, SecretsError> {
        match std::env::var(ENV_VAR) {
            Ok(text) if !text.trim().is_empty() => {
                Secrets::from_toml(&text, Origin::Environment, now).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Reads the key file at `path`; refuses one that others may read.
    pub fn load(path: &Path, now: i64) -> Result<Secrets, SecretsError> {
        check_private(path)?;
        let text =
            Zeroizing::new(
                std::fs::read_to_string(path).map_err(|source| SecretsError::Io {
                    action: "read",
                    path: path.to_owned(),
                    source,
                })?,
            );
        Secrets::from_toml(&text, Origin::File(path.to_owned()), now)
    }

    /// Reads the key file at `path`, or, when there is none, fresh secrets that
    /// [`Secrets::save`] will write there. The flag says whether they are new.
    pub fn load_or_generate(path: &Path, now: i64) -> Result<(Secrets, bool), SecretsError> {
        match std::fs::symlink_metadata(path) {
            Ok(_) => Ok((Secrets::load(path, now)?, false)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut fresh = Secrets::generate(now)?;
                fresh.origin = Origin::File(path.to_owned());
                Ok((fresh, true))
            }
            Err(source) => Err(SecretsError::Io {
                action: "read",
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes a key file that does not exist yet. When another process created it
    /// meanwhile (two commands starting together on a fresh deployment), nothing is
    /// written and the error's kind is `AlreadyExists`: load that file instead, so that
    /// both use the same keys.
    pub fn save_new(&self) -> Result<(), SecretsError> {
        self.write_file(true)
    }

    /// Writes a key file's secrets back to it: a new file (mode 0600) is written,
    /// synced and renamed over the old one, so a crash leaves one or the other.
    pub fn save(&self) -> Result<(), SecretsError> {
        self.write_file(false)
    }

    fn write_file(&self, only_new: bool) -> Result<(), SecretsError> {
        let path = match &self.origin {
            Origin::File(path) => path,
            Origin::Environment => return Err(SecretsError::FromEnvironment),
            Origin::Memory => return Ok(()),
        };
        let io = |action, source| SecretsError::Io {
            action,
            path: path.clone(),
            source,
        };
        let mut staged = path.as_os_str().to_owned();
        // Unique per process: two processes saving at once do not share a staging file.
        staged.push(format!(".new-{}", std::process::id()));
        let staged = PathBuf::from(staged);
        let _ = std::fs::remove_file(&staged);
        let mut file = create_private(&staged).map_err(|e| io("create", e))?;
        let text = Zeroizing::new(self.to_toml());
        let written = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = std::fs::remove_file(&staged);
            return Err(io("write", e));
        }
        drop(file);
        if only_new {
            // A hard link fails if the name exists: an atomic "create if absent".
            let linked = std::fs::hard_link(&staged, path);
            let _ = std::fs::remove_file(&staged);
            linked.map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    SecretsError::CreatedMeanwhile(path.clone())
                } else {
                    io("create", e)
                }
            })?;
        } else {
            std::fs::rename(&staged, path).map_err(|e| io("write", e))?;
        }
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Retires the current key of `purpose` and makes a new one current. Save after.
    pub fn rotate(&mut self, purpose: Purpose, now: i64) -> Result<&Key, SecretsError> {
        if self.origin == Origin::Environment {
            return Err(SecretsError::FromEnvironment);
        }
        self.ring_mut(purpose).rotate(now)
    }

    /// Takes a secret that an older version kept in the database, for a ring that
    /// was generated now and never used: it becomes the ring's only key (id 1), so
    /// that every pseudonym already stored (key id 1) stays linkable.
    pub fn install_legacy(&mut self, purpose: Purpose, secret: [u8; KEY_BYTES], now: i64) {
        *self.ring_mut(purpose) = KeyRing {
            keys: vec![Key {
                id: 1,
                secret: Zeroizing::new(secret),
                created_at: now,
                retired_at: None,
            }],
        };
    }
}

/// Creates a file readable and writable by its owner only.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        // The mode above passed through the umask; make sure of the result.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Refuses a key file the group or others may read or write.
fn check_private(path: &Path) -> Result<(), SecretsError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|source| SecretsError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(SecretsError::NotPrivate {
                path: path.to_owned(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Decodes a hex secret of [`KEY_BYTES`] bytes (as older versions stored them).
pub fn decode_hex_key(text: &str) -> Option<[u8; KEY_BYTES]> {
    let bytes = Zeroizing::new(hex::decode(text.trim()).ok()?);
    bytes.as_slice().try_into().ok()
}

#[cfg(test)]
mod tests;

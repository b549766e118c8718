//! The deployment's secrets ([`secrets::Secrets`]) as the server and the CLI use them:
//! loading them (moving any that an older version kept in the database into the key
//! file), and pseudonymizing under a key ring so that a person keeps one pseudonym
//! across key rotations.
//!
//! # Moving secrets out of the database
//!
//! Versions before issue 10 kept the reporter key, the user key and the registry
//! signing seed in the `meta` table ([`secrets::Purpose::legacy_meta_key`]). [`load`]
//! finds them there and, when the key file is being created, makes each the ring's key
//! 1 (the id migration `0005_key_ids` gave every stored pseudonym); it saves the key
//! file, and only then deletes the rows from `meta` (with `secure_delete`, and the WAL
//! truncated). A crash in between leaves the secret in both places, and the next start
//! finishes the move. A key file that already has different keys for a purpose whose
//! secret is still in `meta` is refused: linking the stored pseudonyms needs that key.
//!
//! Old backups of the database still hold the secrets: rotate the keys (`antiscam
//! secrets rotate`) if such a backup may have leaked.
//!
//! # Pseudonyms across rotations
//!
//! A pseudonym is HMAC-SHA256 of the person's identifier under the ring's current key.
//! After a rotation, [`resolve`] also computes it under each retired key and asks the
//! store which one it already knows (one indexed lookup per key, only while retired
//! keys exist), and keeps that one: a user keeps their holdout arm and exposure
//! history, a reporter still counts once per group. New people get the current key.

use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use secrets::{Purpose, Secrets, SecretsError};
use sha2::Sha256;
use store::reports::Actor;
use store::{Store, StoreError};

/// Why the secrets could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// The key file or `ANTISCAM_SECRETS`.
    #[error(transparent)]
    Secrets(#[from] SecretsError),
    /// Reading or deleting the secrets an older version kept in the database.
    #[error("moving the secrets out of the database: {0}")]
    Store(#[from] StoreError),
    /// The database holds a secret that the key file or environment lacks.
    #[error(
        "the database still holds the {purpose} key of an older version (meta `{meta}`), \
         and the {origin} has a different one: pseudonyms stored under the database's key \
         could no longer be linked. Start once with a new key file (ANTISCAM_KEY_FILE or \
         --key-file pointing to a path that does not exist yet) to move it there"
    )]
    Conflict {
        /// Which secret.
        purpose: Purpose,
        /// Its meta key.
        meta: &'static str,
        /// "key file PATH" or "ANTISCAM_SECRETS".
        origin: String,
    },
}

/// Loads the secrets from `ANTISCAM_SECRETS` if set, else from the key file at `file`
/// (created on first start), moving any secret still in the database's `meta` table
/// into it first (see the module documentation). The move is audited.
pub async fn load(store: &dyn Store, file: &Path, now: i64) -> Result<Secrets, KeyringError> {
    match load_once(store, file, now).await {
        // Another process created the key file first: use its keys.
        Err(KeyringError::Secrets(SecretsError::CreatedMeanwhile(_))) => {
            load_once(store, file, now).await
        }
        other => other,
    }
}

async fn load_once(store: &dyn Store, file: &Path, now: i64) -> Result<Secrets, KeyringError> {
    let (mut secrets, new) = match Secrets::from_env(now)? {
        Some(s) => (s, false),
        None => Secrets::load_or_generate(file, now)?,
    };
    let mut legacy = Vec::new();
    for purpose in Purpose::ALL {
        let meta = purpose.legacy_meta_key();
        let Some(text) = store.get_meta(meta).await? else {
            continue;
        };
        let secret = secrets::decode_hex_key(&text)
            .ok_or_else(|| StoreError::Corrupt(format!("meta `{meta}` is not 64 hex digits")))?;
        let ring = secrets.ring(purpose);
        if new {
            secrets.install_legacy(purpose, secret, now);
        } else if !ring.keys().iter().any(|k| k.secret() == &secret) {
            let origin = match secrets.origin() {
                secrets::Origin::File(p) => format!("key file {}", p.display()),
                _ => secrets::ENV_VAR.to_owned(),
            };
            return Err(KeyringError::Conflict {
                purpose,
                meta,
                origin,
            });
        }
        legacy.push(purpose);
    }
    if new {
        // Saved before anything is deleted from the database; never over a key file
        // another process has just created.
        secrets.save_new()?;
        tracing::info!(file = %file.display(), "created the key file");
    }
    if !legacy.is_empty() {
        for purpose in &legacy {
            store.delete_meta(purpose.legacy_meta_key()).await?;
        }
        let moved: Vec<&str> = legacy.iter().map(|p| p.as_str()).collect();
        let detail = serde_json::json!({"moved": moved}).to_string();
        store
            .reports()
            .append_audit(&Actor::system(), "secrets.move", None, Some(&detail), now)
            .await?;
        tracing::warn!(
            moved = ?moved,
            "moved secrets from the database to the key file; rotate them if a copy of \
             the database may have leaked"
        );
    }
    Ok(secrets)
}

/// HMAC-SHA256 of `parts` under `key`.
pub fn hmac(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts a key of any length: this cannot fail; an empty MAC never happens.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; 32];
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The pseudonym to store for a person: `make` computes it under a key; `known`
/// asks the store which of the candidates (one per key, current first) it has seen.
/// With one key, no lookup happens. Returns the pseudonym and its key's id.
pub async fn resolve<F, K, Fut>(
    secrets: &Secrets,
    purpose: Purpose,
    make: F,
    known: K,
) -> Result<([u8; 32], u16), StoreError>
where
    F: Fn(&[u8; 32]) -> [u8; 32],
    K: FnOnce(Vec<[u8; 32]>) -> Fut,
    Fut: std::future::Future<Output = Result<Option<usize>, StoreError>>,
{
    let ring = secrets.ring(purpose);
    let current = ring.current();
    if ring.keys().len() == 1 {
        return Ok((make(current.secret()), current.id()));
    }
    let keys: Vec<(u16, [u8; 32])> = ring
        .lookup_order()
        .map(|k| (k.id(), make(k.secret())))
        .collect();
    let candidates: Vec<[u8; 32]> = keys.iter().map(|(_, h)| *h).collect();
    let chosen = known(candidates).await?.unwrap_or(0);
    let (id, hash) = keys
        .get(chosen)
        .copied()
        .unwrap_or_else(|| (current.id(), make(current.secret())));
    Ok((hash, id))
}

//! API keys: authentication, and their management shared by `antiscam keys` and
//! `/v1/keys`. Every creation, revocation and rotation is written together with its
//! audit record ([`store::Store::change_api_keys`]), and a revocation made through this
//! process drops the key from its cache at once (other processes stop trusting it
//! within [`KEY_CACHE_TTL`], or at once when they hear of the change).
//!
//! A key is 32 random bytes, shown once as `ask_` + 64 hex digits; only its SHA-256 is
//! stored. A plain (unsalted, fast) hash is right here: the key is uniformly random
//! and long, so there is nothing to brute-force, and lookup by hash stays one index
//! probe.
//!
//! **Admin keys are made only at the command line** (by an operator who holds the
//! database): an admin key that could mint or rotate admin keys over the API would be
//! a second "person" for the two-person rules, made by one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::json;
use sha2::{Digest, Sha256};
use store::{ApiKey, KeyChange, NewApiKey, Role, StoreError};

use crate::{Error, Principal, Result, Service};

const PREFIX: &str = "ask_";

/// How long a valid key is trusted before the store is asked again.
/// One read a second per busy key is nothing; a revocation must bite within 2 s.
pub const KEY_CACHE_TTL: Duration = Duration::from_secs(1);

/// Longest key label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

/// Most keys remembered (the cache is emptied when full).
const KEY_CACHE_MAX: usize = 10_000;

/// Valid keys recently found in the store, by hash. Unknown keys are never cached.
#[derive(Debug, Default)]
pub(crate) struct KeyCache {
    keys: Mutex<HashMap<[u8; 32], (ApiKey, Instant)>>,
}

impl KeyCache {
    fn get(&self, hash: &[u8; 32]) -> Option<ApiKey> {
        let keys = self.keys.lock().ok()?;
        keys.get(hash)
            .filter(|(_, at)| at.elapsed() < KEY_CACHE_TTL)
            .map(|(key, _)| key.clone())
    }

    /// Drops the key with this id, so that its revocation applies to the next request.
    fn forget(&self, id: i64) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.retain(|_, (key, _)| key.id != id);
        }
    }

    /// Forgets every key: keys changed elsewhere (another node revoked one).
    pub(crate) fn clear(&self) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.clear();
        }
    }

    fn put(&self, hash: [u8; 32], key: ApiKey) {
        if let Ok(mut keys) = self.keys.lock() {
            if keys.len() >= KEY_CACHE_MAX {
                keys.clear();
            }
            keys.insert(hash, (key, Instant::now()));
        }
    }
}

/// The stored form of a key.
pub fn hash_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// Whether `key` looks like one of ours (`ask_` and 64 characters), before it is
/// looked up.
pub fn has_key_shape(key: &str) -> bool {
    key.starts_with(PREFIX) && key.len() == PREFIX.len() + 64
}

/// A new key: the secret to show once, and what was stored.
#[derive(Debug)]
pub struct Created {
    /// `ask_…`: shown once, never stored.
    pub secret: String,
    /// The stored key.
    pub key: ApiKey,
    /// The key it replaced (a rotation).
    pub replaces: Option<i64>,
}

impl Created {
    /// What the API answers: the key and its secret.
    pub fn view(&self) -> wire::CreatedKey {
        wire::CreatedKey {
            view: view(&self.key),
            key: self.secret.clone(),
            replaces: self.replaces,
        }
    }
}

/// A key as shown (never its hash).
pub fn view(k: &ApiKey) -> wire::KeyView {
    wire::KeyView {
        id: k.id,
        role: k.role.as_str().to_owned(),
        region: k.region.clone(),
        label: k.label.clone(),
        created_at: wire::rfc3339(k.created_at),
        revoked_at: k.revoked_at.map(wire::rfc3339),
    }
}

fn operator_only() -> Error {
    Error::Forbidden(
        "admin keys are created and rotated only at the command line (`antiscam keys`)".into(),
    )
}

/// Reads a role name (`admin`, `analyst`, `partner`, `integrator`).
pub fn parse_role(role: &str) -> Result<Role> {
    role.parse().map_err(|_| {
        Error::invalid(
            "invalid_role",
            format!("unknown role {role:?}: use admin, analyst, partner or integrator"),
        )
    })
}

impl Service {
    /// The key with this hash, if it is valid now (a console session carries the hash).
    pub async fn authenticate_hash(&self, hash: [u8; 32]) -> Result<Option<ApiKey>> {
        if let Some(found) = self.key_cache.get(&hash) {
            return Ok(Some(found));
        }
        let Some(found) = self.store.find_api_key(&hash).await? else {
            return Ok(None);
        };
        self.key_cache.put(hash, found.clone());
        Ok(Some(found))
    }

    /// The key whose secret is `key`, if it is valid now.
    pub async fn authenticate(&self, key: &str) -> Result<Option<ApiKey>> {
        if !has_key_shape(key) {
            return Ok(None);
        }
        self.authenticate_hash(hash_key(key)).await
    }

    /// Every key, revoked ones included (admins, operators).
    pub async fn list_keys(&self, by: &Principal) -> Result<Vec<ApiKey>> {
        by.require(&[Role::Admin])?;
        Ok(self.store.list_api_keys().await?)
    }

    /// Makes a new random key; returns the text to show once and the hash to store.
    fn generate_key(&self) -> Result<(String, [u8; 32])> {
        let mut bytes = [0u8; 32];
        self.random(&mut bytes)?;
        let key = format!("{PREFIX}{}", hex::encode(bytes));
        let hash = hash_key(&key);
        Ok((key, hash))
    }

    /// Creates a key (audited as `key.create`). Only an operator makes admin keys; a
    /// partner key needs its region.
    pub async fn create_key(&self, by: &Principal, req: &wire::NewKeyRequest) -> Result<Created> {
        by.require(&[Role::Admin])?;
        let role = parse_role(&req.role)?;
        if role == Role::Admin && !matches!(by, Principal::Operator) {
            return Err(operator_only());
        }
        let region = match req.region.as_deref() {
            None => None,
            Some(r) => Some(
                indicator::Region::parse(r)
                    .map_err(|e| Error::invalid("invalid_region", format!("`region`: {e}")))?
                    .as_str()
                    .to_owned(),
            ),
        };
        if role == Role::Partner && region.is_none() {
            return Err(Error::invalid(
                "missing_region",
                "a partner key needs `region` (the ISO 3166 code of its jurisdiction)",
            ));
        }
        if req
            .label
            .as_ref()
            .is_some_and(|l| l.chars().count() > MAX_LABEL_CHARS)
        {
            return Err(Error::invalid(
                "label_too_long",
                format!("`label` is limited to {MAX_LABEL_CHARS} characters"),
            ));
        }
        let (secret, hash) = self.generate_key()?;
        let new = NewApiKey {
            hash,
            role,
            region,
            label: req.label.clone(),
        };
        let detail =
            json!({"role": role.as_str(), "region": new.region, "label": new.label}).to_string();
        let key = self
            .store
            .change_api_keys(&KeyChange {
                create: Some(&new),
                revoke: None,
                actor: &by.actor(),
                action: "key.create",
                detail: Some(&detail),
                now: self.now(),
            })
            .await
            .map_err(|e| match e {
                StoreError::InvalidInput(m) => Error::invalid("invalid_key", m),
                e => Error::from(e),
            })?
            .ok_or_else(|| Error::Internal("no key returned".into()))?;
        tracing::info!(new_key = key.id, role = role.as_str(), "key created");
        Ok(Created {
            secret,
            key,
            replaces: None,
        })
    }

    /// Revokes an active key (audited as `key.revoke`); this process stops trusting it
    /// at once.
    pub async fn revoke_key(&self, by: &Principal, id: i64) -> Result<()> {
        by.require(&[Role::Admin])?;
        self.store
            .change_api_keys(&KeyChange {
                create: None,
                revoke: Some(id),
                actor: &by.actor(),
                action: "key.revoke",
                detail: None,
                now: self.now(),
            })
            .await
            .map_err(|e| not_active(e, id))?;
        self.key_cache.forget(id);
        tracing::info!(revoked = id, "key revoked");
        Ok(())
    }

    /// Replaces an active key by a new one with the same role, region and label, in
    /// one transaction (audited as `key.rotate`, target the new key, detail the old id).
    /// Only an operator rotates admin keys.
    pub async fn rotate_key(&self, by: &Principal, id: i64) -> Result<Created> {
        by.require(&[Role::Admin])?;
        let old = self
            .store
            .list_api_keys()
            .await?
            .into_iter()
            .find(|k| k.id == id && k.revoked_at.is_none())
            .ok_or_else(|| no_active_key(id))?;
        if old.role == Role::Admin && !matches!(by, Principal::Operator) {
            return Err(operator_only());
        }
        let (secret, hash) = self.generate_key()?;
        let new = NewApiKey {
            hash,
            role: old.role,
            region: old.region.clone(),
            label: old.label.clone(),
        };
        let detail = json!({"replaces": old.id, "role": old.role.as_str()}).to_string();
        let key = self
            .store
            .change_api_keys(&KeyChange {
                create: Some(&new),
                revoke: Some(old.id),
                actor: &by.actor(),
                action: "key.rotate",
                detail: Some(&detail),
                now: self.now(),
            })
            .await
            .map_err(|e| not_active(e, id))?
            .ok_or_else(|| Error::Internal("no key returned".into()))?;
        self.key_cache.forget(id);
        tracing::info!(old = id, new_key = key.id, "key rotated");
        Ok(Created {
            secret,
            key,
            replaces: Some(id),
        })
    }
}

fn no_active_key(id: i64) -> Error {
    Error::NotFound(format!("no active key with id {id}"))
}

fn not_active(e: StoreError, id: i64) -> Error {
    match e {
        StoreError::NotFound => no_active_key(id),
        e => Error::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_shapes_are_checked_before_lookup() {
        let key = format!("{PREFIX}{}", "a".repeat(64));
        assert!(has_key_shape(&key));
        assert!(!has_key_shape("ask_short"));
        assert!(!has_key_shape(&key.replace("ask_", "xyz_")));
        assert_eq!(hash_key(&key), hash_key(&key));
        assert_ne!(
            hash_key(&key),
            hash_key(&format!("{PREFIX}{}", "b".repeat(64)))
        );
    }

    #[test]
    fn roles_are_named() {
        assert_eq!(parse_role("partner").expect("role"), Role::Partner);
        assert!(matches!(
            parse_role("root"),
            Err(Error::Invalid {
                code: "invalid_role",
                ..
            })
        ));
    }
}

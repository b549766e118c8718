//! API keys: generation, hashing and the [`Caller`] extractor.
//!
//! A key is 32 random bytes, shown once as `ask_` + 64 hex digits; only its SHA-256 is
//! stored. A plain (unsalted, fast) hash is right here: the key is uniformly random
//! and long, so there is nothing to brute-force, and lookup by hash stays one index
//! probe.
//!
//! A key found in the store is remembered for [`KEY_CACHE_TTL`], so that a busy
//! integrator (thousands of screenings a second) does not cost a database read per
//! request. A key revoked through this process (`/v1/keys/{id}/revoke`) is dropped from
//! the cache at once; one revoked elsewhere (`antiscam keys revoke`, another node) stops
//! working here within that time. Unknown keys are never cached.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};
use store::{ApiKey, Role};

use crate::{ApiError, AppState};

const PREFIX: &str = "ask_";

/// How long a valid key is trusted before the store is asked again.
/// One read a second per busy key is nothing; a revocation must bite within 2 s.
pub const KEY_CACHE_TTL: Duration = Duration::from_secs(1);

/// Most keys remembered (the cache is emptied when full).
const KEY_CACHE_MAX: usize = 10_000;

/// Valid keys recently found in the store, by hash.
#[derive(Debug, Default)]
pub struct KeyCache {
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
    pub(crate) fn forget(&self, id: i64) {
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

/// Makes a new random key; returns the text to show once and the hash to store.
pub fn generate_key() -> Result<(String, [u8; 32]), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let key = format!("{PREFIX}{}", hex::encode(bytes));
    let hash = hash_key(&key);
    Ok((key, hash))
}

/// The stored form of a key.
pub fn hash_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// The authenticated caller of a staff endpoint.
#[derive(Debug, Clone)]
pub struct Caller(pub ApiKey);

impl Caller {
    /// Refuses the request unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.0.role) {
            return Ok(());
        }
        let allowed: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        Err(ApiError::Forbidden(format!(
            "this needs a key with role {}; yours is {}",
            allowed.join(" or "),
            self.0.role.as_str()
        )))
    }
}

/// The key of an `Authorization: Bearer KEY` header, if it has a key's shape. The
/// scheme is case-insensitive (RFC 9110 §11.1).
pub(crate) fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim();
    let (scheme, key) = value.split_once(' ')?;
    let key = key.trim();
    (scheme.eq_ignore_ascii_case("bearer") && has_key_shape(key)).then_some(key)
}

/// Whether `key` looks like one of ours (`ask_` and 64 characters), before it is
/// looked up.
pub(crate) fn has_key_shape(key: &str) -> bool {
    key.starts_with(PREFIX) && key.len() == PREFIX.len() + 64
}

/// The caller holding `key`, if the key is valid now.
pub(crate) async fn resolve(state: &AppState, key: &str) -> Result<Option<Caller>, ApiError> {
    resolve_hash(state, hash_key(key)).await
}

/// The caller holding the key with this hash, if the key is valid now (a console
/// session carries the hash: see [`crate::session`]).
pub(crate) async fn resolve_hash(
    state: &AppState,
    hash: [u8; 32],
) -> Result<Option<Caller>, ApiError> {
    if let Some(found) = state.keys.get(&hash) {
        return Ok(Some(Caller(found)));
    }
    let Some(found) = state.store().find_api_key(&hash).await? else {
        return Ok(None);
    };
    state.keys.put(hash, found.clone());
    Ok(Some(Caller(found)))
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        // The guard middleware has resolved the key already.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let key = bearer(&parts.headers).ok_or(ApiError::Unauthorized)?;
        resolve(state, key).await?.ok_or(ApiError::Unauthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        let key = format!("{PREFIX}{}", "a".repeat(64));
        for value in [
            format!("Bearer {key}"),
            format!("bearer {key}"),
            format!("BEARER  {key} "),
        ] {
            let mut h = axum::http::HeaderMap::new();
            h.insert(
                axum::http::header::AUTHORIZATION,
                value.parse().expect("header"),
            );
            assert_eq!(bearer(&h), Some(key.as_str()), "{value}");
        }
        for value in [
            format!("Basic {key}"),
            "Bearer ask_short".to_owned(),
            key.clone(),
        ] {
            let mut h = axum::http::HeaderMap::new();
            h.insert(
                axum::http::header::AUTHORIZATION,
                value.parse().expect("header"),
            );
            assert_eq!(bearer(&h), None, "{value}");
        }
    }

    #[test]
    fn keys_are_random_and_hash_consistently() {
        let (a, ha) = generate_key().expect("rng");
        let (b, _) = generate_key().expect("rng");
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX) && a.len() == 68);
        assert_eq!(hash_key(&a), ha);
    }
}

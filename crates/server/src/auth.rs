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

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthorized)?;
        let value = header.to_str().map_err(|_| ApiError::Unauthorized)?;
        let key = value
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|k| k.starts_with(PREFIX) && k.len() == PREFIX.len() + 64)
            .ok_or(ApiError::Unauthorized)?;
        let hash = hash_key(key);
        if let Some(found) = state.keys.get(&hash) {
            return Ok(Caller(found));
        }
        let found = state
            .store()
            .find_api_key(&hash)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        state.keys.put(hash, found.clone());
        Ok(Caller(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_hash_consistently() {
        let (a, ha) = generate_key().expect("rng");
        let (b, _) = generate_key().expect("rng");
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX) && a.len() == 68);
        assert_eq!(hash_key(&a), ha);
    }
}

//! The [`Caller`] extractor: the holder of a valid `Authorization: Bearer KEY`
//! (keys, their cache and their lifetime: `service::keys`).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use service::Principal;
use service::{ApiKey, Role};

use crate::client::ClientAddr;
use crate::{ApiError, AppState};

pub use service::keys::{KEY_CACHE_TTL, hash_key};

/// The authenticated caller of a staff endpoint.
#[derive(Debug, Clone)]
pub struct Caller(pub ApiKey);

impl Caller {
    /// The caller as the use cases know it, from the client's address.
    pub fn principal(&self, client: ClientAddr) -> Principal {
        Principal::key(self.0.clone(), Some(client.0))
    }

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
    service::keys::has_key_shape(key)
}

/// The caller holding `key`, if the key is valid now.
pub(crate) async fn resolve(state: &AppState, key: &str) -> Result<Option<Caller>, ApiError> {
    Ok(state.service.authenticate(key).await?.map(Caller))
}

/// The caller holding the key with this hash, if the key is valid now (a console
/// session carries the hash: see [`crate::session`]).
pub(crate) async fn resolve_hash(
    state: &AppState,
    hash: [u8; 32],
) -> Result<Option<Caller>, ApiError> {
    Ok(state.service.authenticate_hash(hash).await?.map(Caller))
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
        let key = format!("ask_{}", "a".repeat(64));
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
}

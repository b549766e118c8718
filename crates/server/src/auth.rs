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

/// The key of an `Authorization: Basic` header whose password is a key (TAXII and
/// MISP clients speak HTTP Basic; the user name is ignored). Only the feed paths take
/// it ([`crate::taxii::takes_basic`]): a browser that cached Basic credentials would
/// otherwise attach them to cross-site requests to the API.
pub(crate) fn basic_key(headers: &axum::http::HeaderMap) -> Option<String> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") || encoded.len() > 1024 {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    let (_, key) = decoded.split_once(':')?;
    has_key_shape(key).then(|| key.to_owned())
}

/// Standard base64 (RFC 4648 section 4, padded), as HTTP Basic sends it.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let bytes = s.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let last = i + 1 == bytes.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let got = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&got[..3 - pad]);
    }
    Some(out)
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
    fn basic_credentials_carry_the_key_as_the_password() {
        assert_eq!(base64_decode("dXNlcjpwYXNz"), Some(b"user:pass".to_vec()));
        assert_eq!(base64_decode("YQ=="), Some(b"a".to_vec()));
        assert_eq!(base64_decode("YWI="), Some(b"ab".to_vec()));
        assert_eq!(base64_decode("YQ==YQ=="), None);
        assert_eq!(base64_decode("YQ="), None);
        assert_eq!(base64_decode("Y!=="), None);
        let key = format!("ask_{}", "a".repeat(64));
        // base64("taxii:" + key), computed by hand with the encoder below.
        let encoded = encode(format!("taxii:{key}").as_bytes());
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Basic {encoded}").parse().expect("header"),
        );
        assert_eq!(basic_key(&h), Some(key));
        let mut h = axum::http::HeaderMap::new();
        let wrong = encode(b"taxii:ask_short");
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Basic {wrong}").parse().expect("header"),
        );
        assert_eq!(basic_key(&h), None);
    }

    fn encode(data: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

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

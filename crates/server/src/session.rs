//! Console sessions: a signed, stateless cookie.
//!
//! Signing in to `/console` with an API key sets `antiscam_session`: the SHA-256 of
//! the key (the form the store keeps; it grants nothing by itself, the API wants the
//! key), the time of sign-in and the time of the last request, and the HMAC-SHA256 of
//! those under a key derived from the key file (like the CSRF key), so every node
//! behind the load balancer accepts what another issued and nothing is stored.
//!
//! Every console request checks the MAC, the idle timeout ([`IDLE`], sliding: the
//! cookie is issued again with each page) and the absolute lifetime ([`LIFETIME`]),
//! then looks the key up as the API does (`auth`'s cache, then the store): a revoked
//! key ends its sessions at once on this node, within the key cache's second on
//! the others. Limits: a copied cookie works until it idles out (nothing is kept to
//! revoke one cookie), and signing out clears only this browser's.

use axum::http::{HeaderMap, HeaderValue};

use crate::csrf::Csrf;

/// The cookie's name.
pub(crate) const COOKIE: &str = "antiscam_session";
/// A session ends after this long without a request, in seconds.
pub(crate) const IDLE: i64 = 30 * 60;
/// A session ends this long after sign-in whatever happens, in seconds.
pub(crate) const LIFETIME: i64 = 12 * 60 * 60;

/// A valid session's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Session {
    /// The SHA-256 of the API key signed in with.
    pub(crate) key_hash: [u8; 32],
    /// Sign-in time, Unix seconds.
    pub(crate) issued: i64,
    /// The last request's time, Unix seconds.
    pub(crate) active: i64,
}

/// Why a cookie was refused (logged, never shown in detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No cookie.
    Missing,
    /// Not ours: malformed or a wrong MAC.
    Forged,
    /// Idle for longer than [`IDLE`], or older than [`LIFETIME`].
    Expired,
}

/// The signing key and the cookie policy: the HMAC of the CSRF tokens, under the
/// session key.
#[derive(Debug, Clone)]
pub(crate) struct Sessions {
    signer: Csrf,
}

impl Sessions {
    /// `secure` adds the `Secure` attribute (the site is served over TLS).
    pub(crate) fn new(key: &[u8; 32], secure: bool) -> Sessions {
        Sessions {
            signer: Csrf::new(key, secure),
        }
    }

    /// The cookie's value for `session`.
    pub(crate) fn value(&self, session: &Session) -> String {
        let payload = format!(
            "v1.{}.{}.{}",
            hex::encode(session.key_hash),
            session.issued,
            session.active
        );
        let mac = self.signer.token(&payload);
        format!("{payload}.{mac}")
    }

    /// The `Set-Cookie` header carrying `session`: `HttpOnly`, `SameSite=Strict`, for
    /// `/console` only, `Secure` behind TLS, gone when the browser closes.
    pub(crate) fn set_cookie(&self, session: &Session) -> Option<HeaderValue> {
        HeaderValue::from_str(&format!(
            "{COOKIE}={}{}",
            self.value(session),
            self.attributes()
        ))
        .ok()
    }

    /// The `Set-Cookie` header that removes the cookie (sign-out, an ended session).
    pub(crate) fn clear_cookie(&self) -> HeaderValue {
        HeaderValue::from_str(&format!("{COOKIE}={}; Max-Age=0", self.attributes()))
            .unwrap_or_else(|_| HeaderValue::from_static("antiscam_session=; Max-Age=0"))
    }

    fn attributes(&self) -> &'static str {
        if self.signer.secure() {
            "; Path=/console; HttpOnly; SameSite=Strict; Secure"
        } else {
            "; Path=/console; HttpOnly; SameSite=Strict"
        }
    }

    /// The request's session at `now`, if its cookie is ours and alive.
    pub(crate) fn check(&self, headers: &HeaderMap, now: i64) -> Result<Session, Refusal> {
        let mut found = false;
        for value in crate::web::cookies(headers, COOKIE) {
            found = true;
            if let Some(session) = self.parse(value) {
                let alive = now - session.active <= IDLE
                    && now - session.issued <= LIFETIME
                    && session.active <= now + 60;
                return if alive {
                    Ok(session)
                } else {
                    Err(Refusal::Expired)
                };
            }
        }
        Err(if found {
            Refusal::Forged
        } else {
            Refusal::Missing
        })
    }

    fn parse(&self, value: &str) -> Option<Session> {
        let (payload, mac) = value.rsplit_once('.')?;
        if !self.signer.verify(payload, mac) {
            return None;
        }
        let mut parts = payload.split('.');
        if parts.next()? != "v1" {
            return None;
        }
        let key_hash = hex::decode(parts.next()?).ok()?.try_into().ok()?;
        let issued = parts.next()?.parse().ok()?;
        let active = parts.next()?.parse().ok()?;
        if parts.next().is_some() || active < issued {
            return None;
        }
        Some(Session {
            key_hash,
            issued,
            active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            format!("a=b; {COOKIE}={value}").parse().expect("header"),
        );
        h
    }

    #[test]
    fn a_session_round_trips_and_expires() {
        let s = Sessions::new(&[3; 32], false);
        let session = Session {
            key_hash: [9; 32],
            issued: 1_000,
            active: 2_000,
        };
        let h = with_cookie(&s.value(&session));
        assert_eq!(s.check(&h, 2_000), Ok(session));
        assert_eq!(s.check(&h, 2_000 + IDLE), Ok(session));
        assert_eq!(s.check(&h, 2_001 + IDLE), Err(Refusal::Expired));
        let old = Session {
            active: 1_000 + LIFETIME,
            ..session
        };
        let h = with_cookie(&s.value(&old));
        assert_eq!(s.check(&h, 1_000 + LIFETIME), Ok(old));
        let older = Session {
            active: 1_001 + LIFETIME,
            ..session
        };
        let h = with_cookie(&s.value(&older));
        assert_eq!(s.check(&h, 1_001 + LIFETIME), Err(Refusal::Expired));
        assert_eq!(s.check(&HeaderMap::new(), 0), Err(Refusal::Missing));
    }

    #[test]
    fn forged_cookies_are_refused() {
        let s = Sessions::new(&[3; 32], false);
        let session = Session {
            key_hash: [9; 32],
            issued: 1_000,
            active: 1_500,
        };
        let good = s.value(&session);
        let other_key = Sessions::new(&[4; 32], false).value(&session);
        let moved = good.replace(".1500.", ".9999.");
        for bad in [other_key.as_str(), moved.as_str(), "v1.00.1.2.ff", "", "x"] {
            assert_eq!(
                s.check(&with_cookie(bad), 1_500),
                Err(Refusal::Forged),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_cookie_is_strict_http_only_and_scoped() {
        let session = Session {
            key_hash: [1; 32],
            issued: 1,
            active: 1,
        };
        let plain = Sessions::new(&[3; 32], false).set_cookie(&session);
        let plain = plain.expect("cookie");
        let plain = plain.to_str().expect("ascii");
        assert!(plain.ends_with("; Path=/console; HttpOnly; SameSite=Strict"));
        let secure = Sessions::new(&[3; 32], true).set_cookie(&session);
        assert!(
            secure
                .expect("cookie")
                .to_str()
                .expect("ascii")
                .ends_with("; Secure")
        );
        let clear = Sessions::new(&[3; 32], false).clear_cookie();
        assert!(clear.to_str().expect("ascii").contains("Max-Age=0"));
    }
}

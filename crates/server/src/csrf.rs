//! Cross-site request forgery defence for the web forms.
//!
//! A form page sets a random cookie (`HttpOnly`, `SameSite=Strict`, `Secure` behind
//! TLS) and puts a token into the form: the HMAC of that cookie under the server's key
//! (signed double submit). A submission is accepted only if
//!
//! - the browser does not say it comes from another site (`Sec-Fetch-Site` is absent,
//!   `same-origin` or `none`), and its `Origin`, if sent, is this host (or `null`, what
//!   our `no-referrer` pages make browsers send, together with `same-origin`), and
//! - the cookie is there and the token is the HMAC of it.
//!
//! Another site can make a browser POST to us, but cannot read our page for the token,
//! and a cookie it manages to plant (from a sibling subdomain) has no valid token
//! without the key. The forms work without JavaScript.

use axum::http::{HeaderMap, HeaderValue, header};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The cookie's name.
pub(crate) const COOKIE: &str = "antiscam_csrf";
/// The form field's name.
pub(crate) const FIELD: &str = "csrf";

/// Why a submission was refused (logged as such, never shown in detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `Sec-Fetch-Site` or `Origin` says another site sent it.
    CrossSite,
    /// No cookie, no token, or a token that is not the cookie's.
    BadToken,
}

/// The key and the cookie policy.
#[derive(Clone)]
pub(crate) struct Csrf {
    mac: Hmac<Sha256>,
    secure: bool,
}

impl std::fmt::Debug for Csrf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Csrf { .. }")
    }
}

impl Csrf {
    /// `secure` adds the `Secure` attribute (the site is served over TLS).
    pub(crate) fn new(key: &[u8; 32], secure: bool) -> Csrf {
        Csrf {
            mac: <Hmac<Sha256> as KeyInit>::new_from_slice(key)
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
            secure,
        }
    }

    /// The request's cookie value if it has a well-formed one.
    pub(crate) fn cookie(headers: &HeaderMap) -> Option<String> {
        crate::web::cookies(headers, COOKIE)
            .find(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_owned)
    }

    /// The cookie of this browser, and the `Set-Cookie` header to send if it is new.
    pub(crate) fn session(&self, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
        if let Some(c) = Csrf::cookie(headers) {
            return (c, None);
        }
        let mut bytes = [0u8; 32];
        if getrandom::fill(&mut bytes).is_err() {
            // No randomness: a page without a usable token; its submission is refused.
            return (String::new(), None);
        }
        let value = hex::encode(bytes);
        let attrs = if self.secure {
            "; Path=/; HttpOnly; SameSite=Strict; Secure"
        } else {
            "; Path=/; HttpOnly; SameSite=Strict"
        };
        let header = HeaderValue::from_str(&format!("{COOKIE}={value}{attrs}")).ok();
        (value, header)
    }

    /// The form token of a cookie: its HMAC, in hex (also what signs a console
    /// session, under its own key: [`crate::session`]).
    pub(crate) fn token(&self, cookie: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(cookie.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Whether `token` (hex) is the HMAC of `data`, compared in constant time.
    pub(crate) fn verify(&self, data: &str, token: &str) -> bool {
        let Ok(token) = hex::decode(token.trim()) else {
            return false;
        };
        let mut mac = self.mac.clone();
        mac.update(data.as_bytes());
        mac.verify_slice(&token).is_ok()
    }

    /// Whether cookies get `Secure`.
    pub(crate) fn secure(&self) -> bool {
        self.secure
    }

    /// Whether a form's submission is acceptable ([`Csrf::check`]); a refusal is
    /// logged with `what` was refused.
    pub(crate) fn accepts(&self, headers: &HeaderMap, token: Option<&str>, what: &str) -> bool {
        match self.check(headers, token) {
            Ok(()) => true,
            Err(refusal) => {
                tracing::info!(
                    ?refusal,
                    what,
                    "form refused: cross-site or without a valid token"
                );
                false
            }
        }
    }

    /// Whether a submission with `token` may be accepted.
    pub(crate) fn check(&self, headers: &HeaderMap, token: Option<&str>) -> Result<(), Refusal> {
        let site = headers.get("sec-fetch-site").map(HeaderValue::as_bytes);
        if site.is_some_and(|s| !matches!(s, b"same-origin" | b"none")) {
            return Err(Refusal::CrossSite);
        }
        // Our pages send `Referrer-Policy: no-referrer`, so a browser posting our own form
        // says `Origin: null`; it is believed only when the browser also says the request
        // is same-origin (`Sec-Fetch-Site` cannot be set by a page).
        let null_from_us = site == Some(b"same-origin")
            && headers
                .get(header::ORIGIN)
                .is_some_and(|o| o.as_bytes() == b"null");
        if let Some(origin) = headers.get(header::ORIGIN).filter(|_| !null_from_us) {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let origin_host = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://"))
                .map(|(_, rest)| rest.trim_end_matches('/'));
            if origin_host.is_none() || origin_host != host {
                return Err(Refusal::CrossSite);
            }
        }
        let cookie = Csrf::cookie(headers).ok_or(Refusal::BadToken)?;
        let token = token.ok_or(Refusal::BadToken)?;
        if self.verify(&cookie, token) {
            Ok(())
        } else {
            Err(Refusal::BadToken)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csrf() -> Csrf {
        Csrf::new(&[7; 32], false)
    }

    fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().expect("header"));
        }
        h
    }

    #[test]
    fn a_new_browser_gets_a_cookie_and_keeps_it() {
        let c = csrf();
        let (value, set) = c.session(&HeaderMap::new());
        let set = set.expect("new cookie");
        let set = set.to_str().expect("ascii");
        assert!(set.starts_with(&format!("{COOKIE}={value}")));
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
        assert!(!set.contains("Secure"));
        let again = headers(&[("cookie", format!("a=b; {COOKIE}={value}"))]);
        assert_eq!(c.session(&again), (value, None));
        let (_, secure) = Csrf::new(&[7; 32], true).session(&HeaderMap::new());
        assert!(
            secure
                .expect("cookie")
                .to_str()
                .expect("ascii")
                .ends_with("; Secure")
        );
    }

    #[test]
    fn submissions() {
        let c = csrf();
        let cookie = "ab".repeat(32);
        let token = c.token(&cookie);
        let with = |extra: &[(&'static str, String)]| {
            let mut pairs = vec![
                ("cookie", format!("{COOKIE}={cookie}")),
                ("host", "127.0.0.1:8080".to_owned()),
            ];
            pairs.extend_from_slice(extra);
            headers(&pairs)
        };
        assert_eq!(c.check(&with(&[]), Some(&token)), Ok(()));
        assert_eq!(
            c.check(
                &with(&[
                    ("sec-fetch-site", "same-origin".into()),
                    ("origin", "http://127.0.0.1:8080".into())
                ]),
                Some(&token)
            ),
            Ok(())
        );
        let cross = [
            ("sec-fetch-site", "cross-site".to_owned()),
            ("sec-fetch-site", "same-site".to_owned()),
        ];
        for h in cross {
            assert_eq!(c.check(&with(&[h]), Some(&token)), Err(Refusal::CrossSite));
        }
        // A same-origin post from a page with `Referrer-Policy: no-referrer`.
        assert_eq!(
            c.check(
                &with(&[
                    ("sec-fetch-site", "same-origin".into()),
                    ("origin", "null".into())
                ]),
                Some(&token)
            ),
            Ok(())
        );
        assert_eq!(
            c.check(
                &with(&[
                    ("sec-fetch-site", "cross-site".into()),
                    ("origin", "null".into())
                ]),
                Some(&token)
            ),
            Err(Refusal::CrossSite)
        );
        for origin in ["https://evil.example", "null", "http://127.0.0.1:9999"] {
            assert_eq!(
                c.check(&with(&[("origin", origin.into())]), Some(&token)),
                Err(Refusal::CrossSite),
                "{origin}"
            );
        }
        assert_eq!(c.check(&with(&[]), None), Err(Refusal::BadToken));
        assert_eq!(c.check(&with(&[]), Some("00")), Err(Refusal::BadToken));
        let other = c.token(&"cd".repeat(32));
        assert_eq!(c.check(&with(&[]), Some(&other)), Err(Refusal::BadToken));
        // A planted cookie with the attacker's own value has no valid token.
        assert_eq!(
            c.check(
                &headers(&[("cookie", format!("{COOKIE}={}", "ef".repeat(32)))]),
                Some(&token)
            ),
            Err(Refusal::BadToken)
        );
        // Another key does not make valid tokens.
        assert_eq!(
            Csrf::new(&[8; 32], false).check(&with(&[]), Some(&token)),
            Err(Refusal::BadToken)
        );
    }
}

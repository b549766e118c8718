//! Web addresses (URLs).
//!
//! Normalization follows the WHATWG URL standard (the `url` crate, as browsers parse): lowercase
//! scheme, host in ASCII/punycode form, default port dropped, `.`/`..` path segments resolved.
//! On top of that the host must be a valid [`Domain`] (so single-label hosts such as
//! `localhost` are refused), a trailing dot on the host is dropped, and the fragment is
//! dropped (it never reaches the server, so it cannot distinguish two pages).
//!
//! The userinfo is kept on purpose: in `https://official.com@evil.io/` the host is `evil.io`,
//! and showing the user that `official.com` is mere decoration is the point.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::net::IpAddr;
use std::str::FromStr;

use crate::domain::{self, Domain};
use crate::error::{ParseError, UrlError};
use crate::input::precheck;

#[cfg(test)]
mod tests;

/// Schemes whose URLs have a host this product can verify.
const SCHEMES: [&str; 5] = ["http", "https", "ws", "wss", "ftp"];

/// A validated, normalized web address.
#[derive(Clone)]
pub struct Url {
    url: ::url::Url,
    host: Host,
}

/// The host of a [`Url`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Host {
    /// A host name.
    Domain(Domain),
    /// An IPv4 or IPv6 literal.
    Ip(IpAddr),
}

impl Host {
    /// The host name, if the host is not an IP literal.
    pub fn domain(&self) -> Option<&Domain> {
        match self {
            Host::Domain(d) => Some(d),
            Host::Ip(_) => None,
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d.as_str()),
            Host::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

impl Url {
    /// Parses a web address, with or without scheme: `https://example.com/login`,
    /// `example.com/login` (https is assumed), `//example.com/x`, `1.2.3.4:8080`.
    /// Schemes other than http, https, ws, wss and ftp are refused.
    pub fn parse(s: &str) -> Result<Url, ParseError> {
        parse_trimmed(precheck(s)?)
    }

    /// The host: a domain or an IP address. The real destination, whatever the userinfo says.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// The normalized URL: lowercase scheme and host (punycode), default port removed,
    /// userinfo, path and query kept, fragment dropped.
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// The userinfo before `@`, as serialized (percent-encoded): `official.com` in
    /// `https://official.com@evil.io/x`, `user:pass` in `ftp://user:pass@host.com/`.
    pub fn userinfo(&self) -> Option<&str> {
        let user = self.url.username();
        let pass = self.url.password();
        if user.is_empty() && pass.is_none() {
            return None;
        }
        let start = self.url.as_str().find("://").map_or(0, |i| i + 3);
        let len = user.len() + pass.map_or(0, |p| p.len() + 1);
        self.url.as_str().get(start..start + len)
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.url.port()
    }

    /// The path, starting with `/`.
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The query without `?`, if any.
    pub fn query(&self) -> Option<&str> {
        self.url.query()
    }

    /// The scheme, lowercase: `https`.
    pub fn scheme(&self) -> &str {
        self.url.scheme()
    }

    /// The underlying parsed URL, for path segments and query pairs.
    pub fn as_url(&self) -> &::url::Url {
        &self.url
    }
}

/// Parses an already prechecked, trimmed URL.
pub(crate) fn parse_trimmed(s: &str) -> Result<Url, ParseError> {
    let full: Cow<'_, str> = match scheme_of(s) {
        Some(scheme) => {
            let lower = scheme.to_ascii_lowercase();
            if !SCHEMES.contains(&lower.as_str()) {
                return Err(ParseError::url(UrlError::UnsupportedScheme {
                    scheme: domain::truncate(&lower, 32).to_owned(),
                }));
            }
            Cow::Borrowed(s)
        }
        None => {
            let rest = s.strip_prefix("//").unwrap_or(s);
            // Without a scheme, the WHATWG parser would turn "3000/0000" into the IPv4
            // address 0.0.11.184: insist on a real host name or IP literal first.
            let shape = Schemeless::split(rest).ok_or(ParseError::url(UrlError::MissingHost))?;
            shape.check_host()?;
            Cow::Owned(format!("https://{rest}"))
        }
    };
    let mut url = ::url::Url::parse(&full).map_err(|e| url_error(e, &full))?;
    let host = match url.host() {
        Some(::url::Host::Domain(name)) => Host::Domain(domain::parse_trimmed(name)?),
        Some(::url::Host::Ipv4(ip)) => Host::Ip(IpAddr::V4(ip)),
        Some(::url::Host::Ipv6(ip)) => Host::Ip(IpAddr::V6(ip)),
        None => return Err(ParseError::url(UrlError::MissingHost)),
    };
    if let Host::Domain(d) = &host
        && url.host_str() != Some(d.as_str())
    {
        // Our Domain normalization is stricter (trailing dot dropped): store that form.
        url.set_host(Some(d.as_str()))
            .map_err(|_| ParseError::url(UrlError::Malformed))?;
    }
    url.set_fragment(None);
    Ok(Url { url, host })
}

/// Maps a `url` crate error, re-parsing the host ourselves when it is the culprit so that the
/// error names the problem (bad punycode, bad character) instead of "invalid".
fn url_error(e: ::url::ParseError, full: &str) -> ParseError {
    use ::url::ParseError as E;
    match e {
        E::EmptyHost => ParseError::url(UrlError::MissingHost),
        E::InvalidPort => ParseError::url(UrlError::InvalidPort),
        E::IdnaError | E::InvalidDomainCharacter => {
            let after = full
                .find("://")
                .map_or(full, |i| full.get(i + 3..).unwrap_or(""));
            match Schemeless::split(after).map(|shape| shape.check_host()) {
                Some(Err(err)) => err,
                _ => ParseError::url(UrlError::Malformed),
            }
        }
        _ => ParseError::url(UrlError::Malformed),
    }
}

/// Whether `s` is shaped like a URL, for detection: a scheme, or a plausible host followed by
/// a path, query, fragment or port (`example.com/login`, `1.2.3.4:8080`).
pub(crate) fn looks_like_url(s: &str) -> bool {
    if scheme_of(s).is_some() {
        return true;
    }
    let rest = s.strip_prefix("//").unwrap_or(s);
    Schemeless::split(rest).is_some_and(|shape| {
        (shape.has_rest || shape.port.is_some() || s.starts_with("//")) && shape.plausible()
    })
}

/// The scheme of `scheme://…`, if `s` starts with one.
pub(crate) fn scheme_of(s: &str) -> Option<&str> {
    let end = s.find("://")?;
    let scheme = s.get(..end)?;
    let mut bytes = scheme.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_ok && rest_ok && scheme.len() <= 32).then_some(scheme)
}

/// The authority of a URL written without a scheme, split into its parts.
pub(crate) struct Schemeless<'a> {
    /// The host as written (brackets kept for IPv6).
    pub(crate) host: &'a str,
    /// The port as written, after `:`.
    pub(crate) port: Option<&'a str>,
    /// Whether a path, query or fragment follows the authority.
    pub(crate) has_rest: bool,
}

impl<'a> Schemeless<'a> {
    /// Splits `host[:port][/…]` (with optional `userinfo@`); `None` if whitespace or an empty
    /// host rules it out.
    pub(crate) fn split(s: &'a str) -> Option<Self> {
        let end = s.find(['/', '?', '#', '\\']).unwrap_or(s.len());
        let authority = s.get(..end)?;
        if authority.chars().any(char::is_whitespace) {
            return None;
        }
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
        let (host, port) = if host_port.starts_with('[') {
            let close = host_port.find(']')?;
            let host = host_port.get(..=close)?;
            let after = host_port.get(close + 1..)?;
            match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None if after.is_empty() => (host, None),
                None => return None,
            }
        } else {
            match host_port.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (host_port, None),
            }
        };
        if host.is_empty() {
            return None;
        }
        Some(Schemeless {
            host,
            port,
            has_rest: end < s.len(),
        })
    }

    /// Whether the host could plausibly be a host name or IP literal, as opposed to digits
    /// with slashes (a date, a phone number) or a single word.
    pub(crate) fn plausible(&self) -> bool {
        if self.host.starts_with('[') {
            return true;
        }
        let dotted = self
            .host
            .contains(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']);
        let numeric = self.host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        dotted && (!numeric || self.host.parse::<std::net::Ipv4Addr>().is_ok())
    }

    /// Checks the host and port, naming the problem.
    pub(crate) fn check_host(&self) -> Result<(), ParseError> {
        if let Some(port) = self.port
            && (port.is_empty() || port.len() > 5 || port.parse::<u16>().is_err())
        {
            return Err(ParseError::url(UrlError::InvalidPort));
        }
        if let Some(inner) = self
            .host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
        {
            return inner
                .parse::<std::net::Ipv6Addr>()
                .map(|_| ())
                .map_err(|_| ParseError::url(UrlError::Malformed));
        }
        if self.host.parse::<std::net::Ipv4Addr>().is_ok() {
            return Ok(());
        }
        domain::parse_trimmed(self.host).map(|_| ())
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Url({:?})", self.as_str())
    }
}

impl PartialEq for Url {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Url {}

impl Hash for Url {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl AsRef<str> for Url {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Url {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Url::parse(s)
    }
}

crate::serde_as_str!(Url);

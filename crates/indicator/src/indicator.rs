//! The [`Indicator`] sum type and kind detection ([`parse`]).

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

use crate::account::{self, Account};
use crate::address::{self, Address};
use crate::domain::{self, Domain};
use crate::email::{self, Email};
use crate::error::{DomainError, ParseError};
use crate::input::{precheck, refang, trim};
use crate::kind::Kind;
use crate::phone::{self, Phone};
use crate::web::{self, Host, Url};

#[cfg(test)]
mod tests;

/// A parsed, normalized indicator of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Indicator {
    /// A host name.
    Domain(Domain),
    /// A web address.
    Url(Url),
    /// An IP address (IPv4-mapped IPv6 addresses are reduced to IPv4).
    Ip(IpAddr),
    /// An email address.
    Email(Email),
    /// A phone number.
    Phone(Phone),
    /// A social-media account or bare handle.
    Account(Account),
    /// A wallet address.
    Address(Address),
}

impl Indicator {
    /// The kind; an [`Account`] gives its platform's kind, or [`Kind::Handle`].
    pub fn kind(&self) -> Kind {
        match self {
            Indicator::Domain(_) => Kind::Domain,
            Indicator::Url(_) => Kind::Url,
            Indicator::Ip(_) => Kind::Ip,
            Indicator::Email(_) => Kind::Email,
            Indicator::Phone(_) => Kind::Phone,
            Indicator::Account(a) => a.kind(),
            Indicator::Address(_) => Kind::Address,
        }
    }

    /// The normalized value: the inner value's `as_str()` (an account's handle), an IP's
    /// canonical text.
    pub fn normalized(&self) -> Cow<'_, str> {
        match self {
            Indicator::Domain(d) => Cow::Borrowed(d.as_str()),
            Indicator::Url(u) => Cow::Borrowed(u.as_str()),
            Indicator::Ip(ip) => Cow::Owned(ip.to_string()),
            Indicator::Email(e) => Cow::Borrowed(e.as_str()),
            Indicator::Phone(p) => Cow::Borrowed(p.as_str()),
            Indicator::Account(a) => Cow::Borrowed(a.handle()),
            Indicator::Address(a) => Cow::Borrowed(a.as_str()),
        }
    }

    /// Canonical key for exact-match indexes (blocklist, registry): `"<kind>:<normalized>"`,
    /// e.g. `domain:evil.io`, `url:https://evil.io/login`, `email:x@evil.io`,
    /// `phone:+85230000000`, `telegram:examplesupport`, `handle:examplesupport`,
    /// `ip:1.2.3.4`; addresses include the chain: `address:evm:0xab…`.
    pub fn key(&self) -> String {
        let normalized = self.normalized();
        let kind = self.kind().as_str();
        match self {
            Indicator::Address(a) => {
                let chain = a.chain().as_str();
                let mut key =
                    String::with_capacity(kind.len() + chain.len() + normalized.len() + 2);
                key.push_str(kind);
                key.push(':');
                key.push_str(chain);
                key.push(':');
                key.push_str(&normalized);
                key
            }
            _ => {
                let mut key = String::with_capacity(kind.len() + normalized.len() + 1);
                key.push_str(kind);
                key.push(':');
                key.push_str(&normalized);
                key
            }
        }
    }

    /// The domain this indicator lives on: a domain itself, a URL's host name, an email's
    /// domain. `None` for other kinds and for URLs on an IP address.
    pub fn domain(&self) -> Option<&Domain> {
        match self {
            Indicator::Domain(d) => Some(d),
            Indicator::Url(u) => u.host().domain(),
            Indicator::Email(e) => Some(e.domain()),
            _ => None,
        }
    }
}

impl fmt::Display for Indicator {
    /// The key: `kind:normalized`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// How [`parse`] should read its input.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// ISO 3166 alpha-2 region (e.g. `"HK"`) for phone numbers written without a country
    /// code; without one such numbers are refused with a clear error.
    pub default_region: Option<String>,
    /// Parse as this kind only (what the user said the input is); error if it is not one.
    pub hint: Option<Kind>,
}

/// Detects the kind of an untrusted input and parses it.
///
/// Without a hint the detection rules apply in order: size and binary checks; refanging
/// (`hxxps://evil[.]com`); `Name <x@y>` and `mailto:` emails, `tel:` phones; profile links;
/// other URLs; `@name`; `local@domain`; wallet addresses (checksums verified); IP literals;
/// phone numbers; host names (with a public suffix on the list); bare names. With a hint, the
/// input is parsed as that kind only, e.g. `ExampleEx` with [`Kind::Telegram`] is a Telegram
/// account, while without a hint it is a [`Kind::Handle`].
pub fn parse(input: &str, opts: &ParseOptions) -> Result<Indicator, ParseError> {
    let trimmed = precheck(input)?;
    let refanged = refang(trimmed);
    let s = trim(&refanged);
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let region = opts.default_region.as_deref();
    match opts.hint {
        None => detect(s, region),
        Some(kind) => parse_as(s, kind, region)
            .and_then(|found| {
                // A profile link with hint Handle is still that platform's account.
                if found.kind() == kind {
                    Ok(found)
                } else {
                    Err(ParseError::NotOfKind {
                        kind,
                        found: Some(found.kind()),
                    })
                }
            })
            .map_err(|err| {
                // Name what the input is instead, when it is clearly something else.
                match detect(s, region) {
                    Ok(found) if found.kind() != kind && found.kind() != Kind::Handle => {
                        ParseError::NotOfKind {
                            kind,
                            found: Some(found.kind()),
                        }
                    }
                    _ => err,
                }
            }),
    }
}

/// Parses as one kind only.
fn parse_as(s: &str, kind: Kind, region: Option<&str>) -> Result<Indicator, ParseError> {
    match kind {
        Kind::Domain => domain::parse_trimmed(s).map(Indicator::Domain),
        Kind::Url => web::parse_trimmed(s).map(Indicator::Url),
        Kind::Ip => parse_ip(s).map(Indicator::Ip).ok_or(ParseError::NotOfKind {
            kind: Kind::Ip,
            found: None,
        }),
        Kind::Email => email::parse_trimmed(s).map(Indicator::Email),
        Kind::Phone => phone::parse_trimmed(s, region).map(Indicator::Phone),
        Kind::Address => address::parse_trimmed(s).map(Indicator::Address),
        Kind::Handle => account::parse_with(s, None, region).map(Indicator::Account),
        platform_kind => {
            account::parse_with(s, platform_kind.platform(), region).map(Indicator::Account)
        }
    }
}

/// Which characters that steer detection occur in an input, found in one pass so that the
/// rules that cannot apply cost nothing (most inputs are plain domains).
struct Shape {
    /// `:`, `/`, `?`, `#` or `\`: a URL is possible.
    url_chars: bool,
    /// `@`.
    at: bool,
    /// A dot, ASCII or ideographic/fullwidth.
    dot: bool,
    /// Whitespace anywhere.
    space: bool,
}

impl Shape {
    fn of(s: &str) -> Shape {
        let mut shape = Shape {
            url_chars: false,
            at: false,
            dot: false,
            space: false,
        };
        let mut non_ascii = false;
        for b in s.bytes() {
            match b {
                b':' | b'/' | b'?' | b'#' | b'\\' => shape.url_chars = true,
                b'@' => shape.at = true,
                b'.' => shape.dot = true,
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => shape.space = true,
                0x80.. => non_ascii = true,
                _ => {}
            }
        }
        if non_ascii {
            shape.dot |= s.contains(['\u{3002}', '\u{FF0E}', '\u{FF61}']);
            shape.space |= s.contains(char::is_whitespace);
        }
        shape
    }
}

/// The detection rules, in order.
fn detect(s: &str, region: Option<&str>) -> Result<Indicator, ParseError> {
    let shape = Shape::of(s);
    if has_prefix(s, "mailto:") || (s.ends_with('>') && s.contains('<')) {
        return email::parse_trimmed(s).map(Indicator::Email);
    }
    if has_prefix(s, "tel:") {
        return phone::parse_trimmed(s, region).map(Indicator::Phone);
    }
    if shape.url_chars && web::looks_like_url(s) {
        let url = web::parse_trimmed(s)?;
        return Ok(match account::social::classify(&url) {
            account::social::Social::Account(account) => Indicator::Account(account?),
            _ => Indicator::Url(url),
        });
    }
    if shape.at {
        if let Some(rest) = s.strip_prefix('@')
            && !rest.contains('@')
        {
            return account::bare(s, None, region).map(Indicator::Account);
        }
        return email::parse_trimmed(s).map(Indicator::Email);
    }
    if let Some(address) = address::detect(s) {
        return address.map(Indicator::Address);
    }
    if let Some(ip) = parse_ip(s) {
        return Ok(Indicator::Ip(ip));
    }
    if phone::looks_like_phone(s) {
        return phone::parse_trimmed(s, region).map(Indicator::Phone);
    }
    if shape.dot && !shape.space {
        match domain::parse_trimmed(s) {
            // An unknown top-level domain is no website anyone can visit: "john.doe" is more
            // likely a name, so it is a domain only when it is not also a valid handle. The
            // test is on the ASCII form, so that "john．doe" and "john.doe" agree.
            Ok(d) if d.has_known_suffix() || d.is_idn() || !is_plain_name(d.as_str()) => {
                return Ok(Indicator::Domain(d));
            }
            Ok(d) => {
                let written = if is_plain_name(s) { s } else { d.as_str() };
                return account::bare(written, None, region).map(Indicator::Account);
            }
            Err(ParseError::InvalidDomain {
                reason: DomainError::NumericTld,
            }) => {}
            Err(e) if !is_plain_name(s) => return Err(e),
            Err(_) => {}
        }
    }
    // Digits and dots ("3.14", "1.2.3.4.5") are numbers or broken IP addresses, not names.
    let numeric = s.contains('.') && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if is_plain_name(s) && !numeric {
        return account::bare(s, None, region).map(Indicator::Account);
    }
    Err(ParseError::Unrecognized)
}

/// A bare name by the generic handle rules: 1-64 of `A-Z a-z 0-9 _ .`, no dot at either end.
fn is_plain_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && !s.starts_with('.')
        && !s.ends_with('.')
}

fn has_prefix(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// An IPv4 or IPv6 literal (brackets allowed around IPv6), IPv4-mapped IPv6 reduced to IPv4
/// so that both spellings share a key.
fn parse_ip(s: &str) -> Option<IpAddr> {
    // Skip the parser for anything with a character no IP literal has.
    if !s
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b':' | b'[' | b']'))
    {
        return None;
    }
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    inner.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

impl From<Domain> for Indicator {
    fn from(d: Domain) -> Self {
        Indicator::Domain(d)
    }
}

impl From<Url> for Indicator {
    fn from(u: Url) -> Self {
        Indicator::Url(u)
    }
}

impl From<IpAddr> for Indicator {
    fn from(ip: IpAddr) -> Self {
        Indicator::Ip(ip.to_canonical())
    }
}

impl From<Email> for Indicator {
    fn from(e: Email) -> Self {
        Indicator::Email(e)
    }
}

impl From<Phone> for Indicator {
    fn from(p: Phone) -> Self {
        Indicator::Phone(p)
    }
}

impl From<Account> for Indicator {
    fn from(a: Account) -> Self {
        Indicator::Account(a)
    }
}

impl From<Address> for Indicator {
    fn from(a: Address) -> Self {
        Indicator::Address(a)
    }
}

impl From<Host> for Indicator {
    fn from(h: Host) -> Self {
        match h {
            Host::Domain(d) => Indicator::Domain(d),
            Host::Ip(ip) => Indicator::Ip(ip.to_canonical()),
        }
    }
}

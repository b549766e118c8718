//! Host names: validation, IDN conversion both ways, and public-suffix analysis.
//!
//! The canonical form is ASCII: lowercase, punycode (`xn--`) labels, no trailing dot. That is
//! what DNS resolves and what exact-match indexes store, so `BÜCHER.de.`, `bücher.de` and
//! `xn--bcher-kva.de` are all the same [`Domain`]. The Unicode form is kept alongside for
//! display and for lookalike analysis (an `xn--` name is where homoglyph attacks hide).
//!
//! Speed: verification runs on every domain a user or a crawler submits, so the common case
//! (plain ASCII, no `xn--` label) is a single validating, lowercasing copy into one exact-size
//! allocation plus one public-suffix lookup, with the derived parts stored as `u16` offsets.
//! Only names with non-ASCII characters or `xn--` labels go through IDNA.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use psl::Psl as _;

use crate::MAX_INPUT_BYTES;
use crate::error::{DomainError, ParseError};
use crate::input::precheck;

#[cfg(test)]
mod tests;

/// Longest name in ASCII form, without the trailing dot (RFC 1035).
const MAX_NAME: usize = 253;
/// Longest label (RFC 1035).
const MAX_LABEL: usize = 63;

/// ASCII characters IDNA must refuse in a host name: every ASCII punctuation except `-`, `.`
/// and `_` (the underscore is accepted for leniency: it appears in real host names such as
/// `_dmarc` records and some CDN nodes), plus space and controls.
const DENY: AsciiDenyList = AsciiDenyList::new(true, "!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~");

/// Flag: the public suffix is on the list (not just the implicit `*` rule).
const KNOWN_SUFFIX: u8 = 1;

/// A validated host name. Immutable; cheap to compare and hash (by its ASCII form).
#[derive(Clone)]
pub struct Domain {
    /// The ASCII form, followed by the Unicode form when the name is IDN (one allocation).
    buf: Box<str>,
    ascii_len: u16,
    /// Start of the registrable domain in the ASCII form.
    registrable: u16,
    /// Start of the public suffix in the ASCII form.
    suffix: u16,
    /// Range of the Unicode registrable label in `buf`.
    ulabel: (u16, u16),
    flags: u8,
}

impl Domain {
    /// Parses a host name (no scheme, path or port). Uppercase, one trailing dot, surrounding
    /// whitespace, IDN (Unicode or `xn--`) and fullwidth dots are accepted and normalized.
    pub fn parse(s: &str) -> Result<Domain, ParseError> {
        if s.len() > MAX_INPUT_BYTES {
            return Err(ParseError::TooLong {
                len: s.len(),
                max: MAX_INPUT_BYTES,
            });
        }
        if let Some(domain) = parse_fast(s.trim_ascii()) {
            return Ok(domain);
        }
        parse_trimmed(precheck(s)?)
    }

    /// The canonical ASCII form: lowercase, punycode labels, no trailing dot.
    pub fn as_str(&self) -> &str {
        self.buf.get(..usize::from(self.ascii_len)).unwrap_or("")
    }

    /// The Unicode form (punycode decoded), for display and lookalike analysis; equal to
    /// [`as_str`](Domain::as_str) when the name is not IDN.
    pub fn unicode(&self) -> &str {
        if self.is_idn() {
            self.buf.get(usize::from(self.ascii_len)..).unwrap_or("")
        } else {
            self.as_str()
        }
    }

    /// Whether any label is internationalized (`xn--` in ASCII form).
    pub fn is_idn(&self) -> bool {
        self.buf.len() > usize::from(self.ascii_len)
    }

    /// The registrable domain, per the public suffix list including private suffixes:
    /// `example.co.uk` for `a.b.example.co.uk`, `evil.github.io` for `x.evil.github.io`.
    /// The whole name when it is itself a public suffix (`github.io`).
    pub fn registrable(&self) -> &str {
        self.ascii_from(self.registrable)
    }

    /// The public suffix: `co.uk`, `github.io`, `com`. For an unknown top-level domain, its
    /// last label (the list's implicit `*` rule).
    pub fn suffix(&self) -> &str {
        self.ascii_from(self.suffix)
    }

    /// Whether the public suffix is on the list, rather than an unknown top-level domain
    /// matched by the implicit `*` rule (`example.invalidtld`).
    pub fn has_known_suffix(&self) -> bool {
        self.flags & KNOWN_SUFFIX != 0
    }

    /// The registrable label: `example` for `a.example.co.uk`; `""` when the name is itself
    /// a public suffix.
    pub fn label(&self) -> &str {
        if self.suffix == 0 {
            return "";
        }
        self.as_str()
            .get(usize::from(self.registrable)..usize::from(self.suffix) - 1)
            .unwrap_or("")
    }

    /// The registrable label in Unicode form: `bücher` for `www.xn--bcher-kva.de`.
    pub fn unicode_label(&self) -> &str {
        let (start, end) = self.ulabel;
        self.buf
            .get(usize::from(start)..usize::from(end))
            .unwrap_or("")
    }

    /// The part before the registrable domain: `a.b` for `a.b.example.co.uk`; `None` when
    /// the name is its registrable domain (or a public suffix).
    pub fn subdomain(&self) -> Option<&str> {
        if self.registrable == 0 {
            return None;
        }
        self.as_str().get(..usize::from(self.registrable) - 1)
    }

    /// The name, then each parent, ending with the registrable domain:
    /// `a.b.example.com`, `b.example.com`, `example.com`. Blocklists match on each.
    pub fn parents(&self) -> impl Iterator<Item = &str> + '_ {
        let name = self.as_str();
        let last = usize::from(self.registrable);
        let mut next = Some(0usize);
        std::iter::from_fn(move || {
            let start = next?;
            next = if start >= last {
                None
            } else {
                // A byte loop, not `find('.')`: names are short, and `memchr`'s set-up
                // costs more than it saves on them (every verified domain comes here).
                name.get(start..)
                    .and_then(|rest| rest.bytes().position(|b| b == b'.'))
                    .map(|dot| start + dot + 1)
            };
            name.get(start..)
        })
    }

    fn ascii_from(&self, start: u16) -> &str {
        self.as_str().get(usize::from(start)..).unwrap_or("")
    }
}

/// Byte classes for the fast path.
const OTHER: u8 = 0;
const HOST: u8 = 1;
const UPPER: u8 = 2;
const DOT: u8 = 3;

const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => HOST,
            b'A'..=b'Z' => UPPER,
            b'.' => DOT,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// The fast path for the common case, a plain ASCII name with no `xn--` label and a
/// non-numeric top-level domain: one validating pass that records the dot positions, one
/// exact-size allocation for the lowercase copy, one public-suffix lookup over the recorded
/// labels. Anything else (including every error) returns `None` and takes the general path,
/// which names the problem.
fn parse_fast(s: &str) -> Option<Domain> {
    let body = s.strip_suffix('.').unwrap_or(s);
    let bytes = body.as_bytes();
    let len = bytes.len();
    if len > MAX_NAME {
        return None;
    }
    // A name of at most 253 bytes has at most 126 dots between non-empty labels.
    let mut dots = [0u8; 128];
    let mut ndots = 0usize;
    let mut label_start = 0usize;
    let mut upper = false;
    for (i, &b) in bytes.iter().enumerate() {
        match CLASS.get(usize::from(b)).copied().unwrap_or(OTHER) {
            HOST => {}
            UPPER => upper = true,
            DOT => {
                fast_label(bytes.get(label_start..i)?)?;
                *dots.get_mut(ndots)? = u8::try_from(i).ok()?;
                ndots += 1;
                label_start = i + 1;
            }
            _ => return None,
        }
    }
    let tld = bytes.get(label_start..)?;
    fast_label(tld)?;
    if ndots == 0 || tld.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let ascii = if upper {
        body.to_ascii_lowercase()
    } else {
        body.to_owned()
    };
    let lower = ascii.as_bytes();
    let dots = dots.get(..ndots)?;
    let label = |k: usize| -> &[u8] {
        let start = if k == 0 {
            0
        } else {
            dots.get(k - 1).map_or(0, |&d| usize::from(d) + 1)
        };
        let end = dots.get(k).map_or(len, |&d| usize::from(d));
        lower.get(start..end).unwrap_or_default()
    };
    let info = psl::List.find((0..=ndots).rev().map(label));
    let suffix_len = if info.len == 0 { tld.len() } else { info.len };
    let suffix = len.checked_sub(suffix_len)?;
    let registrable = if suffix == 0 {
        0
    } else {
        // The label before the suffix's dot.
        let k = dots.iter().rposition(|&d| usize::from(d) + 1 == suffix)?;
        if k == 0 {
            0
        } else {
            usize::from(*dots.get(k - 1)?) + 1
        }
    };
    let ulabel_end = suffix.saturating_sub(1).max(registrable);
    Some(Domain {
        ascii_len: u16::try_from(len).ok()?,
        registrable: u16::try_from(registrable).ok()?,
        suffix: u16::try_from(suffix).ok()?,
        ulabel: (
            u16::try_from(registrable).ok()?,
            u16::try_from(ulabel_end).ok()?,
        ),
        flags: if info.typ.is_some() { KNOWN_SUFFIX } else { 0 },
        buf: ascii.into_boxed_str(),
    })
}

/// A label the fast path can take as is: 1-63 bytes, no hyphen at either end, not `xn--`.
fn fast_label(label: &[u8]) -> Option<()> {
    let ok = !label.is_empty()
        && label.len() <= MAX_LABEL
        && label.first() != Some(&b'-')
        && label.last() != Some(&b'-')
        && !matches!(label, [b'x' | b'X', b'n' | b'N', b'-', b'-', ..]);
    ok.then_some(())
}

/// Parses an already prechecked and trimmed host name.
pub(crate) fn parse_trimmed(s: &str) -> Result<Domain, ParseError> {
    if let Some(domain) = parse_fast(s) {
        return Ok(domain);
    }
    // The general path: the fast path declined, so this is IDN or an error to name.
    let body = s.strip_suffix('.').unwrap_or(s);
    let mut ascii = String::with_capacity(body.len());
    for (i, b) in body.bytes().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => ascii.push(char::from(b)),
            b'A'..=b'Z' => ascii.push(char::from(b.to_ascii_lowercase())),
            0x80.. => return parse_idn(s),
            _ => return Err(invalid_character(body, i)),
        }
    }
    if validate_ascii(&ascii)? {
        return parse_idn(s);
    }
    build(ascii, None)
}

/// The slow path: non-ASCII characters or `xn--` labels, through IDNA (UTS #46).
fn parse_idn(s: &str) -> Result<Domain, ParseError> {
    // Ideographic and fullwidth full stops separate labels like '.', as browsers treat them.
    let mapped: Cow<'_, str> = if s.contains(['\u{3002}', '\u{FF0E}', '\u{FF61}']) {
        Cow::Owned(s.replace(['\u{3002}', '\u{FF0E}', '\u{FF61}'], "."))
    } else {
        Cow::Borrowed(s)
    };
    let body = mapped.strip_suffix('.').unwrap_or(&mapped);
    // Name a bad ASCII character precisely before IDNA would only say "invalid".
    if let Some((i, ch)) = body
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_ascii() && !is_host_char(c))
    {
        return Err(ParseError::InvalidCharacter { ch, pos: i + 1 });
    }
    if body.is_empty() {
        return Err(ParseError::domain(DomainError::EmptyLabel));
    }
    for label in body.split('.') {
        if label.len() >= 4
            && label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        {
            check_punycode(label)?;
        }
    }
    let uts46 = Uts46::new();
    let ascii = uts46
        .to_ascii(body.as_bytes(), DENY, Hyphens::Allow, DnsLength::Ignore)
        .map_err(|_| ParseError::domain(DomainError::Idna))?;
    let ascii = ascii.into_owned();
    validate_ascii(&ascii)?;
    let (unicode, result) = uts46.to_unicode(ascii.as_bytes(), DENY, Hyphens::Allow);
    if result.is_err() {
        return Err(ParseError::domain(DomainError::Idna));
    }
    let unicode = (unicode != ascii).then(|| unicode.into_owned());
    build(ascii, unicode.as_deref())
}

/// Checks that an `xn--` label decodes and re-encodes to itself, so that two spellings can
/// never be the same name (and garbage after `xn--` is named as such).
fn check_punycode(label: &str) -> Result<(), ParseError> {
    let bad = || ParseError::BadPunycode {
        label: truncate(label, 80).to_ascii_lowercase(),
    };
    if !label.is_ascii() {
        return Err(bad());
    }
    let encoded = label.get(4..).ok_or_else(bad)?;
    idna::punycode::decode_to_string(encoded).ok_or_else(bad)?;
    let round_trip = Uts46::new()
        .to_ascii(label.as_bytes(), DENY, Hyphens::Allow, DnsLength::Ignore)
        .map_err(|_| bad())?;
    if !round_trip.eq_ignore_ascii_case(label) {
        return Err(bad());
    }
    Ok(())
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// Validates a lowercase ASCII name's labels and length. Returns whether a label is `xn--`.
fn validate_ascii(name: &str) -> Result<bool, ParseError> {
    let mut idn = false;
    for label in name.split('.') {
        let bytes = label.as_bytes();
        if bytes.is_empty() {
            return Err(ParseError::domain(DomainError::EmptyLabel));
        }
        if bytes.len() > MAX_LABEL {
            return Err(ParseError::LabelTooLong {
                label: truncate(label, 80).to_owned(),
                len: bytes.len(),
            });
        }
        if let [b'x', b'n', b'-', b'-', ..] = bytes {
            // Punycode validation covers its hyphens, and names the label when it fails.
            idn = true;
        } else if bytes.first() == Some(&b'-') || bytes.last() == Some(&b'-') {
            return Err(ParseError::domain(DomainError::HyphenAtEdge));
        }
        if let Some(bad) = bytes.iter().find(|b| !is_host_char(char::from(**b))) {
            return Err(ParseError::InvalidCharacter {
                ch: char::from(*bad),
                pos: 1 + label.as_ptr() as usize - name.as_ptr() as usize,
            });
        }
    }
    if name.len() > MAX_NAME {
        return Err(ParseError::domain(DomainError::TooLong { len: name.len() }));
    }
    Ok(idn)
}

/// Computes the public-suffix offsets and assembles the value.
fn build(mut ascii: String, unicode: Option<&str>) -> Result<Domain, ParseError> {
    let Some(dot) = ascii.rfind('.') else {
        return Err(ParseError::domain(DomainError::SingleLabel));
    };
    let tld = ascii.get(dot + 1..).unwrap_or("");
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        let is_ip = ascii.parse::<std::net::Ipv4Addr>().is_ok();
        return Err(ParseError::domain(if is_ip {
            DomainError::IpAddress
        } else {
            DomainError::NumericTld
        }));
    }
    let (suffix_len, known) = match psl::List.suffix(ascii.as_bytes()) {
        Some(suffix) => (suffix.as_bytes().len(), suffix.is_known()),
        None => (tld.len(), false),
    };
    let len = ascii.len();
    let suffix = len.saturating_sub(suffix_len);
    let registrable = if suffix == 0 {
        0
    } else {
        // The label before the suffix's dot.
        ascii
            .get(..suffix - 1)
            .and_then(|head| head.rfind('.'))
            .map_or(0, |d| d + 1)
    };
    let mut ulabel = (registrable, suffix.saturating_sub(1).max(registrable));
    if let Some(unicode) = unicode {
        // Labels correspond one to one; find the registrable label by its index.
        let index = ascii
            .get(..registrable)
            .map_or(0, |head| head.bytes().filter(|&b| b == b'.').count());
        let mut start = 0;
        for _ in 0..index {
            start += unicode
                .get(start..)
                .and_then(|rest| rest.find('.'))
                .map_or(0, |d| d + 1);
        }
        let end = if suffix == 0 {
            start
        } else {
            unicode
                .get(start..)
                .and_then(|rest| rest.find('.'))
                .map_or(unicode.len(), |d| start + d)
        };
        ulabel = (len + start, len + end);
        ascii.reserve_exact(unicode.len());
        ascii.push_str(unicode);
    }
    let offset =
        |n: usize| u16::try_from(n).map_err(|_| ParseError::domain(DomainError::TooLong { len }));
    Ok(Domain {
        ascii_len: offset(len)?,
        registrable: offset(registrable)?,
        suffix: offset(suffix)?,
        ulabel: (offset(ulabel.0)?, offset(ulabel.1)?),
        flags: if known { KNOWN_SUFFIX } else { 0 },
        buf: ascii.into_boxed_str(),
    })
}

fn invalid_character(s: &str, byte: usize) -> ParseError {
    let pos = s.get(..byte).map_or(0, |head| head.chars().count()) + 1;
    let ch = s
        .get(byte..)
        .and_then(|t| t.chars().next())
        .unwrap_or('\u{0}');
    ParseError::InvalidCharacter { ch, pos }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_idn() {
            write!(f, "Domain({:?} / {:?})", self.as_str(), self.unicode())
        } else {
            write!(f, "Domain({:?})", self.as_str())
        }
    }
}

impl PartialEq for Domain {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Domain {}

impl Hash for Domain {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Domain {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Domain {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl AsRef<str> for Domain {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Domain {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Domain::parse(s)
    }
}

crate::serde_as_str!(Domain);

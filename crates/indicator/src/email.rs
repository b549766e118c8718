//! Email addresses.
//!
//! Accepted forms: `x@y.com`, `<x@y.com>`, `Name <x@y.com>`, `"Example Support" <x@evil.io>`
//! (the display name is kept: impersonators put the brand there) and `mailto:x@y.com?…`.
//! The normalized form is `local@domain`, lowercased, the domain in ASCII form. Lowercasing
//! the local part is technically lossy (RFC 5321 lets a server treat it case-sensitively), but
//! no real provider does, and matching must not be fooled by `Support@` vs `support@`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::domain::{self, Domain};
use crate::error::{EmailError, ParseError};
use crate::input::precheck;

#[cfg(test)]
mod tests;

/// A validated, normalized email address, with its display name if one was given.
#[derive(Clone)]
pub struct Email {
    /// `local@domain`.
    addr: String,
    at: usize,
    domain: Domain,
    display_name: Option<String>,
}

impl Email {
    /// Parses an email address in any of the accepted forms.
    pub fn parse(s: &str) -> Result<Email, ParseError> {
        parse_trimmed(precheck(s)?)
    }

    /// `local@domain`, lowercased, the domain in ASCII form.
    pub fn as_str(&self) -> &str {
        &self.addr
    }

    /// The part before `@`, lowercased.
    pub fn local(&self) -> &str {
        self.addr.get(..self.at).unwrap_or("")
    }

    /// The domain after `@`.
    pub fn domain(&self) -> &Domain {
        &self.domain
    }

    /// The display name as written (unquoted, trimmed, case kept): `Example Support` in
    /// `"Example Support" <x@evil.io>`.
    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }
}

/// Parses an already prechecked, trimmed email address.
pub(crate) fn parse_trimmed(s: &str) -> Result<Email, ParseError> {
    let (display_name, addr) = split_display_name(s)?;
    let addr = strip_mailto(addr);
    let Some((local, domain_part)) = addr.rsplit_once('@') else {
        return Err(ParseError::email(EmailError::MissingAt));
    };
    check_local(local)?;
    if domain_part.starts_with('[') {
        return Err(ParseError::email(EmailError::IpLiteral));
    }
    let domain = domain::parse_trimmed(domain_part)?;
    let local = lowercase(local);
    let mut normalized = String::with_capacity(local.len() + 1 + domain.as_str().len());
    normalized.push_str(&local);
    normalized.push('@');
    normalized.push_str(domain.as_str());
    Ok(Email {
        at: local.len(),
        addr: normalized,
        domain,
        display_name,
    })
}

/// Lowercases character by character, keeping a character whose lowercase is not a single
/// character (`İ` lowercases to `i` + a combining dot, which is not a valid local character):
/// the result must stay valid and lowercase again to itself.
fn lowercase(local: &str) -> String {
    local
        .chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.is_alphanumeric() => l,
                _ => c,
            }
        })
        .collect()
}

/// Splits `Name <addr>` into its display name and address.
fn split_display_name(s: &str) -> Result<(Option<String>, &str), ParseError> {
    let Some(lt) = s.rfind('<') else {
        if s.contains('>') {
            return Err(ParseError::email(EmailError::MalformedDisplayName));
        }
        return Ok((None, s));
    };
    let (name, rest) = s.split_at(lt);
    let inner = rest
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .ok_or(ParseError::email(EmailError::MalformedDisplayName))?;
    if inner.contains(['<', '>']) {
        return Err(ParseError::email(EmailError::MalformedDisplayName));
    }
    let name = unquote(name.trim());
    let name = (!name.is_empty()).then_some(name);
    Ok((name, inner.trim()))
}

/// Removes the quotes of a quoted display name and its backslash escapes.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for ch in inner.chars() {
        if escaped || ch != '\\' {
            out.push(ch);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out.trim().to_owned()
}

/// Strips `mailto:` and any `?subject=…` that follows the address.
fn strip_mailto(s: &str) -> &str {
    match s.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => {
            let rest = s.get(7..).unwrap_or("");
            rest.split('?').next().unwrap_or(rest).trim()
        }
        _ => s,
    }
}

/// Validates the local part: RFC 5322 dot-atom, plus non-ASCII letters and digits (RFC 6531).
/// Quoted local parts are refused: real mailboxes don't use them, spoofers might.
fn check_local(local: &str) -> Result<(), ParseError> {
    if local.is_empty() {
        return Err(ParseError::email(EmailError::EmptyLocal));
    }
    if local.len() > 64 {
        return Err(ParseError::email(EmailError::LocalTooLong));
    }
    if let Some(ch) = local.chars().find(|&c| !is_local_char(c)) {
        return Err(ParseError::email(EmailError::InvalidLocalCharacter { ch }));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(ParseError::email(EmailError::BadDots));
    }
    Ok(())
}

fn is_local_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c)
    } else {
        c.is_alphanumeric()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.display_name {
            Some(name) => write!(f, "Email({name:?} <{}>)", self.as_str()),
            None => write!(f, "Email({:?})", self.as_str()),
        }
    }
}

/// Equality is on the address: the display name is decoration.
impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Email {}

impl Hash for Email {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Email {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

crate::serde_as_str!(Email);

//! Scam reports and what follows them: the public intake ([`intake`]: a report, its
//! pseudonymous reporter, the group-commit writer and the background rebuild and
//! aging), the analysts' triage and the blocklist's view of one indicator ([`triage`]),
//! disputes by the owners of listed indicators ([`disputes`]) and the audit log
//! ([`audit`]). Every staff read and change is authorized here, from the
//! [`Principal`](crate::Principal): the API and the console apply the same rules.
//!
//! The results are the stored records (the console renders them); [`view`] turns
//! them into the API's `wire` shapes.

use std::time::Duration;

use i18n::{Arg, Catalog, Locale};
use reports::{FieldError, Policy};
use store::Role;
use store::reports::GroupRef;

use crate::{Error, Result, Service};

pub mod audit;
pub mod disputes;
pub mod intake;
pub mod triage;
pub mod view;

#[cfg(test)]
mod tests;

pub use disputes::DisputeDecided;
pub use intake::{Receipt, ReportState};
pub use store::reports::{Decided, DecisionAction, DecisionState, TriageDecision};
pub use triage::{Listing, QueueQuery, Triaged};

/// Who reads reports: a partner its region only.
pub const READERS: &[Role] = &[Role::Admin, Role::Analyst, Role::Partner];
/// Who triages, delists and decides disputes.
pub const TRIAGERS: &[Role] = &[Role::Admin, Role::Analyst];

/// Longest dispute reason, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;
/// Longest analyst note or delisting reason, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Settings of the report pipeline.
#[derive(Debug, Clone)]
pub struct ReportSettings {
    /// Auto-listing threshold and aging TTLs.
    pub policy: Policy,
    /// Public submissions a minute per client (reports and disputes together); 0 off.
    /// (The HTTP layer applies it.)
    pub per_minute: u32,
    /// Submissions a client may make at once.
    pub burst: u32,
    /// How often to expire blocklist entries without new evidence; `None` never.
    pub aging_every: Option<Duration>,
    /// Most reports committed in one transaction.
    pub max_batch: usize,
}

impl Default for ReportSettings {
    /// The default policy; 10 submissions a minute per client, 20 at once; no timed
    /// aging (run `antiscam blocklist age`, or set an interval); batches of 1,024.
    fn default() -> Self {
        ReportSettings {
            policy: Policy::default(),
            per_minute: 10,
            burst: 20,
            aging_every: None,
            max_batch: 1024,
        }
    }
}

impl Service {
    /// A random reference such as `R-7KQ2-M9XD-4TPA` (60 bits, Crockford base32: no I,
    /// L, O or U to misread on the phone).
    fn reference(&self, prefix: char) -> Result<String> {
        let mut bytes = [0u8; 8];
        self.random(&mut bytes)?;
        Ok(encode_reference(prefix, u64::from_le_bytes(bytes)))
    }
}

fn encode_reference(prefix: char, mut n: u64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut out = String::with_capacity(16);
    out.push(prefix);
    for i in 0..12 {
        if i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[(n & 31) as usize]));
        n >>= 5;
    }
    out
}

/// The catalogue's wording of a field problem without an indicator error, if it has
/// one (`report-field-<code>`).
fn catalog_message(catalog: &Catalog, locale: Locale, code: &str) -> Option<String> {
    let id = format!("report-field-{code}");
    if !catalog.has(locale, &id) {
        return None;
    }
    let max = match code {
        "too_many_indicators" => reports::intake::MAX_INDICATORS,
        "text_too_long" => reports::intake::MAX_TEXT_CHARS,
        "contact_too_long" => reports::intake::MAX_CONTACT_CHARS,
        "reason_too_long" => MAX_REASON_CHARS,
        _ => 0,
    };
    Some(catalog.message(locale, &id, &[("max", Arg::from(max))]))
}

/// A field problem for the API: English keeps the validator's (more technical)
/// sentence, other languages use the catalogue; indicator errors as Verify words them.
fn field_problem(catalog: &Catalog, locale: Locale, e: &FieldError) -> wire::FieldProblem {
    let message = match &e.parse_error {
        Some(pe) => wire::error_message(catalog, locale, pe),
        None if locale == Locale::En => e.message.clone(),
        None => catalog_message(catalog, locale, e.code).unwrap_or_else(|| e.message.clone()),
    };
    wire::FieldProblem {
        field: e.field.clone(),
        code: e.code.to_owned(),
        message,
    }
}

/// A field problem in plain words for a form (the report and dispute pages): the
/// catalogue's sentence in every language, else the problem's own message.
pub fn plain_message(locale: Locale, p: &wire::FieldProblem) -> String {
    catalog_message(Catalog::global(), locale, &p.code).unwrap_or_else(|| p.message.clone())
}

/// The typed error of a refused report or dispute: one problem per field, in
/// `locale`.
fn invalid_fields(errors: &[FieldError], locale: Locale) -> Error {
    let catalog = Catalog::global();
    let summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    Error::Fields {
        code: "invalid_report",
        message: summary.join("; "),
        fields: errors
            .iter()
            .map(|e| field_problem(catalog, locale, e))
            .collect(),
    }
}

/// A note or reason, trimmed, `None` when empty, refused when too long.
fn bounded(text: Option<&str>, what: &str) -> Result<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > MAX_NOTE_CHARS => Err(Error::BadRequest(format!(
            "`{what}` has more than {MAX_NOTE_CHARS} characters"
        ))),
        other => Ok(other.map(str::to_owned)),
    }
}

/// Reads a group reference: a number is a group id; `kind:value` with a known kind is
/// a key as stored; anything else is an indicator, read as Verify reads it.
fn group_ref(s: &str, options: &indicator::ParseOptions) -> Result<GroupRef> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .parse()
            .map(GroupRef::Id)
            .map_err(|_| Error::BadRequest("the group id is too large".into()));
    }
    Ok(GroupRef::Key(indicator_key(s, options)?))
}

/// An indicator's key: a stored key as given, else the input read as Verify reads it.
fn indicator_key(s: &str, options: &indicator::ParseOptions) -> Result<String> {
    let s = s.trim();
    if let Some((kind, value)) = s.split_once(':')
        && !value.is_empty()
        && verify::parse_kind(kind).is_some_and(|k| k.as_str() == kind)
    {
        return Ok(s.to_owned());
    }
    indicator::parse(s, options)
        .map(|i| i.key())
        .map_err(|e| Error::invalid("invalid_indicator", e.to_string()))
}

/// A missing group or dispute.
fn not_found(e: store::StoreError) -> Error {
    match e {
        store::StoreError::NotFound => Error::NotFound("no such group or dispute".into()),
        e => Error::from(e),
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn references_are_readable() {
        let a = encode_reference('R', 0x0123_4567_89AB_CDEF);
        let b = encode_reference('R', 0x0123_4567_89AB_CDEE);
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert!(a.starts_with("R-"));
        assert_eq!(a.matches('-').count(), 3);
        assert!(
            a.chars()
                .filter(|c| *c != '-')
                .skip(1)
                .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c)))
        );
    }

    #[test]
    fn group_references() {
        let opts = indicator::ParseOptions::default();
        assert_eq!(group_ref("42", &opts).ok(), Some(GroupRef::Id(42)));
        assert_eq!(
            group_ref("domain:evil.io", &opts).ok(),
            Some(GroupRef::Key("domain:evil.io".into()))
        );
        assert_eq!(
            group_ref("url:https://evil.io/x", &opts).ok(),
            Some(GroupRef::Key("url:https://evil.io/x".into()))
        );
        assert_eq!(
            group_ref("EVIL.io", &opts).ok(),
            Some(GroupRef::Key("domain:evil.io".into()))
        );
        assert_eq!(
            group_ref("https://evil.io/x", &opts).ok(),
            Some(GroupRef::Key("url:https://evil.io/x".into()))
        );
        assert!(group_ref("99999999999999999999999", &opts).is_err());
        assert!(group_ref("", &opts).is_err());
    }
}

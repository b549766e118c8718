//! STIX 2.1 bundles, read and written.
//!
//! # What is written
//!
//! [`StixWriter`] writes one bundle: an `identity` (the producer), the
//! `extension-definition`s [`PHONE_EXTENSION_ID`] and [`WALLET_EXTENSION_ID`], then for each blocklist entry three
//! objects:
//!
//! - a STIX Cyber-observable (SCO) for the value: `domain-name`, `url`, `email-addr`,
//!   `ipv4-addr`/`ipv6-addr`, `user-account` (`account_type` = the platform, e.g.
//!   `telegram`, `twitter` for X; none for a bare handle; `account_login` = the handle),
//!   or one of the two objects the extension defines (below), with the deterministic
//!   id STIX 2.1 specifies for SCOs (UUIDv5 over its id-contributing properties);
//! - an `indicator` whose `pattern` matches the value (`[domain-name:value = 'evil.io']`),
//!   `indicator_types` `["malicious-activity"]`, `labels` = the categories,
//!   `confidence` 90 for confirmed and 50 for suspected listings, `valid_from` and
//!   `created` = first seen, `modified` = last seen;
//! - an `observed-data` referring to the SCO, `number_observed` = the report count.
//!
//! Indicator and observed-data ids are UUIDv5 of the entry's key in the namespace
//! [`NAMESPACE`], so an entry keeps its ids across exports and producers.
//!
//! # The extension: phone numbers and wallet addresses
//!
//! STIX 2.1 has no object for a phone number or a crypto wallet address. Two extension
//! definitions (`extension_types: ["new-sco"]`, one per object, as STIX tools register
//! one new SCO per extension) define them; each object carries
//! `"extensions": {"<its extension id>": {"extension_type": "new-sco"}}`:
//!
//! | type | extension | properties (id-contributing in bold) |
//! | --- | --- | --- |
//! | `antiscam-phone-number` | [`PHONE_EXTENSION_ID`] | **`value`**: E.164, `+85230000000` |
//! | `antiscam-wallet-address` | [`WALLET_EXTENSION_ID`] | **`value`**: the address as normalized (EVM lowercase); **`chain`**: `bitcoin`, `evm`, `tron`, `solana` or `polkadot` |
//!
//! Patterns use them like any object: `[antiscam-phone-number:value = '+85230000000']`,
//! `[antiscam-wallet-address:chain = 'evm' AND antiscam-wallet-address:value = '0x…']`.
//!
//! # What is read
//!
//! [`parse`] streams the bundle's `objects` one at a time and imports `indicator`
//! objects with `pattern_type` `stix` whose pattern is one or more observations joined
//! by `OR`, each comparing supported properties with `=`: the SCO properties above,
//! `email-message:from_ref.value`, and `user-account:account_login` (with or without
//! `account_type`). Within one observation comparisons are joined by `OR` (one item
//! each) or by `AND` on one object (`user-account`, `antiscam-wallet-address`). Other
//! patterns are rejected with the reason; revoked or expired indicators are rejected;
//! other object types are counted and skipped. `confidence` ≥ 70 reads as confirmed,
//! lower as suspected; `labels` become categories; `valid_from` (or `created`) and
//! `modified` become first and last seen.

use std::io::{self, Write};

use blocklist::{Entry, Severity};
use indicator::{Chain, Kind};
use serde_json::{Value, json};

use crate::dates::{format_stix, write_micros};
use crate::json::write_str;
use crate::uuid::{uuid_bytes, uuid_v5_bytes, write_uuid};
use crate::{Event, FeedError, Format, Item, Options, Outcome, Reason, Rejection, uuid_v5};

/// Namespace of antiscam's name-based STIX identifiers.
pub const NAMESPACE: [u8; 16] = uuid_bytes("6f6c3d4e-2b7a-4c1e-9f0d-5a8b3c2e1d40");
/// The namespace STIX 2.1 (section 2.9) fixes for SCO identifiers.
pub const SCO_NAMESPACE: [u8; 16] = uuid_bytes("00abedb4-aa42-466c-9c01-fed23315a9b7");
/// The extension definition of the phone-number SCO.
pub const PHONE_EXTENSION_ID: &str = "extension-definition--5c0a2f3e-8d41-4b6a-9e27-3f1c8a6d9b52";
/// The extension definition of the wallet-address SCO.
pub const WALLET_EXTENSION_ID: &str = "extension-definition--9b7e4d21-6c3f-4a58-8e1d-2f6a0c9b7d13";
/// Type of the phone-number SCO the extension defines.
pub const PHONE_TYPE: &str = "antiscam-phone-number";
/// Type of the wallet-address SCO the extension defines.
pub const WALLET_TYPE: &str = "antiscam-wallet-address";
/// When the identity and extension definition objects were created (fixed, so the
/// same data exports to the same bytes).
const DEFINITIONS_CREATED: i64 = 1_767_225_600; // 2026-01-01

/// `confidence` of a confirmed listing; a suspected one gets [`SUSPECTED_CONFIDENCE`].
pub const CONFIRMED_CONFIDENCE: u8 = 90;
/// `confidence` of a suspected listing.
pub const SUSPECTED_CONFIDENCE: u8 = 50;
/// Lowest `confidence` read as confirmed.
pub const CONFIRMED_FROM: u64 = 70;

/// The JSON Schema of the phone-number SCO, embedded in its extension definition.
const PHONE_SCHEMA: &str = r#"{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"antiscam-phone-number","type":"object","properties":{"type":{"const":"antiscam-phone-number"},"id":{"type":"string"},"value":{"type":"string","pattern":"^\\+[1-9][0-9]{1,14}$","description":"E.164 phone number"}},"required":["type","id","value"]}"#;
/// The JSON Schema of the wallet-address SCO, embedded in its extension definition.
const WALLET_SCHEMA: &str = r#"{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"antiscam-wallet-address","type":"object","properties":{"type":{"const":"antiscam-wallet-address"},"id":{"type":"string"},"value":{"type":"string","description":"wallet address as normalized (EVM lowercase)"},"chain":{"enum":["bitcoin","evm","tron","solana","polkadot"]}},"required":["type","id","value","chain"]}"#;

/// Facts about one export, written into the bundle.
#[derive(Debug, Clone)]
pub struct ExportMeta {
    /// The producer's name (the `identity` object), e.g. the exchange's.
    pub producer: String,
    /// What was selected, e.g. `"region=HK since=2024-01-01"`: part of the bundle id.
    pub scope: String,
    /// When the export was made, Unix seconds.
    pub generated_at: i64,
}

/// The identity object's id for a producer.
pub fn identity_id(producer: &str) -> String {
    format!(
        "identity--{}",
        uuid_v5(&NAMESPACE, format!("identity:{producer}").as_bytes())
    )
}

/// The id of the indicator of an entry's key (the same in every export and version).
pub fn indicator_id(key: &str) -> String {
    let mut out = Vec::with_capacity(INDICATOR_ID_LEN);
    write_indicator_id(&mut out, key);
    // `indicator--`, hex digits and dashes.
    String::from_utf8(out).unwrap_or_default()
}

/// Length of an [`indicator_id`].
pub const INDICATOR_ID_LEN: usize = "indicator--".len() + 36;

pub(crate) fn write_indicator_id(out: &mut Vec<u8>, key: &str) {
    out.extend_from_slice(b"indicator--");
    write_uuid(out, &uuid_v5_bytes(&NAMESPACE, key.as_bytes()));
}

/// Whether an entry's key can be written as a STIX observable (its kind and chain are
/// known): the entries a TAXII collection serves.
pub fn writable(key: &str) -> bool {
    crate::split_key(key).is_some_and(|p| sco_properties(&p).is_some())
}

/// Writes versions of entries' indicators as a TAXII collection serves them, straight
/// into bytes: the indicator [`StixWriter`] writes, with `modified` = when this
/// version was added (Unix microseconds, so every version of an id has its own) and,
/// for a delisting, `"revoked": true`. The bytes are those `serde_json` writes for the
/// same object as a `Value` (keys sorted, no spaces).
#[derive(Debug)]
pub struct IndicatorWriter {
    /// The producer's [`identity_id`], as a JSON string.
    identity: Vec<u8>,
    /// Reused for the name and the pattern.
    scratch: String,
}

impl IndicatorWriter {
    /// A writer for the producer whose [`identity_id`] is `identity`.
    pub fn new(identity: &str) -> IndicatorWriter {
        let mut quoted = Vec::with_capacity(identity.len() + 2);
        crate::json::write_str(&mut quoted, identity);
        IndicatorWriter {
            identity: quoted,
            scratch: String::new(),
        }
    }

    /// Appends one version; `false` (nothing written) for a key that cannot be written.
    pub fn write(
        &mut self,
        out: &mut Vec<u8>,
        e: &Entry,
        added_micros: i64,
        revoked: bool,
    ) -> bool {
        let Some(parts) = crate::split_key(&e.key) else {
            return false;
        };
        let Some(props) = sco_properties(&parts) else {
            return false;
        };
        let created = e.first_seen.saturating_mul(1_000_000);
        out.extend_from_slice(b"{\"confidence\":");
        let confidence = match e.severity {
            Severity::Confirmed => CONFIRMED_CONFIDENCE,
            Severity::Suspected => SUSPECTED_CONFIDENCE,
        };
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{confidence}");
        out.extend_from_slice(b",\"created\":\"");
        let created_at = out.len();
        write_micros(out, created);
        let created_text = created_at..out.len();
        out.extend_from_slice(b"\",\"created_by_ref\":");
        out.extend_from_slice(&self.identity);
        out.extend_from_slice(b",\"id\":\"");
        write_indicator_id(out, &e.key);
        out.extend_from_slice(b"\",\"indicator_types\":[\"malicious-activity\"]");
        if !e.categories.is_empty() {
            out.extend_from_slice(b",\"labels\":[");
            for (i, c) in e.categories.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, c);
            }
            out.push(b']');
        }
        out.extend_from_slice(b",\"modified\":\"");
        write_micros(out, added_micros.max(created));
        out.extend_from_slice(b"\",\"name\":");
        self.scratch.clear();
        self.scratch.push_str("Reported scam: ");
        self.scratch.push_str(parts.value);
        write_str(out, &self.scratch);
        out.extend_from_slice(b",\"pattern\":");
        self.scratch.clear();
        props.write_pattern(&mut self.scratch);
        write_str(out, &self.scratch);
        out.extend_from_slice(b",\"pattern_type\":\"stix\",\"pattern_version\":\"2.1\"");
        if revoked {
            out.extend_from_slice(b",\"revoked\":true");
        }
        out.extend_from_slice(
            b",\"spec_version\":\"2.1\",\"type\":\"indicator\",\"valid_from\":\"",
        );
        out.extend_from_within(created_text);
        out.extend_from_slice(b"\"}");
        true
    }
}

/// The indicator of an entry, `created` (and `valid_from`) and `modified` as given.
fn indicator_object(
    identity: &str,
    e: &Entry,
    obs: &Observable,
    (created, modified): (String, String),
) -> Value {
    let shown = crate::split_key(&e.key).map_or(e.key.as_str(), |p| p.value);
    let mut indicator = json!({
        "type": "indicator", "spec_version": "2.1",
        "id": indicator_id(&e.key),
        "created_by_ref": identity, "created": created, "modified": modified,
        "name": format!("Reported scam: {shown}"),
        "indicator_types": ["malicious-activity"],
        "pattern": obs.pattern, "pattern_type": "stix", "pattern_version": "2.1",
        "valid_from": created,
        "confidence": match e.severity {
            Severity::Confirmed => CONFIRMED_CONFIDENCE,
            Severity::Suspected => SUSPECTED_CONFIDENCE,
        },
    });
    if !e.categories.is_empty() {
        indicator["labels"] = json!(e.categories);
    }
    indicator
}

/// What an entry's value is as a STIX observable.
struct Observable {
    /// The SCO.
    object: Value,
    /// The indicator pattern.
    pattern: String,
}

/// Appends a quoted pattern string literal.
fn push_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
}

/// Quotes a pattern string literal.
#[cfg(test)]
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

/// A key's SCO type and its identifying properties (STIX 2.1's id-contributing
/// ones, which are also what the pattern compares), in pattern order.
struct ScoProperties<'a> {
    ty: &'static str,
    props: [(&'static str, &'a str); 2],
    len: usize,
}

impl<'a> ScoProperties<'a> {
    fn props(&self) -> &[(&'static str, &'a str)] {
        &self.props[..self.len]
    }

    /// The indicator pattern: `[domain-name:value = 'evil.io']`, comparisons joined
    /// by `AND`.
    fn write_pattern(&self, out: &mut String) {
        out.push('[');
        for (i, (prop, value)) in self.props().iter().enumerate() {
            if i > 0 {
                out.push_str(" AND ");
            }
            out.push_str(self.ty);
            out.push(':');
            out.push_str(prop);
            out.push_str(" = ");
            push_quoted(out, value);
        }
        out.push(']');
    }
}

/// The SCO of a key's value; `None` for an address without its chain.
fn sco_properties<'a>(parts: &crate::KeyParts<'a>) -> Option<ScoProperties<'a>> {
    let value = parts.value;
    let one = |ty| ScoProperties {
        ty,
        props: [("value", value), ("", "")],
        len: 1,
    };
    Some(match parts.kind {
        Kind::Domain => one("domain-name"),
        Kind::Url => one("url"),
        Kind::Email => one("email-addr"),
        Kind::Ip if value.contains(':') => one("ipv6-addr"),
        Kind::Ip => one("ipv4-addr"),
        Kind::Phone => one(PHONE_TYPE),
        Kind::Address => ScoProperties {
            ty: WALLET_TYPE,
            props: [("chain", parts.chain?.as_str()), ("value", value)],
            len: 2,
        },
        kind => {
            let account_type = match kind.platform() {
                Some(indicator::Platform::X) => Some("twitter"),
                Some(p) => Some(p.as_str()),
                None => None,
            };
            match account_type {
                Some(t) => ScoProperties {
                    ty: "user-account",
                    props: [("account_type", t), ("account_login", value)],
                    len: 2,
                },
                None => ScoProperties {
                    ty: "user-account",
                    props: [("account_login", value), ("", "")],
                    len: 1,
                },
            }
        }
    })
}

/// The SCO id from its id-contributing properties (canonical JSON: keys sorted, no
/// spaces, which is what `serde_json` writes for a sorted map of strings).
fn sco_id(kind: &str, contributing: &serde_json::Map<String, Value>) -> String {
    let canonical = serde_json::to_string(contributing).unwrap_or_default();
    format!("{kind}--{}", uuid_v5(&SCO_NAMESPACE, canonical.as_bytes()))
}

/// The observable of a key: its SCO (with its id) and pattern.
fn observable(entry_key: &str) -> Option<Observable> {
    let parts = crate::split_key(entry_key)?;
    let sco = sco_properties(&parts)?;
    let mut pattern = String::new();
    sco.write_pattern(&mut pattern);
    let contributing: serde_json::Map<String, Value> = sco
        .props()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
        .collect();
    let mut object = json!({
        "type": sco.ty, "spec_version": "2.1", "id": sco_id(sco.ty, &contributing),
    });
    for (k, v) in contributing {
        object[k] = v;
    }
    let extension = match parts.kind {
        Kind::Phone => Some(PHONE_EXTENSION_ID),
        Kind::Address => Some(WALLET_EXTENSION_ID),
        _ => None,
    };
    if let Some(id) = extension {
        object["extensions"] = json!({id: {"extension_type": "new-sco"}});
    }
    Some(Observable { object, pattern })
}

/// Writes a STIX 2.1 bundle one entry at a time.
#[derive(Debug)]
pub struct StixWriter {
    meta: ExportMeta,
    identity: String,
    skipped: u64,
}

impl StixWriter {
    /// A writer for one bundle.
    pub fn new(meta: ExportMeta) -> StixWriter {
        let identity = identity_id(&meta.producer);
        StixWriter {
            meta,
            identity,
            skipped: 0,
        }
    }

    /// Writes the bundle's head and the identity and extension definition objects.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let bundle_id = format!(
            "bundle--{}",
            uuid_v5(
                &NAMESPACE,
                format!(
                    "bundle:{}:{}:{}",
                    self.meta.producer, self.meta.scope, self.meta.generated_at
                )
                .as_bytes()
            )
        );
        let created = format_stix(DEFINITIONS_CREATED);
        let identity = json!({
            "type": "identity", "spec_version": "2.1", "id": self.identity,
            "created": created, "modified": created,
            "name": self.meta.producer, "identity_class": "organization",
        });
        let extension = |id: &str, ty: &str, what: &str, schema: &str| {
            json!({
                "type": "extension-definition", "spec_version": "2.1", "id": id,
                "created_by_ref": self.identity, "created": created, "modified": created,
                "name": ty,
                "description": format!("A new SCO for {what}, which STIX 2.1 has no object for."),
                "schema": schema, "version": "1.0",
                "extension_types": ["new-sco"],
            })
        };
        let phone = extension(
            PHONE_EXTENSION_ID,
            PHONE_TYPE,
            "a phone number (value: E.164)",
            PHONE_SCHEMA,
        );
        let wallet = extension(
            WALLET_EXTENSION_ID,
            WALLET_TYPE,
            "a crypto wallet address (value, chain)",
            WALLET_SCHEMA,
        );
        write!(
            out,
            "{{\"type\":\"bundle\",\"id\":\"{bundle_id}\",\"objects\":[\n{identity},\n{phone},\n{wallet}"
        )
    }

    /// Writes an entry's three objects (an entry whose key cannot be read is counted
    /// and skipped).
    pub fn entry(&mut self, out: &mut dyn Write, e: &Entry) -> io::Result<()> {
        let Some(obs) = observable(&e.key) else {
            self.skipped += 1;
            return Ok(());
        };
        let created = format_stix(e.first_seen);
        let modified = format_stix(e.last_seen.max(e.first_seen));
        let sco_id = obs.object["id"].as_str().unwrap_or_default().to_owned();
        let times = (
            format_stix(e.first_seen),
            format_stix(e.last_seen.max(e.first_seen)),
        );
        let indicator = indicator_object(&self.identity, e, &obs, times);
        let observed = json!({
            "type": "observed-data", "spec_version": "2.1",
            "id": format!(
                "observed-data--{}",
                uuid_v5(&NAMESPACE, format!("observed:{}", e.key).as_bytes())
            ),
            "created_by_ref": self.identity, "created": created, "modified": modified,
            "first_observed": created, "last_observed": modified,
            "number_observed": e.report_count.clamp(1, 999_999_999),
            "object_refs": [sco_id],
        });
        write!(out, ",\n{},\n{indicator},\n{observed}", obs.object)
    }

    /// Closes the bundle; returns the number of entries skipped.
    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<u64> {
        writeln!(out, "\n]}}")?;
        Ok(self.skipped)
    }
}

// ---- Reading -------------------------------------------------------------------

/// Reads a STIX 2.1 bundle.
pub fn parse(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    let mut others = 0u64;
    crate::json::bundle_objects(input, &mut |i, object| {
        if object.get("type").and_then(Value::as_str) != Some("indicator") {
            others += 1;
            return;
        }
        let location = object
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("objects[{i}]"), crate::shorten);
        read_indicator(&object, &location, options, sink);
    })
    .map_err(|e| FeedError::Malformed {
        format: Format::Stix,
        message: e.to_string(),
    })?;
    Ok(Outcome {
        not_imported: vec![(
            "objects other than indicators",
            others,
            "observed data, identities and the rest describe indicators; only indicator patterns are imported",
        )],
    })
}

fn read_indicator(
    object: &Value,
    location: &str,
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) {
    let pattern = object.get("pattern").and_then(Value::as_str).unwrap_or("");
    let reject = |reason| Event::Rejected(Rejection::new(location.to_owned(), pattern, reason));
    let pattern_type = object.get("pattern_type").and_then(Value::as_str);
    if pattern_type != Some("stix") {
        sink(reject(Reason::UnsupportedPattern(format!(
            "pattern_type {:?} (only \"stix\")",
            pattern_type.unwrap_or("")
        ))));
        return;
    }
    if object.get("revoked").and_then(Value::as_bool) == Some(true) {
        sink(reject(Reason::Revoked));
        return;
    }
    let date = |name: &str| {
        object
            .get(name)
            .and_then(Value::as_str)
            .and_then(crate::parse_date)
    };
    if date("valid_until").is_some_and(|t| t <= options.now) {
        sink(reject(Reason::Expired));
        return;
    }
    let values = match read_pattern(pattern) {
        Ok(v) => v,
        Err(message) => {
            sink(reject(Reason::UnsupportedPattern(message)));
            return;
        }
    };
    let severity = object.get("confidence").and_then(Value::as_u64).map(|c| {
        if c >= CONFIRMED_FROM {
            Severity::Confirmed
        } else {
            Severity::Suspected
        }
    });
    let mut categories: Vec<String> = object
        .get("labels")
        .and_then(Value::as_array)
        .map(|labels| {
            labels
                .iter()
                .filter_map(Value::as_str)
                .filter(|l| l.len() <= 64 && !l.chars().any(char::is_control))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    categories.sort();
    categories.dedup();
    let first_seen = date("valid_from").or_else(|| date("created"));
    let last_seen = date("modified");
    for (hint, value) in values {
        sink(match options.key(&value, Some(hint)) {
            Ok(key) => Event::Item(Item {
                key,
                severity,
                categories: categories.clone(),
                report_count: None,
                first_seen,
                last_seen,
            }),
            Err(reason) => Event::Rejected(Rejection::new(location.to_owned(), &value, reason)),
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Equals,
    Path(String),
    Str(String),
}

fn tokenize(pattern: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '[' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ']' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '=' => {
                chars.next();
                tokens.push(Token::Equals);
            }
            '\'' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => return Err("an unterminated string".into()),
                        Some('\\') => match chars.next() {
                            Some(e @ ('\'' | '\\')) => s.push(e),
                            _ => return Err("a bad escape in a string".into()),
                        },
                        Some('\'') => break,
                        Some(c) => s.push(c),
                    }
                }
                tokens.push(Token::Str(s));
            }
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                        word.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(match word.as_str() {
                    "AND" => Token::And,
                    "OR" => Token::Or,
                    _ if word.contains(':') => Token::Path(word),
                    _ => return Err(format!("{word:?} (only `=` comparisons joined by AND/OR)")),
                });
            }
            c => return Err(format!("{c:?} (only `=` comparisons joined by AND/OR)")),
        }
    }
    Ok(tokens)
}

/// Reads a pattern into `(kind hint, value)` pairs, or says what is not supported.
fn read_pattern(pattern: &str) -> Result<Vec<(Kind, String)>, String> {
    if pattern.len() > 64 * 1024 {
        return Err("the pattern is longer than 64 KiB".into());
    }
    let tokens = tokenize(pattern)?;
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        if tokens.get(i) != Some(&Token::Open) {
            return Err("expected `[` starting an observation".into());
        }
        i += 1;
        let mut comparisons: Vec<(String, String)> = Vec::new();
        let mut joiner: Option<Token> = None;
        loop {
            match (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)) {
                (Some(Token::Path(p)), Some(Token::Equals), Some(Token::Str(s))) => {
                    comparisons.push((p.clone(), s.clone()));
                    i += 3;
                }
                _ => return Err("expected `object:property = 'value'`".into()),
            }
            match tokens.get(i) {
                Some(Token::Close) => {
                    i += 1;
                    break;
                }
                Some(t @ (Token::And | Token::Or)) => {
                    if joiner.as_ref().is_some_and(|j| j != t) {
                        return Err("AND and OR mixed in one observation".into());
                    }
                    joiner = Some(t.clone());
                    i += 1;
                }
                _ => return Err("expected `]`, AND or OR".into()),
            }
        }
        if joiner == Some(Token::And) {
            out.push(read_object(&comparisons)?);
        } else {
            for c in &comparisons {
                out.push(read_object(std::slice::from_ref(c))?);
            }
        }
        match tokens.get(i) {
            None => return Ok(out),
            Some(Token::Or) => i += 1,
            Some(_) => return Err("observations may only be joined by OR".into()),
        }
    }
}

/// One object from comparisons on its properties.
fn read_object(comparisons: &[(String, String)]) -> Result<(Kind, String), String> {
    let mut object_type: Option<&str> = None;
    let mut props: Vec<(&str, &str)> = Vec::new();
    for (path, value) in comparisons {
        let (ty, prop) = path.split_once(':').unwrap_or((path, ""));
        if object_type.is_some_and(|t| t != ty) {
            return Err("AND across different objects".into());
        }
        object_type = Some(ty);
        props.push((prop, value));
    }
    let get = |name: &str| props.iter().find(|(p, _)| *p == name).map(|(_, v)| *v);
    let only = |allowed: &[&str]| props.iter().all(|(p, _)| allowed.contains(p));
    let ty = object_type.unwrap_or("");
    let value = |name: &str| {
        get(name)
            .map(str::to_owned)
            .ok_or_else(|| format!("{ty} without {name}"))
    };
    let unsupported = || {
        let names: Vec<String> = props.iter().map(|(p, _)| format!("{ty}:{p}")).collect();
        Err(format!("the property {}", names.join(" AND ")))
    };
    match ty {
        "domain-name" if only(&["value"]) => Ok((Kind::Domain, value("value")?)),
        "url" if only(&["value"]) => Ok((Kind::Url, value("value")?)),
        "email-addr" if only(&["value"]) => Ok((Kind::Email, value("value")?)),
        "email-message" if only(&["from_ref.value", "sender_ref.value"]) => Ok((
            Kind::Email,
            value("from_ref.value").or_else(|_| value("sender_ref.value"))?,
        )),
        "ipv4-addr" | "ipv6-addr" if only(&["value"]) => Ok((Kind::Ip, value("value")?)),
        PHONE_TYPE if only(&["value"]) => Ok((Kind::Phone, value("value")?)),
        WALLET_TYPE if only(&["value", "chain"]) => {
            if let Some(chain) = get("chain") {
                chain
                    .parse::<Chain>()
                    .map_err(|_| format!("unknown chain {:?}", crate::shorten(chain)))?;
            }
            Ok((Kind::Address, value("value")?))
        }
        "user-account" if only(&["account_login", "account_type"]) => {
            let login = value("account_login")?;
            let kind = match get("account_type") {
                None => Kind::Handle,
                Some(t) => t
                    .parse::<Kind>()
                    .ok()
                    .filter(|k| k.is_account())
                    .ok_or_else(|| format!("account_type {:?}", crate::shorten(t)))?,
            };
            Ok((kind, login))
        }
        _ => unsupported(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let ok: &[(&str, &[(Kind, &str)])] = &[
            (
                "[domain-name:value = 'evil.io']",
                &[(Kind::Domain, "evil.io")],
            ),
            (
                "[url:value = 'https://evil.io/a\\'b'] OR [email-addr:value = 'x@evil.io']",
                &[
                    (Kind::Url, "https://evil.io/a'b"),
                    (Kind::Email, "x@evil.io"),
                ],
            ),
            (
                "[domain-name:value = 'a.io' OR domain-name:value = 'b.io']",
                &[(Kind::Domain, "a.io"), (Kind::Domain, "b.io")],
            ),
            (
                "[user-account:account_type = 'telegram' AND user-account:account_login = 'Fake']",
                &[(Kind::Telegram, "Fake")],
            ),
            (
                "[user-account:account_login = 'fake']",
                &[(Kind::Handle, "fake")],
            ),
            (
                "[antiscam-wallet-address:chain = 'evm' AND antiscam-wallet-address:value = '0xab']",
                &[(Kind::Address, "0xab")],
            ),
            (
                "[antiscam-phone-number:value = '+85230000000']",
                &[(Kind::Phone, "+85230000000")],
            ),
            (
                "[email-message:from_ref.value = 'a@b.io']",
                &[(Kind::Email, "a@b.io")],
            ),
        ];
        for (pattern, want) in ok {
            let got = read_pattern(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            let want: Vec<(Kind, String)> =
                want.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
            assert_eq!(got, want, "{pattern}");
        }
        let bad: &[(&str, &str)] = &[
            ("[domain-name:value LIKE '%.io']", "LIKE"),
            (
                "[domain-name:value = 'a.io'] AND [url:value = 'x']",
                "only be joined by OR",
            ),
            ("[domain-name:value = 'a.io'] WITHIN 5 SECONDS", "WITHIN"),
            ("[file:hashes.md5 = 'abc']", "file:hashes.md5"),
            (
                "[domain-name:value = 'a.io' AND url:value = 'b']",
                "different objects",
            ),
            (
                "[domain-name:value = 'a.io' AND domain-name:value = 'b' OR domain-name:value = 'c']",
                "mixed",
            ),
            ("[domain-name:value = 'a.io", "unterminated"),
            ("", "expected `[`"),
            (
                "[user-account:account_type = 'unix' AND user-account:account_login = 'root']",
                "unix",
            ),
        ];
        for (pattern, needle) in bad {
            let err = read_pattern(pattern).expect_err(pattern);
            assert!(err.contains(needle), "{pattern}: {err}");
        }
    }

    /// The indicator version as a `Value`, built the way [`StixWriter`] builds its
    /// indicators: what [`IndicatorWriter`] must write byte for byte.
    fn version_value(identity: &str, e: &Entry, added: i64, revoked: bool) -> Option<Value> {
        let obs = observable(&e.key)?;
        let created = e.first_seen.saturating_mul(1_000_000);
        let times = (
            crate::format_micros(created),
            crate::format_micros(added.max(created)),
        );
        let mut v = indicator_object(identity, e, &obs, times);
        if revoked {
            v["revoked"] = json!(true);
        }
        Some(v)
    }

    #[test]
    fn written_versions_are_the_export_indicators_byte_for_byte() {
        let entry = |key: &str, severity, categories: &[&str], first_seen| Entry {
            key: key.to_owned(),
            severity,
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            report_count: 3,
            first_seen,
            last_seen: first_seen + 10,
            sources: vec!["feed".into()],
        };
        let added = 1_750_000_000_123_456;
        let cases = [
            entry(
                "domain:evil.io",
                Severity::Confirmed,
                &["phishing"],
                1_700_000_000,
            ),
            entry(
                "url:https://evil.io/a'b\\c",
                Severity::Suspected,
                &[],
                1_700_000_000,
            ),
            entry(
                "email:x@evil.io",
                Severity::Suspected,
                &["a\"b", "\u{1}\n"],
                0,
            ),
            entry("ip:192.0.2.1", Severity::Confirmed, &[], -5),
            entry("ip:2001:db8::1", Severity::Confirmed, &[], 1_700_000_000),
            entry(
                "phone:+85230000000",
                Severity::Suspected,
                &["投資"],
                1_700_000_000,
            ),
            entry("x:Fake", Severity::Suspected, &[], 1_700_000_000),
            entry(
                "telegram:fake_support",
                Severity::Confirmed,
                &[],
                1_700_000_000,
            ),
            entry("handle:fake", Severity::Suspected, &[], 1_700_000_000),
            entry("address:evm:0xab", Severity::Confirmed, &[], 1_700_000_000),
            entry(
                "domain:é😀\u{7f}\u{1f}.io",
                Severity::Confirmed,
                &[],
                1_700_000_000,
            ),
            // First seen after the version was added: `modified` = `created`.
            entry("domain:late.io", Severity::Confirmed, &[], 1_800_000_000),
        ];
        let identity = identity_id("antiscam");
        let mut writer = IndicatorWriter::new(&identity);
        for e in &cases {
            for revoked in [false, true] {
                let mut out = b"x".to_vec();
                assert!(writer.write(&mut out, e, added, revoked), "{}", e.key);
                let want = version_value(&identity, e, added, revoked).expect("writable");
                let want = serde_json::to_string(&want).expect("json");
                assert_eq!(String::from_utf8(out[1..].to_vec()).expect("utf-8"), want);
                assert!(writable(&e.key));
            }
        }
        for key in ["address:nochain:0xab", "nokind:x", "domain"] {
            let mut out = b"x".to_vec();
            let e = entry(key, Severity::Confirmed, &[], 0);
            assert!(!writer.write(&mut out, &e, added, false), "{key}");
            assert_eq!(out, b"x", "{key}: nothing written");
            assert!(!writable(key), "{key}");
            assert!(
                version_value(&identity, &e, added, false).is_none(),
                "{key}"
            );
        }
    }

    #[test]
    fn quoting_round_trips() {
        let value = "it's a \\ test";
        let pattern = format!("[domain-name:value = {}]", quote(value));
        assert_eq!(read_pattern(&pattern).expect("pattern")[0].1, value);
    }

    #[test]
    fn sco_ids_follow_the_spec() {
        // STIX 2.1 section 2.9: domain-name "example.com" hashes `{"value":"example.com"}`.
        let o = observable("domain:example.com").expect("observable");
        let mut c = serde_json::Map::new();
        c.insert("value".into(), json!("example.com"));
        assert_eq!(o.object["id"], json!(sco_id("domain-name", &c)));
        assert_eq!(
            uuid_v5(&SCO_NAMESPACE, br#"{"value":"example.com"}"#),
            o.object["id"].as_str().expect("id")["domain-name--".len()..]
        );
    }
}

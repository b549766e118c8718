//! The registry of official channels: which domains, mail domains, addresses, phone
//! numbers, social accounts and wallets belong to which brand, and which of them are
//! retired ("formerly official": scammers take over abandoned handles).
//!
//! A [`Registry`] is only ever built through validation ([`Registry::from_toml`],
//! [`Registry::from_json`], [`Registry::from_channels`]), so every value in it is
//! already normalized by the `indicator` crate: the verification index can compare
//! exact strings. The file format is:
//!
//! ```toml
//! [[brand]]
//! name = "Example Exchange"
//! domains = ["example.com", "launchpad.example.org"]
//! email_domains = ["example.com"]
//! emails = ["support@example.com"]
//! phones = ["+852 3000 0000"]
//! x = ["ExampleEx"]
//! telegram = ["ExampleEnglish"]
//! addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" }]
//!
//! [brand.retired]
//! x = ["ExampleOld"]
//! ```
//!
//! An active channel taken over by someone else (a hijacked account, a domain whose DNS
//! was stolen) is written as a table with the time since when, and an optional note,
//! which is public like the rest of the registry:
//!
//! ```toml
//! telegram = [{ value = "ExampleEnglish", compromised_since = "2026-12-01T08:00:00Z", note = "hijacked" }]
//! addresses = [{ chain = "eth", address = "0x…", compromised_since = "2026-12-01T08:00:00Z" }]
//! ```
//!
//! It is still the brand's channel, but Verify answers `official_compromised` for it
//! (see the `verify` crate). A retired channel cannot be marked: it already verifies as
//! formerly official.
//!
//! Every key but `name` is optional; unknown keys are errors (a typo such as
//! `telgram` must not silently drop channels). All problems of a file are reported at
//! once, each naming the brand, the key and the value.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use indicator::{Account, Address, Chain, Domain, Email, Phone, Platform};

pub mod change;
pub use change::{BrandDiff, ChannelRef, CompromisedRef, Diff, Edit, EditOp, apply, diff};

/// Largest registry document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
/// Most brands in one registry.
pub const MAX_BRANDS: usize = 10_000;
/// Most channels of one brand.
pub const MAX_CHANNELS_PER_BRAND: usize = 10_000;
/// Longest brand name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note on a compromised channel, in characters.
pub const MAX_COMPROMISE_NOTE_CHARS: usize = 500;

/// What kind of channel an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelKind {
    /// A website: a registrable domain or an exact host; its subdomains are official too.
    Domain,
    /// A domain official mail is sent from.
    EmailDomain,
    /// A single official email address.
    Email,
    /// An official phone number, E.164.
    Phone,
    /// An official account on a platform.
    Account(Platform),
    /// An official wallet address.
    Address,
}

/// The file keys, in the order they are written back.
const KEYS: [(&str, ChannelKind); 13] = [
    ("domains", ChannelKind::Domain),
    ("email_domains", ChannelKind::EmailDomain),
    ("emails", ChannelKind::Email),
    ("phones", ChannelKind::Phone),
    ("x", ChannelKind::Account(Platform::X)),
    ("telegram", ChannelKind::Account(Platform::Telegram)),
    ("instagram", ChannelKind::Account(Platform::Instagram)),
    ("facebook", ChannelKind::Account(Platform::Facebook)),
    ("youtube", ChannelKind::Account(Platform::Youtube)),
    ("tiktok", ChannelKind::Account(Platform::Tiktok)),
    ("discord", ChannelKind::Account(Platform::Discord)),
    ("whatsapp", ChannelKind::Account(Platform::Whatsapp)),
    ("addresses", ChannelKind::Address),
];

/// The file keys of the channel kinds (`domains`, `email_domains`, …, `addresses`), in
/// the order they are written.
pub fn file_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|(k, _)| *k)
}

impl ChannelKind {
    /// The registry file key for this kind (`"domains"`, `"x"`, …), also used in storage.
    pub fn key(self) -> &'static str {
        KEYS.iter()
            .find(|(_, k)| *k == self)
            .map_or("unknown", |(name, _)| name)
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<ChannelKind> {
        KEYS.iter().find(|(name, _)| *name == key).map(|(_, k)| *k)
    }
}

/// Whether a channel is in use or retired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In use today.
    Active,
    /// No longer used by the brand: verifies as formerly official.
    Retired,
}

/// One official (or formerly official) channel, normalized.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Channel {
    /// The kind of channel.
    pub kind: ChannelKind,
    /// The normalized value: ASCII domain, `local@domain`, E.164, lowercase handle, or
    /// canonical address.
    pub value: String,
    /// For addresses, the chain family.
    pub chain: Option<Chain>,
    /// Active or retired.
    pub status: Status,
    /// Set when the channel is still the brand's but someone else controls it.
    pub compromised: Option<Compromise>,
}

/// An official channel taken over by someone else (a hijacked account): since when, and
/// why (public, like the registry).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Compromise {
    /// Since when, Unix seconds (written RFC 3339 in documents).
    pub since: i64,
    /// An optional note, at most [`MAX_COMPROMISE_NOTE_CHARS`] characters.
    pub note: Option<String>,
}

/// Reads an RFC 3339 time (`2026-12-01T08:00:00Z`) as Unix seconds, or says why not.
pub fn parse_time(text: &str) -> Result<i64, String> {
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| format!("{text:?} is not an RFC 3339 time such as \"2026-12-01T08:00:00Z\""))
}

/// Writes Unix seconds as RFC 3339 in UTC (`2026-12-01T08:00:00Z`); out-of-range times
/// as the epoch.
pub fn format_time(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl Channel {
    /// When the channel is compromised and `at` (Unix seconds) is at or after the time
    /// since when: that time.
    pub fn compromised_at(&self, at: i64) -> Option<i64> {
        self.compromised
            .as_ref()
            .map(|c| c.since)
            .filter(|since| at >= *since)
    }
}

/// A brand and its channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// Display name, e.g. "Example Exchange".
    pub name: String,
    /// Its channels, sorted and free of duplicates.
    pub channels: Vec<Channel>,
}

/// A validated registry. Construct it with one of the `from_*` functions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    brands: Vec<Brand>,
}

/// One problem found while validating a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Brand name, or `brand #N` when the name itself is missing.
    pub brand: String,
    /// The key concerned (`"domains"`, `"retired.x"`, `"name"`).
    pub key: String,
    /// The offending value, truncated for display.
    pub value: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}: {}: {}", self.brand, self.key, self.message)
        } else {
            write!(
                f,
                "{}: {}: {:?}: {}",
                self.brand, self.key, self.value, self.message
            )
        }
    }
}

/// Why a registry document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    #[error("the registry document is {len} bytes; the limit is {max}")]
    TooLarge {
        /// Actual size.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Not well-formed TOML or JSON.
    #[error("the registry document is not valid {format}: {message}")]
    Syntax {
        /// `"TOML"` or `"JSON"`.
        format: &'static str,
        /// The parser's message.
        message: String,
    },
    /// Well-formed but with invalid entries; every problem is listed.
    #[error("the registry has {} problem(s): {}", .0.len(), join(.0))]
    Invalid(Vec<Problem>),
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A raw channel as stored: the input to [`Registry::from_channels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawChannel {
    /// The brand's name.
    pub brand: String,
    /// File key of the kind (`"domains"`, `"x"`, …).
    pub key: String,
    /// The value.
    pub value: String,
    /// Chain name for addresses.
    pub chain: Option<String>,
    /// Whether the channel is retired.
    pub retired: bool,
    /// Since when the channel is compromised, Unix seconds.
    pub compromised_since: Option<i64>,
    /// The note on a compromised channel.
    pub compromised_note: Option<String>,
}

impl RawChannel {
    /// An active (or retired), uncompromised channel row.
    pub fn new(brand: &str, key: &str, value: &str, chain: Option<&str>, retired: bool) -> Self {
        RawChannel {
            brand: brand.to_owned(),
            key: key.to_owned(),
            value: value.to_owned(),
            chain: chain.map(str::to_owned),
            retired,
            compromised_since: None,
            compromised_note: None,
        }
    }
}

impl Registry {
    /// An empty registry.
    pub fn empty() -> Registry {
        Registry::default()
    }

    /// The brands, in file order.
    pub fn brands(&self) -> &[Brand] {
        &self.brands
    }

    /// Number of channels over all brands.
    pub fn channel_count(&self) -> usize {
        self.brands.iter().map(|b| b.channels.len()).sum()
    }

    /// Parses and validates a TOML registry document.
    pub fn from_toml(text: &str) -> Result<Registry, RegistryError> {
        check_size(text)?;
        let doc: toml::Table = toml::from_str(text).map_err(|e| RegistryError::Syntax {
            format: "TOML",
            message: e.message().to_owned(),
        })?;
        Registry::from_document(toml::Value::Table(doc))
    }

    /// Parses and validates a JSON registry document of the same shape as the TOML
    /// file: `{"brand": [{"name": "…", "domains": […], "retired": {…}}]}`.
    pub fn from_json(text: &str) -> Result<Registry, RegistryError> {
        check_size(text)?;
        let doc: toml::Value = serde_json::from_str(text).map_err(|e| RegistryError::Syntax {
            format: "JSON",
            message: e.to_string(),
        })?;
        Registry::from_document(doc)
    }

    fn from_document(doc: toml::Value) -> Result<Registry, RegistryError> {
        let mut problems = Vec::new();
        let mut raw = Vec::new();
        let problem = |key: &str, value: &str, message: &str| Problem {
            brand: "registry".into(),
            key: key.into(),
            value: truncate(value),
            message: message.into(),
        };
        let toml::Value::Table(mut doc) = doc else {
            return Err(RegistryError::Invalid(vec![problem(
                "",
                "",
                "the document must be a table with a `brand` list",
            )]));
        };
        let brands = match doc.remove("brand") {
            Some(toml::Value::Array(brands)) => brands,
            Some(_) => {
                return Err(RegistryError::Invalid(vec![problem(
                    "brand",
                    "",
                    "must be a list of brands ([[brand]] in TOML)",
                )]));
            }
            None => Vec::new(),
        };
        for key in doc.keys() {
            problems.push(problem(key, "", "unknown key (expected only `brand`)"));
        }
        if brands.len() > MAX_BRANDS {
            problems.push(problem(
                "brand",
                "",
                &format!("{} brands; the limit is {MAX_BRANDS}", brands.len()),
            ));
            return Err(RegistryError::Invalid(problems));
        }
        for (i, brand) in brands.into_iter().enumerate() {
            collect_brand(i, brand, &mut raw, &mut problems);
        }
        if !problems.is_empty() {
            return Err(RegistryError::Invalid(problems));
        }
        Registry::from_channels(raw)
    }

    /// Builds a registry from stored rows (or the rows a document was flattened to),
    /// validating and normalizing every value. Brands keep the order of their first row.
    pub fn from_channels(
        rows: impl IntoIterator<Item = RawChannel>,
    ) -> Result<Registry, RegistryError> {
        let mut problems = Vec::new();
        let mut brands: Vec<Brand> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        // Which brand claims each normalized channel, to refuse ambiguity.
        let mut owner: HashMap<(ChannelKind, String), (usize, Status)> = HashMap::new();
        for row in rows {
            let name = row.brand.trim();
            let key_label = if row.retired {
                format!("retired.{}", row.key)
            } else {
                row.key.clone()
            };
            let mut fail = |message: String| {
                problems.push(Problem {
                    brand: name.to_owned(),
                    key: key_label.clone(),
                    value: truncate(&row.value),
                    message,
                })
            };
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                fail(format!(
                    "a brand name must have 1 to {MAX_NAME_CHARS} characters"
                ));
                continue;
            }
            let Some(kind) = ChannelKind::from_key(&row.key) else {
                fail(format!(
                    "unknown key; expected one of: {}",
                    KEYS.map(|(k, _)| k).join(", ")
                ));
                continue;
            };
            let (value, chain) = match normalize(kind, &row.value, row.chain.as_deref()) {
                Ok(v) => v,
                Err(message) => {
                    fail(message);
                    continue;
                }
            };
            let status = if row.retired {
                Status::Retired
            } else {
                Status::Active
            };
            let compromised = match compromise(&row) {
                Ok(c) => c,
                Err(message) => {
                    fail(message);
                    continue;
                }
            };
            let index = *by_name.entry(name.to_owned()).or_insert_with(|| {
                brands.push(Brand {
                    name: name.to_owned(),
                    channels: Vec::new(),
                });
                brands.len() - 1
            });
            match owner.get(&(kind, value.clone())) {
                Some(&(other, _)) if other != index => {
                    let other_name = brands.get(other).map_or("", |b| b.name.as_str());
                    fail(format!("already listed for brand {other_name:?}"));
                    continue;
                }
                Some(&(_, other_status_same)) if other_status_same != status => {
                    fail("listed both as active and as retired".into());
                    continue;
                }
                Some(_) => continue, // an exact duplicate: harmless, keep one
                None => {}
            }
            let Some(brand) = brands.get_mut(index) else {
                continue;
            };
            if brand.channels.len() >= MAX_CHANNELS_PER_BRAND {
                fail(format!(
                    "more than {MAX_CHANNELS_PER_BRAND} channels for one brand"
                ));
                continue;
            }
            owner.insert((kind, value.clone()), (index, status));
            brand.channels.push(Channel {
                kind,
                value,
                chain,
                status,
                compromised,
            });
        }
        if !problems.is_empty() {
            return Err(RegistryError::Invalid(problems));
        }
        for brand in &mut brands {
            brand.channels.sort();
        }
        Ok(Registry { brands })
    }

    /// Flattens the registry into rows, the shape storage keeps.
    pub fn to_channels(&self) -> Vec<RawChannel> {
        self.brands
            .iter()
            .flat_map(|b| {
                b.channels.iter().map(|c| RawChannel {
                    brand: b.name.clone(),
                    key: c.kind.key().to_owned(),
                    value: c.value.clone(),
                    chain: c.chain.map(|ch| ch.as_str().to_owned()),
                    retired: c.status == Status::Retired,
                    compromised_since: c.compromised.as_ref().map(|m| m.since),
                    compromised_note: c.compromised.as_ref().and_then(|m| m.note.clone()),
                })
            })
            .collect()
    }

    /// The document form (`{"brand": [...]}`), for writing TOML or JSON.
    pub fn to_document(&self) -> toml::Table {
        let mut brands = Vec::new();
        for brand in &self.brands {
            let mut table = toml::Table::new();
            table.insert("name".into(), toml::Value::String(brand.name.clone()));
            let active = channel_table(brand, Status::Active);
            table.extend(active);
            let retired = channel_table(brand, Status::Retired);
            if !retired.is_empty() {
                table.insert("retired".into(), toml::Value::Table(retired));
            }
            brands.push(toml::Value::Table(table));
        }
        let mut doc = toml::Table::new();
        doc.insert("brand".into(), toml::Value::Array(brands));
        doc
    }

    /// The registry as a TOML file.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.to_document()).unwrap_or_default()
    }

    /// The registry as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.to_document()).unwrap_or_default()
    }
}

/// The compromise of a row, validated: only an active channel, a note of at most
/// [`MAX_COMPROMISE_NOTE_CHARS`] characters without control characters, no note alone.
fn compromise(row: &RawChannel) -> Result<Option<Compromise>, String> {
    let note = row
        .compromised_note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let Some(since) = row.compromised_since else {
        return match note {
            Some(_) => Err("a note is only for a channel with `compromised_since`".into()),
            None => Ok(None),
        };
    };
    if row.retired {
        return Err(
            "a retired channel cannot be marked compromised: it already verifies as formerly \
             official"
                .into(),
        );
    }
    if time::OffsetDateTime::from_unix_timestamp(since).is_err() {
        return Err("`compromised_since` is out of range".into());
    }
    if let Some(n) = note {
        if n.chars().count() > MAX_COMPROMISE_NOTE_CHARS {
            return Err(format!(
                "the note is over {MAX_COMPROMISE_NOTE_CHARS} characters"
            ));
        }
        if n.chars().any(char::is_control) {
            return Err("the note has control characters".into());
        }
    }
    Ok(Some(Compromise {
        since,
        note: note.map(str::to_owned),
    }))
}

fn check_size(text: &str) -> Result<(), RegistryError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(RegistryError::TooLarge {
            len: text.len(),
            max: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

fn channel_table(brand: &Brand, status: Status) -> toml::Table {
    let mut table = toml::Table::new();
    for (key, kind) in KEYS {
        let values: Vec<toml::Value> = brand
            .channels
            .iter()
            .filter(|c| c.kind == kind && c.status == status)
            .map(|c| {
                let mut t = toml::Table::new();
                match c.chain {
                    Some(chain) if kind == ChannelKind::Address => {
                        t.insert("chain".into(), toml::Value::String(chain.as_str().into()));
                        t.insert("address".into(), toml::Value::String(c.value.clone()));
                    }
                    _ if c.compromised.is_some() => {
                        t.insert("value".into(), toml::Value::String(c.value.clone()));
                    }
                    _ => return toml::Value::String(c.value.clone()),
                }
                if let Some(m) = &c.compromised {
                    t.insert(
                        "compromised_since".into(),
                        toml::Value::String(format_time(m.since)),
                    );
                    if let Some(note) = &m.note {
                        t.insert("note".into(), toml::Value::String(note.clone()));
                    }
                }
                toml::Value::Table(t)
            })
            .collect();
        if !values.is_empty() {
            table.insert(key.into(), toml::Value::Array(values));
        }
    }
    table
}

/// Flattens one `[[brand]]` table into raw rows, or records why it cannot be read.
fn collect_brand(
    i: usize,
    brand: toml::Value,
    raw: &mut Vec<RawChannel>,
    problems: &mut Vec<Problem>,
) {
    let fallback = format!("brand #{}", i + 1);
    let mut problem = |brand: &str, key: &str, message: &str| {
        problems.push(Problem {
            brand: brand.into(),
            key: key.into(),
            value: String::new(),
            message: message.into(),
        })
    };
    let toml::Value::Table(mut table) = brand else {
        problem(&fallback, "", "each brand must be a table");
        return;
    };
    let name = match table.remove("name") {
        Some(toml::Value::String(name)) if name.trim().is_empty() => {
            problem(&fallback, "name", "must not be empty");
            return;
        }
        Some(toml::Value::String(name)) => name,
        Some(_) => {
            problem(&fallback, "name", "must be a string");
            return;
        }
        None => {
            problem(&fallback, "name", "is required");
            return;
        }
    };
    let retired = table.remove("retired");
    let mut sets = vec![(table, false)];
    match retired {
        Some(toml::Value::Table(t)) => sets.push((t, true)),
        Some(_) => problem(&name, "retired", "must be a table of channels"),
        None => {}
    }
    for (set, is_retired) in sets {
        for (key, value) in set {
            let label = if is_retired {
                format!("retired.{key}")
            } else {
                key.clone()
            };
            let Some(kind) = ChannelKind::from_key(&key) else {
                problem(
                    &name,
                    &label,
                    &format!(
                        "unknown key; expected one of: name, retired, {}",
                        KEYS.map(|(k, _)| k).join(", ")
                    ),
                );
                continue;
            };
            let toml::Value::Array(items) = value else {
                problem(&name, &label, "must be a list");
                continue;
            };
            for item in items {
                match read_entry(kind, item) {
                    Ok(entry) => raw.push(RawChannel {
                        brand: name.clone(),
                        key: key.clone(),
                        value: entry.value,
                        chain: entry.chain,
                        retired: is_retired,
                        compromised_since: entry.since,
                        compromised_note: entry.note,
                    }),
                    Err(message) => problem(&name, &label, &message),
                }
            }
        }
    }
}

/// One list entry of a document, read but not yet normalized.
struct Entry {
    value: String,
    chain: Option<String>,
    since: Option<i64>,
    note: Option<String>,
}

/// Reads a list entry: a string, or a table (`{ value, compromised_since, note }`;
/// addresses `{ chain, address, compromised_since, note }`).
fn read_entry(kind: ChannelKind, item: toml::Value) -> Result<Entry, String> {
    let address = kind == ChannelKind::Address;
    let shape = if address {
        "each address must be { chain = \"…\", address = \"…\" } (optionally with \
         compromised_since and note)"
    } else {
        "each entry must be a string, or { value = \"…\", compromised_since = \"…\", note = \"…\" }"
    };
    let mut t = match item {
        toml::Value::String(s) if !address => {
            return Ok(Entry {
                value: s,
                chain: None,
                since: None,
                note: None,
            });
        }
        toml::Value::Table(t) => t,
        _ => return Err(shape.into()),
    };
    let mut text = |key: &str| match t.remove(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s)),
        // TOML's own date-time values are accepted too.
        Some(toml::Value::Datetime(d)) if key == "compromised_since" => Ok(Some(d.to_string())),
        Some(_) => Err(format!("`{key}` must be a string")),
    };
    let (value, chain) = if address {
        (text("address")?, text("chain")?)
    } else {
        (text("value")?, None)
    };
    let since = text("compromised_since")?;
    let note = text("note")?;
    if let Some(extra) = t.keys().next() {
        return Err(format!("unknown key `{extra}`: {shape}"));
    }
    let Some(value) = value else {
        return Err(shape.into());
    };
    if address && chain.is_none() {
        return Err(shape.into());
    }
    let since = match since {
        Some(s) => Some(parse_time(&s).map_err(|e| format!("compromised_since: {e}"))?),
        None => None,
    };
    Ok(Entry {
        value,
        chain,
        since,
        note,
    })
}

/// Normalizes one value of a kind, returning the message to show when it is invalid.
fn normalize(
    kind: ChannelKind,
    value: &str,
    chain: Option<&str>,
) -> Result<(String, Option<Chain>), String> {
    let value = value.trim();
    let ok = |s: &str| Ok((s.to_owned(), None));
    match kind {
        ChannelKind::Domain | ChannelKind::EmailDomain => Domain::parse(value)
            .map_err(|e| e.to_string())
            .and_then(|d| ok(d.as_str())),
        ChannelKind::Email => Email::parse(value)
            .map_err(|e| e.to_string())
            .and_then(|e| ok(e.as_str())),
        ChannelKind::Phone => Phone::parse(value, None)
            .map_err(|e| format!("{e} (write official numbers with their country code)"))
            .and_then(|p| ok(p.as_str())),
        ChannelKind::Account(platform) => Account::parse(value, Some(platform))
            .map_err(|e| e.to_string())
            .and_then(|a| match a.platform() {
                Some(p) if p != platform => Err(format!(
                    "this is a {} account, not a {} one",
                    p.as_str(),
                    platform.as_str()
                )),
                _ => ok(a.handle()),
            }),
        ChannelKind::Address => {
            let declared = chain
                .ok_or_else(|| "an address needs its chain".to_owned())
                .and_then(|c| Chain::from_str(c).map_err(|_| format!("unknown chain {c:?}")))?;
            let address = Address::parse(value).map_err(|e| e.to_string())?;
            if address.chain() != declared {
                return Err(format!(
                    "this is a {} address, but the chain says {}",
                    address.chain().as_str(),
                    declared.as_str()
                ));
            }
            Ok((address.as_str().to_owned(), Some(declared)))
        }
    }
}

/// Keeps problem reports readable when a value is huge.
fn truncate(value: &str) -> String {
    const MAX: usize = 120;
    if value.chars().count() <= MAX {
        return value.to_owned();
    }
    let mut s: String = value.chars().take(MAX).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests;

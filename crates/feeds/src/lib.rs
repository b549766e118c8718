//! Threat-intelligence feeds in and out of the blocklist.
//!
//! **In**: streaming parsers for the formats scam lists are published in, each turning a
//! document into [`Item`]s (a blocklist key plus whatever the feed says about it) and
//! [`Rejection`]s (where, what, and why not), one at a time through a sink, so a
//! million-line feed is never collected:
//!
//! | [`Format`] | document |
//! | --- | --- |
//! | `polkadot` | the Polkadot phishing list `all.json`: `{"allow": [], "deny": [], "denySub": []}` |
//! | `polkadot-addresses` | its `address.json`: `{"<scam domain>": ["<SS58 address>", …]}` |
//! | `metamask` | MetaMask's eth-phishing-detect `config.json`: `{"whitelist", "blacklist", "fuzzylist", "tolerance"}` |
//! | `text` | one indicator per line; blank lines and `#` comments skipped |
//! | `csv` | a header row naming columns, see [`csv_format`] |
//! | `stix` | a STIX 2.1 bundle: `indicator` objects and their patterns, see [`stix`] |
//!
//! Every indicator goes through [`indicator::parse`] and is keyed by
//! [`indicator::Indicator::key`], the key `verify` looks up. Allow lists
//! (Polkadot `allow`, MetaMask `whitelist`) are never imported: a listed entry that is
//! also allowed by the same document is rejected as [`Reason::Allowlisted`], and
//! MetaMask's `fuzzylist` (legitimate sites its lookalike detector protects) is counted
//! and skipped. With [`Options::official`], an indicator the registry calls official
//! is rejected ([`Reason::Official`]): official channels are never listed.
//!
//! [`merge`] decides what an item does to a stored entry so that importing the same
//! feed twice changes nothing.
//!
//! **Out**: writers for STIX 2.1 ([`stix::StixWriter`]), MISP event JSON
//! ([`misp::MispWriter`]) and CSV ([`csv_format::CsvWriter`]), one entry at a time,
//! with deterministic identifiers (UUIDv5), so the same data exports to the same bytes.
//!
//! The crate is pure: parsers read a byte slice the caller loaded; writers write to
//! any [`std::io::Write`] the caller passes (a `Vec<u8>` in tests). No files, clocks
//! or randomness: the time is passed in.

use std::fmt;
use std::str::FromStr;

use blocklist::{Entry, Severity};
use indicator::{Kind, ParseError, ParseOptions};

pub mod csv_format;
mod dates;
mod json;
pub mod metamask;
pub mod misp;
pub mod misp_feed;
pub mod polkadot;
pub mod stix;
pub mod taxii;
pub mod text;
mod uuid;

pub use dates::{format_date, format_micros, format_rfc3339, parse_date, parse_micros};
pub use uuid::uuid_v5;

/// Longest input shown back in a [`Rejection`], in characters.
pub const MAX_SHOWN_CHARS: usize = 120;

/// A feed format [`parse`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Polkadot phishing list `all.json`.
    Polkadot,
    /// Polkadot phishing list `address.json`.
    PolkadotAddresses,
    /// MetaMask eth-phishing-detect `config.json`.
    Metamask,
    /// CSV with a header row.
    Csv,
    /// One indicator per line.
    Text,
    /// STIX 2.1 bundle.
    Stix,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: [Format; 6] = [
        Format::Polkadot,
        Format::PolkadotAddresses,
        Format::Metamask,
        Format::Csv,
        Format::Text,
        Format::Stix,
    ];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Polkadot => "polkadot",
            Format::PolkadotAddresses => "polkadot-addresses",
            Format::Metamask => "metamask",
            Format::Csv => "csv",
            Format::Text => "text",
            Format::Stix => "stix",
        }
    }

    /// The source name entries get when the caller names none.
    pub fn default_source(self) -> Option<&'static str> {
        match self {
            Format::Polkadot | Format::PolkadotAddresses => Some("polkadot-phishing"),
            Format::Metamask => Some("metamask-phishing"),
            Format::Csv | Format::Text | Format::Stix => None,
        }
    }

    /// The categories entries get when the feed gives none.
    pub fn default_categories(self) -> &'static [&'static str] {
        match self {
            Format::Polkadot | Format::PolkadotAddresses | Format::Metamask => &["phishing"],
            Format::Csv | Format::Text | Format::Stix => &[],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown feed format; expected one of: {}", names.join(", "))
            })
    }
}

/// What a feed says about one indicator. `None` fields are what the feed does not say;
/// [`merge`] fills them from the defaults or the stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The indicator key, `"<kind>:<normalized>"`.
    pub key: String,
    /// Severity, when the feed gives one.
    pub severity: Option<Severity>,
    /// Categories the feed gives (sorted, no duplicates).
    pub categories: Vec<String>,
    /// Report count, when the feed gives one.
    pub report_count: Option<u32>,
    /// First seen, Unix seconds, when the feed gives it.
    pub first_seen: Option<i64>,
    /// Last seen, Unix seconds, when the feed gives it.
    pub last_seen: Option<i64>,
}

impl Item {
    /// An item that says nothing but its key.
    pub fn bare(key: String) -> Item {
        Item {
            key,
            severity: None,
            categories: Vec::new(),
            report_count: None,
            first_seen: None,
            last_seen: None,
        }
    }

    /// Folds a second statement about the same key into this one (a feed listing a key
    /// twice): categories united, the higher severity and count, the wider date range.
    pub fn absorb(&mut self, other: Item) {
        self.severity = max_opt(self.severity, other.severity);
        self.report_count = max_opt(self.report_count, other.report_count);
        self.first_seen = min_opt(self.first_seen, other.first_seen);
        self.last_seen = max_opt(self.last_seen, other.last_seen);
        for c in other.categories {
            insert_sorted(&mut self.categories, c);
        }
    }
}

fn max_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn insert_sorted(list: &mut Vec<String>, item: String) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

/// Why a feed line or object was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The value is not a readable indicator.
    #[error("{0}")]
    Invalid(ParseError),
    /// The value is an official channel in the registry: never listed (a report
    /// against one is a possible account takeover, for analysts).
    #[error("an official channel in the registry; official channels are never listed")]
    Official,
    /// The same document also allows it (Polkadot `allow`, MetaMask `whitelist`).
    #[error("also on the feed's own allow list")]
    Allowlisted,
    /// A JSON value where a string was expected.
    #[error("not a string")]
    NotAString,
    /// A field has a value this importer cannot read.
    #[error("bad `{field}`: {message}")]
    BadField {
        /// The field (column or property).
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A STIX pattern this importer does not read.
    #[error("unsupported STIX pattern: {0}")]
    UnsupportedPattern(String),
    /// A STIX indicator marked `revoked`.
    #[error("the indicator is revoked")]
    Revoked,
    /// A STIX indicator whose `valid_until` has passed.
    #[error("the indicator expired (valid_until is in the past)")]
    Expired,
}

impl Reason {
    /// A stable code for counting rejections by reason.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Invalid(e) => e.code(),
            Reason::Official => "official",
            Reason::Allowlisted => "allowlisted",
            Reason::NotAString => "not_a_string",
            Reason::BadField { .. } => "bad_field",
            Reason::UnsupportedPattern(_) => "unsupported_pattern",
            Reason::Revoked => "revoked",
            Reason::Expired => "expired",
        }
    }
}

/// One line or object not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Where: `"line 12"`, `"deny[5]"`, `"indicator--…"`.
    pub location: String,
    /// The value as written, shortened to [`MAX_SHOWN_CHARS`].
    pub input: String,
    /// Why.
    pub reason: Reason,
}

impl Rejection {
    pub(crate) fn new(location: String, input: &str, reason: Reason) -> Rejection {
        Rejection {
            location,
            input: shorten(input),
            reason,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}: {}", self.location, self.input, self.reason)
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(MAX_SHOWN_CHARS).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// What a parser hands its sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// An importable item.
    Item(Item),
    /// A line or object not imported.
    Rejected(Rejection),
}

/// What a document held besides items and rejections: lists read but, by design, not
/// imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// `(what, count, why)` for each such list, e.g. MetaMask's fuzzylist.
    pub not_imported: Vec<(&'static str, u64, &'static str)>,
}

/// A document that cannot be read at all (as opposed to one bad line in it).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// Not the JSON shape the format needs; the message says where.
    #[error("not a valid {format} document: {message}")]
    Malformed {
        /// The format expected.
        format: Format,
        /// What is wrong, with the position.
        message: String,
    },
    /// A well-formed document of another format than the one asked for.
    #[error("this is not a {format} document: {hint}")]
    WrongDocument {
        /// The format asked for.
        format: Format,
        /// What it looks like, and the format to use.
        hint: &'static str,
    },
    /// A CSV document whose header lacks the indicator column.
    #[error("the CSV header has no `indicator` column (first line must name the columns)")]
    NoIndicatorColumn,
}

/// How to read indicators.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Default region for phone numbers without a country code.
    pub parse: ParseOptions,
    /// The registry index: indicators it calls official are rejected.
    pub official: Option<&'a verify::Index>,
    /// Now, Unix seconds (STIX `valid_until` is compared with it).
    pub now: i64,
}

impl Options<'_> {
    /// Parses and keys one value (`hint`: the kind a column or pattern says it is).
    pub(crate) fn key(&self, value: &str, hint: Option<Kind>) -> Result<String, Reason> {
        let parsed = if hint.is_some() {
            let opts = ParseOptions {
                default_region: self.parse.default_region.clone(),
                hint,
            };
            indicator::parse(value, &opts)
        } else {
            indicator::parse(value, &self.parse)
        };
        let indicator = parsed.map_err(Reason::Invalid)?;
        let key = indicator.key();
        if let Some(index) = self.official
            && index
                .verify_indicator(indicator)
                .verdict
                .is_official_channel()
        {
            return Err(Reason::Official);
        }
        Ok(key)
    }
}

/// Reads a whole document of `format`, passing each item and rejection to `sink` in
/// document order.
pub fn parse(
    format: Format,
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    match format {
        Format::Polkadot => polkadot::parse_lists(input, options, sink),
        Format::PolkadotAddresses => polkadot::parse_addresses(input, options, sink),
        Format::Metamask => metamask::parse(input, options, sink),
        Format::Csv => csv_format::parse(input, options, sink),
        Format::Text => text::parse(input, options, sink),
        Format::Stix => stix::parse(input, options, sink),
    }
}

/// What to fill in where a feed says nothing.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// Source name recorded on every entry the feed touches.
    pub source: String,
    /// Severity of a new entry the feed gives none for.
    pub severity: Severity,
    /// Categories of a new entry the feed gives none for.
    pub categories: Vec<String>,
    /// Now, Unix seconds: the dates of an entry a feed lists without dates.
    pub now: i64,
}

/// The entry to store after `item` is imported over `existing`, or `None` when the
/// stored entry already says everything the item says (nothing to write).
///
/// The rule makes an import idempotent: sources and categories are united, severity
/// and report count only rise, the date range only widens; an item without dates dates
/// a new entry `now`, and bumps `last_seen` to `now` only when its source was not
/// listed yet. Importing the same item twice therefore writes once.
pub fn merge(existing: Option<&Entry>, item: &Item, defaults: &Defaults) -> Option<Entry> {
    let Some(old) = existing else {
        let mut categories = if item.categories.is_empty() {
            defaults.categories.clone()
        } else {
            item.categories.clone()
        };
        categories.sort();
        categories.dedup();
        let first = item.first_seen.or(item.last_seen).unwrap_or(defaults.now);
        let last = item.last_seen.unwrap_or(first).max(first);
        return Some(Entry {
            key: item.key.clone(),
            severity: item.severity.unwrap_or(defaults.severity),
            categories,
            report_count: item.report_count.unwrap_or(1).max(1),
            first_seen: first,
            last_seen: last,
            sources: vec![defaults.source.clone()],
        });
    };
    let mut new = old.clone();
    if !new.sources.contains(&defaults.source) {
        new.sources.push(defaults.source.clone());
        if item.last_seen.is_none() {
            new.last_seen = new.last_seen.max(defaults.now);
        }
    }
    for c in &item.categories {
        if !new.categories.contains(c) {
            new.categories.push(c.clone());
        }
    }
    if let Some(s) = item.severity {
        new.severity = new.severity.max(s);
    }
    if let Some(n) = item.report_count {
        new.report_count = new.report_count.max(n);
    }
    if let Some(t) = item.first_seen {
        new.first_seen = new.first_seen.min(t);
    }
    if let Some(t) = item.last_seen {
        new.last_seen = new.last_seen.max(t);
    }
    (new != *old).then_some(new)
}

/// A blocklist key split into its parts: kind, chain (addresses only) and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyParts<'a> {
    /// The indicator kind.
    pub kind: Kind,
    /// The chain of an address.
    pub chain: Option<indicator::Chain>,
    /// The normalized value.
    pub value: &'a str,
}

/// Splits a blocklist key (`"address:evm:0xab…"`, `"domain:evil.io"`); `None` when the
/// kind or chain is unknown.
pub fn split_key(key: &str) -> Option<KeyParts<'_>> {
    let (kind, rest) = key.split_once(':')?;
    let kind: Kind = kind.parse().ok()?;
    if kind == Kind::Address {
        let (chain, value) = rest.split_once(':')?;
        return Some(KeyParts {
            kind,
            chain: Some(chain.parse().ok()?),
            value,
        });
    }
    Some(KeyParts {
        kind,
        chain: None,
        value: rest,
    })
}

#[cfg(test)]
mod tests;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A STIX 2.1 bundle ([`stix::StixWriter`]).
    Stix2,
    /// A MISP event ([`misp::MispWriter`]).
    Misp,
    /// CSV ([`csv_format::CsvWriter`]).
    Csv,
}

impl ExportFormat {
    /// Every export format.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Stix2, ExportFormat::Misp, ExportFormat::Csv];

    /// The name on the command line and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Stix2 => "stix2",
            ExportFormat::Misp => "misp",
            ExportFormat::Csv => "csv",
        }
    }

    /// The media type to serve it as.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Stix2 => "application/stix+json;version=2.1",
            ExportFormat::Misp => "application/json",
            ExportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<ExportFormat, String> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| "unknown export format; expected one of: stix2, misp, csv".to_owned())
    }
}

/// A writer of any [`ExportFormat`]: `begin`, `entry` for each entry, `end`.
#[derive(Debug)]
pub enum Exporter {
    /// STIX 2.1.
    Stix2(stix::StixWriter),
    /// MISP.
    Misp(misp::MispWriter),
    /// CSV.
    Csv(csv_format::CsvWriter),
}

impl Exporter {
    /// A writer of `format`.
    pub fn new(format: ExportFormat, meta: stix::ExportMeta) -> Exporter {
        match format {
            ExportFormat::Stix2 => Exporter::Stix2(stix::StixWriter::new(meta)),
            ExportFormat::Misp => Exporter::Misp(misp::MispWriter::new(meta)),
            ExportFormat::Csv => Exporter::Csv(csv_format::CsvWriter::new()),
        }
    }

    /// Writes the document's head.
    pub fn begin(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Exporter::Stix2(w) => w.begin(out),
            Exporter::Misp(w) => w.begin(out),
            Exporter::Csv(w) => w.begin(out),
        }
    }

    /// Writes one entry.
    pub fn entry(&mut self, out: &mut dyn std::io::Write, e: &Entry) -> std::io::Result<()> {
        match self {
            Exporter::Stix2(w) => w.entry(out, e),
            Exporter::Misp(w) => w.entry(out, e),
            Exporter::Csv(w) => w.entry(out, e),
        }
    }

    /// Ends the document; returns how many entries had unreadable keys and were skipped.
    pub fn end(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<u64> {
        match self {
            Exporter::Stix2(w) => w.end(out),
            Exporter::Misp(w) => w.end(out),
            Exporter::Csv(w) => w.end(out),
        }
    }
}

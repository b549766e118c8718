//! CSV lists, read and written.
//!
//! The first line names the columns (any order, case-insensitive); only `indicator`
//! is required:
//!
//! | column | meaning |
//! | --- | --- |
//! | `indicator` (or `value`) | the indicator as written: domain, URL, email, phone, account, address |
//! | `kind` | its kind when the value alone is ambiguous (`telegram`, `x`, `domain`, `address`, …) |
//! | `severity` | `suspected` or `confirmed` |
//! | `categories` | scam categories separated by `;` (`phishing;fake_support`) |
//! | `report_count` | a whole number |
//! | `first_seen`, `last_seen` | RFC 3339, `YYYY-MM-DD`, or Unix seconds |
//!
//! Other columns (`chain`, `sources`, …) are ignored; empty cells mean "not said".
//! Lines starting with `#` are comments. Fields follow RFC 4180 (quotes around a field
//! with a comma; `""` inside quotes).
//!
//! [`CsvWriter`] writes `indicator,kind,chain,severity,categories,report_count,
//! first_seen,last_seen,sources`, which this reader reads back to the same keys. The
//! output is for programs: a spreadsheet would read a phone number `+852…` as a
//! formula, so open it as text.

use std::io::{self, Write};

use blocklist::{Entry, Severity};

use crate::{Event, FeedError, Item, Options, Outcome, Reason, Rejection, format_rfc3339};

/// Longest category name kept, in bytes; longer ones are rejected.
const MAX_CATEGORY_BYTES: usize = 64;

#[derive(Default)]
struct Columns {
    indicator: Option<usize>,
    kind: Option<usize>,
    severity: Option<usize>,
    categories: Option<usize>,
    report_count: Option<usize>,
    first_seen: Option<usize>,
    last_seen: Option<usize>,
}

/// Reads a CSV list.
pub fn parse(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader.byte_headers().map_err(|e| FeedError::Malformed {
        format: crate::Format::Csv,
        message: e.to_string(),
    })?;
    let mut cols = Columns::default();
    for (i, name) in headers.iter().enumerate() {
        let name = String::from_utf8_lossy(name).to_ascii_lowercase();
        let slot = match name.as_str() {
            "indicator" | "value" => &mut cols.indicator,
            "kind" | "type" => &mut cols.kind,
            "severity" => &mut cols.severity,
            "categories" | "category" => &mut cols.categories,
            "report_count" | "reports" => &mut cols.report_count,
            "first_seen" => &mut cols.first_seen,
            "last_seen" => &mut cols.last_seen,
            _ => continue,
        };
        slot.get_or_insert(i);
    }
    let Some(indicator_col) = cols.indicator else {
        return Err(FeedError::NoIndicatorColumn);
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line() + 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                sink(Event::Rejected(Rejection::new(
                    format!("line {line}"),
                    "",
                    Reason::BadField {
                        field: "line",
                        message: e.to_string(),
                    },
                )));
                // A CSV syntax error (e.g. an unterminated quote) may not resync.
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let location = format!("line {line}");
        let field = |col: Option<usize>| -> Result<Option<&str>, Reason> {
            match col.and_then(|c| record.get(c)) {
                None | Some(b"") => Ok(None),
                Some(bytes) => std::str::from_utf8(bytes)
                    .map(Some)
                    .map_err(|_| Reason::BadField {
                        field: "line",
                        message: "not UTF-8 text".into(),
                    }),
            }
        };
        let value = match field(Some(indicator_col)) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(reason) => {
                sink(Event::Rejected(Rejection::new(location, "", reason)));
                continue;
            }
        };
        if record.len() == 1 && value.starts_with('#') {
            continue;
        }
        let event = match read_row(value, &field, &cols, options) {
            Ok(item) => Event::Item(item),
            Err(reason) => Event::Rejected(Rejection::new(location, value, reason)),
        };
        sink(event);
    }
    Ok(Outcome::default())
}

fn read_row<'r>(
    value: &str,
    field: &dyn Fn(Option<usize>) -> Result<Option<&'r str>, Reason>,
    cols: &Columns,
    options: &Options<'_>,
) -> Result<Item, Reason> {
    let bad = |field: &'static str, message: String| Reason::BadField { field, message };
    let hint = match field(cols.kind)? {
        None => None,
        Some(k) => Some(
            verify::parse_kind(k)
                .ok_or_else(|| bad("kind", format!("unknown kind {:?}", crate::shorten(k))))?,
        ),
    };
    let mut item = Item::bare(options.key(value, hint)?);
    if let Some(s) = field(cols.severity)? {
        item.severity = Some(
            Severity::parse(&s.to_ascii_lowercase())
                .ok_or_else(|| bad("severity", "expected suspected or confirmed".into()))?,
        );
    }
    if let Some(list) = field(cols.categories)? {
        for c in list
            .split([';', '|'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if c.len() > MAX_CATEGORY_BYTES || c.chars().any(char::is_control) {
                return Err(bad(
                    "categories",
                    format!(
                        "a category has at most {MAX_CATEGORY_BYTES} bytes, no control characters"
                    ),
                ));
            }
            crate::insert_sorted(&mut item.categories, c.to_owned());
        }
    }
    if let Some(n) = field(cols.report_count)? {
        item.report_count = Some(
            n.parse()
                .map_err(|_| bad("report_count", "expected a whole number".into()))?,
        );
    }
    for (col, name, slot) in [
        (cols.first_seen, "first_seen", &mut item.first_seen),
        (cols.last_seen, "last_seen", &mut item.last_seen),
    ] {
        if let Some(d) = field(col)? {
            *slot = Some(crate::parse_date(d).ok_or_else(|| {
                bad(name, "expected RFC 3339, YYYY-MM-DD or Unix seconds".into())
            })?);
        }
    }
    Ok(item)
}

/// The header [`CsvWriter`] writes.
pub const HEADER: &str =
    "indicator,kind,chain,severity,categories,report_count,first_seen,last_seen,sources";

/// Writes entries as CSV, one row each, after a header row.
#[derive(Debug, Default)]
pub struct CsvWriter {
    skipped: u64,
}

impl CsvWriter {
    /// A writer.
    pub fn new() -> CsvWriter {
        CsvWriter::default()
    }

    /// Writes the header row.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")
    }

    /// Writes one entry (an entry whose key cannot be split is counted and skipped).
    pub fn entry(&mut self, out: &mut dyn Write, e: &Entry) -> io::Result<()> {
        let Some(parts) = crate::split_key(&e.key) else {
            self.skipped += 1;
            return Ok(());
        };
        let chain = parts.chain.map_or("", |c| c.as_str());
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::with_capacity(128));
        let row = [
            parts.value,
            parts.kind.as_str(),
            chain,
            e.severity.as_str(),
            &e.categories.join(";"),
            &e.report_count.to_string(),
            &format_rfc3339(e.first_seen),
            &format_rfc3339(e.last_seen),
            &e.sources.join(";"),
        ];
        w.write_record(row).map_err(io::Error::other)?;
        let bytes = w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(&bytes)
    }

    /// Ends the document (CSV needs no trailer); returns the number of entries skipped.
    pub fn end(&mut self, _out: &mut dyn Write) -> io::Result<u64> {
        Ok(self.skipped)
    }
}

//! Importing a feed into the blocklist (`antiscam import`, `antiscam serve
//! --blocklist`): streaming, idempotent, audited.
//!
//! A parser thread reads the document (`feeds::parse`) and hands batches of distinct
//! keys to the writer (this task) through a bounded channel, so parsing and the
//! database work overlap and memory stays bounded by a few batches. Each batch is one
//! `Store::merge_blocklist` transaction applying `feeds::merge`: importing the same
//! document again writes nothing. Official channels of the stored registry are
//! rejected. The import is audited (`import`, target the source) with its counts; a
//! running server picks the change up through its change polling.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;

use blocklist::Severity;
use feeds::{Defaults, Event, Format, Item, Rejection};
use store::Role;

pub use store::UpsertCounts;

use crate::{Error, Principal, Result, Service};

/// Largest feed document read, in bytes.
pub const MAX_FEED_BYTES: u64 = 1024 * 1024 * 1024;
/// Distinct keys per write transaction.
const BATCH: usize = 20_000;
/// Rejections listed one by one; the rest are only counted.
const SHOWN_REJECTIONS: usize = 20;

/// What to import, besides the document's bytes.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The document's format.
    pub format: Format,
    /// The file's name (for the default source and the audit).
    pub file_name: String,
    /// The source name recorded on entries (default: the format's, or `file:NAME`).
    pub source: Option<String>,
    /// The source's region (ISO 3166, uppercase): partners of that region get its
    /// entries in exports.
    pub region: Option<String>,
    /// Severity of new entries the feed gives none for.
    pub severity: Severity,
    /// Categories of new entries the feed gives none for (empty: the format's default).
    pub categories: Vec<String>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The source the entries were recorded under.
    pub source: String,
    /// Store counts: one per distinct key of each batch (a key listed again in a later
    /// batch is merged into the stored entry and counted again there).
    pub counts: UpsertCounts,
    /// Keys listed again later in the document, merged into the first listing.
    pub duplicates: u64,
    /// Rejections by reason code.
    pub rejected: BTreeMap<&'static str, u64>,
    /// The first rejections, in document order.
    pub examples: Vec<Rejection>,
    /// Lists read but not imported, by design.
    pub not_imported: Vec<(&'static str, u64, &'static str)>,
}

impl ImportReport {
    /// Rejections in all.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }
}

/// The source name when none is given.
pub fn default_source(format: Format, file_name: &str) -> String {
    match format.default_source() {
        Some(s) => s.to_owned(),
        None => format!("file:{file_name}"),
    }
}

/// Checks the request's source and categories; returns the source and the categories
/// of new entries.
fn checked(req: &ImportRequest) -> Result<(String, Vec<String>)> {
    let source = match &req.source {
        Some(s) => {
            if s.is_empty() || s.len() > 100 || s.chars().any(char::is_control) {
                return Err(Error::invalid(
                    "invalid_source",
                    "the source must be 1 to 100 characters, no control characters",
                ));
            }
            s.clone()
        }
        None => default_source(req.format, &req.file_name),
    };
    if req
        .categories
        .iter()
        .any(|c| c.is_empty() || c.len() > 64 || c.chars().any(char::is_control))
    {
        return Err(Error::invalid(
            "invalid_category",
            "a category must be 1 to 64 bytes, no control characters",
        ));
    }
    let categories = if req.categories.is_empty() {
        req.format
            .default_categories()
            .iter()
            .map(|c| (*c).to_owned())
            .collect()
    } else {
        req.categories.clone()
    };
    Ok((source, categories))
}

/// What the parser thread sends the writer.
enum Message {
    Batch(HashMap<String, Item>),
    Done(Box<ImportReport>),
    Failed(feeds::FeedError),
}

impl Service {
    /// Imports a feed document into the blocklist (admins; in practice the operator),
    /// streaming in batches; records the source's region, and audits the import.
    /// `progress` is told the counts after each batch, and how many keys it wrote.
    pub async fn import_feed(
        &self,
        by: &Principal,
        req: &ImportRequest,
        bytes: Vec<u8>,
        progress: &mut (dyn FnMut(u64, &UpsertCounts) + Send),
    ) -> Result<ImportReport> {
        by.require(&[Role::Admin])?;
        let (source, categories) = checked(req)?;
        if let Some(r) = &req.region
            && !(r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(Error::invalid(
                "invalid_region",
                format!("{r:?} is not an ISO 3166 region code"),
            ));
        }
        let defaults = Defaults {
            source: source.clone(),
            severity: req.severity,
            categories,
            now: self.now(),
        };
        let mut report = self
            .merge_feed(req.format, bytes, &defaults, progress)
            .await?;
        if let Some(region) = &req.region {
            store::set_source_region(self.store.as_ref(), &source, Some(region)).await?;
        }
        let detail = serde_json::json!({
            "file": req.file_name,
            "format": req.format.to_string(),
            "added": report.counts.added,
            "updated": report.counts.updated,
            "unchanged": report.counts.unchanged,
            "rejected": report.rejected_total(),
        })
        .to_string();
        self.store
            .reports()
            .append_audit(
                &by.actor(),
                "import",
                Some(&source),
                Some(&detail),
                self.now(),
            )
            .await?;
        report.source = source;
        Ok(report)
    }

    /// Parses the document on a thread and merges its batches into the blocklist.
    async fn merge_feed(
        &self,
        format: Format,
        bytes: Vec<u8>,
        defaults: &Defaults,
        progress: &mut (dyn FnMut(u64, &UpsertCounts) + Send),
    ) -> Result<ImportReport> {
        let registry = self.store.load_registry().await?;
        let default_region = self.settings.default_region.clone();
        let official = verify::Index::build(
            &registry,
            blocklist::Index::default(),
            verify::Options {
                default_region: default_region.clone(),
            },
        );
        let parse_options = indicator::ParseOptions {
            default_region,
            hint: None,
        };
        let now = defaults.now;
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Message>(2);
        let parser = std::thread::spawn(move || {
            let options = feeds::Options {
                parse: parse_options,
                official: Some(&official),
                now,
            };
            let mut report = ImportReport::default();
            let mut batch: HashMap<String, Item> = HashMap::new();
            let mut seen: HashSet<u64> = HashSet::new();
            let hasher = std::collections::hash_map::RandomState::new();
            let mut closed = false;
            let result = feeds::parse(format, &bytes, &options, &mut |event| match event {
                Event::Item(item) => {
                    if let Some(first) = batch.get_mut(&item.key) {
                        first.absorb(item);
                        report.duplicates += 1;
                        return;
                    }
                    // A key met in an earlier batch is still written: merged into what
                    // that batch stored, so what this line adds (a category, a later
                    // date) is kept. (The set holds hashes: a collision only costs a
                    // merge.)
                    if !seen.insert(hasher.hash_one(&item.key)) {
                        report.duplicates += 1;
                    }
                    batch.insert(item.key.clone(), item);
                    if batch.len() >= BATCH && !closed {
                        let full = std::mem::take(&mut batch);
                        closed = tx.blocking_send(Message::Batch(full)).is_err();
                    }
                }
                Event::Rejected(r) => {
                    *report.rejected.entry(r.reason.code()).or_default() += 1;
                    if report.examples.len() < SHOWN_REJECTIONS {
                        report.examples.push(r);
                    }
                }
            });
            let last = match result {
                Ok(outcome) => {
                    report.not_imported = outcome.not_imported;
                    if !batch.is_empty() {
                        let _ = tx.blocking_send(Message::Batch(batch));
                    }
                    Message::Done(Box::new(report))
                }
                Err(e) => Message::Failed(e),
            };
            let _ = tx.blocking_send(last);
        });
        let mut counts = UpsertCounts::default();
        let mut outcome = None;
        while let Some(message) = rx.recv().await {
            match message {
                Message::Batch(items) => {
                    let mut keys: Vec<String> = items.keys().cloned().collect();
                    keys.sort_unstable();
                    let got = self
                        .store
                        .merge_blocklist(&keys, &mut |key, old| {
                            let item = items.get(key)?;
                            feeds::merge(old.as_ref(), item, defaults)
                        })
                        .await?;
                    counts.added += got.added;
                    counts.updated += got.updated;
                    counts.unchanged += got.unchanged;
                    progress(keys.len() as u64, &counts);
                }
                Message::Done(report) => outcome = Some(Ok(report)),
                Message::Failed(e) => outcome = Some(Err(e)),
            }
        }
        let stopped = || Error::Internal("the feed parser stopped unexpectedly".into());
        if parser.join().is_err() {
            return Err(stopped());
        }
        match outcome {
            Some(Ok(mut report)) => {
                report.counts = counts;
                Ok(*report)
            }
            Some(Err(e)) => Err(Error::invalid("invalid_feed", e.to_string())),
            None => Err(stopped()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> ImportRequest {
        ImportRequest {
            format: Format::Text,
            file_name: "scams.txt".into(),
            source: None,
            region: None,
            severity: Severity::Suspected,
            categories: Vec::new(),
        }
    }

    #[test]
    fn sources_and_categories_are_checked() {
        assert_eq!(checked(&request()).expect("ok").0, "file:scams.txt");
        let mut bad = request();
        bad.source = Some("a\nb".into());
        assert!(matches!(
            checked(&bad),
            Err(Error::Invalid {
                code: "invalid_source",
                ..
            })
        ));
        let mut bad = request();
        bad.categories = vec![String::new()];
        assert!(matches!(
            checked(&bad),
            Err(Error::Invalid {
                code: "invalid_category",
                ..
            })
        ));
    }
}

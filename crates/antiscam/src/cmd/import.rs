//! `antiscam import`: a feed file into the blocklist, streaming, idempotent.
//!
//! A parser thread reads the file (`feeds::parse`) and hands batches of distinct keys
//! to the writer (this task) through a bounded channel, so parsing and the database
//! work overlap and memory stays bounded by a few batches. Each batch is one
//! `Store::merge_blocklist` transaction applying `feeds::merge`: re-importing the same
//! file writes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use blocklist::Severity;
use feeds::{Defaults, Event, Format, Item, Rejection};
use store::{Store, UpsertCounts};

use crate::config::{Config, parse_region};
use crate::data;

/// Largest feed file read, in bytes.
pub const MAX_FEED_BYTES: u64 = 1024 * 1024 * 1024;
/// Distinct keys per write transaction.
const BATCH: usize = 20_000;
/// Rejections listed one by one; the rest are only counted.
const SHOWN_REJECTIONS: usize = 20;

/// Import a feed into the blocklist (into the database ANTISCAM_DATABASE_URL names,
/// whether or not a server runs on it: a running server picks the change up within a
/// second).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// polkadot, polkadot-addresses, metamask, csv, text or stix.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// The source name recorded on entries (default: polkadot-phishing,
    /// metamask-phishing, or file:NAME).
    #[arg(long)]
    source: Option<String>,
    /// The region (ISO 3166 code) of this source: partners of that region get its
    /// entries in exports.
    #[arg(long)]
    region: Option<String>,
    /// Severity of new entries the feed gives none for.
    #[arg(long, default_value = "suspected", value_parser = parse_severity)]
    severity: Severity,
    /// Category of new entries the feed gives none for (repeatable; default: phishing
    /// for the Polkadot and MetaMask lists, none otherwise).
    #[arg(long = "category")]
    categories: Vec<String>,
    /// The feed file.
    file: PathBuf,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| "expected suspected or confirmed".to_owned())
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Store counts: one per distinct key of each batch (a key listed again in a later
    /// batch is merged into the stored entry and counted again there).
    pub counts: UpsertCounts,
    /// Keys listed again later in the file, merged into the first listing (in its
    /// batch, or into the stored entry when the first listing was in an earlier batch).
    pub duplicates: u64,
    /// Rejections by reason code.
    pub rejected: BTreeMap<&'static str, u64>,
    /// The first rejections, in file order.
    pub examples: Vec<Rejection>,
    /// Lists read but not imported, by design.
    pub not_imported: Vec<(&'static str, u64, &'static str)>,
}

impl Report {
    /// Rejections in all.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }
}

/// Runs `antiscam import`.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let region = args.region.as_deref().map(parse_region).transpose()?;
    let source = match &args.source {
        Some(s) => {
            if s.is_empty() || s.len() > 100 || s.chars().any(char::is_control) {
                bail!("--source must be 1 to 100 characters, no control characters");
            }
            s.clone()
        }
        None => default_source(args.format, &args.file),
    };
    for c in &args.categories {
        if c.is_empty() || c.len() > 64 || c.chars().any(char::is_control) {
            bail!("--category must be 1 to 64 bytes, no control characters");
        }
    }
    let categories = if args.categories.is_empty() {
        args.format
            .default_categories()
            .iter()
            .map(|c| (*c).to_owned())
            .collect()
    } else {
        args.categories.clone()
    };
    let started = Instant::now();
    let report = super::runtime()?.block_on(async {
        let store = data::open_store(config).await?;
        let report = import_file(
            &store,
            config,
            &args.file,
            args.format,
            Defaults {
                source: source.clone(),
                severity: args.severity,
                categories,
                now: now(),
            },
            std::io::stderr().is_terminal(),
        )
        .await?;
        if let Some(region) = &region {
            store::set_source_region(store.as_ref(), &source, Some(region)).await?;
        }
        audit_import(store.as_ref(), &args.file, args.format, &source, &report).await?;
        store.close().await;
        anyhow::Ok(report)
    })?;
    print_report(&args.file, args.format, &source, &report, started);
    Ok(())
}

/// Appends the `import` audit record: which file, as which source, and what it did.
pub async fn audit_import(
    store: &dyn Store,
    file: &Path,
    format: Format,
    source: &str,
    report: &Report,
) -> anyhow::Result<()> {
    let name = file
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let detail = serde_json::json!({
        "file": name,
        "format": format.to_string(),
        "added": report.counts.added,
        "updated": report.counts.updated,
        "unchanged": report.counts.unchanged,
        "rejected": report.rejected_total(),
    })
    .to_string();
    store
        .reports()
        .append_audit(
            &store::reports::Actor::cli(),
            "import",
            Some(source),
            Some(&detail),
            super::now(),
        )
        .await
        .context("cannot write the audit record of the import")?;
    Ok(())
}

/// The source name when none is given.
pub fn default_source(format: Format, file: &Path) -> String {
    match format.default_source() {
        Some(s) => s.to_owned(),
        None => {
            let name = file
                .file_name()
                .map_or_else(|| "file".into(), |n| n.to_string_lossy());
            format!("file:{name}")
        }
    }
}

fn print_report(file: &Path, format: Format, source: &str, r: &Report, started: Instant) {
    println!(
        "imported {} ({format}) as source {source:?} in {:.2} s",
        file.display(),
        started.elapsed().as_secs_f64()
    );
    println!("  added      {:>10}", r.counts.added);
    println!("  updated    {:>10}", r.counts.updated);
    println!("  unchanged  {:>10}", r.counts.unchanged);
    println!("  duplicates {:>10}", r.duplicates);
    println!("  rejected   {:>10}", r.rejected_total());
    for (code, n) in &r.rejected {
        println!("    {code}: {n}");
    }
    for e in &r.examples {
        println!("    {e}");
    }
    let shown = r.examples.len() as u64;
    if r.rejected_total() > shown {
        println!("    … and {} more", r.rejected_total() - shown);
    }
    for (what, n, why) in &r.not_imported {
        if *n > 0 {
            println!("  not imported: {what} ({n}): {why}");
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// What the parser thread sends the writer.
enum Message {
    Batch(HashMap<String, Item>),
    Done(Box<Report>),
    Failed(feeds::FeedError),
}

/// Imports a feed file into the store, streaming in batches. Official channels of the
/// stored registry are rejected. `progress` shows a progress bar on stderr.
pub async fn import_file(
    store: &Arc<dyn Store>,
    config: &Config,
    path: &Path,
    format: Format,
    defaults: Defaults,
    progress: bool,
) -> anyhow::Result<Report> {
    let bytes = read_limited(path)?;
    let registry = store.load_registry().await?;
    let options = verify::Options {
        default_region: config.default_region.clone(),
    };
    let official = verify::Index::build(&registry, blocklist::Index::default(), options);
    let parse_options = indicator::ParseOptions {
        default_region: config.default_region.clone(),
        hint: None,
    };
    let now = defaults.now;
    let bar = progress_bar(format, &bytes, progress);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Message>(2);
    let parser = std::thread::spawn(move || {
        let options = feeds::Options {
            parse: parse_options,
            official: Some(&official),
            now,
        };
        let mut report = Report::default();
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
                // A key met in an earlier batch is still written: merged into what that
                // batch stored, so what this line adds (a category, a later date) is
                // kept. (The set holds hashes: a collision only costs a merge.)
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
                let got = store
                    .merge_blocklist(&keys, &mut |key, old| {
                        let item = items.get(key)?;
                        feeds::merge(old.as_ref(), item, &defaults)
                    })
                    .await
                    .context("cannot write to the blocklist")?;
                counts.added += got.added;
                counts.updated += got.updated;
                counts.unchanged += got.unchanged;
                bar.inc(keys.len() as u64);
                bar.set_message(format!(
                    "added {} updated {} unchanged {}",
                    counts.added, counts.updated, counts.unchanged
                ));
            }
            Message::Done(report) => outcome = Some(Ok(report)),
            Message::Failed(e) => outcome = Some(Err(e)),
        }
    }
    bar.finish_and_clear();
    if parser.join().is_err() {
        bail!("the feed parser stopped unexpectedly");
    }
    match outcome {
        Some(Ok(mut report)) => {
            report.counts = counts;
            Ok(*report)
        }
        Some(Err(e)) => Err(anyhow::Error::new(e).context(format!("{}", path.display()))),
        None => bail!("the feed parser stopped unexpectedly"),
    }
}

fn progress_bar(format: Format, bytes: &[u8], shown: bool) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match format {
        // One indicator a line: the line count bounds the work.
        Format::Text | Format::Csv => {
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            let bar = indicatif::ProgressBar::new(lines.max(1));
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} lines {elapsed} {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        }
        _ => {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {pos} keys {elapsed} {msg}")
            {
                bar.set_style(style);
            }
            bar
        }
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FEED_BYTES {
        bail!(
            "{} is {} bytes; the limit is {MAX_FEED_BYTES}",
            path.display(),
            meta.len()
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

//! `antiscam import`: a feed file into the blocklist, streaming, idempotent (the use
//! case: `service::import`), or, with `--format allowlist`, the operator's allowlist of
//! indicators Verify must not call impersonations (`service::allowlist`). This reads the
//! file, shows progress and prints the counts.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use blocklist::Severity;
use feeds::Format;
use service::Principal;
use service::allowlist::{AllowlistRequest, MAX_ALLOWLIST_BYTES};
use service::import::{ImportReport, ImportRequest, MAX_FEED_BYTES};

use crate::config::{Config, parse_region};
use crate::data;

/// Import a feed into the blocklist, or an allowlist (into the database
/// ANTISCAM_DATABASE_URL names, whether or not a server runs on it: a running server picks
/// the change up within a second).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// polkadot, polkadot-addresses, metamask, csv, text or stix (into the blocklist), or
    /// allowlist: one indicator a line that Verify must never call an impersonation (with
    /// --by and --note; list and remove entries with `antiscam allowlist`).
    #[arg(long, value_parser = parse_format)]
    format: ImportFormat,
    /// Allowlist: who vouches for these entries (recorded on each and in the audit log).
    #[arg(long)]
    by: Option<String>,
    /// Allowlist: why these are not impersonations (recorded on each entry).
    #[arg(long)]
    note: Option<String>,
    /// Allowlist: only print which verdicts the import would change; store nothing.
    #[arg(long)]
    dry_run: bool,
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

/// A feed into the blocklist, or the operator's allowlist.
#[derive(Debug, Clone, Copy)]
enum ImportFormat {
    Feed(Format),
    Allowlist,
}

fn parse_format(s: &str) -> Result<ImportFormat, String> {
    if s == "allowlist" {
        return Ok(ImportFormat::Allowlist);
    }
    s.parse().map(ImportFormat::Feed)
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| "expected suspected or confirmed".to_owned())
}

/// Runs `antiscam import`.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let format = match args.format {
        ImportFormat::Feed(f) => f,
        ImportFormat::Allowlist => return allowlist(config, &args),
    };
    if args.by.is_some() || args.note.is_some() || args.dry_run {
        bail!("--by, --note and --dry-run are for --format allowlist");
    }
    let region = args.region.as_deref().map(parse_region).transpose()?;
    let req = ImportRequest {
        format,
        file_name: file_name(&args.file),
        source: args.source.clone(),
        region,
        severity: args.severity,
        categories: args.categories.clone(),
    };
    let started = Instant::now();
    let bytes = read_limited(&args.file)?;
    let bar = progress_bar(format, &bytes, std::io::stderr().is_terminal());
    let report = super::runtime()?.block_on(async {
        let service = data::open_service(config).await?;
        let report = service
            .import_feed(&Principal::Operator, &req, bytes, &mut |n, counts| {
                bar.inc(n);
                bar.set_message(format!(
                    "added {} updated {} unchanged {}",
                    counts.added, counts.updated, counts.unchanged
                ));
            })
            .await;
        bar.finish_and_clear();
        service.close().await;
        report.map_err(|e| import_error(e, &args.file))
    })?;
    print_report(&args.file, format, &report, started);
    Ok(())
}

/// `--format allowlist`: the operator's allowlist, audited, with what it changes printed.
fn allowlist(config: &Config, args: &Args) -> anyhow::Result<()> {
    if args.region.is_some() || args.source.is_some() || !args.categories.is_empty() {
        bail!("--region, --source and --category are for feeds, not --format allowlist");
    }
    let (Some(by), Some(note)) = (&args.by, &args.note) else {
        bail!("--format allowlist needs --by (who vouches) and --note (why)");
    };
    let bytes = read_limited(&args.file)?;
    if bytes.len() > MAX_ALLOWLIST_BYTES {
        bail!(
            "{} is {} bytes; the limit for an allowlist is {MAX_ALLOWLIST_BYTES}",
            args.file.display(),
            bytes.len()
        );
    }
    let text = String::from_utf8(bytes)
        .with_context(|| format!("{} is not UTF-8 text", args.file.display()))?;
    let req = AllowlistRequest {
        file_name: file_name(&args.file),
        added_by: by.clone(),
        note: note.clone(),
        dry_run: args.dry_run,
    };
    let report = super::runtime()?.block_on(async {
        let service = data::open_service(config).await?;
        let report = service
            .import_allowlist(&Principal::Operator, &req, &text)
            .await;
        service.close().await;
        report.with_context(|| format!("cannot import the allowlist {}", args.file.display()))
    })?;
    let what = if args.dry_run {
        "would allowlist"
    } else {
        "allowlisted"
    };
    println!(
        "{what} {} entries of {} (by {:?})",
        report.keys,
        args.file.display(),
        req.added_by
    );
    if !args.dry_run {
        println!("  added      {:>8}", report.counts.added);
        println!("  unchanged  {:>8}", report.counts.unchanged);
    }
    println!("  duplicates {:>8}", report.duplicates);
    println!(
        "  verdicts changed from impersonation to unknown: {}",
        report.vetoed_total
    );
    for v in &report.vetoed {
        println!("    {}  (was: {}, {})", v.key, v.brand, v.technique);
    }
    if report.vetoed_total > report.vetoed.len() as u64 {
        println!(
            "    … and {} more",
            report.vetoed_total - report.vetoed.len() as u64
        );
    }
    if !report.still_reported.is_empty() {
        println!(
            "  still reported scams (the allowlist does not hide reports): {}",
            report.still_reported.len()
        );
        for k in report.still_reported.iter().take(20) {
            println!("    {k}");
        }
    }
    println!("  rejected   {:>8}", report.rejected.len());
    for (line, why) in report.rejected.iter().take(20) {
        println!("    line {line}: {why}");
    }
    Ok(())
}

/// A file's name, as entries' default source and the audit record name it.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned())
}

/// The use case's refusals, in the command's terms.
pub fn import_error(e: service::Error, file: &Path) -> anyhow::Error {
    match e {
        service::Error::Invalid {
            code: "invalid_source",
            ..
        } => anyhow::anyhow!("--source must be 1 to 100 characters, no control characters"),
        service::Error::Invalid {
            code: "invalid_category",
            ..
        } => anyhow::anyhow!("--category must be 1 to 64 bytes, no control characters"),
        service::Error::Invalid {
            code: "invalid_feed",
            message,
        } => anyhow::anyhow!("{}: {message}", file.display()),
        e => anyhow::Error::new(e).context("cannot import"),
    }
}

fn print_report(file: &Path, format: Format, r: &ImportReport, started: Instant) {
    println!(
        "imported {} ({format}) as source {:?} in {:.2} s",
        file.display(),
        r.source,
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

/// The feed file, refused over [`MAX_FEED_BYTES`].
pub fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
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

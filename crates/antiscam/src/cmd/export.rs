//! `antiscam export`: the blocklist as STIX 2.1, MISP or CSV, streamed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use feeds::ExportFormat;
use server::export::{ExportStream, Filter};

use crate::config::{Config, parse_region};
use crate::data;

/// Export the blocklist for investigators' tools.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// stix2, misp or csv.
    #[arg(long, value_parser = parse_format)]
    format: ExportFormat,
    /// Only entries of this region (ISO 3166 code): entries from sources imported with
    /// this --region, and phone numbers of the region.
    #[arg(long)]
    region: Option<String>,
    /// Only entries last seen on or after this date (2024-05-01 or RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// Write here instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<ExportFormat, String> {
    s.parse()
}

/// Runs `antiscam export`.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let region = args.region.as_deref().map(parse_region).transpose()?;
    let since = match &args.since {
        None => None,
        Some(s) => Some(server::export::parse_since(s).with_context(|| {
            format!("--since {s:?}: expected a date (2024-05-01) or an RFC 3339 time")
        })?),
    };
    let mut out: Box<dyn Write> = match &args.output {
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
    };
    let producer = config
        .site_brand
        .clone()
        .unwrap_or_else(|| "antiscam".into());
    let counts = super::runtime()?.block_on(async {
        let store = data::open_store(config).await?;
        let filter = Filter { region, since };
        server::export::audit_export(
            store.as_ref(),
            &store::reports::Actor::cli(),
            args.format,
            &filter,
            now(),
        )
        .await?;
        let mut stream =
            ExportStream::new(store.clone(), args.format, filter, producer, now()).await?;
        let written = async {
            while let Some(chunk) = stream.next_chunk().await? {
                out.write_all(&chunk)?;
            }
            out.flush()?;
            anyhow::Ok(())
        }
        .await;
        // A reader that stops early (`| head`) is not an error.
        if let Err(e) = written
            && e.downcast_ref::<std::io::Error>()
                .is_none_or(|io| io.kind() != std::io::ErrorKind::BrokenPipe)
        {
            return Err(e.context("cannot write the export"));
        }
        store.close().await;
        anyhow::Ok(stream.counts())
    })?;
    eprintln!(
        "antiscam: exported {} entries as {}{}",
        counts.written,
        args.format.as_str(),
        if counts.skipped > 0 {
            format!(" ({} with unreadable keys skipped)", counts.skipped)
        } else {
            String::new()
        }
    );
    Ok(())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

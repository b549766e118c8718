//! `antiscam export`: the blocklist as STIX 2.1, MISP or CSV, streamed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use feeds::ExportFormat;
use service::Principal;
use service::export::ExportRequest;

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
    let req = ExportRequest {
        format: args.format.as_str().to_owned(),
        region: args.region.as_deref().map(parse_region).transpose()?,
        since: args.since.clone(),
    };
    let mut out: Box<dyn Write> = match &args.output {
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
    };
    let counts = super::runtime()?.block_on(async {
        let service = data::open_service(config).await?;
        let (_, mut stream) =
            service
                .export(&Principal::Operator, &req)
                .await
                .map_err(|e| match e {
                    service::Error::BadRequest(m) if m.starts_with("since") => anyhow::anyhow!(
                        "--since {:?}: expected a date (2024-05-01) or an RFC 3339 time",
                        req.since.as_deref().unwrap_or_default()
                    ),
                    e => e.into(),
                })?;
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
        service.close().await;
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

//! `antiscam retractions`: offline verification of signed retractions
//! (`GET /v1/retractions`), and the public key that signs them.

use std::path::PathBuf;

use anyhow::{Context, bail};
use service::{retractions, signing};

use crate::config::Config;
use crate::data;

/// Largest retractions document read, bytes.
const MAX_DOCUMENT: u64 = 256 * 1024 * 1024;

/// Signed retractions of delisted entries.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Check every signature of a retractions document (the JSON of
    /// GET /v1/retractions, or a JSON list of its entries) offline.
    Verify {
        /// The document as downloaded.
        file: PathBuf,
        /// The public key: a retractions-key file, or its 64 hex digits (pin it;
        /// never take it from the document itself).
        #[arg(long)]
        public_key: String,
    },
    /// Print the public key of the retraction signatures (64 hex digits) and its
    /// fingerprint.
    Key,
}

/// Runs a retractions subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::Verify { file, public_key } => verify(&file, &public_key),
        Command::Key => super::runtime()?.block_on(async {
            let service = data::open_service(config).await?;
            let public = service.retractions_public_key();
            println!("{public}");
            eprintln!("fingerprint {}", signing::fingerprint(&public));
            Ok(())
        }),
    }
}

fn verify(file: &PathBuf, key: &str) -> anyhow::Result<()> {
    let meta =
        std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?;
    if meta.len() > MAX_DOCUMENT {
        bail!("{} is larger than 256 MiB", file.display());
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let key = super::registry::hex_arg(key, 64, "public key")?;
    let n = retractions::verify_document(&bytes, &key)
        .with_context(|| format!("{} is NOT verified", file.display()))?;
    println!(
        "{}: {n} retraction(s), every signature good by key {}",
        file.display(),
        signing::fingerprint(&key)
    );
    Ok(())
}

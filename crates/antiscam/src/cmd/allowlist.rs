//! `antiscam allowlist`: list and remove the operator's allowlist entries (the use cases
//! of `service::allowlist`, as the operator). Entries are added with `antiscam import
//! --format allowlist`; every change is in the audit log (`antiscam blocklist audit`).

use anyhow::{Context, bail};
use service::Principal;

use crate::config::Config;
use crate::data;

/// List or remove allowlist entries.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Print every entry: key, who added it and when, the file, the note.
    List,
    /// Remove an entry, with a reason kept in the audit log: Verify judges it again.
    Remove {
        /// The indicator (as Verify reads it) or its key (`domain:example.org`).
        indicator: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
    },
}

/// Runs an allowlist subcommand, as the operator.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        let result = match args.command {
            Command::List => list(&service, &by).await,
            Command::Remove { indicator, reason } => {
                match service
                    .remove_allowlisted(&by, &indicator, &reason)
                    .await
                    .with_context(|| format!("{:?}", indicator.trim()))?
                {
                    Some(e) => {
                        println!(
                            "removed {} (added by {:?} from {})",
                            e.key, e.added_by, e.source
                        );
                        Ok(())
                    }
                    None => bail!("{:?} is not on the allowlist", indicator.trim()),
                }
            }
        };
        service.close().await;
        result
    })
}

async fn list(service: &service::Service, by: &Principal) -> anyhow::Result<()> {
    let entries = service.allowlist(by).await?;
    for e in &entries {
        println!(
            "{}  {}  by {:?}  from {}  {}",
            e.key,
            wire::rfc3339(e.added_at),
            e.added_by,
            e.source,
            e.note.replace('\n', " ")
        );
    }
    println!("{} entries", entries.len());
    Ok(())
}

//! `antiscam blocklist`: the lifecycle of listed indicators from the command line (the
//! use cases of `service::reports`, as the operator), on the database whether or not
//! a server runs (a running server picks the change up at
//! its next rebuild; through the API it is immediate).

use anyhow::{Context, bail};
use service::Principal;
use service::reports::{MAX_NOTE_CHARS, Triaged};

use crate::config::Config;
use crate::data;

/// Age or delist blocklist entries; read the audit log.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Remove entries without new evidence for longer than the configured time
    /// (`[reports] suspected_ttl_days`, `confirmed_ttl_days`; 60 and 365 by default).
    Age,
    /// Remove an indicator from the blocklist, with a reason kept in the audit log;
    /// reports do not list it again until an analyst confirms it.
    Delist {
        /// The indicator (as Verify reads it) or its key (`domain:evil.io`).
        indicator: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
    },
    /// Print the audit log, newest first.
    Audit {
        /// How many records.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

/// Runs a blocklist subcommand, as the operator.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        match args.command {
            Command::Age => {
                let n = service.age_blocklist(&by).await?;
                println!(
                    "expired {} suspected and {} confirmed entries",
                    n.suspected, n.confirmed
                );
            }
            Command::Delist { indicator, reason } => {
                let reason = reason.trim();
                if reason.is_empty() || reason.chars().count() > MAX_NOTE_CHARS {
                    bail!("--reason must be 1 to 2,000 characters");
                }
                let request = wire::TriageRequest {
                    action: "delist".into(),
                    reason: Some(reason.to_owned()),
                    ..wire::TriageRequest::default()
                };
                match service
                    .triage(&by, &indicator, &request)
                    .await
                    .with_context(|| format!("{:?}", indicator.trim()))?
                {
                    Triaged::Delisted(key, true) => println!("delisted {key}"),
                    Triaged::Delisted(key, false) => {
                        println!("{key} was not listed; reports will not list it until confirmed")
                    }
                    Triaged::Group(..) | Triaged::Pending(_) => bail!("not a delisting"),
                }
            }
            Command::Audit { limit } => {
                for r in service.audit_log(&by, None, limit).await? {
                    println!(
                        "{:>6}  {}  {:<8} {:>5}  {:<22} {}  {}  {}",
                        r.id,
                        wire::rfc3339(r.at),
                        r.role,
                        r.key_id.map_or("-".into(), |k| k.to_string()),
                        r.action,
                        r.target.as_deref().unwrap_or("-"),
                        r.ip.as_deref().unwrap_or("-"),
                        r.detail.as_deref().unwrap_or("")
                    );
                }
            }
        }
        service.close().await;
        Ok(())
    })
}

//! `antiscam blocklist`: the lifecycle of listed indicators from the command line, on
//! the database whether or not a server runs (a running server picks the change up at
//! its next rebuild; through the API it is immediate).

use service::Principal;

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

/// Runs a blocklist subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        match args.command {
            Command::Age => {
                let n = service.age_blocklist(&by, &config.reports.policy).await?;
                println!(
                    "expired {} suspected and {} confirmed entries",
                    n.suspected, n.confirmed
                );
            }
            Command::Delist { indicator, reason } => {
                let (key, was_listed) = service
                    .delist_indicator(&by, &indicator, &reason)
                    .await
                    .map_err(|e| match e {
                        service::Error::Invalid {
                            code: "invalid_reason",
                            ..
                        } => anyhow::anyhow!("--reason must be 1 to 2,000 characters"),
                        e => e.into(),
                    })?;
                if was_listed {
                    println!("delisted {key}");
                } else {
                    println!("{key} was not listed; reports will not list it until confirmed");
                }
            }
            Command::Audit { limit } => {
                for r in service.audit_records(&by, None, limit).await? {
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

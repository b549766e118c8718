//! `antiscam blocklist`: the lifecycle of listed indicators from the command line, on
//! the database whether or not a server runs (a running server picks the change up at
//! its next rebuild; through the API it is immediate).

use anyhow::bail;
use store::reports::Actor;

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

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Runs a blocklist subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let store = data::open_store(config).await?;
        let reports = store.reports();
        match args.command {
            Command::Age => {
                let policy = config.reports.policy;
                let n = reports
                    .expire_blocklist(now(), &policy, &Actor::cli())
                    .await?;
                println!(
                    "expired {} suspected and {} confirmed entries",
                    n.suspected, n.confirmed
                );
            }
            Command::Delist { indicator, reason } => {
                let reason = reason.trim();
                if reason.is_empty() || reason.chars().count() > 2_000 {
                    bail!("--reason must be 1 to 2,000 characters");
                }
                let key = key_of(&indicator, config)?;
                let was_listed = reports.delist(&key, reason, &Actor::cli(), now()).await?;
                if was_listed {
                    println!("delisted {key}");
                } else {
                    println!("{key} was not listed; reports will not list it until confirmed");
                }
            }
            Command::Audit { limit } => {
                for r in reports.audit_log(None, limit).await? {
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
        store.close().await;
        Ok(())
    })
}

/// A stored key (`kind:value` with a known kind) as is, else the indicator's key.
fn key_of(input: &str, config: &Config) -> anyhow::Result<String> {
    let input = input.trim();
    if let Some((kind, value)) = input.split_once(':')
        && !value.is_empty()
        && verify::parse_kind(kind).is_some_and(|k| k.as_str() == kind)
    {
        return Ok(input.to_owned());
    }
    let options = indicator::ParseOptions {
        default_region: config.default_region.clone(),
        hint: None,
    };
    indicator::parse(input, &options)
        .map(|i| i.key())
        .map_err(|e| anyhow::anyhow!("{input:?}: {e}"))
}

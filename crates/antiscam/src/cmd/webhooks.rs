//! `antiscam webhooks`: the operator's view of signed webhook subscriptions and the
//! replay of dead letters (docs/WEBHOOKS.md).

use service::Principal;

use crate::config::Config;
use crate::data;

/// Signed webhooks: list subscriptions, show dead letters, replay them.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the subscriptions and their delivery status.
    List,
    /// Show a subscription's recent deliveries (`--dead`: only dead letters).
    Deliveries {
        /// The id shown by `webhooks list`.
        subscription: i64,
        /// Only dead letters.
        #[arg(long)]
        dead: bool,
    },
    /// Requeue a subscription's dead letters (audited); the server delivers them.
    Replay {
        /// The id shown by `webhooks list`.
        subscription: i64,
        /// Only events at or after this RFC 3339 time.
        #[arg(long)]
        since: Option<String>,
    },
}

/// Runs a webhooks subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        match args.command {
            Command::List => {
                println!(
                    "{:>5}  {:>7}  {:>5}  {:<20}  {:<20}  url",
                    "id", "pending", "dead", "last success", "last failure"
                );
                for s in service.webhooks(&by).await? {
                    let at = |t: Option<i64>| t.map_or_else(|| "-".to_owned(), wire::rfc3339);
                    println!(
                        "{:>5}  {:>7}  {:>5}  {:<20}  {:<20}  {}",
                        s.id,
                        s.pending,
                        s.dead,
                        at(s.last_success_at),
                        at(s.last_failure_at),
                        s.url
                    );
                }
            }
            Command::Deliveries { subscription, dead } => {
                let state = dead.then_some("dead");
                let rows = service
                    .webhook_deliveries(&by, subscription, state, None, 100)
                    .await?;
                for d in &rows {
                    let view = service::webhooks::delivery_view(d);
                    println!("{}", serde_json::to_string(&view)?);
                }
            }
            Command::Replay {
                subscription,
                since,
            } => {
                let n = service
                    .replay_webhook(&by, subscription, since.as_deref())
                    .await?;
                eprintln!(
                    "antiscam: requeued {n} dead letter(s) of webhook {subscription}; \
                     a running server delivers them"
                );
            }
        }
        service.close().await;
        Ok(())
    })
}

//! `antiscam triage`: an analyst's work on reports from the command line, over the same
//! use cases as `/v1/triage` and the console (`service::reports::triage`).
//!
//! Reading the queue needs no key: the operator holds the database anyway. Acting and
//! deciding need the analyst's own API key, so that the two-person rule holds here as
//! over HTTP: an action that would change what Verify answers waits for another
//! analyst, and nobody approves their own. (`antiscam blocklist delist` stays the
//! operator's keyless way out, as before.)

use anyhow::Context;
use service::Principal;
use service::proposals::Decision;
use service::reports::view::{TriageAnswer, decision_view, group_view, report_view};
use service::reports::{MAX_NOTE_CHARS, QueueQuery};

use crate::config::Config;
use crate::data;

/// Triage reports: the queue, a group with its reports, actions, the second analyst's
/// decisions.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// The triage queue: groups of reports by indicator, as JSON lines.
    Queue {
        /// new, confirmed, rejected or duplicate (all when absent).
        #[arg(long)]
        state: Option<String>,
        /// Only takeover alerts (official channels reported).
        #[arg(long)]
        alerts: bool,
        /// Most groups.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// One group (its id, stored key or the indicator as Verify reads it) and its
    /// newest reports, never their contacts, as JSON lines: the group first.
    Show {
        /// The group.
        target: String,
        /// Most reports.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Act on a group; an action that changes what Verify answers waits for another
    /// analyst (`antiscam triage approve`).
    Act {
        /// The group (its id, stored key or the indicator).
        target: String,
        /// What to do.
        #[arg(value_parser = ["confirm", "reject", "duplicate", "reopen", "delist"])]
        action: String,
        /// With `duplicate`: the indicator this group repeats.
        #[arg(long)]
        duplicate_of: Option<String>,
        /// With `delist`: why (kept in the audit log).
        #[arg(long)]
        reason: Option<String>,
        /// A note for the audit log.
        #[arg(long)]
        note: Option<String>,
        /// Your analyst or admin API key (also ANTISCAM_KEY).
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
    },
    /// Triage decisions under the two-person rule, newest first, as JSON lines.
    Decisions {
        /// pending, approved, rejected or withdrawn.
        #[arg(long, default_value = "pending")]
        state: String,
        /// Most decisions.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Approve and apply another analyst's decision.
    Approve {
        /// The decision's id (`antiscam triage decisions`).
        id: i64,
        /// A note for the audit log.
        #[arg(long)]
        note: Option<String>,
        /// Your analyst or admin API key (also ANTISCAM_KEY).
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
    },
    /// Reject a decision (its author: withdraw it).
    Reject {
        /// The decision's id.
        id: i64,
        /// Why, for the audit log.
        #[arg(long)]
        note: Option<String>,
        /// Your analyst or admin API key (also ANTISCAM_KEY).
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
    },
}

/// Runs a triage subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let result = command(&service, args.command).await;
        service.close().await;
        result
    })
}

async fn command(service: &service::Service, command: Command) -> anyhow::Result<()> {
    let operator = Principal::Operator;
    match command {
        Command::Queue {
            state,
            alerts,
            limit,
        } => {
            let query = QueueQuery {
                state,
                alerts: Some(alerts),
                offset: None,
                limit: Some(limit),
            };
            for group in service.triage_queue(&operator, &query).await? {
                println!("{}", serde_json::to_string(&group_view(&group))?);
            }
        }
        Command::Show { target, limit } => {
            let (group, reports) = service
                .group_with_reports(&operator, &target, None, limit)
                .await
                .with_context(|| format!("{:?}", target.trim()))?;
            println!("{}", serde_json::to_string(&group_view(&group))?);
            for report in &reports {
                println!("{}", serde_json::to_string(&report_view(report))?);
            }
        }
        Command::Act {
            target,
            action,
            duplicate_of,
            reason,
            note,
            key,
        } => {
            for (flag, text) in [("--reason", &reason), ("--note", &note)] {
                if text
                    .as_deref()
                    .is_some_and(|t| t.chars().count() > MAX_NOTE_CHARS)
                {
                    anyhow::bail!("{flag} is longer than {MAX_NOTE_CHARS} characters");
                }
            }
            let by = super::staff(service, &key).await?;
            let request = wire::TriageRequest {
                action,
                duplicate_of,
                reason,
                note,
            };
            let done = service
                .triage(&by, &target, &request)
                .await
                .with_context(|| format!("{:?}", target.trim()))?;
            match done.view() {
                TriageAnswer::Applied(result) => {
                    println!("{}", serde_json::to_string(&result)?);
                }
                TriageAnswer::Pending(decision) => {
                    println!("{}", serde_json::to_string(&decision)?);
                    eprintln!(
                        "antiscam: decision {} changes what Verify answers; it waits for \
                         another analyst: `antiscam triage approve {}`",
                        decision.id, decision.id
                    );
                }
            }
        }
        Command::Decisions { state, limit } => {
            for d in service
                .triage_decisions(&operator, Some(&state), limit)
                .await?
            {
                println!("{}", serde_json::to_string(&decision_view(&d))?);
            }
        }
        Command::Approve { id, note, key } => {
            decide(service, id, &key, note.as_deref(), Decision::Approve).await?;
        }
        Command::Reject { id, note, key } => {
            decide(service, id, &key, note.as_deref(), Decision::Reject).await?;
        }
    }
    Ok(())
}

/// Decides a pending triage decision as the holder of `key`, and prints it as the API
/// answers.
async fn decide(
    service: &service::Service,
    id: i64,
    key: &str,
    note: Option<&str>,
    decision: Decision,
) -> anyhow::Result<()> {
    let by = super::staff(service, key).await?;
    let decided = service
        .decide_triage(&by, id, decision, note)
        .await
        .with_context(|| format!("triage decision {id}"))?;
    let answer = wire::TriageDecisionResult {
        decision: decision_view(&decided.decision),
        blocklist_changed: decided.blocklist_changed,
    };
    println!("{}", serde_json::to_string(&answer)?);
    Ok(())
}

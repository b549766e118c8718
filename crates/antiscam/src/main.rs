//! `antiscam`: the one binary. Subcommands share one configuration (a file plus
//! `ANTISCAM_*` environment variables) and one store.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod config;
mod data;
mod telemetry;

/// Fights social-engineering fraud against an exchange's users.
#[derive(Debug, Parser)]
#[command(name = "antiscam", version, propagate_version = true)]
struct Cli {
    /// Configuration file (TOML); default: antiscam.toml if it exists. Also ANTISCAM_CONFIG.
    #[arg(long, global = true, env = "ANTISCAM_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite:PATH or postgres://… Also ANTISCAM_DATABASE_URL.
    #[arg(long, global = true)]
    database: Option<String>,
    /// Key file (pseudonymization keys, registry signing seed); default antiscam.keys
    /// beside the SQLite database. Also ANTISCAM_KEY_FILE; ANTISCAM_SECRETS overrides.
    #[arg(long, global = true)]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP API and the web pages.
    Serve(cmd::serve::Args),
    /// Verify websites, emails, phone numbers, accounts or wallet addresses.
    Verify(cmd::verify::Args),
    /// Analyze a suspicious message or email: its tactics and every indicator in it.
    Analyze(cmd::analyze::Args),
    /// Manage API keys.
    Keys(cmd::keys::Args),
    /// Measure detection quality.
    Eval(cmd::eval::Args),
    /// Import a feed (Polkadot, MetaMask, CSV, text, STIX 2.1) into the blocklist, or the
    /// operator's allowlist (`--format allowlist`).
    Import(cmd::import::Args),
    /// List or remove the operator's allowlist entries.
    Allowlist(cmd::allowlist::Args),
    /// Export the blocklist as STIX 2.1, MISP or CSV.
    Export(cmd::export::Args),
    /// The signed registry: signing key, offline verification, publishing.
    Registry(cmd::registry::Args),
    /// Age or delist blocklist entries; read the audit log.
    Blocklist(cmd::blocklist::Args),
    /// Withdrawal-time anti-scam campaigns: manage, measure, simulate.
    Campaign(cmd::campaign::Args),
    /// Copy the SQLite database consistently, even while the server runs.
    Backup(cmd::backup::BackupArgs),
    /// Restore a backup as the database (refuses to replace one in use).
    Restore(cmd::backup::RestoreArgs),
    /// The key file: show key ids, rotate a key, generate one for ANTISCAM_SECRETS.
    Secrets(cmd::secrets::Args),
    /// Move a SQLite installation into a new PostgreSQL database, checked table by table.
    MigrateStore(cmd::migrate_store::Args),
    /// Signed webhooks: subscriptions, dead letters, replay.
    Webhooks(cmd::webhooks::Args),
    /// Triage reports: the queue, a group and its reports, actions, the second
    /// analyst's decisions.
    Triage(cmd::triage::Args),
    /// Signed retractions of delisted entries: verify a downloaded document offline.
    Retractions(cmd::retractions::Args),
}

/// The exit status of a command whose reader went away (`antiscam … | head`): what a
/// shell reports for a process ended by SIGPIPE (128 + 13), as other tools would.
const BROKEN_PIPE: u8 = 141;

/// `print!` panics when stdout is a closed pipe; that is the reader's choice, not a
/// fault, so the command ends quietly with [`BROKEN_PIPE`] instead of a panic message.
/// Every other panic keeps the default report.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(i32::from(BROKEN_PIPE));
        }
        default(info);
    }));
}

/// Whether an error is a write to a closed pipe (a command writing through its own
/// handle of stdout and returning the error).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    let result = (|| -> anyhow::Result<()> {
        let config = config::Config::load(
            cli.config.as_deref(),
            cli.database.as_deref(),
            cli.key_file.as_deref(),
        )?;
        match cli.command {
            Command::Serve(args) => cmd::serve::run(&config, args),
            Command::Verify(args) => cmd::verify::run(&config, args),
            Command::Analyze(args) => cmd::analyze::run(&config, args),
            Command::Keys(args) => cmd::keys::run(&config, args),
            Command::Eval(args) => cmd::eval::run(&config, args),
            Command::Import(args) => cmd::import::run(&config, args),
            Command::Allowlist(args) => cmd::allowlist::run(&config, args),
            Command::Export(args) => cmd::export::run(&config, args),
            Command::Registry(args) => cmd::registry::run(&config, args),
            Command::Retractions(args) => cmd::retractions::run(&config, args),
            Command::Blocklist(args) => cmd::blocklist::run(&config, args),
            Command::Campaign(args) => cmd::campaign::run(&config, args),
            Command::Backup(args) => cmd::backup::backup(&config, args),
            Command::Restore(args) => cmd::backup::restore(&config, args),
            Command::Secrets(args) => cmd::secrets::run(&config, args),
            Command::MigrateStore(args) => cmd::migrate_store::run(args),
            Command::Webhooks(args) => cmd::webhooks::run(&config, args),
            Command::Triage(args) => cmd::triage::run(&config, args),
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            eprintln!("antiscam: {e:#}");
            ExitCode::FAILURE
        }
    }
}

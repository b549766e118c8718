//! `antiscam keys`.

use anyhow::{Context, bail};
use store::{NewApiKey, Role};

use crate::config::{Config, parse_region};
use crate::data;

/// Manage API keys.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Create a key and print it, alone on stdout, once: only its hash is stored.
    Create {
        /// admin, analyst, partner or integrator.
        #[arg(long)]
        role: String,
        /// ISO 3166 region a partner key is limited to (required for partners).
        #[arg(long)]
        region: Option<String>,
        /// A note to recognize the key by.
        #[arg(long)]
        label: Option<String>,
    },
    /// List keys (never their secret).
    List,
    /// Revoke a key by id.
    Revoke {
        /// The id shown by `keys list`.
        id: i64,
    },
}

/// Runs a keys subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let store = data::open_store(config).await?;
        match args.command {
            Command::Create { role, region, label } => {
                let role: Role = role.parse().map_err(|_| {
                    anyhow::anyhow!("unknown role {role:?}: use admin, analyst, partner or integrator")
                })?;
                let region = region.as_deref().map(parse_region).transpose()?;
                if role == Role::Partner && region.is_none() {
                    bail!("a partner key needs --region (the ISO 3166 code of its jurisdiction, e.g. HK)");
                }
                if label.as_ref().is_some_and(|l| l.chars().count() > 200) {
                    bail!("--label is limited to 200 characters");
                }
                let (key, hash) = server::auth::generate_key().context("no randomness available")?;
                let stored = store
                    .create_api_key(&NewApiKey { hash, role, region, label })
                    .await?;
                eprintln!("antiscam: created key {} ({}); it is shown once:", stored.id, role.as_str());
                println!("{key}");
            }
            Command::List => {
                println!("{:>5}  {:<10}  {:<6}  {:<20}  {:<7}  label", "id", "role", "region", "created", "revoked");
                for k in store.list_api_keys().await? {
                    println!(
                        "{:>5}  {:<10}  {:<6}  {:<20}  {:<7}  {}",
                        k.id,
                        k.role.as_str(),
                        k.region.as_deref().unwrap_or("-"),
                        wire::rfc3339(k.created_at),
                        if k.revoked_at.is_some() { "yes" } else { "no" },
                        k.label.as_deref().unwrap_or("")
                    );
                }
            }
            Command::Revoke { id } => {
                if !store.revoke_api_key(id).await? {
                    bail!("no active key with id {id}");
                }
                eprintln!("antiscam: revoked key {id}");
            }
        }
        Ok(())
    })
}

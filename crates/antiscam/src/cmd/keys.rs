//! `antiscam keys`.

use service::Principal;

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
    /// Replace a key by a new one with the same role, region and label (printed
    /// once); the old key is revoked in the same transaction.
    Rotate {
        /// The id shown by `keys list`.
        id: i64,
    },
}

/// Runs a keys subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = super::runtime()?;
    runtime.block_on(async {
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        match args.command {
            Command::Create { role, region, label } => {
                let region = region.as_deref().map(parse_region).transpose()?;
                let req = wire::NewKeyRequest { role, region, label };
                let created = service.create_key(&by, &req).await.map_err(|e| match e {
                    // The flag, not the JSON field.
                    service::Error::Invalid { code: "missing_region", .. } => anyhow::anyhow!(
                        "a partner key needs --region (the ISO 3166 code of its jurisdiction, e.g. HK)"
                    ),
                    e => e.into(),
                })?;
                eprintln!(
                    "antiscam: created key {} ({}); it is shown once:",
                    created.key.id,
                    created.key.role.as_str()
                );
                println!("{}", created.secret);
            }
            Command::List => {
                println!("{:>5}  {:<10}  {:<6}  {:<20}  {:<7}  label", "id", "role", "region", "created", "revoked");
                for k in service.list_keys(&by).await? {
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
                service.revoke_key(&by, id).await?;
                eprintln!("antiscam: revoked key {id}; running servers stop accepting it within 2 s");
            }
            Command::Rotate { id } => {
                let created = service.rotate_key(&by, id).await?;
                eprintln!(
                    "antiscam: key {id} revoked and replaced by key {} ({}); it is shown once:",
                    created.key.id,
                    created.key.role.as_str()
                );
                println!("{}", created.secret);
            }
        }
        Ok(())
    })
}

//! `antiscam secrets`: the key file's key ids, rotation, and a fresh key file for
//! `ANTISCAM_SECRETS`. Secrets themselves are never printed, except by `generate`,
//! whose output is a new key file.

use anyhow::{Context, bail};
use secrets::{Purpose, Secrets};
use service::{Clock, Principal};

use crate::config::Config;
use crate::data;

/// The key file: pseudonymization keys and the registry signing seed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List each key's purpose, id, creation and retirement (never the secret).
    Show,
    /// Make a new current key and retire the old one, kept so that pseudonyms made
    /// with it stay linkable (reporter, user, signing, or pseudonyms for both
    /// pseudonymization keys). Running servers use the new key within a second.
    Rotate {
        /// reporter, user, signing or pseudonyms.
        purpose: String,
    },
    /// Print a fresh key file (TOML) on stdout, e.g. for ANTISCAM_SECRETS.
    Generate,
}

/// Runs a secrets subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    if let Command::Generate = args.command {
        let fresh = Secrets::generate(service::SystemClock.now())?;
        print!("{}", fresh.to_toml());
        return Ok(());
    }
    super::runtime()?.block_on(async {
        let service = data::open_service(config).await?;
        match args.command {
            Command::Show => show(&service.secrets()),
            Command::Rotate { purpose } => {
                let purposes: Vec<Purpose> = match purpose.as_str() {
                    "pseudonyms" => vec![Purpose::Reporter, Purpose::User],
                    name => vec![Purpose::parse(name).with_context(|| {
                        format!("unknown key {name:?}: use reporter, user, signing or pseudonyms")
                    })?],
                };
                for p in purposes {
                    let r = service.rotate_secret(&Principal::Operator, p).await?;
                    let done = match r.public_key {
                        Some(public) => public,
                        None => format!(
                            "new key id {}, key {} retired and kept",
                            r.key_id, r.retired
                        ),
                    };
                    eprintln!("antiscam: rotated the {p} key; {done}");
                }
            }
            Command::Generate => bail!("generate needs no database"),
        }
        service.close().await;
        anyhow::Ok(())
    })
}

fn show(secrets: &Secrets) {
    let origin = match secrets.origin() {
        secrets::Origin::File(path) => path.display().to_string(),
        secrets::Origin::Environment => secrets::ENV_VAR.to_owned(),
        secrets::Origin::Memory => "memory".to_owned(),
    };
    println!("source {origin}");
    println!(
        "{:<9}  {:>3}  {:<20}  {:<20}  public key fingerprint",
        "purpose", "id", "created", "retired"
    );
    for purpose in Purpose::ALL {
        for key in secrets.ring(purpose).keys() {
            let fingerprint = if purpose == Purpose::Signing {
                service::signing::fingerprint(&service::signing::public_key_hex(key.secret()))
            } else {
                "-".to_owned()
            };
            println!(
                "{:<9}  {:>3}  {:<20}  {:<20}  {fingerprint}",
                purpose.as_str(),
                key.id(),
                wire::rfc3339(key.created_at()),
                key.retired_at()
                    .map_or_else(|| "current".to_owned(), wire::rfc3339),
            );
        }
    }
}

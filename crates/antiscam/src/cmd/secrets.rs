//! `antiscam secrets`: the key file's key ids, rotation, and a fresh key file for
//! `ANTISCAM_SECRETS`. Secrets themselves are never printed, except by `generate`,
//! whose output is a new key file.

use anyhow::{Context, bail};
use secrets::{Purpose, Secrets};
use store::Store;
use store::reports::Actor;

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
        let fresh = Secrets::generate(super::now())?;
        print!("{}", fresh.to_toml());
        return Ok(());
    }
    super::runtime()?.block_on(async {
        let (store, secrets) = data::open(config).await?;
        match args.command {
            Command::Show => show(&secrets),
            Command::Rotate { purpose } => {
                let purposes: Vec<Purpose> = match purpose.as_str() {
                    "pseudonyms" => vec![Purpose::Reporter, Purpose::User],
                    name => vec![Purpose::parse(name).with_context(|| {
                        format!("unknown key {name:?}: use reporter, user, signing or pseudonyms")
                    })?],
                };
                let mut secrets = secrets;
                for p in purposes {
                    let done = rotate(store.as_ref(), secrets.clone(), p).await?;
                    eprintln!("antiscam: rotated the {p} key; {done}");
                    secrets = reload(&secrets)?;
                }
            }
            Command::Generate => bail!("generate needs no database"),
        }
        store.close().await;
        anyhow::Ok(())
    })
}

/// The key file as saved by the last rotation.
fn reload(before: &Secrets) -> anyhow::Result<Secrets> {
    match before.origin() {
        secrets::Origin::File(path) => Ok(Secrets::load(path, super::now())?),
        _ => Ok(before.clone()),
    }
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

/// Rotates one key in the key file, saves it and audits the rotation as the operator.
/// Returns what to tell the operator (for the signing key, the new public key on
/// stdout is the caller's to print: the returned text is the new public key).
pub async fn rotate(
    store: &dyn Store,
    mut secrets: Secrets,
    purpose: Purpose,
) -> anyhow::Result<String> {
    let now = super::now();
    let key = secrets.rotate(purpose, now)?;
    let (id, retired) = (key.id(), key.id().saturating_sub(1));
    let public =
        (purpose == Purpose::Signing).then(|| service::signing::public_key_hex(key.secret()));
    secrets.save().context("cannot save the key file")?;
    let mut detail = serde_json::json!({"purpose": purpose.as_str(), "key_id": id});
    if let Some(p) = &public {
        detail["fingerprint"] = service::signing::fingerprint(p).into();
    }
    store
        .reports()
        .append_audit(
            &Actor::cli(),
            "secrets.rotate",
            Some(&format!("secret:{purpose}")),
            Some(&detail.to_string()),
            now,
        )
        .await?;
    Ok(match public {
        Some(p) => p,
        None => format!("new key id {id}, key {retired} retired and kept"),
    })
}

//! `antiscam registry`: the signing key of the published registry, and offline
//! verification of a signed registry.

use std::path::PathBuf;

use anyhow::{Context, bail};
use server::proposals;
use service::signing;
use store::Role;
use store::proposals::{Decision, ProposalState};
use store::reports::Actor;

use crate::config::Config;
use crate::data;

/// The signed registry at /.well-known/antiscam/registry.json.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Manage the Ed25519 key that signs the published registry.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Check a registry file against its detached signature and a public key, offline.
    Verify {
        /// The registry.json as downloaded.
        file: PathBuf,
        /// The signature: a registry.json.sig file, or its 128 hex digits.
        sig: String,
        /// The public key: a registry-key file, or its 64 hex digits.
        key: String,
    },
    /// Write the signed registry files (registry.json, registry.json.sig,
    /// registry-key) into a directory, to publish them elsewhere.
    Publish {
        /// The directory (created if missing).
        dir: PathBuf,
    },
    /// Propose a new registry (TOML or .json file); another admin must approve it.
    Propose {
        /// The whole registry as it should be.
        file: PathBuf,
        /// Why to go ahead although it makes official something reported or tied to
        /// another brand (shown to the approver).
        #[arg(long)]
        override_reason: Option<String>,
        /// Your admin or analyst API key (also ANTISCAM_KEY): the proposal is yours.
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
    },
    /// List registry proposals, newest first, as JSON lines.
    Proposals {
        /// pending, approved or rejected.
        #[arg(long)]
        state: Option<String>,
    },
    /// Approve a proposal and apply it (an admin other than its author).
    Approve {
        /// The proposal's id.
        id: i64,
        /// Your admin API key (also ANTISCAM_KEY).
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
        /// A note for the audit log.
        #[arg(long)]
        note: Option<String>,
    },
    /// Reject a proposal (an admin, or its author withdrawing it).
    Reject {
        /// The proposal's id.
        id: i64,
        /// Your API key (also ANTISCAM_KEY).
        #[arg(long, env = "ANTISCAM_KEY", hide_env_values = true)]
        key: String,
        /// Why, for the audit log.
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, clap::Subcommand)]
enum KeyCommand {
    /// Create the signing key if there is none (it is created with the key file, on
    /// the first run of any command).
    Create,
    /// Print the public key (64 hex digits) and its fingerprint, and retired keys.
    Show,
    /// Replace the signing key; the old one is kept in the key file as retired (the
    /// same as `antiscam secrets rotate signing`).
    Rotate,
}

/// Runs a registry subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    if let Command::Verify { file, sig, key } = &args.command {
        return verify(file, sig, key);
    }
    let args_kind = match &args.command {
        Command::Approve { .. } => Kind::Approve,
        _ => Kind::Other,
    };
    super::runtime()?.block_on(async {
        let (store, secrets) = data::open(config).await?;
        match args.command {
            Command::Key { command } => match command {
                KeyCommand::Create | KeyCommand::Show => {
                    let public = signing::public_key_hex(signing::seed(&secrets));
                    println!("{public}");
                    eprintln!("fingerprint {}", signing::fingerprint(&public));
                    let retired = signing::retired_keys(&secrets, store.as_ref()).await?;
                    for k in &retired {
                        eprintln!(
                            "retired {} at {}",
                            k["public_key"].as_str().unwrap_or("?"),
                            k["retired_at"]
                                .as_i64()
                                .map_or_else(|| "?".into(), wire::rfc3339)
                        );
                    }
                }
                KeyCommand::Rotate => {
                    let public =
                        super::secrets::rotate(store.as_ref(), secrets, secrets::Purpose::Signing)
                            .await?;
                    println!("{public}");
                    eprintln!(
                        "antiscam: rotated; new key fingerprint {}; publish the new \
                         registry-key to verifiers",
                        signing::fingerprint(&public)
                    );
                }
            },
            Command::Publish { dir } => {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                let registry = store.load_registry().await?;
                let bytes = signing::canonical_registry(&registry);
                let seed = signing::seed(&secrets);
                let write = |name: &str, data: &[u8]| {
                    let path = dir.join(name);
                    std::fs::write(&path, data)
                        .with_context(|| format!("cannot write {}", path.display()))
                };
                write("registry.json", &bytes)?;
                write(
                    "registry.json.sig",
                    format!("{}\n", signing::sign_hex(seed, &bytes)).as_bytes(),
                )?;
                write(
                    "registry-key",
                    format!("{}\n", signing::public_key_hex(seed)).as_bytes(),
                )?;
                eprintln!("antiscam: wrote the signed registry to {}", dir.display());
            }
            Command::Propose {
                file,
                override_reason,
                key,
            } => {
                let actor = staff(store.as_ref(), &key, &[Role::Admin, Role::Analyst]).await?;
                let registry = data::read_registry(&file)?;
                let index = index(store.as_ref(), config).await?;
                let p = proposals::propose(
                    store.as_ref(),
                    &index,
                    proposals::Change::Replace(registry),
                    override_reason.as_deref(),
                    actor,
                    super::now(),
                )
                .await
                .map_err(proposal_error)?;
                println!("{}", proposals::proposal_json(&p, false));
                eprintln!(
                    "antiscam: proposal {} is pending; another admin approves it with \
                     `antiscam registry approve {}`",
                    p.id, p.id
                );
            }
            Command::Proposals { state } => {
                let filter = match state.as_deref() {
                    None => None,
                    Some(s) => Some(ProposalState::parse(s).with_context(|| {
                        format!("--state {s:?}: use pending, approved or rejected")
                    })?),
                };
                for p in store.proposals().proposals(filter, 500).await? {
                    println!("{}", proposals::proposal_json(&p, false));
                }
            }
            Command::Approve { id, key, note } | Command::Reject { id, key, note } => {
                let approve = matches!(args_kind, Kind::Approve);
                let roles: &[Role] = if approve {
                    &[Role::Admin]
                } else {
                    &[Role::Admin, Role::Analyst]
                };
                let actor = staff(store.as_ref(), &key, roles).await?;
                let index = index(store.as_ref(), config).await?;
                let decision = if approve {
                    Decision::Approve
                } else {
                    Decision::Reject
                };
                let p = proposals::decide(
                    store.as_ref(),
                    &index,
                    id,
                    decision,
                    &actor,
                    note.as_deref(),
                    super::now(),
                )
                .await
                .map_err(proposal_error)?;
                println!("{}", proposals::proposal_json(&p, false));
            }
            Command::Verify { .. } => unreachable_verify()?,
        }
        store.close().await;
        anyhow::Ok(())
    })
}

/// Which subcommand shares the approve/reject arm.
enum Kind {
    Approve,
    Other,
}

/// The acting staff member: the key's holder, if the key is valid and has a role.
async fn staff(store: &dyn store::Store, key: &str, roles: &[Role]) -> anyhow::Result<Actor> {
    let found = store
        .find_api_key(&service::keys::hash_key(key.trim()))
        .await?
        .context("the API key is unknown or revoked")?;
    if !roles.contains(&found.role) {
        bail!(
            "this needs a key with role {}; yours is {}",
            roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            found.role.as_str()
        );
    }
    Ok(Actor {
        key_id: Some(found.id),
        role: found.role.as_str().to_owned(),
        ip: None,
    })
}

async fn index(store: &dyn store::Store, config: &Config) -> anyhow::Result<verify::Index> {
    Ok(service::build_index(store, &crate::data::service_settings(config)).await?)
}

fn proposal_error(e: proposals::ProposalError) -> anyhow::Error {
    match e {
        proposals::ProposalError::Conflicts(conflicts) => {
            let lines: Vec<String> = conflicts
                .iter()
                .map(|c| serde_json::to_string(c).unwrap_or_default())
                .collect();
            anyhow::anyhow!(
                "{} channel(s) would become official although reported as scams or tied to \
                 another brand (give --override-reason to propose it anyway):\n{}",
                conflicts.len(),
                lines.join("\n")
            )
        }
        other => anyhow::Error::new(other),
    }
}

fn unreachable_verify() -> anyhow::Result<()> {
    bail!("verify runs without a database")
}

/// Reads a hex value given inline or as a file.
fn hex_arg(arg: &str, digits: usize, what: &str) -> anyhow::Result<String> {
    let inline = arg.trim();
    if inline.len() == digits && inline.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(inline.to_owned());
    }
    let meta = std::fs::metadata(arg).with_context(|| {
        format!("{what} {arg:?} is neither {digits} hex digits nor a readable file")
    })?;
    if meta.len() > 4096 {
        bail!("{what} file {arg} is larger than 4 KiB");
    }
    std::fs::read_to_string(arg).with_context(|| format!("cannot read {what} file {arg}"))
}

fn verify(file: &PathBuf, sig: &str, key: &str) -> anyhow::Result<()> {
    let meta =
        std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?;
    if meta.len() > registry::MAX_DOCUMENT_BYTES as u64 {
        bail!("{} is larger than a registry can be", file.display());
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let sig = hex_arg(sig, 128, "signature")?;
    let key = hex_arg(key, 64, "public key")?;
    signing::verify_hex(&key, &sig, &bytes)
        .with_context(|| format!("{} is NOT verified", file.display()))?;
    println!(
        "{}: good signature by key {}",
        file.display(),
        signing::fingerprint(&key)
    );
    Ok(())
}

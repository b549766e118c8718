//! `antiscam registry`: the signing key of the published registry, and offline
//! verification of a signed registry.

use std::path::PathBuf;

use anyhow::{Context, bail};
use service::proposals::{self, Change, Decision};
use service::{Principal, Service, signing};

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
    super::runtime()?.block_on(async {
        let service = data::open_service(config).await?;
        match args.command {
            Command::Key { command } => match command {
                KeyCommand::Create | KeyCommand::Show => {
                    let public = service.registry_public_key();
                    println!("{public}");
                    eprintln!("fingerprint {}", signing::fingerprint(&public));
                    for k in &service.retired_signing_keys().await? {
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
                    let rotated = service
                        .rotate_secret(&Principal::Operator, secrets::Purpose::Signing)
                        .await?;
                    let public = rotated.public_key.unwrap_or_default();
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
                let signed = service.signed_registry().await?;
                let write = |name: &str, data: &[u8]| {
                    let path = dir.join(name);
                    std::fs::write(&path, data)
                        .with_context(|| format!("cannot write {}", path.display()))
                };
                write("registry.json", &signed.bytes)?;
                write(
                    "registry.json.sig",
                    format!("{}\n", signed.signature).as_bytes(),
                )?;
                write(
                    "registry-key",
                    format!("{}\n", signed.public_key).as_bytes(),
                )?;
                eprintln!("antiscam: wrote the signed registry to {}", dir.display());
            }
            Command::Propose {
                file,
                override_reason,
                key,
            } => {
                let by = super::staff(&service, &key).await?;
                let change = Change::Replace(data::read_registry(&file)?);
                service.reload().await?;
                let p = service
                    .propose(&by, change, override_reason.as_deref())
                    .await
                    .map_err(proposal_error)?;
                println!("{}", json(&p)?);
                eprintln!(
                    "antiscam: proposal {} is pending; another admin approves it with \
                     `antiscam registry approve {}`",
                    p.id, p.id
                );
            }
            Command::Proposals { state } => {
                let filter = proposals::parse_state(state.as_deref()).map_err(|_| {
                    anyhow::anyhow!(
                        "--state {:?}: use pending, approved or rejected",
                        state.as_deref().unwrap_or_default()
                    )
                })?;
                for p in service.proposals(&Principal::Operator, filter, 500).await? {
                    println!("{}", json(&p)?);
                }
            }
            Command::Approve { id, key, note } => {
                decide(&service, id, &key, note.as_deref(), Decision::Approve).await?;
            }
            Command::Reject { id, key, note } => {
                decide(&service, id, &key, note.as_deref(), Decision::Reject).await?;
            }
            Command::Verify { .. } => bail!("verify runs without a database"),
        }
        service.close().await;
        anyhow::Ok(())
    })
}

/// Approves or rejects a proposal as the holder of `key`, and prints it.
async fn decide(
    service: &Service,
    id: i64,
    key: &str,
    note: Option<&str>,
    decision: Decision,
) -> anyhow::Result<()> {
    let by = super::staff(service, key).await?;
    service.reload().await?;
    let p = service
        .decide_proposal(&by, id, decision, note)
        .await
        .map_err(proposal_error)?;
    println!("{}", json(&p)?);
    Ok(())
}

/// A proposal as one JSON line, as the API shows it.
fn json(p: &proposals::Proposal) -> anyhow::Result<String> {
    Ok(serde_json::to_string(&proposals::view(p, false))?)
}

fn proposal_error(e: service::Error) -> anyhow::Error {
    match e {
        service::Error::RegistryConflicts(conflicts) => {
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

/// Reads a hex value given inline or as a file.
pub(crate) fn hex_arg(arg: &str, digits: usize, what: &str) -> anyhow::Result<String> {
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

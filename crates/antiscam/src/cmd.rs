//! One module per subcommand.

pub mod allowlist;
pub mod analyze;
pub mod backup;
pub mod blocklist;
pub mod campaign;
pub mod eval;
pub mod export;
pub mod import;
pub mod keys;
pub mod migrate_store;
pub mod registry;
pub mod retractions;
pub mod secrets;
pub mod serve;
pub mod triage;
pub mod verify;
pub mod webhooks;

/// A runtime for the short async parts of a command (store access).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// The acting staff member: the holder of `key`, if the key is valid (the use case
/// checks its role). Commands that change what users are told take the staff member's
/// own key, so that the two-person rules hold at the command line as over HTTP.
pub async fn staff(service: &service::Service, key: &str) -> anyhow::Result<service::Principal> {
    use anyhow::Context;
    let found = service
        .authenticate(key.trim())
        .await?
        .context("the API key is unknown or revoked")?;
    Ok(service::Principal::key(found, None))
}

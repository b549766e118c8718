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
pub mod verify;
pub mod webhooks;

/// A runtime for the short async parts of a command (store access).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

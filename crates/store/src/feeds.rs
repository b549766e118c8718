//! Store-level pieces of feed import and export (issue 5) shared by both engines:
//! the blocklist change counter and the regions of feed sources.
//!
//! **Change counter.** [`BLOCKLIST_GENERATION`] is a meta key holding an integer that
//! every blocklist write raises in its own transaction. A server polls
//! [`Store::blocklist_generation`] (one indexed read) and rebuilds its in-memory index
//! when the number moved, so changes made by another process (`antiscam import`, a
//! second server) reach it within the polling period.
//!
//! **Source regions.** Blocklist entries have no region of their own; a feed source
//! may have one (`antiscam import --source NAME --region CC`). The map source → region
//! is kept as JSON under the meta key [`SOURCE_REGIONS`]; export by region keeps the
//! entries one of whose sources has that region.

use std::collections::BTreeMap;

use crate::{Store, StoreError};

/// Meta key of the blocklist change counter.
pub const BLOCKLIST_GENERATION: &str = "blocklist_generation";
/// Meta key of the JSON map from source name to region code.
pub const SOURCE_REGIONS: &str = "feed_source_regions";

/// The regions of feed sources (source name → ISO 3166-1 alpha-2 code).
pub async fn source_regions(store: &dyn Store) -> Result<BTreeMap<String, String>, StoreError> {
    match store.get_meta(SOURCE_REGIONS).await? {
        None => Ok(BTreeMap::new()),
        Some(text) => serde_json::from_str(&text)
            .map_err(|_| StoreError::Corrupt(format!("meta {SOURCE_REGIONS} is not a JSON map"))),
    }
}

/// Sets (or with `None` clears) the region of a feed source.
pub async fn set_source_region(
    store: &dyn Store,
    source: &str,
    region: Option<&str>,
) -> Result<(), StoreError> {
    if let Some(r) = region
        && !(r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(StoreError::InvalidInput(
            "region must be an ISO 3166-1 alpha-2 code in uppercase, e.g. \"HK\"".into(),
        ));
    }
    let mut map = source_regions(store).await?;
    let changed = match region {
        Some(r) => map.insert(source.to_owned(), r.to_owned()).as_deref() != Some(r),
        None => map.remove(source).is_some(),
    };
    if changed {
        let text = serde_json::to_string(&map)
            .map_err(|_| StoreError::InvalidInput("source regions cannot be serialized".into()))?;
        store.set_meta(SOURCE_REGIONS, &text).await?;
    }
    Ok(())
}

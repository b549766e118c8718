//! The operator's allowlist (issue 11), written once for both engines: indicator keys that
//! Verify must not call impersonations. It changes what users are told, so it is
//! attributable (each row names who added it, from which file, and why), audited (every
//! addition and removal writes its audit record in the same transaction) and reversible
//! (rows are listed and removed one by one). Migration 0015; the change counter
//! `gen:allowlist` is raised by triggers.

use crate::StoreError;
use crate::audit;
use crate::engine::{EngineStore, query};
use crate::reports::Actor;

/// Most keys added in one call.
pub const MAX_ALLOWLIST_BATCH: usize = 100_000;

/// Longest `added_by`, `source` or `note`, in characters.
pub const MAX_ALLOWLIST_TEXT: usize = 2_000;

/// One allowlisted indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowEntry {
    /// The indicator key as Verify keys it (`domain:example.org`, `x:name`).
    pub key: String,
    /// Who vouches for it (the operator's name).
    pub added_by: String,
    /// Where it came from (the imported file's name).
    pub source: String,
    /// Why.
    pub note: String,
    /// When, Unix seconds.
    pub added_at: i64,
}

/// What [`AllowlistStore::add_allowlist`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AllowCounts {
    /// Keys newly allowlisted.
    pub added: u64,
    /// Keys already allowlisted, left as they were (who added them first stays).
    pub unchanged: u64,
}

/// The allowlist.
#[async_trait::async_trait]
pub trait AllowlistStore: Send + Sync {
    /// Adds entries (distinct keys; a key already stored keeps its first row) and appends
    /// one audit record (`allowlist.add`, target the source, `detail`), in one transaction.
    async fn add_allowlist(
        &self,
        entries: &[AllowEntry],
        actor: &Actor,
        detail: &str,
    ) -> Result<AllowCounts, StoreError>;

    /// Removes one key with its audit record (`allowlist.remove`, target the key, the
    /// reason and the removed row in the detail), in one transaction; `Ok(None)` when the
    /// key was not allowlisted (nothing is written).
    async fn remove_allowlist(
        &self,
        key: &str,
        actor: &Actor,
        reason: &str,
        now: i64,
    ) -> Result<Option<AllowEntry>, StoreError>;

    /// Every entry, by key (bytewise).
    async fn list_allowlist(&self) -> Result<Vec<AllowEntry>, StoreError>;
}

fn checked(e: &AllowEntry) -> Result<(), StoreError> {
    let long = |s: &str| s.chars().count() > MAX_ALLOWLIST_TEXT;
    if e.key.is_empty() || e.added_by.trim().is_empty() {
        return Err(StoreError::InvalidInput(
            "an allowlist entry needs a key and who added it".into(),
        ));
    }
    if long(&e.key) || long(&e.added_by) || long(&e.source) || long(&e.note) {
        return Err(StoreError::InvalidInput(format!(
            "allowlist texts are limited to {MAX_ALLOWLIST_TEXT} characters"
        )));
    }
    Ok(())
}

type Row = (String, String, String, String, i64);

fn from_row((key, added_by, source, note, added_at): Row) -> AllowEntry {
    AllowEntry {
        key,
        added_by,
        source,
        note,
        added_at,
    }
}

#[async_trait::async_trait]
impl<S: EngineStore> AllowlistStore for S {
    async fn add_allowlist(
        &self,
        entries: &[AllowEntry],
        actor: &Actor,
        detail: &str,
    ) -> Result<AllowCounts, StoreError> {
        if entries.len() > MAX_ALLOWLIST_BATCH {
            return Err(StoreError::InvalidInput(format!(
                "{} allowlist entries in one call; the limit is {MAX_ALLOWLIST_BATCH}",
                entries.len()
            )));
        }
        for e in entries {
            checked(e)?;
        }
        let mut tx = self.begin_write().await?;
        let mut counts = AllowCounts::default();
        for e in entries {
            // A key listed twice keeps its first row: who vouched for it first.
            let n = query::<S::Engine>(
                "INSERT INTO allowlist (key, added_by, source, note, added_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING",
            )
            .bind(e.key.as_str())
            .bind(e.added_by.as_str())
            .bind(e.source.as_str())
            .bind(e.note.as_str())
            .bind(e.added_at)
            .execute(&mut *tx)
            .await?;
            if n > 0 {
                counts.added += 1;
            } else {
                counts.unchanged += 1;
            }
        }
        let at = entries.first().map_or(0, |e| e.added_at);
        let source = entries.first().map(|e| e.source.as_str());
        audit::record(&mut tx, actor, "allowlist.add", source, Some(detail), at).await?;
        tx.commit().await?;
        Ok(counts)
    }

    async fn remove_allowlist(
        &self,
        key: &str,
        actor: &Actor,
        reason: &str,
        now: i64,
    ) -> Result<Option<AllowEntry>, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<Row> = query::<S::Engine>(
            "DELETE FROM allowlist WHERE key = $1 \
             RETURNING key, added_by, source, note, added_at",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(entry) = row.map(from_row) else {
            return Ok(None);
        };
        let detail = serde_json::json!({
            "reason": reason,
            "added_by": entry.added_by,
            "source": entry.source,
            "note": entry.note,
            "added_at": entry.added_at,
        })
        .to_string();
        audit::record(
            &mut tx,
            actor,
            "allowlist.remove",
            Some(key),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(entry))
    }

    async fn list_allowlist(&self) -> Result<Vec<AllowEntry>, StoreError> {
        let rows: Vec<Row> = query::<S::Engine>(
            "SELECT key, added_by, source, note, added_at FROM allowlist ORDER BY key",
        )
        .fetch_all(self.read_pool())
        .await?;
        Ok(rows.into_iter().map(from_row).collect())
    }
}

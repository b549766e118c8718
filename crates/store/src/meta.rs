//! Settings (`meta`): small values and generated secrets, written once for both
//! engines. SQLite's secure deletion wraps [`delete`] (`crate::sqlite`).

use crate::StoreError;
use crate::engine::{Engine, Exec, query};

/// Checks a meta key (the value is free).
fn validate_key(key: &str) -> Result<(), StoreError> {
    if key.is_empty() {
        return Err(StoreError::InvalidInput(
            "meta key must not be empty".into(),
        ));
    }
    Ok(())
}

/// Reads a setting.
pub(crate) async fn get<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(query::<E>("SELECT value FROM meta WHERE key = $1")
        .bind(key)
        .scalar_optional(on)
        .await?)
}

/// Writes a setting, replacing any previous value.
pub(crate) async fn set<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    key: &str,
    value: &str,
) -> Result<(), StoreError> {
    validate_key(key)?;
    query::<E>(
        "INSERT INTO meta (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(on)
    .await?;
    Ok(())
}

/// Deletes a setting; `false` if it was absent.
pub(crate) async fn delete<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    key: &str,
) -> Result<bool, StoreError> {
    let deleted = query::<E>("DELETE FROM meta WHERE key = $1")
        .bind(key)
        .execute(on)
        .await?;
    Ok(deleted > 0)
}

/// Stores `value` only if `key` is absent; returns the value now stored.
pub(crate) async fn init<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    key: &str,
    value: &str,
) -> Result<String, StoreError> {
    validate_key(key)?;
    // One statement: insert, or touch the existing row and return its value. On
    // PostgreSQL a racing insert waits for the other transaction, then takes the update
    // branch and returns the value that won.
    Ok(query::<E>(
        "INSERT INTO meta (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = meta.value RETURNING value",
    )
    .bind(key)
    .bind(value)
    .scalar(on)
    .await?)
}

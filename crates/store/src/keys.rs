//! API keys: creation, lookup, revocation and audited changes, written once for both
//! engines. Only a hash of each secret is stored.

use crate::engine::{Engine, Exec, Tx, query};
use crate::{ApiKey, KeyChange, MAX_LABEL_CHARS, NewApiKey, StoreError};

/// The columns of [`ApiKeyRow`].
const SELECT: &str = "SELECT id, role, region, label, created_at, revoked_at FROM api_keys";

/// Columns of an `api_keys` row: `id, role, region, label, created_at, revoked_at`.
type ApiKeyRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
);

fn from_row(row: ApiKeyRow) -> Result<ApiKey, StoreError> {
    let (id, role, region, label, created_at, revoked_at) = row;
    let role = role
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("api_keys id {id}: unknown role")))?;
    Ok(ApiKey {
        id,
        role,
        region,
        label,
        created_at,
        revoked_at,
    })
}

/// Checks a new key's region and label.
fn validate(key: &NewApiKey) -> Result<(), StoreError> {
    if let Some(region) = &key.region
        && campaign::Region::parse(region).map_or(true, |r| r.as_str() != region)
    {
        return Err(StoreError::InvalidInput(
            "region must be an assigned ISO 3166-1 alpha-2 code in uppercase, e.g. \"HK\"".into(),
        ));
    }
    if let Some(label) = &key.label
        && label.chars().count() > MAX_LABEL_CHARS
    {
        return Err(StoreError::InvalidInput(format!(
            "label must have at most {MAX_LABEL_CHARS} characters"
        )));
    }
    Ok(())
}

/// Maps a unique-constraint violation on API key creation to `Conflict`.
fn insert_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict("an API key with this hash already exists".into())
        }
        _ => StoreError::Database(e),
    }
}

/// Validates and inserts a key.
pub(crate) async fn create<'e, E: Engine>(
    on: impl Into<Exec<'e, E>>,
    key: &NewApiKey,
    created_at: i64,
) -> Result<ApiKey, StoreError> {
    validate(key)?;
    let id: i64 = query::<E>(
        "INSERT INTO api_keys (hash, role, region, label, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&key.hash[..])
    .bind(key.role.as_str())
    .bind(key.region.as_deref())
    .bind(key.label.as_deref())
    .bind(created_at)
    .scalar(on)
    .await
    .map_err(insert_error)?;
    Ok(ApiKey {
        id,
        role: key.role,
        region: key.region.clone(),
        label: key.label.clone(),
        created_at,
        revoked_at: None,
    })
}

/// The key with this hash, if it exists and is not revoked.
pub(crate) async fn find<E: Engine>(
    pool: &sqlx::Pool<E>,
    hash: &[u8; 32],
) -> Result<Option<ApiKey>, StoreError> {
    let row: Option<ApiKeyRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE hash = $1 AND revoked_at IS NULL"
    )))
    .bind(&hash[..])
    .fetch_optional(pool)
    .await?;
    row.map(from_row).transpose()
}

/// Every key, by id.
pub(crate) async fn list<E: Engine>(pool: &sqlx::Pool<E>) -> Result<Vec<ApiKey>, StoreError> {
    let rows: Vec<ApiKeyRow> = query::<E>(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY id")))
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(from_row).collect()
}

/// Revokes a key, keeping the first revocation time; `false` if there is no such key.
pub(crate) async fn revoke<E: Engine>(
    pool: &sqlx::Pool<E>,
    id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let changed =
        query::<E>("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?;
    Ok(changed > 0)
}

/// [`crate::Store::change_api_keys`] inside `tx`.
pub(crate) async fn change<E: Engine>(
    tx: &mut Tx<E>,
    change: &KeyChange<'_>,
) -> Result<Option<ApiKey>, StoreError> {
    if let Some(key) = change.create {
        validate(key)?;
    }
    if let Some(id) = change.revoke {
        let revoked =
            query::<E>("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(id)
                .bind(change.now)
                .execute(&mut **tx)
                .await?;
        if revoked == 0 {
            return Err(StoreError::NotFound);
        }
    }
    let created = match change.create {
        None => None,
        Some(key) => Some(create::<E>(&mut **tx, key, change.now).await?),
    };
    let target = created
        .as_ref()
        .map(|k| k.id)
        .or(change.revoke)
        .map(|id| format!("key:{id}"));
    crate::audit::record(
        tx,
        change.actor,
        change.action,
        target.as_deref(),
        change.detail,
        change.now,
    )
    .await?;
    Ok(created)
}

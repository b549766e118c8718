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

/// Most keys followed back to the keys that hold them (chains of keys made by keys;
/// real chains are one or two long).
const MAX_LINEAGE: usize = 16;

/// Every key whose holder holds `key`: the key itself; the key that made or rotated it
/// over the API (its secret was shown to that key's holder), and so on back; and for a
/// rotated key, the key it replaced (the same person's). Read from the audit records
/// `key.create` and `key.rotate`, written in the key's own transaction. A key the
/// operator made at the command line (no maker key), or made directly in the store (no
/// record), ends the chain.
async fn holders<E: Engine>(tx: &mut Tx<E>, key: i64) -> Result<Vec<i64>, StoreError> {
    let mut found = vec![key];
    let mut next = 0;
    while next < found.len() && found.len() < MAX_LINEAGE {
        let at = found[next];
        next += 1;
        let made: Option<(Option<i64>, String, Option<String>)> = query::<E>(
            "SELECT key_id, action, detail FROM audit_log WHERE target = $1 \
             AND action IN ('key.create', 'key.rotate') ORDER BY id LIMIT 1",
        )
        .bind(format!("key:{at}"))
        .fetch_optional(&mut **tx)
        .await?;
        let Some((maker, action, detail)) = made else {
            continue;
        };
        let replaced = (action == "key.rotate")
            .then(|| {
                let detail: serde_json::Value = serde_json::from_str(detail.as_deref()?).ok()?;
                detail.get("replaces")?.as_i64()
            })
            .flatten();
        for k in maker.into_iter().chain(replaced) {
            if !found.contains(&k) {
                found.push(k);
            }
        }
    }
    Ok(found)
}

/// Whether one holder may hold both keys: the same key, one made or rotated (over the
/// API) by the other, both made by the same key, or one the rotation of the other. A
/// two-person rule counts such keys as one person: an administrator who made two
/// analyst keys was shown both secrets.
async fn one_holder<E: Engine>(tx: &mut Tx<E>, a: i64, b: i64) -> Result<bool, StoreError> {
    if a == b {
        return Ok(true);
    }
    let of_a = holders(tx, a).await?;
    let of_b = holders(tx, b).await?;
    Ok(of_a.iter().any(|k| of_b.contains(k)))
}

/// Refuses an approval ([`StoreError::Conflict`]) when the approving key and the
/// author's may be held by one person ([`one_holder`]); `who` names the key that must
/// approve instead.
pub(crate) async fn refuse_one_holder<E: Engine>(
    tx: &mut Tx<E>,
    author: Option<i64>,
    approver: Option<i64>,
    who: &str,
) -> Result<(), StoreError> {
    if let (Some(author), Some(approver)) = (author, approver)
        && one_holder(tx, author, approver).await?
    {
        return Err(StoreError::Conflict(format!(
            "the approving key and the author's are held by one person (one made or \
             rotated the other, or one key made both): {who} must approve"
        )));
    }
    Ok(())
}

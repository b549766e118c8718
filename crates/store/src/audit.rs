//! The audit log, written once for both engines: [`record`] appends a record in the
//! caller's transaction (so a change and its record commit together); the log is
//! append-only (triggers in both schemas refuse `UPDATE` and `DELETE`).

use crate::StoreError;
use crate::engine::{Engine, Tx, query};
use crate::reports::{Actor, AuditRecord, page};

/// Columns of an `audit_log` row.
type AuditRow = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Appends a record inside `tx`; returns its id.
pub(crate) async fn record<E: Engine>(
    tx: &mut Tx<E>,
    actor: &Actor,
    action: &str,
    target: Option<&str>,
    detail: Option<&str>,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(query::<E>(
        "INSERT INTO audit_log (at, key_id, role, action, target, detail, ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(now)
    .bind(actor.key_id)
    .bind(actor.role.as_str())
    .bind(action)
    .bind(target)
    .bind(detail)
    .bind(actor.ip.as_deref())
    .scalar(&mut **tx)
    .await?)
}

/// Records, newest first, `before` an id for paging.
pub(crate) async fn log<E: Engine>(
    pool: &sqlx::Pool<E>,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let rows: Vec<AuditRow> = query::<E>(
        "SELECT id, at, key_id, role, action, target, detail, ip FROM audit_log \
         WHERE (CAST($1 AS BIGINT) IS NULL OR id < CAST($1 AS BIGINT)) \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(before)
    .bind(page(limit))
    .fetch_all(pool)
    .await?;
    Ok(records(rows))
}

/// The records of one target (an indicator key, `key:7`, `campaign:3`), newest first,
/// `before` an id for paging; over the index `audit_log_target (target, id)`.
pub(crate) async fn log_of<E: Engine>(
    pool: &sqlx::Pool<E>,
    target: &str,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let rows: Vec<AuditRow> = query::<E>(
        "SELECT id, at, key_id, role, action, target, detail, ip FROM audit_log \
         WHERE target = $1 AND (CAST($2 AS BIGINT) IS NULL OR id < CAST($2 AS BIGINT)) \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(target)
    .bind(before)
    .bind(page(limit))
    .fetch_all(pool)
    .await?;
    Ok(records(rows))
}

fn records(rows: Vec<AuditRow>) -> Vec<AuditRecord> {
    rows.into_iter()
        .map(
            |(id, at, key_id, role, action, target, detail, ip)| AuditRecord {
                id,
                at,
                key_id,
                role,
                action,
                target,
                detail,
                ip,
            },
        )
        .collect()
}

//! The registry of official channels: loading it and replacing it whole, written once
//! for both engines.

use std::collections::HashMap;

use crate::StoreError;
use crate::engine::{Engine, Tx, multi_row, query, rows_per_statement};

/// Raises the registry version (meta [`crate::proposals::REGISTRY_VERSION`]) in the
/// caller's transaction.
pub(crate) const BUMP_REGISTRY_VERSION: &str = "INSERT INTO meta (key, value) \
     VALUES ('registry_version', '1') ON CONFLICT (key) DO UPDATE \
     SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)";

/// Columns of a `channels` row joined with its brand, in stored order:
/// `brand name, kind, value, chain, retired, compromised_since, compromised_note`.
type ChannelRow = (
    String,
    String,
    String,
    Option<String>,
    bool,
    Option<i64>,
    Option<String>,
);

/// Loads and validates the registry, in stored order.
pub(crate) async fn load<E: Engine>(
    pool: &sqlx::Pool<E>,
) -> Result<registry::Registry, StoreError> {
    let rows: Vec<ChannelRow> = query::<E>(
        "SELECT b.name, c.kind, c.value, c.chain, c.retired, c.compromised_since, \
         c.compromised_note \
         FROM channels AS c JOIN brands AS b ON b.id = c.brand_id \
         ORDER BY b.position, c.position",
    )
    .fetch_all(pool)
    .await?;
    let raw = rows.into_iter().map(
        |(brand, key, value, chain, retired, compromised_since, compromised_note)| {
            registry::RawChannel {
                brand,
                key,
                value,
                chain,
                retired,
                compromised_since,
                compromised_note,
            }
        },
    );
    registry::Registry::from_channels(raw)
        .map_err(|e| StoreError::Corrupt(format!("the stored registry no longer validates: {e}")))
}

fn position_i64(position: usize) -> i64 {
    i64::try_from(position).unwrap_or(i64::MAX)
}

/// Replaces the registry inside `tx` and raises the registry version: brands, then
/// channels, each in multi-row statements.
pub(crate) async fn replace_in<E: Engine>(
    tx: &mut Tx<E>,
    registry: &registry::Registry,
) -> Result<(), StoreError> {
    if let Some(lock) = E::LOCK_REGISTRY {
        query::<E>(lock).execute(&mut **tx).await?;
    }
    query::<E>("DELETE FROM channels")
        .execute(&mut **tx)
        .await?;
    query::<E>("DELETE FROM brands").execute(&mut **tx).await?;
    let brands: Vec<(usize, &str)> = registry
        .brands()
        .iter()
        .map(|b| b.name.as_str())
        .enumerate()
        .collect();
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(brands.len());
    for chunk in brands.chunks(rows_per_statement::<E>(2)) {
        let sql = multi_row::<E>(
            "INSERT INTO brands (name, position) VALUES ",
            "(?,?)",
            chunk.len(),
            " RETURNING id, name",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (position, name) in chunk {
            q = q.bind(*name).bind(position_i64(*position));
        }
        for (id, name) in q.fetch_all::<(i64, String)>(&mut **tx).await? {
            ids.insert(name, id);
        }
    }
    let channels: Vec<(usize, registry::RawChannel)> =
        registry.to_channels().into_iter().enumerate().collect();
    for chunk in channels.chunks(rows_per_statement::<E>(8)) {
        let sql = multi_row::<E>(
            "INSERT INTO channels (brand_id, kind, value, chain, retired, position, \
             compromised_since, compromised_note) VALUES ",
            "(?,?,?,?,?,?,?,?)",
            chunk.len(),
            "",
        );
        let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
        for (position, row) in chunk {
            let brand_id = *ids.get(row.brand.as_str()).ok_or_else(|| {
                StoreError::InvalidInput("a channel names a brand the registry lacks".into())
            })?;
            q = q
                .bind(brand_id)
                .bind(row.key.as_str())
                .bind(row.value.as_str())
                .bind(row.chain.as_deref())
                .bind(row.retired)
                .bind(position_i64(*position))
                .bind(row.compromised_since)
                .bind(row.compromised_note.as_deref());
        }
        q.execute(&mut **tx).await?;
    }
    query::<E>(BUMP_REGISTRY_VERSION).execute(&mut **tx).await?;
    Ok(())
}

//! Moving an installation from SQLite to PostgreSQL (`antiscam migrate-store`).
//!
//! Both databases are migrated to this build's schema first. Every table the
//! PostgreSQL schema has (but sqlx's own bookkeeping) is copied, parents before
//! children (from the foreign keys), in **one PostgreSQL transaction**: the target has
//! all of it or none of it. The source is read in one read transaction, a consistent
//! snapshot even while a server still writes to it. Rows are read and written in
//! chunks, never all at once.
//!
//! The target must be empty (every table; a fresh database, or one made by `antiscam`
//! without data): merging two installations is not what this does. Identity
//! sequences are moved past the copied ids, so new rows get new ids. `meta` is copied
//! last and replaces what the target's triggers wrote meanwhile (the change counters).
//!
//! Before the commit every table is compared: its row count and a checksum over its
//! rows (an order-independent sum of a SHA-256 per row over a canonical encoding of
//! each value, typed by the PostgreSQL column), computed on the rows read from the
//! source and on the rows read back from the target. Any difference rolls the copy
//! back.

use futures_util::TryStreamExt as _;
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Row as _};

use crate::{PgStore, SqliteStore, Store as _, StoreError};

/// Rows per `INSERT` (PostgreSQL takes at most 65,535 parameters per statement).
const CHUNK_PARAMS: usize = 30_000;

/// What was copied, per table in copy order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableCopy {
    /// The table.
    pub table: String,
    /// Rows copied (equal in both databases).
    pub rows: u64,
    /// The table's checksum (equal in both databases), hex.
    pub checksum: String,
}

/// A column's type, as PostgreSQL declares it; SQLite values are read as that type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnType {
    Int,
    Bool,
    Text,
    Bytes,
    Float,
}

impl ColumnType {
    fn of(data_type: &str) -> Option<ColumnType> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => ColumnType::Int,
            "boolean" => ColumnType::Bool,
            "text" | "character varying" | "character" => ColumnType::Text,
            "bytea" => ColumnType::Bytes,
            "double precision" | "real" => ColumnType::Float,
            _ => return None,
        })
    }
}

/// One value, as both engines agree on it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
    Float(f64),
}

impl Value {
    /// A canonical, unambiguous encoding: a tag, then the value (length-prefixed).
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Value::Null => out.push(0),
            Value::Int(i) => {
                out.push(1);
                out.extend_from_slice(&i.to_be_bytes());
            }
            Value::Bool(b) => out.extend_from_slice(&[2, u8::from(*b)]),
            Value::Text(s) => {
                out.push(3);
                out.extend_from_slice(&(s.len() as u64).to_be_bytes());
                out.extend_from_slice(s.as_bytes());
            }
            Value::Bytes(b) => {
                out.push(4);
                out.extend_from_slice(&(b.len() as u64).to_be_bytes());
                out.extend_from_slice(b);
            }
            Value::Float(f) => {
                out.push(5);
                out.extend_from_slice(&f.to_bits().to_be_bytes());
            }
        }
    }
}

/// A table's count and order-independent checksum, fed row by row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    rows: u64,
    sum: u128,
}

impl Tally {
    fn add(&mut self, row: &[Value], scratch: &mut Vec<u8>) {
        scratch.clear();
        for v in row {
            v.encode(scratch);
        }
        let digest = Sha256::digest(&scratch[..]);
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        self.sum = self.sum.wrapping_add(u128::from_be_bytes(first));
        self.rows += 1;
    }
}

struct Table {
    name: String,
    columns: Vec<(String, ColumnType)>,
}

/// Copies the SQLite database at `from` (which must exist) into the empty PostgreSQL
/// database at `to`; `progress` hears each table as it is done. Returns what was
/// copied. On any error the target is left as it was.
pub async fn sqlite_to_postgres(
    from: &str,
    to: &str,
    progress: &mut (dyn FnMut(&TableCopy) + Send),
) -> Result<Vec<TableCopy>, StoreError> {
    let Some(path) = from
        .strip_prefix("sqlite://")
        .or_else(|| from.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(""))
        .filter(|p| !p.is_empty() && *p != ":memory:")
    else {
        return Err(StoreError::InvalidUrl(
            "the source must be a SQLite file: sqlite:PATH".into(),
        ));
    };
    // Opening creates a missing file: a typo must not copy an empty database.
    if !std::path::Path::new(path).is_file() {
        return Err(StoreError::InvalidInput(
            "the source SQLite database does not exist".into(),
        ));
    }
    let source = SqliteStore::connect(from).await?;
    let target = PgStore::connect(to).await?;
    let tables = target_tables(&target.pool).await?;

    let mut reader = source.read.acquire().await?;
    sqlx::query("BEGIN").execute(&mut *reader).await?;
    let mut tx = target.pool.begin().await?;
    for table in &tables {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT count(*) FROM {}",
            table.name
        )))
        .fetch_one(&mut *tx)
        .await?;
        // The target's triggers write change counters into meta: those alone are not
        // data, and meta is replaced last anyway.
        if n > 0 && table.name != "meta" {
            return Err(StoreError::Conflict(format!(
                "the target database is not empty (table {} has rows): migrate into a \
                 new database",
                table.name
            )));
        }
    }
    let mut copied = Vec::with_capacity(tables.len());
    for table in &tables {
        if table.name == "meta" {
            sqlx::query("DELETE FROM meta").execute(&mut *tx).await?;
        }
        let source_tally = copy_table(&mut reader, &mut tx, table).await?;
        let target_tally = tally_target(&mut tx, table).await?;
        if source_tally != target_tally {
            return Err(StoreError::Corrupt(format!(
                "table {}: {} rows read but {} in the target, or their checksums differ; \
                 nothing was committed",
                table.name, source_tally.rows, target_tally.rows
            )));
        }
        reset_identity(&mut tx, table).await?;
        let done = TableCopy {
            table: table.name.clone(),
            rows: source_tally.rows,
            checksum: format!("{:032x}", source_tally.sum),
        };
        progress(&done);
        copied.push(done);
    }
    tx.commit().await?;
    sqlx::query("COMMIT").execute(&mut *reader).await?;
    drop(reader);
    source.close().await;
    target.pool.close().await;
    Ok(copied)
}

/// The target's tables with their columns, parents before children, `meta` last.
async fn target_tables(pool: &sqlx::PgPool) -> Result<Vec<Table>, StoreError> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(pool)
    .await?;
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.relname::TEXT, p.relname::TEXT FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await?;
    let mut ordered: Vec<String> = Vec::with_capacity(names.len());
    let mut left = names;
    left.retain(|n| n != "meta");
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|t| {
                edges
                    .iter()
                    .all(|(child, parent)| child != *t || parent == *t || ordered.contains(parent))
            })
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(StoreError::Corrupt(
                "the schema's foreign keys form a cycle".into(),
            ));
        }
        left.retain(|t| !ready.contains(t));
        ordered.extend(ready);
    }
    ordered.push("meta".into());
    let mut tables = Vec::with_capacity(ordered.len());
    for name in ordered {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::TEXT, data_type::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 \
             ORDER BY ordinal_position",
        )
        .bind(&name)
        .fetch_all(pool)
        .await?;
        let mut columns = Vec::with_capacity(rows.len());
        for (column, data_type) in rows {
            let Some(kind) = ColumnType::of(&data_type) else {
                return Err(StoreError::Corrupt(format!(
                    "column {name}.{column} has type {data_type}, which migrate-store \
                     cannot copy"
                )));
            };
            columns.push((column, kind));
        }
        tables.push(Table { name, columns });
    }
    Ok(tables)
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn sqlite_value(
    row: &sqlx::sqlite::SqliteRow,
    i: usize,
    kind: ColumnType,
) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        ColumnType::Int => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Value::Null, Value::Int),
        ColumnType::Bool => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Value::Null, |v| Value::Bool(v != 0)),
        ColumnType::Text => row
            .try_get::<Option<String>, _>(i)?
            .map_or(Value::Null, Value::Text),
        ColumnType::Bytes => row
            .try_get::<Option<Vec<u8>>, _>(i)?
            .map_or(Value::Null, Value::Bytes),
        ColumnType::Float => row
            .try_get::<Option<f64>, _>(i)?
            .map_or(Value::Null, Value::Float),
    })
}

fn pg_value(row: &sqlx::postgres::PgRow, i: usize, kind: ColumnType) -> Result<Value, sqlx::Error> {
    use sqlx::{Column as _, TypeInfo as _};
    // Integers and floats are widened whatever their width.
    let width = row.columns()[i].type_info().name();
    Ok(match (kind, width) {
        (ColumnType::Int, "INT2") => row
            .try_get::<Option<i16>, _>(i)?
            .map(i64::from)
            .map_or(Value::Null, Value::Int),
        (ColumnType::Int, "INT4") => row
            .try_get::<Option<i32>, _>(i)?
            .map(i64::from)
            .map_or(Value::Null, Value::Int),
        (ColumnType::Int, _) => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Value::Null, Value::Int),
        (ColumnType::Bool, _) => row
            .try_get::<Option<bool>, _>(i)?
            .map_or(Value::Null, Value::Bool),
        (ColumnType::Text, _) => row
            .try_get::<Option<String>, _>(i)?
            .map_or(Value::Null, Value::Text),
        (ColumnType::Bytes, _) => row
            .try_get::<Option<Vec<u8>>, _>(i)?
            .map_or(Value::Null, Value::Bytes),
        (ColumnType::Float, "FLOAT4") => row
            .try_get::<Option<f32>, _>(i)?
            .map(f64::from)
            .map_or(Value::Null, Value::Float),
        (ColumnType::Float, _) => row
            .try_get::<Option<f64>, _>(i)?
            .map_or(Value::Null, Value::Float),
    })
}

/// Copies one table in chunks; returns the tally of the rows read.
async fn copy_table(
    reader: &mut sqlx::SqliteConnection,
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
) -> Result<Tally, StoreError> {
    let columns = column_list(table);
    let width = table.columns.len().max(1);
    let per_chunk = (CHUNK_PARAMS / width).max(1);
    let select = format!("SELECT {columns} FROM {}", table.name);
    let mut rows = sqlx::query(AssertSqlSafe(select)).fetch(&mut *reader);
    let mut tally = Tally::default();
    let mut scratch = Vec::new();
    let mut chunk: Vec<Vec<Value>> = Vec::with_capacity(per_chunk);
    while let Some(row) = rows.try_next().await? {
        let values = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| sqlite_value(&row, i, *kind))
            .collect::<Result<Vec<_>, _>>()?;
        tally.add(&values, &mut scratch);
        chunk.push(values);
        if chunk.len() == per_chunk {
            insert_chunk(tx, table, &columns, &chunk).await?;
            chunk.clear();
        }
    }
    if !chunk.is_empty() {
        insert_chunk(tx, table, &columns, &chunk).await?;
    }
    Ok(tally)
}

async fn insert_chunk(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
    columns: &str,
    rows: &[Vec<Value>],
) -> Result<(), StoreError> {
    let width = table.columns.len();
    let mut sql = format!(
        "INSERT INTO {} ({columns}) OVERRIDING SYSTEM VALUE VALUES ",
        table.name
    );
    for r in 0..rows.len() {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * width + c + 1));
        }
        sql.push(')');
    }
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for row in rows {
        for (value, (_, kind)) in row.iter().zip(&table.columns) {
            query = match (value, kind) {
                (Value::Null, ColumnType::Int) => query.bind(None::<i64>),
                (Value::Null, ColumnType::Bool) => query.bind(None::<bool>),
                (Value::Null, ColumnType::Text) => query.bind(None::<String>),
                (Value::Null, ColumnType::Bytes) => query.bind(None::<Vec<u8>>),
                (Value::Null, ColumnType::Float) => query.bind(None::<f64>),
                (Value::Int(i), _) => query.bind(*i),
                (Value::Bool(b), _) => query.bind(*b),
                (Value::Text(s), _) => query.bind(s.clone()),
                (Value::Bytes(b), _) => query.bind(b.clone()),
                (Value::Float(f), _) => query.bind(*f),
            };
        }
    }
    query.execute(&mut **tx).await.map_err(|e| match e {
        sqlx::Error::Database(db) => StoreError::Corrupt(format!(
            "table {}: the target refused a row: {}",
            table.name,
            db.message()
        )),
        other => StoreError::Database(other),
    })?;
    Ok(())
}

/// The tally of the rows now in the target's table.
async fn tally_target(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
) -> Result<Tally, StoreError> {
    let select = format!("SELECT {} FROM {}", column_list(table), table.name);
    let mut rows = sqlx::query(AssertSqlSafe(select)).fetch(&mut **tx);
    let mut tally = Tally::default();
    let mut scratch = Vec::new();
    while let Some(row) = rows.try_next().await? {
        let values = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| pg_value(&row, i, *kind))
            .collect::<Result<Vec<_>, _>>()?;
        tally.add(&values, &mut scratch);
    }
    Ok(tally)
}

/// Moves the table's identity sequence (if it has one) past the copied ids.
async fn reset_identity(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
) -> Result<(), StoreError> {
    let identity: Option<String> = sqlx::query_scalar(
        "SELECT column_name::TEXT FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
    )
    .bind(&table.name)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(column) = identity {
        sqlx::query(AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{t}', '{column}'), \
             COALESCE((SELECT max({column}) FROM {t}), 0) + 1, false)",
            t = table.name
        )))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

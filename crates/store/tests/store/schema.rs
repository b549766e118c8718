//! Schema parity: a fresh SQLite database and a fresh PostgreSQL schema, both migrated,
//! have the same tables, columns (name, type family, nullability), primary keys, unique
//! constraints and indexes. The two migration directories are kept in step by hand;
//! this test is what notices a step missed. The differences that are meant are listed
//! in [`INTENDED`], each with its reason.

use std::collections::BTreeSet;

use sqlx::{Connection, PgConnection, SqliteConnection};

use crate::{Engine, TestDb, with_postgres, with_sqlite};

/// One fact about the schema, comparable across engines: `"table.column: text not
/// null"`, `"table: primary key (a, b)"`, `"table: unique (a)"`, `"table: index name
/// (a, b) where …"`.
type Facts = BTreeSet<String>;

/// Facts true on one engine only, on purpose: `(engine, fact, reason)`.
const INTENDED: &[(&str, &str, &str)] = &[
    (
        "postgres",
        "feed_log.revoked: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (revoked IN (0, 1))",
    ),
    (
        "sqlite",
        "feed_log.revoked: integer not null",
        "the SQLite side of feed_log.revoked",
    ),
    (
        "postgres",
        "channels.retired: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (retired IN (0, 1))",
    ),
    (
        "sqlite",
        "channels.retired: integer not null",
        "the SQLite side of channels.retired",
    ),
    (
        "postgres",
        "screenings.shown: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (shown IN (0, 1))",
    ),
    (
        "sqlite",
        "screenings.shown: integer not null",
        "the SQLite side of screenings.shown",
    ),
    (
        "postgres",
        "triage_decisions.base_delisted: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (base_delisted IN (0, 1))",
    ),
    (
        "sqlite",
        "triage_decisions.base_delisted: integer not null",
        "the SQLite side of triage_decisions.base_delisted",
    ),
    (
        "postgres",
        "report_groups.official: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (official IN (0, 1))",
    ),
    (
        "sqlite",
        "report_groups.official: integer not null",
        "the SQLite side of report_groups.official",
    ),
    (
        "postgres",
        "report_groups.delisted: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (delisted IN (0, 1))",
    ),
    (
        "sqlite",
        "report_groups.delisted: integer not null",
        "the SQLite side of report_groups.delisted",
    ),
    (
        "postgres",
        "report_indicators.official: boolean not null",
        "SQLite has no boolean type: INTEGER with CHECK (official IN (0, 1))",
    ),
    (
        "sqlite",
        "report_indicators.official: integer not null",
        "the SQLite side of report_indicators.official",
    ),
];

/// The type family of a declared type: what the code binds and reads, not its width
/// (BIGINT and INTEGER are both read as `i64`).
fn family(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "bigint" | "smallint" | "int" | "int8" | "int4" | "int2" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "blob" | "bytea" => "bytes",
        "real" | "double precision" | "float8" => "real",
        "boolean" | "bool" => "boolean",
        _ => return t,
    }
    .to_owned()
}

fn column_fact(table: &str, column: &str, declared: &str, not_null: bool) -> String {
    let null = if not_null { "not null" } else { "null" };
    format!("{table}.{column}: {} {null}", family(declared))
}

fn index_fact(
    table: &str,
    kind: &str,
    name: Option<&str>,
    columns: &[String],
    partial: bool,
) -> String {
    let name = name.map(|n| format!(" {n}")).unwrap_or_default();
    let partial = if partial { " where …" } else { "" };
    format!("{table}: {kind}{name} ({}){partial}", columns.join(", "))
}

async fn sqlite_facts(path: &std::path::Path) -> Facts {
    let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_schema WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut facts = Facts::new();
    for (table,) in tables {
        facts.insert(format!("table {table}"));
        // cid, name, type, notnull, default, pk (position in the primary key, from 1)
        let columns: Vec<(i64, String, String, bool, Option<String>, i64)> =
            sqlx::query_as("SELECT * FROM pragma_table_info(?1)")
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (_, name, declared, not_null, _, pk_position) in columns {
            // A primary key column is never NULL here: an INTEGER PRIMARY KEY is the
            // rowid, and every other key column of this schema is declared NOT NULL
            // or in a WITHOUT ROWID table.
            facts.insert(column_fact(
                &table,
                &name,
                &declared,
                not_null || pk_position > 0,
            ));
            if pk_position > 0 {
                pk.push((pk_position, name));
            }
        }
        pk.sort();
        let pk: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
        facts.insert(index_fact(&table, "primary key", None, &pk, false));
        // seq, name, unique, origin (c: CREATE INDEX, u: UNIQUE, pk), partial
        let indexes: Vec<(i64, String, bool, String, bool)> =
            sqlx::query_as("SELECT * FROM pragma_index_list(?1)")
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        for (_, index, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            // Key columns only (`key`), in order; an expression has no name.
            let columns: Vec<(Option<String>,)> =
                sqlx::query_as("SELECT name FROM pragma_index_xinfo(?1) WHERE key ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut conn)
                    .await
                    .unwrap();
            let columns: Vec<String> = columns
                .into_iter()
                .map(|(n,)| n.unwrap_or_else(|| "<expression>".into()))
                .collect();
            facts.insert(match (origin.as_str(), unique) {
                ("u", _) => index_fact(&table, "unique", None, &columns, partial),
                (_, true) => index_fact(&table, "unique index", Some(&index), &columns, partial),
                (_, false) => index_fact(&table, "index", Some(&index), &columns, partial),
            });
        }
    }
    conn.close().await.unwrap();
    facts
}

async fn postgres_facts(options: &sqlx::postgres::PgConnectOptions) -> Facts {
    let mut conn = PgConnection::connect_with(options).await.unwrap();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut facts = Facts::new();
    for (table,) in tables {
        facts.insert(format!("table {table}"));
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text, is_nullable::text \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for (name, declared, nullable) in columns {
            facts.insert(column_fact(&table, &name, &declared, nullable == "NO"));
        }
        // Every index of the table: its key columns in order (an expression has
        // attnum 0), whether it is the primary key, unique, backs a UNIQUE
        // constraint, partial.
        let indexes: Vec<(String, Vec<String>, bool, bool, bool, bool)> = sqlx::query_as(
            "SELECT ic.relname::text, \
                 ARRAY(SELECT COALESCE(a.attname::text, '<expression>') \
                       FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                       LEFT JOIN pg_attribute AS a \
                         ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                       ORDER BY k.ord), \
                 i.indisprimary, i.indisunique, \
                 EXISTS (SELECT 1 FROM pg_constraint AS c \
                         WHERE c.conindid = i.indexrelid AND c.contype = 'u'), \
                 i.indpred IS NOT NULL \
             FROM pg_index AS i \
             JOIN pg_class AS ic ON ic.oid = i.indexrelid \
             JOIN pg_class AS tc ON tc.oid = i.indrelid \
             JOIN pg_namespace AS n ON n.oid = tc.relnamespace \
             WHERE n.nspname = current_schema() AND tc.relname = $1",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut has_pk = false;
        for (index, columns, primary, unique, constraint, partial) in indexes {
            facts.insert(if primary {
                has_pk = true;
                index_fact(&table, "primary key", None, &columns, partial)
            } else if constraint {
                index_fact(&table, "unique", None, &columns, partial)
            } else if unique {
                index_fact(&table, "unique index", Some(&index), &columns, partial)
            } else {
                index_fact(&table, "index", Some(&index), &columns, partial)
            });
        }
        if !has_pk {
            facts.insert(index_fact(&table, "primary key", None, &[], false));
        }
    }
    conn.close().await.unwrap();
    facts
}

/// Facts of one engine that the other lacks, minus the intended ones.
fn unexpected(engine: &str, mine: &Facts, theirs: &Facts) -> Vec<String> {
    mine.difference(theirs)
        .filter(|fact| !INTENDED.iter().any(|(e, f, _)| *e == engine && f == fact))
        .cloned()
        .collect()
}

#[tokio::test]
async fn both_engines_migrate_to_the_same_schema() {
    with_postgres(
        "both_engines_migrate_to_the_same_schema",
        |pg: TestDb| async move {
            let store = pg.open().await;
            store.close().await;
            let Engine::Postgres { options, .. } = &pg.engine else {
                unreachable!("with_postgres gives a PostgreSQL database")
            };
            let postgres = postgres_facts(options).await;
            with_sqlite(move |lite: TestDb| async move {
                let store = lite.open().await;
                store.close().await;
                let Engine::Sqlite { path } = &lite.engine else {
                    unreachable!("with_sqlite gives a SQLite database")
                };
                let sqlite = sqlite_facts(path).await;
                let only_sqlite = unexpected("sqlite", &sqlite, &postgres);
                let only_postgres = unexpected("postgres", &postgres, &sqlite);
                assert!(
                    only_sqlite.is_empty() && only_postgres.is_empty(),
                    "the migrated schemas differ:\nonly on SQLite: {only_sqlite:#?}\n\
                 only on PostgreSQL: {only_postgres:#?}"
                );
                // Every intended difference still exists (else it should be removed).
                let stale: Vec<&str> = INTENDED
                    .iter()
                    .filter(|(engine, fact, _)| {
                        let (mine, theirs) = if *engine == "sqlite" {
                            (&sqlite, &postgres)
                        } else {
                            (&postgres, &sqlite)
                        };
                        !mine.contains(*fact) || theirs.contains(*fact)
                    })
                    .map(|(_, fact, _)| *fact)
                    .collect();
                assert!(
                    stale.is_empty(),
                    "intended differences no longer found: {stale:#?}"
                );
                // The introspection itself works: every table of migrations 0001 to 0007.
                let tables = sqlite.iter().filter(|f| f.starts_with("table ")).count();
                assert!(tables >= 19, "{sqlite:#?}");
            })
            .await;
        },
    )
    .await;
}

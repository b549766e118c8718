//! Times `upsert_blocklist` of 1,000,000 generated entries on a SQLite temp file: a
//! fresh insert, a re-run (all unchanged), an update of every entry, and a load.
//!
//! `cargo bench -p store --bench upsert` (set `UPSERT_ENTRIES` to change the count;
//! set `ANTISCAM_TEST_POSTGRES_URL` to also time PostgreSQL, in a throw-away schema).

#![allow(missing_docs, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Instant;

use blocklist::{Entry, Severity};
use store::{PgConnectOptions, PgStore, SqliteStore, Store};

fn entries(n: usize, generation: i64) -> Vec<Entry> {
    // Keys in a scrambled order, as a feed delivers them.
    (0..n)
        .map(|i| {
            let h = (i as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(17);
            let key = match i % 4 {
                0 => format!("domain:scam-{h:016x}.example"),
                1 => format!("phone:+8529{:07}", h % 10_000_000),
                2 => format!("address:evm:0x{h:016x}{h:016x}{:08x}", i),
                _ => format!("account:x:fake_support_{h:x}"),
            };
            Entry {
                key,
                severity: if i % 3 == 0 {
                    Severity::Confirmed
                } else {
                    Severity::Suspected
                },
                categories: vec!["phishing".into()],
                report_count: 1 + (i % 7) as u32,
                first_seen: 1_700_000_000 + (i as i64 % 86_400),
                last_seen: 1_700_100_000 + generation,
                sources: vec!["reports".into()],
            }
        })
        .collect()
}

/// CPU time of this process (all threads), in seconds, where /proc is available: on a
/// shared machine it says how much of the wall time was ours.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are 14th and 15th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

async fn run(name: &str, store: Arc<dyn Store>, n: usize) {
    let fresh = entries(n, 0);
    let distinct = {
        let mut keys: Vec<&str> = fresh.iter().map(|e| e.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len()
    };
    let time = |label: &str, (started, cpu): (Instant, Option<f64>), counts: String| {
        let secs = started.elapsed().as_secs_f64();
        let cpu = match (cpu, cpu_seconds()) {
            (Some(a), Some(b)) => format!("(cpu {:5.2} s)", b - a),
            _ => String::new(),
        };
        println!(
            "{name:>8} {label:<9} {n} entries ({distinct} keys): {secs:6.2} s {cpu}, {:>7.0} entries/s  {counts}",
            n as f64 / secs
        );
    };
    let start = || (Instant::now(), cpu_seconds());

    let started = start();
    let counts = store.upsert_blocklist(&fresh).await.unwrap();
    time("insert", started, format!("{counts:?}"));

    let started = start();
    let counts = store.upsert_blocklist(&fresh).await.unwrap();
    time("unchanged", started, format!("{counts:?}"));

    let changed = entries(n, 1);
    let started = start();
    let counts = store.upsert_blocklist(&changed).await.unwrap();
    time("update", started, format!("{counts:?}"));

    let started = start();
    let loaded = store.load_blocklist().await.unwrap();
    time("load", started, format!("{} loaded", loaded.len()));
    store.close().await;
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("UPSERT_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);

    let path =
        std::env::temp_dir().join(format!("antiscam-bench-upsert-{}.db", std::process::id()));
    let store = SqliteStore::open_file(&path).await.unwrap();
    run("sqlite", Arc::new(store), n).await;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }

    if let Ok(url) = std::env::var("ANTISCAM_TEST_POSTGRES_URL") {
        let admin: PgConnectOptions = url.parse().unwrap();
        let schema = format!("antiscam_bench_{}", std::process::id());
        let pool = sqlx::PgPool::connect_with(admin.clone()).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&pool)
            .await
            .unwrap();
        let store = PgStore::connect_with(admin.options([("search_path", &schema)]))
            .await
            .unwrap();
        run("postgres", Arc::new(store), n).await;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(&pool)
            .await
            .unwrap();
    }
}

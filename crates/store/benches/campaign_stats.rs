//! Times the statistics of a campaign with 1,000,000 screenings (200,000 users, two
//! variants, 30 days, exposures 1 to 12, random outcomes, 2,000 later scam reports) on
//! a SQLite temp file: the grouped scan of `campaign_cells` plus `campaign::compute`,
//! which is what `GET /v1/campaigns/{id}/stats` and `antiscam campaign stats` run.
//!
//! `cargo bench -p store --bench campaign_stats` (`CAMPAIGN_SCREENINGS` changes the
//! count; `ANTISCAM_TEST_POSTGRES_URL` also times PostgreSQL in a throw-away schema).

#![allow(missing_docs, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::{AssertSqlSafe, Connection};
use store::{PgConnectOptions, PgStore, SqliteStore, Store};

fn spec() -> campaign::Spec {
    campaign::Spec::from_json(&serde_json::json!({
        "name": "Bench", "partner": "Bench", "regions": ["HK"], "status": "active",
        "starts_at": "2025-01-01T00:00:00Z", "holdout_percent": 10,
        "variants": [
            {"key": "impersonation", "content": {"en": {"title": "A", "message": "A"}}},
            {"key": "investment", "content": {"en": {"title": "B", "message": "B"}}}
        ]
    }))
    .unwrap()
}

/// Generated rows, in SQL shared by both engines (`random_int(n)` is engine-specific).
fn populate_sql(n: u64, random: &str, blob: &str) -> Vec<String> {
    let users = n / 5;
    vec![
        format!(
            "INSERT INTO screenings (id, user_hash, region, locale, decision, risk_level, \
             risk_score, signals, amount_usd, campaign_id, arm, variant, exposure, shown, \
             outcomes, outcome_at, created_at, day) \
             SELECT 'scr_' || i, {blob}, 'HK', 'en', 'allow', 'low', 15, 8, 100.0, 1, \
             CASE WHEN (i % {users}) % 10 = 0 THEN 1 ELSE 0 END, \
             CASE WHEN i % 2 = 0 THEN 'impersonation' ELSE 'investment' END, \
             1 + (i / {users}), \
             CASE WHEN (i % {users}) % 10 = 0 THEN {f} ELSE {t} END, \
             {r16}, NULL, 1767225600 + (i % 30) * 86400, 20454 + (i % 30) \
             FROM series",
            users = users,
            f = if blob.contains("decode") {
                "false"
            } else {
                "0"
            },
            t = if blob.contains("decode") { "true" } else { "1" },
            r16 = random.replace("{n}", "16"),
        ),
        format!(
            "INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at) \
             SELECT 1, {blob}, CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, 1767225600 \
             FROM series WHERE i < {users}"
        ),
        format!(
            "INSERT INTO user_scam_reports (user_hash, reported_at) \
             SELECT {blob}, 1769817600 FROM series WHERE i < {users} AND i % 100 IN (7, 10)"
        ),
    ]
}

async fn stats(store: &dyn Store, c: &campaign::Campaign) -> campaign::Stats {
    let (cells, e, h) = store.campaigns().campaign_cells(c.id).await.unwrap();
    campaign::compute(c, &cells, e, h)
}

fn bench(crit: &mut Criterion) {
    let n: u64 = std::env::var("CAMPAIGN_SCREENINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let path = std::env::temp_dir().join(format!("antiscam-bench-stats-{}.db", std::process::id()));
    let store: Arc<dyn Store> =
        rt.block_on(async { Arc::new(SqliteStore::open_file(&path).await.unwrap()) });
    let c = rt.block_on(async {
        let c = store.campaigns().create_campaign(&spec()).await.unwrap();
        let started = Instant::now();
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite:{}", path.display()))
            .await
            .unwrap();
        let series = format!(
            "WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series \
             WHERE i + 1 < {n}) "
        );
        let blob = format!("unhex(printf('%064x', i % {}))", n / 5);
        sqlx::query("BEGIN").execute(&mut conn).await.unwrap();
        for sql in populate_sql(n, "(abs(random()) % {n})", &blob) {
            let (head, tail) = sql.split_at(sql.find("SELECT").unwrap());
            sqlx::query(AssertSqlSafe(format!("{head}{series}{tail}")))
                .execute(&mut conn)
                .await
                .unwrap();
        }
        sqlx::query("COMMIT").execute(&mut conn).await.unwrap();
        sqlx::query("ANALYZE").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        println!(
            "sqlite: populated {n} screenings in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        c
    });
    let s = rt.block_on(stats(store.as_ref(), &c));
    assert_eq!(s.exposed.screenings + s.holdout.screenings, n);
    assert_eq!(s.exposed.users.unwrap() + s.holdout.users.unwrap(), n / 5);
    let mut group = crit.benchmark_group("campaign_stats");
    group.sample_size(10);
    group.bench_function(format!("sqlite/{n}_screenings"), |b| {
        b.iter(|| rt.block_on(stats(store.as_ref(), &c)));
    });
    rt.block_on(store.close());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }

    if let Ok(url) = std::env::var("ANTISCAM_TEST_POSTGRES_URL") {
        let schema = format!("antiscam_bench_{}", std::process::id());
        let admin: PgConnectOptions = url.parse().unwrap();
        let (pg, c) = rt.block_on(async {
            let mut conn = sqlx::PgConnection::connect_with(&admin).await.unwrap();
            sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(&mut conn)
                .await
                .unwrap();
            let options = admin.clone().options([("search_path", schema.as_str())]);
            let pg: Arc<dyn Store> =
                Arc::new(PgStore::connect_with(options.clone()).await.unwrap());
            let c = pg.campaigns().create_campaign(&spec()).await.unwrap();
            let mut conn = sqlx::PgConnection::connect_with(&options).await.unwrap();
            let series = format!("WITH series(i) AS (SELECT generate_series(0, {n} - 1)) ");
            let blob = format!(
                "decode(repeat('00', 24) || lpad(to_hex(i % {}), 16, '0'), 'hex')",
                n / 5
            );
            for sql in populate_sql(n, "floor(random() * {n})::bigint", &blob) {
                let (head, tail) = sql.split_at(sql.find("SELECT").unwrap());
                sqlx::query(AssertSqlSafe(format!("{head}{series}{tail}")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
            sqlx::query("ANALYZE").execute(&mut conn).await.unwrap();
            (pg, c)
        });
        group.bench_function(format!("postgres/{n}_screenings"), |b| {
            b.iter(|| rt.block_on(stats(pg.as_ref(), &c)));
        });
        rt.block_on(async {
            pg.close().await;
            let mut conn = sqlx::PgConnection::connect_with(&admin).await.unwrap();
            sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(&mut conn)
                .await
                .unwrap();
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

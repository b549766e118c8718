//! The store's integration tests. Every test in [`both_engines!`] runs twice: against
//! SQLite (a fresh temp file, removed after) and against PostgreSQL (a fresh schema
//! `antiscam_test_<random>`, dropped after). PostgreSQL tests read the server URL from
//! `ANTISCAM_TEST_POSTGRES_URL` and are skipped, with a message, when it is unset.

#![allow(missing_docs, clippy::unwrap_used)]

use std::future::Future;
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use blocklist::{Entry, Severity};
use registry::Registry;
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection, SqliteConnection};
use store::{
    ApiKey, Backend, NewApiKey, PgConnectOptions, PgStore, Role, SqliteStore, Store, StoreError,
    UpsertCounts,
};

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

const POSTGRES_URL_VAR: &str = "ANTISCAM_TEST_POSTGRES_URL";

/// A name no other test (in this or a concurrent run) uses.
fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let random = std::collections::hash_map::RandomState::new().hash_one((
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now(),
    ));
    format!("{prefix}_{random:016x}")
}

enum Engine {
    Sqlite {
        path: PathBuf,
    },
    Postgres {
        url: String,
        schema: String,
        options: Box<PgConnectOptions>,
    },
}

/// One test's database: an empty SQLite file path or an empty PostgreSQL schema.
struct TestDb {
    engine: Engine,
}

impl TestDb {
    fn backend(&self) -> Backend {
        match self.engine {
            Engine::Sqlite { .. } => Backend::Sqlite,
            Engine::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Opens (and migrates) a new store on the test database; each call opens new
    /// connections, like another process would.
    async fn open(&self) -> Arc<dyn Store> {
        match &self.engine {
            Engine::Sqlite { path } => store::open(&format!("sqlite:{}", path.display()))
                .await
                .unwrap(),
            Engine::Postgres { options, .. } => {
                Arc::new(PgStore::connect_with((**options).clone()).await.unwrap())
            }
        }
    }

    /// The test database as a URL for [`store::open`].
    fn url(&self) -> String {
        match &self.engine {
            Engine::Sqlite { path } => format!("sqlite://{}", path.display()),
            Engine::Postgres { url, schema, .. } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}options=-c%20search_path%3D{schema}")
            }
        }
    }

    /// Runs raw SQL on a separate connection (to corrupt or inspect data).
    async fn exec(&self, sql: &str) {
        let sql = AssertSqlSafe(sql.to_owned());
        match &self.engine {
            Engine::Sqlite { path } => {
                let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
            Engine::Postgres { options, .. } => {
                let mut conn = PgConnection::connect_with(options).await.unwrap();
                sqlx::query(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
        }
    }

    /// Reads one integer with raw SQL on a separate connection.
    async fn scalar(&self, sql: &str) -> i64 {
        let sql = AssertSqlSafe(sql.to_owned());
        match &self.engine {
            Engine::Sqlite { path } => {
                let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            Engine::Postgres { options, .. } => {
                let mut conn = PgConnection::connect_with(options).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }
}

/// Runs `test` on a fresh SQLite file, in its own task so that the file is removed
/// even when the test panics (the panic is then re-raised).
async fn with_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let path = std::env::temp_dir().join(format!("{}.db", unique_name("antiscam_test")));
    let db = TestDb {
        engine: Engine::Sqlite { path: path.clone() },
    };
    let result = tokio::spawn(test(db)).await;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Runs `test` in a fresh PostgreSQL schema, dropped afterwards even when the test
/// panics; skipped when no server is configured.
async fn with_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Ok(url) = std::env::var(POSTGRES_URL_VAR) else {
        println!("skipped postgres::{name}: {POSTGRES_URL_VAR} is unset");
        return;
    };
    let admin_options: PgConnectOptions = url.parse().unwrap();
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(admin_options.clone())
        .await
        .unwrap();
    let schema = unique_name("antiscam_test");
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .unwrap();
    let options = admin_options.options([("search_path", schema.as_str())]);
    let db = TestDb {
        engine: Engine::Postgres {
            url,
            schema: schema.clone(),
            options: Box::new(options),
        },
    };
    let result = tokio::spawn(test(db)).await;
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Generates `sqlite::<test>` and `postgres::<test>` for each test function of the
/// module it is called in (the crate root or one of the `store/*.rs` modules below,
/// which see it because they are declared after it).
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::with_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::with_postgres(stringify!($name), super::$name).await;
                }
            )*
        }
    };
}

both_engines!(
    migrations_apply_once_and_reopen_is_a_no_op,
    change_counters_move_with_every_change,
    open_by_url,
    registry_round_trip,
    registry_replace_twice_fully_replaces,
    registry_corrupt_row_is_reported,
    blocklist_upsert_counts,
    blocklist_upsert_detects_each_changed_field,
    blocklist_upsert_many_crosses_chunks,
    blocklist_delete,
    blocklist_corrupt_row_is_reported,
    api_keys_create_find_revoke_list,
    api_keys_refuse_bad_input,
    api_key_changes_are_atomic_with_their_audit_record,
    meta_get_set_init,
    meta_init_races_agree,
    blocklist_merge_reads_and_writes_in_one_transaction,
    blocklist_pages_follow_key_order,
    blocklist_generation_counts_changes,
    source_regions_round_trip,
    campaigns_create_get_list_update,
    campaign_corrupt_row_is_reported,
    screenings_outcomes_history_and_cells,
    screenings_group_commit_under_concurrency,
    screen_chooses_the_campaign_from_the_stored_history,
);

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// Two brands, out of alphabetical order, with domains, X accounts, a retired channel,
/// a compromised Telegram account and an Ethereum address.
const REGISTRY: &str = r#"
[[brand]]
name = "Zeta Exchange"
domains = ["zeta-exchange.com", "launchpad.zeta-exchange.org"]
x = ["ZetaEx"]
telegram = [{ value = "ZetaEnglish", compromised_since = "2026-12-01T00:00:00Z", note = "hijacked" }]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" }]

[brand.retired]
x = ["ZetaOld"]

[[brand]]
name = "Alpha Bank"
domains = ["alpha-bank.io"]
x = ["AlphaBank"]
"#;

/// A different registry: a channel moves to the other brand, a brand appears.
const REGISTRY_2: &str = r#"
[[brand]]
name = "Gamma Pay"
domains = ["gamma.example"]

[[brand]]
name = "Zeta Exchange"
domains = ["alpha-bank.io"]
x = ["ZetaEx"]

[brand.retired]
x = ["ZetaOlder"]
"#;

fn entry(key: &str, severity: Severity, report_count: u32) -> Entry {
    Entry {
        key: key.into(),
        severity,
        categories: vec!["phishing".into(), "fake_support".into()],
        report_count,
        first_seen: 1_700_000_000,
        last_seen: 1_700_000_500,
        sources: vec!["reports".into()],
    }
}

fn counts(added: u64, updated: u64, unchanged: u64) -> UpsertCounts {
    UpsertCounts {
        added,
        updated,
        unchanged,
    }
}

fn sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    entries
}

fn new_key(n: u8, role: Role, region: Option<&str>, label: Option<&str>) -> NewApiKey {
    NewApiKey {
        hash: [n; 32],
        role,
        region: region.map(str::to_owned),
        label: label.map(str::to_owned),
    }
}

// ---------------------------------------------------------------------------------------
// Tests run on both engines
// ---------------------------------------------------------------------------------------

async fn migrations_apply_once_and_reopen_is_a_no_op(db: TestDb) {
    let store = db.open().await;
    assert_eq!(store.backend(), db.backend());
    let migrations = db.scalar("SELECT count(*) FROM _sqlx_migrations").await;
    assert!(migrations >= 1);
    // Every table exists and is empty.
    for table in ["brands", "channels", "blocklist", "api_keys", "meta"] {
        let n = db.scalar(&format!("SELECT count(*) FROM {table}")).await;
        assert_eq!(n, 0, "{table}");
    }
    assert_eq!(store.load_registry().await.unwrap(), Registry::empty());
    assert!(store.load_blocklist().await.unwrap().is_empty());
    store.set_meta("probe", "kept").await.unwrap();
    store.close().await;

    // Re-open twice: nothing is re-applied and data survives.
    for _ in 0..2 {
        let store = db.open().await;
        assert_eq!(
            db.scalar("SELECT count(*) FROM _sqlx_migrations").await,
            migrations
        );
        assert_eq!(
            store.get_meta("probe").await.unwrap().as_deref(),
            Some("kept")
        );
        store.close().await;
    }

    if db.backend() == Backend::Sqlite {
        // Durability settings are in force (journal_mode is a property of the file).
        let Engine::Sqlite { path } = &db.engine else {
            unreachable!()
        };
        let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
            .await
            .unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }
}

async fn open_by_url(db: TestDb) {
    let store = store::open(&db.url()).await.unwrap();
    assert_eq!(store.backend(), db.backend());
    store.set_meta("via", "url").await.unwrap();
    // The same database as the one the harness sees.
    let other = db.open().await;
    assert_eq!(other.get_meta("via").await.unwrap().as_deref(), Some("url"));
}

async fn registry_round_trip(db: TestDb) {
    let store = db.open().await;
    let registry = Registry::from_toml(REGISTRY).unwrap();
    store.replace_registry(&registry).await.unwrap();

    let loaded = store.load_registry().await.unwrap();
    assert_eq!(loaded, registry);
    assert_eq!(loaded.to_channels(), registry.to_channels());
    let names: Vec<&str> = loaded.brands().iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Zeta Exchange", "Alpha Bank"]);

    let rows = loaded.to_channels();
    assert!(rows.iter().any(|r| {
        r.key == "addresses"
            && r.chain.is_some()
            && r.value
                .eq_ignore_ascii_case("0x52908400098527886E0F7030069857D2E4169EE7")
    }));
    assert!(rows.iter().any(|r| r.retired && r.brand == "Zeta Exchange"));
    // The compromise mark (issue 14) is kept with its time and note.
    assert!(rows.iter().any(|r| {
        r.key == "telegram"
            && r.compromised_since == Some(1_796_083_200)
            && r.compromised_note.as_deref() == Some("hijacked")
    }));
    assert_eq!(
        db.scalar("SELECT count(*) FROM channels WHERE compromised_since = 1796083200")
            .await,
        1
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM channels").await,
        i64::try_from(registry.channel_count()).unwrap()
    );

    // Another connection (another process) reads the same.
    let other = db.open().await;
    assert_eq!(other.load_registry().await.unwrap(), registry);
}

async fn registry_replace_twice_fully_replaces(db: TestDb) {
    let store = db.open().await;
    let first = Registry::from_toml(REGISTRY).unwrap();
    let second = Registry::from_toml(REGISTRY_2).unwrap();
    store.replace_registry(&first).await.unwrap();
    store.replace_registry(&second).await.unwrap();
    let loaded = store.load_registry().await.unwrap();
    assert_eq!(loaded, second);
    let names: Vec<&str> = loaded.brands().iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Gamma Pay", "Zeta Exchange"]);
    assert_eq!(db.scalar("SELECT count(*) FROM brands").await, 2);

    // Same registry again: idempotent.
    store.replace_registry(&second).await.unwrap();
    assert_eq!(store.load_registry().await.unwrap(), second);

    // And back to nothing.
    store.replace_registry(&Registry::empty()).await.unwrap();
    assert_eq!(store.load_registry().await.unwrap(), Registry::empty());
    assert_eq!(db.scalar("SELECT count(*) FROM channels").await, 0);
}

async fn registry_corrupt_row_is_reported(db: TestDb) {
    let store = db.open().await;
    store
        .replace_registry(&Registry::from_toml(REGISTRY).unwrap())
        .await
        .unwrap();
    db.exec("UPDATE channels SET value = 'not a domain!' WHERE value = 'alpha-bank.io'")
        .await;
    match store.load_registry().await {
        Err(StoreError::Corrupt(message)) => {
            assert!(message.contains("Alpha Bank"), "{message}");
            assert!(message.contains("domains"), "{message}");
            assert!(message.contains("not a domain!"), "{message}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }

    // An unknown kind (e.g. written by a newer version) is reported too.
    store
        .replace_registry(&Registry::from_toml(REGISTRY).unwrap())
        .await
        .unwrap();
    db.exec("UPDATE channels SET kind = 'telgram' WHERE value = 'zetaenglish'")
        .await;
    assert!(matches!(
        store.load_registry().await,
        Err(StoreError::Corrupt(m)) if m.contains("telgram")
    ));
}

async fn blocklist_upsert_counts(db: TestDb) {
    let store = db.open().await;
    let a = entry("domain:evil.example", Severity::Confirmed, 3);
    let b = entry("phone:+85291234567", Severity::Suspected, 1);
    let c = entry(
        "address:evm:0x52908400098527886e0f7030069857d2e4169ee7",
        Severity::Suspected,
        2,
    );

    let first = vec![a.clone(), b.clone(), c.clone()];
    assert_eq!(
        store.upsert_blocklist(&first).await.unwrap(),
        counts(3, 0, 0)
    );
    assert_eq!(store.load_blocklist().await.unwrap(), sorted(first.clone()));

    // Re-running changes nothing, updated_at included.
    let stamps = db
        .scalar("SELECT CAST(sum(updated_at) AS BIGINT) FROM blocklist")
        .await;
    assert_eq!(
        store.upsert_blocklist(&first).await.unwrap(),
        counts(0, 0, 3)
    );
    assert_eq!(
        db.scalar("SELECT CAST(sum(updated_at) AS BIGINT) FROM blocklist")
            .await,
        stamps
    );

    // One identical, one changed, one new.
    let mut b2 = b.clone();
    b2.report_count = 2;
    b2.sources.push("feed:example".into());
    let d = entry("domain:phish.example", Severity::Suspected, 1);
    let second = vec![a.clone(), b2.clone(), d.clone()];
    assert_eq!(
        store.upsert_blocklist(&second).await.unwrap(),
        counts(1, 1, 1)
    );
    assert_eq!(
        store.load_blocklist().await.unwrap(),
        sorted(vec![a.clone(), b2.clone(), c.clone(), d.clone()])
    );
    assert_eq!(
        store.upsert_blocklist(&second).await.unwrap(),
        counts(0, 0, 3)
    );

    // A key repeated in one batch: the last occurrence wins; counts are per key.
    let mut e1 = entry("domain:twice.example", Severity::Suspected, 1);
    let mut e2 = e1.clone();
    e2.severity = Severity::Confirmed;
    e2.report_count = 5;
    assert_eq!(
        store
            .upsert_blocklist(&[e1.clone(), e2.clone()])
            .await
            .unwrap(),
        counts(1, 0, 0)
    );
    let stored = store.load_blocklist().await.unwrap();
    assert!(stored.contains(&e2) && !stored.contains(&e1));
    e1.report_count = 9;
    assert_eq!(
        store
            .upsert_blocklist(&[e1.clone(), e2.clone()])
            .await
            .unwrap(),
        counts(0, 0, 1)
    );

    // Nothing to do.
    assert_eq!(store.upsert_blocklist(&[]).await.unwrap(), counts(0, 0, 0));
    // An empty key is refused.
    assert!(matches!(
        store
            .upsert_blocklist(&[entry("", Severity::Suspected, 1)])
            .await,
        Err(StoreError::InvalidInput(_))
    ));
}

async fn blocklist_upsert_detects_each_changed_field(db: TestDb) {
    let store = db.open().await;
    let base = entry("domain:fields.example", Severity::Suspected, 1);
    store
        .upsert_blocklist(std::slice::from_ref(&base))
        .await
        .unwrap();
    type Change = fn(&mut Entry);
    let variants: Vec<(&str, Change)> = vec![
        ("severity", |e| e.severity = Severity::Confirmed),
        ("categories", |e| e.categories = vec!["phishing".into()]),
        ("category order", |e| e.categories.reverse()),
        ("report_count", |e| e.report_count = u32::MAX),
        ("first_seen", |e| e.first_seen = -1),
        ("last_seen", |e| e.last_seen += 1),
        ("sources", |e| e.sources = Vec::new()),
    ];
    for (field, change) in variants {
        let mut changed = base.clone();
        change(&mut changed);
        assert_eq!(
            store.upsert_blocklist(&[changed.clone()]).await.unwrap(),
            counts(0, 1, 0),
            "{field}"
        );
        assert_eq!(
            store.load_blocklist().await.unwrap(),
            vec![changed],
            "{field}"
        );
        assert_eq!(
            store
                .upsert_blocklist(std::slice::from_ref(&base))
                .await
                .unwrap(),
            counts(0, 1, 0),
            "{field} back"
        );
    }
}

async fn blocklist_upsert_many_crosses_chunks(db: TestDb) {
    let store = db.open().await;
    let n = 25_000u32;
    let mut entries: Vec<Entry> = (0..n)
        .map(|i| {
            entry(
                &format!("domain:scam-{i:06}.example"),
                Severity::Suspected,
                i,
            )
        })
        .collect();
    entries.reverse();
    assert_eq!(
        store.upsert_blocklist(&entries).await.unwrap(),
        counts(u64::from(n), 0, 0)
    );
    assert_eq!(
        store.upsert_blocklist(&entries).await.unwrap(),
        counts(0, 0, u64::from(n))
    );
    for e in entries.iter_mut().step_by(2) {
        e.last_seen += 60;
    }
    entries.push(entry("domain:one-more.example", Severity::Confirmed, 1));
    assert_eq!(
        store.upsert_blocklist(&entries).await.unwrap(),
        counts(1, u64::from(n / 2), u64::from(n / 2))
    );
    assert_eq!(store.load_blocklist().await.unwrap(), sorted(entries));
}

async fn blocklist_delete(db: TestDb) {
    let store = db.open().await;
    let a = entry("domain:a.example", Severity::Confirmed, 1);
    let b = entry("domain:b.example", Severity::Suspected, 1);
    store
        .upsert_blocklist(&[a.clone(), b.clone()])
        .await
        .unwrap();
    assert!(store.delete_blocklist(&a.key).await.unwrap());
    assert!(!store.delete_blocklist(&a.key).await.unwrap());
    assert!(
        !store
            .delete_blocklist("domain:never.example")
            .await
            .unwrap()
    );
    assert_eq!(store.load_blocklist().await.unwrap(), vec![b.clone()]);
    assert_eq!(
        store.upsert_blocklist(&[a.clone(), b]).await.unwrap(),
        counts(1, 0, 1)
    );
}

/// A merge that adds a source and takes the higher count, like a feed import.
fn add_source(existing: Option<Entry>, key: &str, source: &str, count: u32) -> Option<Entry> {
    match existing {
        None => Some(Entry {
            sources: vec![source.into()],
            ..entry(key, Severity::Suspected, count)
        }),
        Some(old) => {
            let mut new = old.clone();
            if !new.sources.iter().any(|s| s == source) {
                new.sources.push(source.into());
            }
            new.report_count = new.report_count.max(count);
            (new != old).then_some(new)
        }
    }
}

async fn blocklist_merge_reads_and_writes_in_one_transaction(db: TestDb) {
    let store = db.open().await;
    store
        .upsert_blocklist(&[entry("domain:old.example", Severity::Confirmed, 3)])
        .await
        .unwrap();
    // Enough keys to cross the lookup chunks of both engines' IN/ANY queries.
    let mut keys: Vec<String> = (0..1_203).map(|i| format!("domain:n{i}.example")).collect();
    keys.push("domain:old.example".into());
    let mut seen = Vec::new();
    let got = store
        .merge_blocklist(&keys, &mut |key, old| {
            seen.push((key.to_owned(), old.is_some()));
            add_source(old, key, "feed", 1)
        })
        .await
        .unwrap();
    assert_eq!(got, counts(1_203, 1, 0));
    assert_eq!(seen.len(), keys.len());
    assert!(
        seen.iter()
            .all(|(k, old)| *old == (k == "domain:old.example"))
    );
    let stored = store.load_blocklist().await.unwrap();
    assert_eq!(stored.len(), 1_204);
    let old = stored
        .iter()
        .find(|e| e.key == "domain:old.example")
        .unwrap();
    assert_eq!(old.sources, vec!["reports".to_owned(), "feed".to_owned()]);
    assert_eq!(old.report_count, 3);
    // The same merge again changes nothing and does not move the generation.
    let generation = store.blocklist_generation().await.unwrap();
    let again = store
        .merge_blocklist(&keys, &mut |key, old| add_source(old, key, "feed", 1))
        .await
        .unwrap();
    assert_eq!(again, counts(0, 0, 1_204));
    assert_eq!(store.blocklist_generation().await.unwrap(), generation);
    assert_eq!(
        store
            .merge_blocklist(&[], &mut |_, _| panic!("no keys"))
            .await
            .unwrap(),
        counts(0, 0, 0)
    );
}

async fn blocklist_pages_follow_key_order(db: TestDb) {
    let store = db.open().await;
    let entries: Vec<Entry> = [
        "domain:b.example",
        "phone:+85291234567",
        "domain:a.example",
        "address:evm:0xab",
        "domain:Z.example",
    ]
    .iter()
    .map(|k| entry(k, Severity::Confirmed, 1))
    .collect();
    store.upsert_blocklist(&entries).await.unwrap();
    let mut after: Option<String> = None;
    let mut paged = Vec::new();
    loop {
        let page = store.blocklist_page(after.as_deref(), 2).await.unwrap();
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        after = Some(last.key.clone());
        paged.extend(page);
    }
    assert_eq!(paged, sorted(entries));
    // Bytewise: "Z" sorts before "a".
    assert_eq!(paged[1].key, "domain:Z.example");
}

async fn blocklist_generation_counts_changes(db: TestDb) {
    let store = db.open().await;
    assert_eq!(store.blocklist_generation().await.unwrap(), 0);
    let a = entry("domain:a.example", Severity::Confirmed, 1);
    store
        .upsert_blocklist(std::slice::from_ref(&a))
        .await
        .unwrap();
    assert_eq!(store.blocklist_generation().await.unwrap(), 1);
    // Nothing changed: no bump.
    store
        .upsert_blocklist(std::slice::from_ref(&a))
        .await
        .unwrap();
    assert!(
        !store
            .delete_blocklist("domain:never.example")
            .await
            .unwrap()
    );
    assert_eq!(store.blocklist_generation().await.unwrap(), 1);
    // Another process sees the bump of a delete.
    assert!(store.delete_blocklist(&a.key).await.unwrap());
    let other = db.open().await;
    assert_eq!(other.blocklist_generation().await.unwrap(), 2);
}

async fn source_regions_round_trip(db: TestDb) {
    let store = db.open().await;
    assert!(
        store::source_regions(store.as_ref())
            .await
            .unwrap()
            .is_empty()
    );
    store::set_source_region(store.as_ref(), "hk-police", Some("HK"))
        .await
        .unwrap();
    store::set_source_region(store.as_ref(), "sg-police", Some("SG"))
        .await
        .unwrap();
    store::set_source_region(store.as_ref(), "sg-police", None)
        .await
        .unwrap();
    let regions = store::source_regions(store.as_ref()).await.unwrap();
    assert_eq!(
        regions.into_iter().collect::<Vec<_>>(),
        vec![("hk-police".to_owned(), "HK".to_owned())]
    );
    assert!(matches!(
        store::set_source_region(store.as_ref(), "x", Some("hk")).await,
        Err(StoreError::InvalidInput(_))
    ));
}

async fn blocklist_corrupt_row_is_reported(db: TestDb) {
    let store = db.open().await;
    store
        .upsert_blocklist(&[entry("phone:+85291234567", Severity::Confirmed, 1)])
        .await
        .unwrap();
    db.exec("UPDATE blocklist SET categories = '[oops]'").await;
    match store.load_blocklist().await {
        Err(StoreError::Corrupt(message)) => {
            assert!(message.contains("categories"), "{message}");
            assert!(message.contains("phone"), "{message}");
            // The indicator itself (possibly personal data) is not echoed.
            assert!(!message.contains("91234567"), "{message}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

async fn api_key_changes_are_atomic_with_their_audit_record(db: TestDb) {
    let store = db.open().await;
    let actor = store::reports::Actor::cli();
    let first = store
        .change_api_keys(&store::KeyChange {
            create: Some(&new_key(1, Role::Partner, Some("HK"), None)),
            revoke: None,
            actor: &actor,
            action: "key.create",
            detail: Some(r#"{"role":"partner"}"#),
            now: 1_800_000_000,
        })
        .await
        .unwrap()
        .expect("created");
    assert_eq!(first.created_at, 1_800_000_000);
    // Rotation: create and revoke together.
    let second = store
        .change_api_keys(&store::KeyChange {
            create: Some(&new_key(2, Role::Partner, Some("HK"), None)),
            revoke: Some(first.id),
            actor: &actor,
            action: "key.rotate",
            detail: None,
            now: 1_800_000_100,
        })
        .await
        .unwrap()
        .expect("created");
    assert_eq!(store.find_api_key(&[1; 32]).await.unwrap(), None);
    assert!(store.find_api_key(&[2; 32]).await.unwrap().is_some());
    // Revoking a key that is not active fails the whole change: the key to create is
    // not created and nothing is audited.
    let err = store
        .change_api_keys(&store::KeyChange {
            create: Some(&new_key(3, Role::Integrator, None, None)),
            revoke: Some(first.id),
            actor: &actor,
            action: "key.rotate",
            detail: None,
            now: 1_800_000_200,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(store.find_api_key(&[3; 32]).await.unwrap(), None);
    let log = store.reports().audit_log(None, 10).await.unwrap();
    let actions: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|r| (r.action.as_str(), r.target.as_deref()))
        .collect();
    let second_target = format!("key:{}", second.id);
    let first_target = format!("key:{}", first.id);
    assert_eq!(
        actions,
        vec![
            ("key.rotate", Some(second_target.as_str())),
            ("key.create", Some(first_target.as_str()))
        ]
    );
    assert_eq!(log[1].detail.as_deref(), Some(r#"{"role":"partner"}"#));
    assert_eq!(log[1].role, "cli");
}

async fn api_keys_create_find_revoke_list(db: TestDb) {
    let store = db.open().await;
    let before = now();
    let admin = store
        .create_api_key(&new_key(1, Role::Admin, None, Some("ops laptop")))
        .await
        .unwrap();
    let partner = store
        .create_api_key(&new_key(2, Role::Partner, Some("HK"), None))
        .await
        .unwrap();
    let analyst = store
        .create_api_key(&new_key(
            3,
            Role::Analyst,
            Some("SG"),
            Some("analyst — 東京"),
        ))
        .await
        .unwrap();
    let integrator = store
        .create_api_key(&new_key(4, Role::Integrator, None, None))
        .await
        .unwrap();
    let after = now();

    assert_eq!(admin.role, Role::Admin);
    assert_eq!(admin.label.as_deref(), Some("ops laptop"));
    assert_eq!(partner.region.as_deref(), Some("HK"));
    assert!(admin.id < partner.id && partner.id < analyst.id && analyst.id < integrator.id);
    for key in [&admin, &partner, &analyst, &integrator] {
        assert!((before..=after).contains(&key.created_at));
        assert_eq!(key.revoked_at, None);
    }

    // Lookups return exactly what was created, for every role.
    for (n, key) in [(1, &admin), (2, &partner), (3, &analyst), (4, &integrator)] {
        assert_eq!(
            store.find_api_key(&[n; 32]).await.unwrap().as_ref(),
            Some(key)
        );
    }
    assert_eq!(store.find_api_key(&[9; 32]).await.unwrap(), None);
    let all = vec![
        admin.clone(),
        partner.clone(),
        analyst.clone(),
        integrator.clone(),
    ];
    assert_eq!(store.list_api_keys().await.unwrap(), all);

    // Revocation.
    assert!(store.revoke_api_key(partner.id).await.unwrap());
    assert_eq!(store.find_api_key(&[2; 32]).await.unwrap(), None);
    let listed = store.list_api_keys().await.unwrap();
    let revoked: &ApiKey = listed.iter().find(|k| k.id == partner.id).unwrap();
    let revoked_at = revoked.revoked_at.unwrap();
    assert!(revoked_at >= partner.created_at);
    assert_eq!(
        ApiKey {
            revoked_at: None,
            ..revoked.clone()
        },
        partner
    );
    // Revoking again is accepted and keeps the first time; unknown ids are not.
    assert!(store.revoke_api_key(partner.id).await.unwrap());
    let again = store.list_api_keys().await.unwrap();
    assert_eq!(
        again
            .iter()
            .find(|k| k.id == partner.id)
            .unwrap()
            .revoked_at,
        Some(revoked_at)
    );
    assert!(!store.revoke_api_key(integrator.id + 1000).await.unwrap());
    assert_eq!(store.find_api_key(&[1; 32]).await.unwrap(), Some(admin));

    // A revoked key's hash stays taken.
    assert!(matches!(
        store
            .create_api_key(&new_key(2, Role::Partner, None, None))
            .await,
        Err(StoreError::Conflict(_))
    ));
}

async fn api_keys_refuse_bad_input(db: TestDb) {
    let store = db.open().await;
    store
        .create_api_key(&new_key(1, Role::Admin, None, None))
        .await
        .unwrap();
    match store
        .create_api_key(&new_key(1, Role::Analyst, None, None))
        .await
    {
        Err(StoreError::Conflict(message)) => assert!(message.contains("hash"), "{message}"),
        other => panic!("expected Conflict, got {other:?}"),
    }
    for region in ["hk", "HKG", "H", "", "H1", "ÅÅ", "UK", "ZZ"] {
        assert!(
            matches!(
                store
                    .create_api_key(&new_key(2, Role::Partner, Some(region), None))
                    .await,
                Err(StoreError::InvalidInput(_))
            ),
            "{region:?}"
        );
    }
    let long = "x".repeat(store::MAX_LABEL_CHARS + 1);
    assert!(matches!(
        store
            .create_api_key(&new_key(2, Role::Partner, None, Some(&long)))
            .await,
        Err(StoreError::InvalidInput(_))
    ));
    let longest = "é".repeat(store::MAX_LABEL_CHARS);
    store
        .create_api_key(&new_key(2, Role::Partner, None, Some(&longest)))
        .await
        .unwrap();
    assert_eq!(store.list_api_keys().await.unwrap().len(), 2);

    // The schema refuses what the code would: a role outside the enumeration.
    let Err(e) = sqlx_check(&db, "UPDATE api_keys SET role = 'root'").await else {
        panic!("the role CHECK constraint is missing");
    };
    assert!(e.to_lowercase().contains("check"), "{e}");
}

/// Runs raw SQL and returns the database's error message, if any.
async fn sqlx_check(db: &TestDb, sql: &str) -> Result<(), String> {
    let sql = AssertSqlSafe(sql.to_owned());
    let result = match &db.engine {
        Engine::Sqlite { path } => {
            let mut conn = SqliteConnection::connect(&format!("sqlite:{}", path.display()))
                .await
                .unwrap();
            sqlx::query(sql).execute(&mut conn).await.map(drop)
        }
        Engine::Postgres { options, .. } => {
            let mut conn = PgConnection::connect_with(options).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.map(drop)
        }
    };
    result.map_err(|e| e.to_string())
}

async fn meta_get_set_init(db: TestDb) {
    let store = db.open().await;
    assert_eq!(store.get_meta("demo_seeded").await.unwrap(), None);
    store.set_meta("demo_seeded", "true").await.unwrap();
    assert_eq!(
        store.get_meta("demo_seeded").await.unwrap().as_deref(),
        Some("true")
    );
    store.set_meta("demo_seeded", "false").await.unwrap();
    assert_eq!(
        store.get_meta("demo_seeded").await.unwrap().as_deref(),
        Some("false")
    );
    store.set_meta("empty", "").await.unwrap();
    assert_eq!(store.get_meta("empty").await.unwrap().as_deref(), Some(""));

    assert_eq!(
        store.init_meta("pseudonym_key", "first").await.unwrap(),
        "first"
    );
    assert_eq!(
        store.init_meta("pseudonym_key", "second").await.unwrap(),
        "first"
    );
    assert_eq!(
        store.get_meta("pseudonym_key").await.unwrap().as_deref(),
        Some("first")
    );
    // init_meta never overwrites, set_meta does.
    store.set_meta("pseudonym_key", "rotated").await.unwrap();
    assert_eq!(
        store.init_meta("pseudonym_key", "third").await.unwrap(),
        "rotated"
    );

    assert!(matches!(
        store.set_meta("", "x").await,
        Err(StoreError::InvalidInput(_))
    ));
    assert!(matches!(
        store.init_meta("", "x").await,
        Err(StoreError::InvalidInput(_))
    ));
}

async fn meta_init_races_agree(db: TestDb) {
    // Two stores, as two processes would have, racing to create the same secrets.
    let one = db.open().await;
    let two = db.open().await;
    for i in 0..20 {
        let key = format!("secret_{i}");
        let (a, b) = tokio::join!(
            one.init_meta(&key, "from one"),
            two.init_meta(&key, "from two")
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a, b, "{key}");
        assert_eq!(one.get_meta(&key).await.unwrap(), Some(a));
    }
}

// ---------------------------------------------------------------------------------------
// Engine-specific and engine-free tests
// ---------------------------------------------------------------------------------------

fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// PostgreSQL: the screener works on a connection of its own. When that connection is
/// lost between batches (its server process ended, as in a restart), the next
/// screening is answered on a new connection, and reads the history stored before.
#[tokio::test]
async fn postgres_screener_replaces_a_lost_connection() {
    with_postgres(
        "postgres_screener_replaces_a_lost_connection",
        |db| async move {
            use store::campaigns::ScreeningDraft;
            let Engine::Postgres {
                options, schema, ..
            } = &db.engine
            else {
                unreachable!("a PostgreSQL test database");
            };
            // The screener names its connection after the pool's application name.
            let store = PgStore::connect_with((**options).clone().application_name(schema))
                .await
                .unwrap();
            let cs = store.campaigns();
            let c = Arc::new(
                cs.create_campaign(&campaign_spec("A", &["HK"]))
                    .await
                    .unwrap(),
            );
            let draft = |id: &str, at: i64| ScreeningDraft {
                screening: screening(id, 7, at, None),
                candidates: vec![Arc::clone(&c)],
                risk: campaign::Risk::of(vec![campaign::Signal::NewDestination]),
                contact: None,
            };
            let t = 1_800_000_000;
            let first = cs.screen(draft("a0", t)).await.unwrap();
            assert_eq!(first.screening.campaign.unwrap().exposure, 1);
            // Ends the screener's server process and waits until it has exited.
            let ended = db
                .scalar(&format!(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) \
                 FROM pg_stat_activity WHERE application_name = '{schema}-screener'"
                ))
                .await;
            assert_eq!(ended, 1, "the screener's connection");
            let second = cs.screen(draft("a1", t + 1)).await.unwrap();
            assert_eq!(second.screening.campaign.unwrap().exposure, 2);
            assert_eq!(db.scalar("SELECT count(*) FROM screenings").await, 2);
        },
    )
    .await;
}

#[tokio::test]
async fn bad_urls_are_refused_with_the_accepted_forms() {
    for url in [
        "",
        "data.db",
        "mysql://root@localhost/antiscam",
        "sqlite:",
        "sqlite://",
        "sqlite://data.db?mode=rwc",
        "postgres://user@localhost:notaport/db",
        "postgresql://[::1/db",
    ] {
        match store::open(url).await {
            Err(StoreError::InvalidUrl(message)) => {
                assert!(message.contains("sqlite:PATH"), "{url}: {message}");
                assert!(message.contains("postgres://"), "{url}: {message}");
            }
            Err(other) => panic!("{url}: expected InvalidUrl, got {other:?}"),
            Ok(_) => panic!("{url}: expected InvalidUrl, got a store"),
        }
    }
}

#[tokio::test]
async fn unreachable_postgres_is_a_connect_error() {
    match store::open("postgres://antiscam:secret-password@host.invalid/antiscam").await {
        Err(e @ StoreError::Connect { .. }) => {
            assert!(!e.to_string().contains("secret-password"), "{e}");
        }
        Err(other) => panic!("expected Connect, got {other:?}"),
        Ok(_) => panic!("expected Connect, got a store"),
    }
}

#[tokio::test]
async fn sqlite_in_memory_works() {
    let store = store::open("sqlite::memory:").await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    let registry = Registry::from_toml(REGISTRY).unwrap();
    store.replace_registry(&registry).await.unwrap();
    assert_eq!(store.load_registry().await.unwrap(), registry);
    let e = entry("domain:memory.example", Severity::Suspected, 1);
    assert_eq!(
        store
            .upsert_blocklist(std::slice::from_ref(&e))
            .await
            .unwrap(),
        counts(1, 0, 0)
    );
    assert_eq!(store.load_blocklist().await.unwrap(), vec![e]);
    // Two in-memory stores are distinct databases.
    let other = SqliteStore::connect("sqlite::memory:").await.unwrap();
    assert!(other.load_blocklist().await.unwrap().is_empty());
}

#[tokio::test]
async fn sqlite_creates_missing_parent_directories() {
    let dir = std::env::temp_dir().join(unique_name("antiscam_test_dir"));
    let path = dir.join("nested").join("antiscam.db");
    let store = store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    store.set_meta("k", "v").await.unwrap();
    store.close().await;
    assert!(path.is_file());
    let reopened = store::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    assert_eq!(reopened.get_meta("k").await.unwrap().as_deref(), Some("v"));
    reopened.close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn roles_round_trip() {
    for role in Role::ALL {
        assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        assert_eq!(
            serde_json::to_string(&role).unwrap(),
            format!("\"{}\"", role.as_str())
        );
        assert_eq!(
            serde_json::from_str::<Role>(&format!("\"{role}\"")).unwrap(),
            role
        );
    }
    assert!("Admin".parse::<Role>().is_err());
    assert!("root".parse::<Role>().is_err());
}

// Reports, triage, the blocklist lifecycle, disputes and the audit log (issue 5).
#[path = "store/reports.rs"]
mod reports;
// Triage decisions: the two-person rule for what Verify answers.
#[path = "store/decisions.rs"]
mod decisions;
// Registry proposals: the two-person rule (issue 10).
#[path = "store/proposals.rs"]
mod proposals;
// Faults: a full disk (issue 10).
#[path = "store/faults.rs"]
mod faults;
// Key ids beside pseudonyms (issue 10).
#[path = "store/secrets.rs"]
mod secrets;
// Backup and restore (issue 10).
#[path = "store/backup.rs"]
mod backup;

#[path = "store/schema.rs"]
mod schema;
// The feed log: TAXII, MISP feed, retractions (issue 15).
#[path = "store/feed_log.rs"]
mod feed_log;
// ---------------------------------------------------------------------------------------
// Campaigns (issue 4)
// ---------------------------------------------------------------------------------------

pub(crate) fn campaign_spec(name: &str, regions: &[&str]) -> campaign::Spec {
    campaign::Spec::from_json(&serde_json::json!({
        "name": name,
        "partner": "Police",
        "regions": regions,
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "holdout_percent": 10,
        "frequency_cap": {"max_exposures": 3, "per_days": 7},
        "variants": [
            {"key": "a", "content": {"en": {"title": "Stop", "message": "Think."}}},
            {"key": "b", "content": {"en": {"title": "Check", "message": "Check."}}}
        ]
    }))
    .unwrap()
}

fn screening(
    id: &str,
    user: u8,
    at: i64,
    campaign: Option<(i64, Option<campaign::Arm>, &str, u32)>,
) -> campaign::Screening {
    campaign::Screening {
        id: id.into(),
        user: [user; 32],
        user_key: 1,
        region: campaign::Region::parse("HK").unwrap(),
        locale: i18n::Locale::En,
        decision: campaign::Decision::Allow,
        risk_level: campaign::RiskLevel::Low,
        risk_score: 15,
        signals: 8,
        amount_usd: Some(120.5),
        campaign: campaign.map(|(campaign_id, arm, variant, exposure)| {
            campaign::CampaignScreening {
                campaign_id,
                arm,
                variant: variant.into(),
                exposure,
                shown: arm == Some(campaign::Arm::Exposed),
            }
        }),
        created_at: at,
    }
}

async fn campaigns_create_get_list_update(db: TestDb) {
    let store = db.open().await;
    let cs = store.campaigns();
    let a = cs
        .create_campaign(&campaign_spec("A", &["HK"]))
        .await
        .unwrap();
    let b = cs
        .create_campaign(&campaign_spec("B", &["SG", "MY"]))
        .await
        .unwrap();
    assert!(b.id > a.id);
    assert_eq!(cs.get_campaign(a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(cs.get_campaign(9_999).await.unwrap(), None);
    let list = cs.list_campaigns().await.unwrap();
    assert_eq!(list, [a.clone(), b.clone()]);
    let paused = a
        .spec
        .patched(&serde_json::json!({"status": "paused"}))
        .unwrap();
    let updated = cs.update_campaign(a.id, &paused).await.unwrap();
    assert_eq!(updated.spec.status, campaign::Status::Paused);
    assert_eq!(updated.created_at, a.created_at);
    assert_eq!(cs.get_campaign(a.id).await.unwrap().unwrap().spec, paused);
    assert!(matches!(
        cs.update_campaign(9_999, &paused).await,
        Err(StoreError::NotFound)
    ));
    // Survives a reopen.
    store.close().await;
    let store = db.open().await;
    assert_eq!(store.campaigns().list_campaigns().await.unwrap().len(), 2);
}

async fn campaign_corrupt_row_is_reported(db: TestDb) {
    let store = db.open().await;
    let a = store
        .campaigns()
        .create_campaign(&campaign_spec("A", &["HK"]))
        .await
        .unwrap();
    db.exec(&format!(
        "UPDATE campaigns SET spec = '{{\"name\": \"\"}}' WHERE id = {}",
        a.id
    ))
    .await;
    let e = store.campaigns().get_campaign(a.id).await.unwrap_err();
    assert!(
        matches!(&e, StoreError::Corrupt(m) if m.contains(&format!("campaigns id {}", a.id))),
        "{e}"
    );
}

async fn screen_chooses_the_campaign_from_the_stored_history(db: TestDb) {
    use store::campaigns::ScreeningDraft;
    let store = db.open().await;
    let cs = store.campaigns();
    let capped = Arc::new(
        cs.create_campaign(&campaign_spec("A", &["HK"]))
            .await
            .unwrap(),
    );
    let uncapped = Arc::new(
        cs.create_campaign(
            &campaign_spec("B", &["HK"])
                .patched(&serde_json::json!({"frequency_cap": null, "holdout_percent": 0}))
                .unwrap(),
        )
        .await
        .unwrap(),
    );
    let draft =
        |id: String, user: u8, at: i64, candidates: Vec<Arc<campaign::Campaign>>| ScreeningDraft {
            screening: screening(&id, user, at, None),
            candidates,
            risk: campaign::Risk::of(vec![campaign::Signal::NewDestination]),
            contact: None,
        };
    let t = 1_800_000_000;
    // Campaign A allows 3 exposures per 7 days: the fourth screening is capped
    // (recorded, arm none), and with B also eligible, B takes it instead.
    let mut got = Vec::new();
    for i in 0..4 {
        let s = cs
            .screen(draft(format!("a{i}"), 7, t + i, vec![Arc::clone(&capped)]))
            .await
            .unwrap();
        assert!(s.friction.is_none(), "no ladder, no step");
        let c = s.screening.campaign.unwrap();
        got.push((c.campaign_id, c.arm.is_some(), c.exposure));
    }
    assert_eq!(
        got,
        [
            (capped.id, true, 1),
            (capped.id, true, 2),
            (capped.id, true, 3),
            (capped.id, false, 3)
        ]
    );
    let s = cs
        .screen(draft(
            "b0".into(),
            7,
            t + 10,
            vec![Arc::clone(&capped), Arc::clone(&uncapped)],
        ))
        .await
        .unwrap();
    let c = s.screening.campaign.unwrap();
    assert_eq!(
        (c.campaign_id, c.arm, c.exposure),
        (uncapped.id, Some(campaign::Arm::Exposed), 1)
    );
    // No candidate: stored without a campaign. A duplicate id is refused.
    let s = cs
        .screen(draft("n0".into(), 8, t, Vec::new()))
        .await
        .unwrap();
    assert_eq!(s.screening.campaign, None);
    assert!(
        cs.screen(draft("n0".into(), 8, t, Vec::new()))
            .await
            .is_err()
    );
    // Stored as answered.
    let h = cs.exposure_history(capped.id, &[7; 32], t).await.unwrap();
    assert_eq!((h.total, h.in_window), (3, 3));
    if db.backend() == Backend::Sqlite {
        // On SQLite the history is read in the transaction that inserts: concurrent
        // screenings of one user still get distinct exposure numbers.
        let mut tasks = Vec::new();
        for i in 0..40 {
            let store = Arc::clone(&store);
            let d = draft(format!("u{i}"), 9, t + 100, vec![Arc::clone(&uncapped)]);
            tasks.push(tokio::spawn(async move {
                store
                    .campaigns()
                    .screen(d)
                    .await
                    .unwrap()
                    .screening
                    .campaign
                    .unwrap()
                    .exposure
            }));
        }
        let mut exposures = Vec::new();
        for task in tasks {
            exposures.push(task.await.unwrap());
        }
        exposures.sort_unstable();
        assert_eq!(exposures, (1..=40).collect::<Vec<u32>>());
    }
}

async fn screenings_outcomes_history_and_cells(db: TestDb) {
    use campaign::{Action, Arm};
    let store = db.open().await;
    let cs = store.campaigns();
    let c = cs
        .create_campaign(&campaign_spec("A", &["HK"]))
        .await
        .unwrap();
    let day = 20_000 * 86_400;
    let rows = [
        screening("s1", 1, day + 10, Some((c.id, Some(Arm::Exposed), "a", 1))),
        screening(
            "s2",
            1,
            day + 86_400,
            Some((c.id, Some(Arm::Exposed), "b", 2)),
        ),
        screening("s3", 2, day + 20, Some((c.id, Some(Arm::Holdout), "a", 1))),
        screening("s4", 3, day + 30, Some((c.id, None, "a", 4))),
        screening("s5", 4, day + 40, None),
    ];
    for s in &rows {
        cs.record_screening(s).await.unwrap();
    }
    // A duplicate id is refused, and does not disturb the others.
    assert!(cs.record_screening(&rows[0]).await.is_err());

    let h = cs
        .exposure_history(c.id, &[1; 32], day + 86_400)
        .await
        .unwrap();
    assert_eq!((h.total, h.in_window), (2, 1));
    let h = cs.exposure_history(c.id, &[3; 32], 0).await.unwrap();
    assert_eq!(
        (h.total, h.in_window),
        (0, 0),
        "capped screenings do not count"
    );

    assert_eq!(
        cs.record_outcome("s1", Action::Reviewed, day + 50)
            .await
            .unwrap(),
        [Action::Reviewed]
    );
    assert_eq!(
        cs.record_outcome("s1", Action::Cancelled, day + 60)
            .await
            .unwrap(),
        [Action::Cancelled, Action::Reviewed]
    );
    // Idempotent.
    assert_eq!(
        cs.record_outcome("s1", Action::Cancelled, day + 70)
            .await
            .unwrap(),
        [Action::Cancelled, Action::Reviewed]
    );
    cs.record_outcome("s3", Action::Proceeded, day + 80)
        .await
        .unwrap();
    assert!(matches!(
        cs.record_outcome("nope", Action::Proceeded, day).await,
        Err(StoreError::NotFound)
    ));

    // User 2 (holdout) reports a scam after their screening: linked to it.
    assert_eq!(
        cs.link_scam_report(&[2; 32], 1, day + 1_000).await.unwrap(),
        1
    );
    assert_eq!(
        cs.link_scam_report(&[2; 32], 1, day + 1_000).await.unwrap(),
        1
    );
    // User 1 reported before ever being screened: not a later report.
    assert_eq!(cs.link_scam_report(&[1; 32], 1, day - 5).await.unwrap(), 0);

    let (mut cells, exposed, holdout) = cs.campaign_cells(c.id).await.unwrap();
    cells.sort_by_key(|c| (c.arm, c.variant.clone(), c.day));
    assert_eq!(cells.len(), 3);
    assert_eq!(
        (
            cells[0].arm,
            cells[0].variant.as_str(),
            cells[0].day,
            cells[0].exposure
        ),
        (Some(Arm::Exposed), "a", 20_000, 1)
    );
    assert_eq!(cells[0].counts.screenings, 1);
    assert_eq!(cells[0].counts.shown, 1);
    assert_eq!(cells[0].counts.cancelled, 1);
    assert_eq!(cells[0].counts.reviewed, 1);
    assert_eq!(cells[0].counts.reconsidered, 1);
    assert_eq!(cells[0].counts.proceeded, 0);
    assert_eq!(
        (cells[1].variant.as_str(), cells[1].day, cells[1].exposure),
        ("b", 20_001, 2)
    );
    assert_eq!(cells[2].arm, Some(Arm::Holdout));
    assert_eq!(cells[2].counts.proceeded, 1);
    assert_eq!(cells[2].counts.shown, 0);
    assert_eq!((exposed.users, exposed.later_reported), (1, 0));
    assert_eq!((holdout.users, holdout.later_reported), (1, 1));
    assert_eq!(
        db.scalar("SELECT count(*) FROM screenings").await,
        5,
        "every screening is stored"
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM campaign_users").await,
        2,
        "only eligible users are members"
    );
}

async fn screenings_group_commit_under_concurrency(db: TestDb) {
    let store = db.open().await;
    let c = store
        .campaigns()
        .create_campaign(&campaign_spec("A", &["HK"]))
        .await
        .unwrap();
    let n: u32 = 400;
    let mut tasks = Vec::new();
    for i in 0..n {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let arm = if i % 10 == 0 {
                campaign::Arm::Holdout
            } else {
                campaign::Arm::Exposed
            };
            let s = screening(
                &format!("c{i}"),
                (i % 200) as u8,
                1_800_000_000 + i64::from(i),
                Some((c.id, Some(arm), "a", 1)),
            );
            store.campaigns().record_screening(&s).await.unwrap();
            store
                .campaigns()
                .record_outcome(&s.id, campaign::Action::Proceeded, 1_800_000_000)
                .await
                .unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    // Every acknowledged write is visible from new connections (another process).
    store.close().await;
    assert_eq!(
        db.scalar("SELECT count(*) FROM screenings").await,
        i64::from(n)
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM screenings WHERE outcomes = 4")
            .await,
        i64::from(n)
    );
    let store = db.open().await;
    let (cells, exposed, holdout) = store.campaigns().campaign_cells(c.id).await.unwrap();
    let total: u64 = cells.iter().map(|c| c.counts.screenings).sum();
    assert_eq!(total, u64::from(n));
    assert_eq!(exposed.users + holdout.users, 200);
    // Concurrent history lookups (batched on SQLite) each get their own answer.
    let mut lookups = Vec::new();
    for user in 0..=200u8 {
        let store = Arc::clone(&store);
        lookups.push(tokio::spawn(async move {
            let h = store
                .campaigns()
                .exposure_history(c.id, &[user; 32], 1_800_000_000 + 200)
                .await
                .unwrap();
            (user, h.total, h.in_window)
        }));
    }
    for l in lookups {
        let (user, total, in_window) = l.await.unwrap();
        // User u has screenings u and u + 200; only the second is at or after +200.
        let expected = if user < 200 { (2, 1) } else { (0, 0) };
        assert_eq!((total, in_window), expected, "user {user}");
    }
}

/// Every change another node must catch up with moves its counter, whatever path made
/// it (triggers on the tables, migration 0008), and only that counter.
async fn change_counters_move_with_every_change(db: TestDb) {
    use store::changes::Generations;
    let store = db.open().await;
    let read = || async { Generations::read(store.as_ref()).await.unwrap() };
    let before = read().await;
    store
        .replace_registry(&Registry::from_toml(REGISTRY).unwrap())
        .await
        .unwrap();
    let after = read().await;
    assert!(after.registry > before.registry, "{after:?}");
    assert!(after.index_changed(&before));
    assert_eq!(after.campaigns, before.campaigns);

    let before = after;
    store
        .create_api_key(&new_key(1, Role::Admin, None, None))
        .await
        .unwrap();
    let after = read().await;
    assert!(after.keys > before.keys, "{after:?}");
    assert!(!after.index_changed(&before));

    let before = after;
    store
        .campaigns()
        .create_campaign(&campaign_spec("A", &["HK"]))
        .await
        .unwrap();
    let after = read().await;
    assert!(after.campaigns > before.campaigns, "{after:?}");

    let before = after;
    store
        .revisions()
        .add_partner_resource(
            "phone:+85218222",
            "Helpline",
            &store::reports::Actor::cli(),
            1,
        )
        .await
        .unwrap();
    let after = read().await;
    assert!(after.resources > before.resources, "{after:?}");

    let before = after;
    store
        .upsert_blocklist(&[entry("domain:evil.example", Severity::Confirmed, 1)])
        .await
        .unwrap();
    let after = read().await;
    assert!(after.blocklist > before.blocklist, "{after:?}");
    assert!(after.index_changed(&before));
    // Reading twice without a change reads the same counters.
    assert_eq!(read().await, after);
}

#[path = "store/sent.rs"]
mod sent;

#[path = "store/allowlist.rs"]
mod allowlist;

#[path = "store/friction.rs"]
mod friction;
#[path = "store/webhooks.rs"]
mod webhooks;

//! The screening paths on PostgreSQL ([`Screenings`]): screenings in batches over
//! arrays under per-user advisory locks ([`Screener`]), outcomes one statement each.
//! The rest of [`crate::CampaignStore`] is written once for both engines in
//! [`crate::campaigns`].

use std::collections::HashMap;
use std::sync::Arc;

use campaign::{Action, History, Screening, UserKey};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{Connection as _, Row as _};

use crate::batch::{BatchError, GroupCommit};
use crate::campaigns::{Screened, ScreeningDraft, Screenings, arm_column, day_of};
use crate::friction::Friction;
use crate::{PgStore, StoreError};

#[async_trait::async_trait]
impl Screenings for PgStore {
    async fn history_of(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        history(&self.pool, campaign_id, user, since).await
    }

    async fn insert_one(&self, s: &Screening) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_screening(&mut tx, s).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Through the group-commit writer: see [`Screener`].
    async fn choose_and_insert(&self, draft: ScreeningDraft) -> Result<Screened, StoreError> {
        match self.screener.submit(draft).await {
            Ok(screening) => Ok(screening),
            // A job retried alone owns its error.
            Err(BatchError::Commit(e)) => Err(Arc::try_unwrap(e)
                .unwrap_or_else(|shared| StoreError::Corrupt(format!("screening: {shared}")))),
            Err(BatchError::Closed) => Err(StoreError::WriterStopped),
        }
    }

    async fn add_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError> {
        let bits: Option<i64> = sqlx::query_scalar(
            "UPDATE screenings SET outcomes = outcomes | $1, \
             outcome_at = COALESCE(outcome_at, $2) WHERE id = $3 RETURNING outcomes",
        )
        .bind(i64::from(action.bit()))
        .bind(at)
        .bind(screening_id)
        .fetch_optional(&self.pool)
        .await?;
        let bits = bits.ok_or(StoreError::NotFound)?;
        Ok(Action::of_bits(u8::try_from(bits).unwrap_or(0)))
    }
}

/// The screenings' group-commit writer on PostgreSQL.
///
/// A screening reads the user's history, chooses the campaign and writes, and it must
/// be durable before the answer. One transaction (one WAL flush, one round of locks)
/// per screening capped a node near 1,200 a second on two cores, the processes
/// trading the CPU through round trips and fsyncs. The writer instead takes every
/// screening waiting (up to [`crate::campaigns::MAX_BATCH`]) into one transaction, on
/// the crate's one group-commit loop ([`crate::batch`], with its failure policy: a
/// failed batch is retried screening by screening, so each caller gets its own
/// outcome).
///
/// **Atomic per user across nodes.** The transaction first takes the advisory locks of
/// every user in the batch, in increasing key order in one statement, so two nodes'
/// batches never wait for each other in a cycle; then it handles the screenings in
/// arrival order, each reading the history the previous ones extended. So the
/// frequency cap and the exposure numbers count each screening once, however many
/// nodes screen one user at the same moment.
pub(crate) type Screener = GroupCommit<ScreeningDraft, Screened, StoreError>;

/// Starts the writer (on the current Tokio runtime). It screens on a connection of its
/// own (see [`ScreenerConnection`]), opened with the pool's options.
pub(crate) fn spawn_screener(pool: sqlx::PgPool) -> Screener {
    let connection = Arc::new(tokio::sync::Mutex::new(ScreenerConnection {
        options: screener_options(&pool.connect_options()),
        conn: None,
    }));
    GroupCommit::spawn(
        crate::campaigns::MAX_BATCH,
        4 * crate::campaigns::MAX_BATCH,
        move |drafts| {
            let connection = Arc::clone(&connection);
            async move { connection.lock().await.screen_batch(drafts).await }
        },
    )
}

/// The screener's connection options: the pool's, with plans made once per connection
/// (`force_generic_plan`), without sequential scans or JIT.
///
/// The pool plans every statement at every run (`force_custom_plan`, see
/// [`crate::PgStore::connect_with`]), so that no plan made while the tables were small
/// outlives their growth. Measured, a third of PostgreSQL's CPU per screening went to
/// planning a batch's statements again at every batch, and the foreign-key checks
/// PostgreSQL runs for each inserted row. The screener's statements are few and fixed,
/// and each has one good plan whatever the data: array inserts, primary-key lookups
/// (the foreign-key checks), and one index lookup per user for the histories
/// ([`PREPARE`]). Without sequential scans, a plan made on an empty table still takes
/// them (checked with `EXPLAIN` on empty and small tables: with sequential scans on, a
/// plan made on a small table scans it).
fn screener_options(pool: &PgConnectOptions) -> PgConnectOptions {
    // Named for `pg_stat_activity`: the pool's name (or `antiscam`) and `-screener`.
    let name = format!(
        "{}-screener",
        pool.get_application_name().unwrap_or("antiscam")
    );
    pool.clone().application_name(&name).options([
        ("plan_cache_mode", "force_generic_plan"),
        ("enable_seqscan", "off"),
        ("jit", "off"),
    ])
}

/// The screener's own PostgreSQL connection, outside the pool, opened when needed and
/// dropped after any error (PostgreSQL then rolls back what it had begun).
///
/// A pooled connection cost a round trip more per batch (the pool tests each
/// connection it gets back), and the pool's plans are the wrong ones here (see
/// [`screener_options`]). A batch is three round trips: `BEGIN`, the users' locks and
/// their histories in one simple query; the writes in one statement; `COMMIT`.
struct ScreenerConnection {
    options: PgConnectOptions,
    conn: Option<PgConnection>,
}

impl ScreenerConnection {
    /// One batch in one transaction. On any error the connection is dropped, so nothing
    /// of the batch is stored and the next batch starts on a new one. A connection
    /// found lost at the batch's first round trip (PostgreSQL restarted, or an idle
    /// connection closed) is replaced once at once, as the pool's test on acquire
    /// would: nothing was begun on it.
    async fn screen_batch(
        &mut self,
        drafts: Vec<ScreeningDraft>,
    ) -> Result<Vec<Screened>, StoreError> {
        let (keys, pairs) = locks_and_pairs(&drafts);
        let mut fresh = false;
        let histories = loop {
            if self.conn.is_none() {
                self.conn = Some(self.open().await?);
                fresh = true;
            }
            let Some(conn) = self.conn.as_mut() else {
                return Err(StoreError::WriterStopped);
            };
            match begin_locked(conn, &keys, &pairs).await {
                Ok(histories) => break histories,
                Err(e) => {
                    self.conn = None;
                    if fresh || !connection_lost(&e) {
                        return Err(e.into());
                    }
                }
            }
        };
        let Some(conn) = self.conn.as_mut() else {
            return Err(StoreError::WriterStopped);
        };
        let result = choose_and_write(conn, drafts, histories).await;
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    /// A new connection with the batch's statements prepared; bounded like the pool's
    /// acquire, so that a database that is away fails the batch (503) instead of
    /// holding it.
    async fn open(&self) -> Result<PgConnection, StoreError> {
        let mut conn = tokio::time::timeout(
            crate::postgres::PG_ACQUIRE_TIMEOUT,
            PgConnection::connect_with(&self.options),
        )
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)??;
        sqlx::raw_sql(PREPARE).execute(&mut conn).await?;
        Ok(conn)
    }
}

/// Whether `e` says the connection is gone (closed, or its server process ended by the
/// administrator or a shutdown: SQLSTATE class 57P).
fn connection_lost(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| c.starts_with("57P")),
        _ => false,
    }
}

/// The advisory-lock keys of a batch's users (sorted, once each) and the
/// `(user, campaign, window start)` histories it needs.
fn locks_and_pairs(drafts: &[ScreeningDraft]) -> (Vec<i32>, Vec<(UserKey, i64, i64)>) {
    let mut keys: Vec<i32> = drafts
        .iter()
        .filter(|d| !d.candidates.is_empty())
        .map(|d| user_lock_key(&d.screening.user))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut pairs: Vec<(UserKey, i64, i64)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in drafts {
        for c in &d.candidates {
            if seen.insert((d.screening.user, c.id)) {
                let since = campaign::window_start(c, d.screening.created_at);
                pairs.push((d.screening.user, c.id, since));
            }
        }
    }
    (keys, pairs)
}

/// The rest of a batch, its users locked and their histories read: each screening in
/// arrival order (counting the batch's earlier ones), the writes, the commit.
async fn choose_and_write(
    conn: &mut PgConnection,
    drafts: Vec<ScreeningDraft>,
    mut histories: HashMap<(UserKey, i64), History>,
) -> Result<Vec<Screened>, StoreError> {
    let mut out = Vec::with_capacity(drafts.len());
    let mut frictions = Vec::new();
    for mut draft in drafts {
        let user = draft.screening.user;
        draft.screening.campaign = campaign::choose(
            &draft.candidates,
            &user,
            &draft.risk,
            draft.screening.created_at,
            |id, _| {
                histories
                    .get(&(user, id))
                    .copied()
                    .ok_or(StoreError::NotFound)
            },
        )?;
        if let Some(c) = &draft.screening.campaign
            && c.arm.is_some()
            && let Some(h) = histories.get_mut(&(user, c.campaign_id))
        {
            h.total = h.total.saturating_add(1);
            h.in_window = h.in_window.saturating_add(1);
        }
        let friction = Friction::started(&draft);
        frictions.extend(friction.clone());
        out.push(Screened {
            screening: draft.screening,
            friction,
        });
    }
    let screenings: Vec<&Screening> = out.iter().map(|s| &s.screening).collect();
    insert_batch(&mut *conn, &screenings, &frictions).await?;
    sqlx::raw_sql("COMMIT").execute(&mut *conn).await?;
    Ok(out)
}

/// The statements a batch begins with, prepared (and planned) once per connection and
/// run by `EXECUTE` in the batch's first simple query. The histories are a lookup per
/// `(user, campaign)` through the user's index (`screenings_user`), whatever the
/// statistics when the plan was made: `LATERAL` rules out a hash join over the whole
/// table, and `campaign_id + 0` the statistics index, which leads with the campaign
/// and which an empty table's estimates would otherwise prefer.
const PREPARE: &str = "\
    PREPARE screen_locks(int4, int4[]) AS \
        SELECT pg_advisory_xact_lock($1, k) FROM unnest($2) AS k; \
    PREPARE screen_histories(bytea[], int8[], int8[]) AS \
        SELECT u.i, h.total, h.in_window \
        FROM unnest($1, $2, $3) WITH ORDINALITY AS u(user_hash, campaign_id, since, i) \
        CROSS JOIN LATERAL ( \
            SELECT count(*) AS total, count(*) FILTER (WHERE s.created_at >= u.since) \
                   AS in_window \
            FROM screenings AS s \
            WHERE s.user_hash = u.user_hash AND s.campaign_id + 0 = u.campaign_id \
              AND s.arm IS NOT NULL) AS h";

/// Hexadecimal digits, for the users' pseudonyms written inline.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Begins the batch's transaction, takes the advisory locks of its users (`keys`, in
/// increasing order: `unnest` yields the array in order) and reads the histories of
/// `pairs` `(user, campaign, window start)`, by `(user, campaign)`: one simple query
/// of three statements, one round trip. Under `READ COMMITTED` each statement of a
/// simple query reads from a snapshot taken when it starts, so the histories are read
/// after the locks are held. The arguments are numbers and hex digits written inline.
async fn begin_locked(
    conn: &mut PgConnection,
    keys: &[i32],
    pairs: &[(UserKey, i64, i64)],
) -> Result<HashMap<(UserKey, i64), History>, sqlx::Error> {
    use std::fmt::Write as _;
    let mut sql = String::from("BEGIN");
    // Writing into a String cannot fail.
    if !keys.is_empty() {
        let _ = write!(sql, "; EXECUTE screen_locks({SCREENING_LOCK_CLASS}, '{{");
        for (i, k) in keys.iter().enumerate() {
            let _ = write!(sql, "{}{k}", if i == 0 { "" } else { "," });
        }
        sql.push_str("}')");
    }
    if !pairs.is_empty() {
        sql.push_str("; EXECUTE screen_histories(ARRAY[");
        for (i, (user, _, _)) in pairs.iter().enumerate() {
            // An escape string: the same bytes whatever `standard_conforming_strings`.
            sql.push_str(if i == 0 { "E'\\\\x" } else { ",E'\\\\x" });
            for b in user {
                sql.push(char::from(HEX[usize::from(b >> 4)]));
                sql.push(char::from(HEX[usize::from(b & 15)]));
            }
            sql.push('\'');
        }
        sql.push_str("]::bytea[], '{");
        for (i, (_, campaign, _)) in pairs.iter().enumerate() {
            let _ = write!(sql, "{}{campaign}", if i == 0 { "" } else { "," });
        }
        sql.push_str("}', '{");
        for (i, (_, _, since)) in pairs.iter().enumerate() {
            let _ = write!(sql, "{}{since}", if i == 0 { "" } else { "," });
        }
        sql.push_str("}')");
    }
    let rows = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut *conn)
        .await?;
    let mut out = HashMap::with_capacity(pairs.len());
    // The locks' rows have one column (`void`), the histories' three.
    for row in rows.iter().filter(|r| r.columns().len() == 3) {
        let (i, total, in_window): (i64, i64, i64) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let Some((user, campaign, _)) = usize::try_from(i - 1).ok().and_then(|i| pairs.get(i))
        else {
            continue;
        };
        out.insert(
            (*user, *campaign),
            History {
                total: u32::try_from(total).unwrap_or(u32::MAX),
                in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
            },
        );
    }
    Ok(out)
}

/// Writes a batch: its screenings, the arm memberships they imply and the friction
/// steps they started, as **one** statement over arrays (data-modifying `WITH`
/// clauses; the steps' foreign key to their screening is checked at the end of the
/// statement, when the screenings are in). One round trip instead of three: with
/// batches of a few screenings, round trips are much of a screening's CPU on both
/// sides. Memberships keep the first screening's time (`DO NOTHING`, in order).
async fn insert_batch(
    conn: &mut PgConnection,
    batch: &[&Screening],
    frictions: &[Friction],
) -> Result<(), StoreError> {
    fn col<'a, T, R>(rows: &'a [R], f: impl Fn(&'a R) -> T) -> Vec<T> {
        rows.iter().map(f).collect()
    }
    // The campaign part of each screening, borrowed (no copy of the variant).
    fn c<'a>(s: &&'a Screening) -> Option<&'a campaign::CampaignScreening> {
        s.campaign.as_ref()
    }
    let members: Vec<(&Screening, &campaign::CampaignScreening, campaign::Arm)> = batch
        .iter()
        .filter_map(|s| {
            let c = s.campaign.as_ref()?;
            Some((*s, c, c.arm?))
        })
        .collect();
    let f: Vec<_> = frictions.iter().map(Friction::columns).collect();
    sqlx::query(
        "WITH s AS (\
           INSERT INTO screenings (id, user_hash, region, locale, decision, risk_level, \
             risk_score, signals, amount_usd, campaign_id, arm, variant, exposure, shown, \
             outcomes, outcome_at, created_at, day, user_key) \
           SELECT id, user_hash, region, locale, decision, risk_level, risk_score, signals, \
                  amount_usd, campaign_id, arm, variant, exposure, shown, 0, NULL, \
                  created_at, day, user_key \
           FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::text[], \
                       $6::text[], $7::int8[], $8::int8[], $9::float8[], $10::int8[], \
                       $11::int8[], $12::text[], $13::int8[], $14::bool[], $15::int8[], \
                       $16::int8[], $17::int4[]) \
                AS u(id, user_hash, region, locale, decision, risk_level, risk_score, \
                     signals, amount_usd, campaign_id, arm, variant, exposure, shown, \
                     created_at, day, user_key)), \
         m AS (\
           INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at, user_key) \
           SELECT * FROM unnest($18::int8[], $19::bytea[], $20::int8[], $21::int8[], \
                                $22::int4[]) \
           ON CONFLICT (campaign_id, user_hash) DO NOTHING) \
         INSERT INTO screening_friction (screening_id, campaign_id, variant, user_hash, \
           locale, step, state, risk_score, hold_hours, held_at, release_at, contact_hash, \
           contact_key, contact_consent, contact_notified, created_at, closed_at) \
         SELECT * FROM unnest($23::text[], $24::int8[], $25::text[], $26::bytea[], \
                              $27::text[], $28::text[], $29::text[], $30::int8[], \
                              $31::int8[], $32::int8[], $33::int8[], $34::bytea[], \
                              $35::int4[], $36::int8[], $37::int8[], $38::int8[], \
                              $39::int8[])",
    )
    .bind(col(batch, |s| s.id.as_str()))
    .bind(col(batch, |s| &s.user[..]))
    .bind(col(batch, |s| s.region.as_str()))
    .bind(col(batch, |s| s.locale.as_str()))
    .bind(col(batch, |s| s.decision.as_str()))
    .bind(col(batch, |s| s.risk_level.as_str()))
    .bind(col(batch, |s| i64::from(s.risk_score)))
    .bind(col(batch, |s| i64::from(s.signals)))
    .bind(col(batch, |s| s.amount_usd))
    .bind(col(batch, |s| c(s).map(|c| c.campaign_id)))
    .bind(col(batch, |s| c(s).and_then(|c| c.arm).map(arm_column)))
    .bind(col(batch, |s| c(s).map(|c| c.variant.as_str())))
    .bind(col(batch, |s| c(s).map(|c| i64::from(c.exposure))))
    .bind(col(batch, |s| c(s).is_some_and(|c| c.shown)))
    .bind(col(batch, |s| s.created_at))
    .bind(col(batch, |s| day_of(s.created_at)))
    .bind(col(batch, |s| i32::from(s.user_key)))
    .bind(col(&members, |(_, c, _)| c.campaign_id))
    .bind(col(&members, |(s, _, _)| &s.user[..]))
    .bind(col(&members, |(_, _, arm)| arm_column(*arm)))
    .bind(col(&members, |(s, _, _)| s.created_at))
    .bind(col(&members, |(s, _, _)| i32::from(s.user_key)))
    .bind(col(&f, |c| c.screening_id))
    .bind(col(&f, |c| c.campaign_id))
    .bind(col(&f, |c| c.variant))
    .bind(col(&f, |c| c.user_hash))
    .bind(col(&f, |c| c.locale))
    .bind(col(&f, |c| c.step))
    .bind(col(&f, |c| c.state))
    .bind(col(&f, |c| c.risk_score))
    .bind(col(&f, |c| c.hold_hours))
    .bind(col(&f, |c| c.held_at))
    .bind(col(&f, |c| c.release_at))
    .bind(col(&f, |c| c.contact_hash))
    .bind(col(&f, |c| c.contact_key))
    .bind(col(&f, |c| c.contact_consent))
    .bind(col(&f, |c| c.contact_notified))
    .bind(col(&f, |c| c.created_at))
    .bind(col(&f, |c| c.closed_at))
    .execute(conn)
    .await?;
    Ok(())
}

/// The first argument of the screening advisory lock: a constant naming the lock's
/// use ("scrn"), so it can never meet another use of two-key advisory locks.
const SCREENING_LOCK_CLASS: i32 = 0x7363_726e;

/// The second argument: 32 bits of the user's pseudonym.
fn user_lock_key(user: &UserKey) -> i32 {
    i32::from_be_bytes([user[0], user[1], user[2], user[3]])
}

/// The user's eligible screenings with a campaign, through any executor (the pool, or
/// the screening's transaction).
async fn history<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    campaign_id: i64,
    user: &UserKey,
    since: i64,
) -> Result<History, StoreError> {
    let (total, in_window): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE created_at >= $3) FROM screenings \
         WHERE user_hash = $1 AND campaign_id = $2 AND arm IS NOT NULL",
    )
    .bind(&user[..])
    .bind(campaign_id)
    .bind(since)
    .fetch_one(executor)
    .await?;
    Ok(History {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
    })
}

/// Writes a screening and, when it is eligible, the user's membership of the arm.
async fn insert_screening(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    s: &Screening,
) -> Result<(), StoreError> {
    let c = s.campaign.as_ref();
    sqlx::query(
        "INSERT INTO screenings (id, user_hash, region, locale, decision, risk_level, \
             risk_score, signals, amount_usd, campaign_id, arm, variant, exposure, shown, \
             outcomes, outcome_at, created_at, day, user_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, NULL, \
             $15, $16, $17)",
    )
    .bind(s.id.as_str())
    .bind(&s.user[..])
    .bind(s.region.as_str())
    .bind(s.locale.as_str())
    .bind(s.decision.as_str())
    .bind(s.risk_level.as_str())
    .bind(i64::from(s.risk_score))
    .bind(i64::from(s.signals))
    .bind(s.amount_usd)
    .bind(c.map(|c| c.campaign_id))
    .bind(c.and_then(|c| c.arm).map(arm_column))
    .bind(c.map(|c| c.variant.as_str()))
    .bind(c.map(|c| i64::from(c.exposure)))
    .bind(c.is_some_and(|c| c.shown))
    .bind(s.created_at)
    .bind(day_of(s.created_at))
    .bind(i32::from(s.user_key))
    .execute(&mut **tx)
    .await?;
    if let Some(c) = c
        && let Some(arm) = c.arm
    {
        sqlx::query(
            "INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at, user_key) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, user_hash) DO NOTHING",
        )
        .bind(c.campaign_id)
        .bind(&s.user[..])
        .bind(arm_column(arm))
        .bind(s.created_at)
        .bind(i32::from(s.user_key))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

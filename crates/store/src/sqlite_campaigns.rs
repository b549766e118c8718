//! [`CampaignStore`] on SQLite, with the group-commit writer (see
//! [`crate::campaigns`] for the design).

use campaign::{Action, Campaign, Cell, History, Screening, Spec, UserKey, Users};
use sqlx::sqlite::SqlitePool;
use sqlx::{AssertSqlSafe, Sqlite, Transaction};

use tokio::sync::{mpsc, oneshot};

use crate::batch::GroupCommit;
use crate::campaigns::{
    CampaignRow, CampaignStore, CellRow, MAX_BATCH, arm_column, campaign_from_row, cell_from_row,
    day_of, regions_column, spec_column, users_from_rows,
};
use crate::{SqliteStore, StoreError};

/// Rows per multi-row insert: 18 parameters a row.
const INSERT_CHUNK: usize = 64;

/// A write for the group-commit writer.
enum Op {
    Screening(Box<Screening>),
    Outcome { id: String, bit: u8, at: i64 },
}

/// What a write did.
#[derive(Debug)]
enum Done {
    Stored,
    /// The screening's outcome bits now, or `None` if there is no such screening.
    Outcome(Option<u8>),
}

/// The handle of the group-commit writer (`store::batch::GroupCommit`); the task ends
/// when the last handle is dropped. A batch that fails is retried one write at a time,
/// so each request gets its own answer.
#[derive(Debug, Clone)]
pub(crate) struct Writer(GroupCommit<Op, Result<Done, StoreError>, StoreError>);

impl std::fmt::Debug for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Op")
    }
}

impl Writer {
    /// Starts the writer on the write pool (which has exactly one connection).
    pub(crate) fn spawn(pool: SqlitePool) -> Writer {
        Writer(GroupCommit::spawn(
            MAX_BATCH,
            8 * MAX_BATCH,
            move |ops: Vec<Op>| {
                let pool = pool.clone();
                async move {
                    let refs: Vec<&Op> = ops.iter().collect();
                    if let Ok(done) = apply(&pool, &refs).await {
                        return Ok(done.into_iter().map(Ok).collect());
                    }
                    let mut each = Vec::with_capacity(ops.len());
                    for op in &ops {
                        each.push(
                            apply(&pool, &[op])
                                .await
                                .and_then(|mut r| r.pop().ok_or(StoreError::NotFound)),
                        );
                    }
                    Ok(each)
                }
            },
        ))
    }

    async fn submit(&self, op: Op) -> Result<Done, StoreError> {
        match self.0.submit(op).await {
            Ok(result) => result,
            Err(_) => Err(StoreError::Database(sqlx::Error::PoolClosed)),
        }
    }
}

/// Runs `ops` in one transaction and commits it.
async fn apply(pool: &SqlitePool, ops: &[&Op]) -> Result<Vec<Done>, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let screenings: Vec<&Screening> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Screening(s) => Some(&**s),
            Op::Outcome { .. } => None,
        })
        .collect();
    insert_screenings(&mut tx, &screenings).await?;
    let mut results = Vec::with_capacity(ops.len());
    for op in ops {
        results.push(match op {
            Op::Screening(_) => Done::Stored,
            Op::Outcome { id, bit, at } => {
                let bits: Option<i64> = sqlx::query_scalar(
                    "UPDATE screenings SET outcomes = outcomes | ?1, \
                     outcome_at = COALESCE(outcome_at, ?2) WHERE id = ?3 RETURNING outcomes",
                )
                .bind(i64::from(*bit))
                .bind(at)
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                Done::Outcome(bits.and_then(|b| u8::try_from(b).ok()))
            }
        });
    }
    tx.commit().await?;
    Ok(results)
}

fn values_sql(head: &str, columns: usize, rows: usize, tail: &str) -> String {
    let mut row = String::from("(");
    for i in 0..columns {
        row.push_str(if i == 0 { "?" } else { ",?" });
    }
    row.push(')');
    let mut sql = String::with_capacity(head.len() + rows * (row.len() + 1) + tail.len());
    sql.push_str(head);
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&row);
    }
    sql.push_str(tail);
    sql
}

async fn insert_screenings(
    tx: &mut Transaction<'static, Sqlite>,
    screenings: &[&Screening],
) -> Result<(), StoreError> {
    for chunk in screenings.chunks(INSERT_CHUNK) {
        let sql = values_sql(
            "INSERT INTO screenings (id, user_hash, region, locale, decision, risk_level, \
             risk_score, signals, amount_usd, campaign_id, arm, variant, exposure, shown, \
             outcomes, outcome_at, created_at, day) VALUES ",
            18,
            chunk.len(),
            "",
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for s in chunk {
            let c = s.campaign.as_ref();
            q = q
                .bind(s.id.as_str())
                .bind(&s.user[..])
                .bind(s.region.as_str().to_owned())
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
                .bind(0_i64)
                .bind(None::<i64>)
                .bind(s.created_at)
                .bind(day_of(s.created_at));
        }
        q.execute(&mut **tx).await?;
        let members: Vec<(&Screening, i64, campaign::Arm)> = chunk
            .iter()
            .filter_map(|s| {
                let c = s.campaign.as_ref()?;
                Some((*s, c.campaign_id, c.arm?))
            })
            .collect();
        if !members.is_empty() {
            let sql = values_sql(
                "INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at) VALUES ",
                4,
                members.len(),
                " ON CONFLICT (campaign_id, user_hash) DO NOTHING",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for (s, campaign_id, arm) in members {
                q = q
                    .bind(campaign_id)
                    .bind(&s.user[..])
                    .bind(arm_column(arm))
                    .bind(s.created_at);
            }
            q.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// A history lookup for the batched reader.
struct Lookup {
    campaign_id: i64,
    user: UserKey,
    since: i64,
    reply: oneshot::Sender<Result<History, StoreError>>,
}

/// The handle of the batched history reader: like the writer, one task answers every
/// lookup waiting with one query, so a busy server pays one database round trip per
/// batch instead of one per screening.
#[derive(Debug, Clone)]
pub(crate) struct Reader(mpsc::Sender<Lookup>);

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookup")
    }
}

/// Most lookups in one query (4 parameters each).
const MAX_LOOKUPS: usize = 512;

impl Reader {
    /// Starts the reader on the read pool.
    pub(crate) fn spawn(pool: SqlitePool) -> Reader {
        let (tx, rx) = mpsc::channel(8 * MAX_LOOKUPS);
        tokio::spawn(read_loop(pool, rx));
        Reader(tx)
    }

    async fn history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        let (reply, answer) = oneshot::channel();
        let lookup = Lookup {
            campaign_id,
            user: *user,
            since,
            reply,
        };
        self.0
            .send(lookup)
            .await
            .map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?;
        answer
            .await
            .map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?
    }
}

async fn read_loop(pool: SqlitePool, mut rx: mpsc::Receiver<Lookup>) {
    let mut lookups: Vec<Lookup> = Vec::with_capacity(MAX_LOOKUPS);
    while rx.recv_many(&mut lookups, MAX_LOOKUPS).await > 0 {
        match histories(&pool, &lookups).await {
            Ok(found) => {
                for (lookup, history) in lookups.drain(..).zip(found) {
                    let _ = lookup.reply.send(Ok(history));
                }
            }
            Err(_) => {
                for lookup in lookups.drain(..) {
                    let one = histories(&pool, std::slice::from_ref(&lookup))
                        .await
                        .and_then(|mut h| h.pop().ok_or(StoreError::NotFound));
                    let _ = lookup.reply.send(one);
                }
            }
        }
    }
}

/// The histories of `lookups`, in order, with one query.
async fn histories(pool: &SqlitePool, lookups: &[Lookup]) -> Result<Vec<History>, StoreError> {
    let sql = values_sql(
        "WITH q (i, user_hash, campaign_id, since) AS (VALUES ",
        4,
        lookups.len(),
        ") SELECT q.i, count(s.created_at), COALESCE(sum(s.created_at >= q.since), 0) \
         FROM q LEFT JOIN screenings AS s INDEXED BY screenings_user \
         ON s.user_hash = q.user_hash AND s.campaign_id = q.campaign_id \
         AND s.arm IS NOT NULL GROUP BY q.i",
    );
    let mut q = sqlx::query_as::<_, (i64, i64, i64)>(AssertSqlSafe(sql));
    for (i, l) in lookups.iter().enumerate() {
        q = q
            .bind(i64::try_from(i).unwrap_or(i64::MAX))
            .bind(&l.user[..])
            .bind(l.campaign_id)
            .bind(l.since);
    }
    let rows = q.fetch_all(pool).await?;
    let mut out = vec![History::default(); lookups.len()];
    for (i, total, in_window) in rows {
        if let Some(h) = usize::try_from(i).ok().and_then(|i| out.get_mut(i)) {
            *h = History {
                total: u32::try_from(total).unwrap_or(u32::MAX),
                in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
            };
        }
    }
    Ok(out)
}

const CAMPAIGN_COLUMNS: &str = "SELECT id, spec, created_at, updated_at FROM campaigns";

#[async_trait::async_trait]
impl CampaignStore for SqliteStore {
    async fn create_campaign(&self, spec: &Spec) -> Result<Campaign, StoreError> {
        let now = crate::now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO campaigns (name, status, regions, spec, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
        )
        .bind(spec.name.as_str())
        .bind(spec.status.as_str())
        .bind(regions_column(spec))
        .bind(spec_column(spec))
        .bind(now)
        .fetch_one(&self.write)
        .await?;
        Ok(Campaign {
            id,
            spec: spec.clone(),
            created_at: now,
            updated_at: now,
        })
    }

    async fn get_campaign(&self, id: i64) -> Result<Option<Campaign>, StoreError> {
        let row: Option<CampaignRow> =
            sqlx::query_as(AssertSqlSafe(format!("{CAMPAIGN_COLUMNS} WHERE id = ?1")))
                .bind(id)
                .fetch_optional(&self.read)
                .await?;
        row.map(campaign_from_row).transpose()
    }

    async fn list_campaigns(&self) -> Result<Vec<Campaign>, StoreError> {
        let rows: Vec<CampaignRow> =
            sqlx::query_as(AssertSqlSafe(format!("{CAMPAIGN_COLUMNS} ORDER BY id")))
                .fetch_all(&self.read)
                .await?;
        rows.into_iter().map(campaign_from_row).collect()
    }

    async fn update_campaign(&self, id: i64, spec: &Spec) -> Result<Campaign, StoreError> {
        let now = crate::now();
        let created: Option<i64> = sqlx::query_scalar(
            "UPDATE campaigns SET name = ?2, status = ?3, regions = ?4, spec = ?5, \
             updated_at = ?6 WHERE id = ?1 RETURNING created_at",
        )
        .bind(id)
        .bind(spec.name.as_str())
        .bind(spec.status.as_str())
        .bind(regions_column(spec))
        .bind(spec_column(spec))
        .bind(now)
        .fetch_optional(&self.write)
        .await?;
        let created_at = created.ok_or(StoreError::NotFound)?;
        Ok(Campaign {
            id,
            spec: spec.clone(),
            created_at,
            updated_at: now,
        })
    }

    async fn exposure_history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        self.reader.history(campaign_id, user, since).await
    }

    async fn record_screening(&self, screening: &Screening) -> Result<(), StoreError> {
        self.writer
            .submit(Op::Screening(Box::new(screening.clone())))
            .await
            .map(|_| ())
    }

    async fn record_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError> {
        let op = Op::Outcome {
            id: screening_id.to_owned(),
            bit: action.bit(),
            at,
        };
        match self.writer.submit(op).await? {
            Done::Outcome(Some(bits)) => Ok(Action::of_bits(bits)),
            Done::Outcome(None) | Done::Stored => Err(StoreError::NotFound),
        }
    }

    async fn link_scam_report(&self, user: &UserKey, reported_at: i64) -> Result<u64, StoreError> {
        sqlx::query(
            "INSERT INTO user_scam_reports (user_hash, reported_at) VALUES (?1, ?2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&user[..])
        .bind(reported_at)
        .execute(&self.write)
        .await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM screenings \
             WHERE user_hash = ?1 AND arm IS NOT NULL AND created_at <= ?2",
        )
        .bind(&user[..])
        .bind(reported_at)
        .fetch_one(&self.write)
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn campaign_cells(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Users, Users), StoreError> {
        let rows: Vec<CellRow> = sqlx::query_as(
            "SELECT arm, variant, day, exposure, count(*), sum(shown), \
             sum((outcomes & 1) <> 0), sum((outcomes & 2) <> 0), sum((outcomes & 3) <> 0), \
             sum((outcomes & 4) <> 0), sum((outcomes & 8) <> 0) \
             FROM screenings INDEXED BY screenings_stats \
             WHERE campaign_id = ?1 AND arm IS NOT NULL \
             GROUP BY arm, variant, day, exposure",
        )
        .bind(campaign_id)
        .fetch_all(&self.read)
        .await?;
        let users: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT arm, count(*), COALESCE(sum(EXISTS (SELECT 1 FROM user_scam_reports AS r \
             WHERE r.user_hash = u.user_hash AND r.reported_at >= u.first_at)), 0) \
             FROM campaign_users AS u WHERE campaign_id = ?1 GROUP BY arm",
        )
        .bind(campaign_id)
        .fetch_all(&self.read)
        .await?;
        let (exposed, holdout) = users_from_rows(users);
        Ok((
            rows.into_iter().map(cell_from_row).collect(),
            exposed,
            holdout,
        ))
    }
}

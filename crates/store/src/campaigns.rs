//! Storage of withdrawal-time interventions (issue 4): campaigns, screenings, their
//! outcomes, and scam reports linked to pseudonymous users. [`CampaignStore`] is
//! reached through [`crate::Store::campaigns`].
//!
//! # Group commit (SQLite)
//!
//! Screenings arrive thousands of times a second, each to be durable before the API
//! answers. One fsync per screening would cap SQLite at a few hundred a second, so
//! [`crate::SqliteStore`] runs a single writer thread with its own connection
//! (`sqlite_writer`): requests send their write (a screening draft or an outcome)
//! over a channel with a oneshot reply; the writer takes every write waiting (up to
//! [`MAX_BATCH`]), runs them in one `BEGIN IMMEDIATE` transaction (reading each user's
//! history and choosing the campaign there), commits it (with `synchronous = FULL` the
//! WAL is fsynced), and only then answers each request. While one batch is being
//! committed the next one accumulates, so the batch size follows the load. A request
//! is answered `Ok` only after the commit holding its row returned, so an
//! acknowledged screening or outcome survives a crash; a batch that fails is retried
//! one write per transaction, so each request gets its own error and a bad row cannot
//! fail its neighbours. The batching and this failure policy are the crate's one
//! group-commit loop, [`crate::batch`], which the writer thread runs.
//!
//! PostgreSQL runs each write as its own statement: the server commits concurrent
//! transactions in groups itself.
//!
//! # One copy, except the screening paths
//!
//! Campaigns, links of scam reports, known users and the statistics are written once
//! for both engines (the functions at the end of this module). The screening paths
//! (exposure history, screenings, outcomes) are per engine, in `sqlite_campaigns.rs`
//! (the writer thread) and `postgres_campaigns.rs`, each with its
//! [`CampaignStore`] impl that calls the shared functions for the rest.

use std::sync::Arc;

use campaign::{Action, Campaign, Cell, History, Risk, Screening, Spec, UserKey, Users};

use sqlx::Pool;

use crate::StoreError;
use crate::engine::{Engine, query};

/// Most writes in one group-commit transaction.
pub const MAX_BATCH: usize = 1_024;

/// A screening whose campaign is still to be chosen, by [`CampaignStore::screen`].
#[derive(Debug, Clone)]
pub struct ScreeningDraft {
    /// The screening; its `campaign` is replaced by the choice.
    pub screening: Screening,
    /// The eligible campaigns ([`campaign::eligible`]), in order of preference.
    pub candidates: Vec<Arc<Campaign>>,
    /// The withdrawal's risk (a high risk overrides the frequency cap).
    pub risk: Risk,
    /// The trusted contact the user named, kept with the friction step if the chosen
    /// variant's ladder gives the screening one.
    pub contact: Option<crate::friction::TrustedContact>,
}

/// A screening as the store recorded it: its chosen campaign, and the friction step
/// it started ([`campaign::friction::start`]), written in the same transaction.
#[derive(Debug, Clone)]
pub struct Screened {
    /// The screening, with its campaign.
    pub screening: Screening,
    /// Its friction step, when the chosen variant's ladder and the risk give one.
    pub friction: Option<crate::friction::Friction>,
}

/// Campaigns, screenings and outcomes. Every method that writes returns only once the
/// write is durable.
#[async_trait::async_trait]
pub trait CampaignStore: Send + Sync {
    /// Stores a new campaign.
    async fn create_campaign(&self, spec: &Spec) -> Result<Campaign, StoreError>;

    /// The campaign with this id, if any.
    async fn get_campaign(&self, id: i64) -> Result<Option<Campaign>, StoreError>;

    /// Every campaign, by id.
    async fn list_campaigns(&self) -> Result<Vec<Campaign>, StoreError>;

    /// Replaces a campaign's document; [`StoreError::NotFound`] if there is none.
    async fn update_campaign(&self, id: i64, spec: &Spec) -> Result<Campaign, StoreError>;

    /// The user's eligible screenings with a campaign: all of them, and those at or
    /// after `since` (the frequency cap's window).
    async fn exposure_history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError>;

    /// Stores a screening (and, when it is eligible, the user's membership of the
    /// campaign's arm). Durable when it returns.
    async fn record_screening(&self, screening: &Screening) -> Result<(), StoreError>;

    /// Chooses the draft's campaign ([`campaign::choose`] over the user's
    /// [`exposure_history`](CampaignStore::exposure_history) with each candidate) and
    /// stores the screening with it and, when the chosen variant's ladder gives it a
    /// step, its friction row, in one transaction; returns both. Durable when it
    /// returns.
    ///
    /// Atomic per user: two concurrent screenings of one user (through any node) never
    /// share an exposure number or both pass a frequency cap meant for one.
    async fn screen(&self, draft: ScreeningDraft) -> Result<Screened, StoreError>;

    /// Adds an action to a screening's outcomes (idempotent: recording an action twice
    /// changes nothing) and returns the screening's actions now.
    /// [`StoreError::NotFound`] if there is no such screening.
    async fn record_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError>;

    /// Records that a user reported a scam at `reported_at` (idempotent), and returns
    /// how many of the user's eligible screenings came before it (the screenings the
    /// report is linked to).
    async fn link_scam_report(
        &self,
        user: &UserKey,
        user_key: u16,
        reported_at: i64,
    ) -> Result<u64, StoreError>;

    /// Which of `candidates` (one user's pseudonyms under each key of the key ring, in
    /// the order to prefer) has been screened or has reported a scam: its index, or
    /// `None` for a new user. After a key rotation this keeps a user's pseudonym, so
    /// their holdout arm, exposures and history stay theirs.
    async fn known_user(&self, candidates: &[UserKey]) -> Result<Option<usize>, StoreError>;

    /// A campaign's screenings aggregated for [`campaign::compute`]: the cells (by
    /// arm, variant, day and exact exposure number) and the per-user figures of the
    /// exposed and holdout arms.
    async fn campaign_cells(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Users, Users), StoreError>;
}

/// `",HK,MO,"`: the regions column, searchable with `LIKE '%,HK,%'`.
pub(crate) fn regions_column(spec: &Spec) -> String {
    let mut s = String::from(",");
    for r in &spec.regions {
        s.push_str(r.as_str());
        s.push(',');
    }
    s
}

/// The stored document as JSON text.
pub(crate) fn spec_column(spec: &Spec) -> String {
    spec.to_json().to_string()
}

/// Columns of a `campaigns` row: `id, spec, created_at, updated_at`.
pub(crate) type CampaignRow = (i64, String, i64, i64);

pub(crate) fn campaign_from_row(row: CampaignRow) -> Result<Campaign, StoreError> {
    let (id, spec, created_at, updated_at) = row;
    let value: serde_json::Value = serde_json::from_str(&spec)
        .map_err(|_| StoreError::Corrupt(format!("campaigns id {id}: `spec` is not JSON")))?;
    let spec = Spec::from_json(&value).map_err(|e| {
        StoreError::Corrupt(format!(
            "campaigns id {id}: the document no longer validates: {e}"
        ))
    })?;
    Ok(Campaign {
        id,
        spec,
        created_at,
        updated_at,
    })
}

/// The arm column: 0 exposed, 1 holdout.
pub(crate) fn arm_column(arm: campaign::Arm) -> i64 {
    match arm {
        campaign::Arm::Exposed => 0,
        campaign::Arm::Holdout => 1,
    }
}

pub(crate) fn arm_from_column(arm: i64) -> Option<campaign::Arm> {
    match arm {
        0 => Some(campaign::Arm::Exposed),
        1 => Some(campaign::Arm::Holdout),
        _ => None,
    }
}

/// Columns of an aggregated cell: `arm, variant, day, exposure, screenings, shown,
/// cancelled, reviewed, reconsidered, proceeded, reported`.
pub(crate) type CellRow = (
    i64,
    Option<String>,
    i64,
    Option<i64>,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
);

pub(crate) fn cell_from_row(row: CellRow) -> Cell {
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let (arm, variant, day, exposure, screenings, shown, cx, rv, rc, pr, rp) = row;
    Cell {
        arm: arm_from_column(arm),
        variant: variant.unwrap_or_default(),
        day,
        exposure: exposure.and_then(|e| u32::try_from(e).ok()).unwrap_or(1),
        counts: campaign::Counts {
            screenings: n(screenings),
            shown: n(shown),
            cancelled: n(cx),
            reviewed: n(rv),
            reconsidered: n(rc),
            proceeded: n(pr),
            reported: n(rp),
        },
    }
}

/// Folds `(arm, users, later_reported)` rows into the two arms.
pub(crate) fn users_from_rows(rows: Vec<(i64, i64, i64)>) -> (Users, Users) {
    let mut out = [Users::default(); 2];
    for (arm, users, later) in rows {
        if let Some(a) = arm_from_column(arm) {
            out[usize::from(a == campaign::Arm::Holdout)] = Users {
                users: u64::try_from(users).unwrap_or(0),
                later_reported: u64::try_from(later).unwrap_or(0),
            };
        }
    }
    (out[0], out[1])
}

/// Seconds since the epoch to UTC days.
pub(crate) fn day_of(t: i64) -> i64 {
    t.div_euclid(86_400)
}

// What follows is written once for both engines; the screening paths (exposure
// history, screenings, outcomes) stay per engine, in `sqlite_campaigns` (the screening
// writer) and `postgres_campaigns`.

/// A `campaigns` row, in the order of [`CampaignRow`].
const CAMPAIGN_SELECT: &str = "SELECT id, spec, created_at, updated_at FROM campaigns";

/// [`CampaignStore::create_campaign`].
pub(crate) async fn create<E: Engine>(
    pool: &Pool<E>,
    spec: &Spec,
    now: i64,
) -> Result<Campaign, StoreError> {
    let id: i64 = query::<E>(
        "INSERT INTO campaigns (name, status, regions, spec, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(spec.name.as_str())
    .bind(spec.status.as_str())
    .bind(regions_column(spec))
    .bind(spec_column(spec))
    .bind(now)
    .scalar(pool)
    .await?;
    Ok(Campaign {
        id,
        spec: spec.clone(),
        created_at: now,
        updated_at: now,
    })
}

/// [`CampaignStore::get_campaign`].
pub(crate) async fn get<E: Engine>(
    pool: &Pool<E>,
    id: i64,
) -> Result<Option<Campaign>, StoreError> {
    let row: Option<CampaignRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "{CAMPAIGN_SELECT} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(campaign_from_row).transpose()
}

/// [`CampaignStore::list_campaigns`].
pub(crate) async fn list<E: Engine>(pool: &Pool<E>) -> Result<Vec<Campaign>, StoreError> {
    let rows: Vec<CampaignRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "{CAMPAIGN_SELECT} ORDER BY id"
    )))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(campaign_from_row).collect()
}

/// [`CampaignStore::update_campaign`].
pub(crate) async fn update<E: Engine>(
    pool: &Pool<E>,
    id: i64,
    spec: &Spec,
    now: i64,
) -> Result<Campaign, StoreError> {
    let created: Option<i64> = query::<E>(
        "UPDATE campaigns SET name = $2, status = $3, regions = $4, spec = $5, \
         updated_at = $6 WHERE id = $1 RETURNING created_at",
    )
    .bind(id)
    .bind(spec.name.as_str())
    .bind(spec.status.as_str())
    .bind(regions_column(spec))
    .bind(spec_column(spec))
    .bind(now)
    .scalar_optional(pool)
    .await?;
    let created_at = created.ok_or(StoreError::NotFound)?;
    Ok(Campaign {
        id,
        spec: spec.clone(),
        created_at,
        updated_at: now,
    })
}

/// [`CampaignStore::link_scam_report`], on the pool that takes writes (the count reads
/// what the insert wrote).
pub(crate) async fn link_scam_report<E: Engine>(
    write: &Pool<E>,
    user: &UserKey,
    user_key: u16,
    reported_at: i64,
) -> Result<u64, StoreError> {
    query::<E>(
        "INSERT INTO user_scam_reports (user_hash, reported_at, user_key) \
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(&user[..])
    .bind(reported_at)
    // INTEGER on PostgreSQL: bound as 32 bits.
    .bind(i32::from(user_key))
    .execute(write)
    .await?;
    let n: i64 = query::<E>(
        "SELECT count(*) FROM screenings \
         WHERE user_hash = $1 AND arm IS NOT NULL AND created_at <= $2",
    )
    .bind(&user[..])
    .bind(reported_at)
    .scalar(write)
    .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// [`CampaignStore::known_user`].
pub(crate) async fn known_user<E: Engine>(
    pool: &Pool<E>,
    candidates: &[UserKey],
) -> Result<Option<usize>, StoreError> {
    // A handful of keys at most: one indexed probe each (user_hash leads both indexes),
    // in the order of preference.
    for (i, user) in candidates.iter().enumerate() {
        let found: Option<i64> = query::<E>(
            "SELECT CAST(1 AS BIGINT) \
             WHERE EXISTS (SELECT 1 FROM screenings WHERE user_hash = $1) \
             OR EXISTS (SELECT 1 FROM user_scam_reports WHERE user_hash = $1)",
        )
        .bind(&user[..])
        .scalar_optional(pool)
        .await?;
        if found.is_some() {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// [`CampaignStore::campaign_cells`]: a grouped scan that SQLite answers from the
/// covering index `screenings_stats` alone ([`Engine::SCREENINGS_STATS_INDEX`]).
pub(crate) async fn cells<E: Engine>(
    pool: &Pool<E>,
    campaign_id: i64,
) -> Result<(Vec<Cell>, Users, Users), StoreError> {
    let rows: Vec<CellRow> = query::<E>(sqlx::AssertSqlSafe(format!(
        "SELECT arm, variant, day, exposure, count(*), count(*) FILTER (WHERE shown), \
         count(*) FILTER (WHERE (outcomes & 1) <> 0), \
         count(*) FILTER (WHERE (outcomes & 2) <> 0), \
         count(*) FILTER (WHERE (outcomes & 3) <> 0), \
         count(*) FILTER (WHERE (outcomes & 4) <> 0), \
         count(*) FILTER (WHERE (outcomes & 8) <> 0) \
         FROM screenings {} WHERE campaign_id = $1 AND arm IS NOT NULL \
         GROUP BY arm, variant, day, exposure",
        E::SCREENINGS_STATS_INDEX
    )))
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    let users: Vec<(i64, i64, i64)> = query::<E>(
        "SELECT arm, count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 \
         FROM user_scam_reports AS r WHERE r.user_hash = u.user_hash \
         AND r.reported_at >= u.first_at)) \
         FROM campaign_users AS u WHERE campaign_id = $1 GROUP BY arm",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    let (exposed, holdout) = users_from_rows(users);
    Ok((
        rows.into_iter().map(cell_from_row).collect(),
        exposed,
        holdout,
    ))
}

/// The paths of a screening that each engine writes its own way (SQLite: the rusqlite
/// writer thread; PostgreSQL: batches over arrays under per-user advisory locks).
/// Everything else of [`CampaignStore`] is written once, below.
#[async_trait::async_trait]
pub(crate) trait Screenings: Send + Sync {
    /// [`CampaignStore::exposure_history`].
    async fn history_of(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError>;

    /// [`CampaignStore::record_screening`].
    async fn insert_one(&self, screening: &Screening) -> Result<(), StoreError>;

    /// [`CampaignStore::screen`].
    async fn choose_and_insert(&self, draft: ScreeningDraft) -> Result<Screened, StoreError>;

    /// [`CampaignStore::record_outcome`].
    async fn add_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError>;
}

#[async_trait::async_trait]
impl<S: crate::EngineStore + Screenings> CampaignStore for S {
    async fn create_campaign(&self, spec: &Spec) -> Result<Campaign, StoreError> {
        create(self.write_pool(), spec, crate::now()).await
    }

    async fn get_campaign(&self, id: i64) -> Result<Option<Campaign>, StoreError> {
        get(self.read_pool(), id).await
    }

    async fn list_campaigns(&self) -> Result<Vec<Campaign>, StoreError> {
        list(self.read_pool()).await
    }

    async fn update_campaign(&self, id: i64, spec: &Spec) -> Result<Campaign, StoreError> {
        update(self.write_pool(), id, spec, crate::now()).await
    }

    async fn exposure_history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        self.history_of(campaign_id, user, since).await
    }

    async fn record_screening(&self, screening: &Screening) -> Result<(), StoreError> {
        self.insert_one(screening).await
    }

    async fn screen(&self, draft: ScreeningDraft) -> Result<Screened, StoreError> {
        self.choose_and_insert(draft).await
    }

    async fn record_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError> {
        self.add_outcome(screening_id, action, at).await
    }

    async fn link_scam_report(
        &self,
        user: &UserKey,
        user_key: u16,
        reported_at: i64,
    ) -> Result<u64, StoreError> {
        link_scam_report(self.write_pool(), user, user_key, reported_at).await
    }

    async fn known_user(&self, candidates: &[UserKey]) -> Result<Option<usize>, StoreError> {
        known_user(self.read_pool(), candidates).await
    }

    async fn campaign_cells(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Users, Users), StoreError> {
        cells(self.read_pool(), campaign_id).await
    }
}

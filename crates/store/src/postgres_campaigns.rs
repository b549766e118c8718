//! [`CampaignStore`] on PostgreSQL. The screening paths (exposure history, screenings,
//! outcomes) are PostgreSQL's own: one statement (or transaction) per write; the server
//! groups concurrent commits itself. The rest is written once for both engines in
//! [`crate::campaigns`].

use std::collections::HashMap;

use campaign::{Action, Campaign, Cell, History, Screening, Spec, UserKey, Users};

use crate::campaigns::{CampaignStore, ScreeningDraft, arm_column, day_of};
use crate::{PgStore, StoreError};

#[async_trait::async_trait]
impl CampaignStore for PgStore {
    async fn create_campaign(&self, spec: &Spec) -> Result<Campaign, StoreError> {
        crate::campaigns::create(&self.pool, spec, crate::now()).await
    }

    async fn get_campaign(&self, id: i64) -> Result<Option<Campaign>, StoreError> {
        crate::campaigns::get(&self.pool, id).await
    }

    async fn list_campaigns(&self) -> Result<Vec<Campaign>, StoreError> {
        crate::campaigns::list(&self.pool).await
    }

    async fn update_campaign(&self, id: i64, spec: &Spec) -> Result<Campaign, StoreError> {
        crate::campaigns::update(&self.pool, id, spec, crate::now()).await
    }

    async fn exposure_history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        history(&self.pool, campaign_id, user, since).await
    }

    async fn record_screening(&self, s: &Screening) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_screening(&mut tx, s).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads the histories, chooses and writes in one transaction that holds the
    /// user's advisory lock: screenings of one user are serialized across every node
    /// on the database, so the frequency cap and the exposure numbers count each
    /// screening once however many nodes screen that user at the same moment.
    /// Different users never wait for each other (but for a 1 in 2^32 collision of
    /// their lock keys, which only serializes them).
    async fn screen(&self, draft: ScreeningDraft) -> Result<Screening, StoreError> {
        let ScreeningDraft {
            mut screening,
            candidates,
            risk,
        } = draft;
        let now = screening.created_at;
        let mut tx = self.pool.begin().await?;
        if !candidates.is_empty() {
            sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
                .bind(SCREENING_LOCK_CLASS)
                .bind(user_lock_key(&screening.user))
                .execute(&mut *tx)
                .await?;
        }
        let mut histories = HashMap::with_capacity(candidates.len());
        for c in &candidates {
            let since = campaign::window_start(c, now);
            let h = history(&mut *tx, c.id, &screening.user, since).await?;
            histories.insert(c.id, h);
        }
        screening.campaign =
            campaign::choose(&candidates, &screening.user, &risk, now, |id, _| {
                histories.get(&id).copied().ok_or(StoreError::NotFound)
            })?;
        insert_screening(&mut tx, &screening).await?;
        tx.commit().await?;
        Ok(screening)
    }

    async fn record_outcome(
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

    async fn link_scam_report(
        &self,
        user: &UserKey,
        user_key: u16,
        reported_at: i64,
    ) -> Result<u64, StoreError> {
        crate::campaigns::link_scam_report(&self.pool, user, user_key, reported_at).await
    }

    async fn known_user(&self, candidates: &[UserKey]) -> Result<Option<usize>, StoreError> {
        crate::campaigns::known_user(&self.pool, candidates).await
    }

    async fn campaign_cells(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Users, Users), StoreError> {
        crate::campaigns::cells(&self.pool, campaign_id).await
    }
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

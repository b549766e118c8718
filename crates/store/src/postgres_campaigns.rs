//! [`CampaignStore`] on PostgreSQL. The screening paths (exposure history, screenings,
//! outcomes) are PostgreSQL's own: one statement (or transaction) per write; the server
//! groups concurrent commits itself. The rest is written once for both engines in
//! [`crate::campaigns`].

use campaign::{Action, Campaign, Cell, History, Screening, Spec, UserKey, Users};

use crate::campaigns::{CampaignStore, arm_column, day_of};
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
        let (total, in_window): (i64, i64) = sqlx::query_as(
            "SELECT count(*), count(*) FILTER (WHERE created_at >= $3) FROM screenings \
             WHERE user_hash = $1 AND campaign_id = $2 AND arm IS NOT NULL",
        )
        .bind(&user[..])
        .bind(campaign_id)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(History {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
        })
    }

    async fn record_screening(&self, s: &Screening) -> Result<(), StoreError> {
        let c = s.campaign.as_ref();
        let mut tx = self.pool.begin().await?;
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
        .execute(&mut *tx)
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
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
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

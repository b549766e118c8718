//! [`CampaignStore`] on SQLite. The screening paths (exposure history, screenings,
//! outcomes) are SQLite's own: screenings and outcomes go through the writer thread
//! (`sqlite_writer`; see [`crate::campaigns`] for the design). The rest is written once
//! for both engines in [`crate::campaigns`] and called here on the sqlx pools.

use campaign::{Action, Campaign, Cell, History, Screening, Spec, UserKey, Users};

use crate::campaigns::{CampaignStore, ScreeningDraft};
use crate::{SqliteStore, StoreError};

#[async_trait::async_trait]
impl CampaignStore for SqliteStore {
    async fn create_campaign(&self, spec: &Spec) -> Result<Campaign, StoreError> {
        crate::campaigns::create(&self.write, spec, crate::now()).await
    }

    async fn get_campaign(&self, id: i64) -> Result<Option<Campaign>, StoreError> {
        crate::campaigns::get(&self.read, id).await
    }

    async fn list_campaigns(&self) -> Result<Vec<Campaign>, StoreError> {
        crate::campaigns::list(&self.read).await
    }

    async fn update_campaign(&self, id: i64, spec: &Spec) -> Result<Campaign, StoreError> {
        crate::campaigns::update(&self.write, id, spec, crate::now()).await
    }

    async fn exposure_history(
        &self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> Result<History, StoreError> {
        let (total, in_window): (i64, i64) = sqlx::query_as(
            "SELECT count(created_at), COALESCE(sum(created_at >= ?3), 0) \
             FROM screenings INDEXED BY screenings_user \
             WHERE user_hash = ?1 AND campaign_id = ?2 AND arm IS NOT NULL",
        )
        .bind(&user[..])
        .bind(campaign_id)
        .bind(since)
        .fetch_one(&self.read)
        .await?;
        Ok(History {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
        })
    }

    async fn record_screening(&self, screening: &Screening) -> Result<(), StoreError> {
        self.writer.insert(screening.clone()).await
    }

    async fn screen(&self, draft: ScreeningDraft) -> Result<Screening, StoreError> {
        self.writer.screen(draft).await
    }

    async fn record_outcome(
        &self,
        screening_id: &str,
        action: Action,
        at: i64,
    ) -> Result<Vec<Action>, StoreError> {
        match self
            .writer
            .outcome(screening_id.to_owned(), action.bit(), at)
            .await?
        {
            Some(bits) => Ok(Action::of_bits(bits)),
            None => Err(StoreError::NotFound),
        }
    }

    async fn link_scam_report(
        &self,
        user: &UserKey,
        user_key: u16,
        reported_at: i64,
    ) -> Result<u64, StoreError> {
        crate::campaigns::link_scam_report(&self.write, user, user_key, reported_at).await
    }

    async fn known_user(&self, candidates: &[UserKey]) -> Result<Option<usize>, StoreError> {
        crate::campaigns::known_user(&self.read, candidates).await
    }

    async fn campaign_cells(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Users, Users), StoreError> {
        crate::campaigns::cells(&self.read, campaign_id).await
    }
}

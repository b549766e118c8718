//! The screening paths on SQLite ([`Screenings`]): screenings and outcomes go through
//! the writer thread (`sqlite_writer`; see [`crate::campaigns`] for the design). The
//! rest of [`crate::CampaignStore`] is written once for both engines in
//! [`crate::campaigns`].

use campaign::{Action, History, Screening, UserKey};

use crate::campaigns::{Screened, ScreeningDraft, Screenings};
use crate::{SqliteStore, StoreError};

#[async_trait::async_trait]
impl Screenings for SqliteStore {
    async fn history_of(
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

    async fn insert_one(&self, screening: &Screening) -> Result<(), StoreError> {
        self.writer.insert(screening.clone()).await
    }

    async fn choose_and_insert(&self, draft: ScreeningDraft) -> Result<Screened, StoreError> {
        self.writer.screen(draft).await
    }

    async fn add_outcome(
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
}

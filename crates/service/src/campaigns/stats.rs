//! A campaign's measurement: exposed against holdout, with intervals
//! ([`campaign::compute`] over the store's aggregated cells).

use campaign::{Campaign, Stats};
use store::Role;

use crate::{Principal, Result, Service};

impl Service {
    /// The statistics of campaign `id`, with the campaign, if `by` may see it.
    pub async fn campaign_stats(&self, by: &Principal, id: i64) -> Result<(Campaign, Stats)> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let c = self.visible_campaign(by, id).await?;
        let (cells, exposed, holdout) = self.store.campaigns().campaign_cells(c.id).await?;
        let mut stats = campaign::compute(&c, &cells, exposed, holdout);
        if c.spec.variants.iter().any(|v| v.friction.is_some()) {
            let (users, delays) = self.store.friction().friction_users(c.id).await?;
            stats.by_step = campaign::ladder(&c, &users, &delays);
        }
        Ok((c, stats))
    }
}

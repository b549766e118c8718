//! The campaigns: list, read, create and change. A partner works only within its
//! region, and its changes that would alter what users see wait for an admin
//! ([`review`](super::review)); every creation and change passes the content checks
//! and is audited with its diff.

use campaign::{Spec, Status};
use store::Role;
use wire::campaigns::{CampaignList, CampaignView, PendingCampaign, PendingChange};

use super::visible;
use crate::{Error, Principal, Result, Service};

/// What a creation did.
#[derive(Debug, Clone)]
pub enum Created {
    /// The campaign was created (`201`).
    Done(CampaignView),
    /// A partner's active campaign was created as a draft; its activation waits for
    /// an admin (`202`).
    Pending(Box<PendingCampaign>),
}

/// What a change did.
#[derive(Debug, Clone)]
pub enum Changed {
    /// Applied.
    Done(CampaignView),
    /// Waits for an admin's approval (`202`).
    Pending(PendingChange),
}

fn spec_error(e: campaign::SpecError) -> Error {
    Error::invalid("invalid_campaign", e.to_string())
}

impl Service {
    /// The campaigns `by` may see, by id.
    pub async fn list_campaigns(&self, by: &Principal) -> Result<CampaignList> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let limit = by.region_limit()?;
        let all = self.store.campaigns().list_campaigns().await?;
        Ok(CampaignList {
            campaigns: all
                .iter()
                .filter(|c| visible(limit, &c.spec))
                .map(CampaignView::from)
                .collect(),
        })
    }

    /// One campaign, if `by` may see it.
    pub async fn campaign(&self, by: &Principal, id: i64) -> Result<CampaignView> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        Ok(CampaignView::from(&self.visible_campaign(by, id).await?))
    }

    /// Creates a campaign from its document (the API's shape). A partner creates only
    /// in its region, and an active campaign of a partner's is created as a draft
    /// whose activation an admin approves.
    pub async fn create_campaign(
        &self,
        by: &Principal,
        doc: &serde_json::Value,
    ) -> Result<Created> {
        by.require(&[Role::Admin, Role::Partner])?;
        let limit = by.region_limit()?;
        let spec = Spec::from_json(doc).map_err(spec_error)?;
        if !visible(limit, &spec) {
            return Err(Error::Forbidden(
                "a partner key may only create campaigns for its own region".into(),
            ));
        }
        self.check_campaign(&spec).await?;
        if by.role() == Some(Role::Partner) && spec.status == Status::Active {
            // Users see an active campaign at once: a partner's is created as a draft,
            // and its activation waits for an exchange admin.
            let mut draft = spec.clone();
            draft.status = Status::Draft;
            let c = self.save_campaign(by, None, None, &draft).await?;
            let r = self.propose_revision(by, &c, &spec).await?;
            tracing::info!(
                key_id = by.api_key().map(|k| k.id),
                campaign_id = c.id,
                "campaign created as a draft; activation pending"
            );
            return Ok(Created::Pending(Box::new(PendingCampaign {
                campaign: CampaignView::from(&c),
                revision: r,
            })));
        }
        let c = self.save_campaign(by, None, None, &spec).await?;
        tracing::info!(
            key_id = by.api_key().map(|k| k.id),
            campaign_id = c.id,
            "campaign created"
        );
        Ok(Created::Done(CampaignView::from(&c)))
    }

    /// Changes a campaign by a JSON merge patch (RFC 7396). A partner's change that
    /// would alter what users see waits for an admin.
    pub async fn change_campaign(
        &self,
        by: &Principal,
        id: i64,
        patch: &serde_json::Value,
    ) -> Result<Changed> {
        by.require(&[Role::Admin, Role::Partner])?;
        let limit = by.region_limit()?;
        let current = self.visible_campaign(by, id).await?;
        let next = current.spec.patched(patch).map_err(spec_error)?;
        if !visible(limit, &next) {
            return Err(Error::Forbidden(
                "a partner key may only use its own region".into(),
            ));
        }
        self.check_campaign(&next).await?;
        if by.role() == Some(Role::Partner) && super::review::needs_review(&current.spec, &next) {
            let r = self.propose_revision(by, &current, &next).await?;
            tracing::info!(
                key_id = by.api_key().map(|k| k.id),
                campaign_id = id,
                revision = r.id,
                "campaign change pending approval"
            );
            return Ok(Changed::Pending(PendingChange { revision: r }));
        }
        let c = self
            .save_campaign(by, Some(id), Some(&current.spec), &next)
            .await?;
        tracing::info!(
            key_id = by.api_key().map(|k| k.id),
            campaign_id = id,
            "campaign changed"
        );
        Ok(Changed::Done(CampaignView::from(&c)))
    }
}

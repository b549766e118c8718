//! The campaigns: list, read, create and change. A partner works only within its
//! region. A key holder's creation or change that would alter what users see (a
//! partner's or an admin's) waits for another admin ([`review`](super::review)); the
//! operator at the command line is outside that rule. Every creation and change passes
//! the content checks and is audited with its diff.

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
    /// A key holder's active campaign was created as a draft; its activation waits
    /// for another admin (`202`).
    Pending(Box<PendingCampaign>),
}

/// What a change did.
#[derive(Debug, Clone)]
pub enum Changed {
    /// Applied.
    Done(CampaignView),
    /// Waits for another admin's approval (`202`).
    Pending(PendingChange),
}

/// Whether `by`'s changes to what users see wait for a second admin: every key holder's
/// (no single key changes an alert); not the operator's at the command line, who holds
/// the database anyway.
fn reviewed(by: &Principal) -> bool {
    by.api_key().is_some()
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
    /// in its region. An active campaign of a key holder's (a partner's or an admin's)
    /// is created as a draft whose activation another admin approves; the operator's
    /// applies at once.
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
        if reviewed(by) && spec.status == Status::Active {
            // Users see an active campaign at once: a key holder's is created as a
            // draft, and its activation waits for another exchange admin.
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

    /// Changes a campaign by a JSON merge patch (RFC 7396). A key holder's change that
    /// would alter what users see waits for another admin; pausing applies at once.
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
        if reviewed(by) && super::review::needs_review(&current.spec, &next) {
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

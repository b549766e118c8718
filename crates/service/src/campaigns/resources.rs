//! Partner resources: channels an alert may show although they are not official
//! channels of the registry (the police hotline, an anti-scam site). Admins keep the
//! list; every change is audited; staff and partners read it.

use std::collections::HashSet;

use indicator::Indicator;
use store::Role;
use verify::Verdict;
use wire::campaigns::{NewResourceRequest, ResourceList, ResourceView};

use crate::{Error, Principal, Result, Service};

/// Longest resource label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

fn view(r: store::revisions::PartnerResource) -> ResourceView {
    ResourceView {
        id: r.id,
        key: r.key,
        label: r.label,
        created_at: r.created_at,
    }
}

impl Service {
    /// Every partner resource.
    pub async fn list_resources(&self, by: &Principal) -> Result<ResourceList> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let list = self.store.revisions().partner_resources().await?;
        Ok(ResourceList {
            resources: list.into_iter().map(view).collect(),
        })
    }

    /// The partner resources as a set of indicator keys.
    pub(crate) async fn resource_set(&self) -> Result<HashSet<String>> {
        Ok(self
            .store
            .revisions()
            .partner_resources()
            .await?
            .into_iter()
            .map(|r| r.key)
            .collect())
    }

    /// Adds a partner resource (admins). It must not be reported or imitate a brand;
    /// a bare URL root stands for its site.
    pub async fn add_resource(
        &self,
        by: &Principal,
        req: &NewResourceRequest,
    ) -> Result<ResourceView> {
        by.require(&[Role::Admin])?;
        let label = req.label.trim();
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            return Err(Error::invalid(
                "invalid_label",
                format!("`label` must be 1 to {MAX_LABEL_CHARS} characters"),
            ));
        }
        let index = self.index_arc();
        let ind = indicator::parse(&req.value, index.parse_options())
            .map_err(|e| Error::invalid("invalid_value", format!("`value`: {e}")))?;
        // A resource must not be what it protects people from.
        let v = index.verify_indicator(ind.clone());
        if matches!(
            v.verdict,
            Verdict::ReportedScam | Verdict::Impersonation | Verdict::OfficialCompromised
        ) {
            return Err(Error::invalid(
                "unsafe_resource",
                format!(
                    "`value` is {}: it cannot be a partner resource",
                    v.verdict.as_str()
                ),
            ));
        }
        let key = match &ind {
            Indicator::Url(u) if matches!(u.path(), "" | "/") && u.query().is_none() => u
                .host()
                .domain()
                .map_or_else(|| ind.key(), |d| format!("domain:{}", d.as_str())),
            _ => ind.key(),
        };
        let r = self
            .store
            .revisions()
            .add_partner_resource(&key, label, &by.actor(), self.now())
            .await?;
        Ok(view(r))
    }

    /// Removes a partner resource (admins).
    pub async fn remove_resource(&self, by: &Principal, id: i64) -> Result<()> {
        by.require(&[Role::Admin])?;
        if self
            .store
            .revisions()
            .remove_partner_resource(id, &by.actor(), self.now())
            .await?
        {
            Ok(())
        } else {
            Err(Error::NotFound(format!("no partner resource {id}")))
        }
    }
}

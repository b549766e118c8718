//! Partner resources: channels an alert may show although they are not official
//! channels of the registry (the police hotline, an anti-scam site). Admins keep the
//! list; every change is audited; staff and partners read it.
//!
//! An addition makes a new contact admissible in what users are shown at withdrawal:
//! the content checks ([`super::review::check_content`]) accept it, so approvers of
//! campaign changes rely on it. An admin's addition therefore waits for another
//! admin's approval, never its author's nor a key its holder may hold (the rule of
//! campaign revisions). A removal only narrows what alerts may cite (an alert already
//! approved keeps its text until it is changed, and every change is checked again), so
//! it applies at once. The operator at the command line is outside the rule.

use std::collections::HashSet;
use std::str::FromStr as _;

use indicator::{Indicator, Kind};
use store::proposals::Decision;
use store::revisions::{ResourceAddition, RevisionState};
use store::{Role, StoreError};
use verify::Verdict;
use wire::campaigns::{
    AuthorView, NewResourceRequest, ResourceAdditionList, ResourceAdditionQuery,
    ResourceAdditionView, ResourceList, ResourceView,
};

use crate::{Error, Principal, Result, Service};

/// What an addition did.
#[derive(Debug, Clone)]
pub enum Added {
    /// Listed (the operator).
    Done(ResourceView),
    /// Waits for another admin's approval (`202`).
    Pending(ResourceAdditionView),
}

fn addition_view(a: &ResourceAddition) -> ResourceAdditionView {
    ResourceAdditionView {
        id: a.id,
        key: a.key.clone(),
        label: a.label.clone(),
        state: a.state.as_str().to_owned(),
        created_at: wire::rfc3339(a.created_at),
        author: AuthorView {
            key_id: a.author_key_id,
            role: a.author_role.clone(),
        },
        decided_at: a.decided_at.map(wire::rfc3339),
        decided_by: a.decided_key_id,
        decision_note: a.decision_note.clone(),
        resource_id: a.resource_id,
    }
}

/// Refuses what a resource must not be: what it protects people from.
fn refuse_unsafe(verdict: Verdict) -> Result<()> {
    if matches!(
        verdict,
        Verdict::ReportedScam | Verdict::Impersonation | Verdict::OfficialCompromised
    ) {
        return Err(Error::invalid(
            "unsafe_resource",
            format!(
                "`value` is {}: it cannot be a partner resource",
                verdict.as_str()
            ),
        ));
    }
    Ok(())
}

/// The verdict on a stored resource key (`kind:value`, `address:chain:value`) today;
/// `None` when it no longer reads as an indicator.
fn key_verdict(index: &verify::Index, key: &str) -> Option<Verdict> {
    let (kind, value) = key.split_once(':')?;
    let kind = Kind::from_str(kind).ok()?;
    let value = match kind {
        Kind::Address => value.split_once(':').map_or(value, |(_, v)| v),
        _ => value,
    };
    let v = index.verify(value, Some(kind));
    v.error().is_none().then_some(v.verdict)
}

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

    /// Adds a partner resource: an admin's waits for another admin
    /// ([`Service::approve_resource_addition`]); the operator's is listed at once. It
    /// must not be reported or imitate a brand; a bare URL root stands for its site.
    pub async fn add_resource(&self, by: &Principal, req: &NewResourceRequest) -> Result<Added> {
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
        refuse_unsafe(index.verify_indicator(ind.clone()).verdict)?;
        let key = match &ind {
            Indicator::Url(u) if matches!(u.path(), "" | "/") && u.query().is_none() => u
                .host()
                .domain()
                .map_or_else(|| ind.key(), |d| format!("domain:{}", d.as_str())),
            _ => ind.key(),
        };
        if by.api_key().is_some() {
            let a = self
                .store
                .revisions()
                .propose_resource_addition(&key, label, &by.actor(), self.now())
                .await?;
            tracing::info!(
                key_id = by.api_key().map(|k| k.id),
                addition = a.id,
                "partner resource addition pending approval"
            );
            return Ok(Added::Pending(addition_view(&a)));
        }
        let r = self
            .store
            .revisions()
            .add_partner_resource(&key, label, &by.actor(), self.now())
            .await?;
        Ok(Added::Done(view(r)))
    }

    /// The additions to the partner resources, newest first (admins, analysts).
    pub async fn list_resource_additions(
        &self,
        by: &Principal,
        q: &ResourceAdditionQuery,
    ) -> Result<ResourceAdditionList> {
        by.require(&[Role::Admin, Role::Analyst])?;
        let state = match q.state.as_deref() {
            None | Some("") => None,
            Some(s) => Some(RevisionState::parse(s).ok_or_else(|| {
                Error::BadRequest("`state` is pending, approved or rejected".into())
            })?),
        };
        let list = self
            .store
            .revisions()
            .resource_additions(state, q.limit.unwrap_or(50))
            .await?;
        Ok(ResourceAdditionList {
            additions: list.iter().map(addition_view).collect(),
        })
    }

    /// Approves a pending addition (an admin other than its author): checked again
    /// against today's index (it may have been reported since), then listed.
    pub async fn approve_resource_addition(
        &self,
        by: &Principal,
        id: i64,
        note: Option<&str>,
    ) -> Result<ResourceAdditionView> {
        by.require(&[Role::Admin])?;
        let addition = self
            .store
            .revisions()
            .resource_addition(id)
            .await?
            .ok_or_else(|| no_addition(id))?;
        if let Some(verdict) = key_verdict(&self.index_arc(), &addition.key) {
            refuse_unsafe(verdict)?;
        }
        let decided = self
            .decide_resource_addition(by, id, Decision::Approve, note)
            .await?;
        tracing::info!(
            key_id = by.api_key().map(|k| k.id),
            addition = id,
            "partner resource addition approved"
        );
        Ok(decided)
    }

    /// Rejects a pending addition (an admin; its author withdraws it this way).
    pub async fn reject_resource_addition(
        &self,
        by: &Principal,
        id: i64,
        note: Option<&str>,
    ) -> Result<ResourceAdditionView> {
        by.require(&[Role::Admin])?;
        self.decide_resource_addition(by, id, Decision::Reject, note)
            .await
    }

    async fn decide_resource_addition(
        &self,
        by: &Principal,
        id: i64,
        decision: Decision,
        note: Option<&str>,
    ) -> Result<ResourceAdditionView> {
        let note = crate::proposals::check_note(note)?;
        let a = self
            .store
            .revisions()
            .decide_resource_addition(id, decision, &by.actor(), note.as_deref(), self.now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => no_addition(id),
                other => other.into(),
            })?;
        Ok(addition_view(&a))
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

fn no_addition(id: i64) -> Error {
    Error::NotFound(format!("no resource addition {id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_key_is_judged_again_by_its_kind() {
        let registry = registry::Registry::from_toml(
            "[[brand]]\nname = \"Example\"\ndomains = [\"example.com\"]\n",
        )
        .expect("registry");
        let index = verify::Index::build(
            &registry,
            blocklist::Index::default(),
            verify::Options {
                default_region: None,
            },
        );
        assert_eq!(
            key_verdict(&index, "domain:examp1e.com"),
            Some(Verdict::Impersonation)
        );
        assert_eq!(
            key_verdict(&index, "domain:example.com"),
            Some(Verdict::Official)
        );
        assert_eq!(
            key_verdict(&index, "phone:+85218222"),
            Some(Verdict::Unknown)
        );
        assert!(refuse_unsafe(Verdict::Impersonation).is_err());
        assert!(refuse_unsafe(Verdict::Unknown).is_ok());
        // Not a stored key: nothing to judge.
        assert_eq!(key_verdict(&index, "no colon"), None);
        assert_eq!(key_verdict(&index, "fax:123"), None);
    }
}

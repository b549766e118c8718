//! The analysts' work on reports: the triage queue of groups (the reports on one
//! indicator), a group with its reports, the actions on a group (confirm, reject,
//! duplicate, reopen, delist), the blocklist's view of one indicator, and the reports
//! of a region as a partner reads them.
//!
//! A change of the blocklist rebuilds the verification index before the use case
//! returns.

use reports::{Action, State as TriageState};
use store::Role;
use store::reports::{AuditRecord, Group, GroupRef, Proposed, QueueFilter, StoredReport};
use store::reports::{Decided, DecisionState, TriageDecision};

use super::{READERS, TRIAGERS, bounded, group_ref, indicator_key, not_found};
use crate::{Error, Principal, Result, Service};

/// Which groups the triage queue lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct QueueQuery {
    /// `new`, `confirmed`, `rejected` or `duplicate`; all when empty.
    pub state: Option<String>,
    /// Only takeover alerts (official channels reported).
    pub alerts: Option<bool>,
    /// Groups to skip.
    pub offset: Option<u32>,
    /// Most groups (default 100).
    pub limit: Option<u32>,
}

/// What a triage action did.
#[derive(Debug, Clone)]
pub enum Triaged {
    /// The group's new state; whether the blocklist changed.
    Group(Group, bool),
    /// An indicator was delisted: its key, whether it was listed.
    Delisted(String, bool),
    /// The action would change what Verify answers: stored, waiting for a second
    /// analyst (the two-person rule, `store::reports::decisions`).
    Pending(TriageDecision),
}

/// What the blocklist holds on one indicator: the entry Verify serves, its report
/// group, and its audit history.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The indicator's key.
    pub key: String,
    /// The entry in the current index, if listed.
    pub entry: Option<blocklist::Entry>,
    /// The group of reports under this key, if any.
    pub group: Option<Group>,
    /// The audit records on this key, newest first.
    pub history: Vec<AuditRecord>,
}

impl Service {
    /// The triage queue: groups of reports by indicator (analysts, admins).
    pub async fn triage_queue(&self, by: &Principal, q: &QueueQuery) -> Result<Vec<Group>> {
        by.require(TRIAGERS)?;
        let state = match q.state.as_deref() {
            None | Some("") => None,
            Some(s) => Some(TriageState::parse(s).ok_or_else(|| {
                Error::BadRequest(
                    "`state` must be one of new, confirmed, rejected, duplicate".into(),
                )
            })?),
        };
        Ok(self
            .store
            .reports()
            .triage_queue(&QueueFilter {
                state,
                alerts_only: q.alerts.unwrap_or(false),
                offset: q.offset.unwrap_or(0),
                limit: q.limit.unwrap_or(100),
            })
            .await?)
    }

    /// One group (by id, key or indicator) with its reports, newest first, never with
    /// contact details (analysts, admins).
    pub async fn group_with_reports(
        &self,
        by: &Principal,
        target: &str,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Group, Vec<StoredReport>)> {
        by.require(TRIAGERS)?;
        let group = group_ref(target, self.index().parse_options())?;
        let store = self.store.reports();
        let group = store
            .group(&group)
            .await?
            .ok_or_else(|| Error::NotFound("no such group".into()))?;
        let reports = store.reports_of_group(group.id, before, limit).await?;
        Ok((group, reports))
    }

    /// An analyst's action on a group (`target` a group id, a stored key or an
    /// indicator): confirm, reject, duplicate, reopen, or delist with a reason. The
    /// index is rebuilt before this returns when the blocklist changed.
    ///
    /// The two-person rule: a key holder's action that would change what Verify
    /// answers (`reports::triage_review`, `reports::delist_review`) is stored as
    /// pending ([`Triaged::Pending`]) until another analyst approves it
    /// ([`Service::decide_triage`]); the rest applies at once. The operator at the
    /// command line, who holds the database, acts directly.
    pub async fn triage(
        &self,
        by: &Principal,
        target: &str,
        req: &wire::TriageRequest,
    ) -> Result<Triaged> {
        by.require(TRIAGERS)?;
        let options = self.index().parse_options().clone();
        let group = group_ref(target, &options)?;
        let note = bounded(req.note.as_deref(), "note")?;
        let who = by.actor();
        let store = self.store.reports();
        if req.action == "delist" {
            let reason =
                bounded(req.reason.as_deref(), "reason")?.ok_or_else(|| Error::Invalid {
                    code: "missing_reason",
                    message: "delisting needs a `reason` (kept in the audit log)".into(),
                })?;
            let key = match group {
                GroupRef::Key(k) => k,
                GroupRef::Id(_) => {
                    store
                        .group(&group)
                        .await?
                        .ok_or_else(|| Error::NotFound("no such group".into()))?
                        .key
                }
            };
            let was_listed = if by.api_key().is_some() {
                let proposed = self
                    .store
                    .decisions()
                    .propose_delist(&key, &reason, &who, self.now())
                    .await
                    .map_err(not_found)?;
                match proposed {
                    Proposed::Applied(was_listed) => was_listed,
                    Proposed::Pending(decision) => {
                        tracing::info!(key_id = who.key_id, "delisting waits for review");
                        return Ok(Triaged::Pending(*decision));
                    }
                }
            } else {
                store
                    .delist(&key, &reason, &who, self.now())
                    .await
                    .map_err(not_found)?
            };
            self.wake_webhooks();
            if was_listed {
                self.reload().await?;
            }
            tracing::info!(key_id = who.key_id, "blocklist entry delisted");
            return Ok(Triaged::Delisted(key, was_listed));
        }
        let action = Action::parse(&req.action).ok_or_else(|| {
            Error::BadRequest(
                "`action` must be one of confirm, reject, duplicate, reopen, delist".into(),
            )
        })?;
        let duplicate_of = match (action, req.duplicate_of.as_deref()) {
            (Action::Duplicate, Some(d)) => Some(indicator_key(d, &options)?),
            (Action::Duplicate, None) => None,
            (_, Some(_)) => {
                return Err(Error::BadRequest(
                    "`duplicate_of` goes with the action duplicate only".into(),
                ));
            }
            (_, None) => None,
        };
        let policy = self.settings.reports.policy;
        let (dup, note) = (duplicate_of.as_deref(), note.as_deref());
        let outcome = if by.api_key().is_some() {
            let proposed = self
                .store
                .decisions()
                .propose_triage(&group, action, dup, note, &who, &policy, self.now())
                .await
                .map_err(not_found)?;
            match proposed {
                Proposed::Applied(outcome) => outcome,
                Proposed::Pending(decision) => {
                    tracing::info!(
                        key_id = who.key_id,
                        action = action.as_str(),
                        "triage waits for review"
                    );
                    return Ok(Triaged::Pending(*decision));
                }
            }
        } else {
            store
                .triage(&group, action, dup, note, &who, &policy, self.now())
                .await
                .map_err(not_found)?
        };
        self.wake_webhooks();
        if outcome.blocklist_changed {
            self.reload().await?;
        }
        tracing::info!(key_id = who.key_id, action = action.as_str(), "triage");
        Ok(Triaged::Group(outcome.group, outcome.blocklist_changed))
    }

    /// Triage decisions in a state (`pending`, `approved`, `rejected`, `withdrawn`; all
    /// when empty), newest first (analysts, admins).
    pub async fn triage_decisions(
        &self,
        by: &Principal,
        state: Option<&str>,
        limit: u32,
    ) -> Result<Vec<TriageDecision>> {
        by.require(TRIAGERS)?;
        let state = match state {
            None | Some("") => None,
            Some(s) => Some(DecisionState::parse(s).ok_or_else(|| {
                Error::BadRequest(
                    "`state` must be one of pending, approved, rejected, withdrawn".into(),
                )
            })?),
        };
        Ok(self
            .store
            .decisions()
            .triage_decisions(state, limit)
            .await?)
    }

    /// The decision waiting for a second analyst on an indicator (typed as Verify
    /// reads it or as a stored key), if any (analysts, admins).
    pub async fn pending_decision(
        &self,
        by: &Principal,
        input: &str,
    ) -> Result<Option<TriageDecision>> {
        by.require(TRIAGERS)?;
        let key = indicator_key(input, self.index().parse_options())?;
        Ok(self.store.decisions().pending_decision(&key).await?)
    }

    /// Decides a pending triage decision (analysts, admins): approve applies it (never
    /// by its author's key, never once the group changed since it was made), reject
    /// leaves the listing as it is (by its author: withdrawn). The index is rebuilt
    /// before this returns when the blocklist changed.
    pub async fn decide_triage(
        &self,
        by: &Principal,
        id: i64,
        decision: store::proposals::Decision,
        note: Option<&str>,
    ) -> Result<Decided> {
        by.require(TRIAGERS)?;
        let note = bounded(note, "note")?;
        let policy = self.settings.reports.policy;
        let decided = self
            .store
            .decisions()
            .decide_triage(
                id,
                decision,
                &by.actor(),
                note.as_deref(),
                &policy,
                self.now(),
            )
            .await
            .map_err(|e| match e {
                store::StoreError::NotFound => Error::NotFound("no such triage decision".into()),
                e => Error::from(e),
            })?;
        self.wake_webhooks();
        if decided.blocklist_changed {
            self.reload().await?;
        }
        tracing::info!(
            key_id = by.actor().key_id,
            decision = decided.decision.id,
            state = decided.decision.state.as_str(),
            "triage decision decided"
        );
        Ok(decided)
    }

    /// The blocklist's view of one indicator, typed as Verify reads it or as a stored
    /// key (analysts, admins): the entry of the current index (what Verify answers),
    /// the report group, and `limit` audit records on the key, newest first, older than
    /// the audit id `before` when paging.
    pub async fn listing(
        &self,
        by: &Principal,
        input: &str,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Listing> {
        by.require(TRIAGERS)?;
        let (key, entry) = {
            let index = self.index();
            let key = indicator_key(input, index.parse_options())?;
            let entry = index.blocklist().get(&key).map(|hit| blocklist::Entry {
                key: hit.key.to_owned(),
                severity: hit.severity,
                categories: hit.categories.iter().map(|c| c.to_string()).collect(),
                report_count: hit.report_count,
                first_seen: hit.first_seen,
                last_seen: hit.last_seen,
                sources: hit.sources.iter().map(|c| c.to_string()).collect(),
            });
            (key, entry)
        };
        let store = self.store.reports();
        let group = store.group(&GroupRef::Key(key.clone())).await?;
        let history = store.audit_of(&key, before, limit).await?;
        Ok(Listing {
            key,
            entry,
            group,
            history,
        })
    }

    /// The reports a caller may read, newest first, the read audited (`reports.read`):
    /// staff read any region (`asked`, or all), without contacts; a partner reads its
    /// own region only, contacts included (stored only with consent).
    pub async fn region_reports(
        &self,
        by: &Principal,
        asked: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>> {
        by.require(READERS)?;
        let asked = match asked {
            None | Some("") => None,
            Some(r) => Some(reports::Region::parse(r).map_err(|_| {
                Error::BadRequest("`region` is not an ISO 3166-1 alpha-2 code such as HK".into())
            })?),
        };
        let partner = by.role() == Some(Role::Partner);
        let region = match by.region_limit()? {
            Some(own) if asked.is_some_and(|a| a != own) => {
                return Err(Error::Forbidden(format!(
                    "this key reads reports of region {own} only"
                )));
            }
            Some(own) => Some(own),
            None => asked,
        };
        let region_text = region.map(|r| r.as_str().to_owned());
        let store = self.store.reports();
        let rows = store
            .reports_by_region(region_text.as_deref(), partner, before, limit)
            .await?;
        let contacts = rows.iter().filter(|r| r.contact.is_some()).count();
        let detail = serde_json::json!({
            "count": rows.len().to_string(),
            "contacts": contacts.to_string(),
        })
        .to_string();
        store
            .append_audit(
                &by.actor(),
                "reports.read",
                region_text.as_deref(),
                Some(&detail),
                self.now(),
            )
            .await?;
        Ok(rows)
    }
}

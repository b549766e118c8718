//! The registry and its proposals: no single key can change what is official.
//!
//! - [`Service::propose`] (`PUT /v1/registry`, `POST /v1/registry/proposals`,
//!   `antiscam registry propose`; admins and analysts) stores a **proposal**: the whole
//!   proposed registry, its diff, and the [`verify::Conflict`]s of what it would make
//!   official (reported, imitating or belonging to another brand). A proposal with
//!   conflicts is refused ([`Error::RegistryConflicts`]) unless it carries an override
//!   reason.
//! - [`Service::decide_proposal`] approves (an admin whose key is not the author's: the
//!   store refuses the author's own approval) or rejects it (an admin, or the author
//!   withdrawing it). An approval checks the conflicts again against today's index (the
//!   blocklist may have grown since), applies the registry and rebuilds the index
//!   before it returns; the published registry is signed from the store, so it is
//!   re-signed at once. A proposal made on an older registry version is stale and
//!   cannot be approved.
//! - [`Service::proposals`], [`Service::proposal`] list them with their diffs.
//!
//! Every step is audited by the store in the same transaction, with the diff.
//!
//! Marking an official channel compromised (a hijacked account: `{"op": "compromise",
//! …, "compromised_since": "…"}`) and un-marking it (`"op": "recover"`) are proposals
//! like the others: a hijack is urgent, but one key alone must not be able to turn the
//! brand's own channels into warnings (or back). The console lists such proposals
//! first. A mark may not start in the future (more than [`MAX_CLOCK_SKEW`] seconds
//! ahead of the clock).

use registry::{Edit, Registry};
use store::proposals::NewProposal;
use store::{Role, StoreError};

pub use store::proposals::{Decision, MAX_NOTE_CHARS, Proposal, ProposalState};

use crate::{Error, Principal, Result, Service};

/// How far ahead of the clock a `compromised_since` may be, seconds.
pub const MAX_CLOCK_SKEW: i64 = 300;

/// Refuses a diff that marks a channel compromised since a time after `now` (plus
/// [`MAX_CLOCK_SKEW`]): a mark is for what has happened.
pub fn check_compromise_times(diff: &registry::Diff, now: i64) -> Result<()> {
    for b in &diff.brands {
        for c in &b.compromised {
            let since = registry::parse_time(&c.compromised_since)
                .map_err(|e| Error::invalid("invalid_registry", e))?;
            if since > now.saturating_add(MAX_CLOCK_SKEW) {
                return Err(Error::invalid(
                    "future_compromise",
                    format!(
                        "{}: {} {}: `compromised_since` {} is in the future",
                        b.brand, c.kind, c.value, c.compromised_since
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// What is proposed: a whole registry, or edits to the current one.
#[derive(Debug, Clone)]
pub enum Change {
    /// The registry as it should be.
    Replace(Registry),
    /// Per-channel edits.
    Edit(Vec<Edit>),
}

fn invalid_registry(e: registry::RegistryError) -> Error {
    Error::invalid("invalid_registry", e.to_string())
}

impl Change {
    /// A whole registry from a document: TOML when `toml`, else JSON.
    pub fn from_document(bytes: &[u8], toml: bool) -> Result<Change> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Error::BadRequest("the registry document is not UTF-8".into()))?;
        let parsed = if toml {
            Registry::from_toml(text)
        } else {
            Registry::from_json(text)
        };
        parsed.map(Change::Replace).map_err(invalid_registry)
    }

    /// The change of a JSON request (exactly one of `registry` and `changes`), and its
    /// override reason.
    pub fn from_request(req: wire::ProposalRequest) -> Result<(Change, Option<String>)> {
        let change = match (req.registry, req.changes) {
            (Some(doc), None) => {
                Change::Replace(Registry::from_json(&doc.to_string()).map_err(invalid_registry)?)
            }
            (None, Some(edits)) => Change::Edit(edits),
            _ => {
                return Err(Error::Invalid {
                    code: "registry_or_changes",
                    message: "send exactly one of `registry` (the whole registry) and \
                              `changes` (a list of {op, brand, kind, value})"
                        .into(),
                });
            }
        };
        Ok((change, req.override_reason))
    }
}

/// An override reason or decision note: trimmed, empty is none, at most
/// [`MAX_NOTE_CHARS`] characters.
pub fn check_note(note: Option<&str>) -> Result<Option<String>> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(Error::invalid(
            "too_long",
            format!("the override reason or note is over {MAX_NOTE_CHARS} characters"),
        ));
    }
    Ok(note.map(str::to_owned))
}

/// A state filter (`pending`, `approved`, `rejected`; none or empty is all).
pub fn parse_state(state: Option<&str>) -> Result<Option<ProposalState>> {
    match state {
        None | Some("") => Ok(None),
        Some(s) => ProposalState::parse(s)
            .map(Some)
            .ok_or_else(|| Error::BadRequest("`state` is pending, approved or rejected".into())),
    }
}

/// A proposal as shown; with `document`, the whole proposed registry too.
pub fn view(p: &Proposal, document: bool) -> wire::ProposalView {
    let parse = |s: &str| serde_json::from_str(s).unwrap_or(serde_json::Value::Null);
    wire::ProposalView {
        author: wire::ProposalActor {
            key_id: p.author_key_id,
            role: Some(p.author_role.clone()),
        },
        base_version: p.base_version,
        conflicts: parse(&p.conflicts),
        created_at: wire::rfc3339(p.created_at),
        decided_at: p.decided_at.map(wire::rfc3339),
        decided_by: p.decided_key_id.map(|k| wire::ProposalActor {
            key_id: Some(k),
            role: p.decided_role.clone(),
        }),
        decision_note: p.decision_note.clone(),
        diff: parse(&p.diff),
        id: p.id,
        override_reason: p.override_reason.clone(),
        registry: document.then(|| parse(&p.document)),
        state: p.state.as_str().to_owned(),
    }
}

/// The store's refusals of a decision, named for the caller.
fn decision_error(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("no such proposal".into()),
        // An approval without a key.
        StoreError::InvalidInput(m) => Error::Forbidden(m),
        e => Error::from(e),
    }
}

impl Service {
    /// The registry as stored now (`GET /v1/registry`; public).
    pub async fn stored_registry(&self) -> Result<Registry> {
        Ok(self.store.load_registry().await?)
    }

    /// Replaces the registry without a proposal: the operator, who holds the database,
    /// at a server's start (`antiscam serve --registry FILE`). The index follows at the
    /// next [`Service::reload`].
    pub async fn replace_registry(&self, by: &Principal, registry: &Registry) -> Result<()> {
        if !matches!(by, Principal::Operator) {
            return Err(Error::Forbidden(
                "the registry changes through proposals; only the operator replaces it".into(),
            ));
        }
        Ok(self.store.replace_registry(registry).await?)
    }

    /// Makes a proposal (admins and analysts; audited as `registry.propose`).
    pub async fn propose(
        &self,
        by: &Principal,
        change: Change,
        override_reason: Option<&str>,
    ) -> Result<Proposal> {
        by.require(&[Role::Admin, Role::Analyst])?;
        let override_reason = check_note(override_reason)?;
        let base_version = self.store.proposals().registry_version().await?;
        let current = self.store.load_registry().await?;
        let next = match change {
            Change::Replace(r) => r,
            Change::Edit(edits) => registry::apply(&current, &edits).map_err(invalid_registry)?,
        };
        let diff = registry::diff(&current, &next);
        if diff.is_empty() {
            return Err(Error::invalid(
                "no_change",
                "the proposal changes nothing in the registry",
            ));
        }
        check_compromise_times(&diff, self.now())?;
        let conflicts = self.index().registry_conflicts(&diff);
        if !conflicts.is_empty() && override_reason.is_none() {
            return Err(Error::RegistryConflicts(conflicts));
        }
        let proposal = NewProposal {
            document: next.to_json().to_string(),
            diff: serde_json::to_string(&diff).unwrap_or_default(),
            conflicts: serde_json::to_string(&conflicts).unwrap_or_default(),
            override_reason,
            base_version,
            author: by.actor(),
            created_at: self.now(),
        };
        let p = self.store.proposals().create_proposal(&proposal).await?;
        tracing::info!(key_id = ?p.author_key_id, proposal = p.id, "registry change proposed");
        Ok(p)
    }

    /// The proposals in `state` (all when `None`), newest first (admins, analysts).
    pub async fn proposals(
        &self,
        by: &Principal,
        state: Option<ProposalState>,
        limit: u32,
    ) -> Result<Vec<Proposal>> {
        by.require(&[Role::Admin, Role::Analyst])?;
        Ok(self.store.proposals().proposals(state, limit).await?)
    }

    /// One proposal (admins, analysts).
    pub async fn proposal(&self, by: &Principal, id: i64) -> Result<Proposal> {
        by.require(&[Role::Admin, Role::Analyst])?;
        self.store
            .proposals()
            .proposal(id)
            .await?
            .ok_or_else(|| Error::NotFound(format!("no proposal {id}")))
    }

    /// Approves (an admin other than the author) or rejects (an admin, or the author
    /// withdrawing it) a proposal. An approval checks the conflicts again against
    /// today's index: new ones stop it unless the author gave an override reason; it
    /// rebuilds the index before this returns.
    pub async fn decide_proposal(
        &self,
        by: &Principal,
        id: i64,
        decision: Decision,
        note: Option<&str>,
    ) -> Result<Proposal> {
        match decision {
            Decision::Approve => by.require(&[Role::Admin])?,
            Decision::Reject => by.require(&[Role::Admin, Role::Analyst])?,
        }
        let note = check_note(note)?;
        let actor = by.actor();
        let proposal = self
            .store
            .proposals()
            .proposal(id)
            .await?
            .ok_or_else(|| Error::NotFound("no such proposal".into()))?;
        if decision == Decision::Reject
            && actor.role != Role::Admin.as_str()
            && proposal.author_key_id != actor.key_id
        {
            return Err(Error::Forbidden(
                "an analyst may withdraw only their own proposals; an admin rejects others".into(),
            ));
        }
        if decision == Decision::Approve
            && proposal.override_reason.is_none()
            && proposal.state == ProposalState::Pending
        {
            let next = Registry::from_json(&proposal.document).map_err(invalid_registry)?;
            let current = self.store.load_registry().await?;
            let conflicts = self
                .index()
                .registry_conflicts(&registry::diff(&current, &next));
            if !conflicts.is_empty() {
                return Err(Error::RegistryConflicts(conflicts));
            }
        }
        let p = self
            .store
            .proposals()
            .decide_proposal(id, decision, &actor, note.as_deref(), self.now())
            .await
            .map_err(decision_error)?;
        if decision == Decision::Approve {
            self.reload().await?;
            tracing::info!(key_id = ?actor.key_id, proposal = id, "registry proposal approved and applied");
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(check_note(Some("  ")).expect("empty"), None);
        assert_eq!(check_note(Some(" ok ")).expect("ok").as_deref(), Some("ok"));
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert!(matches!(
            check_note(Some(&long)),
            Err(Error::Invalid {
                code: "too_long",
                ..
            })
        ));
    }

    #[test]
    fn compromise_marks_may_not_start_in_the_future() {
        let base = Registry::from_toml("[[brand]]\nname = \"B\"\nx = [\"b\"]").expect("base");
        let mark = |since: &str| {
            let edit = Edit {
                compromised_since: Some(since.into()),
                ..Edit::new(registry::EditOp::Compromise, "B", "x", "b")
            };
            registry::diff(&base, &registry::apply(&base, &[edit]).expect("apply"))
        };
        // 2026-12-01T00:00:00Z.
        let now = 1_796_083_200;
        assert!(check_compromise_times(&mark("2026-11-30T23:00:00Z"), now).is_ok());
        assert!(check_compromise_times(&mark("2026-12-01T00:04:00Z"), now).is_ok());
        assert!(matches!(
            check_compromise_times(&mark("2026-12-01T01:00:00Z"), now),
            Err(Error::Invalid {
                code: "future_compromise",
                ..
            })
        ));
    }

    #[test]
    fn a_request_has_exactly_one_change() {
        let req = |registry, changes| wire::ProposalRequest {
            registry,
            changes,
            override_reason: None,
        };
        assert!(matches!(
            Change::from_request(req(None, None)),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            Change::from_request(req(Some(serde_json::Value::Null), Some(Vec::new()))),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            Change::from_request(req(None, Some(Vec::new()))),
            Ok((Change::Edit(_), None))
        ));
        assert!(matches!(
            Change::from_document(b"\xff", true),
            Err(Error::BadRequest(_))
        ));
        assert!(matches!(
            parse_state(Some("maybe")),
            Err(Error::BadRequest(_))
        ));
        assert_eq!(parse_state(Some("")).expect("all"), None);
    }
}

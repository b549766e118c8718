//! Disputes: the owner of a listed indicator says the listing is wrong (public, with a
//! reference to quote); an analyst decides once, upholding (the indicator is delisted)
//! or rejecting it, with a note.

use i18n::Locale;
use reports::{DisputeAction, DisputeState, FieldError};
use store::reports::{Dispute, NewDispute, Proposed, TriageDecision};

use super::{MAX_REASON_CHARS, TRIAGERS, bounded, invalid_fields, not_found};
use crate::{Error, Principal, Result, Service};

/// What a dispute says, checked.
struct Checked {
    key: String,
    reason: String,
    contact: Option<String>,
}

/// Checks a dispute: an indicator as Verify reads it, a reason, a contact not too
/// long. Every problem is named.
fn check(
    req: &wire::DisputeRequest,
    options: &indicator::ParseOptions,
) -> Result<Checked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let field = |field: &str, code: &'static str, message: String| FieldError {
        field: field.to_owned(),
        code,
        message,
        parse_error: None,
    };
    let key = match indicator::parse(&req.indicator, options) {
        Ok(ind) => Some(ind.key()),
        Err(e) => {
            errors.push(FieldError {
                field: "indicator".into(),
                code: e.code(),
                message: e.to_string(),
                parse_error: Some(e),
            });
            None
        }
    };
    let reason = req.reason.as_deref().map(str::trim).unwrap_or("");
    if reason.is_empty() {
        errors.push(field(
            "reason",
            "missing_reason",
            "explain why the listing is wrong".into(),
        ));
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(field(
            "reason",
            "reason_too_long",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    let contact = req
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if contact.is_some_and(|c| c.chars().count() > reports::intake::MAX_CONTACT_CHARS) {
        errors.push(field(
            "contact",
            "contact_too_long",
            format!("at most {} characters", reports::intake::MAX_CONTACT_CHARS),
        ));
    }
    match (key, errors.is_empty()) {
        (Some(key), true) => Ok(Checked {
            key,
            reason: reason.to_owned(),
            contact: contact.map(str::to_owned),
        }),
        _ => Err(errors),
    }
}

/// What deciding a dispute did.
#[derive(Debug, Clone)]
pub enum DisputeDecided {
    /// Decided: the dispute, and whether the blocklist changed.
    Decided(Dispute, bool),
    /// Upholding it would delist a listed indicator: waiting for a second analyst.
    Pending(TriageDecision),
}

impl Service {
    /// Files a dispute (anyone): checked field by field (problems worded in `locale`:
    /// [`Error::Fields`]), stored with a new `D-` reference.
    pub async fn file_dispute(
        &self,
        _by: &Principal,
        req: &wire::DisputeRequest,
        locale: Locale,
    ) -> Result<Dispute> {
        let checked = check(req, self.index().parse_options())
            .map_err(|errors| invalid_fields(&errors, locale))?;
        let reference = self.reference('D')?;
        self.store
            .reports()
            .create_dispute(&NewDispute {
                reference,
                key: checked.key,
                reason: checked.reason,
                contact: checked.contact,
                created_at: self.now(),
            })
            .await
            .map_err(not_found)
    }

    /// Disputes in a state (`open`, `upheld`, `rejected`; all when empty), newest
    /// first (analysts, admins).
    pub async fn disputes(
        &self,
        by: &Principal,
        state: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Dispute>> {
        by.require(TRIAGERS)?;
        let state = match state {
            None | Some("") => None,
            Some(s) => Some(DisputeState::parse(s).ok_or_else(|| {
                Error::BadRequest("`state` must be one of open, upheld, rejected".into())
            })?),
        };
        Ok(self.store.reports().disputes(state, limit).await?)
    }

    /// Decides an open dispute once: uphold (the indicator is delisted) or reject, with
    /// a note (analysts, admins); the index is rebuilt before this returns when the
    /// blocklist changed. Returns the dispute and whether the blocklist changed, or,
    /// when a key holder upholds a dispute of a listed indicator, the decision waiting
    /// for a second analyst (the two-person rule).
    pub async fn decide_dispute(
        &self,
        by: &Principal,
        id: i64,
        req: &wire::DecisionRequest,
    ) -> Result<DisputeDecided> {
        by.require(TRIAGERS)?;
        let action = DisputeAction::parse(&req.action)
            .ok_or_else(|| Error::BadRequest("`action` must be uphold or reject".into()))?;
        let note = bounded(req.note.as_deref(), "note")?;
        let (note, who, now) = (note.as_deref(), by.actor(), self.now());
        let (dispute, changed) = if by.api_key().is_some() {
            let proposed = self
                .store
                .decisions()
                .propose_dispute(id, action, note, &who, now)
                .await
                .map_err(not_found)?;
            match proposed {
                Proposed::Applied(done) => done,
                Proposed::Pending(decision) => return Ok(DisputeDecided::Pending(*decision)),
            }
        } else {
            self.store
                .reports()
                .resolve_dispute(id, action, note, &who, now)
                .await
                .map_err(not_found)?
        };
        self.wake_webhooks();
        if changed {
            self.reload().await?;
        }
        Ok(DisputeDecided::Decided(dispute, changed))
    }
}

//! The API's shapes (`wire`) of the records the report use cases return.

use i18n::{Arg, Catalog, Locale};
use store::reports::{AuditRecord, Dispute, Group, StoredReport, TriageDecision};

use super::{Receipt, Triaged};

impl Receipt {
    /// What the reporter is answered, with a sentence in `locale`.
    pub fn view(&self, locale: Locale) -> wire::ReportReceipt {
        wire::ReportReceipt {
            reference: self.reference.clone(),
            received_at: wire::rfc3339(self.received_at),
            indicators: self
                .indicators
                .iter()
                .map(|i| wire::ReceivedIndicator {
                    key: i.key.clone(),
                    official: i.official,
                })
                .collect(),
            extracted_from_text: self.extracted,
            message: Catalog::global().message(
                locale,
                "report-received",
                &[("reference", Arg::Str(&self.reference))],
            ),
        }
    }
}

/// The answer to a triage action: applied (`200`) or waiting for a second analyst
/// (`202`).
#[derive(Debug, Clone)]
pub enum TriageAnswer {
    /// Applied at once.
    Applied(wire::TriageResult),
    /// Waiting for a second analyst.
    Pending(wire::TriageDecisionView),
}

impl Triaged {
    /// The answer to a triage action.
    pub fn view(&self) -> TriageAnswer {
        match self {
            Triaged::Delisted(key, was_listed) => {
                TriageAnswer::Applied(wire::TriageResult::Delisted {
                    key: key.clone(),
                    delisted: true,
                    was_listed: *was_listed,
                })
            }
            Triaged::Group(group, blocklist_changed) => {
                TriageAnswer::Applied(wire::TriageResult::Group {
                    group: group_view(group),
                    blocklist_changed: *blocklist_changed,
                })
            }
            Triaged::Pending(decision) => TriageAnswer::Pending(decision_view(decision)),
        }
    }
}

/// A triage decision under the two-person rule.
pub fn decision_view(d: &TriageDecision) -> wire::TriageDecisionView {
    wire::TriageDecisionView {
        id: d.id,
        key: d.key.clone(),
        action: d.action.as_str().to_owned(),
        duplicate_of: d.duplicate_of.clone(),
        dispute_id: d.dispute_id,
        note: d.note.clone(),
        state: d.state.as_str().to_owned(),
        created_at: wire::rfc3339(d.created_at),
        author: wire::ProposalActor {
            key_id: d.author_key_id,
            role: Some(d.author_role.clone()),
        },
        decided_at: d.decided_at.map(wire::rfc3339),
        decided_by: d.decided_at.map(|_| wire::ProposalActor {
            key_id: d.decided_key_id,
            role: d.decided_role.clone(),
        }),
        decision_note: d.decision_note.clone(),
    }
}

/// A stored report (its contact only if it was read).
pub fn report_view(r: &StoredReport) -> wire::ReportRecord {
    wire::ReportRecord {
        id: r.id,
        reference: r.reference.clone(),
        received_at: wire::rfc3339(r.received_at),
        indicators: r.keys.clone(),
        text: r.text.clone(),
        channel: r.channel.clone(),
        region: r.region.clone(),
        loss: r.loss_amount.as_ref().map(|amount| wire::LossView {
            amount: amount.clone(),
            asset: r.loss_asset.clone(),
        }),
        occurred_at: r.occurred_at.map(wire::rfc3339),
        contact: r.contact.as_ref().map(|c| wire::ContactView {
            consent: true,
            detail: c.clone(),
        }),
    }
}

/// A group of reports.
pub fn group_view(g: &Group) -> wire::GroupView {
    wire::GroupView {
        id: g.id,
        key: g.key.clone(),
        state: g.state.as_str().to_owned(),
        duplicate_of: g.duplicate_of.clone(),
        alert: g.official.then(|| "possible_takeover".to_owned()),
        delisted: g.delisted,
        reports: g.reports,
        reporters: g.reporters,
        first_seen: wire::rfc3339(g.first_seen),
        last_seen: wire::rfc3339(g.last_seen),
        listed: g.listed.map(|s| s.as_str().to_owned()),
    }
}

/// A dispute as staff read it.
pub fn dispute_view(d: &Dispute) -> wire::DisputeView {
    wire::DisputeView {
        id: d.id,
        reference: d.reference.clone(),
        key: d.key.clone(),
        reason: d.reason.clone(),
        contact: d.contact.clone(),
        state: d.state.as_str().to_owned(),
        created_at: wire::rfc3339(d.created_at),
        resolved_at: d.resolved_at.map(wire::rfc3339),
        resolution: d.resolution.clone(),
    }
}

/// The answer to a filed dispute, with a sentence in `locale`.
pub fn dispute_receipt(d: &Dispute, locale: Locale) -> wire::DisputeReceipt {
    wire::DisputeReceipt {
        reference: d.reference.clone(),
        key: d.key.clone(),
        state: d.state.as_str().to_owned(),
        message: Catalog::global().message(
            locale,
            "dispute-received",
            &[("reference", Arg::Str(&d.reference))],
        ),
    }
}

/// An audit record; its detail as the JSON document it was stored as.
pub fn audit_view(r: &AuditRecord) -> wire::AuditView {
    wire::AuditView {
        id: r.id,
        at: wire::rfc3339(r.at),
        key_id: r.key_id,
        role: r.role.clone(),
        action: r.action.clone(),
        target: r.target.clone(),
        detail: r
            .detail
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok()),
        ip: r.ip.clone(),
    }
}

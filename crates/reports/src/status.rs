//! Where a report stands, as its reporter sees it on `/report/{reference}`: one word
//! derived from the groups of the indicators it names, never its content.

use crate::{GroupFacts, State};

/// The status of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportStatus {
    /// Stored; it names no indicator (only a message without links or numbers), so
    /// analysts read it with the reports of its region.
    Received,
    /// What it names is in the triage queue.
    UnderReview,
    /// Something it names is on the blocklist or confirmed a scam.
    Listed,
    /// Everything it names was reviewed and rejected.
    Rejected,
}

impl ReportStatus {
    /// Every status.
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Received,
        ReportStatus::UnderReview,
        ReportStatus::Listed,
        ReportStatus::Rejected,
    ];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Received => "received",
            ReportStatus::UnderReview => "under_review",
            ReportStatus::Listed => "listed",
            ReportStatus::Rejected => "rejected",
        }
    }
}

/// The status of a report naming indicators whose groups are `groups`: listed if any is
/// listed or confirmed, rejected if all were rejected, under review while any waits in
/// the queue (new, or a duplicate of another group), received if it names none.
pub fn report_status(groups: &[GroupFacts]) -> ReportStatus {
    if groups.is_empty() {
        return ReportStatus::Received;
    }
    if groups
        .iter()
        .any(|g| g.listed.is_some() || g.state == State::Confirmed)
    {
        return ReportStatus::Listed;
    }
    if groups.iter().all(|g| g.state == State::Rejected) {
        return ReportStatus::Rejected;
    }
    ReportStatus::UnderReview
}

#[cfg(test)]
mod tests {
    use blocklist::Severity;

    use super::*;

    fn group(state: State, listed: Option<Severity>) -> GroupFacts {
        GroupFacts {
            state,
            official: false,
            reporters: 1,
            reports: 1,
            first_seen: 0,
            last_seen: 0,
            delisted: false,
            listed,
        }
    }

    #[test]
    fn statuses() {
        use ReportStatus::*;
        let cases = [
            (vec![], Received),
            (vec![group(State::New, None)], UnderReview),
            (vec![group(State::Duplicate, None)], UnderReview),
            (vec![group(State::New, Some(Severity::Suspected))], Listed),
            (
                vec![group(State::Rejected, None), group(State::Confirmed, None)],
                Listed,
            ),
            (vec![group(State::Rejected, None)], Rejected),
            (
                vec![group(State::Rejected, None), group(State::New, None)],
                UnderReview,
            ),
        ];
        for (groups, want) in cases {
            assert_eq!(report_status(&groups), want, "{groups:?}");
        }
        assert_eq!(
            ReportStatus::ALL.map(ReportStatus::as_str),
            ["received", "under_review", "listed", "rejected"]
        );
    }
}

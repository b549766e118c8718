//! The blocklist lifecycle: what the blocklist should say about a group of reports.
//!
//! - **Auto-listing.** A group still `new` is listed as `suspected` once
//!   [`Policy::threshold`] distinct reporter networks have named it within
//!   [`Policy::window`], each as a vote (never shared infrastructure, never an
//!   indicator only found in a report's text: [`crate::protect`]).
//! - **Triage.** `confirmed` lists it as `confirmed`; `rejected` and `duplicate` take it
//!   off. Reopening does not unlist: the listing stays until the group is decided again.
//! - **Official channels are never listed.** A group whose indicator is an official
//!   channel is taken off whatever else holds, and the reports against it are a takeover
//!   alert for analysts (the account may have been taken over), not evidence of a scam.
//! - **Delisting.** An analyst's delisting (or an upheld dispute) removes the entry and
//!   stops auto-listing for the group until an analyst confirms it again.
//! - **Aging.** An entry without new evidence for [`Policy::suspected_ttl`] (suspected)
//!   or [`Policy::confirmed_ttl`] (confirmed) seconds expires ([`expired`]).
//!
//! An entry merges what a feed said with what reports say ([`listed_entry`]): the
//! stronger severity, the larger count, the widest dates, both sources.

use blocklist::{Entry, Severity};

use crate::triage::{Action, State};

/// The source name of listings made from reports.
pub const SOURCE: &str = "reports";

/// Days, in seconds.
const DAY: i64 = 86_400;

/// The configurable rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Distinct reporters that list a `new` group as `suspected` (at least 1).
    pub threshold: u32,
    /// Seconds without new evidence after which a suspected entry expires; 0 never.
    pub suspected_ttl: i64,
    /// Seconds without new evidence after which a confirmed entry expires; 0 never.
    pub confirmed_ttl: i64,
    /// Reporters count toward [`Policy::threshold`] only if their latest report of the
    /// indicator is at most this many seconds old: three reports spread over two years
    /// are not a campaign.
    pub window: i64,
}

impl Default for Policy {
    /// Three reporters; suspected entries last 60 days without news (a scam site lives
    /// about 42 days), confirmed ones a year.
    fn default() -> Self {
        Policy {
            threshold: 3,
            suspected_ttl: 60 * DAY,
            confirmed_ttl: 365 * DAY,
            window: 30 * DAY,
        }
    }
}

/// What is known of a group when deciding its listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupFacts {
    /// Its triage state.
    pub state: State,
    /// The indicator is an official channel (per the registry at report time or now).
    pub official: bool,
    /// Distinct reporters whose naming of the indicator votes (see [`crate::protect`]):
    /// keyed pseudonyms of their networks (IPv4 /24, IPv6 /48), so that one host or one
    /// provider's block of addresses is one reporter; for the threshold, only those
    /// within [`Policy::window`].
    pub reporters: u32,
    /// Reports.
    pub reports: u32,
    /// First report, Unix seconds.
    pub first_seen: i64,
    /// Latest report, Unix seconds.
    pub last_seen: i64,
    /// Delisted by an analyst or an upheld dispute, and not confirmed since.
    pub delisted: bool,
    /// The current blocklist entry's severity, if the indicator is listed.
    pub listed: Option<Severity>,
}

/// What to do with the blocklist entry of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Leave it as it is (listed or not).
    Unchanged,
    /// List it, or keep it listed with refreshed counts and dates, at least at this
    /// severity (see [`listed_entry`]).
    List(Severity),
    /// Remove the entry, if there is one.
    Unlist,
}

/// Decides the listing of a group.
pub fn decide(facts: &GroupFacts, policy: &Policy) -> Listing {
    if facts.official {
        return Listing::Unlist;
    }
    if facts.delisted {
        // Only an analyst's confirmation (which clears the flag) lists it again.
        return Listing::Unchanged;
    }
    match facts.state {
        State::Confirmed => Listing::List(Severity::Confirmed),
        State::Rejected | State::Duplicate => Listing::Unlist,
        State::New => match facts.listed {
            // Already listed (by a feed, or before a reopen): new reports are new
            // evidence, refreshing it.
            Some(severity) => Listing::List(severity),
            None if facts.reporters >= policy.threshold.max(1) => {
                Listing::List(Severity::Suspected)
            }
            None => Listing::Unchanged,
        },
    }
}

/// Whether a report against an indicator raises a takeover alert: it is an official
/// channel, so either the reporter is mistaken or the channel was taken over.
pub fn is_takeover_alert(official: bool) -> bool {
    official
}

/// The delisted flag after an analyst action: a confirmation clears it; nothing else
/// does.
pub fn delisted_after(action: Action, delisted: bool) -> bool {
    delisted && action != Action::Confirm
}

/// The entry to store for a group listed at `severity`, merged with the `existing` entry
/// (from a feed or an earlier listing): the stronger severity, the larger report count,
/// the earliest first and latest last seen, the existing categories, and the sources
/// with [`SOURCE`] added.
pub fn listed_entry(
    key: &str,
    existing: Option<&Entry>,
    facts: &GroupFacts,
    severity: Severity,
) -> Entry {
    match existing {
        None => Entry {
            key: key.to_owned(),
            severity,
            categories: Vec::new(),
            report_count: facts.reports.max(1),
            first_seen: facts.first_seen,
            last_seen: facts.last_seen,
            sources: vec![SOURCE.to_owned()],
        },
        Some(e) => {
            let mut sources = e.sources.clone();
            if !sources.iter().any(|s| s == SOURCE) {
                sources.push(SOURCE.to_owned());
            }
            Entry {
                key: key.to_owned(),
                severity: e.severity.max(severity),
                categories: e.categories.clone(),
                report_count: e.report_count.max(facts.reports),
                first_seen: e.first_seen.min(facts.first_seen),
                last_seen: e.last_seen.max(facts.last_seen),
                sources,
            }
        }
    }
}

/// Whether an entry has gone without new evidence for longer than its severity's TTL.
pub fn expired(entry: &Entry, now: i64, policy: &Policy) -> bool {
    let ttl = match entry.severity {
        Severity::Suspected => policy.suspected_ttl,
        Severity::Confirmed => policy.confirmed_ttl,
    };
    ttl > 0 && now.saturating_sub(entry.last_seen) > ttl
}

/// The `last_seen` before which entries of a severity have expired at `now`, or `None`
/// when that severity never expires. An entry expires when `last_seen < cutoff`.
pub fn expiry_cutoff(severity: Severity, now: i64, policy: &Policy) -> Option<i64> {
    let ttl = match severity {
        Severity::Suspected => policy.suspected_ttl,
        Severity::Confirmed => policy.confirmed_ttl,
    };
    (ttl > 0).then(|| now.saturating_sub(ttl))
}

/// The state of a dispute by the owner of a listed indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisputeState {
    /// Waiting for an analyst.
    Open,
    /// The owner was right: the indicator was delisted.
    Upheld,
    /// The listing stands.
    Rejected,
}

impl DisputeState {
    /// Every state.
    pub const ALL: [DisputeState; 3] = [
        DisputeState::Open,
        DisputeState::Upheld,
        DisputeState::Rejected,
    ];

    /// The stable lowercase name used in storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DisputeState::Open => "open",
            DisputeState::Upheld => "upheld",
            DisputeState::Rejected => "rejected",
        }
    }

    /// Reads a name written by [`DisputeState::as_str`].
    pub fn parse(s: &str) -> Option<DisputeState> {
        DisputeState::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// An analyst's decision on a dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisputeAction {
    /// Delist the indicator.
    Uphold,
    /// Keep the listing.
    Reject,
}

impl DisputeAction {
    /// The stable lowercase name used in JSON and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            DisputeAction::Uphold => "uphold",
            DisputeAction::Reject => "reject",
        }
    }

    /// Reads a name written by [`DisputeAction::as_str`].
    pub fn parse(s: &str) -> Option<DisputeAction> {
        [DisputeAction::Uphold, DisputeAction::Reject]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// The state after a decision: only an open dispute can be decided, once.
pub fn dispute_transition(
    from: DisputeState,
    action: DisputeAction,
) -> Result<DisputeState, DisputeState> {
    match (from, action) {
        (DisputeState::Open, DisputeAction::Uphold) => Ok(DisputeState::Upheld),
        (DisputeState::Open, DisputeAction::Reject) => Ok(DisputeState::Rejected),
        (decided, _) => Err(decided),
    }
}

#[cfg(test)]
mod tests;

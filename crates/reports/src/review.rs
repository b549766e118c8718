//! The two-person rule for the blocklist: which analyst decisions need a second
//! analyst before they take effect.
//!
//! What Verify tells users about a reported indicator is its blocklist listing: not
//! listed, listed as `suspected`, or listed as `confirmed` (which holds users'
//! withdrawals). A decision that would change that answer (listed ↔ not listed, or
//! suspected ↔ confirmed) is stored as pending and applied only when another analyst
//! approves it; a decision that changes nothing users are told (rejecting an unlisted
//! group below the threshold, marking an unlisted group a duplicate, reopening a
//! listed group, which keeps the listing) applies at once.
//!
//! The answer after a triage action is the one [`decide`](crate::decide) gives for the
//! group in its new state: the same rule the store applies, so the review rule and the
//! listing cannot disagree.

use blocklist::Severity;

use crate::lifecycle::{GroupFacts, Listing, Policy, decide, delisted_after};
use crate::triage::{Action, TransitionError, transition};

/// What one analyst's decision may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// It changes nothing users are told: apply it at once.
    AtOnce,
    /// It changes what Verify answers: store it as pending until another analyst
    /// approves it.
    SecondAnalyst,
}

impl Review {
    /// From whether the answer changes.
    fn of(changes: bool) -> Review {
        if changes {
            Review::SecondAnalyst
        } else {
            Review::AtOnce
        }
    }
}

/// The listing Verify would answer with after `action`: `None` when not listed. An
/// action not allowed from the group's state is refused as [`transition`] refuses it.
pub fn listed_after(
    facts: &GroupFacts,
    action: Action,
    policy: &Policy,
) -> Result<Option<Severity>, TransitionError> {
    let state = transition(facts.state, action)?;
    let after = GroupFacts {
        state,
        delisted: delisted_after(action, facts.delisted),
        ..*facts
    };
    Ok(match decide(&after, policy) {
        Listing::Unchanged => facts.listed,
        Listing::Unlist => None,
        // `listed_entry` keeps the stronger of the existing and the decided severity.
        Listing::List(severity) => Some(facts.listed.map_or(severity, |s| s.max(severity))),
    })
}

/// Whether a triage action needs a second analyst: whether the listing after it
/// ([`listed_after`]) differs from the listing now.
pub fn triage_review(
    facts: &GroupFacts,
    action: Action,
    policy: &Policy,
) -> Result<Review, TransitionError> {
    Ok(Review::of(
        listed_after(facts, action, policy)? != facts.listed,
    ))
}

/// Whether a delisting (an analyst's, or an upheld dispute's) needs a second analyst:
/// always when the indicator is listed (by reports or by a feed). Delisting an unlisted
/// indicator only stops reports from listing it later, which changes nothing Verify
/// answers now.
pub fn delist_review(listed: Option<Severity>) -> Review {
    Review::of(listed.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::State;

    fn facts(state: State, listed: Option<Severity>, reporters: u32) -> GroupFacts {
        GroupFacts {
            state,
            official: false,
            reporters,
            reports: reporters,
            first_seen: 0,
            last_seen: 0,
            delisted: false,
            listed,
        }
    }

    #[test]
    fn the_review_table() {
        use Action as A;
        use Review::{AtOnce as Once, SecondAnalyst as Two};
        use Severity::{Confirmed as C, Suspected as S};
        use State as St;
        let policy = Policy::default(); // threshold 3
        // (state, listed, reporters, action, listing after, review)
        let table = [
            // Confirming lists it, or raises suspected to confirmed.
            (St::New, None, 1, A::Confirm, Some(C), Some(Two)),
            (St::New, Some(S), 3, A::Confirm, Some(C), Some(Two)),
            (St::Rejected, None, 0, A::Confirm, Some(C), Some(Two)),
            // A feed's confirmed entry: confirming changes nothing users are told.
            (St::New, Some(C), 1, A::Confirm, Some(C), Some(Once)),
            // Rejecting a listed group unlists it; an unlisted one changes nothing.
            (St::New, Some(S), 3, A::Reject, None, Some(Two)),
            (St::Confirmed, Some(C), 2, A::Reject, None, Some(Two)),
            (St::New, None, 2, A::Reject, None, Some(Once)),
            // Duplicate: the same.
            (St::New, Some(S), 4, A::Duplicate, None, Some(Two)),
            (St::New, None, 1, A::Duplicate, None, Some(Once)),
            // Reopening keeps a listing; reopening a rejected group above the
            // threshold lists it again as suspected.
            (St::Confirmed, Some(C), 1, A::Reopen, Some(C), Some(Once)),
            (St::Rejected, None, 5, A::Reopen, Some(S), Some(Two)),
            (St::Rejected, None, 1, A::Reopen, None, Some(Once)),
            (St::Duplicate, None, 1, A::Reopen, None, Some(Once)),
            // Not allowed from the state: refused, not reviewed.
            (St::Confirmed, Some(C), 1, A::Confirm, None, None),
            (St::New, None, 1, A::Reopen, None, None),
        ];
        for (state, listed, reporters, action, want_after, want) in table {
            let f = facts(state, listed, reporters);
            let got = triage_review(&f, action, &policy);
            assert_eq!(got.ok(), want, "{state} {listed:?} {reporters} {action:?}");
            if want.is_some() {
                let after = listed_after(&f, action, &policy).ok().flatten();
                assert_eq!(after, want_after, "{state} {listed:?} {action:?}");
            }
        }
    }

    #[test]
    fn official_channels_and_delisted_groups() {
        let policy = Policy::default();
        // An official channel is never listed: confirming it changes nothing.
        let official = GroupFacts {
            official: true,
            ..facts(State::New, None, 9)
        };
        assert_eq!(
            triage_review(&official, Action::Confirm, &policy),
            Ok(Review::AtOnce)
        );
        // A delisted group: confirming clears the flag and lists it (two analysts);
        // reopening a delisted rejected group does not list it.
        let delisted = GroupFacts {
            delisted: true,
            ..facts(State::Rejected, None, 9)
        };
        assert_eq!(
            triage_review(&delisted, Action::Confirm, &policy),
            Ok(Review::SecondAnalyst)
        );
        assert_eq!(
            triage_review(&delisted, Action::Reopen, &policy),
            Ok(Review::AtOnce)
        );
    }

    #[test]
    fn delisting_a_listed_indicator_needs_two() {
        assert_eq!(
            delist_review(Some(Severity::Suspected)),
            Review::SecondAnalyst
        );
        assert_eq!(
            delist_review(Some(Severity::Confirmed)),
            Review::SecondAnalyst
        );
        assert_eq!(delist_review(None), Review::AtOnce);
    }
}

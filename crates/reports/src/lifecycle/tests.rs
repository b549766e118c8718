use blocklist::{Entry, Severity};

use super::*;
use crate::triage::{Action, State};

const POLICY: Policy = Policy {
    threshold: 3,
    suspected_ttl: 100,
    confirmed_ttl: 1000,
    window: 500,
};

fn facts(state: State, reporters: u32) -> GroupFacts {
    GroupFacts {
        state,
        official: false,
        reporters,
        reports: reporters + 1,
        first_seen: 1_000,
        last_seen: 2_000,
        delisted: false,
        listed: None,
    }
}

#[test]
fn decisions() {
    use Listing::{List, Unchanged, Unlist};
    use Severity::{Confirmed, Suspected};
    let official = GroupFacts {
        official: true,
        ..facts(State::Confirmed, 9)
    };
    let delisted = GroupFacts {
        delisted: true,
        ..facts(State::New, 9)
    };
    let listed_by_feed = GroupFacts {
        listed: Some(Confirmed),
        ..facts(State::New, 1)
    };
    let delisted_confirmed = GroupFacts {
        delisted: true,
        ..facts(State::Confirmed, 1)
    };
    let table = [
        ("below the threshold", facts(State::New, 2), Unchanged),
        ("at the threshold", facts(State::New, 3), List(Suspected)),
        (
            "above the threshold",
            facts(State::New, 50),
            List(Suspected),
        ),
        (
            "confirmed by an analyst",
            facts(State::Confirmed, 1),
            List(Confirmed),
        ),
        ("rejected", facts(State::Rejected, 50), Unlist),
        ("duplicate", facts(State::Duplicate, 50), Unlist),
        ("official, even confirmed", official, Unlist),
        ("delisted, however many reporters", delisted, Unchanged),
        (
            "listed by a feed: refreshed",
            listed_by_feed,
            List(Confirmed),
        ),
        (
            "delisted while confirmed: only a new confirmation lists it",
            delisted_confirmed,
            Unchanged,
        ),
    ];
    for (what, f, want) in table {
        assert_eq!(decide(&f, &POLICY), want, "{what}");
    }
    // A threshold of 0 is read as 1: a group without reporters is never listed.
    let zero = Policy {
        threshold: 0,
        ..POLICY
    };
    assert_eq!(decide(&facts(State::New, 0), &zero), Unchanged);
    assert_eq!(decide(&facts(State::New, 1), &zero), List(Suspected));
}

#[test]
fn takeover_alerts_and_delisting_flags() {
    assert!(is_takeover_alert(true));
    assert!(!is_takeover_alert(false));
    assert!(!delisted_after(Action::Confirm, true));
    assert!(delisted_after(Action::Reopen, true));
    assert!(delisted_after(Action::Reject, true));
    assert!(!delisted_after(Action::Reject, false));
}

#[test]
fn a_new_entry_comes_from_the_group() {
    let e = listed_entry(
        "domain:evil.io",
        None,
        &facts(State::New, 3),
        Severity::Suspected,
    );
    assert_eq!(
        e,
        Entry {
            key: "domain:evil.io".into(),
            severity: Severity::Suspected,
            categories: vec![],
            report_count: 4,
            first_seen: 1_000,
            last_seen: 2_000,
            sources: vec!["reports".into()],
        }
    );
}

#[test]
fn an_existing_entry_is_merged() {
    let feed = Entry {
        key: "domain:evil.io".into(),
        severity: Severity::Confirmed,
        categories: vec!["phishing".into()],
        report_count: 10,
        first_seen: 1_500,
        last_seen: 1_800,
        sources: vec!["polkadot".into()],
    };
    let e = listed_entry(
        "domain:evil.io",
        Some(&feed),
        &facts(State::New, 3),
        Severity::Suspected,
    );
    assert_eq!(e.severity, Severity::Confirmed, "never downgraded");
    assert_eq!(e.categories, vec!["phishing".to_owned()]);
    assert_eq!(e.report_count, 10);
    assert_eq!((e.first_seen, e.last_seen), (1_000, 2_000));
    assert_eq!(e.sources, vec!["polkadot".to_owned(), "reports".to_owned()]);
    // Merging again changes nothing: the merge is idempotent.
    let again = listed_entry(
        "domain:evil.io",
        Some(&e),
        &facts(State::New, 3),
        Severity::Suspected,
    );
    assert_eq!(again, e);
}

#[test]
fn aging() {
    let entry = |severity, last_seen| Entry {
        key: "domain:evil.io".into(),
        severity,
        categories: vec![],
        report_count: 1,
        first_seen: 0,
        last_seen,
        sources: vec![],
    };
    let now = 10_000;
    for (severity, last_seen, want) in [
        (Severity::Suspected, now - 100, false),
        (Severity::Suspected, now - 101, true),
        (Severity::Confirmed, now - 101, false),
        (Severity::Confirmed, now - 1000, false),
        (Severity::Confirmed, now - 1001, true),
        (Severity::Suspected, now + 50, false),
    ] {
        assert_eq!(
            expired(&entry(severity, last_seen), now, &POLICY),
            want,
            "{severity:?} last seen {last_seen}"
        );
        // The cutoff agrees with `expired`.
        let cutoff = expiry_cutoff(severity, now, &POLICY);
        assert_eq!(cutoff.is_some_and(|c| last_seen < c), want);
    }
    let forever = Policy {
        suspected_ttl: 0,
        ..POLICY
    };
    assert!(!expired(&entry(Severity::Suspected, 0), now, &forever));
    assert_eq!(expiry_cutoff(Severity::Suspected, now, &forever), None);
}

#[test]
fn disputes_are_decided_once() {
    use DisputeAction::{Reject, Uphold};
    use DisputeState::{Open, Rejected, Upheld};
    assert_eq!(dispute_transition(Open, Uphold), Ok(Upheld));
    assert_eq!(dispute_transition(Open, Reject), Ok(Rejected));
    assert_eq!(dispute_transition(Upheld, Reject), Err(Upheld));
    assert_eq!(dispute_transition(Rejected, Uphold), Err(Rejected));
    for s in DisputeState::ALL {
        assert_eq!(DisputeState::parse(s.as_str()), Some(s));
    }
    assert_eq!(DisputeAction::parse("uphold"), Some(Uphold));
    assert_eq!(DisputeAction::parse("close"), None);
}

#[test]
fn the_default_policy() {
    let p = Policy::default();
    assert_eq!(p.threshold, 3);
    assert_eq!(p.suspected_ttl, 60 * 86_400);
    assert_eq!(p.confirmed_ttl, 365 * 86_400);
}

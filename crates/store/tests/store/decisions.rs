//! The two-person rule for triage on both engines: a decision that would change what
//! Verify answers waits for a second key; the author cannot approve it; a stale one
//! cannot be approved; approval applies the listing, the decision and both audit
//! records in one transaction; one decision per indicator waits at a time.

use std::sync::Arc;

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Policy, State};
use store::StoreError;
use store::proposals::Decision;
use store::reports::{
    Actor, DecisionAction, DecisionState, GroupRef, NewDispute, NewReport, Proposed,
    ReportedIndicator,
};

use crate::{TestDb, entry};

both_engines!(
    one_key_cannot_change_a_listing,
    the_author_cannot_approve_their_own,
    a_stale_decision_cannot_be_approved,
    approval_applies_the_listing_and_both_records_at_once,
    one_decision_waits_per_indicator,
    delisting_and_upholding_a_dispute_need_two_keys,
    keys_one_key_made_are_one_person,
);

const T0: i64 = 1_750_000_000;

const POLICY: Policy = Policy {
    threshold: 3,
    suspected_ttl: 0,
    confirmed_ttl: 0,
    window: 5_000,
};

fn report(reference: &str, who: u8, key: &str, at: i64) -> NewReport {
    NewReport {
        reference: reference.into(),
        received_at: at,
        reporter: [who; 32],
        reporter_key: 1,
        indicators: vec![ReportedIndicator {
            key: key.into(),
            official: false,
            votes: true,
        }],
        text: None,
        channel: None,
        region: None,
        loss_amount: None,
        loss_asset: None,
        occurred_at: None,
        contact: None,
    }
}

fn analyst(id: i64) -> Actor {
    Actor {
        key_id: Some(id),
        role: "analyst".into(),
        ip: Some("192.0.2.10".into()),
    }
}

/// Reports `key` by `reporters` distinct reporters (3 list it as suspected).
async fn reported(store: &Arc<dyn store::Store>, key: &str, reporters: u8) {
    let batch: Vec<NewReport> = (1..=reporters)
        .map(|who| report(&format!("{key}-{who}"), who, key, T0))
        .collect();
    store
        .reports()
        .insert_reports(&batch, &POLICY)
        .await
        .unwrap();
}

async fn severity(store: &Arc<dyn store::Store>, key: &str) -> Option<Severity> {
    store
        .load_blocklist()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.key == key)
        .map(|e| e.severity)
}

async fn actions(store: &Arc<dyn store::Store>, key: &str) -> Vec<String> {
    let mut log = store.reports().audit_of(key, None, 100).await.unwrap();
    log.reverse();
    log.into_iter().map(|r| r.action).collect()
}

async fn propose(
    store: &Arc<dyn store::Store>,
    key: &str,
    action: Action,
    by: i64,
) -> Result<Proposed<store::reports::TriageOutcome>, StoreError> {
    store
        .decisions()
        .propose_triage(
            &GroupRef::Key(key.into()),
            action,
            None,
            Some("seen the phishing kit"),
            &analyst(by),
            &POLICY,
            T0 + 10,
        )
        .await
}

async fn decide(
    store: &Arc<dyn store::Store>,
    id: i64,
    decision: Decision,
    by: i64,
) -> Result<store::reports::Decided, StoreError> {
    store
        .decisions()
        .decide_triage(id, decision, &analyst(by), Some("agreed"), &POLICY, T0 + 20)
        .await
}

fn pending(p: Proposed<store::reports::TriageOutcome>) -> store::reports::TriageDecision {
    match p {
        Proposed::Pending(d) => *d,
        Proposed::Applied(o) => panic!("applied at once: {o:?}"),
    }
}

async fn one_key_cannot_change_a_listing(db: TestDb) {
    let store = db.open().await;
    // Unlisted, one reporter: confirming would list it.
    let key = "domain:one.example";
    reported(&store, key, 1).await;
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    assert_eq!(d.state, DecisionState::Pending);
    assert_eq!(d.action, DecisionAction::Triage(Action::Confirm));
    assert_eq!(d.author_key_id, Some(7));
    assert_eq!(d.note.as_deref(), Some("seen the phishing kit"));
    assert_eq!(severity(&store, key).await, None, "nothing listed yet");
    let g = store.reports().group(&GroupRef::Key(key.into())).await;
    assert_eq!(g.unwrap().unwrap().state, State::New);
    assert_eq!(actions(&store, key).await, vec!["triage.propose"]);
    assert_eq!(
        store.decisions().pending_decision(key).await.unwrap(),
        Some(d)
    );

    // Listed as suspected (three reporters): rejecting would unlist it, confirming
    // would raise it; both wait.
    let listed = "domain:listed.example";
    reported(&store, listed, 3).await;
    assert_eq!(severity(&store, listed).await, Some(Severity::Suspected));
    let d = pending(propose(&store, listed, Action::Reject, 7).await.unwrap());
    assert_eq!(severity(&store, listed).await, Some(Severity::Suspected));
    decide(&store, d.id, Decision::Reject, 7).await.unwrap();
    pending(propose(&store, listed, Action::Confirm, 7).await.unwrap());
    assert_eq!(severity(&store, listed).await, Some(Severity::Suspected));

    // What changes nothing users are told applies at once, as before: rejecting an
    // unlisted group below the threshold, marking one a duplicate.
    let below = "domain:below.example";
    reported(&store, below, 2).await;
    match propose(&store, below, Action::Reject, 7).await.unwrap() {
        Proposed::Applied(o) => {
            assert_eq!(o.group.state, State::Rejected);
            assert!(!o.blocklist_changed);
        }
        Proposed::Pending(d) => panic!("waits: {d:?}"),
    }
    let dup = "domain:dup.example";
    reported(&store, dup, 1).await;
    assert!(matches!(
        propose(&store, dup, Action::Duplicate, 7).await.unwrap(),
        Proposed::Applied(_)
    ));
    assert_eq!(actions(&store, below).await, vec!["triage.reject"]);
    // An action not allowed from the state is refused, not stored.
    assert!(matches!(
        propose(&store, below, Action::Reject, 7).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        propose(&store, "domain:nobody.example", Action::Confirm, 7).await,
        Err(StoreError::NotFound)
    ));
}

async fn the_author_cannot_approve_their_own(db: TestDb) {
    let store = db.open().await;
    let key = "domain:own.example";
    reported(&store, key, 1).await;
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    match decide(&store, d.id, Decision::Approve, 7).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("another analyst"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Nor without a key (the CLI's actor is not a second analyst).
    let cli = store
        .decisions()
        .decide_triage(d.id, Decision::Approve, &Actor::cli(), None, &POLICY, T0)
        .await;
    assert!(matches!(cli, Err(StoreError::InvalidInput(_))), "{cli:?}");
    assert_eq!(severity(&store, key).await, None);
    // The author's rejection withdraws it; nothing changes; it is audited.
    let done = decide(&store, d.id, Decision::Reject, 7).await.unwrap();
    assert_eq!(done.decision.state, DecisionState::Withdrawn);
    assert!(!done.blocklist_changed);
    assert_eq!(severity(&store, key).await, None);
    assert_eq!(
        actions(&store, key).await,
        vec!["triage.propose", "triage.withdraw"]
    );
    // Decided once.
    assert!(matches!(
        decide(&store, d.id, Decision::Approve, 8).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        decide(&store, 999_999, Decision::Approve, 8).await,
        Err(StoreError::NotFound)
    ));
    // Another analyst's rejection is a rejection.
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    let done = decide(&store, d.id, Decision::Reject, 8).await.unwrap();
    assert_eq!(done.decision.state, DecisionState::Rejected);
    assert_eq!(done.decision.decided_key_id, Some(8));
    assert_eq!(done.decision.decision_note.as_deref(), Some("agreed"));
    assert_eq!(severity(&store, key).await, None);
}

async fn a_stale_decision_cannot_be_approved(db: TestDb) {
    let store = db.open().await;
    let key = "domain:stale.example";
    reported(&store, key, 1).await;
    // Proposed to confirm an unlisted group...
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    // ...which reports then list as suspected: the decision no longer describes what
    // approving it would change.
    let more: Vec<NewReport> = (2..=3)
        .map(|who| report(&format!("more-{who}"), who, key, T0 + 5))
        .collect();
    store
        .reports()
        .insert_reports(&more, &POLICY)
        .await
        .unwrap();
    assert_eq!(severity(&store, key).await, Some(Severity::Suspected));
    match decide(&store, d.id, Decision::Approve, 8).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("changed since"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Nothing was applied or recorded by the refused approval.
    assert_eq!(severity(&store, key).await, Some(Severity::Suspected));
    let still = store.decisions().triage_decision(d.id).await.unwrap();
    assert_eq!(still.unwrap().state, DecisionState::Pending);
    assert!(
        !actions(&store, key)
            .await
            .contains(&"triage.approve".to_owned())
    );
    // It can still be rejected (or withdrawn), which frees the indicator.
    decide(&store, d.id, Decision::Reject, 8).await.unwrap();
    pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
}

async fn approval_applies_the_listing_and_both_records_at_once(db: TestDb) {
    let store = db.open().await;
    let key = "domain:approve.example";
    reported(&store, key, 1).await;
    let generation = store.blocklist_generation().await.unwrap();
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    assert_eq!(store.blocklist_generation().await.unwrap(), generation);
    let done = decide(&store, d.id, Decision::Approve, 8).await.unwrap();
    assert!(done.blocklist_changed);
    assert_eq!(done.decision.state, DecisionState::Approved);
    assert_eq!(done.decision.decided_key_id, Some(8));
    assert_eq!(done.decision.decided_at, Some(T0 + 20));
    assert!(store.blocklist_generation().await.unwrap() > generation);
    assert_eq!(severity(&store, key).await, Some(Severity::Confirmed));
    let g = store.reports().group(&GroupRef::Key(key.into())).await;
    assert_eq!(g.unwrap().unwrap().state, State::Confirmed);
    assert_eq!(store.decisions().pending_decision(key).await.unwrap(), None);
    // The change is recorded by the approver, and the approval names both keys.
    let log = store.reports().audit_of(key, None, 10).await.unwrap();
    let names: Vec<&str> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        names,
        vec!["triage.approve", "triage.confirm", "triage.propose"]
    );
    assert_eq!(log[0].key_id, Some(8));
    assert_eq!(log[1].key_id, Some(8));
    assert_eq!(log[2].key_id, Some(7));
    let detail: serde_json::Value =
        serde_json::from_str(log[0].detail.as_deref().unwrap()).unwrap();
    assert_eq!(detail["proposed_by"], "key:7");
    assert_eq!(detail["decided_by"], "key:8");
    assert_eq!(detail["decision"], d.id.to_string());
    assert_eq!(detail["proposal_note"], "seen the phishing kit");
    let listed: Vec<_> = store
        .decisions()
        .triage_decisions(Some(DecisionState::Approved), 10)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, d.id);

    // Undoing it takes two keys as well: rejecting the confirmed group.
    let undo = pending(propose(&store, key, Action::Reject, 8).await.unwrap());
    assert_eq!(severity(&store, key).await, Some(Severity::Confirmed));
    decide(&store, undo.id, Decision::Approve, 7).await.unwrap();
    assert_eq!(severity(&store, key).await, None);
}

async fn one_decision_waits_per_indicator(db: TestDb) {
    let store = db.open().await;
    let key = "domain:busy.example";
    reported(&store, key, 3).await;
    let d = pending(propose(&store, key, Action::Confirm, 7).await.unwrap());
    // A second decision, by anyone, even one that would apply at once, is refused.
    for action in [Action::Reject, Action::Duplicate] {
        match propose(&store, key, action, 8).await {
            Err(StoreError::Conflict(m)) => assert!(m.contains("waiting"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    let delist = store
        .decisions()
        .propose_delist(key, "mistake", &analyst(8), T0)
        .await;
    assert!(matches!(delist, Err(StoreError::Conflict(_))), "{delist:?}");
    assert_eq!(
        store
            .decisions()
            .triage_decisions(Some(DecisionState::Pending), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    // Once decided, the indicator takes decisions again.
    decide(&store, d.id, Decision::Reject, 8).await.unwrap();
    pending(propose(&store, key, Action::Reject, 8).await.unwrap());
}

async fn delisting_and_upholding_a_dispute_need_two_keys(db: TestDb) {
    let store = db.open().await;
    let decisions = store.decisions();
    // A feed's entry, no group: delisting waits, then applies on approval.
    let feed = "domain:feed.example";
    store
        .upsert_blocklist(&[entry(feed, Severity::Confirmed, 1)])
        .await
        .unwrap();
    let d = match decisions
        .propose_delist(feed, "false positive", &analyst(7), T0)
        .await
        .unwrap()
    {
        Proposed::Pending(d) => *d,
        Proposed::Applied(_) => panic!("delisted by one key"),
    };
    assert_eq!(d.action, DecisionAction::Delist);
    assert_eq!(severity(&store, feed).await, Some(Severity::Confirmed));
    assert!(
        decide(&store, d.id, Decision::Approve, 8)
            .await
            .unwrap()
            .blocklist_changed
    );
    assert_eq!(severity(&store, feed).await, None);
    let log = store.reports().audit_of(feed, None, 10).await.unwrap();
    let names: Vec<&str> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        names,
        vec!["triage.approve", "blocklist.delist", "triage.propose"]
    );
    // Delisting an unlisted key changes nothing Verify answers: at once.
    assert_eq!(
        decisions
            .propose_delist(feed, "again", &analyst(7), T0)
            .await
            .unwrap(),
        Proposed::Applied(false)
    );

    // A dispute of a listed indicator: rejecting it is at once, upholding it waits.
    let key = "domain:disputed.example";
    reported(&store, key, 3).await;
    let dispute = |reference: &str| NewDispute {
        reference: reference.into(),
        key: key.into(),
        reason: "it is my shop".into(),
        contact: None,
        created_at: T0,
    };
    let first = store
        .reports()
        .create_dispute(&dispute("D-1"))
        .await
        .unwrap();
    match decisions
        .propose_dispute(first.id, DisputeAction::Reject, None, &analyst(7), T0)
        .await
        .unwrap()
    {
        Proposed::Applied((d, changed)) => {
            assert_eq!(d.state, DisputeState::Rejected);
            assert!(!changed);
        }
        Proposed::Pending(d) => panic!("waits: {d:?}"),
    }
    let second = store
        .reports()
        .create_dispute(&dispute("D-2"))
        .await
        .unwrap();
    let d = match decisions
        .propose_dispute(
            second.id,
            DisputeAction::Uphold,
            Some("proved"),
            &analyst(7),
            T0,
        )
        .await
        .unwrap()
    {
        Proposed::Pending(d) => *d,
        Proposed::Applied(_) => panic!("upheld by one key"),
    };
    assert_eq!(
        (d.action.clone(), d.dispute_id),
        (DecisionAction::Uphold, Some(second.id))
    );
    let open = store.reports().disputes(Some(DisputeState::Open), 10).await;
    assert_eq!(
        open.unwrap().len(),
        1,
        "the dispute stays open while it waits"
    );
    assert_eq!(severity(&store, key).await, Some(Severity::Suspected));
    assert!(matches!(
        decide(&store, d.id, Decision::Approve, 7).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(
        decide(&store, d.id, Decision::Approve, 8)
            .await
            .unwrap()
            .blocklist_changed
    );
    assert_eq!(severity(&store, key).await, None);
    let upheld = store
        .reports()
        .disputes(Some(DisputeState::Upheld), 10)
        .await;
    assert_eq!(upheld.unwrap()[0].id, second.id);

    // An approval whose workflow fails leaves nothing behind: the operator rejected
    // the dispute directly meanwhile (the listing unchanged, so not stale), so
    // upholding it fails inside the approval's transaction; the decision stays
    // pending, nothing is delisted, no approval is recorded.
    reported(&store, "domain:other.example", 3).await;
    let other = NewDispute {
        key: "domain:other.example".into(),
        ..dispute("D-3")
    };
    let third = store.reports().create_dispute(&other).await.unwrap();
    let d = match decisions
        .propose_dispute(third.id, DisputeAction::Uphold, None, &analyst(7), T0)
        .await
        .unwrap()
    {
        Proposed::Pending(d) => *d,
        Proposed::Applied(_) => panic!("upheld by one key"),
    };
    store
        .reports()
        .resolve_dispute(third.id, DisputeAction::Reject, None, &Actor::cli(), T0)
        .await
        .unwrap();
    let before = store.reports().audit_log(None, 500).await.unwrap().len();
    assert!(matches!(
        decide(&store, d.id, Decision::Approve, 8).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        severity(&store, "domain:other.example").await,
        Some(Severity::Suspected)
    );
    let still = decisions.triage_decision(d.id).await.unwrap().unwrap();
    assert_eq!(still.state, DecisionState::Pending);
    assert_eq!(
        store.reports().audit_log(None, 500).await.unwrap().len(),
        before
    );
}

/// Makes a key as `by` (an administrator's key over the API, or the operator when
/// `None`), audited as the service does; `replaces` makes it a rotation.
async fn make_key(
    store: &Arc<dyn store::Store>,
    role: store::Role,
    by: Option<i64>,
    replaces: Option<i64>,
    n: u8,
) -> i64 {
    let actor = match by {
        Some(id) => Actor {
            key_id: Some(id),
            role: "admin".into(),
            ip: None,
        },
        None => Actor::cli(),
    };
    let detail = replaces.map(|old| format!("{{\"replaces\":{old},\"role\":\"analyst\"}}"));
    store
        .change_api_keys(&store::KeyChange {
            create: Some(&store::NewApiKey {
                hash: [n; 32],
                role,
                region: None,
                label: None,
            }),
            revoke: replaces,
            actor: &actor,
            action: if replaces.is_some() {
                "key.rotate"
            } else {
                "key.create"
            },
            detail: detail.as_deref(),
            now: T0,
        })
        .await
        .unwrap()
        .unwrap()
        .id
}

/// An administrator who made two analyst keys over the API was shown both secrets:
/// those keys, and the administrator's own, count as one person; a key the operator
/// made, or another administrator's, is a second person. A rotated key is its
/// predecessor's person.
async fn keys_one_key_made_are_one_person(db: TestDb) {
    use store::Role;
    let store = db.open().await;
    let admin = make_key(&store, Role::Admin, None, None, 1).await;
    let other_admin = make_key(&store, Role::Admin, None, None, 2).await;
    let b = make_key(&store, Role::Analyst, Some(admin), None, 3).await;
    let c = make_key(&store, Role::Analyst, Some(admin), None, 4).await;
    let d = make_key(&store, Role::Analyst, Some(other_admin), None, 5).await;
    let e = make_key(&store, Role::Analyst, None, None, 6).await;

    let key = "domain:one-hand.example";
    reported(&store, key, 1).await;
    let pending_one = pending(propose(&store, key, Action::Confirm, b).await.unwrap());
    for one_person in [c, admin] {
        match decide(&store, pending_one.id, Decision::Approve, one_person).await {
            Err(StoreError::Conflict(m)) => assert!(m.contains("one person"), "{m}"),
            other => panic!("{one_person}: {other:?}"),
        }
    }
    assert_eq!(severity(&store, key).await, None);
    // Another administrator's analyst is another person.
    let done = decide(&store, pending_one.id, Decision::Approve, d)
        .await
        .unwrap();
    assert!(done.blocklist_changed);
    assert_eq!(severity(&store, key).await, Some(Severity::Confirmed));

    // A rotation (here by the operator) is the same analyst as before.
    let key = "domain:rotated.example";
    reported(&store, key, 1).await;
    let by_e = pending(propose(&store, key, Action::Confirm, e).await.unwrap());
    let e2 = make_key(&store, Role::Analyst, None, Some(e), 7).await;
    assert!(matches!(
        decide(&store, by_e.id, Decision::Approve, e2).await,
        Err(StoreError::Conflict(_))
    ));
    // The operator's analyst and an administrator's are two people.
    let done = decide(&store, by_e.id, Decision::Approve, c).await.unwrap();
    assert!(done.blocklist_changed);
}

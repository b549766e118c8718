//! Changes under review on both engines: registry proposals (the two-person rule,
//! staleness, atomic apply and audit), campaign revisions and partner resources (their
//! additions under the same rule).

use store::StoreError;
use store::proposals::{Decision, NewProposal, ProposalState};
use store::reports::Actor;

use crate::TestDb;

both_engines!(
    a_proposal_applies_only_with_a_second_key,
    campaign_revisions_apply_once_and_resources_are_audited,
    an_admins_revision_and_resource_addition_wait_for_another_admin,
);

fn staff(key_id: i64, role: &str) -> Actor {
    Actor {
        key_id: Some(key_id),
        role: role.into(),
        ip: Some("192.0.2.1".into()),
    }
}

fn proposal(toml: &str, base_version: i64, author: Actor) -> NewProposal {
    let registry = registry::Registry::from_toml(toml).expect("registry");
    NewProposal {
        document: registry.to_json().to_string(),
        diff: r#"{"brands":[]}"#.into(),
        conflicts: "[]".into(),
        override_reason: None,
        base_version,
        author,
        created_at: 1_750_000_000,
    }
}

async fn a_proposal_applies_only_with_a_second_key(db: TestDb) {
    let store = db.open().await;
    let p = store.proposals();
    let v0 = p.registry_version().await.unwrap();
    let toml = "[[brand]]\nname = \"Nimbus\"\ndomains = [\"nimbus.io\"]\n";
    let made = p
        .create_proposal(&proposal(toml, v0, staff(1, "analyst")))
        .await
        .unwrap();
    assert_eq!(made.state, ProposalState::Pending);
    assert!(store.load_registry().await.unwrap().brands().is_empty() || v0 > 0);

    // The author cannot approve, nor can a keyless operator.
    let err = p
        .decide_proposal(made.id, Decision::Approve, &staff(1, "admin"), None, 1)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let err = p
        .decide_proposal(made.id, Decision::Approve, &Actor::cli(), None, 1)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{err}");

    // A second proposal made on the same version goes stale once the first applies.
    let other = "[[brand]]\nname = \"Other\"\ndomains = [\"other.io\"]\n";
    let stale = p
        .create_proposal(&proposal(other, v0, staff(3, "admin")))
        .await
        .unwrap();

    let approved = p
        .decide_proposal(
            made.id,
            Decision::Approve,
            &staff(2, "admin"),
            Some("ok"),
            2,
        )
        .await
        .unwrap();
    assert_eq!(approved.state, ProposalState::Approved);
    assert_eq!(approved.decided_key_id, Some(2));
    let registry = store.load_registry().await.unwrap();
    assert_eq!(registry.brands()[0].name, "Nimbus");
    assert_eq!(p.registry_version().await.unwrap(), v0 + 1);

    // Decided once.
    let err = p
        .decide_proposal(made.id, Decision::Reject, &staff(2, "admin"), None, 3)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));
    let err = p
        .decide_proposal(stale.id, Decision::Approve, &staff(2, "admin"), None, 3)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("changed since")),
        "{err}"
    );
    let rejected = p
        .decide_proposal(
            stale.id,
            Decision::Reject,
            &staff(2, "admin"),
            Some("stale"),
            4,
        )
        .await
        .unwrap();
    assert_eq!(rejected.state, ProposalState::Rejected);
    assert_eq!(
        store.load_registry().await.unwrap().brands()[0].name,
        "Nimbus"
    );
    let err = p
        .decide_proposal(999, Decision::Reject, &staff(2, "admin"), None, 4)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound));

    let pending = p.proposals(Some(ProposalState::Pending), 10).await.unwrap();
    assert!(pending.is_empty());
    let all = p.proposals(None, 10).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, stale.id, "newest first");

    // Every step is audited with who, what and the diff.
    let log = store.reports().audit_log(None, 20).await.unwrap();
    let actions: Vec<(&str, Option<i64>)> = log
        .iter()
        .rev()
        .map(|r| (r.action.as_str(), r.key_id))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("registry.propose", Some(1)),
            ("registry.propose", Some(3)),
            ("registry.approve", Some(2)),
            ("registry.reject", Some(2)),
        ]
    );
    assert!(
        log[1]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("\"diff\""))
    );
}

async fn campaign_revisions_apply_once_and_resources_are_audited(db: TestDb) {
    let store = db.open().await;
    let rv = store.revisions();
    let admin = staff(1, "admin");
    let partner = staff(2, "partner");
    let spec = crate::campaign_spec("Stop", &["HK"]);
    let c = rv
        .save_campaign(None, &spec, &admin, "campaign.create", "{}", 100)
        .await
        .unwrap();
    assert_eq!(
        store
            .campaigns()
            .get_campaign(c.id)
            .await
            .unwrap()
            .unwrap()
            .spec,
        spec
    );
    let mut next = spec.clone();
    next.name = "Stop and think".into();
    let r = rv
        .propose_revision(c.id, c.updated_at, &next, "{\"name\":1}", &partner, 101)
        .await
        .unwrap();
    let stale = rv
        .propose_revision(c.id, c.updated_at, &next, "{}", &partner, 102)
        .await
        .unwrap();
    assert_eq!(rv.revisions(Some(c.id), None, 10).await.unwrap().len(), 2);
    // Not applied until approved.
    assert_eq!(
        store
            .campaigns()
            .get_campaign(c.id)
            .await
            .unwrap()
            .unwrap()
            .spec
            .name,
        "Stop"
    );
    let done = rv
        .decide_revision(r.id, Decision::Approve, &admin, Some("ok"), 103)
        .await
        .unwrap();
    assert_eq!(done.state, ProposalState::Approved);
    assert_eq!(
        store
            .campaigns()
            .get_campaign(c.id)
            .await
            .unwrap()
            .unwrap()
            .spec
            .name,
        "Stop and think"
    );
    let err = rv
        .decide_revision(stale.id, Decision::Approve, &admin, None, 104)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("changed after")),
        "{err}"
    );
    let err = rv
        .decide_revision(r.id, Decision::Reject, &admin, None, 104)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));
    assert!(matches!(
        rv.decide_revision(999, Decision::Reject, &admin, None, 104)
            .await,
        Err(StoreError::NotFound)
    ));

    let res = rv
        .add_partner_resource("phone:+85218222", "Hotline", &admin, 105)
        .await
        .unwrap();
    assert!(matches!(
        rv.add_partner_resource("phone:+85218222", "Again", &admin, 105)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(rv.partner_resources().await.unwrap(), vec![res.clone()]);
    assert!(
        rv.remove_partner_resource(res.id, &admin, 106)
            .await
            .unwrap()
    );
    assert!(
        !rv.remove_partner_resource(res.id, &admin, 106)
            .await
            .unwrap()
    );
    let log = store.reports().audit_log(None, 20).await.unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "campaign.create",
            "campaign.revision.propose",
            "campaign.revision.propose",
            "campaign.revision.approve",
            "partner_resource.add",
            "partner_resource.remove",
        ]
    );
}

async fn an_admins_revision_and_resource_addition_wait_for_another_admin(db: TestDb) {
    let store = db.open().await;
    let rv = store.revisions();
    let alice = staff(1, "admin");
    let bob = staff(2, "admin");
    let spec = crate::campaign_spec("Stop", &["HK"]);
    let c = rv
        .save_campaign(None, &spec, &alice, "campaign.create", "{}", 100)
        .await
        .unwrap();
    let mut next = spec.clone();
    next.name = "Stop and think".into();
    let r = rv
        .propose_revision(c.id, c.updated_at, &next, "{}", &alice, 101)
        .await
        .unwrap();
    // Its author cannot approve it; another admin does, and the record names both.
    let err = rv
        .decide_revision(r.id, Decision::Approve, &alice, None, 102)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("author")),
        "{err}"
    );
    // Nor can a keyless approval stand for a second admin.
    let err = rv
        .decide_revision(r.id, Decision::Approve, &Actor::cli(), None, 102)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{err}");
    let name = |store: std::sync::Arc<dyn store::Store>, id: i64| async move {
        store
            .campaigns()
            .get_campaign(id)
            .await
            .unwrap()
            .unwrap()
            .spec
            .name
    };
    assert_eq!(name(store.clone(), c.id).await, "Stop");
    let done = rv
        .decide_revision(r.id, Decision::Approve, &bob, None, 103)
        .await
        .unwrap();
    assert_eq!(done.state, ProposalState::Approved);
    assert_eq!(name(store.clone(), c.id).await, "Stop and think");

    // An addition to the partner resources waits; one per key at a time.
    let a = rv
        .propose_resource_addition("phone:+85218222", "Hotline", &alice, 104)
        .await
        .unwrap();
    assert_eq!(a.state, ProposalState::Pending);
    assert!(rv.partner_resources().await.unwrap().is_empty());
    assert!(matches!(
        rv.propose_resource_addition("phone:+85218222", "Again", &bob, 104)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let err = rv
        .decide_resource_addition(a.id, Decision::Approve, &alice, None, 105)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("author")),
        "{err}"
    );
    assert!(rv.partner_resources().await.unwrap().is_empty());
    let approved = rv
        .decide_resource_addition(a.id, Decision::Approve, &bob, Some("HKPF's"), 106)
        .await
        .unwrap();
    assert_eq!(approved.state, ProposalState::Approved);
    assert_eq!(approved.decided_key_id, Some(2));
    let listed = rv.partner_resources().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(approved.resource_id, Some(listed[0].id));
    assert_eq!(listed[0].key, "phone:+85218222");
    assert!(matches!(
        rv.decide_resource_addition(a.id, Decision::Approve, &bob, None, 107)
            .await,
        Err(StoreError::Conflict(_))
    ));
    // Listed: no second addition of it.
    assert!(matches!(
        rv.propose_resource_addition("phone:+85218222", "Again", &bob, 107)
            .await,
        Err(StoreError::Conflict(_))
    ));
    // A rejected one lists nothing and frees its key.
    let b = rv
        .propose_resource_addition("domain:cyberdefender.hk", "CyberDefender", &bob, 108)
        .await
        .unwrap();
    let rejected = rv
        .decide_resource_addition(b.id, Decision::Reject, &alice, None, 109)
        .await
        .unwrap();
    assert_eq!(rejected.state, ProposalState::Rejected);
    assert_eq!(rv.partner_resources().await.unwrap().len(), 1);
    assert_eq!(
        rv.resource_additions(Some(ProposalState::Pending), 10)
            .await
            .unwrap(),
        vec![]
    );
    assert_eq!(rv.resource_additions(None, 10).await.unwrap().len(), 2);
    rv.propose_resource_addition("domain:cyberdefender.hk", "CyberDefender", &bob, 110)
        .await
        .unwrap();

    // The approvals' audit records name both keys.
    let log = store.reports().audit_log(None, 20).await.unwrap();
    let approve = |action: &str| {
        log.iter()
            .find(|r| r.action == action)
            .unwrap_or_else(|| panic!("{action}"))
            .clone()
    };
    for action in ["campaign.revision.approve", "partner_resource.approve"] {
        let record = approve(action);
        assert_eq!(record.key_id, Some(2), "{action}");
        let detail: serde_json::Value =
            serde_json::from_str(record.detail.as_deref().unwrap()).unwrap();
        assert_eq!(detail["author"]["key_id"], 1, "{action}: {detail}");
    }
}

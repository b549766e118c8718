use std::sync::Arc;

use store::{ApiKey, Role};

use crate::{Error, FixedClock, Principal, Runtime, SeqRandom, Service, Settings};

async fn service(seed: u64) -> Service {
    let store = store::open("sqlite::memory:").await.expect("store");
    let runtime = Runtime {
        clock: Arc::new(FixedClock::at(1_767_225_600)),
        random: Arc::new(SeqRandom::new(seed)),
    };
    let secrets = secrets::Secrets::from_keys([1; 32], [2; 32], [3; 32]);
    Service::new(store, Settings::default(), secrets, runtime)
        .await
        .expect("service")
}

fn partner(region: &str) -> Principal {
    Principal::key(
        ApiKey {
            id: 9,
            role: Role::Partner,
            region: Some(region.into()),
            label: None,
            created_at: 0,
            revoked_at: None,
        },
        None,
    )
}

fn admin(id: i64) -> Principal {
    Principal::key(
        ApiKey {
            id,
            role: Role::Admin,
            region: None,
            label: None,
            created_at: 0,
            revoked_at: None,
        },
        None,
    )
}

fn campaign_doc(region: &str) -> serde_json::Value {
    serde_json::json!({
        "name": format!("Campaign {region}"),
        "partner": "Police",
        "regions": [region],
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "variants": [{"key": "a", "content": {"en": {"title": "Stop", "message": "Check"}}}]
    })
}

async fn create(s: &Service, region: &str) -> i64 {
    let doc = campaign_doc(region);
    match s
        .create_campaign(&Principal::Operator, &doc)
        .await
        .expect("create")
    {
        super::manage::Created::Done(c) => c.id,
        super::manage::Created::Pending(_) => panic!("the operator's campaign applies at once"),
    }
}

#[tokio::test]
async fn a_partner_cannot_see_another_regions_campaign() {
    let s = service(1).await;
    let hk = create(&s, "HK").await;
    let sg = create(&s, "SG").await;
    let by = partner("HK");
    let list = s.list_campaigns(&by).await.expect("list");
    let ids: Vec<i64> = list.campaigns.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![hk]);
    assert!(s.campaign(&by, hk).await.is_ok());
    assert!(matches!(s.campaign(&by, sg).await, Err(Error::NotFound(_))));
    assert!(matches!(
        s.campaign_stats(&by, sg).await,
        Err(Error::NotFound(_))
    ));
    let patch = serde_json::json!({"status": "paused"});
    assert!(matches!(
        s.change_campaign(&by, sg, &patch).await,
        Err(Error::NotFound(_))
    ));
    // Staff see both.
    assert_eq!(
        s.list_campaigns(&Principal::Operator)
            .await
            .expect("list")
            .campaigns
            .len(),
        2
    );
}

fn request(user: &str) -> wire::campaigns::ScreenRequest {
    serde_json::from_value(serde_json::json!({
        "user": user,
        "region": "HK",
        "locale": "en",
        "asset": "USDT",
        "network": "ethereum",
        "amount": "100",
        "amount_usd": 100,
        "destination": "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd",
        "context": {"new_destination": true}
    }))
    .expect("request")
}

#[tokio::test]
async fn screening_with_a_fixed_clock_and_randomness_is_deterministic() {
    let mut answers = Vec::new();
    for _ in 0..2 {
        let s = service(42).await;
        create(&s, "HK").await;
        let mut run = Vec::new();
        for user in ["alice", "bob", "alice", "carol"] {
            let r = s
                .screen(&Principal::Operator, &request(user))
                .await
                .expect("screen");
            run.push(serde_json::to_string(&r).expect("json"));
        }
        answers.push(run);
    }
    assert_eq!(answers[0], answers[1]);
    // The id is the fixed time, then the sequence's bytes.
    assert!(answers[0][0].contains("\"screening_id\":\"scr_0006474846204000"));
    assert_ne!(answers[0][0], answers[0][2], "ids differ");
}

#[tokio::test]
async fn screening_refuses_bad_requests_and_other_roles() {
    let s = service(1).await;
    let mut req = request("alice");
    req.region = "Hong Kong".into();
    assert!(matches!(
        s.screen(&Principal::Operator, &req).await,
        Err(Error::Invalid {
            code: "invalid_input",
            ..
        })
    ));
    assert!(matches!(
        s.screen(&partner("HK"), &request("alice")).await,
        Err(Error::Forbidden(_))
    ));
}

#[tokio::test]
async fn a_live_campaigns_daily_result_is_queued_once_for_its_region() {
    use store::webhooks::{EventType, NewSubscription};
    let s = service(5).await;
    let hk = create(&s, "HK").await;
    create(&s, "SG").await;
    let sub = s
        .store
        .webhooks()
        .create_subscription(
            &NewSubscription {
                url: "https://police.example/hook".into(),
                events: vec![EventType::CampaignResult],
                regions: vec!["HK".into()],
                owner_key_id: None,
                secret_key_id: 1,
                secret_nonce: [0; 16],
                created_at: 0,
            },
            &store::reports::Actor::cli(),
        )
        .await
        .expect("subscribe");
    assert_eq!(s.announce_campaign_results().await.expect("announce"), 1);
    // Another node (or a restart) the same day queues nothing more.
    assert_eq!(s.announce_campaign_results().await.expect("again"), 0);
    let queued = s
        .store
        .webhooks()
        .deliveries(sub.id, None, None, 10)
        .await
        .expect("deliveries");
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].kind, EventType::CampaignResult);
    assert_eq!(queued[0].subject, format!("campaign:{hk}:2026-01-01"));
    let data: serde_json::Value = serde_json::from_str(&queued[0].data).expect("json");
    assert_eq!(data["regions"], serde_json::json!(["HK"]));
    assert_eq!(data["detail"]["campaign"], hk);
    assert!(data["detail"]["uplift"].is_object(), "{data}");
}

async fn status(s: &Service, id: i64) -> campaign::Status {
    s.campaign(&Principal::Operator, id)
        .await
        .expect("campaign")
        .spec
        .status
}

#[tokio::test]
async fn an_admins_activation_waits_for_another_admin_and_the_audit_names_both() {
    use super::manage::{Changed, Created};
    use campaign::Status;
    let s = service(3).await;
    let (alice, bob) = (admin(11), admin(12));

    // An admin's active campaign is created as a draft: nobody is shown it yet.
    let Created::Pending(p) = s
        .create_campaign(&alice, &campaign_doc("HK"))
        .await
        .expect("create")
    else {
        panic!("an admin's active campaign must wait for another admin");
    };
    let (id, revision) = (p.campaign.id, p.revision.id);
    assert_eq!(p.campaign.spec.status, Status::Draft);
    assert_eq!(p.revision.author.key_id, Some(11));
    assert!(
        s.active_campaigns()
            .await
            .expect("active")
            .active
            .is_empty()
    );

    // Its author cannot approve it (409); another admin does.
    assert!(matches!(
        s.approve_revision(&alice, revision, None).await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(status(&s, id).await, Status::Draft);
    let approved = s
        .approve_revision(&bob, revision, Some("checked"))
        .await
        .expect("approve");
    assert_eq!(approved.decided_by, Some(12));
    assert_eq!(status(&s, id).await, Status::Active);
    assert_eq!(s.active_campaigns().await.expect("active").active.len(), 1);

    // A change users would see waits too; pausing applies at once.
    let patch = serde_json::json!({"variants": [{"key": "a", "content": {"en":
        {"title": "Stop", "message": "Check twice"}}}]});
    assert!(matches!(
        s.change_campaign(&bob, id, &patch).await.expect("change"),
        Changed::Pending(_)
    ));
    let paused = serde_json::json!({"status": "paused"});
    assert!(matches!(
        s.change_campaign(&alice, id, &paused).await.expect("pause"),
        Changed::Done(_)
    ));
    assert_eq!(status(&s, id).await, Status::Paused);
    // Reactivating is an activation: it waits.
    let active = serde_json::json!({"status": "active"});
    assert!(matches!(
        s.change_campaign(&alice, id, &active)
            .await
            .expect("activate"),
        Changed::Pending(_)
    ));
    assert_eq!(status(&s, id).await, Status::Paused);

    // The approval's audit record is the approver's and names the author.
    let log = s.store.reports().audit_log(None, 50).await.expect("audit");
    let record = log
        .iter()
        .find(|r| r.action == "campaign.revision.approve")
        .expect("approval audited");
    assert_eq!(record.key_id, Some(12));
    let detail: serde_json::Value =
        serde_json::from_str(record.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["author"]["key_id"], 11, "{detail}");
    assert_eq!(detail["revision"], revision);
    let proposed = log
        .iter()
        .find(|r| r.action == "campaign.revision.propose")
        .expect("proposal audited");
    assert!(matches!(proposed.key_id, Some(11 | 12)));
}

#[tokio::test]
async fn an_admins_partner_resource_waits_for_another_admin() {
    use super::resources::Added;
    let s = service(4).await;
    let (alice, bob) = (admin(21), admin(22));
    let req = wire::campaigns::NewResourceRequest {
        value: "+852 18222".into(),
        label: "Anti-Scam Helpline".into(),
    };
    let Added::Pending(a) = s.add_resource(&alice, &req).await.expect("add") else {
        panic!("an admin's addition must wait for another admin");
    };
    assert_eq!(a.state, "pending");
    assert!(s.resource_set().await.expect("set").is_empty());
    assert!(matches!(
        s.approve_resource_addition(&alice, a.id, None).await,
        Err(Error::Conflict(_))
    ));
    let approved = s
        .approve_resource_addition(&bob, a.id, None)
        .await
        .expect("approve");
    assert_eq!(approved.state, "approved");
    assert!(s.resource_set().await.expect("set").contains(&a.key));
    // The operator at the command line lists at once; removals apply at once.
    let other = wire::campaigns::NewResourceRequest {
        value: "https://cyberdefender.hk/".into(),
        label: "CyberDefender".into(),
    };
    let Added::Done(r) = s
        .add_resource(&Principal::Operator, &other)
        .await
        .expect("operator")
    else {
        panic!("the operator's addition applies at once");
    };
    s.remove_resource(&alice, r.id).await.expect("remove");
    assert_eq!(s.resource_set().await.expect("set").len(), 1);
}

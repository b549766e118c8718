//! The webhook outbox on both engines: events are queued with the change for the
//! matching subscriptions only, claimed one subject at a time in order, never by two
//! claimers at once, retried, given up on and replayed.

use store::reports::Actor;
use store::webhooks::{Attempt, EventData, EventType, NewEvent, NewSubscription};

use crate::TestDb;

both_engines!(
    the_outbox_delivers_in_order_once_and_replays_dead_letters,
    a_subscription_gets_a_few_leases_at_a_time,
    a_days_result_is_queued_once_by_nodes_at_the_same_instant,
);

fn subscription(events: &[EventType], regions: &[&str]) -> NewSubscription {
    NewSubscription {
        url: "https://partner.example/hook".into(),
        events: events.to_vec(),
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        owner_key_id: None,
        secret_key_id: 1,
        secret_nonce: [7; 16],
        created_at: 100,
    }
}

fn event(kind: EventType, subject: &str, region: &str) -> NewEvent {
    NewEvent {
        kind,
        subject: subject.into(),
        data: EventData {
            indicator: Some(subject.into()),
            regions: vec![region.into()],
            ..EventData::default()
        },
    }
}

async fn the_outbox_delivers_in_order_once_and_replays_dead_letters(db: TestDb) {
    let store = db.open().await;
    let other = db.open().await;
    let w = store.webhooks();
    let all = w
        .create_subscription(
            &subscription(
                &[EventType::ListingCreated, EventType::ListingDelisted],
                &[],
            ),
            &Actor::cli(),
        )
        .await
        .unwrap();
    let hk = w
        .create_subscription(
            &subscription(&[EventType::ListingCreated], &["HK"]),
            &Actor::cli(),
        )
        .await
        .unwrap();
    // A listing of HK and SG, then a delisting of the first: the HK subscription gets
    // the HK listing only.
    let queued = w
        .enqueue(
            &[
                event(EventType::ListingCreated, "domain:a.example", "HK"),
                event(EventType::ListingCreated, "domain:b.example", "SG"),
                event(EventType::ListingDelisted, "domain:a.example", "HK"),
                event(EventType::TakeoverAlert, "domain:c.example", "HK"),
            ],
            200,
        )
        .await
        .unwrap();
    assert_eq!(queued, 4);

    // Two claimers at once never share a row, and a subject's second event waits.
    let (x, y) = tokio::join!(
        w.claim_due(200, 230, 10, 16),
        other.webhooks().claim_due(200, 230, 10, 16)
    );
    let (x, y) = (x.unwrap(), y.unwrap());
    let mut ids: Vec<i64> = x.iter().chain(&y).map(|c| c.delivery.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), x.len() + y.len(), "a row claimed twice");
    assert_eq!(ids.len(), 3, "a.example's delisting waits for its listing");
    assert!(
        x.iter()
            .chain(&y)
            .all(|c| c.url == "https://partner.example/hook")
    );
    // Leased: nothing more until the lease ends.
    assert!(w.claim_due(210, 240, 10, 16).await.unwrap().is_empty());
    // Nor is anything due before: the delisting waiting behind its listing does not
    // make an idle worker claim (a write) for nothing.
    assert_eq!(w.next_due().await.unwrap(), Some(230));

    let claimed: Vec<_> = x.into_iter().chain(y).collect();
    let first_a = claimed
        .iter()
        .find(|c| c.delivery.subscription_id == all.id && c.delivery.subject == "domain:a.example")
        .unwrap();
    // The listing fails: retried later; the delisting still waits behind it.
    w.record_delivery(
        all.id,
        first_a.delivery.id,
        &Attempt::Failed {
            at: 201,
            error: "the receiver answered 503".into(),
            retry_at: Some(205),
        },
    )
    .await
    .unwrap();
    for c in &claimed {
        if c.delivery.id != first_a.delivery.id {
            w.record_delivery(
                c.delivery.subscription_id,
                c.delivery.id,
                &Attempt::Delivered { at: 202 },
            )
            .await
            .unwrap();
        }
    }
    // A success made the subscription's waiting events due at once.
    let again = w.claim_due(202, 240, 10, 16).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].delivery.id, first_a.delivery.id);
    assert_eq!(again[0].delivery.attempts, 1);
    // It dies: the delisting may go now.
    w.record_delivery(
        all.id,
        first_a.delivery.id,
        &Attempt::Failed {
            at: 203,
            error: "the receiver answered 503".into(),
            retry_at: None,
        },
    )
    .await
    .unwrap();
    let next = w.claim_due(203, 240, 10, 16).await.unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].delivery.kind, EventType::ListingDelisted);
    w.record_delivery(all.id, next[0].delivery.id, &Attempt::Delivered { at: 204 })
        .await
        .unwrap();

    let status = w.subscription(all.id).await.unwrap().unwrap();
    assert_eq!((status.pending, status.dead), (0, 1));
    assert_eq!(status.last_success_at, Some(204));
    assert_eq!(status.last_failure_at, Some(203));
    let hk_status = w.subscription(hk.id).await.unwrap().unwrap();
    assert_eq!((hk_status.pending, hk_status.dead), (0, 0));
    let dead = w
        .deliveries(all.id, Some(store::webhooks::DeliveryState::Dead), None, 10)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        dead[0].last_error.as_deref(),
        Some("the receiver answered 503")
    );

    // Replay: pending again, delivered.
    assert_eq!(
        w.replay(all.id, Some(300), &Actor::cli(), 400)
            .await
            .unwrap(),
        0
    );
    assert_eq!(w.replay(all.id, None, &Actor::cli(), 400).await.unwrap(), 1);
    let replayed = w.claim_due(400, 430, 10, 16).await.unwrap();
    assert_eq!(replayed.len(), 1);
    assert_eq!(replayed[0].delivery.attempts, 0);

    // Ended: nothing more is queued or claimed for it.
    assert!(
        w.delete_subscription(all.id, &Actor::cli(), 500)
            .await
            .unwrap()
    );
    assert!(
        !w.delete_subscription(all.id, &Actor::cli(), 500)
            .await
            .unwrap()
    );
    assert!(w.claim_due(600, 630, 10, 16).await.unwrap().is_empty());
    let queued = w
        .enqueue(
            &[event(EventType::ListingDelisted, "domain:a.example", "HK")],
            600,
        )
        .await
        .unwrap();
    assert_eq!(queued, 0);
    assert_eq!(w.subscriptions(None).await.unwrap().len(), 1);
    other.close().await;
    store.close().await;
}

async fn a_subscription_gets_a_few_leases_at_a_time(db: TestDb) {
    let store = db.open().await;
    let other = db.open().await;
    let w = store.webhooks();
    let kinds = [EventType::ListingCreated];
    let busy = w
        .create_subscription(&subscription(&kinds, &["HK"]), &Actor::cli())
        .await
        .unwrap();
    let quiet = w
        .create_subscription(&subscription(&kinds, &["SG"]), &Actor::cli())
        .await
        .unwrap();
    // A backlog of six subjects for one receiver, queued before the other's one
    // event: the oldest first would give every slot to the backlog.
    let mut events: Vec<NewEvent> = (0..6)
        .map(|i| {
            event(
                EventType::ListingCreated,
                &format!("domain:{i}.example"),
                "HK",
            )
        })
        .collect();
    events.push(event(EventType::ListingCreated, "domain:sg.example", "SG"));
    for (i, e) in events.iter().enumerate() {
        w.enqueue(std::slice::from_ref(e), 200 + i as i64)
            .await
            .unwrap();
    }

    // At most two leases on one subscription; the other's event is not held back by
    // the backlog. Another claimer (a node) counts these leases.
    let claimed = w.claim_due(300, 330, 3, 2).await.unwrap();
    assert!(
        other
            .webhooks()
            .claim_due(300, 330, 3, 2)
            .await
            .unwrap()
            .is_empty()
    );
    let of = |sub: i64| {
        claimed
            .iter()
            .filter(|c| c.delivery.subscription_id == sub)
            .count()
    };
    assert_eq!((of(busy.id), of(quiet.id)), (2, 1), "{claimed:?}");
    // Full: nothing more for the busy one while its leases run.
    assert!(w.claim_due(301, 331, 10, 2).await.unwrap().is_empty());
    // One recorded: room for one more, the oldest waiting.
    let first = claimed
        .iter()
        .find(|c| c.delivery.subscription_id == busy.id)
        .unwrap();
    w.record_delivery(busy.id, first.delivery.id, &Attempt::Delivered { at: 302 })
        .await
        .unwrap();
    let next = w.claim_due(302, 332, 10, 2).await.unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].delivery.subject, "domain:2.example");
    // Leases that ran out no longer count (their claimer died): the busy one's two
    // oldest again, and the other's event.
    let later = w.claim_due(340, 370, 10, 2).await.unwrap();
    let subjects: Vec<&str> = later.iter().map(|c| c.delivery.subject.as_str()).collect();
    assert_eq!(
        subjects,
        ["domain:1.example", "domain:2.example", "domain:sg.example"]
    );

    // Claims at the same instant from both claimers (nodes), each round after the
    // leases ran out: together they never hold more than two leases on the busy one.
    for round in 0..5_i64 {
        let now = 400 + round * 100;
        let (a, b, c, d) = tokio::join!(
            w.claim_due(now, now + 30, 10, 2),
            other.webhooks().claim_due(now, now + 30, 10, 2),
            w.claim_due(now, now + 30, 10, 2),
            other.webhooks().claim_due(now, now + 30, 10, 2),
        );
        let busy_leases = [a, b, c, d]
            .into_iter()
            .flat_map(|claims| claims.unwrap())
            .filter(|c| c.delivery.subscription_id == busy.id)
            .count();
        assert_eq!(busy_leases, 2, "round {round}");
    }
    other.close().await;
    store.close().await;
}

async fn a_days_result_is_queued_once_by_nodes_at_the_same_instant(db: TestDb) {
    let store = db.open().await;
    let other = db.open().await;
    let w = store.webhooks();
    let sub = w
        .create_subscription(
            &subscription(&[EventType::CampaignResult], &["HK"]),
            &Actor::cli(),
        )
        .await
        .unwrap();
    let result = event(EventType::CampaignResult, "campaign:1:2026-12-07", "HK");
    let once = std::slice::from_ref(&result);
    let (a, b, c, d) = tokio::join!(
        w.enqueue_once(once, 500),
        other.webhooks().enqueue_once(once, 500),
        w.enqueue_once(once, 500),
        other.webhooks().enqueue_once(once, 500),
    );
    let queued: u64 = [a, b, c, d].into_iter().map(|n| n.unwrap()).sum();
    assert_eq!(queued, 1);
    // Another run that day queues nothing; the next day's result is new.
    assert_eq!(w.enqueue_once(once, 600).await.unwrap(), 0);
    let next = event(EventType::CampaignResult, "campaign:1:2026-12-08", "HK");
    assert_eq!(
        w.enqueue_once(std::slice::from_ref(&next), 86_900)
            .await
            .unwrap(),
        1
    );
    assert_eq!(w.deliveries(sub.id, None, None, 10).await.unwrap().len(), 2);
    other.close().await;
    store.close().await;
}

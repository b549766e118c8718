//! The report store on both engines: intake batches, grouping and auto-listing,
//! takeover alerts, triage, delisting, disputes, aging, partner reads and the
//! append-only audit log.

use std::sync::Arc;

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Policy, State};
use store::StoreError;
use store::batch::GroupCommit;
use store::reports::{Actor, GroupRef, NewDispute, NewReport, QueueFilter, ReportedIndicator};

use crate::{TestDb, entry, sqlx_check};

both_engines!(
    reports_group_by_key_and_list_at_the_threshold,
    official_channels_raise_alerts_and_are_never_listed,
    a_batch_is_atomic,
    triage_actions_follow_the_state_machine,
    delisting_stops_relisting_until_confirmed,
    disputes_are_decided_once_and_upholding_delists,
    aging_removes_entries_without_new_evidence,
    partners_read_contacts_only_when_asked,
    the_audit_log_is_append_only,
    the_audit_log_is_read_by_target,
    group_commit_stores_every_acknowledged_report,
    only_recent_votes_list,
    a_report_is_found_by_its_reference_with_its_groups,
);

const T0: i64 = 1_750_000_000;

const POLICY: Policy = Policy {
    threshold: 3,
    suspected_ttl: 1_000,
    confirmed_ttl: 10_000,
    window: 5_000,
};

fn reporter(n: u8) -> [u8; 32] {
    [n; 32]
}

fn report(reference: &str, who: u8, keys: &[&str], at: i64) -> NewReport {
    NewReport {
        reference: reference.into(),
        received_at: at,
        reporter: reporter(who),
        reporter_key: 1,
        indicators: keys
            .iter()
            .map(|k| ReportedIndicator {
                key: (*k).into(),
                official: false,
                votes: true,
            })
            .collect(),
        text: Some("verify your account at evil.example".into()),
        channel: Some("sms".into()),
        region: Some("HK".into()),
        loss_amount: Some("100".into()),
        loss_asset: Some("USDT".into()),
        occurred_at: Some(at - 3600),
        contact: None,
    }
}

fn analyst() -> Actor {
    Actor {
        key_id: Some(7),
        role: "analyst".into(),
        ip: Some("192.0.2.10".into()),
    }
}

async fn listed(store: &Arc<dyn store::Store>, key: &str) -> Option<blocklist::Entry> {
    store
        .load_blocklist()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.key == key)
}

async fn actions(store: &Arc<dyn store::Store>) -> Vec<String> {
    let mut log = store.reports().audit_log(None, 500).await.unwrap();
    log.reverse();
    log.into_iter().map(|r| r.action).collect()
}

async fn reports_group_by_key_and_list_at_the_threshold(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "domain:evil.example";
    // Two reports by reporter 1, one by reporter 2: two distinct reporters.
    let out = r
        .insert_reports(
            &[
                report("R1", 1, &[key, "phone:+85230000001"], T0),
                report("R2", 1, &[key], T0 + 1),
                report("R3", 2, &[key], T0 + 2),
            ],
            &POLICY,
        )
        .await
        .unwrap();
    assert_eq!(out.ids.len(), 3);
    assert!(out.ids.windows(2).all(|w| w[0] < w[1]));
    assert!(!out.blocklist_changed(), "2 reporters < 3");
    let g = r.group(&GroupRef::Key(key.into())).await.unwrap().unwrap();
    assert_eq!((g.reports, g.reporters, g.state), (3, 2, State::New));
    assert_eq!((g.first_seen, g.last_seen), (T0, T0 + 2));
    assert_eq!(g.listed, None);
    assert_eq!(listed(&store, key).await, None);
    let of_group = r.reports_of_group(g.id, None, 10).await.unwrap();
    let refs: Vec<&str> = of_group.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(refs, vec!["R3", "R2", "R1"]);
    assert_eq!(
        of_group[2].keys,
        vec![key.to_owned(), "phone:+85230000001".to_owned()]
    );
    let older = r
        .reports_of_group(g.id, Some(of_group[0].id), 1)
        .await
        .unwrap();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].reference, "R2");

    // The third distinct reporter lists it as suspected.
    let out = r
        .insert_reports(&[report("R4", 3, &[key], T0 + 10)], &POLICY)
        .await
        .unwrap();
    assert_eq!(out.listed, vec![key.to_owned()]);
    let e = listed(&store, key).await.expect("listed");
    assert_eq!(e.severity, Severity::Suspected);
    assert_eq!(e.report_count, 4);
    assert_eq!((e.first_seen, e.last_seen), (T0, T0 + 10));
    assert_eq!(e.sources, vec!["reports".to_owned()]);

    // A later report refreshes the entry (new evidence).
    let out = r
        .insert_reports(&[report("R5", 1, &[key], T0 + 20)], &POLICY)
        .await
        .unwrap();
    assert_eq!(out.listed, vec![key.to_owned()]);
    let e = listed(&store, key).await.unwrap();
    assert_eq!((e.report_count, e.last_seen), (5, T0 + 20));

    // The queue: most reporters first; the phone has one report.
    let queue = r
        .triage_queue(&QueueFilter {
            limit: 10,
            ..QueueFilter::default()
        })
        .await
        .unwrap();
    let keys: Vec<(&str, u32, u32)> = queue
        .iter()
        .map(|g| (g.key.as_str(), g.reports, g.reporters))
        .collect();
    assert_eq!(keys, vec![(key, 5, 3), ("phone:+85230000001", 1, 1)]);
    assert_eq!(queue[0].listed, Some(Severity::Suspected));
    // The auto-listing is audited once, by the system.
    assert_eq!(actions(&store).await, vec!["blocklist.auto_list"]);
    let log = r.audit_log(None, 10).await.unwrap();
    assert_eq!(log[0].role, "system");
    assert_eq!(log[0].target.as_deref(), Some(key));
}

async fn official_channels_raise_alerts_and_are_never_listed(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "telegram:exampleenglish";
    // Listed by mistake (e.g. a feed) before the reports arrive.
    store
        .upsert_blocklist(&[entry(key, Severity::Confirmed, 1)])
        .await
        .unwrap();
    let mut batch = Vec::new();
    for who in 1..=5 {
        let mut rep = report(&format!("O{who}"), who, &[key], T0);
        rep.indicators[0].official = true;
        batch.push(rep);
    }
    let out = r.insert_reports(&batch, &POLICY).await.unwrap();
    assert_eq!(out.alerts.len(), 5);
    assert!(out.alerts.iter().all(|k| k == key));
    assert_eq!(out.unlisted, vec![key.to_owned()]);
    assert!(out.listed.is_empty());
    assert_eq!(listed(&store, key).await, None);
    // Alerts only.
    let alerts = r
        .triage_queue(&QueueFilter {
            alerts_only: true,
            limit: 10,
            ..QueueFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(alerts.len(), 1);
    assert!(alerts[0].official);
    assert_eq!(alerts[0].reporters, 5);
    // Even a confirmation does not list an official channel.
    let done = r
        .triage(
            &GroupRef::Id(alerts[0].id),
            Action::Confirm,
            None,
            None,
            &analyst(),
            &POLICY,
            T0 + 5,
        )
        .await
        .unwrap();
    assert_eq!(done.group.state, State::Confirmed);
    assert!(!done.blocklist_changed);
    assert_eq!(listed(&store, key).await, None);
}

async fn a_batch_is_atomic(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    r.insert_reports(&[report("DUP", 1, &["domain:a.example"], T0)], &POLICY)
        .await
        .unwrap();
    // The second report reuses a reference: the whole batch is refused.
    let err = r
        .insert_reports(
            &[
                report("NEW", 2, &["domain:b.example"], T0),
                report("DUP", 3, &["domain:c.example"], T0),
            ],
            &POLICY,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(db.scalar("SELECT count(*) FROM reports").await, 1);
    assert_eq!(db.scalar("SELECT count(*) FROM report_groups").await, 1);
    assert_eq!(db.scalar("SELECT count(*) FROM report_indicators").await, 1);
}

async fn triage_actions_follow_the_state_machine(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "domain:phish.example";
    r.insert_reports(&[report("T1", 1, &[key], T0)], &POLICY)
        .await
        .unwrap();
    let by_key = GroupRef::Key(key.into());
    let run = |action| {
        let store = Arc::clone(&store);
        let by_key = by_key.clone();
        async move {
            store
                .reports()
                .triage(
                    &by_key,
                    action,
                    None,
                    Some("checked the site"),
                    &analyst(),
                    &POLICY,
                    T0 + 100,
                )
                .await
        }
    };
    // Reopening a new group is not allowed.
    let err = run(Action::Reopen).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m == "cannot reopen a group that is new"),
        "{err:?}"
    );
    // Confirm lists it as confirmed, with one reporter only; like every change of the
    // blocklist, it moves the counter other processes watch.
    let generation = store.blocklist_generation().await.unwrap();
    let done = run(Action::Confirm).await.unwrap();
    assert!(store.blocklist_generation().await.unwrap() > generation);
    assert!(done.blocklist_changed);
    assert_eq!(done.group.state, State::Confirmed);
    assert_eq!(done.group.listed, Some(Severity::Confirmed));
    assert_eq!(
        listed(&store, key).await.unwrap().severity,
        Severity::Confirmed
    );
    // Reject takes it off.
    let generation = store.blocklist_generation().await.unwrap();
    let done = run(Action::Reject).await.unwrap();
    assert!(store.blocklist_generation().await.unwrap() > generation);
    assert!(done.blocklist_changed);
    assert_eq!(done.group.listed, None);
    assert_eq!(listed(&store, key).await, None);
    // Reopen, then mark as a duplicate of another group.
    assert_eq!(run(Action::Reopen).await.unwrap().group.state, State::New);
    let done = r
        .triage(
            &by_key,
            Action::Duplicate,
            Some("domain:other.example"),
            None,
            &analyst(),
            &POLICY,
            T0 + 200,
        )
        .await
        .unwrap();
    assert_eq!(done.group.state, State::Duplicate);
    assert_eq!(
        done.group.duplicate_of.as_deref(),
        Some("domain:other.example")
    );
    // Unknown groups.
    let err = r
        .triage(
            &GroupRef::Key("domain:none.example".into()),
            Action::Confirm,
            None,
            None,
            &analyst(),
            &POLICY,
            T0,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    // Each action is audited with who and from where.
    assert_eq!(
        actions(&store).await,
        vec![
            "triage.confirm",
            "triage.reject",
            "triage.reopen",
            "triage.duplicate"
        ]
    );
    let log = r.audit_log(None, 500).await.unwrap();
    let confirm = log.last().unwrap();
    assert_eq!(confirm.key_id, Some(7));
    assert_eq!(confirm.role, "analyst");
    assert_eq!(confirm.ip.as_deref(), Some("192.0.2.10"));
    assert_eq!(confirm.at, T0 + 100);
    let d: serde_json::Value = serde_json::from_str(confirm.detail.as_deref().unwrap()).unwrap();
    assert_eq!(d["from"], "new");
    assert_eq!(d["to"], "confirmed");
    assert_eq!(d["note"], "checked the site");
    // Paging: newest first, `before` an id.
    let older = r.audit_log(Some(log[1].id), 500).await.unwrap();
    assert_eq!(older.len(), 2);
}

async fn delisting_stops_relisting_until_confirmed(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "domain:mistaken.example";
    let batch: Vec<NewReport> = (1..=3)
        .map(|who| report(&format!("D{who}"), who, &[key], T0))
        .collect();
    r.insert_reports(&batch, &POLICY).await.unwrap();
    assert!(listed(&store, key).await.is_some());

    let generation = store.blocklist_generation().await.unwrap();
    assert!(
        r.delist(key, "the owner proved it is theirs", &analyst(), T0 + 1)
            .await
            .unwrap()
    );
    assert!(store.blocklist_generation().await.unwrap() > generation);
    assert_eq!(listed(&store, key).await, None);
    // More reports do not list it again.
    let out = r
        .insert_reports(&[report("D4", 4, &[key], T0 + 2)], &POLICY)
        .await
        .unwrap();
    assert!(!out.blocklist_changed());
    assert_eq!(listed(&store, key).await, None);
    assert!(
        r.group(&GroupRef::Key(key.into()))
            .await
            .unwrap()
            .unwrap()
            .delisted
    );
    // An analyst's confirmation does.
    let done = r
        .triage(
            &GroupRef::Key(key.into()),
            Action::Confirm,
            None,
            None,
            &analyst(),
            &POLICY,
            T0 + 3,
        )
        .await
        .unwrap();
    assert!(!done.group.delisted);
    assert_eq!(
        listed(&store, key).await.unwrap().severity,
        Severity::Confirmed
    );

    // Delisting a key no group knows (a feed entry) works too, and returns whether it
    // was listed.
    store
        .upsert_blocklist(&[entry("domain:feed.example", Severity::Confirmed, 1)])
        .await
        .unwrap();
    assert!(
        r.delist("domain:feed.example", "false positive", &analyst(), T0)
            .await
            .unwrap()
    );
    assert!(
        !r.delist("domain:feed.example", "again", &analyst(), T0)
            .await
            .unwrap()
    );
    let log = r.audit_log(None, 1).await.unwrap();
    assert_eq!(log[0].action, "blocklist.delist");
    let d: serde_json::Value = serde_json::from_str(log[0].detail.as_deref().unwrap()).unwrap();
    assert_eq!(d["reason"], "again");
    assert_eq!(d["was_listed"], "false");
}

async fn disputes_are_decided_once_and_upholding_delists(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "domain:small-shop.example";
    store
        .upsert_blocklist(&[entry(key, Severity::Suspected, 3)])
        .await
        .unwrap();
    let d = r
        .create_dispute(&NewDispute {
            reference: "D-1".into(),
            key: key.into(),
            reason: "this is my bakery's site".into(),
            contact: Some("owner@small-shop.example".into()),
            created_at: T0,
        })
        .await
        .unwrap();
    assert_eq!(d.state, DisputeState::Open);
    let other = r
        .create_dispute(&NewDispute {
            reference: "D-2".into(),
            key: "domain:x.example".into(),
            reason: "not a scam".into(),
            contact: None,
            created_at: T0 + 1,
        })
        .await
        .unwrap();
    let open = r.disputes(Some(DisputeState::Open), 10).await.unwrap();
    assert_eq!(
        open.iter()
            .map(|d| d.reference.as_str())
            .collect::<Vec<_>>(),
        vec!["D-2", "D-1"]
    );
    let (upheld, changed) = r
        .resolve_dispute(
            d.id,
            DisputeAction::Uphold,
            Some("verified ownership"),
            &analyst(),
            T0 + 5,
        )
        .await
        .unwrap();
    assert!(changed);
    assert_eq!(upheld.state, DisputeState::Upheld);
    assert_eq!(upheld.resolved_at, Some(T0 + 5));
    assert_eq!(listed(&store, key).await, None);
    assert!(
        r.group(&GroupRef::Key(key.into()))
            .await
            .unwrap()
            .unwrap()
            .delisted
    );
    let err = r
        .resolve_dispute(d.id, DisputeAction::Reject, None, &analyst(), T0 + 6)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("upheld")),
        "{err:?}"
    );
    let (rejected, changed) = r
        .resolve_dispute(other.id, DisputeAction::Reject, None, &analyst(), T0 + 7)
        .await
        .unwrap();
    assert_eq!((rejected.state, changed), (DisputeState::Rejected, false));
    assert!(matches!(
        r.resolve_dispute(9_999, DisputeAction::Reject, None, &analyst(), T0)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        r.disputes(Some(DisputeState::Open), 10)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(r.disputes(None, 10).await.unwrap().len(), 2);
    assert_eq!(
        actions(&store).await,
        vec![
            "dispute.open",
            "dispute.open",
            "dispute.uphold",
            "blocklist.delist",
            "dispute.reject"
        ]
    );
}

async fn aging_removes_entries_without_new_evidence(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let now = T0 + 50_000;
    let mut old_suspected = entry("domain:old-s.example", Severity::Suspected, 1);
    old_suspected.last_seen = now - 1_001;
    let mut fresh_suspected = entry("domain:fresh-s.example", Severity::Suspected, 1);
    fresh_suspected.last_seen = now - 1_000;
    let mut old_confirmed = entry("domain:old-c.example", Severity::Confirmed, 1);
    old_confirmed.last_seen = now - 10_001;
    let mut aging_confirmed = entry("domain:mid-c.example", Severity::Confirmed, 1);
    aging_confirmed.last_seen = now - 1_001;
    store
        .upsert_blocklist(&[
            old_suspected,
            fresh_suspected,
            old_confirmed,
            aging_confirmed,
        ])
        .await
        .unwrap();
    let generation = store.blocklist_generation().await.unwrap();
    let expired = r
        .expire_blocklist(now, &POLICY, &Actor::cli())
        .await
        .unwrap();
    assert_eq!((expired.suspected, expired.confirmed), (1, 1));
    assert!(store.blocklist_generation().await.unwrap() > generation);
    let mut keys: Vec<String> = store
        .load_blocklist()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.key)
        .collect();
    keys.sort();
    assert_eq!(keys, vec!["domain:fresh-s.example", "domain:mid-c.example"]);
    // Nothing more to expire: no audit record for an empty run.
    let again = r
        .expire_blocklist(now, &POLICY, &Actor::cli())
        .await
        .unwrap();
    assert_eq!((again.suspected, again.confirmed), (0, 0));
    let log = r.audit_log(None, 10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].action.as_str(), log[0].role.as_str()),
        ("blocklist.expire", "cli")
    );
    // A TTL of 0 never expires.
    let forever = Policy {
        suspected_ttl: 0,
        confirmed_ttl: 0,
        ..POLICY
    };
    let none = r
        .expire_blocklist(now * 2, &forever, &Actor::cli())
        .await
        .unwrap();
    assert_eq!((none.suspected, none.confirmed), (0, 0));
}

async fn partners_read_contacts_only_when_asked(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let mut hk = report("P1", 1, &["domain:a.example", "phone:+85230000001"], T0);
    hk.contact = Some("victim@example.net".into());
    let mut tw = report("P2", 2, &["domain:a.example"], T0 + 1);
    tw.region = Some("TW".into());
    tw.contact = Some("+886 2 0000 0000".into());
    let hk_no_contact = report("P3", 3, &["domain:b.example"], T0 + 2);
    r.insert_reports(&[hk, tw, hk_no_contact], &POLICY)
        .await
        .unwrap();
    // Contacts live in their own table.
    assert_eq!(db.scalar("SELECT count(*) FROM report_contacts").await, 2);

    let hk_reports = r
        .reports_by_region(Some("HK"), true, None, 10)
        .await
        .unwrap();
    let refs: Vec<(&str, Option<&str>)> = hk_reports
        .iter()
        .map(|r| (r.reference.as_str(), r.contact.as_deref()))
        .collect();
    assert_eq!(refs, vec![("P3", None), ("P1", Some("victim@example.net"))]);
    assert_eq!(
        hk_reports[1].keys,
        vec![
            "domain:a.example".to_owned(),
            "phone:+85230000001".to_owned()
        ]
    );
    assert_eq!(hk_reports[1].loss_amount.as_deref(), Some("100"));
    let without = r.reports_by_region(None, false, None, 10).await.unwrap();
    assert_eq!(without.len(), 3);
    assert!(without.iter().all(|r| r.contact.is_none()));
    // Paging.
    let older = r
        .reports_by_region(None, false, Some(without[0].id), 10)
        .await
        .unwrap();
    assert_eq!(older.len(), 2);
}

async fn the_audit_log_is_append_only(db: TestDb) {
    let store = db.open().await;
    let id = store
        .reports()
        .append_audit(
            &analyst(),
            "reports.read",
            Some("HK"),
            Some(r#"{"count":"3"}"#),
            T0,
        )
        .await
        .unwrap();
    assert!(id > 0);
    for sql in [
        "UPDATE audit_log SET role = 'admin'",
        "DELETE FROM audit_log",
    ] {
        let Err(e) = sqlx_check(&db, sql).await else {
            panic!("{sql} was allowed");
        };
        assert!(e.contains("append-only"), "{e}");
    }
    assert_eq!(db.scalar("SELECT count(*) FROM audit_log").await, 1);
}

async fn the_audit_log_is_read_by_target(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let key = "domain:history.example";
    let mut ids = Vec::new();
    for (i, (action, target)) in [
        ("triage.confirm", Some(key)),
        ("triage.confirm", Some("domain:other.example")),
        ("reports.read", None),
        ("blocklist.delist", Some(key)),
        // A target that only starts with the key is another target.
        ("triage.reject", Some("domain:history.example.org")),
        ("dispute.open", Some(key)),
    ]
    .into_iter()
    .enumerate()
    {
        let at = T0 + i64::try_from(i).unwrap();
        ids.push(
            r.append_audit(&analyst(), action, target, None, at)
                .await
                .unwrap(),
        );
    }
    let of = r.audit_of(key, None, 50).await.unwrap();
    let seen: Vec<(&str, i64)> = of.iter().map(|a| (a.action.as_str(), a.id)).collect();
    assert_eq!(
        seen,
        vec![
            ("dispute.open", ids[5]),
            ("blocklist.delist", ids[3]),
            ("triage.confirm", ids[0]),
        ]
    );
    assert!(of.iter().all(|a| a.target.as_deref() == Some(key)));
    assert_eq!(of[0].role, "analyst");
    assert_eq!(of[0].at, T0 + 5);
    // Paging: `before` an id, at most `limit`.
    let older = r.audit_of(key, Some(ids[5]), 1).await.unwrap();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].id, ids[3]);
    assert!(
        r.audit_of("domain:none.example", None, 50)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn group_commit_stores_every_acknowledged_report(db: TestDb) {
    let store = db.open().await;
    let writer_store = Arc::clone(&store);
    let writer: GroupCommit<NewReport, i64, StoreError> =
        GroupCommit::spawn(64, 1024, move |batch: Vec<NewReport>| {
            let store = Arc::clone(&writer_store);
            async move {
                let out = store.reports().insert_reports(&batch, &POLICY).await?;
                Ok(out.ids)
            }
        });
    let mut tasks = Vec::new();
    for i in 0..300u32 {
        let w = writer.clone();
        tasks.push(tokio::spawn(async move {
            let key = format!("domain:s{}.example", i % 7);
            let who = u8::try_from(i % 5).unwrap();
            w.submit(report(&format!("G{i}"), who, &[&key], T0)).await
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap().unwrap());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 300);
    drop(writer);
    // Another connection, as after a restart, sees every acknowledged report.
    let reopened = db.open().await;
    let all = reopened
        .reports()
        .reports_by_region(None, false, None, 500)
        .await
        .unwrap();
    assert_eq!(all.len(), 300);
    let groups = reopened
        .reports()
        .triage_queue(&QueueFilter {
            limit: 100,
            ..QueueFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(groups.len(), 7);
    assert_eq!(groups.iter().map(|g| g.reports).sum::<u32>(), 300);
    assert!(
        groups
            .iter()
            .all(|g| g.reporters == 5 && g.listed == Some(Severity::Suspected))
    );
}

/// Reports that do not vote (shared infrastructure, indicators found in the text) are
/// kept and grouped but never list; reporters count only within the window.
async fn only_recent_votes_list(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let platform = "domain:gmail.com";
    let context = |reference: &str, who: u8, at: i64| {
        let mut rep = report(reference, who, &[platform], at);
        rep.indicators[0].votes = false;
        rep
    };
    let flood: Vec<NewReport> = (0..50)
        .map(|i| context(&format!("F{i}"), i, T0 + i64::from(i)))
        .collect();
    let out = r.insert_reports(&flood, &POLICY).await.unwrap();
    assert!(
        !out.blocklist_changed(),
        "50 non-voting reports list nothing"
    );
    let g = r
        .group(&GroupRef::Key(platform.into()))
        .await
        .unwrap()
        .expect("the reports are kept for analysts");
    assert_eq!((g.reports, g.reporters), (50, 0));
    assert_eq!(listed(&store, platform).await, None);

    // Two reporters long ago and one now: not three within the window.
    let key = "domain:slow-scam.example";
    r.insert_reports(
        &[report("S1", 1, &[key], T0), report("S2", 2, &[key], T0 + 1)],
        &POLICY,
    )
    .await
    .unwrap();
    let out = r
        .insert_reports(&[report("S3", 3, &[key], T0 + POLICY.window + 10)], &POLICY)
        .await
        .unwrap();
    assert!(!out.blocklist_changed(), "stale reporters do not count");
    // One of the old reporters reports again: now three are recent.
    let out = r
        .insert_reports(&[report("S4", 1, &[key], T0 + POLICY.window + 20)], &POLICY)
        .await
        .unwrap();
    assert!(!out.blocklist_changed(), "1 and 3 are recent, 2 is not");
    let out = r
        .insert_reports(&[report("S5", 2, &[key], T0 + POLICY.window + 30)], &POLICY)
        .await
        .unwrap();
    assert_eq!(out.listed, vec![key.to_owned()]);
}

async fn a_report_is_found_by_its_reference_with_its_groups(db: TestDb) {
    let store = db.open().await;
    let r = store.reports();
    let (a, b) = ("domain:one.example", "domain:two.example");
    let mut text_only = report("R-TEXT", 2, &[], T0);
    text_only.contact = Some("me@mail.example".into());
    r.insert_reports(&[report("R-TWO", 1, &[a, b], T0), text_only], &POLICY)
        .await
        .unwrap();
    let (at, groups) = r
        .report_by_reference("R-TWO")
        .await
        .unwrap()
        .expect("found");
    assert_eq!(at, T0);
    let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, [a, b]);
    assert!(
        groups
            .iter()
            .all(|g| g.state == State::New && g.listed.is_none())
    );
    let (_, none) = r
        .report_by_reference("R-TEXT")
        .await
        .unwrap()
        .expect("found");
    assert!(none.is_empty());
    assert!(r.report_by_reference("R-NONE").await.unwrap().is_none());
    // A confirmation shows through the groups.
    r.triage(
        &GroupRef::Key(b.into()),
        Action::Confirm,
        None,
        None,
        &analyst(),
        &POLICY,
        T0 + 10,
    )
    .await
    .unwrap();
    let (_, groups) = r
        .report_by_reference("R-TWO")
        .await
        .unwrap()
        .expect("found");
    assert_eq!(groups[1].state, State::Confirmed);
    assert_eq!(groups[1].listed, Some(Severity::Confirmed));
}

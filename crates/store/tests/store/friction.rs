//! The friction ladder on both engines (issue 14): a step is recorded once, answers
//! escalate a confirm to a hold, a hold is released only from `release_at` (and
//! stays released), a cancelled one can no longer change, and the per-step figures
//! group the exposed users by their first variant.

use campaign::Arm;
use campaign::friction::{AnswerRisk, Step};
use std::sync::Arc;

use serde_json::json;
use store::StoreError;
use store::campaigns::ScreeningDraft;
use store::friction::{Answered, Friction, FrictionState, StoredAnswer, TrustedContact};

use crate::TestDb;

both_engines!(
    friction_steps_answers_release_cancel_and_figures,
    a_screening_stores_its_step_with_it,
);

fn friction(id: &str, campaign_id: i64, user: u8, step: Step, at: i64) -> Friction {
    let held = step == Step::Hold;
    Friction {
        screening_id: id.into(),
        campaign_id,
        variant: "b".into(),
        user: [user; 32],
        locale: "en".into(),
        step,
        state: FrictionState::Open,
        risk_score: if held { 100 } else { 40 },
        hold_hours: 24,
        held_at: held.then_some(at),
        release_at: held.then_some(at + 24 * 3_600),
        contact: held.then_some(TrustedContact {
            pseudonym: [9; 32],
            key_id: 1,
            consent: true,
        }),
        contact_notified: None,
        created_at: at,
        closed_at: None,
    }
}

async fn friction_steps_answers_release_cancel_and_figures(db: TestDb) {
    let store = db.open().await;
    let cs = store.campaigns();
    let fs = store.friction();
    let c = cs
        .create_campaign(&crate::campaign_spec("Ladder", &["HK"]))
        .await
        .unwrap();
    let day = 20_000 * 86_400;
    let exposed = |id: &str, user: u8, at: i64, variant: &'static str| {
        crate::screening(id, user, at, Some((c.id, Some(Arm::Exposed), variant, 1)))
    };
    for s in [
        exposed("s1", 1, day + 10, "a"),
        exposed("s1b", 1, day + 500, "b"),
        exposed("s2", 2, day + 20, "b"),
        exposed("s3", 3, day + 30, "b"),
        crate::screening("s4", 4, day + 40, Some((c.id, Some(Arm::Holdout), "a", 1))),
    ] {
        cs.record_screening(&s).await.unwrap();
    }
    let hold = friction("s2", c.id, 2, Step::Hold, day + 20);
    fs.start_friction(&hold).await.unwrap();
    assert!(matches!(
        fs.start_friction(&hold).await,
        Err(StoreError::Conflict(_))
    ));
    fs.start_friction(&friction("s3", c.id, 3, Step::Confirm, day + 30))
        .await
        .unwrap();
    let (read, answers) = fs.get_friction("s2").await.unwrap().unwrap();
    assert_eq!(read, hold);
    assert!(answers.is_empty());
    assert!(fs.get_friction("nope").await.unwrap().is_none());

    // A scam script's answer escalates the confirm to a hold from then.
    let at = day + 100;
    let answered = Answered {
        answers: vec![
            StoredAnswer {
                question: "who".into(),
                answer: "mentor".into(),
                risk: AnswerRisk::High,
            },
            StoredAnswer {
                question: "purpose".into(),
                answer: "own_wallet".into(),
                risk: AnswerRisk::None,
            },
        ],
        risk_score: 100,
        step: Step::Hold,
        at,
    };
    let after = fs.answer_friction("s3", &answered).await.unwrap();
    assert_eq!(after.step, Step::Hold);
    assert_eq!(after.risk_score, 100);
    assert_eq!(after.held_at, Some(at));
    assert_eq!(after.release_at, Some(at + 24 * 3_600));
    let (_, answers) = fs.get_friction("s3").await.unwrap().unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0].question, "purpose");
    assert!(matches!(
        fs.answer_friction("nope", &answered).await,
        Err(StoreError::NotFound)
    ));

    // Released only from release_at; then it stays released.
    let early = fs.release_friction("s2", day + 3_600).await.unwrap();
    assert_eq!(early.state, FrictionState::Open);
    let release = day + 20 + 24 * 3_600 + 600;
    let released = fs.release_friction("s2", release).await.unwrap();
    assert_eq!(released.state, FrictionState::Released);
    assert_eq!(released.closed_at, Some(release));
    let again = fs.release_friction("s2", release + 99).await.unwrap();
    assert_eq!(again.closed_at, Some(release));
    assert!(matches!(
        fs.release_friction("nope", release).await,
        Err(StoreError::NotFound)
    ));
    // A released hold is not cancelled; an open one is, once.
    assert!(!fs.cancel_friction("s2", release).await.unwrap());
    assert!(fs.cancel_friction("s3", at + 5).await.unwrap());
    assert!(!fs.cancel_friction("s3", at + 6).await.unwrap());
    assert!(matches!(
        fs.answer_friction("s3", &answered).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(!fs.cancel_friction("s1", at).await.unwrap());

    let notified = fs.contact_notified("s2", true).await.unwrap();
    assert_eq!(notified.contact_notified, Some(true));
    assert!(matches!(
        fs.contact_notified("nope", true).await,
        Err(StoreError::NotFound)
    ));

    // User 3 reports a scam later; users are grouped by their first variant (user 1's
    // is a, though their later one is b); the holdout is not counted.
    cs.link_scam_report(&[3; 32], 1, day + 1_000).await.unwrap();
    let (users, delays) = fs.friction_users(c.id).await.unwrap();
    let figures: Vec<(String, u64, u64, u64)> = users
        .iter()
        .map(|u| {
            (
                u.variant.clone(),
                u.users,
                u.later_reported,
                u.delayed_unreported,
            )
        })
        .collect();
    assert_eq!(figures, vec![("a".into(), 1, 0, 0), ("b".into(), 2, 1, 1)]);
    assert_eq!(delays, vec![("b".to_owned(), release - (day + 20))]);
}

/// The step is chosen by the store after the variant, from the risk, and written in the
/// screening's transaction: read back at once, with the trusted contact; the holdout,
/// a quiet risk and a variant without a ladder write none.
async fn a_screening_stores_its_step_with_it(db: TestDb) {
    let store = db.open().await;
    let cs = store.campaigns();
    let q = json!([{"id": "who", "question": "Who asked you?", "answers": [
        {"id": "nobody", "text": "Nobody", "risk": "none"},
        {"id": "mentor", "text": "A mentor", "risk": "high"}]}]);
    let content = json!({"en": {"title": "Stop", "message": "Think.",
                                "escalation": "Call 18222", "questionnaire": q}});
    let spec = |holdout: u32, friction: serde_json::Value| {
        crate::campaign_spec("Ladder", &["HK"])
            .patched(&json!({
                "holdout_percent": holdout,
                "frequency_cap": null,
                "variants": [{"key": "v", "friction": friction, "content": content}]
            }))
            .unwrap()
    };
    let ladder = json!({"steps": ["confirm", "hold"], "hold_hours": 12});
    let held = Arc::new(cs.create_campaign(&spec(0, ladder.clone())).await.unwrap());
    let halved = Arc::new(cs.create_campaign(&spec(50, ladder)).await.unwrap());
    let plain = Arc::new(cs.create_campaign(&spec(0, json!(null))).await.unwrap());
    let confirmed = campaign::Risk::of(vec![campaign::Signal::ReportedScam {
        reports: 2,
        confirmed: true,
    }]);
    let quiet = campaign::Risk::of(vec![campaign::Signal::FirstWithdrawal]);
    let high = campaign::Risk::of(vec![
        campaign::Signal::LargeAmount { ratio: 9 },
        campaign::Signal::RecentSecurityChange { hours: 2 },
    ]);
    let contact = TrustedContact {
        pseudonym: [5; 32],
        key_id: 1,
        consent: true,
    };
    let at = 1_800_000_000;
    let draft = |id: &str, user: u8, c: &Arc<campaign::Campaign>, risk: &campaign::Risk| {
        let mut screening = crate::screening(id, user, at, None);
        screening.risk_level = risk.level;
        screening.risk_score = risk.score;
        screening.decision = risk.decision();
        ScreeningDraft {
            screening,
            candidates: vec![Arc::clone(c)],
            risk: risk.clone(),
            contact: Some(contact),
        }
    };
    let s = cs.screen(draft("h1", 1, &held, &confirmed)).await.unwrap();
    let f = s.friction.clone().unwrap();
    assert_eq!(f.step, Step::Hold);
    assert_eq!((f.held_at, f.release_at), (Some(at), Some(at + 12 * 3_600)));
    assert_eq!(f.contact, Some(contact));
    assert_eq!(f.risk_score, confirmed.score);
    let (read, answers) = store.friction().get_friction("h1").await.unwrap().unwrap();
    assert_eq!(read, f);
    assert!(answers.is_empty());
    // Half the users are held out: they are shown nothing, so asked nothing (a listed
    // scam's warning is shown to the holdout too, so a high risk without one here).
    let mut seen = (0, 0);
    for user in 10..40 {
        let id = format!("x{user}");
        let s = cs.screen(draft(&id, user, &halved, &high)).await.unwrap();
        let shown = s.screening.campaign.unwrap().shown;
        assert_eq!(
            s.friction.as_ref().map(|f| f.step),
            shown.then_some(Step::Confirm)
        );
        let stored = store.friction().get_friction(&id).await.unwrap();
        assert_eq!(stored.is_some(), shown, "{id}");
        if shown { seen.0 += 1 } else { seen.1 += 1 }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
    for (id, user, c, risk) in [("q1", 2, &held, &quiet), ("p1", 4, &plain, &confirmed)] {
        let s = cs.screen(draft(id, user, c, risk)).await.unwrap();
        assert!(s.screening.campaign.is_some(), "{id}");
        assert_eq!(s.friction, None, "{id}");
        assert!(store.friction().get_friction(id).await.unwrap().is_none());
    }
}

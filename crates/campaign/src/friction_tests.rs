#![allow(clippy::unwrap_used)]

use serde_json::json;

use crate::friction::{AnswerRisk, Step, reassess, step};
use crate::sim::{LadderTruth, ladder_campaign, run_ladder};
use crate::stats::{StepArm, VariantUsers, ladder};
use crate::*;

fn ladder_doc() -> serde_json::Value {
    let q = |who: &str| {
        json!([{
            "id": "who",
            "question": who,
            "answers": [
                {"id": "nobody", "text": "Nobody", "risk": "none"},
                {"id": "friend", "text": "A friend by message", "risk": "low"},
                {"id": "mentor", "text": "An investment mentor", "risk": "high"}
            ]
        }])
    };
    json!({
        "name": "Ladder",
        "partner": "Police",
        "regions": ["HK"],
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "variants": [{
            "key": "hold",
            "friction": {"steps": ["hold", "confirm"], "hold_hours": 24},
            "content": {
                "en": {"title": "T", "message": "M", "escalation": "Call 18222",
                       "questionnaire": q("Who asked you?")},
                "zh-Hant": {"title": "T", "message": "M", "escalation": "致電 18222",
                            "questionnaire": q("誰叫你提款？")}
            }
        }]
    })
}

fn refused(doc: &serde_json::Value) -> SpecError {
    Spec::from_json(doc).unwrap_err()
}

#[test]
fn a_ladder_round_trips_and_bad_ladders_name_the_field() {
    let spec = Spec::from_json(&ladder_doc()).unwrap();
    let f = spec.variants[0].friction.as_ref().unwrap();
    assert_eq!(f.steps, vec![Step::Confirm, Step::Hold]);
    assert_eq!((f.hold_hours, f.confirm_from), (24, RiskLevel::Medium));
    assert_eq!(Spec::from_json(&spec.to_json()).unwrap(), spec);
    // An alert-only document's JSON has no ladder fields.
    let mut plain = ladder_doc();
    plain["variants"][0]
        .as_object_mut()
        .unwrap()
        .remove("friction");
    let plain = Spec::from_json(&plain).unwrap();
    assert!(plain.variants[0].friction.is_none());

    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "/variants/0/friction/steps",
            json!([]),
            "variants[0].friction.steps",
        ),
        (
            "/variants/0/friction/steps",
            json!(["stop"]),
            "variants[0].friction.steps[0]",
        ),
        (
            "/variants/0/friction/steps",
            json!(["hold", "hold"]),
            "variants[0].friction.steps[1]",
        ),
        (
            "/variants/0/friction/hold_hours",
            json!(0),
            "variants[0].friction.hold_hours",
        ),
        (
            "/variants/0/friction/hold_hours",
            json!(169),
            "variants[0].friction.hold_hours",
        ),
        (
            "/variants/0/friction/confirm_from",
            json!("none"),
            "variants[0].friction.confirm_from",
        ),
        (
            "/variants/0/content/en/questionnaire",
            json!([]),
            "variants[0].content.en.questionnaire",
        ),
        (
            "/variants/0/content/en/questionnaire/0/id",
            json!("Who?"),
            "variants[0].content.en.questionnaire[0].id",
        ),
        (
            "/variants/0/content/en/questionnaire/0/answers/0/risk",
            json!("max"),
            "variants[0].content.en.questionnaire[0].answers[0].risk",
        ),
        (
            "/variants/0/content/en/questionnaire/0/answers/1/id",
            json!("nobody"),
            "variants[0].content.en.questionnaire[0].answers[1].id",
        ),
        (
            "/variants/0/content/en/questionnaire/0/answers",
            json!([{"id": "a", "text": "A", "risk": "none"}]),
            "variants[0].content.en.questionnaire[0].answers",
        ),
        (
            "/variants/0/content/en/questionnaire/0/question",
            json!(""),
            "variants[0].content.en.questionnaire[0].question",
        ),
        // Another locale with other ids.
        (
            "/variants/0/content/zh-Hant/questionnaire/0/answers/2/id",
            json!("police"),
            "variants[0].content.zh-Hant.questionnaire",
        ),
        (
            "/variants/0/content/zh-Hant/questionnaire/0/answers/2/risk",
            json!("low"),
            "variants[0].content.zh-Hant.questionnaire",
        ),
        (
            "/variants/0/content/zh-Hant/escalation",
            serde_json::Value::Null,
            "variants[0].content.zh-Hant.escalation",
        ),
    ];
    for (pointer, value, path) in cases {
        let mut doc = ladder_doc();
        if value.is_null() {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            doc.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
        } else {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let parent = doc.pointer_mut(parent).unwrap();
            match parent {
                serde_json::Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
                _ => {
                    parent.as_object_mut().unwrap().insert(key.into(), value);
                }
            }
        }
        let e = refused(&doc);
        assert_eq!(e.path, path, "{pointer}: {e}");
    }
    // Too many questions.
    let mut doc = ladder_doc();
    let one = doc["variants"][0]["content"]["en"]["questionnaire"][0].clone();
    let many: Vec<_> = (0..11)
        .map(|i| {
            let mut q = one.clone();
            q["id"] = format!("q{i}").into();
            q
        })
        .collect();
    doc["variants"][0]["content"]["en"]["questionnaire"] = many.into();
    assert_eq!(refused(&doc).path, "variants[0].content.en.questionnaire");
}

#[test]
fn the_step_follows_the_ladder_and_the_risk() {
    let spec = Spec::from_json(&ladder_doc()).unwrap();
    let f = spec.variants[0].friction.as_ref();
    use Decision::{Allow, Hold, Warn};
    assert_eq!(step(f, true, Hold, RiskLevel::Critical), Some(Step::Hold));
    assert_eq!(step(f, true, Warn, RiskLevel::High), Some(Step::Confirm));
    // A suspected listing alone warns: confirm, never hold.
    assert_eq!(
        step(f, true, Warn, RiskLevel::Critical),
        Some(Step::Confirm)
    );
    assert_eq!(step(f, true, Warn, RiskLevel::Medium), Some(Step::Confirm));
    assert_eq!(step(f, true, Allow, RiskLevel::Low), None);
    // Not shown (holdout), or no ladder: nothing.
    assert_eq!(step(f, false, Hold, RiskLevel::Critical), None);
    assert_eq!(step(None, true, Hold, RiskLevel::Critical), None);
    // A confirm-only ladder never holds.
    let mut doc = ladder_doc();
    doc["variants"][0]["friction"] = json!({"steps": ["confirm"], "confirm_from": "low"});
    let spec = Spec::from_json(&doc).unwrap();
    let f = spec.variants[0].friction.as_ref();
    assert_eq!(
        step(f, true, Hold, RiskLevel::Critical),
        Some(Step::Confirm)
    );
    assert_eq!(step(f, true, Allow, RiskLevel::Low), Some(Step::Confirm));
    assert_eq!(step(f, true, Allow, RiskLevel::None), None);
}

#[test]
fn the_store_starts_the_step_of_the_chosen_variant_with_its_hold() {
    use crate::friction::{Start, start};
    let campaign = Campaign {
        id: 7,
        spec: Spec::from_json(&ladder_doc()).unwrap(),
        created_at: 0,
        updated_at: 0,
    };
    let chosen = |variant: &str, shown: bool| CampaignScreening {
        campaign_id: 7,
        arm: Some(if shown { Arm::Exposed } else { Arm::Holdout }),
        variant: variant.into(),
        exposure: 1,
        shown,
    };
    let confirmed = Risk::of(vec![Signal::ReportedScam {
        reports: 3,
        confirmed: true,
    }]);
    let suspected = Risk::of(vec![Signal::ReportedScam {
        reports: 3,
        confirmed: false,
    }]);
    let quiet = Risk::of(vec![Signal::FirstWithdrawal]);
    let at = 1_000;
    let hold = Start {
        step: Step::Hold,
        hold_hours: 24,
        held_at: Some(at),
        release_at: Some(at + 24 * 3_600),
    };
    let confirm = Start {
        step: Step::Confirm,
        hold_hours: 24,
        held_at: None,
        release_at: None,
    };
    let cases = [
        ("hold", true, &confirmed, Some(hold)),
        // Public reports alone never hold: the questionnaire instead.
        ("hold", true, &suspected, Some(confirm)),
        ("hold", true, &quiet, None),
        // The holdout is not shown anything, so it is asked nothing.
        ("hold", false, &confirmed, None),
        // A variant the campaign no longer has starts nothing.
        ("gone", true, &confirmed, None),
    ];
    for (variant, shown, risk, want) in cases {
        assert_eq!(
            start(&campaign, &chosen(variant, shown), risk, at),
            want,
            "{variant} shown={shown} {:?}",
            risk.level
        );
    }
}

#[test]
fn answers_reassess_and_a_scam_script_escalates_to_hold() {
    let spec = Spec::from_json(&ladder_doc()).unwrap();
    let v = &spec.variants[0];
    let f = v.friction.as_ref().unwrap();
    let q = &v.content["en"].questionnaire;
    let a = |x: &str| vec![("who".to_owned(), x.to_owned())];
    let r = reassess(f, q, Step::Confirm, 40, &a("nobody")).unwrap();
    assert_eq!(
        (r.step, r.score, r.level),
        (Step::Confirm, 40, RiskLevel::Medium)
    );
    let r = reassess(f, q, Step::Confirm, 40, &a("friend")).unwrap();
    assert_eq!((r.step, r.score), (Step::Confirm, 50));
    assert_eq!(r.answers[0].risk, AnswerRisk::Low);
    let r = reassess(f, q, Step::Confirm, 40, &a("mentor")).unwrap();
    assert_eq!(
        (r.step, r.score, r.level),
        (Step::Hold, 100, RiskLevel::Critical)
    );
    // Without the hold step the risk rises but the step stays.
    let confirm_only = crate::Friction {
        steps: vec![Step::Confirm],
        ..f.clone()
    };
    let r = reassess(&confirm_only, q, Step::Confirm, 30, &a("mentor")).unwrap();
    assert_eq!(
        (r.step, r.score, r.level),
        (Step::Confirm, 90, RiskLevel::Critical)
    );
    // Refusals name the answer.
    let e = reassess(f, q, Step::Confirm, 40, &a("police")).unwrap_err();
    assert!(e.starts_with("`answers[0].answer`"), "{e}");
    let e = reassess(f, q, Step::Confirm, 40, &[("what".into(), "x".into())]).unwrap_err();
    assert!(e.starts_with("`answers[0].question`"), "{e}");
    let e = reassess(f, q, Step::Confirm, 40, &[]).unwrap_err();
    assert!(e.contains("not answered"), "{e}");
    let twice = [
        ("who".to_owned(), "nobody".to_owned()),
        ("who".into(), "friend".into()),
    ];
    let e = reassess(f, q, Step::Confirm, 40, &twice).unwrap_err();
    assert!(e.starts_with("`answers[1].question`"), "{e}");
}

#[test]
fn the_ladder_stats_compare_each_step_with_alert_only() {
    let c = ladder_campaign(10, 24).unwrap();
    let users = [
        VariantUsers {
            variant: "alert".into(),
            users: 1000,
            later_reported: 30,
            delayed_unreported: 0,
        },
        VariantUsers {
            variant: "hold".into(),
            users: 1000,
            later_reported: 10,
            delayed_unreported: 99,
        },
    ];
    let delays = [
        ("hold".to_owned(), 24 * 3600),
        ("hold".to_owned(), 30 * 3600),
    ];
    let rows = ladder(&c, &users, &delays);
    assert_eq!(
        rows.iter().map(|r| r.step).collect::<Vec<_>>(),
        vec![StepArm::AlertOnly, StepArm::Confirm, StepArm::Hold]
    );
    let hold = &rows[2];
    assert_eq!(hold.later_reported_scams.per_1000, Some(10.0));
    let d = hold.versus_alert_only_per_1000.unwrap();
    assert!((d.difference.unwrap() + 20.0).abs() < 1e-9);
    let [lo, hi] = d.ci95.unwrap();
    assert!(lo < -20.0 && hi < 0.0, "{lo} {hi}");
    assert_eq!(hold.cost.delayed.count, 99);
    assert_eq!(hold.cost.delayed.rate, Some(99.0 / 990.0));
    assert_eq!(hold.cost.median_delay_hours, Some(27.0));
    assert!(rows[0].versus_alert_only_per_1000.is_none());
    // The confirm arm has no users: no rates.
    assert_eq!(rows[1].later_reported_scams.per_1000, None);
    // A campaign without a ladder has no per-step rows.
    let plain = Spec::from_json(&json!({
        "name": "n", "partner": "p", "regions": ["HK"], "starts_at": "2025-01-01T00:00:00Z",
        "variants": [{"key": "a", "content": {"en": {"title": "t", "message": "m"}}}]
    }))
    .unwrap();
    let plain = Campaign {
        id: 2,
        spec: plain,
        created_at: 0,
        updated_at: 0,
    };
    assert!(ladder(&plain, &users, &[]).is_empty());
}

/// Many seeded simulations: the 95 % intervals of every per-step figure (later scams
/// per 1,000, the difference against alert only, the delayed share) cover the true
/// value at close to their nominal rate, and the median delay is near its truth.
#[test]
fn simulated_ladders_are_recovered_at_the_nominal_rate() {
    const RUNS: u32 = 60;
    let c = ladder_campaign(10, 24).unwrap();
    let truth = LadderTruth::default();
    let (mut checks, mut covered) = (0u32, 0u32);
    let mut check = |truth: f64, ci: Option<[f64; 2]>| {
        let [lo, hi] = ci.unwrap();
        checks += 1;
        covered += u32::from(lo <= truth && truth <= hi);
    };
    for seed in 0..u64::from(RUNS) {
        let (users, delays) = run_ladder(&c, &truth, 3_000, seed);
        let rows = ladder(&c, &users, &delays);
        assert_eq!(rows.len(), 3);
        let control = truth.scam_of(StepArm::AlertOnly);
        for r in &rows {
            let t = truth.scam_of(r.step);
            check(t * 1000.0, r.later_reported_scams.ci95);
            if let Some(d) = r.versus_alert_only_per_1000 {
                check((t - control) * 1000.0, d.ci95);
            }
            if r.step == StepArm::Hold {
                check(truth.delayed_of(r.step), r.cost.delayed.ci95);
                let median = r.cost.median_delay_hours.unwrap();
                assert!((median - 30.0).abs() < 2.0, "seed {seed}: median {median}");
            } else {
                assert_eq!(r.cost.delayed.count, 0);
            }
        }
    }
    let coverage = f64::from(covered) / f64::from(checks);
    assert_eq!(checks, RUNS * 6);
    eprintln!("coverage {coverage:.3} over {checks} intervals");
    assert!(
        (0.92..=0.98).contains(&coverage),
        "coverage {coverage:.3} over {checks} intervals"
    );
}

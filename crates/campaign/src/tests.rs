#![allow(clippy::unwrap_used)]

use i18n::Locale;
use indicator::Address;
use serde_json::json;

use crate::select::{Arm, Assignment, History, bucket, in_holdout};
use crate::stats::{Action, newcombe, wilson};
use crate::*;

// ---------------------------------------------------------------------------------------
// Intervals against published values
// ---------------------------------------------------------------------------------------

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.000_051
}

/// Newcombe (1998), "Two-sided confidence intervals for the single proportion",
/// Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no continuity
/// correction).
#[test]
fn wilson_matches_newcombe_1998_table() {
    let cases: [(u64, u64, f64, f64); 5] = [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0),
    ];
    for (k, n, lo, hi) in cases {
        let (l, u) = wilson(k, n).unwrap();
        assert!(close(l, lo) && close(u, hi), "{k}/{n}: {l:.4} {u:.4}");
    }
    assert_eq!(wilson(0, 0), None);
    // Exact ends and the rate always inside, at every size.
    for n in 1..300 {
        for k in [0, 1, n / 3, n - 1, n] {
            let (l, u) = wilson(k, n).unwrap();
            let p = k as f64 / n as f64;
            assert!(l <= p && p <= u, "{k}/{n}");
        }
        assert_eq!(wilson(0, n).unwrap().0, 0.0);
        assert_eq!(wilson(n, n).unwrap().1, 1.0);
    }
    assert_eq!(wilson(3, 2), None);
}

/// Newcombe (1998), "Interval estimation for the difference between independent
/// proportions: comparison of eleven methods", Statistics in Medicine 17:873-890,
/// Table II, method 10 (hybrid score, no continuity correction).
#[test]
fn newcombe_matches_newcombe_1998_table() {
    let cases: [(u64, u64, u64, u64, f64, f64); 6] = [
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0),
    ];
    for (k1, n1, k2, n2, lo, hi) in cases {
        let (d, (l, u)) = newcombe(k1, n1, k2, n2).unwrap();
        assert!(close(d, k1 as f64 / n1 as f64 - k2 as f64 / n2 as f64));
        assert!(
            close(l, lo) && close(u, hi),
            "{k1}/{n1} - {k2}/{n2}: {l:.4} {u:.4}"
        );
    }
    assert_eq!(newcombe(1, 0, 1, 2), None);
}

// ---------------------------------------------------------------------------------------
// The campaign document
// ---------------------------------------------------------------------------------------

fn doc() -> serde_json::Value {
    json!({
        "name": "Withdrawal alert",
        "partner": "Hong Kong Police Force",
        "regions": ["hk", "MO", "HK"],
        "status": "active",
        "starts_at": "2025-11-01T00:00:00+08:00",
        "ends_at": "2026-12-01T00:00:00Z",
        "targeting": {"trigger": "all"},
        "frequency_cap": {"max_exposures": 2, "per_days": 7},
        "holdout_percent": 20,
        "variants": [
            {"key": "a", "content": {
                "en": {"title": "Stop", "message": "Think first.", "tips": ["Never share codes"],
                       "examples": ["Fake police"],
                       "contacts": [{"label": "Anti-Scam Helpline", "phone": "18222"}],
                       "resources": [{"label": "CyberDefender", "url": "https://cyberdefender.hk/"}]},
                "zh-Hant": {"title": "停一停", "message": "先想一想。"}
            }},
            {"key": "b", "content": {"en": {"title": "Check", "message": "Check the address."}}}
        ]
    })
}

fn spec() -> Spec {
    Spec::from_json(&doc()).unwrap()
}

fn campaign(id: i64, spec: Spec) -> Campaign {
    Campaign {
        id,
        spec,
        created_at: 0,
        updated_at: 0,
    }
}

#[test]
fn a_valid_document_round_trips() {
    let s = spec();
    assert_eq!(
        s.regions.iter().map(Region::as_str).collect::<Vec<_>>(),
        ["HK", "MO"]
    );
    assert_eq!(s.status, Status::Active);
    assert_eq!(s.starts_at, 1_761_926_400);
    assert_eq!(s.holdout_percent, 20);
    let back = Spec::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    assert_eq!(s.to_json()["starts_at"], "2025-10-31T16:00:00Z");
    // Locale fallback.
    let v = &s.variants[1];
    assert_eq!(v.content_for(Locale::ZhHant).unwrap().0, Locale::En);
    assert_eq!(
        s.variants[0].content_for(Locale::ZhHant).unwrap().0,
        Locale::ZhHant
    );
    // Defaults.
    let mut minimal = doc();
    for k in [
        "status",
        "targeting",
        "holdout_percent",
        "frequency_cap",
        "ends_at",
    ] {
        minimal.as_object_mut().unwrap().remove(k);
    }
    let m = Spec::from_json(&minimal).unwrap();
    assert_eq!(
        (m.status, m.targeting.trigger, m.holdout_percent),
        (Status::Draft, Trigger::All, 0)
    );
    assert_eq!((m.frequency_cap, m.ends_at), (None, None));
}

#[test]
fn invalid_documents_name_the_field() {
    let cases: &[(&str, serde_json::Value, &str)] = &[
        ("name", json!({"name": " "}), "must not be empty"),
        ("regions[1]", json!({"regions": ["HK", "UK"]}), "ISO 3166"),
        ("regions", json!({"regions": []}), "at least one"),
        ("status", json!({"status": "live"}), "draft, active"),
        ("starts_at", json!({"starts_at": "yesterday"}), "RFC 3339"),
        (
            "ends_at",
            json!({"ends_at": "2025-01-01T00:00:00Z"}),
            "after starts_at",
        ),
        (
            "targeting.trigger",
            json!({"targeting": {"trigger": "some"}}),
            "all, new_destination",
        ),
        (
            "targeting.min_risk",
            json!({"targeting": {"trigger": "risk"}}),
            "required",
        ),
        (
            "targeting.min_risk",
            json!({"targeting": {"trigger": "all", "min_risk": "high"}}),
            "only when",
        ),
        (
            "frequency_cap.max_exposures",
            json!({"frequency_cap": {"max_exposures": 0, "per_days": 1}}),
            "between 1",
        ),
        (
            "frequency_cap.per_days",
            json!({"frequency_cap": {"max_exposures": 1, "per_days": 400}}),
            "between 1",
        ),
        ("holdout_percent", json!({"holdout_percent": 51}), "0 to 50"),
        ("holdout_percent", json!({"holdout_percent": -1}), "0 to 50"),
        ("variants", json!({"variants": []}), "at least one"),
        (
            "variants[0].key",
            json!({"variants": [{"key": "A B", "content": {"en": {"title": "t", "message": "m"}}}]}),
            "a-z",
        ),
        (
            "variants[1].key",
            json!({"variants": [
            {"key": "a", "content": {"en": {"title": "t", "message": "m"}}},
            {"key": "a", "content": {"en": {"title": "t", "message": "m"}}}]}),
            "another variant",
        ),
        (
            "variants[0].content.en",
            json!({"variants": [{"key": "a", "content": {"zh-Hant": {"title": "t", "message": "m"}}}]}),
            "English",
        ),
        (
            "variants[0].content",
            json!({"variants": [{"key": "a", "content": {"fr": {"title": "t", "message": "m"}}}]}),
            "not a supported locale",
        ),
        (
            "variants[0].content.en.contacts[0]",
            json!({"variants": [{"key": "a", "content": {"en": {"title": "t", "message": "m", "contacts": [{"label": "x"}]}}}]}),
            "phone or a url",
        ),
        (
            "variants[0].content.en.contacts[0].phone",
            json!({"variants": [{"key": "a", "content": {"en": {"title": "t", "message": "m", "contacts": [{"label": "x", "phone": "call me"}]}}}]}),
            "phone number",
        ),
        (
            "variants[0].content.en.resources[0].url",
            json!({"variants": [{"key": "a", "content": {"en": {"title": "t", "message": "m", "resources": [{"label": "x", "url": "javascript:alert(1)"}]}}}]}),
            "https://",
        ),
        ("(document)", json!({"colour": "red"}), "unknown field"),
    ];
    for (path, patch, needle) in cases {
        let mut d = doc();
        crate::model::merge_patch(&mut d, patch);
        let e = Spec::from_json(&d).unwrap_err();
        assert_eq!(e.path, *path, "{patch}: {e}");
        assert!(e.message.contains(needle), "{patch}: {e}");
    }
    let e = Spec::from_json(&json!([1])).unwrap_err();
    assert_eq!(e.path, "(document)");
}

#[test]
fn patches_merge_and_revalidate() {
    let s = spec();
    let p = s
        .patched(&json!({"status": "paused", "frequency_cap": null}))
        .unwrap();
    assert_eq!((p.status, p.frequency_cap), (Status::Paused, None));
    assert_eq!(p.variants, s.variants);
    assert!(s.patched(&json!({"holdout_percent": 90})).is_err());
    assert!(s.patched(&json!("x")).is_err());
    let ended = s.patched(&json!({"status": "ended"})).unwrap();
    let e = ended.patched(&json!({"status": "active"})).unwrap_err();
    assert_eq!(e.path, "status");
}

// ---------------------------------------------------------------------------------------
// Risk
// ---------------------------------------------------------------------------------------

const REGISTRY: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com"]
addresses = [
    { chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" },
    { chain = "eth", address = "0x00000000219ab540356cbb839cbe05303d7705fa", compromised_since = "2020-06-01T00:00:00Z" },
]
"#;

const REPORTED: &str = "0x5c0ffee000000000000000000000000000000bad";
const COUNTERPARTY: &str = "0x1234567890abcdef1234567890abcdef12345678";
const POISON: &str = "0x1234000000000000000000000000000000005678";
const PLAIN: &str = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";
const IMITATION: &str = "0x5290000000000000000000000000000000069ee7";
const HIJACKED: &str = "0x00000000219ab540356cbb839cbe05303d7705fa";

fn index() -> verify::Index {
    let registry = registry::Registry::from_toml(REGISTRY).unwrap();
    let entries = vec![blocklist::Entry {
        key: format!("address:evm:{REPORTED}"),
        severity: blocklist::Severity::Confirmed,
        categories: vec![],
        report_count: 7,
        first_seen: 0,
        last_seen: 0,
        sources: vec![],
    }];
    verify::Index::build(
        &registry,
        blocklist::Index::build(entries),
        verify::Options::default(),
    )
}

fn withdrawal(destination: &str, amount: f64, context: Context) -> Withdrawal {
    Withdrawal {
        destination: Address::parse(destination).unwrap(),
        amount_usd: Some(amount),
        context,
    }
}

/// Name, withdrawal, signal codes, score, level, decision.
type RiskCase = (
    &'static str,
    Withdrawal,
    &'static [&'static str],
    u8,
    RiskLevel,
    Decision,
);

#[test]
fn risk_signals_score_level_and_decision() {
    let index = index();
    let recent = vec![Address::parse(COUNTERPARTY).unwrap()];
    let cases: Vec<RiskCase> = vec![
        (
            "nothing",
            withdrawal(PLAIN, 50.0, Context::default()),
            &[],
            0,
            RiskLevel::None,
            Decision::Allow,
        ),
        (
            "reported",
            withdrawal(REPORTED, 50.0, Context::default()),
            &["reported_scam"],
            100,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "poisoned",
            withdrawal(
                POISON,
                50.0,
                Context {
                    recent_counterparties: recent.clone(),
                    ..Context::default()
                },
            ),
            &["address_poisoning"],
            80,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "the counterparty itself",
            withdrawal(
                COUNTERPARTY,
                50.0,
                Context {
                    recent_counterparties: recent.clone(),
                    ..Context::default()
                },
            ),
            &[],
            0,
            RiskLevel::None,
            Decision::Allow,
        ),
        (
            "imitates official",
            withdrawal(IMITATION, 50.0, Context::default()),
            &["imitates_official"],
            80,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "an official address in someone else's hands",
            withdrawal(HIJACKED, 50.0, Context::default()),
            &["official_compromised"],
            80,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "new and first",
            withdrawal(
                PLAIN,
                50.0,
                Context {
                    new_destination: Some(true),
                    first_withdrawal: Some(true),
                    ..Context::default()
                },
            ),
            &["new_destination", "first_withdrawal"],
            25,
            RiskLevel::Low,
            Decision::Allow,
        ),
        (
            "large",
            withdrawal(
                PLAIN,
                6_000.0,
                Context {
                    median_withdrawal_usd_90d: Some(1_000.0),
                    ..Context::default()
                },
            ),
            &["large_amount"],
            25,
            RiskLevel::Low,
            Decision::Allow,
        ),
        (
            "large but small in dollars",
            withdrawal(
                PLAIN,
                600.0,
                Context {
                    median_withdrawal_usd_90d: Some(100.0),
                    ..Context::default()
                },
            ),
            &[],
            0,
            RiskLevel::None,
            Decision::Allow,
        ),
        (
            "takeover pattern",
            withdrawal(
                PLAIN,
                6_000.0,
                Context {
                    median_withdrawal_usd_90d: Some(1_000.0),
                    new_destination: Some(true),
                    security_change_hours: Some(3),
                    ..Context::default()
                },
            ),
            &["recent_security_change", "large_amount", "new_destination"],
            85,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "security change two days ago, new destination",
            withdrawal(
                PLAIN,
                50.0,
                Context {
                    new_destination: Some(true),
                    security_change_hours: Some(48),
                    ..Context::default()
                },
            ),
            &["recent_security_change", "new_destination"],
            45,
            RiskLevel::Medium,
            Decision::Warn,
        ),
        (
            "young account, new destination, fresh change",
            withdrawal(
                PLAIN,
                50.0,
                Context {
                    new_destination: Some(true),
                    security_change_hours: Some(5),
                    account_age_days: Some(2),
                    ..Context::default()
                },
            ),
            &["recent_security_change", "young_account", "new_destination"],
            80,
            RiskLevel::Critical,
            Decision::Hold,
        ),
        (
            "old change, old account",
            withdrawal(
                PLAIN,
                50.0,
                Context {
                    security_change_hours: Some(500),
                    account_age_days: Some(400),
                    ..Context::default()
                },
            ),
            &[],
            0,
            RiskLevel::None,
            Decision::Allow,
        ),
        (
            "young account",
            withdrawal(
                PLAIN,
                50.0,
                Context {
                    account_age_days: Some(20),
                    new_destination: Some(true),
                    first_withdrawal: Some(true),
                    ..Context::default()
                },
            ),
            &["new_destination", "first_withdrawal", "young_account"],
            35,
            RiskLevel::Medium,
            Decision::Warn,
        ),
    ];
    for (name, w, codes, score, level, decision) in cases {
        let r = assess(&index, &w);
        let got: Vec<&str> = r.signals.iter().map(Signal::code).collect();
        assert_eq!(got, codes, "{name}");
        assert_eq!(
            (r.score, r.level, r.decision()),
            (score, level, decision),
            "{name}"
        );
    }
}

#[test]
fn signal_details_are_localized_with_their_values() {
    let signals = [
        (
            Signal::ReportedScam {
                reports: 7,
                confirmed: true,
            },
            "7",
        ),
        (
            Signal::Poisoning {
                counterparty: "0x1234…5678".into(),
            },
            "0x1234…5678",
        ),
        (
            Signal::ImitatesOfficial {
                brand: "Example Exchange".into(),
            },
            "Example Exchange",
        ),
        (
            Signal::OfficialCompromised {
                brand: "Example Exchange".into(),
                since: 1_764_577_800,
            },
            "2025-12-01 08:30 UTC",
        ),
        (Signal::NewDestination, ""),
        (Signal::FirstWithdrawal, ""),
        (Signal::LargeAmount { ratio: 6 }, "6"),
        (Signal::RecentSecurityChange { hours: 3 }, "3"),
        (Signal::YoungAccount { days: 2 }, "2"),
    ];
    for (signal, value) in signals {
        let mut texts = Vec::new();
        for locale in Locale::ALL {
            let t = signal.detail(locale);
            assert!(!t.starts_with("campaign-signal-"), "{locale:?}: {t}");
            assert!(t.contains(value), "{locale:?}: {t}");
            texts.push(t);
        }
        assert_ne!(texts[0], texts[1], "{}", signal.code());
    }
}

// ---------------------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------------------

const NOW: i64 = 1_765_000_000;

fn user(n: u64) -> UserKey {
    sim::user_key(99, n)
}

fn hk() -> Region {
    Region::parse("HK").unwrap()
}

#[test]
fn eligibility_by_status_schedule_region_and_targeting() {
    let risk_none = Risk::of(vec![]);
    let risk_high = Risk::of(vec![
        Signal::RecentSecurityChange { hours: 1 },
        Signal::NewDestination,
    ]);
    let with = |patch: serde_json::Value| spec().patched(&patch).unwrap();
    let cases: Vec<(&str, Spec, &str, bool, &Risk, bool)> = vec![
        ("active in HK", spec(), "HK", false, &risk_none, true),
        ("other region", spec(), "SG", false, &risk_none, false),
        (
            "paused",
            with(json!({"status": "paused"})),
            "HK",
            false,
            &risk_none,
            false,
        ),
        (
            "draft",
            with(json!({"status": "draft"})),
            "HK",
            false,
            &risk_none,
            false,
        ),
        (
            "not started",
            with(json!({"starts_at": "2099-01-01T00:00:00Z", "ends_at": null})),
            "HK",
            false,
            &risk_none,
            false,
        ),
        (
            "ended by schedule",
            with(json!({"starts_at": "2020-01-01T00:00:00Z", "ends_at": "2021-01-01T00:00:00Z"})),
            "HK",
            false,
            &risk_none,
            false,
        ),
        (
            "new destination only: old",
            with(json!({"targeting": {"trigger": "new_destination"}})),
            "HK",
            false,
            &risk_none,
            false,
        ),
        (
            "new destination only: new",
            with(json!({"targeting": {"trigger": "new_destination"}})),
            "HK",
            true,
            &risk_none,
            true,
        ),
        (
            "risk high: none",
            with(json!({"targeting": {"trigger": "risk", "min_risk": "high"}})),
            "HK",
            true,
            &risk_none,
            false,
        ),
        (
            "risk high: high",
            with(json!({"targeting": {"trigger": "risk", "min_risk": "high"}})),
            "HK",
            true,
            &risk_high,
            true,
        ),
    ];
    for (name, s, region, new_destination, risk, expected) in cases {
        let cs = [campaign(1, s)];
        let got = eligible(
            &cs,
            Region::parse(region).unwrap(),
            new_destination,
            risk,
            NOW,
        );
        assert_eq!(!got.is_empty(), expected, "{name}");
    }
    let cs = [campaign(5, spec()), campaign(2, spec())];
    let ids: Vec<i64> = eligible(&cs, hk(), false, &risk_none, NOW)
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, [2, 5]);
}

#[test]
fn frequency_cap_spares_high_risk() {
    let c = campaign(1, spec());
    let low = Risk::of(vec![Signal::NewDestination]);
    let high = Risk::of(vec![
        Signal::RecentSecurityChange { hours: 1 },
        Signal::NewDestination,
    ]);
    let full = History {
        total: 5,
        in_window: 2,
    };
    let room = History {
        total: 5,
        in_window: 1,
    };
    let u = (0..).map(user).find(|u| !in_holdout(&c, u)).unwrap();
    assert_eq!(assign(&c, &u, full, &low), Assignment::Capped);
    assert!(matches!(
        assign(&c, &u, full, &high),
        Assignment::Assigned {
            exposure: 6,
            shown: true,
            ..
        }
    ));
    assert!(matches!(
        assign(&c, &u, room, &low),
        Assignment::Assigned {
            exposure: 6,
            shown: true,
            ..
        }
    ));
}

#[test]
fn choose_takes_the_first_campaign_that_assigns_else_the_first_capped() {
    let low = Risk::of(vec![Signal::NewDestination]);
    let uncapped = spec().patched(&json!({"frequency_cap": null})).unwrap();
    let cs = [
        campaign(1, spec()),
        campaign(2, spec()),
        campaign(3, uncapped),
    ];
    let u = (0..)
        .map(user)
        .find(|u| cs.iter().all(|c| !in_holdout(c, u)))
        .unwrap();
    let full = History {
        total: 4,
        in_window: 2,
    };
    let fresh = History::default();
    // Per case: the histories of campaigns 1, 2, 3, then (campaign, arm, exposure).
    type Case = (&'static str, [History; 3], Option<(i64, Option<Arm>, u32)>);
    let cases: [Case; 3] = [
        (
            "first assigns",
            [fresh; 3],
            Some((1, Some(Arm::Exposed), 1)),
        ),
        (
            "first capped, second assigns",
            [full, fresh, fresh],
            Some((2, Some(Arm::Exposed), 1)),
        ),
        (
            "capped twice, the uncapped third assigns",
            [full, full, full],
            Some((3, Some(Arm::Exposed), 5)),
        ),
    ];
    for (name, histories, expected) in cases {
        let mut asked = Vec::new();
        let got = choose(&cs, &u, &low, NOW, |id, since| {
            asked.push((id, since));
            Ok::<_, ()>(histories[usize::try_from(id - 1).unwrap()])
        })
        .unwrap()
        .map(|s| (s.campaign_id, s.arm, s.exposure));
        assert_eq!(got, expected, "{name}");
        // The cap's window starts `per_days` before now; without a cap, at now.
        let windows: Vec<i64> = asked.iter().map(|(_, since)| *since).collect();
        assert_eq!(
            windows,
            [NOW - 7 * 86_400, NOW - 7 * 86_400, NOW][..asked.len()],
            "{name}"
        );
    }
    // Only capped campaigns: the first one is recorded, unshown and uncounted.
    let capped_only = [campaign(1, spec()), campaign(2, spec())];
    let got = choose(&capped_only, &u, &low, NOW, |_, _| Ok::<_, ()>(full)).unwrap();
    let got = got.unwrap();
    assert_eq!((got.campaign_id, got.arm, got.shown), (1, None, false));
    assert_eq!(got.exposure, 4);
    // No candidates, no campaign; a history error stops the choice.
    let none: [Campaign; 0] = [];
    assert_eq!(
        choose(&none, &u, &low, NOW, |_, _| Ok::<_, ()>(fresh)),
        Ok(None)
    );
    assert_eq!(choose(&cs, &u, &low, NOW, |_, _| Err("down")), Err("down"));
}

#[test]
fn holdout_is_stable_near_target_and_never_withholds_a_reported_scam() {
    let c = campaign(1, spec());
    let none = Risk::of(vec![]);
    let reported = Risk::of(vec![Signal::ReportedScam {
        reports: 2,
        confirmed: true,
    }]);
    let n = 20_000;
    let mut held = 0;
    for i in 0..n {
        let u = user(i);
        let a = assign(&c, &u, History::default(), &none);
        assert_eq!(a, assign(&c, &u, History::default(), &none), "stable");
        let Assignment::Assigned { arm, shown, .. } = a else {
            panic!("not capped")
        };
        assert_eq!(arm == Arm::Holdout, in_holdout(&c, &u));
        assert_eq!(shown, arm == Arm::Exposed);
        if arm == Arm::Holdout {
            held += 1;
            let Assignment::Assigned { arm, shown, .. } =
                assign(&c, &u, History::default(), &reported)
            else {
                panic!("not capped")
            };
            assert_eq!(
                (arm, shown),
                (Arm::Holdout, true),
                "a reported scam is always shown"
            );
        }
    }
    // 20 % target: 4,000 expected, sd about 57.
    assert!((3_800..=4_200).contains(&held), "{held}");
    // Another campaign draws another holdout.
    let other = (0..1000)
        .filter(|&i| (bucket(1, &user(i)) < 2000) != (bucket(2, &user(i)) < 2000))
        .count();
    assert!(other > 100, "{other}");
    // No holdout at 0 %.
    let zero = campaign(3, spec().patched(&json!({"holdout_percent": 0})).unwrap());
    assert!((0..1000).all(|i| !in_holdout(&zero, &user(i))));
}

#[test]
fn variants_rotate_per_exposure_and_balance_across_users() {
    let c = campaign(1, spec());
    let none = Risk::of(vec![]);
    let variant = |u: &UserKey, total| match assign(
        &c,
        u,
        History {
            total,
            in_window: 0,
        },
        &none,
    ) {
        Assignment::Assigned { variant, .. } => variant,
        Assignment::Capped => panic!("capped"),
    };
    let mut first = [0u32; 2];
    for i in 0..2000 {
        let u = user(i);
        assert_ne!(
            variant(&u, 0),
            variant(&u, 1),
            "consecutive exposures differ"
        );
        assert_eq!(variant(&u, 0), variant(&u, 2));
        first[variant(&u, 0)] += 1;
    }
    assert!(
        first.iter().all(|&n| (850..=1150).contains(&n)),
        "{first:?}"
    );
}

#[test]
fn pseudonyms_are_keyed() {
    let a = pseudonymize(b"secret-1", "user-42");
    assert_eq!(a, pseudonymize(b"secret-1", "user-42"));
    assert_ne!(a, pseudonymize(b"secret-2", "user-42"));
    assert_ne!(a, pseudonymize(b"secret-1", "user-43"));
    // RFC 4231 test case 2.
    let t = pseudonymize(b"Jefe", "what do ya want for nothing?");
    assert_eq!(
        t.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

// ---------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------

#[test]
fn stats_aggregate_cells_by_arm_variant_day_and_exposure() {
    let c = campaign(1, spec());
    let mut cells = Vec::new();
    let mut add = |arm, variant: &str, day, exposure, outcomes: &[u8]| {
        let mut counts = Counts::default();
        for &o in outcomes {
            counts.add(arm == Arm::Exposed, o);
        }
        cells.push(Cell {
            arm: Some(arm),
            variant: variant.into(),
            day,
            exposure,
            counts,
        });
    };
    let (cx, rv, pr) = (
        Action::Cancelled.bit(),
        Action::Reviewed.bit(),
        Action::Proceeded.bit(),
    );
    add(Arm::Exposed, "a", 20_000, 1, &[cx, rv | pr, pr, pr]);
    add(Arm::Exposed, "b", 20_001, 2, &[pr, pr, cx | rv, 0]);
    add(Arm::Holdout, "a", 20_000, 1, &[pr, pr, cx]);
    add(Arm::Holdout, "b", 20_001, 12, &[pr]);
    let s = compute(
        &c,
        &cells,
        Users {
            users: 5,
            later_reported: 1,
        },
        Users {
            users: 2,
            later_reported: 1,
        },
    );
    assert_eq!(s.exposed.screenings, 8);
    assert_eq!(s.exposed.users, Some(5));
    assert_eq!(s.exposed.shown, 8);
    assert_eq!(s.holdout.shown, 0);
    assert_eq!(s.exposed.cancelled.count, 2);
    assert_eq!(s.exposed.reviewed.count, 2);
    assert_eq!(s.exposed.reconsidered.count, 3);
    assert_eq!(s.exposed.proceeded.count, 5);
    assert_eq!(s.exposed.reconsidered.rate, Some(3.0 / 8.0));
    assert_eq!(s.holdout.reconsidered.count, 1);
    let d = s.uplift.reconsidered.difference.unwrap();
    assert!((d - (3.0 / 8.0 - 1.0 / 4.0)).abs() < 1e-12);
    let ci = s.uplift.reconsidered.ci95.unwrap();
    assert!(ci[0] < d && d < ci[1]);
    let later = s.exposed.later_reported_scams.unwrap();
    assert_eq!((later.users, later.per_1000), (1, Some(200.0)));
    assert_eq!(
        s.uplift.later_reported_scams_per_1000.unwrap().difference,
        Some(200.0 - 500.0)
    );
    assert_eq!(s.holdout_share.realized.count, 2);
    assert_eq!(s.holdout_share.realized.rate, Some(2.0 / 7.0));
    let variants: Vec<_> = s
        .by_variant
        .iter()
        .map(|b| {
            (
                b.variant.clone().unwrap(),
                b.exposed.screenings,
                b.holdout.screenings,
            )
        })
        .collect();
    assert_eq!(variants, [("a".to_owned(), 4, 3), ("b".to_owned(), 4, 1)]);
    let days: Vec<_> = s.by_day.iter().map(|b| b.day.clone().unwrap()).collect();
    assert_eq!(days, ["2024-10-04", "2024-10-05"]);
    let exposures: Vec<_> = s
        .by_exposure
        .iter()
        .map(|b| (b.exposure.unwrap(), b.and_later))
        .collect();
    assert_eq!(exposures, [(1, false), (2, false), (10, true)]);
    let json = serde_json::to_value(&s).unwrap();
    for key in [
        "exposed",
        "holdout",
        "uplift",
        "by_variant",
        "by_day",
        "by_exposure",
    ] {
        assert!(!json[key].is_null(), "{key}");
    }
    assert_eq!(
        json["exposed"]["cancelled"]["ci95"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(json["uplift"]["cancelled"]["difference"].is_number());
    // An empty campaign has no rates, not NaN.
    let empty = compute(&c, &[], Users::default(), Users::default());
    assert_eq!(empty.exposed.reconsidered.rate, None);
    assert_eq!(empty.uplift.reconsidered.ci95, None);
    assert!(serde_json::to_string(&empty).is_ok());
}

/// Synthetic users with known true rates: over several seeds, the 95 % intervals of the
/// rates, the uplift and the holdout share cover the truth about 95 % of the time.
#[test]
fn simulation_recovers_the_true_rates_within_their_intervals() {
    let c = campaign(7, spec().patched(&json!({"frequency_cap": null})).unwrap());
    let truth = sim::Truth::default();
    let inside = |ci: Option<[f64; 2]>, x: f64| ci.is_some_and(|[l, u]| l <= x && x <= u);
    let (mut covered, mut total) = (0, 0);
    for seed in 1..=12 {
        let (cells, e, h) = sim::run(&c, &truth, 3_000, 3, NOW, seed);
        let s = compute(&c, &cells, e, h);
        let checks = [
            inside(
                s.exposed.reconsidered.ci95,
                truth.reconsidered(Arm::Exposed),
            ),
            inside(
                s.holdout.reconsidered.ci95,
                truth.reconsidered(Arm::Holdout),
            ),
            inside(s.exposed.cancelled.ci95, truth.cancelled(Arm::Exposed)),
            inside(s.holdout.cancelled.ci95, truth.cancelled(Arm::Holdout)),
            inside(
                s.uplift.reconsidered.ci95,
                truth.reconsidered(Arm::Exposed) - truth.reconsidered(Arm::Holdout),
            ),
            inside(
                s.uplift.cancelled.ci95,
                truth.cancelled(Arm::Exposed) - truth.cancelled(Arm::Holdout),
            ),
            inside(
                s.uplift.later_reported_scams_per_1000.unwrap().ci95,
                1000.0 * (truth.scam(Arm::Exposed) - truth.scam(Arm::Holdout)),
            ),
            inside(s.holdout_share.realized.ci95, 0.20),
        ];
        covered += checks.iter().filter(|&&b| b).count();
        total += checks.len();
        // The uplift is large enough to be detected every time at this size.
        assert!(s.uplift.reconsidered.ci95.unwrap()[0] > 0.0, "seed {seed}");
    }
    let coverage = covered as f64 / total as f64;
    // Nominal 95 %; 96 intervals, so anything below 88 % would be a real defect.
    assert!(coverage >= 0.88, "coverage {coverage:.3}");
}

#[test]
fn a_suspected_listing_warns_but_never_holds_on_its_own() {
    let suspected = Signal::ReportedScam {
        reports: 3,
        confirmed: false,
    };
    let confirmed = Signal::ReportedScam {
        reports: 3,
        confirmed: true,
    };
    let cases = [
        (vec![confirmed.clone()], Decision::Hold),
        (vec![suspected.clone()], Decision::Warn),
        // With weaker signals the score is critical, but without the listing it is not.
        (
            vec![
                suspected.clone(),
                Signal::NewDestination,
                Signal::LargeAmount { ratio: 9 },
            ],
            Decision::Warn,
        ),
        // Signals that hold on their own still hold.
        (
            vec![
                suspected.clone(),
                Signal::ImitatesOfficial {
                    brand: "Example".into(),
                },
            ],
            Decision::Hold,
        ),
        (vec![], Decision::Allow),
    ];
    for (signals, want) in cases {
        let risk = Risk::of(signals.clone());
        assert_eq!(risk.decision(), want, "{signals:?}");
    }
    assert!(
        Risk::of(vec![suspected]).reported_scam(),
        "its alert is never withheld"
    );
}

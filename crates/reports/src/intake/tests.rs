use indicator::ParseOptions;

use super::*;

const NOW: i64 = 1_750_000_000; // 2025-06-15

fn draft(indicators: &[&str]) -> Draft {
    Draft {
        indicators: indicators.iter().map(|s| (*s).to_owned()).collect(),
        ..Draft::default()
    }
}

fn check(d: &Draft) -> Result<Report, Vec<(String, &'static str)>> {
    validate(d, &ParseOptions::default(), NOW)
        .map_err(|e| e.errors.into_iter().map(|f| (f.field, f.code)).collect())
}

fn errors(d: &Draft) -> Vec<(String, &'static str)> {
    match check(d) {
        Ok(r) => panic!("accepted: {r:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_full_report() {
    let d = Draft {
        indicators: vec![
            "hxxps://examp1e[.]com/login".into(),
            "+852 3000 0001".into(),
            "t.me/ExampleSupportDesk".into(),
        ],
        text: Some("  Your account is locked, verify at https://examp1e.com/login  ".into()),
        channel: Some("Telegram".into()),
        region: Some("hk".into()),
        loss: Some(DraftLoss {
            amount: Some("0012500.50".into()),
            asset: Some("usdt".into()),
        }),
        occurred_at: Some("2025-06-01T14:30:00+08:00".into()),
        contact: Some(DraftContact {
            consent: true,
            detail: Some(" victim@example.net ".into()),
        }),
    };
    let r = check(&d).expect("valid");
    assert_eq!(
        r.keys(),
        vec![
            "url:https://examp1e.com/login",
            "phone:+85230000001",
            "telegram:examplesupportdesk"
        ]
    );
    assert_eq!(
        r.text.as_deref(),
        Some("Your account is locked, verify at https://examp1e.com/login")
    );
    assert_eq!(r.channel, Some(Channel::Telegram));
    assert_eq!(r.region.map(|x| x.to_string()).as_deref(), Some("HK"));
    assert_eq!(
        r.loss,
        Some(Loss {
            amount: "12500.50".into(),
            asset: "USDT".into()
        })
    );
    assert_eq!(r.occurred_at, Some(1_748_759_400));
    assert_eq!(
        r.contact.map(|c| c.detail).as_deref(),
        Some("victim@example.net")
    );
}

#[test]
fn only_indicators_or_text_is_required() {
    assert!(check(&draft(&["evil.io"])).is_ok());
    let text_only = Draft {
        text: Some("send 1 BTC to get 2 back".into()),
        ..Draft::default()
    };
    let r = check(&text_only).expect("text alone is enough");
    assert!(r.indicators.is_empty());
    assert_eq!(
        errors(&Draft::default()),
        vec![("indicators".to_owned(), "missing_content")]
    );
    let blank = Draft {
        text: Some("   ".into()),
        ..Draft::default()
    };
    assert_eq!(
        errors(&blank),
        vec![("indicators".to_owned(), "missing_content")]
    );
}

#[test]
fn indicators_are_grouped_by_key_and_each_error_names_its_index() {
    let r = check(&draft(&["EVIL.io", "evil.io.", "https://evil.io"])).expect("valid");
    assert_eq!(r.keys(), vec!["domain:evil.io", "url:https://evil.io/"]);
    assert_eq!(
        errors(&draft(&[
            "evil.io",
            "0x52908400098527886E0F7030069857D2E4169Ee7",
            "",
            "not a thing at all"
        ])),
        vec![
            ("indicators[1]".to_owned(), "bad_checksum"),
            ("indicators[2]".to_owned(), "empty"),
            ("indicators[3]".to_owned(), "unrecognized"),
        ]
    );
    let many: Vec<String> = (0..=MAX_INDICATORS).map(|i| format!("e{i}.io")).collect();
    let d = Draft {
        indicators: many,
        ..Draft::default()
    };
    assert_eq!(
        errors(&d),
        vec![("indicators".to_owned(), "too_many_indicators")]
    );
}

#[test]
fn every_field_is_checked_and_all_errors_are_given() {
    let d = Draft {
        indicators: vec!["evil.io".into()],
        text: Some("a\u{0}b".into()),
        channel: Some("pigeon".into()),
        region: Some("UK".into()),
        loss: Some(DraftLoss {
            amount: Some("-5".into()),
            asset: Some("US DT".into()),
        }),
        occurred_at: Some("yesterday".into()),
        contact: Some(DraftContact {
            consent: true,
            detail: None,
        }),
    };
    assert_eq!(
        errors(&d),
        vec![
            ("text".to_owned(), "invalid_text"),
            ("channel".to_owned(), "unknown_channel"),
            ("region".to_owned(), "unknown_region"),
            ("loss.amount".to_owned(), "invalid_amount"),
            ("loss.asset".to_owned(), "invalid_asset"),
            ("occurred_at".to_owned(), "invalid_date"),
            ("contact.detail".to_owned(), "missing_contact"),
        ]
    );
    let err = validate(&d, &ParseOptions::default(), NOW).expect_err("invalid");
    assert!(
        err.to_string()
            .starts_with("text: the text contains a control"),
        "{err}"
    );
}

#[test]
fn amounts() {
    for (input, want) in [
        ("1500", Some("1500")),
        ("0.25", Some("0.25")),
        ("007.50", Some("7.50")),
        (".5", Some("0.5")),
        ("5.", Some("5")),
        ("0", Some("0")),
        ("1e3", None),
        ("-1", None),
        ("+1", None),
        ("1,000", None),
        ("1.2.3", None),
        (".", None),
        ("１２", None),
    ] {
        assert_eq!(parse_amount(input).as_deref(), want, "{input:?}");
    }
    let long = "9".repeat(MAX_AMOUNT_DIGITS + 1);
    assert_eq!(parse_amount(&long), None);
}

#[test]
fn a_loss_needs_both_parts() {
    let loss = |amount: Option<&str>, asset: Option<&str>| Draft {
        loss: Some(DraftLoss {
            amount: amount.map(str::to_owned),
            asset: asset.map(str::to_owned),
        }),
        ..draft(&["evil.io"])
    };
    assert_eq!(
        errors(&loss(Some("10"), None)),
        vec![("loss.asset".to_owned(), "missing_asset")]
    );
    assert_eq!(
        errors(&loss(None, Some("BTC"))),
        vec![("loss.amount".to_owned(), "missing_amount")]
    );
    assert_eq!(check(&loss(None, Some(" "))).map(|r| r.loss), Ok(None));
    let too_long = "A".repeat(MAX_ASSET_CHARS + 1);
    assert_eq!(
        errors(&loss(Some("1"), Some(&too_long))),
        vec![("loss.asset".to_owned(), "invalid_asset")]
    );
}

#[test]
fn dates_must_be_plausible() {
    let at = |s: &str| Draft {
        occurred_at: Some(s.to_owned()),
        ..draft(&["evil.io"])
    };
    assert_eq!(
        check(&at("2025-06-15T12:00:00Z")).map(|r| r.occurred_at),
        Ok(Some(1_749_988_800))
    );
    // A day of clock skew is tolerated, not more.
    assert!(check(&at("2025-06-16T00:00:00Z")).is_ok());
    assert_eq!(
        errors(&at("2025-07-01T00:00:00Z")),
        vec![("occurred_at".to_owned(), "date_out_of_range")]
    );
    assert_eq!(
        errors(&at("1999-12-31T23:59:59Z")),
        vec![("occurred_at".to_owned(), "date_out_of_range")]
    );
    assert_eq!(
        errors(&at("2025-06-01 14:30")),
        vec![("occurred_at".to_owned(), "invalid_date")]
    );
}

#[test]
fn contact_details_are_kept_only_with_consent() {
    let contact = |consent: bool, detail: Option<&str>| Draft {
        contact: Some(DraftContact {
            consent,
            detail: detail.map(str::to_owned),
        }),
        ..draft(&["evil.io"])
    };
    // Without consent the detail is dropped, even a valid one.
    assert_eq!(
        check(&contact(false, Some("me@example.net"))).map(|r| r.contact),
        Ok(None)
    );
    assert_eq!(check(&contact(false, None)).map(|r| r.contact), Ok(None));
    let long = "x".repeat(MAX_CONTACT_CHARS + 1);
    assert_eq!(
        errors(&contact(true, Some(&long))),
        vec![("contact.detail".to_owned(), "contact_too_long")]
    );
    assert_eq!(
        errors(&contact(true, Some("a\u{202E}b"))),
        vec![("contact.detail".to_owned(), "invalid_contact")]
    );
}

#[test]
fn text_limits() {
    let text = |t: String| Draft {
        text: Some(t),
        ..Draft::default()
    };
    assert!(check(&text("é".repeat(MAX_TEXT_CHARS))).is_ok());
    assert_eq!(
        errors(&text("é".repeat(MAX_TEXT_CHARS + 1))),
        vec![("text".to_owned(), "text_too_long")]
    );
    assert!(check(&text("line one\nline two\ttabbed".into())).is_ok());
}

#[test]
fn channels_round_trip() {
    for c in Channel::ALL {
        assert_eq!(Channel::parse(c.as_str()), Some(c));
        assert_eq!(Channel::parse(&c.as_str().to_uppercase()), Some(c));
    }
    assert_eq!(Channel::parse(""), None);
    // The message analyzer's generic names are the same vocabulary.
    assert_eq!(Channel::parse("chat"), Some(Channel::Chat));
    assert_eq!(Channel::parse("call"), Some(Channel::Phone));
    assert_eq!(Channel::parse("Web"), Some(Channel::Website));
}

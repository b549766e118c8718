use super::*;

const EXAMPLE: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["Example.COM.", "launchpad.example.org"]
email_domains = ["example.com", "mailer.example.com"]
emails = ["Support@Example.com"]
phones = ["+852 3000 0000"]
x = ["@ExampleEx"]
telegram = ["ExampleEnglish"]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" }]

[brand.retired]
x = ["ExampleOld"]

[[brand]]
name = "Other"
domains = ["other.io"]
"#;

fn values(reg: &Registry, brand: usize, kind: ChannelKind, status: Status) -> Vec<&str> {
    reg.brands()[brand]
        .channels
        .iter()
        .filter(|c| c.kind == kind && c.status == status)
        .map(|c| c.value.as_str())
        .collect()
}

#[test]
fn parses_and_normalizes_the_documented_format() {
    let reg = Registry::from_toml(EXAMPLE).expect("valid");
    assert_eq!(reg.brands().len(), 2);
    assert_eq!(reg.brands()[0].name, "Example Exchange");
    let cases: &[(ChannelKind, Status, &[&str])] = &[
        (
            ChannelKind::Domain,
            Status::Active,
            &["example.com", "launchpad.example.org"],
        ),
        (
            ChannelKind::EmailDomain,
            Status::Active,
            &["example.com", "mailer.example.com"],
        ),
        (ChannelKind::Email, Status::Active, &["support@example.com"]),
        (ChannelKind::Phone, Status::Active, &["+85230000000"]),
        (
            ChannelKind::Account(Platform::X),
            Status::Active,
            &["exampleex"],
        ),
        (
            ChannelKind::Account(Platform::Telegram),
            Status::Active,
            &["exampleenglish"],
        ),
        (
            ChannelKind::Account(Platform::X),
            Status::Retired,
            &["exampleold"],
        ),
        (
            ChannelKind::Address,
            Status::Active,
            &["0x52908400098527886e0f7030069857d2e4169ee7"],
        ),
    ];
    for (kind, status, want) in cases {
        assert_eq!(
            values(&reg, 0, *kind, *status),
            *want,
            "{kind:?} {status:?}"
        );
    }
    assert_eq!(reg.channel_count(), 11);
}

#[test]
fn round_trips_through_toml_json_and_rows() {
    let reg = Registry::from_toml(EXAMPLE).expect("valid");
    assert_eq!(Registry::from_toml(&reg.to_toml()).expect("toml"), reg);
    assert_eq!(
        Registry::from_json(&reg.to_json().to_string()).expect("json"),
        reg
    );
    assert_eq!(
        Registry::from_channels(reg.to_channels()).expect("rows"),
        reg
    );
}

#[test]
fn reports_every_problem_with_brand_key_and_value() {
    let cases: &[(&str, &[&str])] = &[
        (
            "[[brand]]\ndomains = [\"a.com\"]",
            &["brand #1: name: is required"],
        ),
        (
            "[[brand]]\nname = \"A\"\ntelgram = [\"x\"]",
            &["A: telgram: unknown key"],
        ),
        (
            "[[brand]]\nname = \"A\"\ndomains = [\"not a domain\", \"ok.com\"]\nphones = [\"3000 0000\"]",
            &["A: domains: \"not a domain\"", "A: phones: \"3000 0000\""],
        ),
        (
            "[[brand]]\nname = \"A\"\naddresses = [{ chain = \"btc\", address = \"0x52908400098527886E0F7030069857D2E4169EE7\" }]",
            &["A: addresses:", "but the chain says bitcoin"],
        ),
        (
            "[[brand]]\nname = \"A\"\naddresses = [\"0x52908400098527886E0F7030069857D2E4169EE7\"]",
            &["each address must be"],
        ),
        (
            "[[brand]]\nname = \"A\"\ndomains = [\"a.com\"]\n[[brand]]\nname = \"B\"\ndomains = [\"A.com\"]",
            &["B: domains: \"A.com\": already listed for brand \"A\""],
        ),
        (
            "[[brand]]\nname = \"A\"\nx = [\"a\"]\n[brand.retired]\nx = [\"A\"]",
            &["listed both as active and as retired"],
        ),
        ("brand = 3", &["must be a list of brands"]),
        ("extra = 1", &["registry: extra: unknown key"]),
    ];
    for (doc, wants) in cases {
        let err = Registry::from_toml(doc).expect_err(doc).to_string();
        for want in *wants {
            assert!(err.contains(want), "{doc:?}: {err:?} lacks {want:?}");
        }
    }
}

#[test]
fn refuses_syntax_errors_and_oversized_documents() {
    assert!(matches!(
        Registry::from_toml("[[brand"),
        Err(RegistryError::Syntax { format: "TOML", .. })
    ));
    assert!(matches!(
        Registry::from_json("{"),
        Err(RegistryError::Syntax { format: "JSON", .. })
    ));
    let huge = "#".repeat(MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        Registry::from_toml(&huge),
        Err(RegistryError::TooLarge { .. })
    ));
}

#[test]
fn empty_documents_are_empty_registries() {
    assert_eq!(Registry::from_toml("").expect("empty"), Registry::empty());
    assert_eq!(
        Registry::from_json(r#"{"brand": []}"#).expect("empty"),
        Registry::empty()
    );
}

#[test]
fn a_brand_needs_a_name() {
    for doc in [
        r#"{"brand": [{"name": ""}]}"#,
        r#"{"brand": [{"name": "  "}]}"#,
    ] {
        let e = Registry::from_json(doc).expect_err(doc);
        assert!(e.to_string().contains("must not be empty"), "{e}");
    }
}

const COMPROMISED: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com"]
telegram = [{ value = "ExampleEnglish", compromised_since = "2026-12-01T08:00:00+08:00", note = "hijacked" }]
x = [{ value = "ExampleEx" }]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7", compromised_since = 2026-12-02T00:00:00Z }]
"#;

#[test]
fn compromised_channels_parse_and_round_trip() {
    let reg = Registry::from_toml(COMPROMISED).expect("valid");
    let marks: Vec<(&str, Option<&Compromise>)> = reg.brands()[0]
        .channels
        .iter()
        .map(|c| (c.value.as_str(), c.compromised.as_ref()))
        .collect();
    let hijacked = Compromise {
        since: 1_796_083_200,
        note: Some("hijacked".into()),
    };
    let wallet = Compromise {
        since: 1_796_169_600,
        note: None,
    };
    assert_eq!(
        marks,
        vec![
            ("example.com", None),
            ("exampleex", None),
            ("exampleenglish", Some(&hijacked)),
            ("0x52908400098527886e0f7030069857d2e4169ee7", Some(&wallet)),
        ]
    );
    let telegram = &reg.brands()[0].channels[2];
    assert_eq!(telegram.compromised_at(1_796_083_199), None);
    assert_eq!(telegram.compromised_at(1_796_083_200), Some(1_796_083_200));
    assert_eq!(Registry::from_toml(&reg.to_toml()).expect("toml"), reg);
    let json = reg.to_json().to_string();
    assert!(
        json.contains(r#""compromised_since":"2026-12-01T00:00:00Z""#),
        "{json}"
    );
    assert_eq!(Registry::from_json(&json).expect("json"), reg);
    assert_eq!(
        Registry::from_channels(reg.to_channels()).expect("rows"),
        reg
    );
}

#[test]
fn bad_compromise_marks_are_named() {
    let cases: &[(&str, &str)] = &[
        (
            "[[brand]]\nname = \"A\"\nx = [{ value = \"a\", compromised_since = \"yesterday\" }]",
            "A: x: compromised_since: \"yesterday\" is not an RFC 3339 time",
        ),
        (
            "[[brand]]\nname = \"A\"\nx = [{ value = \"a\", since = \"2026-12-01T00:00:00Z\" }]",
            "A: x: unknown key `since`",
        ),
        (
            "[[brand]]\nname = \"A\"\n[brand.retired]\nx = [{ value = \"a\", compromised_since = \"2026-12-01T00:00:00Z\" }]",
            "a retired channel cannot be marked compromised",
        ),
        (
            "[[brand]]\nname = \"A\"\nx = [{ value = \"a\", note = \"why\" }]",
            "a note is only for a channel with `compromised_since`",
        ),
        (
            "[[brand]]\nname = \"A\"\nx = [{ compromised_since = \"2026-12-01T00:00:00Z\" }]",
            "each entry must be a string, or { value",
        ),
    ];
    for (doc, want) in cases {
        let err = Registry::from_toml(doc).expect_err(doc).to_string();
        assert!(err.contains(want), "{doc:?}: {err:?} lacks {want:?}");
    }
    let long = format!(
        "[[brand]]\nname = \"A\"\nx = [{{ value = \"a\", compromised_since = \"2026-12-01T00:00:00Z\", note = \"{}\" }}]",
        "n".repeat(MAX_COMPROMISE_NOTE_CHARS + 1)
    );
    let err = Registry::from_toml(&long).expect_err("long").to_string();
    assert!(err.contains("the note is over 500 characters"), "{err}");
}

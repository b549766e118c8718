use super::*;

const NOW: i64 = 1_750_000_000;

fn options() -> Options<'static> {
    Options {
        parse: ParseOptions::default(),
        official: None,
        now: NOW,
    }
}

/// Parses a document; returns the item keys and the rejections as `location: code`.
fn check(format: Format, input: &str, options: &Options<'_>) -> (Vec<String>, Vec<String>) {
    let (mut items, mut rejected) = (Vec::new(), Vec::new());
    parse(format, input.as_bytes(), options, &mut |e| match e {
        Event::Item(i) => items.push(i.key),
        Event::Rejected(r) => rejected.push(format!("{}: {}", r.location, r.reason.code())),
    })
    .unwrap_or_else(|e| panic!("{format}: {e}"));
    (items, rejected)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn polkadot_lists() {
    let doc = r#"{"deny": ["evil.io", "EVIL-2.io.", "not a domain!", 7, "ddns.net", "x.ddns.net",
        "fleek.co"], "allow": ["ddns.net", "*.fleek.co"],
        "denySub": ["twitter.com/FakeAcala"], "other": {"deny": ["ignored.io"]}}"#;
    let (items, rejected) = check(Format::Polkadot, doc, &options());
    assert_eq!(
        items,
        strings(&[
            "domain:evil.io",
            "domain:evil-2.io",
            "domain:x.ddns.net",
            "x:fakeacala"
        ])
    );
    assert!(rejected[0].starts_with("deny[2]: "), "{rejected:?}");
    assert_eq!(
        rejected[1..],
        strings(&[
            "deny[3]: not_a_string",
            "deny[4]: allowlisted",
            "deny[6]: allowlisted",
        ])
    );
}

#[test]
fn polkadot_addresses() {
    let doc = r#"{"3xpool.bid": ["155dDX3rWoNsY4aiJFbsu6wLB91c2J2Ws5BgMfJKyM1eGnkS", "nope"],
        "twitter.com": [], "Hacker wallet": ["14FscqFT8S8W8emC5294cEpDctgAucJW7C99mpxS4cucpHoA"]}"#;
    let (items, rejected) = check(Format::PolkadotAddresses, doc, &options());
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        items[0].starts_with("address:polkadot:155dDX3"),
        "{items:?}"
    );
    assert!(items[1].starts_with("address:polkadot:14Fscq"), "{items:?}");
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].starts_with("3xpool.bid[1]: "), "{rejected:?}");
    // The sites are not imported: twitter.com is where a scam was seen, not a scam.
    assert!(!items.iter().any(|k| k.starts_with("domain:")));
}

#[test]
fn a_polkadot_file_in_the_other_format_is_named() {
    let addresses = r#"{"3xpool.bid": ["155dDX3rWoNsY4aiJFbsu6wLB91c2J2Ws5BgMfJKyM1eGnkS"]}"#;
    let err = parse(
        Format::Polkadot,
        addresses.as_bytes(),
        &options(),
        &mut |_| {},
    )
    .expect_err("the address file is not all.json");
    assert!(
        err.to_string().contains("--format polkadot-addresses"),
        "{err}"
    );
    let lists = r#"{"allow": [], "deny": ["evil.io"], "denySub": []}"#;
    let err = parse(
        Format::PolkadotAddresses,
        lists.as_bytes(),
        &options(),
        &mut |_| {},
    )
    .expect_err("all.json is not the address file");
    assert!(err.to_string().contains("--format polkadot"), "{err}");
    // An empty all.json is still all.json.
    let empty = r#"{"allow": [], "deny": []}"#;
    assert!(parse(Format::Polkadot, empty.as_bytes(), &options(), &mut |_| {}).is_ok());
}

#[test]
fn metamask_config() {
    let doc = r#"{"version": 2, "tolerance": 2,
        "fuzzylist": ["metamask.io", "myetherwallet.com"],
        "whitelist": ["metamask.com"],
        "blacklist": ["metamask.com", "rnetamask.io", "https://phish.io/x"]}"#;
    let mut outcome = None;
    let mut keys = Vec::new();
    let mut rejected = Vec::new();
    let result = parse(
        Format::Metamask,
        doc.as_bytes(),
        &options(),
        &mut |e| match e {
            Event::Item(i) => keys.push(i.key),
            Event::Rejected(r) => rejected.push(r.reason),
        },
    );
    if let Ok(o) = result {
        outcome = Some(o);
    }
    assert_eq!(
        keys,
        strings(&["domain:rnetamask.io", "url:https://phish.io/x"])
    );
    assert_eq!(rejected, vec![Reason::Allowlisted]);
    let outcome = outcome.expect("outcome");
    assert_eq!(outcome.not_imported[0].1, 1);
    assert_eq!(outcome.not_imported[1].1, 2);
}

#[test]
fn malformed_documents_are_errors() {
    for (format, doc) in [
        (Format::Polkadot, "[1, 2]"),
        (Format::Polkadot, r#"{"deny": "evil.io"}"#),
        (Format::Polkadot, r#"{"deny": ["a.io"]"#),
        (Format::Metamask, "nope"),
        (Format::PolkadotAddresses, r#"{"a.io": "x"}"#),
        (Format::Stix, r#"{"type": "indicator"}"#),
        (Format::Stix, r#"{"type": "bundle", "objects": {}}"#),
        (Format::Csv, "domain,kind\nevil.io,domain\n"),
    ] {
        let result = parse(format, doc.as_bytes(), &options(), &mut |_| {});
        assert!(result.is_err(), "{format}: {doc}");
    }
}

#[test]
fn text_lines() {
    let doc = "# a comment\nevil.io\n\n  +852 3000 0000  \nnot valid!\r\nhxxps://evil[.]io/login\n";
    let opts = Options {
        parse: ParseOptions {
            default_region: Some("HK".into()),
            hint: None,
        },
        ..options()
    };
    let (items, rejected) = check(Format::Text, doc, &opts);
    assert_eq!(
        items,
        strings(&[
            "domain:evil.io",
            "phone:+85230000000",
            "url:https://evil.io/login"
        ])
    );
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].starts_with("line 5: "), "{rejected:?}");
}

#[test]
fn csv_columns() {
    let doc = "Indicator,Kind,Severity,Categories,Report_Count,First_Seen,Last_Seen,extra\n\
        evil.io,,confirmed,phishing;fake_support,3,2024-01-01,2024-02-01T00:00:00Z,x\n\
        FakeSupport,telegram,,,,,,\n\
        \"quoted,thing\",,,,,,,\n\
        evil.io,,loud,,,,,\n\
        b.io,,,,many,,,\n\
        c.io,,,,,yesterday,,\n\
        d.io,nokind,,,,,,\n\
        # comment\n\
        ,,,,\n";
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    parse(Format::Csv, doc.as_bytes(), &options(), &mut |e| match e {
        Event::Item(i) => items.push(i),
        Event::Rejected(r) => rejected.push(format!("{}: {}", r.location, r.reason)),
    })
    .expect("csv");
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        items[0],
        Item {
            key: "domain:evil.io".into(),
            severity: Some(Severity::Confirmed),
            categories: strings(&["fake_support", "phishing"]),
            report_count: Some(3),
            first_seen: Some(1_704_067_200),
            last_seen: Some(1_706_745_600),
        }
    );
    assert_eq!(items[1], Item::bare("telegram:fakesupport".into()));
    let want = [
        "line 4: ",
        "line 5: bad `severity`",
        "line 6: bad `report_count`",
        "line 7: bad `first_seen`",
        "line 8: bad `kind`",
    ];
    assert_eq!(rejected.len(), want.len(), "{rejected:?}");
    for (got, want) in rejected.iter().zip(want) {
        assert!(got.starts_with(want), "{got} vs {want}");
    }
}

#[test]
fn official_channels_are_rejected() {
    let registry = registry::Registry::from_toml(
        "[[brand]]\nname = \"Example\"\ndomains = [\"example.com\"]\ntelegram = [\"ExampleEx\"]\n",
    )
    .expect("registry");
    let index = verify::Index::build(
        &registry,
        blocklist::Index::default(),
        verify::Options::default(),
    );
    let opts = Options {
        official: Some(&index),
        ..options()
    };
    let doc = "example.com\nlogin.example.com\nexamp1e.com\nt.me/ExampleEx\n";
    let (items, rejected) = check(Format::Text, doc, &opts);
    assert_eq!(items, strings(&["domain:examp1e.com"]));
    assert_eq!(
        rejected,
        strings(&["line 1: official", "line 2: official", "line 4: official"])
    );
}

fn entry(key: &str) -> Entry {
    Entry {
        key: key.into(),
        severity: Severity::Suspected,
        categories: strings(&["phishing"]),
        report_count: 1,
        first_seen: 1_700_000_000,
        last_seen: 1_700_000_000,
        sources: strings(&["polkadot-phishing"]),
    }
}

#[test]
fn merge_is_idempotent() {
    let defaults = Defaults {
        source: "polkadot-phishing".into(),
        severity: Severity::Suspected,
        categories: strings(&["phishing"]),
        now: 1_700_000_000,
    };
    let bare = Item::bare("domain:evil.io".into());
    // New: defaults fill what the feed does not say.
    let new = merge(None, &bare, &defaults).expect("new");
    assert_eq!(new, entry("domain:evil.io"));
    // Again, later: nothing to write.
    let later = Defaults {
        now: 1_800_000_000,
        ..defaults.clone()
    };
    assert_eq!(merge(Some(&new), &bare, &later), None);
    // Another source: added, last seen bumped.
    let other = Defaults {
        source: "metamask-phishing".into(),
        ..later.clone()
    };
    let merged = merge(Some(&new), &bare, &other).expect("merged");
    assert_eq!(
        merged.sources,
        strings(&["polkadot-phishing", "metamask-phishing"])
    );
    assert_eq!(merged.last_seen, 1_800_000_000);
    assert_eq!(merge(Some(&merged), &bare, &other), None);
    // A feed with facts: severity and counts rise, dates widen, never shrink.
    let rich = Item {
        key: "domain:evil.io".into(),
        severity: Some(Severity::Confirmed),
        categories: strings(&["fake_support"]),
        report_count: Some(5),
        first_seen: Some(1_600_000_000),
        last_seen: Some(1_650_000_000),
    };
    let up = merge(Some(&new), &rich, &later).expect("updated");
    assert_eq!(up.severity, Severity::Confirmed);
    assert_eq!(up.categories, strings(&["phishing", "fake_support"]));
    assert_eq!(
        (up.report_count, up.first_seen, up.last_seen),
        (5, 1_600_000_000, 1_700_000_000)
    );
    assert_eq!(merge(Some(&up), &rich, &later), None);
    let weaker = Item {
        severity: Some(Severity::Suspected),
        report_count: Some(1),
        ..rich.clone()
    };
    assert_eq!(merge(Some(&up), &weaker, &later), None);
}

#[test]
fn absorb_combines_duplicates() {
    let mut a = Item {
        severity: Some(Severity::Suspected),
        categories: strings(&["b"]),
        first_seen: Some(10),
        ..Item::bare("domain:a.io".into())
    };
    a.absorb(Item {
        severity: Some(Severity::Confirmed),
        categories: strings(&["a", "b"]),
        first_seen: Some(5),
        last_seen: Some(20),
        ..Item::bare("domain:a.io".into())
    });
    assert_eq!(a.severity, Some(Severity::Confirmed));
    assert_eq!(a.categories, strings(&["a", "b"]));
    assert_eq!((a.first_seen, a.last_seen), (Some(5), Some(20)));
}

fn sample_entries() -> Vec<Entry> {
    let mut confirmed = entry("email:support@evil.io");
    confirmed.severity = Severity::Confirmed;
    confirmed.report_count = 14;
    confirmed.categories = strings(&["fake_support", "phishing"]);
    vec![
        entry("domain:evil.io"),
        entry("url:https://evil.io/login?a=%27b%27"),
        confirmed,
        entry("phone:+85230000000"),
        entry("ip:192.0.2.7"),
        entry("ip:2001:db8::1"),
        entry("telegram:examplesupportdesk"),
        entry("x:examplehelp"),
        entry("handle:fakeagent"),
        entry("address:evm:0x52908400098527886e0f7030069857d2e4169ee7"),
        entry("address:bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        entry("address:polkadot:155dDX3rWoNsY4aiJFbsu6wLB91c2J2Ws5BgMfJKyM1eGnkS"),
        entry("nonsense"),
    ]
}

fn export(format: ExportFormat, entries: &[Entry]) -> (String, u64) {
    let meta = stix::ExportMeta {
        producer: "Example Exchange".into(),
        scope: "region=HK".into(),
        generated_at: NOW,
    };
    let mut out = Vec::new();
    let mut w = Exporter::new(format, meta);
    w.begin(&mut out).expect("begin");
    for e in entries {
        w.entry(&mut out, e).expect("entry");
    }
    let skipped = w.end(&mut out).expect("end");
    (String::from_utf8(out).expect("utf-8"), skipped)
}

#[test]
fn stix_export_reads_back() {
    let entries = sample_entries();
    let (text, skipped) = export(ExportFormat::Stix2, &entries);
    assert_eq!(skipped, 1);
    let bundle: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let objects = bundle["objects"].as_array().expect("objects");
    assert_eq!(objects.len(), 3 + 3 * 12);
    assert_eq!(objects[1]["id"], stix::PHONE_EXTENSION_ID);
    assert_eq!(objects[2]["id"], stix::WALLET_EXTENSION_ID);
    // Same data, same bytes.
    assert_eq!(export(ExportFormat::Stix2, &entries).0, text);
    let (keys, rejected) = check(Format::Stix, &text, &options());
    let want: Vec<String> = entries[..12].iter().map(|e| e.key.clone()).collect();
    assert_eq!(keys, want);
    assert!(rejected.is_empty(), "{rejected:?}");
    // Severity, categories and dates survive.
    let mut items = Vec::new();
    parse(Format::Stix, text.as_bytes(), &options(), &mut |e| {
        if let Event::Item(i) = e {
            items.push(i);
        }
    })
    .expect("stix");
    assert_eq!(items[2].severity, Some(Severity::Confirmed));
    assert_eq!(items[0].severity, Some(Severity::Suspected));
    assert_eq!(items[2].categories, strings(&["fake_support", "phishing"]));
    assert_eq!(items[0].first_seen, Some(1_700_000_000));
}

#[test]
fn stix_import_rejections() {
    let doc = r#"{"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "indicator", "id": "indicator--a", "pattern_type": "stix", "pattern": "[domain-name:value = 'evil.io']"},
        {"type": "indicator", "id": "indicator--b", "pattern_type": "sigma", "pattern": "x"},
        {"type": "indicator", "id": "indicator--c", "pattern_type": "stix", "revoked": true, "pattern": "[domain-name:value = 'a.io']"},
        {"type": "indicator", "id": "indicator--d", "pattern_type": "stix", "valid_until": "2020-01-01T00:00:00Z", "pattern": "[domain-name:value = 'a.io']"},
        {"type": "indicator", "id": "indicator--e", "pattern_type": "stix", "pattern": "[file:name = 'x.exe']"},
        {"type": "indicator", "id": "indicator--f", "pattern_type": "stix", "pattern": "[domain-name:value = 'not valid!']"},
        {"type": "malware", "id": "malware--1"}
    ]}"#;
    let (keys, rejected) = check(Format::Stix, doc, &options());
    assert_eq!(keys, strings(&["domain:evil.io"]));
    assert_eq!(rejected.len(), 5);
    for (got, want) in rejected.iter().zip([
        "indicator--b: unsupported_pattern",
        "indicator--c: revoked",
        "indicator--d: expired",
        "indicator--e: unsupported_pattern",
        "indicator--f: ",
    ]) {
        assert!(got.starts_with(want), "{got}");
    }
}

#[test]
fn misp_export_is_one_event() {
    let entries = sample_entries();
    let (text, skipped) = export(ExportFormat::Misp, &entries);
    assert_eq!(skipped, 1);
    let event: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let attributes = event["Event"]["Attribute"].as_array().expect("attributes");
    assert_eq!(attributes.len(), 12);
    let types: Vec<&str> = attributes
        .iter()
        .map(|a| a["type"].as_str().expect("type"))
        .collect();
    assert_eq!(
        types,
        [
            "domain",
            "url",
            "email-src",
            "phone-number",
            "ip-dst",
            "ip-dst",
            "text",
            "twitter-id",
            "text",
            "text",
            "btc",
            "text"
        ]
    );
    assert_eq!(attributes[0]["value"], "evil.io");
    assert_eq!(
        event["Event"]["info"],
        "Example Exchange: reported scam indicators (region=HK)"
    );
    let (empty, _) = export(ExportFormat::Misp, &[]);
    let event: serde_json::Value = serde_json::from_str(&empty).expect("valid JSON");
    assert_eq!(event["Event"]["Attribute"], serde_json::json!([]));
}

#[test]
fn csv_export_reads_back() {
    let entries = sample_entries();
    let (text, skipped) = export(ExportFormat::Csv, &entries);
    assert_eq!(skipped, 1);
    assert!(text.starts_with(csv_format::HEADER));
    let (keys, rejected) = check(Format::Csv, &text, &options());
    let want: Vec<String> = entries[..12].iter().map(|e| e.key.clone()).collect();
    assert_eq!(keys, want);
    assert!(rejected.is_empty(), "{rejected:?}");
}

#[test]
fn keys_split() {
    let p = split_key("address:evm:0xab").expect("address");
    assert_eq!(
        (p.kind, p.chain, p.value),
        (Kind::Address, Some(indicator::Chain::Evm), "0xab")
    );
    let p = split_key("url:https://a.io/x:1").expect("url");
    assert_eq!((p.kind, p.value), (Kind::Url, "https://a.io/x:1"));
    assert!(split_key("nonsense").is_none());
    assert!(split_key("address:dogecoin:x").is_none());
    assert!(split_key("planet:mars").is_none());
}

#[test]
fn format_names_round_trip() {
    for f in Format::ALL {
        assert_eq!(f.as_str().parse::<Format>(), Ok(f));
    }
    for f in ExportFormat::ALL {
        assert_eq!(f.as_str().parse::<ExportFormat>(), Ok(f));
    }
    assert!("json".parse::<Format>().is_err());
}

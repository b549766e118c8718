use super::*;

const REGISTRY: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com", "launchpad.example.org"]
email_domains = ["example.com", "mailer.example.com"]
emails = ["support@example.com"]
phones = ["+852 3000 0000"]
x = ["ExampleEx"]
telegram = ["ExampleEnglish"]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" }]

[brand.retired]
x = ["ExampleOld"]

[[brand]]
name = "Nimbus Wallet"
domains = ["nimbuswallet.io"]
x = ["NimbusWallet"]
"#;

fn index() -> Index {
    let registry = Registry::from_toml(REGISTRY).expect("registry");
    let (entries, errors) = blocklist_from_lines(
        "# test list\nevil.io\n+852 9999 9999\nt.me/fakesupport\nhttps://sites.hosting.net/phish\nsites.google.com/view/fake-airdrop\nhttps://ipfs.io/ipfs/QmFakeCid123/\nt.me/+ScamGroup123\n",
        "test",
        1_700_000_000,
        &ParseOptions::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    Index::build(
        &registry,
        blocklist::Index::build(entries),
        Options {
            default_region: Some("HK".into()),
        },
    )
}

/// One row: input, expected verdict, technique, and the official value concerned.
type Row = (
    &'static str,
    Verdict,
    Option<Technique>,
    Option<&'static str>,
);

fn check(rows: &[Row]) {
    let index = index();
    let mut failures = Vec::new();
    for &(input, verdict, technique, target) in rows {
        let v = index.verify(input, None);
        let got = (v.verdict, v.technique, v.target.map(|t| t.value));
        if got != (verdict, technique, target) {
            failures.push(format!(
                "{input:?}: want {:?}, got {got:?} ({:?})",
                (verdict, technique, target),
                v.reasons
            ));
        }
        assert!(!v.reasons.is_empty(), "{input:?} has no reason");
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn domains_and_links() {
    use Technique::*;
    use Verdict::*;
    check(&[
        ("example.com", Official, None, Some("example.com")),
        ("EXAMPLE.COM.", Official, None, Some("example.com")),
        (
            "https://www.example.com/login",
            Official,
            None,
            Some("example.com"),
        ),
        (
            "launchpad.example.org",
            Official,
            None,
            Some("launchpad.example.org"),
        ),
        (
            "examp1e.com",
            Impersonation,
            Some(Homoglyph),
            Some("example.com"),
        ),
        (
            "exarnple.com",
            Impersonation,
            Some(Homoglyph),
            Some("example.com"),
        ),
        (
            "\u{435}xample.com",
            Impersonation,
            Some(Homoglyph),
            Some("example.com"),
        ),
        (
            "exampel.com",
            Impersonation,
            Some(Transposition),
            Some("example.com"),
        ),
        (
            "exmple.com",
            Impersonation,
            Some(Omission),
            Some("example.com"),
        ),
        (
            "example-support.com",
            Impersonation,
            Some(Combosquatting),
            Some("example.com"),
        ),
        (
            "secure-example-login.net",
            Impersonation,
            Some(Combosquatting),
            Some("example.com"),
        ),
        (
            "example.com.evil-site.io",
            Impersonation,
            Some(SubdomainAbuse),
            Some("example.com"),
        ),
        (
            "example.co",
            Impersonation,
            Some(TldSwap),
            Some("example.com"),
        ),
        (
            "example.com.br",
            Impersonation,
            Some(TldSwap),
            Some("example.com"),
        ),
        (
            "https://example.com@phish.io/login",
            Impersonation,
            Some(UserinfoTrick),
            Some("example.com"),
        ),
        (
            "nimbuswalet.io",
            Impersonation,
            Some(Omission),
            Some("nimbuswallet.io"),
        ),
        ("evil.io", ReportedScam, None, None),
        ("login.evil.io", ReportedScam, None, None),
        ("https://evil.io/x", ReportedScam, None, None),
        ("https://sites.hosting.net/phish", ReportedScam, None, None),
        ("google.com", Unknown, None, None),
        ("wikipedia.org", Unknown, None, None),
    ]);
}

#[test]
fn accounts_emails_phones_addresses() {
    use Technique::*;
    use Verdict::*;
    check(&[
        ("@ExampleEx", Official, None, Some("exampleex")),
        ("https://x.com/ExampleEx", Official, None, Some("exampleex")),
        (
            "t.me/ExampleEnglish",
            Official,
            None,
            Some("exampleenglish"),
        ),
        (
            "x.com/ExampleOld",
            FormerlyOfficial,
            None,
            Some("exampleold"),
        ),
        (
            "https://t.me/ExampIeEnglish",
            Impersonation,
            Some(Homoglyph),
            Some("exampleenglish"),
        ),
        ("t.me/fakesupport", ReportedScam, None, None),
        (
            "support@example.com",
            Official,
            None,
            Some("support@example.com"),
        ),
        (
            "news@mailer.example.com",
            Official,
            None,
            Some("mailer.example.com"),
        ),
        (
            "\"Example Support\" <help@mailbox.org>",
            Impersonation,
            Some(DisplayName),
            Some("example.com"),
        ),
        (
            "examplesupport@gmail.com",
            Impersonation,
            Some(FreemailBrand),
            Some("example.com"),
        ),
        (
            "help@examp1e.com",
            Impersonation,
            Some(Homoglyph),
            Some("example.com"),
        ),
        ("friend@gmail.com", Unknown, None, None),
        ("+852 3000 0000", Official, None, Some("+85230000000")),
        ("3000 0000", Official, None, Some("+85230000000")),
        ("+852 9999 9999", ReportedScam, None, None),
        ("+852 3000 0001", Unknown, None, None),
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            Official,
            None,
            Some("0x52908400098527886e0f7030069857d2e4169ee7"),
        ),
        (
            "0x5290000000000000000000000000000000000ee7",
            Impersonation,
            Some(AddressPoisoning),
            Some("0x52908400098527886e0f7030069857d2e4169ee7"),
        ),
        (
            "0x1111111111111111111111111111111111111111",
            Unknown,
            None,
            None,
        ),
    ]);
}

#[test]
fn invalid_inputs_name_the_problem() {
    let index = index();
    let cases: &[(&str, &str)] = &[
        ("", "empty"),
        ("0x52908400098527886E0F7030069857D2E4169Ee7", "bad_checksum"),
        ("xn--a.com", "bad_punycode"),
        ("\u{0}binary", "binary"),
    ];
    for (input, code) in cases {
        let v = index.verify(input, None);
        assert_eq!(v.verdict, Verdict::Invalid, "{input:?}");
        assert_eq!(v.error().map(ParseError::code), Some(*code), "{input:?}");
    }
    let long = "a".repeat(indicator::MAX_INPUT_BYTES + 1);
    assert_eq!(
        index.verify(&long, None).error().map(ParseError::code),
        Some("too_long")
    );
}

#[test]
fn unknown_always_says_no_record() {
    let index = index();
    let v = index.verify("unrelated-site.org", None);
    assert_eq!(v.verdict, Verdict::Unknown);
    assert_eq!(v.reasons, vec![Reason::NoRecord]);
}

#[test]
fn unknown_with_a_remark_still_says_no_record() {
    let index = index();
    // A brand website that is not one of its mail domains.
    let registry = Registry::from_toml(
        "[[brand]]\nname = \"A\"\ndomains = [\"a-brand.com\"]\nemail_domains = [\"mail.a-brand.com\"]",
    )
    .expect("registry");
    let own = Index::build(&registry, blocklist::Index::default(), Options::default());
    let v = own.verify("ceo@a-brand.com", None);
    assert_eq!(v.verdict, Verdict::Unknown);
    assert!(matches!(v.reasons[0], Reason::WebsiteNotMail { .. }));
    assert_eq!(v.reasons.last(), Some(&Reason::NoRecord));
    assert_eq!(
        index.verify("unrelated.org", None).reasons,
        vec![Reason::NoRecord]
    );
}

#[test]
fn reported_lookalike_keeps_both_reasons() {
    let registry = Registry::from_toml(REGISTRY).expect("registry");
    let (entries, _) = blocklist_from_lines("examp1e.com\n", "test", 1, &ParseOptions::default());
    let index = Index::build(
        &registry,
        blocklist::Index::build(entries),
        Options::default(),
    );
    let v = index.verify("login.examp1e.com", None);
    assert_eq!(v.verdict, Verdict::ReportedScam);
    assert_eq!(v.technique, Some(Technique::Homoglyph));
    assert!(matches!(v.reasons[0], Reason::ReportedParent { .. }));
    assert!(matches!(v.reasons[1], Reason::Imitates { .. }));
}

#[test]
fn hints_read_plain_names_as_accounts() {
    let index = index();
    let v = index.verify("ExampleEnglish", Some(Kind::Telegram));
    assert_eq!(v.verdict, Verdict::Official);
    assert_eq!(v.kind(), Some(Kind::Telegram));
    let v = index.verify("ExampleEnglish", None);
    assert_eq!(v.kind(), Some(Kind::Handle));
    assert_eq!(v.verdict, Verdict::Official);
}

#[test]
fn poisoned_counterparties() {
    let known = [Address::parse("0x52908400098527886E0F7030069857D2E4169EE7").expect("addr")];
    let bad = Address::parse("0x5290000000000000000000000000000000000ee7").expect("addr");
    assert!(poisoned(&bad, &known).is_some());
    assert!(poisoned(&known[0], &known).is_none());
}

/// Issue 11: phone numbers with the country code in brackets, sites on shared hosts matched by
/// path prefix and by their name, Telegram invite links in both forms.
#[test]
fn shared_hosts_invites_and_bracketed_phones() {
    use Technique::*;
    use Verdict::*;
    check(&[
        ("(+852) 3000 0000", Official, None, Some("+85230000000")),
        ("(+852) 9999-9999", ReportedScam, None, None),
        (
            "https://sites.google.com/view/fake-airdrop",
            ReportedScam,
            None,
            None,
        ),
        (
            "https://sites.google.com/view/fake-airdrop/home",
            ReportedScam,
            None,
            None,
        ),
        (
            "sites.google.com/view/fake-airdrop/claim?x=1",
            ReportedScam,
            None,
            None,
        ),
        (
            "https://sites.google.com/view/fake-airdrops",
            Unknown,
            None,
            None,
        ),
        (
            "https://ipfs.io/ipfs/QmFakeCid123/index.html",
            ReportedScam,
            None,
            None,
        ),
        (
            "https://ipfs.io/ipfs/QmOtherCid/index.html",
            Unknown,
            None,
            None,
        ),
        (
            "https://sites.google.com/view/example-support",
            Impersonation,
            Some(SubdomainAbuse),
            Some("example.com"),
        ),
        (
            "https://cloudflare-ipfs.com/ipfs/bafyabc/examp1e-login.html",
            Impersonation,
            Some(SubdomainAbuse),
            Some("example.com"),
        ),
        (
            "https://sites.google.com/view/gardening-club",
            Unknown,
            None,
            None,
        ),
        (
            "https://bafybeigdyrabc.ipfs.dweb.link/examp1e-login.html",
            Impersonation,
            Some(SubdomainAbuse),
            Some("example.com"),
        ),
        (
            "https://ipfs.io/ipns/example-claim.eth/",
            Impersonation,
            Some(SubdomainAbuse),
            Some("example.com"),
        ),
        (
            "https://bafybeigdyrabc.ipfs.dweb.link/index.html",
            Unknown,
            None,
            None,
        ),
        ("(+852) 9999 9999", ReportedScam, None, None),
        ("+852-9999-9999", ReportedScam, None, None),
        ("00852 9999 9999", ReportedScam, None, None),
        ("https://t.me/+ScamGroup123", ReportedScam, None, None),
        (
            "https://t.me/+ScamGroup123?start=1",
            ReportedScam,
            None,
            None,
        ),
        (
            "telegram.me/joinchat/ScamGroup123",
            ReportedScam,
            None,
            None,
        ),
        ("t.me/joinchat/ScamGroup123", ReportedScam, None, None),
        ("https://t.me/+ExampleEnglish", Unknown, None, None),
    ]);
}

/// Example Exchange's Telegram account and launchpad website were hijacked on
/// 2026-12-01 (Unix 1_796_083_200); its other channels are fine.
const COMPROMISED: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com", { value = "launchpad.example.org", compromised_since = "2026-12-01T00:00:00Z" }]
email_domains = [{ value = "mailer.example.com", compromised_since = "2026-12-01T00:00:00Z" }]
telegram = [{ value = "ExampleEnglish", compromised_since = "2026-12-01T00:00:00Z", note = "hijacked" }]
x = ["ExampleEx"]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7", compromised_since = "2026-12-01T00:00:00Z" }]
"#;

const HIJACK: i64 = 1_796_083_200;

#[test]
fn compromised_channels_are_never_plain_official() {
    let registry = Registry::from_toml(COMPROMISED).expect("registry");
    let index = Index::build(&registry, blocklist::Index::default(), Options::default());
    // Input, time, verdict, official value concerned.
    let rows: &[(&str, i64, Verdict, &str)] = &[
        (
            "t.me/ExampleEnglish",
            HIJACK,
            Verdict::OfficialCompromised,
            "exampleenglish",
        ),
        (
            "t.me/ExampleEnglish",
            HIJACK + 86_400,
            Verdict::OfficialCompromised,
            "exampleenglish",
        ),
        (
            "t.me/ExampleEnglish",
            HIJACK - 1,
            Verdict::Official,
            "exampleenglish",
        ),
        (
            "https://launchpad.example.org/claim",
            HIJACK,
            Verdict::OfficialCompromised,
            "launchpad.example.org",
        ),
        (
            "app.launchpad.example.org",
            HIJACK,
            Verdict::OfficialCompromised,
            "launchpad.example.org",
        ),
        (
            "news@mailer.example.com",
            HIJACK,
            Verdict::OfficialCompromised,
            "mailer.example.com",
        ),
        (
            "0x52908400098527886e0f7030069857d2e4169ee7",
            HIJACK,
            Verdict::OfficialCompromised,
            "0x52908400098527886e0f7030069857d2e4169ee7",
        ),
        // The brand's other channels are unaffected.
        ("example.com", HIJACK, Verdict::Official, "example.com"),
        (
            "https://x.com/ExampleEx",
            HIJACK,
            Verdict::Official,
            "exampleex",
        ),
    ];
    for &(input, at, verdict, target) in rows {
        let v = index.verify_at(input, None, at);
        assert_eq!(
            (v.verdict, v.target.map(|t| t.value)),
            (verdict, Some(target)),
            "{input} at {at}: {:?}",
            v.reasons
        );
        let compromised = verdict == Verdict::OfficialCompromised;
        assert_eq!(
            v.compromised_since,
            compromised.then_some(HIJACK),
            "{input}"
        );
        assert_eq!(
            v.reasons
                .iter()
                .any(|r| matches!(r, Reason::Compromised { since, .. } if *since == HIJACK)),
            compromised,
            "{input}"
        );
        assert!(v.verdict.is_official_channel());
    }
    // Without a time every mark applies; the answer names the other active channels,
    // not the compromised ones.
    let v = index.verify("t.me/ExampleEnglish", None);
    assert_eq!(v.verdict, Verdict::OfficialCompromised);
    let others: Vec<&str> = v.alternatives.iter().map(|t| t.value).collect();
    assert_eq!(others, ["example.com", "exampleex"]);
    // Before the time the answer is plain official, without alternatives.
    let v = index.verify_at("t.me/ExampleEnglish", None, HIJACK - 1);
    assert!(v.alternatives.is_empty());
    assert!(index.verify("example.com", None).alternatives.is_empty());
}

/// The operator's allowlist vetoes impersonation verdicts only: per kind, a domain covers
/// its subdomains and the emails and links on it, a URL the pages under it; a report still
/// wins; everything not allowlisted is judged as before.
#[test]
fn allowlist_vetoes_impersonation_only() {
    use Verdict::*;
    let allowed = [
        "domain:examp1e-partner.com",
        "domain:evil.io",
        "url:https://sites.google.com/view/example-fanclub",
        "email:example.help@gmail.com",
        "x:examplex",
        "handle:nimbus_wallet",
        "address:evm:0x5291111111111111111111111111111111169ee7",
    ];
    let index = index().with_allowlist(allowed.iter().map(|k| (*k).to_owned()));
    assert_eq!(index.allowlist_len(), allowed.len());
    let rows: &[(&str, Verdict, Verdict)] = &[
        // (input, without the allowlist, with it)
        ("examp1e-partner.com", Impersonation, Unknown),
        ("shop.examp1e-partner.com", Impersonation, Unknown),
        ("https://examp1e-partner.com/login", Impersonation, Unknown),
        ("someone@examp1e-partner.com", Impersonation, Unknown),
        ("examp1e-partner.net", Impersonation, Impersonation),
        (
            "https://sites.google.com/view/example-fanclub/home",
            Impersonation,
            Unknown,
        ),
        (
            "https://sites.google.com/view/example-support",
            Impersonation,
            Impersonation,
        ),
        ("example.help@gmail.com", Impersonation, Unknown),
        ("example.support@gmail.com", Impersonation, Impersonation),
        ("x.com/ExampIeX", Impersonation, Impersonation),
        ("x.com/ExampleX", Impersonation, Unknown),
        ("t.me/ExampleX", Impersonation, Impersonation),
        ("x.com/Nimbus_Wallet", Impersonation, Unknown),
        (
            "0x5291111111111111111111111111111111169ee7",
            Impersonation,
            Unknown,
        ),
        (
            "0x5292222222222222222222222222222222269ee7",
            Impersonation,
            Impersonation,
        ),
        // A report is never hidden; an official channel stays official.
        ("evil.io", ReportedScam, ReportedScam),
        ("example.com", Official, Official),
    ];
    let plain = self::index();
    let mut failures = Vec::new();
    for &(input, before, after) in rows {
        let got = (
            plain.verify(input, None).verdict,
            index.verify(input, None).verdict,
        );
        if got != (before, after) {
            failures.push(format!(
                "{input:?}: want {:?}, got {got:?}",
                (before, after)
            ));
        }
        if after == Unknown {
            let v = index.verify(input, None);
            assert!(v.reasons.contains(&Reason::NoRecord), "{input:?}");
            assert!(v.technique.is_none(), "{input:?}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Issue 11, eleventh pass: a brand's own domains with the phishing shape (a word and a
/// hyphen, a lure word, another brand's word: `booking-zorvex.com` for an airline whose
/// bookings run there) are official with their subdomains, never impersonations of it or of
/// another brand; the same shapes off the registry are judged as ever.
#[test]
fn own_domains_with_the_phishing_shape_are_official() {
    const OWN: &str = r#"
[[brand]]
name = "Zorvex Air"
domains = ["zorvex.com", "booking-zorvex.com", "zorvex-claim.app", "wallet.zorvex-rewards.net"]

[[brand]]
name = "Bookingo"
domains = ["bookingo.com"]

[[brand]]
name = "Crypto.com"
domains = ["crypto.com"]

[[brand]]
name = "Ledger"
domains = ["ledger.com", "ledger-claim.xyz"]
"#;
    let registry = Registry::from_toml(OWN).expect("registry");
    let index = Index::build(&registry, blocklist::Index::default(), Options::default());
    for host in [
        "booking-zorvex.com",
        "www.booking-zorvex.com",
        "zorvex-claim.app",
        "app.zorvex-claim.app",
        "wallet.zorvex-rewards.net",
        "ledger-claim.xyz",
        "crypto.com",
    ] {
        assert_eq!(
            index.verify(host, None).verdict,
            Verdict::Official,
            "{host}"
        );
    }
    for host in [
        "booking-zorvex-login.com",
        "zorvex-claim.xyz",
        "bookingo-zorvex.com",
        "ledger-claim.com",
        "ledger.cryptoclaim.online",
        "crypto-zq41.vip",
    ] {
        assert_eq!(
            index.verify(host, None).verdict,
            Verdict::Impersonation,
            "{host}"
        );
    }
}

/// Every official domain of the 91-brand evaluation registry, with `www.` and an app
/// subdomain, is official: no rule calls a brand's own address an impersonation.
#[test]
fn evaluation_registry_domains_are_official() {
    let text = concat!(
        include_str!("../../../data/eval/registry.toml"),
        "\n",
        include_str!("../../../data/eval/registry-extra.toml")
    );
    let registry = Registry::from_toml(text).expect("registry");
    let index = Index::build(&registry, blocklist::Index::default(), Options::default());
    let mut checked = 0;
    for brand in registry.brands() {
        for c in &brand.channels {
            if c.kind != ChannelKind::Domain {
                continue;
            }
            for host in [
                c.value.clone(),
                format!("www.{}", c.value),
                format!("app.{}", c.value),
            ] {
                let v = index.verify(&host, None);
                assert_eq!(v.verdict, Verdict::Official, "{host}: {:?}", v.reasons);
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

use super::*;

use proptest::prelude::*;

fn opts(region: Option<&str>, hint: Option<Kind>) -> ParseOptions {
    ParseOptions {
        default_region: region.map(str::to_owned),
        hint,
    }
}

/// Parses `input` (with region and hint) and compares the key, or the error code; checks the
/// normalization is idempotent (the normalized value parses back, with the kind as hint, to
/// the same key).
fn check(input: &str, region: Option<&str>, hint: Option<Kind>, expected: Result<&str, &str>) {
    let o = opts(region, hint);
    match (parse(input, &o), expected) {
        (Ok(ind), Ok(key)) => {
            assert_eq!(ind.key(), key, "key of {input:?} (hint {hint:?})");
            assert_eq!(ind.to_string(), key);
            let again = parse(&ind.normalized(), &opts(region, Some(ind.kind())));
            assert_eq!(
                again.map(|i| i.key()).as_deref(),
                Ok(key),
                "reparse of {input:?}"
            );
        }
        (Err(e), Err(code)) => assert_eq!(e.code(), code, "error for {input:?}: {e}"),
        (got, want) => panic!("{input:?} (hint {hint:?}): got {got:?}, want {want:?}"),
    }
}

#[test]
fn detection_rules() {
    let table: &[(&str, Result<&str, &str>)] = &[
        // 1. Size, binary, empty.
        ("", Err("empty")),
        (" \t\n ", Err("empty")),
        ("exa\u{0}mple.com", Err("binary")),
        ("example.com\u{FFFD}", Err("binary")),
        ("\u{7}", Err("binary")),
        // Surrounding whitespace, even control whitespace, is fine.
        ("\t example.com \r\n", Ok("domain:example.com")),
        // 2. Refanging.
        ("hxxps://evil[.]com/login", Ok("url:https://evil.com/login")),
        ("evil[.]com", Ok("domain:evil.com")),
        ("evil(dot)com", Ok("domain:evil.com")),
        ("support[at]evil[.]com", Ok("email:support@evil.com")),
        ("hxxp[:]//evil.com", Ok("url:http://evil.com/")),
        // 3. Display-name email, mailto, tel.
        ("\"Example Support\" <x@evil.io>", Ok("email:x@evil.io")),
        ("Example Support <Help@Evil.io>", Ok("email:help@evil.io")),
        ("mailto:x@evil.io", Ok("email:x@evil.io")),
        ("tel:+85228221111", Ok("phone:+85228221111")),
        // 4. Profile links.
        ("https://t.me/ExampleSupport", Ok("telegram:examplesupport")),
        ("t.me/+AbCdEf", Ok("telegram:+AbCdEf")),
        ("t.me/joinchat/AbCdEf", Ok("telegram:+AbCdEf")),
        ("twitter.com/ExampleEx", Ok("x:exampleex")),
        ("https://x.com/home", Ok("url:https://x.com/home")),
        (
            "https://x.com/search?q=example",
            Ok("url:https://x.com/search?q=example"),
        ),
        (
            "https://x.com/ExampleSupport_Official",
            Err("invalid_handle"),
        ),
        ("www.instagram.com/example.ex", Ok("instagram:example.ex")),
        (
            "https://www.facebook.com/profile.php?id=1000123",
            Ok("facebook:1000123"),
        ),
        (
            "https://www.youtube.com/@ExampleEx",
            Ok("youtube:exampleex"),
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            Ok("url:https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ),
        ("tiktok.com/@example.ex", Ok("tiktok:example.ex")),
        ("discord.gg/AbCd", Ok("discord:AbCd")),
        ("wa.me/85228221111", Ok("whatsapp:+85228221111")),
        (
            "https://api.whatsapp.com/send?phone=85228221111",
            Ok("whatsapp:+85228221111"),
        ),
        // 5. URLs.
        (
            "https://official.com@evil.io/",
            Ok("url:https://official.com@evil.io/"),
        ),
        (
            "official.com@evil.io/login",
            Ok("url:https://official.com@evil.io/login"),
        ),
        ("example.com/login", Ok("url:https://example.com/login")),
        ("EXAMPLE.com:8080", Ok("url:https://example.com:8080/")),
        ("1.2.3.4:8080", Ok("url:https://1.2.3.4:8080/")),
        ("http://[::1]/x", Ok("url:http://[::1]/x")),
        ("https://xn--a.com/", Err("bad_punycode")),
        ("gopher://example.com/", Err("invalid_url")),
        // 6. @name.
        ("@ExampleSupport", Ok("handle:examplesupport")),
        ("@ExampIe", Ok("handle:exampie")),
        ("@bad name", Err("invalid_handle")),
        // 7. local@domain.
        ("Support@Example.com", Ok("email:support@example.com")),
        ("x@bücher.de", Ok("email:x@xn--bcher-kva.de")),
        ("x@localhost", Err("invalid_domain")),
        // 8. Addresses.
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            Ok("address:evm:0x52908400098527886e0f7030069857d2e4169ee7"),
        ),
        (
            "0x52908400098527886e0F7030069857D2E4169EE7",
            Err("bad_checksum"),
        ),
        (
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            Ok("address:bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ),
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", Err("bad_checksum")),
        (
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
            Ok("address:bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        ),
        (
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
            Ok("address:tron:TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
        ),
        (
            "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
            Ok("address:polkadot:15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"),
        ),
        (
            "9WzDXwBbmkg8ZTbNMqUxvQRAyEPcuqUdemXJE4G3FBvh",
            Ok("address:solana:9WzDXwBbmkg8ZTbNMqUxvQRAyEPcuqUdemXJE4G3FBvh"),
        ),
        // IP literals (before phones: a dotted quad is all digits and dots).
        ("1.2.3.4", Ok("ip:1.2.3.4")),
        ("192.168.100.200", Ok("ip:192.168.100.200")),
        ("2001:DB8::1", Ok("ip:2001:db8::1")),
        ("[2001:db8::1]", Ok("ip:2001:db8::1")),
        ("::ffff:1.2.3.4", Ok("ip:1.2.3.4")),
        // 9. Phones.
        ("+852 2822 1111", Ok("phone:+85228221111")),
        ("(+852) 2822 1111", Ok("phone:+85228221111")),
        ("00852 2822 1111", Ok("phone:+85228221111")),
        ("+1 (650) 253-0000", Ok("phone:+16502530000")),
        ("2822 1111", Err("invalid_phone")),
        ("+852 300", Err("invalid_phone")),
        // 10. Domains.
        ("Example.COM.", Ok("domain:example.com")),
        ("bücher.de", Ok("domain:xn--bcher-kva.de")),
        ("xn--bcher-kva.de", Ok("domain:xn--bcher-kva.de")),
        ("evil.github.io", Ok("domain:evil.github.io")),
        ("xn--a.com", Err("bad_punycode")),
        ("exa$mple.com", Err("invalid_character")),
        ("my-site.unknowntld", Ok("domain:my-site.unknowntld")),
        // 11. Bare names (an unknown "TLD" that is also a valid name is a name).
        ("ExampleSupport", Ok("handle:examplesupport")),
        ("john.doe", Ok("handle:john.doe")),
        ("12345", Ok("handle:12345")),
        // 12. Nothing.
        ("hello world", Err("unrecognized")),
        ("Hello. How are you?", Err("unrecognized")),
        ("3.14", Err("unrecognized")),
        ("1.2.3.4.5", Err("unrecognized")),
        ("!!!", Err("unrecognized")),
        ("日本語", Err("unrecognized")),
        ("例子。中国", Ok("domain:xn--fsqu00a.xn--fiqs8s")),
    ];
    for &(input, want) in table {
        check(input, None, None, want);
    }
}

#[test]
fn too_long_before_anything() {
    let long = format!("https://example.com/{}", "a".repeat(3000));
    assert_eq!(
        parse(&long, &ParseOptions::default()).err(),
        Some(ParseError::TooLong {
            len: long.len(),
            max: crate::MAX_INPUT_BYTES
        })
    );
    // Even binary garbage of that size is "too long", not "binary".
    let garbage = "\0".repeat(crate::MAX_INPUT_BYTES + 1);
    check(&garbage, None, None, Err("too_long"));
    // Exactly at the limit is looked at.
    let at_limit = format!("{}.com", "a.".repeat(1022));
    assert_eq!(at_limit.len(), crate::MAX_INPUT_BYTES);
    check(&at_limit, None, None, Err("invalid_domain"));
}

#[test]
fn regions() {
    check("2822 1111", Some("HK"), None, Ok("phone:+85228221111"));
    check(
        "(852) 2822-1111",
        Some("HK"),
        None,
        Ok("phone:+85228221111"),
    );
    check("(650) 253-0000", Some("US"), None, Ok("phone:+16502530000"));
    check("020 7031 3000", Some("GB"), None, Ok("phone:+442070313000"));
    check("+852 2822 1111", Some("GB"), None, Ok("phone:+85228221111"));
    check("2822 1111", Some("ZZ"), None, Err("invalid_phone"));
}

#[test]
fn hints() {
    use Kind::*;
    let table: &[(&str, Kind, Result<&str, &str>)] = &[
        ("ExampleEx", Telegram, Ok("telegram:exampleex")),
        ("@ExampleEx", Telegram, Ok("telegram:exampleex")),
        ("ExampleEx", Handle, Ok("handle:exampleex")),
        ("ExampleEx", X, Ok("x:exampleex")),
        ("ExampleEx", Instagram, Ok("instagram:exampleex")),
        ("ExampleEx", Facebook, Ok("facebook:exampleex")),
        ("ExampleEx", Youtube, Ok("youtube:exampleex")),
        ("ExampleEx", Tiktok, Ok("tiktok:exampleex")),
        ("AbCd", Discord, Ok("discord:AbCd")),
        ("+852 2822 1111", Whatsapp, Ok("whatsapp:+85228221111")),
        ("t.me/exampleex", Telegram, Ok("telegram:exampleex")),
        ("t.me/exampleex", Url, Ok("url:https://t.me/exampleex")),
        ("example.com", Url, Ok("url:https://example.com/")),
        ("john.doe", Domain, Ok("domain:john.doe")),
        ("example.com", Domain, Ok("domain:example.com")),
        ("1.2.3.4", Ip, Ok("ip:1.2.3.4")),
        ("x@y.com", Email, Ok("email:x@y.com")),
        ("+852 2822 1111", Phone, Ok("phone:+85228221111")),
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            Address,
            Ok("address:evm:0x52908400098527886e0f7030069857d2e4169ee7"),
        ),
        ("hxxps://evil[.]com/x", Url, Ok("url:https://evil.com/x")),
        // Not of the hinted kind: say what it is, when it is something else.
        ("localhost", Domain, Err("invalid_domain")),
        ("https://x.com/exampleex", Telegram, Err("not_of_kind")),
        ("x@y.com", Domain, Err("not_of_kind")),
        ("example.com", Ip, Err("not_of_kind")),
        ("example.com", Phone, Err("not_of_kind")),
        ("abc", Telegram, Err("invalid_handle")),
        ("t.me/exampleex", Handle, Err("not_of_kind")),
        ("hello", Address, Err("not_of_kind")),
        (
            "0x52908400098527886e0F7030069857D2E4169EE7",
            Address,
            Err("bad_checksum"),
        ),
    ];
    for &(input, hint, want) in table {
        check(input, None, Some(hint), want);
    }
    let o = opts(None, Some(Kind::Domain));
    assert_eq!(
        parse("x@y.com", &o).err(),
        Some(ParseError::NotOfKind {
            kind: Kind::Domain,
            found: Some(Kind::Email)
        })
    );
}

#[test]
fn accessors() {
    let o = ParseOptions::default();
    let url = parse("https://official.com@login.evil.io/x", &o).ok();
    assert_eq!(url.as_ref().map(Indicator::kind), Some(Kind::Url));
    assert_eq!(
        url.as_ref()
            .and_then(Indicator::domain)
            .map(crate::Domain::registrable),
        Some("evil.io")
    );
    let email = parse("x@mail.evil.io", &o).ok();
    assert_eq!(
        email
            .as_ref()
            .and_then(Indicator::domain)
            .map(crate::Domain::as_str),
        Some("mail.evil.io")
    );
    let ip_url = parse("http://1.2.3.4/x", &o).ok();
    assert!(ip_url.as_ref().is_some_and(|i| i.domain().is_none()));
    let account = parse("t.me/exampleex", &o).ok();
    assert!(account.as_ref().is_some_and(|i| i.domain().is_none()));
    assert_eq!(account.map(|i| i.kind()), Some(Kind::Telegram));
    let ip = parse("1.2.3.4", &o).ok();
    assert!(matches!(
        ip.as_ref().map(Indicator::normalized),
        Some(Cow::Owned(_))
    ));
}

/// Fragments for [`token_soup`]: schemes, separators, platform hosts, address prefixes,
/// IDN and confusable characters, defanging.
const TOKENS: &[&str] = &[
    "http",
    "s",
    "://",
    "hxxp",
    "[.]",
    "(dot)",
    ".",
    "@",
    ":",
    "/",
    "?",
    "#",
    "xn--",
    "-",
    "_",
    "+",
    "00",
    "852",
    "2822",
    "1111",
    "t.me",
    "x.com",
    "wa.me",
    "youtube.com",
    "channel",
    "joinchat",
    "com",
    "io",
    "github",
    "bücher",
    "例子",
    "中国",
    "。",
    "0x",
    "52908400098527886E0F7030069857D2E4169EE7",
    "abcdef",
    "ABC",
    "1Bv",
    "bc1q",
    "T",
    " ",
    "<",
    ">",
    "\"",
    "mailto:",
    "tel:",
    "[",
    "]",
    "(",
    ")",
    "%2B",
    "=",
    "phone",
    "send",
    "profile.php",
    "id",
    "\u{430}",
    "\u{FF0E}",
    "９",
    "localhost",
    "1.2.3.4",
    "::1",
    "%",
    "\\",
    "\u{200B}",
    "ß",
    "İ",
    "ﬁ",
    "\u{0}",
    "\u{202E}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Never panics on arbitrary text, and what parses re-parses to the same key.
    #[test]
    fn never_panics_and_is_idempotent(input in any::<String>(), hint in proptest::option::of(0usize..15)) {
        let hint = hint.and_then(|i| Kind::ALL.get(i).copied());
        let o = opts(Some("HK"), hint);
        if let Ok(ind) = parse(&input, &o) {
            let key = ind.key();
            let again = parse(&ind.normalized(), &opts(Some("HK"), Some(ind.kind())));
            prop_assert_eq!(again.map(|i| i.key()), Ok(key));
        }
    }

    /// Same, on inputs built from the characters that matter to the parsers.
    #[test]
    fn structured_inputs(input in "[a-zA-Z0-9@:/.+_ ()\\[\\]<>\"?=#%-]{0,40}|(https?://)?[a-zA-Zü0-9.-]{1,20}\\.(com|io|de|co\\.uk|github\\.io)(/[a-z@+]{0,10}){0,2}") {
        let o = ParseOptions::default();
        if let Ok(ind) = parse(&input, &o) {
            let key = ind.key();
            let again = parse(&ind.normalized(), &opts(None, Some(ind.kind())));
            prop_assert_eq!(again.map(|i| i.key()), Ok(key), "input {:?}", input);
        }
    }

    /// Same, on concatenations of the fragments the parsers branch on: finds the realistic
    /// corner cases that uniformly random text never reaches.
    #[test]
    fn token_soup(
        tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..8),
        hint in proptest::option::of(0usize..15),
        region in proptest::option::of(proptest::sample::select(&["HK", "US", "GB"][..])),
    ) {
        let input = tokens.concat();
        let hint = hint.and_then(|i| Kind::ALL.get(i).copied());
        if let Ok(ind) = parse(&input, &opts(region, hint)) {
            let key = ind.key();
            let again = parse(&ind.normalized(), &opts(region, Some(ind.kind())));
            prop_assert_eq!(again.map(|i| i.key()), Ok(key), "input {:?}", input);
        }
    }

    /// Domain parsing is idempotent from both its ASCII and Unicode forms.
    #[test]
    fn domain_round_trip(input in "[a-zA-Z0-9äöüéß\u{0430}\u{4e2d}-]{1,12}(\\.[a-zA-Z0-9äöü-]{1,12}){1,3}") {
        if let Ok(d) = crate::Domain::parse(&input) {
            let from_ascii = crate::Domain::parse(d.as_str());
            prop_assert_eq!(from_ascii.as_ref().ok(), Some(&d));
            let from_unicode = crate::Domain::parse(d.unicode());
            prop_assert_eq!(from_unicode.as_ref().ok(), Some(&d));
            let last = d.parents().last().map(str::to_owned);
            prop_assert_eq!(last.as_deref(), Some(d.registrable()));
        }
    }
}

use super::*;

/// Expected parts of a parsed domain.
struct Want<'a> {
    ascii: &'a str,
    unicode: &'a str,
    registrable: &'a str,
    suffix: &'a str,
    label: &'a str,
    subdomain: Option<&'a str>,
}

const fn want<'a>(
    ascii: &'a str,
    unicode: &'a str,
    registrable: &'a str,
    suffix: &'a str,
    label: &'a str,
    subdomain: Option<&'a str>,
) -> Want<'a> {
    Want {
        ascii,
        unicode,
        registrable,
        suffix,
        label,
        subdomain,
    }
}

/// Parses `input` and compares every part, or the error code.
fn check(input: &str, expected: Result<Want<'_>, &str>) {
    match (Domain::parse(input), expected) {
        (Ok(d), Ok(w)) => {
            assert_eq!(d.as_str(), w.ascii, "ascii of {input:?}");
            assert_eq!(d.unicode(), w.unicode, "unicode of {input:?}");
            assert_eq!(d.is_idn(), w.ascii != w.unicode, "is_idn of {input:?}");
            assert_eq!(d.registrable(), w.registrable, "registrable of {input:?}");
            assert_eq!(d.suffix(), w.suffix, "suffix of {input:?}");
            assert_eq!(d.label(), w.label, "label of {input:?}");
            assert_eq!(d.subdomain(), w.subdomain, "subdomain of {input:?}");
            assert_eq!(d.to_string(), w.ascii);
            // Normalization is idempotent, from either form.
            assert_eq!(
                Domain::parse(d.as_str()).ok().as_ref(),
                Some(&d),
                "{input:?}"
            );
            assert_eq!(
                Domain::parse(d.unicode()).ok().as_ref(),
                Some(&d),
                "{input:?}"
            );
        }
        (Err(e), Err(code)) => assert_eq!(e.code(), code, "error for {input:?}: {e}"),
        (got, want) => panic!("{input:?}: got {got:?}, want {:?}", want.map(|w| w.ascii)),
    }
}

#[test]
fn ascii_names() {
    check(
        "login.example.com",
        Ok(want(
            "login.example.com",
            "login.example.com",
            "example.com",
            "com",
            "example",
            Some("login"),
        )),
    );
    check(
        "example.com",
        Ok(want(
            "example.com",
            "example.com",
            "example.com",
            "com",
            "example",
            None,
        )),
    );
    check(
        "  WWW.Example.COM.  ",
        Ok(want(
            "www.example.com",
            "www.example.com",
            "example.com",
            "com",
            "example",
            Some("www"),
        )),
    );
    check(
        "a.b.example.co.uk",
        Ok(want(
            "a.b.example.co.uk",
            "a.b.example.co.uk",
            "example.co.uk",
            "co.uk",
            "example",
            Some("a.b"),
        )),
    );
    check(
        "example.com.br",
        Ok(want(
            "example.com.br",
            "example.com.br",
            "example.com.br",
            "com.br",
            "example",
            None,
        )),
    );
    check(
        "shop.example.com.br",
        Ok(want(
            "shop.example.com.br",
            "shop.example.com.br",
            "example.com.br",
            "com.br",
            "example",
            Some("shop"),
        )),
    );
    check(
        "my_host.example.com",
        Ok(want(
            "my_host.example.com",
            "my_host.example.com",
            "example.com",
            "com",
            "example",
            Some("my_host"),
        )),
    );
    check(
        "a-b--c.example.com",
        Ok(want(
            "a-b--c.example.com",
            "a-b--c.example.com",
            "example.com",
            "com",
            "example",
            Some("a-b--c"),
        )),
    );
}

#[test]
fn private_and_unknown_suffixes() {
    check(
        "x.evil.github.io",
        Ok(want(
            "x.evil.github.io",
            "x.evil.github.io",
            "evil.github.io",
            "github.io",
            "evil",
            Some("x"),
        )),
    );
    check(
        "github.io",
        Ok(want(
            "github.io",
            "github.io",
            "github.io",
            "github.io",
            "",
            None,
        )),
    );
    check(
        "co.uk",
        Ok(want("co.uk", "co.uk", "co.uk", "co.uk", "", None)),
    );
    check(
        "evil.example.invalidtld",
        Ok(want(
            "evil.example.invalidtld",
            "evil.example.invalidtld",
            "example.invalidtld",
            "invalidtld",
            "example",
            Some("evil"),
        )),
    );
    check(
        "binance.support",
        Ok(want(
            "binance.support",
            "binance.support",
            "binance.support",
            "support",
            "binance",
            None,
        )),
    );
    let known = |s: &str| Domain::parse(s).map(|d| d.has_known_suffix()).ok();
    assert_eq!(known("example.com"), Some(true));
    assert_eq!(known("evil.github.io"), Some(true));
    assert_eq!(known("john.doe"), Some(false));
}

#[test]
fn idn_both_ways() {
    let bucher = want(
        "xn--bcher-kva.de",
        "bücher.de",
        "xn--bcher-kva.de",
        "de",
        "xn--bcher-kva",
        None,
    );
    check("bücher.de", Ok(bucher));
    check(
        "xn--bcher-kva.de",
        Ok(want(
            "xn--bcher-kva.de",
            "bücher.de",
            "xn--bcher-kva.de",
            "de",
            "xn--bcher-kva",
            None,
        )),
    );
    check(
        "BÜCHER.DE",
        Ok(want(
            "xn--bcher-kva.de",
            "bücher.de",
            "xn--bcher-kva.de",
            "de",
            "xn--bcher-kva",
            None,
        )),
    );
    check(
        "XN--BCHER-KVA.de.",
        Ok(want(
            "xn--bcher-kva.de",
            "bücher.de",
            "xn--bcher-kva.de",
            "de",
            "xn--bcher-kva",
            None,
        )),
    );
    // Fullwidth and ideographic dots separate labels.
    check(
        "bücher\u{3002}de",
        Ok(want(
            "xn--bcher-kva.de",
            "bücher.de",
            "xn--bcher-kva.de",
            "de",
            "xn--bcher-kva",
            None,
        )),
    );
    check(
        "example\u{FF0E}com",
        Ok(want(
            "example.com",
            "example.com",
            "example.com",
            "com",
            "example",
            None,
        )),
    );
    // Cyrillic "а" in a Latin-looking name: the lookalike trick.
    check(
        "www.exаmple.com",
        Ok(want(
            "www.xn--exmple-4nf.com",
            "www.exаmple.com",
            "xn--exmple-4nf.com",
            "com",
            "xn--exmple-4nf",
            Some("www"),
        )),
    );
    // IDN top-level domain (中国), registrable label in Unicode.
    check(
        "例子.中国",
        Ok(want(
            "xn--fsqu00a.xn--fiqs8s",
            "例子.中国",
            "xn--fsqu00a.xn--fiqs8s",
            "xn--fiqs8s",
            "xn--fsqu00a",
            None,
        )),
    );
    let d = Domain::parse("shop.bücher.de").ok();
    assert_eq!(d.as_ref().map(Domain::unicode_label), Some("bücher"));
    assert_eq!(d.as_ref().map(Domain::label), Some("xn--bcher-kva"));
    let plain = Domain::parse("shop.example.com").ok();
    assert_eq!(plain.as_ref().map(Domain::unicode_label), Some("example"));
}

#[test]
fn errors() {
    let cases: [(&str, &str); 22] = [
        ("xn--a.com", "bad_punycode"),
        ("xn--.com", "bad_punycode"),
        ("xn--abc-.com", "bad_punycode"),
        // Punycode's ASCII part is case-insensitive like the rest of the name.
        ("xn--Bcher-kva.example.com", "ok"),
        ("xn--zca.example.com", "ok"),
        ("localhost", "invalid_domain"),
        ("", "empty"),
        ("  ", "empty"),
        ("a..com", "invalid_domain"),
        (".example.com", "invalid_domain"),
        ("example.com..", "invalid_domain"),
        ("-example.com", "invalid_domain"),
        ("example-.com", "invalid_domain"),
        ("exa mple.com", "invalid_character"),
        ("example.com/path", "invalid_character"),
        ("exa!mple.com", "invalid_character"),
        ("1.2.3.4", "invalid_domain"),
        ("3.14", "invalid_domain"),
        ("a\0.com", "binary"),
        ("ex\u{202E}ample.com", "binary"),
        ("bü cher.de", "invalid_character"),
        ("bücher..de", "invalid_domain"),
    ];
    for (input, code) in cases {
        let got = Domain::parse(input).map_or_else(|e| e.code(), |_| "ok");
        assert_eq!(got, code, "{input:?}");
    }
    let long_label = format!("{}.com", "a".repeat(64));
    assert_eq!(
        Domain::parse(&long_label).map_err(|e| e.code()).err(),
        Some("label_too_long")
    );
    let ok_label = format!("{}.com", "a".repeat(63));
    assert!(Domain::parse(&ok_label).is_ok());
    let long_name = format!("{}com", "abcdefghi.".repeat(26));
    assert_eq!(
        Domain::parse(&long_name).err(),
        Some(ParseError::domain(DomainError::TooLong { len: 263 }))
    );
    assert_eq!(
        Domain::parse("exa mple.com").err(),
        Some(ParseError::InvalidCharacter { ch: ' ', pos: 4 })
    );
    assert_eq!(
        Domain::parse("xn--a.com").err(),
        Some(ParseError::BadPunycode {
            label: "xn--a".into()
        })
    );
    assert_eq!(
        Domain::parse("1.2.3.4").err(),
        Some(ParseError::domain(DomainError::IpAddress))
    );
    assert_eq!(
        Domain::parse(&"a".repeat(3000)).err(),
        Some(ParseError::TooLong {
            len: 3000,
            max: crate::MAX_INPUT_BYTES
        })
    );
}

#[test]
fn parents() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "a.b.example.com",
            &["a.b.example.com", "b.example.com", "example.com"],
        ),
        ("example.com", &["example.com"]),
        ("x.evil.github.io", &["x.evil.github.io", "evil.github.io"]),
        ("github.io", &["github.io"]),
        ("www.example.co.uk", &["www.example.co.uk", "example.co.uk"]),
    ];
    for (input, want) in cases {
        let d = Domain::parse(input).ok();
        let got: Vec<&str> = d.iter().flat_map(|d| d.parents()).collect();
        assert_eq!(got, want, "{input}");
    }
}

#[test]
fn equality_serde_and_size() {
    let a = Domain::parse("Example.COM").ok();
    let b = Domain::parse("example.com.").ok();
    assert!(a.is_some());
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap_or_default();
    assert_eq!(json, "\"example.com\"");
    let back: Option<Domain> = serde_json::from_str(&json).ok();
    assert_eq!(back, a);
    assert!(serde_json::from_str::<Domain>("\"xn--a.com\"").is_err());
    assert!(std::mem::size_of::<Domain>() <= 32);
}

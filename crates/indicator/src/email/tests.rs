use super::*;

/// Expected address, domain and display name.
type Want<'a> = (&'a str, &'a str, Option<&'a str>);

/// Parses `input` and compares address, domain and display name, or the error code.
fn check(input: &str, expected: Result<Want<'_>, &str>) {
    match (Email::parse(input), expected) {
        (Ok(e), Ok((addr, domain, name))) => {
            assert_eq!(e.as_str(), addr, "address of {input:?}");
            assert_eq!(e.domain().as_str(), domain, "domain of {input:?}");
            assert_eq!(e.display_name(), name, "display name of {input:?}");
            assert_eq!(format!("{}@{}", e.local(), e.domain()), addr);
            let again = Email::parse(e.as_str()).map(|e| e.as_str().to_owned());
            assert_eq!(again.as_deref(), Ok(addr), "idempotent {input:?}");
        }
        (Err(e), Err(code)) => assert_eq!(e.code(), code, "error for {input:?}: {e}"),
        (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn emails() {
    let table: [(&str, Result<Want<'_>, &str>); 14] = [
        ("x@y.com", Ok(("x@y.com", "y.com", None))),
        (
            "Support@Example.COM",
            Ok(("support@example.com", "example.com", None)),
        ),
        ("<x@y.com>", Ok(("x@y.com", "y.com", None))),
        ("Name <x@y.com>", Ok(("x@y.com", "y.com", Some("Name")))),
        (
            "\"Example Support\" <x@evil.io>",
            Ok(("x@evil.io", "evil.io", Some("Example Support"))),
        ),
        (
            "\"Say \\\"hi\\\"\" <x@evil.io>",
            Ok(("x@evil.io", "evil.io", Some("Say \"hi\""))),
        ),
        // The brand in the display name, the real address elsewhere.
        (
            "support@official.com <x@evil.io>",
            Ok(("x@evil.io", "evil.io", Some("support@official.com"))),
        ),
        ("mailto:x@y.com", Ok(("x@y.com", "y.com", None))),
        ("MAILTO:x@y.com?subject=hi", Ok(("x@y.com", "y.com", None))),
        (
            "first.last+tag@bücher.de",
            Ok(("first.last+tag@xn--bcher-kva.de", "xn--bcher-kva.de", None)),
        ),
        (
            "Ünïcode@example.com",
            Ok(("ünïcode@example.com", "example.com", None)),
        ),
        ("x@y.com.", Ok(("x@y.com", "y.com", None))),
        (
            "x@sub.evil.github.io",
            Ok(("x@sub.evil.github.io", "sub.evil.github.io", None)),
        ),
        ("\"\" <x@y.com>", Ok(("x@y.com", "y.com", None))),
    ];
    for (input, want) in table {
        check(input, want);
    }
}

#[test]
fn email_errors() {
    let table = [
        ("xy.com", "invalid_email"),
        ("@y.com", "invalid_email"),
        ("a b@y.com", "invalid_email"),
        (".x@y.com", "invalid_email"),
        ("x..y@y.com", "invalid_email"),
        ("x.@y.com", "invalid_email"),
        ("Name <x@y.com", "invalid_email"),
        ("Name x@y.com>", "invalid_email"),
        ("x@[1.2.3.4]", "invalid_email"),
        ("x@localhost", "invalid_domain"),
        ("x@xn--a.com", "bad_punycode"),
        ("x@y", "invalid_domain"),
    ];
    for (input, code) in table {
        check(input, Err(code));
    }
    let long = format!("{}@y.com", "a".repeat(65));
    check(&long, Err("invalid_email"));
    assert_eq!(
        Email::parse("a b@y.com").err(),
        Some(ParseError::email(EmailError::InvalidLocalCharacter {
            ch: ' '
        }))
    );
}

use super::*;

/// Expected normalized URL, host, userinfo, port and path.
type Want<'a> = (&'a str, &'a str, Option<&'a str>, Option<u16>, &'a str);

/// Parses `input` and compares the parts, or the error code.
fn check(input: &str, expected: Result<Want<'_>, &str>) {
    match (Url::parse(input), expected) {
        (Ok(u), Ok((normalized, host, userinfo, port, path))) => {
            assert_eq!(u.as_str(), normalized, "normalized {input:?}");
            assert_eq!(u.host().to_string(), host, "host of {input:?}");
            assert_eq!(u.userinfo(), userinfo, "userinfo of {input:?}");
            assert_eq!(u.port(), port, "port of {input:?}");
            assert_eq!(u.path(), path, "path of {input:?}");
            let again = Url::parse(u.as_str()).map(|u| u.as_str().to_owned());
            assert_eq!(again.as_deref(), Ok(normalized), "idempotent {input:?}");
        }
        (Err(e), Err(code)) => assert_eq!(e.code(), code, "error for {input:?}: {e}"),
        (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn urls() {
    let table: [(&str, Result<Want<'_>, &str>); 20] = [
        (
            "https://example.com/login",
            Ok((
                "https://example.com/login",
                "example.com",
                None,
                None,
                "/login",
            )),
        ),
        (
            "HTTPS://EXAMPLE.COM/Login?Next=/A#frag",
            Ok((
                "https://example.com/Login?Next=/A",
                "example.com",
                None,
                None,
                "/Login",
            )),
        ),
        (
            "example.com/login",
            Ok((
                "https://example.com/login",
                "example.com",
                None,
                None,
                "/login",
            )),
        ),
        (
            "example.com",
            Ok(("https://example.com/", "example.com", None, None, "/")),
        ),
        (
            "//example.com/x",
            Ok(("https://example.com/x", "example.com", None, None, "/x")),
        ),
        // The classic trick: the real host is evil.io.
        (
            "https://official.com@evil.io/x",
            Ok((
                "https://official.com@evil.io/x",
                "evil.io",
                Some("official.com"),
                None,
                "/x",
            )),
        ),
        (
            "official.com@evil.io/x",
            Ok((
                "https://official.com@evil.io/x",
                "evil.io",
                Some("official.com"),
                None,
                "/x",
            )),
        ),
        (
            "ftp://user:pass@files.example.com/",
            Ok((
                "ftp://user:pass@files.example.com/",
                "files.example.com",
                Some("user:pass"),
                None,
                "/",
            )),
        ),
        (
            "https://example.com:443/a",
            Ok(("https://example.com/a", "example.com", None, None, "/a")),
        ),
        (
            "http://example.com:8080/a",
            Ok((
                "http://example.com:8080/a",
                "example.com",
                None,
                Some(8080),
                "/a",
            )),
        ),
        (
            "example.com:8443",
            Ok((
                "https://example.com:8443/",
                "example.com",
                None,
                Some(8443),
                "/",
            )),
        ),
        (
            "https://example.com./a",
            Ok(("https://example.com/a", "example.com", None, None, "/a")),
        ),
        (
            "https://bücher.de/ä",
            Ok((
                "https://xn--bcher-kva.de/%C3%A4",
                "xn--bcher-kva.de",
                None,
                None,
                "/%C3%A4",
            )),
        ),
        (
            "http://1.2.3.4:8080/admin",
            Ok((
                "http://1.2.3.4:8080/admin",
                "1.2.3.4",
                None,
                Some(8080),
                "/admin",
            )),
        ),
        (
            "1.2.3.4/x",
            Ok(("https://1.2.3.4/x", "1.2.3.4", None, None, "/x")),
        ),
        (
            "http://[2001:db8::1]/",
            Ok(("http://[2001:db8::1]/", "2001:db8::1", None, None, "/")),
        ),
        ("https://localhost/", Err("invalid_domain")),
        ("https://xn--a.com/", Err("bad_punycode")),
        ("javascript://alert(1)", Err("invalid_url")),
        ("https://example.com:99999/", Err("invalid_url")),
    ];
    for (input, want) in table {
        check(input, want);
    }
}

#[test]
fn url_errors() {
    let table = [
        ("3000/0000", "invalid_domain"),
        ("https://", "invalid_url"),
        ("https://exa mple.com/", "invalid_url"),
        ("ex!ample.com/x", "invalid_character"),
        ("", "empty"),
    ];
    for (input, code) in table {
        check(input, Err(code));
    }
    assert_eq!(
        Url::parse("ftp2://x.com").err(),
        Some(ParseError::url(UrlError::UnsupportedScheme {
            scheme: "ftp2".into()
        }))
    );
}

#[test]
fn detection_shape() {
    let table = [
        ("example.com/login", true),
        ("example.com:8080", true),
        ("https://example.com", true),
        ("//example.com", true),
        ("example.com", false),
        ("user@example.com", false),
        ("3000/0000", false),
        ("2024.01.01/x", false),
        ("1.2.3.4:80", true),
        ("::1", false),
        ("2001:db8::1", false),
        ("joinchat/AbC", false),
        ("a b.com/x", false),
    ];
    for (input, want) in table {
        assert_eq!(looks_like_url(input), want, "{input}");
    }
}

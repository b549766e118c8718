use super::*;

/// Expected E.164 form and country code, or the reason code.
type Want<'a> = Result<(&'a str, u16), &'a str>;

/// Parses `input` with `region` and compares the E.164 form and country code, or the error
/// code.
fn check(input: &str, region: Option<&str>, expected: Want<'_>) {
    match (Phone::parse(input, region), expected) {
        (Ok(p), Ok((e164, cc))) => {
            assert_eq!(p.as_str(), e164, "{input:?} in {region:?}");
            assert_eq!(p.country_code(), cc, "{input:?} in {region:?}");
            let again = Phone::parse(p.as_str(), None).map(|p| p.as_str().to_owned());
            assert_eq!(again.as_deref(), Ok(e164), "idempotent {input:?}");
        }
        (Err(e), Err(code)) => {
            assert_eq!(e.code(), "invalid_phone", "{input:?}: {e}");
            assert_eq!(e.reason_code(), Some(code), "{input:?}: {e}");
        }
        (got, want) => panic!("{input:?} in {region:?}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn writings() {
    let hk = Ok(("+85228221111", 852));
    let us = Ok(("+16502530000", 1));
    let uk = Ok(("+442070313000", 44));
    let table: [(&str, Option<&str>, Want<'_>); 24] = [
        // Hong Kong.
        ("+852 2822 1111", None, hk),
        ("+852-2822-1111", None, hk),
        ("+852.2822.1111", None, hk),
        ("+85228221111", None, hk),
        ("(+852) 2822 1111", None, hk),
        ("(+852)2822-1111", None, hk),
        ("00852 28221111", None, hk),
        ("tel:+85228221111", None, hk),
        ("TEL:+852-2822-1111", None, hk),
        ("(852) 2822-1111", Some("HK"), hk),
        ("2822 1111", Some("HK"), hk),
        ("2822 1111", Some("hk"), hk),
        ("+852 2822 1111", Some("US"), hk),
        ("＋８５２ ２８２２ １１１１", None, hk),
        // United States.
        ("+1 650-253-0000", None, us),
        ("+1 (650) 253-0000", None, us),
        ("(650) 253-0000", Some("US"), us),
        ("650/253/0000", Some("US"), us),
        ("tel:+1-650-253-0000;ext=12", None, us),
        // United Kingdom, national trunk prefix 0 dropped.
        ("+44 20 7031 3000", None, uk),
        ("+44 (0)20 7031 3000", None, uk),
        ("020 7031 3000", Some("GB"), uk),
        ("0044 20 7031 3000", None, uk),
        ("+44 7911 123456", None, Ok(("+447911123456", 44))),
    ];
    for (input, region, want) in table {
        check(input, region, want);
    }
    assert_eq!(
        Phone::parse("+852 2822 1111", None)
            .ok()
            .as_ref()
            .and_then(Phone::region),
        Some("HK")
    );
}

#[test]
fn phone_errors() {
    let table = [
        ("2822 1111", None, "no_country_code"),
        ("(852) 2822-1111", None, "no_country_code"),
        ("2822 1111", Some("XX"), "unknown_region"),
        ("2822 1111", Some("HKG"), "unknown_region"),
        ("+999 1234 5678", None, "invalid_country_code"),
        ("+12", None, "too_short"),
        ("+1 650 253 0000 0000 0000", None, "too_long"),
        ("+852 2822 1111 x12", None, "invalid_character"),
        ("+852 2822+1111", None, "invalid_character"),
    ];
    for (input, region, code) in table {
        check(input, region, Err(code));
    }
}

#[test]
fn shape() {
    let table = [
        ("+852 2822 1111", true),
        ("(852) 2822-1111", true),
        ("2822 1111", true),
        ("tel:+85228221111", true),
        ("12345", false),
        ("123456", true),
        ("1.2.3.4", false),
        ("2822 1111a", false),
        ("+", false),
        ("123456789012345678", false),
    ];
    for (input, want) in table {
        assert_eq!(looks_like_phone(input), want, "{input}");
    }
}

#[test]
fn digit_strings_never_panic() {
    // The phonenumber crate only ever sees '+' and digits; walk lengths and prefixes.
    for len in 0..=18 {
        for lead in ["", "+", "00", "0", "1", "+1", "+852", "+44", "+0", "+99"] {
            let s = format!("{lead}{}", "9".repeat(len));
            let _ = Phone::parse(&s, None);
            let _ = Phone::parse(&s, Some("HK"));
            let s = format!("{lead}{}", "0".repeat(len));
            let _ = Phone::parse(&s, Some("US"));
        }
    }
}

#[test]
fn unassigned_numbers_are_accepted_and_marked() {
    let table = [
        ("+852 3000 0000", "+85230000000", false),
        ("+1 555 000 0000", "+15550000000", false),
        ("+852 2822 1111", "+85228221111", true),
        // Found by the fuzzer: an unassigned Malaysian number whose E.164 form first
        // re-parsed without its leading 0. Normalization is now a fixpoint.
        ("+600002200220021", "+602200220021", false),
    ];
    for (input, e164, assigned) in table {
        let p = Phone::parse(input, None).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!((p.as_str(), p.is_assigned()), (e164, assigned), "{input}");
        let again = Phone::parse(p.as_str(), None).map(|p| p.as_str().to_owned());
        assert_eq!(again.as_deref(), Ok(e164), "{input} is not a fixpoint");
    }
}

/// Inputs the fuzzer found: each either fails or normalizes to a form that parses back to
/// itself (keys must survive a round trip).
#[test]
fn fuzzer_findings_round_trip_or_fail() {
    let table = [
        ("+600002200220021", None),
        ("050550545550549", Some("HK")),
        ("/050550545550549", Some("HK")),
    ];
    for (input, region) in table {
        if let Ok(p) = Phone::parse(input, region) {
            let again = Phone::parse(p.as_str(), None).map(|p| p.as_str().to_owned());
            assert_eq!(again.as_deref(), Ok(p.as_str()), "{input:?} in {region:?}");
            assert!(
                p.as_str().len() <= 16,
                "{input:?}: {} is not E.164",
                p.as_str()
            );
        }
    }
}

use super::*;

/// Parses `input` for `platform` and compares platform, handle and display, or the error
/// code (and reason code after a '/').
fn check(
    input: &str,
    platform: Option<Platform>,
    expected: Result<(Option<Platform>, &str, &str), &str>,
) {
    match (Account::parse(input, platform), expected) {
        (Ok(a), Ok((p, handle, display))) => {
            assert_eq!(a.platform(), p, "platform of {input:?}");
            assert_eq!(a.handle(), handle, "handle of {input:?}");
            assert_eq!(a.display(), display, "display of {input:?}");
            // The handle parses back to the same account on its platform.
            let again = Account::parse(a.handle(), a.platform()).ok();
            assert_eq!(again.as_ref(), Some(&a), "idempotent {input:?}");
        }
        (Err(e), Err(code)) => {
            let got = match e.reason_code() {
                Some(reason) => format!("{}/{reason}", e.code()),
                None => e.code().to_owned(),
            };
            assert_eq!(got, code, "error for {input:?}: {e}");
        }
        (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
    }
}

use Platform::{Discord, Facebook, Instagram, Telegram, Tiktok, Whatsapp, X as Twitter, Youtube};

#[test]
fn profile_links() {
    let table: &[(&str, Option<Platform>, &str, &str)] = &[
        // Telegram.
        (
            "https://t.me/ExampleSupport",
            Some(Telegram),
            "examplesupport",
            "ExampleSupport",
        ),
        (
            "t.me/examplesupport",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "http://www.t.me/examplesupport/",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "https://telegram.me/examplesupport",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "telegram.dog/examplesupport",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "https://t.me/examplesupport/123",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "https://t.me/s/examplesupport",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        (
            "https://t.me/+AbCdEf123_-x",
            Some(Telegram),
            "+AbCdEf123_-x",
            "+AbCdEf123_-x",
        ),
        (
            "https://t.me/joinchat/AbCdEf123",
            Some(Telegram),
            "+AbCdEf123",
            "+AbCdEf123",
        ),
        (
            "https://examplesupport.t.me/",
            Some(Telegram),
            "examplesupport",
            "examplesupport",
        ),
        // X.
        (
            "https://x.com/ExampleEx",
            Some(Twitter),
            "exampleex",
            "ExampleEx",
        ),
        (
            "https://twitter.com/ExampleEx",
            Some(Twitter),
            "exampleex",
            "ExampleEx",
        ),
        (
            "mobile.twitter.com/exampleex",
            Some(Twitter),
            "exampleex",
            "exampleex",
        ),
        (
            "https://x.com/ExampleEx/status/1234567890",
            Some(Twitter),
            "exampleex",
            "ExampleEx",
        ),
        (
            "https://www.x.com/example_ex?lang=en",
            Some(Twitter),
            "example_ex",
            "example_ex",
        ),
        // Instagram.
        (
            "https://www.instagram.com/example.ex/",
            Some(Instagram),
            "example.ex",
            "example.ex",
        ),
        (
            "instagram.com/Example_Ex",
            Some(Instagram),
            "example_ex",
            "Example_Ex",
        ),
        (
            "https://instagram.com/stories/exampleex/123",
            Some(Instagram),
            "exampleex",
            "exampleex",
        ),
        // Facebook.
        (
            "https://www.facebook.com/ExampleEx",
            Some(Facebook),
            "exampleex",
            "ExampleEx",
        ),
        (
            "https://m.facebook.com/example.ex",
            Some(Facebook),
            "example.ex",
            "example.ex",
        ),
        ("fb.com/exampleex", Some(Facebook), "exampleex", "exampleex"),
        (
            "https://www.facebook.com/profile.php?id=100012345678",
            Some(Facebook),
            "100012345678",
            "100012345678",
        ),
        (
            "https://www.facebook.com/people/Example-Ex/100012345678/",
            Some(Facebook),
            "100012345678",
            "100012345678",
        ),
        // YouTube.
        (
            "https://www.youtube.com/@ExampleEx",
            Some(Youtube),
            "exampleex",
            "ExampleEx",
        ),
        (
            "youtube.com/@exampleex/videos",
            Some(Youtube),
            "exampleex",
            "exampleex",
        ),
        (
            "https://m.youtube.com/@exampleex",
            Some(Youtube),
            "exampleex",
            "exampleex",
        ),
        (
            "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
            Some(Youtube),
            "channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
            "channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
        ),
        (
            "https://www.youtube.com/c/ExampleEx",
            Some(Youtube),
            "c/exampleex",
            "c/ExampleEx",
        ),
        (
            "https://www.youtube.com/user/ExampleEx",
            Some(Youtube),
            "user/exampleex",
            "user/ExampleEx",
        ),
        // TikTok.
        (
            "https://www.tiktok.com/@example.ex",
            Some(Tiktok),
            "example.ex",
            "example.ex",
        ),
        (
            "tiktok.com/@ExampleEx/video/7000000000000000000",
            Some(Tiktok),
            "exampleex",
            "ExampleEx",
        ),
        // Discord: invite codes keep their case.
        (
            "https://discord.gg/AbCd123",
            Some(Discord),
            "AbCd123",
            "AbCd123",
        ),
        (
            "discord.gg/exampleex",
            Some(Discord),
            "exampleex",
            "exampleex",
        ),
        (
            "https://discord.com/invite/AbCd123",
            Some(Discord),
            "AbCd123",
            "AbCd123",
        ),
        (
            "https://discordapp.com/invite/AbCd123",
            Some(Discord),
            "AbCd123",
            "AbCd123",
        ),
        // WhatsApp: the E.164 number.
        (
            "https://wa.me/85228221111",
            Some(Whatsapp),
            "+85228221111",
            "85228221111",
        ),
        (
            "wa.me/+85228221111",
            Some(Whatsapp),
            "+85228221111",
            "+85228221111",
        ),
        (
            "https://api.whatsapp.com/send?phone=85228221111&text=hi",
            Some(Whatsapp),
            "+85228221111",
            "85228221111",
        ),
        (
            "https://api.whatsapp.com/send/?phone=%2B16502530000",
            Some(Whatsapp),
            "+16502530000",
            "+16502530000",
        ),
        (
            "https://wa.me/message/ABCDEFG123",
            Some(Whatsapp),
            "message/ABCDEFG123",
            "message/ABCDEFG123",
        ),
        (
            "https://chat.whatsapp.com/AbCdEfGh123",
            Some(Whatsapp),
            "chat/AbCdEfGh123",
            "chat/AbCdEfGh123",
        ),
    ];
    for &(input, platform, handle, display) in table {
        check(input, None, Ok((platform, handle, display)));
        check(input, platform, Ok((platform, handle, display)));
    }
}

#[test]
fn bare_names() {
    let table: &[(&str, Option<Platform>, &str, &str)] = &[
        ("@ExampIe", None, "exampie", "ExampIe"),
        ("examplesupport", None, "examplesupport", "examplesupport"),
        (
            "example.support_1",
            None,
            "example.support_1",
            "example.support_1",
        ),
        ("@ExampleEx", Some(Telegram), "exampleex", "ExampleEx"),
        ("ExampleEx", Some(Telegram), "exampleex", "ExampleEx"),
        ("+AbC123", Some(Telegram), "+AbC123", "+AbC123"),
        ("joinchat/AbC123", Some(Telegram), "+AbC123", "+AbC123"),
        ("@example_ex", Some(Twitter), "example_ex", "example_ex"),
        ("example.ex", Some(Instagram), "example.ex", "example.ex"),
        (
            "Example-Page",
            Some(Facebook),
            "example-page",
            "Example-Page",
        ),
        ("@ExampleEx", Some(Youtube), "exampleex", "ExampleEx"),
        (
            "channel/UCabc",
            Some(Youtube),
            "channel/UCabc",
            "channel/UCabc",
        ),
        ("c/Example", Some(Youtube), "c/example", "c/Example"),
        ("@example.ex", Some(Tiktok), "example.ex", "example.ex"),
        ("AbCd123", Some(Discord), "AbCd123", "AbCd123"),
        (
            "@Example.User",
            Some(Discord),
            "example.user",
            "Example.User",
        ),
        (
            "+852 2822 1111",
            Some(Whatsapp),
            "+85228221111",
            "+852 2822 1111",
        ),
        ("85228221111", Some(Whatsapp), "+85228221111", "85228221111"),
        ("message/AbC", Some(Whatsapp), "message/AbC", "message/AbC"),
    ];
    for &(input, platform, handle, display) in table {
        check(input, platform, Ok((platform, handle, display)));
    }
}

#[test]
fn account_errors() {
    let table: &[(&str, Option<Platform>, &str)] = &[
        ("@", None, "invalid_handle/empty"),
        ("@exa mple", None, "invalid_handle/invalid_character"),
        ("@.example", None, "invalid_handle/dot_at_edge"),
        ("@example.", None, "invalid_handle/dot_at_edge"),
        (&"a".repeat(65), None, "invalid_handle/too_long"),
        ("abc", Some(Telegram), "invalid_handle/too_short"),
        (
            "example.support",
            Some(Telegram),
            "invalid_handle/invalid_character",
        ),
        (
            "a_very_long_name_1",
            Some(Twitter),
            "invalid_handle/too_long",
        ),
        ("ab", Some(Youtube), "invalid_handle/too_short"),
        // Reserved and non-profile pages.
        ("https://x.com/home", None, "invalid_handle/not_a_profile"),
        (
            "https://x.com/i/flow/login",
            Some(Twitter),
            "invalid_handle/not_a_profile",
        ),
        (
            "https://twitter.com/search?q=x",
            None,
            "invalid_handle/not_a_profile",
        ),
        (
            "https://www.instagram.com/p/Cxyz/",
            None,
            "invalid_handle/not_a_profile",
        ),
        (
            "https://www.youtube.com/watch?v=abc",
            None,
            "invalid_handle/not_a_profile",
        ),
        (
            "https://www.tiktok.com/foryou",
            None,
            "invalid_handle/not_a_profile",
        ),
        ("https://t.me/", None, "invalid_handle/not_a_profile"),
        ("https://wa.me/", None, "invalid_handle/not_a_profile"),
        // Profile position, right characters, impossible length: such an account can't exist.
        (
            "https://x.com/ExampleSupport_Official",
            None,
            "invalid_handle/too_long",
        ),
        ("https://t.me/abc", None, "invalid_handle/too_short"),
        ("https://wa.me/852300", None, "invalid_phone/not_valid"),
        // Wrong platform, or no platform at all.
        ("https://x.com/exampleex", Some(Telegram), "not_of_kind"),
        ("https://example.com/exampleex", None, "not_of_kind"),
        (
            "https://example.com/exampleex",
            Some(Telegram),
            "not_of_kind",
        ),
        ("852300", Some(Whatsapp), "invalid_phone/not_valid"),
    ];
    for &(input, platform, code) in table {
        check(input, platform, Err(code));
    }
    assert_eq!(
        Account::parse("https://x.com/exampleex", Some(Telegram)).err(),
        Some(ParseError::NotOfKind {
            kind: Kind::Telegram,
            found: Some(Kind::X)
        })
    );
}

#[test]
fn equality_ignores_display() {
    let a = Account::parse("@ExampleEx", Some(Telegram)).ok();
    let b = Account::parse("https://t.me/exampleex", None).ok();
    assert!(a.is_some());
    assert_eq!(a, b);
    assert_eq!(
        a.map(|a| a.to_string()).as_deref(),
        Some("telegram:exampleex")
    );
    let h = Account::parse("@ExampleEx", None).ok();
    assert_eq!(h.as_ref().map(Account::kind), Some(Kind::Handle));
    assert_eq!(h.map(|a| a.to_string()).as_deref(), Some("@exampleex"));
}

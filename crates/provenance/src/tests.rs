use super::*;

const KEY: [u8; 32] = [7; 32];
const ALICE: [u8; 32] = [1; 32];
const BOB: [u8; 32] = [2; 32];

fn same(a: &str, b: &str) -> bool {
    fingerprints(&KEY, &ALICE, a).text == fingerprints(&KEY, &ALICE, b).text
}

#[test]
fn re_typing_noise_does_not_matter() {
    let sent = "Your withdrawal of 250 USDT is pending. Review it at https://example.com/w/8f3a?utm_source=sms&id=42 .";
    for pasted in [
        // Spaces, line breaks and case.
        "your withdrawal of 250 usdt is pending.\nReview it at https://example.com/w/8f3a?utm_source=sms&id=42 .",
        "Your  withdrawal of 250 USDT is pending .Review it at https://example.com/w/8f3a?utm_source=sms&id=42.",
        // A tracking parameter added or dropped, the scheme and the host's case.
        "Your withdrawal of 250 USDT is pending. Review it at http://EXAMPLE.com/w/8f3a?id=42&fbclid=AbC .",
        "Your withdrawal of 250 USDT is pending. Review it at https://example.com/w/8f3a?id=42 .",
        // Full-width letters and a zero-width space.
        "Ｙｏｕｒ withdrawal of 250 USDT is pend\u{200B}ing. Review it at https://example.com/w/8f3a?id=42#top .",
    ] {
        assert!(same(sent, pasted), "{pasted}");
    }
}

#[test]
fn what_a_reader_would_notice_does_matter() {
    let sent = "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. https://example.com/w/8f3a?id=42";
    for other in [
        // Another amount, address, link path or parameter, or a word more.
        "Your withdrawal of 2500 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. https://example.com/w/8f3a?id=42",
        "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE8 is pending. https://example.com/w/8f3a?id=42",
        "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. https://example.com/w/8f3b?id=42",
        "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. https://example.com/w/8f3a?id=43",
        "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. https://examp1e.com/w/8f3a?id=42",
        "Your withdrawal of 250 USDT to 0x52908400098527886E0F7030069857D2E4169EE7 is pending. Call +1 415 555 0100. https://example.com/w/8f3a?id=42",
    ] {
        assert!(!same(sent, other), "{other}");
    }
}

#[test]
fn one_time_codes_are_masked_only_in_messages_about_codes() {
    assert!(same(
        "Your verification code is 482913. Never share it.",
        "Your verification code is 105377. Never share it."
    ));
    assert!(same(
        "您的验证码为 482913，5分钟内有效。",
        "您的验证码为105377，5分钟内有效。"
    ));
    assert!(same("您的驗證碼：4829", "您的驗證碼：1053"));
    // Without a word about codes, numbers are amounts and dates: kept.
    assert!(!same(
        "Deposit of 4829 USDT received.",
        "Deposit of 1053 USDT received."
    ));
    // Longer runs (a phone number, an order id) are kept even then.
    assert!(!same(
        "Code 1234 expires. Support: 85212345678",
        "Code 1234 expires. Support: 85212349999"
    ));
    let n = normalize("OTP: 123456 for login");
    assert_eq!(n.text, "otp:#forlogin");
    // English code words count only as words: "shopping" is not "pin".
    assert!(!same(
        "Happy shopping: 4829 points.",
        "Happy shopping: 1053 points."
    ));
    assert!(same("Your PIN: 4829.", "Your PIN: 1053."));
}

#[test]
fn links_are_normalized_and_listed_once() {
    let n = normalize(
        "See https://Example.com/?utm_campaign=x (or www.example.com/help?lang=en&gclid=1), \
         again https://example.com/.",
    );
    assert_eq!(n.links, vec!["example.com", "example.com/help?lang=en"]);
    assert!(n.text.contains("example.com/help?lang=en"));
    assert!(!n.text.contains("utm"));
    // A link glued to the word before it (a full-width colon, a bracket).
    let glued = normalize(
        "請即鎖定帳戶：http://WWW.example.com/security/0db2 (https://example.com/x?utm_source=a)",
    );
    assert_eq!(
        glued.links,
        vec!["example.com/security/0db2", "example.com/x"]
    );
    assert!(same(
        "請即鎖定帳戶：https://example.com/security/0db2",
        "請即鎖定帳戶：http://WWW.example.com/security/0db2"
    ));
    // Not links: a bare word with a dot, a broken scheme.
    assert!(normalize("ends here.www is fine").links.is_empty());
    assert!(normalize("http//broken.example").links.is_empty());
}

#[test]
fn a_fingerprint_belongs_to_one_user_and_one_key() {
    let text = "Your withdrawal of 250 USDT is pending.";
    let a = fingerprints(&KEY, &ALICE, text);
    assert_ne!(a.text, fingerprints(&KEY, &BOB, text).text);
    assert_ne!(a.text, fingerprints(&[8; 32], &ALICE, text).text);
    // A text that is only a link is not its link's fingerprint.
    let link_only = fingerprints(&KEY, &ALICE, "https://example.com/w");
    assert_ne!(link_only.text, link_only.links[0]);
}

#[test]
fn any_input_is_handled() {
    for text in [
        "",
        " ",
        "\u{200B}",
        "https://",
        "http://[::1",
        "www.",
        "https://user:pw@example.com:8443/x?utm_source=a&b",
        &"9".repeat(MAX_TEXT_BYTES + 10),
        &"é".repeat(MAX_TEXT_BYTES),
    ] {
        let n = normalize(text);
        assert!(n.text.len() <= MAX_TEXT_BYTES * 2, "{}", text.len());
        let _ = fingerprints(&KEY, &ALICE, text);
    }
    assert_eq!(
        normalize("https://user:pw@example.com:8443/x?utm_source=a&b").links,
        vec!["example.com:8443/x?b"]
    );
}

#![allow(clippy::unwrap_used)]

use super::*;
use indicator::ParseOptions;
use proptest::prelude::*;
use registry::Registry;
use verify::{Index, Options};

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

fn index() -> &'static Index {
    static INDEX: LazyLock<Index> = LazyLock::new(|| {
        let registry = Registry::from_toml(REGISTRY).expect("registry");
        let (entries, errors) = verify::blocklist_from_lines(
            "# test list\nevil.io\n+852 9999 9999\nt.me/fakesupport\n",
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
    });
    &INDEX
}

fn run(text: &str) -> Analysis<'static> {
    analyze(
        &Message {
            text,
            channel: None,
            sender: None,
        },
        index(),
    )
}

/// What a row expects: the risk must be below `Medium` (`Safe`) or at least `Medium`
/// (`Scam`), and the listed tactics must be found.
#[derive(Debug, Clone, Copy)]
enum Want {
    Safe,
    Scam(&'static [Tactic]),
}

fn check(rows: &[(&str, Want)]) {
    let mut failures = Vec::new();
    for &(text, want) in rows {
        let a = run(text);
        let found: Vec<Tactic> = a.tactics.iter().map(|f| f.tactic).collect();
        let ok = match want {
            Want::Safe => a.risk < Risk::Medium,
            Want::Scam(tactics) => {
                a.risk >= Risk::Medium && tactics.iter().all(|t| found.contains(t))
            }
        };
        if !ok {
            failures.push(format!(
                "{text:?}: want {want:?}, got {:?} {} {found:?}",
                a.risk, a.score
            ));
        }
        for f in &a.tactics {
            for e in &f.evidence {
                assert_eq!(&text[e.start..e.end], e.text, "{text:?}");
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

use Tactic::*;
use Want::*;

#[test]
fn legitimate_look_alikes_stay_below_medium() {
    check(&[
        (
            "Your verification code is 123456. Do not share it with anyone.",
            Safe,
        ),
        (
            "Your Example Exchange verification code is 482913. It expires in 10 minutes. Never share this code with anyone, including our staff.",
            Safe,
        ),
        (
            "123456 is your one-time password (OTP) for login. Do not disclose it to anyone. If you did not request it, ignore this message.",
            Safe,
        ),
        (
            "Use 774201 to sign in to Example Exchange. We will never ask for this code.",
            Safe,
        ),
        (
            "Your card ending in 1234 was charged HKD 250.00 at ABC Store on 12 May. If this was not you, call +852 3000 0000.",
            Safe,
        ),
        (
            "HSBC: A payment of HKD 1,200.00 was made from your account ending 5678 on 03/05. Call us immediately if you do not recognise it.",
            Safe,
        ),
        (
            "Deposit confirmed: 0.5 BTC has been credited to your Example Exchange account. View it at https://www.example.com/wallet",
            Safe,
        ),
        (
            "Example Exchange newsletter: new listings this week, lower trading fees, and our guide to keeping your account safe. Remember: never share your seed phrase or 2FA codes. https://example.com/news",
            Safe,
        ),
        (
            "Security reminder from Example Exchange: we will never ask for your password, private key or verification code. Stay safe!",
            Safe,
        ),
        (
            "Your withdrawal of 200 USDT was completed. If you did not make this request, please contact support at https://example.com/support",
            Safe,
        ),
        (
            "Hi, are we still on for dinner tonight? Let me know when you leave.",
            Safe,
        ),
        (
            "Can you send me the photos from the trip when you get a chance?",
            Safe,
        ),
        (
            "Meeting moved to 3pm, room 4B. Bring the quarterly numbers.",
            Safe,
        ),
        (
            "Your parcel SF1234567890 will be delivered today between 2pm and 6pm.",
            Safe,
        ),
        (
            "Dear customer, your monthly statement is ready. Log in to the official app to view it.",
            Safe,
        ),
        (
            "Reminder: your dentist appointment is tomorrow at 10:30. Reply C to confirm.",
            Safe,
        ),
        (
            "Happy birthday! Hope you have a great day, see you on Saturday.",
            Safe,
        ),
        (
            "Example Exchange: you logged in from a new device (Chrome, Hong Kong). If this was you, no action is needed.",
            Safe,
        ),
        (
            "Get free delivery on your next order with code SAVE10. T&Cs apply.",
            Safe,
        ),
        (
            "The kids are with me, I will pick up groceries on the way home.",
            Safe,
        ),
        (
            "【Example Exchange】您的驗證碼是 482913，10 分鐘內有效。切勿向任何人透露驗證碼。",
            Safe,
        ),
        (
            "【Example Exchange】您的验证码是 482913，10 分钟内有效。请勿向任何人透露验证码。",
            Safe,
        ),
        (
            "【滙豐】您尾號 1234 的信用卡於 05/12 消費港幣 250.00 元。如有疑問請致電本行。",
            Safe,
        ),
        (
            "【招商银行】您尾号 5678 的账户于 05/12 收入人民币 3,000.00 元，余额 12,345.67 元。",
            Safe,
        ),
        (
            "提提你：我們絕不會要求你提供密碼或助記詞，請小心詐騙。",
            Safe,
        ),
        ("提醒：客服不会向您索要验证码或私钥，谨防诈骗。", Safe),
        ("今晚七點喺旺角食飯，記得帶埋啲相。", Safe),
        ("明天下午三点开会，请准时参加。", Safe),
        ("您的包裹已到達智能櫃，取件碼 8842，請於兩日內領取。", Safe),
        (
            "Example Exchange 週報：本週新上架幣種及手續費優惠，詳情請瀏覽 https://example.com/news",
            Safe,
        ),
        ("", Safe),
    ]);
}

#[test]
fn scams_are_medium_or_above() {
    check(&[
        (
            "Example Exchange support: your account is frozen, verify at examp1e-support.com within 24h",
            Scam(&[Phishing, Urgency]),
        ),
        (
            "Your Example Exchange account will be suspended. Verify your account now at hxxps://examp1e[.]com/login",
            Scam(&[Phishing, Urgency]),
        ),
        (
            "Example Exchange security team: unusual activity detected. Confirm your identity at https://example.com.account-verify.io within 12 hours.",
            Scam(&[Phishing]),
        ),
        (
            "This is Example Exchange customer service. To unfreeze your account, please send me your seed phrase.",
            Scam(&[SecretRequest, Pretexting]),
        ),
        (
            "Hi, I am from the support team. Please tell me the verification code we just sent you so we can secure your account.",
            Scam(&[SecretRequest]),
        ),
        (
            "Hi mum, I lost my phone and this is my new number. Can you send me the code you just got? It's urgent.",
            Scam(&[Pretexting]),
        ),
        (
            "Hong Kong Police: your account is linked to a money laundering case. Transfer your funds to the safe account below immediately or face arrest.",
            Scam(&[Urgency, PaymentInstruction, Pretexting]),
        ),
        (
            "Huge Example Exchange airdrop! Claim your free 500 USDT now at example-airdrop.xyz before it ends today only",
            Scam(&[Baiting]),
        ),
        (
            "Giveaway: send 1 ETH to this address and we send back double! 0x52908400098527886E0F7030069857D2E4169EE8",
            Scam(&[Baiting]),
        ),
        (
            "Join our VIP signals group on Telegram t.me/fakesupport, guaranteed returns of 20% daily profit!",
            Scam(&[TooGoodToBeTrue, OffPlatform]),
        ),
        (
            "Lost money to a scam? Our fund recovery experts can help you recover your lost crypto for a small fee. WhatsApp me.",
            Scam(&[TooGoodToBeTrue, QuidProQuo]),
        ),
        (
            "To unlock your withdrawal you must first pay the unfreeze fee of 500 USDT to our compliance department.",
            Scam(&[QuidProQuo]),
        ),
        (
            "Please install AnyDesk and share the code so our technical support can fix your wallet.",
            Scam(&[SecretRequest]),
        ),
        (
            "Customer support here. Upload your ID card and a selfie at https://kyc-verify-center.com to avoid your account being closed.",
            Scam(&[SecretRequest, Phishing]),
        ),
        (
            "URGENT! You have won a £1000 cash prize. To claim call 09061701461 now. Valid 12hrs only.",
            Scam(&[Baiting]),
        ),
        (
            "Dear Alice, your order #88231 is on hold. Confirm your details at http://parcel-redelivery.top/track to avoid return.",
            Scam(&[Phishing, SpearPhishing]),
        ),
        (
            "Pay the customs fee with Google Play gift cards today or your parcel will be destroyed.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Everyone in the group please fill in this form to receive the airdrop: https://docs.google.com/forms/d/e/1FAIpQL/viewform and enter your recovery phrase",
            Scam(&[WateringHole, SecretRequest]),
        ),
        ("Visit evil.io to claim your reward", Scam(&[Phishing])),
        (
            "Contact our support on +852 9999 9999 to restore access.",
            Scam(&[Pretexting]),
        ),
        (
            "【Example Exchange客服】您的帳戶因異常交易已被凍結，請於24小時內點擊 https://examp1e.com/verify 驗證身份。",
            Scam(&[Phishing, Urgency]),
        ),
        (
            "【Example Exchange客服】您的账户因异常交易已被冻结，请于24小时内点击 https://examp1e.com/verify 验证身份。",
            Scam(&[Phishing, Urgency]),
        ),
        (
            "我是官方客服，你的帳戶涉嫌洗錢，請立即提供助記詞協助解凍。",
            Scam(&[SecretRequest, Urgency, Pretexting]),
        ),
        (
            "我是官方客服，你的账户涉嫌洗钱，请立即提供助记词协助解冻。",
            Scam(&[SecretRequest, Urgency, Pretexting]),
        ),
        (
            "這裡是公安局，你的身份證涉嫌一宗洗錢案，請將資金轉入安全帳戶配合調查。",
            Scam(&[Pretexting, PaymentInstruction]),
        ),
        (
            "这里是公安局，你的身份证涉嫌一宗洗钱案，请将资金转入安全账户配合调查。",
            Scam(&[Pretexting, PaymentInstruction]),
        ),
        (
            "老師帶單，保證收益，日賺5%，零風險！加我微信進群。",
            Scam(&[TooGoodToBeTrue, OffPlatform]),
        ),
        (
            "老师带单，保证收益，日赚5%，零风险！加我微信进群。",
            Scam(&[TooGoodToBeTrue, OffPlatform]),
        ),
        (
            "恭喜您中獎！請先繳交驗證費 200 USDT 即可領取獎金。",
            Scam(&[Baiting, QuidProQuo]),
        ),
        (
            "媽，我換了號碼，手機壞了，急需用錢，請轉帳到這個帳戶。",
            Scam(&[Pretexting]),
        ),
        (
            "請把你收到的驗證碼發給我，我幫你解凍帳戶。",
            Scam(&[SecretRequest, QuidProQuo]),
        ),
    ]);
}

/// Premium-rate and reverse-billed SMS services by shape (a small charge per message, a
/// keyword to a short code), and personal messages with prices and numbers that stay below.
#[test]
fn premium_rate_services_by_shape() {
    check(&[
        (
            "Hot gossip every morning! Txt GOSSIP to 80123 now. 150p/msg, 16+",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Meet singles near you tonight, just text DATE to 69123. Msg cost 150p",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Weekly quiz: who scored the winner? Reply A or B to 83123. Good luck!",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Your club membership renews weekly at GBP4.50/week. To end it send STOP to 62123",
            Scam(&[PaymentInstruction]),
        ),
        // A charge written in words, with a keyword to confirm.
        (
            "Thanks 4 joining StarTones! Ur mobile will be billed three pounds per week. Reply YES 2 confirm",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Luv notes from ur secret admirer every day, enjoy @ two gbp/sms. Reply LUV for more",
            Scam(&[PaymentInstruction]),
        ),
        (
            "The cinema was five pounds each, I'll text you the times",
            Safe,
        ),
        (
            "I lost four pounds since my weigh-in, reply if you want the diet",
            Safe,
        ),
        ("Bus fare went up to £2.50, can you lend me some?", Safe),
        ("Text me when you get to 2000 steps lol", Safe),
        ("See you at 8pm, I'll text you the address", Safe),
        ("Call me on 07700900123 when you land", Safe),
    ]);
}

/// One strong ask (a one-time code, the seed words, a control app, all the money)
/// runs the script of a short direct text on its own; a warning, a negation, an
/// everyday code or a description of the ask does not.
#[test]
fn one_strong_ask_is_a_script_in_a_short_text() {
    check(&[
        (
            "Forward me whatever numbers get texted to you.",
            Scam(&[SecretRequest]),
        ),
        (
            "Please reply with the login code you just got.",
            Scam(&[SecretRequest]),
        ),
        (
            "Type your 12 recovery words here so I can sync it.",
            Scam(&[SecretRequest]),
        ),
        (
            "Move all your funds to the address I give you.",
            Scam(&[PaymentInstruction]),
        ),
        ("Never share your 2FA code with anyone, not even us.", Safe),
        ("Send me the meme code from the group chat lol.", Safe),
        ("Can you give me the wifi code again?", Safe),
        // A meeting app opened for a meeting is no remote access; a screen shared with a
        // "support team" is.
        ("Open Zoom at three for the team meeting.", Safe),
        (
            "Use Zoom for tomorrow's interview, the link is in the invite.",
            Safe,
        ),
        (
            "Security team here: download Zoom and share your screen so we can fix your wallet.",
            Scam(&[SecretRequest]),
        ),
        (
            "Scammers say: reply with the code we sent. Ignore them.",
            Safe,
        ),
        (
            "My sister asked me to send her all my savings for a flat. I said no.",
            Safe,
        ),
    ]);
}

#[test]
fn otp_warnings_are_not_secret_requests() {
    for text in [
        "Your verification code is 123456. Do not share it with anyone.",
        "Never share your seed phrase with anyone.",
        "Please don't ever share the OTP.",
        "Do not ever give your recovery phrase to anyone, not even our staff.",
        "您的驗證碼是 123456，切勿告訴任何人。",
        "我们不会要求您提供私钥。",
    ] {
        let a = run(text);
        assert!(
            !a.tactics.iter().any(|f| f.tactic == SecretRequest),
            "{text:?}: {:?}",
            a.tactics
        );
    }
}

#[test]
fn indicators_are_extracted_and_verified() {
    use verify::Verdict::*;
    let text = "Go to hxxps://examp1e[.]com/login or evil(.)io, mail support@example.com, call +852 9999 9999, t.me/fakesupport, @ExampleEx, www.example.com, and pay 0x52908400098527886E0F7030069857D2E4169EE7.";
    expect_indicators(&[(
        text,
        &[
            ("hxxps://examp1e[.]com/login", Impersonation),
            ("evil(.)io", ReportedScam),
            ("support@example.com", Official),
            ("+852 9999 9999", ReportedScam),
            ("t.me/fakesupport", ReportedScam),
            ("@ExampleEx", Official),
            ("www.example.com", Official),
            ("0x52908400098527886E0F7030069857D2E4169EE7", Official),
        ],
    )]);
    let a = run(text);
    assert!(a.risk >= Risk::High);
}

#[test]
fn fullwidth_links_and_numbers_are_read_as_ascii() {
    use verify::Verdict::*;
    // Fullwidth letters, digits and dots, and an ideographic full stop between two
    // letters, are how texts hide links and numbers from filters; sentence punctuation
    // around them still ends them.
    let cases: &[(&str, &[(&str, verify::Verdict)])] = &[
        (
            "登入ｗｗｗ．ｅｘａｍｐ１ｅ．ｃｏｍ，或致電＋８５２ ９９９９ ９９９９。網址：examp1e。com/login 謝謝。",
            &[
                ("ｗｗｗ．ｅｘａｍｐ１ｅ．ｃｏｍ", Impersonation),
                ("＋８５２ ９９９９ ９９９９", ReportedScam),
                ("examp1e。com/login", Impersonation),
            ],
        ),
        (
            "Log in at examp1e．com now",
            &[("examp1e．com", Impersonation)],
        ),
        (
            "ｈｔｔｐｓ：／／ｅｖｉｌ．ｉｏ／ａ",
            &[("ｈｔｔｐｓ：／／ｅｖｉｌ．ｉｏ／ａ", ReportedScam)],
        ),
        // Prices, times and sentences in fullwidth forms are not links.
        (
            "价格：１００元，数量：２。好的。ＯＫ，时间１０。３０，ｏｋ。ｓｏ",
            &[],
        ),
        ("我用過example.com。好用", &[("example.com", Official)]),
    ];
    expect_indicators(cases);
}

#[test]
fn phone_numbers_with_bracketed_codes_are_read_whole() {
    use verify::Verdict::*;
    let cases: &[(&str, &[(&str, verify::Verdict)])] = &[
        (
            "If this was not you call support at (+852) 9999 9999 now",
            &[("(+852) 9999 9999", ReportedScam)],
        ),
        (
            "熱線(+852)9999-9999查詢",
            &[("(+852)9999-9999", ReportedScam)],
        ),
        ("(call +852 9999 9999)", &[("+852 9999 9999", ReportedScam)]),
        ("(+852 9999 9999)", &[("+852 9999 9999", ReportedScam)]),
        (
            "Dial +1 (415) 555-0100 today",
            &[("+1 (415) 555-0100", Unknown)],
        ),
        // Lists and years in brackets are not numbers.
        ("(1) 12 (2) 34 and (2023) rent", &[]),
        ("see (a) and (b) 12 34", &[]),
    ];
    expect_indicators(cases);
}

/// Each text's indicators, as written and with their verdicts, are `want`, and each
/// span is exactly its text.
fn expect_indicators(cases: &[(&str, &[(&str, verify::Verdict)])]) {
    for (text, want) in cases {
        let a = run(text);
        let got: Vec<(&str, verify::Verdict)> = a
            .indicators
            .iter()
            .map(|f| (f.text.as_str(), f.verification.verdict))
            .collect();
        assert_eq!(&got, want, "{text}");
        for f in &a.indicators {
            assert_eq!(&text[f.start..f.end], f.text);
        }
    }
}

#[test]
fn chat_text_is_not_read_as_links() {
    let a = run("I'm home.Will call u later. ok.so what now? Meet at 6.45pm, costs 3.50");
    assert!(a.indicators.is_empty(), "{:?}", a.indicators);
}

#[test]
fn indicators_are_capped() {
    let text: String = (0..200).map(|i| format!("site{i}.com ")).collect();
    assert_eq!(run(&text).indicators.len(), MAX_INDICATORS);
}

#[test]
fn evidence_spans_are_exact() {
    let text = "URGENT: send me your Seed Phrase now";
    let a = run(text);
    let secret = a
        .tactics
        .iter()
        .find(|f| f.tactic == SecretRequest)
        .unwrap();
    let spans: Vec<(&str, ReasonCode)> = secret
        .evidence
        .iter()
        .map(|e| (e.text.as_str(), e.reason))
        .collect();
    assert_eq!(
        spans,
        [
            ("send me", ReasonCode::AskForSecret),
            ("Seed Phrase", ReasonCode::SecretSeed)
        ]
    );
}

#[test]
fn phrases_respect_word_boundaries() {
    // "otp" inside "hotpot", "irs" inside "first", "arrest" inside "arrested" is fine.
    let a = run("Let's have hotpot first, then shopping.");
    assert!(a.tactics.is_empty(), "{:?}", a.tactics);
    // A negative contraction is another word than its stem: "won't" wins nothing, while
    // "won" still does.
    for (text, prize) in [
        (
            "If you don't renew by Friday you won't be covered at races.",
            false,
        ),
        (
            "If you don\u{2019}t renew by Friday you won\u{2019}t be covered.",
            false,
        ),
        ("You won a prize in our draw.", true),
    ] {
        let a = run(text);
        assert_eq!(
            has_reason(&a, ReasonCode::BaitPrize),
            prize,
            "{text}: {:?}",
            a.tactics
        );
    }
}

#[test]
fn language_is_detected() {
    assert_eq!(run("Your account is frozen").language, Language::En);
    assert_eq!(run("您的帳戶已被凍結").language, Language::ZhHant);
    assert_eq!(run("您的账户已被冻结").language, Language::ZhHans);
    assert_eq!(run("Ваш счёт заблокирован").language, Language::Other);
    assert_eq!(run("12345").language, Language::Other);
}

#[test]
fn long_text_is_truncated_on_a_char_boundary() {
    let text = "驗".repeat(MAX_TEXT_BYTES); // 3 bytes each
    let a = run(&text);
    assert!(a.truncated);
    assert!(!run("short").truncated);
}

#[test]
fn sender_is_verified_and_missing_sender_is_not_evidence() {
    let text = "Hello, please call me back.";
    let without = run(text);
    let with = analyze(
        &Message {
            text,
            channel: Some("sms"),
            sender: Some("+852 9999 9999"),
        },
        index(),
    );
    assert_eq!(without.risk, Risk::None);
    assert!(without.sender.is_none());
    assert_eq!(
        with.sender.as_ref().map(|v| v.verdict),
        Some(verify::Verdict::ReportedScam)
    );
    assert!(with.risk >= Risk::High);
}

#[test]
fn risk_bands() {
    let bands: Vec<Risk> = [0, 9, 10, 34, 35, 59, 60, 79, 80, 100]
        .into_iter()
        .map(Risk::from_score)
        .collect();
    use Risk::*;
    assert_eq!(
        bands,
        [
            None, None, Low, Low, Medium, Medium, High, High, Critical, Critical
        ]
    );
}

#[test]
fn every_tactic_reason_and_risk_has_messages() {
    use i18n::{Catalog, Locale};
    let c = Catalog::global();
    let mut ids = Vec::new();
    for t in Tactic::ALL {
        for part in ["title", "description", "tips"] {
            ids.push(format!("tactic-{}-{part}", t.as_str()));
        }
    }
    ids.extend(ReasonCode::ALL.iter().map(|r| r.message_id()));
    for r in Risk::ALL {
        ids.push(format!("risk-{}", r.as_str()));
        ids.push(format!("analyze-advice-{}", r.as_str()));
    }
    for locale in Locale::ALL {
        for id in &ids {
            assert_ne!(c.message(locale, id, &[]), *id, "{locale} lacks {id}");
        }
    }
    // Every reason is used by a phrase or by the analyzer itself.
    for r in ReasonCode::ALL {
        let _ = r.as_str();
    }
}

#[test]
fn phrases_are_well_formed() {
    for &(phrase, _, _, conf) in PHRASES {
        assert!(!phrase.is_empty() && phrase.trim() == phrase, "{phrase:?}");
        assert_eq!(
            phrase.to_lowercase(),
            phrase,
            "{phrase:?} must be lowercase"
        );
        assert!((0.0..=1.0).contains(&conf), "{phrase:?}");
    }
}

#[test]
fn evaluate_counts_per_label() {
    let rows = [
        ("ham", "See you tomorrow"),
        (
            "Smishing",
            "Your account is frozen, verify at examp1e.com now",
        ),
        ("smishing", "Send me your seed phrase at t.me/fakesupport"),
    ]
    .map(|(l, t)| (l.to_owned(), t.to_owned()));
    let report = evaluate(rows.into_iter(), index());
    assert_eq!(report.labels["ham"].total(), 1);
    assert_eq!(report.labels["ham"].flagged(), 0);
    assert_eq!(report.labels["smishing"].flagged(), 2);
    let shown = report.to_string();
    assert!(
        shown.contains("smishing") && shown.contains("100.0%"),
        "{shown}"
    );
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "[\\PC\u{200B}\u{200D}\u{FEFF}ａ-ｚа-я客服]{0,300}") {
        let a = run(&text);
        for f in &a.tactics {
            prop_assert!((0.0..=1.0).contains(&f.confidence));
            for e in &f.evidence {
                prop_assert!(e.start <= e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
        }
        for f in &a.indicators {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        prop_assert!(a.score <= 100);
    }

    #[test]
    fn never_panics_on_scam_like_noise(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("send me your seed phrase"), Just("驗證碼"), Just("hxxp://"), Just("[.]"),
                Just("example"), Just(".com"), Just("+852 "), Just("9999"), Just("@"), Just("不要"),
                Just(" "), Just("。"), Just("Dear Bob, "), Just("ending in"), Just("0x"),
                Just("(.)"), Just("t.me/"), Just("\n"), Just("é"), Just("))"),
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        let a = run(&text);
        for f in &a.tactics {
            for e in &f.evidence {
                prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
            }
        }
    }
}

fn run_email(raw: &str) -> crate::EmailAnalysis<'static> {
    let email = mail::parse(raw.as_bytes()).unwrap();
    crate::analyze_email(&email, index())
}

fn reasons(a: &Analysis<'_>) -> Vec<ReasonCode> {
    let mut all: Vec<ReasonCode> = a
        .tactics
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| e.reason))
        .collect();
    all.sort();
    all.dedup();
    all
}

#[test]
fn email_only_checks_fire_on_their_cases_and_not_on_legitimate_mail() {
    use ReasonCode as R;
    // (raw email, reasons that must be found, reasons that must not)
    let cases: &[(&str, &[R], &[R])] = &[
        (
            "From: \"Example Exchange Support\" <help@mail-desk.net>\r\nSubject: Notice\r\n\r\nHello",
            &[R::EmailDisplayName],
            &[R::EmailReplyTo],
        ),
        (
            "From: \"support@example.com\" <help@mail-desk.net>\r\nSubject: Notice\r\n\r\nHello",
            &[R::EmailDisplayName],
            &[],
        ),
        (
            "From: Example <noreply@example.com>\r\nReply-To: desk@other-domain.net\r\nSubject: x\r\n\r\nHello",
            &[R::EmailReplyTo],
            &[R::EmailDisplayName, R::EmailLookalikeSender],
        ),
        (
            "From: Example <noreply@example.com>\r\nReturn-Path: <bounce@esp-mailer.net>\r\nSubject: x\r\n\r\nHello",
            &[R::EmailReturnPath],
            &[R::EmailReplyTo],
        ),
        (
            "From: alerts@examp1e.com\r\nSubject: x\r\n\r\nHello",
            &[R::EmailLookalikeSender],
            &[],
        ),
        (
            "From: noreply@example.com\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n\
             <a href=\"https://examp1e-login.net/a\">https://www.example.com/login</a>",
            &[R::EmailLinkMismatch],
            &[R::EmailLookalikeSender],
        ),
        (
            // The shown text and the target are the same site: no mismatch.
            "From: noreply@example.com\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n\
             <a href=\"https://www.example.com/news?id=1\">www.example.com/news</a> \
             <a href=\"https://t.example.com/c/1\">Read more</a>",
            &[],
            &[R::EmailLinkMismatch, R::EmailReplyTo, R::EmailDisplayName],
        ),
        (
            // No headers at all: nothing is held against the message.
            "Subject: hi\r\n\r\nSee you at lunch",
            &[],
            &[
                R::EmailDisplayName,
                R::EmailReplyTo,
                R::EmailReturnPath,
                R::EmailLookalikeSender,
            ],
        ),
    ];
    for (raw, want, not) in cases {
        let e = run_email(raw);
        let got = reasons(&e.analysis);
        for r in *want {
            assert!(got.contains(r), "{raw}\nmissing {r:?} in {got:?}");
        }
        for r in *not {
            assert!(!got.contains(r), "{raw}\nunexpected {r:?} in {got:?}");
        }
        // Every span points into the document and holds the text it claims.
        for f in &e.analysis.tactics {
            for ev in &f.evidence {
                assert_eq!(e.document.get(ev.start..ev.end), Some(ev.text.as_str()));
            }
        }
        for f in &e.analysis.indicators {
            assert_eq!(e.document.get(f.start..f.end), Some(f.text.as_str()));
        }
    }
}

#[test]
fn a_phishing_email_in_chinese_is_critical_and_a_newsletter_is_not_risky() {
    let phish = run_email(
        "From: \"Example Exchange 客服\" <service@examp1e-hk.com>\r\n\
         Subject: =?utf-8?B?5biz5oi25bey6KKr5YeN57WQ?=\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n\
         <p>您的帳戶已被凍結，請在24小時內提供助記詞以解凍：\
         <a href=\"https://examp1e-hk.com/verify\">https://www.example.com/verify</a></p>",
    );
    assert!(phish.analysis.risk >= Risk::High, "{:?}", phish.analysis);
    assert_eq!(phish.analysis.language, Language::ZhHant);

    let newsletter = run_email(
        "From: Example Exchange <news@mailer.example.com>\r\n\
         Return-Path: <bounce-123@mailer.example.com>\r\n\
         Subject: November product update\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n\
         <p>New this month: lower fees on spot trading and a redesigned app.</p>\
         <p>Remember: Example Exchange staff will never ask for your password or 2FA codes.</p>\
         <a href=\"https://www.example.com/blog/november\">Read the update</a>",
    );
    assert!(
        newsletter.analysis.risk < Risk::Medium,
        "{:?}",
        newsletter.analysis
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn email_analysis_never_panics_and_spans_hold(
        raw in "(From: [A-Za-z\" ]{0,12}<?[a-z0-9.@-]{0,20}>?\r\n|Reply-To: [a-z@.]{0,15}\r\n|Content-Type: text/html\r\n|\r\n|<a href=\"[a-z:/.]{0,20}\">[a-z./ ]{0,20}</a>|[a-z ]{0,20}|帳戶凍結|seed phrase){0,16}"
    ) {
        if let Ok(email) = mail::parse(raw.as_bytes()) {
            let e = crate::analyze_email(&email, index());
            for f in &e.analysis.tactics {
                for ev in &f.evidence {
                    prop_assert_eq!(e.document.get(ev.start..ev.end), Some(ev.text.as_str()));
                }
            }
        }
    }
}

/// Whether an analysis names this reason in its evidence.
fn has_reason(a: &Analysis<'_>, r: ReasonCode) -> bool {
    a.tactics
        .iter()
        .any(|f| f.evidence.iter().any(|e| e.reason == r))
}

#[test]
fn disguised_words_are_folded_and_said_so() {
    // (text, the span that must carry the obfuscation evidence, scam?)
    let cases: &[(&str, &str, bool)] = &[
        // A capital I for an l, an l for an I.
        (
            "Unusual Iog in detected. Send your User lD and code to our support agent.",
            "Iog in",
            true,
        ),
        ("Send me your User lD now.", "User lD", true),
        (
            "Your Iedger needs an update: enter your recovery phrase at ledger-fix.io",
            "Iedger",
            true,
        ),
        // Digits for letters inside a word.
        (
            "Your account is bl0cked, l0gin at examp1e-help.com to restore",
            "l0gin",
            true,
        ),
        // Cyrillic letters spelling English words.
        (
            "Support: send us your sееd phrаse to unlock the withdrawal",
            "sееd phrаse",
            true,
        ),
        (
            "Вinance security: reply with your password now",
            "Вinance",
            true,
        ),
        // Fullwidth letters.
        (
            "Please provide your ｓｅｅｄ ｐｈｒａｓｅ to our agent",
            "ｓｅｅｄ ｐｈｒａｓｅ",
            true,
        ),
        // Invisible characters inside a word.
        (
            "Share your pass\u{200B}word with me to fix the account",
            "pass\u{200B}word",
            true,
        ),
        // Styled letters: mathematical bold, circled, small capitals; a dotless i.
        ("𝐒𝐞𝐧𝐝 your 𝐬𝐞𝐞𝐝 𝐩𝐡𝐫𝐚𝐬𝐞 to our agent", "𝐬𝐞𝐞𝐝 𝐩𝐡𝐫𝐚𝐬𝐞", true),
        ("Ⓢⓔⓝⓓ your ⓢⓔⓔⓓ phrase now", "ⓢⓔⓔⓓ phrase", true),
        ("ᴠᴇʀɪꜰʏ your recovery phrase at our site", "ᴠᴇʀɪꜰʏ", true),
        (
            "Bınance Support: send the 2FA code to our agent",
            "Bınance",
            true,
        ),
    ];
    for &(text, span, scam) in cases {
        let a = run(text);
        let ev = a
            .tactics
            .iter()
            .flat_map(|f| &f.evidence)
            .find(|e| e.reason == ReasonCode::Obfuscated && e.text.contains(span.trim()))
            .unwrap_or_else(|| panic!("{text:?}: no obfuscation evidence on {span:?}: {a:?}"));
        assert_eq!(&text[ev.start..ev.end], ev.text, "{text:?}");
        assert_eq!(
            a.risk >= Risk::Medium,
            scam,
            "{text:?}: {:?} {}",
            a.risk,
            a.score
        );
    }
    // Ordinary words and other alphabets are not disguises.
    for text in [
        "Install the app from the official store. I love Iowa in the fall.",
        "Ian and I will log in at 9 to review the ID cards.",
        "Привет, как дела? Увидимся завтра.",
        "Καλημέρα, τα λέμε αύριο.",
        "ＡＰＰ下載完成，歡迎使用。",
        "The meeting is at 10:00 in room 101.",
        // Accents are letters of other languages and of names, not disguises.
        "Merci pour le café, à bientôt José !",
        "Señor Muñoz paid the invoice for the crème brûlée.",
        "Ⓒ 2024 Example Ltd. All rights reserved.",
    ] {
        let a = run(text);
        assert!(!has_reason(&a, ReasonCode::Obfuscated), "{text:?}: {a:?}");
    }
}

#[test]
fn folding_keeps_spans_in_the_original_text() {
    // Phrases found in Traditional, Hong Kong variant and Simplified script, and through
    // look-alike letters, point at the bytes as written.
    for (text, want) in [
        ("請提供你的助記詞給我", "助記詞"),
        ("请提供你的助记词给我", "助记词"),
        ("你嘅賬户已被凍結，請轉到安全賬户", "安全賬户"),
        ("Kindly send your ｓｅｅｄ phrase now", "ｓｅｅｄ phrase"),
        ("Send me the s\u{200D}eed phrase", "s\u{200D}eed phrase"),
        // Four-byte styled letters and two-byte accented ones.
        ("Kindly send your 𝐬𝐞𝐞𝐝 phrase now", "𝐬𝐞𝐞𝐝 phrase"),
        ("Kindly send your sééd phrase now", "sééd phrase"),
        // Chinese before a fold that changes lengths (the map must point at characters).
        ("OKX 客服：請發送你的 ｓｅｅｄ phrase", "ｓｅｅｄ phrase"),
        (
            "客服提醒 Co\u{200B}inbase: send your seed phrase",
            "seed phrase",
        ),
    ] {
        let a = run(text);
        let found = a
            .tactics
            .iter()
            .flat_map(|f| &f.evidence)
            .any(|e| e.text == want && &text[e.start..e.end] == want);
        assert!(found, "{text:?}: {want:?} not found: {a:?}");
    }
}

/// (text, must be medium or above, the script evidence expected)
type ScriptCase = (&'static str, bool, Option<ReasonCode>);

#[test]
fn scam_scripts_score_in_every_language() {
    use ReasonCode as R;
    let cases: &[ScriptCase] = &[
        // Fake police or regulators.
        (
            "This is officer Tam of the cyber police. Your account is linked to money laundering, keep this confidential and move your funds to a safe account.",
            true,
            Some(R::ScriptFakeAuthority),
        ),
        (
            "我是市公安局的民警，你的账户涉嫌洗钱，请配合调查，把资金转到安全账户。",
            true,
            Some(R::ScriptFakeAuthority),
        ),
        (
            "我是市公安局的民警，你的帳戶涉嫌洗錢，請配合調查，下載會議軟件開啟螢幕共享。",
            true,
            Some(R::ScriptFakeAuthority),
        ),
        (
            "我係警署陳警官，你嘅戶口涉及洗黑錢，唔好話俾人知，即刻過數去安全戶口。",
            true,
            Some(R::ScriptFakeAuthority),
        ),
        // Loans that need a fee first.
        (
            "你好，我是贷款专员，无抵押快速放款，但需要先交3000元保证金验证还款能力。",
            true,
            Some(R::ScriptLoanFee),
        ),
        (
            "您好，我是貸款顧問，您的銀行卡號填寫錯誤，資金已凍結，需繳納解凍費才能提現。",
            true,
            Some(R::ScriptLoanFee),
        ),
        (
            "Hi, I'm from a lending company. Your loan is approved, pay the upfront fee first and the money is released today.",
            true,
            Some(R::ScriptLoanFee),
        ),
        // Fake customer service, refunds, couriers.
        (
            "您好，这里是快递客服，您的包裹丢失了，我们为您理赔，请添加QQ号按指引操作。",
            true,
            Some(R::ScriptFakeService),
        ),
        (
            "您好，這裏是網購平台客服，您被誤開通了會員，每月自動扣費，取消需要下載會議軟件開啟屏幕共享。",
            true,
            Some(R::ScriptFakeService),
        ),
        // Relatives, friends and bosses with a new number.
        (
            "爸，我换号了，这是我的新号。出了点事，急用钱，你先转5000给我。",
            true,
            Some(R::ScriptAcquaintance),
        ),
        (
            "阿媽，係我，我換咗電話號碼，好急要錢，過數3000蚊俾我。",
            true,
            Some(R::ScriptAcquaintance),
        ),
        (
            "Hi Mum, it's me, my phone broke and this is my new number. Can you transfer 700 today? I'll pay you back.",
            true,
            Some(R::ScriptAcquaintance),
        ),
        // Task scams.
        (
            "兼職刷單，做任務賺佣金，先墊付第一單，再充值激活賬戶。",
            true,
            Some(R::ScriptTask),
        ),
        (
            "Part-time job: complete tasks for daily salary. Pay a deposit to activate your account and top up to continue.",
            true,
            Some(R::ScriptTask),
        ),
        // Investment grooming.
        (
            "老师带单，稳赚不赔，加入投资群，跟单入金就有收益。",
            true,
            Some(R::ScriptInvestment),
        ),
        (
            "We met at the conference. My mentor's liquidity pool pays 3% daily, you just deposit on the platform.",
            true,
            Some(R::ScriptInvestment),
        ),
        // Callback phishing.
        (
            "Your withdrawal of 0.9 BTC is pending. If this was not you, call support at +1 877 312 4598.",
            true,
            Some(R::ScriptCallback),
        ),
        (
            "【交易所】您的賬戶正在提幣 1 BTC，如非本人操作，請致電 +852 5811 2233。",
            true,
            Some(R::ScriptCallback),
        ),
        // One step alone, or a warning, is not a script.
        ("我是小王，明天的会议改到下午三点。", false, None),
        ("你好，我是新來的同事阿明，以後請多指教。", false, None),
        (
            "警方提醒：公安机关不会要求你转账到安全账户，凡是要求配合调查转账的都是诈骗。",
            false,
            None,
        ),
        (
            "反詐中心提醒：陌生人叫你下載會議軟件、開啟屏幕共享的，都是詐騙。",
            false,
            None,
        ),
        (
            "Your withdrawal of 0.9 BTC is complete. If this was not you, lock your account in the app.",
            false,
            None,
        ),
        (
            "Your statement to the police was recorded, case number 2291. An officer will call you.",
            false,
            None,
        ),
        (
            "Dad, can you pick me up at 6? My phone battery is low.",
            false,
            None,
        ),
        ("媽，我今晚唔返嚟食飯，同同事食。", false, None),
        ("老师今天讲了复利，我们周末一起复习？", false, None),
        (
            "Our investment club meets on Thursday; this week: index funds. No sales.",
            false,
            None,
        ),
    ];
    let mut failures = Vec::new();
    for &(text, scam, script) in cases {
        let a = run(text);
        let ok = (a.risk >= Risk::Medium) == scam && script.is_none_or(|r| has_reason(&a, r));
        if !ok {
            failures.push(format!(
                "{text:?}: want scam={scam} {script:?}, got {:?} {} {:?}",
                a.risk,
                a.score,
                reasons(&a)
            ));
        }
        for f in &a.tactics {
            for e in &f.evidence {
                assert_eq!(&text[e.start..e.end], e.text, "{text:?}");
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn marketing_and_notices_stay_below_medium() {
    check(&[
        (
            "【中國移動】尊敬的客戶，本月流量已用80%，回覆KTLL辦理流量包，抽獎贏話費，回TD退訂。",
            Safe,
        ),
        (
            "【中国联通】年终回馈，登录手厅抽奖，免费领取流量和视频会员，点击链接立即参与，回复TD退订。",
            Safe,
        ),
        (
            "尊敬的用户，彩铃限时优惠，免费试听热门歌曲，回复1订购，资费2元/首。",
            Safe,
        ),
        (
            "您的快递已到驿站，取件码 5-2-1187，如有疑问请联系客服 95311。",
            Safe,
        ),
        ("【順豐速運】您的快件已簽收，如有疑問請聯繫客服。", Safe),
        ("商场店庆，全场满减，会员积分双倍，欢迎光临门店。", Safe),
    ]);
}

#[test]
fn long_texts_do_not_add_up_weak_words_to_high() {
    let para = "This week's digest: free courses for members, the award for the best \
                volunteer project, the police charity run, a package manager release, \
                and a reminder to log in to renew your membership. ";
    let long = para.repeat(12);
    let a = run(&long);
    assert!(a.risk < Risk::High, "{:?} {}", a.risk, a.score);
    // Strong evidence still counts in a long text.
    let scam = format!("{long} Send me your seed phrase at examp1e-support.com now.");
    assert!(run(&scam).risk >= Risk::High);
}

#[test]
fn mailing_list_mail_is_not_pretexting() {
    use ReasonCode as R;
    let list = "From: Ana <ana@uni.sample.edu>\r\n\
                Reply-To: users@lists.sample.org\r\n\
                List-Id: Users <users.lists.sample.org>\r\n\
                List-Post: <mailto:users@lists.sample.org>\r\n\
                Return-Path: <users-bounces@lists.sample.org>\r\n\
                Subject: Re: login question\r\n\r\n\
                The login page worked for me after clearing cookies. Free tip: check the clock.";
    let a = run_email(list).analysis;
    assert!(
        !has_reason(&a, R::EmailReplyTo) && !has_reason(&a, R::EmailReturnPath),
        "{a:?}"
    );
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // The same headers without the list headers are still compared.
    let plain = list
        .lines()
        .filter(|l| !l.starts_with("List-"))
        .collect::<Vec<_>>()
        .join("\r\n");
    assert!(has_reason(&run_email(&plain).analysis, R::EmailReplyTo));
}

#[test]
fn region_comes_from_the_text_when_none_is_set() {
    use crate::extract::region_hint;
    for (text, want) in [
        ("Win £500! Call 09061234567 now", Some("GB")),
        ("Calls cost 150p/min", Some("GB")),
        ("Reply to 08712345678 to claim", Some("GB")),
        ("Pay Rs. 250 today", Some("IN")),
        ("HK$300 rebate", Some("HK")),
        ("See you at 7", None),
        ("Call 0912345678", None),
    ] {
        assert_eq!(region_hint(text), want, "{text:?}");
    }
}

/// The test index, for the snapshot tests.
pub(crate) fn index_for_snapshots() -> &'static Index {
    index()
}

/// `LABEL,TEXT` rows of a CSV (RFC 4180 quoting, quoted fields may span lines), the
/// header dropped.
pub(crate) fn split_csv(text: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.into_iter()
        .skip(1)
        .filter(|r| r.len() >= 2)
        .map(|mut r| (std::mem::take(&mut r[0]), std::mem::take(&mut r[1])))
        .collect()
}

#[test]
fn texts_about_scams_stay_below_high() {
    // Discussions and warnings that describe scams name their steps; without an
    // indicator or email check against them they are at most medium.
    for text in [
        "Notes from the awareness session: the phishing simulation went out to 180 staff, \
         41 clicked. In the same month a real scam reached the finance team: a caller posing \
         as the police said an account was linked to money laundering, asked them to keep it \
         confidential and to install AnyDesk, then to buy gift cards. It was reported to the \
         bank and to the police. Next quarter we repeat the simulation with a callback lure \
         and measure how many people report it within an hour. Thanks everyone for the \
         quick reports, and remember the three warning signs: urgency, secrecy, payment. \
         Slides and the recording are on the intranet page of the security team.",
        "本期防骗专栏：常见诈骗手法有冒充公检法，说你涉嫌洗钱，要求你保密并转账到安全账户；还有冒充\
         客服以退款为由让你下载会议软件开启屏幕共享。遇到这类情况请挂断电话，拨打反诈专线核实。\
         记住：公安机关不会在电话里办案，也没有所谓的安全账户。",
        // A short neighbourhood warning: one "about" word of the list, the rest told in
        // the third person.
        "Dear neighbours, two households on Mill Lane had calls this week from men \
         claiming to be detectives looking into fraud at their bank. They told the victims \
         to withdraw cash or move their savings to a safe account. Real officers will never \
         ask that: hang up, wait a few minutes and call 101 from another phone.",
    ] {
        let a = run(text);
        assert!(
            a.risk < Risk::High,
            "{text:?}: {:?} {} {:?}",
            a.risk,
            a.score,
            reasons(&a)
        );
    }
}

/// The same brand after its Telegram account and launchpad site were hijacked.
fn compromised_index() -> &'static Index {
    static INDEX: LazyLock<Index> = LazyLock::new(|| {
        let registry = Registry::from_toml(&REGISTRY.replacen(
            "telegram = [\"ExampleEnglish\"]",
            "telegram = [{ value = \"ExampleEnglish\", compromised_since = \"2026-12-01T00:00:00Z\" }]",
            1,
        ).replacen(
            "domains = [\"example.com\", \"launchpad.example.org\"]",
            "domains = [\"example.com\", { value = \"launchpad.example.org\", compromised_since = \"2026-12-01T00:00:00Z\" }]",
            1,
        ))
        .expect("registry");
        Index::build(&registry, blocklist::Index::default(), Options::default())
    });
    &INDEX
}

#[test]
fn a_compromised_official_link_is_a_risk_not_a_reassurance() {
    let message = |text| Message {
        text,
        channel: None,
        sender: None,
    };
    for text in [
        "Example Exchange airdrop: claim your bonus now at https://launchpad.example.org/claim before it ends",
        "Official announcement: join t.me/ExampleEnglish and send 0.1 ETH to receive 1 ETH back",
    ] {
        let before = analyze(&message(text), index());
        let after = analyze(&message(text), compromised_index());
        assert!(
            after
                .indicators
                .iter()
                .any(|f| f.verification.verdict == verify::Verdict::OfficialCompromised),
            "{text}"
        );
        assert!(
            after.risk >= Risk::High,
            "{text}: {:?} {}",
            after.risk,
            after.score
        );
        assert!(
            after.score > before.score,
            "{text}: {} vs {}",
            after.score,
            before.score
        );
        assert!(
            after
                .tactics
                .iter()
                .flat_map(|t| &t.evidence)
                .any(|e| e.reason == ReasonCode::CompromisedOfficial),
            "{text}: {:?}",
            after.tactics
        );
    }
}

/// Issue 11, second batch: each family as steps, in wordings the phrase tables were not
/// written from, and the look-alike of each that must stay below medium.
#[test]
fn second_batch_families_score_and_look_alikes_do_not() {
    check(&[
        // Money held until a fee or "tax" is paid.
        (
            "Your trading profit of 12,900 USDT is ready. Pay the tax first, then the withdrawal is released to your wallet.",
            Scam(&[QuidProQuo]),
        ),
        (
            "Good news, the remote typing job is yours. Before you can withdraw your first salary you must first unlock it by depositing 80 USDT.",
            Scam(&[QuidProQuo]),
        ),
        // Investment grooming with a promised rate, by shape.
        (
            "上次展會見過你。我表哥的平台每日穩定有3%收益，虧了算我的，你先投五千試試。",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "阿姐，我跟個導師買緊虛擬幣，每星期有10%回報，保證唔會蝕，你都入啲啦。",
            Scam(&[TooGoodToBeTrue]),
        ),
        // Bosses and HR: a personal account, secrecy.
        (
            "It's Daniel, CEO. Need a quick vendor payment of 9,700 EUR to a personal account today; keep it between us for now.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "小陈，我是刘总。合作方的尾款急着付，你先转15万到这个个人账户，暂时保密。",
            Scam(&[PaymentInstruction]),
        ),
        // Authorities asking to move money to "prove" innocence.
        (
            "移民局通知：你的護照被人冒用，案件已移交公安。為證明清白，請將存款轉入監管賬戶。",
            Scam(&[PaymentInstruction]),
        ),
        // Screen sharing without "your".
        (
            "Bank security here. Join the call, tap Share screen and open your banking app so our technician can block the payment.",
            Scam(&[OffPlatform]),
        ),
        // Loans with a deposit to "verify".
        (
            "Loan approved: 8,000 USD. A refundable verification deposit of 120 USD is needed before disbursement.",
            Scam(&[QuidProQuo]),
        ),
        // Look-alikes.
        ("爸，我報咗個網球班，學費已經俾咗，星期六開始。", Safe),
        ("Mum, got a new phone, same number. Call you later!", Safe),
        ("王總：明天的機票和酒店已經訂好，報銷單週一交財務。", Safe),
        (
            "你嘅貸款已經批核，款項兩日內存入你嘅戶口，我哋唔會要求你先俾任何手續費。",
            Safe,
        ),
        ("警方提提你：有人叫你轉錢去指定戶口，一定係騙局。", Safe),
        (
            "Our fund returned 6% last year. Returns are not guaranteed and you may lose money.",
            Safe,
        ),
    ]);
}

#[test]
fn promised_returns_by_shape() {
    for (text, want) in [
        ("每天收益2%", true),
        ("每日都有幾個%回報", true),
        ("每星期有10%回報", true),
        ("本月流量已使用80%", false),
        ("全场满300减50，折扣30%", false),
        ("5% daily", false),
    ] {
        let folded = crate::fold::fold(text);
        let found = !crate::fold::promised_returns(&folded.text).is_empty();
        assert_eq!(found, want, "{text:?}");
    }
}

/// Email bodies wrapped at 72–80 columns: a warning on one line still covers the ask
/// that the wrap pushed onto the next.
#[test]
fn hard_wrapped_lines_are_one_sentence() {
    let raw = "From: Watch <news@watch.sample.org>\r\n\
               Subject: Scam talk\r\n\r\n\
               Scammers pretend to be the police and ask you to transfer your funds to a\r\n\
               safe account for checking. Come to the talk on Friday.\r\n";
    let a = run_email(raw).analysis;
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

/// A post to a discussion list (it names its list) that quotes a scam script stays below
/// high; the same words sent directly are a script.
#[test]
fn discussion_lists_quote_scripts_without_running_them() {
    let body = "Someone on our team got this call today: an officer said her account was \
                linked to money laundering and she should move her funds to a safe account. \
                Is anyone else seeing these?";
    let listed = format!(
        "From: Lee <lee@uni.sample.edu>\r\nList-Id: <sec.lists.sample.org>\r\n\
         Return-Path: <sec-bounces@lists.sample.org>\r\n\
         Subject: odd call\r\n\r\n{body}\r\n"
    );
    let a = run_email(&listed).analysis;
    assert!(a.risk < Risk::High, "{:?} {} {a:?}", a.risk, a.score);
    let direct = "This is officer Wong. Your account is linked to money laundering; move \
                  your funds to a safe account today.";
    assert!(run(direct).risk >= Risk::Medium);
}

/// In a long text the same weak word again does not add up; in an SMS it may.
#[test]
fn repeated_words_do_not_add_up_in_long_texts() {
    let item = "Package news: the package manager now verifies signatures. ";
    let filler = "Other items this week cover databases, maps and accessibility work. ";
    let long = format!("{}{}", item.repeat(3), filler.repeat(20));
    let a = run(&long);
    let once = run(&format!("{item}{}", filler.repeat(22)));
    let c = |a: &Analysis<'_>| {
        a.tactics
            .iter()
            .find(|f| f.tactic == Pretexting)
            .map_or(0.0, |f| f.confidence)
    };
    assert!(c(&a) <= c(&once) + 1e-6, "{} > {}", c(&a), c(&once));
}

/// Found by a third batch written after the fixes above: warnings that call the trick
/// "騙案" in Cantonese, and secrecy that says "mention it to anyone".
#[test]
fn third_batch_warnings_and_secrecy() {
    check(&[
        (
            "警方提提你：自稱入境處職員叫你過數去指定戶口，全部都係騙案。",
            Safe,
        ),
        (
            "This is the finance director. Wire 40,000 to the personal account below today and don't mention it to anyone.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Your 6,000 USD loan is approved. Pay the activation fee of 90 USD first and the money is released today.",
            Scam(&[QuidProQuo]),
        ),
    ]);
}

/// `List-*` headers are written by the sender: a `List-Id` that names neither the
/// `From` site nor the `Return-Path` site (where a list server takes its bounces) is no
/// list, and the script in the mail counts as in any other mail.
#[test]
fn forged_list_headers_do_not_cap_a_script() {
    let body = "Dear customer, this is officer Grant of the financial crimes unit. Your \
                account is linked to money laundering. Move your funds to the safe account \
                below today and do not tell anyone, or your assets will be seized.";
    let mail = |headers: &str| format!("{headers}Subject: case 4471\r\n\r\n{body}\r\n");
    let plain = run_email(&mail("From: Unit <unit@casework.sample.net>\r\n")).analysis;
    assert!(plain.risk >= Risk::High, "{:?} {}", plain.risk, plain.score);
    for headers in [
        // A List-Id of another site, with and without an unsubscribe line.
        "From: Unit <unit@casework.sample.net>\r\nList-Id: <news.bank.sample.com>\r\n",
        "From: Unit <unit@casework.sample.net>\r\nList-Id: Alerts <alerts.lists.sample.org>\r\n\
         List-Unsubscribe: <mailto:leave@lists.sample.org>\r\n",
        // Addressed to the reader, not to the list it names.
        "From: Unit <unit@casework.sample.net>\r\nTo: you@mail.sample.com\r\n\
         List-Id: <sec.lists.sample.org>\r\n",
        // A bounce address of yet another site does not make it consistent.
        "From: Unit <unit@casework.sample.net>\r\nList-Id: <sec.lists.sample.org>\r\n\
         Return-Path: <bounce@relay.sample.io>\r\n",
    ] {
        let a = run_email(&mail(headers)).analysis;
        assert!(
            a.risk >= Risk::High,
            "{headers:?}: {:?} {}",
            a.risk,
            a.score
        );
    }
    // The same post through a consistent list is a discussion: below high.
    for headers in [
        "From: Lee <lee@uni.sample.edu>\r\nList-Id: <sec.lists.sample.org>\r\n\
         Return-Path: <sec-bounces@lists.sample.org>\r\n",
        "From: \"Lee via sec\" <sec@lists.sample.org>\r\nList-Id: <sec.lists.sample.org>\r\n",
        "From: Lee <lee@uni.sample.edu>\r\nTo: sec@lists.sample.org\r\n\
         List-Id: <sec.lists.sample.org>\r\n",
    ] {
        let a = run_email(&mail(headers)).analysis;
        assert!(a.risk < Risk::High, "{headers:?}: {:?} {}", a.risk, a.score);
    }
}

/// Issue 11, third pass: the classes a new out-of-sample batch found, each with new
/// wordings (scams of every family, and the look-alikes that name the same steps).
#[test]
fn third_pass_families_score_and_descriptions_do_not() {
    check(&[
        // Task scams: rating work, a negative balance, a fee before the pay.
        (
            "We found your resume on a job board. Help merchants with app ratings from home, 20 minutes a day, paid per set. Message our coordinator on Telegram.",
            Scam(&[]),
        ),
        (
            "Your account went to a negative balance after the combination order. Recharge 260 USDT to finish the set and unlock your commission.",
            Scam(&[]),
        ),
        (
            "Congratulations on joining the data optimization team. Each set has 38 tasks. To receive your salary, a reset fee of 80 USDT must be paid first.",
            Scam(&[]),
        ),
        (
            "兼職幫網店做好評，首三單免費試做，之後要預付本金先接到大單，加LINE：ab123",
            Scam(&[]),
        ),
        (
            "你個帳戶變咗負數，因為系統派咗組合單俾你，要先充值先可以出糧",
            Scam(&[]),
        ),
        // Investment grooming.
        (
            "Morning! Look at my profit from one trade this week. My teacher only takes a few students, I can teach you too, just don't tell others about the group.",
            Scam(&[]),
        ),
        (
            "相信我，这个币下个月必涨，你先充两万进去，赚了再说，这是我们之间的小秘密",
            Scam(&[]),
        ),
        // Fake authorities in English.
        (
            "Border officers found illegal items in a shipment under your name. To clear yourself, verify your funds by transferring them to the supervision account we give you.",
            Scam(&[]),
        ),
        // Fake customer service: a charge "by mistake", a code to enter.
        (
            "This is the billing team. You were charged $860 by mistake and we will refund you today. Open the page we send and enter the code from your SMS.",
            Scam(&[]),
        ),
        // Bosses in English.
        (
            "I'm stuck in a board meeting. Please arrange an urgent wire to our new vendor before noon and keep this between us for now.",
            Scam(&[]),
        ),
        // Relatives in Cantonese: an accident, money passed to a friend's account.
        (
            "阿媽，我部手機壞咗，用緊朋友部機。我急住交學費，你過住八千去我同學個戶口得唔得？",
            Scam(&[]),
        ),
        (
            "爸，我撞到人，對方要即刻賠錢，唔好話俾阿媽聽，轉兩萬去呢個戶口",
            Scam(&[]),
        ),
        // Callbacks whose number comes after other numbers, or with no "not you".
        (
            "Your annual renewal of $329.00 was charged today. If you did not authorize it, call our billing desk within 48 hours at +1 (808) 555 3140.",
            Scam(&[]),
        ),
        (
            "Order #55120 confirmed, $612.40 will be billed to your card. To cancel within 24 hours call 1 808 555 7721.",
            Scam(&[]),
        ),
        // A prize held for a fee.
        (
            "恭喜你抽中年度大獎港幣三萬元，請先繳付行政費港幣六百元以便安排派獎",
            Scam(&[]),
        ),
        // Chinese split by separators.
        (
            "您的賬戶存在異常，請立即到 安·全·中·心 完成驗.證，否則將凍*結",
            Scam(&[]),
        ),
        // Look-alikes: bulletins, news and chat that name the same steps.
        (
            "新聞：多區警方通報冒充公安詐騙案件上升，市民如接獲要求轉帳的電話應即報警。",
            Safe,
        ),
        (
            "自稱海關人員要你轉賬去監管賬戶嘅，一定係騙案，即刻收線。",
            Safe,
        ),
        (
            "投資群組聲稱「保證翻倍、穩賺不賠」，這些全是詐騙話術，請大家小心。",
            Safe,
        ),
        (
            "我舅父差點被騙了，對方說他兒子換了號碼，要他轉三萬，幸好他先打電話確認",
            Safe,
        ),
        (
            "My neighbour got a text saying her grandson was in jail and needed bail money. It was a scam.",
            Safe,
        ),
        (
            "Some accounts are pretending to be our support team and asking users to move funds to a safe account.",
            Safe,
        ),
        ("妈，学费我自己交了，你不用给我转钱，周末见", Safe),
        ("爸，唔使俾錢我喇，我份工出咗糧", Safe),
        (
            "姐姐提醒我：對方會說「媽，我換咗號碼，急需用錢，轉去呢個戶口」，千祈唔好信。",
            Safe,
        ),
        (
            "EE: your new plan is live. Text STOP to 8080 to opt out of offers.",
            Safe,
        ),
    ]);
}

/// Chinese split by punctuation folds back to the word, and the match says it was
/// disguised; punctuation between other characters stays.
#[test]
fn separators_between_ideographs_fold_away() {
    for (text, want) in [
        ("安.全.账.户", "安全账户"),
        ("验*证·码", "验证码"),
        ("冻|结", "冻结"),
        ("3.5元", "3.5元"),
        ("A.B", "A.B"),
        ("好的. 明天见", "好的. 明天见"),
    ] {
        assert_eq!(crate::fold::fold(text).text, want, "{text:?}");
    }
    assert!(crate::fold::is_obfuscated("验.证", "验证"));
    assert!(!crate::fold::is_obfuscated("验证", "验证"));
}

/// Found by the third batch of issue 11's last pass (measured once, out of sample, before
/// these): gift cards named by their store, codes named by their length, English
/// authorities moving savings, auto-renewals to cancel, trap orders, bosses in
/// Cantonese, callbacks "billed" with a number to reach; and descriptions that ask
/// whether others received a scam.
#[test]
fn after_third_batch_families_and_questions_about_scams() {
    check(&[
        (
            "Hi, it's Daniel from the director's office. Quick favor: get 4 Apple cards of $200 for a client gift and send me photos of the back of each card.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Support team: a refund of $640 is waiting. To reverse it, tell us the 6-digit code we texted you.",
            Scam(&[]),
        ),
        (
            "This is the cybercrime unit. Your card was used by a fraud ring; cooperate with our investigation and transfer your savings to a federal account today.",
            Scam(&[]),
        ),
        (
            "【会员中心】您的VIP服务将自动续费每月399元，如需关闭请添加人工客服处理",
            Scam(&[]),
        ),
        (
            "The merge order left your balance short. Fund the shortfall of 900 USDT so your earnings can be settled.",
            Scam(&[]),
        ),
        (
            "阿Ken，我係何生，我唔方便聽電話，你幫我過十萬俾新供應商，唔好同其他人講住",
            Scam(&[]),
        ),
        (
            "Thanks for your order. You will be billed $389.50 today. For cancellation please reach our team at +1 (808) 555 2287.",
            Scam(&[]),
        ),
        (
            "Has anyone received texts claiming to be from the exchange asking for a 6-digit code? I reported two already.",
            Safe,
        ),
        ("成日收到話我中咗獎嘅短訊，一睇就知係呃人。", Safe),
    ]);
}

/// Found by a fourth batch (measured once, out of sample, before these): a callback
/// asked with any verb of calling, English returns promised per day or week, and
/// authorities, loans and bosses in new words.
#[test]
fn after_fourth_batch_families() {
    check(&[
        (
            "Coinbase: a withdrawal of 0.9 BTC is queued from a new device. Not you? Speak to our security line at +1 (833) 555 0192.",
            Scam(&[]),
        ),
        (
            "Our AI arbitrage bot pays a fixed 3% every day. Minimum stake 300 USDT, spots are limited.",
            Scam(&[]),
        ),
        (
            "This is Inspector Patel of the National Crime Agency. Keep this call confidential and move your balance into the safeguarding account while we investigate.",
            Scam(&[]),
        ),
        (
            "Your loan of 6,500 is approved but on hold. Send a verification charge of 4% to release them today.",
            Scam(&[]),
        ),
        (
            "Weekly update from the fund: returns were 0.4% this week.",
            Safe,
        ),
    ]);
}

/// Chinese look-alikes of the classes of issue 11's second pass: money declined ("别再"),
/// paid already, a caller or impostor retold, a news report, a withdrawal hold; and the
/// scams beside them that must stay caught (a fake service warning of impostors of
/// itself, a cash machine worked on instructions, a Taiwanese withdrawal alarm).
#[test]
fn chinese_retellings_and_refusals_stay_low_and_their_scams_do_not() {
    check(&[
        ("爸，學費我自己夠了，你千萬別再匯錢過來。", Safe),
        ("阿媽，唔好再過數俾我喇，我份工出咗糧。", Safe),
        ("李总，合同款我已经汇过去了，银行回执稍后拍给您。", Safe),
        (
            "我阿姨前天接到一个电话，对方自称是社保局的，说她的卡涉嫌洗钱要转到安全账户，她没理。",
            Safe,
        ),
        (
            "提醒大家：有人假冒券商客服打电话，叫人下载会议软件共享屏幕，遇到请直接挂断。",
            Safe,
        ),
        (
            "据报道，一名男子被所谓的带单老师诱导充值二十万U，警方已立案调查。",
            Safe,
        ),
        (
            "幣安：您的帳戶已新增提幣地址，24小時內此地址暫不可提幣。如非本人操作，請登入App凍結帳戶。",
            Safe,
        ),
        (
            "您好，我是平台售后。近期有人冒充我们的客服，为保障您的资金安全，请立即把余额转到我们指定的核验账户。",
            Scam(&[PaymentInstruction]),
        ),
        (
            "您好，這裡是購物網客服，您的訂單被誤設為分期付款，每月會自動扣款，請依指示到ATM操作取消。",
            Scam(&[]),
        ),
        (
            "【安全提示】偵測到您的帳號正在提領 2.5 ETH，如果不是您本人，請立即撥打 02-2345-6789 處理。",
            Scam(&[]),
        ),
    ]);
}

/// Found by Chinese batch J (measured once, out of sample, before these): the customs
/// pretext handed on to a "case officer", a charge with a number to call, a support desk
/// that wants the screen; beside them a police warning that retells the threat, a friend's
/// question about a cold wallet, a bank that charges no fee, a real appeal for witnesses.
#[test]
fn after_chinese_batch_j() {
    check(&[
        (
            "我係入境處職員，你嘅郵包入面搵到違禁品，宗案已經轉咗俾公安，你而家即刻同辦案人員聯絡，唔好掛線。",
            Scam(&[]),
        ),
        (
            "【提示】閣下信用卡剛剛有一筆 HK$6,400 嘅簽賬，如果唔係你本人，請即刻致電 3188 2211 取消。",
            Scam(&[]),
        ),
        (
            "你開咗 Teams 未？撳分享螢幕俾我睇，我哋係平台技術支援，幫你搞掂提款。",
            Scam(&[]),
        ),
        (
            "【守網者】有騙徒扮海關職員，話你郵包有違禁品、涉嫌洗黑錢，要你轉錢去「安全戶口」。警方唔會咁做，有懷疑打 18222。",
            Safe,
        ),
        (
            "兄弟，你啲 ETH 轉咗去冷錢包未呀？我琴日轉咗，手續費好貴。",
            Safe,
        ),
        (
            "【銀行通知】你嘅私人貸款已批核，款項將於三個工作天內存入你嘅戶口，毋須預先支付任何費用。",
            Safe,
        ),
        (
            "警方呼籲任何人如有資料，請致電 2860 5012 與調查人員聯絡。",
            Safe,
        ),
        // A scam retold ("收到電話話…"); a bank's transaction notice with its balance.
        (
            "我姨媽話佢收到電話話佢涉嫌洗黑錢，叫佢轉錢去安全戶口，好彩佢即刻收線。",
            Safe,
        ),
        (
            "我爸昨天接到一通电话说他的卡被冻结，要他转钱去安全账户解冻，我让他挂了。",
            Safe,
        ),
        // A sender reporting a call about the reader is a pretext, not a retelling.
        (
            "我是检察院的工作人员，我们接到电话通知说你涉嫌洗钱，需要你配合调查，把资金转到安全账户。",
            Scam(&[]),
        ),
        (
            "【某某银行】您尾号5521的账户于12月6日转出2000元（网银转账），可用余额8830.20元。",
            Safe,
        ),
        (
            "您尾号5521的账户今日转出 5,000 元，如非本人操作请立即致电 021-5566-7788 冻结。",
            Scam(&[]),
        ),
        // Found by batch K (after its one out-of-sample measurement): a loan paid out with
        // its due date, a "safe account" denied to exist; the loan asking first stays a scam.
        (
            "【某某銀行】您申請的信貸已撥款 150,000 元至您的帳戶，首期還款日為下月十日。",
            Safe,
        ),
        (
            "反诈提示：公安机关不会通过电话办案，根本不存在所谓“安全账户”，接到此类电话请立即挂断。",
            Safe,
        ),
        (
            "您申請的信貸已核准 15 萬元，撥款前需先匯入保證金 3000 元至指定帳戶。",
            Scam(&[]),
        ),
    ]);
}

/// Issue 11, precision: benign look-alikes of callback scams and of bulk marketing, each
/// beside the scam that must stay flagged. A bank's alert sends the reader to a number
/// they already hold, or is written calmly to one masked account; a shop's offer carries
/// its opt-out line; a booking's "text CANCEL to …" is a reply, not a paid service.
#[test]
fn precision_lookalikes() {
    check(&[
        (
            "Northway Bank: a purchase of $54.20 at Fuel Stop was approved. Not you? Call us at 1-800-555-0100, the number on the back of your card.",
            Safe,
        ),
        (
            "Northway Bank: a purchase of $1,954.20 at Gadget Hub was approved. Not you? Call us at 1-800-555-0177.",
            Scam(&[]),
        ),
        (
            "Your a/c XX7788 is debited Rs 1,200.00 on 02-Mar, UPI ref 998877. Not you? Call 1800 555 0101 -Northway",
            Safe,
        ),
        (
            "Your card ending 7788 was charged $780 at PhoneMart. Not you? Call 1-888-555-0142 immediately to stop the payment.",
            Scam(&[]),
        ),
        (
            "Northway: a withdrawal of 1.1 BTC is pending. Not you? Call +1 (855) 555 0190.",
            Scam(&[]),
        ),
        (
            "Big weekend sale at Corner Shoes: 40% off, today only while stocks last. Shop at cornershoes.example. Reply STOP to unsubscribe",
            Safe,
        ),
        (
            "Final notice: confirm your toll account today only at tolls-pay.example/x7 or it will be suspended. Reply STOP to opt out",
            Scam(&[]),
        ),
        (
            "Txt WIN to 85333 today only for a chance 2 win a FREE holiday! £1.50/msg. Reply STOP to opt out",
            Scam(&[]),
        ),
        (
            "Your table at Luigi's for 2 is booked for Fri 8pm. Text CANCEL to 60123 if you can't make it.",
            Safe,
        ),
        // The opt-out line is no call to action; a paid chat's own "send STOP" still is.
        (
            "Corner Bakery: a free muffin with any coffee this week, show this text. Txt STOP to 61000 to opt out",
            Safe,
        ),
        (
            "Hey sexy, I'm waiting for your reply ;) All replies cost £1.50/msg. Stop? Send STOP to 62999",
            Scam(&[]),
        ),
    ]);
}

/// Classes of branch zh4 (invented rows, each scam beside its benign neighbour, in both
/// scripts and Cantonese): a code notice that warns versus a code handed back; warnings
/// that deny an ask; a bank's dated record with the card's own number; self-custody of a
/// seed; a thing lent; a shop's opt-out line; fund recovery, asset "protection" orders,
/// a screen cast, a new number to save, paying to climb a tier.
#[test]
fn after_chinese_zh4_classes() {
    check(&[
        // 1. A code notice that warns, in the sentence after the code.
        (
            "【滙豐】你嘅一次性密碼係 582213，用於轉賬確認。唔好同任何人講，包括銀行職員。",
            Safe,
        ),
        (
            "【某银行】您的动态码为 771203，用于登录。切勿告诉他人，包括客服人员。",
            Safe,
        ),
        (
            "唔好意思，我啱啱打錯你個號碼，你收到個驗證碼可唔可以send返俾我？",
            Scam(&[]),
        ),
        (
            "不好意思，刚才发到你手机的验证码麻烦发给我一下，谢谢。",
            Scam(&[]),
        ),
        // 2. Warnings that deny an ask, with the authority's own header.
        (
            "【警務處】溫馨提示：警方唔會要求市民將資金轉去任何「監管戶口」。如有懷疑請致電 18222。",
            Safe,
        ),
        // 3. A bank's dated record; the number to call is the card's own.
        (
            "【某商業銀行】您的帳戶於03/08 09:15 轉出NT$8,000，如有疑問請撥打客服（以卡片背面電話為準）。",
            Safe,
        ),
        // 4. Self-custody of a seed; a cold wallet the reader is bidden to fund is not.
        ("新買的冷钱包今天到了，晚上把助记词抄到纸上备份。", Safe),
        (
            "我係交易所客服，你個帳戶有風險，你即刻將啲幣轉去我哋個冷錢包。",
            Scam(&[]),
        ),
        // 5. A thing lent; money borrowed stays an ask.
        ("哥，你借我的雨傘我放在你家門口了。", Safe),
        // 6. A shop's promotion with an opt-out line.
        (
            "【某電訊】寬頻計劃限時優惠，首三個月半價，詳情請瀏覽官網。回覆STOP取消接收推廣訊息。",
            Safe,
        ),
        // 7. Recall: fund recovery with a fee first; a "hacker" referral with a chat.
        (
            "您好，我们已定位到您被骗的30万USDT，需要先缴纳8%的律师费才能启动追回。",
            Scam(&[]),
        ),
        (
            "我琴日俾人呃咗五萬，搵咗個黑客幫手追返晒，佢WhatsApp我send俾你，你話我介紹。",
            Scam(&[]),
        ),
        ("我被骗的钱警察帮我追回来了，真开心。", Safe),
        // An asset "protection" order and coins to a wallet the sender gives.
        (
            "上級已批資產保護令，你而家去買USDT，轉去我畀你嘅錢包地址，審計完原數退返。",
            Scam(&[]),
        ),
        // A screen cast with hands kept off, then a password typed.
        (
            "投屏之後唔好郁部手機，等我幫你搞，搞掂你入返密碼就得。",
            Scam(&[]),
        ),
        // A new number to save is an opener, weak alone; with an ask it is the script.
        // Told in full, with why the old phone is gone (branch `zh6`), it is the
        // new-number story, as in English ("Mum, it's me, dropped my phone, new number").
        (
            "媽，我換咗新號碼，舊電話壞咗，你save低呢個先。",
            Scam(&[Pretexting]),
        ),
        ("媽，我換咗新號碼，你save低呢個先。", Safe),
        (
            "媽，我換咗新號碼，你save低呢個先。我急住要一萬蚊，幫我過數去呢個戶口。",
            Scam(&[]),
        ),
        (
            "爸，我換了新手機號碼，舊號碼下月停用，週末回家再跟你說。",
            Safe,
        ),
        // Paying to climb a tier.
        (
            "呢份睇片撳讚嘅兼職，做咗三日之後佢話要入錢升級VIP先可以繼續接單。",
            Scam(&[]),
        ),
    ]);
}

/// Branch en4: English classes from a held-out file's misses (codes relayed as they
/// arrive, a boss's records and errands, callbacks to stop a closure, minimum stakes and
/// taxes that cannot be deducted, lenders shaming borrowers, rent to a landlord's
/// account, permissions approved for a remote fix, screen broadcasts, paying in first,
/// pay per like, compensation through a claims app, verifying a wallet by sending,
/// instructions to come by phone, family dismissed), each beside its benign neighbour.
#[test]
fn en4_classes_and_their_neighbours() {
    check(&[
        (
            "Coinbase security: a code is on its way to you. Read me the digits once they arrive so we can confirm you own the account.",
            Scam(&[]),
        ),
        (
            "Your Coinbase code is 449120. It expires in 10 minutes. Never share it with anyone.",
            Safe,
        ),
        (
            "Kucoin support here. Please send a selfie plus the authenticator code currently showing to finish the review.",
            Scam(&[]),
        ),
        (
            "your wallet must be resynced after the upgrade, just reply w the 12 words and I'll fix it",
            Scam(&[]),
        ),
        (
            "Ledger support will never ask for your 24 words. Never share them with anyone.",
            Safe,
        ),
        (
            "Stuck in a meeting with the board, can't talk. Grab 5 Google Play cards at 100 each, scratch them and send pics here.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Tom here, new phone. Please pay the Apex invoice today. They updated bank details, I'll send them over. Need it done within the hour.",
            Scam(&[]),
        ),
        (
            "This is the Finance Director. Send me the W-2 forms for the whole team by 5pm. Discretion is required.",
            Scam(&[]),
        ),
        ("Can you send me the sales report by 5pm? Thanks", Safe),
        (
            "Binance: your account is scheduled for suspension today. To cancel call our compliance desk +1 555 010 2233",
            Scam(&[]),
        ),
        (
            "We've held a transfer of 900 USD to an exchange. Ring us back on +1 555 010 4455 to confirm or cancel.",
            Scam(&[]),
        ),
        (
            "To enter this week's arbitrage round, transfer at least 3,000 USDT to your trading account before 9pm.",
            Scam(&[]),
        ),
        (
            "To withdraw your 52,300 USDT please pay the capital gains tax of 5,230 USDT first. The tax cannot be deducted from your balance.",
            Scam(&[]),
        ),
        (
            "To withdraw your savings early, visit any branch with your ID.",
            Safe,
        ),
        (
            "Loan app: your loan is overdue. Pay 300 today or we will message everyone in your contact list.",
            Scam(&[]),
        ),
        (
            "Your loan payment is overdue. Please pay 120 by Friday to avoid a late fee.",
            Safe,
        ),
        (
            "Mum my banking app locked me out and rent is due, 900. can u send it to my landlord's account? I'll pay you back tomorrow",
            Scam(&[]),
        ),
        (
            "Sent you the 450 for my share of the rent, thanks for covering it",
            Safe,
        ),
        (
            "Download the Safe Wallet helper, approve the permissions and our technician will fix it remotely.",
            Scam(&[]),
        ),
        (
            "Please approve the permissions the app asks for so notifications work.",
            Safe,
        ),
        (
            "open Screen Share and tap start broadcast so I can see your screen while you log in",
            Scam(&[]),
        ),
        (
            "the gold tier is simple, you pay in 2000 first, then the tasks pay 2% each.",
            Scam(&[]),
        ),
        (
            "Earn 4 dollars a like, 40 likes a day, prepaid tasks. Reply 1 to join.",
            Scam(&[]),
        ),
        (
            "Your parcel was lost in transit. As compensation we will pay you 150. Install our claims app and link your bank card.",
            Scam(&[]),
        ),
        (
            "Your parcel was damaged; we've refunded 28.50 to your original payment method.",
            Safe,
        ),
        (
            "I'm a lawyer with the federal refund program for fraud victims. We can recover your funds but first verify your wallet by sending 0.1 ETH.",
            Scam(&[]),
        ),
        (
            "Detective Hale, Metropolitan Police. Your account is linked to a fraud case. Do not discuss this with anyone. I'll call you shortly with instructions.",
            Scam(&[]),
        ),
        ("I'll call you tonight with the details of the party.", Safe),
        (
            "dont listen to your daughter, she doesn't get crypto. the platform is regulated. if you stop now you lose everything.",
            Scam(&[]),
        ),
        (
            "The platform is regulated by the FCA; see our website for details.",
            Safe,
        ),
        (
            "Upgrade to a new phone today and get 6 months of music free.",
            Safe,
        ),
        (
            "Morning from Singapore! already 1,400 up on the oil-BTC pair today. you really should stop leaving your money asleep in a savings account",
            Scam(&[]),
        ),
        ("Finally 200 up on the season, my fantasy team rocks", Safe),
        (
            "Can you forward it to me once it arrives? It's the lease.",
            Safe,
        ),
        (
            "Bank: add your card to Google Pay today and pay with your phone.",
            Safe,
        ),
        (
            "Let's continue with the plan on Monday, and keep up with trading news.",
            Safe,
        ),
        (
            "Savings: tax is not deducted from your interest. To receive your 12.40 statement, log in.",
            Safe,
        ),
        (
            "Shop news: reply 1 to join our rewards club, 2 to opt out.",
            Safe,
        ),
    ]);
}

/// A word spelled out letter by letter with dots or hyphens folds back to the word;
/// abbreviations of two letters and hyphenated words stay.
#[test]
fn spelled_out_words_fold_back() {
    for (text, want) in [
        ("Y.o.u.r w.a.l.l.e.t", "Your wallet"),
        ("R-e-s-t-o-r-e it", "Restore it"),
        ("s.u.s.p.e.n.d.e.d.", "suspended."),
        (
            "Meet at 8 a.m., e.g. at the U.K. desk",
            "Meet at 8 a.m., e.g. at the U.K. desk",
        ),
        ("co-op x-ray 3.5", "co-op x-ray 3.5"),
    ] {
        assert_eq!(crate::fold::fold(text).text, want, "{text:?}");
    }
    assert!(crate::fold::is_obfuscated("r.e.c.o.v.e.r.y", "recovery"));
}

#[test]
fn a_phrase_written_in_a_disguise_does_not_make_the_plain_word_one() {
    let disguised = |text: &str| {
        run(text).tactics.iter().any(|f| {
            f.evidence
                .iter()
                .any(|e| e.reason == ReasonCode::Obfuscated)
        })
    };
    for (text, want) in [
        ("We blocked a sign-in attempt on your account.", false),
        ("Your card was blocked.", false),
        ("Your account is bl0cked, act now.", true),
        ("Your account is blocked, Iog in now.", true),
    ] {
        assert_eq!(disguised(text), want, "{text}");
    }
}

/// Issue 11, generalisation: a single strong step where the family allows it (a wallet
/// handed to a site, the whole new-number story, an officer demanding secrecy), and the
/// everyday texts that share each step's words.
#[test]
fn families_with_one_strong_step() {
    check(&[
        (
            "Your rewards are ready. Connect wallet to claim before they expire.",
            Scam(&[Phishing]),
        ),
        (
            "Validate your wallet on our portal to keep withdrawals open.",
            Scam(&[Phishing]),
        ),
        (
            "Tip: double-check the wallet address before every transfer.",
            Safe,
        ),
        ("Never connect your wallet to a site someone DMs you.", Safe),
        (
            "Dad, it's me. Smashed my phone at the gym, this is my new number, save it",
            Scam(&[Pretexting]),
        ),
        ("Dad, phone broke, on Tom's now. Back at 9.", Safe),
        (
            "it's me, new number from today, old one stops working Friday",
            Safe,
        ),
        (
            "Inspector Hale here, Fraud Squad. This stays between us until we speak again.",
            Scam(&[Pretexting]),
        ),
        (
            "Police: an officer will never ask you to keep a call secret. Hang up.",
            Safe,
        ),
        ("Mum can you send me the netflix password?", Safe),
        ("Could you send me the photos from Saturday?", Safe),
        (
            "Banks will never ask for your seed phrase. Keep your recovery phrase offline.",
            Safe,
        ),
        (
            "Friends who call saying they're from the bank and ask you to move money are always a scam.",
            Safe,
        ),
    ]);
}

/// Chinese: one strong ask is a script in a short text; a recovery pitch names the
/// reader's loss without describing scams; a warning about recovery pitches stays a
/// warning; a concept's callback number is read from the start of its ask.
#[test]
fn zh5_lone_asks_recovery_and_callbacks() {
    check(&[
        (
            "你而家即刻將戶口啲錢轉去安全賬戶",
            Scam(&[PaymentInstruction]),
        ),
        ("請把收到的六位驗證碼發給我核對一下", Scam(&[SecretRequest])),
        ("切勿把錢轉到所謂安全賬戶，公安不會這樣要求", Safe),
        (
            "被騙的錢唔使驚，我哋律師團隊可以幫你追返，先交 $5,000 開案費",
            Scam(&[QuidProQuo]),
        ),
        (
            "被骗后千万不要相信声称能帮你追回损失的人，这些都是二次诈骗。",
            Safe,
        ),
        ("警方已追回部分被骗款项，并发还给受害人。", Safe),
        (
            "您的會員卡已失效，請於今日內回電 0912-345-678 辦理恢復。",
            Scam(&[Pretexting]),
        ),
    ]);
}

/// Notices read as scripts: a code sent in groups with its own "tell no one" (in
/// Cantonese too), money received recorded by the bank, an ask denied inside its own
/// clause (a policy's refusal, "no genuine firm will ever tell you to…"); each beside the
/// scam that shares its words.
#[test]
fn notices_with_codes_receipts_and_refusals() {
    check(&[
        (
            "你嘅 Signal 驗證碼：482-913。唔好同其他人分享呢個驗證碼。",
            Safe,
        ),
        ("你嘅 WhatsApp 驗證碼：482 913。唔好同任何人講。", Safe),
        (
            "你收到個驗證碼 482-913 之後即刻send返俾我，唔好同其他人講。",
            Scam(&[]),
        ),
        (
            "【中銀香港】你嘅戶口***-210喺05/12收到轉賬HKD 3,200.00，詳情請登入網上銀行查閱。",
            Safe,
        ),
        (
            "【招商银行】您尾号8812的账户12月05日收到一笔转账人民币2,000.00元。",
            Safe,
        ),
        (
            "你好，你戶口收到一筆錯誤轉賬，麻煩你即刻將款項轉返去以下戶口，唔好同其他人講。",
            Scam(&[]),
        ),
        (
            "财务部提醒：所有付款必须走审批系统，任何通过电话或微信要求的紧急汇款一律不予受理，请当面核实。",
            Safe,
        ),
        (
            "我是王总，公司规定不予报销的费用你先别管，现在马上转账五万到这个账户，别告诉别人。",
            Scam(&[]),
        ),
        (
            "【西城公安】提醒您：近期冒充客服诈骗高发，请勿向陌生账户转账，民警将通过96110回访您。",
            Safe,
        ),
        (
            "阿仔，我部手机坏咗，你即刻过5000去呢个户口，唔好同人讲。",
            Scam(&[]),
        ),
        (
            "Consumer tip from the regulator: no genuine firm will ever tell you to pay in bitcoin or to move your money to keep it safe. Report it online.",
            Safe,
        ),
        (
            "This is the regulator. Your account is under investigation, move your money to the safe wallet we give you today and tell no one.",
            Scam(&[]),
        ),
    ]);
}

#[test]
fn a_text_signed_by_its_service_and_sending_only_to_its_site_is_its_notice() {
    // (text, whether it reaches medium)
    let cases = [
        (
            "ParcelWay: your parcel from BookNook arrives today 10:00-11:00. Track or \
             change the slot at parcelway.co.uk",
            false,
        ),
        (
            "Harbor Water: planned works on your street tomorrow may lower your water \
             pressure. Updates at www.harborwater.org.uk/works",
            false,
        ),
        // Twins: a pitch of returns from its own site; the same notice sending the reader
        // to a site dressed in other words, to a number, or to a site its name does not
        // spell.
        (
            "Tip Top Trades: our members banked guaranteed profit of 40% this week, join \
             at tiptoptrades.co.uk",
            true,
        ),
        (
            "ParcelWay: your parcel is held, a £1.99 redelivery fee is due. Pay at \
             parcelway-redelivery.co.uk",
            true,
        ),
        (
            "ParcelWay: your parcel is held, a £1.99 redelivery fee is due. Pay at \
             parcelway.co.uk or call 0203 555 0182",
            true,
        ),
        (
            "ParcelWay: your parcel is held, a £1.99 redelivery fee is due. Pay at \
             pw-deliveries.co.uk",
            true,
        ),
    ];
    for (text, medium) in cases {
        let a = run(text);
        assert_eq!(
            a.risk >= Risk::Medium,
            medium,
            "{text}: {:?} {}",
            a.risk,
            a.score
        );
    }
}

#[test]
fn free_as_a_term_of_a_booking_gives_nothing_away() {
    // (text, whether "free" is read as a giveaway)
    let cases = [
        (
            "Your room at Hotel Mar is booked. Free cancellation until 3 May.",
            false,
        ),
        (
            "Check-in is open: pick your seat free of charge in the app.",
            false,
        ),
        (
            "Your stay includes free wifi and free parking for one car.",
            false,
        ),
        // Twins: the same word giving something away.
        (
            "Your room is booked, and you get a free gift: claim it today.",
            true,
        ),
        (
            "Free iPhone for every guest who checks in, claim at the desk link.",
            true,
        ),
        (
            "Free returns on all sunglasses, final day of the flash sale!",
            true,
        ),
    ];
    reason_table(&cases, ReasonCode::BaitGiveaway);
}

/// Asserts for each `(text, want)` whether the analysis of `text` gives `reason`.
fn reason_table(cases: &[(&str, bool)], reason: ReasonCode) {
    for &(text, want) in cases {
        assert_eq!(has_reason(&run(text), reason), want, "{text}");
    }
}

#[test]
fn a_pin_named_by_its_card_is_a_secret() {
    // (text, whether a secret is asked for)
    let cases = [
        (
            "To keep using online banking, download the form and fill it in with your ATM PIN.",
            true,
        ),
        (
            "Please provide your debit card PIN to finish the security upgrade.",
            true,
        ),
        // Twins: a warning about the same PIN, a PIN of a map, a PIN sent by post.
        (
            "We will never ask for your card PIN by email or text.",
            false,
        ),
        (
            "Drop a pin on the map and share the location with me.",
            false,
        ),
        (
            "Your new card PIN is on its way by post, separately from the card.",
            false,
        ),
    ];
    reason_table(&cases, ReasonCode::AskForSecret);
}

/// A service's own notices read as scams (issue 11, batch r): the "if this was not you"
/// line that sends the reader to the app or a five-digit national service code, a
/// record of money already moved or refunded, a code delivered with its warning and
/// its sender's signature, and a public warning that sends the reader to an anti-fraud
/// hotline; each beside the scam that shares its words (a callback number of its own, a
/// fee after the refund, a service opened whose charges are to come, a code asked back,
/// an officer who warns the reader off the hotline).
#[test]
fn zhprec2_own_notices_and_their_twins() {
    check(&[
        (
            "【某银行】您的账户于今日09:41在新手机上登录网银。如非本人操作，请立即通过手机银行App冻结账户或拨打95566。",
            Safe,
        ),
        (
            "【某交易所】新裝置登入提醒：如非您本人登入，請立即前往App的安全設定修改密碼並凍結帳戶。",
            Safe,
        ),
        (
            "【某錢包】你嘅戶口啱啱喺新裝置提走 0.4 ETH，如果唔係你本人，請即刻喺App內凍結戶口。",
            Safe,
        ),
        (
            "【某交易所】您的账户于今日09:41在新设备发起提币 1.8 BTC，如非本人操作，请立即致电 +44 20 3998 1200 冻结。",
            Scam(&[]),
        ),
        (
            "你個戶口啱啱喺新裝置提走 0.4 ETH，唔係你做嘅話即刻打 5123 8876 搵我哋凍結。",
            Scam(&[]),
        ),
        (
            "【农业银行】您尾号5521账户于03月02日11:20成功转入人民币8,000.00元，当前余额9,412.77元。",
            Safe,
        ),
        ("【淘寶】您申請的退款NT$680已原路退回至您的信用卡。", Safe),
        (
            "【某交易所】您已成功提现 2,000 USDT 至尾号7f3a的地址，如有疑问请在App内联系在线客服。",
            Safe,
        ),
        (
            "您的退款审核成功，需先缴纳300元手续费，请转账到以下账户，到账后原路退回。",
            Scam(&[]),
        ),
        (
            "您已成功开通会员服务，每月将自动扣费800元，如需取消请致电 0571-8876 3321。",
            Scam(&[]),
        ),
        (
            "【某支付】校验码 902174，您正在绑定新手机，10分钟内有效，请勿告诉任何人，包括客服。",
            Safe,
        ),
        ("【某聊天】驗證碼 550913，用於登入，切勿轉發給他人。", Safe),
        (
            "我是平台客服，刚才发到您手机的验证码请念给我核对一下，不然账户会被冻结。",
            Scam(&[]),
        ),
        (
            "【区反诈中心】提醒：警察不会电话办案，也没有所谓“安全账户”，遇到请立即挂断，拨打96110核实。",
            Safe,
        ),
        (
            "【165全民防騙】網路投資保證獲利都是假的，要求你匯款到私人帳戶的一律不要理，有疑問請撥打165。",
            Safe,
        ),
        (
            "警方提提你：陌生人叫你過數去「安全戶口」一定係騙局，有懷疑即打18222。",
            Safe,
        ),
        (
            "我是市反诈中心民警，你的账户涉嫌洗钱，不要接听96110的电话，马上把钱转到安全账户。",
            Scam(&[]),
        ),
        (
            "我是96110的民警，你的账户涉嫌洗钱，需要把全部资金转入安全账户配合核查。",
            Scam(&[]),
        ),
        // A phone number written in groups that starts like a hotline (a mainland mobile
        // 159…, a number 101-…) is the sender's own line, not the anti-fraud centre.
        (
            "您的账户存在异常交易，请立即拨打159 2301 8846联系客服处理，否则24小时内将冻结。",
            Scam(&[]),
        ),
        (
            "Your account is locked due to suspicious activity. Call 101-555-0148 now to restore access or it will be closed today.",
            Scam(&[]),
        ),
    ]);
}

/// Texts about scams that hold scam terms up in quotation marks, a past case told with
/// its tally of transfers, and office politeness ("麻烦你帮忙") addressed to a boss or a
/// colleague; beside the scams that use the same words on the reader (no scam named,
/// or named only inside quotation marks), and a boss's real ask.
#[test]
fn zhprec2_quoted_terms_past_cases_and_politeness() {
    check(&[
        (
            "晚报：某女士轻信“稳赚不赔”的“内部消息”，先后汇款9次共计30万元，警方提醒这类都是诈骗。",
            Safe,
        ),
        (
            "市民留意：遇到「保證回本」「導師帶單」嘅投資群組，十居其九係騙局。",
            Safe,
        ),
        (
            "姐，这个“内部消息”稳赚不赔，今天先汇款5万进平台，名额有限。",
            Scam(&[]),
        ),
        (
            "您的账户涉嫌“电信诈骗”，请立即将“全部资金”转入安全账户配合调查，不要告诉家人。",
            Scam(&[]),
        ),
        (
            "李主任，周五的例会挪到十点，麻烦你帮忙通知一下各科室。",
            Safe,
        ),
        ("陳生，聽朝個會改咗去十一點，麻煩你幫手通知埋其他人。", Safe),
        (
            "李主任，我是王局长，麻烦你帮忙先转两万到这个账户，急用，别跟别人说。",
            Scam(&[]),
        ),
    ]);
}

/// Classes of branch `zh6`, each beside the look-alike that shares its words: a
/// callback's pressure said otherwise (a line cut off today, minutes counted, a charge
/// to opt out of, a bill gone wrong) and its Taiwan and Cantonese verbs; a recovery
/// desk's refund of the reader's loss; the screen shared with the bank open; the
/// new-number story with its mishap; a prize that costs a fee first.
#[test]
fn zh6_callbacks_recovery_screens_stories_and_prizes() {
    check(&[
        // Callbacks.
        (
            "【台灣大哥大】您的門號今日即將停用，原因為帳務異常，如有疑問請撥 02-8866-1357 轉2。",
            Scam(&[Pretexting]),
        ),
        // A carrier named after the mobile phone (大哥大) addresses no brother.
        (
            "【台灣大哥大】您本月帳單 NT$599 已出帳，請於 6/20 前繳費，可至門市或 App 繳納。",
            Safe,
        ),
        (
            "【錢包通知】偵測到帳號正在提領 1.5 ETH，如非本人操作請於 15 分鐘內回撥 02-2345-8761。",
            Scam(&[Pretexting]),
        ),
        (
            "您的外送預計 15 分鐘內送達，外送員電話 0912-334-556。",
            Safe,
        ),
        (
            "【京东】您已开通极速退款会员，每月将扣费299元，如需取消请回拨 0571-8765-2231。",
            Scam(&[Pretexting]),
        ),
        (
            "【京东】您已开通PLUS会员，年费已扣除，如需取消可在App设置中操作。",
            Safe,
        ),
        (
            "你張扣賬卡啱啱喺網上碌咗 HK$6,300，如果唔係你本人，請即刻打 2833 1947 搵我哋。",
            Scam(&[Pretexting]),
        ),
        // A recovery desk that holds the reader's loss for a fee; news of a refund.
        (
            "【追赃退赔中心】您被骗的款项已追缴到位，可申请返还，请先缴纳5%的解冻手续费。",
            Scam(&[QuidProQuo]),
        ),
        (
            "追款進度通知：騙子嘅戶口已經俾我哋凍結，你要先交 $5,000 手續費，之後啲錢就會退返俾你。",
            Scam(&[QuidProQuo]),
        ),
        ("警方通报：已追缴部分被骗资金，将依法返还受害人。", Safe),
        ("提防騙子：聲稱可以幫你追返被騙款項嘅，都係騙案。", Safe),
        // The screen shared with the bank open; a class's screen shared.
        (
            "開咗會議之後撳分享螢幕，再登入你嘅網上銀行，我哋同你一齊核對。",
            Scam(&[OffPlatform]),
        ),
        ("上课时请同学们分享屏幕，展示自己的作业。", Safe),
        // The new-number story with its mishap; a plain new number; a mishap, no number.
        (
            "爸，我手机摔坏了，这是我新号，你先存一下，晚点再联系你。",
            Scam(&[Pretexting]),
        ),
        ("妈，我换号了，新号码是这个，旧的不用了。", Safe),
        ("妈，我手机摔坏了拿去修，这两天有事打公司座机。", Safe),
        (
            "猜猜我是谁？我换号了，把这个新号存一下，过两天约你吃饭。",
            Scam(&[Pretexting]),
        ),
        ("猜猜我是谁？哈哈，周末同学聚会你来不来？", Safe),
        // The wrong-contact opener that stays to make friends; a wrong number excused.
        (
            "哈囉～不好意思傳錯訊息了，不過感覺你人很好，認識一下好嗎？我在新加坡做金融的。",
            Scam(&[Pretexting]),
        ),
        ("不好意思打错了，我找的是三楼的王老师。", Safe),
        // An order set by "mistake" to installments, undone in the online bank; a bank's
        // own offer of installments.
        (
            "您好，這裡是網購平台客服，您的訂單被誤設為分期付款，請依指示登入網路銀行解除設定。",
            Scam(&[Pretexting]),
        ),
        (
            "【玉山銀行】您本期帳單可申請分期，請登入網路銀行或App辦理，本行不會來電要求操作。",
            Safe,
        ),
        // A boss's payment with its account sent apart and a deadline; the same payment
        // through the approval process.
        (
            "出納在嗎？老闆說今天要先付那家代工廠的尾款，收款帳號我私訊給你，五點前要到帳。",
            Scam(&[PaymentInstruction]),
        ),
        (
            "出納你好，代工廠的尾款請走正常請款流程，合約和發票在系統裡，週五前付款即可。",
            Safe,
        ),
        // A prize that costs a fee; a prize with free postage; a warning.
        (
            "恭喜您在會員抽獎中抽中頭獎，價值 NT$30,000 禮券，領獎前請先支付手續費 NT$800。",
            Scam(&[QuidProQuo]),
        ),
        ("恭喜您抽中折價券一張，本週下單全館免運費。", Safe),
        ("提醒：凡是说你中奖了要先交税金或手续费的，都是诈骗。", Safe),
    ]);
}

/// Found by batch z of issue 11 (measured once, out of sample, before these) and the
/// misses of sets 3 and 4: digits for letters between letters ("paym3nt"); a recovery
/// denied by an inability ("we were unable to recover your funds") against the offer
/// that supposes one ("if we are unable to recover it, you pay nothing"); a supplier's
/// new bank in plain words with its invoices redirected; a code announced and then
/// asked back by its pronoun. Each with the benign twin that shares its words.
#[test]
fn after_batch_z_leet_digits_recovery_denied_new_bank_code_relay() {
    check(&[
        // Digits between letters fold to the letters they stand for.
        (
            "Str3amflix: we could not process your paym3nt and your membership will be susp3nded. Update your billing at streamflix-billing-help.com",
            Scam(&[Urgency]),
        ),
        ("Your 4th parcel of 5 arrives today, 3pm to 5pm.", Safe),
        ("Room 4B, MP3 player and a 5star review for the café.", Safe),
        // A recovery denied is a case closed; an offer that supposes failure offers.
        (
            "Update on case 5521: after reviewing the transfers our team was unable to recover your funds, and the case is now closed. You can appeal through our website.",
            Safe,
        ),
        (
            "Sadly my bank couldn't get the funds back after the fake exchange took them.",
            Safe,
        ),
        (
            "Lost crypto to a fake platform? Our recovery specialists can trace and recover your funds, and if we are unable to recover your funds you pay nothing. Message our agent on WhatsApp today.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Other firms were unable to recover your funds, but our forensic team can recover them in 72 hours. Contact us on Telegram.",
            Scam(&[TooGoodToBeTrue]),
        ),
        // A supplier's new bank with its invoices redirected; the notice that asks
        // nothing, and a bank's own new account, are not.
        (
            "Good morning, we have recently changed our bank. Please pay all future invoices into the new account below: sort code 40-11-62, account 31877420. Regards, Accounts team",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Dear client, please note that outstanding invoices must now be settled to our new bank account details attached, as we have moved our banking.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "We have changed our bank. Nothing changes for you: your direct debit continues as before.",
            Safe,
        ),
        (
            "Your switch is complete: all payments and direct debits have moved to your new account automatically.",
            Safe,
        ),
        (
            "Reminder: please pay invoice 2231 by Friday to the account printed on the invoice.",
            Safe,
        ),
        // A cheque to the reader with the rest spent or sent on (the mystery-shopper
        // script); a landlord's cheque and an employer's payroll note are not.
        (
            "Your first assignment as a secret shopper: a money order for $1,950 will be couriered to you. Deposit it, keep $300 as your fee and send the remaining funds to the supervisor by wire.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Payroll update: salaries will be deposited on the 25th; anyone still paid by cheque can collect it from the front desk.",
            Safe,
        ),
        (
            "I'll mail you a cheque for the security deposit on Monday and we can settle the rest of the move-in costs when you hand over the keys.",
            Safe,
        ),
        // The supplier's new bank told in the third person, with the pending invoice
        // redirected; an employee's own payroll record, and a check by phone, are not.
        (
            "Hi, Northgate Packaging let us know their banking details were updated this morning. Please transfer the pending invoice to the new account before noon: IBAN GB29 NWBK 6016 1331 9268 19.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "I changed my bank details in the staff portal, so this month's salary goes to the new account.",
            Safe,
        ),
        (
            "The vendor says their bank details have changed, so I am calling their office on the number we already have before we pay anything.",
            Safe,
        ),
        // A mail pretext (mailbox full, password expiring, account suspended) in a
        // text with a link or a tap; the IT notice with no link and the phone's own
        // line pointing to Settings ask nothing.
        (
            "Webmail alert: your inbox quota has been exceeded and incoming messages are on hold. Restore delivery at http://webmail-quota-fix.online/upgrade",
            Scam(&[Phishing]),
        ),
        (
            "Your staff email account will be deactivated within 24 hours. Tap the link to keep it active: https://staff-mail-keep.top/a",
            Scam(&[Urgency]),
        ),
        (
            "Heads up from the helpdesk: the team mailbox is 92% full. Please archive or delete older threads this week.",
            Safe,
        ),
        (
            "Phone storage full. Open Settings > Storage to free up space.",
            Safe,
        ),
        // Activity the reader may not know of, undone on a page that is not the bank's
        // (a payment attempted, a device added), and a toll unpaid with a late fee; the
        // bank's own signed notice on its own site, a notice with no link, and a friend's
        // text about a toll road ask nothing.
        (
            "Northway Bank: a payment of £612.40 to HALCYON TRADERS was attempted on your account. If this was not you, cancel it at northway-payment-stop.com",
            Scam(&[Urgency]),
        ),
        (
            "A new device (Galaxy S23, Leeds) was added to your online banking. Not you? Remove it now: https://secure-device-review.info/r",
            Scam(&[Urgency]),
        ),
        (
            "TollPass notice: you have an outstanding toll balance of $4.15. Pay within 24 hrs at tollpass-balance.xyz to avoid a $45 penalty.",
            Scam(&[Urgency]),
        ),
        (
            "Northway Bank: a new device was added to your online banking. If this was not you, call us on the number on the back of your card.",
            Safe,
        ),
        (
            "Took the toll road to your place, the outstanding bit of the drive was only 20 mins lol. See you at 7",
            Safe,
        ),
        // A failed delivery with a fee or an hours' deadline to fix it; a courier's
        // own notice of a missed delivery or of duty due asks neither.
        (
            "ParcelPoint: we were unable to deliver your package today. A rescheduling fee of £2.10 is due, pay here to choose a new slot.",
            Scam(&[QuidProQuo]),
        ),
        (
            "Your shipment could not be delivered because the address is incomplete. Please update within 8 hrs at parcelpoint-address-fix.com",
            Scam(&[Urgency]),
        ),
        (
            "ParcelPoint: sorry, your package could not be delivered today. We will try again tomorrow, or pick it up at your local depot.",
            Safe,
        ),
        (
            "Import duty of £6.20 is due on your parcel. Pay in the ParcelPoint app or to the driver.",
            Safe,
        ),
        (
            "Please update the shared calendar within 24 hours so we can book the room.",
            Safe,
        ),
        // A recoverer vouched for, with the contact to reach; a bank's refund told of.
        (
            "Same thing happened to me last year, but a tracer called Ray_Recovers on Telegram got all my ETH back in two days. DM him, he is the real deal.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "My bank was brilliant, they got all my money back within a week after the card fraud.",
            Safe,
        ),
        (
            "Finally I got all my money back from the airline after the cancelled flight. Ask me if you want the claim form.",
            Safe,
        ),
        (
            "I got all my BTC back thanks to Ray on Telegram, he traced the fake exchange in a day. DM him.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Scammed online? I trace and recover stolen crypto for victims. DM me.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "My sister was great, she got all my messages sorted after the phone broke. DM me if you need her.",
            Safe,
        ),
        // A recovery firm's free first step; a solicitor's without a recovery offered.
        (
            "Scammed by a trading site? Our forensic analysts have recovered millions for clients. Book a free consultation now.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Thinking about a kitchen extension? Book a free consultation with our architects.",
            Safe,
        ),
        // A claimant asked for a retainer; a victim told of support.
        (
            "Dear Sir, you are listed as a claimant in the settlement against a collapsed exchange. Before we can file for you we need a retainer of $850 and your wallet address.",
            Scam(&[QuidProQuo]),
        ),
        (
            "You are registered as a victim of crime under reference 22/4471. Victim Support will contact you with free help; there is nothing to pay.",
            Safe,
        ),
        // A call announced to make money "safe"; a bank's call about a payment.
        (
            "Did you try to send 1,900 to a new payee? You replied NO. A specialist will call you in a few minutes on 0203 555 0199 to secure your funds.",
            Scam(&[]),
        ),
        (
            "Thanks for confirming. If we need anything else our fraud team will call you; they will never ask you to move your money.",
            Safe,
        ),
        // A crypto transfer out with a line to call, and an exchange's own notice.
        (
            "Withdrawal #88213 complete: 0.9 BTC sent to external wallet. Questions? Support line 24/7: +1 (877) 555-0142",
            Scam(&[Pretexting]),
        ),
        (
            "Withdrawal complete: 0.9 BTC sent to external wallet bc1q…9fk. If this wasn't you, lock your account in the app.",
            Safe,
        ),
        // A sum owed in gift cards; a shop that takes them.
        (
            "Congratulations, your loan of $4,000 is approved. The first two repayments are due upfront, payable in Apple gift cards.",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Good news: our online shop now accepts payment by gift card, and gift cards can be paid with any debit card.",
            Safe,
        ),
        // An authenticator's code asked for; the sign-in screen's own instruction.
        (
            "Exchange security team: to keep your account open, please confirm the Google Authenticator code shown on your phone.",
            Scam(&[SecretRequest]),
        ),
        (
            "To finish signing in, open the app and type the authenticator code into the box. Do not confirm or read the authenticator code to anyone.",
            Safe,
        ),
        // A link made clickable by replying and reopening; a shop's reply keyword.
        (
            "ParcelPoint: your parcel is waiting. Reply Y, then close and reopen this message to activate the link and choose a slot.",
            Scam(&[Phishing]),
        ),
        (
            "Reply YES to confirm your dentist appointment on Tuesday at 3pm, or call us to rebook.",
            Safe,
        ),
        // A prize passed on by a "friend" with the link; a friend's news of a prize.
        (
            "omg I just got a $250 voucher from the Tesco survey, you should try it too before it closes: tesco-survey-gift.shop",
            Scam(&[Baiting]),
        ),
        (
            "I just got a £20 voucher from the school raffle! Are we still on for Saturday?",
            Safe,
        ),
        // A code announced, then asked back by its pronoun across a semicolon.
        (
            "We are moving you to our new login system. You will get a one-time code by text in a moment; please share it with our agent so we can finish the move.",
            Scam(&[SecretRequest]),
        ),
        (
            "You will get a one-time code by text in a moment; please do not share it with our agent or anyone else.",
            Safe,
        ),
        // A code announced, then asked back by its pronoun.
        (
            "This is account protection at your exchange. A code is on its way to your phone, please read it back to me once it lands.",
            Scam(&[SecretRequest]),
        ),
        (
            "We have sent a code to your phone. Never share it with anyone, not even our staff.",
            Safe,
        ),
        (
            "We will text you a code now, please don't share it with us or anyone else.",
            Safe,
        ),
        (
            "Use code SPRING20 at checkout and share it with your friends for 20% off.",
            Safe,
        ),
    ]);
}

/// The recovery denial reads only the inability right before the recovery word, in its
/// clause, and not one that is supposed.
#[test]
fn recovery_denied_reads_the_inability_before_the_word() {
    use crate::concepts::recovery_denied;
    for (text, word, want) in [
        ("we were unable to recover your funds", "recover", true),
        ("the bank could not fully recover it", "recover", true),
        ("we can't get the funds back", "funds", true),
        (
            "if we are unable to recover your funds you pay nothing",
            "recover",
            false,
        ),
        (
            "unable to reach you, so we will recover your funds",
            "recover",
            false,
        ),
        ("our team will recover your funds", "recover", false),
    ] {
        let pos = text.find(word).unwrap_or(0);
        assert_eq!(recovery_denied(text, pos), want, "{text:?}");
    }
}

/// An account's cap on what the reader may move is no pay by the day; a recoverer named
/// by the money he got back; a recovery service that recovers stolen funds; the ask to
/// drop the old contact; the UK's anti-fraud hotlines mark a public warning.
#[test]
fn en7_caps_recoverers_old_contacts_and_uk_hotlines() {
    check(&[
        // A cap on deposits or withdrawals, by a limit word or "deposit up to".
        (
            "Gemini: your account is now verified. Your daily transfer limit is $75,000 per day.",
            Safe,
        ),
        (
            "Verification done. You may now withdraw up to $20,000 per day from your account.",
            Safe,
        ),
        // Pay "up to" a sum a day is still the task lure.
        (
            "Part-time job from your phone, earn up to $600 per day, no experience needed. Message our recruiter on WhatsApp.",
            Scam(&[TooGoodToBeTrue]),
        ),
        // A recoverer vouched for by what he got back.
        (
            "Thank you @trace_king_mike, you helped me get every coin back after the fake exchange took it. Contact him on Telegram!",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Props to @ledger.rescue who got back my $18k from a bogus trading app. If you got scammed, message him now.",
            Scam(&[TooGoodToBeTrue]),
        ),
        // The writer's own refund.
        (
            "I got back my $40 from the airline after a week of emails, finally!",
            Safe,
        ),
        (
            "Our fraud investigators follow stolen funds through mixers and recover them for victims. Send us a private message, you pay on success.",
            Scam(&[TooGoodToBeTrue]),
        ),
        // A bank's word that lost money is rarely recovered.
        (
            "Sadly stolen funds sent by bank transfer are rarely recovered. Report it to your bank today.",
            Safe,
        ),
        // The new number's ask to drop the old one.
        (
            "Hi Dad, it's Mia. Phone fell in the sea so I've got a new number, remove the old one and message me here please",
            Scam(&[Pretexting]),
        ),
        (
            "Mia here, new number from Monday, the old one stops working at the weekend",
            Safe,
        ),
        (
            "Got a new phone for my birthday, the camera is amazing!",
            Safe,
        ),
        (
            "Can you delete the old one from the shared drive? The new version is in the team folder.",
            Safe,
        ),
        // A warning that sends the reader to the UK's hotlines.
        (
            "Scam warning: fraudsters are phoning people claiming to be from their bank's security team and asking them to move money. If in doubt hang up and call 159.",
            Safe,
        ),
        (
            "Fraudsters pretending to be police are calling residents and asking for bank cards to be handed to a courier. Report it to Action Fraud, call 0300 123 2040.",
            Safe,
        ),
    ]);
}

/// A neighbour introduced by the reader's group, with no money or link, runs no script
/// (the same opener turning to trading does); someone named as scamming and scams as a
/// talk's topic are described, not run; the police's 101 line marks a public warning.
#[test]
fn en7_community_openers_described_scams_and_101() {
    check(&[
        (
            "Hiya, this is Jo from the cycling club, Pete passed me your number. Mind if I add you on WhatsApp for the Sunday ride chat?",
            Safe,
        ),
        (
            "Hello, it's Graham from the PTA. Can I add you to the parents' WhatsApp group? We sort the bake sale there.",
            Safe,
        ),
        // The same opener, then a trading lure.
        (
            "Hi, it's Amy from the book club! Can I add you on WhatsApp? I made $4,000 last week on a crypto trading platform, my mentor can show you how.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Honestly I just buy a little ETH every month. Whoever promises you 2% a day is scamming you.",
            Safe,
        ),
        (
            "Library talk on Tuesday: a detective from the fraud squad explains romance scams targeting widowers. Free entry.",
            Safe,
        ),
        (
            "Fraud alert from your local police: criminals claim to be detectives and ask people to withdraw cash for an investigation. Hang up and call 101 on another phone.",
            Safe,
        ),
    ]);
}

/// A recoverer's advertisement names the scammers the money was lost to, which is no
/// warning; a relative paid into the usual account runs no new-number script (a new
/// account does).
#[test]
fn en7_culprits_in_recovery_ads_and_the_usual_account() {
    check(&[
        (
            "So grateful to @chainfix_lee, he got back all my USDT from a fake mining pool in two days. Anyone scammed by these fraudsters should DM him.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "If you lost money to scammers, report it to your bank and to the police straight away.",
            Safe,
        ),
        (
            "Mum, can you send me the £25 for the football boots like you said? Usual account. Love you",
            Safe,
        ),
        (
            "Mum it's me, new phone. Can you send £480 for the boots urgently? Not the same account, use the new account details I'll text you.",
            Scam(&[PaymentInstruction]),
        ),
    ]);
}

/// A transaction to sign in the reader's wallet is a drainer's ask; advice not to sign
/// one is not.
#[test]
fn en7_a_transaction_signed_in_the_wallet() {
    check(&[
        (
            "You made the allowlist for the Moonbirds free claim! Approve the transaction in your Phantom wallet to lock in your pass before midnight.",
            Scam(&[Phishing]),
        ),
        (
            "Security tip: never sign a transaction in your wallet unless you started it yourself.",
            Safe,
        ),
        (
            "Your swap of 0.2 ETH was confirmed on-chain. View it on Etherscan.",
            Safe,
        ),
    ]);
}

/// Classes of branch `zh7`, each beside the look-alike that shares its words: a lure
/// judged like a paid service (coins sent back doubled, a wallet connected and signed
/// for, points expiring or a redelivery fee behind a link not the sender's), and the
/// speaker's denial that he is a scam, which warns the reader of nothing.
#[test]
fn zh7_lures_and_self_denials() {
    check(&[
        // Coins sent back doubled.
        (
            "官方回馈：把任意数量的USDT转到活动地址，系统立刻返还两倍，名额有限。",
            Scam(&[]),
        ),
        (
            "佢話你過幾多個幣去，佢就雙倍送返畀你，今晚截止。",
            Scam(&[]),
        ),
        (
            "网警提醒：自称名人直播、转币后双倍返还的活动都是诈骗，切勿转账。",
            Safe,
        ),
        ("本店承諾：買貴包退，差價雙倍返還，詳情請洽門市。", Safe),
        // A wallet connected and signed for.
        (
            "新币上线福利：打开活动页连接钱包，签名确认后代币自动到账。",
            Scam(&[]),
        ),
        ("領取資格已開放，連結錢包後按一下授權即可入帳。", Scam(&[])),
        (
            "安全提示：陌生网站让你连接钱包后签名，切勿操作，签名后资产可能被转走。",
            Safe,
        ),
        ("教學：如何在交易所App裡查看錢包餘額和交易紀錄。", Safe),
        // Points expiring, a redelivery fee: only behind a link not the sender's.
        (
            "【XX电信】您的积分将于今晚清零，请尽快登录 jifen-duihuan.top 兑换礼品。",
            Scam(&[]),
        ),
        (
            "【某某電信】您的積分將於年底到期，請於官方App的會員專區兌換，本簡訊不含連結。",
            Safe,
        ),
        (
            "【郵局】包裹投遞失敗，請支付補寄費NT$30：https://post-tw-redo.top/pay",
            Scam(&[]),
        ),
        (
            "【郵局】包裹投遞失敗，已改為明日再次投遞，不需支付任何費用。",
            Safe,
        ),
        // The speaker denying that he is a scam.
        (
            "老細，我哋公司真係唔係呃人，包賺唔蝕，你今日先入五萬去我哋平台開戶。",
            Scam(&[]),
        ),
        (
            "講真，啲人成日話我哋唔係呃人，但係佢哋叫你入錢就一定係騙局，小心啲。",
            Safe,
        ),
        // A refund that needs nothing of the reader; one that needs the card.
        (
            "【某宝售后】您的退货已签收，退款将于3个工作日内原路退回，无需您提供任何银行卡号。",
            Safe,
        ),
        (
            "您好，我是某宝售后，您的订单退款失败，需要您提供银行卡号和验证码帮您重新办理。",
            Scam(&[]),
        ),
        // After-sales that states a problem with the purchase and asks for a call now;
        // one that asks how the purchase is going.
        (
            "你好，我係淘寶售後部，你早前訂嘅電飯煲有啲問題要同你跟進，而家方便講電話嗎？",
            Scam(&[]),
        ),
        (
            "您好，我是某电器售后，想回访一下您对新冰箱的使用体验，现在方便吗？",
            Safe,
        ),
        // A boss talked about in the third person claims nobody; one who writes is.
        (
            "领导说这个月的绩效奖金会打到大家的工资卡账户上，有问题找财务。",
            Safe,
        ),
        (
            "我是你们王总，这个号是我新换的，急需给客户付一笔保证金，你先帮我转5万到这个账户。",
            Scam(&[]),
        ),
    ]);
}

/// Issue 11, branch `zh9`: callbacks whose call verb is Cantonese (打返, 打嚟, call返,
/// 致電返) or whose pretext is a public body's card lapsing, beside the friend's "call me
/// back", a bank's own hotline and a public notice's service code; a part-time job done
/// in person beside the paid likes of a task scam.
#[test]
fn zh9_callbacks_table() {
    let cases: &[(&str, bool)] = &[
        (
            "你好，系統顯示你張卡喺新裝置綁定咗。如果唔係你本人綁定，麻煩即刻打返 3127 5540 搵我哋。",
            true,
        ),
        (
            "如果唔係你本人簽賬，唔該盡快call返 2981 4436 同職員核對。",
            true,
        ),
        (
            "網上銀行通知：如非閣下本人登入，請即致電返 3902 1187 暫停戶口。",
            true,
        ),
        (
            "【医保服务】您的医保卡将于明日停用，请尽快回拨 020-3318 7702 办理。",
            true,
        ),
        (
            "【社保中心】您的社保账户已被冻结，请回电 0571-8630 2245 解除。",
            true,
        ),
        ("阿強，頭先收唔到你電話，得閒打返俾我，9123 4567。", false),
        (
            "【银行】您尾号3302的信用卡本期账单已出，如非本人消费请致电95588。",
            false,
        ),
        (
            "【人社局】社保卡补办后旧卡自动停用，如有疑问请拨打12333。",
            false,
        ),
    ];
    check_medium(cases);
}

/// Issue 11, branch `zhprec3`: Chinese look-alikes and the scams that share their words.
/// A bank's calm record of one transaction whose "if this was not you" line gives the
/// bank's own fixed line or free phone, beside the same alert with a mobile, a foreign
/// number or a threat; a notice's help line ("如有疑问请致电…") beside a desk that asks
/// for a fee; a boss who holds a payment or says there is no hurry, and salary paid into
/// the reader's card, beside a boss who asks for a transfer or changes the payee; news of
/// what a regulator announced beside a "regulator" addressing the reader; a tutoring job
/// beside a mentor's paid task; a relative on a borrowed phone beside the new-number
/// story; a safety training's address beside a safe account.
#[test]
fn zhprec3_look_alikes_and_their_twins() {
    let cases: &[(&str, bool)] = &[
        // A bank's own line after a calm record.
        (
            "【某商業銀行】您的信用卡末四碼3391於07/11 20:14刷卡NT$4,560（家樂福），如非本人交易，請立即撥打客服專線(02)2655-3000。",
            false,
        ),
        (
            "【某银行】您尾号6612的借记卡于07月02日18:45消费人民币2,180.00元，如非本人操作，请立即致电95566。",
            false,
        ),
        (
            "【某銀行】你尾號0925嘅扣賬卡於08/07 12:30網上簽賬HKD 930.00，如非本人交易，請即致電3608 6628。",
            false,
        ),
        (
            "【某銀行】您的網路銀行登入密碼已於2026/07/03 09:12變更。若非本人操作，請撥打(04)2227-1799。",
            false,
        ),
        (
            "【某银行】您尾号6612的借记卡于07月02日18:45消费人民币2,180.00元，如非本人操作，请立即致电137 1884 2290。",
            true,
        ),
        (
            "【某商業銀行】您的信用卡末四碼3391於07/11 20:14刷卡NT$4,560，如非本人交易，請立即撥打0936-551-208。",
            true,
        ),
        (
            "【某银行】您尾号6612的借记卡于07月02日18:45被申请开通境外支付，如非本人操作，请立即致电021-5218 6630，否则将自动扣款。",
            true,
        ),
        (
            "【某交易所】您的账户于今日10:05在新设备提币 2 BTC，如非本人操作，请立即致电 +44 20 7946 0321 冻结。",
            true,
        ),
        // A mainland bank's line is its five-digit code: a landline or a 400 number in
        // its place is the callback's; an exchange gives no number at all.
        (
            "【某银行】您尾号6612的借记卡于07月02日18:45消费人民币2,180.00元，如非本人操作，请立即致电021-6085 2231冻结。",
            true,
        ),
        (
            "【某银联】您尾号6612的银行卡于07月02日在境外平台消费¥2,180.00，如非本人操作请立即致电400-690-2211申请止付。",
            true,
        ),
        (
            "【某交易所】您的帳戶於07/02 03:12申請提領 0.8 ETH，若非本人操作，請立即撥打(02)2711-5566凍結交易。",
            true,
        ),
        // A notice's help line.
        (
            "【某快递】您的包裹已到达小区驿站，请尽快取件。如有疑问请致电0755-2266 8899。",
            false,
        ),
        (
            "您的订单已发货，预计明天送达，请尽快确认收货地址。如需帮助，请拨打客服热线400-111-2233。",
            false,
        ),
        (
            "尊敬的客户，您的快递已到达小区门口，请尽快取件。如需帮助或有任何疑问，请致电0755-2266 8899。",
            false,
        ),
        (
            "【某快递】您的包裹丢失，可获三倍赔偿，如有疑问请添加理赔专员微信 lp8899 办理退款。",
            true,
        ),
        // A boss holds a payment, or is in no hurry; salary paid into the reader's card.
        (
            "小林，那家装修公司的尾款先别付，验收还没过，等我回来再说。",
            false,
        ),
        ("阿Joe，嗰筆貨款唔使住過數，佢哋張發票寫錯咗。", false),
        ("王经理，合同的付款不用着急，下周走完审批流程再说。", false),
        (
            "小周，出差补贴这个月15号统一打款到工资卡，不用找财务。",
            false,
        ),
        (
            "王总，这批货特别着急，我在外面不方便接电话，你先把15万转到供应商这个账户。",
            true,
        ),
        (
            "小林，那家装修公司的尾款今天必须付，你先转8万到这个账户，我在开会不方便接电话。",
            true,
        ),
        (
            "小林，旧账户先别转了，尾款转到这个新账户6222 0300 1188 5521，今天下班前办好。",
            true,
        ),
        // News of what a regulator announced.
        (
            "【某财经】证监会今日宣布批准三只数字资产ETF上市，业内人士认为有助市场规范。",
            false,
        ),
        (
            "【某新聞】金管會今日公布，虛擬資產業者須於明年完成洗錢防制登記。",
            false,
        ),
        (
            "证监会今日通报：您的证券账户涉嫌违规交易，需将资金转入监管账户配合核查。",
            true,
        ),
        (
            "晚报消息：一女子网上兼职“点赞返利”，先后转账9次共计12万元，平台以“操作失误”为由拒绝提现。",
            false,
        ),
        (
            "【某市卫视】一名男子接到自称“客服”的电话，被要求下载会议软件并开启屏幕共享，卡内6万元被转走。",
            false,
        ),
        (
            "【资金返还中心】受害人请注意，案件已侦破，请添加专员QQ 2231980 缴纳手续费办理退款。",
            true,
        ),
        // A tutoring job.
        (
            "補習社招兼職導師，教初中數學，時薪$160，有意請send CV到 jobs@tutorhk.example。",
            false,
        ),
        (
            "招兼職：跟導師做網上投資任務，日賺$800，先充值$500做會員即可開始。",
            true,
        ),
        // A relative on a borrowed phone.
        (
            "妈，是我，我是阿杰，这是室友的手机，我的手机没电了，今晚在宿舍不回去吃饭。",
            false,
        ),
        (
            "妈，是我，手机掉水里了，这是室友的手机，以后用这个新号联系我，旧的不用了。",
            true,
        ),
        // An estate agent's pitch.
        (
            "您好！我是某某地产望京店的小李。您要买房、卖房就联系我哦！同时代理多个新楼盘，微信号：lixx2024",
            false,
        ),
        (
            "您好，我是某某地产的置业顾问小李，公司内部有个投资项目，导师带单保证月收益20%，加我微信进群。",
            true,
        ),
        // A safety training's address.
        (
            "【某外卖平台】恭喜您通过配送员审核，请于三日内到站点领取头盔并参加安全培训，地址：海淀区学院路20号。",
            false,
        ),
        (
            "【某平台】恭喜您通过审核，请将保证金转入安全账户：6222 1100 3344 5566，完成后即可接单。",
            true,
        ),
    ];
    check_medium(cases);
}

/// Issue 11, branch `en9`: a stranger who stays after a wrong number; a recovery
/// testimonial whose recoverer is a titled hacker, says he got everything back, or is
/// reached at an address spelled out; a relative's new-number story in Spanish, Tagalog
/// or Hindi around an English ask; a supplier's payment details changed in other words;
/// a cold pitch of a private allocation with a projected return. Each beside a benign
/// twin sharing its words.
#[test]
fn en9_openers_testimonials_code_switching_invoices_and_pitches() {
    check(&[
        // The wrong number that keeps the chat going, and the one that ends it.
        (
            "Oh sorry, I texted the wrong number, I was looking for my tailor. You sound sweet though! Do you live in the city? I'm new here",
            Scam(&[Pretexting]),
        ),
        (
            "Sorry, wrong number! I was looking for my tailor. Have a lovely evening",
            Safe,
        ),
        (
            "Are you from the council? The bins weren't collected on our street again",
            Safe,
        ),
        // A recovery testimonial: the recoverer's title, what he got back, his address
        // spelled out.
        (
            "After a fake broker took my pension I found an ethical hacker who traced it. Reach him at mikeretrieve (at) yahoo dot com",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Mr Lee, a true recovery wizard, got back my 2.1 BTC from the fake exchange. Write to him: leerecovers at gmail dot com",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Lost my USDT to a romance trader and she recovered everything in 48 hours!! Email her now, she is legit",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Send the slides to tom.baker (at) outlook dot com when they are ready, thanks",
            Safe,
        ),
        (
            "The IT desk restored my laptop from last week's backup and everything was recovered. Ask them if yours breaks",
            Safe,
        ),
        (
            "Our company hired an ethical hacker to test the new payroll system before launch",
            Safe,
        ),
        // A relative's story told in the language the family switches to.
        (
            "Hola mami, cambié de número, el otro se me cayó al agua. Can you transfer me $450 hoy mismo? Te lo devuelvo el lunes",
            Scam(&[Pretexting, PaymentInstruction]),
        ),
        (
            "Nay, bagong number ko 'to, nawala yung phone ko sa jeep. Pwede mo ba akong padalhan mo ako ng 5,000 via GCash? Urgent lang talaga",
            Scam(&[Pretexting]),
        ),
        (
            "Papa, mera naya number hai, purana phone kharab ho gaya. 20000 bhej do please, kal wapas kar dunga",
            Scam(&[Pretexting]),
        ),
        (
            "Hola mami, ya llegué al hotel. The view is amazing, te mando fotos mañana",
            Safe,
        ),
        (
            "Nay, nandito na ako sa bahay. Dinner at 7, see you later",
            Safe,
        ),
        // A payee's details changed, and the invoice sent there.
        (
            "Dear customer, please note our remittance information has been revised. Kindly remit the outstanding balance on invoice 3381 to the updated account details attached",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Hi, our beneficiary account has changed following a merger. Please process the pending payment to the new beneficiary account below today",
            Scam(&[PaymentInstruction]),
        ),
        (
            "Reminder: invoice 3381 is due on the 30th. Our bank details have not changed and are printed on the invoice",
            Safe,
        ),
        (
            "Your bank details have been updated in the payroll portal. If you did not do this, tell HR",
            Safe,
        ),
        (
            "Please pay invoice 3381 to the account shown on the invoice by the 30th. Thanks for your business",
            Safe,
        ),
        // A cold pitch: an exclusive allocation with a projected return.
        (
            "Good evening, I head a boutique family office in Dubai. We are offering a select group of investors a private allocation in a pre-IPO biotech, target return 40% in six months. Shall I send the term sheet?",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Our seed round is invite only. Projected 15x at token launch, minimum ticket $2,500. Reply to get whitelisted",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Analysts' expected return for global equities over the next decade is 6% a year, below the long-run average.",
            Safe,
        ),
        (
            "Employees can join the share plan's private allocation until Friday; read the prospectus and speak to your own adviser.",
            Safe,
        ),
    ]);
}

/// Issue 11, branch `en9`: advice against a kind of offer ("be wary of anyone who…")
/// describes it, where the offer itself is made.
#[test]
fn en9_advice_against_offers() {
    check(&[
        (
            "If you lost crypto to a fake exchange, our team can recover lost money for a small fee. Message us today.",
            Scam(&[TooGoodToBeTrue]),
        ),
        (
            "Lost money to a scam? Tell your bank now, and be wary of anyone who offers to recover lost money for a fee.",
            Safe,
        ),
    ]);
}

/// Letters spelled out with spaces ("C Y B E R", "R e c o v e r") join back into their
/// word; "A B C" and "I a" do not.
#[test]
fn en9_letters_spaced_out_fold_back() {
    for (text, want) in [
        ("R e c o v e r your coins", "Recover your coins"),
        ("call C Y B E R now", "call CYBER now"),
        ("Plan A B C", "Plan A B C"),
        ("if I a m late", "if I a m late"),
    ] {
        assert_eq!(crate::fold::fold(text).text, want, "{text:?}");
    }
}

/// Issue 11, branch `zhprec5`: texts that tell of a scam rather than run one (news, an
/// anti-fraud campaign, a community warning listing the asks under one negation, an
/// anecdote of someone else's call), and a service's or a relative's own notices that
/// deny the ask or pay the reader (a refund that needs no bank details, money received,
/// a salary credited, money sent to the reader). Each beside the scam that shares its
/// words: narration around an ask of its own and an unofficial contact, a sender who
/// introduces himself, a fee before the refund, money sent "by mistake" asked back.
#[test]
fn zhprec5_told_and_own_notices_with_their_twins() {
    let cases: &[(&str, bool)] = &[
        // Told: news, a campaign, a warning, anecdotes.
        (
            "高雄一名林姓上班族在網路上找兼職，依指示先儲值兩次共9萬元，平台又以帳戶凍結為由要求繳保證金，他發現受騙後報警。",
            false,
        ),
        (
            "【守網者】提提你：騙徒會扮成銀行職員，話你張卡被盜用，要你講出一次性密碼。銀行職員唔會咁做。",
            false,
        ),
        (
            "楼栋群提醒：民警不会让你把钱转到安全账户、不会让你下载会议软件、更不会让你瞒着家人。",
            false,
        ),
        (
            "跟大家说一下，我表妹前段时间在网上做“点赞”兼职，开始返了几次佣金，后来让她充值3000做任务，钱就提不出来了。",
            false,
        ),
        (
            "楼下李大爷前天接到电话，对方说他社保卡被盗用，要他把存款转到“国家监管账户”。他儿子及时发现，报了警。",
            false,
        ),
        (
            "说个真事：我舅舅前阵子被拉进一个炒股群，群里“导师”每天晒收益，让大家下载App入金，我赶紧让他退群了。",
            false,
        ),
        (
            "提醒大家：最近很多人接到冒充客服的电话，说要给你退款，让你开屏幕共享。官方客服从来没有这种操作，接到直接挂断，拨打110核实。",
            false,
        ),
        (
            "提醒大家：網路上說「穩賺不賠」「老師帶你操作」的群組都是假的，不會有人免費報明牌。",
            false,
        ),
        // Narration around an ask of its own, an unofficial contact, a self-introduction.
        (
            "警方提醒：您名下的银行卡涉嫌洗钱，请立即添加办案民警微信 zq_police0571，将资金转入安全账户核查。",
            true,
        ),
        (
            "據報導近期詐騙猖獗，經查您的帳戶已被詐騙集團盜用，請立即加LINE ID: gov-check886 與專案檢察官聯繫。",
            true,
        ),
        (
            "我是市公安局民警，最近诈骗集团很多。你的账户涉嫌洗钱，需要把资金转到安全账户配合核查。",
            true,
        ),
        (
            "我朋友跟着这个老师炒币，一个月赚了十万，你也试试，加老师微信 cb_teacher88 入金就能跟单。",
            true,
        ),
        (
            "最近很多人冒充公安骗钱。但你的案件是真的，需要把资金转到安全账户配合核查，不要告诉家人。",
            true,
        ),
        (
            "【反诈中心】您的账户存在异常交易，已被临时冻结，请于今日内致电 021-5566 7788 解除。",
            true,
        ),
        // A service's and a relative's own notices.
        (
            "【某商城】你嘅退款HK$320.00會退回原付款信用卡，唔使你提供任何銀行資料。",
            false,
        ),
        (
            "【某银行】您尾号2231的账户于06月12日收到他人转账3,500.00元，余额8,012.40元。",
            false,
        ),
        (
            "【某銀行】你嘅戶口 ***-***882 喺 03/07 收到 HK$19,800 轉賬（出糧）。如有查詢，請用手機App內嘅客服。",
            false,
        ),
        (
            "妈：这个月生活费给你转过去了，1500，微信转账记得收一下。",
            false,
        ),
        (
            "阿爸：我用轉數快過咗數畀你，$500，係你幫我買餸嘅錢。",
            false,
        ),
        (
            "【某商城】您的退款申请已通过，¥59.90将原路退回至您的支付账户，预计1-3个工作日到账。客服不会致电要求您提供银行卡信息。",
            false,
        ),
        // Their twins: the details asked for, money sent "by mistake" asked back, a fee
        // before the refund, a relative's new number.
        (
            "【某商城】你嘅退款失敗，請提供銀行戶口號碼同網上理財密碼重新辦理。",
            true,
        ),
        (
            "妈，我给你转了5000，转错了，你帮我转回到这个账户 6217 0000 5566 7788，急用。",
            true,
        ),
        (
            "您的退款审核成功，需先缴纳200元手续费，请转账到以下账户，到账后原路退回。",
            true,
        ),
        (
            "阿媽，我部電話跌咗，呢個係新號碼，急住要$6000，你幫我買啲點數卡，send張相畀我。",
            true,
        ),
    ];
    check_medium(cases);
}

/// Each text is rated medium or above exactly when it is marked a scam; every wrong row is
/// reported at once.
fn check_medium(cases: &[(&str, bool)]) {
    let mut failures = Vec::new();
    for &(text, scam) in cases {
        let a = run(text);
        if (a.risk >= Risk::Medium) != scam {
            failures.push(format!(
                "{text:?}: want scam={scam}, got {:?} {} {:?}",
                a.risk,
                a.score,
                reasons(&a)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

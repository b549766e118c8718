//! Analyzer throughput on SMS-sized messages and raw emails (product figures: 10,000
//! messages and 1,000 emails per second per core), and the worst cases: the largest
//! inputs, built to be slow, must each stay under 50 ms.

use std::hint::black_box;

use analyzer::{Message, analyze};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use indicator::ParseOptions;
use registry::Registry;
use verify::{Index, Options};

const REGISTRY: &str = include_str!("../../../data/eval/registry.toml");

fn index() -> Index {
    let registry = Registry::from_toml(REGISTRY).expect("eval registry");
    let (entries, _) = verify::blocklist_from_lines(
        "evil.io\nt.me/fakesupport\n",
        "bench",
        0,
        &ParseOptions::default(),
    );
    Index::build(
        &registry,
        blocklist::Index::build(entries),
        Options {
            default_region: Some("HK".into()),
        },
    )
}

const MESSAGES: &[&str] = &[
    "Example Exchange support: your account is frozen, verify at examp1e-support.com within 24h",
    "Your verification code is 123456. Do not share it with anyone.",
    "Hi, are we still on for dinner tonight? Let me know when you leave.",
    "【客服】您的帳戶因異常已被凍結，請於24小時內點擊 hxxps://examp1e[.]com/verify 驗證身份",
    "Congratulations! You have won a £1000 prize. Call 09061701461 to claim now.",
    "Your card ending in 1234 was charged HKD 250.00 at ABC Store on 12 May. If this was not you, call +852 3000 0000.",
    "Hi mum, I lost my phone, this is my new number. Can you send me the code you just got?",
    "Join our VIP signals group on Telegram t.me/fakesupport, guaranteed returns 20% daily!",
];

fn bench(c: &mut Criterion) {
    let index = index();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(MESSAGES.len() as u64));
    group.bench_function("sms_mix", |b| {
        b.iter(|| {
            for text in MESSAGES {
                let msg = Message {
                    text,
                    channel: Some("sms"),
                    sender: None,
                };
                black_box(analyze(black_box(&msg), &index));
            }
        })
    });
    let email = raw_email(3);
    group.throughput(Throughput::Elements(1));
    group.bench_function("raw_email_3kb", |b| {
        b.iter(|| {
            let parsed = mail::parse(black_box(email.as_bytes())).expect("email");
            black_box(analyzer::analyze_email(&parsed, &index));
        })
    });
    group.finish();

    // Worst cases: each input at its size limit, shaped to stress one stage.
    let mut worst = c.benchmark_group("worst_case");
    worst.sample_size(10);
    let max = analyzer::MAX_TEXT_BYTES;
    let texts: Vec<(&str, String)> = vec![
        ("digits", "1234567 ".repeat(max / 8)),
        ("links", "http://a.examp1e.com/x ".repeat(max / 23)),
        ("emails", "a@examp1e.com ".repeat(max / 14)),
        ("phrases", "send your seed phrase urgent ".repeat(max / 29)),
        ("cjk", "請提供助記詞帳戶凍結".repeat(max / 30)),
        ("one_token", "a".repeat(max)),
        ("dots", "a.".repeat(max / 2)),
    ];
    for (name, text) in &texts {
        worst.bench_function(*name, |b| {
            b.iter(|| {
                let msg = Message {
                    text,
                    channel: None,
                    sender: None,
                };
                black_box(analyze(black_box(&msg), &index));
            })
        });
    }
    let big = raw_email(mail::MAX_EMAIL_BYTES / 1024 - 8);
    let links = format!(
        "Subject: x\r\nContent-Type: text/html\r\n\r\n{}",
        "<a href=\"https://examp1e.com/a\">https://www.example.com</a>"
            .repeat(mail::MAX_EMAIL_BYTES / 64)
    );
    let nested = format!(
        "Subject: x\r\n{}",
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            .repeat(mail::MAX_EMAIL_BYTES / 64)
    );
    for (name, raw) in [
        ("email_2mb", &big),
        ("email_links", &links),
        ("email_nested", &nested),
    ] {
        worst.bench_function(name, |b| {
            b.iter(|| {
                if let Ok(parsed) = mail::parse(black_box(raw.as_bytes())) {
                    black_box(analyzer::analyze_email(&parsed, &index));
                }
            })
        });
    }
    worst.finish();
}

/// A multipart email of about `kb` KiB: plain and HTML parts, base64, with links.
fn raw_email(kb: usize) -> String {
    let para = "Dear customer, your Example Exchange account is frozen. Verify within 24 hours \
                at the link below or send your seed phrase to support. 您的帳戶已被凍結。\n";
    let mut body = String::new();
    while body.len() < kb * 1024 / 3 {
        body.push_str(para);
    }
    let html = format!(
        "<p>{body}</p><a href=\"https://examp1e-login.com/x\">https://www.example.com/login</a>"
    );
    let b64 = |s: &str| {
        use std::fmt::Write;
        // Plain base64 without a crate: the bench input only needs to be valid.
        const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for (i, chunk) in s.as_bytes().chunks(3).enumerate() {
            let n =
                chunk.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
            for k in 0..4 {
                if k <= chunk.len() {
                    out.push(T[((n >> (18 - 6 * k)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
            if i % 19 == 18 {
                let _ = write!(out, "\r\n");
            }
        }
        out
    };
    format!(
        "From: \"Example Exchange\" <help@desk-mail.net>\r\nReply-To: x@other.example\r\n\
         Subject: Notice\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n\
         --b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
        b64(&body),
        b64(&html)
    )
}

criterion_group!(benches, bench);
criterion_main!(benches);

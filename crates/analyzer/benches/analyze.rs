//! Analyzer throughput on SMS-sized messages. The product figure: 10,000 messages per
//! second per core.

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

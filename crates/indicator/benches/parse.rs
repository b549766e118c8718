//! Parsing throughput: `Domain::parse` (the hot path of domain verification) and `parse()`
//! on each kind of input.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use indicator::{Domain, Kind, ParseOptions, parse};

fn domains(c: &mut Criterion) {
    let mut group = c.benchmark_group("Domain::parse");
    for input in [
        "login.example.com",
        "example.com",
        "a.b.c.example.co.uk",
        "x.evil.github.io",
        "bücher.de",
        "xn--bcher-kva.de",
    ] {
        group.bench_function(input, |b| b.iter(|| Domain::parse(black_box(input))));
    }
    group.finish();
}

fn kinds(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    let auto = ParseOptions {
        default_region: Some("HK".to_owned()),
        hint: None,
    };
    let cases = [
        ("domain", "login.example.com"),
        ("url", "https://official.com@evil.io/login?next=/"),
        ("ip", "192.168.100.200"),
        ("email", "\"Example Support\" <support@evil.io>"),
        ("phone", "+852 2822 1111"),
        ("telegram_url", "https://t.me/ExampleSupport"),
        ("handle", "@ExampleSupport"),
        ("evm", "0x52908400098527886E0F7030069857D2E4169EE7"),
        ("bitcoin", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ("bech32", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        ("tron", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
        (
            "polkadot",
            "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
        ),
        ("solana", "9WzDXwBbmkg8ZTbNMqUxvQRAyEPcuqUdemXJE4G3FBvh"),
        ("unrecognized", "hello world"),
    ];
    for (name, input) in cases {
        group.bench_function(name, |b| b.iter(|| parse(black_box(input), &auto)));
    }
    let telegram = ParseOptions {
        default_region: None,
        hint: Some(Kind::Telegram),
    };
    group.bench_function("telegram_hint", |b| {
        b.iter(|| parse(black_box("ExampleSupport"), &telegram))
    });
    group.finish();
}

criterion_group!(benches, domains, kinds);
criterion_main!(benches);

//! Domain verification throughput with 20+ brands and 100,000 blocklisted domains.
//! The product figure: 1,000,000 verifications per second on one core.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use registry::Registry;
use verify::{Index, Options};

const REGISTRY: &str = include_str!("../../../data/eval/registry.toml");
const POPULAR: &str = include_str!("../../../data/eval/popular-domains.txt");

fn index() -> Index {
    let registry = Registry::from_toml(REGISTRY).expect("eval registry");
    let entries = (0..100_000).map(|i| blocklist::Entry {
        key: format!("domain:scam-site-{i}.com"),
        severity: blocklist::Severity::Confirmed,
        categories: vec!["phishing".into()],
        report_count: 1,
        first_seen: 0,
        last_seen: 0,
        sources: vec!["bench".into()],
    });
    Index::build(
        &registry,
        blocklist::Index::build(entries),
        Options::default(),
    )
}

fn inputs() -> Vec<String> {
    let mut inputs: Vec<String> = POPULAR
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    // A realistic mix: mostly unrelated sites, some reported, some lookalikes.
    inputs.extend((0..100).map(|i| format!("login.scam-site-{}.com", i * 997)));
    inputs.extend(
        [
            "binance-support.com",
            "coinbsae.com",
            "krakken.com",
            "metamask.io.wallet-connect.app",
            "ledger.co",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    inputs
}

fn bench(c: &mut Criterion) {
    let index = index();
    let inputs = inputs();
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("domain_mix", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(index.verify(black_box(input), None));
            }
        })
    });
    group.finish();
    let mut group = c.benchmark_group("verify_one");
    for input in [
        "wikipedia.org",
        "login.scam-site-500.com",
        "binance-support.com",
        "xn--bnance-ns4c.com",
    ] {
        group.bench_function(input, |b| {
            b.iter(|| black_box(index.verify(black_box(input), None)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

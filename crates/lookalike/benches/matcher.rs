//! `match_domain` / `match_handle` latency with a 24-brand registry (~26 domain targets).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lookalike::{BrandToken, DomainTarget, DomainView, HandleTarget, Matcher};

const BRANDS: &[(&str, &[&str], &[&str])] = &[
    ("Binance", &["binance.com"], &["binance", "binanceexchange"]),
    ("Coinbase", &["coinbase.com"], &["coinbase"]),
    ("Kraken", &["kraken.com"], &["krakenfx"]),
    ("OKX", &["okx.com"], &["okx", "okxofficial_english"]),
    ("Bybit", &["bybit.com"], &["bybit_official", "bybitenglish"]),
    ("KuCoin", &["kucoin.com"], &["kucoincom", "kucoin_exchange"]),
    ("Bitfinex", &["bitfinex.com"], &["bitfinex"]),
    ("Gate", &["gate.io", "gate.com"], &["gate_io", "gateio_en"]),
    ("HTX", &["htx.com"], &["htx_global"]),
    (
        "Crypto.com",
        &["crypto.com"],
        &["cryptocom", "cryptocomofficial"],
    ),
    ("Gemini", &["gemini.com"], &["gemini"]),
    ("Bitstamp", &["bitstamp.net"], &["bitstamp"]),
    ("Bitget", &["bitget.com"], &["bitgetglobal"]),
    ("MEXC", &["mexc.com"], &["mexc_official", "mexcenglish"]),
    ("Upbit", &["upbit.com"], &[]),
    ("MetaMask", &["metamask.io"], &["metamask"]),
    ("Ledger", &["ledger.com"], &["ledger"]),
    ("Trezor", &["trezor.io"], &["trezor"]),
    ("Trust Wallet", &["trustwallet.com"], &["trustwallet"]),
    ("Polkadot", &["polkadot.network"], &["polkadot"]),
    ("Kusama", &["kusama.network"], &["kusamanetwork"]),
    ("Uniswap", &["uniswap.org"], &["uniswap"]),
    ("OpenSea", &["opensea.io"], &["opensea"]),
    ("Phantom", &["phantom.com", "phantom.app"], &["phantom"]),
];

fn matcher() -> Matcher {
    let (mut domains, mut handles, mut tokens) = (Vec::new(), Vec::new(), Vec::new());
    for (id, (name, ds, hs)) in BRANDS.iter().enumerate() {
        let id = id as u32;
        for d in *ds {
            let (label, suffix) = d.split_once('.').unwrap_or((d, ""));
            domains.push(DomainTarget {
                id,
                domain: d.to_string(),
                label: label.to_string(),
                suffix: suffix.to_string(),
            });
        }
        for h in *hs {
            handles.push(HandleTarget {
                id,
                handle: h.to_string(),
            });
        }
        tokens.push(BrandToken {
            id,
            token: name.to_string(),
        });
    }
    Matcher::new(domains, handles, tokens)
}

fn bench(c: &mut Criterion) {
    let m = matcher();
    let cases: &[(&str, DomainView<'static>)] = &[
        (
            "no_match_popular",
            DomainView {
                host: "www.wikipedia.org",
                label: "wikipedia",
                suffix: "org",
                subdomain: Some("www"),
            },
        ),
        (
            "no_match_short",
            DomainView {
                host: "google.com",
                label: "google",
                suffix: "com",
                subdomain: None,
            },
        ),
        (
            "typo",
            DomainView {
                host: "binnance.com",
                label: "binnance",
                suffix: "com",
                subdomain: None,
            },
        ),
        (
            "combo",
            DomainView {
                host: "secure-coinbase-login.com",
                label: "secure-coinbase-login",
                suffix: "com",
                subdomain: None,
            },
        ),
        (
            "idn_homoglyph",
            DomainView {
                host: "bіnаnce.com",
                label: "bіnаnce",
                suffix: "com",
                subdomain: None,
            },
        ),
        (
            // Goes through every rule (no brand in it): the misspelling loops try each part.
            "no_match_long_words",
            DomainView {
                host: "secure-walletconnect-airdrop-claims.xyz",
                label: "secure-walletconnect-airdrop-claims",
                suffix: "xyz",
                subdomain: None,
            },
        ),
        (
            "misspelt_among_words",
            DomainView {
                host: "claim-metamsk-wallet.xyz",
                label: "claim-metamsk-wallet",
                suffix: "xyz",
                subdomain: None,
            },
        ),
        (
            "subdomain_abuse",
            DomainView {
                host: "binance.com.evil.io",
                label: "evil",
                suffix: "io",
                subdomain: Some("binance.com"),
            },
        ),
    ];
    for (name, view) in cases {
        c.bench_function(&format!("match_domain/{name}"), |b| {
            b.iter(|| m.match_domain(black_box(view)))
        });
    }
    c.bench_function("match_handle/no_match", |b| {
        b.iter(|| m.match_handle(black_box("elonmusk")))
    });
    c.bench_function("match_handle/combo", |b| {
        b.iter(|| m.match_handle(black_box("Binance_Support")))
    });
    c.bench_function("claims_brand/no_match", |b| {
        b.iter(|| m.claims_brand(black_box("John Smith")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

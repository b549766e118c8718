//! Snapshot of full verdicts for a few hundred inputs of every kind, so that any change in
//! judgement shows as a reviewed diff of `snapshots/verdicts.txt`. After an intended change:
//! `UPDATE_EXPECT=1 cargo test -p verify snapshots`, then read the diff.
//!
//! The inputs are our own: the brands below are real crypto brands (public knowledge), the
//! look-alikes are made here by hand and by rule, and the other sites are well-known ones.

use super::*;
use std::fmt::Write;

const REGISTRY: &str = r#"
[[brand]]
name = "Binance"
domains = ["binance.com"]
x = ["binance"]
telegram = ["binanceexchange"]
phones = ["+852 3000 1000"]

[[brand]]
name = "OKX"
domains = ["okx.com"]
x = ["okx"]

[[brand]]
name = "Ledger"
domains = ["ledger.com"]
email_domains = ["ledger.com"]
x = ["ledger"]

[[brand]]
name = "Kraken"
domains = ["kraken.com"]
x = ["krakenfx"]

[[brand]]
name = "1inch"
domains = ["1inch.io"]
x = ["1inch"]

[[brand]]
name = "MyEtherWallet"
domains = ["myetherwallet.com"]

[[brand]]
name = "Arbitrum"
domains = ["arbitrum.io"]
x = ["arbitrum"]

[[brand]]
name = "Aave"
domains = ["aave.com"]

[[brand]]
name = "Blockchain.com"
domains = ["blockchain.com"]
x = ["blockchain"]

[[brand]]
name = "Safe"
domains = ["safe.global"]
x = ["safe"]
addresses = [{ chain = "eth", address = "0x52908400098527886E0F7030069857D2E4169EE7" }]

[brand.retired]
domains = ["gnosis-safe.io"]
"#;

const BLOCKLIST: &str = "evil-exchange.io\n+852 9999 0000\nt.me/fakebinance\n\
sites.google.com/view/free-airdrop\nscam@fraud-mail.net\nx.com/okx_giveaway\n";

fn index() -> Index {
    let registry = Registry::from_toml(REGISTRY).expect("registry");
    let (entries, errors) = blocklist_from_lines(
        BLOCKLIST,
        "snapshot",
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
}

/// Hand-written inputs, by class.
const INPUTS: &[&str] = &[
    // Official, and under official domains.
    "binance.com",
    "www.binance.com",
    "https://accounts.binance.com/en/login",
    "okx.com",
    "ledger.com",
    "support@ledger.com",
    "x.com/binance",
    "@krakenfx",
    "t.me/binanceexchange",
    "+852 3000 1000",
    "(+852) 3000 1000",
    "0x52908400098527886e0f7030069857d2e4169ee7",
    "gnosis-safe.io",
    // Reported.
    "evil-exchange.io",
    "login.evil-exchange.io",
    "https://evil-exchange.io/withdraw",
    "+852 9999 0000",
    "t.me/fakebinance",
    "https://sites.google.com/view/free-airdrop/claim",
    "scam@fraud-mail.net",
    "help@evil-exchange.io",
    "x.com/okx_giveaway",
    // Ordinary-word brands.
    "ledger-quests.com",
    "kraken-authentication.com",
    "1-ledger.com",
    "ledger24.net",
    "ledger-online.com",
    "myledger.app",
    "safe-bridge.xyz",
    "safe-wallet-recovery.com",
    "ledger-accounting.com",
    "safeway.com",
    "safelite.com",
    "krakenbeer.com",
    "ledgerhq.net",
    "kraken.io",
    "safe.com",
    "ledger.icu",
    "safe.claims",
    // Misspelt brands among words.
    "abitrum-bridge.xyz",
    "arbitrun-claim.com",
    "claimarbitrun.net",
    "binnance-support.com",
    "yield-finance.com",
    // Short brands glued to words.
    "ethaave.xyz",
    "listingsokx.com",
    "okxwallet.app",
    "aavepool.net",
    "okx-support.net",
    "lidocaine.com",
    // Brands with a digit.
    "1inch-airdrop.com",
    "claim1inch.net",
    "1lnch.io",
    "1inchh-info.com",
    "sinch.com",
    // Long brands shortened.
    "myethwallet.com",
    "myetherwalet.net",
    "myetherwallet-login.com",
    // Visual substitutions.
    "b1nance.com",
    "bіnance.com",
    "binamce.com",
    "bimamce.com",
    "dinance.com",
    "lcraken.com",
    "0kx.com",
    "arbltrurn.io",
    // Dots inserted.
    "bi.nance.com",
    "binanc.e.com",
    "arbit.rum.io",
    "ok.x.com",
    // Short brands: established neighbours.
    "olx.com",
    "oxx.com",
    "blockchair.com",
    "okc.com",
    "okkx.com",
    // Generic-word brands and other projects' handles.
    "x.com/aelfblockchain",
    "x.com/blockchaincapital",
    "x.com/blockchain_support",
    "x.com/Binance_Help",
    "x.com/b1nance",
    "@kraken_fx",
    // Subdomain abuse and TLD swaps.
    "binance.com.login-verify.net",
    "binance-com.secure.io",
    "okx.evil.io",
    "binance.co",
    "aave.finance",
    // Shared hosts and invites.
    "https://sites.google.com/view/binance-support",
    "https://ipfs.io/ipfs/QmXyz/okx-login.html",
    "https://t.me/+AbCdEfGh123",
    "t.me/joinchat/AbCdEfGh123",
    // Emails.
    "Binance Support <support@binance-help.com>",
    "\"Ledger\" <noreply@gmail.com>",
    "binance.support@gmail.com",
    "news@kraken.com",
    // Links.
    "https://binance.com@evil.io/login",
    "http://bit.ly/abc",
    // Addresses.
    "0x5290000000000000000000000000000000069ee7",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    // Well-known unrelated sites.
    "google.com",
    "wikipedia.org",
    "github.com",
    "coindesk.com",
    "bitcoin.org",
    "okta.com",
    "htc.com",
    // Invalid.
    "",
    "not an indicator at all",
    "0x1234",
    "+1 23",
];

/// Look-alikes made by rule from each registry domain (dictionary words, two homoglyphs,
/// dot insertion), a sample of each.
fn generated(registry: &Registry) -> Vec<String> {
    let mut out = Vec::new();
    for brand in registry.brands() {
        for c in &brand.channels {
            if c.kind != ChannelKind::Domain || c.status != Status::Active {
                continue;
            }
            let Ok(d) = Domain::parse(&c.value) else {
                continue;
            };
            let all = lookalike::extra_lookalikes(d.unicode_label(), d.suffix());
            for name in ["dictionary", "homoglyph-2", "dot-insertion"] {
                let of: Vec<&String> = all
                    .iter()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, v)| v)
                    .collect();
                let step = (of.len() / 6).max(1);
                out.extend(of.into_iter().step_by(step).take(6).cloned());
            }
        }
    }
    out
}

fn render(input: &str, v: &Verification<'_>) -> String {
    let mut line = format!("{input:?} => {}", v.verdict.as_str());
    if let Some(t) = v.technique {
        let _ = write!(line, " {}", t.as_str());
    }
    if let Some(t) = v.target {
        let _ = write!(line, " [{}: {}]", t.brand, t.value);
    }
    for r in &v.reasons {
        let r = match r {
            Reason::Imitates {
                technique,
                detail,
                real,
                ..
            } => format!("imitates {} {detail:?} real={real:?}", technique.as_str()),
            Reason::Reported(h) => format!("reported ({})", h.severity.as_str()),
            Reason::ReportedParent { parent, .. } => format!("reported parent {parent}"),
            Reason::ReportedDomain { domain, .. } => format!("reported domain {domain}"),
            Reason::Invalid(e) => format!("invalid {}", e.code()),
            other => format!("{other:?}")
                .split([' ', '('])
                .next()
                .unwrap_or("")
                .to_owned(),
        };
        let _ = write!(line, "\n    {r}");
    }
    line
}

#[test]
fn snapshots() {
    let registry = Registry::from_toml(REGISTRY).expect("registry");
    let index = index();
    let mut text = String::new();
    let made = generated(&registry);
    let all = INPUTS.iter().map(|s| (*s).to_owned()).chain(made);
    for input in all {
        let v = index.verify(&input, None);
        text.push_str(&render(&input, &v));
        text.push('\n');
    }
    expect_test::expect_file!["../snapshots/verdicts.txt"].assert_eq(&text);
}

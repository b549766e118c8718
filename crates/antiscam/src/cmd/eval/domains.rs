//! `antiscam eval domains`: impersonation detection on real phishing domains (ScamSniffer's
//! list, the Polkadot deny list), precision on popular sites and on legitimate crypto projects'
//! own websites, emails and handles, and recall on generated look-alikes per technique.
//!
//! **When does a phishing domain name a brand?** The lists carry no brand labels, so the
//! command decides, independently of the matcher, with plain string rules over the host
//! without its public suffix, split into tokens at every character that is not a letter or
//! digit. A brand's *keys* are its name without spaces or punctuation (`trustwallet`,
//! `blockchaincom`, `blockchain` for `Blockchain.com`) and the registrable labels of its
//! domains of 4+ characters (`avax`, `sushi`). A host names a brand when a key
//!
//! - is one of its tokens (`okx-claim.io`, `ledger.quests-app.com`) — *exact*;
//! - of 5+ characters occurs inside the host with separators and dots removed
//!   (`binancewallet.net`, `bi.nance.com`), or of 3–4 characters begins or ends a token
//!   (`listingsokx.com`, `ethaave.xyz`) — *exact*;
//! - of 6+ characters is one edit (insertion, omission, substitution, adjacent swap) from a
//!   token that is not itself an ordinary word, or from the start or end of a token keeping the
//!   key's first and last letters (a window ending a token keeps the first letters of a key
//!   made of up to three letters and an ordinary word: `porkcoin` does not name KuCoin,
//!   `sunswap` not Uniswap), or has the same visual skeleton
//!   (`abitrum-bridge.xyz`, `collections-openssea.com`) — *fuzzy* ("typo + words" when the host
//!   has other words too).
//!
//! A key that is an ordinary word (`ledger`, `safe`, `crypto`, `polygon`: the command's own
//! list) names its brand only as a whole token (`ledger-quests.com`,
//! not `cryptopunks.app`).
//!
//! The rule over-counts: `crypto` alone names the field, not Crypto.com. Until the sixth pass
//! of issue 11 a window one edit from `kucoin` at the end of a token named KuCoin, and
//! `…kcoin` names are other coins (`porkcoin`, `bonkcoin`): the default rule now keeps the
//! key's distinct letters there (figures before that are not comparable for KuCoin and
//! Uniswap). `--strict-names` judges with a stricter rule, reported beside the default one:
//! `crypto` and `blockchain` alone name no brand, and every fuzzy name of a key made of up to
//! three letters and an ordinary word (`kucoin`, `uniswap`) keeps those letters.
//!
//! Since the twelfth pass of issue 11 both rules read English words (the matcher's embedded
//! list, `lookalike::is_english_word`) as words: a key inside an English word that begins
//! before it names nothing (`crabby` is no Rabby); a whole token that is an English word one
//! edit from a key is that word (`radium` is no Raydium), unless it begins with the key
//! (`revokes`). `--words-unchecked` counts as before, for comparison. Windows are not read
//! so: a window that is a word (`celesta|l`) or cuts one (`starkne|twork`,
//! `opemse|apron|ft`) is still often the brand misspelt.
//!
//! When several brands are named, the verdict may name any of them. A phishing domain that
//! names a brand is *detected* when Verify calls it an impersonation of that brand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use registry::{ChannelKind, Registry};
use verify::{Index, Options, Verdict};

/// Arguments of `antiscam eval domains`.
#[derive(Debug, clap::Args)]
pub struct DomainArgs {
    /// Registries of the brands (read together); repeat the option for several files.
    #[arg(long, default_values = ["data/eval/registry.toml", "data/eval/registry-extra.toml"])]
    registry: Vec<PathBuf>,
    /// ScamSniffer's phishing domains (`first_listed<TAB>domain`); skipped when absent.
    #[arg(
        long,
        default_value = "../shared/datasets/scamsniffer/domains-2022-2024.tsv"
    )]
    scamsniffer: PathBuf,
    /// Listings from this date on (YYYY-MM-DD) are reported apart as the newest period.
    #[arg(long, default_value = "2024-07-01")]
    newest: String,
    /// Folder of the polkadot-js phishing list (all.json); skipped when absent.
    #[arg(long, default_value = "../shared/datasets/polkadot-phishing")]
    polkadot: PathBuf,
    /// Popular legitimate domains, one per line (a rank and a comma before it are allowed:
    /// `12,example.com`); repeat for several files.
    #[arg(long, default_values = ["data/eval/popular-domains.txt"])]
    popular: Vec<PathBuf>,
    /// Legitimate crypto projects' own websites, emails and handles, and legitimate
    /// look-alikes of brands, one per line; none should be an impersonation.
    #[arg(long, default_value = "data/eval/crypto-legit.txt")]
    legit: PathBuf,
    /// Judge names with the stricter rule (see the module docs): `crypto` and `blockchain`
    /// alone name the field, not Crypto.com or Blockchain.com; a fuzzy name of a key made of
    /// up to three letters and an ordinary word (`kucoin`, `uniswap`) keeps those letters
    /// (`porkcoin` does not name KuCoin, `sunswap` not Uniswap).
    #[arg(long)]
    strict_names: bool,
    /// Judge names as before the twelfth pass of issue 11 (for comparison): a key inside an
    /// English word that begins before it (`rabby` in `crabby`) and a token that is an
    /// English word one edit from a key (`radium`) name the brand.
    #[arg(long)]
    words_unchecked: bool,
    /// Print up to this many misses per group.
    #[arg(long, default_value_t = 10)]
    show: usize,
}

/// Runs the evaluation.
pub fn run(args: &DomainArgs) -> anyhow::Result<()> {
    let mut text = String::new();
    for path in &args.registry {
        let t = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        text.push_str(&t);
        text.push('\n');
    }
    let registry = Registry::from_toml(&text).context("registry files")?;
    let index = Index::build(&registry, blocklist::Index::default(), Options::default());
    println!(
        "registry: {} brands, {} channels",
        registry.brands().len(),
        registry.channel_count()
    );
    let namer = Namer::new(&registry, args.strict_names, !args.words_unchecked);
    if args.strict_names {
        println!("names judged with the stricter rule (--strict-names)");
    }

    generated(&registry, &index, args.show);
    scamsniffer(&index, &namer, &args.scamsniffer, &args.newest, args.show)?;
    polkadot(&index, &namer, &args.polkadot, args.show)?;
    for p in &args.popular {
        popular(&index, p, args.show)?;
    }
    legit(&index, &args.legit)?;
    Ok(())
}

/// Brand keys and words that are ordinary words: they name a brand only as a whole token,
/// and are never a misspelt brand. The evaluation's own list, independent of the matcher's.
const ORDINARY: &[&str] = &[
    "gate",
    "crypto",
    "gemini",
    "ledger",
    "phantom",
    "kraken",
    "trust",
    "base",
    "safe",
    "blur",
    "blast",
    "scroll",
    "curve",
    "compound",
    "optimism",
    "polygon",
    "avalanche",
    "jupiter",
    "stargate",
    "wormhole",
    "circle",
    "ripple",
    "tether",
    "celsius",
    "mantle",
    "blockchain",
    "magic",
    "ton",
    "sui",
    "exodus",
    "rainbow",
    "chain",
    "link",
    "finance",
    "wallet",
    "exchange",
    "coin",
    "bitcoin",
    "swap",
    "bridge",
    "network",
    "protocol",
    "token",
    "market",
    "capital",
];

fn ordinary(word: &str) -> bool {
    ORDINARY.contains(&word)
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// The brand keys, and the rules of the module docs.
struct Namer {
    /// `(brand index, key chars, key, an ordinary word)`.
    keys: Vec<(usize, Vec<char>, String, bool)>,
    /// The stricter rule (`--strict-names`).
    strict: bool,
    /// English words checked (the default since the twelfth pass; off with
    /// `--words-unchecked`, the counting before it).
    words: bool,
}

/// Ordinary words that name the whole field: with `--strict-names` they name no brand alone.
const FIELD: &[&str] = &["crypto", "blockchain"];

/// With `--strict-names`: the letters of `key` outside an ordinary word it begins or ends
/// with, when they are three or fewer (`ku` of `kucoin`, `uni` of `uniswap`), and whether
/// they are at its start.
fn distinct_part(key: &str) -> Option<(&str, bool)> {
    ORDINARY.iter().filter(|w| w.len() >= 4).find_map(|w| {
        let n = key.len().checked_sub(w.len())?;
        if !(1..=3).contains(&n) {
            return None;
        }
        if let Some(head) = key.strip_suffix(w) {
            return Some((head, true));
        }
        key.strip_prefix(w).map(|tail| (tail, false))
    })
}

/// Whether `w` is an English word of the matcher's list (`lookalike::is_english_word`).
fn english(w: &str) -> bool {
    lookalike::is_english_word(w)
}

/// Whether `token[at..end]` lies inside an English word of the token that begins before it
/// (`rabby` in `crabby`). A word beginning with the key is not enough (`lineal|abs`).
fn inside_word(token: &str, at: usize, end: usize) -> bool {
    (0..at).any(|a| {
        (end..=token.len())
            .filter(|&b| b - a <= 14)
            .any(|b| token.get(a..b).is_some_and(english))
    })
}

/// How a host names a brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Naming {
    Exact,
    Fuzzy,
}

fn one_edit(a: &[char], b: &[char]) -> bool {
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (n, m) = (a.len(), b.len());
    let rest = |x: usize, y: usize| a.get(x..) == b.get(y..);
    if n == m {
        i < n
            && (rest(i + 1, i + 1)
                || (a.get(i) == b.get(i + 1) && a.get(i + 1) == b.get(i) && rest(i + 2, i + 2)))
    } else if n == m + 1 {
        rest(i + 1, i)
    } else if n + 1 == m {
        rest(i, i + 1)
    } else {
        false
    }
}

impl Namer {
    fn new(registry: &Registry, strict: bool, words: bool) -> Namer {
        let mut keys = Vec::new();
        for (b, brand) in registry.brands().iter().enumerate() {
            let mut ks: Vec<String> = Vec::new();
            let name: String = brand
                .name
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            ks.push(name);
            if let Some(stem) = brand.name.to_lowercase().strip_suffix(".com") {
                ks.push(stem.chars().filter(|c| c.is_alphanumeric()).collect());
            }
            for c in &brand.channels {
                if c.kind == ChannelKind::Domain
                    && let Ok(d) = indicator::Domain::parse(&c.value)
                    && d.label().len() >= 4
                    && !ordinary(d.label())
                {
                    ks.push(d.label().to_owned());
                }
            }
            ks.sort();
            ks.dedup();
            for k in ks.into_iter().filter(|k| k.chars().count() >= 3) {
                let plain = ordinary(&k);
                keys.push((b, k.chars().collect(), k, plain));
            }
        }
        Namer {
            keys,
            strict,
            words,
        }
    }

    /// Whether the key `k` (5+ characters) occurs in the host with separators and dots removed
    /// (`joined`, the `tokens` glued): by default (not with `--words-unchecked`) an
    /// occurrence inside one token must not lie inside an English word of it begun before it,
    /// which is that word (`crabby` does not name Rabby); one across tokens counts
    /// (`bi.nance`).
    fn inside_joined(&self, tokens: &[&str], joined: &str, k: &str) -> bool {
        if !self.words {
            return joined.contains(k);
        }
        let within = tokens.iter().any(|t| {
            t.match_indices(k)
                .any(|(at, _)| !inside_word(t, at, at + k.len()))
        });
        // Or across a token boundary.
        let mut bounds = Vec::with_capacity(tokens.len());
        let mut n = 0;
        for t in tokens {
            n += t.len();
            bounds.push(n);
        }
        within
            || joined.match_indices(k).any(|(at, _)| {
                let end = at + k.len();
                bounds.iter().any(|&b| b > at && b < end)
            })
    }

    /// The brands a host names, each with how (the strongest way).
    fn names(&self, host: &str) -> Vec<(usize, Naming)> {
        let Ok(d) = indicator::Domain::parse(host) else {
            return Vec::new();
        };
        let uni = d.unicode().to_lowercase();
        let body = uni
            .strip_suffix(d.suffix())
            .map_or(uni.as_str(), |b| b.trim_end_matches('.'));
        let tokens: Vec<&str> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty() && *t != "www")
            .collect();
        let joined: String = tokens.concat();
        let skel_tokens: Vec<String> = tokens
            .iter()
            .map(|t| lookalike::skeleton(t).into_owned())
            .collect();
        let mut out: Vec<(usize, Naming)> = Vec::new();
        let mut add = |b: usize, n: Naming| match out.iter_mut().find(|(x, _)| *x == b) {
            Some(e) => e.1 = e.1.min(n),
            None => out.push((b, n)),
        };
        for (b, kc, k, plain) in &self.keys {
            let len = kc.len();
            if *plain {
                if self.strict && FIELD.contains(&k.as_str()) {
                    continue;
                }
                if tokens.iter().any(|t| t == k) {
                    add(*b, Naming::Exact);
                }
                continue;
            }
            let exact = tokens.iter().any(|t| t == k)
                || (len >= 5 && self.inside_joined(&tokens, &joined, k))
                || (len < 5
                    && tokens
                        .iter()
                        .any(|t| t.starts_with(k.as_str()) || t.ends_with(k.as_str())));
            if exact {
                add(*b, Naming::Exact);
                continue;
            }
            if len < 6 {
                continue;
            }
            let ks = lookalike::skeleton(k);
            let distinct = distinct_part(k);
            // The key's distinct letters kept at their end of the window: always with the
            // stricter rule; by default for a window on the far side of them from the rest of
            // the token (a window ending a token, for a key whose distinct letters begin it):
            // there the letters before the window take their place and the token names
            // another coin or exchange (`pork|coin`, `bonk|coin`, `s|unswap`).
            let keeps_at = |w: &[char], at_end: bool| {
                distinct.is_none_or(|(d, head)| {
                    if !self.strict && head != at_end {
                        return true;
                    }
                    let s: String = w.iter().collect();
                    if head {
                        s.starts_with(d)
                    } else {
                        s.ends_with(d)
                    }
                })
            };
            let fuzzy = tokens.iter().zip(&skel_tokens).any(|(t, st)| {
                // An English word is that word (`radium` is no Raydium), unless it is a form
                // of the key (`revokes`).
                if ordinary(t) || (self.words && english(t) && !t.starts_with(k.as_str())) {
                    return false;
                }
                if st.contains(ks.as_ref()) {
                    return true;
                }
                let tc: Vec<char> = t.chars().collect();
                if tc.len() + 1 < len {
                    return false;
                }
                if one_edit(&tc, kc) && (!self.strict || keeps_at(&tc, true)) {
                    return true;
                }
                // A window (the start or end of a token) must keep both the key's first and last
                // letters: `clipfinance` does not name Binance, `bonkinucoin` not KuCoin.
                [len - 1, len, len + 1]
                    .into_iter()
                    .filter(|&w| w < tc.len())
                    .flat_map(|w| [(&tc[..w], false), (&tc[tc.len() - w..], true)])
                    .any(|(w, at_end)| {
                        w.first() == kc.first()
                            && w.last() == kc.last()
                            && one_edit(w, kc)
                            && keeps_at(w, at_end)
                    })
            });
            if fuzzy {
                add(*b, Naming::Fuzzy);
            }
        }
        out
    }
}

#[derive(Default)]
struct Group {
    total: usize,
    named: usize,
    named_hit: usize,
    exact: usize,
    exact_hit: usize,
    fuzzy: usize,
    fuzzy_hit: usize,
    typo_words: usize,
    typo_words_hit: usize,
    any_impersonation: usize,
    misses: Vec<String>,
    wrong: usize,
}

fn judge(index: &Index, namer: &Namer, registry_names: &[String], host: &str, g: &mut Group) {
    g.total += 1;
    let v = index.verify(host, Some(indicator::Kind::Domain));
    if v.verdict == Verdict::Impersonation {
        g.any_impersonation += 1;
    }
    let named = namer.names(host);
    if named.is_empty() || v.verdict == Verdict::Official {
        return;
    }
    let brand = v
        .target
        .filter(|_| v.verdict == Verdict::Impersonation)
        .map(|t| t.brand);
    let hit = named.iter().find(|(b, _)| {
        registry_names
            .get(*b)
            .is_some_and(|n| Some(n.as_str()) == brand)
    });
    let how = named.iter().map(|n| n.1).min().unwrap_or(Naming::Fuzzy);
    let how = hit.map_or(how, |h| h.1);
    let words = host.split(['.', '-']).filter(|w| !w.is_empty()).count() > 2;
    g.named += 1;
    let ok = hit.is_some();
    g.named_hit += usize::from(ok);
    match how {
        Naming::Exact => {
            g.exact += 1;
            g.exact_hit += usize::from(ok);
        }
        Naming::Fuzzy => {
            g.fuzzy += 1;
            g.fuzzy_hit += usize::from(ok);
            if words {
                g.typo_words += 1;
                g.typo_words_hit += usize::from(ok);
            }
        }
    }
    if !ok {
        if brand.is_some() {
            g.wrong += 1;
        }
        if g.misses.len() < 5_000 {
            let names: Vec<&str> = named
                .iter()
                .filter_map(|(b, _)| registry_names.get(*b).map(String::as_str))
                .collect();
            g.misses.push(format!(
                "{host} [{}] -> {}{}",
                names.join("/"),
                v.verdict.as_str(),
                brand.map_or(String::new(), |b| format!(" {b}"))
            ));
        }
    }
}

fn print_groups(groups: &BTreeMap<String, Group>, show: usize) {
    println!(
        "{:<24} {:>8} {:>8} {:>16} {:>16} {:>16} {:>16} {:>10}",
        "period",
        "domains",
        "imperson.",
        "names a brand",
        "exact name",
        "fuzzy name",
        "typo + words",
        "wrong brand"
    );
    let cell = |h: usize, n: usize| format!("{h}/{n} {:.1}%", pct(h, n));
    for (name, g) in groups {
        println!(
            "{:<24} {:>8} {:>8} {:>16} {:>16} {:>16} {:>16} {:>10}",
            name,
            g.total,
            g.any_impersonation,
            cell(g.named_hit, g.named),
            cell(g.exact_hit, g.exact),
            cell(g.fuzzy_hit, g.fuzzy),
            cell(g.typo_words_hit, g.typo_words),
            g.wrong
        );
    }
    for (name, g) in groups {
        if show > 0 && !g.misses.is_empty() {
            println!("  misses, {name} (first {show}):");
            for m in g.misses.iter().take(show) {
                println!("    {m}");
            }
        }
    }
    println!();
}

fn scamsniffer(
    index: &Index,
    namer: &Namer,
    path: &Path,
    newest: &str,
    show: usize,
) -> anyhow::Result<()> {
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("ScamSniffer: {} not found, skipped\n", path.display());
        return Ok(());
    };
    let names: Vec<String> = index.brand_names().map(str::to_owned).collect();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let Some((date, host)) = line.split_once('\t') else {
            continue;
        };
        let period = if date >= newest {
            format!("newest (from {newest})")
        } else {
            date.get(..4).unwrap_or("?").to_owned()
        };
        judge(
            index,
            namer,
            &names,
            host.trim(),
            groups.entry(period).or_default(),
        );
    }
    let mut all = Group::default();
    for g in groups.values() {
        all.total += g.total;
        all.named += g.named;
        all.named_hit += g.named_hit;
        all.exact += g.exact;
        all.exact_hit += g.exact_hit;
        all.fuzzy += g.fuzzy;
        all.fuzzy_hit += g.fuzzy_hit;
        all.typo_words += g.typo_words;
        all.typo_words_hit += g.typo_words_hit;
        all.any_impersonation += g.any_impersonation;
        all.wrong += g.wrong;
    }
    groups.insert("~all".to_owned(), all);
    println!(
        "ScamSniffer phishing domains ({}), no blocklist loaded: recall with the right brand",
        path.display()
    );
    print_groups(&groups, show);
    Ok(())
}

fn polkadot(index: &Index, namer: &Namer, dir: &Path, show: usize) -> anyhow::Result<()> {
    let path = dir.join("all.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("Polkadot: {} not found, skipped\n", path.display());
        return Ok(());
    };
    let doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
    let names: Vec<String> = index.brand_names().map(str::to_owned).collect();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let g = groups.entry("deny".to_owned()).or_default();
    for host in doc["deny"].as_array().into_iter().flatten() {
        if let Some(h) = host.as_str() {
            judge(index, namer, &names, h, g);
        }
    }
    println!(
        "Polkadot deny list ({}), an older public list: recall with the right brand",
        path.display()
    );
    print_groups(&groups, show);
    Ok(())
}

fn read_list(path: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.rsplit(',').next().unwrap_or(l).trim().to_owned())
        .collect())
}

fn popular(index: &Index, path: &Path, show: usize) -> anyhow::Result<()> {
    let list = read_list(path)?;
    let mut flagged = Vec::new();
    for d in &list {
        let v = index.verify(d, None);
        if v.verdict == Verdict::Impersonation {
            flagged.push(format!(
                "{d} -> {} ({})",
                v.target.map_or("", |t| t.value),
                v.technique.map_or("", |t| t.as_str())
            ));
        }
    }
    println!(
        "Popular domains ({}): {} of {} called impersonation ({:.3}%)",
        path.display(),
        flagged.len(),
        list.len(),
        pct(flagged.len(), list.len())
    );
    for f in flagged.iter().take(show.max(30)) {
        println!("  {f}");
    }
    println!();
    Ok(())
}

fn legit(index: &Index, path: &Path) -> anyhow::Result<()> {
    let Ok(list) = read_list(path) else {
        println!(
            "Legitimate crypto list: {} not found, skipped\n",
            path.display()
        );
        return Ok(());
    };
    let mut bad = Vec::new();
    for item in &list {
        let v = index.verify(item, None);
        if matches!(v.verdict, Verdict::Impersonation | Verdict::ReportedScam) {
            bad.push(format!(
                "{item} -> {} {} ({})",
                v.verdict.as_str(),
                v.target.map_or("", |t| t.value),
                v.technique.map_or("", |t| t.as_str())
            ));
        }
    }
    println!(
        "Legitimate crypto websites, emails, handles and look-alikes ({}): {} of {} misjudged ({:.2}%)",
        path.display(),
        bad.len(),
        list.len(),
        pct(bad.len(), list.len())
    );
    for b in &bad {
        println!("  {b}");
    }
    println!();
    Ok(())
}

/// Generated look-alikes of every registry domain, per technique (including the dictionary,
/// two-homoglyph and dot-insertion generators).
fn generated(registry: &Registry, index: &Index, show: usize) {
    let mut tallies: BTreeMap<&'static str, (usize, usize, Vec<String>)> = BTreeMap::new();
    for brand in registry.brands() {
        let mut seen = std::collections::HashSet::new();
        for channel in &brand.channels {
            if channel.kind != ChannelKind::Domain {
                continue;
            }
            let Ok(d) = indicator::Domain::parse(&channel.value) else {
                continue;
            };
            if !seen.insert(d.registrable().to_owned()) {
                continue;
            }
            let mut all =
                lookalike::domain_lookalikes(d.registrable(), d.unicode_label(), d.suffix())
                    .into_iter()
                    .map(|l| (l.technique.as_str(), l.value))
                    .collect::<Vec<_>>();
            all.extend(lookalike::extra_lookalikes(d.unicode_label(), d.suffix()));
            for (name, value) in all {
                let v = index.verify(&value, Some(indicator::Kind::Domain));
                if v.verdict == Verdict::Official {
                    continue;
                }
                let t = tallies.entry(name).or_default();
                t.0 += 1;
                if v.verdict == Verdict::Impersonation
                    && v.target.is_some_and(|t| t.brand == brand.name)
                {
                    t.1 += 1;
                } else if t.2.len() < show {
                    t.2.push(format!(
                        "{value} ({}{})",
                        v.verdict.as_str(),
                        v.target.map_or(String::new(), |t| format!(" {}", t.brand))
                    ));
                }
            }
        }
    }
    println!("Generated domain look-alikes: recall with the right brand named");
    println!(
        "{:<20} {:>9} {:>9} {:>8}",
        "technique", "generated", "detected", "recall"
    );
    for (name, (n, hit, misses)) in &tallies {
        println!("{name:<20} {n:>9} {hit:>9} {:>7.2}%", pct(*hit, *n));
        if !misses.is_empty() {
            println!("    missed e.g.: {}", misses.join(", "));
        }
    }
    println!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented brands built like KuCoin and Uniswap: a few letters and an ordinary word.
    fn namer(strict: bool) -> Namer {
        let toml = r#"
[[brand]]
name = "ZuCoin"
domains = ["zucoin.com"]

[[brand]]
name = "Veswap"
domains = ["veswap.org"]
"#;
        let registry = Registry::from_toml(toml).expect("registry");
        Namer::new(&registry, strict, true)
    }

    /// Invented brands whose keys sit inside English words or one edit from them.
    fn word_namer(words: bool) -> Namer {
        let toml = r#"
[[brand]]
name = "Ontin"
domains = ["ontin.io"]

[[brand]]
name = "Gardeno"
domains = ["gardeno.fi"]

[[brand]]
name = "Zekync"
domains = ["zekync.io"]

[[brand]]
name = "Mustan"
domains = ["mustan.io"]
"#;
        let registry = Registry::from_toml(toml).expect("registry");
        Namer::new(&registry, false, words)
    }

    /// A key inside an English word begun before it and a token that is an English word one
    /// edit from a key name no brand; `--words-unchecked` counts them as before.
    #[test]
    fn english_words_name_no_brand() {
        let n = word_namer(true);
        for (host, named) in [
            // `ontin` inside `continue`; glued to other letters, alone, or across a dot.
            ("continue-claim.com", false),
            ("ontinclaim.com", true),
            ("ontin-claim.com", true),
            // A word beginning with the key is not enough.
            ("mustang-claim.com", true),
            ("on.tin-app.com", true),
            // `gardens` is a word one edit from `gardeno`; `gardeni` is none.
            ("gardens-claim.com", false),
            ("gardeni-claim.com", true),
            // Windows are not read for words: `decentraliz|ekn` still names Zekync.
            ("decentralizeknc.com", true),
            ("claimzeknc.com", true),
        ] {
            assert_eq!(!n.names(host).is_empty(), named, "{host}");
        }
        let old = word_namer(false);
        for host in ["continue-claim.com", "gardens-claim.com"] {
            assert!(!old.names(host).is_empty(), "{host}");
        }
    }

    #[test]
    fn windows_ending_a_token_keep_the_distinct_letters() {
        let n = namer(false);
        for (host, named) in [
            // A window beginning a token, or a whole token, one edit off: the brand.
            ("zuqcoinexchange.example.com", true),
            ("zucoim-login.com", true),
            ("vesvap-claim.com", true),
            // A window ending a token whose distinct letters are others: another coin or swap.
            ("fizcoin.com", false),
            ("blazcoin-app.online", false),
            ("lovswap-app.com", false),
            ("seswap.io", true),
            // Exact names are unchanged.
            ("claim-zucoin.com", true),
        ] {
            assert_eq!(!n.names(host).is_empty(), named, "{host}");
        }
        // The stricter rule keeps the letters in whole tokens too.
        assert!(namer(true).names("zxcoin-login.com").is_empty());
        assert!(!n.names("zxcoin-login.com").is_empty());
    }
}

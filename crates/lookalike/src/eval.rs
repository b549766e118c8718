//! Evaluation on the repository's data (`data/eval/`): recall per technique on the generated
//! lookalikes of every registry domain and handle, and precision on the most popular domains.
//! Run with `--nocapture` to see the tables.

use std::collections::{BTreeMap, HashSet};

use crate::{
    BrandToken, DomainTarget, DomainView, HandleTarget, Matcher, Technique, domain_lookalikes,
    handle_lookalikes, skeleton,
};

const REGISTRY: &str = include_str!("../../../data/eval/registry.toml");
const POPULAR: &str = include_str!("../../../data/eval/popular-domains.txt");

#[derive(serde::Deserialize)]
struct Registry {
    brand: Vec<Brand>,
}

#[derive(serde::Deserialize)]
struct Brand {
    name: String,
    domains: Vec<String>,
    #[serde(default)]
    x: Vec<String>,
    #[serde(default)]
    telegram: Vec<String>,
}

fn brands() -> Vec<Brand> {
    let r: Registry = toml::from_str(REGISTRY).expect("registry.toml parses");
    r.brand
}

/// The 91-brand evaluation registry (`registry.toml` and `registry-extra.toml`) as a
/// matcher: the most targets of every kind (labels, spelled domains, names) for tests.
pub(crate) fn matcher_91() -> Matcher {
    const EXTRA: &str = include_str!("../../../data/eval/registry-extra.toml");
    let mut all = brands();
    let extra: Registry = toml::from_str(EXTRA).expect("registry-extra.toml parses");
    all.extend(extra.brand);
    matcher(&all)
}

/// Host → (registrable label, public suffix, subdomain), with the public suffix list.
fn split(host: &str) -> Option<(String, String, Option<String>)> {
    let suffix = psl::suffix_str(host)?;
    let registrable = psl::domain_str(host)?;
    let label = registrable.strip_suffix(suffix)?.strip_suffix('.')?;
    let sub = host
        .strip_suffix(registrable)
        .and_then(|s| s.strip_suffix('.'))
        .map(str::to_owned);
    Some((label.to_owned(), suffix.to_owned(), sub))
}

/// The registry as a matcher, every id being the brand's index.
fn matcher(brands: &[Brand]) -> Matcher {
    let mut domains = Vec::new();
    let mut handles = Vec::new();
    let mut tokens = Vec::new();
    for (i, b) in brands.iter().enumerate() {
        let id = i as u32;
        for d in &b.domains {
            let (label, suffix, _) = split(d).expect("registry domain splits");
            domains.push(DomainTarget {
                id,
                domain: d.clone(),
                label,
                suffix,
            });
        }
        for h in b.x.iter().chain(&b.telegram) {
            handles.push(HandleTarget {
                id,
                handle: h.to_lowercase(),
            });
        }
        tokens.push(BrandToken {
            id,
            token: b.name.clone(),
        });
    }
    Matcher::new(domains, handles, tokens)
}

#[derive(Default)]
struct Stats {
    total: usize,
    hit: usize,
    /// Hits on another brand that the lookalike imitates just as well (`otx.com` is one edit
    /// from both `okx.com` and `htx.com`): counted as hits.
    ambiguous: usize,
    same_technique: usize,
    misses: Vec<String>,
}

fn table(title: &str, stats: &BTreeMap<&'static str, Stats>) {
    println!("{title}");
    println!(
        "{:<16} {:>7} {:>7} {:>9} {:>8} {:>10}",
        "technique", "total", "hit", "ambiguous", "recall", "same-tech"
    );
    for (t, s) in stats {
        println!(
            "{:<16} {:>7} {:>7} {:>9} {:>7.2}% {:>9.1}%",
            t,
            s.total,
            s.hit,
            s.ambiguous,
            100.0 * s.hit as f64 / s.total.max(1) as f64,
            100.0 * s.same_technique as f64 / s.total.max(1) as f64
        );
        for m in s.misses.iter().take(8) {
            println!("    miss: {m}");
        }
    }
}

/// Whether `label` is a single edit from one of `official`.
fn one_edit_of(label: &str, official: &[String]) -> bool {
    let l: Vec<char> = label.chars().collect();
    official.iter().any(|o| {
        let o: Vec<char> = o.chars().collect();
        crate::edit::one_edit(&l, &o).is_some()
    })
}

#[test]
fn domain_recall_per_technique() {
    let brands = brands();
    let m = matcher(&brands);
    let official: HashSet<&str> = brands
        .iter()
        .flat_map(|b| b.domains.iter().map(String::as_str))
        .collect();
    let labels: Vec<Vec<String>> = brands
        .iter()
        .map(|b| {
            b.domains
                .iter()
                .filter_map(|d| split(d).map(|s| s.0))
                .collect()
        })
        .collect();
    let mut stats: BTreeMap<&'static str, Stats> = BTreeMap::new();
    // TR39 skeleton alone vs the full folding, on the homoglyph lookalikes.
    let (mut homoglyphs, mut tr39_equal, mut full_equal) = (0usize, 0usize, 0usize);
    let (mut idn_total, mut idn_tr39, mut idn_full) = (0usize, 0usize, 0usize);
    let mut unfolded = std::collections::BTreeSet::new();
    let tr39 = |s: &str| unicode_security::skeleton(s).collect::<String>();
    // TR39 plus NFKD with marks dropped and lowercase, without the ASCII and extra folds.
    let mid = |s: &str| {
        use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
        let base: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
        unicode_security::skeleton(&base)
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut mid_equal = 0usize;
    for (i, b) in brands.iter().enumerate() {
        for d in &b.domains {
            let (label, suffix, _) = split(d).expect("registry domain splits");
            for l in domain_lookalikes(d, &label, &suffix) {
                if official.contains(l.value.as_str()) {
                    continue;
                }
                // Not registrable (`mex.com` is itself a public suffix): nobody can own it.
                let Some((ll, ls, sub)) = split(&l.value) else {
                    continue;
                };
                let s = stats.entry(l.technique.as_str()).or_default();
                s.total += 1;
                if l.technique == Technique::Homoglyph {
                    let idn = !ll.is_ascii();
                    let (t, f) = (tr39(&ll) == tr39(&label), skeleton(&ll) == skeleton(&label));
                    homoglyphs += 1;
                    mid_equal += usize::from(mid(&ll) == mid(&label));
                    tr39_equal += usize::from(t);
                    full_equal += usize::from(f);
                    idn_total += usize::from(idn);
                    idn_tr39 += usize::from(idn && t);
                    idn_full += usize::from(idn && f);
                    if !f {
                        unfolded.insert(ll.chars().filter(|c| !c.is_ascii()).collect::<String>());
                    }
                }
                let got = m.match_domain(&DomainView {
                    host: &l.value,
                    label: &ll,
                    suffix: &ls,
                    subdomain: sub.as_deref(),
                });
                match got {
                    Some(g) if g.target == i as u32 => {
                        s.hit += 1;
                        s.same_technique += usize::from(g.technique == l.technique);
                    }
                    Some(g) if one_edit_of(&ll, &labels[g.target as usize]) => {
                        s.hit += 1;
                        s.ambiguous += 1;
                    }
                    other => s.misses.push(format!("{} -> {other:?}", l.value)),
                }
            }
        }
    }
    table("domain lookalikes (registry domains)", &stats);
    let pct = |a: usize| 100.0 * a as f64 / homoglyphs.max(1) as f64;
    println!(
        "homoglyph lookalikes equal to the official label: TR39 skeleton only {tr39_equal}/{homoglyphs} ({:.1}%), full folding {full_equal}/{homoglyphs} ({:.1}%)",
        pct(tr39_equal),
        pct(full_equal)
    );
    println!(
        "  TR39 + NFKD, marks dropped, lowercase (no ASCII folds): {mid_equal}/{homoglyphs} ({:.1}%)",
        pct(mid_equal)
    );
    let ipct = |a: usize| 100.0 * a as f64 / idn_total.max(1) as f64;
    println!(
        "  of which IDN (non-ASCII): TR39 skeleton only {idn_tr39}/{idn_total} ({:.1}%), full folding {idn_full}/{idn_total} ({:.1}%)",
        ipct(idn_tr39),
        ipct(idn_full)
    );
    println!("  not folded (caught as one replacement): {unfolded:?}");
    for t in Technique::DOMAIN {
        let s = stats
            .get(t.as_str())
            .expect("every domain technique generated");
        let recall = s.hit as f64 / s.total as f64;
        assert!(recall >= 0.99, "{t}: recall {recall:.4} < 0.99");
    }
    assert!(full_equal > tr39_equal);
}

#[test]
fn handle_recall_per_technique() {
    let brands = brands();
    let m = matcher(&brands);
    let official: HashSet<String> = brands
        .iter()
        .flat_map(|b| b.x.iter().chain(&b.telegram).map(|h| h.to_lowercase()))
        .collect();
    let handles: Vec<Vec<String>> = brands
        .iter()
        .map(|b| {
            b.x.iter()
                .chain(&b.telegram)
                .map(|h| h.to_lowercase())
                .collect()
        })
        .collect();
    let mut stats: BTreeMap<&'static str, Stats> = BTreeMap::new();
    for (i, b) in brands.iter().enumerate() {
        for h in b.x.iter().chain(&b.telegram) {
            for l in handle_lookalikes(h) {
                if official.contains(&l.value.to_lowercase()) {
                    continue;
                }
                let s = stats.entry(l.technique.as_str()).or_default();
                s.total += 1;
                match m.match_handle(&l.value) {
                    Some(g) if g.target == i as u32 => {
                        s.hit += 1;
                        s.same_technique += usize::from(g.technique == l.technique);
                    }
                    Some(g)
                        if one_edit_of(&l.value.to_lowercase(), &handles[g.target as usize]) =>
                    {
                        s.hit += 1;
                        s.ambiguous += 1;
                    }
                    other => s.misses.push(format!("{} ({h}) -> {other:?}", l.value)),
                }
            }
        }
    }
    table(
        "handle lookalikes (registry X and Telegram handles)",
        &stats,
    );
    for (t, s) in &stats {
        let recall = s.hit as f64 / s.total as f64;
        assert!(recall >= 0.95, "{t}: recall {recall:.4} < 0.95");
    }
}

#[test]
fn no_match_on_popular_domains() {
    let brands = brands();
    let m = matcher(&brands);
    let official: HashSet<&str> = brands
        .iter()
        .flat_map(|b| b.domains.iter().map(String::as_str))
        .collect();
    let domains: Vec<&str> = POPULAR
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let distinct: HashSet<&str> = domains.iter().copied().collect();
    assert_eq!(domains.len(), 500, "500 domains");
    assert_eq!(distinct.len(), 500, "distinct");
    let mut flagged = Vec::new();
    for d in domains {
        assert!(!official.contains(d), "{d} is official in the registry");
        let (label, suffix, sub) = split(d).unwrap_or_else(|| panic!("{d} splits"));
        assert_eq!(sub, None, "{d} is a registrable domain");
        let got = m.match_domain(&DomainView {
            host: d,
            label: &label,
            suffix: &suffix,
            subdomain: None,
        });
        if let Some(g) = got {
            flagged.push(format!(
                "{d} -> {} {:?} {:?}",
                brands[g.target as usize].name, g.technique, g.detail
            ));
        }
    }
    println!("popular domains flagged: {}", flagged.len());
    for f in &flagged {
        println!("  {f}");
    }
    assert!(flagged.is_empty());
}

/// Levenshtein distance (test helper for the ablation below).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// What each precision rule buys: how many popular domains a looser rule would flag.
#[test]
fn precision_ablation() {
    let brands = brands();
    let popular: Vec<(String, String)> = POPULAR
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|d| split(d).map(|(l, s, _)| (l, s)))
        .collect();
    let targets: Vec<(String, String)> = brands
        .iter()
        .flat_map(|b| {
            b.domains
                .iter()
                .filter_map(|d| split(d).map(|(l, s, _)| (l, s)))
        })
        .collect();
    let tokens: Vec<String> = brands
        .iter()
        .flat_map(|b| {
            let name = b.name.to_lowercase().replace([' ', '.'], "");
            std::iter::once(name).chain(targets.iter().map(|t| t.0.clone()))
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let generic: HashSet<&str> = crate::words::GENERIC.iter().copied().collect();
    let count = |f: &dyn Fn(&str, &str) -> Option<String>| {
        let hits: Vec<String> = popular.iter().filter_map(|(l, s)| f(l, s)).collect();
        (hits.len(), hits.into_iter().take(6).collect::<Vec<_>>())
    };
    type Rule<'a> = Box<dyn Fn(&str, &str) -> Option<String> + 'a>;
    let rules: Vec<(&str, Rule)> = vec![
        (
            "one edit, labels of 3-4 chars, any suffix",
            Box::new(|l: &str, s: &str| {
                targets
                    .iter()
                    .find(|(t, ts)| (3..5).contains(&t.len()) && distance(l, t) == 1 && ts != s)
                    .map(|(t, _)| format!("{l}.{s}~{t}"))
            }),
        ),
        (
            "one edit, labels of 2+ chars under any suffix, after skeleton",
            Box::new(|l: &str, s: &str| {
                targets
                    .iter()
                    .find(|(t, _)| distance(&skeleton(l), &skeleton(t)) <= 1 && l != t)
                    .map(|(t, _)| format!("{l}.{s}~{t}"))
            }),
        ),
        (
            "two edits, labels of 6+ chars",
            Box::new(|l: &str, s: &str| {
                targets
                    .iter()
                    .find(|(t, _)| t.len() >= 6 && distance(l, t) == 2)
                    .map(|(t, _)| format!("{l}.{s}~{t}"))
            }),
        ),
        (
            "two edits, labels of 8+ chars",
            Box::new(|l: &str, s: &str| {
                targets
                    .iter()
                    .find(|(t, _)| t.len() >= 8 && distance(l, t) == 2)
                    .map(|(t, _)| format!("{l}.{s}~{t}"))
            }),
        ),
        (
            "any token of 3+ chars as a substring (no boundaries)",
            Box::new(|l: &str, s: &str| {
                tokens
                    .iter()
                    .find(|t| t.len() >= 3 && l.replace('-', "").contains(t.as_str()))
                    .map(|t| format!("{l}.{s}>{t}"))
            }),
        ),
        (
            "generic tokens treated as distinctive (substring)",
            Box::new(|l: &str, s: &str| {
                tokens
                    .iter()
                    .find(|t| {
                        generic.contains(t.as_str()) && l.contains(t.as_str()) && l != t.as_str()
                    })
                    .map(|t| format!("{l}.{s}>{t}"))
            }),
        ),
    ];
    println!(
        "precision ablation on {} popular domains (current rules: 0 flagged)",
        popular.len()
    );
    for (name, f) in &rules {
        let (n, examples) = count(f.as_ref());
        println!("  {n:>3} flagged by: {name}  e.g. {examples:?}");
    }
}

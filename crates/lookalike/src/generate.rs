//! Lookalike generators for evaluation (dnstwist-style), each lookalike tagged with the
//! technique that made it.

use crate::edit::{is_vowel, keyboard_neighbours};
use crate::technique::Technique;
use crate::words::GENERIC;

/// A generated lookalike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The technique that made it.
    pub technique: Technique,
    /// The lookalike: a full host for [`domain_lookalikes`] (Unicode form), a handle for
    /// [`handle_lookalikes`].
    pub value: String,
}

/// Homoglyphs of an ASCII character: Cyrillic, Greek and Armenian lookalikes, Latin letters with
/// diacritics or hooks (most of dnstwist's table), and the ASCII lookalikes (`rn`, `vv`, `cl`,
/// digits).
pub(crate) fn homoglyphs(c: char) -> &'static [&'static str] {
    match c {
        'a' => &[
            "а", "ɑ", "α", "à", "á", "â", "ã", "ä", "å", "ą", "ạ", "ǎ", "ă", "ȧ",
        ],
        'b' => &["ь", "ḃ", "ḅ", "ḇ", "ƅ", "ɓ"],
        // Not the lunate sigma `ϲ`: IDNA maps it to `σ`, which no longer looks like `c`.
        'c' => &["с", "ƈ", "ċ", "ć", "ç", "č", "ĉ", "ᴄ"],
        'd' => &["ԁ", "cl", "ɗ", "đ", "ď", "ɖ", "ḑ", "ḋ", "ḍ", "ḏ", "ḓ"],
        'e' => &[
            "е", "é", "è", "ê", "ë", "ē", "ĕ", "ě", "ė", "ẹ", "ę", "ȩ", "ɇ", "ḛ",
        ],
        'f' => &["ƒ", "ḟ"],
        'g' => &["ɡ", "ġ", "ğ", "ǵ", "ģ", "ĝ", "ǧ", "ǥ", "ɢ"],
        'h' => &["һ", "ĥ", "ȟ", "ħ", "ɦ", "ḧ", "ḩ", "ⱨ", "ḣ", "ḥ", "ḫ", "ẖ"],
        'i' => &[
            "і", "ι", "1", "l", "í", "ì", "ï", "ı", "ɩ", "ǐ", "ĭ", "ỉ", "ị", "ɨ", "ȋ", "ī",
        ],
        'j' => &["ј", "ʝ", "ǰ", "ɉ", "ĵ"],
        'k' => &["к", "κ", "ḳ", "ḵ", "ⱪ", "ķ", "ᴋ"],
        'l' => &["ӏ", "1", "i", "ɫ", "ł", "ĺ", "ļ", "ľ", "ḷ"],
        'm' => &["rn", "ṁ", "ṃ", "ɱ", "ḿ"],
        'n' => &["ո", "ń", "ṅ", "ṇ", "ṉ", "ñ", "ņ", "ǹ", "ň", "ꞑ"],
        'o' => &[
            "о", "ο", "0", "ȯ", "ọ", "ỏ", "ơ", "ó", "ö", "ò", "ô", "õ", "ø", "ᴏ",
        ],
        'p' => &["р", "ρ", "ƿ", "ƥ", "ṕ", "ṗ"],
        'q' => &["ԛ", "ʠ"],
        'r' => &[
            "г", "ʀ", "ɼ", "ɽ", "ŕ", "ŗ", "ř", "ɍ", "ɾ", "ȓ", "ȑ", "ṙ", "ṛ", "ṟ",
        ],
        's' => &["ѕ", "5", "ʂ", "ś", "ṣ", "ṡ", "ș", "ŝ", "š", "ꜱ"],
        't' => &["ţ", "ŧ", "ṫ", "ṭ", "ț", "ƫ", "ť"],
        'u' => &[
            "ս", "υ", "ᴜ", "ǔ", "ŭ", "ü", "ʉ", "ù", "ú", "û", "ũ", "ū", "ų", "ư", "ů", "ű",
        ],
        'v' => &["ѵ", "ν", "ṿ", "ⱱ", "ᶌ", "ṽ", "ⱴ", "ᴠ"],
        'w' => &["ԝ", "vv", "ŵ", "ẁ", "ẃ", "ẅ", "ⱳ", "ẇ", "ẉ", "ẘ", "ᴡ"],
        'x' => &["х", "χ", "ẋ", "ẍ"],
        'y' => &["у", "γ", "ʏ", "ý", "ÿ", "ŷ", "ƴ", "ȳ", "ɏ", "ỿ", "ẏ", "ỵ"],
        'z' => &["ʐ", "ż", "ź", "ᴢ", "ƶ", "ẓ", "ẕ", "ⱬ"],
        '0' => &["o", "о"],
        '1' => &["l", "і"],
        '5' => &["s", "ѕ"],
        _ => &[],
    }
}

/// The Cyrillic lookalike of a Latin letter, for whole-label substitutions (`аррӏе`).
fn cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'd' => 'ԁ',
        'e' => 'е',
        'h' => 'һ',
        'i' => 'і',
        'j' => 'ј',
        'k' => 'к',
        'l' => 'ӏ',
        'o' => 'о',
        'p' => 'р',
        'q' => 'ԛ',
        's' => 'ѕ',
        'w' => 'ԝ',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

fn fullwidth(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        char::from_u32(c as u32 - 0x21 + 0xFF01)
    } else {
        None
    }
}

/// Longest label or handle the generators accept (a DNS label is at most 63 bytes): the
/// output grows with the square of the length.
const MAX_LEN: usize = 63;

/// Words put next to a brand by the combosquatting generator.
const COMBO_WORDS: &[&str] = &[
    "support", "login", "secure", "wallet", "app", "verify", "help", "official", "airdrop",
    "claim", "bonus", "account", "security", "update", "kyc", "recovery", "connect", "rewards",
    "pro", "global",
];

/// Unrelated hosts the subdomain-abuse generator hangs brands under.
const EVIL_HOSTS: &[&str] = &["evil.io", "account-check.net", "xyz123.com"];

/// Public suffixes for TLD swaps.
const SUFFIXES: &[&str] = &[
    "com", "net", "org", "io", "co", "app", "xyz", "info", "biz", "us", "me", "cc", "top", "site",
    "online", "live", "pro", "vip", "de", "ru", "in", "exchange", "finance", "com.br", "co.uk",
    "com.au",
];

struct Out {
    items: Vec<Lookalike>,
    seen: std::collections::HashSet<String>,
}

impl Out {
    fn new(original: &[&str]) -> Out {
        Out {
            items: Vec::new(),
            seen: original.iter().map(|s| s.to_lowercase()).collect(),
        }
    }

    fn push(&mut self, technique: Technique, value: String) {
        if !value.is_empty() && self.seen.insert(value.to_lowercase()) {
            self.items.push(Lookalike { technique, value });
        }
    }
}

fn s(chars: &[char]) -> String {
    chars.iter().collect()
}

/// A valid LDH-ish label: not empty, no leading or trailing hyphen.
fn label_ok(chars: &[char]) -> bool {
    !chars.is_empty() && chars.first() != Some(&'-') && chars.last() != Some(&'-')
}

/// The single-edit typos of `chars` (dnstwist's fuzzers): `(technique, typo)`.
fn typos(chars: &[char], hyphens: bool) -> Vec<(Technique, Vec<char>)> {
    let n = chars.len();
    let mut out = Vec::new();
    // Any substitution last: the dedup keeps the more specific name (vowel swap, bit flip).
    let mut replacements = Vec::new();
    let with = |i: usize, j: usize, mid: &[char]| -> Vec<char> {
        let mut v = chars.get(..i).unwrap_or(&[]).to_vec();
        v.extend_from_slice(mid);
        v.extend_from_slice(chars.get(j..).unwrap_or(&[]));
        v
    };
    for (i, &c) in chars.iter().enumerate() {
        // Insertion: a keyboard neighbour of a character, before or after it.
        for k in keyboard_neighbours(c).chars() {
            out.push((Technique::Insertion, with(i, i, &[k])));
            out.push((Technique::Insertion, with(i + 1, i + 1, &[k])));
        }
        out.push((Technique::Omission, with(i, i + 1, &[])));
        // Replacement: any letter or digit.
        for r in ('a'..='z').chain('0'..='9') {
            if r != c {
                replacements.push((Technique::Replacement, with(i, i + 1, &[r])));
            }
        }
        if let Some(&d) = chars.get(i + 1)
            && d != c
        {
            out.push((Technique::Transposition, with(i, i + 2, &[d, c])));
        }
        if c.is_alphanumeric() {
            out.push((Technique::Repetition, with(i, i + 1, &[c, c])));
        }
        if is_vowel(c) {
            for v in ['a', 'e', 'i', 'o', 'u'] {
                if v != c {
                    out.push((Technique::VowelSwap, with(i, i + 1, &[v])));
                }
            }
        }
        if c.is_ascii() {
            for bit in 0..8 {
                let f = char::from((c as u8) ^ (1 << bit));
                if f.is_ascii_lowercase() || f.is_ascii_digit() || f == '-' {
                    out.push((Technique::BitFlip, with(i, i + 1, &[f])));
                }
            }
        }
        if hyphens && i > 0 && c != '-' && chars.get(i - 1) != Some(&'-') {
            out.push((Technique::Hyphenation, with(i, i, &['-'])));
        }
    }
    // Addition at the end (dnstwist's "addition"): an insertion.
    for r in 'a'..='z' {
        out.push((Technique::Insertion, with(n, n, &[r])));
    }
    out.append(&mut replacements);
    out
}

/// Domain lookalikes of an official domain (`domain`: ASCII registrable, `"example.com"`, with
/// its `label` and public `suffix`), dnstwist-style, each tagged with its technique; the
/// original is excluded and every value appears once (under the first technique that made it).
///
/// Homoglyphs (one character at a time from a table of Cyrillic, Greek, Armenian, diacritic,
/// hooked, small-capital and ASCII lookalikes, most of dnstwist's; all Cyrillic-substitutable
/// letters at once; fullwidth), single-edit typos (insertion of keyboard neighbours and at the end,
/// omission, replacement by any letter or digit, transposition, repetition, vowel swap, bit
/// flip, hyphenation, plural) under the official suffix, combosquatting with lure words,
/// subdomain abuse under unrelated hosts, and TLD swaps. A bare ordinary-word label as a
/// subdomain (`gemini.other.com`) is not generated: by the matcher's policy it is not an
/// impersonation (see the crate docs). Labels longer than 63 characters give nothing.
pub fn domain_lookalikes(domain: &str, label: &str, suffix: &str) -> Vec<Lookalike> {
    // Not a DNS label: nothing to imitate (and bounded output).
    if label.is_empty() || label.chars().count() > MAX_LEN || suffix.len() > 4 * MAX_LEN {
        return Vec::new();
    }
    let label = label.to_lowercase();
    let suffix = suffix.to_lowercase();
    let official = format!("{label}.{suffix}");
    let mut out = Out::new(&[domain, &official]);
    let chars: Vec<char> = label.chars().collect();
    let host = |l: &str| format!("{l}.{suffix}");

    for (i, &c) in chars.iter().enumerate() {
        for g in homoglyphs(c) {
            let v = format!(
                "{}{g}{}",
                s(chars.get(..i).unwrap_or(&[])),
                s(chars.get(i + 1..).unwrap_or(&[]))
            );
            out.push(Technique::Homoglyph, host(&v));
        }
        if let Some(f) = fullwidth(c) {
            let mut v = chars.clone();
            if let Some(x) = v.get_mut(i) {
                *x = f;
            }
            out.push(Technique::Homoglyph, host(&s(&v)));
        }
    }
    let whole: Vec<char> = chars.iter().map(|&c| cyrillic(c).unwrap_or(c)).collect();
    if whole.iter().zip(&chars).filter(|(a, b)| a != b).count() >= 2 {
        out.push(Technique::Homoglyph, host(&s(&whole)));
    }

    let generic = GENERIC.contains(&label.as_str());
    // Short and ordinary-word labels: only the visual typos count (see the matcher's precision
    // rules), so only those are generated.
    let visual_only = generic || chars.len() <= 4;
    for (technique, v) in typos(&chars, true) {
        let visual = matches!(
            technique,
            Technique::Repetition | Technique::Transposition | Technique::Hyphenation
        );
        if label_ok(&v) && (visual || !visual_only) {
            out.push(technique, host(&s(&v)));
        }
    }
    if !visual_only {
        out.push(Technique::Plural, host(&format!("{label}s")));
        out.push(Technique::Plural, host(&format!("{label}es")));
    }

    let dashed_suffix = suffix.replace('.', "-");
    for (k, w) in COMBO_WORDS.iter().enumerate() {
        let w2 = COMBO_WORDS.get((k + 1) % COMBO_WORDS.len()).unwrap_or(w);
        for v in [
            format!("{label}-{w}"),
            format!("{w}-{label}"),
            format!("{label}{w}"),
            format!("{w}{label}"),
            format!("{w}-{label}-{w2}"),
        ] {
            out.push(Technique::Combosquatting, host(&v));
        }
    }
    out.push(
        Technique::Combosquatting,
        format!("{label}-{dashed_suffix}.com"),
    );
    out.push(
        Technique::Combosquatting,
        format!("{label}{}.net", suffix.replace('.', "")),
    );

    for evil in EVIL_HOSTS {
        out.push(Technique::SubdomainAbuse, format!("{official}.{evil}"));
        out.push(Technique::SubdomainAbuse, format!("www.{official}.{evil}"));
        out.push(
            Technique::SubdomainAbuse,
            format!("login.{official}.{evil}"),
        );
        out.push(
            Technique::SubdomainAbuse,
            format!("{label}-{dashed_suffix}.{evil}"),
        );
        out.push(
            Technique::SubdomainAbuse,
            format!("www-{label}-{dashed_suffix}.{evil}"),
        );
        out.push(Technique::SubdomainAbuse, format!("{label}-login.{evil}"));
        if !generic {
            out.push(Technique::SubdomainAbuse, format!("{label}.{evil}"));
        }
    }

    for sfx in SUFFIXES {
        // An ordinary word under an established suffix is someone else's site.
        let established = matches!(*sfx, "com" | "net" | "org" | "io" | "co");
        if *sfx != suffix && !(generic && established) {
            out.push(Technique::TldSwap, format!("{label}.{sfx}"));
        }
    }
    out.items
}

/// Account-handle lookalikes of an official handle (lowercase, no `@`): homoglyphs (capital `I`
/// for `l`, digits for letters, `rn`/`vv`, Cyrillic), separators added, moved or removed,
/// brand-plus-word handles (`Example_Support`, `official_example`), and single-edit typos
/// (omission, repetition, transposition, replacement, insertion). The
/// original (in any case) is excluded; handles longer than 63 characters give nothing.
pub fn handle_lookalikes(handle: &str) -> Vec<Lookalike> {
    let handle = handle.trim_start_matches('@').to_lowercase();
    if handle.is_empty() || handle.chars().count() > MAX_LEN {
        return Vec::new();
    }
    let mut out = Out::new(&[&handle]);
    let chars: Vec<char> = handle.chars().collect();
    let is_sep = |c: char| c == '_' || c == '.' || c == '-';
    let cap = |v: &str| {
        let mut it = v.chars();
        it.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(it).collect())
    };

    for (i, &c) in chars.iter().enumerate() {
        let before = s(chars.get(..i).unwrap_or(&[]));
        let after = s(chars.get(i + 1..).unwrap_or(&[]));
        let swaps: &[&str] = match c {
            'l' => &["I", "1", "i"],
            'i' => &["1", "l", "I"],
            'o' => &["0"],
            's' => &["5"],
            'm' => &["rn"],
            'w' => &["vv"],
            'd' => &["cl"],
            _ => &[],
        };
        for g in swaps {
            let v = format!("{before}{g}{after}");
            out.push(Technique::Homoglyph, v.clone());
            out.push(Technique::Homoglyph, cap(&v));
        }
        if let Some(cy) = cyrillic(c) {
            out.push(Technique::Homoglyph, format!("{before}{cy}{after}"));
        }
        if i > 0 && !is_sep(c) && !chars.get(i - 1).is_some_and(|&p| is_sep(p)) {
            let prefix = s(chars.get(..i).unwrap_or(&[]));
            let rest = s(chars.get(i..).unwrap_or(&[]));
            out.push(Technique::Separator, format!("{prefix}_{rest}"));
            out.push(Technique::Separator, format!("{prefix}.{rest}"));
            out.push(
                Technique::Separator,
                format!("{}_{}", cap(&prefix), cap(&rest)),
            );
        }
        if is_sep(c) {
            out.push(Technique::Separator, format!("{before}{after}"));
            for o in ['_', '.', '-'] {
                if o != c {
                    out.push(Technique::Separator, format!("{before}{o}{after}"));
                }
            }
        }
    }
    out.push(Technique::Separator, format!("{handle}_"));
    out.push(Technique::Separator, format!("_{handle}"));

    for w in [
        "support",
        "official",
        "help",
        "team",
        "admin",
        "care",
        "airdrop",
        "help_desk",
    ] {
        out.push(Technique::Combosquatting, format!("{handle}_{w}"));
        out.push(Technique::Combosquatting, format!("{handle}{w}"));
        out.push(
            Technique::Combosquatting,
            format!("{}_{}", cap(&handle), cap(w)),
        );
        out.push(Technique::Combosquatting, format!("{w}_{handle}"));
    }
    out.push(Technique::Combosquatting, format!("real{handle}"));
    out.push(Technique::Combosquatting, format!("the_{handle}_official"));

    for (technique, v) in typos(&chars, false) {
        // Vowel swaps and bit flips are replacements already generated.
        let keep = !matches!(technique, Technique::VowelSwap | Technique::BitFlip);
        if keep && !v.is_empty() && !v.iter().all(|&c| is_sep(c)) {
            out.push(technique, s(&v));
        }
    }
    out.items
}

/// Words a dictionary generator puts next to a brand (dnstwist's `--dictionary`): the words of
/// phishing hosts, most of them not among the matcher's lure words.
const DICTIONARY: &[&str] = &[
    "account",
    "accounts",
    "activate",
    "activation",
    "airdrop",
    "alert",
    "app",
    "auth",
    "billing",
    "bonus",
    "bridge",
    "check",
    "claim",
    "confirm",
    "connect",
    "dapp",
    "dashboard",
    "defi",
    "drop",
    "eligibility",
    "eligible",
    "event",
    "events",
    "fix",
    "free",
    "gift",
    "help",
    "home",
    "info",
    "io",
    "launch",
    "live",
    "login",
    "mail",
    "mint",
    "my",
    "network",
    "nft",
    "online",
    "pass",
    "pay",
    "payment",
    "portal",
    "presale",
    "profile",
    "quest",
    "quests",
    "rectify",
    "register",
    "restore",
    "reward",
    "rewards",
    "secure",
    "security",
    "service",
    "signin",
    "stake",
    "staking",
    "support",
    "swap",
    "sync",
    "token",
    "unlock",
    "update",
    "user",
    "validate",
    "verify",
    "web",
    "web3",
    "wallet",
    "www",
    "claims",
    "collection",
    "collections",
    "listing",
    "listings",
    "migrate",
    "recovery",
    "review",
];

/// Homoglyphs of dnstwist's ASCII table: letters that read as others in small fonts.
fn ascii_glyphs(c: char) -> &'static [&'static str] {
    match c {
        '0' => &["o"],
        '1' => &["l", "i"],
        'b' => &["d", "lb"],
        'c' => &["e"],
        'd' => &["b", "cl", "dl"],
        'e' => &["c"],
        'g' => &["q"],
        'h' => &["lh"],
        'i' => &["1", "l"],
        'k' => &["lc"],
        'l' => &["1", "i"],
        'm' => &["n", "nn", "rn"],
        'n' => &["m", "r"],
        'o' => &["0"],
        'q' => &["g"],
        'w' => &["vv"],
        _ => &[],
    }
}

/// More look-alikes of an official registrable `label` under `suffix`, for evaluation, each
/// named by its generator:
///
/// - `dictionary`: the label joined to a word, before or after, with or without a hyphen
///   (`example-quests`, `claimexample`);
/// - `homoglyph-2`: two visual substitutions at once, from the homoglyph table and dnstwist's
///   ASCII table (`rn` for `m`, `e` for `c`, `d` for `b`), every letter of a kind replaced within
///   a window (`coinbasc` then `eoinbase`, `exarnpie`);
/// - `dot-insertion`: a dot inserted into the label (`exa.mple.com`).
pub fn extra_lookalikes(label: &str, suffix: &str) -> Vec<(&'static str, String)> {
    if label.is_empty() || label.chars().count() > MAX_LEN || suffix.len() > 4 * MAX_LEN {
        return Vec::new();
    }
    let label = label.to_lowercase();
    let suffix = suffix.to_lowercase();
    let official = format!("{label}.{suffix}");
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    seen.insert(official);
    let mut out = Vec::new();
    let mut push = |name: &'static str, v: String| {
        if seen.insert(v.clone()) {
            out.push((name, v));
        }
    };
    for w in DICTIONARY {
        for v in [
            format!("{label}-{w}"),
            format!("{label}{w}"),
            format!("{w}-{label}"),
            format!("{w}{label}"),
        ] {
            push("dictionary", format!("{v}.{suffix}"));
        }
    }
    let chars: Vec<char> = label.chars().collect();
    // One pass: every glyph of one character, and of all its occurrences.
    let pass = |chars: &[char]| -> Vec<Vec<char>> {
        let mut res = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            let glyphs = ascii_glyphs(c).iter().chain(homoglyphs(c).iter().take(3));
            for g in glyphs {
                let mut one = chars.get(..i).unwrap_or(&[]).to_vec();
                one.extend(g.chars());
                one.extend_from_slice(chars.get(i + 1..).unwrap_or(&[]));
                res.push(one);
                let all: Vec<char> = chars
                    .iter()
                    .flat_map(|&x| if x == c { g.chars().collect() } else { vec![x] })
                    .collect();
                res.push(all);
            }
        }
        res
    };
    let first = pass(&chars);
    let mut second: Vec<String> = Vec::new();
    for f in &first {
        for s2 in pass(f) {
            second.push(s(&s2));
        }
    }
    second.sort();
    second.dedup();
    // Bounded: an even sample of the second pass.
    let step = (second.len() / 400).max(1);
    for v in second.iter().step_by(step) {
        if v.chars().filter(|c| !c.is_alphanumeric()).count() == 0 {
            push("homoglyph-2", format!("{v}.{suffix}"));
        }
    }
    for i in 1..chars.len() {
        let v = format!(
            "{}.{}",
            s(chars.get(..i).unwrap_or(&[])),
            s(chars.get(i..).unwrap_or(&[]))
        );
        if !v.contains("..") && !v.contains(".-") && !v.contains("-.") {
            push("dot-insertion", format!("{v}.{suffix}"));
        }
    }
    out
}

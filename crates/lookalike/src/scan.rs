//! Brand-token scanning (combosquatting, subdomains, free text) with one Aho-Corasick pass.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{Bits, CAP, Folded};
use crate::words::{CATEGORY, CONTEXT, EXTENSION, GENERIC, LURE};

/// How much a token proves alone (see the crate docs, "Precision rules").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Distinctive and long enough (≥ 6 folded characters, not a word): anywhere in a name.
    Strong,
    /// Distinctive but short (3 to 5 characters, `okx`, `bybit`), or an official domain spelled
    /// out (`binancecom`, `gateio`): only at word boundaries (separator, digit, start/end, or
    /// next to a lure or extension word).
    Short,
    /// An ordinary word (`gate`, `gemini`, `ledger`): only with a lure word, and nothing but
    /// lure and extension words.
    Generic,
}

/// Where a token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The registrable label of an official domain (`binance`).
    Label,
    /// An official domain spelled as words (`binance.com` → `binancecom`).
    Domain,
    /// A caller-given brand token.
    Brand,
    /// An official handle.
    Handle,
}

/// A brand token.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) id: u32,
    /// As the registry spells it (for [`crate::Detail::Contains`]).
    pub(crate) display: String,
    pub(crate) class: Class,
    pub(crate) kind: Kind,
    /// An ordinary word that names the whole field (`crypto`): crypto-context words next to it
    /// say nothing.
    pub(crate) category: bool,
}

/// What is being scanned, which decides what an exact, whole-string token means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A registrable label or a handle: the whole string being an official label or handle is
    /// decided elsewhere (TLD swap, identical handle); a whole generic word proves nothing.
    Label,
    /// A name on its own, one subdomain label or a handle: a whole distinctive token counts
    /// (`binance.evil.io`, an `@bitget` that is not the official `@bitgetglobal`), a whole
    /// generic word does not (`gemini.google.com`).
    Standalone,
    /// Free text or an email local part: a whole token counts, generic or not (`Gemini`).
    Text,
}

/// A token found in a folded string, at folded byte positions `start..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) token: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Lure and extension words found in a folded string (fixed size: no allocation).
struct Lures {
    /// `(start, end, 2 lure / 1 context / 0 extension word)`.
    occ: [(u16, u16, u8); 64],
    n: usize,
    starts: Bits,
    ends: Bits,
}

/// Brand tokens and lure words, compiled.
pub(crate) struct Scanner {
    tokens: Vec<Token>,
    ac: Option<AhoCorasick>,
    pattern_token: Vec<usize>,
    lure: Option<AhoCorasick>,
    /// Per lure-automaton pattern: 2 a [`LURE`] word, 1 a [`CONTEXT`] word, 0 an
    /// [`EXTENSION`] word.
    lure_strong: Vec<u8>,
    /// Per lure-automaton pattern of two folded letters: bit `k` set when letter `k` of the
    /// word as written is an `l`. In such a short word an `l` as written stands for no `i`:
    /// the fold reads `al` as `ai` (`tonal`, `polygonal` hold no lure word) and `lo` as `io`
    /// (`aaveloan`); an `i` or a `1` written for an `l` is still the disguise the fold is for.
    lure_ells: Vec<Option<u8>>,
    /// The patterns of `ac` of the ordinary-word tokens that do not name the whole field
    /// (`Class::Generic`, not `category`: few of the many tokens), with their token, sorted
    /// by pattern: the token a whole folded string is ([`Scanner::exact`]) without running
    /// the automaton.
    exact: Vec<(Box<[u8]>, usize)>,
    /// Per length `n` (longer ones at [`CAP`]), bit `b % 64` set for each pattern of `exact`
    /// of `n` bytes beginning with byte `b`: most strings are no pattern by these alone.
    exact_heads: Vec<u64>,
}

fn build(patterns: &[String]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

/// The folded forms of a word: single characters folded, and with digraphs folded too when that
/// differs (the input may use either, `exarnple-support`).
fn forms(raw: &str) -> (String, Option<String>) {
    let f = Folded::new(raw, false);
    let d = f.digraphs().map(|d| d.as_str().to_owned());
    (f.as_str().to_owned(), d)
}

/// Whether a name is one of the ordinary words of [`GENERIC`] (after folding).
pub(crate) fn is_generic(name: &str) -> bool {
    // The folded list is made once: folding its 166 words for every question cost a twentieth
    // of `verify -` over phishing names (`Scanner::is_word` asks it for most name parts).
    static FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        let mut v: Vec<String> = GENERIC.iter().map(|g| forms(g).0).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let f = Folded::new(name, false);
    folded
        .binary_search_by(|g| g.as_str().cmp(f.as_str()))
        .is_ok()
}

/// The lure, context and extension words compiled: the same for every [`Scanner`], so made
/// once per process (its automaton is most of the time a matcher takes to build, and every
/// matcher builds two scanners).
struct LureWords {
    ac: Option<AhoCorasick>,
    strong: Vec<u8>,
    ells: Vec<Option<u8>>,
}

impl LureWords {
    fn get() -> &'static LureWords {
        static WORDS: std::sync::OnceLock<LureWords> = std::sync::OnceLock::new();
        WORDS.get_or_init(LureWords::build)
    }

    fn build() -> LureWords {
        let mut lures: Vec<String> = Vec::new();
        let mut lure_strong = Vec::new();
        let mut lure_ells = Vec::new();
        let words = LURE
            .iter()
            .map(|w| (w, 2u8))
            .chain(CONTEXT.iter().map(|w| (w, 1)))
            .chain(EXTENSION.iter().map(|w| (w, 0)));
        // A lure or context word also counts with a plural or past ending (`whitelists`,
        // `mints`, `claimed`): phishing names are written in a hurry. Not `-ing`, which makes
        // other nouns (`accounting`, `securing`).
        let inflected = words.flat_map(|(w, strong)| {
            let long = w.len() >= 4;
            let forms = [
                Some((*w).to_owned()),
                (long && !w.ends_with('s')).then(|| format!("{w}s")),
                (long && strong > 0).then(|| format!("{}ed", w.trim_end_matches('e'))),
            ];
            forms.into_iter().flatten().map(move |f| (f, strong))
        });
        for (w, strong) in inflected {
            let w = w.as_str();
            let (a, b) = forms(w);
            for p in std::iter::once(a).chain(b) {
                // Not a one-letter folded form (`cl` folds to `d`).
                if p.len() >= 2 && !lures.contains(&p) {
                    let ells = (p.len() == 2 && w.len() == 2).then(|| {
                        w.bytes()
                            .enumerate()
                            .filter(|&(_, b)| b == b'l')
                            .fold(0u8, |m, (k, _)| m | 1 << k)
                    });
                    lures.push(p);
                    lure_strong.push(strong);
                    lure_ells.push(ells);
                }
            }
        }
        LureWords {
            ac: build(&lures),
            strong: lure_strong,
            ells: lure_ells,
        }
    }
}

impl Scanner {
    /// Compiles `(id, token as written, display form, kind)` entries. Tokens shorter than three
    /// folded characters are ignored (`ok`, `x`: they would match everywhere).
    pub(crate) fn new(entries: Vec<(u32, String, String, Kind)>) -> Scanner {
        let generic: Vec<String> = GENERIC.iter().map(|g| forms(g).0).collect();
        let mut tokens = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let mut pattern_token = Vec::new();
        for (id, raw, display, kind) in entries {
            let (single, digraphs) = forms(&raw);
            let n = single.chars().count();
            if n < 3 {
                continue;
            }
            // An official domain spelled out ends in a suffix word that starts many words
            // (`cryptocom` in `cryptocompare`): it needs word boundaries like a short token.
            let class = if kind == Kind::Domain || raw.contains('.') {
                Class::Short
            } else if generic.contains(&single) {
                Class::Generic
            } else if n >= 6 {
                Class::Strong
            } else {
                Class::Short
            };
            let index = tokens.len();
            let category = CATEGORY.iter().any(|c| forms(c).0 == single);
            tokens.push(Token {
                id,
                display,
                class,
                kind,
                category,
            });
            for p in std::iter::once(single).chain(digraphs) {
                // First token wins a shared pattern (the registry order decides); a spelled
                // domain whose letters are also a distinctive brand name (`chain.link`,
                // `chainlink`) takes the name's class: it counts anywhere.
                match seen.get(&p) {
                    None => {
                        seen.insert(p.clone(), patterns.len());
                        patterns.push(p);
                        pattern_token.push(index);
                    }
                    Some(&at) => {
                        if class == Class::Strong
                            && let Some(&t) = pattern_token.get(at)
                            && let Some(old) = tokens.get_mut(t)
                            && old.kind == Kind::Domain
                            && old.class == Class::Short
                        {
                            old.class = Class::Strong;
                        }
                    }
                }
            }
        }
        let words = LureWords::get();
        let mut exact: Vec<(Box<[u8]>, usize)> = patterns
            .iter()
            .zip(&pattern_token)
            .filter(|&(_, &t)| {
                tokens
                    .get(t)
                    .is_some_and(|t| t.class == Class::Generic && !t.category)
            })
            .map(|(p, &t)| (p.as_bytes().into(), t))
            .collect();
        exact.sort_unstable();
        let mut exact_heads = vec![0u64; CAP + 1];
        for (p, _) in &exact {
            if let (Some(&b), Some(slot)) = (p.first(), exact_heads.get_mut(p.len().min(CAP))) {
                *slot |= 1 << (b % 64);
            }
        }
        Scanner {
            exact,
            exact_heads,
            ac: build(&patterns),
            lure: words.ac.clone(),
            lure_strong: words.strong.clone(),
            lure_ells: words.ells.clone(),
            tokens,
            pattern_token,
        }
    }

    pub(crate) fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// Every token, in order.
    #[cfg(test)]
    pub(crate) fn tokens(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter()
    }

    /// Whether a pattern may be `folded` by its length and first byte: false proves
    /// [`Scanner::exact`] finds none.
    #[inline]
    pub(crate) fn exact_head(&self, folded: &[u8]) -> bool {
        let Some(&b) = folded.first() else {
            return false;
        };
        self.exact_heads
            .get(folded.len().min(CAP))
            .is_some_and(|m| m >> (b % 64) & 1 == 1)
    }

    /// The ordinary-word token (not naming the whole field) one of whose patterns is exactly
    /// `folded`: the only occurrence covering the whole string that [`Scanner::scan`] can
    /// find, and, being the longest, the one it returns in [`Mode::Text`] when kept (patterns
    /// are distinct: the first token wins a shared one, as in the automaton). A whole string
    /// that is another token's pattern is no such word: `None`, as the scan keeping only
    /// these words finds nothing covering it.
    pub(crate) fn exact(&self, folded: &[u8]) -> Option<usize> {
        self.ac.as_ref()?;
        let i = self
            .exact
            .binary_search_by(|(p, _)| p.as_ref().cmp(folded))
            .ok()?;
        self.exact.get(i).map(|&(_, t)| t)
    }

    fn lures(&self, f: &Folded) -> Lures {
        let mut l = Lures {
            occ: [(0, 0, 0); 64],
            n: 0,
            starts: Bits::default(),
            ends: Bits::default(),
        };
        if let Some(ac) = &self.lure {
            for m in ac.find_overlapping_iter(f.bytes()) {
                if let Some(Some(ells)) = self.lure_ells.get(m.pattern().as_usize()) {
                    // An `l` as written is no `i`; an `i` or `1` may still stand for an `l`.
                    let written = (m.start()..m.end())
                        .enumerate()
                        .all(|(k, p)| !f.ell(p) || ells >> k & 1 == 1);
                    if !written {
                        continue;
                    }
                }
                l.starts.set(m.start());
                l.ends.set(m.end());
                let strong = self
                    .lure_strong
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(0);
                if let (Some(o), Ok(s), Ok(e)) = (
                    l.occ.get_mut(l.n),
                    u16::try_from(m.start()),
                    u16::try_from(m.end()),
                ) {
                    *o = (s, e, strong);
                    l.n += 1;
                }
            }
        }
        l
    }

    /// Whether `f[a..b]` is made only of lure and extension words and digits.
    fn tileable(f: &Folded, lures: &Lures, a: usize, b: usize) -> bool {
        let mut reach = Bits::default();
        reach.set(a);
        for p in a..b {
            if !reach.get(p) {
                continue;
            }
            if f.digit(p) {
                reach.set(p + 1);
            }
            for &(s, e, _) in lures.occ.get(..lures.n).unwrap_or(&[]) {
                if usize::from(s) == p && usize::from(e) <= b {
                    reach.set(usize::from(e));
                }
            }
        }
        reach.get(b)
    }

    /// The best (longest) token occurrence in `f` that the precision rules accept, among tokens
    /// for which `keep` is true.
    pub(crate) fn scan(
        &self,
        f: &Folded,
        mode: Mode,
        keep: impl Fn(&Token) -> bool,
    ) -> Option<Hit> {
        let ac = self.ac.as_ref()?;
        let hay = f.bytes();
        let len = hay.len();
        let mut best: Option<Hit> = None;
        let mut lures: Option<Lures> = None;
        for m in ac.find_overlapping_iter(hay) {
            let Some(&ti) = self.pattern_token.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(tok) = self.tokens.get(ti) else {
                continue;
            };
            let (s, e) = (m.start(), m.end());
            if best.is_some_and(|b| b.end - b.start >= e - s) || !keep(tok) {
                continue;
            }
            let whole = s == 0 && e == len;
            let ok = match tok.class {
                _ if whole && mode == Mode::Label && tok.kind == Kind::Label => false,
                Class::Strong => true,
                Class::Short => {
                    // Boundaries first: the lure scan is only needed when one is missing.
                    let left = s == 0 || f.bound(s) || f.digit(s - 1);
                    let right = e == len || f.bound(e) || f.digit(e);
                    (left && right)
                        || {
                            let l = lures.get_or_insert_with(|| self.lures(f));
                            (left || l.ends.get(s)) && (right || l.starts.get(e))
                        }
                        || (mode == Mode::Label
                            && tok.kind != Kind::Domain
                            && glued(f, s, e, e - s))
                }
                Class::Generic if whole => mode == Mode::Text,
                Class::Generic if digits_around(f, s, e) => true,
                Class::Generic => {
                    let l = lures.get_or_insert_with(|| self.lures(f));
                    // A lure, context or web word (`kraken-bridge`, `ledger-online`,
                    // `myphantom`); only a lure word for a token that names the whole field
                    // (`crypto-news` is not Crypto.com).
                    let need = if tok.category { 2 } else { 1 };
                    let outside = |&(a, b, strong): &(u16, u16, u8)| {
                        strong >= need && (usize::from(b) <= s || usize::from(a) >= e)
                    };
                    l.occ.get(..l.n).unwrap_or(&[]).iter().any(outside)
                        && Self::tileable(f, l, 0, s)
                        && Self::tileable(f, l, e, len)
                }
            };
            if ok {
                best = Some(Hit {
                    token: ti,
                    start: s,
                    end: e,
                });
            }
        }
        best
    }
}

/// Most letters glued to a short token of four or five letters at a word's edge (`lidoo`,
/// `erclido`); one fewer for three-letter tokens (`okxaa`, not `jupati`).
const GLUED_MAX: usize = 3;

/// Whether a short token at `s..e` (`n` folded letters) begins or ends a word of `f` with a
/// few other letters in the word (`lidoa`, `okxhh`, `airlido`, `slinea`): a throw-away
/// variant of the brand's name. Longer additions are other names (`lidocaine`); a word
/// holding the token is checked against the dictionary by the caller.
fn glued(f: &Folded, s: usize, e: usize, n: usize) -> bool {
    let max = if n <= 3 { GLUED_MAX - 1 } else { GLUED_MAX };
    let len = f.bytes().len();
    let word_start = (0..=s).rev().find(|&p| p == 0 || f.bound(p)).unwrap_or(0);
    let word_end = (e..=len).find(|&p| p == len || f.bound(p)).unwrap_or(len);
    let before = s - word_start;
    let after = word_end - e;
    let letters = |a: usize, b: usize| (a..b).all(|p| !f.digit(p));
    (before == 0 && (1..=max).contains(&after) && letters(e, word_end))
        || (after == 0 && (1..=max).contains(&before) && letters(word_start, s))
}

/// Whether everything in `f` outside `s..e` is digits (at least one), one of them or a
/// separator right next to the token: `1-ledger`, `ledger24`, `kraken-2fa` is not (letters).
fn digits_around(f: &Folded, s: usize, e: usize) -> bool {
    let len = f.bytes().len();
    let outside = (0..s).chain(e..len);
    let mut any = false;
    for p in outside {
        if !f.digit(p) {
            return false;
        }
        any = true;
    }
    any && ((s > 0 && (f.bound(s) || f.digit(s - 1))) || (e < len && (f.bound(e) || f.digit(e))))
}

impl Scanner {
    /// Whether `s` is exactly one lure, context or extension word, or an ordinary word
    /// (`finance`, `wallets`): not a misspelt brand.
    pub(crate) fn is_word(&self, s: &str) -> bool {
        let f = Folded::new(s, false);
        let len = f.bytes().len();
        let l = self.lures(&f);
        is_generic(s)
            || l.occ
                .get(..l.n)
                .unwrap_or(&[])
                .iter()
                .any(|&(a, b, _)| a == 0 && usize::from(b) == len)
    }

    /// Whether `s` is made only of lure, context and extension words and digits, at least one
    /// of them a lure word (`claim-drops`, `web3mint`; not `bank`, `online-news`).
    pub(crate) fn lure_words_only(&self, s: &str) -> bool {
        let Some((f, l)) = self.folded_lures(s) else {
            return false;
        };
        let occ = l.occ.get(..l.n).unwrap_or(&[]);
        occ.iter().any(|o| o.2 == 2) && Self::tileable(&f, &l, 0, f.bytes().len())
    }

    /// [`Scanner::lure_words_only`] of a string already folded (with its digraphs folded:
    /// `airclrop` reads `airdrop`).
    pub(crate) fn lure_words_only_folded(&self, f: &Folded) -> bool {
        if f.bytes().is_empty() {
            return false;
        }
        let l = self.lures(f);
        let occ = l.occ.get(..l.n).unwrap_or(&[]);
        occ.iter().any(|o| o.2 == 2) && Self::tileable(f, &l, 0, f.bytes().len())
    }

    /// `s` folded and the lure words found in it; `None` when it folds to nothing.
    fn folded_lures(&self, s: &str) -> Option<(Folded, Lures)> {
        let f = Folded::new(s, false);
        if f.bytes().is_empty() {
            return None;
        }
        let l = self.lures(&f);
        Some((f, l))
    }

    /// Whether `s` is made of lure, context and extension words and digits but for at most
    /// `stray` other letters, with a lure word of four or more letters among them
    /// (`web3rmint`, `pzmint`, `1-xdrop`): a drop page's name typed in a hurry.
    pub(crate) fn lure_words_nearly(&self, s: &str, stray: u8) -> bool {
        let Some((f, l)) = self.folded_lures(s) else {
            return false;
        };
        let len = f.bytes().len();
        let occ = l.occ.get(..l.n).unwrap_or(&[]);
        if !occ.iter().any(|&(a, b, k)| k == 2 && b - a >= 4) {
            return false;
        }
        // `cost[p]`: the fewest stray letters in a tiling of the first `p` bytes.
        let mut cost = [u8::MAX; CAP + 1];
        if let Some(c) = cost.get_mut(0) {
            *c = 0;
        }
        for p in 0..len {
            let here = cost.get(p).copied().unwrap_or(u8::MAX);
            if here > stray {
                continue;
            }
            let mut relax = |to: usize, c: u8| {
                if let Some(slot) = cost.get_mut(to) {
                    *slot = (*slot).min(c);
                }
            };
            relax(p + 1, if f.digit(p) { here } else { here + 1 });
            for &(a, b, _) in occ {
                if usize::from(a) == p {
                    relax(usize::from(b), here);
                }
            }
        }
        cost.get(len).is_some_and(|&c| c <= stray)
    }

    /// Whether `s` is made only of lure and extension words and digits (`claim`, `login-app`,
    /// `secure2`): the rest of a name around a misspelt brand.
    pub(crate) fn words_only(&self, s: &str) -> bool {
        let f = Folded::new(s, false);
        let len = f.bytes().len();
        if len == 0 {
            return false;
        }
        let l = self.lures(&f);
        Self::tileable(&f, &l, 0, len)
    }
}

/// The words of `raw` outside the folded range `hit` (as written in `raw`), split at anything
/// that is not a letter or digit.
pub(crate) fn extras(raw: &str, f: &Folded, hit: &Hit) -> Vec<String> {
    let (a, b) = (f.src(hit.start), f.src(hit.end));
    let before = raw.get(..a).unwrap_or("");
    let after = raw.get(b..).unwrap_or("");
    before
        .split(|c: char| !c.is_alphanumeric())
        .chain(after.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

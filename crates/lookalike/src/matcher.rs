//! The matcher: official targets compiled once, then checked against domains, handles and text.

use crate::edit::{char_mask, classify, confusable_pairs, one_edit};
use crate::fold::{CharBuf, Folded, skeleton};
use crate::scan::{Hit, Kind, Mode, Scanner, Token, extras, is_generic};
use crate::technique::{Detail, Match, Technique};

/// An official domain to protect. `id` is opaque (the caller maps it back to a brand/channel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainTarget {
    /// Caller's identifier, returned in [`Match::target`].
    pub id: u32,
    /// ASCII registrable domain, `"example.com"`.
    pub domain: String,
    /// Unicode registrable label, `"example"`.
    pub label: String,
    /// Public suffix, `"com"`.
    pub suffix: String,
}

/// An official account handle to protect (normalized lowercase, no `@`), on any platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandleTarget {
    /// Caller's identifier, returned in [`Match::target`].
    pub id: u32,
    /// The handle, `"example"`, `"example_support"`.
    pub handle: String,
}

/// A brand name or distinctive token for combosquatting and display-name claims (`"example"`,
/// `"example exchange"`). Separators and spaces do not matter (`"crypto.com"` is `cryptocom`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandToken {
    /// Caller's identifier, returned in [`Match::target`] and by the `*_brand` methods.
    pub id: u32,
    /// The token.
    pub token: String,
}

/// What the caller knows of the domain under test (from the `indicator` crate: Unicode forms,
/// public-suffix split).
#[derive(Debug, Clone, Copy)]
pub struct DomainView<'a> {
    /// Full host, Unicode form, lowercase: `"login.examp1e-support.co.uk"`.
    pub host: &'a str,
    /// Unicode registrable label: `"examp1e-support"`.
    pub label: &'a str,
    /// Public suffix: `"co.uk"`.
    pub suffix: &'a str,
    /// Unicode subdomain part: `"login"`.
    pub subdomain: Option<&'a str>,
}

struct DomainEntry {
    id: u32,
    /// The label is an ordinary word: its typos are other words (`krakend`, `ledgers`).
    generic: bool,
    label: Vec<char>,
    label_bytes: Vec<u8>,
    skel: String,
    skel_chars: Vec<char>,
    /// [`char_mask`] of `label` and `skel_chars`.
    masks: (u64, u64),
    suffix: String,
}

struct HandleEntry {
    id: u32,
    lower: Vec<char>,
    stripped: Vec<char>,
    skel: String,
    skel_chars: Vec<char>,
    /// [`char_mask`] of `stripped` and `skel_chars`.
    masks: (u64, u64),
}

/// Lookalike matcher over a registry of official domains, handles and brand tokens.
///
/// Build it once ([`Matcher::new`] folds and compiles everything); the `match_*` methods are
/// then allocation-free until they find something.
pub struct Matcher {
    domains: Vec<DomainEntry>,
    handles: Vec<HandleEntry>,
    /// Domain labels, official domains spelled as words, brand tokens.
    domain_scan: Scanner,
    /// The same plus official handles: for handles, display names and local parts.
    text_scan: Scanner,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("domains", &self.domains.len())
            .field("handles", &self.handles.len())
            .finish_non_exhaustive()
    }
}

/// Not a letter or digit: a separator in handles and texts.
fn is_sep(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The stripped skeleton (separators removed) in a fixed buffer, digraphs folded.
fn stripped_folded(s: &str) -> Folded {
    let f = Folded::new(s, false);
    f.digraphs().unwrap_or(f)
}

/// Ranks of label-level findings: lower is stronger.
const RANK_HOMOGLYPH: u8 = 0;
const RANK_EXACT: u8 = 1;
const RANK_HYPHEN: u8 = 2;
const RANK_TYPO: u8 = 3;
const RANK_FOLDED_TYPO: u8 = 4;

/// Minimum official label (or handle) length, in characters, for single-edit typos under any
/// suffix: `okx` → `ok.ru`, `gate` → `date.com` are other sites, `binance` → `binanse.net` is
/// not. Labels that are ordinary words (`kraken`, `ledger`) get typos under their own suffix
/// only: their one-edit neighbours are words and products too (`krakend.io`, `ledgers.net`).
pub(crate) const TYPO_MIN_LEN: usize = 5;
/// Minimum label length for single-edit typos under the official suffix itself (`okc.com` for
/// `okx.com`, `date.io` for `gate.io`); below it (two letters) every edit is another name.
pub(crate) const TYPO_MIN_LEN_SAME_SUFFIX: usize = 3;

impl Matcher {
    /// Compiles the registry. Empty or too-short (under three characters) tokens are ignored
    /// for token scanning; every target still counts for exact, homoglyph and typo checks.
    pub fn new(
        domains: Vec<DomainTarget>,
        handles: Vec<HandleTarget>,
        tokens: Vec<BrandToken>,
    ) -> Matcher {
        let mut domain_tokens = Vec::new();
        for d in &domains {
            domain_tokens.push((d.id, d.label.clone(), d.label.clone(), Kind::Label));
            let spelled = format!("{}.{}", d.label, d.suffix);
            domain_tokens.push((d.id, spelled.clone(), spelled, Kind::Domain));
        }
        for t in &tokens {
            domain_tokens.push((t.id, t.token.clone(), t.token.clone(), Kind::Brand));
        }
        let mut text_tokens = domain_tokens.clone();
        for h in &handles {
            let handle = h.handle.trim_start_matches('@');
            text_tokens.push((h.id, handle.to_owned(), handle.to_owned(), Kind::Handle));
        }
        let domains = domains
            .into_iter()
            .filter(|d| !d.label.is_empty())
            .map(|d| {
                let label = d.label.to_lowercase();
                let skel = skeleton(&label).into_owned();
                let chars: Vec<char> = label.chars().collect();
                let skel_chars: Vec<char> = skel.chars().collect();
                DomainEntry {
                    id: d.id,
                    generic: is_generic(&label),
                    masks: (char_mask(&chars), char_mask(&skel_chars)),
                    label_bytes: label.as_bytes().to_vec(),
                    label: chars,
                    skel_chars,
                    skel,
                    suffix: d.suffix.to_lowercase(),
                }
            })
            .collect();
        let handles = handles
            .into_iter()
            .map(|h| {
                let lower = h.handle.trim_start_matches('@').to_lowercase();
                let stripped: String = lower.chars().filter(|&c| !is_sep(c)).collect();
                let skel = skeleton(&stripped).into_owned();
                let stripped: Vec<char> = stripped.chars().collect();
                let skel_chars: Vec<char> = skel.chars().collect();
                HandleEntry {
                    id: h.id,
                    masks: (char_mask(&stripped), char_mask(&skel_chars)),
                    stripped,
                    skel_chars,
                    skel,
                    lower: lower.chars().collect(),
                }
            })
            .filter(|h| !h.stripped.is_empty())
            .collect();
        Matcher {
            domains,
            handles,
            domain_scan: Scanner::new(domain_tokens),
            text_scan: Scanner::new(text_tokens),
        }
    }

    /// Matches a domain that the caller has already established is NOT official. Returns the
    /// strongest match, or `None`.
    ///
    /// Order (first found wins): on the registrable label, a homoglyph, the exact official
    /// label under another suffix (TLD swap), hyphenation, a single-edit typo; then an official
    /// domain spelled inside the subdomain (`example.com.evil.io`, `example-com.evil.io`); then
    /// combosquatting of the registrable label; then a brand token as a subdomain label
    /// (`example.evil-site.com`, `example-login.evil-site.com`).
    pub fn match_domain(&self, d: &DomainView<'_>) -> Option<Match> {
        if d.label.is_empty() {
            return None;
        }
        // One fold serves both the comparisons (separators kept) and the token scan (separators
        // removed) when the label has no separator, the common case.
        let kept = Folded::new(d.label, true);
        let kept_digraphs = kept.digraphs();
        let skel = kept_digraphs.as_ref().unwrap_or(&kept);
        if let Some(m) = self.label_match(d, skel) {
            return m;
        }
        let registrable = || format!("{}.{}", d.label, d.suffix);
        // `www` and one- or two-letter subdomains hold no token (tokens have 3+ characters and
        // none is `www`): skip the scans for the most common hosts.
        let sub = d
            .subdomain
            .filter(|s| s.len() >= 3 && !s.eq_ignore_ascii_case("www"));
        // A one-label subdomain is scanned once for both passes below.
        let mut single: Option<Option<Hit>> = None;
        if let Some(sub) = sub {
            let f = Folded::new(sub, false);
            let fd = f.digraphs();
            let one_label = !sub.contains('.');
            let keep = |t: &Token| one_label || t.kind == Kind::Domain;
            let hit = best(&self.domain_scan, &f, fd.as_ref(), Mode::Standalone, keep);
            if let Some((hit, _)) = hit
                && self
                    .domain_scan
                    .token(hit.token)
                    .is_some_and(|t| t.kind == Kind::Domain)
            {
                return found(&self.domain_scan, hit, Technique::SubdomainAbuse, || {
                    vec![registrable()]
                });
            }
            if one_label {
                single = Some(hit.map(|h| h.0));
            }
        }
        let stripped = (!d.label.chars().all(char::is_alphanumeric)).then(|| {
            if d.label.is_ascii() {
                kept.strip()
            } else {
                Folded::new(d.label, false)
            }
        });
        let stripped_digraphs = stripped.as_ref().and_then(Folded::digraphs);
        let (f, fd) = match &stripped {
            Some(s) => (s, stripped_digraphs.as_ref()),
            None => (&kept, kept_digraphs.as_ref()),
        };
        if let Some((hit, folded)) = best(&self.domain_scan, f, fd, Mode::Label, |_| true) {
            return found(&self.domain_scan, hit, Technique::Combosquatting, || {
                extras(d.label, folded, &hit)
            });
        }
        if let Some(hit) = single {
            return hit.and_then(|hit| {
                found(&self.domain_scan, hit, Technique::SubdomainAbuse, || {
                    vec![registrable()]
                })
            });
        }
        for part in sub.into_iter().flat_map(|s| s.split('.')) {
            if part.len() < 3 || part.eq_ignore_ascii_case("www") {
                continue;
            }
            let f = Folded::new(part, false);
            let fd = f.digraphs();
            let keep = |t: &Token| t.kind != Kind::Domain;
            if let Some((hit, _)) = best(&self.domain_scan, &f, fd.as_ref(), Mode::Standalone, keep)
            {
                return found(&self.domain_scan, hit, Technique::SubdomainAbuse, || {
                    vec![registrable()]
                });
            }
        }
        None
    }

    /// Label-level checks against every domain target. `Some(None)`: the domain is official
    /// (stop); `Some(Some(m))`: a finding; `None`: go on with token scanning.
    fn label_match(&self, d: &DomainView<'_>, sk: &Folded) -> Option<Option<Match>> {
        let label = d.label;
        if label.is_ascii() && !label.bytes().any(|b| b.is_ascii_uppercase()) {
            // Fast path: plain bytes, no character buffers.
            return self.label_loop(d, label.as_bytes(), sk.bytes(), |t| {
                (t.label_bytes.as_slice(), t.skel.as_bytes())
            });
        }
        let raw = CharBuf::lower(label, |_| false);
        if raw.overflow {
            return None;
        }
        let sk_chars = CharBuf::of(sk.as_str());
        self.label_loop(d, raw.chars(), sk_chars.chars(), |t| {
            (t.label.as_slice(), t.skel_chars.as_slice())
        })
    }

    /// [`Matcher::label_match`] over bytes (ASCII) or characters: `raw` is the lowercase label,
    /// `sk` its skeleton, `pick` gives a target's label and skeleton in the same unit.
    fn label_loop<T: Copy + PartialEq + Into<char>>(
        &self,
        d: &DomainView<'_>,
        raw: &[T],
        sk: &[T],
        pick: impl Fn(&DomainEntry) -> (&[T], &[T]),
    ) -> Option<Option<Match>> {
        let masks = (char_mask(raw), char_mask(sk));
        let hyphen = |c: &T| (*c).into() == '-';
        let has_hyphen = raw.iter().any(hyphen);
        let mut best: Option<(u8, u32, Technique, Detail)> = None;
        for t in &self.domains {
            // Equality, hyphenation and one edit all keep the character sets within two of
            // each other: most targets stop here, on two XORs.
            if !near(masks.0, t.masks.0) && !near(masks.1, t.masks.1) {
                continue;
            }
            let (label, skel) = pick(t);
            let same_suffix = d.suffix.eq_ignore_ascii_case(&t.suffix);
            let found = if raw == label {
                if same_suffix {
                    return Some(None);
                }
                let detail = Detail::Suffix {
                    expected: t.suffix.clone(),
                    found: d.suffix.to_owned(),
                };
                Some((RANK_EXACT, Technique::TldSwap, detail))
            } else if has_hyphen && raw.iter().filter(|c| !hyphen(c)).eq(label.iter()) {
                let position = raw.iter().position(hyphen).unwrap_or(0);
                let detail = Detail::Edit {
                    position,
                    found: Some("-".to_owned()),
                    expected: None,
                    keyboard_neighbour: false,
                };
                Some((RANK_HYPHEN, Technique::Hyphenation, detail))
            } else if sk == skel {
                let input: Vec<char> = d.label.chars().flat_map(char::to_lowercase).collect();
                let pairs = confusable_pairs(&input, &t.label);
                Some((
                    RANK_HOMOGLYPH,
                    Technique::Homoglyph,
                    Detail::Confusables { pairs },
                ))
            } else if best.as_ref().is_some_and(|b| b.0 < RANK_TYPO) {
                None
            } else {
                let n = t.label.len();
                let typo_ok = if same_suffix {
                    n >= TYPO_MIN_LEN_SAME_SUFFIX
                } else {
                    n >= TYPO_MIN_LEN && !t.generic
                };
                typo_ok
                    .then(|| typo((raw, sk), (label, skel), masks, t.masks))
                    .flatten()
            };
            if let Some((rank, technique, detail)) = found
                && best.as_ref().is_none_or(|b| rank < b.0)
            {
                best = Some((rank, t.id, technique, detail));
            }
        }
        best.map(|(_, target, technique, detail)| {
            Some(Match {
                target,
                technique,
                detail,
            })
        })
    }

    /// Matches an account handle (any platform), as written (case kept: `"ExampIe"`,
    /// `"Example_Support"`; a leading `@` is ignored), that is not official. A handle equal to
    /// an official one but for case is that handle: `None`.
    ///
    /// Order: homoglyph, separators, single-edit typo (official handle of 5+ characters), then
    /// brand tokens with words (combosquatting).
    pub fn match_handle(&self, handle: &str) -> Option<Match> {
        let h = handle.trim().trim_start_matches('@');
        if h.is_empty() {
            return None;
        }
        let lower = CharBuf::lower(h, |_| false);
        let stripped = CharBuf::lower(h, is_sep);
        if stripped.overflow || lower.overflow {
            return self.handle_tokens(h);
        }
        let sk = stripped_folded(h);
        let sk = sk.as_str();
        let sk_chars = CharBuf::of(sk);
        let masks = (char_mask(stripped.chars()), char_mask(sk_chars.chars()));
        let mut best: Option<(u8, u32, Technique, Detail)> = None;
        for t in &self.handles {
            if !near(masks.0, t.masks.0) && !near(masks.1, t.masks.1) {
                continue;
            }
            let found = if lower.chars() == t.lower.as_slice() {
                return None;
            } else if stripped.chars() == t.stripped.as_slice() {
                // The first separator added, or else the official one left out.
                let first_sep =
                    |v: &mut dyn Iterator<Item = char>| v.enumerate().find(|&(_, c)| is_sep(c));
                let detail = match first_sep(&mut h.chars()) {
                    Some((position, c)) => Detail::Edit {
                        position,
                        found: Some(c.to_string()),
                        expected: None,
                        keyboard_neighbour: false,
                    },
                    None => {
                        let (position, c) =
                            first_sep(&mut t.lower.iter().copied()).unwrap_or((0, '_'));
                        Detail::Edit {
                            position,
                            found: None,
                            expected: Some(c.to_string()),
                            keyboard_neighbour: false,
                        }
                    }
                };
                Some((RANK_HYPHEN, Technique::Separator, detail))
            } else if sk == t.skel {
                let original: Vec<char> = h.chars().filter(|&c| !is_sep(c)).collect();
                let pairs = confusable_pairs(&original, &t.stripped);
                Some((
                    RANK_HOMOGLYPH,
                    Technique::Homoglyph,
                    Detail::Confusables { pairs },
                ))
            } else if best.as_ref().is_some_and(|b| b.0 < RANK_TYPO) {
                None
            } else {
                (t.stripped.len() >= TYPO_MIN_LEN)
                    .then(|| {
                        let input = (stripped.chars(), sk_chars.chars());
                        let target = (t.stripped.as_slice(), t.skel_chars.as_slice());
                        typo(input, target, masks, t.masks)
                    })
                    .flatten()
            };
            if let Some((rank, technique, detail)) = found
                && best.as_ref().is_none_or(|b| rank < b.0)
            {
                best = Some((rank, t.id, technique, detail));
            }
        }
        if let Some((_, target, technique, detail)) = best {
            return Some(Match {
                target,
                technique,
                detail,
            });
        }
        self.handle_tokens(h)
    }

    fn handle_tokens(&self, h: &str) -> Option<Match> {
        let f = Folded::new(h, false);
        let fd = f.digraphs();
        let (hit, folded) = best(&self.text_scan, &f, fd.as_ref(), Mode::Standalone, |_| true)?;
        found(&self.text_scan, hit, Technique::Combosquatting, || {
            extras(h, folded, &hit)
        })
    }

    /// Does free text (an email display name, a profile name) claim a brand? `"Example
    /// Support"`, `"EXAMPLE Exchange Team"`, `"Ехаmple"` in Cyrillic → the token's id.
    ///
    /// Homoglyphs are folded; a brand must stand as its own word(s) unless it is long and
    /// distinctive; an ordinary-word brand (`Gemini`, `Ledger`) claims only alone or with lure
    /// words (`Gemini Support`, not `Google Gemini`).
    pub fn claims_brand(&self, text: &str) -> Option<u32> {
        self.text_token(text)
    }

    /// Does a string (an email local part like `"example.support"` or `"examplehelp2024"`)
    /// contain a brand token? → its id. Same rules as [`Matcher::claims_brand`].
    pub fn contains_brand(&self, s: &str) -> Option<u32> {
        self.text_token(s)
    }

    fn text_token(&self, s: &str) -> Option<u32> {
        let f = Folded::new(s, false);
        let fd = f.digraphs();
        let (hit, _) = best(&self.text_scan, &f, fd.as_ref(), Mode::Text, |_| true)?;
        self.text_scan.token(hit.token).map(|t| t.id)
    }
}

/// The best token hit in `f` or its digraph-folded form `fd`, with the form it was found in,
/// among tokens for which `keep` is true.
fn best<'a>(
    scanner: &Scanner,
    f: &'a Folded,
    fd: Option<&'a Folded>,
    mode: Mode,
    keep: impl Fn(&Token) -> bool + Copy,
) -> Option<(Hit, &'a Folded)> {
    let a = scanner.scan(f, mode, keep).map(|h| (h, f));
    let b = fd.and_then(|d| scanner.scan(d, mode, keep).map(|h| (h, d)));
    match (a, b) {
        (Some(a), Some(b)) if b.0.end - b.0.start > a.0.end - a.0.start => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Whether two [`char_mask`]s differ in at most two bits (could be one edit apart). Two
/// clear-lowest-bit steps instead of a popcount (software popcount is slow without
/// target features).
#[inline]
fn near(a: u64, b: u64) -> bool {
    let x = a ^ b;
    let y = x & x.wrapping_sub(1);
    y & y.wrapping_sub(1) == 0
}

/// A token finding as a [`Match`] with [`Detail::Contains`].
fn found(
    scanner: &Scanner,
    hit: Hit,
    technique: Technique,
    extra: impl FnOnce() -> Vec<String>,
) -> Option<Match> {
    let tok = scanner.token(hit.token)?;
    Some(Match {
        target: tok.id,
        technique,
        detail: Detail::Contains {
            token: tok.display.clone(),
            extra: extra(),
        },
    })
}

/// A single-edit typo of an official label (or handle): first on the lowercase characters (exact
/// positions and characters), then on the skeletons (a homoglyph plus a typo). The caller
/// applies the length rules ([`TYPO_MIN_LEN`]).
fn typo<T: Copy + PartialEq + Into<char>>(
    (raw, skel): (&[T], &[T]),
    (target, target_skel): (&[T], &[T]),
    masks: (u64, u64),
    target_masks: (u64, u64),
) -> Option<(u8, Technique, Detail)> {
    let n = target.len();
    if raw.len().abs_diff(n) > 2 {
        return None;
    }
    let chars = |v: &[T]| v.iter().map(|&c| c.into()).collect::<Vec<char>>();
    let es = raw
        .get(n..)
        .is_some_and(|t| t.iter().map(|&c| c.into()).eq(['e', 's']));
    if raw.len() == n + 2 && raw.get(..n) == Some(target) && es {
        let detail = Detail::Edit {
            position: n,
            found: Some("es".to_owned()),
            expected: None,
            keyboard_neighbour: false,
        };
        return Some((RANK_TYPO, Technique::Plural, detail));
    }
    if near(masks.0, target_masks.0)
        && let Some(e) = one_edit(raw, target)
    {
        let (technique, detail) = classify(e, &chars(raw), &chars(target));
        return Some((RANK_TYPO, technique, detail));
    }
    if !near(masks.1, target_masks.1) {
        return None;
    }
    let e = one_edit(skel, target_skel)?;
    let (technique, detail) = classify(e, &chars(skel), &chars(target_skel));
    Some((RANK_FOLDED_TYPO, technique, detail))
}

#[cfg(test)]
mod tests;

//! The matcher: official targets compiled once, then checked against domains, handles and text.

use crate::edit::{Edit, char_mask, classify, confusable_pairs, one_edit, within_reach};
use crate::fold::{CAP, CharBuf, Folded, LOOSE_CAP, ascii_fold, loose, loose_pair, skeleton};
use crate::scan::{Class, Hit, Kind, Mode, Scanner, Token, extras, is_generic};
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
    /// [`char_mask`] of `label_bytes`: the unit [`one_edit`] compares in on the byte paths,
    /// for [`within_reach`] (the same as `masks.0` for ASCII labels).
    byte_mask: u64,
    /// `label.suffix`.
    domain: String,
    /// The [`loose`] form of the skeleton, and its [`char_mask`].
    loose: Vec<char>,
    loose_mask: u64,
    suffix: String,
    /// Ordinary, lure and extension words one edit from the label (`finance` for `binance`),
    /// and English ones unless the label is a word itself: a name holding one of them spells
    /// that word, not a misspelt brand (`refinance`, `radium`).
    word_neighbours: Vec<&'static str>,
    /// The label is an English word (`example`): its neighbours that are words (`examples`)
    /// are judged by the other rules, not taken for other words.
    word: bool,
    /// A brand name that is no official label (`chainlink` for `chain.link`): the typo rules
    /// never see it, so its misspelling counts alone too.
    name: bool,
}

/// Which list of [`Matcher`] a [`Candidate`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Domains,
    Spelled,
    Names,
}

/// A target of the misspelling loops ([`Matcher::fuzzy_token`], [`Matcher::misspelt_twice`])
/// reduced to what their first test reads: they try every name part against every target, and
/// scanning this small array (with the targets those rules never take left out when the
/// matcher is built) costs a fraction of walking the full entries.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// The entry's `byte_mask`.
    mask: u64,
    /// The label's length in bytes.
    len: usize,
    /// How many edits the rules allow from this label ([`within_reach`]).
    edits: u32,
    /// The longest part the rules may take for this label: labels under
    /// [`FUZZY_TOKEN_MIN_LEN`] letters count only as a whole part of at most two letters
    /// more; longer ones inside longer parts too.
    max_part: usize,
    list: List,
    index: usize,
}

impl Candidate {
    /// The targets of `entries` (in `list`) that `keep` accepts, in order; one edit allowed,
    /// two from labels of `two_from` bytes.
    fn of(
        entries: &[DomainEntry],
        list: List,
        two_from: usize,
        keep: impl Fn(&DomainEntry) -> bool,
    ) -> impl Iterator<Item = Candidate> {
        entries
            .iter()
            .enumerate()
            .filter(move |(_, t)| keep(t))
            .map(move |(index, t)| Candidate {
                mask: t.byte_mask,
                len: t.label_bytes.len(),
                edits: if t.label_bytes.len() >= two_from {
                    2
                } else {
                    1
                },
                max_part: if t.label_bytes.len() < FUZZY_TOKEN_MIN_LEN {
                    t.label_bytes.len() + 2
                } else {
                    usize::MAX
                },
                list,
                index,
            })
    }

    /// Whether a part of `len` bytes and [`char_mask`] `mask` may be taken for this target by
    /// [`Matcher::fuzzy_token_by`]: a necessary condition (length and letters), true for every
    /// part it takes.
    #[inline]
    fn may_fuzzy(&self, len: usize, mask: u64) -> bool {
        len + 2 >= self.len && len <= self.max_part && within_reach(mask, self.mask, self.edits)
    }

    /// The same for [`Matcher::misspelt_twice_by`]: a part longer than the label, one
    /// substitution from it at an edge.
    #[inline]
    fn may_twice(&self, len: usize, mask: u64) -> bool {
        len > self.len && within_reach(mask, self.mask, 1)
    }
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

impl DomainEntry {
    /// A target from its lowercase label and suffix.
    fn new(id: u32, label: &str, suffix: &str) -> DomainEntry {
        let skel = skeleton(label).into_owned();
        let chars: Vec<char> = label.chars().collect();
        let skel_chars: Vec<char> = skel.chars().collect();
        let mut lbuf = ['\0'; LOOSE_CAP];
        let generic = is_generic(label);
        let n = loose(skel_chars.iter().copied(), &mut lbuf);
        let loose_chars = lbuf.get(..n).unwrap_or(&[]).to_vec();
        let mut word_neighbours: Vec<&'static str> = crate::words::all()
            .filter(|w| w.len() >= 4 && one_edit(w.as_bytes(), label.as_bytes()).is_some())
            .collect();
        let word = english(label);
        for w in crate::dict::one_edit_words(label) {
            if !word && !word_neighbours.contains(&w) {
                word_neighbours.push(w);
            }
        }
        DomainEntry {
            word_neighbours,
            word,
            name: false,
            id,
            domain: format!("{label}.{suffix}"),
            generic,
            loose_mask: char_mask(&loose_chars),
            loose: loose_chars,
            masks: (char_mask(&chars), char_mask(&skel_chars)),
            byte_mask: char_mask(label.as_bytes()),
            label_bytes: label.as_bytes().to_vec(),
            label: chars,
            skel_chars,
            skel,
            suffix: suffix.to_owned(),
        }
    }
}

/// Lookalike matcher over a registry of official domains, handles and brand tokens.
///
/// Build it once ([`Matcher::new`] folds and compiles everything); the `match_*` methods are
/// then allocation-free until they find something.
pub struct Matcher {
    domains: Vec<DomainEntry>,
    /// Official domains spelled as one word (`mantanetwork`), for [`Matcher::fuzzy_token`].
    spelled: Vec<DomainEntry>,
    /// Distinctive brand names that are no official label (`chainlink`), for
    /// [`Matcher::fuzzy_token`].
    names: Vec<DomainEntry>,
    handles: Vec<HandleEntry>,
    /// The targets of [`Matcher::fuzzy_token`]: `domains`, `spelled` and `names` in that
    /// order (the first found wins), ordinary words and labels under four letters left out.
    fuzzy_targets: Vec<Candidate>,
    /// The targets of [`Matcher::misspelt_twice`]: `domains` and `names` of
    /// [`TWICE_MIN_LEN`]+ letters that are neither ordinary nor English words.
    twice_targets: Vec<Candidate>,
    /// Distinctive short names (4–5 letters, ASCII, neither ordinary nor English words:
    /// `lido`, `linea`), for [`Matcher::short_name_among_words`]: `(id, name, its
    /// [`char_mask`])`.
    short_names: Vec<(u32, String, u64)>,
    /// For each pair of letters or digits ([`pair_index`]), bit `k % 64` set for each short
    /// name `k` beginning with it: a part holds only names whose first two letters it holds.
    short_pairs: Vec<u64>,
    /// Distinctive short names (3–5 letters) that no English word holds (`okx`, `avax`), for
    /// [`Matcher::unheld_name_glued`]: `(id, name, its [`char_mask`])`.
    unheld: Vec<(u32, String, u64)>,
    /// [`Matcher::short_pairs`] for the names of [`Matcher::unheld`]: a label holds only
    /// unheld names whose first two letters it holds.
    unheld_pairs: Vec<u64>,
    /// The lure, context, extension and field words, sorted: the short words of a compound
    /// name.
    name_words: Vec<&'static str>,
    /// The lure words of 5+ letters, for [`Matcher::misspelt_lure`].
    long_lures: EditList,
    /// The lure and context words of 5+ letters, for [`Matcher::tiled_by_words`].
    long_lure_context: EditList,
    /// The targets [`Matcher::doubled_or_ending`] looks at (distinctive labels and names of
    /// 6+ letters), as `(first letter, in names, index)` sorted by first letter: a name part
    /// meets only those beginning with its letter.
    doubling: Vec<(u8, bool, usize)>,
    /// Distinctive official labels as `(first letter, index in domains)`, sorted, for
    /// [`Matcher::split_label_with_words`]: a subdomain label meets only those beginning
    /// with its letter.
    split_heads: Vec<(u8, usize)>,
    /// Indices in `domains` of the distinctive labels of 5+ letters (no English words) under
    /// a suffix neither classic nor a country's, for [`Matcher::own_suffix_insertions`].
    own_suffix: Vec<usize>,
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

/// Whether a label or name part (as written, lowercase) is an English word.
fn english(s: &str) -> bool {
    crate::dict::is_english(s)
}

/// Whether a name one edit or two small-type substitutions from target `t` is another
/// English word: a misspelling that is a word is that word (`tremor` for `trezor`,
/// `radium` for `raydium`). Not for targets that are words themselves (`example`), whose
/// neighbouring words are mostly their own forms (`examples`).
fn other_word(name: &str, t: &DomainEntry) -> bool {
    english(name) && !(t.word && inflects(name, &t.label_bytes))
}

/// Whether `name` is `word` with an ending of up to three letters (`examples`, `revoked`):
/// a form of the word, not another one (`safeguard`, `freebase` are compounds).
fn inflects(name: &str, word: &[u8]) -> bool {
    name.len() <= word.len() + 3 && name.as_bytes().starts_with(word)
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
pub(crate) const TYPO_MIN_LEN: usize = 6;
/// Suffixes under which an ordinary-word label is an established site of its own: the exact
/// label of an ordinary-word brand there is not a TLD swap (`kraken.io`, `safe.com`).
const ESTABLISHED_SUFFIXES: &[&str] = &["com", "net", "org", "io", "co", "edu", "gov"];

/// Whether an edit is visual rather than a spelling: a look-alike character, a doubled or
/// swapped letter, or a substitution small type hides (`n` for `m`, `q` for `g`).
/// For ordinary words `r` for `n` is a spelling (`blockchair`), not a disguise.
fn is_visual(technique: Technique, detail: &Detail, generic: bool) -> bool {
    match technique {
        Technique::Homoglyph | Technique::Repetition | Technique::Transposition => true,
        Technique::Replacement | Technique::VowelSwap | Technique::BitFlip => match detail {
            Detail::Edit {
                found: Some(f),
                expected: Some(e),
                ..
            } => {
                let one = |s: &str| {
                    let mut c = s.chars();
                    c.next().filter(|_| c.next().is_none())
                };
                matches!((one(f), one(e)), (Some(f), Some(e))
                    if loose_pair(f, e) && !(generic && (f == 'r' || e == 'r')))
            }
            _ => false,
        },
        _ => false,
    }
}

/// How many composed look-alikes (`le` read as `k`, `el` as `d`) a skeleton holds.
fn composed<T: Copy + Into<char>>(sk: &[T]) -> usize {
    sk.windows(2)
        .filter(|w| match w {
            [a, b] => matches!(((*a).into(), (*b).into()), ('l', 'e') | ('e', 'l')),
            _ => false,
        })
        .count()
}

/// Whether a label equal to an official label in the [`loose`] form is to be judged as such:
/// when it is not one edit from it (several visual substitutions), or when its one edit is
/// a disguise the typo rules would not see: the character put in is not ASCII (`krakeʀ`:
/// nobody spells with a small capital), or on the skeletons the edit is a visual substitution
/// (`gatс` folds to `gatc`, `c` for `e`; `krakern` to `krakem`), or a stroke or a doubled `n`
/// that the loose form absorbs (`p1hantom`, `phantomn`, `led1ger`). Edits already visual as
/// written (`krakenn`, a repetition), and any one edit of a distinctive label of five or more
/// characters, are left to the typo rules; an ASCII `r` for `n` in an ordinary word stays a
/// spelling (`blockchair`).
fn loose_or_disguised<T: Copy + PartialEq + Into<char>>(
    (raw, sk): (&[T], &[T]),
    (label, skel): (&[T], &[T]),
    generic: bool,
    n: usize,
) -> bool {
    let chars = |v: &[T]| v.iter().map(|&c| c.into()).collect::<Vec<char>>();
    let Some(e) = one_edit(raw, label) else {
        return true;
    };
    // Distinctive labels of five or more characters take every typo: the typo rules name it
    // better (`1binance` is an insertion).
    if !generic && n > 4 {
        return false;
    }
    let (technique, detail) = classify(e, &chars(raw), &chars(label));
    if is_visual(technique, &detail, generic) {
        return false;
    }
    if raw.iter().any(|&c| !c.into().is_ascii()) {
        return true;
    }
    let Some(e) = one_edit(sk, skel) else {
        return false;
    };
    let (technique, detail) = classify(e, &chars(sk), &chars(skel));
    match technique {
        Technique::Insertion | Technique::Omission => true,
        _ => is_visual(technique, &detail, generic),
    }
}

/// Classic generic suffixes and country suffixes (`de`, `co.uk`, `com.au`), where a word in a
/// name is as often an established business as a lure.
fn classic_suffix(suffix: &str) -> bool {
    let last = suffix.rsplit('.').next().unwrap_or(suffix);
    let classic = [
        "com", "net", "org", "io", "co", "info", "biz", "edu", "gov", "mil", "int",
    ];
    if !has_byte(suffix, b'.') {
        return suffix.len() == 2 || classic.contains(&suffix);
    }
    // Country second levels (`co.uk`, `com.br`); private suffixes of hosting services
    // (`pages.dev`, `vercel.app`) are not classic.
    last.len() == 2
}

/// Public suffixes whose labels are accounts of a code host, which brands hold themselves.
const ACCOUNT_HOSTS: &[&str] = &["github.io", "gitlab.io"];

/// Whether a single-edit typo of an official label of `n` characters counts. Labels of 6+
/// characters that are not ordinary words: every edit, under any suffix. Five characters: every
/// edit under the official suffix, only the visual ones (a doubled or swapped letter, a digit
/// for a letter) under another. Four characters or fewer, and ordinary words: only the visual
/// ones, under the official suffix: their other one-edit neighbours are established names
/// (`htc.com` for `htx.com`, `olx.com` for `okx.com`, `sinch.com` for `1inch.io`,
/// `ledge.com` for `ledger.com`).
fn typo_allowed(
    n: usize,
    generic: bool,
    same_suffix: bool,
    found: &(u8, Technique, Detail),
) -> bool {
    let visual = is_visual(found.1, &found.2, generic);
    if generic || n <= 4 {
        same_suffix && visual
    } else if n < TYPO_MIN_LEN {
        same_suffix || visual
    } else {
        true
    }
}

/// Minimum official handle length for single-edit typos.
pub(crate) const HANDLE_TYPO_MIN_LEN: usize = 5;

/// Minimum official label length for a misspelt brand among other words (`abitrum-bridge`,
/// `collections-openssea`): any single edit from 7 characters, only visual ones at 6.
const FUZZY_TOKEN_MIN_LEN: usize = 6;

/// From this official label length, two edits still name the brand (`myethwallet` for
/// `myetherwallet`): long names are recognised by their shape.
const TWO_EDITS_MIN_LEN: usize = 10;

/// Minimum label length for single-edit typos under the official suffix itself (`okc.com` for
/// `okx.com`, `date.io` for `gate.io`); below it (two letters) every edit is another name.
pub(crate) const TYPO_MIN_LEN_SAME_SUFFIX: usize = 3;

/// From this official label length, a window one letter off the label at a name part's edge
/// names the brand whatever letters are glued to it ([`Matcher::misspelt_twice`]).
const TWICE_MIN_LEN: usize = 8;

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
        let domains: Vec<DomainEntry> = domains
            .into_iter()
            .filter(|d| !d.label.is_empty())
            .map(|d| DomainEntry::new(d.id, &d.label.to_lowercase(), &d.suffix.to_lowercase()))
            .collect();
        // Official domains spelled as one word, for misspellings of the whole address
        // (`mantanetwrk` for `manta.network`): suffixes that are words of the name, not the
        // classic or short generic ones every name may end in (`io`, `app`: the label's own
        // misspelling rules see those); not for ordinary-word labels, whose
        // spelled domains are mostly the word and another (`blast` and `io`).
        let spelled: Vec<DomainEntry> = domains
            .iter()
            .filter(|t| {
                !t.generic
                    && !t.suffix.contains('.')
                    && ![
                        "com", "net", "org", "co", "io", "app", "xyz", "me", "to", "ag",
                    ]
                    .contains(&t.suffix.as_str())
                    && t.label_bytes.len() + t.suffix.len() >= 7
                    && t.label_bytes.is_ascii()
            })
            .map(|t| {
                let joined = format!("{}{}", t.domain.split('.').next().unwrap_or(""), t.suffix);
                DomainEntry::new(t.id, &joined, &t.suffix)
            })
            .collect();
        // Brand names of 7+ letters that no official label spells (`chainlink` for
        // `chain.link`, `magic eden`), not spelled domains (`crypto.com`), ordinary or English
        // words: their misspellings are the brand's too.
        let mut names: Vec<DomainEntry> = Vec::new();
        for t in &tokens {
            let name: String = t
                .token
                .to_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if name.len() >= 7
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && !is_generic(&name)
                && !english(&name)
                && !domains
                    .iter()
                    .chain(&spelled)
                    .chain(&names)
                    .any(|d| d.label_bytes == name.as_bytes())
            {
                let mut e = DomainEntry::new(t.id, &name, "");
                e.name = true;
                names.push(e);
            }
        }
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
        let unheld = ninth::unheld_names(&domains, &tokens);
        let mut short_names: Vec<(u32, String)> = domains
            .iter()
            .map(|t| (t.id, String::from_utf8_lossy(&t.label_bytes).into_owned()))
            .chain(tokens.iter().map(|t| (t.id, t.token.to_lowercase())))
            .filter(|(_, n)| {
                (4..=5).contains(&n.len())
                    && n.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    && !is_generic(n)
                    && !english(n)
            })
            .collect();
        short_names.sort();
        short_names.dedup_by(|a, b| a.1 == b.1);
        let short_names: Vec<(u32, String, u64)> = short_names
            .into_iter()
            .map(|(id, name)| {
                let mask = char_mask(name.as_bytes());
                (id, name, mask)
            })
            .collect();
        let short_pairs = pair_table(short_names.iter().map(|(_, n, _)| n.as_str()));
        let unheld_pairs = pair_table(unheld.iter().map(|(_, n, _)| n.as_str()));
        // With the words naming the whole field (`crypto`): beside a distinctive short name
        // they say what it is (`lidocrypto`).
        let mut name_words: Vec<&'static str> = crate::words::LURE
            .iter()
            .chain(crate::words::CONTEXT)
            .chain(crate::words::EXTENSION)
            .chain(crate::words::CATEGORY)
            .copied()
            .collect();
        name_words.sort_unstable();
        name_words.dedup();
        let fuzzy = |t: &DomainEntry| !t.generic && t.label_bytes.len() >= 4;
        // Two edits name a long label as a whole part ([`near_edit`]).
        let two = TWO_EDITS_MIN_LEN;
        let fuzzy_targets = Candidate::of(&domains, List::Domains, two, fuzzy)
            .chain(Candidate::of(&spelled, List::Spelled, two, fuzzy))
            .chain(Candidate::of(&names, List::Names, two, fuzzy))
            .collect();
        let twice = |t: &DomainEntry| !t.generic && !t.word && t.label_bytes.len() >= TWICE_MIN_LEN;
        // One substitution, whatever the length.
        let twice_targets = Candidate::of(&domains, List::Domains, usize::MAX, twice)
            .chain(Candidate::of(&names, List::Names, usize::MAX, twice))
            .collect();
        let mut doubling: Vec<(u8, bool, usize)> = Vec::new();
        for (in_names, list) in [(false, &domains), (true, &names)] {
            for (i, t) in list.iter().enumerate() {
                if let Some(&first) = t.label_bytes.first()
                    && !t.generic
                    && !t.word
                    && t.label_bytes.len() >= FUZZY_TOKEN_MIN_LEN
                {
                    doubling.push((first, in_names, i));
                }
            }
        }
        doubling.sort_unstable();
        let mut split_heads: Vec<(u8, usize)> = domains
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.generic)
            .filter_map(|(i, t)| t.label_bytes.first().map(|&b| (b, i)))
            .collect();
        split_heads.sort_unstable();
        let own_suffix = domains
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                !t.generic && !t.word && t.label_bytes.len() >= 5 && !classic_suffix(&t.suffix)
            })
            .map(|(i, _)| i)
            .collect();
        Matcher {
            split_heads,
            own_suffix,
            fuzzy_targets,
            twice_targets,
            long_lures: EditList::new(crate::words::LURE.iter().copied()),
            long_lure_context: EditList::new(
                crate::words::LURE
                    .iter()
                    .chain(crate::words::CONTEXT)
                    .copied(),
            ),
            doubling,
            domains,
            spelled,
            names,
            handles,
            short_names,
            short_pairs,
            unheld,
            unheld_pairs,
            name_words,
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
        // A dot inside an official name first: its halves can be official labels themselves
        // (`star.gate.finance` is Stargate, not Gate under another suffix).
        if (d.subdomain.is_some() || has_byte(d.suffix, b'.'))
            && let Some(m) = self.dot_insertion(d)
        {
            return Some(m);
        }
        if let Some(m) = self.label_match(d, skel) {
            return m;
        }
        if let Some(m) = self.brand_before_fake_suffix(d) {
            return Some(m);
        }
        // An official label under a suffix the label checks let pass (`kraken.io`,
        // `coinbase.github.io`) is that other site: no token inside it counts either.
        if d.label.is_ascii() {
            let lower = d.label.as_bytes();
            if self
                .domains
                .iter()
                .any(|t| t.label_bytes.eq_ignore_ascii_case(lower))
            {
                return None;
            }
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
            let one_label = !has_byte(sub, b'.');
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
        if let Some((hit, folded)) = best(&self.domain_scan, f, fd, Mode::Label, |_| true)
            && !self.inside_word(d.label, folded, &hit)
        {
            // An ordinary word in the registrable label yields to a distinctive brand that is
            // the subdomain (`metamask.cryptohelpdesk.app` names MetaMask, not Crypto.com).
            let generic = |h: &Hit| {
                self.domain_scan
                    .token(h.token)
                    .is_some_and(|t| t.class == Class::Generic)
            };
            if let Some(m) = self.brand_before_field_word(d, &hit, &registrable) {
                return Some(m);
            }
            // An ordinary-word brand at the edge of a misspelt distinctive label that holds
            // it (`us-coinsbase` is Coinbase, not Base).
            if generic(&hit)
                && let Some(m) = self.misspelt_holder(d.label, &hit)
            {
                return Some(m);
            }
            if generic(&hit)
                && let Some(Some(sub_hit)) = single
                && !generic(&sub_hit)
            {
                return found(
                    &self.domain_scan,
                    sub_hit,
                    Technique::SubdomainAbuse,
                    || vec![registrable()],
                );
            }
            return found(&self.domain_scan, hit, Technique::Combosquatting, || {
                extras(d.label, folded, &hit)
            });
        }
        if let Some(m) = self.fuzzy_token(d.label, false) {
            return Some(m);
        }
        // The rules of an ordinary-word brand as a whole hyphen-separated word of the label
        // (with a code, on a new suffix, after a verb, with a misspelt word) need one: one
        // look-up per part, once, before their lure-word and misspelling checks of the others.
        // The same pass notes a part that is a word naming the whole field (`crypto`), for
        // [`Matcher::field_word_with_words`].
        let mut field_part = false;
        let word_part = has_byte(d.label, b'-')
            && split_byte(d.label, b'-').fold(false, |found, p| {
                field_part |= eleventh::is_field_word(p);
                found || self.whole_word_brand(p).is_some()
            });
        // The short-name rules need a short name's first two letters in the name.
        let shorts = self.short_pairs_in(d.label.as_bytes())
            | d.subdomain.map_or(0, |s| self.short_pairs_in(s.as_bytes()));
        if word_part {
            if let Some(m) = self.word_brand_with_code(d.label) {
                return Some(m);
            }
            if let Some(m) = self.word_brand_on_new_suffix(d) {
                return Some(m);
            }
        }
        if let Some(m) = self.word_brand_subdomain(d) {
            return Some(m);
        }
        if field_part && let Some(m) = self.field_word_with_words(d) {
            return Some(m);
        }
        if shorts != 0
            && let Some(m) = self.short_name_among_words(d.label)
        {
            return Some(m);
        }
        if let Some(hit) = single {
            if let Some(m) = hit.and_then(|hit| {
                found(&self.domain_scan, hit, Technique::SubdomainAbuse, || {
                    vec![registrable()]
                })
            }) {
                return Some(m);
            }
        } else {
            for part in sub.into_iter().flat_map(|s| split_byte(s, b'.')) {
                if part.len() < 3 || part.eq_ignore_ascii_case("www") {
                    continue;
                }
                let f = Folded::new(part, false);
                let fd = f.digraphs();
                let keep = |t: &Token| t.kind != Kind::Domain;
                if let Some((hit, _)) =
                    best(&self.domain_scan, &f, fd.as_ref(), Mode::Standalone, keep)
                {
                    return found(&self.domain_scan, hit, Technique::SubdomainAbuse, || {
                        vec![registrable()]
                    });
                }
            }
        }
        if let Some(m) = self.misspelt_in_subdomain(sub, &registrable) {
            return Some(m);
        }
        // The last resorts, each in the registrable label or, on shared hosts, a
        // subdomain label: a long brand misspelt twice at a part's edge, a brand misspelt
        // once more by a doubled letter or an ending, a short name among misspelt words.
        let in_host = |rule: fn(&Matcher, &str) -> Option<Match>| {
            self.in_host(d.label, sub, &registrable, rule)
        };
        in_host(Matcher::misspelt_twice)
            .or_else(|| word_part.then(|| self.word_brand_after_verb(d.label))?)
            .or_else(|| in_host(Matcher::doubled_or_ending))
            .or_else(|| (shorts != 0).then(|| in_host(|m, part| m.short_name_tiled(part, true)))?)
            .or_else(|| word_part.then(|| self.word_brand_with_misspelt_word(d.label))?)
            .or_else(|| self.unheld_name_glued(d.label))
            .or_else(|| word_part.then(|| self.word_brand_beside_compound(d.label))?)
            .or_else(|| self.own_suffix_insertions(d))
    }

    /// `rule` on the registrable label, then on each subdomain label of a shared host (the
    /// match is then subdomain abuse, on that host).
    fn in_host(
        &self,
        label: &str,
        sub: Option<&str>,
        registrable: &dyn Fn() -> String,
        rule: fn(&Matcher, &str) -> Option<Match>,
    ) -> Option<Match> {
        if let Some(m) = rule(self, label) {
            return Some(m);
        }
        for part in split_byte(sub?, b'.') {
            if let Some(mut m) = rule(self, part) {
                m.technique = Technique::SubdomainAbuse;
                if let Detail::Contains { extra, .. } = &mut m.detail {
                    extra.push(registrable());
                }
                return Some(m);
            }
        }
        None
    }

    /// An ordinary-word brand as a whole hyphen-separated word beside a misspelt English
    /// word of 6+ letters (`gizmo-techology.com`, `misslon-gizmo.com`): phishing names are
    /// typed in a hurry, companies spell their words (the lure-word case is
    /// [`Matcher::word_brand_with_code`]). The other parts are lure, context and extension
    /// words (`ledger-wallett-house` stays a company-like name); a part
    /// that is a form of an English word (`stakers`, `analytics`: a plural or an ending the
    /// list lacks) is not a misspelling. Tokens that name the whole field (`crypto`) are
    /// left out.
    fn word_brand_with_misspelt_word(&self, label: &str) -> Option<Match> {
        if !label.is_ascii() || !label.contains('-') || label.len() > 63 {
            return None;
        }
        let lower = ascii_lower(label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        // The brand first: the dictionary look-ups run only for names holding one.
        let (at, hit) = parts
            .iter()
            .enumerate()
            .find_map(|(i, p)| self.whole_word_brand(p).map(|h| (i, h)))?;
        // List words and their plurals are no misspellings (`crypto` is one edit from
        // `crypts`).
        let listed = |p: &str| self.domain_scan.is_word(p);
        let mut misspelt = 0;
        for (i, part) in parts.iter().enumerate() {
            if i == at {
                continue;
            }
            if misspelt_english(part)
                && !listed(part)
                && !part.strip_suffix('s').is_some_and(listed)
            {
                misspelt += 1;
            } else if !self.domain_scan.words_only(part) {
                return None;
            }
        }
        if misspelt == 0 {
            return None;
        }
        self.word_brand_among(hit, at, parts)
    }

    /// A whole name part that is a distinctive official label of 6+ letters (not an ordinary
    /// or English word) misspelt once and, on top, with a letter of the label doubled or a
    /// plural or silent ending added (`unswapp`, `unswapes`, `opanseas`, `uriswapp`): hurried
    /// names pile a doubling or an ending on a typo, and the two together are no word. Once
    /// the doubled letters (ones the label has, not doubled in it) are written once and the
    /// ending (`s`, `e`, `es`, not the label's own) is dropped, the part must keep the
    /// label's first and last letters and be the label or one edit from it; at six letters
    /// the edit must be of a shape typing or disguise makes (not any letter for any other:
    /// `ethegas` is no Ethena). Parts that are English or list words, or hold a word one edit
    /// from the label, are those words; doubled letters the label lacks are another spelling
    /// (`tollkeeper`).
    fn doubled_or_ending(&self, label: &str) -> Option<Match> {
        const MAX: usize = 24;
        if !label.is_ascii() || label.len() > 63 || label.len() < FUZZY_TOKEN_MIN_LEN - 1 {
            return None;
        }
        let lower = ascii_lower(label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        for part in parts {
            let pb = part.as_bytes();
            if pb.len() < FUZZY_TOKEN_MIN_LEN - 1 || pb.len() > MAX {
                continue;
            }
            let Some(&first) = pb.first() else { continue };
            // Collapsing doubles keeps the part's letters and an ending only drops some, so
            // a part one edit from a label after both lacks at most one of its letters.
            let mask = char_mask(pb);
            let from = self.doubling.partition_point(|e| e.0 < first);
            let same_first = self.doubling.get(from..).unwrap_or(&[]);
            for &(_, in_names, i) in same_first.iter().take_while(|e| e.0 == first) {
                let list = if in_names { &self.names } else { &self.domains };
                let Some(t) = list.get(i) else { continue };
                let lb = t.label_bytes.as_slice();
                let n = lb.len();
                if pb.len() + 1 < n || pb.len() > n + 3 || !within_reach(mask, t.byte_mask, 1) {
                    continue;
                }
                let mut norm = [0u8; MAX];
                let mut k = 0;
                for &c in pb {
                    let again = k > 0 && norm.get(k - 1) == Some(&c);
                    if again && lb.contains(&c) && !lb.windows(2).any(|w| w == [c, c]) {
                        continue;
                    }
                    if let Some(slot) = norm.get_mut(k) {
                        *slot = c;
                        k += 1;
                    }
                }
                let collapsed = norm.get(..k).unwrap_or(&[]);
                // `e`: a silent ending, whose edit must lie before the last two letters,
                // where words change their endings (`chainlik|e` is no Chainlink).
                let close = |(f, e): &(&[u8], bool)| {
                    let edit_at = match one_edit(f, lb) {
                        Some(Edit::Sub(i) | Edit::Ins(i) | Edit::Del(i) | Edit::Swap(i)) => i,
                        None => 0,
                    };
                    f.len() < pb.len()
                        && both_ends(f, lb)
                        && !(*e && edit_at + 2 >= n)
                        && (*f == lb
                            || if n > FUZZY_TOKEN_MIN_LEN {
                                one_edit(f, lb).is_some()
                            } else {
                                shaped_edit(f, lb)
                            })
                };
                let found = std::iter::once((collapsed, false))
                    .chain(
                        [b"s".as_slice(), b"e", b"es"]
                            .into_iter()
                            .filter(|e| !lb.ends_with(e))
                            .filter_map(|e| {
                                collapsed.strip_suffix(e).map(|f| (f, e.starts_with(b"e")))
                            }),
                    )
                    .find(close)
                    .map(|(f, _)| f);
                if let Some(f) = found
                    && !english(part)
                    && !std::str::from_utf8(f).is_ok_and(english)
                    && !self.domain_scan.is_word(part)
                    && !t.word_neighbours.iter().any(|w| part.contains(w))
                {
                    return Some(part_among(t.id, part, parts));
                }
            }
        }
        None
    }

    /// The entry a [`Candidate`] stands for.
    fn entry(&self, c: &Candidate) -> Option<&DomainEntry> {
        match c.list {
            List::Domains => self.domains.get(c.index),
            List::Spelled => self.spelled.get(c.index),
            List::Names => self.names.get(c.index),
        }
    }

    /// An ordinary-word brand as the object of an imperative verb, the label being just the
    /// two words joined by a hyphen (`get-ledger.com`, `go-safe.net`, `take-ledger.com`,
    /// `goto-ledger.com`: "go to" glued): a drop page's call to act. Company names glue such verbs (`getsafe`) or put them after
    /// the name, and these verbs stay extension words everywhere else (`ledger-get-house`).
    /// Tokens that name the whole field (`crypto`) are left out.
    fn word_brand_after_verb(&self, label: &str) -> Option<Match> {
        const IMPERATIVE: &[&str] = &["get", "go", "goto", "take"];
        let (verb, object) = label.split_once('-')?;
        if !IMPERATIVE.iter().any(|v| verb.eq_ignore_ascii_case(v)) || object.contains('-') {
            return None;
        }
        let hit = self.whole_word_brand(object)?;
        self.word_brand_match(hit, Technique::Combosquatting, vec![verb.to_owned()])
    }

    /// A distinctive official label of [`TWICE_MIN_LEN`]+ letters (not an ordinary or English
    /// word) misspelt by any one letter for another and glued to other letters at the start
    /// or end of a name part (`mettmaskloggx`, `walletmetnmask`, `mxtamaskwalleti`): the
    /// misspelling and the glued letters are two changes a hurried site-builder name makes.
    /// The changed letter is neither the label's first nor in its last two (at the part's
    /// start; mirrored at its end), where words change their endings (`arbitr|amento`).
    /// Windows two edits from the label were tried: they are English words the shipped list
    /// lacks (`celeria|c`, `e|staminet`, `hyperlipid|emia`). Parts that are English words, or
    /// where an English word covers the window, spell those words.
    fn misspelt_twice(&self, label: &str) -> Option<Match> {
        if !label.is_ascii() || label.len() > 63 || label.len() <= TWICE_MIN_LEN {
            return None;
        }
        let lower = ascii_lower(label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        for part in parts {
            let pb = part.as_bytes();
            let mask = char_mask(pb);
            for c in &self.twice_targets {
                // A window one substitution from the label lacks at most one of its letters.
                if !c.may_twice(pb.len(), mask) {
                    continue;
                }
                if let Some(t) = self.entry(c)
                    && self.misspelt_twice_by(part, t)
                {
                    return Some(part_among(t.id, part, parts));
                }
            }
        }
        None
    }

    /// [`Matcher::misspelt_twice`] for one name part (longer than the label) and one target
    /// of [`Matcher::twice_targets`].
    fn misspelt_twice_by(&self, part: &str, t: &DomainEntry) -> bool {
        let pb = part.as_bytes();
        let n = t.label_bytes.len();
        let lb = t.label_bytes.as_slice();
        if t.generic || t.word || n < TWICE_MIN_LEN || pb.len() <= n {
            return false;
        }
        let (Some(head), Some(tail)) = (pb.get(..n), pb.get(pb.len() - n..)) else {
            return false;
        };
        let head_ok = head.first() == lb.first()
            && matches!(one_edit(head, lb), Some(Edit::Sub(i)) if i + 2 < n)
            && !(n..=pb.len()).any(|j| part.get(..j).is_some_and(english));
        let tail_ok = || {
            tail.last() == lb.last()
                && matches!(one_edit(tail, lb), Some(Edit::Sub(i)) if i >= 2)
                && !(0..=pb.len() - n).any(|i| part.get(i..).is_some_and(english))
        };
        (head_ok || tail_ok()) && !t.word_neighbours.iter().any(|w| part.contains(w))
    }

    /// A misspelt official label, or a short name among words, in a subdomain label, judged
    /// like one in the registrable label ([`Matcher::fuzzy_token`],
    /// [`Matcher::short_name_among_words`]): on shared hosts the name a victim reads is the
    /// subdomain (`metamsk-login.somehost.com`, `binannce.example.org`).
    fn misspelt_in_subdomain(
        &self,
        sub: Option<&str>,
        registrable: &dyn Fn() -> String,
    ) -> Option<Match> {
        for part in split_byte(sub?, b'.') {
            if part.len() < 4 || part.eq_ignore_ascii_case("www") {
                continue;
            }
            if let Some(mut m) = self
                .fuzzy_token(part, true)
                .or_else(|| self.short_name_among_words(part))
            {
                m.technique = Technique::SubdomainAbuse;
                if let Detail::Contains { extra, .. } = &mut m.detail {
                    extra.push(registrable());
                }
                return Some(m);
            }
        }
        None
    }

    /// Whether a token found in `raw` lies inside an English word of it that is not the token
    /// itself (`celestia` in `celestial`, `base` in `freebase`), the rest of its part being
    /// lure and extension words (`celestialwallet`): the name spells the word. The forms of a
    /// token that is a word itself (`example` in `examples`) are left to the other rules.
    fn inside_word(&self, raw: &str, f: &Folded, hit: &Hit) -> bool {
        if !raw.is_ascii() || raw.len() > 63 {
            return false;
        }
        let (a, b) = (f.src(hit.start), f.src(hit.end));
        let bytes = raw.as_bytes();
        let alnum = |c: &u8| c.is_ascii_alphanumeric();
        let s = bytes
            .get(..a)
            .and_then(|v| v.iter().rposition(|c| !alnum(c)))
            .map_or(0, |p| p + 1);
        let e = bytes
            .get(b..)
            .and_then(|v| v.iter().position(|c| !alnum(c)))
            .map_or(raw.len(), |p| b + p);
        let Some(seg) = raw.get(s..e).map(str::to_ascii_lowercase) else {
            return false;
        };
        let (Some(a), Some(b)) = (a.checked_sub(s), b.checked_sub(s)) else {
            return false;
        };
        let Some(token) = seg.get(a..b) else {
            return false;
        };
        // A token that is a word itself stays in its own forms (`example` in `examples`).
        let word_token = english(token);
        let rest = |r: &str| r.is_empty() || self.domain_scan.words_only(r);
        (0..=a).any(|i| {
            (b..=seg.len()).any(|j| {
                (i, j) != (a, b)
                    && seg.get(i..j).is_some_and(|w| {
                        english(w) && !(word_token && i == a && inflects(w, token.as_bytes()))
                    })
                    && seg.get(..i).is_some_and(rest)
                    && seg.get(j..).is_some_and(rest)
            })
        })
    }

    /// The brand token that is exactly the last subdomain label, if any (`curve` in
    /// `curve.com-a.pro`), generic words included.
    fn last_sub_token<'a>(&'a self, d: &DomainView<'a>) -> Option<(&'a str, &'a Token)> {
        let last = d.subdomain?.rsplit('.').next()?;
        if last.len() < 3 || last.len() > 63 {
            return None;
        }
        let f = Folded::new(last, false);
        let hit = self.domain_scan.scan(&f, Mode::Text, |_| true)?;
        if hit.start != 0 || hit.end != f.bytes().len() {
            return None;
        }
        Some((last, self.domain_scan.token(hit.token)?))
    }

    /// A brand written as a domain in front of the registrable one: the last subdomain label
    /// is a brand token and the registrable label begins with a suffix word and a hyphen
    /// (`curve.com-a.pro`, `optimism.org-h.vip`, `okx.net-app.live`): the reader sees
    /// `curve.com` and a path. Legitimate names do not begin with `com-`.
    fn brand_before_fake_suffix(&self, d: &DomainView<'_>) -> Option<Match> {
        const SUFFIX_WORDS: &[&str] = &[
            "com",
            "org",
            "net",
            "io",
            "co",
            "app",
            "fi",
            "xyz",
            "info",
            "finance",
            "exchange",
            "foundation",
            "network",
        ];
        let (head, _) = d.label.split_once('-')?;
        if !SUFFIX_WORDS.iter().any(|w| head.eq_ignore_ascii_case(w)) {
            return None;
        }
        let (last, tok) = self.last_sub_token(d)?;
        Some(Match {
            target: tok.id,
            technique: Technique::SubdomainAbuse,
            detail: Detail::Contains {
                token: format!("{last}.{head}").to_lowercase(),
                extra: vec![format!("{}.{}", d.label, d.suffix)],
            },
        })
    }

    /// An ordinary-word brand as the subdomain label right before the registrable domain, alone
    /// or as one hyphen-separated word of it (`blast.idrop.live`, `www.blur.unstake.app`,
    /// `base-poll.survey.codes`), under a suffix that is neither a classic generic one nor a
    /// country's: on the throw-away suffixes phishing uses, a site does not name its service
    /// after a brand. Under `com`, `net`, a country's suffix, a bare word in front is how
    /// sites name their services (`gemini.google.com`, `gate.company.de`), unless the
    /// registrable label is made only of lure, context and extension words with at least one
    /// lure word among them (`ledger.claim-drops.com`, `safe.web3mint.net`), or of those and
    /// up to two stray letters with a lure word of 4+ letters (`ledger.web3rmint.com`): a drop
    /// page, not a company. Tokens that name the whole field (`crypto.`) are left out.
    fn word_brand_subdomain(&self, d: &DomainView<'_>) -> Option<Match> {
        let last = d.subdomain?.rsplit('.').next()?;
        if last.len() < 3 || last.len() > 63 {
            return None;
        }
        let hit = last
            .split('-')
            .filter(|p| p.len() >= 3)
            .find_map(|p| self.whole_word_brand(p))?;
        if classic_suffix(d.suffix)
            && !self.domain_scan.lure_words_only(d.label)
            && !self.domain_scan.lure_words_nearly(d.label, 2)
            && !self.disguised_drop_page(d.label)
        {
            return None;
        }
        let registrable = vec![format!("{}.{}", d.label, d.suffix)];
        self.word_brand_match(hit, Technique::SubdomainAbuse, registrable)
    }

    /// A dot inserted into an official label: the last subdomain label and the registrable
    /// label, or the registrable label and the first label of a multi-label suffix, joined, are
    /// an official label (or fold like one): `bi.nance.com`, `binanc.e.com`, `byb.it.com` (`it.com`
    /// is a public suffix). Or the official domain spelled across the subdomain and a hyphenated
    /// label: `chain.link-claim.online` for `chain.link`. The registrable domain is someone
    /// else's.
    fn dot_insertion(&self, d: &DomainView<'_>) -> Option<Match> {
        let last = d
            .subdomain
            .and_then(|s| s.rsplit('.').next())
            .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("www"));
        let mut candidates: [Option<(String, &str, usize)>; 2] = [None, None];
        if let Some(last) = last {
            candidates[0] = Some((concat(&[last, d.label]), d.suffix, last.chars().count()));
            // The official domain spelled, then a hyphen: `chain.link-claim.online`.
            if has_byte(d.label, b'-') {
                let spelled = lowercase(concat(&[last, ".", d.label]));
                if let Some(t) = self.domains.iter().find(|t| {
                    spelled.len() > t.domain.len()
                        && spelled.starts_with(&t.domain)
                        && spelled.as_bytes().get(t.domain.len()) == Some(&b'-')
                }) {
                    return Some(Match {
                        target: t.id,
                        technique: Technique::SubdomainAbuse,
                        detail: Detail::Contains {
                            token: t.domain.clone(),
                            extra: vec![format!("{}.{}", d.label, d.suffix)],
                        },
                    });
                }
            }
            // The label split and followed by words: `wallet.connect-claim.app`.
            if let Some(m) = self.split_label_with_words(last, d) {
                return Some(m);
            }
        }
        if let Some((first, rest)) = d.suffix.split_once('.') {
            candidates[1] = Some((concat(&[d.label, first]), rest, d.label.chars().count()));
        }
        for (joined, suffix, position) in candidates.into_iter().flatten() {
            if joined.len() > 63 {
                continue;
            }
            let joined = lowercase(joined);
            let sk = skeleton(&joined);
            let mut lbuf = ['\0'; LOOSE_CAP];
            let ln = loose(sk.chars(), &mut lbuf);
            let lq = lbuf.get(..ln).unwrap_or(&[]);
            let found = self.domains.iter().find(|t| {
                t.label.iter().copied().eq(joined.chars())
                    || t.skel == sk
                    || (t.loose == lq && (!t.generic || suffix == t.suffix))
            });
            if let Some(t) = found {
                return Some(Match {
                    target: t.id,
                    technique: Technique::DotInsertion,
                    detail: Detail::Edit {
                        position,
                        found: Some(".".to_owned()),
                        expected: None,
                        keyboard_neighbour: false,
                    },
                });
            }
        }
        None
    }

    /// A misspelt official label among other words: a hyphen-separated part one edit
    /// from a label of 6+ characters (visual edits only at 6; two edits from 10), the label
    /// having other parts (`abitrum-bridge`, `collections-openssea`, `app-pendlle`); or a part
    /// that begins or ends with such a misspelling, the rest of it being lure and extension
    /// words (`abitrumbridge`, `claimopenssea`). Parts that are themselves ordinary words
    /// (`finance` is one edit from `binance`) are not misspellings. ASCII labels only: the
    /// non-ASCII ones are folded by the earlier checks.
    ///
    /// `in_subdomain`: the name is a subdomain label, the registrable domain being the other
    /// word: a misspelling alone counts (`arbitrun.somehost.com`).
    fn fuzzy_token(&self, label: &str, in_subdomain: bool) -> Option<Match> {
        if !label.is_ascii() || label.len() > 63 {
            return None;
        }
        let lower = ascii_lower(label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        if let Some(m) = self.spelled_with_hyphen(parts) {
            return Some(m);
        }
        let several = in_subdomain || parts.len() > 1;
        for part in parts {
            let pb = part.as_bytes();
            if pb.len() < 4 {
                continue;
            }
            let mask = char_mask(pb);
            for c in &self.fuzzy_targets {
                // Every finding of [`Matcher::fuzzy_token_by`] is a window of the part (or the
                // whole part) one edit from the label, or two from [`TWO_EDITS_MIN_LEN`]
                // letters: a part lacking more of the label's letters matches nothing. One AND
                // on this small array skips most targets, before the edit and word checks
                // that made this loop the matcher's costliest. Labels under six letters count
                // only as whole parts (`Candidate::max_part`).
                if !c.may_fuzzy(pb.len(), mask) {
                    continue;
                }
                if let Some(t) = self.entry(c)
                    && self.fuzzy_token_by(part, parts, several, t)
                {
                    return Some(part_among(t.id, part, parts));
                }
            }
        }
        None
    }

    /// [`Matcher::fuzzy_token`] for one name part (4+ letters, no longer than two letters
    /// short of the label) among `parts`, and one target of [`Matcher::fuzzy_targets`].
    fn fuzzy_token_by(&self, part: &str, parts: &[&str], several: bool, t: &DomainEntry) -> bool {
        let pb = part.as_bytes();
        let n = t.label_bytes.len();
        if t.generic || n < 4 || pb.len() < 4 || pb.len() + 2 < n {
            return false;
        }
        let mask = char_mask(pb);
        let word = || self.domain_scan.is_word(part);
        // Short names misspelt count only among lure and extension words.
        let others_words = || {
            parts
                .iter()
                .filter(|p| **p != part)
                .all(|p| self.domain_scan.words_only(p))
        };
        // A window one edit from a target keeps its first or its last letter.
        let ends = |w: &[u8], t: &[u8]| w.first() == t.first() || w.last() == t.last();
        let diff = (mask ^ t.masks.0).count_ones();
        let whole = (several || t.name || n >= TWO_EDITS_MIN_LEN)
            && pb.len() <= n + 2
            && (diff <= 2 || (n >= TWO_EDITS_MIN_LEN && diff <= 4))
            && near_edit(pb, &t.label_bytes, n, false)
            && !word()
            && !other_word(part, t)
            && (n >= FUZZY_TOKEN_MIN_LEN || others_words());
        // Six-letter labels: an insertion, omission, swap or look-alike letter, the
        // window keeping both end letters (`zksnc-drop`, `pendel` is a swap); a whole
        // part so misspelt, or by a vowel for a vowel, or cut short by its last
        // letter, beside lure and extension words too (`ethna-defi`, `pandle-fi`,
        // `zksyn-claim`).
        let six = n == FUZZY_TOKEN_MIN_LEN;
        let label = t.label_bytes.as_slice();
        let whole = whole
            || (six
                && parts.len() > 1
                && ((both_ends(pb, label)
                    && (shaped_edit(pb, label)
                        || vowel_for_vowel(pb, label)
                        || twelfth::sound_for_sound(pb, label)))
                    || (pb.len() + 1 == n && label.starts_with(pb)))
                && others_words()
                && !word()
                && !other_word(part, t));
        let close = |w: &[u8]| {
            if six {
                both_ends(w, &t.label_bytes)
                    && (shaped_edit(w, &t.label_bytes)
                        || twelfth::sound_for_sound(w, &t.label_bytes))
            } else {
                ends(w, &t.label_bytes) && near_edit(w, &t.label_bytes, n, true)
            }
        };
        let glued = || {
            n >= FUZZY_TOKEN_MIN_LEN
                && pb.len() >= n
                && [n - 1, n, n + 1].iter().any(|&w| {
                    if w >= pb.len() {
                        return false;
                    }
                    let head = pb.get(..w).unwrap_or(&[]);
                    let (lead, tail) = pb.split_at(pb.len() - w);
                    (close(head) && self.domain_scan.words_only(part.get(w..).unwrap_or("")))
                        || (close(tail)
                            && self
                                .domain_scan
                                .words_only(part.get(..lead.len()).unwrap_or("")))
                })
                && !t.word_neighbours.iter().any(|w| part.contains(w))
                && !(six && english(part))
        };
        whole
            || glued()
            || self.misspelt_prefix_or_suffix(part, t)
            || self.six_doubled_glued(part, t)
    }

    /// An official domain spelled with a hyphen for its dot, the label misspelt by one edit
    /// (`revocke-cash` for `revoke.cash`, `ethna-fi` for `ethena.fi`): the suffix written out
    /// names the brand's address. Only the spelled domains (suffixes that are words of the
    /// name, see [`Matcher::new`]); misspellings that are English or lure words are those words.
    fn spelled_with_hyphen(&self, parts: &[&str]) -> Option<Match> {
        for pair in parts.windows(2) {
            let [a, b] = pair else { continue };
            for t in &self.spelled {
                if *b != t.suffix {
                    continue;
                }
                let Some(label) = t
                    .label_bytes
                    .len()
                    .checked_sub(t.suffix.len())
                    .and_then(|n| t.label_bytes.get(..n))
                else {
                    continue;
                };
                if label.len() >= 4
                    && a.as_bytes() != label
                    && one_edit(a.as_bytes(), label).is_some()
                    && !english(a)
                    && !self.domain_scan.is_word(a)
                {
                    return Some(part_among(t.id, a, parts));
                }
            }
        }
        None
    }

    /// A name that begins or ends with a misspelling of a distinctive official label of 7+
    /// characters, whatever letters follow or precede it (`metamsktool`, `zzuniswaap`; two
    /// or more below 8 characters): a window of the label's length or one letter more (one
    /// letter less from 8 characters) one edit from the label, keeping its first and last letters, the edit
    /// an insertion, omission, swap or look-alike substitution, or from 8 characters a vowel
    /// for a vowel before the last two letters (`metumaskwale`); or the label with the two letters at the window's inner
    /// end swapped (`opensaeproject`). Names that are English words, or where the window
    /// lies inside an English word of the name, or that hold a word one edit from the label
    /// (`refinance`), spell those words.
    fn misspelt_prefix_or_suffix(&self, part: &str, t: &DomainEntry) -> bool {
        let n = t.label_bytes.len();
        let pb = part.as_bytes();
        if t.word || n <= FUZZY_TOKEN_MIN_LEN || pb.len() <= n {
            return false;
        }
        // The cheap tests first: most names fail on the end letters (a window may end, or
        // begin, with the label's last two, or first two, letters swapped).
        let (first, last) = (t.label_bytes.first(), t.label_bytes.last());
        let may = [n - 1, n, n + 1].iter().any(|&w| {
            w < pb.len()
                && ((pb.first() == first
                    && (pb.get(w - 1) == last || pb.get(w.saturating_sub(2)) == last))
                    || (pb.last() == last
                        && (pb.get(pb.len() - w) == first || pb.get(pb.len() - w + 1) == first)))
        });
        if !may || english(part) {
            return false;
        }
        let found = [n - 1, n, n + 1].iter().any(|&w| {
            if w >= pb.len() {
                return false;
            }
            // A letter left out only from labels of 8+ characters, and a letter put for
            // another only when it looks like it: shorter windows and plain substitutions
            // begin and end words (`bitart|rate`, `abi|dance`, `openhea|rted`).
            // Below 8 characters one letter more is a typo of the whole name, judged by
            // the typo rules (`cardamo|n` is no Cardano).
            if n < 8 && (w < n || pb.len() < w + 2) {
                return false;
            }
            let (head, _) = pb.split_at(w);
            let (_, tail) = pb.split_at(pb.len() - w);
            let label = t.label_bytes.as_slice();
            // From 8 letters a vowel written for another is a typo too (`metumask`, `metimask`);
            // the last two letters of a head window, or the first two of a tail one, may be
            // swapped (`opensae…`).
            let long_edit = |win: &[u8], end: usize| match one_edit(win, label) {
                // Not in the last two letters, where words change their endings
                // (`arbitr|amento`).
                Some(Edit::Sub(i)) => {
                    n >= 8 && i + 2 < n && both_ends(win, label) && vowel_for_vowel(win, label)
                }
                Some(Edit::Swap(i)) => i == end,
                _ => false,
            };
            let head_ok = ((both_ends(head, label) && shaped_edit(head, label))
                || (head.first() == label.first() && long_edit(head, w.saturating_sub(2))))
                && !(w + 1..=pb.len()).any(|j| part.get(..j).is_some_and(english));
            let tail_ok = ((both_ends(tail, label) && shaped_edit(tail, label))
                || (tail.last() == label.last() && long_edit(tail, 0)))
                && !(0..pb.len() - w).any(|i| part.get(i..).is_some_and(english));
            head_ok || tail_ok
        });
        found && !t.word_neighbours.iter().any(|w| part.contains(w))
    }

    /// A distinctive short name (`lido`, `linea`: 4–5 letters, neither an ordinary nor an
    /// English word) glued to whole English words and lure, context and extension words on
    /// either side, in one part of the name (`foxylinea`, `lidofunds`, `stakewithlido`,
    /// `airdrop.foxylineacoindefi.app`): a name made of the brand and words is about the brand.
    /// Letters that are no words (`lidocaine`'s `caine`), a window inside a word (`linear`),
    /// and names that are English words themselves are other names.
    fn short_name_among_words(&self, label: &str) -> Option<Match> {
        self.short_name_tiled(label, false)
    }

    /// [`Matcher::short_name_among_words`]; `misspelt`: the words around may be misspelt,
    /// one edit from an English word of 6+ letters (`mantapacifc`, `lidostalkes`:
    /// site-builder names are typed in a hurry), as a last resort of
    /// [`Matcher::match_domain`] ([`Matcher::tiled_by_words`]).
    fn short_name_tiled(&self, label: &str, misspelt: bool) -> Option<Match> {
        if !label.is_ascii() || label.len() > 63 || self.short_names.is_empty() {
            return None;
        }
        let lower = ascii_lower(label);
        // Only names whose first two letters the name holds: most names hold none, and
        // are done before being split into parts.
        let pairs = self.short_pairs_in(lower.as_bytes());
        if lower.len() < 8 || pairs == 0 {
            return None;
        }
        let parts = || lower.split(|c: char| !c.is_ascii_alphanumeric());
        for part in parts().filter(|p| p.len() >= 8) {
            let mask = char_mask(part.as_bytes());
            for (k, (id, name, name_mask)) in self.short_names.iter().enumerate() {
                // Only names whose first two letters the part holds: most parts hold none.
                if pairs & 1 << (k % 64) == 0 {
                    continue;
                }
                // A part holding the name holds its letters: most names stop here, before
                // a substring search is set up.
                if !within_reach(mask, *name_mask, 0) {
                    continue;
                }
                // A plain scan: parts are short, and a substring searcher's set-up for
                // every name whose letters a part holds cost more than the search.
                let (hay, needle) = (part.as_bytes(), name.as_bytes());
                let starts = (0..=hay.len().saturating_sub(needle.len()))
                    .filter(|&i| hay[i..].starts_with(needle));
                for at in starts {
                    let end = at + name.len();
                    let (before, after) = (&part[..at], &part[end..]);
                    // No English word holds the name (`linear` in `linearise`).
                    let inside = || {
                        (at.saturating_sub(10)..=at).any(|i| {
                            (end..=part.len().min(i + 14))
                                .any(|j| (i, j) != (at, end) && part.get(i..j).is_some_and(english))
                        })
                    };
                    if self.tiled_by_words(before, misspelt)
                        && self.tiled_by_words(after, misspelt)
                        && !english(part)
                        && !inside()
                    {
                        return Some(glued_name(*id, name, [before, after], parts(), part));
                    }
                }
            }
        }
        None
    }

    /// The bits of [`Matcher::short_pairs`] of every pair of adjacent bytes of `s`: a
    /// superset of the short names it holds (names are letters and digits: a pair with
    /// another byte begins none).
    fn short_pairs_in(&self, s: &[u8]) -> u64 {
        pairs_in(&self.short_pairs, s)
    }

    /// [`Matcher::short_pairs_in`] for the names of [`Matcher::unheld`].
    fn unheld_pairs_in(&self, s: &[u8]) -> u64 {
        pairs_in(&self.unheld_pairs, s)
    }

    /// Whether `s` (lowercase ASCII) is empty or made of English words (4+ letters, or with a
    /// plural `s`), lure, context, extension and field words (`crypto`), one-edit
    /// misspellings of 5+ letters of the lure and context words (`staksing`, `officiaal`) and
    /// digits; or of those and up to two stray letters beside a list word of 4+ letters
    /// (`at` + `wallet`, `s` + `chain`): the rest of a name around a short brand name.
    /// With `misspelt`, words one edit from an English word of 6+ letters count too
    /// (`pacifc`, `distibutions`).
    fn tiled_by_words(&self, s: &str, misspelt_words: bool) -> bool {
        let b = s.as_bytes();
        if b.len() > 63 {
            return false;
        }
        // `cost[f][k]`: the fewest stray letters in a tiling of the first `k` bytes, `f` = 1
        // when the tiling holds a list word of 4+ letters.
        let mut cost = [[u8::MAX; 64]; 2];
        if let Some(c) = cost[0].get_mut(0) {
            *c = 0;
        }
        let misspelt = |w: &str| {
            w.len() >= 5 && self.long_lure_context.one_edit_from(w.as_bytes()) && !english(w)
        };
        for i in 0..b.len() {
            let digit = b.get(i).is_some_and(u8::is_ascii_digit);
            for f in 0..2 {
                let Some(&here) = cost[f].get(i) else {
                    continue;
                };
                if here > 2 {
                    continue;
                }
                let mut relax = |to: usize, c: u8, f: usize| {
                    if let Some(slot) = cost[f].get_mut(to) {
                        *slot = (*slot).min(c);
                    }
                };
                relax(i + 1, if digit { here } else { here + 1 }, f);
                for j in i + 2..=b.len().min(i + 14) {
                    let Some(w) = s.get(i..j) else { continue };
                    let list = self.name_words.binary_search(&w).is_ok();
                    let long = j - i >= 4;
                    let plural = || w.strip_suffix('s').is_some_and(english);
                    let near = || {
                        misspelt_words
                            && (6..=14).contains(&w.len())
                            && !english(w)
                            && crate::dict::near_word(w, 6)
                    };
                    if list || (long && (english(w) || plural() || misspelt(w) || near())) {
                        relax(j, here, if list && long { 1 } else { f });
                    }
                }
            }
        }
        let end = |f: usize| cost[f].get(b.len()).copied().unwrap_or(u8::MAX);
        end(0) == 0 || end(1) <= 2
    }

    /// The ordinary-word brand token (not one naming the whole field) that is exactly `part`.
    fn whole_word_brand(&self, part: &str) -> Option<Hit> {
        let keep = |t: &Token| t.class == Class::Generic && !t.category;
        if part.is_ascii() {
            // The scan below finds a token covering the whole part only when one of its
            // patterns is the whole folded part (Text mode takes a whole generic word): one
            // look-up on the ASCII fold ([`Folded::new`]'s fast path: separators dropped, at
            // most [`CAP`] bytes), without the fold's offsets or the automaton. Asked for every
            // part of most hyphenated names by several rules.
            let mut buf = [0u8; CAP];
            let mut n = 0;
            for &b in part.as_bytes().iter().take(usize::from(u16::MAX)) {
                let c = ascii_fold(b);
                if !c.is_ascii_alphanumeric() {
                    continue;
                }
                let Some(slot) = buf.get_mut(n) else { break };
                *slot = c;
                n += 1;
            }
            if !self.domain_scan.exact_head(buf.get(..n)?) {
                return None;
            }
            let token = self.domain_scan.exact(buf.get(..n)?)?;
            return self
                .domain_scan
                .token(token)
                .filter(|t| keep(t))
                .map(|_| Hit {
                    token,
                    start: 0,
                    end: n,
                });
        }
        let f = Folded::new(part, false);
        self.domain_scan
            .scan(&f, Mode::Text, keep)
            .filter(|h| h.start == 0 && h.end == f.bytes().len())
    }

    /// Combosquatting by the word-brand token `hit`, part `at` of the name's `parts`, the
    /// other parts as extra words.
    fn word_brand_among(&self, hit: Hit, at: usize, parts: &[&str]) -> Option<Match> {
        let others = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, p)| (*p).to_owned())
            .collect();
        self.word_brand_match(hit, Technique::Combosquatting, others)
    }

    /// A finding of token `hit` with the other words `extra`.
    fn word_brand_match(
        &self,
        hit: Hit,
        technique: Technique,
        extra: Vec<String>,
    ) -> Option<Match> {
        let tok = self.domain_scan.token(hit.token)?;
        Some(Match {
            target: tok.id,
            technique,
            detail: Detail::Contains {
                token: tok.display.clone(),
                extra,
            },
        })
    }

    /// An ordinary-word brand as a whole hyphen-separated word next to short codes with
    /// digits (`ledger-x2.com`, `s9-safe.net`, `kraken-f10-claim.com`): campaign names, not
    /// companies; or next to a misspelt lure word (`ledger-wallett`, `safe-airdorp`: phishing
    /// names are typed in a hurry, companies spell their words); or next to the language tag
    /// `en` as a word of its own (`ledger-en.com`: a copy of the brand's site in English;
    /// glued, `-en` ends words of other languages: `tonen`, `scrollen`). The other words may
    /// be lure, context and extension words. Digits alone are the token scan's rule.
    fn word_brand_with_code(&self, label: &str) -> Option<Match> {
        if !label.contains('-') || label.len() > 63 {
            return None;
        }
        let code = |p: &str| {
            p.len() <= 6
                && p.bytes().all(|b| b.is_ascii_alphanumeric())
                && p.bytes().any(|b| b.is_ascii_digit())
                && p.bytes().any(|b| b.is_ascii_alphabetic())
        };
        let mut hit = None;
        let mut codes = 0;
        let mut others = Vec::new();
        for part in label.split('-').filter(|p| !p.is_empty()) {
            if hit.is_none() {
                hit = self.whole_word_brand(part);
                if hit.is_some() {
                    continue;
                }
            }
            if code(part) || self.misspelt_lure(part) || part.eq_ignore_ascii_case("en") {
                codes += 1;
            } else if !self.domain_scan.words_only(part) {
                return None;
            }
            others.push(part.to_owned());
        }
        let hit = hit.filter(|_| codes > 0)?;
        self.word_brand_match(hit, Technique::Combosquatting, others)
    }

    /// Whether `part` is one edit from a lure word of 5+ letters without being an English or
    /// list word itself (`wallett`, `airdorp`, `claimm`; not `walled`).
    fn misspelt_lure(&self, part: &str) -> bool {
        let lower = part.to_ascii_lowercase();
        lower.len() >= 5
            && lower.len() <= 15
            && lower.bytes().all(|b| b.is_ascii_lowercase())
            && self.long_lures.one_edit_from(lower.as_bytes())
            && !english(&lower)
            && !self.domain_scan.is_word(&lower)
    }

    /// An ordinary-word brand as a whole hyphen-separated word, among any other words, under
    /// a suffix that is neither a classic generic one (`com`, `net`, `org`, `io`, `co`, `info`,
    /// `biz`, `edu`, `gov`) nor a country's: `scroll-panda.xyz`, `phase2-blast.site`,
    /// `base-party.pages.dev`. Established sites that merely contain the word live under the
    /// classic and country suffixes (`safe-search.de`, `gate-house.com`); the new generic
    /// suffixes and shared hosts are where throw-away phishing sites are made. Tokens that name
    /// the whole field (`crypto`) are left out.
    fn word_brand_on_new_suffix(&self, d: &DomainView<'_>) -> Option<Match> {
        if !d.label.contains('-') || classic_suffix(d.suffix) {
            return None;
        }
        let mut others = Vec::new();
        let mut hit = None;
        for part in d.label.split('-').filter(|p| !p.is_empty()) {
            if hit.is_none() {
                hit = self.whole_word_brand(part);
                if hit.is_some() {
                    continue;
                }
            }
            others.push(part.to_owned());
        }
        let hit = hit?;
        // Other words, and not only digits (those are the digit rule's).
        if !others.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            return None;
        }
        self.word_brand_match(hit, Technique::Combosquatting, others)
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
        let mut lbuf = ['\0'; LOOSE_CAP];
        let ln = loose(sk.iter().map(|&c| c.into()), &mut lbuf);
        let lq = lbuf.get(..ln).unwrap_or(&[]);
        let lmask = char_mask(lq);
        let hyphen = |c: &T| (*c).into() == '-';
        let has_hyphen = raw.iter().any(hyphen);
        let mut best: Option<(u8, u32, Technique, Detail)> = None;
        for t in &self.domains {
            // Equality, hyphenation and one edit all keep the character sets within two of
            // each other, and loose equality keeps the loose sets equal: most targets stop
            // here, on three XORs.
            if !near(masks.0, t.masks.0) && !near(masks.1, t.masks.1) && lmask != t.loose_mask {
                continue;
            }
            let (label, skel) = pick(t);
            let same_suffix = d.suffix.eq_ignore_ascii_case(&t.suffix);
            let n = t.label.len();
            let found = if raw == label {
                if same_suffix {
                    return Some(None);
                }
                // An ordinary word under an established suffix is someone else's site
                // (`kraken.io`, `safe.com`, `polygon.com`), not a swap of the brand's.
                if t.generic && ESTABLISHED_SUFFIXES.contains(&d.suffix) {
                    continue;
                }
                // Hosts named after their account (`coinbase.github.io`): brands hold their own
                // names there.
                if ACCOUNT_HOSTS.contains(&d.suffix) {
                    continue;
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
            } else if lq == t.loose.as_slice()
                && (same_suffix || (n >= TYPO_MIN_LEN && !t.generic))
                // Short labels: no composed look-alike (`le` for `k`, `el` for `d`, two
                // folds for one letter): `olex` is not `okx`.
                && (n > 4 || composed(sk) <= composed(skel))
                && loose_or_disguised((raw, sk), (label, skel), t.generic, n)
                // Two small-type substitutions that spell a word are that word.
                && !other_word(d.label, t)
            {
                // (A single spelling edit is a typo, judged below: `blockchair` for
                // `blockchain`.) Two or more visual substitutions of the kind small type hides
                // (`bimamce` for `binance`, `eoinbasc` for `coinbase`), or one that is visual
                // only once folded (`gatс` with a Cyrillic `с` for `gate`, `krakern` for
                // `kraken`, `p1hantom` for `phantom`).
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
                let typo_ok = n >= TYPO_MIN_LEN_SAME_SUFFIX && (same_suffix || !t.generic);
                typo_ok
                    .then(|| typo((raw, sk), (label, skel), masks, t.masks))
                    .flatten()
                    .filter(|f| typo_allowed(n, t.generic, same_suffix, f))
                    // A typo that lands on a word is that word (`finance` is a bit flip of
                    // `binance`, `tremor` no typo of `trezor`), except under the brand's own
                    // suffix when that is no classic one (`evoke.cash` for `revoke.cash`,
                    // `line.build` for `linea.build`): a word site there next to the brand
                    // borrows its address.
                    .filter(|_| {
                        (same_suffix && !classic_suffix(d.suffix))
                            || (!self.domain_scan.is_word(d.label) && !other_word(d.label, t))
                    })
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
                (t.stripped.len() >= HANDLE_TYPO_MIN_LEN)
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

/// Words of 5+ letters with their [`char_mask`]s, asked whether a name part is one edit from
/// one of them (a misspelt lure word: `wallett`, `airdorp`) for most parts of most names:
/// the mask test skips the words the part cannot reach before [`one_edit`] compares.
struct EditList(Vec<(&'static [u8], u64)>);

impl EditList {
    fn new(words: impl Iterator<Item = &'static str>) -> EditList {
        EditList(
            words
                .filter(|w| w.len() >= 5)
                .map(|w| (w.as_bytes(), char_mask(w.as_bytes())))
                .collect(),
        )
    }

    /// Whether `w` is one edit from one of the words.
    fn one_edit_from(&self, w: &[u8]) -> bool {
        let mask = char_mask(w);
        self.0
            .iter()
            .any(|&(l, m)| within_reach(mask, m, 1) && one_edit(w, l).is_some())
    }
}

/// Whether `part` is a misspelling of an official label `target` of `n` characters: one edit
/// (any edit from 7 characters, a doubled, swapped or look-alike letter at 6), or, from
/// [`TWO_EDITS_MIN_LEN`] characters, two. `one_only` keeps it to one edit.
fn near_edit(part: &[u8], target: &[u8], n: usize, one_only: bool) -> bool {
    if part == target {
        return false;
    }
    if let Some(e) = one_edit(part, target) {
        if n > FUZZY_TOKEN_MIN_LEN {
            return true;
        }
        let chars = |v: &[u8]| v.iter().map(|&b| char::from(b)).collect::<Vec<char>>();
        let (technique, detail) = classify(e, &chars(part), &chars(target));
        return is_visual(technique, &detail, false);
    }
    !one_only && n >= TWO_EDITS_MIN_LEN && within_two(part, target)
}

/// Whether `part` (lowercase) is a misspelt English word: 6–14 letters, no English word
/// itself nor a form of one (an ending the list lacks: `stakers`, `bridger`, `analytics`),
/// and one edit from an English word of 6+ letters (`techology`, `confernce`).
fn misspelt_english(part: &str) -> bool {
    const ENDINGS: &[&str] = &["s", "es", "d", "ed", "r", "rs", "er", "ers", "ing", "ings"];
    (6..=14).contains(&part.len())
        && part.bytes().all(|b| b.is_ascii_lowercase())
        && !english(part)
        && !ENDINGS
            .iter()
            .any(|e| part.strip_suffix(e).is_some_and(english))
        && crate::dict::near_word(part, 6)
}

/// Whether `w` begins and ends with the letters `label` begins and ends with.
fn both_ends(w: &[u8], label: &[u8]) -> bool {
    w.first() == label.first() && w.last() == label.last()
}

/// Whether `w` is `label` with one vowel written for another (`metumask`, `pandle`).
fn vowel_for_vowel(w: &[u8], label: &[u8]) -> bool {
    let vowel = |b: Option<&u8>| b.is_some_and(|b| b"aeiou".contains(b));
    matches!(one_edit(w, label), Some(Edit::Sub(i)) if vowel(w.get(i)) && vowel(label.get(i)))
}

/// Whether `w` is one edit from `label` of a shape typing or disguise makes: an insertion,
/// an omission, a swap, or a substitution by a look-alike or small-type letter (not any
/// letter for any other: those begin and end other words).
fn shaped_edit(w: &[u8], label: &[u8]) -> bool {
    match one_edit(w, label) {
        Some(e @ Edit::Sub(_)) => {
            let chars = |v: &[u8]| v.iter().map(|&b| char::from(b)).collect::<Vec<char>>();
            let (technique, detail) = classify(e, &chars(w), &chars(label));
            is_visual(technique, &detail, false)
        }
        Some(_) => true,
        None => false,
    }
}

/// Whether the edit distance (insertions, omissions, substitutions) between two short strings
/// is at most two. Banded: O(length).
fn within_two(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 2 || a.len() > 64 || b.len() > 64 {
        return false;
    }
    let m = b.len();
    let mut prev = [u8::MAX; 65];
    let mut cur = [u8::MAX; 65];
    for (j, p) in prev.iter_mut().enumerate().take(m + 1) {
        *p = u8::try_from(j).unwrap_or(u8::MAX);
    }
    for (i, &ca) in a.iter().enumerate() {
        cur.fill(u8::MAX);
        if let Some(c) = cur.get_mut(0) {
            *c = u8::try_from(i + 1).unwrap_or(u8::MAX);
        }
        let lo = (i + 1).saturating_sub(2).max(1);
        let hi = (i + 3).min(m);
        for j in lo..=hi {
            let cost = u8::from(b.get(j - 1) != Some(&ca));
            let sub = prev
                .get(j - 1)
                .copied()
                .unwrap_or(u8::MAX)
                .saturating_add(cost);
            let del = prev.get(j).copied().unwrap_or(u8::MAX).saturating_add(1);
            let ins = cur.get(j - 1).copied().unwrap_or(u8::MAX).saturating_add(1);
            if let Some(c) = cur.get_mut(j) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(m).is_some_and(|&d| d <= 2)
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

/// For each pair of letters or digits ([`pair_index`]), bit `k % 64` set for each name `k`
/// beginning with it (a name not beginning with two letters or digits under every pair).
fn pair_table<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut pairs = vec![0u64; PAIRS];
    for (k, name) in names.enumerate() {
        let bit = 1 << (k % 64);
        let at = match name.as_bytes() {
            [a, b, ..] => pair_index(*a, *b),
            _ => None,
        };
        match at.and_then(|i| pairs.get_mut(i)) {
            Some(slot) => *slot |= bit,
            None => pairs.iter_mut().for_each(|s| *s |= bit),
        }
    }
    pairs
}

/// The bits of `table` ([`pair_table`]) of every pair of adjacent bytes of `s`: a superset of
/// the names it holds (names are letters and digits: a pair with another byte begins none).
fn pairs_in(table: &[u64], s: &[u8]) -> u64 {
    let mut bits = 0;
    for w in s.windows(2) {
        if let [a, b] = w
            && let Some(i) = pair_index(*a, *b)
        {
            bits |= table.get(i).copied().unwrap_or(0);
        }
    }
    bits
}

/// How many pairs of lowercase letters and digits there are: the size of
/// [`Matcher::short_pairs`].
const PAIRS: usize = 36 * 36;

/// The index of a pair of ASCII letters or digits among [`PAIRS`], `None` for any other
/// byte. Capitals count as their lowercase letters (callers may not have lowered the name).
#[inline]
fn pair_index(a: u8, b: u8) -> Option<usize> {
    let one = |c: u8| match PAIR_CLASS.get(usize::from(c)) {
        Some(&k) if k < 36 => Some(usize::from(k)),
        _ => None,
    };
    Some(one(a)? * 36 + one(b)?)
}

/// [`pair_index`]'s class of each byte: 0–25 a letter, 26–35 a digit, 255 anything else.
const PAIR_CLASS: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8;
        t[b'A' as usize + c] = c as u8;
        c += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 26 + d as u8;
        d += 1;
    }
    t
};

/// The pieces one after another in one new string (`format!` without its formatting
/// machinery: the dot-insertion check joins labels for most hosts with a subdomain).
fn concat(pieces: &[&str]) -> String {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        s.push_str(p);
    }
    s
}

/// `s` in lowercase (`str::to_lowercase`), lowered in place when ASCII (no second buffer).
fn lowercase(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

/// `label` in lowercase, borrowed when it has no capital (the common case).
fn ascii_lower(label: &str) -> std::borrow::Cow<'_, str> {
    if label.bytes().any(|b| b.is_ascii_uppercase()) {
        label.to_ascii_lowercase().into()
    } else {
        label.into()
    }
}

/// Whether `s` holds the ASCII byte `b`: a byte loop, not `str::contains(char)`, whose
/// `memchr` set-up costs more than it saves on a host's short labels (checked for every name).
#[inline]
fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|x| x == b)
}

/// `s.split(char::from(sep))` for an ASCII `sep`, by a byte loop ([`has_byte`]'s reason):
/// the same pieces, empty ones included.
fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The non-empty hyphen-separated parts of `label` (the first 16), in `buf`: no allocation.
fn hyphen_parts<'a, 'b>(label: &'a str, buf: &'b mut [&'a str; 16]) -> &'b [&'a str] {
    let mut count = 0;
    for p in split_byte(label, b'-').filter(|p| !p.is_empty()) {
        if let Some(slot) = buf.get_mut(count) {
            *slot = p;
            count += 1;
        }
    }
    buf.get(..count).unwrap_or(&[])
}

/// Combosquatting of target `id` by short `name` glued to the letters `beside` it in `part`,
/// the name's other `parts` as extra words too.
fn glued_name<'a>(
    id: u32,
    name: &str,
    beside: [&'a str; 2],
    parts: impl Iterator<Item = &'a str>,
    part: &str,
) -> Match {
    let extra = beside
        .into_iter()
        .chain(parts.filter(|p| *p != part))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    Match {
        target: id,
        technique: Technique::Combosquatting,
        detail: Detail::Contains {
            token: name.to_owned(),
            extra,
        },
    }
}

/// Combosquatting of target `id` by `part`, the other `parts` of the name as extra words.
fn part_among(id: u32, part: &str, parts: &[&str]) -> Match {
    Match {
        target: id,
        technique: Technique::Combosquatting,
        detail: Detail::Contains {
            token: part.to_owned(),
            extra: parts
                .iter()
                .filter(|p| **p != part)
                .map(|p| (*p).to_owned())
                .collect(),
        },
    }
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

mod eleventh;
mod ninth;
#[cfg(test)]
mod tests;
mod twelfth;

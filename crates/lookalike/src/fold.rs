//! Visual folding: maps strings that look alike to the same form.
//!
//! Per character, in this order:
//!
//! 1. **ASCII** (the fast path, no table look-up): lowercase, then the ASCII lookalikes
//!    `0`→`o`, `5`→`s`, and the whole "vertical stroke" class `1`, `I`, `i`, `l`, `|` → `l`
//!    (a capital `I` is a lowercase `l` in most sans-serif fonts, so `ExampIe` must fold like
//!    `Example`; merging the lowercase `i` too keeps an all-caps `BITFINEX` equal to `bitfinex`
//!    and catches `b1nance`).
//! 2. **Invisible characters** (default-ignorable code points: zero-width joiners, soft hyphen,
//!    variation selectors, …) are dropped: they render as nothing.
//! 3. **NFKD** (`unicode-normalization`): compatibility forms to their base (fullwidth `ａ`,
//!    ligatures `ﬁ`, mathematical letters `𝐚`), precomposed letters split into base plus marks.
//! 4. **Combining marks are dropped**: `é`→`e`, `ñ`→`n`. The Unicode TR39 skeleton alone keeps
//!    marks (it is designed to tell `é` from `e`), so alone it misses every diacritic
//!    homoglyph; see the crate docs for the measurement.
//! 5. **TR39 confusable prototype** (`unicode-security`): Cyrillic `а`→`a`, Greek `ο`→`o`,
//!    Armenian `ո`→`n`, … (marks in the prototype, such as the stroke of `ł`, are dropped too),
//!    then lowercase and step 1 again, plus a short table for what TR39 leaves distinct but
//!    reads as an ASCII letter: kra `ĸ`→`k`, dotless `ı`→`l`, small capitals and hooked letters
//!    (`ʀ`→`r`, `ɢ`→`g`, `ƅ`→`b`, …).
//!
//! Then, on the folded stream, the ASCII digraphs **`rn`→`m`, `vv`→`w`, `cl`→`d`**, left to
//! right, within a run of letters only.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Capacity of the fixed buffers used on the hot path. DNS labels are at most 63 bytes and
/// handles far shorter; longer inputs are folded up to this many bytes only (documented
/// limitation of [`crate::Matcher::claims_brand`] on very long texts). Small, because every
/// query zeroes a few of these buffers.
pub(crate) const CAP: usize = 128;

/// Folds one ASCII character (step 1): one look-up in [`ASCII_FOLD`] (every label's every
/// byte goes through here).
#[inline]
pub(crate) fn ascii_fold(c: u8) -> u8 {
    ASCII_FOLD[usize::from(c)]
}

/// [`ascii_fold_byte`] of every byte.
const ASCII_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = ascii_fold_byte(c as u8);
        c += 1;
    }
    t
};

/// Step 1 on one byte: ASCII case and the ASCII look-alikes `1`/`I`/`i`/`|` → `l`, `0` → `o`,
/// `5` → `s`; other bytes unchanged.
const fn ascii_fold_byte(c: u8) -> u8 {
    match c {
        b'I' | b'i' | b'1' | b'|' => b'l',
        b'0' => b'o',
        b'5' => b's',
        _ => c.to_ascii_lowercase(),
    }
}

/// Whether a code point is default-ignorable (renders as nothing). A compact list of the ranges
/// that matter in names; the full property table is private to `unicode-security`.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Folds of non-ASCII results that TR39 leaves as a distinct prototype but that look like an
/// ASCII letter in common fonts: kra, dotless and iota forms of `i`, small capitals and hooked
/// letters from dnstwist's homoglyph table (the measurement in the crate docs found them).
///
/// Small capitals read as their lowercase letters in a name (`ᴍetaᴍask`, `ʙase`), and so do
/// the Cyrillic letters shaped like them, which TR39 maps to the small capitals (`т` → `ᴛ`,
/// `м` and `ᴍ` → `ʍ`, `н` → `ʜ`, `в` → `ʙ`): a name written wholly in Cyrillic look-alikes
/// (`ԍате`, `мехс`) folds to the Latin name. The schwa (`ə`, TR39 `ǝ`) stands for `a`, and
/// `п` (TR39 `π`) for `n`.
fn extra_fold(c: char) -> char {
    match c {
        'ĸ' | 'ⱪ' => 'k',
        'ı' | 'ɩ' | 'ι' => 'l',
        'ƅ' | 'ь' | 'ʙ' => 'b',
        'ƈ' | 'ϲ' => 'c',
        'ɢ' => 'g',
        'ɾ' | 'ʀ' | 'ɼ' => 'r',
        'ʍ' => 'm',
        'ǝ' | 'ᴀ' => 'a',
        'ᴛ' => 't',
        'ʜ' => 'h',
        'ᴘ' => 'p',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ʟ' => 'l',
        'ɴ' | 'π' => 'n',
        'ʠ' => 'q',
        'ʉ' => 'u',
        'χ' => 'x',
        'ⱨ' => 'h',
        'ⱳ' => 'w',
        'ⱱ' | 'ᶌ' | 'ⱴ' => 'v',
        'ʝ' => 'j',
        'ꞑ' => 'n',
        _ => c,
    }
}

/// Steps 1 to 5 for one character: calls `emit` with each folded character.
#[inline]
pub(crate) fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(ascii_fold(c as u8) as char);
        return;
    }
    if let Some(folded) = cached(c) {
        for f in folded.into_iter().filter(|&f| f != '\0') {
            emit(f);
        }
        return;
    }
    fold_slow(c, emit);
}

/// Code point ranges whose folds are precomputed on first use (Latin-1 to Armenian, phonetic
/// extensions and Latin Extended Additional, Latin Extended-C and -D, fullwidth forms): where
/// nearly all homoglyphs live. Folding through NFKD and the TR39 table costs a few hundred
/// nanoseconds a character; a table look-up, a few.
const CACHED: &[(u32, u32)] = &[
    (0x80, 0x590),
    (0x1D00, 0x1F00),
    (0x2C60, 0x2C80),
    (0xA720, 0xA800),
    (0xFF00, 0xFFF0),
];

/// A character's fold as up to three characters (`\0` for none), `None` if longer.
type Fold3 = Option<[char; 3]>;

fn cached(c: char) -> Option<[char; 3]> {
    static TABLE: std::sync::OnceLock<Vec<Vec<Fold3>>> = std::sync::OnceLock::new();
    let cp = c as u32;
    let (k, &(lo, _)) = CACHED
        .iter()
        .enumerate()
        .find(|(_, (lo, hi))| (*lo..*hi).contains(&cp))?;
    let table = TABLE.get_or_init(|| {
        CACHED
            .iter()
            .map(|&(lo, hi)| {
                (lo..hi)
                    .map(|cp| {
                        let c = char::from_u32(cp)?;
                        let mut out = ['\0'; 3];
                        let mut n = 0;
                        fold_slow(c, &mut |f| {
                            if let Some(d) = out.get_mut(n) {
                                *d = f;
                            }
                            n += 1;
                        });
                        (n <= 3).then_some(out)
                    })
                    .collect()
            })
            .collect()
    });
    table.get(k)?.get((cp - lo) as usize).copied().flatten()
}

/// Steps 2 to 5 for a non-ASCII character, without the cache.
fn fold_slow(c: char, emit: &mut impl FnMut(char)) {
    if is_ignorable(c) {
        return;
    }
    // NFKD would turn the lunate sigma (which looks like `c`) into a final sigma (which does not).
    if matches!(c, 'ϲ' | 'Ϲ') {
        emit('c');
        return;
    }
    // TR39 takes the hooked `ᶌ` for a `y`; in a name it stands for `v` (dnstwist's table).
    if c == 'ᶌ' {
        emit('v');
        return;
    }
    decompose_compatible(c, |d| {
        if d.is_ascii() {
            emit(ascii_fold(d as u8) as char);
            return;
        }
        if is_combining_mark(d) || is_ignorable(d) {
            return;
        }
        let mut tmp = [0u8; 4];
        for p in unicode_security::skeleton(d.encode_utf8(&mut tmp)) {
            if is_combining_mark(p) || is_ignorable(p) {
                continue;
            }
            if p.is_ascii() {
                emit(ascii_fold(p as u8) as char);
            } else {
                for l in p.to_lowercase() {
                    if l.is_ascii() {
                        emit(ascii_fold(l as u8) as char);
                    } else if !is_combining_mark(l) {
                        emit(extra_fold(l));
                    }
                }
            }
        }
    });
}

/// The replacement for an ASCII digraph, if `a` `b` is one.
#[inline]
fn digraph(a: u8, b: u8) -> Option<u8> {
    match (a, b) {
        (b'r', b'n') => Some(b'm'),
        (b'v', b'v') => Some(b'w'),
        (b'c', b'l') => Some(b'd'),
        _ => None,
    }
}

/// Visual skeleton used for comparisons.
///
/// Folds, in this order: ASCII case and the ASCII lookalikes `0`→`o`, `5`→`s`,
/// `1`/`I`/`i`/`|`→`l`; drops invisible (default-ignorable) characters; NFKD (fullwidth and
/// other compatibility forms to their base); drops combining marks (diacritics: `é`→`e`); maps
/// the rest through the Unicode TR39 confusable prototypes (Cyrillic `а`→`a`, Greek `ο`→`o`, …)
/// plus a few hooked and small-capital letters TR39 leaves alone (`ʀ`→`r`), and lowercases;
/// then rewrites the digraphs `rn`→`m`, `vv`→`w`, `cl`→`d`. Characters that are
/// not letters or digits (`-`, `.`, `_`, spaces) are kept as they are.
///
/// Why: two names with the same skeleton look the same to a reader, whatever code points they
/// use. The result is only for comparing; it is not meant to be shown. Returns the input
/// borrowed when nothing folds (plain lowercase ASCII without `i`, `0`, `1`, `5`, `|` or a
/// digraph).
pub fn skeleton(s: &str) -> std::borrow::Cow<'_, str> {
    let stable = s.bytes().all(|b| b.is_ascii() && ascii_fold(b) == b)
        && !s.as_bytes().windows(2).any(|w| match w {
            [a, b] => digraph(*a, *b).is_some(),
            _ => false,
        });
    if stable {
        return std::borrow::Cow::Borrowed(s);
    }
    if s.is_ascii() {
        return std::borrow::Cow::Owned(skeleton_ascii(s.as_bytes()));
    }
    std::borrow::Cow::Owned(skeleton_chars(s))
}

/// [`skeleton`] of an ASCII string: each byte folds to one ASCII byte ([`fold_char`]'s
/// first step), then the digraphs, on bytes, without a character buffer (`verify -` folds
/// the joined labels of most hosts with a subdomain).
fn skeleton_ascii(s: &[u8]) -> String {
    let folded: Vec<u8> = s.iter().map(|&b| ascii_fold(b)).collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while let Some(&c) = folded.get(i) {
        if let Some(r) = folded.get(i + 1).and_then(|&n| digraph(c, n)) {
            out.push(char::from(r));
            i += 2;
            continue;
        }
        out.push(char::from(c));
        i += 1;
    }
    out
}

/// [`skeleton`] through the folded characters, for any string.
fn skeleton_chars(s: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| chars.push(f));
    }
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if let Some(&n) = chars.get(i + 1)
            && c.is_ascii()
            && n.is_ascii()
            && let Some(r) = digraph(c as u8, n as u8)
        {
            out.push(r as char);
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A small fixed bit set over positions `0..=CAP`.
#[derive(Clone, Copy, Default)]
pub(crate) struct Bits([u64; CAP / 64 + 1]);

impl Bits {
    #[inline]
    pub(crate) fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    #[inline]
    pub(crate) fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// A folded string in a fixed buffer (no heap allocation), with, for each folded byte, the
/// offset of the raw character it came from, the word boundaries (separators removed) and which
/// folded bytes came from raw digits.
#[derive(Clone)]
pub(crate) struct Folded {
    buf: [u8; CAP],
    len: usize,
    /// `src[i]`: byte offset in the raw string of the character folded byte `i` came from;
    /// `src[len]`: the raw end.
    src: [u16; CAP + 1],
    /// Bit `i`: a separator (or the start/end) is right before folded position `i`.
    bounds: Bits,
    /// Bit `i`: folded byte `i` came from an ASCII digit.
    digits: Bits,
    /// Bit `i`: folded byte `i` came from an ASCII `l` (not an `i`, `1` or `|` folded to it).
    ells: Bits,
}

impl Folded {
    fn empty() -> Folded {
        Folded {
            buf: [0; CAP],
            len: 0,
            src: [0; CAP + 1],
            bounds: Bits::default(),
            digits: Bits::default(),
            ells: Bits::default(),
        }
    }

    /// Folds `raw` (steps 1 to 5, no digraphs). With `keep_seps`, characters that are not
    /// letters or digits are kept (as folded); otherwise they are removed and recorded as
    /// boundaries.
    pub(crate) fn new(raw: &str, keep_seps: bool) -> Folded {
        let mut f = Folded::empty();
        f.bounds.set(0);
        if raw.is_ascii() {
            // Fast path: one byte in, at most one byte out; offsets fit in u16 (the loop stops
            // at CAP output bytes, and a separator run that long is cut short too).
            for (i, &b) in raw
                .as_bytes()
                .iter()
                .enumerate()
                .take(usize::from(u16::MAX))
            {
                let c = ascii_fold(b);
                if !keep_seps && !c.is_ascii_alphanumeric() {
                    f.bounds.set(f.len);
                    continue;
                }
                if f.len >= CAP {
                    break;
                }
                if let (Some(d), Some(s)) = (f.buf.get_mut(f.len), f.src.get_mut(f.len)) {
                    *d = c;
                    *s = i as u16;
                }
                if b.is_ascii_digit() {
                    f.digits.set(f.len);
                }
                if b == b'l' || b == b'L' {
                    f.ells.set(f.len);
                }
                f.len += 1;
            }
            let end = if f.len == CAP {
                f.src(CAP - 1) + 1
            } else {
                raw.len()
            };
            if let Some(s) = f.src.get_mut(f.len) {
                *s = u16::try_from(end).unwrap_or(u16::MAX);
            }
            f.bounds.set(f.len);
            return f;
        }
        let mut full = false;
        for (off, c) in raw.char_indices() {
            let off = u16::try_from(off).unwrap_or(u16::MAX);
            let digit = c.is_ascii_digit();
            let ell = c == 'l' || c == 'L';
            fold_char(c, &mut |ch| {
                if full {
                    return;
                }
                if !keep_seps && !ch.is_alphanumeric() {
                    f.bounds.set(f.len);
                    return;
                }
                let mut tmp = [0u8; 4];
                let bytes = ch.encode_utf8(&mut tmp).as_bytes();
                let Some(dst) = f.buf.get_mut(f.len..f.len + bytes.len()) else {
                    full = true;
                    return;
                };
                dst.copy_from_slice(bytes);
                for k in f.len..f.len + bytes.len() {
                    if let Some(s) = f.src.get_mut(k) {
                        *s = off;
                    }
                    if digit {
                        f.digits.set(k);
                    }
                    if ell {
                        f.ells.set(k);
                    }
                }
                f.len += bytes.len();
            });
            if full {
                if let Some(s) = f.src.get_mut(f.len) {
                    *s = off;
                }
                f.bounds.set(f.len);
                return f;
            }
        }
        if let Some(s) = f.src.get_mut(f.len) {
            *s = u16::try_from(raw.len()).unwrap_or(u16::MAX);
        }
        f.bounds.set(f.len);
        f
    }

    /// The same string with the digraphs `rn`/`vv`/`cl` folded (within words), or `None` when
    /// there is none (the common case: no copy).
    pub(crate) fn digraphs(&self) -> Option<Folded> {
        let b = self.bytes();
        let has = b.windows(2).enumerate().any(|(i, w)| match w {
            [x, y] => digraph(*x, *y).is_some() && !self.bounds.get(i + 1),
            _ => false,
        });
        if !has {
            return None;
        }
        let mut out = Folded::empty();
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if self.bounds.get(i) {
                out.bounds.set(out.len);
            }
            let pair = b
                .get(i + 1)
                .filter(|_| !self.bounds.get(i + 1))
                .and_then(|&n| digraph(c, n));
            let (byte, step) = match pair {
                Some(r) => (r, 2),
                None => (c, 1),
            };
            if let Some(d) = out.buf.get_mut(out.len) {
                *d = byte;
            }
            if let (Some(d), Some(&s)) = (out.src.get_mut(out.len), self.src.get(i)) {
                *d = s;
            }
            if self.digits.get(i) {
                out.digits.set(out.len);
            }
            if self.ells.get(i) {
                out.ells.set(out.len);
            }
            out.len += 1;
            i += step;
        }
        if let (Some(d), Some(&s)) = (out.src.get_mut(out.len), self.src.get(self.len)) {
            *d = s;
        }
        out.bounds.set(out.len);
        Some(out)
    }

    /// This (ASCII, separators kept) fold with the separators removed and recorded as
    /// boundaries: the same as folding again without separators, without the folding work.
    pub(crate) fn strip(&self) -> Folded {
        let mut out = Folded::empty();
        out.bounds.set(0);
        for (i, &c) in self.bytes().iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                out.bounds.set(out.len);
                continue;
            }
            if let (Some(d), Some(s)) = (out.buf.get_mut(out.len), out.src.get_mut(out.len)) {
                *d = c;
                *s = self.src.get(i).copied().unwrap_or(0);
            }
            if self.digits.get(i) {
                out.digits.set(out.len);
            }
            if self.ells.get(i) {
                out.ells.set(out.len);
            }
            out.len += 1;
        }
        if let (Some(d), Some(&s)) = (out.src.get_mut(out.len), self.src.get(self.len)) {
            *d = s;
        }
        out.bounds.set(out.len);
        out
    }

    /// The folded bytes (valid UTF-8: whole characters only).
    #[inline]
    pub(crate) fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// The folded string.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes()).unwrap_or("")
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether a boundary (separator, start or end) is right before folded position `i`.
    #[inline]
    pub(crate) fn bound(&self, i: usize) -> bool {
        self.bounds.get(i)
    }

    /// Whether folded byte `i` came from a digit.
    #[inline]
    pub(crate) fn digit(&self, i: usize) -> bool {
        self.digits.get(i)
    }

    /// Whether folded byte `i` came from an ASCII `l` as written.
    #[inline]
    pub(crate) fn ell(&self, i: usize) -> bool {
        self.ells.get(i)
    }

    /// Raw byte offset for folded position `i` (`i == len` gives the raw end).
    #[inline]
    pub(crate) fn src(&self, i: usize) -> usize {
        self.src.get(i).map_or(0, |&s| usize::from(s))
    }
}

/// Characters of a short string in a fixed buffer (no heap allocation), for edit comparisons.
pub(crate) struct CharBuf {
    a: [char; 64],
    n: usize,
    /// The input had more than 64 characters: comparisons are skipped.
    pub(crate) overflow: bool,
}

impl CharBuf {
    /// Collects `s`'s characters, lowercased (ASCII and simple one-to-one Unicode lowercase),
    /// leaving out those for which `skip` is true.
    pub(crate) fn lower(s: &str, skip: impl Fn(char) -> bool) -> CharBuf {
        let mut b = CharBuf {
            a: ['\0'; 64],
            n: 0,
            overflow: false,
        };
        for c in s.chars() {
            if skip(c) {
                continue;
            }
            let l = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                let mut it = c.to_lowercase();
                match (it.next(), it.next()) {
                    (Some(l), None) => l,
                    _ => c,
                }
            };
            b.push(l);
        }
        b
    }

    /// Collects the characters of an already folded string.
    pub(crate) fn of(s: &str) -> CharBuf {
        let mut b = CharBuf {
            a: ['\0'; 64],
            n: 0,
            overflow: false,
        };
        for c in s.chars() {
            b.push(c);
        }
        b
    }

    #[inline]
    fn push(&mut self, c: char) {
        match self.a.get_mut(self.n) {
            Some(d) => {
                *d = c;
                self.n += 1;
            }
            None => self.overflow = true,
        }
    }

    #[inline]
    pub(crate) fn chars(&self) -> &[char] {
        self.a.get(..self.n).unwrap_or(&[])
    }
}

/// Capacity of a [`loose`] form: a DNS label is at most 63 characters.
pub(crate) const LOOSE_CAP: usize = 64;

/// The loose form of a skeleton, for two-substitution look-alikes: also merges the ASCII
/// letters that read as one another in small type (dnstwist's ASCII homoglyphs), which the
/// skeleton keeps apart because each alone is an ordinary spelling: `m`/`n`/`r` (a doubled `n`
/// too); `b`/`d`, an `l` (the vertical-stroke class) next to `b` or `d` or
/// before `h` dropped (`lb`, `dl`, `lh`), `lc` for `k`, `c`/`e`, `g`/`q`, `8` for `3`, `9` for
/// `6`, `u`/`v` (two of them for `w`). Writes
/// into `out` (a fixed buffer) and returns the length; longer inputs are cut at the buffer's
/// size. Only compared for equality, never shown.
pub(crate) fn loose(skel: impl Iterator<Item = char>, out: &mut [char; LOOSE_CAP]) -> usize {
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut it = skel.peekable();
    while let Some(c) = it.next() {
        let next = it.peek().copied();
        let mapped = match (c, next) {
            // `lc` reads as `k`, and `c` as `e`: so does `le` (`kraleen` for `kraken`).
            ('l', Some('c' | 'e')) => {
                it.next();
                'k'
            }
            // `cl` reads as `d` (a skeleton digraph), and `c` as `e`: so does `el`
            // (`polkaelot` for `polkadot`).
            ('e', Some('l')) => {
                it.next();
                'b'
            }
            // `u` and `v` read as one another, and two of them as `w` (`rainbouu`).
            ('u' | 'v', Some('u' | 'v')) => {
                it.next();
                'w'
            }
            ('u', _) => 'v',
            ('m' | 'n' | 'r', _) => 'n',
            ('d', _) => 'b',
            ('c', _) => 'e',
            ('q', _) => 'g',
            ('8', _) => '3',
            ('9', _) => '6',
            _ => c,
        };
        if mapped == 'n' && prev == Some('n') {
            continue;
        }
        // `l` next to `b` (`lb`, `bl`, and so `ld`, `dl`) or before `h`: a stroke added.
        if mapped == 'l' && prev == Some('b') {
            continue;
        }
        if matches!(mapped, 'b' | 'h') {
            while n > 0 && out.get(n - 1) == Some(&'l') {
                n -= 1;
            }
        }
        prev = Some(mapped);
        if let Some(slot) = out.get_mut(n) {
            *slot = mapped;
            n += 1;
        } else {
            break;
        }
    }
    n
}

/// Whether a single substitution of `found` for `expected` is one [`loose`] merges (`n` for
/// `m`, `d` for `b`, `e` for `c`, `q` for `g`, `r` for `n`, `v` for `u`), or `v` for `y`
/// and the reverse (a `y` is a `v` with a tail: `zksvnc`; issue 11, tenth pass, single
/// substitutions only, [`loose`] leaves `y` alone): visual, not a spelling.
pub(crate) fn loose_pair(found: char, expected: char) -> bool {
    let class = |c: char| match c {
        'm' | 'n' | 'r' => 'n',
        'b' | 'd' => 'b',
        'c' | 'e' => 'e',
        'g' | 'q' => 'g',
        'u' | 'v' => 'v',
        '8' | '3' => '3',
        '9' | '6' => '6',
        _ => c,
    };
    found != expected
        && (class(found) == class(expected) || matches!((found, expected), ('v', 'y') | ('y', 'v')))
        && !(found == 'r' && expected == 'm')
}

#[cfg(test)]
mod tests {
    /// The table of step 1 is the step, on every byte.
    #[test]
    fn ascii_fold_table_is_the_step() {
        for b in 0..=255u8 {
            let expected = match b {
                b'I' | b'i' | b'1' | b'|' => b'l',
                b'0' => b'o',
                b'5' => b's',
                b'A'..=b'Z' => b + 32,
                _ => b,
            };
            assert_eq!(ascii_fold(b), expected, "{b}");
        }
    }

    /// The ASCII path of `skeleton` folds as the character path does: every string of two
    /// bytes, and longer ones with look-alike digits, capitals, digraphs and separators.
    #[test]
    fn ascii_skeleton_is_the_character_skeleton() {
        let mut inputs: Vec<String> = Vec::new();
        for a in 0u8..128 {
            for b in 0u8..128 {
                inputs.push(String::from_utf8(vec![a, b]).unwrap_or_default());
            }
        }
        for w in [
            "rnetamask-Login.io",
            "vvallet1nch|5",
            "CLaim.rnrn0-vvv",
            "bi.nance",
            "crn",
            "rrn",
            "clld",
            "",
        ] {
            inputs.push(w.to_owned());
        }
        for s in inputs {
            assert_eq!(
                super::skeleton_ascii(s.as_bytes()),
                super::skeleton_chars(&s),
                "{s:?}"
            );
        }
    }

    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(skeleton(input), expected, "skeleton({input:?})");
    }

    #[test]
    fn skeleton_table() {
        for (input, expected) in [
            ("example", "example"),
            ("Example", "example"),
            ("ExampIe", "example"),
            ("examp1e", "example"),
            ("exarnple", "example"),
            ("0kx", "okx"),
            ("b1nance", "blnance"),
            ("binance", "blnance"),
            ("BITFINEX", "bltflnex"),
            ("ѕ5s", "sss"),
            ("vvallet", "wallet"),
            ("cloud", "doud"),
            ("ехаmple", "example"),                 // Cyrillic е х а
            ("ëxämplé", "example"),                 // diacritics
            ("ｅｘａｍｐｌｅ", "example"),          // fullwidth
            ("exa\u{200b}mple", "example"),         // zero-width space
            ("οkx", "okx"),                         // Greek omicron
            ("ledger-live.com", "ledger-llve.com"), // separators kept
            ("łedger", "ledger"),                   // stroke dropped
            // Small capitals, and Cyrillic letters shaped like them (TR39 maps those to
            // small capitals): `ᴍ`, `ʙ`, `ᴛ`, `ʜ`, `ᴘ`, `ᴀ`, `ᴅ`, `ᴇ`, `ʟ`, `ɴ`.
            ("ᴍetaᴍask", "metamask"),
            ("ʙase", "base"),
            ("ᴘᴀᴛᴇʜ", "pateh"),
            ("ᴅʟɴ", "dln"),
            ("ԍате", "gate"), // Cyrillic komi sje, a, te, ie
            ("мехс", "mexc"), // Cyrillic em, ie, ha, es
            ("һтх", "htx"),   // Cyrillic shha, te, ha
            ("ьітѕтамр", "bltstamp"),
            ("орті", "optl"),     // Cyrillic o, er, te, i
            ("krəken", "kraken"), // schwa for a
            ("aᶌax", "avax"),     // hooked v (TR39 says y)
        ] {
            check(input, expected);
        }
        assert!(matches!(skeleton("example"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn cache_equals_slow_path() {
        for &(lo, hi) in CACHED {
            for c in (lo..hi).filter_map(char::from_u32) {
                let mut slow = String::new();
                fold_slow(c, &mut |f| slow.push(f));
                let mut fast = String::new();
                fold_char(c, &mut |f| fast.push(f));
                assert_eq!(fast, slow, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn folded_buffers() {
        let f = Folded::new("Ex-am_ple 2024", false);
        assert_eq!(f.as_str(), "example2o24");
        assert!(f.bound(2) && f.bound(4) && f.bound(7) && !f.bound(3));
        assert!(f.digit(7) && f.digit(8) && !f.digit(6));
        assert_eq!(f.src(2), 3);
        let d = Folded::new("exarn-ple", false);
        assert!(d.digraphs().is_some());
        let r = Folded::new("exar-nple", false);
        assert!(r.digraphs().is_none(), "no digraph across a separator");
        for s in ["ex-am_ple 2024", "-a-", "", "a--b", "examp1e"] {
            let (a, b) = (Folded::new(s, false), Folded::new(s, true).strip());
            assert_eq!(a.as_str(), b.as_str());
            for i in 0..=a.len() {
                assert_eq!(
                    (a.bound(i), a.digit(i), a.src(i)),
                    (b.bound(i), b.digit(i), b.src(i)),
                    "{s} {i}"
                );
            }
        }
        let long = "a".repeat(1000);
        assert_eq!(Folded::new(&long, false).len(), CAP);
    }
}

//! Folding before matching: the text the phrase automaton reads.
//!
//! Scam texts hide their words from filters: look-alike letters inside a word
//! ("Iedger", "Iog in", "User lD", "l0gin"), Cyrillic, Greek or fullwidth letters that
//! spell an English word ("раssword", "ｓｅｅｄ"), invisible characters inside a word
//! ("pass\u{200B}word"). Chinese comes in two scripts (and Hong Kong variants such as 户).
//! [`fold`] turns the text into one canonical form, and keeps for every byte of the
//! folded text the byte of the original it came from, so that evidence spans still point
//! into the original text.
//!
//! - A capital `I` starting a lowercase word where an `l` belongs ("Iog in", "Iedger")
//!   folds to `l`, an `l` starting a word of capitals ("User lD") to `I`; `0` and `1`
//!   inside a word of letters fold to `o` and to `i` or `l` ("l0g1n", "1edger"); `3`,
//!   `4`, `5` and `7` between two letters to `e`, `a`, `s` and `t` ("paym3nt"). Plain
//!   ASCII text is not copied; ASCII case is ignored by the automaton.
//! - Cyrillic and Greek letters that look like Latin ones, fullwidth Latin letters and
//!   digits, styled letters (mathematical bold, italic, script, double-struck, sans-serif
//!   and monospace; circled, parenthesized and squared; small capitals; a dotless i) fold
//!   to ASCII; invisible characters (zero-width spaces and joiners, soft hyphens, word
//!   joiners, byte-order marks) are dropped. Accented Latin letters fold to their base
//!   letter for matching ("yöur"), but a word is not a disguise for its accents alone
//!   (French, Spanish and names write them).
//! - Traditional Chinese characters fold to Simplified ones (a character table for the
//!   characters the phrases use; see [`crate::zh_fold`]); both are three bytes long.
//!
//! A phrase found through a fold that changed what the user sees (anything but the
//! Chinese script and ASCII case) is *obfuscated*, and the analysis says so.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::zh_fold::ZH_FOLD;

/// The folded text and the way back to the original.
pub(crate) struct Folded<'a> {
    /// The canonical text the automaton reads.
    pub text: Cow<'a, str>,
    /// For every byte of `text`, the offset of the original character it came from;
    /// `None` when folding kept every length (then offsets are the same).
    map: Option<Vec<u32>>,
}

impl Folded<'_> {
    /// The original span of the folded span `start..end`.
    pub fn original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let Some(map) = &self.map else {
            return (start, end);
        };
        let at = |k: usize| {
            let k = map.get(k).map_or(original.len(), |&o| o as usize);
            original.floor_char_boundary(k)
        };
        let s = at(start);
        let e = if end == 0 {
            s
        } else {
            let last = at(end - 1);
            let len = original[last..].chars().next().map_or(0, char::len_utf8);
            last + len
        };
        (s, e.max(s))
    }
}

/// Zero-width and other invisible characters dropped before matching.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// The ASCII letter a Cyrillic, Greek, fullwidth or styled character imitates.
fn latin(c: char) -> Option<char> {
    let n = c as u32;
    let a = match c {
        // Fullwidth letters and digits.
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            return char::from_u32(n - 0xFEE0);
        }
        // Mathematical bold, italic, script, fraktur, double-struck, sans-serif and
        // monospace letters ("𝐕𝐞𝐫𝐢𝐟𝐲"): thirteen alphabets of 52 letters, then digits.
        '\u{1D400}'..='\u{1D6A3}' => return Some(letter((n - 0x1D400) % 52)),
        '\u{1D7CE}'..='\u{1D7FF}' => return char::from_u32(u32::from(b'0') + (n - 0x1D7CE) % 10),
        // Circled, parenthesized, squared and negative letters ("Ⓑⓘⓝⓐⓝⓒⓔ", "🅑🅘🅝").
        '\u{24B6}'..='\u{24CF}' => return Some(letter(n - 0x24B6)),
        '\u{24D0}'..='\u{24E9}' => return Some(letter(26 + n - 0x24D0)),
        '\u{249C}'..='\u{24B5}' => return Some(letter(26 + n - 0x249C)),
        '\u{1F130}'..='\u{1F149}' => return Some(letter(n - 0x1F130)),
        '\u{1F150}'..='\u{1F169}' => return Some(letter(n - 0x1F150)),
        '\u{1F170}'..='\u{1F189}' => return Some(letter(n - 0x1F170)),
        // Small capitals ("ᴠᴇʀɪꜰʏ") and Latin letters that pass for others ("Bınance").
        'ᴀ' | 'ɑ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' | 'ı' | 'ɩ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' | 'ℓ' | 'ǀ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        // Cyrillic.
        'а' | 'А' => 'a',
        'В' | 'в' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'Н' | 'н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'Т' | 'т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'ѕ' | 'Ѕ' => 's',
        'і' | 'І' => 'i',
        'ӏ' | 'Ӏ' => 'l',
        'ј' | 'Ј' => 'j',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' | 'Ԝ' => 'w',
        'һ' | 'Һ' => 'h',
        'ո' => 'n',
        'ɡ' => 'g',
        // Greek.
        'α' | 'Α' => 'a',
        'Β' | 'β' => 'b',
        'ε' | 'Ε' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'Μ' => 'm',
        'ν' | 'Ν' => 'v',
        'ο' | 'Ο' | 'σ' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'χ' | 'Χ' => 'x',
        _ => return None,
    };
    Some(a)
}

/// The `k`th letter of "A…Za…z".
fn letter(k: u32) -> char {
    let base = if k < 26 { b'A' } else { b'a' };
    char::from(base + (k % 26) as u8)
}

/// Latin letters with accents and their bases ("yöur", "wíthdrawal"): folded for
/// matching, but not disguises on their own (French, Spanish and names write them).
const ACCENTED: &[(&str, char)] = &[
    ("àáâãäåāăą", 'a'),
    ("ÀÁÂÃÄÅĀĂĄ", 'A'),
    ("çćĉċč", 'c'),
    ("ÇĆĈĊČ", 'C'),
    ("ďđ", 'd'),
    ("èéêëēĕėęě", 'e'),
    ("ÈÉÊËĒĔĖĘĚ", 'E'),
    ("ĝğġģ", 'g'),
    ("ìíîïĩīĭį", 'i'),
    ("ÌÍÎÏĨĪĬĮİ", 'I'),
    ("ĺļľŀł", 'l'),
    ("ñńņň", 'n'),
    ("ÑŃŅŇ", 'N'),
    ("òóôõöøōŏő", 'o'),
    ("ÒÓÔÕÖØŌŎŐ", 'O'),
    ("ŕŗř", 'r'),
    ("śŝşš", 's'),
    ("ŚŜŞŠ", 'S'),
    ("ţťŧ", 't'),
    ("ùúûüũūŭůűų", 'u'),
    ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
    ("ýÿŷ", 'y'),
    ("źżž", 'z'),
];

/// The base letter of an accented Latin letter.
fn unaccented(c: char) -> Option<char> {
    if !matches!(c, '\u{C0}'..='\u{17F}') {
        return None;
    }
    ACCENTED
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|&(_, base)| base)
}

/// First and last+1 code points of the CJK block the Chinese fold covers.
const CJK: (u32, u32) = (0x4E00, 0xA000);

/// One bit per character of [`CJK`]: whether [`ZH_FOLD`] has it (most characters of a
/// Simplified text do not, and a bit test is cheaper than a search).
static FOLDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; ((CJK.1 - CJK.0) as usize).div_ceil(64)];
    for &(t, _) in ZH_FOLD {
        let k = (t as u32).wrapping_sub(CJK.0) as usize;
        if let Some(w) = bits.get_mut(k / 64) {
            *w |= 1 << (k % 64);
        }
    }
    bits
});

/// The Simplified form of a Traditional (or Hong Kong variant) character.
fn simplified(c: char) -> Option<char> {
    let k = (c as u32).wrapping_sub(CJK.0) as usize;
    let bit = FOLDS.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0);
    if !bit {
        return None;
    }
    ZH_FOLD
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| ZH_FOLD[i].1)
}

/// Punctuation put between Chinese characters to split a word for filters
/// ("安.全.账.户", "验*证", "冻·结"): dropped before matching, like invisible characters.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | '*' | '_' | '|' | '·' | '•' | '・')
}

/// Whether the `.`, `-` or space at byte `i` spells a word out letter by letter
/// ("Y.o.u.r", "R-e-s-t-o-r-e", "C Y B E R"): it stands between two single letters of a
/// run of at least three joined by the same mark (four joined by single spaces, since "I
/// a" and "A B C" occur in plain text). Dropped like an invisible character; "e.g.",
/// "a.m.", "co-op" and "U.K." are no such runs (two letters, or letters in a word).
fn spelled_out(bytes: &[u8], i: usize) -> bool {
    let sep = bytes[i];
    if !matches!(sep, b'.' | b'-' | b' ') || i == 0 {
        return false;
    }
    let need = if sep == b' ' { 4 } else { 3 };
    let alone = |k: usize| {
        bytes.get(k).is_some_and(u8::is_ascii_alphabetic)
            && (k == 0 || bytes[k - 1] == sep || !bytes[k - 1].is_ascii_alphanumeric())
            && bytes
                .get(k + 1)
                .is_none_or(|&b| b == sep || !b.is_ascii_alphanumeric())
    };
    if !alone(i - 1) || !alone(i + 1) {
        return false;
    }
    // Count the run's letters, stopping at three (a long run is not read twice over).
    let mut n = 2;
    let mut k = i - 1;
    while n < need && k >= 2 && bytes[k - 1] == sep && alone(k - 2) {
        n += 1;
        k -= 2;
    }
    let mut k = i + 1;
    while n < need && bytes.get(k + 1) == Some(&sep) && alone(k + 2) {
        n += 1;
        k += 2;
    }
    n >= need
}

/// Whether a Chinese ideograph (the unified block or extension A).
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Whether the character `c` at byte `i` stands between two ideographs.
fn between_ideographs(text: &str, i: usize, c: char) -> bool {
    text[..i].chars().next_back().is_some_and(is_ideograph)
        && text[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_ideograph)
}

/// Folds one phrase the way [`fold`] folds the text.
pub(crate) fn fold_phrase(phrase: &str) -> String {
    fold(phrase).text.into_owned()
}

/// Folds a text; see the module documentation.
pub(crate) fn fold(text: &str) -> Folded<'_> {
    let bytes = text.as_bytes();
    if text.is_ascii() && !(0..bytes.len()).any(|i| spelled_out(bytes, i)) {
        return fold_ascii(text);
    }
    let mut out: Option<String> = None;
    let mut map: Option<Vec<u32>> = None;
    for (i, c) in text.char_indices() {
        let replacement: Option<char> =
            if (is_separator(c) && between_ideographs(text, i, c)) || spelled_out(bytes, i) {
                Some('\0')
            } else if c.is_ascii() {
                ascii_fold(bytes, i).map(char::from)
            } else if is_invisible(c) {
                Some('\0')
            } else if let Some(a) = latin(c).or_else(|| unaccented(c)) {
                Some(a)
            } else {
                simplified(c)
            };
        match replacement {
            None => {
                if let Some(out) = &mut out {
                    out.push(c);
                    if let Some(map) = &mut map {
                        map.extend(std::iter::repeat_n(i as u32, c.len_utf8()));
                    }
                }
            }
            Some(r) => {
                let out = out.get_or_insert_with(|| {
                    let mut s = String::with_capacity(text.len());
                    s.push_str(&text[..i]);
                    s
                });
                let same_length = r != '\0' && r.len_utf8() == c.len_utf8();
                if !same_length && map.is_none() {
                    // Until now every byte sat where it was: map each to its character.
                    let mut m = Vec::with_capacity(text.len());
                    for (ci, ch) in text[..i].char_indices() {
                        m.extend(std::iter::repeat_n(ci as u32, ch.len_utf8()));
                    }
                    map = Some(m);
                }
                if r != '\0' {
                    out.push(r);
                    if let Some(map) = &mut map {
                        map.extend(std::iter::repeat_n(i as u32, r.len_utf8()));
                    }
                }
            }
        }
    }
    Folded {
        text: out.map_or(Cow::Borrowed(text), Cow::Owned),
        map,
    }
}

/// [`fold`] for ASCII text: every fold keeps the length, so one pass over the bytes.
fn fold_ascii(text: &str) -> Folded<'_> {
    let bytes = text.as_bytes();
    let Some(first) = (0..bytes.len()).find(|&i| ascii_fold(bytes, i).is_some()) else {
        return Folded {
            text: Cow::Borrowed(text),
            map: None,
        };
    };
    let mut out = bytes.to_vec();
    for (i, b) in out.iter_mut().enumerate().skip(first) {
        if let Some(f) = ascii_fold(bytes, i) {
            *b = f;
        }
    }
    Folded {
        text: Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned())),
        map: None,
    }
}

/// The letter an ASCII byte stands for, when it is a disguise: a capital I starting a
/// lowercase word where an l belongs ("Iog", "Iedger"), an l starting a word of capitals
/// where an I belongs ("lD"), a 0 or 1 inside a word of letters ("l0gin", "pr1vate").
fn ascii_fold(bytes: &[u8], i: usize) -> Option<u8> {
    let b = bytes[i];
    let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
    match b {
        b'I' | b'l' if word_start => {
            let end = bytes[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| i + n);
            disguised_ascii(&bytes[i..end]).then_some(if b == b'I' { b'l' } else { b'I' })
        }
        b'0' if digit_in_word(bytes, i) => Some(b'o'),
        // A 1 before a consonant reads as i ("pr1vate", "l0g1n"), else as l ("1edger").
        b'1' if digit_in_word(bytes, i) => {
            let next = bytes.get(i + 1).map(u8::to_ascii_lowercase);
            let consonant = next.is_some_and(|c| c.is_ascii_alphabetic() && !b"aeiou".contains(&c));
            Some(if consonant { b'i' } else { b'l' })
        }
        // Other digits for the letters they resemble only between two letters
        // ("paym3nt", "p4ssword", "acce5s"): at a word's edge they are a size or an
        // ordinal ("4th", "5star", "mp3").
        b'3' | b'4' | b'5' | b'7'
            if digit_in_word(bytes, i)
                && i > 0
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) =>
        {
            Some(match b {
                b'3' => b'e',
                b'4' => b'a',
                b'5' => b's',
                _ => b't',
            })
        }
        _ => None,
    }
}

/// Whether the digit at `i` stands for a letter: inside a run of letters and digits
/// with at least three letters and no more than two digits, each one that reads as a
/// letter (`0`, `1`, `3`, `4`, `5`, `7`: "l0gin", "1edger", "paym3nt"; not "150ppm",
/// "10p", "g00gle1234", "covid19").
fn digit_in_word(bytes: &[u8], i: usize) -> bool {
    let mut s = i;
    while s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    let mut e = i + 1;
    while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
        e += 1;
    }
    let run = &bytes[s..e];
    let letters = run.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let digits = run.len() - letters;
    letters >= 3
        && digits <= 2
        && run
            .iter()
            .all(|&b| !b.is_ascii_digit() || b"013457".contains(&b))
        // A letter next to the digit on at least one side.
        && (bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            || (i > 0 && bytes[i - 1].is_ascii_alphabetic()))
}

/// Whether the original span hides the phrase: non-ASCII or invisible characters in an
/// ASCII phrase, or letters other than the phrase's own ("Iog in" for "log in").
pub(crate) fn is_obfuscated(original_span: &str, phrase: &str) -> bool {
    if !phrase.is_ascii() {
        // Chinese split by separators or invisible characters ("验.证", "冻\u{200B}结").
        return original_span
            .chars()
            .any(|c| is_invisible(c) || (is_separator(c) && !phrase.contains(c)));
    }
    if !original_span.is_ascii() {
        return true;
    }
    !original_span.eq_ignore_ascii_case(phrase)
}

/// Words disguised on their own, found or not by a phrase: letters of two alphabets in
/// one word ("Bitсoin" with a Cyrillic с), fullwidth letters among ASCII ones, invisible
/// characters between letters, a capital I standing for an l ("Iedger", "Iog") or an l
/// for an I ("lD"). Original byte spans.
pub(crate) fn obfuscated_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let foreign = !text.is_ascii()
        && text
            .chars()
            .any(|c| !c.is_ascii() && (is_invisible(c) || latin(c).is_some()));
    if !foreign {
        // Only a capital I or a lowercase l starting a word can be a disguise here (the
        // bytes of other characters are never ASCII letters or digits).
        let b = text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if (c == b'I' || c == b'l') && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let end = b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |n| i + n);
                if disguised(&text[i..end]) {
                    out.push((i, end));
                }
            }
        }
        return out;
    }
    let mut start: Option<usize> = None;
    let check = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        if disguised(&text[s..e]) {
            out.push((s, e));
        }
    };
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || is_invisible(c);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                check(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        check(s, text.len(), &mut out);
    }
    out
}

/// Names and words that start with a capital I before a vowel.
const I_WORDS: &[&str] = &[
    "ian", "iain", "iowa", "iodine", "ion", "ions", "ionic", "iota", "iona", "ioannis",
];

fn disguised(word: &str) -> bool {
    if word.is_ascii() {
        return disguised_ascii(word.as_bytes());
    }
    let ascii_letters = word.chars().filter(char::is_ascii_alphabetic).count();
    let lookalikes = word
        .chars()
        .filter(|&c| !c.is_ascii() && latin(c).is_some())
        .count();
    let other_letters = word
        .chars()
        .filter(|&c| c.is_alphabetic() && !c.is_ascii() && latin(c).is_none())
        .count();
    if lookalikes > 0 && ascii_letters > 0 && other_letters == 0 {
        return true;
    }
    // A whole word of fullwidth letters, or of Cyrillic/Greek look-alikes that spells
    // an English word, is judged by the phrases it matches (see `is_obfuscated`).
    let inner_invisible = word
        .char_indices()
        .any(|(i, c)| is_invisible(c) && i > 0 && i + c.len_utf8() < word.len());
    if inner_invisible && (ascii_letters > 0 || lookalikes > 0) {
        return true;
    }
    false
}

/// [`disguised`] for an ASCII word.
fn disguised_ascii(b: &[u8]) -> bool {
    // "Iedger", "Iogin": a capital I where a lowercase l belongs.
    if b.len() >= 3
        && b[0] == b'I'
        && matches!(b[1], b'e' | b'o' | b'u' | b'a')
        && b[1..].iter().all(u8::is_ascii_lowercase)
        && !I_WORDS.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(b))
    {
        return true;
    }
    // "lD", "lOS": a lowercase l before capitals, where a capital I belongs.
    b.len() >= 2 && b[0] == b'l' && b[1..].iter().all(u8::is_ascii_uppercase)
}

/// Chinese numerals that can start an amount.
const NUMERALS: &str = "一二两三四五六七八九十百千万几";

/// Relatives and bosses addressed at the start of a message ("爸，", "外公，", "老板,").
const KIN: &[&str] = &[
    "爸",
    "妈",
    "爸爸",
    "妈妈",
    "老爸",
    "老妈",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "姥姥",
    "姥爷",
    "叔",
    "叔叔",
    "舅",
    "舅舅",
    "姨",
    "阿姨",
    "姑",
    "姑姑",
    "哥",
    "姐",
    "弟",
    "妹",
    "嫂子",
    "弟妹",
    "老公",
    "老婆",
    "儿子",
    "女儿",
    "老板",
    "领导",
    "老大",
    "mum",
    "mom",
    "dad",
    "mummy",
    "mommy",
    "daddy",
    // Relatives as code-switching children write them (accents fold away: "tía").
    "ma",
    "pa",
    "mami",
    "mama",
    "mamita",
    "papi",
    "papa",
    "tia",
    "tio",
    "abuela",
    "abuelo",
    "abuelita",
    "abuelito",
    "nanay",
    "tatay",
    "inay",
    "itay",
    "nay",
    "lola",
    "lolo",
    "tita",
    "tito",
    "mumma",
    "amma",
    "maa",
    "老豆",
    "老母",
    "阿妈",
    "阿爸",
    "宝",
    "宝贝",
    "亲爱的",
    "哥们",
    "兄弟",
    "老弟",
];

/// Steps found by shape rather than by phrase, in the folded text: a transfer verb
/// followed by an amount (Ask), and a relative addressed at the start (Pretext).
pub(crate) fn money_and_kin(
    folded: &str,
) -> Vec<(usize, usize, crate::scripts::Step, crate::ReasonCode, f32)> {
    use crate::ReasonCode as R;
    use crate::scripts::Step;
    let mut out = Vec::new();
    let cjk = !folded.is_ascii();
    for verb in ["转", "汇", "打", "借", "过", "俾", "畀", "差"] {
        if !cjk {
            break;
        }
        for (i, _) in folded.match_indices(verb) {
            let before = &folded[..i];
            // "拨打95555" calls a number; "给你转了3000" pays the reader.
            // "通过96110联系你", "超过3000元": 过 in a compound is no transfer.
            if (verb == "打" && before.ends_with(['拨', '致']))
                || (verb == "过" && before.ends_with(['通', '经', '超', '不', '透', '越']))
                || ["给你", "给您", "俾你", "畀你"]
                    .iter()
                    .any(|g| before.ends_with(g))
            {
                continue;
            }
            let after = &folded[i + verb.len()..];
            let mut chars = after.chars();
            let mut first = chars.next();
            let mut verb_len = verb.len();
            // "转个2000", "转了5000": a measure word or particle before the amount.
            if let Some(c @ ('个' | '了' | '上')) = first {
                verb_len += c.len_utf8();
                first = chars.next();
            }
            let after = &folded[i + verb_len..];
            // "转给我5000": an object between the verb and the amount.
            let amount_at = match first {
                Some(c) if c.is_ascii_digit() || NUMERALS.contains(c) => Some(verb_len),
                Some('给' | '俾' | '畀') => {
                    let rest = &after['给'.len_utf8()..];
                    let skip: usize = rest
                        .chars()
                        .take_while(|c| "我你他她们".contains(*c))
                        .map(char::len_utf8)
                        .sum();
                    rest[skip..]
                        .chars()
                        .next()
                        .filter(|c| c.is_ascii_digit() || NUMERALS.contains(*c))
                        .map(|_| verb_len + '给'.len_utf8() + skip)
                }
                _ => None,
            };
            let Some(at) = amount_at else { continue };
            let digits: usize = folded[i + at..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || NUMERALS.contains(*c) || *c == ',')
                .map(char::len_utf8)
                .sum();
            let end = i + at + digits;
            // An amount of money: a unit follows ("块", "元", "蚊", "万").
            let unit = folded[end..]
                .chars()
                .next()
                .is_some_and(|c| "块元蚊万千百".contains(c));
            let big = folded[i + at..end]
                .chars()
                .filter(char::is_ascii_digit)
                .count()
                >= 3;
            if unit || big {
                let end = if unit {
                    end + folded[end..].chars().next().map_or(0, char::len_utf8)
                } else {
                    end
                };
                out.push((i, end, Step::Ask, R::PaymentTransfer, 0.6));
            }
        }
    }
    let lead = folded.len() - folded.trim_start().len();
    let head = &folded[lead..];
    // In ASCII text only "Mum,", "Dad,", "Hi Mum," and the like can address a relative.
    if !cjk
        && !head.starts_with([
            'm', 'M', 'd', 'D', 'h', 'H', 'p', 'P', 't', 'T', 'a', 'A', 'n', 'N', 'l', 'L', 'i',
            'I',
        ])
    {
        return out;
    }
    let head = &head[..head.floor_char_boundary(30)];
    if let Some(p) = head.find(['，', ',', '！', '!', '。', '：', ':']) {
        let who = head[..p].trim().trim_start_matches(['喂', '嗨', ' ']);
        let who_l = who.to_ascii_lowercase();
        let who_l = who_l
            .trim_start_matches("hi ")
            .trim_start_matches("hey ")
            .trim_start_matches("hola ")
            .trim();
        let n = who.chars().count();
        // "小李，", "老张啊，", "王总，", "孙经理，": a colleague or boss by name.
        let bare = who.trim_end_matches(['啊', '呀', '哥']);
        let named = (2..=4).contains(&n)
            && ((n <= 3 && (who.starts_with('小') || who.starts_with('老')))
                || ["总", "经理", "老板", "主任", "局长", "处长", "科长", "老师"]
                    .iter()
                    .any(|t| bare.ends_with(t)));
        if named
            || KIN
                .iter()
                .any(|k| who_l == *k || (n <= 4 && who.ends_with(k) && !k.is_ascii()))
        {
            out.push((lead, lead + p, Step::Pretext, R::PretextFriend, 0.5));
        }
    }
    out
}

/// Periods that make a percentage a promised rate of return ("每天收益2%", "每日都有幾個%").
const PERIODS: [&str; 9] = [
    "每天",
    "每日",
    "一天",
    "天天",
    "日收益",
    "日息",
    "每周",
    "每星期",
    "每个月",
];

/// Promised returns by shape, in the folded text: a period ("每天", "每日") and, within a
/// few characters, a number and a percent sign. Spans run from the period to the sign.
pub(crate) fn promised_returns(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if folded.is_ascii() {
        return out;
    }
    for (p, _) in folded.match_indices('%') {
        // At most 8 characters back: "每天稳定收益2%", "每日都有几个%".
        let back = folded[..p]
            .char_indices()
            .rev()
            .take(8)
            .last()
            .map_or(p, |(i, _)| i);
        let window = &folded[back..p];
        let number = window
            .chars()
            .rev()
            .take(3)
            .any(|c| c.is_ascii_digit() || NUMERALS.contains(c) || c == '几');
        if !number {
            continue;
        }
        if let Some(at) = PERIODS.iter().filter_map(|w| window.find(w)).min() {
            out.push((back + at, p + 1));
        }
    }
    out
}

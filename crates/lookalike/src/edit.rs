//! Single-edit comparison (O(n), no allocation) and what kind of typo an edit is.

use crate::technique::{Detail, Technique};

/// One edit turning the target into the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// `input[i]` replaces `target[i]`.
    Sub(usize),
    /// `input[i]` is extra.
    Ins(usize),
    /// `target[i]` is missing from the input.
    Del(usize),
    /// `input[i..i + 2]` is `target[i..i + 2]` swapped.
    Swap(usize),
}

/// Whether `input` is exactly one edit (substitution, insertion, deletion or adjacent swap)
/// away from `target`. `None` when they are equal or further apart. Linear: the length filter
/// and the first mismatch decide everything.
pub(crate) fn one_edit<T: PartialEq>(input: &[T], target: &[T]) -> Option<Edit> {
    let (a, b) = (input.len(), target.len());
    // Lengths two or more apart are never one edit: answer before comparing (most callers
    // try many targets of other lengths).
    if a.abs_diff(b) > 1 {
        return None;
    }
    let i = input.iter().zip(target).take_while(|(a, b)| a == b).count();
    let rest = |x: usize, y: usize| input.get(x..) == target.get(y..);
    if a == b {
        if i == a {
            return None;
        }
        if rest(i + 1, i + 1) {
            return Some(Edit::Sub(i));
        }
        let swapped = input.get(i) == target.get(i + 1) && input.get(i + 1) == target.get(i);
        if swapped && rest(i + 2, i + 2) {
            return Some(Edit::Swap(i));
        }
        None
    } else if a == b + 1 {
        // Prefer reporting the insertion after a run of equal characters (a repetition reads
        // better as "the second one is extra").
        rest(i + 1, i).then_some(Edit::Ins(i))
    } else if a + 1 == b {
        rest(i, i + 1).then_some(Edit::Del(i))
    } else {
        None
    }
}

/// A set-of-characters fingerprint: one bit per letter, digit and `-`, other characters hashed
/// onto the remaining bits. One edit changes at most two bits (a substitution removes one
/// character and adds another), so `(a ^ b).count_ones() > 2` proves two strings are not one
/// edit apart: a one-instruction filter before [`one_edit`].
pub(crate) fn char_mask<T: Copy + Into<char>>(chars: &[T]) -> u64 {
    chars.iter().fold(0u64, |m, &c| {
        let c: char = c.into();
        // ASCII (nearly every character of every name part) by one look-up.
        let bit = match MASK_BIT.get(c as usize) {
            Some(&b) => u32::from(b),
            None => mask_bit(c),
        };
        m | 1 << bit
    })
}

/// The bit of `c` in a [`char_mask`].
const fn mask_bit(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        '-' => 36,
        _ => 37 + c as u32 % 27,
    }
}

/// [`mask_bit`] of each ASCII character.
const MASK_BIT: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = mask_bit(c as u8 as char) as u8;
        c += 1;
    }
    t
};

/// Whether a string of [`char_mask`] `mask` may be within `edits` edits (each an insertion,
/// omission, substitution or adjacent swap) of a target of mask `target_mask`, or contain a
/// window that is: each edit takes at most one of the target's characters away (a swap and
/// an insertion none), so no more than `edits` of its bits may be missing from `mask`. A
/// necessary condition only, on one AND and at most two clear-lowest-bit steps: most targets
/// of a name part fail it and skip the edit checks. Holds for masks of bytes as well as of
/// characters, as long as both are of the same unit as the edits.
#[inline]
pub(crate) fn within_reach(mask: u64, target_mask: u64, edits: u32) -> bool {
    let missing = target_mask & !mask;
    match edits {
        0 => missing == 0,
        1 => missing & missing.wrapping_sub(1) == 0,
        2 => {
            let rest = missing & missing.wrapping_sub(1);
            rest & rest.wrapping_sub(1) == 0
        }
        _ => missing.count_ones() <= edits,
    }
}

/// QWERTY neighbours (the keys around each key, as in dnstwist).
pub(crate) fn keyboard_neighbours(c: char) -> &'static str {
    match c {
        '1' => "2q",
        '2' => "3wq1",
        '3' => "4ew2",
        '4' => "5re3",
        '5' => "6tr4",
        '6' => "7yt5",
        '7' => "8uy6",
        '8' => "9iu7",
        '9' => "0oi8",
        '0' => "po9",
        'q' => "12wa",
        'w' => "3esaq2",
        'e' => "4rdsw3",
        'r' => "5tfde4",
        't' => "6ygfr5",
        'y' => "7uhgt6",
        'u' => "8ijhy7",
        'i' => "9okju8",
        'o' => "0plki9",
        'p' => "lo0",
        'a' => "qwsz",
        's' => "edxzaw",
        'd' => "rfcxse",
        'f' => "tgvcdr",
        'g' => "yhbvft",
        'h' => "ujnbgy",
        'j' => "ikmnhu",
        'k' => "olmji",
        'l' => "kop",
        'z' => "asx",
        'x' => "zsdc",
        'c' => "xdfv",
        'v' => "cfgb",
        'b' => "vghn",
        'n' => "bhjm",
        'm' => "njk",
        _ => "",
    }
}

fn is_neighbour(a: char, b: char) -> bool {
    keyboard_neighbours(b).contains(a)
}

pub(crate) fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The digit/letter swaps that read as the letter ("leet" spelling) but that the skeleton does
/// not fold (folding them would merge too many unrelated names): a single such substitution is
/// reported as a homoglyph.
fn is_leet(found: char, expected: char) -> bool {
    matches!(
        (found, expected),
        ('0', 'o')
            | ('1', 'l' | 'i')
            | ('5', 's')
            | ('3', 'e')
            | ('4', 'a')
            | ('7', 't')
            | ('8', 'b')
            | ('9', 'g')
            | ('6', 'b')
            | ('2', 'z')
            | ('l', 'i')
            | ('i', 'l')
    )
}

fn one_bit(a: char, b: char) -> bool {
    a.is_ascii() && b.is_ascii() && ((a as u32) ^ (b as u32)).count_ones() == 1
}

fn s(c: char) -> Option<String> {
    Some(c.to_string())
}

/// Names the technique and evidence of a single edit from `target` to `input` (both lowercase).
pub(crate) fn classify(edit: Edit, input: &[char], target: &[char]) -> (Technique, Detail) {
    let get = |v: &[char], i: usize| v.get(i).copied().unwrap_or('\0');
    match edit {
        Edit::Sub(i) => {
            let (f, e) = (get(input, i), get(target, i));
            let kb = is_neighbour(f, e);
            let technique = if is_leet(f, e) {
                return (
                    Technique::Homoglyph,
                    Detail::Confusables {
                        pairs: vec![(f.to_string(), e.to_string())],
                    },
                );
            } else if is_vowel(f) && is_vowel(e) {
                Technique::VowelSwap
            } else if kb {
                Technique::Replacement
            } else if one_bit(f, e) {
                Technique::BitFlip
            } else {
                Technique::Replacement
            };
            let detail = Detail::Edit {
                position: i,
                found: s(f),
                expected: s(e),
                keyboard_neighbour: kb,
            };
            (technique, detail)
        }
        Edit::Ins(i) => {
            let f = get(input, i);
            let technique = if f == '-' {
                Technique::Hyphenation
            } else if i + 1 == input.len() && i == target.len() && f == 's' {
                Technique::Plural
            } else if (i > 0 && get(input, i - 1) == f) || get(input, i + 1) == f {
                Technique::Repetition
            } else {
                Technique::Insertion
            };
            let detail = Detail::Edit {
                position: i,
                found: s(f),
                expected: None,
                keyboard_neighbour: false,
            };
            (technique, detail)
        }
        Edit::Del(i) => (
            Technique::Omission,
            Detail::Edit {
                position: i,
                found: None,
                expected: s(get(target, i)),
                keyboard_neighbour: false,
            },
        ),
        Edit::Swap(i) => {
            let pair = |v: &[char]| v.get(i..i + 2).map(|p| p.iter().collect::<String>());
            (
                Technique::Transposition,
                Detail::Edit {
                    position: i,
                    found: pair(input),
                    expected: pair(target),
                    keyboard_neighbour: false,
                },
            )
        }
    }
}

/// Longest strings [`confusable_pairs`] aligns (a DNS label is at most 63 characters); longer
/// ones give one pair of the whole strings.
const MAX_ALIGN: usize = 64;

/// The confusable pieces between an input and the target it folds to (case-insensitive):
/// character by character when both have the same length; otherwise a Levenshtein alignment,
/// each run of differences paired up character by character when both sides of the run have
/// the same length, as one piece otherwise (`rn` for `m`).
pub(crate) fn confusable_pairs(input: &[char], target: &[char]) -> Vec<(String, String)> {
    let (n, m) = (input.len(), target.len());
    if n > MAX_ALIGN || m > MAX_ALIGN {
        return vec![(input.iter().collect(), target.iter().collect())];
    }
    // Compare lowercase forms (computed once), report the characters as written.
    let lower = |c: &char| {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => *c,
        }
    };
    let (mut li, mut lt) = (['\0'; MAX_ALIGN], ['\0'; MAX_ALIGN]);
    for (d, c) in li.iter_mut().zip(input) {
        *d = lower(c);
    }
    for (d, c) in lt.iter_mut().zip(target) {
        *d = lower(c);
    }
    let (li, lt) = (li.get(..n).unwrap_or(&[]), lt.get(..m).unwrap_or(&[]));
    if n == m {
        // Same length: character for character (the common single-character homoglyphs; a
        // digraph changes the length).
        return input
            .iter()
            .zip(target)
            .zip(li.iter().zip(lt))
            .filter(|(_, (a, b))| a != b)
            .map(|((a, b), _)| (a.to_string(), b.to_string()))
            .collect();
    }
    // dp[i][j]: distance between input[i..] and target[j..] (suffixes, so the walk is forward).
    // On the stack: this runs on every homoglyph finding.
    let w = m + 1;
    let mut dp = [0u8; (MAX_ALIGN + 1) * (MAX_ALIGN + 1)];
    let at = |i: usize, j: usize| i * w + j;
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            let v = if i == n {
                (m - j) as u8
            } else if j == m {
                (n - i) as u8
            } else {
                let cost = u8::from(li.get(i) != lt.get(j));
                let sub = dp.get(at(i + 1, j + 1)).copied().unwrap_or(0) + cost;
                let del = dp.get(at(i + 1, j)).copied().unwrap_or(0) + 1;
                let ins = dp.get(at(i, j + 1)).copied().unwrap_or(0) + 1;
                sub.min(del).min(ins)
            };
            if let Some(d) = dp.get_mut(at(i, j)) {
                *d = v;
            }
        }
    }
    let d = |i: usize, j: usize| dp.get(at(i, j)).copied().unwrap_or(u8::MAX);
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut ri, mut rj) = (String::new(), String::new());
    let mut run = (0usize, 0usize);
    let flush = |pairs: &mut Vec<(String, String)>,
                 ri: &mut String,
                 rj: &mut String,
                 run: &mut (usize, usize)| {
        if run.0 == run.1 {
            for (a, b) in ri.chars().zip(rj.chars()) {
                pairs.push((a.to_string(), b.to_string()));
            }
        } else {
            pairs.push((std::mem::take(ri), std::mem::take(rj)));
        }
        ri.clear();
        rj.clear();
        *run = (0, 0);
    };
    while i < n || j < m {
        let (a, b) = (input.get(i).copied(), target.get(j).copied());
        if a.is_some() && li.get(i) == lt.get(j) && d(i, j) == d(i + 1, j + 1) {
            if run != (0, 0) {
                flush(&mut pairs, &mut ri, &mut rj, &mut run);
            }
            i += 1;
            j += 1;
            continue;
        }
        let here = d(i, j);
        if let (Some(a), Some(b)) = (a, b)
            && here == d(i + 1, j + 1) + 1
        {
            ri.push(a);
            rj.push(b);
            run.0 += 1;
            run.1 += 1;
            i += 1;
            j += 1;
        } else if let Some(a) = a
            && here == d(i + 1, j) + 1
        {
            ri.push(a);
            run.0 += 1;
            i += 1;
        } else if let Some(b) = b {
            rj.push(b);
            run.1 += 1;
            j += 1;
        } else {
            break;
        }
    }
    if run != (0, 0) {
        flush(&mut pairs, &mut ri, &mut rj, &mut run);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII table gives each character the bit the rule gives it, and masks of
    /// characters outside it are the rule's.
    #[test]
    fn mask_table_is_the_rule() {
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            assert_eq!(char_mask(&[c]), 1u64 << mask_bit(c), "{c:?}");
        }
        for b in 0..=255u8 {
            assert_eq!(char_mask(&[b]), 1u64 << mask_bit(char::from(b)), "{b}");
        }
        assert_eq!(char_mask(b"ab-9"), 1 | 2 | 1 << 36 | 1 << 35);
    }

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit_table() {
        for (input, target, expected) in [
            ("example", "example", None),
            ("exbmple", "example", Some(Edit::Sub(2))),
            ("exaample", "example", Some(Edit::Ins(3))),
            ("exmple", "example", Some(Edit::Del(2))),
            ("exmaple", "example", Some(Edit::Swap(2))),
            ("examplex", "example", Some(Edit::Ins(7))),
            ("xample", "example", Some(Edit::Del(0))),
            ("exmalpe", "example", None),
            ("", "", None),
            ("a", "", Some(Edit::Ins(0))),
        ] {
            assert_eq!(
                one_edit(&v(input), &v(target)),
                expected,
                "{input} vs {target}"
            );
        }
    }

    #[test]
    fn classify_table() {
        for (input, target, technique) in [
            ("exbmple", "example", Technique::Replacement),
            ("exsmple", "example", Technique::Replacement),
            ("exampla", "example", Technique::VowelSwap),
            ("exaiple", "example", Technique::BitFlip),
            ("ex-ample", "example", Technique::Hyphenation),
            ("examples", "example", Technique::Plural),
            ("exxample", "example", Technique::Repetition),
            ("exazmple", "example", Technique::Insertion),
            ("exmple", "example", Technique::Omission),
            ("exmaple", "example", Technique::Transposition),
            ("ex4mple", "example", Technique::Homoglyph),
        ] {
            let (i, t) = (v(input), v(target));
            let e = one_edit(&i, &t).expect("one edit");
            assert_eq!(classify(e, &i, &t).0, technique, "{input}");
        }
    }

    #[test]
    fn pairs_table() {
        let p = |a: &str, b: &str| confusable_pairs(&v(a), &v(b));
        let own = |x: &[(&str, &str)]| {
            x.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(p("exarnple", "example"), own(&[("rn", "m")]));
        assert_eq!(
            p("ехаmple", "example"),
            own(&[("е", "e"), ("х", "x"), ("а", "a")])
        );
        assert_eq!(p("ExampIe", "example"), own(&[("I", "l")]));
        assert_eq!(p("0kx", "okx"), own(&[("0", "o")]));
    }
}

//! English words: a misspelling that is a word is that word (`tremor` is no typo of Trezor,
//! `radium` none of Raydium), and a name that is a word is someone's ordinary site.
//!
//! The list is Debian's `wamerican` (SCOWL), lowercase words of 4 to 14 letters
//! (`data/english-words.txt`, ~62,000 words, 580 KB; licence in
//! `data/english-words.NOTICE`), embedded sorted and searched in place: no start-up cost,
//! no allocation.

/// One word a line, sorted bytewise.
static WORDS: &str = include_str!("../data/english-words.txt");

/// Whether `w` (lowercase ASCII letters) is an English word of the list.
pub(crate) fn is_english(w: &str) -> bool {
    lookup(w).is_some()
}

/// Whether some English word of the list holds `s` (lowercase ASCII letters) as a substring:
/// `avax`, `okx`, `mexc` are in none, `sui` is in `suite`.
pub(crate) fn held(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    match b.len() {
        0 => false,
        2 | 3 => {
            let k = gram(b);
            grams()
                .get(k / 64)
                .is_some_and(|w| w & (1 << (k % 64)) != 0)
        }
        _ => WORDS.contains(s),
    }
}

/// The index of a two- or three-letter lowercase string in [`grams`]: pairs first, then
/// triples.
fn gram(b: &[u8]) -> usize {
    let l = |i: usize| usize::from(b.get(i).map_or(0, |c| c - b'a'));
    match b.len() {
        2 => l(0) * 26 + l(1),
        _ => 676 + (l(0) * 26 + l(1)) * 26 + l(2),
    }
}

/// A bit for every letter pair and triple some word of the list holds, made on first use in
/// one pass over the list (the registry's short names are asked about at start-up).
fn grams() -> &'static [u64] {
    static GRAMS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    GRAMS.get_or_init(|| {
        let mut bits = vec![0u64; (676_usize + 17_576).div_ceil(64)];
        let mut set = |k: usize| {
            if let Some(w) = bits.get_mut(k / 64) {
                *w |= 1 << (k % 64);
            }
        };
        // Every process pays this pass: each letter sets its pair and triple from the two
        // letters before it (the indexes of [`gram`]), no window slices.
        for w in WORDS.as_bytes().split(|&b| b == b'\n') {
            if !w.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            let (mut a, mut b) = (None, None);
            for &c in w {
                let c = usize::from(c - b'a');
                if let Some(b) = b {
                    set(b * 26 + c);
                    if let Some(a) = a {
                        set(676 + (a * 26 + b) * 26 + c);
                    }
                }
                (a, b) = (b, Some(c));
            }
        }
        bits
    })
}

/// The list's copy of `w`, if it is an English word.
fn lookup(w: &str) -> Option<&'static str> {
    let n = w.len();
    if !(4..=14).contains(&n) || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // Three letters in a row that no word holds ([`grams`]) rule the word out before the
    // binary search: most strings asked about are misspellings and edits of names (a few
    // hundred per official label at start-up), and the words looked up are all-lowercase
    // lines, whose every triple is in the table.
    let table = grams();
    let held_triple = |t: &[u8]| {
        let k = gram(t);
        table.get(k / 64).is_some_and(|x| x & (1 << (k % 64)) != 0)
    };
    if !w.as_bytes().windows(3).all(held_triple) {
        return None;
    }
    let starts = line_starts();
    let line = |k: usize| -> Option<&'static str> {
        let start = *starts.get(k)? as usize;
        // The line ends before the next start's newline, or at the end of the text.
        let end = starts.get(k + 1).map_or(WORDS.len(), |&e| e as usize - 1);
        let l = WORDS.get(start..end)?;
        Some(l.strip_suffix('\n').unwrap_or(l))
    };
    let (mut lo, mut hi) = (0, starts.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let here = line(mid)?;
        match here.as_bytes().cmp(w.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(here),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

/// The byte offset of every line of [`WORDS`], made on first use (62,000 offsets, one pass):
/// a binary search over them compares whole words, where [`find`] looks for the line ends
/// around every probe. English words are asked for at every step of the misspelling rules.
fn line_starts() -> &'static [u32] {
    static STARTS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let mut v = vec![0u32];
        for (i, b) in WORDS.bytes().enumerate() {
            if b == b'\n' && i + 1 < WORDS.len() {
                v.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        v
    })
}

/// The English words one edit (insertion, omission, substitution, adjacent swap) from
/// `label` (lowercase ASCII; none for others), found by generating the edits: a few hundred
/// look-ups instead of a pass over the list.
pub(crate) fn one_edit_words(label: &str) -> Vec<&'static str> {
    let b = label.as_bytes();
    if b.is_empty() || b.len() > 14 || !b.iter().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut out: Vec<&'static str> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(b.len() + 1);
    let try_word = |buf: &[u8], out: &mut Vec<&'static str>| {
        if let Ok(w) = std::str::from_utf8(buf)
            && w != label
            && let Some(found) = lookup(w)
            && !out.contains(&found)
        {
            out.push(found);
        }
    };
    for i in 0..=b.len() {
        let (head, tail) = b.split_at(i);
        // Omission of the letter at `i`.
        if let Some((_, rest)) = tail.split_first() {
            buf.clear();
            buf.extend_from_slice(head);
            buf.extend_from_slice(rest);
            try_word(&buf, &mut out);
        }
        // Adjacent swap at `i`.
        if let [x, y, rest @ ..] = tail {
            buf.clear();
            buf.extend_from_slice(head);
            buf.extend_from_slice(&[*y, *x]);
            buf.extend_from_slice(rest);
            try_word(&buf, &mut out);
        }
        for c in b'a'..=b'z' {
            // Insertion before `i`.
            buf.clear();
            buf.extend_from_slice(head);
            buf.push(c);
            buf.extend_from_slice(tail);
            try_word(&buf, &mut out);
            // Substitution at `i`.
            if let Some((old, rest)) = tail.split_first()
                && *old != c
            {
                buf.clear();
                buf.extend_from_slice(head);
                buf.push(c);
                buf.extend_from_slice(rest);
                try_word(&buf, &mut out);
            }
        }
    }
    out
}

/// Whether `w` (lowercase ASCII, up to 14 letters) is one edit (insertion, omission,
/// substitution, adjacent swap) from an English word of `min`+ letters: a misspelt word
/// (`pacifc`, `distibutions`). Generates the edits in a fixed buffer: no allocation, and it
/// stops at the first word found.
pub(crate) fn near_word(w: &str, min: usize) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 14 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut buf = [0u8; 16];
    let hit = |v: &[u8]| {
        v.len() >= min && v != b && std::str::from_utf8(v).is_ok_and(|s| lookup(s).is_some())
    };
    for i in 0..=b.len() {
        let (head, tail) = b.split_at(i);
        let mut put = |parts: &[&[u8]]| {
            let mut k = 0;
            for p in parts {
                for &c in *p {
                    if let Some(slot) = buf.get_mut(k) {
                        *slot = c;
                        k += 1;
                    }
                }
            }
            hit(buf.get(..k).unwrap_or(&[]))
        };
        if let Some((_, rest)) = tail.split_first()
            && put(&[head, rest])
        {
            return true;
        }
        if let [x, y, rest @ ..] = tail
            && put(&[head, &[*y, *x], rest])
        {
            return true;
        }
        for c in b'a'..=b'z' {
            if put(&[head, &[c], tail]) {
                return true;
            }
            if let Some((old, rest)) = tail.split_first()
                && *old != c
                && put(&[head, &[c], rest])
            {
                return true;
            }
        }
    }
    false
}

/// Whether a sorted text holds `w` as a line.
#[cfg(test)]
fn contains(text: &'static str, w: &str) -> bool {
    find(text, w).is_some()
}

/// Binary search over the lines of a sorted text: the line equal to `w` (the reference
/// [`lookup`] is tested against).
#[cfg(test)]
fn find(text: &'static str, w: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    let w = w.as_bytes();
    // `lo` is always a line start; `hi` a line start or the end.
    let (mut lo, mut hi) = (0usize, b.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = b
            .get(lo..mid)
            .and_then(|s| s.iter().rposition(|&c| c == b'\n'))
            .map_or(lo, |p| lo + p + 1);
        let end = b
            .get(start..hi)
            .and_then(|s| s.iter().position(|&c| c == b'\n'))
            .map_or(hi, |p| start + p);
        let line = b.get(start..end).unwrap_or(&[]);
        match line.cmp(w) {
            std::cmp::Ordering::Equal => return text.get(start..end),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_held_by_some_word() {
        for (s, held_here) in [
            ("ing", true),
            ("sui", true),
            ("qzx", false),
            ("ukx", false),
            ("kx", false),
            ("ab", true),
            ("ardva", true),
            ("ardvq", false),
        ] {
            assert_eq!(held(s), held_here, "{s}");
        }
    }

    /// The one-pass table is the table of every two- and three-letter window of every
    /// lowercase word, made the plain way.
    #[test]
    fn gram_table_is_every_window_of_every_word() {
        let mut plain = vec![0u64; (676_usize + 17_576).div_ceil(64)];
        for word in WORDS.lines() {
            let w = word.as_bytes();
            if !w.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            for n in [2, 3] {
                for win in w.windows(n) {
                    let k = gram(win);
                    plain[k / 64] |= 1 << (k % 64);
                }
            }
        }
        assert_eq!(grams(), plain.as_slice());
        assert!(plain.iter().any(|&w| w != 0));
    }

    #[test]
    fn words_are_found_and_others_not() {
        for w in [
            "tremor",
            "radium",
            "celestial",
            "pencil",
            "aardvark",
            "zygote",
            "able",
        ] {
            assert!(is_english(w), "{w}");
        }
        for w in [
            "trezor", "raydium", "binance", "coinbase", "uniswap", "abc", "Tremor", "",
        ] {
            assert!(!is_english(w), "{w}");
        }
    }

    #[test]
    fn misspelt_words_are_near_words() {
        for (w, near) in [
            ("pacifc", true),
            ("distibutions", true),
            ("protcols", true),
            ("gaiaxies", true),
            // A word itself is near only through another word.
            ("xqzvwk", false),
            // Neighbours under the minimum length do not count.
            ("catss", false),
        ] {
            assert_eq!(near_word(w, 6), near, "{w}");
        }
    }

    #[test]
    fn words_one_edit_from_a_label() {
        let near = |l: &str| {
            let mut v = one_edit_words(l);
            v.sort_unstable();
            v
        };
        assert!(near("raydium").contains(&"radium"));
        assert!(near("trezor").contains(&"tremor"));
        assert!(near("celestia").contains(&"celestial"));
        assert!(near("binance").contains(&"finance"));
        assert!(near("uniswap").is_empty(), "{:?}", near("uniswap"));
        assert!(!near("ledger").contains(&"ledger"));
        assert!(near("Trezor").is_empty());
    }

    /// The search over line offsets answers as the search over the text did, for every word
    /// of the list and for neighbours of words that mostly are not.
    #[test]
    fn lookup_agrees_with_the_line_search() {
        let shaped =
            |w: &str| (4..=14).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase());
        for w in WORDS.lines() {
            assert_eq!(lookup(w), Some(w));
            for v in [
                format!("{w}q"),
                format!("a{w}"),
                w[1..].to_owned(),
                w[..w.len() - 1].to_owned(),
            ] {
                let expected = if shaped(&v) { find(WORDS, &v) } else { None };
                assert_eq!(lookup(&v), expected, "{v}");
            }
        }
        assert_eq!(lookup("aaaa"), find(WORDS, "aaaa"));
        assert_eq!(lookup("zzzzzz"), None);
        // Every substitution in a sample of words: most hold a pair no word holds (the
        // look-up rules them out before the search), some are other words.
        for w in WORDS.lines().step_by(61).filter(|w| shaped(w)) {
            for i in 0..w.len() {
                for c in b'a'..=b'z' {
                    let mut v = w.as_bytes().to_vec();
                    v[i] = c;
                    let v = String::from_utf8(v).expect("ascii");
                    assert_eq!(lookup(&v), find(WORDS, &v), "{v}");
                }
            }
        }
    }

    #[test]
    fn the_list_is_sorted_and_every_line_is_found() {
        let lines: Vec<&str> = WORDS.lines().collect();
        assert!(lines.len() > 50_000);
        assert!(lines.windows(2).all(|p| p[0] < p[1]));
        for w in lines.iter().step_by(97) {
            assert!(contains(WORDS, w), "{w}");
        }
        // Neighbours of lines that are not lines.
        assert!(!contains("abc\nabd\nabf\n", "abe"));
        assert!(!contains("abc\nabd\nabf\n", "ab"));
        assert!(!contains("abc\nabd\nabf\n", "abfa"));
        assert!(contains("abc\nabd\nabf\n", "abf"));
        assert!(contains("abc\nabd\nabf", "abc"));
    }
}

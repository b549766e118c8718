//! Checks shared by every parser, and refanging.

use std::borrow::Cow;

use crate::MAX_INPUT_BYTES;
use crate::error::ParseError;

/// Length, binary and emptiness checks shared by every parser; returns the trimmed input.
///
/// The length check comes first and costs nothing, so a hostile multi-megabyte paste is
/// rejected before any scanning.
pub(crate) fn precheck(s: &str) -> Result<&str, ParseError> {
    if s.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLong {
            len: s.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let t = trim(s);
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    check_binary(t)?;
    Ok(t)
}

/// Trims whitespace and the invisible characters that copy-paste leaves at the edges
/// (byte-order mark, zero-width space, word joiner).
pub(crate) fn trim(s: &str) -> &str {
    // Fast path: nothing to trim when both ends are visible ASCII.
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic)
    {
        return s;
    }
    s.trim_matches(is_edge_junk)
}

fn is_edge_junk(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

/// Rejects control characters, U+FFFD and invisible bidirectional controls anywhere.
///
/// Bidi overrides are rejected because they make text display differently from what it is
/// (`moc.live` shown as `evil.com`): exactly the trick this product exists to expose.
pub(crate) fn check_binary(s: &str) -> Result<(), ParseError> {
    // Fast path: printable ASCII only.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    for (i, ch) in s.chars().enumerate() {
        if is_forbidden(ch) {
            return Err(ParseError::Binary { ch, pos: i + 1 });
        }
    }
    Ok(())
}

fn is_forbidden(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{FFFD}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Undoes the common "defanging" that threat reports apply to make links unclickable:
/// `hxxps://evil[.]com`, `user[at]evil(dot)com`, `https[:]//`.
///
/// The bracketed forms are replaced anywhere; `hxxp(s)` only as the leading scheme, so that
/// a path or handle containing "hxxp" is left alone.
pub(crate) fn refang(s: &str) -> Cow<'_, str> {
    // Only as a scheme: "hxxp:", "hxxps:", "hxxps[:]", not a name that starts with "hxxp".
    let leading = s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("hxxp")) && {
        let after = s.get(4..).unwrap_or("");
        let after = after.strip_prefix(['s', 'S']).unwrap_or(after);
        after.starts_with([':', '['])
    };
    if !leading && !has_open_bracket(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    if leading {
        out.push_str("http");
        rest = rest.get(4..).unwrap_or("");
        if let Some(after) = rest.strip_prefix(['s', 'S']) {
            out.push('s');
            rest = after;
        }
    }
    while let Some(i) = rest.find(['[', '(', '{']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        match defang_token(tail) {
            Some((replacement, len)) => {
                out.push_str(replacement);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                // Keep the bracket: it is part of the text (a phone's "(852)", a display name).
                let (bracket, after) = tail.split_at(1);
                out.push_str(bracket);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `s` contains `[`, `(` or `{`. This runs on every input and almost none have one,
/// so it tests eight bytes at a time (SWAR: a byte equal to the pattern becomes a zero byte,
/// and `(x - 0x01…) & !x & 0x80…` is non-zero exactly when `x` has a zero byte).
fn has_open_bracket(s: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_byte = |v: u64, b: u8| {
        let x = v ^ (LO * u64::from(b));
        x.wrapping_sub(LO) & !x & HI != 0
    };
    let mut chunks = s.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Setting bit 5 maps '[' (0x5B) onto '{' (0x7B), and no other byte onto it.
        if has_byte(v | (LO * 0x20), b'{') || has_byte(v, b'(') {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| (b | 0x20) == b'{' || b == b'(')
}

/// Recognizes a defang token at the start of `s` (which starts with an opening bracket).
fn defang_token(s: &str) -> Option<(&'static str, usize)> {
    const TOKENS: [(&str, &str); 6] = [
        (".", "."),
        ("dot", "."),
        ("@", "@"),
        ("at", "@"),
        ("://", "://"),
        (":", ":"),
    ];
    let close = match s.as_bytes().first()? {
        b'[' => ']',
        b'(' => ')',
        b'{' => '}',
        _ => return None,
    };
    let inner_end = s.find(close)?;
    let inner = s.get(1..inner_end)?;
    TOKENS
        .iter()
        .find(|(token, _)| inner.eq_ignore_ascii_case(token))
        .map(|(_, replacement)| (*replacement, inner_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refang_table() {
        let table = [
            ("hxxps://evil[.]com/login", "https://evil.com/login"),
            ("hXXp://evil(.)com", "http://evil.com"),
            ("evil{.}com", "evil.com"),
            ("evil[dot]com", "evil.com"),
            ("evil(DOT)com", "evil.com"),
            ("user[@]evil.com", "user@evil.com"),
            ("user[at]evil[.]com", "user@evil.com"),
            ("https[:]//evil.com", "https://evil.com"),
            ("https[://]evil.com", "https://evil.com"),
            ("(852) 3000-0000", "(852) 3000-0000"),
            ("Example [Support] <a@b.com>", "Example [Support] <a@b.com>"),
            ("a[", "a["),
            ("https://hxxp.com", "https://hxxp.com"),
            ("hxxp2822", "hxxp2822"),
            ("HXXPS://evil.com", "https://evil.com"),
            ("plain.com", "plain.com"),
            (
                "a-very-long-host-name.example.com/{x}",
                "a-very-long-host-name.example.com/{x}",
            ),
        ];
        for (input, want) in table {
            assert_eq!(refang(input), want, "{input}");
        }
    }

    #[test]
    fn bracket_scan() {
        for len in 0..40 {
            let plain = "a".repeat(len);
            assert!(!has_open_bracket(&plain));
            assert!(!has_open_bracket(&format!("{plain}])}}")));
            assert!(!has_open_bracket(&format!("])}}{plain}")));
            for bracket in ['[', '(', '{'] {
                for at in 0..=len {
                    let mut s = plain.clone();
                    s.insert(at, bracket);
                    assert!(has_open_bracket(&s), "{s}");
                }
            }
        }
        // Bytes that differ from a bracket by bit 5 only, or are near it, are not brackets.
        assert!(!has_open_bracket("\u{8}\u{1b};Kk;;;;;;;;;;;;;;;;;;)"));
    }

    #[test]
    fn precheck_table() {
        let long = "a".repeat(MAX_INPUT_BYTES + 1);
        let cases: [(&str, Result<&str, &str>); 8] = [
            ("  a.com \n", Ok("a.com")),
            ("\u{FEFF}a.com\u{200B}", Ok("a.com")),
            ("   ", Err("empty")),
            ("", Err("empty")),
            (&long, Err("too_long")),
            ("a\0b", Err("binary")),
            ("a\u{FFFD}b", Err("binary")),
            ("moc\u{202E}.live", Err("binary")),
        ];
        for (input, want) in cases {
            let got = precheck(input).map_err(|e| e.code());
            assert_eq!(got, want, "{input:?}");
        }
        assert_eq!(
            precheck("ab\u{7}"),
            Err(ParseError::Binary {
                ch: '\u{7}',
                pos: 3
            })
        );
    }
}

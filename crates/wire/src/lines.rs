//! JSON Lines output of many verifications (`antiscam verify -`): the same bytes as
//! serializing [`crate::verify_result`], without rendering the same sentences again for every
//! line.
//!
//! Over a list of 100,000 domains most answers share their title, advice and reasons
//! ("No record…"): rendering them through the Fluent catalogue and escaping them for JSON each
//! time was a quarter of the process's time. [`LineWriter`] renders each distinct title,
//! advice and constant reason once, keeps it JSON-escaped, and writes every other field
//! straight into the output buffer. Reasons that name the input (impersonations, reports) are
//! still rendered per line.

use i18n::{Arg, Catalog, Locale};
use lookalike::Detail;
use verify::{Reason, Verdict, Verification};

/// Writes verifications as JSON lines into a byte buffer, caching the rendered constant
/// sentences. One per output stream and locale.
#[derive(Debug)]
pub struct LineWriter {
    locale: Locale,
    /// `,"locale":"en"}` and a newline.
    tail: Vec<u8>,
    /// JSON-escaped titles, by verdict.
    titles: [Option<Vec<u8>>; Verdict::ALL.len()],
    /// JSON-escaped advice by verdict and brand (a short list searched in place: no key to
    /// allocate or hash per line).
    advice: Vec<(Verdict, Box<str>, Vec<u8>)>,
    /// The JSON-escaped "no record" reason.
    no_record: Vec<u8>,
}

fn json_str(s: &str) -> Vec<u8> {
    serde_json::to_vec(s).unwrap_or_else(|_| b"\"\"".to_vec())
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    // Plain strings (the common case: domains, names) need no escaping.
    if plain(s.as_bytes()) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(&json_str(s));
    }
}

/// Whether no byte of `s` needs escaping in a JSON string (a control byte, `"`, `\\`):
/// eight bytes at a time (the exact "has a byte below / equal to" word tests), the rest one by
/// one. Every input and normalized name of every line is checked.
fn plain(s: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(LO * n) & !v & HI != 0;
    let has = |v: u64, b: u8| below(v ^ (LO * u64::from(b)), 1);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let v = u64::from_le_bytes(w);
        if below(v, 0x20) || has(v, b'"') || has(v, b'\\') {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
}

fn push_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing into a Vec cannot fail; a type that fails to serialize writes null.
    if serde_json::to_writer(&mut *out, v).is_err() {
        out.extend_from_slice(b"null");
    }
}

impl LineWriter {
    /// A writer for answers in `locale`.
    pub fn new(locale: Locale) -> LineWriter {
        let catalog = Catalog::global();
        let mut tail = b",\"locale\":".to_vec();
        push_json(&mut tail, &locale);
        tail.extend_from_slice(b"}\n");
        LineWriter {
            locale,
            tail,
            titles: Default::default(),
            advice: Vec::new(),
            no_record: json_str(&catalog.message(locale, "reason-no-record", &[])),
        }
    }

    /// Appends the answer for `input` as one JSON line (with its newline) to `out`: exactly
    /// `serde_json::to_vec(&verify_result(input, v, locale))` followed by `\n`.
    pub fn write(&mut self, out: &mut Vec<u8>, input: &str, v: &Verification<'_>) {
        let catalog = Catalog::global();
        let locale = self.locale;
        // A compromised channel's answer names a time and other channels: rare, rendered
        // whole.
        if v.compromised_since.is_some() {
            push_json(out, &crate::verify_result(input, v, locale));
            out.push(b'\n');
            return;
        }
        let kind = v.kind();
        let normalized = v.indicator.as_ref().map(|i| i.normalized());
        out.extend_from_slice(b"{\"input\":");
        let input_at = out.len();
        push_str(out, input);
        let input_json = input_at..out.len();
        if let Some(k) = kind {
            out.extend_from_slice(b",\"kind\":\"");
            out.extend_from_slice(k.as_str().as_bytes());
            out.push(b'"');
        }
        if let Some(n) = &normalized {
            out.extend_from_slice(b",\"normalized\":");
            // Most inputs are written as normalized: their JSON string is already out.
            if **n == *input {
                out.extend_from_within(input_json);
            } else {
                push_str(out, n);
            }
        }
        out.extend_from_slice(b",\"verdict\":\"");
        out.extend_from_slice(v.verdict.as_str().as_bytes());
        out.extend_from_slice(b"\",\"title\":");
        let slot = Verdict::ALL
            .iter()
            .position(|x| *x == v.verdict)
            .and_then(|i| self.titles.get_mut(i));
        if let Some(slot) = slot {
            let title = slot.get_or_insert_with(|| {
                json_str(&catalog.message(locale, crate::verdict_id(v.verdict), &[]))
            });
            out.extend_from_slice(title);
        }
        let brand = v.target.map(|t| t.brand);
        if let Some(b) = brand {
            out.extend_from_slice(b",\"brand\":");
            push_str(out, b);
        }
        if let Some(t) = v.target {
            out.extend_from_slice(b",\"target\":");
            push_str(out, t.value);
        }
        if let Some(t) = v.technique {
            out.extend_from_slice(b",\"technique\":\"");
            out.extend_from_slice(t.as_str().as_bytes());
            out.push(b'"');
        }
        let evidence = v.reasons.iter().find_map(|r| match r {
            Reason::Imitates { detail, .. } if *detail != Detail::None => Some(detail),
            _ => None,
        });
        if let Some(d) = evidence {
            out.extend_from_slice(b",\"evidence\":");
            push_json(out, d);
        }
        out.extend_from_slice(b",\"reasons\":[");
        let value = normalized.as_deref().unwrap_or(input);
        for (i, r) in v.reasons.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if matches!(r, Reason::NoRecord) {
                out.extend_from_slice(&self.no_record);
            } else {
                push_str(out, &crate::reason(catalog, locale, r, kind, value));
            }
        }
        out.extend_from_slice(b"],\"advice\":");
        let brand_key = brand.unwrap_or("");
        if let Some((_, _, a)) = self
            .advice
            .iter()
            .find(|(verdict, b, _)| *verdict == v.verdict && &**b == brand_key)
        {
            out.extend_from_slice(a);
        } else {
            let a = json_str(&catalog.message(
                locale,
                crate::advice_id(v.verdict),
                &[("brand", Arg::Str(brand_key))],
            ));
            out.extend_from_slice(&a);
            self.advice.push((v.verdict, brand_key.into(), a));
        }
        if let Some(h) = v.report {
            out.extend_from_slice(b",\"report\":");
            let view = crate::report_view(&h);
            push_json(out, &view);
        }
        if let Some(e) = v.error() {
            out.extend_from_slice(b",\"error\":");
            push_str(out, &crate::error_message(catalog, locale, e));
            out.extend_from_slice(b",\"error_code\":");
            push_str(out, e.code());
        }
        out.extend_from_slice(&self.tail);
    }
}

#[cfg(test)]
mod tests {
    /// The word test answers as the byte test: each byte value at each position of a
    /// chunk and of the remainder, and strings of every length up to two chunks.
    #[test]
    fn plain_is_the_byte_test() {
        let slow = |s: &[u8]| s.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
        for len in 0..=17 {
            let base = vec![b'a'; len];
            assert_eq!(super::plain(&base), slow(&base));
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut s = base.clone();
                    if let Some(slot) = s.get_mut(at) {
                        *slot = b;
                    }
                    assert_eq!(super::plain(&s), slow(&s), "{s:?}");
                }
            }
        }
        for s in [
            "app-taiko.digital",
            "ü.example",
            "a\"b\\c.com",
            "\u{1f}x",
            "\u{7f}\u{80}ÿ",
        ] {
            assert_eq!(super::plain(s.as_bytes()), slow(s.as_bytes()), "{s:?}");
        }
    }
}

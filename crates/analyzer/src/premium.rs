//! Premium-rate and reverse-billed SMS services, by shape rather than by phrase: a small
//! charge per message, minute, day or week stated next to its unit (`150p/msg`, `msg cost
//! 150p`, `£1.50 per min`, `50p per day`), and a keyword to text to a short code (`Txt WORD
//! to 80000`, `send STOP to 62468`), which is how such subscriptions start and stop (not the
//! opt-out line of bulk marketing, `Text STOP to 2732 to opt out`).
//!
//! Bounded for personal messages: a charge counts only in pence or up to £5 (what a
//! premium message or minute costs, not a bill or a price), next to a unit of such a
//! service; a short code is four to six digits right after `to`, after a texting verb and a
//! keyword in capitals.

/// Units a premium charge is stated per (ASCII, lowercase).
const UNITS: &[&str] = &[
    "msg", "msgs", "mtmsg", "sms", "txt", "text", "texts", "min", "mins", "minute", "wk", "week",
    "day", "tone", "tones", "rcv", "rcvd", "ea", "each", "reply", "replies",
];

/// How far a unit may stand from its charge, in bytes (`150p per msg`, `msg cost 150p`).
const UNIT_REACH: usize = 12;

/// Keywords that only leave a list, in the opt-out line every bulk sender (a carrier, a
/// shop) must print (`Text STOP to 2732 to opt out`): no sign of a premium service there
/// (its charge still is). A subscription's own "send STOP to 87239 to end service" counts.
const OPT_OUT: &[&str] = &[
    "STOP",
    "UNSUBSCRIBE",
    "OPTOUT",
    "END",
    "QUIT",
    "CANCEL",
    "ALL",
];

/// Texting verbs that start a short-code instruction.
const VERBS: &[&str] = &[
    "txt", "text", "texting", "txting", "sms", "send", "reply", "rply", "rpl",
];

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The words (lowercase ASCII runs of letters) of `lower` within `from..to`.
fn words(lower: &str, from: usize, to: usize) -> impl Iterator<Item = &str> {
    lower
        .get(from..to)
        .unwrap_or("")
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Byte spans of premium charges: an amount in pence (`150p`, `25 pence`) or in pounds up to
/// £5 (`£1.50`, `1.50gbp`, `GBP4.50`), with a unit of a premium service within a few bytes
/// before or after it.
pub(crate) fn charges(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
        {
            j += 1;
        }
        let amount: f32 = lower[start..j].parse().unwrap_or(f32::MAX);
        let rest = &lower[j..];
        let before = lower[..start].trim_end_matches(' ');
        // Pence: `150p` not followed by a letter (`8pm` is a time) except `ppm`, or `pence`.
        let pence = (rest.starts_with('p')
            && (rest.starts_with("ppm")
                || !rest
                    .as_bytes()
                    .get(1)
                    .is_some_and(|&c| c.is_ascii_alphabetic())))
            || rest.trim_start().starts_with("pence");
        let pounds = (before.ends_with('£')
            || before.ends_with("gbp")
            || rest.trim_start().starts_with("gbp"))
            && amount <= 5.0;
        // Not inside a longer token of digits and letters (a postcode, a reference).
        let glued_before =
            start > 0 && b[start - 1].is_ascii_alphabetic() && !before.ends_with("gbp");
        if (pence || pounds) && !glued_before {
            let end = if pence {
                if rest.starts_with('p') {
                    j + 1
                } else {
                    j + rest.find("pence").map_or(0, |k| k + 5)
                }
            } else if rest.trim_start().starts_with("gbp") {
                j + rest.find("gbp").map_or(0, |k| k + 3)
            } else {
                j
            };
            let from = start.saturating_sub(UNIT_REACH + 3);
            let to = (end + UNIT_REACH).min(lower.len());
            let from = (0..=from)
                .rev()
                .find(|&k| lower.is_char_boundary(k))
                .unwrap_or(0);
            let to = (to..=lower.len())
                .find(|&k| lower.is_char_boundary(k))
                .unwrap_or(lower.len());
            // A unit right after, glued or not (`150p/msg`, `50p per day`), or right before
            // (`msg cost 150p`, `msg@150p`).
            let unit = words(&lower, end, to)
                .take(3)
                .chain(words(&lower, from, start))
                .any(|w| UNITS.contains(&w));
            if unit {
                // The currency before the amount is part of the span.
                let s = if before.ends_with('£') {
                    before.len() - '£'.len_utf8()
                } else if before.ends_with("gbp") {
                    before.len() - 3
                } else {
                    start
                };
                let s = if text.is_char_boundary(s) { s } else { start };
                out.push((s, end));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// Byte spans of short-code instructions: a texting verb, then within a few words a keyword
/// in capitals, then `to` and a short code of four to six digits (`Txt WORD to 80000`,
/// `reply with STOP to 62468`, `Txt: WORD to No: 89545`). The span is the short code.
pub(crate) fn short_codes(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(p) = lower.get(k..).and_then(|s| s.find("to")) {
        let at = k + p;
        k = at + 2;
        if (at > 0 && is_word(b[at - 1])) || b.get(at + 2).is_some_and(|&c| is_word(c)) {
            continue;
        }
        // The short code: `to 80000`, `to No: 80000`, `to no. 80000`.
        let mut j = at + 2;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        if lower[j..].starts_with("no") && !b.get(j + 2).is_some_and(|&c| c.is_ascii_alphabetic()) {
            j += 2;
            while b
                .get(j)
                .is_some_and(|&c| c == b':' || c == b'.' || c == b' ')
            {
                j += 1;
            }
        }
        let d0 = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        let digits = j - d0;
        if !(4..=6).contains(&digits) || b.get(j).is_some_and(|&c| c.is_ascii_digit()) {
            continue;
        }
        // The verb and the keyword before `to`, within 40 bytes.
        let from = at.saturating_sub(40);
        let from = (0..=from)
            .rev()
            .find(|&x| text.is_char_boundary(x))
            .unwrap_or(0);
        let window = &text[from..at];
        let Some(v) = VERBS
            .iter()
            .filter_map(|verb| {
                let w = &lower[from..at];
                let mut best = None;
                let mut s = 0;
                while let Some(q) = w.get(s..).and_then(|x| x.find(verb)) {
                    let pos = s + q;
                    let left = pos == 0 || !is_word(w.as_bytes()[pos - 1]);
                    let right = !w
                        .as_bytes()
                        .get(pos + verb.len())
                        .is_some_and(|&c| c.is_ascii_alphabetic());
                    if left && right {
                        best = Some(pos + verb.len());
                    }
                    s = pos + 1;
                }
                best
            })
            .min()
        else {
            continue;
        };
        // "Text STOP to 2732 to opt out": the opt-out line of bulk marketing.
        let opt_out_line = lower
            .get(j..)
            .unwrap_or("")
            .trim_start_matches([' ', ','])
            .starts_with("to opt")
            || lower
                .get(j..)
                .unwrap_or("")
                .trim_start()
                .starts_with("to unsub");
        let keyword = window
            .get(v..)
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| {
                !w.is_empty()
                    && w != "I"
                    && !(opt_out_line && OPT_OUT.contains(&w))
                    && w.bytes().any(|c| c.is_ascii_uppercase())
                    && w.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
        if keyword {
            out.push((d0, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, f: fn(&str) -> Vec<(usize, usize)>) -> Vec<&str> {
        f(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn charges_table() {
        for (text, want) in [
            ("Quiz tones sent weekly, 120p/msg recvd", vec!["120p"]),
            ("msg cost 150p, stop anytime", vec!["150p"]),
            ("just 25p per day after the trial", vec!["25p"]),
            ("chat line £1.50 per min from a landline", vec!["£1.50"]),
            ("club costs GBP3.50/week", vec!["GBP3.50"]),
            ("4.50gbp each", vec!["4.50gbp"]),
            ("only 10 pence a minute", vec!["10 pence"]),
            // Not a charge per unit of a premium service.
            ("see you at 8pm per our text", vec![]),
            ("the ticket was £45 per day", vec![]),
            ("I paid £2.50 for the bus", vec![]),
            ("postcode W1P 4DQ msg me", vec![]),
        ] {
            assert_eq!(spans(text, charges), want, "{text}");
        }
    }

    #[test]
    fn short_codes_table() {
        for (text, want) in [
            ("Txt QUIZ to 80808 now", vec!["80808"]),
            ("to stop send STOP to 61234", vec!["61234"]),
            ("reply with SONG NAME to 8121", vec!["8121"]),
            ("Txt: WIN to No: 85555 today", vec!["85555"]),
            // Personal: no keyword in capitals, or a phone number rather than a code.
            ("text me when you get to 2000 words", vec![]),
            ("send it to 12345 please", vec![]),
            ("Txt HELLO to 07700900123", vec![]),
            ("I will text you, back to 1030 then", vec![]),
            // The opt-out line every bulk sender prints.
            ("Text STOP to 2732 to opt out", vec![]),
            ("reply UNSUBSCRIBE to 80011 to unsubscribe", vec![]),
            (
                "Txt STOP to 85069 to opt out, WIN to 85070 to play",
                vec!["85070"],
            ),
        ] {
            assert_eq!(spans(text, short_codes), want, "{text}");
        }
    }
}

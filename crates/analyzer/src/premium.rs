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
    "day", "tone", "tones", "rcv", "rcvd", "recd", "ea", "each", "reply", "replies", "replying",
    "call", "calls", "alert", "alerts", "poly", "polys", "logo", "logos", "video", "vid", "pic",
    "ntwk",
    // A billing notice of such a service: "you have been billed 150p", "costing 300p", "chg
    // £1.50" (not "cost", which reports what anything cost).
    "billed", "charged", "costing", "chg", "cst",
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

/// Keywords that answer a notice (cancel a booking, decline) rather than join a service.
const REPLIES: &[&str] = &["CANCEL", "NO", "N", "C"];

/// Whether the instruction is given under a condition: "if …" just after the code, or
/// in its clause before the verb (within [`KEYWORD_REACH`]) ("If you can't make it, text CANCEL to 60777").
fn conditional(before: &str, after: &str) -> bool {
    let after = after.trim_start_matches([' ', ',']);
    let cond_after = after.starts_with("if ") || after.starts_with("should ");
    let clause = before
        .rfind(['.', '!', '?'])
        .map_or(before, |p| &before[p + 1..]);
    let cond_before = clause
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == "if");
    cond_after || cond_before
}

/// How far before `to` the texting verb may stand, in bytes ("Txt GIRL or BLOKE & ur NAME
/// & AGE, eg GIRL ZOE 18 to 8007").
const KEYWORD_REACH: usize = 60;

/// Answers sent to a short code ("a correct ans to 80062").
const ANSWERS: &[&str] = &["answer", "answers", "ans"];

/// Words after a texting verb that name no keyword (a person's "send it to …").
const NOT_KEYWORDS: &[&str] = &[
    "it",
    "me",
    "this",
    "that",
    "them",
    "him",
    "her",
    "us",
    "you",
    "u",
    "back",
    "one",
    "mine",
    "yours",
    "some",
    "all",
    "money",
    "cash",
    "pics",
    "pic",
    "photo",
    "photos",
    "details",
    "stop",
    "unsubscribe",
    "end",
    "quit",
    "cancel",
    "optout",
    "yes",
    "no",
    "help",
    "info",
];

/// Texting verbs that start a short-code instruction.
const VERBS: &[&str] = &[
    "txt", "text", "texting", "txting", "sms", "send", "reply", "rply", "rpl", "xt",
];

/// The pound sign before an amount, as written or as old SMS archives mangled it: `£`
/// (also the `£` of `Â£` and `å£`), `ú` (the byte of `£` in a DOS code page) and U+FFFD
/// (a byte that was not UTF-8).
fn pound_mark(before: &str) -> Option<char> {
    before
        .chars()
        .next_back()
        .filter(|c| matches!(c, '£' | 'ú' | '\u{FFFD}'))
}

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
    all_charges(text).into_iter().map(|c| c.span).collect()
}

/// The price from which a message is billed at a premium rate, in pence: a standard text
/// costs about 10p; premium messages are billed from 25p.
const PREMIUM_MESSAGE_PENCE: f32 = 25.0;

/// Byte spans of charges for a message at a premium rate ("150p/msg", "msg recd@thirtyeight
/// pence", "one gbp/sms"): the price of the text itself, which is the paid service's own
/// billing line. A standard text's price ("10p per text") is none.
pub(crate) fn message_charges(text: &str) -> Vec<(usize, usize)> {
    all_charges(text)
        .into_iter()
        .filter(|c| c.per_message && c.pence >= PREMIUM_MESSAGE_PENCE)
        .map(|c| c.span)
        .collect()
}

/// A premium charge found.
struct Charge {
    /// Its byte span.
    span: (usize, usize),
    /// The amount, in pence.
    pence: f32,
    /// Its unit beside it is a message (`msg`, `sms`, `txt`, `rcvd`).
    per_message: bool,
}

/// Units that make a charge the price of a message.
const MESSAGE_UNITS: &[&str] = &[
    "msg", "msgs", "mtmsg", "sms", "txt", "text", "texts", "rcv", "rcvd", "recd",
];

/// The premium charges of `text`, in figures and in words (see [`charges`]).
fn all_charges(text: &str) -> Vec<Charge> {
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
        let pound_mark = pound_mark(before);
        let pounds = (pound_mark.is_some()
            || before.ends_with("gbp")
            || rest.trim_start().starts_with("gbp")
            || rest.trim_start().starts_with("pound")
            || rest.trim_start().starts_with("quid"))
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
            } else if rest.trim_start().starts_with("pound") {
                j + rest.find("pound").map_or(0, |k| k + 5)
            } else if rest.trim_start().starts_with("quid") {
                j + rest.find("quid").map_or(0, |k| k + 4)
            } else {
                j
            };
            if has_unit(&lower, start, end) {
                // The currency before the amount is part of the span.
                let s = if let Some(mark) = pound_mark {
                    before.len() - mark.len_utf8()
                } else if before.ends_with("gbp") {
                    before.len() - 3
                } else {
                    start
                };
                let s = if text.is_char_boundary(s) { s } else { start };
                out.push(Charge {
                    span: (s, end),
                    pence: if pence { amount } else { amount * 100.0 },
                    per_message: per_message(&lower, start, end),
                });
            }
        }
        i = j.max(i + 1);
    }
    out.extend(worded_charges(&lower));
    out.sort_unstable_by_key(|c| c.span);
    out
}

/// Whether a unit of a premium service stands right after the charge at `start..end`,
/// glued or not (`150p/msg`, `50p per day`), or right before it (`msg cost 150p`,
/// `msg@150p`).
fn has_unit(lower: &str, start: usize, end: usize) -> bool {
    units_near(lower, start, end).any(|w| UNITS.contains(&w))
}

/// Whether the unit beside the charge at `start..end` is a message (see [`has_unit`]).
fn per_message(lower: &str, start: usize, end: usize) -> bool {
    units_near(lower, start, end).any(|w| MESSAGE_UNITS.contains(&w))
}

/// The words where a charge's unit may stand: three after it, and those just before it.
fn units_near(lower: &str, start: usize, end: usize) -> impl Iterator<Item = &str> {
    let from = start.saturating_sub(UNIT_REACH + 3);
    let to = (end + UNIT_REACH).min(lower.len());
    let from = (0..=from)
        .rev()
        .find(|&k| lower.is_char_boundary(k))
        .unwrap_or(0);
    let to = (to..=lower.len())
        .find(|&k| lower.is_char_boundary(k))
        .unwrap_or(lower.len());
    words(lower, end, to)
        .take(3)
        .chain(words(lower, from, start))
}

/// Numbers written as words, which pence may be counted in ("fifty pence",
/// "thirtyeight pence", "twenty-five pence").
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
];

/// The pounds a premium charge may be written in words: up to five, as in figures.
const POUND_WORDS: &[&str] = &["one", "two", "three", "four", "five"];

/// The value of a number written in words, its parts glued or hyphenated
/// ("thirtyeight", "twenty-five", "one hundred" is two words); `None` when it is none.
fn number_word(w: &str) -> Option<f32> {
    let mut rest = w.trim_matches('-');
    if rest.is_empty() {
        return None;
    }
    let mut value: f32 = 0.0;
    while !rest.is_empty() {
        rest = rest.trim_start_matches('-');
        let (i, n) = NUMBER_WORDS
            .iter()
            .enumerate()
            .filter(|(_, n)| rest.starts_with(**n))
            .max_by_key(|(_, n)| n.len())?;
        value = match *n {
            "hundred" => value.max(1.0) * 100.0,
            // one to nineteen, then the tens.
            _ if i < 19 => value + (i + 1) as f32,
            _ => value + ((i - 17) * 10) as f32,
        };
        rest = &rest[n.len()..];
    }
    Some(value)
}

/// Byte spans (in `lower`, the text in ASCII lowercase) of premium charges written in
/// words, with a unit beside them as for figures: pounds up to five ("one gbp/sms",
/// "billed five pounds", "three quid each") and pence ("msg recd@thirtyeight pence").
fn worded_charges(lower: &str) -> Vec<Charge> {
    let b = lower.as_bytes();
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() && (i == 0 || !is_word(b[i - 1])) {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
                i += 1;
            }
            // Not the letters of a longer token of digits and letters (`x5pounds`).
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                tokens.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let ((ns, ne), (cs, ce)) = (pair[0], pair[1]);
        // Only spaces between the number and its currency.
        if !lower[ne..cs].bytes().all(|c| c == b' ') {
            continue;
        }
        let number = &lower[ns..ne];
        let currency = &lower[cs..ce];
        let pence = match currency {
            "gbp" | "pound" | "pounds" | "quid" => POUND_WORDS
                .iter()
                .position(|w| *w == number)
                .map(|i| (i + 1) as f32 * 100.0),
            "pence" => number_word(number),
            _ => None,
        };
        if let Some(pence) = pence
            && has_unit(lower, ns, ce)
        {
            out.push(Charge {
                span: (ns, ce),
                pence,
                per_message: per_message(lower, ns, ce),
            });
        }
    }
    out
}

/// Byte spans of a subscription's own way out, naming the service among those of one
/// short code ("End? Reply END SPTV", "send QUIT TONES"): a texting verb, END or QUIT in
/// capitals, and the service's code in capitals. Everyone's opt-out says STOP (a carrier's
/// "Reply STOP ALL" too); ending a service by its code is a premium club's register.
pub(crate) fn service_stops(text: &str) -> Vec<(usize, usize)> {
    /// Words in capitals after END that name no service.
    const NOT_CODES: &[&str] = &["ALL", "TO", "OR", "AND", "FOR", "THE", "NOW", "ME", "IT"];
    let lower = text.to_ascii_lowercase();
    let b = text.as_bytes();
    let word_at = |from: usize| {
        let s = from + b[from..].iter().take_while(|&&c| c == b' ').count();
        let e = s + b[s..].iter().take_while(|&&c| is_word(c)).count();
        (s, e)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && is_word(b[i - 1])) {
            i += 1;
            continue;
        }
        let e = i + b[i..].iter().take_while(|&&c| is_word(c)).count();
        let verb = &lower[i..e];
        i = e;
        if !VERBS.contains(&verb) {
            continue;
        }
        let (ks, ke) = word_at(e);
        if !matches!(&text[ks..ke], "END" | "QUIT") {
            continue;
        }
        let (cs, ce) = word_at(ke);
        let code = &text[cs..ce];
        let capitals = code.len() >= 2
            && code.bytes().any(|c| c.is_ascii_uppercase())
            && code
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if cs > ke && capitals && !NOT_CODES.contains(&code) {
            out.push((ks, ce));
        }
    }
    out
}

/// The opt-out line a bulk sender must print under a marketing text ("Reply STOP to
/// unsubscribe", "Text STOP to 60777 to opt out", "STOP2END"): the mark of a sender that
/// is registered and can be stopped, which a scammer's one-off text rarely carries.
pub(crate) fn opt_out_line(text: &str) -> bool {
    const LINES: &[&str] = &[
        "reply stop",
        "text stop",
        "txt stop",
        "send stop",
        "sms stop",
        "stop to ",
        "stop2",
        "to opt out",
        "to opt-out",
        "to unsubscribe",
        "to stop receiving",
    ];
    let lower = text.to_ascii_lowercase();
    LINES.iter().any(|l| lower.contains(l))
}

/// Whether the instruction whose verb ends at `verb_end` is a bulk sender's opt-out line:
/// an opt-out keyword and the purpose, leaving, said with it ("Txt STOP to 61234 to opt
/// out", "reply STOP to unsubscribe"). Asks nothing to act on. A subscription's own
/// "Send STOP to 62468", with no purpose said, still counts.
pub(crate) fn opts_out(text: &str, verb_end: usize) -> bool {
    const LEAVE: [&str; 3] = ["stop", "unsubscribe", "optout"];
    const PURPOSE: [&str; 4] = ["opt out", "opt-out", "optout", "unsub"];
    let end = text.floor_char_boundary(verb_end.saturating_add(OPT_OUT_REACH));
    let window = text.get(verb_end..end).unwrap_or("").to_ascii_lowercase();
    // The keyword is the verb's own ("Reply CLAIM for info or STOP to opt out" asks for
    // CLAIM), possibly after a texting verb when the cue was the noun ("this text. Txt
    // STOP").
    let mut words = window
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let keyword = match words.next() {
        Some(w) if VERBS.contains(&w) => words.next().is_some_and(|w| LEAVE.contains(&w)),
        Some(w) => LEAVE.contains(&w),
        None => false,
    };
    keyword && PURPOSE.iter().any(|p| window.contains(p))
}

/// How far after its verb an opt-out line runs, in bytes ("Txt STOP to 61234 to opt out").
const OPT_OUT_REACH: usize = 48;

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
        // A free service says so ("texting USAGE to 4444 (free)"): nothing is charged.
        if lower
            .get(j..)
            .unwrap_or("")
            .trim_start_matches([' ', '('])
            .starts_with("free")
        {
            continue;
        }
        // The verb and the keyword before `to`, within a few words.
        let from = at.saturating_sub(KEYWORD_REACH);
        let from = (0..=from)
            .rev()
            .find(|&x| text.is_char_boundary(x))
            .unwrap_or(0);
        let window = &text[from..at];
        // "a correct ans to 80062": the answer to a quiz is the keyword.
        let answer = digits >= 5
            && lower[from..at]
                .trim_end()
                .rsplit(|c: char| !c.is_ascii_alphabetic())
                .next()
                .is_some_and(|w| ANSWERS.contains(&w));
        if answer {
            out.push((d0, j));
            continue;
        }
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
        // "To unsubscribe SMS STOP to 56161": the purpose may come first.
        let purpose_before = lower[from..at]
            .rfind(['.', '!', '?'])
            .map_or(&lower[from..at], |p| &lower[from + p + 1..at]);
        let opt_out_line = ["unsub", "opt out", "opt-out", "optout"]
            .iter()
            .any(|p| purpose_before.contains(p))
            || lower
                .get(j..)
                .unwrap_or("")
                .trim_start_matches([' ', ','])
                .starts_with("to opt")
            || lower
                .get(j..)
                .unwrap_or("")
                .trim_start()
                .starts_with("to unsub");
        // "Text CANCEL to 60777 if you can't make it": a reply that answers a booking or
        // an appointment under a condition; a service's keywords are sent to join or play.
        let conditional_reply = conditional(&lower[from..at], lower.get(j..).unwrap_or(""));
        let reply =
            |w: &str| conditional_reply && REPLIES.iter().any(|r| r.eq_ignore_ascii_case(w));
        let keyword = window
            .get(v..)
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !reply(w))
            .any(|w| {
                !w.is_empty()
                    && w != "I"
                    && !(opt_out_line && OPT_OUT.contains(&w))
                    && w.bytes().any(|c| c.is_ascii_uppercase())
                    && w.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
        // "text hot to 69698": one word of any case right after the verb, to a code of
        // five or six digits (a pronoun is a person's "send it to …").
        let one_word = digits >= 5
            && {
                let between = lower[from..at].get(v..).unwrap_or("").trim();
                !between.is_empty()
                    && between.bytes().all(|c| c.is_ascii_alphanumeric())
                    && !NOT_KEYWORDS.contains(&between)
            }
            && !reply(lower[from..at].get(v..).unwrap_or("").trim());
        if keyword || one_word {
            out.push((d0, j));
        }
    }
    // "Text82228>>": the verb glued to its code.
    for verb in ["txt", "text"] {
        let mut s = 0;
        while let Some(p) = lower.get(s..).and_then(|x| x.find(verb)) {
            let at = s + p;
            s = at + verb.len();
            let d0 = at + verb.len();
            let mut j = d0;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            let left = at == 0 || !is_word(b[at - 1]);
            let right = !b.get(j).is_some_and(|&c| is_word(c));
            if left && right && (5..=6).contains(&(j - d0)) && !out.contains(&(d0, j)) {
                out.push((d0, j));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Keywords that are no sign of a service: opt-outs, answers, words a person shouts.
const COMMON_KEYWORDS: &[&str] = &[
    "STOP",
    "YES",
    "NO",
    "Y",
    "N",
    "HELP",
    "END",
    "QUIT",
    "CANCEL",
    "OPTOUT",
    "UNSUBSCRIBE",
    "INFO",
    "OK",
    "ME",
    "IT",
    "PIN",
    "OTP",
    "SMS",
    "TXT",
    "MSG",
    "ALL",
    "UK",
    "BACK",
    "NOW",
    "ASAP",
    "PLS",
    "U",
    "UR",
    "I",
    "A",
];

/// Words between a texting verb and its keyword ("txt back NAME", "reply with the word
/// SING").
const FILLERS: &[&str] = &[
    "back", "now", "with", "the", "word", "keyword", "us", "just", "simply", "me", "your", "ur",
];

/// Byte spans of keywords in capitals to text or reply, with or without a short code
/// (`Reply DATE to start`, `txt back NAME and AGE`, `reply with "ADP"`, `Reply G now`):
/// how a service is joined or played. Everyday on their own ("Reply C to confirm"), so
/// they count only beside a charge, a short code or a premium number. A text in
/// capitals throughout has no keywords.
pub(crate) fn reply_keywords(text: &str) -> Vec<(usize, usize)> {
    let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
    let lower_count = text.bytes().filter(u8::is_ascii_lowercase).count();
    if upper > lower_count {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && is_word(b[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && is_word(b[j]) {
            j += 1;
        }
        let verb = &lower[i..j];
        i = j;
        if !(VERBS.contains(&verb) || verb == "replying") {
            continue;
        }
        // Skip fillers, punctuation and quotes up to the keyword.
        let mut k = j;
        loop {
            while b
                .get(k)
                .is_some_and(|&c| matches!(c, b' ' | b':' | b'"' | b'\''))
            {
                k += 1;
            }
            let mut e = k;
            while e < b.len() && is_word(b[e]) {
                e += 1;
            }
            if e > k && FILLERS.contains(&&lower[k..e]) {
                k = e;
            } else {
                break;
            }
        }
        let mut e = k;
        while e < b.len() && is_word(b[e]) {
            e += 1;
        }
        let Some(word) = text.get(k..e).filter(|w| !w.is_empty()) else {
            continue;
        };
        let capitals = word
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word.bytes().any(|c| c.is_ascii_uppercase());
        if !capitals || COMMON_KEYWORDS.contains(&word) {
            continue;
        }
        // A single letter is a keyword only as a choice ("Reply G now", "A, B or C").
        let next = lower.get(e..).unwrap_or("").trim_start();
        let choice = [",", "or ", "now", "to ", "for ", "4 "]
            .iter()
            .any(|p| next.starts_with(p));
        if word.len() >= 2 || choice {
            out.push((k, e));
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
            // Billing notices, pounds in words, and the pound sign as old archives mangled it.
            ("Tones4U: you have been billed 150p", vec!["150p"]),
            ("texts costing 3 pound each", vec!["3 pound"]),
            ("news alerts 4txt/\u{FA}1.20 16+", vec!["\u{FA}1.20"]),
            ("chat at \u{FFFD}1.50/min", vec!["\u{FFFD}1.50"]),
            ("I got charged 40p for that text", vec!["40p"]),
            // A price of entry is not a charge per unit.
            ("the quiz is £2 entry per person", vec![]),
            ("only 10 pence a minute", vec!["10 pence"]),
            ("msgs cost 3 quid each", vec!["3 quid"]),
            // In words: pounds up to five, pence by any number.
            ("enjoy @ one gbp/sms", vec!["one gbp"]),
            (
                "ur phone will be billed five pounds a month",
                vec!["five pounds"],
            ),
            ("18+ msg recd@thirtyeight pence", vec!["thirtyeight pence"]),
            (
                "each msg costs twenty-five pence",
                vec!["twenty-five pence"],
            ),
            // A price in words with no unit, or more than a premium charge.
            ("the tickets were five pounds", vec![]),
            ("I lost four pounds since my doc visit", vec![]),
            ("ten pounds per day for parking", vec![]),
            ("Seventeen pounds for seven hundred ml", vec![]),
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
    fn message_charges_table() {
        for (text, want) in [
            // A message billed at a premium rate, in figures or in words.
            ("Quiz tones sent weekly, 120p/msg recvd", vec!["120p"]),
            ("enjoy @ one gbp/sms", vec!["one gbp"]),
            ("18+ msg recd@thirtyeight pence", vec!["thirtyeight pence"]),
            (
                "each msg costs twenty-five pence",
                vec!["twenty-five pence"],
            ),
            // A standard text's price, and premium charges per minute or week.
            ("my texts abroad cost 10p per text", vec![]),
            ("chat line £1.50 per min from a landline", vec![]),
            ("club costs GBP3.50/week", vec![]),
        ] {
            assert_eq!(spans(text, message_charges), want, "{text}");
        }
        assert_eq!(number_word("thirtyeight"), Some(38.0));
        assert_eq!(number_word("twenty-five"), Some(25.0));
        assert_eq!(number_word("nineteen"), Some(19.0));
        assert_eq!(number_word("ninety"), Some(90.0));
        assert_eq!(number_word("twentyish"), None);
    }

    #[test]
    fn opt_out_lines_table() {
        // (text, where the verb ends, whether the line only opts out)
        for (text, verb_end, want) in [
            ("Txt STOP to 61234 to opt out", 3, true),
            ("Reply STOP to unsubscribe", 5, true),
            ("Show this text. Txt STOP to 60000 to opt out", 14, true),
            // A subscription's own stop, with no purpose said; another keyword first.
            ("Send STOP to 62468", 4, false),
            ("Reply CLAIM for info or STOP to opt out", 5, false),
            ("Txt her name to 82277.unsub STOP", 3, false),
        ] {
            assert_eq!(opts_out(text, verb_end), want, "{text}");
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
            ("Sale on now! To unsubscribe SMS STOP to 56161", vec![]),
            ("To opt out, text STOP to 60000", vec![]),
            // A reply to a booking under a condition; a service's keyword stays one.
            (
                "Table for 2 at 8pm. Text CANCEL to 60777 if you can't make it",
                vec![],
            ),
            ("If you need to rearrange, reply N to 88123. Thanks", vec![]),
            (
                "Your dentist visit is Tue 3pm: if plans change text C to 62000",
                vec![],
            ),
            (
                "Text CANCEL to 80088 to end your £4.50/wk tones",
                vec!["80088"],
            ),
            ("Txt WIN to 85222 if you want the £500 prize", vec!["85222"]),
            (
                "Txt STOP to 85069 to opt out, WIN to 85070 to play",
                vec!["85070"],
            ),
            // A keyword further from its verb, a code glued to its verb, one word of
            // any case to a long code.
            (
                "Txt GIRL or BOY & ur NAME & AGE, eg GIRL ANN 18 to 8007",
                vec!["8007"],
            ),
            ("Text82228>> more tones at our site", vec!["82228"]),
            ("Freeentry 2 wkly draw xt MUSIC to 87066", vec!["87066"]),
            ("wanna chat? text hot to 69698", vec!["69698"]),
            (
                "entered on receipt of a correct ans to 80062",
                vec!["80062"],
            ),
            ("the answer to 2024 is", vec![]),
            ("just text stop to 61610 to unsubscribe", vec![]),
            // A free service says so.
            ("Check usage by texting USAGE to 4444 (free)", vec![]),
        ] {
            assert_eq!(spans(text, short_codes), want, "{text}");
        }
    }

    #[test]
    fn service_stops_table() {
        for (text, want) in [
            ("Psychic? Reply ANS. End? Reply END PSYK", vec!["END PSYK"]),
            ("2 stop bid alerts, reply END BIDS", vec!["END BIDS"]),
            ("send QUIT TONES to 80000", vec!["QUIT TONES"]),
            // Everyone's opt-out, a carrier's STOP ALL, a person's words.
            ("Reply STOP to opt out", vec![]),
            ("Text STOP ALL to 2732", vec![]),
            ("Reply END ALL to leave every list", vec![]),
            ("text END to 80000", vec![]),
            ("did u text the end of it? lol", vec![]),
            ("Reply end soon", vec![]),
        ] {
            assert_eq!(spans(text, service_stops), want, "{text}");
        }
    }

    #[test]
    fn reply_keywords_table() {
        for (text, want) in [
            ("Reply DATE to start now!", vec!["DATE"]),
            ("Just txt back NAME and AGE to join", vec!["NAME"]),
            ("txt back ur NAME & AGE (150p/SMS)", vec!["NAME"]),
            ("simply reply back with \"ADP\"", vec!["ADP"]),
            ("Reply G now to learn more", vec!["G"]),
            ("Buy it by replying GET BBDELUXE", vec!["GET"]),
            // Answers, opt-outs, a person shouting, a letter that is a word.
            ("Reply YES to confirm", vec![]),
            ("Text STOP to opt out", vec![]),
            ("HI ITS KATE TEXT BACK ON THIS NUMBER", vec![]),
            ("text me A list of names", vec![]),
            ("I will text Tom later", vec![]),
        ] {
            assert_eq!(spans(text, reply_keywords), want, "{text}");
        }
    }
}

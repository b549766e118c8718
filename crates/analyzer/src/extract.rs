//! Indicator extraction: hand-rolled candidate scanning, each candidate read by
//! [`indicator::parse`] and verified.

use indicator::{Kind, ParseOptions};
use verify::{Index, Verdict};

use crate::Found;

/// At most this many indicators are reported per message.
pub const MAX_INDICATORS: usize = 50;
/// At most this many candidates are parsed per message (bounds the work on junk input).
const MAX_CANDIDATES: usize = 200;

/// Top-level domains accepted for a bare `name.tld` without scheme, `www.` or path, so
/// that `home.Will` or `ok.so` in chat text are not read as websites.
const COMMON_TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "me", "info", "biz", "xyz", "top", "app", "site", "online",
    "vip", "shop", "live", "club", "link", "ly", "gl", "cc", "hk", "cn", "tw", "uk", "us", "in",
    "sg", "ru", "pro", "fun", "icu", "cloud", "finance", "exchange", "money", "tech", "dev",
    "page", "ai", "gg", "to", "ws", "su", "asia", "mobi", "click", "support", "help",
];

/// Characters that end a candidate token besides whitespace: CJK text and full-width
/// punctuation (messages in Chinese rarely put spaces around links), and quotes.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '<' | '>' | '`' | '|' | '\u{2018}'..='\u{201F}' | '\u{2026}'
        )
        || matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Trims punctuation around a token, returning the new byte range.
fn trim(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    const EDGE: &[char] = &[
        '(', ')', '[', ']', '{', '}', ',', '.', ';', ':', '!', '?', '\'', '*',
    ];
    // A closure rather than `EDGE` as the pattern, so that the trimming is compiled in
    // this module and inlined, wherever the codegen units put the shared `&[char]` copy
    // (run for every token, that call cost about 2 % of the analysis).
    let edge = |c: char| EDGE.contains(&c);
    let token = &text[start..end];
    let trimmed = token.trim_start_matches(edge);
    start += token.len() - trimmed.len();
    let token = &text[start..end];
    // Keep a closing bracket that is part of a refang marker or balanced in the URL.
    let mut trimmed = token.trim_end_matches(edge);
    if token.len() != trimmed.len() && token[trimmed.len()..].starts_with(')') {
        let opens = trimmed.matches('(').count();
        let closes = trimmed.matches(')').count();
        if opens > closes {
            trimmed = &token[..trimmed.len() + 1];
        }
    }
    end = start + trimmed.len();
    (start, end)
}

/// What a token looks like, cheaply, before paying for a full parse.
fn looks_like_indicator(token: &str) -> bool {
    if token.len() < 4 || token.len() > 2048 {
        return false;
    }
    let lower_has = |needle: &str| {
        token
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if lower_has("://") || lower_has("www.") || lower_has("[.]") || lower_has("(.)") {
        return true;
    }
    if odd_slash_scheme(token).is_some() {
        return true;
    }
    if let Some(rest) = token.strip_prefix('@') {
        return rest.len() >= 3
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    }
    if let Some(at) = token.find('@') {
        return at > 0 && token[at + 1..].contains('.');
    }
    if (token.starts_with("0x") || token.starts_with("0X")) && token.len() == 42 {
        return true;
    }
    if (26..=62).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_alphanumeric())
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_alphabetic())
    {
        return true;
    }
    // name.tld or name.tld/path
    let host = token.split('/').next().unwrap_or(token);
    let has_path = host.len() < token.len();
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    if name.is_empty() || tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = tld.bytes().all(|b| b.is_ascii_lowercase());
    let upper = tld.bytes().all(|b| b.is_ascii_uppercase());
    if !(lower || upper) {
        return false;
    }
    has_path || COMMON_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

/// Where `http://` or `https://` starts in a token, when something precedes it.
fn scheme_start(token: &str) -> Option<usize> {
    let bytes = token.as_bytes();
    (1..bytes.len().saturating_sub(7)).find(|&k| {
        let rest = &bytes[k..];
        (rest[..7].eq_ignore_ascii_case(b"http://")
            || rest
                .get(..8)
                .is_some_and(|r| r.eq_ignore_ascii_case(b"https://")))
            && token.is_char_boundary(k)
    })
}

/// `http:/host/path`, `http:host` or `http:///host` (a wrong number of slashes, a common
/// way to dodge link previews and filters in SMS): the rest
/// after the scheme, so the caller can read it as `http://host/path`.
fn odd_slash_scheme(token: &str) -> Option<&str> {
    let colon = token.find(':')?;
    let scheme = &token[..colon];
    let slashes = &token[colon + 1..];
    let rest = slashes.trim_start_matches('/');
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (web && slashes.len() - rest.len() != 2 && rest.contains('.')).then_some(rest)
}

/// Phone-number candidates: `+`, a digit or an opening bracket, then digits, spaces,
/// dashes, dots and one pair of brackets around a country or area code (`(+852) 3123
/// 4567`, `+1 (415) 555-0100`), with 8 to 15 digits, not glued to letters or other digits.
fn phone_spans(text: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let prev_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'+');
        let opens = b == b'('
            && bytes
                .get(i + 1)
                .is_some_and(|&c| c == b'+' || c.is_ascii_digit());
        if (b == b'+' || b.is_ascii_digit() || opens) && prev_ok {
            let (end, digits) = phone_run(bytes, i);
            let glued = bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
            if (8..=15).contains(&digits) && !glued {
                // An opening bracket whose number ends before its closing one is not
                // part of the number: `(+852 3123 4567)`.
                let closed = bytes[i..end].contains(&b')');
                let start = if opens && !closed { i + 1 } else { i };
                out.push((start, end));
                i = end;
                continue;
            }
            // Skip the rest of this run of digits.
            let mut k = i + 1;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            i = k;
            continue;
        }
        i += 1;
    }
}

/// The end of the phone-number-shaped run starting at `start` (after its last digit) and
/// its number of digits. A `+` only leads, a bracket pair holds at most 4 digits (a
/// country or area code), and two separators in a row end the number unless one of them
/// is a bracket (`) ` and ` (` are how codes are set apart).
fn phone_run(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut digits = 0;
    let mut last_digit = start;
    let mut open: Option<usize> = None;
    let mut closed = false;
    let mut j = start;
    while j < bytes.len() && j - start < 32 {
        let c = bytes[j];
        let prev = (j > start).then(|| bytes[j - 1]);
        match c {
            b'0'..=b'9' => {
                digits += 1;
                last_digit = j + 1;
            }
            b'+' if digits == 0 && matches!(prev, None | Some(b'(')) => {}
            b'(' if open.is_none() && digits <= 3 && !matches!(prev, Some(b'0'..=b'9')) => {
                open = Some(digits);
            }
            b')' if !closed
                && open.is_some_and(|at| (1..=4).contains(&(digits - at)))
                && matches!(prev, Some(b'0'..=b'9')) =>
            {
                closed = true;
            }
            b' ' | b'-' | b'.' if matches!(prev, Some(b'0'..=b'9' | b')')) => {}
            _ => break,
        }
        j += 1;
    }
    (last_digit, digits)
}

/// The ASCII character a fullwidth one stands for, among those links, addresses and
/// numbers are written with (letters, digits, `.` `/` `-` `@` `_` `:` `+` `~` `%` `=` `&`
/// `#`): scam texts write `ｂｉｎａｎｃｅ－ｈｋ．ｃｏｍ` or `＋８５２…` so that link filters and
/// previews miss them, and browsers and dialers read them as ASCII. Sentence punctuation
/// (`，` `！` `？` `（` `）`) is left as it is: it still ends a token.
fn fullwidth_to_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}'
        | '\u{FF03}'
        | '\u{FF05}'
        | '\u{FF06}'
        | '\u{FF0B}'
        | '\u{FF0D}'
        | '\u{FF0E}'
        | '\u{FF0F}'
        | '\u{FF1A}'
        | '\u{FF1D}'
        | '\u{FF20}'
        | '\u{FF3F}'
        | '\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        // The halfwidth ideographic full stop is only ever a dot in disguise.
        '\u{FF61}' => Some('.'),
        _ => None,
    }
}

/// `text` with the fullwidth characters of links and numbers written in ASCII, and an
/// ideographic full stop between two letters or digits (`binance。com`) as a dot, with
/// the byte offset in `text` of each byte of the result (and of its end); `None` when
/// there is nothing to fold, the common case, which costs one scan.
fn fold_fullwidth(text: &str) -> Option<(String, Vec<usize>)> {
    let alnum = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || fullwidth_to_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric())
        })
    };
    let dot_at = |i: usize| {
        alnum(text[..i].chars().next_back())
            && alnum(text[i + '\u{3002}'.len_utf8()..].chars().next())
    };
    // Every character folded here is encoded starting with byte 0xEF or 0xE3.
    if !text.bytes().any(|b| b == 0xEF || b == 0xE3)
        || !text
            .char_indices()
            .any(|(i, c)| fullwidth_to_ascii(c).is_some() || (c == '\u{3002}' && dot_at(i)))
    {
        return None;
    }
    let mut folded = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let c = match fullwidth_to_ascii(c) {
            Some(a) => a,
            None if c == '\u{3002}' && dot_at(i) => '.',
            None => c,
        };
        folded.push(c);
        at.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    at.push(text.len());
    Some((folded, at))
}

/// Finds, parses and verifies the indicators of `text`, in order of appearance. Links and
/// numbers written in fullwidth characters are read as their ASCII forms; each indicator's
/// span and text stay those of `text`.
pub(crate) fn indicators<'i>(text: &str, index: &'i Index) -> Vec<Found<'i>> {
    match fold_fullwidth(text) {
        None => indicators_in(text, index, None),
        Some((folded, at)) => indicators_in(&folded, index, Some((text, &at))),
    }
}

/// [`indicators`] of `text`; with `original`, `text` is its folded form and `at` maps
/// each of `text`'s byte offsets to `original`'s.
fn indicators_in<'i>(
    text: &str,
    index: &'i Index,
    original: Option<(&str, &[usize])>,
) -> Vec<Found<'i>> {
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_separator(c) {
            if let Some(s) = start.take() {
                // Junk glued before a link ("at\u{FFFD}http://…"): start at the scheme.
                let s = scheme_start(&text[s..i]).map_or(s, |k| s + k);
                let (s, e) = trim(text, s, i);
                if s < e && looks_like_indicator(&text[s..e]) {
                    spans.push((s, e, false));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let mut phones = Vec::new();
    phone_spans(text, &mut phones);
    for (s, e) in phones {
        if !spans.iter().any(|&(a, b, _)| s < b && a < e) {
            spans.push((s, e, true));
        }
    }
    spans.sort_unstable();
    spans.truncate(MAX_CANDIDATES);

    let opts = index.parse_options();
    let phone_opts = ParseOptions {
        hint: Some(Kind::Phone),
        default_region: opts.default_region.clone(),
    };
    // Without a configured region, a region the text declares reads only the national
    // numbers that matter there (charged ones); others stay unread, as before.
    let hinted = if opts.default_region.is_none() {
        region_hint(text).map(|r| ParseOptions {
            hint: Some(Kind::Phone),
            default_region: Some(r.to_owned()),
        })
    } else {
        None
    };
    let mut found: Vec<Found<'i>> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (s, e, phone) in spans {
        if found.len() >= MAX_INDICATORS {
            break;
        }
        let token = &text[s..e];
        let parsed = match odd_slash_scheme(token) {
            Some(rest) => indicator::parse(&format!("http://{rest}"), opts),
            None if phone => match &hinted {
                Some(h) if charged_shape(token) => indicator::parse(token, h),
                _ => indicator::parse(token, &phone_opts),
            },
            None => indicator::parse(token, opts),
        };
        let Ok(ind) = parsed else { continue };
        let key = ind.key();
        if keys.contains(&key) {
            continue;
        }
        let verification = index.verify_indicator(ind);
        if verification.verdict == Verdict::Invalid {
            continue;
        }
        keys.push(key);
        let (start, end, text) = match original {
            None => (s, e, token),
            Some((original, at)) => (at[s], at[e], &original[at[s]..at[e]]),
        };
        found.push(Found {
            start,
            end,
            text: text.to_owned(),
            verification,
        });
    }
    found
}

/// Whether a national number starts like a charged one in the hinted regions (British
/// 09…, 087…, 084…, 070…; Indian and Hong Kong premium lines start 1900 / 900).
fn charged_shape(token: &str) -> bool {
    let digits: String = token.chars().filter(char::is_ascii_digit).take(4).collect();
    ["09", "087", "084", "070", "1900", "900"]
        .iter()
        .any(|p| digits.starts_with(p))
        && !token.trim_start().starts_with('+')
}

/// The country a message declares through its currency or its own words, for reading
/// national phone numbers when the deployment set no default region: pounds and pence
/// ("£1.50", "150p", "GBP", "UK") mean Great Britain (where 09… and 087… numbers are
/// premium rate), rupees India, Hong Kong dollars Hong Kong.
pub(crate) fn region_hint(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    let word = |i: usize, len: usize| {
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + len).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    if text.contains('£') {
        return Some("GB");
    }
    for (i, _) in text.match_indices("GBP").chain(text.match_indices("UK")) {
        if word(i, if b[i] == b'G' { 3 } else { 2 }) {
            return Some("GB");
        }
    }
    // "150p", "10p/min", "50p per msg": prices in pence.
    for (i, _) in text.match_indices('p') {
        if i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1)
                .is_none_or(|c| !c.is_ascii_alphabetic() || *c == b'p' || *c == b'm')
            && (i < 2 || !b[i - 2].is_ascii_alphabetic())
        {
            return Some("GB");
        }
    }
    // An 11-digit national number starting 087 or 09 has the shape of a British
    // shared-cost or premium-rate number (Ireland's 087 mobiles have 10 digits).
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let run = &b[i..j];
            if run.len() == 11 && (run.starts_with(b"087") || run.starts_with(b"09")) {
                return Some("GB");
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if text.contains('₹') || text.contains("Rs.") || text.contains("INR") {
        return Some("IN");
    }
    if text.contains("HK$")
        || text.contains("HKD")
        || text.contains("港元")
        || text.contains("港幣")
    {
        return Some("HK");
    }
    None
}

//! "Did we send this?": what the exchange registers of the messages it sends, and how a
//! message a user pastes is matched against them, without keeping any text.
//!
//! A message is first **normalized** ([`normalize`]) so that what a person does when
//! re-typing or forwarding it does not matter, and then reduced to **keyed
//! fingerprints** ([`fingerprints`]): HMAC-SHA256 under the deployment's key of the
//! user's pseudonym and the normalized text (and of each link), cut to 16 bytes. The
//! text itself is dropped. Without the key a fingerprint reveals nothing, and a
//! fingerprint made for one user never matches another user's message.
//!
//! # Normalization (what is ignored)
//!
//! 1. Unicode compatibility forms (NFKC): full-width letters and digits, ligatures.
//! 2. Links (`http://…`, `https://…`, `www.…`): the scheme, the case of the host and
//!    a leading `www.`, user and password, a fragment, a trailing `/` of an empty path, and **tracking parameters** (`utm_*`,
//!    [`TRACKING_PARAMS`]) are dropped; the remaining path and parameters are kept in
//!    order, so that a different link is a different message.
//! 3. Letter case (Unicode lowercase).
//! 4. All white space and invisible format characters (zero-width spaces and joiners,
//!    soft hyphens): "Dear user ,your" and "Dear user, your" are one text.
//! 5. **One-time codes**: when the text speaks of a code (`code`, `OTP`, `PIN`,
//!    `verification`, 验证码, 驗證碼, …: [`CODE_WORDS`]), every run of 4 to 8 digits
//!    becomes `#`, so that no code is part of a fingerprint.
//!
//! Everything else counts: a changed amount, address, phone number or word is another
//! message.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

/// Query parameters that only track a click, dropped from links.
pub const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "spm", "si",
];

/// Words that say a message carries a one-time code (matched in the lowercased text).
pub const CODE_WORDS: &[&str] = &[
    "code",
    "otp",
    "passcode",
    "pin",
    "verification",
    "验证码",
    "驗證碼",
    "校验码",
    "校驗碼",
    "动态码",
    "動態碼",
    "动态密码",
    "動態密碼",
    "一次性密码",
    "一次性密碼",
];

/// Most bytes of a message that are read; the rest is ignored (a message the exchange
/// sends is short; a pasted one is analyzed up to the same bound).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Length of a fingerprint, in bytes: 128 bits leave no room for a chance collision
/// among billions of messages.
pub const FINGERPRINT_BYTES: usize = 16;

/// A keyed fingerprint.
pub type Fingerprint = [u8; FINGERPRINT_BYTES];

/// A message as matched: the normalized text and its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The text with links normalized, lowercased, without white space, codes masked.
    pub text: String,
    /// The normalized links, in order of appearance, without duplicates.
    pub links: Vec<String>,
}

/// What is kept of a message: fingerprints only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    /// Of the whole normalized text.
    pub text: Fingerprint,
    /// Of each normalized link.
    pub links: Vec<Fingerprint>,
}

/// Normalizes a message (see the crate documentation for what is ignored).
pub fn normalize(text: &str) -> Normalized {
    let text = &text[..text.floor_char_boundary(MAX_TEXT_BYTES)];
    let nfkc: String = text.nfkc().collect();
    let mut links = Vec::new();
    let mut with_links = String::with_capacity(nfkc.len());
    for (i, token) in nfkc.split_whitespace().enumerate() {
        if i > 0 {
            with_links.push(' ');
        }
        // A link may be glued to what precedes it ("帳戶：https://…", "(www.…").
        let (before, candidate) = token.split_at(link_start(token).unwrap_or(token.len()));
        with_links.push_str(before);
        match split_link(candidate) {
            Some((link, rest)) => {
                if !links.contains(&link) {
                    links.push(link.clone());
                }
                with_links.push_str(&link);
                with_links.push_str(rest);
            }
            None => with_links.push_str(candidate),
        }
    }
    let lower = with_links.to_lowercase();
    let compact: String = lower
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect();
    let text = if speaks_of_codes(&lower) {
        mask_codes(&compact)
    } else {
        compact
    };
    Normalized { text, links }
}

/// The fingerprints of a message sent to (or received by) the user with this
/// pseudonym, under `key`.
pub fn fingerprints(key: &[u8; 32], user: &[u8; 32], text: &str) -> Fingerprints {
    let n = normalize(text);
    Fingerprints {
        text: mac(key, user, b"text", n.text.as_bytes()),
        links: n
            .links
            .iter()
            .map(|l| mac(key, user, b"link", l.as_bytes()))
            .collect(),
    }
}

/// HMAC-SHA256 of the domain label, the user and the value, cut to
/// [`FINGERPRINT_BYTES`]. The label and the fixed-length user keep texts and links
/// of different users apart.
fn mac(key: &[u8; 32], user: &[u8; 32], label: &[u8], value: &[u8]) -> Fingerprint {
    // HMAC takes keys of any length: this cannot fail.
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; FINGERPRINT_BYTES];
    };
    m.update(b"antiscam-provenance-v1\0");
    m.update(label);
    m.update(b"\0");
    m.update(user);
    m.update(value);
    let full: [u8; 32] = m.finalize().into_bytes().into();
    let mut out = [0u8; FINGERPRINT_BYTES];
    out.copy_from_slice(&full[..FINGERPRINT_BYTES]);
    out
}

/// Where the first link in `token` starts (`http://`, `https://` or `www.`, in any
/// case), if it has one.
fn link_start(token: &str) -> Option<usize> {
    let lower = token.to_ascii_lowercase();
    ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
}

/// Whether the (lowercased) text speaks of a code: a Chinese word anywhere, an
/// English one as a whole word ("pin", not "shopping").
fn speaks_of_codes(lower: &str) -> bool {
    CODE_WORDS.iter().any(|w| {
        if !w.is_ascii() {
            return lower.contains(w);
        }
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// If `token` starts with a link, the link normalized and what follows it (closing
/// punctuation glued to the link).
fn split_link(token: &str) -> Option<(String, &str)> {
    let lower = token.to_ascii_lowercase();
    let with_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    if !with_scheme && !lower.starts_with("www.") {
        return None;
    }
    // Punctuation that ends a sentence or closes a bracket is not part of the link.
    let end = token
        .trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '"' | '\''
            ) || (!c.is_ascii() && !c.is_alphanumeric())
        })
        .len();
    let (link, rest) = token.split_at(end);
    let parsed = if with_scheme {
        url::Url::parse(link)
    } else {
        url::Url::parse(&format!("https://{link}"))
    }
    .ok()?;
    let host = parsed.host_str()?;
    let mut out = String::from(host.strip_prefix("www.").unwrap_or(host));
    if let Some(port) = parsed.port() {
        out.push(':');
        out.push_str(&port.to_string());
    }
    let path = parsed.path();
    if path != "/" {
        out.push_str(path);
    }
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        let query: Vec<String> = kept
            .iter()
            .map(|(k, v)| {
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        out.push_str(&query.join("&"));
    }
    Some((out, rest))
}

fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || TRACKING_PARAMS.contains(&k.as_str())
}

/// Zero-width characters, joiners, marks and the soft hyphen: invisible when shown,
/// and so never a difference a reader sees.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Every run of 4 to 8 ASCII digits becomes `#`.
fn mask_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if (4..=8).contains(&digits.len()) {
            out.push('#');
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests;

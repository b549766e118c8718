//! The supported languages, BCP 47 tag parsing and `Accept-Language` negotiation.

use std::fmt;

/// A language the catalogues are written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Locale {
    /// English (the fallback for every missing message).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Traditional Chinese, as written in Hong Kong.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// Simplified Chinese, as written in mainland China.
    #[serde(rename = "zh-Hans")]
    ZhHans,
}

/// Longest language tag [`Locale::parse`] looks at; longer ones are rejected.
const MAX_TAG_LEN: usize = 128;
/// Bytes of an `Accept-Language` header [`Locale::negotiate`] looks at.
const MAX_HEADER_LEN: usize = 4096;
/// Entries of an `Accept-Language` header [`Locale::negotiate`] looks at.
const MAX_HEADER_ITEMS: usize = 64;

impl Locale {
    /// Every supported locale, English first.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhHant, Locale::ZhHans];

    /// The canonical tag, as serialized: `"en"`, `"zh-Hant"` or `"zh-Hans"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhHant => "zh-Hant",
            Locale::ZhHans => "zh-Hans",
        }
    }

    /// The name of the language in the language itself, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhHant => "繁體中文",
            Locale::ZhHans => "简体中文",
        }
    }

    /// Index into per-locale arrays (the position in [`Locale::ALL`]).
    pub(crate) fn index(self) -> usize {
        match self {
            Locale::En => 0,
            Locale::ZhHant => 1,
            Locale::ZhHans => 2,
        }
    }

    /// Maps a BCP 47 language tag to a supported locale.
    ///
    /// Case-insensitive; `_` is accepted as a separator. `en` with any region (`en-GB`)
    /// is [`Locale::En`]. For Chinese (`zh`, and the Mandarin `cmn`), an explicit script
    /// wins (`zh-Hant-CN` is [`Locale::ZhHant`]); without one, the regions `HK`, `TW` and
    /// `MO` mean Traditional and everything else (`zh`, `zh-CN`, `zh-SG`) Simplified.
    /// Cantonese (`yue`) is Traditional unless tagged `Hans` or `CN`. Returns `None` for
    /// other languages and for malformed tags.
    ///
    /// ```
    /// use i18n::Locale;
    /// assert_eq!(Locale::parse("zh_hk"), Some(Locale::ZhHant));
    /// assert_eq!(Locale::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        if tag.is_empty() || tag.len() > MAX_TAG_LEN {
            return None;
        }
        let mut subtags = tag.split(['-', '_']);
        let primary = subtags.next()?;
        if !(2..=8).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        // `Some(is_cantonese)` for Chinese, `None` for English.
        let chinese = if primary.eq_ignore_ascii_case("zh") || primary.eq_ignore_ascii_case("cmn") {
            Some(false)
        } else if primary.eq_ignore_ascii_case("yue") {
            Some(true)
        } else if primary.eq_ignore_ascii_case("en") {
            None
        } else {
            return None;
        };
        let mut script: Option<Locale> = None;
        let mut traditional_region: Option<bool> = None;
        let mut cantonese = chinese == Some(true);
        // Position of the subtag after the primary one: the extended language, script and
        // region subtags must come first; after a singleton (`-u-`, `-x-`) come extensions.
        let mut in_extension = false;
        for (i, subtag) in subtags.enumerate() {
            if subtag.is_empty()
                || subtag.len() > 8
                || !subtag.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return None;
            }
            if in_extension || chinese.is_none() {
                continue;
            }
            let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
            match subtag.len() {
                1 => in_extension = true,
                // Extended language subtag, as in `zh-yue` or `zh-cmn-Hans`.
                3 if alpha && i == 0 => cantonese = subtag.eq_ignore_ascii_case("yue"),
                4 if alpha && script.is_none() && traditional_region.is_none() => {
                    if subtag.eq_ignore_ascii_case("hant") {
                        script = Some(Locale::ZhHant);
                    } else if subtag.eq_ignore_ascii_case("hans") {
                        script = Some(Locale::ZhHans);
                    }
                }
                2 if alpha && traditional_region.is_none() => {
                    traditional_region = Some(if cantonese {
                        !subtag.eq_ignore_ascii_case("cn")
                    } else {
                        ["hk", "tw", "mo"]
                            .iter()
                            .any(|r| subtag.eq_ignore_ascii_case(r))
                    });
                }
                _ => {}
            }
        }
        Some(match (chinese, script, traditional_region) {
            (None, _, _) => Locale::En,
            (Some(_), Some(script), _) => script,
            (Some(_), None, Some(true)) => Locale::ZhHant,
            (Some(_), None, Some(false)) => Locale::ZhHans,
            (Some(_), None, None) if cantonese => Locale::ZhHant,
            (Some(_), None, None) => Locale::ZhHans,
        })
    }

    /// Picks the locale for an `Accept-Language` header value (RFC 9110), honouring
    /// q-values: the supported language with the highest weight wins, the first listed on
    /// a tie. Entries with `q=0`, a malformed q-value or an unsupported language are skipped;
    /// `*` does not match anything in particular. Falls back to [`Locale::En`].
    ///
    /// Never panics; only the first 4 KiB and 64 entries of the header are read.
    ///
    /// ```
    /// use i18n::Locale;
    /// assert_eq!(Locale::negotiate("fr-FR, zh-HK;q=0.8, en;q=0.5"), Locale::ZhHant);
    /// assert_eq!(Locale::negotiate("garbage;;;"), Locale::En);
    /// ```
    pub fn negotiate(accept_language: &str) -> Locale {
        let header = truncate_header(accept_language);
        let mut best: Option<(u16, Locale)> = None;
        'items: for item in header.split(',').take(MAX_HEADER_ITEMS) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let mut weight = 1000;
            for param in parts {
                let Some((name, value)) = param.split_once('=') else {
                    continue;
                };
                if name.trim().eq_ignore_ascii_case("q") {
                    match parse_q(value.trim()) {
                        Some(q) => weight = q,
                        None => continue 'items,
                    }
                }
            }
            if weight == 0 {
                continue;
            }
            let Some(locale) = Locale::parse(tag) else {
                continue;
            };
            if best.is_none_or(|(best_weight, _)| weight > best_weight) {
                best = Some((weight, locale));
                if weight == 1000 {
                    // Nothing can beat a full weight listed earlier.
                    break;
                }
            }
        }
        best.map_or(Locale::En, |(_, locale)| locale)
    }
}

/// The first [`MAX_HEADER_LEN`] bytes of a header, cut after the last complete entry.
fn truncate_header(header: &str) -> &str {
    if header.len() <= MAX_HEADER_LEN {
        return header;
    }
    let mut end = MAX_HEADER_LEN;
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    let head = &header[..end];
    // The entry cut in the middle is dropped: `zh-Hant` cut to `zh-Ha` means something else.
    head.rfind(',').map_or("", |comma| &head[..comma])
}

/// A q-value in thousandths: `0`, `0.5`, `1`, `1.000`; extra decimals are ignored.
/// `None` if malformed or above 1.
fn parse_q(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for digit in frac.bytes().chain(std::iter::repeat(b'0')).take(3) {
        thousandths = thousandths * 10 + u16::from(digit - b'0');
    }
    match int {
        "0" => Some(thousandths),
        "1" if frac.bytes().all(|b| b == b'0') => Some(1000),
        _ => None,
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

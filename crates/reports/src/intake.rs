//! Report intake: a [`Draft`] as received, validated into a [`Report`].
//!
//! Every field is checked and every problem is reported at once, each as a
//! [`FieldError`] naming the field (`indicators[2]`, `loss.amount`), a stable code and
//! an English sentence. Only `indicators` or `text` is required.

use indicator::{Indicator, ParseOptions};

use crate::Region;

/// Most indicators in one report.
pub const MAX_INDICATORS: usize = 20;
/// Longest message text, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest contact detail, in characters.
pub const MAX_CONTACT_CHARS: usize = 200;
/// Longest asset name (`USDT`, `HKD`), in characters.
pub const MAX_ASSET_CHARS: usize = 16;
/// Most digits in a loss amount (before and after the decimal point together).
pub const MAX_AMOUNT_DIGITS: usize = 36;
/// Earliest accepted `occurred_at`: 2000-01-01T00:00:00Z.
pub const EARLIEST: i64 = 946_684_800;
/// How far in the future `occurred_at` may be (clock skew), in seconds.
pub const FUTURE_SLACK: i64 = 86_400;

/// A report as received: raw strings, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Indicators as written by the reporter (links, numbers, accounts, addresses).
    pub indicators: Vec<String>,
    /// The message the reporter received.
    pub text: Option<String>,
    /// How the scammer made contact (`sms`, `telegram`…); see [`Channel`].
    pub channel: Option<String>,
    /// The reporter's region, ISO 3166-1 alpha-2.
    pub region: Option<String>,
    /// What was lost.
    pub loss: Option<DraftLoss>,
    /// When it happened, RFC 3339.
    pub occurred_at: Option<String>,
    /// Consent to be contacted by the partner police force of the region.
    pub contact: Option<DraftContact>,
}

/// The `loss` object as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftLoss {
    /// A decimal amount, as text (a JSON number is passed as its text).
    pub amount: Option<String>,
    /// The asset or currency (`USDT`, `BTC`, `HKD`).
    pub asset: Option<String>,
}

/// The `contact` object as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftContact {
    /// The reporter agrees to be contacted.
    pub consent: bool,
    /// How (a phone number, an email address…).
    pub detail: Option<String>,
}

/// How the scammer made contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Text message.
    Sms,
    /// Phone call.
    Phone,
    /// Email.
    Email,
    /// A website.
    Website,
    /// A chat app, unnamed.
    Chat,
    /// A direct message on a social platform, unnamed.
    Dm,
    /// A chat or social group.
    Group,
    /// A social network, unnamed.
    Social,
    /// Telegram.
    Telegram,
    /// WhatsApp.
    Whatsapp,
    /// X (Twitter).
    X,
    /// Instagram.
    Instagram,
    /// Facebook.
    Facebook,
    /// YouTube.
    Youtube,
    /// TikTok.
    Tiktok,
    /// Discord.
    Discord,
    /// WeChat.
    Wechat,
    /// LINE.
    Line,
    /// Signal.
    Signal,
    /// A dating app or site.
    Dating,
    /// In person.
    InPerson,
    /// A message or notification in an app (the exchange's own app included).
    App,
    /// Anything else.
    Other,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 23] = [
        Channel::Sms,
        Channel::Phone,
        Channel::Email,
        Channel::Website,
        Channel::Chat,
        Channel::Dm,
        Channel::Group,
        Channel::Social,
        Channel::Telegram,
        Channel::Whatsapp,
        Channel::X,
        Channel::Instagram,
        Channel::Facebook,
        Channel::Youtube,
        Channel::Tiktok,
        Channel::Discord,
        Channel::Wechat,
        Channel::Line,
        Channel::Signal,
        Channel::Dating,
        Channel::InPerson,
        Channel::App,
        Channel::Other,
    ];

    /// The stable snake_case name used in storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Website => "website",
            Channel::Chat => "chat",
            Channel::Dm => "dm",
            Channel::Group => "group",
            Channel::Social => "social",
            Channel::Telegram => "telegram",
            Channel::Whatsapp => "whatsapp",
            Channel::X => "x",
            Channel::Instagram => "instagram",
            Channel::Facebook => "facebook",
            Channel::Youtube => "youtube",
            Channel::Tiktok => "tiktok",
            Channel::Discord => "discord",
            Channel::Wechat => "wechat",
            Channel::Line => "line",
            Channel::Signal => "signal",
            Channel::Dating => "dating",
            Channel::InPerson => "in_person",
            Channel::App => "app",
            Channel::Other => "other",
        }
    }

    /// Reads a name written by [`Channel::as_str`], in any case, or one of the aliases
    /// `call` (phone) and `web` (website). One vocabulary for reports and message
    /// analysis alike.
    pub fn parse(s: &str) -> Option<Channel> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("call") {
            return Some(Channel::Phone);
        }
        if s.eq_ignore_ascii_case("web") {
            return Some(Channel::Website);
        }
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

/// What was lost: a decimal amount (kept as text: no rounding) of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// Decimal digits with at most one `.`, no sign, no exponent, no leading zeros
    /// (`"1500"`, `"0.25"`).
    pub amount: String,
    /// Uppercase letters and digits (`"USDT"`).
    pub asset: String,
}

/// Consent to be contacted, with how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The contact detail, trimmed.
    pub detail: String,
}

/// A validated report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The indicators, distinct by key, in the order given.
    pub indicators: Vec<Indicator>,
    /// The message text, trimmed; `None` when absent or blank.
    pub text: Option<String>,
    /// How contact was made.
    pub channel: Option<Channel>,
    /// The reporter's region.
    pub region: Option<Region>,
    /// What was lost.
    pub loss: Option<Loss>,
    /// When it happened, Unix seconds.
    pub occurred_at: Option<i64>,
    /// The contact detail, present only with consent: without consent nothing is kept.
    pub contact: Option<Contact>,
}

impl Report {
    /// The grouping keys of the indicators (`"domain:evil.io"`), in order.
    pub fn keys(&self) -> Vec<String> {
        self.indicators.iter().map(Indicator::key).collect()
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field: `indicators[1]`, `region`, `loss.amount`, or `indicators` / `text`
    /// for the report as a whole.
    pub field: String,
    /// A stable code: an [`indicator::ParseError::code`] for an indicator, else one of
    /// `missing_content`, `too_many_indicators`, `text_too_long`, `invalid_text`,
    /// `unknown_channel`, `unknown_region`, `invalid_amount`, `missing_amount`,
    /// `invalid_asset`, `missing_asset`, `invalid_date`, `date_out_of_range`,
    /// `missing_contact`, `contact_too_long`, `invalid_contact`.
    pub code: &'static str,
    /// What is wrong, in English.
    pub message: String,
    /// For an indicator, the parser's error (to localize it as Verify does).
    pub parse_error: Option<indicator::ParseError>,
}

impl FieldError {
    fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
            parse_error: None,
        }
    }
}

/// Why a draft was refused: every problem found, in field order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.errors))]
pub struct Invalid {
    /// The problems, at least one.
    pub errors: Vec<FieldError>,
}

fn summary(errors: &[FieldError]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    parts.join("; ")
}

/// Validates a draft. `options` reads indicators as Verify does (the default region for
/// phone numbers); `now` (Unix seconds) bounds `occurred_at`.
pub fn validate(draft: &Draft, options: &ParseOptions, now: i64) -> Result<Report, Invalid> {
    let mut errors = Vec::new();

    let mut indicators: Vec<Indicator> = Vec::new();
    if draft.indicators.len() > MAX_INDICATORS {
        errors.push(FieldError::new(
            "indicators",
            "too_many_indicators",
            format!(
                "{} indicators in one report; at most {MAX_INDICATORS}: send the others in another report",
                draft.indicators.len()
            ),
        ));
    } else {
        let mut seen = std::collections::HashSet::new();
        for (i, raw) in draft.indicators.iter().enumerate() {
            match indicator::parse(raw, options) {
                Ok(ind) => {
                    if seen.insert(ind.key()) {
                        indicators.push(ind);
                    }
                }
                Err(e) => errors.push(FieldError {
                    field: format!("indicators[{i}]"),
                    code: e.code(),
                    message: e.to_string(),
                    parse_error: Some(e),
                }),
            }
        }
    }

    let text = draft
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if let Some(t) = text {
        let chars = t.chars().count();
        if chars > MAX_TEXT_CHARS {
            errors.push(FieldError::new(
                "text",
                "text_too_long",
                format!("the text has {chars} characters; at most {MAX_TEXT_CHARS}"),
            ));
        } else if let Some(pos) = t.chars().position(is_forbidden) {
            errors.push(FieldError::new(
                "text",
                "invalid_text",
                format!(
                    "the text contains a control or binary character at position {}: send plain text",
                    pos + 1
                ),
            ));
        }
    }
    if draft.indicators.is_empty() && text.is_none() {
        errors.push(FieldError::new(
            "indicators",
            "missing_content",
            "give at least one indicator (a link, number, account or address) or the message text",
        ));
    }

    let channel = match draft.channel.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => {
            let parsed = Channel::parse(c);
            if parsed.is_none() {
                let names: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
                errors.push(FieldError::new(
                    "channel",
                    "unknown_channel",
                    format!("unknown channel; use one of: {}", names.join(", ")),
                ));
            }
            parsed
        }
    };

    let region = match draft.region.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => {
            let parsed = Region::parse(r).ok();
            if parsed.is_none() {
                errors.push(FieldError::new(
                    "region",
                    "unknown_region",
                    "not an ISO 3166-1 alpha-2 region code such as HK, TW or GB",
                ));
            }
            parsed
        }
    };

    let loss = draft
        .loss
        .as_ref()
        .and_then(|l| validate_loss(l, &mut errors));

    let occurred_at = match draft.occurred_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => validate_date(s, now, &mut errors),
    };

    let contact = draft
        .contact
        .as_ref()
        .and_then(|c| validate_contact(c, &mut errors));

    if errors.is_empty() {
        Ok(Report {
            indicators,
            text: text.map(str::to_owned),
            channel,
            region,
            loss,
            occurred_at,
            contact,
        })
    } else {
        Err(Invalid { errors })
    }
}

/// Control characters other than line breaks and tabs, U+FFFD and bidi overrides.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || c == '\u{FFFD}'
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn validate_loss(loss: &DraftLoss, errors: &mut Vec<FieldError>) -> Option<Loss> {
    let amount = loss
        .amount
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let asset = loss
        .asset
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    if amount.is_none() && asset.is_none() {
        return None;
    }
    let amount = match amount {
        None => {
            errors.push(FieldError::new(
                "loss.amount",
                "missing_amount",
                "give the amount lost with its asset",
            ));
            None
        }
        Some(a) => {
            let parsed = parse_amount(a);
            if parsed.is_none() {
                errors.push(FieldError::new(
                    "loss.amount",
                    "invalid_amount",
                    format!(
                        "not a plain decimal amount such as 1500 or 0.25 (no sign, no exponent, at most {MAX_AMOUNT_DIGITS} digits)"
                    ),
                ));
            }
            parsed
        }
    };
    let asset = match asset {
        None => {
            errors.push(FieldError::new(
                "loss.asset",
                "missing_asset",
                "give the asset or currency lost, e.g. USDT, BTC or HKD",
            ));
            None
        }
        Some(a) => {
            let ok = a.chars().count() <= MAX_ASSET_CHARS
                && a.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                errors.push(FieldError::new(
                    "loss.asset",
                    "invalid_asset",
                    format!(
                        "an asset is a ticker or currency code of letters and digits, at most {MAX_ASSET_CHARS}, e.g. USDT"
                    ),
                ));
            }
            ok.then(|| a.to_ascii_uppercase())
        }
    };
    Some(Loss {
        amount: amount?,
        asset: asset?,
    })
}

/// A non-negative decimal without sign or exponent, leading zeros and a trailing `.`
/// removed (`"007.50"` is `"7.50"`).
fn parse_amount(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = int.len() + frac.map_or(0, str::len);
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if digits > MAX_AMOUNT_DIGITS
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.unwrap_or("").bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(match frac.filter(|f| !f.is_empty()) {
        Some(f) => format!("{int}.{f}"),
        None => int.to_owned(),
    })
}

fn validate_date(s: &str, now: i64, errors: &mut Vec<FieldError>) -> Option<i64> {
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;
    match OffsetDateTime::parse(s, &Rfc3339) {
        Err(_) => {
            errors.push(FieldError::new(
                "occurred_at",
                "invalid_date",
                "not an RFC 3339 date and time such as 2025-03-01T14:30:00+08:00",
            ));
            None
        }
        Ok(t) => {
            let at = t.unix_timestamp();
            if at < EARLIEST || at > now.saturating_add(FUTURE_SLACK) {
                errors.push(FieldError::new(
                    "occurred_at",
                    "date_out_of_range",
                    "the date must be after 2000 and not in the future",
                ));
                None
            } else {
                Some(at)
            }
        }
    }
}

fn validate_contact(contact: &DraftContact, errors: &mut Vec<FieldError>) -> Option<Contact> {
    if !contact.consent {
        // Without consent the detail is not kept at all.
        return None;
    }
    let detail = contact.detail.as_deref().map(str::trim).unwrap_or("");
    if detail.is_empty() {
        errors.push(FieldError::new(
            "contact.detail",
            "missing_contact",
            "with consent, give how the police may contact you (phone number or email)",
        ));
        return None;
    }
    if detail.chars().count() > MAX_CONTACT_CHARS {
        errors.push(FieldError::new(
            "contact.detail",
            "contact_too_long",
            format!("at most {MAX_CONTACT_CHARS} characters"),
        ));
        return None;
    }
    if detail.chars().any(is_forbidden) {
        errors.push(FieldError::new(
            "contact.detail",
            "invalid_contact",
            "the contact detail contains a control or binary character",
        ));
        return None;
    }
    Some(Contact {
        detail: detail.to_owned(),
    })
}

#[cfg(test)]
mod tests;

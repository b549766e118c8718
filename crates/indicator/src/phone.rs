//! Phone numbers, normalized to E.164 (`+85230000000`) with the `phonenumber` crate
//! (libphonenumber's metadata).
//!
//! Only numbers that are *valid* for their country are accepted: a scam number that is
//! merely well-formed is still a number someone can call, but a typo'd one would create a
//! key that matches nothing and mislead the user into thinking it is clean.
//!
//! Input is reduced to `+` and digits before it reaches `phonenumber`, so that crate only
//! ever sees trivial strings (its RFC 3966 parser has had panics on crafted input).

use std::fmt;
use std::str::FromStr;

use phonenumber::{Mode, country};

use crate::error::{ParseError, PhoneError};
use crate::input::precheck;

#[cfg(test)]
mod tests;

/// Most digits a phone number can have as written (E.164 allows 15, plus an IDD prefix).
const MAX_DIGITS: usize = 17;

/// A valid phone number in E.164 form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
    country_code: u16,
    region: Option<[u8; 2]>,
    assigned: bool,
    line: LineType,
}

/// What kind of line a number belongs to, from libphonenumber's ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineType {
    /// A landline.
    FixedLine,
    /// A mobile phone.
    Mobile,
    /// A landline or a mobile phone (the ranges overlap, as in the USA).
    FixedLineOrMobile,
    /// A free call.
    TollFree,
    /// Calls are charged at a premium rate.
    PremiumRate,
    /// Calls cost more than a local call ("shared cost", UK 084x/087x).
    SharedCost,
    /// A "personal number" forwarded anywhere (UK 070), which hides who answers.
    PersonalNumber,
    /// Voice over IP.
    Voip,
    /// A company number routed to any office.
    Uan,
    /// Anything else, or a number outside the known ranges.
    Other,
}

impl LineType {
    fn of(number: &phonenumber::PhoneNumber) -> LineType {
        use phonenumber::Type as T;
        match number.number_type(&phonenumber::metadata::DATABASE) {
            T::FixedLine => LineType::FixedLine,
            T::Mobile => LineType::Mobile,
            T::FixedLineOrMobile => LineType::FixedLineOrMobile,
            T::TollFree => LineType::TollFree,
            T::PremiumRate => LineType::PremiumRate,
            T::SharedCost => LineType::SharedCost,
            T::PersonalNumber => LineType::PersonalNumber,
            T::Voip => LineType::Voip,
            T::Uan => LineType::Uan,
            _ => LineType::Other,
        }
    }

    /// Whether calling or texting the number costs the caller more than a normal call.
    pub fn is_charged(self) -> bool {
        matches!(self, LineType::PremiumRate | LineType::SharedCost)
    }
}

impl Phone {
    /// Whether the number lies in a range known to be assigned (libphonenumber's
    /// metadata). Unassigned numbers are accepted, since callers can spoof them.
    pub fn is_assigned(&self) -> bool {
        self.assigned
    }

    /// The kind of line (mobile, toll-free, premium rate…); [`LineType::Other`] when the
    /// number is outside the known ranges.
    pub fn line_type(&self) -> LineType {
        self.line
    }

    /// Parses a phone number: `+852 3000 0000`, `00852 30000000`, `tel:+85230000000`,
    /// `(852) 3000-0000` and `3000 0000` with a default region, with spaces, dots, dashes,
    /// slashes and parentheses as separators. `default_region` (ISO 3166 alpha-2, e.g. `"HK"`)
    /// applies to numbers written without a country code.
    pub fn parse(s: &str, default_region: Option<&str>) -> Result<Phone, ParseError> {
        parse_trimmed(precheck(s)?, default_region)
    }

    /// The E.164 form: `+85230000000`.
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The country calling code: 852.
    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The ISO 3166 alpha-2 region the number belongs to (`"HK"`), when the metadata tells
    /// (shared calling codes such as +1 are resolved by number range).
    pub fn region(&self) -> Option<&str> {
        self.region
            .as_ref()
            .and_then(|r| std::str::from_utf8(r).ok())
    }
}

/// The number as `+` and digits, with whether it carried a country code.
struct Digits {
    digits: String,
    international: bool,
}

/// Reduces a written number to its digits; `None` if it contains anything but digits,
/// separators and one leading `+`.
fn digits_of(s: &str) -> Result<Digits, ParseError> {
    let mut digits = String::with_capacity(s.len().min(MAX_DIGITS + 1));
    let mut plus = false;
    for ch in s.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            // Fullwidth digits, as typed with CJK input methods.
            '\u{FF10}'..='\u{FF19}' => {
                let d = u32::from(ch) - 0xFF10;
                digits.push(char::from_digit(d, 10).unwrap_or('0'));
            }
            '+' | '\u{FF0B}' if digits.is_empty() && !plus => plus = true,
            ' ' | '.' | '-' | '(' | ')' | '/' | '\u{00A0}' | '\u{2011}' | '\u{2013}' => {}
            _ => return Err(ParseError::phone(PhoneError::InvalidCharacter { ch })),
        }
        if digits.len() > MAX_DIGITS {
            return Err(ParseError::phone(PhoneError::TooLong));
        }
    }
    let mut international = plus;
    if !plus && let Some(rest) = digits.strip_prefix("00") {
        // The international call prefix used by most of the world.
        digits = rest.to_owned();
        international = true;
    }
    Ok(Digits {
        digits,
        international,
    })
}

/// Whether an input is shaped like a phone number (rule 9 of detection): a leading `+`, or
/// only digits and separators with 6 to 17 digits.
pub(crate) fn looks_like_phone(s: &str) -> bool {
    let s = strip_tel(s);
    // `(+852) 3123 4567`: the country code in brackets, as Hong Kong writes it.
    let s = s
        .strip_prefix('(')
        .filter(|r| r.starts_with('+'))
        .unwrap_or(s);
    if s.starts_with('+') {
        return s.len() > 1
            && s.chars()
                .skip(1)
                .all(|c| c.is_ascii_digit() || is_separator(c));
    }
    let mut count = 0usize;
    for c in s.chars() {
        if c.is_ascii_digit() {
            count += 1;
        } else if !is_separator(c) {
            return false;
        }
    }
    (6..=MAX_DIGITS).contains(&count)
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '(' | ')' | '/')
}

fn strip_tel(s: &str) -> &str {
    match s.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("tel:") => s.get(4..).unwrap_or("").trim_start(),
        _ => s,
    }
}

/// Parses an already prechecked, trimmed phone number.
pub(crate) fn parse_trimmed(s: &str, default_region: Option<&str>) -> Result<Phone, ParseError> {
    let s = strip_tel(s);
    // RFC 3966 parameters (";ext=…", ";phone-context=…") are not part of the number.
    let s = s.split(';').next().unwrap_or(s);
    let Digits {
        digits,
        international,
    } = digits_of(s)?;
    if digits.len() < 3 {
        return Err(ParseError::phone(PhoneError::TooShort));
    }
    let number = if international {
        phonenumber::parse(None, format!("+{digits}"))
    } else {
        let Some(region) = default_region else {
            return Err(ParseError::phone(PhoneError::NoCountryCode));
        };
        let id = region_id(region)?;
        phonenumber::parse(Some(id), &digits)
    };
    let number = number.map_err(|e| {
        use phonenumber::ParseError as E;
        ParseError::phone(match e {
            E::InvalidCountryCode => PhoneError::InvalidCountryCode,
            E::TooLong => PhoneError::TooLong,
            E::NoNumber | E::TooShortAfterIdd | E::TooShortNsn => PhoneError::TooShort,
            _ => PhoneError::NotValid,
        })
    })?;
    // A number outside the ranges libphonenumber knows to be assigned is still accepted:
    // people check numbers they were called from, scammers spoof unassigned ones, and the
    // metadata lags new allocations. Only an impossible length is an error.
    // Normalization must be a fixpoint (the blocklist and the registry compare keys):
    // for unassigned numbers libphonenumber may read a leading 0 of the E.164 form as
    // a trunk prefix and drop it on the next parse, so re-parse until the form is
    // stable, and refuse a number that never settles.
    let mut number = number;
    let mut e164 = number.format().mode(Mode::E164).to_string();
    let mut stable = false;
    for _ in 0..3 {
        match phonenumber::parse(None, &e164) {
            Ok(again) => {
                let again_e164 = again.format().mode(Mode::E164).to_string();
                if again_e164 == e164 {
                    stable = true;
                    break;
                }
                number = again;
                e164 = again_e164;
            }
            Err(_) => break,
        }
    }
    let national = number.national().value().to_string().len();
    // E.164 allows at most 15 digits after the "+", whatever the parser accepted.
    if !stable || !(4..=14).contains(&national) || e164.len() > 16 {
        return Err(ParseError::phone(PhoneError::NotValid));
    }
    let assigned = phonenumber::is_valid(&number);
    let line = if assigned {
        LineType::of(&number)
    } else {
        LineType::Other
    };
    let region = number.country().id().and_then(|id| {
        let code = id.as_ref().as_bytes();
        Some([*code.first()?, *code.get(1)?])
    });
    Ok(Phone {
        e164,
        country_code: number.code().value(),
        region,
        assigned,
        line,
    })
}

/// Parses a number written internationally without `+`, as in `wa.me/85230000000`.
pub(crate) fn parse_international(s: &str) -> Result<Phone, ParseError> {
    let s = s.trim();
    if s.starts_with(['+', '\u{FF0B}']) {
        parse_trimmed(s, None)
    } else {
        parse_trimmed(&format!("+{s}"), None)
    }
}

fn region_id(region: &str) -> Result<country::Id, ParseError> {
    let upper = region.trim().to_ascii_uppercase();
    if upper.len() != 2 {
        return Err(unknown_region(region));
    }
    upper
        .parse::<country::Id>()
        .map_err(|_| unknown_region(region))
}

fn unknown_region(region: &str) -> ParseError {
    ParseError::phone(PhoneError::UnknownRegion {
        region: crate::domain::truncate(region, 8).to_owned(),
    })
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({:?})", self.as_str())
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Parses numbers with a country code only (there is no default region).
impl FromStr for Phone {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::parse(s, None)
    }
}

crate::serde_as_str!(Phone);

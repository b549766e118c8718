//! The typed parse error.
//!
//! Every failure names its problem: the UI localizes by [`ParseError::code`] (plus
//! [`ParseError::reason_code`] for the finer reason) and falls back to the English `Display`
//! sentence. Codes are stable identifiers: never rename one.

use std::fmt;

use crate::kind::{Chain, Kind, Platform};

/// Why an input could not be parsed as an indicator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing but whitespace.
    #[error("the input is empty: paste a website, email, phone number, account or wallet address")]
    Empty,
    /// Longer than [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES).
    #[error(
        "the input is {len} bytes long, more than the {max} allowed: paste only the link, address or name to check"
    )]
    TooLong {
        /// Length of the input in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A NUL, control or invisible bidirectional-override character, or U+FFFD (the trace
    /// of binary data or of a broken text encoding).
    #[error(
        "the input contains an invisible or binary character ({}) at position {pos}: paste it again as plain text",
        CodePoint(*.ch)
    )]
    Binary {
        /// The offending character.
        ch: char,
        /// Its 1-based character position in the trimmed input.
        pos: usize,
    },
    /// A character that cannot appear in a domain name.
    #[error("the character {} at position {pos} cannot appear in a domain name", Quoted(*.ch))]
    InvalidCharacter {
        /// The offending character.
        ch: char,
        /// Its 1-based character position in the name.
        pos: usize,
    },
    /// An `xn--` label that is not valid punycode, or does not round-trip.
    #[error(
        "the domain label {label:?} is not valid punycode: an \"xn--\" label must encode a valid international name"
    )]
    BadPunycode {
        /// The offending label, in ASCII.
        label: String,
    },
    /// A domain label longer than 63 bytes (in its ASCII form).
    #[error("a part of the domain name is {len} characters long, more than the 63 allowed")]
    LabelTooLong {
        /// The offending label, in ASCII (at most its first 80 characters).
        label: String,
        /// Its length in bytes in ASCII form.
        len: usize,
    },
    /// The domain name is malformed.
    #[error("this is not a valid domain name: {reason}")]
    InvalidDomain {
        /// What is wrong.
        reason: DomainError,
    },
    /// The web address is malformed.
    #[error("this is not a valid web address: {reason}")]
    InvalidUrl {
        /// What is wrong.
        reason: UrlError,
    },
    /// The email address is malformed.
    #[error("this is not a valid email address: {reason}")]
    InvalidEmail {
        /// What is wrong.
        reason: EmailError,
    },
    /// The phone number is malformed, incomplete or not a number in use.
    #[error("this is not a valid phone number: {reason}")]
    InvalidPhone {
        /// What is wrong.
        reason: PhoneError,
    },
    /// The account name or profile link is malformed.
    #[error("this is not a valid {} account name: {reason}", PlatformName(*.platform))]
    InvalidHandle {
        /// The platform whose rules were applied (`None`: the lenient generic rules).
        platform: Option<Platform>,
        /// What is wrong.
        reason: HandleError,
    },
    /// A wallet address whose checksum does not match: a typo, or a tampered address.
    #[error("{}", checksum_message(*.chain))]
    BadChecksum {
        /// The chain whose address format was recognized.
        chain: Chain,
    },
    /// Something shaped like a wallet address of `chain` that is malformed.
    #[error("this is not a valid {} address: {reason}", .chain.name())]
    InvalidAddress {
        /// The chain whose address format was attempted.
        chain: Chain,
        /// What is wrong.
        reason: AddressError,
    },
    /// Not any kind of indicator.
    #[error("this is not a website, email, phone number, account or wallet address")]
    Unrecognized,
    /// The caller asked for one kind (a hint) and the input is not one.
    #[error("{}", not_of_kind_message(*.kind, *.found))]
    NotOfKind {
        /// The kind asked for.
        kind: Kind,
        /// The kind the input looks like instead, if it parses as another kind.
        found: Option<Kind>,
    },
}

impl ParseError {
    /// A stable snake_case identifier of the variant, for the UI to localize the message.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::Empty => "empty",
            ParseError::TooLong { .. } => "too_long",
            ParseError::Binary { .. } => "binary",
            ParseError::InvalidCharacter { .. } => "invalid_character",
            ParseError::BadPunycode { .. } => "bad_punycode",
            ParseError::LabelTooLong { .. } => "label_too_long",
            ParseError::InvalidDomain { .. } => "invalid_domain",
            ParseError::InvalidUrl { .. } => "invalid_url",
            ParseError::InvalidEmail { .. } => "invalid_email",
            ParseError::InvalidPhone { .. } => "invalid_phone",
            ParseError::InvalidHandle { .. } => "invalid_handle",
            ParseError::BadChecksum { .. } => "bad_checksum",
            ParseError::InvalidAddress { .. } => "invalid_address",
            ParseError::Unrecognized => "unrecognized",
            ParseError::NotOfKind { .. } => "not_of_kind",
        }
    }

    /// The stable snake_case identifier of the finer reason, for variants that carry one
    /// (`InvalidDomain`, `InvalidUrl`, `InvalidEmail`, `InvalidPhone`, `InvalidHandle`,
    /// `InvalidAddress`), e.g. `"single_label"`, `"no_country_code"`.
    pub fn reason_code(&self) -> Option<&'static str> {
        Some(match self {
            ParseError::InvalidDomain { reason } => reason.code(),
            ParseError::InvalidUrl { reason } => reason.code(),
            ParseError::InvalidEmail { reason } => reason.code(),
            ParseError::InvalidPhone { reason } => reason.code(),
            ParseError::InvalidHandle { reason, .. } => reason.code(),
            ParseError::InvalidAddress { reason, .. } => reason.code(),
            _ => return None,
        })
    }

    /// Whether the input was recognized as a kind but is broken (as opposed to
    /// [`Unrecognized`](ParseError::Unrecognized), [`Empty`](ParseError::Empty),
    /// [`NotOfKind`](ParseError::NotOfKind) or a size/binary rejection).
    pub fn is_malformed(&self) -> bool {
        !matches!(
            self,
            ParseError::Empty
                | ParseError::TooLong { .. }
                | ParseError::Binary { .. }
                | ParseError::Unrecognized
                | ParseError::NotOfKind { .. }
        )
    }

    pub(crate) fn domain(reason: DomainError) -> Self {
        ParseError::InvalidDomain { reason }
    }

    pub(crate) fn url(reason: UrlError) -> Self {
        ParseError::InvalidUrl { reason }
    }

    pub(crate) fn email(reason: EmailError) -> Self {
        ParseError::InvalidEmail { reason }
    }

    pub(crate) fn phone(reason: PhoneError) -> Self {
        ParseError::InvalidPhone { reason }
    }

    pub(crate) fn handle(platform: Option<Platform>, reason: HandleError) -> Self {
        ParseError::InvalidHandle { platform, reason }
    }

    pub(crate) fn address(chain: Chain, reason: AddressError) -> Self {
        ParseError::InvalidAddress { chain, reason }
    }
}

/// Why a domain name is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DomainError {
    /// No dot: `localhost`, `example`.
    SingleLabel,
    /// Two dots in a row, or a leading dot.
    EmptyLabel,
    /// Over 253 bytes in ASCII form.
    TooLong {
        /// The length in bytes in ASCII form.
        len: usize,
    },
    /// A label starting or ending with `-`.
    HyphenAtEdge,
    /// The top-level domain is all digits (an IP address or a number, not a name).
    NumericTld,
    /// An IP address where a name is required.
    IpAddress,
    /// An international name that IDNA (UTS #46) rejects: a disallowed character, a bad
    /// mix of scripts or directions.
    Idna,
}

impl DomainError {
    /// A stable snake_case identifier.
    pub fn code(self) -> &'static str {
        match self {
            DomainError::SingleLabel => "single_label",
            DomainError::EmptyLabel => "empty_label",
            DomainError::TooLong { .. } => "too_long",
            DomainError::HyphenAtEdge => "hyphen_at_edge",
            DomainError::NumericTld => "numeric_tld",
            DomainError::IpAddress => "ip_address",
            DomainError::Idna => "idna",
        }
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DomainError::SingleLabel => {
                f.write_str("it has no dot; a domain name looks like example.com")
            }
            DomainError::EmptyLabel => f.write_str("it has an empty part (two dots in a row)"),
            DomainError::TooLong { len } => {
                write!(f, "it is {len} characters long, more than the 253 allowed")
            }
            DomainError::HyphenAtEdge => f.write_str("a part of it starts or ends with a hyphen"),
            DomainError::NumericTld => f.write_str("its last part is a number"),
            DomainError::IpAddress => f.write_str("it is an IP address, not a name"),
            DomainError::Idna => f.write_str(
                "it contains characters that are not allowed in international domain names",
            ),
        }
    }
}

/// Why a web address is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlError {
    /// No host name after the scheme.
    MissingHost,
    /// A scheme other than http, https, ws, wss or ftp.
    UnsupportedScheme {
        /// The scheme, lowercased (at most 32 characters).
        scheme: String,
    },
    /// A port that is not a number from 0 to 65535.
    InvalidPort,
    /// Not parseable as a URL at all.
    Malformed,
}

impl UrlError {
    /// A stable snake_case identifier.
    pub fn code(&self) -> &'static str {
        match self {
            UrlError::MissingHost => "missing_host",
            UrlError::UnsupportedScheme { .. } => "unsupported_scheme",
            UrlError::InvalidPort => "invalid_port",
            UrlError::Malformed => "malformed",
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::MissingHost => f.write_str("it has no website name after the scheme"),
            UrlError::UnsupportedScheme { scheme } => {
                write!(f, "\"{scheme}:\" links are not web addresses")
            }
            UrlError::InvalidPort => f.write_str("its port is not a number from 0 to 65535"),
            UrlError::Malformed => f.write_str("it is malformed"),
        }
    }
}

/// Why an email address is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmailError {
    /// No `@`.
    MissingAt,
    /// Nothing before the `@`.
    EmptyLocal,
    /// More than 64 bytes before the `@`.
    LocalTooLong,
    /// A character not allowed before the `@`.
    InvalidLocalCharacter {
        /// The offending character.
        ch: char,
    },
    /// A dot at the start or end of the part before the `@`, or two in a row.
    BadDots,
    /// A `Name <address>` form with a missing `>` or text after it.
    MalformedDisplayName,
    /// An IP literal (`x@[1.2.3.4]`) instead of a domain name.
    IpLiteral,
}

impl EmailError {
    /// A stable snake_case identifier.
    pub fn code(self) -> &'static str {
        match self {
            EmailError::MissingAt => "missing_at",
            EmailError::EmptyLocal => "empty_local",
            EmailError::LocalTooLong => "local_too_long",
            EmailError::InvalidLocalCharacter { .. } => "invalid_local_character",
            EmailError::BadDots => "bad_dots",
            EmailError::MalformedDisplayName => "malformed_display_name",
            EmailError::IpLiteral => "ip_literal",
        }
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmailError::MissingAt => f.write_str("it has no @"),
            EmailError::EmptyLocal => f.write_str("nothing comes before the @"),
            EmailError::LocalTooLong => {
                f.write_str("the part before the @ is longer than 64 characters")
            }
            EmailError::InvalidLocalCharacter { ch } => {
                write!(
                    f,
                    "the character {} cannot appear before the @",
                    Quoted(*ch)
                )
            }
            EmailError::BadDots => f.write_str(
                "the part before the @ starts or ends with a dot, or has two dots in a row",
            ),
            EmailError::MalformedDisplayName => {
                f.write_str("the address in angle brackets <...> is not closed properly")
            }
            EmailError::IpLiteral => f.write_str("it uses an IP address instead of a domain name"),
        }
    }
}

/// Why a phone number is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhoneError {
    /// No country code (`+…` or `00…`) and no default region to assume one.
    NoCountryCode,
    /// The default region is not an ISO 3166 alpha-2 code known to the phone metadata.
    UnknownRegion {
        /// The region as given (at most 8 characters).
        region: String,
    },
    /// A character other than digits, `+` and the separators space . - ( ) /.
    InvalidCharacter {
        /// The offending character.
        ch: char,
    },
    /// Too few digits.
    TooShort,
    /// Too many digits.
    TooLong,
    /// The country calling code does not exist.
    InvalidCountryCode,
    /// Well-formed but not a number in use in its country.
    NotValid,
}

impl PhoneError {
    /// A stable snake_case identifier.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneError::NoCountryCode => "no_country_code",
            PhoneError::UnknownRegion { .. } => "unknown_region",
            PhoneError::InvalidCharacter { .. } => "invalid_character",
            PhoneError::TooShort => "too_short",
            PhoneError::TooLong => "too_long",
            PhoneError::InvalidCountryCode => "invalid_country_code",
            PhoneError::NotValid => "not_valid",
        }
    }
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::NoCountryCode => f.write_str(
                "it has no country code; write it with + and the country code, like +852 3000 0000",
            ),
            PhoneError::UnknownRegion { region } => {
                write!(
                    f,
                    "{region:?} is not a known country code for phone numbers"
                )
            }
            PhoneError::InvalidCharacter { ch } => {
                write!(
                    f,
                    "the character {} cannot appear in a phone number",
                    Quoted(*ch)
                )
            }
            PhoneError::TooShort => f.write_str("it has too few digits"),
            PhoneError::TooLong => f.write_str("it has too many digits"),
            PhoneError::InvalidCountryCode => f.write_str("its country code does not exist"),
            PhoneError::NotValid => {
                f.write_str("no such number exists in its country; check the digits")
            }
        }
    }
}

/// Why an account name or profile link is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HandleError {
    /// Nothing after the `@` or in the link's path.
    Empty,
    /// Shorter than the platform allows.
    TooShort {
        /// The minimum length in characters.
        min: usize,
    },
    /// Longer than the platform allows.
    TooLong {
        /// The maximum length in characters.
        max: usize,
    },
    /// A character the platform does not allow in names.
    InvalidCharacter {
        /// The offending character.
        ch: char,
    },
    /// Starts or ends with a dot.
    DotAtEdge,
    /// A link on the platform that is not an account (a post search, a settings page, ...).
    NotAProfile,
}

impl HandleError {
    /// A stable snake_case identifier.
    pub fn code(self) -> &'static str {
        match self {
            HandleError::Empty => "empty",
            HandleError::TooShort { .. } => "too_short",
            HandleError::TooLong { .. } => "too_long",
            HandleError::InvalidCharacter { .. } => "invalid_character",
            HandleError::DotAtEdge => "dot_at_edge",
            HandleError::NotAProfile => "not_a_profile",
        }
    }
}

impl fmt::Display for HandleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandleError::Empty => f.write_str("the name is empty"),
            HandleError::TooShort { min } => {
                write!(f, "it is shorter than the {min} characters required")
            }
            HandleError::TooLong { max } => {
                write!(f, "it is longer than the {max} characters allowed")
            }
            HandleError::InvalidCharacter { ch } => {
                write!(f, "the character {} is not allowed in names", Quoted(*ch))
            }
            HandleError::DotAtEdge => f.write_str("it starts or ends with a dot"),
            HandleError::NotAProfile => {
                f.write_str("this link is not a profile, channel or invite")
            }
        }
    }
}

/// Why a wallet address is invalid (other than a bad checksum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AddressError {
    /// A character outside the format's alphabet (hex, base58 or bech32).
    InvalidCharacter {
        /// The offending character.
        ch: char,
    },
    /// Too many or too few characters (or decoded bytes).
    WrongLength,
    /// An unknown version byte or SS58 prefix.
    UnknownVersion,
    /// A bech32 segwit address whose program or witness version is invalid.
    InvalidSegwit,
}

impl AddressError {
    /// A stable snake_case identifier.
    pub fn code(self) -> &'static str {
        match self {
            AddressError::InvalidCharacter { .. } => "invalid_character",
            AddressError::WrongLength => "wrong_length",
            AddressError::UnknownVersion => "unknown_version",
            AddressError::InvalidSegwit => "invalid_segwit",
        }
    }
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::InvalidCharacter { ch } => write!(
                f,
                "the character {} cannot appear in it; check it character by character",
                Quoted(*ch)
            ),
            AddressError::WrongLength => f.write_str(
                "it has too many or too few characters; a character is missing or extra",
            ),
            AddressError::UnknownVersion => {
                f.write_str("its first characters are not a known address type")
            }
            AddressError::InvalidSegwit => f.write_str("its segwit version or length is invalid"),
        }
    }
}

fn checksum_message(chain: Chain) -> String {
    match chain {
        Chain::Evm => "the Ethereum address has a bad EIP-55 checksum (a letter's case is wrong): check it character by character".to_owned(),
        other => format!(
            "the {} address has a bad checksum (a character is wrong): check it character by character",
            other.name()
        ),
    }
}

fn not_of_kind_message(kind: Kind, found: Option<Kind>) -> String {
    match found {
        Some(found) => format!("this is {}, not {}", noun(found), noun(kind)),
        None => format!("this is not {}", noun(kind)),
    }
}

/// The kind with its article, for sentences.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Domain => "a domain name",
        Kind::Url => "a web address",
        Kind::Ip => "an IP address",
        Kind::Email => "an email address",
        Kind::Phone => "a phone number",
        Kind::X => "an X account",
        Kind::Telegram => "a Telegram account",
        Kind::Instagram => "an Instagram account",
        Kind::Facebook => "a Facebook account",
        Kind::Youtube => "a YouTube channel",
        Kind::Tiktok => "a TikTok account",
        Kind::Discord => "a Discord invite or account",
        Kind::Whatsapp => "a WhatsApp number",
        Kind::Handle => "an account name",
        Kind::Address => "a wallet address",
    }
}

/// Prints a character so that invisible or confusable ones are still identifiable.
struct Quoted(char);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ch = self.0;
        if ch.is_ascii_graphic() {
            write!(f, "'{ch}'")
        } else if ch.is_control() || ch.is_whitespace() || !ch.is_alphanumeric() {
            write!(f, "{}", CodePoint(ch))
        } else {
            write!(f, "'{ch}' ({})", CodePoint(ch))
        }
    }
}

struct CodePoint(char);

impl fmt::Display for CodePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "U+{:04X}", u32::from(self.0))
    }
}

struct PlatformName(Option<Platform>);

impl fmt::Display for PlatformName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => f.write_str(p.name()),
            None => f.write_str("social media"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_sentences() {
        let errors = [
            ParseError::Empty,
            ParseError::TooLong {
                len: 3000,
                max: 2048,
            },
            ParseError::Binary { ch: '\0', pos: 3 },
            ParseError::InvalidCharacter { ch: '!', pos: 4 },
            ParseError::BadPunycode {
                label: "xn--a".into(),
            },
            ParseError::LabelTooLong {
                label: "a".repeat(64),
                len: 64,
            },
            ParseError::domain(DomainError::SingleLabel),
            ParseError::url(UrlError::MissingHost),
            ParseError::email(EmailError::MissingAt),
            ParseError::phone(PhoneError::NoCountryCode),
            ParseError::handle(Some(Platform::Telegram), HandleError::TooShort { min: 4 }),
            ParseError::BadChecksum { chain: Chain::Evm },
            ParseError::BadChecksum {
                chain: Chain::Bitcoin,
            },
            ParseError::address(Chain::Tron, AddressError::WrongLength),
            ParseError::Unrecognized,
            ParseError::NotOfKind {
                kind: Kind::Telegram,
                found: Some(Kind::X),
            },
        ];
        for e in errors {
            let msg = e.to_string();
            assert!(msg.starts_with(|c: char| c.is_lowercase()), "{msg}");
            assert!(!msg.ends_with('.'), "{msg}");
            assert!(!e.code().is_empty());
        }
        assert_eq!(
            ParseError::BadChecksum { chain: Chain::Evm }.to_string(),
            "the Ethereum address has a bad EIP-55 checksum (a letter's case is wrong): check it character by character"
        );
        assert_eq!(
            ParseError::NotOfKind {
                kind: Kind::Telegram,
                found: Some(Kind::X)
            }
            .to_string(),
            "this is an X account, not a Telegram account"
        );
        assert_eq!(
            ParseError::Binary { ch: '\0', pos: 3 }.to_string(),
            "the input contains an invisible or binary character (U+0000) at position 3: paste it again as plain text"
        );
        assert_eq!(
            ParseError::phone(PhoneError::NoCountryCode).reason_code(),
            Some("no_country_code")
        );
        assert_eq!(ParseError::Empty.reason_code(), None);
    }
}

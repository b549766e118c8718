//! Parsing and normalizing untrusted user input into typed scam *indicators*.
//!
//! Users paste whatever they were sent (a link, an email address, a phone number, an account
//! name, a wallet address) to learn whether it is an official channel, an impersonation or a
//! reported scam. Everything downstream (blocklists, the official-channel registry, lookalike
//! analysis) matches on *normalized* values, so this crate decides, once and for everyone,
//! what each input is and what its canonical spelling is. It is pure logic: no I/O, no
//! allocation beyond the values it returns, deterministic, and it never panics.
//!
//! # Entry points
//!
//! - [`parse`] detects the [`Kind`] of an input and returns an [`Indicator`] (or, with
//!   [`ParseOptions::hint`], parses it as the kind the user said it is).
//! - [`Domain::parse`], [`Url::parse`], [`Email::parse`], [`Phone::parse`],
//!   [`Account::parse`] and [`Address::parse`] parse one kind.
//! - [`Indicator::key`] is the exact-match key: `"<kind>:<normalized>"`.
//!
//! # Normalization rules, and why
//!
//! - **Domains**: ASCII form (lowercase, punycode `xn--` labels, no trailing dot), because that
//!   is what resolves; the Unicode form is kept for display and lookalike analysis. Bad
//!   punycode is an error, never passed through: `xn--` labels are where homoglyph attacks hide.
//!   The public suffix list (including private suffixes such as `github.io`) gives the
//!   registrable domain, because `evil.github.io` belongs to whoever registered `evil`, not to
//!   GitHub.
//! - **URLs**: WHATWG parsing (as browsers do), default port and fragment dropped, userinfo
//!   kept, because `https://official.com@evil.io/` goes to `evil.io`.
//! - **Emails**: `local@domain` lowercased; the display name is kept as written, because
//!   impersonators put the brand there.
//! - **Phones**: E.164, valid numbers only (libphonenumber metadata).
//! - **Accounts**: the handle without `@`, lowercased, except case-sensitive codes (Discord
//!   and Telegram invites); the spelling as written is kept for display (`ExampIe`).
//! - **Addresses**: checksums verified (EIP-55, base58check, bech32, SS58); EVM lowercase.
//! - **Any input**: over [`MAX_INPUT_BYTES`], containing control characters, U+FFFD or
//!   invisible bidi overrides is refused before anything else. Defanged input
//!   (`hxxps://evil[.]com`) is refanged.
//!
//! Every failure is a typed [`ParseError`] with a stable [`code`](ParseError::code) for the UI
//! to localize and an English sentence naming the problem.
//!
//! # Example
//!
//! ```
//! use indicator::{Kind, ParseOptions, Platform, parse};
//!
//! let opts = ParseOptions::default();
//! let url = parse("hxxps://official.com@login.evil[.]io/x", &opts)?;
//! assert_eq!(url.kind(), Kind::Url);
//! assert_eq!(url.key(), "url:https://official.com@login.evil.io/x");
//! assert_eq!(url.domain().map(|d| d.registrable()), Some("evil.io"));
//!
//! let hinted = ParseOptions { hint: Some(Kind::Telegram), ..ParseOptions::default() };
//! assert_eq!(parse("ExampleEx", &hinted)?.key(), "telegram:exampleex");
//! assert_eq!(parse("ExampleEx", &opts)?.kind(), Kind::Handle);
//! assert_eq!(Kind::Telegram.platform(), Some(Platform::Telegram));
//!
//! let typo = parse("0x52908400098527886e0F7030069857D2E4169EE7", &opts);
//! assert_eq!(typo.map_err(|e| e.code()).err(), Some("bad_checksum"));
//! # Ok::<(), indicator::ParseError>(())
//! ```

mod account;
mod address;
mod domain;
mod email;
mod error;
mod indicator;
mod input;
mod kind;
mod phone;
mod region;
mod web;

pub use account::Account;
pub use address::Address;
pub use domain::Domain;
pub use email::Email;
pub use error::{
    AddressError, DomainError, EmailError, HandleError, ParseError, PhoneError, UrlError,
};
pub use indicator::{Indicator, ParseOptions, parse};
pub use kind::{Chain, Kind, Platform, UnknownName};
pub use phone::{LineType, Phone};
pub use region::{REGIONS, Region, RegionError};
pub use web::{Host, Url};

/// The longest input accepted, in bytes. Longer input is refused before any other work, so
/// that a hostile paste costs nothing.
pub const MAX_INPUT_BYTES: usize = 2048;

/// Implements `Serialize` as the canonical string and `Deserialize` by parsing it.
macro_rules! serde_as_str {
    ($ty:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(deserializer)?;
                s.parse::<$ty>().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_str;

//! The message catalogues of every user-facing text of antiscam, in English
//! ([`Locale::En`]), Traditional Chinese as written in Hong Kong ([`Locale::ZhHant`]) and
//! Simplified Chinese as written in mainland China ([`Locale::ZhHans`]).
//!
//! The texts are [Fluent](https://projectfluent.org/) files under `locales/<tag>/`,
//! embedded in the binary with `include_str!` and parsed once into [`Catalog::global`]:
//!
//! - `verify.ftl`: verdicts (`verdict-*`), advice (`advice-*`), kinds of input (`kind-*`),
//!   report severities (`severity-*`), reasons (`reason-*`) and impersonation techniques
//!   (`technique-*`, `technique-name-*`, `pair`, `list-separator`);
//! - `errors.ftl`: input and request errors (`error-<code>`);
//! - `ui.ftl`: the web pages (`ui-*`);
//! - `analyze.ftl`: the message analyzer: tactics (`tactic-<name>-title|description|tips`),
//!   evidence sentences (`evidence-<reason>`), risk levels (`risk-<level>`) and advice
//!   (`analyze-advice-<level>`);
//! - `campaign.ftl`: withdrawal screening: the risk signals of a withdrawal
//!   (`campaign-signal-<code>`).
//!
//! ```
//! use i18n::{Catalog, Locale};
//!
//! let locale = Locale::negotiate("zh-HK,zh;q=0.9,en;q=0.8");
//! let catalog = Catalog::global();
//! let kind = catalog.message(locale, "kind-domain", &[]);
//! let reason = catalog.message(
//!     locale,
//!     "reason-official",
//!     &[("kind", kind.as_str().into()), ("brand", "HashKey".into())],
//! );
//! assert_eq!(reason, "這是 HashKey 的官方網站。");
//! ```
//!
//! Formatting never fails: a message missing in a locale falls back to English, and an
//! unknown id formats as the id itself.
//!
//! # Adding a message
//!
//! 1. Add it to the right file of **every** locale (`locales/en/…`, `locales/zh-Hant/…`,
//!    `locales/zh-Hans/…`), with the same id and the same variables. Write plain, warm
//!    language for ordinary people, not jargon. Where a number is shown, select plural
//!    forms in English (`{ $count -> [one] … *[other] … }`); Chinese has none.
//! 2. Add the id and its variables to the `CONTRACT` table in `src/tests.rs`: the tests
//!    check that every locale has exactly the contract's ids, that each message uses
//!    exactly the contract's variables, and that it formats without a Fluent error.
//! 3. Format it with [`Catalog::message`], passing each variable by name.
//!
//! Keep to text, variables (`{ $name }`) and selectors on a variable: such messages are
//! precompiled at load and format in a few hundred nanoseconds, without the Fluent
//! resolver. Anything else (functions such as `NUMBER()`, message or term references)
//! still works but goes through the much slower resolver, and a test flags it.
//!
//! Never change the meaning or the variables of an existing id without updating its
//! callers: ids are the contract between this crate and the rest of the workspace.
//!
//! # Adding a language
//!
//! 1. Add a variant to [`Locale`] (with its `serde` tag), to [`Locale::ALL`] and to every
//!    `match` on it ([`Locale::as_str`], [`Locale::native_name`], the tag rules of
//!    [`Locale::parse`], and the private `index` and `langid` functions); the per-locale
//!    arrays of the catalogue grow by one.
//! 2. Copy `locales/en/` to `locales/<tag>/`, translate every message, and add the files
//!    to `SOURCES` in `src/catalog.rs`.
//! 3. Run the tests: they fail until the new locale has every id and variable of English.

mod catalog;
mod locale;

pub use catalog::{Arg, Catalog};
pub use locale::Locale;

#[cfg(test)]
mod tests;

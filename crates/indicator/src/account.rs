//! Social-media accounts: `@name`, `name`, and profile links of the supported platforms.
//!
//! The normalized handle has no `@` and is lowercased, because every supported platform
//! resolves names case-insensitively. The exceptions are identifiers whose case matters:
//! Discord and Telegram invite codes, YouTube channel ids, WhatsApp link codes. What the user
//! typed is kept in [`Account::display`], case included: `ExampIe` (capital I) must stay
//! visible as such for lookalike analysis even though it is keyed as `exampie`.
//!
//! Identifiers that are not plain names carry a prefix that keeps them apart from names:
//! Telegram invites `+CODE` and `joinchat/CODE` (both read as `+CODE`: the same invite); YouTube `channel/ID`, `c/NAME`, `user/NAME`;
//! WhatsApp `message/CODE` and `chat/CODE`. Bare input in these forms is accepted too, so that
//! a key's value always parses back to the same key.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::error::{HandleError, ParseError};
use crate::input::precheck;
use crate::kind::{Kind, Platform};
use crate::phone;
use crate::web;

pub(crate) mod social;
#[cfg(test)]
mod tests;

/// An account on a social platform, or a bare `@name` whose platform is unknown.
#[derive(Debug, Clone)]
pub struct Account {
    platform: Option<Platform>,
    handle: String,
    display: String,
}

impl Account {
    /// Parses `@name`, `name` or a profile link (`https://t.me/name`, `x.com/name`, ...).
    ///
    /// With `platform`, a bare name is validated by that platform's rules and a link must be
    /// on that platform. Without it, a link determines the platform and a bare name gets
    /// `None` (lenient rules: 1-64 of `A-Z a-z 0-9 _ .`).
    pub fn parse(s: &str, platform: Option<Platform>) -> Result<Account, ParseError> {
        parse_with(precheck(s)?, platform, None)
    }

    /// The platform; `None` for a bare name of unknown platform ([`Kind::Handle`]).
    pub fn platform(&self) -> Option<Platform> {
        self.platform
    }

    /// The normalized handle: no `@`, lowercased (except case-sensitive codes and ids);
    /// the E.164 number for WhatsApp.
    pub fn handle(&self) -> &str {
        &self.handle
    }

    /// The name as the user wrote it, without `@`, case kept.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The platform's kind, or [`Kind::Handle`].
    pub fn kind(&self) -> Kind {
        self.platform.map_or(Kind::Handle, Platform::kind)
    }
}

/// Parses an already prechecked, trimmed account; `region` is the default phone region for
/// bare WhatsApp numbers.
pub(crate) fn parse_with(
    s: &str,
    platform: Option<Platform>,
    region: Option<&str>,
) -> Result<Account, ParseError> {
    if web::looks_like_url(s) {
        let url = web::parse_trimmed(s)?;
        let wanted = platform.map_or(Kind::Handle, Platform::kind);
        return match social::classify(&url) {
            social::Social::Account(account) => {
                let account = account?;
                match platform {
                    Some(p) if account.platform != Some(p) => Err(ParseError::NotOfKind {
                        kind: wanted,
                        found: Some(account.kind()),
                    }),
                    _ => Ok(account),
                }
            }
            social::Social::NotAProfile(p) if platform.is_none_or(|want| want == p) => {
                Err(ParseError::handle(Some(p), HandleError::NotAProfile))
            }
            _ => Err(ParseError::NotOfKind {
                kind: wanted,
                found: Some(Kind::Url),
            }),
        };
    }
    bare(s, platform, region)
}

/// Parses a name written without a link.
pub(crate) fn bare(
    s: &str,
    platform: Option<Platform>,
    region: Option<&str>,
) -> Result<Account, ParseError> {
    let name = s.strip_prefix('@').unwrap_or(s);
    let Some(p) = platform else {
        return build(None, "", name, &GENERIC);
    };
    match p {
        Platform::Whatsapp => whatsapp_number(name, region, name),
        Platform::Telegram => {
            if let Some(code) = name.strip_prefix('+') {
                build(Some(p), "+", code, &CODE)
            } else if let Some(code) = name.strip_prefix("joinchat/") {
                // The older form of the same invite link: one key for both.
                build(Some(p), "+", code, &CODE)
            } else {
                build(Some(p), "", name, &TELEGRAM)
            }
        }
        Platform::Youtube => {
            if let Some(id) = name.strip_prefix("channel/") {
                build(Some(p), "channel/", id, &YOUTUBE_ID)
            } else if let Some(n) = name.strip_prefix("c/") {
                build(Some(p), "c/", n, &YOUTUBE_LEGACY)
            } else if let Some(n) = name.strip_prefix("user/") {
                build(Some(p), "user/", n, &YOUTUBE_LEGACY)
            } else {
                build(Some(p), "", name, &YOUTUBE)
            }
        }
        Platform::Discord => {
            // Usernames are written with '@' or contain '_'/'.'; anything else is taken as an
            // invite code, whose case matters.
            if s.starts_with('@') || name.contains(['_', '.']) {
                build(Some(p), "", name, &DISCORD_USER)
            } else {
                build(Some(p), "", name, &DISCORD_INVITE)
            }
        }
        Platform::X => build(Some(p), "", name, &X),
        Platform::Instagram => build(Some(p), "", name, &INSTAGRAM),
        Platform::Facebook => build(Some(p), "", name, &FACEBOOK),
        Platform::Tiktok => build(Some(p), "", name, &TIKTOK),
    }
}

/// A WhatsApp account: the E.164 number, or a `message/` / `chat/` link code.
fn whatsapp_number(
    number: &str,
    region: Option<&str>,
    display: &str,
) -> Result<Account, ParseError> {
    let p = Some(Platform::Whatsapp);
    if let Some(code) = number.strip_prefix("message/") {
        return build(p, "message/", code, &CODE);
    }
    if let Some(code) = number.strip_prefix("chat/") {
        return build(p, "chat/", code, &CODE);
    }
    let international = number.starts_with(['+', '\u{FF0B}']) || number.starts_with("00");
    let phone = match region {
        // A bare national number with a region: try it as national first.
        Some(r) if !international => {
            phone::parse_trimmed(number, Some(r)).or_else(|_| phone::parse_international(number))
        }
        _ => phone::parse_international(number),
    }?;
    Ok(Account {
        platform: p,
        handle: phone.as_str().to_owned(),
        display: display.to_owned(),
    })
}

/// Naming rules of one platform (or identifier type).
pub(crate) struct Rules {
    min: usize,
    max: usize,
    /// Allowed characters besides ASCII letters and digits.
    extra: &'static str,
    /// Whether the identifier is case-insensitive (normalized to lowercase).
    lowercase: bool,
}

const GENERIC: Rules = Rules {
    min: 1,
    max: 64,
    extra: "_.",
    lowercase: true,
};
/// Telegram allows 5-32; 4-character names exist as auctioned collectibles.
const TELEGRAM: Rules = Rules {
    min: 4,
    max: 32,
    extra: "_",
    lowercase: true,
};
const X: Rules = Rules {
    min: 1,
    max: 15,
    extra: "_",
    lowercase: true,
};
const INSTAGRAM: Rules = Rules {
    min: 1,
    max: 30,
    extra: "_.",
    lowercase: true,
};
const FACEBOOK: Rules = Rules {
    min: 1,
    max: 64,
    extra: "._-",
    lowercase: true,
};
const YOUTUBE: Rules = Rules {
    min: 3,
    max: 30,
    extra: "_.-",
    lowercase: true,
};
const YOUTUBE_LEGACY: Rules = Rules {
    min: 1,
    max: 64,
    extra: "_.-",
    lowercase: true,
};
const YOUTUBE_ID: Rules = Rules {
    min: 1,
    max: 64,
    extra: "_-",
    lowercase: false,
};
const TIKTOK: Rules = Rules {
    min: 1,
    max: 24,
    extra: "_.",
    lowercase: true,
};
const DISCORD_USER: Rules = Rules {
    min: 2,
    max: 32,
    extra: "_.",
    lowercase: true,
};
const DISCORD_INVITE: Rules = Rules {
    min: 2,
    max: 64,
    extra: "-",
    lowercase: false,
};
/// Invite and link codes: case-sensitive base64url-like tokens.
const CODE: Rules = Rules {
    min: 1,
    max: 64,
    extra: "_-",
    lowercase: false,
};

impl Rules {
    fn allows(&self, c: char) -> bool {
        c.is_ascii_alphanumeric() || self.extra.contains(c)
    }
}

/// Checks a name against the rules, character set first.
fn check(name: &str, platform: Option<Platform>, rules: &Rules) -> Result<(), ParseError> {
    let fail = |reason| Err(ParseError::handle(platform, reason));
    if name.is_empty() {
        return fail(HandleError::Empty);
    }
    if let Some(ch) = name.chars().find(|&c| !rules.allows(c)) {
        return fail(HandleError::InvalidCharacter { ch });
    }
    // All ASCII from here: bytes are characters.
    if name.len() < rules.min {
        return fail(HandleError::TooShort { min: rules.min });
    }
    if name.len() > rules.max {
        return fail(HandleError::TooLong { max: rules.max });
    }
    if name.starts_with('.') || name.ends_with('.') {
        return fail(HandleError::DotAtEdge);
    }
    Ok(())
}

/// Validates and assembles an account: handle `prefix + name` (lowercased when the rules say
/// so), display `prefix + name` as written.
fn build(
    platform: Option<Platform>,
    prefix: &str,
    name: &str,
    rules: &Rules,
) -> Result<Account, ParseError> {
    check(name, platform, rules)?;
    let display = format!("{prefix}{name}");
    let handle = if rules.lowercase {
        display.to_ascii_lowercase()
    } else {
        display.clone()
    };
    Ok(Account {
        platform,
        handle,
        display,
    })
}

impl fmt::Display for Account {
    /// `@handle`, or `platform:handle` when the platform is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.platform {
            Some(p) => write!(f, "{}:{}", p.as_str(), self.handle),
            None => write!(f, "@{}", self.handle),
        }
    }
}

/// Equality is on platform and normalized handle: the display spelling is decoration.
impl PartialEq for Account {
    fn eq(&self, other: &Self) -> bool {
        self.platform == other.platform && self.handle == other.handle
    }
}

impl Eq for Account {}

impl Hash for Account {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.platform.hash(state);
        self.handle.hash(state);
    }
}

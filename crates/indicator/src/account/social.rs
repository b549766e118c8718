//! Recognizing profile links of the supported platforms.
//!
//! Only paths that name an account are accounts; everything else on those hosts (posts,
//! searches, settings, `x.com/home`) stays a plain URL. A path segment in a profile position
//! that the platform could not have as a name (wrong characters) is treated as a page, not an
//! account; one with valid characters but a wrong length is an error, because such an account
//! cannot exist and the user must not be told it is fine.

use super::{
    Account, CODE, DISCORD_INVITE, FACEBOOK, INSTAGRAM, Rules, TELEGRAM, TIKTOK, X, YOUTUBE,
    YOUTUBE_ID, YOUTUBE_LEGACY, build, whatsapp_number,
};
use crate::error::{HandleError, ParseError};
use crate::kind::Platform;
use crate::web::Url;

/// What a URL is, socially.
pub(crate) enum Social {
    /// A profile, channel or invite link (or a broken one).
    Account(Result<Account, ParseError>),
    /// A page of a platform that is not an account.
    NotAProfile(Platform),
    /// Not on a supported platform.
    Other,
}

/// Paths of x.com / twitter.com that are site pages, not accounts.
const X_RESERVED: &[&str] = &[
    "home",
    "i",
    "search",
    "explore",
    "notifications",
    "messages",
    "settings",
    "login",
    "logout",
    "signup",
    "intent",
    "share",
    "hashtag",
    "tos",
    "privacy",
    "compose",
    "about",
    "jobs",
    "account",
    "download",
    "en",
    "who_to_follow",
    "topics",
    "lists",
    "communities",
    "premium",
    "verified",
    "rules",
    "help",
    "status",
    "follower_requests",
    "bookmarks",
];
const TELEGRAM_RESERVED: &[&str] = &[
    "c",
    "share",
    "proxy",
    "socks",
    "addstickers",
    "addemoji",
    "iv",
    "login",
    "setlanguage",
    "addtheme",
    "bg",
    "confirmphone",
    "addlist",
    "invoice",
    "boost",
    "giftcode",
    "contact",
];
const INSTAGRAM_RESERVED: &[&str] = &[
    "p",
    "reel",
    "reels",
    "tv",
    "explore",
    "accounts",
    "direct",
    "about",
    "legal",
    "developer",
    "web",
    "emails",
    "challenge",
    "privacy",
    "terms",
    "press",
    "api",
    "oauth",
    "graphql",
];
const FACEBOOK_RESERVED: &[&str] = &[
    "groups",
    "events",
    "watch",
    "marketplace",
    "help",
    "login",
    "login.php",
    "share",
    "sharer",
    "sharer.php",
    "photo",
    "photo.php",
    "permalink.php",
    "story.php",
    "hashtag",
    "policies",
    "privacy",
    "settings",
    "notifications",
    "messages",
    "friends",
    "ads",
    "business",
    "l.php",
    "dialog",
    "gaming",
    "reel",
    "reels",
    "video",
    "videos",
    "stories",
    "plugins",
    "home.php",
    "search",
    "bookmarks",
    "fundraisers",
    "media",
    "places",
    "legal",
    "terms",
    "about",
    "pages",
    "people",
    "recover",
    "checkpoint",
    "login_alerts",
    "tr",
];

/// Classifies a parsed URL.
pub(crate) fn classify(url: &Url) -> Social {
    let Some(domain) = url.host().domain() else {
        return Social::Other;
    };
    let host = strip_mobile(domain.as_str());
    let segments: Vec<&str> = url
        .as_url()
        .path_segments()
        .map(|s| s.filter(|seg| !seg.is_empty()).collect())
        .unwrap_or_default();
    let first = segments.first().copied().unwrap_or("");
    let second = segments.get(1).copied().unwrap_or("");
    match host {
        "t.me" | "telegram.me" | "telegram.dog" => telegram(first, second),
        "x.com" | "twitter.com" => {
            let name = first.strip_prefix('@').unwrap_or(first);
            profile(Platform::X, X_RESERVED, "", name, &X)
        }
        "instagram.com" => match first {
            "stories" | "_u" => name_at(Platform::Instagram, "", second, &INSTAGRAM),
            _ => profile(
                Platform::Instagram,
                INSTAGRAM_RESERVED,
                "",
                first,
                &INSTAGRAM,
            ),
        },
        "facebook.com" | "fb.com" | "fb.me" => facebook(url, &segments),
        "youtube.com" => youtube(first, second),
        "tiktok.com" => match first.strip_prefix('@') {
            Some(name) => name_at(Platform::Tiktok, "", name, &TIKTOK),
            None => Social::NotAProfile(Platform::Tiktok),
        },
        "discord.gg" => name_at(Platform::Discord, "", first, &DISCORD_INVITE),
        "discord.com" | "discordapp.com" => match first {
            "invite" => name_at(Platform::Discord, "", second, &DISCORD_INVITE),
            _ => Social::NotAProfile(Platform::Discord),
        },
        "wa.me" => match first {
            "message" => name_at(Platform::Whatsapp, "message/", second, &CODE),
            _ => whatsapp(first),
        },
        "api.whatsapp.com" | "whatsapp.com" => match first {
            "send" => {
                let phone = url
                    .as_url()
                    .query_pairs()
                    .find(|(k, _)| k == "phone")
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                whatsapp(&phone)
            }
            _ => Social::NotAProfile(Platform::Whatsapp),
        },
        "chat.whatsapp.com" => name_at(Platform::Whatsapp, "chat/", first, &CODE),
        _ => match host.strip_suffix(".t.me") {
            // name.t.me is Telegram's subdomain form of t.me/name.
            Some(name) if !name.contains('.') && name != "www" => {
                name_at(Platform::Telegram, "", name, &TELEGRAM)
            }
            _ => Social::Other,
        },
    }
}

/// Drops the `www.`, `m.`, `mobile.` or `web.` of a host.
fn strip_mobile(host: &str) -> &str {
    ["www.", "m.", "mobile.", "web."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(host)
}

fn telegram(first: &str, second: &str) -> Social {
    let p = Platform::Telegram;
    if let Some(code) = first.strip_prefix('+') {
        return name_at(p, "+", code, &CODE);
    }
    match first {
        // The older form of the same invite: one key for both.
        "joinchat" => name_at(p, "+", second, &CODE),
        // t.me/s/name is the web preview of a public channel.
        "s" => name_at(p, "", second, &TELEGRAM),
        _ => profile(p, TELEGRAM_RESERVED, "", first, &TELEGRAM),
    }
}

fn facebook(url: &Url, segments: &[&str]) -> Social {
    let p = Platform::Facebook;
    let first = segments.first().copied().unwrap_or("");
    match first {
        "profile.php" => {
            let id = url
                .as_url()
                .query_pairs()
                .find(|(k, _)| k == "id")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            numeric_id(p, &id)
        }
        // facebook.com/people/Name/100001234 and /pages/Name/123: the number is the account.
        "people" | "pages" if segments.len() >= 3 => {
            numeric_id(p, segments.get(2).copied().unwrap_or(""))
        }
        _ => profile(p, FACEBOOK_RESERVED, "", first, &FACEBOOK),
    }
}

fn numeric_id(p: Platform, id: &str) -> Social {
    if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Social::NotAProfile(p);
    }
    name_at(p, "", id, &CODE)
}

fn youtube(first: &str, second: &str) -> Social {
    let p = Platform::Youtube;
    if let Some(handle) = first.strip_prefix('@') {
        return name_at(p, "", handle, &YOUTUBE);
    }
    match first {
        "channel" => name_at(p, "channel/", second, &YOUTUBE_ID),
        "c" => name_at(p, "c/", second, &YOUTUBE_LEGACY),
        "user" => name_at(p, "user/", second, &YOUTUBE_LEGACY),
        _ => Social::NotAProfile(p),
    }
}

fn whatsapp(number: &str) -> Social {
    let digits = number.trim();
    let plausible = !digits.is_empty()
        && digits
            .trim_start_matches('+')
            .bytes()
            .all(|b| b.is_ascii_digit());
    if !plausible {
        return Social::NotAProfile(Platform::Whatsapp);
    }
    Social::Account(whatsapp_number(digits, None, digits))
}

/// A name in a profile position, unless it is one of the platform's own pages.
fn profile(p: Platform, reserved: &[&str], prefix: &str, name: &str, rules: &Rules) -> Social {
    if reserved.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return Social::NotAProfile(p);
    }
    name_at(p, prefix, name, rules)
}

/// A name in a profile position: an account, an error, or (wrong characters) a page.
fn name_at(p: Platform, prefix: &str, name: &str, rules: &Rules) -> Social {
    if name.is_empty() || !name.chars().all(|c| rules.allows(c)) {
        return Social::NotAProfile(p);
    }
    match build(Some(p), prefix, name, rules) {
        Err(ParseError::InvalidHandle {
            reason: HandleError::DotAtEdge,
            ..
        }) => Social::NotAProfile(p),
        other => Social::Account(other),
    }
}

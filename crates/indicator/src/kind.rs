//! The small closed vocabularies: indicator [`Kind`], social [`Platform`] and wallet [`Chain`].
//!
//! Their `as_str` names are stable identifiers: they appear in exact-match keys
//! (`"telegram:name"`), in serialized data and in the UI, so renaming one is a data migration.

use std::fmt;
use std::str::FromStr;

/// What an [`Indicator`](crate::Indicator) is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A host name such as `example.com`.
    Domain,
    /// A web address such as `https://example.com/login`.
    Url,
    /// An IPv4 or IPv6 address.
    Ip,
    /// An email address.
    Email,
    /// A phone number.
    Phone,
    /// An X (formerly Twitter) account.
    X,
    /// A Telegram account, channel or invite link.
    Telegram,
    /// An Instagram account.
    Instagram,
    /// A Facebook profile or page.
    Facebook,
    /// A YouTube channel.
    Youtube,
    /// A TikTok account.
    Tiktok,
    /// A Discord invite or user name.
    Discord,
    /// A WhatsApp number or link.
    Whatsapp,
    /// An `@name` whose platform is unknown.
    Handle,
    /// A cryptocurrency wallet address.
    Address,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 15] = [
        Kind::Domain,
        Kind::Url,
        Kind::Ip,
        Kind::Email,
        Kind::Phone,
        Kind::X,
        Kind::Telegram,
        Kind::Instagram,
        Kind::Facebook,
        Kind::Youtube,
        Kind::Tiktok,
        Kind::Discord,
        Kind::Whatsapp,
        Kind::Handle,
        Kind::Address,
    ];

    /// The stable snake_case name (same as the serde name), e.g. `"telegram"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Domain => "domain",
            Kind::Url => "url",
            Kind::Ip => "ip",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::X => "x",
            Kind::Telegram => "telegram",
            Kind::Instagram => "instagram",
            Kind::Facebook => "facebook",
            Kind::Youtube => "youtube",
            Kind::Tiktok => "tiktok",
            Kind::Discord => "discord",
            Kind::Whatsapp => "whatsapp",
            Kind::Handle => "handle",
            Kind::Address => "address",
        }
    }

    /// The social platform this kind is an account on, if it is one.
    pub fn platform(self) -> Option<Platform> {
        Some(match self {
            Kind::X => Platform::X,
            Kind::Telegram => Platform::Telegram,
            Kind::Instagram => Platform::Instagram,
            Kind::Facebook => Platform::Facebook,
            Kind::Youtube => Platform::Youtube,
            Kind::Tiktok => Platform::Tiktok,
            Kind::Discord => Platform::Discord,
            Kind::Whatsapp => Platform::Whatsapp,
            _ => return None,
        })
    }

    /// Whether values of this kind are accounts (a platform's kind or [`Kind::Handle`]).
    pub fn is_account(self) -> bool {
        self == Kind::Handle || self.platform().is_some()
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = UnknownName;

    /// Accepts the snake_case names (ASCII case-insensitive), plus `"twitter"` for [`Kind::X`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        if lower == "twitter" {
            return Ok(Kind::X);
        }
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| UnknownName::new("kind", s))
    }
}

/// A social or messaging platform whose accounts scammers impersonate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// X, formerly Twitter.
    X,
    /// Telegram.
    Telegram,
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
    /// WhatsApp.
    Whatsapp,
}

impl Platform {
    /// Every platform, in declaration order.
    pub const ALL: [Platform; 8] = [
        Platform::X,
        Platform::Telegram,
        Platform::Instagram,
        Platform::Facebook,
        Platform::Youtube,
        Platform::Tiktok,
        Platform::Discord,
        Platform::Whatsapp,
    ];

    /// The [`Kind`] of this platform's accounts.
    pub fn kind(self) -> Kind {
        match self {
            Platform::X => Kind::X,
            Platform::Telegram => Kind::Telegram,
            Platform::Instagram => Kind::Instagram,
            Platform::Facebook => Kind::Facebook,
            Platform::Youtube => Kind::Youtube,
            Platform::Tiktok => Kind::Tiktok,
            Platform::Discord => Kind::Discord,
            Platform::Whatsapp => Kind::Whatsapp,
        }
    }

    /// The stable snake_case name, equal to `self.kind().as_str()`.
    pub fn as_str(self) -> &'static str {
        self.kind().as_str()
    }

    /// The platform's name as people write it, for messages: `"X"`, `"YouTube"`.
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Telegram => "Telegram",
            Platform::Instagram => "Instagram",
            Platform::Facebook => "Facebook",
            Platform::Youtube => "YouTube",
            Platform::Tiktok => "TikTok",
            Platform::Discord => "Discord",
            Platform::Whatsapp => "WhatsApp",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Platform {
    type Err = UnknownName;

    /// Accepts the snake_case names (ASCII case-insensitive), plus `"twitter"` for [`Platform::X`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<Kind>()
            .ok()
            .and_then(Kind::platform)
            .ok_or_else(|| UnknownName::new("platform", s))
    }
}

/// A family of blockchains sharing one address format.
///
/// EVM chains (Ethereum, BSC, Polygon, ...) share addresses, and so do Substrate chains (SS58,
/// told apart by [`Address::ss58_prefix`](crate::Address::ss58_prefix)), so a chain here is an
/// address format rather than a network.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Chain {
    /// Bitcoin: base58check P2PKH/P2SH or bech32/bech32m segwit.
    Bitcoin,
    /// Ethereum and every EVM chain: `0x` + 40 hex digits.
    Evm,
    /// Tron: base58check with version byte 0x41 (`T…`).
    Tron,
    /// Solana: base58 of a 32-byte public key.
    Solana,
    /// Polkadot, Kusama and other Substrate chains: SS58.
    Polkadot,
}

impl Chain {
    /// Every chain, in declaration order.
    pub const ALL: [Chain; 5] = [
        Chain::Bitcoin,
        Chain::Evm,
        Chain::Tron,
        Chain::Solana,
        Chain::Polkadot,
    ];

    /// The stable snake_case name, e.g. `"evm"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Bitcoin => "bitcoin",
            Chain::Evm => "evm",
            Chain::Tron => "tron",
            Chain::Solana => "solana",
            Chain::Polkadot => "polkadot",
        }
    }

    /// The chain's name as people write it, for messages: `"Ethereum"`, `"Bitcoin"`.
    pub fn name(self) -> &'static str {
        match self {
            Chain::Bitcoin => "Bitcoin",
            Chain::Evm => "Ethereum",
            Chain::Tron => "Tron",
            Chain::Solana => "Solana",
            Chain::Polkadot => "Polkadot",
        }
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Chain {
    type Err = UnknownName;

    /// Accepts chain names and tickers, ASCII case-insensitive: `btc`/`bitcoin`;
    /// `eth`/`ethereum`/`evm`/`bsc`/`polygon`/`arbitrum`/`base`/`optimism`/`avalanche`;
    /// `trx`/`tron`; `sol`/`solana`; `dot`/`polkadot`/`ksm`/`kusama`/`ss58`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "btc" | "bitcoin" => Chain::Bitcoin,
            "eth" | "ethereum" | "evm" | "bsc" | "polygon" | "arbitrum" | "base" | "optimism"
            | "avalanche" => Chain::Evm,
            "trx" | "tron" => Chain::Tron,
            "sol" | "solana" => Chain::Solana,
            "dot" | "polkadot" | "ksm" | "kusama" | "ss58" => Chain::Polkadot,
            _ => return Err(UnknownName::new("chain", s)),
        })
    }
}

/// The error of the `FromStr` impls of [`Kind`], [`Platform`] and [`Chain`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} name {name:?}")]
pub struct UnknownName {
    what: &'static str,
    name: String,
}

impl UnknownName {
    fn new(what: &'static str, name: &str) -> Self {
        // Bounded so that a hostile config value cannot make the error huge.
        let name = name.chars().take(64).collect();
        UnknownName { what, name }
    }

    /// The name that was not recognized (at most 64 characters of it).
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(k.is_account(), k == Kind::Handle || k.platform().is_some());
        }
        assert_eq!("twitter".parse::<Kind>(), Ok(Kind::X));
        assert_eq!("Telegram".parse::<Kind>(), Ok(Kind::Telegram));
        assert!("tweet".parse::<Kind>().is_err());
    }

    #[test]
    fn platform_kind_round_trip() {
        for p in Platform::ALL {
            assert_eq!(p.kind().platform(), Some(p));
            assert_eq!(p.as_str(), p.kind().as_str());
            assert_eq!(p.as_str().parse::<Platform>(), Ok(p));
        }
        assert_eq!("twitter".parse::<Platform>(), Ok(Platform::X));
        assert!("domain".parse::<Platform>().is_err());
        assert_eq!(Kind::Handle.platform(), None);
    }

    #[test]
    fn chain_names() {
        let table = [
            ("btc", Chain::Bitcoin),
            ("bitcoin", Chain::Bitcoin),
            ("eth", Chain::Evm),
            ("ethereum", Chain::Evm),
            ("evm", Chain::Evm),
            ("bsc", Chain::Evm),
            ("polygon", Chain::Evm),
            ("arbitrum", Chain::Evm),
            ("base", Chain::Evm),
            ("optimism", Chain::Evm),
            ("avalanche", Chain::Evm),
            ("trx", Chain::Tron),
            ("tron", Chain::Tron),
            ("sol", Chain::Solana),
            ("solana", Chain::Solana),
            ("dot", Chain::Polkadot),
            ("polkadot", Chain::Polkadot),
            ("ksm", Chain::Polkadot),
            ("kusama", Chain::Polkadot),
            ("ss58", Chain::Polkadot),
            ("ETH", Chain::Evm),
        ];
        for (name, chain) in table {
            assert_eq!(name.parse::<Chain>(), Ok(chain), "{name}");
        }
        for c in Chain::ALL {
            assert_eq!(c.as_str().parse::<Chain>(), Ok(c));
        }
        assert!("doge".parse::<Chain>().is_err());
    }
}

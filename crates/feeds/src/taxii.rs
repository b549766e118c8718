//! TAXII 2.1 collections of the blocklist: their identities and the paging token.
//!
//! One collection holds every entry (`all`, for staff) and one per region (a partner
//! reads its own). Collection ids are UUIDv5 of the scope in [`NAMESPACE`], so they
//! never change. A collection's objects are the versions of the feed log, each one
//! indicator ([`crate::stix::indicator_version`]); its `next` token is the keyset
//! position of the last row a page read, [`Cursor`], so a page costs its own rows.

use crate::stix::NAMESPACE;
use crate::uuid_v5;

/// The media type of TAXII 2.1 resources.
pub const TAXII_MEDIA_TYPE: &str = "application/taxii+json;version=2.1";
/// The media type of the STIX objects a collection serves.
pub const STIX_MEDIA_TYPE: &str = "application/stix+json;version=2.1";

/// What a collection holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every entry.
    All,
    /// The entries of a region (ISO 3166-1 alpha-2, uppercase).
    Region(String),
}

impl Scope {
    /// The collection's id (a UUID).
    pub fn collection_id(&self) -> String {
        match self {
            Scope::All => uuid_v5(&NAMESPACE, b"taxii-collection:all"),
            Scope::Region(r) => uuid_v5(&NAMESPACE, format!("taxii-collection:{r}").as_bytes()),
        }
    }

    /// The collection's title.
    pub fn title(&self, producer: &str) -> String {
        match self {
            Scope::All => format!("{producer}: reported scam indicators, all regions"),
            Scope::Region(r) => format!("{producer}: reported scam indicators, region {r}"),
        }
    }

    /// The collection's description.
    pub fn description(&self) -> String {
        let what = "STIX 2.1 indicators of the blocklist, one version per change; \
                    a delisting is a later version with \"revoked\": true";
        match self {
            Scope::All => format!("{what}. Every region (staff)."),
            Scope::Region(r) => {
                format!("{what}. Entries whose source is of region {r}, and phone numbers of {r}.")
            }
        }
    }

    /// The scope of a collection id among `All` (when `all` is allowed) and the given
    /// regions.
    pub fn from_id<'a>(
        id: &str,
        all: bool,
        regions: impl IntoIterator<Item = &'a str>,
    ) -> Option<Scope> {
        if all && Scope::All.collection_id() == id {
            return Some(Scope::All);
        }
        regions
            .into_iter()
            .map(|r| Scope::Region(r.to_owned()))
            .find(|s| s.collection_id() == id)
    }
}

/// A paging position: after the row `(added_at, seq)` of the feed log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// Unix microseconds.
    pub added_at: i64,
    /// The row's sequence number.
    pub seq: i64,
}

impl Cursor {
    /// The `next` token: `<added_at>.<seq>` in hex.
    pub fn token(&self) -> String {
        format!("{:x}.{:x}", self.added_at, self.seq)
    }

    /// Reads [`Cursor::token`]; `None` for anything else.
    pub fn parse(token: &str) -> Option<Cursor> {
        let (a, s) = token.split_once('.')?;
        if a.len() > 16 || s.len() > 16 || a.is_empty() || s.is_empty() {
            return None;
        }
        let added_at = i64::from_str_radix(a, 16).ok()?;
        let seq = i64::from_str_radix(s, 16).ok()?;
        (added_at >= 0 && seq >= 0).then_some(Cursor { added_at, seq })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let all = Scope::All.collection_id();
        let hk = Scope::Region("HK".into()).collection_id();
        assert_ne!(all, hk);
        assert_eq!(all.len(), 36);
        assert_eq!(
            Scope::from_id(&hk, false, ["GB", "HK"]),
            Some(Scope::Region("HK".into()))
        );
        assert_eq!(Scope::from_id(&all, true, []), Some(Scope::All));
        assert_eq!(Scope::from_id(&all, false, ["HK"]), None, "a partner's");
        assert_eq!(Scope::from_id(&hk, true, ["GB"]), None);
        assert!(Scope::All.title("x").contains("all regions"));
    }

    #[test]
    fn tokens_round_trip_and_refuse_junk() {
        let c = Cursor {
            added_at: 1_714_564_800_123_456,
            seq: 42,
        };
        assert_eq!(Cursor::parse(&c.token()), Some(c));
        for bad in [
            "",
            ".",
            "1.",
            ".1",
            "x.1",
            "-1.1",
            "1.2.3",
            "11111111111111111.1",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }
}

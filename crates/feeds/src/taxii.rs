//! TAXII 2.1 collections of the blocklist: their identities and the paging token.
//!
//! One collection holds every entry (`all`, for staff) and one per region (a partner
//! reads its own). Collection ids are UUIDv5 of the scope in [`NAMESPACE`], so they
//! never change. A collection's objects are the versions of the feed log, each one
//! indicator ([`crate::stix::IndicatorWriter`]); its `next` token is the keyset
//! position of the last row a page read, [`Cursor`], so a page costs its own rows.
//! [`write_page`] renders a page of objects or manifest records straight into the
//! response's bytes.

use blocklist::Entry;

use crate::dates::write_micros;
use crate::json::write_str;
use crate::stix::{IndicatorWriter, NAMESPACE, identity_id};
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

/// What a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// STIX indicators in an envelope (`…/objects/`, TAXII 2.1 section 3.7).
    Objects,
    /// Manifest records (`…/manifest/`, section 5.5.1).
    Manifest,
}

/// One version of an entry in a collection.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The entry as listed (for a revoked version: as it was when removed).
    pub entry: &'a Entry,
    /// When the version was added, Unix microseconds (its `date_added`).
    pub added_at: i64,
    /// The version says the entry was removed.
    pub revoked: bool,
}

/// Bytes a page reserves per object (an indicator is ~600 bytes): one allocation for
/// most pages.
const OBJECT_BYTES: usize = 640;

/// A page as TAXII 2.1 sends it: `{"more":…,"next":…,"objects":[…]}` (`next` only when
/// given, `objects` only when not empty), the objects STIX indicators of `producer`
/// ([`PageKind::Objects`]) or manifest records `{"id","date_added","version",
/// "media_type"}` ([`PageKind::Manifest`]). Versions whose key cannot be written as
/// STIX are left out of both.
pub fn write_page<'a>(
    kind: PageKind,
    producer: &str,
    more: bool,
    next: Option<&str>,
    versions: impl IntoIterator<Item = Version<'a>>,
) -> Vec<u8> {
    let versions = versions.into_iter();
    let mut out = Vec::with_capacity(64 + versions.size_hint().0.saturating_mul(OBJECT_BYTES));
    out.extend_from_slice(if more {
        b"{\"more\":true"
    } else {
        b"{\"more\":false"
    });
    if let Some(next) = next {
        out.extend_from_slice(b",\"next\":");
        write_str(&mut out, next);
    }
    let mut indicators = IndicatorWriter::new(&identity_id(producer));
    let mut written = 0usize;
    for v in versions {
        let at = out.len();
        out.extend_from_slice(if written == 0 {
            b",\"objects\":["
        } else {
            b","
        });
        let ok = match kind {
            PageKind::Objects => indicators.write(&mut out, v.entry, v.added_at, v.revoked),
            PageKind::Manifest => write_manifest_record(&mut out, &v),
        };
        if ok {
            written += 1;
        } else {
            out.truncate(at);
        }
    }
    if written > 0 {
        out.push(b']');
    }
    out.push(b'}');
    out
}

/// A manifest record: the indicator's id, `date_added`, `version` (the indicator's
/// `modified`) and media type; `false` (nothing written) for a key that cannot be
/// written.
fn write_manifest_record(out: &mut Vec<u8>, v: &Version<'_>) -> bool {
    if !crate::stix::writable(&v.entry.key) {
        return false;
    }
    let created = v.entry.first_seen.saturating_mul(1_000_000);
    out.extend_from_slice(b"{\"id\":\"");
    crate::stix::write_indicator_id(out, &v.entry.key);
    out.extend_from_slice(b"\",\"date_added\":\"");
    write_micros(out, v.added_at);
    out.extend_from_slice(b"\",\"version\":\"");
    write_micros(out, v.added_at.max(created));
    out.extend_from_slice(b"\",\"media_type\":");
    write_str(out, STIX_MEDIA_TYPE);
    out.push(b'}');
    true
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
    fn pages_are_envelopes_and_manifests() {
        let entry = |key: &str| Entry {
            key: key.to_owned(),
            severity: blocklist::Severity::Confirmed,
            categories: vec!["phishing".into()],
            report_count: 1,
            first_seen: 1_700_000_000,
            last_seen: 1_700_000_000,
            sources: Vec::new(),
        };
        let (a, bad, b) = (
            entry("domain:a.io"),
            entry("nokind:x"),
            entry("url:https://b.io/"),
        );
        let versions = [
            Version {
                entry: &a,
                added_at: 1_750_000_000_000_001,
                revoked: false,
            },
            Version {
                entry: &bad,
                added_at: 1_750_000_000_000_002,
                revoked: false,
            },
            Version {
                entry: &a,
                added_at: 1_750_000_000_000_003,
                revoked: true,
            },
            Version {
                entry: &b,
                added_at: 1_600_000_000_000_000,
                revoked: false,
            },
        ];
        let json =
            |bytes: Vec<u8>| -> serde_json::Value { serde_json::from_slice(&bytes).expect("JSON") };
        let page = json(write_page(
            PageKind::Objects,
            "p",
            true,
            Some("1.2"),
            versions,
        ));
        assert_eq!(page["more"], true);
        assert_eq!(page["next"], "1.2");
        let objects = page["objects"].as_array().expect("objects");
        assert_eq!(objects.len(), 3, "the unwritable key is left out");
        assert_eq!(objects[0]["id"], objects[1]["id"]);
        assert_eq!(objects[1]["revoked"], true);
        assert_eq!(objects[0]["modified"], "2025-06-15T15:06:40.000001Z");
        assert_eq!(objects[2]["created_by_ref"], identity_id("p"));

        let manifest = json(write_page(PageKind::Manifest, "p", false, None, versions));
        assert_eq!(
            manifest,
            serde_json::json!({"more": false, "objects": [
                {"id": objects[0]["id"], "date_added": "2025-06-15T15:06:40.000001Z",
                 "version": "2025-06-15T15:06:40.000001Z", "media_type": STIX_MEDIA_TYPE},
                {"id": objects[1]["id"], "date_added": "2025-06-15T15:06:40.000003Z",
                 "version": "2025-06-15T15:06:40.000003Z", "media_type": STIX_MEDIA_TYPE},
                {"id": objects[2]["id"], "date_added": "2020-09-13T12:26:40.000000Z",
                 "version": "2023-11-14T22:13:20.000000Z", "media_type": STIX_MEDIA_TYPE},
            ]})
        );
        for kind in [PageKind::Objects, PageKind::Manifest] {
            assert_eq!(write_page(kind, "p", false, None, []), br#"{"more":false}"#);
            assert_eq!(
                write_page(kind, "p", false, None, [versions[1]]),
                br#"{"more":false}"#,
                "only unwritable keys: no objects"
            );
        }
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

//! Reported-scam indicators: the [`Entry`] that storage and feeds exchange, and the
//! compact in-memory [`Index`] that Verify consults on its hot path.
//!
//! An entry is keyed by an indicator key, `"<kind>:<normalized value>"` (see the
//! `indicator` crate: `"domain:evil.io"`, `"address:evm:0xab…"`). This crate does not
//! parse indicators itself: it treats keys as opaque strings split once at the first
//! `':'` into a namespace and a value, so lookups can be made from the two parts
//! without building a key string per query.
//!
//! Memory matters: the product must hold 1,000,000 indicators in well under 300 MB.
//! The index therefore stores every key in one string arena, fixed-size records in one
//! vector, interns the category and source lists (feeds repeat the same few), and keeps
//! a `hashbrown::HashTable<u32>` of record numbers instead of a map of owned strings.

use std::hash::{BuildHasher, Hasher};

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use serde::{Deserialize, Serialize};

/// How sure we are that an indicator is a scam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Reported by enough distinct people, or listed by a feed, but not reviewed.
    Suspected,
    /// Confirmed by an analyst or a law-enforcement partner.
    Confirmed,
}

impl Severity {
    /// The stable lowercase name used in storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Suspected => "suspected",
            Severity::Confirmed => "confirmed",
        }
    }

    /// Parses the name written by [`Severity::as_str`].
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "suspected" => Some(Severity::Suspected),
            "confirmed" => Some(Severity::Confirmed),
            _ => None,
        }
    }
}

/// One blocklisted indicator, as stored and exchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Indicator key, `"<kind>:<normalized value>"`.
    pub key: String,
    /// How sure the listing is.
    pub severity: Severity,
    /// Scam categories, e.g. `"phishing"`, `"fake_support"`.
    pub categories: Vec<String>,
    /// Number of reports behind the listing (at least 1 for a feed entry).
    pub report_count: u32,
    /// First report or listing, Unix seconds.
    pub first_seen: i64,
    /// Latest report or listing, Unix seconds.
    pub last_seen: i64,
    /// Where the listing came from: `"reports"`, a feed name, `"analyst"`.
    pub sources: Vec<String>,
}

/// What a lookup finds: borrowed views into the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The full key that matched.
    pub key: &'a str,
    /// How sure the listing is.
    pub severity: Severity,
    /// Scam categories.
    pub categories: &'a [Box<str>],
    /// Number of reports behind the listing.
    pub report_count: u32,
    /// First seen, Unix seconds.
    pub first_seen: i64,
    /// Last seen, Unix seconds.
    pub last_seen: i64,
    /// Sources of the listing.
    pub sources: &'a [Box<str>],
}

/// Fixed-size record; strings live in the arena and the interned lists.
#[derive(Debug, Clone, Copy)]
struct Record {
    key_start: u32,
    key_len: u32,
    first_seen: i64,
    last_seen: i64,
    report_count: u32,
    categories: u32,
    sources: u32,
    severity: Severity,
}

/// Immutable lookup structure over a set of entries. Build a new one and swap it in to
/// change it: readers never wait.
#[derive(Debug, Default)]
pub struct Index {
    hasher: DefaultHashBuilder,
    table: HashTable<u32>,
    arena: String,
    records: Vec<Record>,
    lists: Vec<Box<[Box<str>]>>,
}

/// Splits a key at its first `':'`; a key without one has an empty namespace.
fn split_key(key: &str) -> (&str, &str) {
    match key.find(':') {
        Some(i) => (&key[..=i], &key[i + 1..]),
        None => ("", key),
    }
}

impl Index {
    /// Builds an index. When a key occurs twice the later entry wins, so a caller can
    /// layer sources by ordering them.
    pub fn build(entries: impl IntoIterator<Item = Entry>) -> Index {
        let mut builder = Builder::default();
        for entry in entries {
            builder.push(entry);
        }
        builder.finish()
    }

    fn hash(&self, ns: &str, value: &str) -> u64 {
        hash_parts(&self.hasher, ns, value)
    }

    fn key_of(&self, r: &Record) -> &str {
        &self.arena[r.key_start as usize..(r.key_start + r.key_len) as usize]
    }

    fn find(&self, ns: &str, value: &str) -> Option<u32> {
        let hash = self.hash(ns, value);
        self.table
            .find(hash, |&s| {
                let key = self.key_of(&self.records[s as usize]);
                key.len() == ns.len() + value.len() && key.starts_with(ns) && key.ends_with(value)
            })
            .copied()
    }

    /// Looks up a full key, `"domain:evil.io"`.
    pub fn get(&self, key: &str) -> Option<Hit<'_>> {
        let (ns, value) = split_key(key);
        self.get_parts(ns, value)
    }

    /// Looks up a key given as its namespace including the colon (`"domain:"`) and its
    /// value (`"evil.io"`), without allocating.
    pub fn get_parts(&self, namespace: &str, value: &str) -> Option<Hit<'_>> {
        let slot = self.find(namespace, value)?;
        let r = &self.records[slot as usize];
        let list = |id: u32| self.lists.get(id as usize).map_or(&[][..], |l| &l[..]);
        Some(Hit {
            key: self.key_of(r),
            severity: r.severity,
            categories: list(r.categories),
            report_count: r.report_count,
            first_seen: r.first_seen,
            last_seen: r.last_seen,
            sources: list(r.sources),
        })
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the index holds no key.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// All entries, in insertion order (for export and tests).
    pub fn iter(&self) -> impl Iterator<Item = Hit<'_>> {
        self.records.iter().filter_map(|r| self.get(self.key_of(r)))
    }
}

/// Builds an [`Index`] one entry at a time, so entries can be streamed from storage or
/// a file without first collecting them all.
#[derive(Debug, Default)]
pub struct Builder {
    index: Index,
    interned: HashMap<Vec<String>, u32>,
}

impl Builder {
    /// Adds an entry; a key seen before is replaced.
    pub fn push(&mut self, entry: Entry) {
        let categories = self.intern(entry.categories);
        let sources = self.intern(entry.sources);
        let index = &mut self.index;
        let record = Record {
            key_start: 0,
            key_len: 0,
            first_seen: entry.first_seen,
            last_seen: entry.last_seen,
            report_count: entry.report_count,
            categories,
            sources,
            severity: entry.severity,
        };
        let (ns, value) = split_key(&entry.key);
        if let Some(slot) = index.find(ns, value) {
            let existing = index.records[slot as usize];
            index.records[slot as usize] = Record {
                key_start: existing.key_start,
                key_len: existing.key_len,
                ..record
            };
            return;
        }
        // Keys are bounded (2 KB inputs), and the arena by the 4 GiB a u32 addresses; an
        // index that large would be far past the memory budget anyway.
        let (Ok(key_start), Ok(key_len), Ok(slot)) = (
            u32::try_from(index.arena.len()),
            u32::try_from(entry.key.len()),
            u32::try_from(index.records.len()),
        ) else {
            return;
        };
        index.arena.push_str(&entry.key);
        index.records.push(Record {
            key_start,
            key_len,
            ..record
        });
        let hash = index.hash(ns, value);
        let Index {
            table,
            records,
            arena,
            hasher,
            ..
        } = index;
        table.insert_unique(hash, slot, |&s| {
            let r = records[s as usize];
            let key = &arena[r.key_start as usize..(r.key_start + r.key_len) as usize];
            let (ns, value) = split_key(key);
            hash_parts(hasher, ns, value)
        });
    }

    fn intern(&mut self, items: Vec<String>) -> u32 {
        if let Some(&id) = self.interned.get(&items) {
            return id;
        }
        let id = u32::try_from(self.index.lists.len()).unwrap_or(u32::MAX);
        self.index
            .lists
            .push(items.iter().map(|s| Box::from(s.as_str())).collect());
        self.interned.insert(items, id);
        id
    }

    /// The finished index, trimmed to size.
    pub fn finish(self) -> Index {
        let mut index = self.index;
        index.arena.shrink_to_fit();
        index.records.shrink_to_fit();
        let Index {
            table,
            records,
            arena,
            hasher,
            ..
        } = &mut index;
        table.shrink_to_fit(|&s| {
            let r = records[s as usize];
            let key = &arena[r.key_start as usize..(r.key_start + r.key_len) as usize];
            let (ns, value) = split_key(key);
            hash_parts(hasher, ns, value)
        });
        index
    }
}

/// Hashes a key from its two parts so that lookups need not concatenate them.
fn hash_parts(hasher: &DefaultHashBuilder, ns: &str, value: &str) -> u64 {
    let mut h = hasher.build_hasher();
    h.write(ns.as_bytes());
    h.write(value.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, severity: Severity, count: u32) -> Entry {
        Entry {
            key: key.to_owned(),
            severity,
            categories: vec!["phishing".into()],
            report_count: count,
            first_seen: 1_700_000_000,
            last_seen: 1_700_100_000,
            sources: vec!["test".into()],
        }
    }

    #[test]
    fn lookups_by_key_and_parts() {
        let index = Index::build([
            entry("domain:evil.io", Severity::Confirmed, 14),
            entry("phone:+85230000000", Severity::Suspected, 3),
            entry("nokind", Severity::Suspected, 1),
        ]);
        let cases: &[(&str, Option<u32>)] = &[
            ("domain:evil.io", Some(14)),
            ("phone:+85230000000", Some(3)),
            ("nokind", Some(1)),
            ("domain:evil.i", None),
            ("domain:evil.iox", None),
            ("email:evil.io", None),
            ("domainevil.io", None),
            ("", None),
        ];
        for (key, want) in cases {
            assert_eq!(index.get(key).map(|h| h.report_count), *want, "{key}");
        }
        let hit = index.get_parts("domain:", "evil.io").expect("hit");
        assert_eq!(hit.key, "domain:evil.io");
        assert_eq!(hit.severity, Severity::Confirmed);
        assert_eq!(&*hit.categories[0], "phishing");
        assert_eq!(&*hit.sources[0], "test");
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn later_entry_wins_and_lists_are_interned() {
        let index = Index::build([
            entry("domain:a.io", Severity::Suspected, 1),
            entry("domain:b.io", Severity::Suspected, 1),
            entry("domain:a.io", Severity::Confirmed, 5),
        ]);
        assert_eq!(index.len(), 2);
        let a = index.get("domain:a.io").expect("a");
        assert_eq!((a.severity, a.report_count), (Severity::Confirmed, 5));
        // One list for the shared categories, one for the shared sources.
        assert_eq!(index.lists.len(), 2);
        assert_eq!(index.iter().count(), 2);
    }

    #[test]
    fn severity_names_round_trip() {
        for s in [Severity::Suspected, Severity::Confirmed] {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
        }
        assert_eq!(Severity::parse("high"), None);
    }
}

//! Changes to a registry: per-channel edits, and the diff between two registries that a
//! reviewer approves.
//!
//! Every change to the official channels is a proposal that a second person approves
//! (see the server's registry proposals). The reviewer sees the [`Diff`]: per brand,
//! the channels added, removed, retired and made active again. [`Diff::made_official`]
//! lists what would start verifying as official, which is what must be checked against
//! the blocklist and the other brands before anyone approves it.
//!
//! Marking an official channel compromised (a hijacked account) and un-marking it are
//! edits like the others ([`EditOp::Compromise`], [`EditOp::Recover`]): proposed by one
//! person, approved by another, shown in the diff ([`BrandDiff::compromised`],
//! [`BrandDiff::recovered`]). There is deliberately no one-key path, urgent as a
//! hijack is: the console lists proposals that mark a channel compromised first
//! ([`Diff::marks_compromised`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Channel, Compromise, RawChannel, Registry, RegistryError, Status};

/// What an edit does to one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditOp {
    /// Adds the channel as active (or makes a retired one active again). A new brand
    /// name creates the brand.
    Add,
    /// Marks an active channel retired (formerly official).
    Retire,
    /// Removes the channel altogether.
    Remove,
    /// Marks an active channel compromised since `compromised_since` (RFC 3339), with
    /// an optional `note`; again on a compromised channel, changes the time or note.
    Compromise,
    /// Un-marks a compromised channel: the brand has it back.
    Recover,
}

/// One per-channel edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// What to do.
    pub op: EditOp,
    /// The brand's name.
    pub brand: String,
    /// The file key of the kind: `domains`, `email_domains`, `emails`, `phones`, `x`,
    /// `telegram`, …, `addresses`.
    pub kind: String,
    /// The channel, as written (normalized before comparing).
    pub value: String,
    /// For addresses, the chain.
    #[serde(default)]
    pub chain: Option<String>,
    /// For `compromise`: since when, RFC 3339 (`2026-12-01T08:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised_since: Option<String>,
    /// For `compromise`: an optional note (public, like the registry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Edit {
    /// An edit of `op` without a compromise time or note.
    pub fn new(op: EditOp, brand: &str, kind: &str, value: &str) -> Edit {
        Edit {
            op,
            brand: brand.to_owned(),
            kind: kind.to_owned(),
            value: value.to_owned(),
            chain: None,
            compromised_since: None,
            note: None,
        }
    }
}

/// Most edits in one proposal.
pub const MAX_EDITS: usize = 1_000;

/// A channel as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ChannelRef {
    /// The file key of its kind.
    pub kind: String,
    /// The normalized value.
    pub value: String,
    /// The chain of an address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
}

impl ChannelRef {
    fn of(c: &Channel) -> ChannelRef {
        ChannelRef {
            kind: c.kind.key().to_owned(),
            value: c.value.clone(),
            chain: c.chain.map(|ch| ch.as_str().to_owned()),
        }
    }
}

/// A channel marked compromised, as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CompromisedRef {
    /// The file key of its kind.
    pub kind: String,
    /// The normalized value.
    pub value: String,
    /// The chain of an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    /// Since when, RFC 3339.
    pub compromised_since: String,
    /// The note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CompromisedRef {
    fn of(r: &ChannelRef, m: &Compromise) -> CompromisedRef {
        CompromisedRef {
            kind: r.kind.clone(),
            value: r.value.clone(),
            chain: r.chain.clone(),
            compromised_since: crate::format_time(m.since),
            note: m.note.clone(),
        }
    }
}

/// What changes for one brand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrandDiff {
    /// The brand.
    pub brand: String,
    /// New active channels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<ChannelRef>,
    /// Retired channels made active again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reactivated: Vec<ChannelRef>,
    /// Active channels now retired.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<ChannelRef>,
    /// Channels no longer in the registry at all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<ChannelRef>,
    /// Active channels now marked compromised (or whose time or note changes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compromised: Vec<CompromisedRef>,
    /// Compromised channels the brand has back: official again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recovered: Vec<ChannelRef>,
}

impl BrandDiff {
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.reactivated.is_empty()
            && self.retired.is_empty()
            && self.removed.is_empty()
            && self.compromised.is_empty()
            && self.recovered.is_empty()
    }
}

/// The difference between two registries, brand by brand (brands in name order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// The brands that change.
    pub brands: Vec<BrandDiff>,
}

impl Diff {
    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.brands.is_empty()
    }

    /// The channels that would start verifying as official: added or reactivated.
    pub fn made_official(&self) -> impl Iterator<Item = (&str, &ChannelRef)> {
        self.brands.iter().flat_map(|b| {
            b.added
                .iter()
                .chain(&b.reactivated)
                .map(move |c| (b.brand.as_str(), c))
        })
    }

    /// Whether it marks a channel compromised: urgent, listed first for reviewers.
    pub fn marks_compromised(&self) -> bool {
        self.brands.iter().any(|b| !b.compromised.is_empty())
    }

    /// Counts of compromise changes, for summaries: (compromised, recovered).
    pub fn compromise_counts(&self) -> (usize, usize) {
        self.brands.iter().fold((0, 0), |(c, r), b| {
            (c + b.compromised.len(), r + b.recovered.len())
        })
    }

    /// Counts, for summaries: (added, reactivated, retired, removed).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        self.brands.iter().fold((0, 0, 0, 0), |(a, r, t, d), b| {
            (
                a + b.added.len(),
                r + b.reactivated.len(),
                t + b.retired.len(),
                d + b.removed.len(),
            )
        })
    }
}

type Key = (String, String, Option<String>);
type State<'r> = (Status, ChannelRef, Option<&'r Compromise>);

fn channel_map(registry: &Registry) -> BTreeMap<String, BTreeMap<Key, State<'_>>> {
    let mut out: BTreeMap<String, BTreeMap<Key, State<'_>>> = BTreeMap::new();
    for brand in registry.brands() {
        let channels = out.entry(brand.name.clone()).or_default();
        for c in &brand.channels {
            let r = ChannelRef::of(c);
            channels.insert(
                (r.kind.clone(), r.value.clone(), r.chain.clone()),
                (c.status, r, c.compromised.as_ref()),
            );
        }
    }
    out
}

/// What changes from `old` to `new`.
pub fn diff(old: &Registry, new: &Registry) -> Diff {
    let old = channel_map(old);
    let new = channel_map(new);
    let empty = BTreeMap::new();
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    let mut brands = Vec::new();
    for name in names {
        let before = old.get(name).unwrap_or(&empty);
        let after = new.get(name).unwrap_or(&empty);
        let mut d = BrandDiff {
            brand: name.clone(),
            ..BrandDiff::default()
        };
        for (key, (status, r, mark)) in after {
            let was = before.get(key);
            if *status == Status::Active {
                match (was.and_then(|(_, _, m)| *m), mark) {
                    (old, Some(m)) if old != Some(*m) => {
                        d.compromised.push(CompromisedRef::of(r, m));
                    }
                    (Some(_), None) if was.is_some_and(|(s, _, _)| *s == Status::Active) => {
                        d.recovered.push(r.clone());
                    }
                    _ => {}
                }
            }
            match (was.map(|(s, _, _)| *s), *status) {
                (None, Status::Active) => d.added.push(r.clone()),
                // A channel that appears retired was never official here: nothing
                // starts verifying as official, but the reviewer still sees it.
                (None, Status::Retired) | (Some(Status::Active), Status::Retired) => {
                    d.retired.push(r.clone());
                }
                (Some(Status::Retired), Status::Active) => d.reactivated.push(r.clone()),
                _ => {}
            }
        }
        for (key, (_, r, _)) in before {
            if !after.contains_key(key) {
                d.removed.push(r.clone());
            }
        }
        if !d.is_empty() {
            brands.push(d);
        }
    }
    Diff { brands }
}

/// The registry after `edits`, validated whole. An edit naming a channel the registry
/// lacks (retire, remove) is an error that names it.
pub fn apply(current: &Registry, edits: &[Edit]) -> Result<Registry, RegistryError> {
    if edits.len() > MAX_EDITS {
        return Err(RegistryError::Invalid(vec![crate::Problem {
            brand: "registry".into(),
            key: "changes".into(),
            value: String::new(),
            message: format!("{} edits; the limit is {MAX_EDITS}", edits.len()),
        }]));
    }
    let mut rows = current.to_channels();
    let mut problems = Vec::new();
    for edit in edits {
        let brand = edit.brand.trim().to_owned();
        // Normalize the value as the registry would, by reading it as a one-channel
        // registry.
        let probe = Registry::from_channels([RawChannel::new(
            &brand,
            &edit.kind,
            &edit.value,
            edit.chain.as_deref(),
            false,
        )]);
        let normalized = match probe {
            Ok(r) => r.to_channels().into_iter().next(),
            Err(RegistryError::Invalid(mut p)) => {
                problems.append(&mut p);
                continue;
            }
            Err(e) => return Err(e),
        };
        let Some(n) = normalized else { continue };
        let position = rows.iter().position(|r| {
            r.brand == n.brand && r.key == n.key && r.value == n.value && r.chain == n.chain
        });
        let mut fail = |message: &str| {
            problems.push(crate::Problem {
                brand: n.brand.clone(),
                key: n.key.clone(),
                value: n.value.clone(),
                message: message.into(),
            })
        };
        if edit.op != EditOp::Compromise
            && (edit.compromised_since.is_some() || edit.note.is_some())
        {
            fail("`compromised_since` and `note` go only with the `compromise` op");
            continue;
        }
        match (edit.op, position) {
            (EditOp::Add, Some(i)) => rows[i].retired = false,
            (EditOp::Add, None) => rows.push(n),
            // A retired channel is no longer official at all: its mark goes with it.
            (EditOp::Retire, Some(i)) => {
                rows[i].retired = true;
                rows[i].compromised_since = None;
                rows[i].compromised_note = None;
            }
            (EditOp::Remove, Some(i)) => {
                rows.remove(i);
            }
            (EditOp::Compromise, Some(i)) => {
                let Some(since) = edit.compromised_since.as_deref() else {
                    fail("`compromise` needs `compromised_since`, an RFC 3339 time");
                    continue;
                };
                match crate::parse_time(since) {
                    Ok(since) => {
                        rows[i].compromised_since = Some(since);
                        rows[i].compromised_note = edit.note.clone();
                    }
                    Err(e) => fail(&format!("compromised_since: {e}")),
                }
            }
            (EditOp::Recover, Some(i)) if rows[i].compromised_since.is_some() => {
                rows[i].compromised_since = None;
                rows[i].compromised_note = None;
            }
            (EditOp::Recover, Some(_)) => fail("this channel is not marked compromised"),
            (EditOp::Retire | EditOp::Remove | EditOp::Compromise | EditOp::Recover, None) => {
                fail("no such channel in the registry")
            }
        }
    }
    if !problems.is_empty() {
        return Err(RegistryError::Invalid(problems));
    }
    Registry::from_channels(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com"]
telegram = ["ExampleEnglish"]
[brand.retired]
x = ["ExampleOld"]

[[brand]]
name = "Nimbus"
domains = ["nimbus.io"]
"#;

    fn edit(op: EditOp, brand: &str, kind: &str, value: &str) -> Edit {
        Edit::new(op, brand, kind, value)
    }

    #[test]
    fn edits_apply_and_diff_names_each_change() {
        let base = Registry::from_toml(BASE).expect("base");
        let next = apply(
            &base,
            &[
                edit(
                    EditOp::Add,
                    "Example Exchange",
                    "domains",
                    "Example-Support.COM",
                ),
                edit(EditOp::Add, "Example Exchange", "x", "ExampleOld"),
                edit(
                    EditOp::Retire,
                    "Example Exchange",
                    "telegram",
                    "@exampleenglish",
                ),
                edit(EditOp::Remove, "Nimbus", "domains", "nimbus.io"),
                edit(EditOp::Add, "Newco", "domains", "newco.example"),
            ],
        )
        .expect("edits");
        let d = diff(&base, &next);
        let r = |kind: &str, value: &str| ChannelRef {
            kind: kind.into(),
            value: value.into(),
            chain: None,
        };
        assert_eq!(
            d.brands,
            vec![
                BrandDiff {
                    brand: "Example Exchange".into(),
                    added: vec![r("domains", "example-support.com")],
                    reactivated: vec![r("x", "exampleold")],
                    retired: vec![r("telegram", "exampleenglish")],
                    ..BrandDiff::default()
                },
                BrandDiff {
                    brand: "Newco".into(),
                    added: vec![r("domains", "newco.example")],
                    ..BrandDiff::default()
                },
                BrandDiff {
                    brand: "Nimbus".into(),
                    removed: vec![r("domains", "nimbus.io")],
                    ..BrandDiff::default()
                },
            ]
        );
        let official: Vec<(&str, &str)> = d
            .made_official()
            .map(|(b, c)| (b, c.value.as_str()))
            .collect();
        assert_eq!(
            official,
            vec![
                ("Example Exchange", "example-support.com"),
                ("Example Exchange", "exampleold"),
                ("Newco", "newco.example")
            ]
        );
        assert_eq!(d.counts(), (2, 1, 1, 1));
        assert!(diff(&base, &base).is_empty());
    }

    #[test]
    fn bad_edits_are_named() {
        let base = Registry::from_toml(BASE).expect("base");
        let err = apply(
            &base,
            &[
                edit(EditOp::Retire, "Nimbus", "domains", "other.io"),
                edit(EditOp::Add, "Nimbus", "domains", "not a domain"),
                edit(EditOp::Add, "Nimbus", "fax", "123"),
            ],
        )
        .expect_err("invalid");
        let text = err.to_string();
        assert!(text.contains("other.io"), "{text}");
        assert!(text.contains("not a domain"), "{text}");
        assert!(text.contains("fax"), "{text}");
        // Claiming another brand's channel is refused by the registry's own rules.
        let err = apply(
            &base,
            &[edit(EditOp::Add, "Nimbus", "domains", "example.com")],
        )
        .expect_err("ambiguous");
        assert!(err.to_string().contains("example.com"), "{err}");
    }
}

#[cfg(test)]
mod compromise_tests {
    use super::*;

    const BASE: &str = r#"
[[brand]]
name = "Example Exchange"
domains = ["example.com"]
telegram = ["ExampleEnglish"]
[brand.retired]
x = ["ExampleOld"]
"#;

    fn compromise(value: &str, since: &str, note: Option<&str>) -> Edit {
        Edit {
            compromised_since: Some(since.into()),
            note: note.map(str::to_owned),
            ..Edit::new(EditOp::Compromise, "Example Exchange", "telegram", value)
        }
    }

    #[test]
    fn marking_and_recovering_are_reviewable_edits() {
        let base = Registry::from_toml(BASE).expect("base");
        let marked = apply(
            &base,
            &[compromise(
                "@ExampleEnglish",
                "2026-12-01T08:00:00Z",
                Some("hijacked"),
            )],
        )
        .expect("mark");
        let d = diff(&base, &marked);
        assert_eq!(
            d.brands,
            vec![BrandDiff {
                brand: "Example Exchange".into(),
                compromised: vec![CompromisedRef {
                    kind: "telegram".into(),
                    value: "exampleenglish".into(),
                    chain: None,
                    compromised_since: "2026-12-01T08:00:00Z".into(),
                    note: Some("hijacked".into()),
                }],
                ..BrandDiff::default()
            }]
        );
        assert!(d.marks_compromised());
        assert_eq!(d.compromise_counts(), (1, 0));
        assert_eq!(d.made_official().count(), 0);
        // The diff reads back what it wrote (the console renders the stored JSON).
        let stored = serde_json::to_string(&d).expect("json");
        assert_eq!(serde_json::from_str::<Diff>(&stored).expect("read"), d);

        // A new time is a change; the same mark again is none.
        let moved = apply(
            &marked,
            &[compromise("exampleenglish", "2026-11-30T00:00:00Z", None)],
        )
        .expect("move");
        assert_eq!(diff(&marked, &moved).compromise_counts(), (1, 0));
        let same = apply(
            &marked,
            &[compromise(
                "exampleenglish",
                "2026-12-01T16:00:00+08:00",
                Some("hijacked"),
            )],
        )
        .expect("same");
        assert!(diff(&marked, &same).is_empty());

        let back = apply(
            &marked,
            &[Edit::new(
                EditOp::Recover,
                "Example Exchange",
                "telegram",
                "ExampleEnglish",
            )],
        )
        .expect("recover");
        assert_eq!(back, base);
        let d = diff(&marked, &back);
        assert_eq!(d.compromise_counts(), (0, 1));
        assert!(!d.marks_compromised());

        // Retiring a compromised channel drops the mark: it is no longer official.
        let retired = apply(
            &marked,
            &[Edit::new(
                EditOp::Retire,
                "Example Exchange",
                "telegram",
                "ExampleEnglish",
            )],
        )
        .expect("retire");
        let d = diff(&marked, &retired);
        assert_eq!(d.counts(), (0, 0, 1, 0));
        assert_eq!(d.compromise_counts(), (0, 0));
    }

    #[test]
    fn bad_compromise_edits_are_named() {
        let base = Registry::from_toml(BASE).expect("base");
        let cases: Vec<(Edit, &str)> = vec![
            (
                Edit {
                    compromised_since: None,
                    ..compromise("ExampleEnglish", "", None)
                },
                "`compromise` needs `compromised_since`",
            ),
            (
                compromise("ExampleEnglish", "soon", None),
                "is not an RFC 3339 time",
            ),
            (
                compromise("nobody", "2026-12-01T08:00:00Z", None),
                "no such channel",
            ),
            (
                Edit {
                    kind: "x".into(),
                    ..compromise("ExampleOld", "2026-12-01T08:00:00Z", None)
                },
                "a retired channel cannot be marked compromised",
            ),
            (
                Edit::new(
                    EditOp::Recover,
                    "Example Exchange",
                    "telegram",
                    "ExampleEnglish",
                ),
                "not marked compromised",
            ),
            (
                Edit {
                    note: Some("x".into()),
                    ..Edit::new(EditOp::Add, "Example Exchange", "x", "new")
                },
                "go only with the `compromise` op",
            ),
        ];
        for (e, want) in cases {
            let err = apply(&base, std::slice::from_ref(&e))
                .expect_err(want)
                .to_string();
            assert!(err.contains(want), "{e:?}: {err}");
        }
        // The wire form: `op` names the two new operations.
        let e: Edit = serde_json::from_str(
            r#"{"op":"compromise","brand":"B","kind":"x","value":"v","compromised_since":"2026-12-01T08:00:00Z","note":"n"}"#,
        )
        .expect("json");
        assert_eq!(e.op, EditOp::Compromise);
        let e: Edit =
            serde_json::from_str(r#"{"op":"recover","brand":"B","kind":"x","value":"v"}"#)
                .expect("json");
        assert_eq!(e.op, EditOp::Recover);
    }
}

//! Changes to a registry: per-channel edits, and the diff between two registries that a
//! reviewer approves.
//!
//! Every change to the official channels is a proposal that a second person approves
//! (see the server's registry proposals). The reviewer sees the [`Diff`]: per brand,
//! the channels added, removed, retired and made active again. [`Diff::made_official`]
//! lists what would start verifying as official, which is what must be checked against
//! the blocklist and the other brands before anyone approves it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Channel, RawChannel, Registry, RegistryError, Status};

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
}

impl BrandDiff {
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.reactivated.is_empty()
            && self.retired.is_empty()
            && self.removed.is_empty()
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

fn channel_map(registry: &Registry) -> BTreeMap<String, BTreeMap<Key, (Status, ChannelRef)>> {
    let mut out: BTreeMap<String, BTreeMap<Key, (Status, ChannelRef)>> = BTreeMap::new();
    for brand in registry.brands() {
        let channels = out.entry(brand.name.clone()).or_default();
        for c in &brand.channels {
            let r = ChannelRef::of(c);
            channels.insert(
                (r.kind.clone(), r.value.clone(), r.chain.clone()),
                (c.status, r),
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
        for (key, (status, r)) in after {
            match (before.get(key).map(|(s, _)| *s), *status) {
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
        for (key, (_, r)) in before {
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
        let probe = Registry::from_channels([RawChannel {
            brand: brand.clone(),
            key: edit.kind.clone(),
            value: edit.value.clone(),
            chain: edit.chain.clone(),
            retired: false,
        }]);
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
        match (edit.op, position) {
            (EditOp::Add, Some(i)) => rows[i].retired = false,
            (EditOp::Add, None) => rows.push(n),
            (EditOp::Retire, Some(i)) => rows[i].retired = true,
            (EditOp::Remove, Some(i)) => {
                rows.remove(i);
            }
            (EditOp::Retire | EditOp::Remove, None) => problems.push(crate::Problem {
                brand: n.brand,
                key: n.key,
                value: n.value,
                message: "no such channel in the registry".into(),
            }),
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
        Edit {
            op,
            brand: brand.into(),
            kind: kind.into(),
            value: value.into(),
            chain: None,
        }
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
                    removed: vec![],
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

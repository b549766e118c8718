//! What a registry change would make official that it should not: a channel on the
//! blocklist, one that imitates another brand, or one that is already another brand's.
//!
//! Checked against the index in force when a change is proposed and again when it is
//! approved; the change is refused unless its author gave an override reason, which the
//! approver sees.

use indicator::Kind;
use registry::{ChannelRef, Diff};
use serde::Serialize;

use crate::{Index, Verdict};

/// Why a channel should not become official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictCode {
    /// It is on the blocklist (reported as a scam).
    ReportedScam,
    /// It imitates an official channel of another brand.
    Impersonation,
    /// It is already an official (or formerly official) channel of another brand.
    OfficialElsewhere,
}

/// One channel that should not become official, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The brand it would belong to.
    pub brand: String,
    /// The channel.
    #[serde(flatten)]
    pub channel: ChannelRef,
    /// Why not.
    pub code: ConflictCode,
    /// The other brand concerned, for impersonation and official elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_brand: Option<String>,
    /// Reports of the listing, for a reported scam.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<u32>,
}

/// The indicator kind a registry channel is verified as.
fn kind_of(file_key: &str) -> Option<Kind> {
    match file_key {
        "domains" | "email_domains" => Some(Kind::Domain),
        "emails" => Some(Kind::Email),
        "phones" => Some(Kind::Phone),
        "addresses" => Some(Kind::Address),
        platform => platform.parse().ok(),
    }
}

impl Index {
    /// The channels that `diff` would make official and that are reported, imitate
    /// another brand or belong to one.
    pub fn registry_conflicts(&self, diff: &Diff) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (brand, channel) in diff.made_official() {
            let v = self.verify(&channel.value, kind_of(&channel.kind));
            let other = v
                .target
                .as_ref()
                .map(|t| t.brand)
                .filter(|b| *b != brand)
                .map(str::to_owned);
            let conflict = |code, other_brand, reports| Conflict {
                brand: brand.to_owned(),
                channel: channel.clone(),
                code,
                other_brand,
                reports,
            };
            match v.verdict {
                Verdict::ReportedScam => out.push(conflict(
                    ConflictCode::ReportedScam,
                    None,
                    Some(v.report.map_or(1, |r| r.report_count)),
                )),
                Verdict::Impersonation if other.is_some() => {
                    out.push(conflict(ConflictCode::Impersonation, other, None));
                }
                Verdict::Official | Verdict::OfficialCompromised | Verdict::FormerlyOfficial
                    if other.is_some() =>
                {
                    out.push(conflict(ConflictCode::OfficialElsewhere, other, None));
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use blocklist::{Entry, Severity};
    use registry::{Edit, EditOp, Registry};

    use super::*;
    use crate::Options;

    #[test]
    fn conflicts_name_what_should_not_become_official() {
        let current = Registry::from_toml(
            "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\n\
             [[brand]]\nname = \"Nimbus\"\ndomains = [\"nimbus.io\"]\n",
        )
        .expect("registry");
        let mut builder = blocklist::Builder::default();
        builder.push(Entry {
            key: "domain:scam-support.com".into(),
            severity: Severity::Confirmed,
            categories: vec![],
            report_count: 9,
            first_seen: 1,
            last_seen: 2,
            sources: vec![],
        });
        let index = Index::build(&current, builder.finish(), Options::default());
        let add = |brand: &str, value: &str| Edit::new(EditOp::Add, brand, "domains", value);
        let next = registry::apply(
            &current,
            &[
                add("Nimbus", "scam-support.com"),
                add("Nimbus", "examp1e.com"),
                add("Nimbus", "login.example.com"),
                add("Nimbus", "nimbus-help.io"),
                add("Example Exchange", "examp1e-app.com"),
            ],
        )
        .expect("edits");
        let found: Vec<(String, ConflictCode, Option<String>)> = index
            .registry_conflicts(&registry::diff(&current, &next))
            .into_iter()
            .map(|c| (c.channel.value, c.code, c.other_brand))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "examp1e.com".into(),
                    ConflictCode::Impersonation,
                    Some("Example Exchange".into())
                ),
                (
                    "login.example.com".into(),
                    ConflictCode::OfficialElsewhere,
                    Some("Example Exchange".into())
                ),
                ("scam-support.com".into(), ConflictCode::ReportedScam, None),
            ]
        );
    }
}

//! MISP event JSON (the format of MISP's `events/add` and of PyMISP's `MISPEvent`).
//!
//! One event holds every exported entry as an attribute. Types and categories follow
//! MISP's `describeTypes.json`:
//!
//! | indicator | MISP type | category | `to_ids` |
//! | --- | --- | --- | --- |
//! | domain | `domain` | Network activity | yes |
//! | URL | `url` | Network activity | yes |
//! | IP address | `ip-dst` | Network activity | yes |
//! | email | `email-src` | Payload delivery | yes |
//! | phone number | `phone-number` | Financial fraud | no |
//! | Bitcoin address | `btc` | Financial fraud | yes |
//! | other wallet addresses (EVM, Tron, Solana, Polkadot) | `text` (MISP has no type) | Financial fraud | no |
//! | X account | `twitter-id` | Social network | no |
//! | other accounts | `text` | Social network | no |
//!
//! Each attribute carries tags `antiscam:kind="…"` (and `antiscam:chain="…"` for
//! wallets, `antiscam:platform="…"` for accounts), `antiscam:severity="…"` and one
//! `antiscam:category="…"` per category, its first and last seen, and a comment with
//! the report count and sources. Attribute UUIDs are UUIDv5 of the key, the event's of
//! the export scope, so the same data exports to the same bytes.

use std::io::{self, Write};

use blocklist::Entry;
use indicator::{Chain, Kind};
use serde_json::json;

use crate::stix::{ExportMeta, NAMESPACE};
use crate::{format_date, format_rfc3339, uuid_v5};

/// Writes one MISP event, one attribute at a time.
#[derive(Debug)]
pub struct MispWriter {
    meta: ExportMeta,
    first: bool,
    skipped: u64,
}

/// `(type, category, to_ids)` of an entry's attribute.
fn misp_type(kind: Kind, chain: Option<Chain>) -> (&'static str, &'static str, bool) {
    match kind {
        Kind::Domain => ("domain", "Network activity", true),
        Kind::Url => ("url", "Network activity", true),
        Kind::Ip => ("ip-dst", "Network activity", true),
        Kind::Email => ("email-src", "Payload delivery", true),
        Kind::Phone => ("phone-number", "Financial fraud", false),
        Kind::Address if chain == Some(Chain::Bitcoin) => ("btc", "Financial fraud", true),
        Kind::Address => ("text", "Financial fraud", false),
        Kind::X => ("twitter-id", "Social network", false),
        _ => ("text", "Social network", false),
    }
}

impl MispWriter {
    /// A writer for one event.
    pub fn new(meta: ExportMeta) -> MispWriter {
        MispWriter {
            meta,
            first: true,
            skipped: 0,
        }
    }

    /// Writes the event's head.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let uuid = uuid_v5(
            &NAMESPACE,
            format!(
                "misp-event:{}:{}:{}",
                self.meta.producer, self.meta.scope, self.meta.generated_at
            )
            .as_bytes(),
        );
        let info = if self.meta.scope.is_empty() {
            format!("{}: reported scam indicators", self.meta.producer)
        } else {
            format!(
                "{}: reported scam indicators ({})",
                self.meta.producer, self.meta.scope
            )
        };
        let head = json!({
            "uuid": uuid,
            "info": info,
            "date": format_date(self.meta.generated_at),
            "timestamp": self.meta.generated_at.to_string(),
            "threat_level_id": "2",
            "analysis": "2",
            "distribution": "0",
            "published": false,
            "Orgc": {"name": self.meta.producer},
            "Tag": [{"name": "tlp:amber"}, {"name": "antiscam:export"}],
        });
        // The head without its closing brace, then the attribute list.
        let text = head.to_string();
        let open = text.strip_suffix('}').unwrap_or(&text);
        write!(out, "{{\"Event\":{open},\"Attribute\":[")
    }

    /// Writes one entry as an attribute (an entry whose key cannot be read is counted
    /// and skipped).
    pub fn entry(&mut self, out: &mut dyn Write, e: &Entry) -> io::Result<()> {
        let uuid = uuid_v5(&NAMESPACE, format!("misp-attribute:{}", e.key).as_bytes());
        let Some(attribute) = attribute(e, uuid) else {
            self.skipped += 1;
            return Ok(());
        };
        let sep = if self.first { "\n" } else { ",\n" };
        self.first = false;
        write!(out, "{sep}{attribute}")
    }

    /// Closes the event; returns the number of entries skipped.
    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<u64> {
        writeln!(out, "\n]}}}}")?;
        Ok(self.skipped)
    }
}

/// An entry as a MISP attribute with this UUID (`None` for a key that cannot be read).
pub(crate) fn attribute(e: &Entry, uuid: String) -> Option<serde_json::Value> {
    let parts = crate::split_key(&e.key)?;
    let (ty, category, to_ids) = misp_type(parts.kind, parts.chain);
    let mut tags = vec![json!({"name": format!("antiscam:kind=\"{}\"", parts.kind)})];
    if let Some(chain) = parts.chain {
        tags.push(json!({"name": format!("antiscam:chain=\"{chain}\"")}));
    }
    if let Some(platform) = parts.kind.platform() {
        tags.push(json!({"name": format!("antiscam:platform=\"{platform}\"")}));
    }
    tags.push(json!({"name": format!("antiscam:severity=\"{}\"", e.severity.as_str())}));
    for c in &e.categories {
        tags.push(json!({"name": format!("antiscam:category=\"{c}\"")}));
    }
    Some(json!({
        "uuid": uuid,
        "type": ty,
        "category": category,
        "value": parts.value,
        "to_ids": to_ids,
        "distribution": "5",
        "timestamp": e.last_seen.max(0).to_string(),
        "first_seen": format_rfc3339(e.first_seen),
        "last_seen": format_rfc3339(e.last_seen.max(e.first_seen)),
        "comment": format!(
            "{} report(s); sources: {}",
            e.report_count,
            e.sources.join(", ")
        ),
        "Tag": tags,
    }))
}

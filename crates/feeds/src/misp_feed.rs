//! A MISP feed (the layout MISP's feed fetcher and PyMISP's feed generator use):
//! `manifest.json`, `hashes.csv` and one event file `<uuid>.json` per day.
//!
//! Each day with blocklist changes is one event, per scope (a region, or everything):
//! its UUID is UUIDv5 of producer, scope and day ([`event_uuid`]), so the same day
//! keeps its event and MISP updates it in place when the event's `timestamp` (the last
//! change of the day) moves. An attribute is the entry as the day left it (its last
//! version that day, see [`crate::misp`] for types and tags); an entry delisted that
//! day is an attribute with `to_ids: false`, the tag `antiscam:retracted` and the
//! reason in its comment (MISP has no revocation across events; the signed
//! retractions say it authoritatively). Attribute UUIDs are UUIDv5 of day and key.
//! `hashes.csv` lists `md5(value),event uuid` per attribute, as MISP's feed cache
//! reads it.

use blocklist::Entry;
use md5::{Digest, Md5};
use serde_json::{Value, json};

use crate::stix::NAMESPACE;
use crate::{format_date, uuid_v5};

/// Seconds in a day: events are cut at midnight UTC.
pub const DAY: i64 = 86_400;

/// The day (days since the Unix epoch) of a time in Unix microseconds.
pub fn day_of_micros(micros: i64) -> i64 {
    micros.div_euclid(1_000_000).div_euclid(DAY)
}

/// What one day's event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEvent {
    /// The producer (the event's `Orgc`).
    pub producer: String,
    /// The region, or `None` for everything.
    pub region: Option<String>,
    /// Days since the Unix epoch.
    pub day: i64,
    /// The day's last change, Unix seconds (the event's `timestamp`).
    pub timestamp: i64,
}

impl DayEvent {
    /// The event's UUID.
    pub fn uuid(&self) -> String {
        event_uuid(&self.producer, self.region.as_deref(), self.day)
    }

    fn info(&self) -> String {
        let date = format_date(self.day * DAY);
        match &self.region {
            Some(r) => format!(
                "{}: reported scam indicators of {date} (region {r})",
                self.producer
            ),
            None => format!("{}: reported scam indicators of {date}", self.producer),
        }
    }

    fn fields(&self) -> Value {
        json!({
            "uuid": self.uuid(),
            "info": self.info(),
            "date": format_date(self.day * DAY),
            "timestamp": self.timestamp.to_string(),
            "publish_timestamp": self.timestamp.to_string(),
            "published": true,
            "threat_level_id": "2",
            "analysis": "2",
            "distribution": "0",
            "Orgc": {"name": self.producer, "uuid": org_uuid(&self.producer)},
            "Tag": [{"name": "tlp:amber"}, {"name": "antiscam:feed"}],
        })
    }

    /// The event's entry in `manifest.json` (the manifest maps UUIDs to these).
    pub fn manifest_entry(&self) -> Value {
        let mut v = self.fields();
        if let Some(o) = v.as_object_mut() {
            o.remove("uuid");
            o.remove("published");
            o.remove("distribution");
        }
        v
    }

    /// The event file `<uuid>.json`: `{"Event": {…, "Attribute": […]}}` from the day's
    /// last version of each entry (`(entry, retracted with this reason)`); entries
    /// whose key cannot be read are skipped.
    pub fn event(&self, versions: &[(Entry, Option<String>)]) -> Value {
        let mut event = self.fields();
        let attributes: Vec<Value> = versions
            .iter()
            .filter_map(|(e, retracted)| self.attribute(e, retracted.as_deref()))
            .collect();
        event["Attribute"] = Value::Array(attributes);
        json!({ "Event": event })
    }

    fn attribute(&self, e: &Entry, retracted: Option<&str>) -> Option<Value> {
        let uuid = attribute_uuid(self.day, &e.key);
        let mut a = crate::misp::attribute(e, uuid)?;
        if let Some(reason) = retracted {
            a["to_ids"] = json!(false);
            a["comment"] = json!(format!("retracted: {reason}"));
            if let Some(tags) = a["Tag"].as_array_mut() {
                tags.push(json!({"name": "antiscam:retracted"}));
            }
        }
        Some(a)
    }

    /// The `hashes.csv` lines of these versions: `md5(value),event uuid`.
    pub fn hash_lines(&self, versions: &[(Entry, Option<String>)]) -> String {
        let uuid = self.uuid();
        let mut out = String::new();
        for (e, _) in versions {
            if let Some(parts) = crate::split_key(&e.key) {
                out.push_str(&md5_hex(parts.value));
                out.push(',');
                out.push_str(&uuid);
                out.push('\n');
            }
        }
        out
    }
}

/// The UUID of a day's event.
pub fn event_uuid(producer: &str, region: Option<&str>, day: i64) -> String {
    let scope = region.unwrap_or("all");
    uuid_v5(
        &NAMESPACE,
        format!("misp-feed-event:{producer}:{scope}:{day}").as_bytes(),
    )
}

fn attribute_uuid(day: i64, key: &str) -> String {
    uuid_v5(
        &NAMESPACE,
        format!("misp-feed-attribute:{day}:{key}").as_bytes(),
    )
}

fn org_uuid(producer: &str) -> String {
    uuid_v5(&NAMESPACE, format!("misp-org:{producer}").as_bytes())
}

fn md5_hex(value: &str) -> String {
    Md5::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use blocklist::Severity;

    fn entry(key: &str) -> Entry {
        Entry {
            key: key.into(),
            severity: Severity::Confirmed,
            categories: vec!["phishing".into()],
            report_count: 3,
            first_seen: 1_714_521_600,
            last_seen: 1_714_564_800,
            sources: vec!["reports:HK".into()],
        }
    }

    #[test]
    fn a_day_event_is_deterministic_and_marks_retractions() {
        let day = DayEvent {
            producer: "Exchange".into(),
            region: Some("HK".into()),
            day: 19_844,
            timestamp: 1_714_564_800,
        };
        let versions = vec![
            (entry("domain:evil.io"), None),
            (entry("domain:gone.io"), Some("dispute upheld".to_owned())),
        ];
        let event = day.event(&versions);
        assert_eq!(event, day.event(&versions));
        assert_eq!(event["Event"]["uuid"], json!(day.uuid()));
        assert_eq!(event["Event"]["date"], json!("2024-05-01"));
        let attrs = event["Event"]["Attribute"].as_array().expect("attributes");
        assert_eq!(attrs.len(), 2);
        assert_eq!(attrs[0]["to_ids"], json!(true));
        assert_eq!(attrs[1]["to_ids"], json!(false));
        assert_eq!(attrs[1]["comment"], json!("retracted: dispute upheld"));
        assert_ne!(attrs[0]["uuid"], attrs[1]["uuid"]);
        assert_ne!(day.uuid(), event_uuid("Exchange", None, 19_844));
        assert_ne!(day.uuid(), event_uuid("Exchange", Some("HK"), 19_845));
        let lines = day.hash_lines(&versions);
        // md5("evil.io")
        assert!(lines.starts_with(&format!("{},{}", md5_hex("evil.io"), day.uuid())));
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
        let manifest = day.manifest_entry();
        assert!(manifest.get("uuid").is_none());
        assert_eq!(manifest["timestamp"], json!("1714564800"));
        assert_eq!(day_of_micros(1_714_564_800_000_000), 19_844);
    }
}

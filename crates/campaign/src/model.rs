//! The campaign document: what admins and partners create, edit and list.
//!
//! [`Spec::from_json`] reads and validates a document (the JSON shape of the API);
//! [`Spec::to_json`] writes it back in the same shape, so a stored campaign round-trips
//! and a PATCH is a JSON merge patch (RFC 7396) of the stored document followed by the
//! same validation ([`Spec::patched`]).

use std::collections::BTreeMap;

use i18n::Locale;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::risk::RiskLevel;
use indicator::Region;

/// Longest name or partner, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest title, contact label or resource label, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest message, tip or example, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Most regions, variants, tips, examples, contacts or resources in one list.
pub const MAX_LIST: usize = 50;
/// Highest holdout percentage.
pub const MAX_HOLDOUT_PERCENT: u8 = 50;
/// Longest URL, in bytes.
pub const MAX_URL_BYTES: usize = 2_000;

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being prepared: never shown.
    Draft,
    /// Shown to matching withdrawals within its schedule.
    Active,
    /// Stopped for now: never shown.
    Paused,
    /// Over for good: never shown, and cannot be reopened.
    Ended,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [Status::Draft, Status::Active, Status::Paused, Status::Ended];

    /// The snake_case name used in JSON and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Ended => "ended",
        }
    }

    /// Parses [`Status::as_str`].
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Which withdrawals a campaign is shown on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Every withdrawal in the campaign's regions.
    All,
    /// Only withdrawals to a destination the user never used before.
    NewDestination,
    /// Only withdrawals whose risk is at or above `min_risk`.
    Risk,
}

/// The targeting rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Targeting {
    /// Which withdrawals.
    pub trigger: Trigger,
    /// For [`Trigger::Risk`]: the lowest risk level shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_risk: Option<RiskLevel>,
}

/// At most `max_exposures` exposures per user in any `per_days` days; a withdrawal of
/// high or critical risk is shown regardless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FrequencyCap {
    /// Exposures allowed in the window (1 to 1,000).
    pub max_exposures: u32,
    /// Window length in days (1 to 365).
    pub per_days: u32,
}

/// A contact shown with the alert, e.g. a police anti-scam hotline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// What it is ("Anti-Scam Helpline").
    pub label: String,
    /// A phone number as people dial it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// An `https://` (or `http://`) link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link to read more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// What it is.
    pub label: String,
    /// An `https://` (or `http://`) link.
    pub url: String,
}

/// What a variant shows, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Content {
    /// The headline.
    pub title: String,
    /// The main text.
    pub message: String,
    /// Crime-prevention advice.
    pub tips: Vec<String>,
    /// Common scam examples.
    pub examples: Vec<String>,
    /// Who to call or write to.
    pub contacts: Vec<Contact>,
    /// Where to read more.
    pub resources: Vec<Resource>,
    /// The purpose-of-withdrawal questions of the `confirm` step (the same ids in
    /// every locale).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questionnaire: Vec<crate::friction::Question>,
    /// Who to call or write to before going ahead (the hotline, the exchange's
    /// support): shown with the friction steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<String>,
}

/// One design of a campaign's alert, with content per locale (English required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// A short identifier, unique in the campaign (`[a-z0-9_-]`, up to 64).
    pub key: String,
    /// Content by locale tag (`en`, `zh-Hant`, `zh-Hans`).
    pub content: BTreeMap<String, Content>,
    /// The friction ladder, if any (issue 14): without one the variant is alert-only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friction: Option<crate::friction::Friction>,
}

impl Variant {
    /// The content for `locale`, falling back to English; returns the locale used.
    pub fn content_for(&self, locale: Locale) -> Option<(Locale, &Content)> {
        self.content
            .get(locale.as_str())
            .map(|c| (locale, c))
            .or_else(|| {
                self.content
                    .get(Locale::En.as_str())
                    .map(|c| (Locale::En, c))
            })
    }
}

/// A validated campaign document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spec {
    /// Its name.
    pub name: String,
    /// The partner behind it, e.g. a police unit.
    pub partner: String,
    /// Where it runs (at least one).
    pub regions: Vec<Region>,
    /// Its status.
    pub status: Status,
    /// Shown from this time (Unix seconds; RFC 3339 in JSON).
    #[serde(serialize_with = "ser_time")]
    pub starts_at: i64,
    /// Shown until this time, exclusive (Unix seconds; RFC 3339 in JSON), if set.
    #[serde(serialize_with = "ser_opt_time")]
    pub ends_at: Option<i64>,
    /// Which withdrawals.
    pub targeting: Targeting,
    /// Exposure limit per user, if any.
    pub frequency_cap: Option<FrequencyCap>,
    /// Share of users (0 to 50 %) who are never shown it, to measure its effect.
    pub holdout_percent: u8,
    /// Its designs, rotated per exposure.
    pub variants: Vec<Variant>,
}

/// A stored campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// Identifier.
    pub id: i64,
    /// The document.
    pub spec: Spec,
    /// Creation time, Unix seconds.
    pub created_at: i64,
    /// Last change, Unix seconds.
    pub updated_at: i64,
}

impl Campaign {
    /// The JSON of the API: the document plus `id`, `created_at` and `updated_at`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = self.spec.to_json();
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("id".into(), self.id.into());
            map.insert("created_at".into(), rfc3339(self.created_at).into());
            map.insert("updated_at".into(), rfc3339(self.updated_at).into());
        }
        value
    }

    /// Does the campaign run in `region`?
    pub fn covers(&self, region: Region) -> bool {
        self.spec.regions.contains(&region)
    }

    /// Is it active and within its schedule at `now`?
    pub fn is_live(&self, now: i64) -> bool {
        self.spec.status == Status::Active
            && self.spec.starts_at <= now
            && self.spec.ends_at.is_none_or(|end| now < end)
    }
}

/// Why a campaign document is refused: the path of the faulty field and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct SpecError {
    /// The field, e.g. `variants[0].content.en.title`.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> SpecError {
    SpecError {
        path: path.into(),
        message: message.into(),
    }
}

// The raw shapes, as sent. Unknown fields are refused, so a typo is not silently lost.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    name: Option<String>,
    partner: Option<String>,
    regions: Option<Vec<String>>,
    status: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    targeting: Option<RawTargeting>,
    frequency_cap: Option<RawCap>,
    holdout_percent: Option<i64>,
    variants: Option<Vec<RawVariant>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargeting {
    trigger: String,
    min_risk: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCap {
    max_exposures: i64,
    per_days: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    key: String,
    content: BTreeMap<String, RawContent>,
    friction: Option<crate::friction::RawFriction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContent {
    title: String,
    message: String,
    #[serde(default)]
    tips: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    contacts: Vec<RawContact>,
    #[serde(default)]
    resources: Vec<RawResource>,
    #[serde(default)]
    questionnaire: Vec<crate::friction::RawQuestion>,
    escalation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    label: String,
    phone: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    label: String,
    url: String,
}

impl Spec {
    /// Reads and validates a campaign document. `status` defaults to `draft`,
    /// `targeting` to `{"trigger": "all"}`, `holdout_percent` to 0; the other fields of
    /// [`Spec`] except `ends_at` and `frequency_cap` are required.
    pub fn from_json(value: &serde_json::Value) -> Result<Spec, SpecError> {
        let raw: RawSpec = serde_json::from_value(value.clone()).map_err(|e| {
            err(
                "(document)",
                format!("not a campaign document: {}", serde_error(&e)),
            )
        })?;
        validate(raw)
    }

    /// The document as JSON, in the shape [`Spec::from_json`] reads.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Applies a JSON merge patch (RFC 7396: a `null` removes an optional field) and
    /// validates the result. An ended campaign cannot be reopened.
    pub fn patched(&self, patch: &serde_json::Value) -> Result<Spec, SpecError> {
        if !patch.is_object() {
            return Err(err("(document)", "a patch must be a JSON object"));
        }
        let mut doc = self.to_json();
        merge_patch(&mut doc, patch);
        let next = Spec::from_json(&doc)?;
        if self.status == Status::Ended && next.status != Status::Ended {
            return Err(err("status", "an ended campaign cannot be reopened"));
        }
        Ok(next)
    }

    /// The variant with this key.
    pub fn variant(&self, key: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.key == key)
    }
}

/// serde_json's message without the line and column (always 1:1 for a Value).
fn serde_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// RFC 7396 JSON merge patch.
pub fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    let serde_json::Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = serde_json::Value::Object(serde_json::Map::new());
    }
    if let serde_json::Value::Object(map) = target {
        for (key, value) in patch {
            if value.is_null() {
                map.remove(key);
            } else {
                merge_patch(
                    map.entry(key.clone()).or_insert(serde_json::Value::Null),
                    value,
                );
            }
        }
    }
}

fn required<T>(value: Option<T>, path: &str) -> Result<T, SpecError> {
    value.ok_or_else(|| err(path, "is required"))
}

fn text(value: String, path: &str, max: usize) -> Result<String, SpecError> {
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(err(path, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(err(path, format!("is longer than {max} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(err(path, "contains control characters"));
    }
    Ok(value)
}

fn list<T, U>(
    items: Vec<T>,
    path: &str,
    mut each: impl FnMut(T, &str) -> Result<U, SpecError>,
) -> Result<Vec<U>, SpecError> {
    if items.len() > MAX_LIST {
        return Err(err(path, format!("has more than {MAX_LIST} items")));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| each(item, &format!("{path}[{i}]")))
        .collect()
}

fn url(value: String, path: &str) -> Result<String, SpecError> {
    let value = value.trim().to_owned();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && value.len() <= MAX_URL_BYTES
                && !value.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(value)
        }
        _ => Err(err(
            path,
            format!("must be an http:// or https:// link of at most {MAX_URL_BYTES} bytes"),
        )),
    }
}

fn phone(value: String, path: &str) -> Result<String, SpecError> {
    let value = value.trim().to_owned();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
    if allowed && (3..=15).contains(&digits) && value.len() <= 32 {
        Ok(value)
    } else {
        Err(err(
            path,
            "must be a phone number: 3 to 15 digits, with optional +, spaces, dashes or brackets",
        ))
    }
}

/// Parses an RFC 3339 time into Unix seconds.
pub fn parse_time(value: &str, path: &str) -> Result<i64, SpecError> {
    OffsetDateTime::parse(value.trim(), &Rfc3339)
        .map(OffsetDateTime::unix_timestamp)
        .map_err(|_| {
            err(
                path,
                "must be an RFC 3339 time such as 2025-11-01T00:00:00+08:00",
            )
        })
}

/// Unix seconds as RFC 3339 in UTC.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_default()
}

fn ser_time<S: serde::Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*t))
}

fn ser_opt_time<S: serde::Serializer>(t: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&rfc3339(*t)),
        None => s.serialize_none(),
    }
}

fn validate(raw: RawSpec) -> Result<Spec, SpecError> {
    let name = text(required(raw.name, "name")?, "name", MAX_NAME_CHARS)?;
    let partner = text(required(raw.partner, "partner")?, "partner", MAX_NAME_CHARS)?;
    let mut regions = list(required(raw.regions, "regions")?, "regions", |r, path| {
        Region::parse(&r).map_err(|e| err(path, e.to_string()))
    })?;
    if regions.is_empty() {
        return Err(err("regions", "needs at least one region"));
    }
    regions.sort();
    regions.dedup();
    let status = match raw.status {
        None => Status::Draft,
        Some(s) => Status::parse(&s)
            .ok_or_else(|| err("status", "must be draft, active, paused or ended"))?,
    };
    let starts_at = parse_time(&required(raw.starts_at, "starts_at")?, "starts_at")?;
    let ends_at = raw.ends_at.map(|e| parse_time(&e, "ends_at")).transpose()?;
    if ends_at.is_some_and(|end| end <= starts_at) {
        return Err(err("ends_at", "must be after starts_at"));
    }
    let targeting = match raw.targeting {
        None => Targeting {
            trigger: Trigger::All,
            min_risk: None,
        },
        Some(t) => {
            let trigger = match t.trigger.as_str() {
                "all" => Trigger::All,
                "new_destination" => Trigger::NewDestination,
                "risk" => Trigger::Risk,
                _ => {
                    return Err(err(
                        "targeting.trigger",
                        "must be all, new_destination or risk",
                    ));
                }
            };
            let min_risk = t
                .min_risk
                .map(|m| {
                    RiskLevel::parse(&m).ok_or_else(|| {
                        err(
                            "targeting.min_risk",
                            "must be low, medium, high or critical",
                        )
                    })
                })
                .transpose()?;
            match (trigger, min_risk) {
                (Trigger::Risk, None) => {
                    return Err(err(
                        "targeting.min_risk",
                        "is required when the trigger is risk",
                    ));
                }
                (Trigger::Risk, Some(RiskLevel::None)) => {
                    return Err(err(
                        "targeting.min_risk",
                        "must be low, medium, high or critical",
                    ));
                }
                (Trigger::All | Trigger::NewDestination, Some(_)) => {
                    return Err(err(
                        "targeting.min_risk",
                        "applies only when the trigger is risk",
                    ));
                }
                _ => {}
            }
            Targeting { trigger, min_risk }
        }
    };
    let frequency_cap = raw
        .frequency_cap
        .map(|c| {
            let max_exposures = u32::try_from(c.max_exposures)
                .ok()
                .filter(|n| (1..=1_000).contains(n))
                .ok_or_else(|| err("frequency_cap.max_exposures", "must be between 1 and 1000"))?;
            let per_days = u32::try_from(c.per_days)
                .ok()
                .filter(|n| (1..=365).contains(n))
                .ok_or_else(|| err("frequency_cap.per_days", "must be between 1 and 365"))?;
            Ok(FrequencyCap {
                max_exposures,
                per_days,
            })
        })
        .transpose()?;
    let holdout_percent = match raw.holdout_percent {
        None => 0,
        Some(p) => u8::try_from(p)
            .ok()
            .filter(|p| *p <= MAX_HOLDOUT_PERCENT)
            .ok_or_else(|| err("holdout_percent", "must be a whole number from 0 to 50"))?,
    };
    let variants = list(required(raw.variants, "variants")?, "variants", variant)?;
    if variants.is_empty() {
        return Err(err("variants", "needs at least one variant"));
    }
    for (i, v) in variants.iter().enumerate() {
        if variants[..i].iter().any(|w| w.key == v.key) {
            return Err(err(
                format!("variants[{i}].key"),
                format!("{:?} is used by another variant", v.key),
            ));
        }
    }
    Ok(Spec {
        name,
        partner,
        regions,
        status,
        starts_at,
        ends_at,
        targeting,
        frequency_cap,
        holdout_percent,
        variants,
    })
}

fn variant(raw: RawVariant, path: &str) -> Result<Variant, SpecError> {
    let key = raw.key.trim().to_owned();
    if key.is_empty()
        || key.len() > 64
        || !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    {
        return Err(err(
            format!("{path}.key"),
            "must be 1 to 64 characters of a-z, 0-9, _ or -",
        ));
    }
    let mut content = BTreeMap::new();
    for (tag, c) in raw.content {
        let locale = Locale::ALL
            .into_iter()
            .find(|l| l.as_str() == tag)
            .ok_or_else(|| {
                err(
                    format!("{path}.content"),
                    format!("{tag:?} is not a supported locale: use en, zh-Hant or zh-Hans"),
                )
            })?;
        let p = format!("{path}.content.{tag}");
        let c = Content {
            title: text(c.title, &format!("{p}.title"), MAX_TITLE_CHARS)?,
            message: text(c.message, &format!("{p}.message"), MAX_TEXT_CHARS)?,
            tips: list(c.tips, &format!("{p}.tips"), |t, path| {
                text(t, path, MAX_TEXT_CHARS)
            })?,
            examples: list(c.examples, &format!("{p}.examples"), |t, path| {
                text(t, path, MAX_TEXT_CHARS)
            })?,
            contacts: list(c.contacts, &format!("{p}.contacts"), |c, path| {
                let label = text(c.label, &format!("{path}.label"), MAX_TITLE_CHARS)?;
                let phone = c
                    .phone
                    .map(|v| phone(v, &format!("{path}.phone")))
                    .transpose()?;
                let url = c.url.map(|v| url(v, &format!("{path}.url"))).transpose()?;
                if phone.is_none() && url.is_none() {
                    return Err(err(path, "needs a phone or a url"));
                }
                Ok(Contact { label, phone, url })
            })?,
            resources: list(c.resources, &format!("{p}.resources"), |r, path| {
                Ok(Resource {
                    label: text(r.label, &format!("{path}.label"), MAX_TITLE_CHARS)?,
                    url: url(r.url, &format!("{path}.url"))?,
                })
            })?,
            questionnaire: crate::friction::questionnaire(
                c.questionnaire,
                &format!("{p}.questionnaire"),
                text,
            )?,
            escalation: c
                .escalation
                .map(|e| text(e, &format!("{p}.escalation"), MAX_TEXT_CHARS))
                .transpose()?,
        };
        content.insert(locale.as_str().to_owned(), c);
    }
    if !content.contains_key(Locale::En.as_str()) {
        return Err(err(
            format!("{path}.content.en"),
            "is required: English is the fallback for every other language",
        ));
    }
    let friction = raw
        .friction
        .map(|f| crate::friction::friction(f, &format!("{path}.friction")))
        .transpose()?;
    ladder_content(friction.as_ref(), &content, path)?;
    Ok(Variant {
        key,
        content,
        friction,
    })
}

/// The content a ladder needs: an escalation path in every locale, and with the
/// `confirm` step a questionnaire in every locale, with the same question and answer
/// ids (and risks) as English.
fn ladder_content(
    friction: Option<&crate::friction::Friction>,
    content: &BTreeMap<String, Content>,
    path: &str,
) -> Result<(), SpecError> {
    let en = content
        .get(Locale::En.as_str())
        .map(|c| crate::friction::shape(&c.questionnaire));
    for (tag, c) in content {
        let p = format!("{path}.content.{tag}");
        if friction.is_some() && c.escalation.is_none() {
            return Err(err(
                format!("{p}.escalation"),
                "is required with a friction ladder: who to call (the hotline, support) \
                 before going ahead",
            ));
        }
        if friction.is_some_and(|f| f.has(crate::friction::Step::Confirm))
            && c.questionnaire.is_empty()
        {
            return Err(err(
                format!("{p}.questionnaire"),
                "is required with the confirm step",
            ));
        }
        if en
            .as_ref()
            .is_some_and(|en| *en != crate::friction::shape(&c.questionnaire))
        {
            return Err(err(
                format!("{p}.questionnaire"),
                "must have the same questions and answers (ids and risks, in order) as \
                 the English one",
            ));
        }
    }
    Ok(())
}

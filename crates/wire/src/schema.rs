//! The OpenAPI schemas of the JSON shapes (`utoipa`): what the server's `/openapi.json`
//! is built from.
//!
//! The shapes of this crate derive [`utoipa::ToSchema`]; their fields of the core's
//! types (verdicts, kinds, risks, locales, regions…) take the schemas below, whose
//! enumerations are read from the core's own lists (`Verdict::ALL`, `Kind::ALL`,
//! `indicator::REGIONS`…), so that a new value cannot be left out of the document. The
//! campaign and registry documents, read by their pure crates from JSON, are described
//! by the document types at the end of this module.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Array, Object, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A string schema with these values.
pub fn string_enum<I, S>(values: I, description: &str) -> Object
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .enum_values(Some(values.into_iter().map(Into::into)))
        .description(Some(description))
        .build()
}

fn serde_enum<T: Serialize>(all: &[T], description: &str) -> Object {
    string_enum(all.iter().map(serde_name), description)
}

/// `indicator::Kind`.
pub fn kind() -> Object {
    serde_enum(&indicator::Kind::ALL, "The kind of indicator.")
}

/// `verify::Verdict`.
pub fn verdict() -> Object {
    serde_enum(&verify::Verdict::ALL, "The verdict.")
}

/// `lookalike::Technique`.
pub fn technique() -> Object {
    serde_enum(
        &lookalike::Technique::ALL,
        "How the official channel is imitated.",
    )
}

/// `lookalike::Detail`: the evidence of an impersonation, by `type`.
pub fn detail() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Object))
        .property(
            "type",
            string_enum(
                [
                    "confusables",
                    "edit",
                    "contains",
                    "suffix",
                    "prefix",
                    "none",
                ],
                "The kind of evidence; the other fields depend on it.",
            ),
        )
        .required("type")
        .description(Some("The structured evidence of an impersonation."))
        .build()
}

/// `blocklist::Severity`.
pub fn severity() -> Object {
    serde_enum(
        &[
            blocklist::Severity::Suspected,
            blocklist::Severity::Confirmed,
        ],
        "How sure the listing is.",
    )
}

/// `i18n::Locale`.
pub fn locale() -> Object {
    string_enum(
        i18n::Locale::ALL.iter().map(|l| l.as_str()),
        "The language of the text fields.",
    )
}

/// The language a request asks for, where any tag is accepted: `en`, `zh-Hant` or
/// `zh-Hans`; another tag is negotiated (`zh-TW` is `zh-Hant`), else `Accept-Language`.
pub fn lang() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .description(Some(
            "`en`, `zh-Hant` or `zh-Hans`; another tag is matched to one of them (`zh-TW` \
             is `zh-Hant`), else `Accept-Language` decides.",
        ))
        .examples(["zh-Hant"])
        .build()
}

/// [`lang`], or `null`.
pub fn lang_nullable() -> Object {
    let mut o = lang();
    o.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    o
}

/// The `lang` or `locale` a request may name (absent or `null`: `Accept-Language`).
pub fn locale_nullable() -> Object {
    nullable(locale())
}

/// The `kind` query parameter: an [`kind`], or empty to detect it.
pub fn kind_query() -> Object {
    let mut o = kind();
    if let Some(values) = o.enum_values.as_mut() {
        values.push(serde_json::Value::String(String::new()));
    }
    o.description = Some("Read the input as this kind; empty or absent: detect it.".into());
    o
}

/// [`kind_query`], or `null`.
pub fn kind_nullable() -> Object {
    nullable(kind_query())
}

/// The schema `o` that also allows `null`.
pub fn nullable(mut o: Object) -> Object {
    if let SchemaType::Type(t) = o.schema_type {
        o.schema_type = SchemaType::from_iter([t, Type::Null]);
    }
    if let Some(values) = o.enum_values.as_mut() {
        values.push(serde_json::Value::Null);
    }
    o
}

/// The language a message is written in.
pub fn language() -> Object {
    string_enum(
        ["en", "zh-Hant", "zh-Hans", "other"],
        "The language the message is written in.",
    )
}

/// A triage decision (`reports::triage::Action`, and `delist`).
pub fn triage_action() -> Object {
    string_enum(
        reports::triage::Action::ALL
            .iter()
            .map(|a| a.as_str())
            .chain(["delist"]),
        "What to do with the group.",
    )
}

/// What a triage decision does when approved.
pub fn decision_action() -> Object {
    string_enum(
        reports::triage::Action::ALL
            .iter()
            .map(|a| a.as_str())
            .chain(["delist", "uphold"]),
        "What the decision does when approved: a triage action, a delisting, or \
         upholding a dispute.",
    )
}

/// Where a triage decision stands.
pub fn decision_state() -> Object {
    string_enum(
        ["pending", "approved", "rejected", "withdrawn"],
        "Waiting for a second analyst, approved and applied, rejected, or withdrawn by \
         its author.",
    )
}

/// A dispute decision.
pub fn dispute_action() -> Object {
    string_enum(
        ["uphold", "reject"],
        "Uphold (delist) or reject the dispute.",
    )
}

/// What a user did after a screening (`campaign::Action`).
pub fn outcome_action() -> Object {
    serde_enum(&campaign::Action::ALL, "What the user did.")
}

/// The roles a key can be made with over the API (admin keys are made at the command
/// line).
pub fn new_key_role() -> Object {
    string_enum(["analyst", "partner", "integrator"], "The key's role.")
}

/// `ok` or `unavailable`.
pub fn health_status() -> Object {
    string_enum(["ok", "unavailable"], "Whether the service is available.")
}

/// A campaign document as the API shows it (the document as sent, every field filled).
pub fn campaign_shown() -> Schema {
    let mut schema = match CampaignDocument::schema() {
        RefOr::T(s) => s,
        RefOr::Ref(_) => Schema::Object(Object::new()),
    };
    if let Schema::Object(o) = &mut schema {
        o.additional_properties = None;
        o.description = Some("A campaign document, as stored.".into());
    }
    schema
}

/// `analyzer::Risk`.
pub fn risk() -> Object {
    serde_enum(&analyzer::Risk::ALL, "The risk level of a message.")
}

/// `analyzer::Tactic`.
pub fn tactic() -> Object {
    serde_enum(&analyzer::Tactic::ALL, "A manipulation tactic.")
}

/// `analyzer::ReasonCode`.
pub fn reason_code() -> Object {
    serde_enum(
        &analyzer::ReasonCode::ALL,
        "A stable id of the evidence's reason.",
    )
}

/// `campaign::RiskLevel`.
pub fn risk_level() -> Object {
    serde_enum(&campaign::RiskLevel::ALL, "The withdrawal's risk level.")
}

/// `campaign::Decision`.
pub fn decision() -> Object {
    serde_enum(
        &[
            campaign::Decision::Allow,
            campaign::Decision::Warn,
            campaign::Decision::Hold,
        ],
        "What the withdrawal flow should do.",
    )
}

/// `campaign::Action`, a list.
pub fn actions() -> Array {
    Array::new(serde_enum(&campaign::Action::ALL, "What the user did."))
}

/// An ISO 3166-1 alpha-2 region code (`indicator::REGIONS`).
pub fn region() -> Object {
    string_enum(
        indicator::REGIONS,
        "An ISO 3166-1 alpha-2 region code, upper case.",
    )
}

/// An optional region.
pub fn region_nullable() -> Object {
    nullable(region())
}

/// A message channel (`reports::Channel`).
pub fn channel() -> Object {
    string_enum(
        reports::Channel::ALL.iter().map(|c| c.as_str()),
        "Where the message came from.",
    )
}

/// An optional channel.
pub fn channel_nullable() -> Object {
    nullable(channel())
}

/// An RFC 3339 date and time.
pub fn date_time() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::DateTime,
        )))
        .build()
}

/// A campaign as sent (`POST /v1/campaigns`) and as shown: read and validated by
/// `campaign::Spec::from_json`, which refuses unknown fields.
#[derive(Debug, ToSchema)]
#[schema(as = Campaign)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema: the document is read by campaign::Spec")]
pub struct CampaignDocument {
    /// Its name.
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// The partner behind it, e.g. a police unit.
    #[schema(min_length = 1, max_length = 200)]
    partner: String,
    /// Where it runs.
    #[schema(schema_with = regions)]
    regions: Vec<String>,
    /// Default `draft`.
    #[schema(schema_with = campaign_status)]
    status: Option<String>,
    /// Shown from this time.
    #[schema(schema_with = date_time)]
    starts_at: String,
    /// Shown until this time, exclusive.
    #[schema(value_type = Option<String>, format = DateTime)]
    ends_at: Option<String>,
    /// Which withdrawals; default `{"trigger": "all"}`.
    targeting: Option<Targeting>,
    /// Exposure limit per user.
    frequency_cap: Option<FrequencyCap>,
    /// Share of users never shown it (0 to 50).
    #[schema(minimum = 0, maximum = 50)]
    holdout_percent: Option<u8>,
    /// Its designs, rotated per exposure.
    #[schema(min_items = 1, max_items = 50)]
    variants: Vec<Variant>,
}

fn regions() -> Array {
    let mut a = Array::new(region());
    a.min_items = Some(1);
    a.max_items = Some(50);
    a
}

fn campaign_status() -> Object {
    string_enum(
        campaign::Status::ALL.iter().map(|s| s.as_str()),
        "Where the campaign is in its life.",
    )
}

/// Which withdrawals a campaign is shown for.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct Targeting {
    /// `all`, `new_destination` or `risk`.
    #[schema(schema_with = trigger)]
    trigger: String,
    /// With `risk`: the lowest risk level shown.
    #[schema(schema_with = risk_level)]
    min_risk: Option<String>,
}

fn trigger() -> Object {
    string_enum(["all", "new_destination", "risk"], "Which withdrawals.")
}

/// At most `max_exposures` per user in `per_days` days.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct FrequencyCap {
    /// Exposures.
    #[schema(minimum = 1)]
    max_exposures: u32,
    /// Days.
    #[schema(minimum = 1)]
    per_days: u32,
}

/// One design of the alert, with its content by locale (`en` required).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct Variant {
    /// `[a-z0-9_-]`, 1 to 64.
    #[schema(pattern = "^[a-z0-9_-]{1,64}$")]
    key: String,
    /// By locale: `en` (required), `zh-Hant`, `zh-Hans`.
    content: BTreeMap<String, CampaignContent>,
    /// The friction ladder this variant applies (docs/CAMPAIGNS.md).
    friction: Option<FrictionSpec>,
}

/// A variant's friction ladder: `campaign::friction`.
#[derive(Debug, ToSchema)]
#[schema(as = Friction)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct FrictionSpec {
    /// The steps it may take, each once: `confirm`, `hold`.
    #[schema(schema_with = friction_steps)]
    steps: Vec<String>,
    /// The hold's length (default 24).
    #[schema(minimum = 1, maximum = 168)]
    hold_hours: Option<u32>,
    /// The lowest risk asked the questionnaire (default `medium`).
    #[schema(schema_with = risk_level)]
    confirm_from: Option<String>,
}

fn friction_steps() -> Array {
    let steps = [
        campaign::friction::Step::Confirm,
        campaign::friction::Step::Hold,
    ];
    let mut a = Array::new(string_enum(
        steps.map(campaign::friction::Step::as_str),
        "A step of the friction ladder.",
    ));
    a.min_items = Some(1);
    a.max_items = Some(steps.len());
    a
}

/// One purpose-of-withdrawal question with its answers.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct QuestionSpec {
    /// The same in every locale, `[a-z0-9_-]`.
    #[schema(pattern = "^[a-z0-9_-]{1,64}$")]
    id: String,
    /// The question.
    #[schema(min_length = 1, max_length = 2000)]
    question: String,
    /// Its answers.
    #[schema(min_items = 2, max_items = 10)]
    answers: Vec<AnswerSpec>,
}

/// One answer and what it says of the risk.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct AnswerSpec {
    /// The same in every locale, `[a-z0-9_-]`.
    #[schema(pattern = "^[a-z0-9_-]{1,64}$")]
    id: String,
    /// The text shown.
    #[schema(min_length = 1, max_length = 200)]
    text: String,
    /// `none`, `low` or `high` (a scam script's answer).
    #[schema(schema_with = answer_risk)]
    risk: String,
}

fn answer_risk() -> Object {
    string_enum(["none", "low", "high"], "What the answer says of the risk.")
}

/// What a variant shows in one language.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct CampaignContent {
    /// The headline.
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    /// The main text.
    #[schema(min_length = 1, max_length = 2000)]
    message: String,
    /// Crime-prevention advice.
    #[schema(max_items = 50)]
    tips: Option<Vec<String>>,
    /// Common scam examples.
    #[schema(max_items = 50)]
    examples: Option<Vec<String>>,
    /// Who to call or write to.
    #[schema(max_items = 50)]
    contacts: Option<Vec<Contact>>,
    /// Where to read more.
    #[schema(max_items = 50)]
    resources: Option<Vec<Resource>>,
    /// The purpose-of-withdrawal questions (a ladder with `confirm`).
    #[schema(max_items = 10)]
    questionnaire: Option<Vec<QuestionSpec>>,
    /// Who to call or write to before going ahead (a ladder).
    #[schema(min_length = 1, max_length = 2000)]
    escalation: Option<String>,
}

/// Who to call or write to.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct Contact {
    /// What it is.
    #[schema(min_length = 1, max_length = 200)]
    label: String,
    /// A phone number.
    phone: Option<String>,
    /// An `https://` link.
    url: Option<String>,
}

/// A link to read more.
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema")]
pub struct Resource {
    /// What it is.
    #[schema(min_length = 1, max_length = 200)]
    label: String,
    /// An `https://` link.
    url: String,
}

/// The registry document (`registry`'s JSON form): brands and their channels by kind,
/// the retired ones under `retired`. Unknown keys are refused.
#[derive(Debug)]
pub struct RegistryDocument;

impl PartialSchema for RegistryDocument {
    fn schema() -> RefOr<Schema> {
        let channels = |o: ObjectBuilder| {
            registry::file_keys().fold(o, |o, key| {
                let item: RefOr<Schema> = if key == "addresses" {
                    ObjectBuilder::new()
                        .schema_type(SchemaType::Type(Type::Object))
                        .property("chain", ObjectBuilder::new().schema_type(Type::String))
                        .property("address", ObjectBuilder::new().schema_type(Type::String))
                        .required("chain")
                        .required("address")
                        .additional_properties(Some(AdditionalProperties::FreeForm(false)))
                        .into()
                } else {
                    ObjectBuilder::new().schema_type(Type::String).into()
                };
                o.property(key, Array::new(item))
            })
        };
        let retired = channels(ObjectBuilder::new().schema_type(Type::Object))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .description(Some("The retired (formerly official) channels, by kind."));
        let brand = channels(ObjectBuilder::new().schema_type(Type::Object))
            .property(
                "name",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(1)),
            )
            .required("name")
            .property("retired", retired)
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .description(Some("A brand and its official channels, by kind."));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("brand", Array::new(brand))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .description(Some(
                "The registry of official channels (no `brand`: a registry without brands); \
                 every value is checked and normalized \
                 (a value that cannot be read is refused with 422 `invalid_registry`).",
            ))
            .into()
    }
}

impl ToSchema for RegistryDocument {
    fn name() -> std::borrow::Cow<'static, str> {
        "Registry".into()
    }
}

/// One per-channel edit of a registry proposal (`registry::Edit`).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "a schema: the edit is read by registry::Edit")]
pub struct RegistryEdit {
    /// What to do.
    #[schema(schema_with = edit_op)]
    op: String,
    /// The brand's name.
    #[schema(min_length = 1)]
    brand: String,
    /// The file key of the kind: `domains`, `email_domains`, `emails`, `phones`, `x`,
    /// `telegram`, …, `addresses`.
    kind: String,
    /// The channel, as written.
    value: String,
    /// For addresses, the chain.
    chain: Option<String>,
}

fn edit_op() -> Object {
    string_enum(["add", "retire", "remove"], "What the edit does.")
}

/// A stored campaign: the document, its id and times
/// ([`crate::campaigns::CampaignView`]).
pub fn campaign_view() -> Schema {
    let mut schema = campaign_shown();
    if let Schema::Object(o) = &mut schema {
        o.properties.insert(
            "id".into(),
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Integer))
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .into(),
        );
        o.properties.insert("created_at".into(), date_time().into());
        o.properties.insert("updated_at".into(), date_time().into());
        for field in ["id", "created_at", "updated_at"] {
            o.required.push(field.into());
        }
        o.description = Some("A stored campaign.".into());
    }
    schema
}

/// Any string.
pub fn text() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .build()
}

/// A string of `min` to `max` characters.
pub fn string(min: usize, max: usize) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .min_length(Some(min))
        .max_length(Some(max))
        .build()
}

/// An integer from `min` to `max`.
pub fn integer(min: i64, max: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int64,
        )))
        .minimum(Some(min as f64))
        .maximum(Some(max as f64))
        .build()
}

/// `true` or `false`.
pub fn boolean() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Boolean))
        .build()
}

/// A triage group's state (`reports::triage::State`).
pub fn group_state() -> Object {
    string_enum(
        reports::triage::State::ALL.iter().map(|s| s.as_str()),
        "A group's state.",
    )
}

/// A dispute's state (`reports::DisputeState`).
pub fn dispute_state() -> Object {
    string_enum(
        reports::DisputeState::ALL.iter().map(|s| s.as_str()),
        "A dispute's state.",
    )
}

/// A registry proposal's state.
pub fn proposal_state() -> Object {
    string_enum(["pending", "approved", "rejected"], "A proposal's state.")
}

/// A campaign revision's state.
pub fn revision_state() -> Object {
    string_enum(["pending", "approved", "rejected"], "A revision's state.")
}

/// An export format (`feeds::ExportFormat`).
pub fn export_format() -> Object {
    string_enum(["stix2", "misp", "csv"], "The document's format.")
}

/// A JSON merge patch (RFC 7396) of a campaign document: any of its fields, `null`
/// removing an optional one.
pub fn campaign_patch() -> Schema {
    let mut schema = match CampaignDocument::schema() {
        RefOr::T(s) => s,
        RefOr::Ref(_) => Schema::Object(Object::new()),
    };
    if let Schema::Object(o) = &mut schema {
        o.required.clear();
        o.description = Some("A JSON merge patch (RFC 7396) of the campaign document.".into());
    }
    schema
}

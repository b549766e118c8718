//! The JSON shapes that the CLI and the HTTP API share, and their rendering from core
//! results into the user's language.
//!
//! The core crates return data (`verify::Reason`, `lookalike::Detail`); this crate is
//! the one place that turns them into sentences, through the message catalogues of the
//! `i18n` crate. Keeping it separate from the server means `antiscam verify --format
//! json` and `GET /v1/verify` cannot drift apart: both serialize [`VerifyResult`].

mod analysis;
pub mod campaigns;
mod error;
pub mod friction;
mod keys;
mod lines;
mod proposals;
mod provenance;
mod reporting;
pub mod schema;
pub mod taxii;
pub mod webhooks;

pub use analysis::{
    AnalysisResult, AnalyzeRequest, EvidenceView, IndicatorView, Input, MAX_REQUEST_TEXT_BYTES,
    MAX_SENDER_BYTES, RequestError, TacticInfo, TacticView, analysis_result, analyze,
    answer_locale, channel_names, tactics,
};

pub use error::{ErrorBody, ErrorView, FieldProblem, HealthView};
pub use keys::{CreatedKey, KeyList, KeyView, NewKeyRequest, RevokedKey};
pub use lines::LineWriter;
pub use proposals::{DecisionNote, ProposalActor, ProposalList, ProposalRequest, ProposalView};
pub use provenance::{
    MAX_SENT_MESSAGES, ProvenanceStatus, ProvenanceView, SentMessage, SentMessagesRequest,
    SentMessagesResult,
};
pub use reporting::{
    AuditLog, AuditView, ContactRequest, ContactView, DecisionRequest, DecisionResult, DisputeList,
    DisputeReceipt, DisputeRequest, DisputeView, GroupReports, GroupView, LossRequest, LossView,
    ReceivedIndicator, ReportList, ReportReceipt, ReportRecord, ReportRequest, Tactics,
    TriageDecisionList, TriageDecisionResult, TriageDecisionView, TriageQueue, TriageRequest,
    TriageResult, VerifyBatchRequest, VerifyResults,
};

use i18n::{Arg, Catalog, Locale};
use indicator::{Kind, ParseError};
use lookalike::{Detail, Technique};
use registry::ChannelKind;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use verify::{Reason, Target, Verdict, Verification};

/// One verification, as the API and the CLI print it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VerifyResult {
    /// The input as received.
    pub input: String,
    /// The detected kind, absent for invalid input.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = crate::schema::kind)]
    pub kind: Option<Kind>,
    /// The normalized form, absent for invalid input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
    /// One of the six verdicts.
    #[schema(schema_with = crate::schema::verdict)]
    pub verdict: Verdict,
    /// The verdict's title in the user's language.
    pub title: String,
    /// The brand concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The official channel concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The impersonation technique.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = crate::schema::technique)]
    pub technique: Option<Technique>,
    /// The structured evidence of the impersonation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = crate::schema::detail)]
    pub evidence: Option<Detail>,
    /// Why, in plain language.
    pub reasons: Vec<String>,
    /// What to do, in plain language.
    pub advice: String,
    /// The blocklist listing behind a `reported_scam` verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportView>,
    /// For `official_compromised`: since when someone else controls the channel,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compromised_since: Option<String>,
    /// For `official_compromised`: the brand's other active official channels, to use
    /// instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_channels: Vec<OfficialChannelView>,
    /// What is wrong with an `invalid` input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A stable code for `error` (`"bad_checksum"`, `"too_long"`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub error_code: Option<&'static str>,
    /// The language the text fields are in.
    #[schema(schema_with = crate::schema::locale)]
    pub locale: Locale,
}

/// An official channel given as an alternative to a compromised one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfficialChannelView {
    /// The registry key of its kind (`domains`, `telegram`, …).
    #[schema(value_type = String)]
    pub kind: &'static str,
    /// The kind, in the user's language.
    pub kind_name: String,
    /// The channel.
    pub value: String,
}

/// A blocklist listing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    /// Number of reports.
    pub count: u32,
    /// `suspected` or `confirmed`.
    #[schema(schema_with = crate::schema::severity)]
    pub severity: blocklist::Severity,
    /// RFC 3339.
    #[schema(format = DateTime)]
    pub first_seen: String,
    /// RFC 3339.
    #[schema(format = DateTime)]
    pub last_seen: String,
    /// Scam categories.
    pub categories: Vec<String>,
    /// Where the listing came from.
    pub sources: Vec<String>,
}

/// Renders a verification in `locale`.
pub fn verify_result(input: &str, v: &Verification<'_>, locale: Locale) -> VerifyResult {
    let catalog = Catalog::global();
    let kind = v.kind();
    let normalized = v.indicator.as_ref().map(|i| i.normalized().into_owned());
    let brand = v.target.map(|t| t.brand);
    let mut evidence = None;
    let reasons = v
        .reasons
        .iter()
        .map(|r| {
            if let (Reason::Imitates { detail, .. }, None) = (r, &evidence)
                && *detail != Detail::None
            {
                evidence = Some(detail.clone());
            }
            reason(
                catalog,
                locale,
                r,
                kind,
                normalized.as_deref().unwrap_or(input),
            )
        })
        .collect();
    let error = v.error();
    let other_channels: Vec<OfficialChannelView> = v
        .alternatives
        .iter()
        .map(|t| OfficialChannelView {
            kind: t.kind.key(),
            kind_name: catalog.message(locale, &channel_kind_id(t.kind), &[]),
            value: t.value.to_owned(),
        })
        .collect();
    let advice = match v.compromised_since {
        Some(since) => {
            compromised_advice(catalog, locale, brand.unwrap_or(""), since, &other_channels)
        }
        None => catalog.message(
            locale,
            advice_id(v.verdict),
            &[("brand", Arg::Str(brand.unwrap_or("")))],
        ),
    };
    VerifyResult {
        input: input.to_owned(),
        kind,
        normalized,
        verdict: v.verdict,
        title: catalog.message(locale, verdict_id(v.verdict), &[]),
        brand: brand.map(str::to_owned),
        target: v.target.map(|t| t.value.to_owned()),
        technique: v.technique,
        evidence,
        reasons,
        advice,
        report: v.report.as_ref().map(report_view),
        compromised_since: v.compromised_since.map(rfc3339),
        other_channels,
        error: error.map(|e| error_message(catalog, locale, e)),
        error_code: error.map(ParseError::code),
        locale,
    }
}

/// What to do about a compromised official channel: not to follow it, and the brand's
/// other channels.
fn compromised_advice(
    catalog: &Catalog,
    locale: Locale,
    brand: &str,
    since: i64,
    others: &[OfficialChannelView],
) -> String {
    let channels = if others.is_empty() {
        catalog.message(locale, "advice-compromised-no-channels", &[])
    } else {
        let separator = catalog.message(locale, "list-separator", &[]);
        others
            .iter()
            .map(|c| format!("{} {}", c.kind_name, c.value))
            .collect::<Vec<_>>()
            .join(&separator)
    };
    catalog.message(
        locale,
        advice_id(Verdict::OfficialCompromised),
        &[
            ("brand", Arg::Str(brand)),
            ("since", Arg::Str(&minute(since))),
            ("channels", Arg::Str(&channels)),
        ],
    )
}

/// A time as `YYYY-MM-DD HH:MM UTC` for sentences.
fn minute(unix: i64) -> String {
    campaign::risk::utc_minute(unix)
}

fn report_view(h: &verify::Report<'_>) -> ReportView {
    ReportView {
        count: h.report_count,
        severity: h.severity,
        first_seen: rfc3339(h.first_seen),
        last_seen: rfc3339(h.last_seen),
        categories: h.categories.iter().map(|s| s.to_string()).collect(),
        sources: h.sources.iter().map(|s| s.to_string()).collect(),
    }
}

fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Official => "verdict-official",
        Verdict::OfficialCompromised => "verdict-official_compromised",
        Verdict::FormerlyOfficial => "verdict-formerly_official",
        Verdict::Impersonation => "verdict-impersonation",
        Verdict::ReportedScam => "verdict-reported_scam",
        Verdict::Unknown => "verdict-unknown",
        Verdict::Invalid => "verdict-invalid",
    }
}

fn advice_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Official => "advice-official",
        Verdict::OfficialCompromised => "advice-official_compromised",
        Verdict::FormerlyOfficial => "advice-formerly_official",
        Verdict::Impersonation => "advice-impersonation",
        Verdict::ReportedScam => "advice-reported_scam",
        Verdict::Unknown => "advice-unknown",
        Verdict::Invalid => "advice-invalid",
    }
}

/// The catalogue id naming a kind of indicator.
pub fn kind_id(kind: Kind) -> String {
    format!("kind-{}", kind.as_str())
}

/// The catalogue id naming a kind of registry channel.
pub fn channel_kind_id(kind: ChannelKind) -> String {
    match kind {
        ChannelKind::Domain => "kind-domain".into(),
        ChannelKind::EmailDomain => "kind-email_domain".into(),
        ChannelKind::Email => "kind-email".into(),
        ChannelKind::Phone => "kind-phone".into(),
        ChannelKind::Account(p) => kind_id(p.kind()),
        ChannelKind::Address => "kind-address".into(),
    }
}

/// A date as RFC 3339 (UTC); out-of-range timestamps print as the epoch.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// A date as `YYYY-MM-DD` for sentences.
fn day(unix: i64) -> String {
    let d = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A parse error in the user's language. English keeps the parser's own sentence,
/// which names the exact problem; other languages use the catalogue's by code.
pub fn error_message(catalog: &Catalog, locale: Locale, e: &ParseError) -> String {
    let id = format!("error-{}", e.code());
    if locale == Locale::En || !catalog.has(locale, &id) {
        return e.to_string();
    }
    let max = i64::try_from(indicator::MAX_INPUT_BYTES).unwrap_or(i64::MAX);
    catalog.message(
        locale,
        &id,
        &[
            ("max", Arg::Num(max)),
            ("label", Arg::Str("")),
            ("chain", Arg::Str("")),
            ("kind", Arg::Str("")),
        ],
    )
}

fn reason(
    catalog: &Catalog,
    locale: Locale,
    r: &Reason<'_>,
    kind: Option<Kind>,
    value: &str,
) -> String {
    let msg = |id: &str, args: &[(&str, Arg<'_>)]| catalog.message(locale, id, args);
    let kind_name = |k: ChannelKind| msg(&channel_kind_id(k), &[]);
    // Say where a listing comes from: people's reports (reviewed by an analyst or not
    // yet), or a feed, whose entries no analyst of ours has reviewed one by one and whose
    // counts are not reports.
    let report = |h: &verify::Report<'_>| {
        let from_reports = h.sources.iter().any(|s| &**s == reports::SOURCE);
        if from_reports {
            let severity = msg(&format!("severity-{}", h.severity.as_str()), &[]);
            msg(
                "reason-reported",
                &[
                    ("count", Arg::Num(i64::from(h.report_count))),
                    ("severity", Arg::Str(&severity)),
                    ("first_seen", Arg::Str(&day(h.first_seen))),
                    ("last_seen", Arg::Str(&day(h.last_seen))),
                ],
            )
        } else {
            let separator = msg("list-separator", &[]);
            let sources: Vec<&str> = h.sources.iter().map(|s| &**s).collect();
            let sources = if sources.is_empty() {
                msg("source-unnamed", &[])
            } else {
                sources.join(&separator)
            };
            msg(
                "reason-listed",
                &[
                    ("sources", Arg::Str(&sources)),
                    ("first_seen", Arg::Str(&day(h.first_seen))),
                    ("last_seen", Arg::Str(&day(h.last_seen))),
                ],
            )
        }
    };
    match r {
        Reason::Official { target } => msg(
            "reason-official",
            &[
                ("kind", Arg::Str(&kind_name(target.kind))),
                ("brand", Arg::Str(target.brand)),
            ],
        ),
        Reason::OfficialParent { target } => msg(
            "reason-official-parent",
            &[
                ("value", Arg::Str(value)),
                ("parent", Arg::Str(target.value)),
                ("brand", Arg::Str(target.brand)),
            ],
        ),
        Reason::OfficialMail { target } => msg(
            "reason-official-mail",
            &[
                ("domain", Arg::Str(target.value)),
                ("brand", Arg::Str(target.brand)),
            ],
        ),
        Reason::Compromised { target, since } => msg(
            "reason-compromised",
            &[
                ("kind", Arg::Str(&kind_name(target.kind))),
                ("brand", Arg::Str(target.brand)),
                ("since", Arg::Str(&minute(*since))),
            ],
        ),
        Reason::Retired { target } => msg(
            "reason-retired",
            &[
                ("kind", Arg::Str(&kind_name(target.kind))),
                ("brand", Arg::Str(target.brand)),
            ],
        ),
        Reason::WebsiteNotMail { target } => msg(
            "reason-website-not-mail",
            &[
                ("domain", Arg::Str(target.value)),
                ("brand", Arg::Str(target.brand)),
            ],
        ),
        Reason::Reported(hit) => report(hit),
        Reason::ReportedParent { parent, report: h } => format!(
            "{} {}",
            msg("reason-reported-parent", &[("parent", Arg::Str(parent))]),
            report(h)
        ),
        Reason::ReportedDomain { domain, report: h } => {
            let k = kind.map(|k| msg(&kind_id(k), &[])).unwrap_or_default();
            format!(
                "{} {}",
                msg(
                    "reason-reported-domain",
                    &[("domain", Arg::Str(domain)), ("kind", Arg::Str(&k))],
                ),
                report(h)
            )
        }
        Reason::Imitates {
            target,
            technique,
            detail,
            real,
        } => imitation(catalog, locale, target, *technique, detail, real.as_deref()),
        Reason::Userinfo { shown, real } => msg(
            "reason-userinfo",
            &[("shown", Arg::Str(shown)), ("real", Arg::Str(real))],
        ),
        Reason::NoRecord => msg("reason-no-record", &[]),
        Reason::Invalid(e) => msg(
            "reason-invalid",
            &[("problem", Arg::Str(&error_message(catalog, locale, e)))],
        ),
        _ => String::new(),
    }
}

fn imitation(
    catalog: &Catalog,
    locale: Locale,
    target: &Target<'_>,
    technique: Technique,
    detail: &Detail,
    real: Option<&str>,
) -> String {
    let msg = |id: &str, args: &[(&str, Arg<'_>)]| catalog.message(locale, id, args);
    // In a sentence an account reads as "@name", as users see it on the platform.
    let shown = match target.kind {
        ChannelKind::Account(p)
            if !matches!(
                p,
                indicator::Platform::Discord
                    | indicator::Platform::Whatsapp
                    | indicator::Platform::Facebook
            ) =>
        {
            format!("@{}", target.value)
        }
        _ => target.value.to_owned(),
    };
    let mut args: Vec<(&str, Arg<'_>)> = vec![
        ("brand", Arg::Str(target.brand)),
        ("target", Arg::Str(&shown)),
        ("registrable", Arg::Str(real.unwrap_or(""))),
        ("domain", Arg::Str(real.unwrap_or(""))),
    ];
    let mut id = format!("technique-{}", technique.as_str());
    let pairs;
    let extra;
    match detail {
        Detail::Confusables { pairs: list } => {
            let sep = msg("list-separator", &[]);
            pairs = list
                .iter()
                .map(|(found, expected)| {
                    msg(
                        "pair",
                        &[("found", Arg::Str(found)), ("expected", Arg::Str(expected))],
                    )
                })
                .collect::<Vec<_>>()
                .join(&sep);
            args.push(("pairs", Arg::Str(&pairs)));
        }
        Detail::Edit {
            found,
            expected,
            keyboard_neighbour,
            ..
        } => {
            if technique == Technique::Replacement && *keyboard_neighbour {
                id = "technique-replacement-keyboard".into();
            }
            args.push(("found", Arg::Str(found.as_deref().unwrap_or(""))));
            args.push(("expected", Arg::Str(expected.as_deref().unwrap_or(""))));
        }
        Detail::Contains {
            token,
            extra: words,
        } => {
            let sep = msg("list-separator", &[]);
            extra = words.join(&sep);
            args.push(("token", Arg::Str(token)));
            args.push(("extra", Arg::Str(&extra)));
        }
        Detail::Suffix { expected, found } => {
            args.push(("found", Arg::Str(found)));
            args.push(("expected", Arg::Str(expected)));
        }
        Detail::Prefix {
            shared_start,
            shared_end,
        } => {
            args.push(("start", Arg::Str(shared_start)));
            args.push(("end", Arg::Str(shared_end)));
        }
        _ => {}
    }
    catalog.message(locale, &id, &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use registry::Registry;
    use verify::{Index, Options};

    fn index() -> Index {
        let registry = Registry::from_toml(
            "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\nx = [\"ExampleEx\"]\n[brand.retired]\nx = [\"ExampleOld\"]",
        )
        .expect("registry");
        let entry = |key: &str, severity, count, source: &str| blocklist::Entry {
            key: key.into(),
            severity,
            categories: vec!["phishing".into()],
            report_count: count,
            first_seen: 1_700_000_000,
            last_seen: 1_710_000_000,
            sources: vec![source.into()],
        };
        let entries = vec![
            entry(
                "domain:evil.io",
                blocklist::Severity::Confirmed,
                14,
                "police",
            ),
            entry(
                "domain:feed-scam.io",
                blocklist::Severity::Confirmed,
                1,
                "polkadot-phishing",
            ),
            entry(
                "domain:reported.io",
                blocklist::Severity::Suspected,
                3,
                "reports",
            ),
            entry(
                "domain:triaged.io",
                blocklist::Severity::Confirmed,
                5,
                "reports",
            ),
        ];
        Index::build(
            &registry,
            blocklist::Index::build(entries),
            Options::default(),
        )
    }

    /// Input, locale, and fragments every rendered reason list must contain.
    fn check(rows: &[(&str, Locale, &[&str])]) {
        let index = index();
        for (input, locale, wants) in rows {
            let v = index.verify(input, None);
            let r = verify_result(input, &v, *locale);
            let text = format!("{} | {} | {}", r.title, r.reasons.join(" | "), r.advice);
            for want in *wants {
                assert!(
                    text.contains(want),
                    "{input:?} {locale:?}: {text:?} lacks {want:?}"
                );
            }
            assert!(
                !text.contains("technique-") && !text.contains("reason-"),
                "{text}"
            );
        }
    }

    /// The line writer writes exactly what serializing the full result writes.
    #[test]
    fn line_writer_matches_serde() {
        let index = index();
        let inputs = [
            "example.com",
            "www.example.com",
            "examp1e.com",
            "example-support.com",
            "evil.io",
            "login.evil.io",
            "https://evil.io/a?b=\"c\"",
            "unrelated.org",
            "x.com/ExampleOld",
            "x.com/ExampIeEx",
            "0x0",
            "",
            "a\u{1}b",
            "support@evil.io",
            "\"Example Exchange\" <help@gmail.com>",
            "+852 3123 4567",
            "exa.mple.com",
            "ехаmple.com",
        ];
        for locale in [Locale::En, Locale::ZhHant, Locale::ZhHans] {
            let mut w = LineWriter::new(locale);
            for _ in 0..2 {
                for input in inputs {
                    let v = index.verify(input, None);
                    let mut got = Vec::new();
                    w.write(&mut got, input, &v);
                    let mut want =
                        serde_json::to_vec(&verify_result(input, &v, locale)).expect("json");
                    want.push(b'\n');
                    assert_eq!(
                        String::from_utf8_lossy(&got),
                        String::from_utf8_lossy(&want),
                        "{input:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn renders_reasons_in_each_language() {
        check(&[
            ("example.com", Locale::En, &["Example Exchange"]),
            ("www.example.com", Locale::En, &["example.com"]),
            ("examp1e.com", Locale::En, &["example.com", "1"]),
            ("example-support.com", Locale::En, &["support"]),
            (
                "evil.io",
                Locale::En,
                &["police", "2023-11-14", "2024-03-09"],
            ),
            // Where a listing comes from: a feed, people's reports, an analyst.
            (
                "feed-scam.io",
                Locale::En,
                &["Listed as a scam by the feed polkadot-phishing"],
            ),
            (
                "reported.io",
                Locale::En,
                &["Reported 3 times", "not yet reviewed by an analyst"],
            ),
            (
                "triaged.io",
                Locale::En,
                &["Reported 5 times", "confirmed by an analyst"],
            ),
            (
                "feed-scam.io",
                Locale::ZhHant,
                &["polkadot-phishing 列為騙案"],
            ),
            ("unrelated.org", Locale::En, &["not", "safe"]),
            ("x.com/ExampleOld", Locale::ZhHant, &["Example Exchange"]),
            ("examp1e.com", Locale::ZhHans, &["example.com"]),
            ("0x0", Locale::ZhHant, &[]),
        ]);
    }

    #[test]
    fn compromised_channels_say_since_when_and_what_to_use() {
        let registry = Registry::from_toml(
            "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\n\
             telegram = [{ value = \"ExampleEnglish\", compromised_since = \"2026-12-01T08:30:00Z\" }]\n\
             x = [\"ExampleEx\"]",
        )
        .expect("registry");
        let index = Index::build(&registry, blocklist::Index::default(), Options::default());
        let input = "t.me/ExampleEnglish";
        let v = index.verify(input, None);
        for (locale, words) in [
            (
                Locale::En,
                [
                    "Official but compromised",
                    "2026-12-01 08:30 UTC",
                    "X (Twitter) account exampleex",
                ],
            ),
            (
                Locale::ZhHant,
                ["已被盜用", "2026-12-01 08:30 UTC", "example.com"],
            ),
            (
                Locale::ZhHans,
                ["已被盗用", "2026-12-01 08:30 UTC", "example.com"],
            ),
        ] {
            let r = verify_result(input, &v, locale);
            let text = format!("{} | {} | {}", r.title, r.reasons.join(" | "), r.advice);
            for want in words {
                assert!(text.contains(want), "{locale:?}: {text:?} lacks {want:?}");
            }
            assert!(
                !text.contains("advice-") && !text.contains("reason-"),
                "{text}"
            );
            let json = serde_json::to_value(&r).expect("json");
            assert_eq!(json["verdict"], "official_compromised");
            assert_eq!(json["compromised_since"], "2026-12-01T08:30:00Z");
            assert_eq!(json["other_channels"][0]["kind"], "domains");
            assert_eq!(json["other_channels"][1]["value"], "exampleex");
            let mut got = Vec::new();
            LineWriter::new(locale).write(&mut got, input, &v);
            let mut want = serde_json::to_vec(&r).expect("json");
            want.push(b'\n');
            assert_eq!(got, want);
        }
        // Before the time it is plain official, without the new fields.
        let v = index.verify_at(input, None, 1_796_113_799);
        let json = serde_json::to_value(verify_result(input, &v, Locale::En)).expect("json");
        assert_eq!(json["verdict"], "official");
        assert!(json.get("compromised_since").is_none() && json.get("other_channels").is_none());
    }

    #[test]
    fn json_fields_follow_the_contract() {
        let index = index();
        let v = index.verify("evil.io", None);
        let json = serde_json::to_value(verify_result("evil.io", &v, Locale::En)).expect("json");
        assert_eq!(json["verdict"], "reported_scam");
        assert_eq!(json["kind"], "domain");
        assert_eq!(json["normalized"], "evil.io");
        assert_eq!(json["report"]["count"], 14);
        assert_eq!(json["report"]["severity"], "confirmed");
        assert_eq!(json["report"]["first_seen"], "2023-11-14T22:13:20Z");
        let v = index.verify("", None);
        let json = serde_json::to_value(verify_result("", &v, Locale::En)).expect("json");
        assert_eq!(json["verdict"], "invalid");
        assert_eq!(json["error_code"], "empty");
        assert!(json["error"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(json.get("kind").is_none());
    }
}

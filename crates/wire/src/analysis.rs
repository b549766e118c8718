//! The message analyzer's JSON: the request both the CLI (`antiscam analyze --jsonl`)
//! and `POST /v1/analyze` read, its validation, the result, and the Know Your Scam
//! catalogue of `GET /v1/tactics`.

use analyzer::{Analysis, Language, Message, ReasonCode, Risk, Tactic};
use i18n::{Catalog, Locale};
use serde::{Deserialize, Serialize};

use crate::{VerifyResult, verify_result};

/// Longest `text` accepted, in bytes (the analyzer reads the first
/// [`analyzer::MAX_TEXT_BYTES`] and flags the rest as truncated).
pub const MAX_REQUEST_TEXT_BYTES: usize = 256 * 1024;
/// Longest `sender`, in bytes.
pub const MAX_SENDER_BYTES: usize = 512;
/// The channels a message can come from: the same vocabulary as reports
/// (`reports::Channel`), so that what one endpoint accepts the other does too.
pub fn channel_names() -> Vec<&'static str> {
    reports::Channel::ALL.iter().map(|c| c.as_str()).collect()
}

/// One message to analyze: `{"text": "...", "channel": "sms", "sender": "..."}` or
/// `{"email": "<raw RFC 5322 message>"}`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The message as pasted: an SMS, chat, DM, group invitation or call transcript.
    #[serde(default)]
    #[schema(max_length = 262144)]
    pub text: Option<String>,
    /// Where it came from; one of [`channel_names`] (or the aliases `call`, `web`).
    #[serde(default)]
    #[schema(schema_with = crate::schema::channel_nullable)]
    pub channel: Option<String>,
    /// Who sent it, as shown (a phone number, an account, an address).
    #[serde(default)]
    #[schema(max_length = 512)]
    pub sender: Option<String>,
    /// A raw email (RFC 5322), instead of `text`.
    #[serde(default)]
    #[schema(max_length = 262144)]
    pub email: Option<String>,
    /// The language of the answer (`en`, `zh-Hant`, `zh-Hans`); default: the message's own
    /// language when supported, else the caller's.
    #[serde(default)]
    #[schema(schema_with = crate::schema::locale_nullable)]
    pub lang: Option<String>,
    /// The exchange's user id who received it (integrator keys only): the answer then
    /// says whether the exchange sent it ([`crate::ProvenanceView`]).
    #[serde(default)]
    #[schema(min_length = 1, max_length = 256)]
    pub user: Option<String>,
    /// When the user received it, RFC 3339 (with `user`).
    #[serde(default)]
    #[schema(format = DateTime)]
    pub received_at: Option<String>,
}

/// What is wrong with an [`AnalyzeRequest`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Neither `text` nor `email`.
    #[error("give the message as \"text\" or a raw email as \"email\"")]
    Missing,
    /// Both `text` and `email`.
    #[error("give either \"text\" or \"email\", not both")]
    Both,
    /// A field is longer than allowed.
    #[error("\"{field}\" is {size} bytes, more than the {max} accepted")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The channel is not one of [`channel_names`].
    #[error("\"channel\" must be one of {list}, not {0:?}", list = channel_names().join(", "))]
    Channel(String),
    /// The language is not supported.
    #[error("\"lang\" must be en, zh-Hant or zh-Hans, not {0:?}")]
    Lang(String),
    /// The email could not be read.
    #[error("\"email\": {0}")]
    Email(#[from] mail::MailError),
}

impl RequestError {
    /// A stable code for the API's error shape.
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::Missing => "missing_message",
            RequestError::Both => "text_and_email",
            RequestError::TooLong { .. } => "too_long",
            RequestError::Channel(_) => "bad_channel",
            RequestError::Lang(_) => "bad_lang",
            RequestError::Email(e) => e.code(),
        }
    }
}

/// A validated request, ready for the analyzer.
#[derive(Debug, Clone)]
pub enum Input {
    /// A plain message.
    Text {
        /// The text.
        text: String,
        /// The channel, validated.
        channel: Option<String>,
        /// The sender as shown.
        sender: Option<String>,
    },
    /// A parsed email.
    Email(Box<mail::Email>),
}

impl AnalyzeRequest {
    /// Checks the request and parses an email. `lang` is returned separately since
    /// the server also reads `Accept-Language`.
    pub fn validate(self) -> Result<(Input, Option<Locale>), RequestError> {
        let lang = match self.lang.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(tag) => Some(Locale::parse(tag).ok_or_else(|| RequestError::Lang(clip(tag, 40)))?),
        };
        let channel = match self.channel.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => match reports::Channel::parse(c) {
                Some(channel) => Some(channel.as_str().to_owned()),
                None => return Err(RequestError::Channel(clip(c, 40))),
            },
        };
        if let Some(sender) = &self.sender
            && sender.len() > MAX_SENDER_BYTES
        {
            return Err(RequestError::TooLong {
                field: "sender",
                size: sender.len(),
                max: MAX_SENDER_BYTES,
            });
        }
        let input = match (self.text, self.email) {
            (Some(_), Some(_)) => return Err(RequestError::Both),
            (None, None) => return Err(RequestError::Missing),
            (Some(text), None) => {
                if text.trim().is_empty() {
                    return Err(RequestError::Missing);
                }
                if text.len() > MAX_REQUEST_TEXT_BYTES {
                    return Err(RequestError::TooLong {
                        field: "text",
                        size: text.len(),
                        max: MAX_REQUEST_TEXT_BYTES,
                    });
                }
                Input::Text {
                    text,
                    channel,
                    sender: self.sender,
                }
            }
            (None, Some(raw)) => Input::Email(Box::new(mail::parse(raw.as_bytes())?)),
        };
        Ok((input, lang))
    }
}

fn clip(s: &str, max: usize) -> String {
    s[..s.floor_char_boundary(max)].to_owned()
}

/// A span of evidence.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvidenceView {
    /// Byte offset of the span's start in the analyzed text (UTF-8).
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// Why it matters, in plain language.
    pub reason: String,
    /// A stable id for `reason`.
    #[schema(schema_with = crate::schema::reason_code)]
    pub reason_code: ReasonCode,
}

/// A tactic found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TacticView {
    /// The tactic's id.
    #[schema(schema_with = crate::schema::tactic)]
    pub tactic: Tactic,
    /// Its title.
    pub title: String,
    /// How sure, 0 to 1 (two decimals).
    #[schema(minimum = 0, maximum = 1)]
    pub confidence: f32,
    /// The spans that show it.
    pub evidence: Vec<EvidenceView>,
    /// What to do about it.
    pub tips: Vec<String>,
}

/// An indicator found in the message, with its verification.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    /// Byte offset of the indicator in the analyzed text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The verification, as `GET /v1/verify` gives it.
    #[serde(flatten)]
    pub verification: VerifyResult,
}

/// The analysis of one message, as the API and the CLI print it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnalysisResult {
    /// `none`, `low`, `medium`, `high` or `critical`.
    #[schema(schema_with = crate::schema::risk)]
    pub risk: Risk,
    /// The risk level's title.
    pub risk_title: String,
    /// 0 to 100, explained by the tactics and indicators.
    #[schema(maximum = 100)]
    pub score: u8,
    /// The tactics found, most certain first.
    pub tactics: Vec<TacticView>,
    /// Every indicator found, each verified.
    pub indicators: Vec<IndicatorView>,
    /// The sender's verification, when a sender was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<VerifyResult>,
    /// What to do with this message.
    pub advice: String,
    /// The language the message is written in (`en`, `zh-Hant`, `zh-Hans`, `other`).
    #[schema(schema_with = crate::schema::language)]
    pub language: &'static str,
    /// Only the start of a long message was analyzed.
    pub truncated: bool,
    /// For an email: the text the offsets point into (headers that matter, subject,
    /// body, links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The language of the text fields.
    #[schema(schema_with = crate::schema::locale)]
    pub locale: Locale,
    /// Whether the exchange sent this message to the named user (only with `user`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<crate::ProvenanceView>,
}

fn language_tag(l: Language) -> &'static str {
    match l {
        Language::En => "en",
        Language::ZhHant => "zh-Hant",
        Language::ZhHans => "zh-Hans",
        Language::Other => "other",
    }
}

/// The locale to answer in: the one asked for, else the message's own language when
/// supported, else `fallback`.
pub fn answer_locale(asked: Option<Locale>, language: Language, fallback: Locale) -> Locale {
    asked.unwrap_or(match language {
        Language::ZhHant => Locale::ZhHant,
        Language::ZhHans => Locale::ZhHans,
        Language::En | Language::Other => fallback,
    })
}

/// Tips of a tactic: the catalogue's `tactic-<name>-tips`, one per line.
fn tips(catalog: &Catalog, locale: Locale, tactic: Tactic) -> Vec<String> {
    catalog
        .message(locale, &format!("tactic-{}-tips", tactic.as_str()), &[])
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Advice for this message: the level's advice, then the first tip of its main tactic
/// (so a secret request says "never share these", a phishing link "do not open the
/// link").
fn advice(catalog: &Catalog, locale: Locale, a: &Analysis<'_>) -> String {
    let level = catalog.message(locale, &format!("analyze-advice-{}", a.risk.as_str()), &[]);
    // The most dangerous tactic found with some certainty, else the most certain one.
    const PRIORITY: [Tactic; 6] = [
        Tactic::SecretRequest,
        Tactic::Phishing,
        Tactic::PaymentInstruction,
        Tactic::QuidProQuo,
        Tactic::OffPlatform,
        Tactic::Pretexting,
    ];
    let main = PRIORITY
        .iter()
        .find_map(|&t| {
            a.tactics
                .iter()
                .find(|f| f.tactic == t && f.confidence >= 0.5)
        })
        .or_else(|| a.tactics.first());
    let top = main
        .filter(|_| a.risk >= Risk::Low)
        .and_then(|f| tips(catalog, locale, f.tactic).into_iter().next());
    match top {
        Some(tip) => format!("{level} {tip}"),
        None => level,
    }
}

/// Renders an analysis. `document` is the analyzed text of an email.
pub fn analysis_result(a: &Analysis<'_>, document: Option<&str>, locale: Locale) -> AnalysisResult {
    let catalog = Catalog::global();
    let tactics = a
        .tactics
        .iter()
        .map(|f| TacticView {
            tactic: f.tactic,
            title: catalog.message(locale, &format!("tactic-{}-title", f.tactic.as_str()), &[]),
            confidence: (f.confidence * 100.0).round() / 100.0,
            evidence: f
                .evidence
                .iter()
                .map(|e| EvidenceView {
                    start: e.start,
                    end: e.end,
                    text: e.text.clone(),
                    reason: catalog.message(locale, &e.reason.message_id(), &[]),
                    reason_code: e.reason,
                })
                .collect(),
            tips: tips(catalog, locale, f.tactic),
        })
        .collect();
    let indicators = a
        .indicators
        .iter()
        .map(|f| IndicatorView {
            start: f.start,
            end: f.end,
            verification: verify_result(&f.text, &f.verification, locale),
        })
        .collect();
    let sender = a.sender.as_ref().map(|v| {
        let shown = v
            .indicator
            .as_ref()
            .map(|i| i.normalized().into_owned())
            .unwrap_or_default();
        verify_result(&shown, v, locale)
    });
    AnalysisResult {
        risk: a.risk,
        risk_title: catalog.message(locale, &format!("risk-{}", a.risk.as_str()), &[]),
        score: a.score,
        tactics,
        indicators,
        sender,
        advice: advice(catalog, locale, a),
        language: language_tag(a.language),
        truncated: a.truncated,
        text: document.map(str::to_owned),
        locale,
        provenance: None,
    }
}

/// Analyzes a validated input and renders the result: the one path of the CLI and the
/// API. `asked` is the requested locale, `fallback` the caller's default.
pub fn analyze(
    input: &Input,
    index: &verify::Index,
    asked: Option<Locale>,
    fallback: Locale,
) -> AnalysisResult {
    match input {
        Input::Text {
            text,
            channel,
            sender,
        } => {
            let a = analyzer::analyze(
                &Message {
                    text,
                    channel: channel.as_deref(),
                    sender: sender.as_deref(),
                },
                index,
            );
            let locale = answer_locale(asked, a.language, fallback);
            analysis_result(&a, None, locale)
        }
        Input::Email(email) => {
            let e = analyzer::analyze_email(email, index);
            let locale = answer_locale(asked, e.analysis.language, fallback);
            analysis_result(&e.analysis, Some(&e.document), locale)
        }
    }
}

/// One entry of the Know Your Scam catalogue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TacticInfo {
    /// The tactic's id, as in analysis results.
    #[schema(schema_with = crate::schema::tactic)]
    pub tactic: Tactic,
    /// Its title.
    pub title: String,
    /// What it is and how it works.
    pub description: String,
    /// What to do.
    pub tips: Vec<String>,
}

/// The Know Your Scam catalogue: every tactic with its title, description and tips.
pub fn tactics(locale: Locale) -> Vec<TacticInfo> {
    let catalog = Catalog::global();
    Tactic::ALL
        .iter()
        .map(|&t| TacticInfo {
            tactic: t,
            title: catalog.message(locale, &format!("tactic-{}-title", t.as_str()), &[]),
            description: catalog.message(
                locale,
                &format!("tactic-{}-description", t.as_str()),
                &[],
            ),
            tips: tips(catalog, locale, t),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: &str) -> Result<(Input, Option<Locale>), RequestError> {
        let r: AnalyzeRequest = serde_json::from_str(json).expect("json");
        r.validate()
    }

    #[test]
    fn requests_are_validated_with_named_errors() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"{"text": "hello"}"#, None),
            (
                r#"{"text": "hello", "channel": "SMS", "lang": "zh-HK"}"#,
                None,
            ),
            (r#"{}"#, Some("missing_message")),
            (r#"{"text": "   "}"#, Some("missing_message")),
            (r#"{"text": "a", "email": "b"}"#, Some("text_and_email")),
            (r#"{"text": "a", "channel": "pigeon"}"#, Some("bad_channel")),
            // One vocabulary with reports: their channels and the generic ones.
            (r#"{"text": "a", "channel": "telegram"}"#, None),
            (r#"{"text": "a", "channel": "in_person"}"#, None),
            (r#"{"text": "a", "channel": "call"}"#, None),
            (r#"{"text": "a", "lang": "fr"}"#, Some("bad_lang")),
            (r#"{"email": ""}"#, Some("email_empty")),
            (r#"{"email": "Subject: hi\r\n\r\nbody"}"#, None),
        ];
        for (json, want) in cases {
            let got = req(json).err().map(|e| e.code());
            assert_eq!(got, *want, "{json}");
        }
        let long = format!(
            r#"{{"text": "{}"}}"#,
            "a".repeat(MAX_REQUEST_TEXT_BYTES + 1)
        );
        assert_eq!(req(&long).err().map(|e| e.code()), Some("too_long"));
        let sender = format!(
            r#"{{"text": "a", "sender": "{}"}}"#,
            "a".repeat(MAX_SENDER_BYTES + 1)
        );
        assert_eq!(req(&sender).err().map(|e| e.code()), Some("too_long"));
        assert!(serde_json::from_str::<AnalyzeRequest>(r#"{"txt": "a"}"#).is_err());
    }

    #[test]
    fn the_catalogue_has_every_tactic_in_every_language() {
        for locale in Locale::ALL {
            let all = tactics(locale);
            assert_eq!(all.len(), Tactic::ALL.len());
            for t in all {
                assert!(!t.title.is_empty() && !t.description.is_empty());
                assert!(!t.tips.is_empty(), "{:?} has no tips", t.tactic);
            }
        }
    }

    #[test]
    fn answers_in_the_message_language_unless_asked() {
        assert_eq!(
            answer_locale(None, Language::ZhHant, Locale::En),
            Locale::ZhHant
        );
        assert_eq!(
            answer_locale(Some(Locale::En), Language::ZhHans, Locale::ZhHant),
            Locale::En
        );
        assert_eq!(
            answer_locale(None, Language::Other, Locale::ZhHans),
            Locale::ZhHans
        );
    }
}

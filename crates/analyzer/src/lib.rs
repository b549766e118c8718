//! The message analyzer: paste a suspicious message (SMS, chat, DM, call transcript; plain
//! text) and learn which manipulation tactics it uses, with the exact words as evidence,
//! every indicator in it verified, and a risk level with a score.
//!
//! # Approach
//!
//! [`analyze`] is pure and allocation-light; it never panics on input.
//!
//! 1. **Indicators.** The text is cut into candidate tokens (at whitespace, quotes and
//!    Chinese text, trimmed of punctuation); tokens that look like links, domains,
//!    emails, `@handles`, `t.me`/`wa.me` links or wallet addresses, and runs of digits
//!    that look like phone numbers, are read by [`indicator::parse`] (which refangs
//!    `hxxp://` and `example[.]com`) and verified with [`verify::Index`]. A bare
//!    `name.tld` without scheme, `www.` or path counts only for common top-level domains,
//!    so chat text like `home.Will` is not a website. At most [`MAX_INDICATORS`].
//! 2. **Phrases.** The text is folded first (look-alike letters inside words, Cyrillic,
//!    Greek and fullwidth letters, invisible characters; Traditional and Hong Kong
//!    characters to Simplified), keeping a map back to the original bytes. One
//!    Aho-Corasick automaton, built once over the folded phrases, reads the folded text.
//!    ASCII phrases match case-insensitively on word boundaries. Each phrase names a
//!    tactic, a [`ReasonCode`] and a confidence; evidence spans are the original bytes; a
//!    phrase found only through a disguise also gets [`ReasonCode::Obfuscated`].
//! 3. **Scripts.** Scam families (fake police, loan fees, fake customer service,
//!    relatives with a new number, task scams, investment grooming, callback phishing)
//!    are steps: a pretext, pressure or secrecy, an ask for money or access. Two steps of
//!    one family in a message are its script, in English, Chinese or Cantonese.
//! 4. **Combination.** Some phrases only count together: a secret (seed phrase, code,
//!    password, ID card, remote-access app) is a *secret request* only with a request
//!    verb ("send me", "提供") in the same sentence; log-in words are *phishing* only with
//!    a link that is not official; account details are *spear-phishing* only after a
//!    greeting by name. Confidences of one tactic combine as a noisy-or.
//! 5. **Score.** Each tactic adds its weight times its confidence; a reported-scam or
//!    impersonating indicator adds a lot and sets a floor of *high*; a secret request
//!    together with a link, an off-platform contact, a pretext or urgency is *critical*.
//!    A script sets a floor of *medium* (*high* with all three steps). Without strong
//!    evidence, weak words are bounded: marketing stays *low*, long texts, mailing-list
//!    mail and texts about scams stay below *high*. See [`Risk::from_score`] for the bands.
//!
//! # Precision rules
//!
//! - **Warnings are not requests.** A sentence containing a negation or warning ("do not
//!   share", "never ask", "with anyone", "不要", "切勿", "請勿", "不會") cancels every
//!   secret mentioned in it: "Your verification code is 123456. Do not share it with
//!   anyone." is an OTP the user asked for, not a secret request.
//! - **Mentions are not requests.** "Your verification code is…" names a secret but asks
//!   for nothing; only seed phrases, private keys and remote-access apps count on their
//!   own (weakly), since no legitimate party asks about them.
//! - **Official links are not phishing.** Links that verify as official channels never
//!   make log-in words phishing.
//! - **Unknown is not evidence.** A missing sender or channel changes nothing; an unknown
//!   link is only weak context.
//! - Single weak words ("free", "urgent", "bank") stay below *medium* on their own.
//!
//! Quality is measured with [`evaluate`] on labelled corpora (`antiscam eval analyze`;
//! figures in BENCHMARKS.md).
//!
//! # Example
//!
//! ```
//! use analyzer::{Message, Risk, Tactic, analyze};
//!
//! let registry = registry::Registry::from_toml(
//!     "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\n",
//! )?;
//! let index = verify::Index::build(
//!     &registry,
//!     blocklist::Index::build(std::iter::empty()),
//!     verify::Options::default(),
//! );
//! let text = "Example Exchange support: your account is frozen, verify at examp1e-support.com within 24h";
//! let a = analyze(&Message { text, channel: Some("sms"), sender: None }, &index);
//! assert!(a.risk >= Risk::High);
//! assert!(a.tactics.iter().any(|f| f.tactic == Tactic::Phishing));
//! assert_eq!(a.indicators[0].text, "examp1e-support.com");
//!
//! let otp = "Your verification code is 123456. Do not share it with anyone.";
//! let a = analyze(&Message { text: otp, ..Message::default() }, &index);
//! assert_eq!(a.risk, Risk::None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use indicator::Kind;
use serde::Serialize;
use verify::{Verdict, Verification};

mod email;
mod eval;
mod extract;
mod findings;
mod fold;
mod language;
mod phrases;
mod premium;
mod scripts;
#[cfg(test)]
mod snapshots;
#[cfg(test)]
mod tests;
mod zh_fold;

pub use email::{EmailAnalysis, analyze_email};
pub use eval::{Confusion, EvalReport, evaluate};
pub use extract::MAX_INDICATORS;
use findings::{Findings, evidence};
use phrases::{Class, PHRASES};
use scripts::{STEPS, Step};

/// A message to analyze.
#[derive(Debug, Clone, Copy, Default)]
pub struct Message<'a> {
    /// The text as received.
    pub text: &'a str,
    /// Where it came from: `"sms"`, `"email"`, `"chat"`, `"dm"`, `"call"`; informative only.
    pub channel: Option<&'a str>,
    /// The sender as shown (a number, an address, a handle), verified when given; a
    /// missing sender is unknown, never evidence.
    pub sender: Option<&'a str>,
}

/// Longer texts are truncated at a character boundary and flagged [`Analysis::truncated`].
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// A manipulation tactic.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Tactic {
    /// A link to a fake site with log-in or verification words.
    Phishing,
    /// A made-up identity: support, bank, police, a friend with a new number.
    Pretexting,
    /// A lure: airdrops, giveaways, prizes.
    Baiting,
    /// Help offered in exchange for access or a fee.
    QuidProQuo,
    /// Personalised: the user's name with account details.
    SpearPhishing,
    /// A trusted platform or community used to deliver the link.
    WateringHole,
    /// Asks for a seed phrase, key, password, code, ID or remote access.
    SecretRequest,
    /// Deadlines and threats.
    Urgency,
    /// Guaranteed returns, insider signals, fund recovery.
    TooGoodToBeTrue,
    /// Moves the conversation to another app or group.
    OffPlatform,
    /// Tells the user to send money somewhere.
    PaymentInstruction,
}

impl Tactic {
    /// Every tactic, in declaration order.
    pub const ALL: [Tactic; 11] = [
        Tactic::Phishing,
        Tactic::Pretexting,
        Tactic::Baiting,
        Tactic::QuidProQuo,
        Tactic::SpearPhishing,
        Tactic::WateringHole,
        Tactic::SecretRequest,
        Tactic::Urgency,
        Tactic::TooGoodToBeTrue,
        Tactic::OffPlatform,
        Tactic::PaymentInstruction,
    ];

    /// The snake_case name used in JSON and message ids (`tactic-<name>-title`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tactic::Phishing => "phishing",
            Tactic::Pretexting => "pretexting",
            Tactic::Baiting => "baiting",
            Tactic::QuidProQuo => "quid_pro_quo",
            Tactic::SpearPhishing => "spear_phishing",
            Tactic::WateringHole => "watering_hole",
            Tactic::SecretRequest => "secret_request",
            Tactic::Urgency => "urgency",
            Tactic::TooGoodToBeTrue => "too_good_to_be_true",
            Tactic::OffPlatform => "off_platform",
            Tactic::PaymentInstruction => "payment_instruction",
        }
    }

    /// The score weight of the tactic at full confidence.
    fn weight(self) -> f32 {
        match self {
            Tactic::SecretRequest | Tactic::Phishing => 50.0,
            Tactic::PaymentInstruction | Tactic::TooGoodToBeTrue | Tactic::QuidProQuo => 30.0,
            Tactic::Baiting => 25.0,
            Tactic::Urgency | Tactic::Pretexting | Tactic::OffPlatform => 20.0,
            Tactic::SpearPhishing | Tactic::WateringHole => 10.0,
        }
    }
}

/// The risk level of a message.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Nothing found.
    None,
    /// Weak signals only.
    Low,
    /// Several signals: be careful.
    Medium,
    /// Very likely a scam.
    High,
    /// A scam asking for secrets or money through a fake channel.
    Critical,
}

impl Risk {
    /// Every level, lowest first.
    pub const ALL: [Risk; 5] = [
        Risk::None,
        Risk::Low,
        Risk::Medium,
        Risk::High,
        Risk::Critical,
    ];

    /// The level of a score: none below 10, low below 35, medium below 60, high below
    /// 80, critical from 80.
    pub fn from_score(score: u8) -> Risk {
        match score {
            0..10 => Risk::None,
            10..35 => Risk::Low,
            35..60 => Risk::Medium,
            60..80 => Risk::High,
            _ => Risk::Critical,
        }
    }

    /// The snake_case name used in JSON and message ids (`risk-<level>`).
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::None => "none",
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
            Risk::Critical => "critical",
        }
    }
}

/// Why a span is evidence; rendered by the caller as the message `evidence-<id>`.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(into = "&'static str")]
pub enum ReasonCode {
    /// A seed phrase, recovery phrase or private key.
    SecretSeed,
    /// A password or PIN.
    SecretPassword,
    /// A one-time, SMS or 2FA code.
    SecretCode,
    /// ID documents, selfies, account ids.
    SecretIdentity,
    /// Remote-access apps.
    SecretRemote,
    /// A request to send or tell something.
    AskForSecret,
    /// A deadline or hurry.
    UrgencyDeadline,
    /// A threat to the account (frozen, suspended).
    UrgencyAccountThreat,
    /// A legal threat (police case, arrest).
    UrgencyLegal,
    /// Claims to be customer support.
    PretextSupport,
    /// Claims to be an authority (police, customs, tax office).
    PretextAuthority,
    /// Claims to be a friend or relative with a new number.
    PretextFriend,
    /// An indicator that imitates an official channel.
    PretextImpersonation,
    /// A giveaway, airdrop or free offer.
    BaitGiveaway,
    /// A prize or win.
    BaitPrize,
    /// "Send 1, get 2 back".
    BaitMultiply,
    /// Guaranteed or unrealistic returns.
    TooGoodReturns,
    /// Insider tips and signals.
    TooGoodInsider,
    /// An offer to recover lost funds.
    TooGoodRecovery,
    /// An invitation to talk on another app.
    OffPlatformContact,
    /// An invitation to a group.
    OffPlatformGroup,
    /// An app to install from outside the stores.
    OffPlatformApp,
    /// An instruction to send or transfer money.
    PaymentTransfer,
    /// Payment by gift card.
    PaymentGiftCard,
    /// A reported scam wallet address.
    PaymentReportedAddress,
    /// A fee asked in exchange for help.
    QuidProQuoFee,
    /// An offer to unlock, verify or recover for the user.
    QuidProQuoHelp,
    /// A greeting with the user's name.
    SpearGreeting,
    /// Account details such as last digits or an order number.
    SpearAccountDetail,
    /// A link on a trusted hosting platform (forms, documents, pages).
    WateringTrustedHost,
    /// A message sent to everyone in a group.
    WateringGroup,
    /// Log-in or verification words.
    PhishingLogin,
    /// A link to an unknown website.
    PhishingLink,
    /// A link to a website that imitates an official one.
    PhishingLookalike,
    /// A link reported as a scam.
    PhishingReported,
    /// Tells the user to call, text or click a number, short code or link.
    CallToAction,
    /// Calls or replies charged at a premium rate.
    PaymentPremiumRate,
    /// The sender's display name claims a brand or another address the sender does not own.
    EmailDisplayName,
    /// Replies go to an address of another domain than the sender's.
    EmailReplyTo,
    /// Bounces go to another domain than the sender's (weak: mailing services do this).
    EmailReturnPath,
    /// A link shows one address and leads to another.
    EmailLinkMismatch,
    /// The sender's address imitates an official one or was reported.
    EmailLookalikeSender,
    /// Words disguised with look-alike letters or invisible characters.
    Obfuscated,
    /// The steps of the fake police or regulator script.
    ScriptFakeAuthority,
    /// The steps of the loan-that-needs-a-fee script.
    ScriptLoanFee,
    /// The steps of the fake customer service script (refunds, compensation, cancelling).
    ScriptFakeService,
    /// The steps of the "it's me, new number, I need money" script.
    ScriptAcquaintance,
    /// The steps of the paid-task (job) scam script.
    ScriptTask,
    /// The steps of the investment grooming script.
    ScriptInvestment,
    /// The steps of the callback phishing script.
    ScriptCallback,
}

impl ReasonCode {
    /// Every reason, in declaration order.
    pub const ALL: [ReasonCode; 50] = [
        ReasonCode::SecretSeed,
        ReasonCode::SecretPassword,
        ReasonCode::SecretCode,
        ReasonCode::SecretIdentity,
        ReasonCode::SecretRemote,
        ReasonCode::AskForSecret,
        ReasonCode::UrgencyDeadline,
        ReasonCode::UrgencyAccountThreat,
        ReasonCode::UrgencyLegal,
        ReasonCode::PretextSupport,
        ReasonCode::PretextAuthority,
        ReasonCode::PretextFriend,
        ReasonCode::PretextImpersonation,
        ReasonCode::BaitGiveaway,
        ReasonCode::BaitPrize,
        ReasonCode::BaitMultiply,
        ReasonCode::TooGoodReturns,
        ReasonCode::TooGoodInsider,
        ReasonCode::TooGoodRecovery,
        ReasonCode::OffPlatformContact,
        ReasonCode::OffPlatformGroup,
        ReasonCode::OffPlatformApp,
        ReasonCode::PaymentTransfer,
        ReasonCode::PaymentGiftCard,
        ReasonCode::PaymentReportedAddress,
        ReasonCode::QuidProQuoFee,
        ReasonCode::QuidProQuoHelp,
        ReasonCode::SpearGreeting,
        ReasonCode::SpearAccountDetail,
        ReasonCode::WateringTrustedHost,
        ReasonCode::WateringGroup,
        ReasonCode::PhishingLogin,
        ReasonCode::PhishingLink,
        ReasonCode::PhishingLookalike,
        ReasonCode::PhishingReported,
        ReasonCode::CallToAction,
        ReasonCode::PaymentPremiumRate,
        ReasonCode::EmailDisplayName,
        ReasonCode::EmailReplyTo,
        ReasonCode::EmailReturnPath,
        ReasonCode::EmailLinkMismatch,
        ReasonCode::EmailLookalikeSender,
        ReasonCode::Obfuscated,
        ReasonCode::ScriptFakeAuthority,
        ReasonCode::ScriptLoanFee,
        ReasonCode::ScriptFakeService,
        ReasonCode::ScriptAcquaintance,
        ReasonCode::ScriptTask,
        ReasonCode::ScriptInvestment,
        ReasonCode::ScriptCallback,
    ];

    /// The stable id; the message id is `evidence-<id>`.
    pub fn as_str(self) -> &'static str {
        use ReasonCode::*;
        match self {
            SecretSeed => "secret-seed",
            SecretPassword => "secret-password",
            SecretCode => "secret-code",
            SecretIdentity => "secret-identity",
            SecretRemote => "secret-remote",
            AskForSecret => "ask-for-secret",
            UrgencyDeadline => "urgency-deadline",
            UrgencyAccountThreat => "urgency-account-threat",
            UrgencyLegal => "urgency-legal",
            PretextSupport => "pretext-support",
            PretextAuthority => "pretext-authority",
            PretextFriend => "pretext-friend",
            PretextImpersonation => "pretext-impersonation",
            BaitGiveaway => "bait-giveaway",
            BaitPrize => "bait-prize",
            BaitMultiply => "bait-multiply",
            TooGoodReturns => "too-good-returns",
            TooGoodInsider => "too-good-insider",
            TooGoodRecovery => "too-good-recovery",
            OffPlatformContact => "off-platform-contact",
            OffPlatformGroup => "off-platform-group",
            OffPlatformApp => "off-platform-app",
            PaymentTransfer => "payment-transfer",
            PaymentGiftCard => "payment-gift-card",
            PaymentReportedAddress => "payment-reported-address",
            QuidProQuoFee => "quid-pro-quo-fee",
            QuidProQuoHelp => "quid-pro-quo-help",
            SpearGreeting => "spear-greeting",
            SpearAccountDetail => "spear-account-detail",
            WateringTrustedHost => "watering-trusted-host",
            WateringGroup => "watering-group",
            PhishingLogin => "phishing-login",
            PhishingLink => "phishing-link",
            PhishingLookalike => "phishing-lookalike",
            PhishingReported => "phishing-reported",
            CallToAction => "call-to-action",
            PaymentPremiumRate => "payment-premium-rate",
            EmailDisplayName => "email-display-name",
            EmailReplyTo => "email-reply-to",
            EmailReturnPath => "email-return-path",
            EmailLinkMismatch => "email-link-mismatch",
            EmailLookalikeSender => "email-lookalike-sender",
            Obfuscated => "obfuscated",
            ScriptFakeAuthority => "script-fake-authority",
            ScriptLoanFee => "script-loan-fee",
            ScriptFakeService => "script-fake-service",
            ScriptAcquaintance => "script-acquaintance",
            ScriptTask => "script-task",
            ScriptInvestment => "script-investment",
            ScriptCallback => "script-callback",
        }
    }

    /// The message id of the evidence sentence: `evidence-<id>`.
    pub fn message_id(self) -> String {
        format!("evidence-{}", self.as_str())
    }
}

impl From<ReasonCode> for &'static str {
    fn from(value: ReasonCode) -> Self {
        value.as_str()
    }
}

/// A span of the text that is evidence of a tactic.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    /// Byte offset of the first byte (on a character boundary).
    pub start: usize,
    /// Byte offset after the last byte (on a character boundary).
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// Why it is evidence.
    pub reason: ReasonCode,
}

/// One tactic found in a message.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// The tactic.
    pub tactic: Tactic,
    /// How sure, 0 to 1.
    pub confidence: f32,
    /// The spans showing it, in order of appearance.
    pub evidence: Vec<Evidence>,
}

/// An indicator found in the text, verified.
#[derive(Debug, Clone)]
pub struct Found<'i> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// The verification.
    pub verification: Verification<'i>,
}

/// The language a message is written in, for choosing the answer's locale.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English (or mostly Latin letters).
    En,
    /// Traditional Chinese.
    ZhHant,
    /// Simplified Chinese.
    ZhHans,
    /// Anything else, or nothing to tell.
    Other,
}

/// The result of [`analyze`].
#[derive(Debug, Clone)]
pub struct Analysis<'i> {
    /// The risk level, from the score.
    pub risk: Risk,
    /// 0 to 100.
    pub score: u8,
    /// Tactics found, the most confident first.
    pub tactics: Vec<Finding>,
    /// Indicators found, in order of appearance.
    pub indicators: Vec<Found<'i>>,
    /// The sender's verification, when a sender was given and could be read.
    pub sender: Option<Verification<'i>>,
    /// The language of the text.
    pub language: Language,
    /// The text was longer than [`MAX_TEXT_BYTES`] and only its start was analyzed.
    pub truncated: bool,
}

/// One automaton over every phrase and then every script step, folded (see `fold`):
/// pattern `i` is `PHRASES[i]`, or `STEPS[i - PHRASES.len()]`.
static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(
            PHRASES
                .iter()
                .map(|p| p.0)
                .chain(STEPS.iter().map(|p| p.0))
                .map(fold::fold_phrase),
        )
        .expect("the phrase automaton builds")
});

/// Hosts where anyone can publish a page or a form under a trusted name.
const TRUSTED_HOSTS: &[&str] = &[
    "docs.google.com",
    "forms.gle",
    "drive.google.com",
    "sites.google.com",
    "forms.office.com",
    "github.io",
    "notion.site",
    "pages.dev",
    "web.app",
    "firebaseapp.com",
    "vercel.app",
    "netlify.app",
    "blogspot.com",
    "wixsite.com",
    "weebly.com",
    "linktr.ee",
    "dropbox.com",
];

/// Words after "Dear" that are not a name.
const GENERIC_GREETINGS: &[&str] = &[
    "customer",
    "customers",
    "user",
    "users",
    "client",
    "clients",
    "sir",
    "madam",
    "valued",
    "member",
    "members",
    "friend",
    "friends",
    "all",
    "account",
    "card",
    "investor",
    "holder",
    "subscriber",
    "team",
    "colleague",
    "applicant",
    "partner",
    "beneficiary",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Sentence ends: `.` before whitespace, `!`, `?`, newlines and Chinese full stops.
fn sentence_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    for (i, c) in text.char_indices() {
        let end = match c {
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            '!' | '?' | '\n' | '。' | '！' | '？' | '；' => true,
            _ => false,
        };
        if end {
            ends.push(i + c.len_utf8());
        }
    }
    ends
}

/// Clause ends: sentence ends and commas, colons and semicolons.
fn clause_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    for (i, c) in text.char_indices() {
        let end = match c {
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            '!' | '?' | '\n' | '。' | '！' | '？' | '；' | ';' | '，' | ',' | '、' | ':' | '：' => {
                true
            }
            _ => false,
        };
        if end {
            ends.push(i + c.len_utf8());
        }
    }
    ends
}

fn sentence_of(ends: &[usize], pos: usize) -> usize {
    ends.partition_point(|&e| e <= pos)
}

/// "Dear Alice," or "陳先生，": a greeting by name at the start of the text.
fn greeting_by_name(text: &str) -> Option<(usize, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    if rest.len() > 5 && rest.as_bytes()[..5].eq_ignore_ascii_case(b"dear ") {
        let name_start = lead + 5;
        let name: &str = text[name_start..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let first_upper = name.chars().next().is_some_and(char::is_uppercase);
        let generic = GENERIC_GREETINGS
            .iter()
            .any(|g| g.eq_ignore_ascii_case(name));
        if first_upper && !generic && name.chars().count() >= 2 {
            return Some((lead, name_start + name.len()));
        }
        return None;
    }
    for title in ["先生", "女士", "小姐"] {
        if let Some(pos) = rest.find(title) {
            let before = &rest[..pos];
            let n = before.chars().count();
            if (1..=3).contains(&n)
                && before
                    .chars()
                    .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            {
                return Some((lead, lead + pos + title.len()));
            }
        }
    }
    None
}

/// Tactics that a call to action turns into something to act on.
const LURES: [Tactic; 6] = [
    Tactic::Baiting,
    Tactic::Urgency,
    Tactic::Pretexting,
    Tactic::TooGoodToBeTrue,
    Tactic::QuidProQuo,
    Tactic::PaymentInstruction,
];

/// How far after a call-to-action verb its target may start, in bytes ("Txt STORE to
/// 88039", "contact customer care on 7044518857").
const ACTION_REACH: usize = 40;

/// Whether a number, short code, link or other indicator follows a call to action at
/// `from`: an extracted indicator starting within [`ACTION_REACH`] bytes, or a run of at
/// least five digits (spaces and dashes between groups allowed) starting there.
fn has_target(text: &str, from: usize, indicators: &[Found<'_>]) -> bool {
    let reach = from.saturating_add(ACTION_REACH).min(text.len());
    if indicators
        .iter()
        .any(|f| f.start >= from && f.start < reach)
    {
        return true;
    }
    let bytes = text.as_bytes();
    // "Reply YES", "Txt MTALK to 69866": a keyword in capitals to send back.
    let next: &str = text[from..]
        .trim_start()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    if next.len() >= 2 && next.bytes().all(|b| b.is_ascii_uppercase()) {
        return true;
    }
    let mut i = from;
    while i < reach {
        if bytes[i].is_ascii_digit() {
            let mut digits = 0;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'0'..=b'9' => digits += 1,
                    b' ' | b'-' if bytes.get(j + 1).is_some_and(u8::is_ascii_digit) => {}
                    _ => break,
                }
                j += 1;
            }
            if digits >= 5 {
                return true;
            }
            i = j;
        }
        i += 1;
    }
    false
}

/// Whether a phone number that is not official follows `from` within [`ACTION_REACH`]
/// bytes: a run of at least seven digits (spaces, dashes, dots, brackets between).
fn number_follows(text: &str, from: usize, indicators: &[Found<'_>]) -> bool {
    let reach = from.saturating_add(ACTION_REACH).min(text.len());
    if indicators
        .iter()
        .any(|f| f.start >= from && f.start < reach && f.verification.verdict == Verdict::Official)
    {
        return false;
    }
    let window = text.get(from..reach).unwrap_or("");
    let mut digits = 0;
    for c in window.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' | '(' | ')' | '+' => {}
            _ if digits > 0 => break,
            _ => {}
        }
        if digits >= 7 {
            return true;
        }
    }
    false
}

/// Whether a link verdict makes it suspicious rather than official.
fn is_link(kind: Option<Kind>) -> bool {
    matches!(kind, Some(Kind::Url | Kind::Domain | Kind::Ip))
}

/// Analyzes one message. Never panics; linear in the text length.
pub fn analyze<'i>(msg: &Message<'_>, index: &'i verify::Index) -> Analysis<'i> {
    let sender = msg
        .sender
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| index.verify(s, None))
        .filter(|v| v.verdict != Verdict::Invalid);
    run(msg.text, sender, Vec::new(), false, index)
}

/// The analysis proper. `early` holds findings made outside the text (the email checks),
/// added first so that their reasons win over generic ones on the same span. `list_mail`:
/// the text is an email that came through a mailing list or newsletter service, where
/// weak words stay below *high*.
fn run<'i>(
    text: &str,
    sender: Option<Verification<'i>>,
    early: Vec<(Tactic, f32, Evidence)>,
    list_mail: bool,
    index: &'i verify::Index,
) -> Analysis<'i> {
    let truncated = text.len() > MAX_TEXT_BYTES;
    let text = if truncated {
        &text[..text.floor_char_boundary(MAX_TEXT_BYTES)]
    } else {
        text
    };
    let indicators = extract::indicators(text, index);

    let ends = sentence_ends(text);
    let folded = fold::fold(text);
    let fbytes = folded.text.as_bytes();
    let mut hits: Vec<(usize, usize, &phrases::Phrase)> = Vec::new();
    let mut steps: Vec<(usize, usize, &scripts::StepPhrase)> = Vec::new();
    // Original spans where a phrase was found only through a fold that changed what the
    // user sees.
    let mut obfuscated: Vec<(usize, usize)> = fold::obfuscated_words(text);
    for m in MATCHER.find_overlapping_iter(folded.text.as_ref()) {
        let id = m.pattern().as_usize();
        let (fs, fe) = (m.start(), m.end());
        let (p, digit_before, digit_after) = match PHRASES.get(id) {
            // Rates follow their amount ("150ppm", "10p/min"); a verb may be glued to
            // the number it asks to call ("call09050000337").
            Some(phrase) => (
                phrase.0,
                phrase.2 == ReasonCode::PaymentPremiumRate,
                phrase.1 == Class::Action,
            ),
            None => (STEPS[id - PHRASES.len()].0, false, false),
        };
        let glued = |b: u8, digit_ok: bool| is_word_byte(b) && !(digit_ok && b.is_ascii_digit());
        let pb = p.as_bytes();
        if pb.first().is_some_and(|&b| is_word_byte(b))
            && fs > 0
            && glued(fbytes[fs - 1], digit_before)
        {
            continue;
        }
        if pb.last().is_some_and(|&b| is_word_byte(b))
            && fbytes.get(fe).is_some_and(|&b| glued(b, digit_after))
        {
            continue;
        }
        let (s, e) = folded.original(text, fs, fe);
        // Inside an indicator (a URL path, an email) words are not phrases.
        if indicators.iter().any(|f| s < f.end && f.start < e) {
            continue;
        }
        if fold::is_obfuscated(&text[s..e], p) {
            obfuscated.push((s, e));
        }
        match PHRASES.get(id) {
            Some(phrase) => hits.push((s, e, phrase)),
            None => steps.push((s, e, &STEPS[id - PHRASES.len()])),
        }
    }

    let negated: Vec<usize> = hits
        .iter()
        .filter(|h| h.2.1 == Class::Negation)
        .map(|h| sentence_of(&ends, h.0))
        .collect();
    // Script steps and instructions are cancelled by a negation in their own clause
    // (Chinese runs whole paragraphs into one sentence of commas: "…转20000块，事成之后
    // 不会亏待你"), or by a description of scams anywhere in their sentence ("陌生人要求
    // 下载会议软件、开启屏幕共享的，都是诈骗").
    let clause_ends = clause_ends(text);
    let negated_clauses: Vec<usize> = hits
        .iter()
        .filter(|h| h.2.1 == Class::Negation)
        .map(|h| sentence_of(&clause_ends, h.0))
        .collect();
    let described: Vec<usize> = hits
        .iter()
        .filter(|h| h.2.1 == Class::Negation && phrases::DESCRIPTIONS.contains(&h.2.0))
        .map(|h| sentence_of(&ends, h.0))
        .collect();
    let warned = |s: usize| {
        negated_clauses.contains(&sentence_of(&clause_ends, s))
            || described.contains(&sentence_of(&ends, s))
    };
    let asks: Vec<(usize, usize, usize)> = hits
        .iter()
        .filter(|h| h.2.1 == Class::Ask)
        .map(|h| (sentence_of(&ends, h.0), h.0, h.1))
        .collect();

    let mut findings = Findings::with_early(early, text.len());
    let mut login: Vec<(usize, usize, f32)> = Vec::new();
    let mut details: Vec<(usize, usize)> = Vec::new();
    let mut actions: Vec<(usize, usize, f32)> = Vec::new();
    let (mut marketing_zh, mut marketing_en) = (0.0f32, false);
    let mut about_words: Vec<&str> = Vec::new();
    for &(s, e, &(phrase, class, reason, conf)) in &hits {
        match class {
            // A warning that describes a pretext ("scammers pose as customer service")
            // is not one.
            Class::Tactic(Tactic::Pretexting) if negated.contains(&sentence_of(&ends, s)) => {}
            // A warning names the instruction it warns against ("police will never ask
            // you to transfer money to a safe account").
            Class::Tactic(
                Tactic::PaymentInstruction
                | Tactic::Urgency
                | Tactic::OffPlatform
                | Tactic::QuidProQuo,
            ) if warned(s) || negated.contains(&sentence_of(&ends, s)) => {}
            Class::Tactic(tactic) => findings.add(tactic, conf, evidence(text, s, e, reason)),
            Class::Secret => {
                let sentence = sentence_of(&ends, s);
                if negated.contains(&sentence) {
                    continue;
                }
                if let Some(&(_, a_s, a_e)) = asks.iter().find(|a| a.0 == sentence) {
                    findings.add(Tactic::SecretRequest, conf, evidence(text, s, e, reason));
                    findings.add(
                        Tactic::SecretRequest,
                        0.0,
                        evidence(text, a_s, a_e, ReasonCode::AskForSecret),
                    );
                } else if matches!(reason, ReasonCode::SecretSeed | ReasonCode::SecretRemote) {
                    findings.add(Tactic::SecretRequest, 0.5, evidence(text, s, e, reason));
                }
            }
            Class::Login => login.push((s, e, conf)),
            Class::AccountDetail => details.push((s, e)),
            // "Reply-To:" labels a header line of an email document, it asks nothing.
            Class::Action if text[e..].starts_with("-To:") => {}
            Class::Action => actions.push((s, e, conf)),
            Class::Marketing => {
                if phrase_is_ascii(s, e, text) {
                    marketing_en = true;
                } else {
                    marketing_zh += conf;
                }
            }
            Class::AboutScams => {
                // "scam" and "scams" are one word.
                let word = phrase.strip_suffix("ms").map_or(phrase, |_| "scam");
                if !about_words.contains(&word) {
                    about_words.push(word);
                }
            }
            Class::Ask | Class::Negation => {}
        }
    }

    // Script steps: each counts on its own (weakly) and towards its families.
    let mut family_steps = [0u8; scripts::FAMILIES.len()];
    let mut family_spans = [[None::<(usize, usize)>; 3]; scripts::FAMILIES.len()];
    let mut family_weight = [[0.0f32; 3]; scripts::FAMILIES.len()];
    // A self-introduction ("我是…", "I am from…"): a loan offered unasked.
    let mut intro = false;
    for &(s, e, &(_, families, step, tactic, reason, conf)) in &steps {
        if step != Step::Pressure
            && (warned(s)
                || (tactic == Tactic::SecretRequest && negated.contains(&sentence_of(&ends, s))))
        {
            continue;
        }
        intro |= families == scripts::ALL && step == Step::Pretext;
        // Everyday words ("transaction", "我是", "帮我") count only towards a script.
        if conf >= 0.2 {
            findings.add(tactic, conf, evidence(text, s, e, reason));
        }
        let slot = match step {
            Step::Pretext => 0,
            Step::Pressure => 1,
            Step::Ask => 2,
        };
        for (i, &(family, _, _)) in scripts::FAMILIES.iter().enumerate() {
            if families & family != 0 {
                family_steps[i] |= step as u8;
                family_spans[i][slot].get_or_insert((s, e));
                let w = &mut family_weight[i][slot];
                *w = 1.0 - (1.0 - *w) * (1.0 - conf);
            }
        }
    }

    // "转5000", "轉三千蚊": a transfer with its amount asks for money; "爸，" "Mum," at
    // the start addresses the reader as a relative (the acquaintance pretext).
    for (s, e, step, reason, conf) in
        fold::money_and_kin(&folded.text)
            .into_iter()
            .map(|(s, e, step, reason, conf)| {
                let (s, e) = folded.original(text, s, e);
                (s, e, step, reason, conf)
            })
    {
        if step != Step::Pressure && warned(s) {
            continue;
        }
        let (families, tactic) = match step {
            Step::Pretext => (scripts::ACQUAINTANCE, Tactic::Pretexting),
            _ => (
                scripts::ACQUAINTANCE | scripts::AUTHORITY | scripts::LOAN | scripts::SERVICE,
                Tactic::PaymentInstruction,
            ),
        };
        findings.add(tactic, conf, evidence(text, s, e, reason));
        let slot = if step == Step::Pretext { 0 } else { 2 };
        for (i, &(family, _, _)) in scripts::FAMILIES.iter().enumerate() {
            if families & family != 0 {
                family_steps[i] |= step as u8;
                family_spans[i][slot].get_or_insert((s, e));
                let w = &mut family_weight[i][slot];
                *w = 1.0 - (1.0 - *w) * (1.0 - conf);
            }
        }
    }

    // Indicators.
    let mut reported = false;
    let mut impersonation = false;
    let mut suspicious_link = false;
    for f in &indicators {
        let v = &f.verification;
        let kind = v.kind();
        let verdict = v.verdict;
        reported |= verdict == Verdict::ReportedScam;
        impersonation |= verdict == Verdict::Impersonation;
        let ev = |reason| evidence(text, f.start, f.end, reason);
        if is_link(kind) {
            if verdict == Verdict::Official {
                continue;
            }
            suspicious_link = true;
            match verdict {
                Verdict::ReportedScam => {
                    findings.add(Tactic::Phishing, 0.9, ev(ReasonCode::PhishingReported))
                }
                Verdict::Impersonation => {
                    findings.add(Tactic::Phishing, 0.9, ev(ReasonCode::PhishingLookalike))
                }
                _ => {}
            }
            let host = v
                .indicator
                .as_ref()
                .and_then(|i| i.domain())
                .map(|d| d.as_str());
            if let Some(host) = host
                && TRUSTED_HOSTS
                    .iter()
                    .any(|t| host == *t || host.strip_suffix(t).is_some_and(|p| p.ends_with('.')))
            {
                findings.add(
                    Tactic::WateringHole,
                    0.4,
                    ev(ReasonCode::WateringTrustedHost),
                );
            }
        } else {
            if let Some(indicator::Indicator::Phone(p)) = &v.indicator
                && p.line_type().is_charged()
                && verdict != Verdict::Official
            {
                findings.add(
                    Tactic::PaymentInstruction,
                    0.5,
                    ev(ReasonCode::PaymentPremiumRate),
                );
            }
            // An unknown wallet address with "send", "pay", "transfer" in its sentence.
            if kind == Some(Kind::Address)
                && verdict == Verdict::Unknown
                && actions
                    .iter()
                    .any(|a| sentence_of(&ends, a.0) == sentence_of(&ends, f.start))
            {
                findings.add(
                    Tactic::PaymentInstruction,
                    0.7,
                    ev(ReasonCode::PaymentTransfer),
                );
            }
            match (kind, verdict) {
                (_, Verdict::Official) => {}
                (Some(Kind::Address), Verdict::ReportedScam | Verdict::Impersonation) => findings
                    .add(
                        Tactic::PaymentInstruction,
                        0.9,
                        ev(ReasonCode::PaymentReportedAddress),
                    ),
                (_, Verdict::Impersonation | Verdict::ReportedScam | Verdict::FormerlyOfficial) => {
                    findings.add(
                        Tactic::Pretexting,
                        0.9,
                        ev(ReasonCode::PretextImpersonation),
                    );
                }
                (Some(Kind::Telegram | Kind::Whatsapp), _) => {
                    findings.add(Tactic::OffPlatform, 0.6, ev(ReasonCode::OffPlatformContact));
                }
                _ => {}
            }
        }
    }
    if let Some(v) = &sender {
        reported |= v.verdict == Verdict::ReportedScam;
        impersonation |= v.verdict == Verdict::Impersonation;
    }

    // Phishing: log-in words with a link that is not official.
    if suspicious_link && !login.is_empty() {
        for &(s, e, conf) in &login {
            findings.add(
                Tactic::Phishing,
                conf,
                evidence(text, s, e, ReasonCode::PhishingLogin),
            );
        }
        if let Some(f) = indicators
            .iter()
            .find(|f| is_link(f.verification.kind()) && f.verification.verdict == Verdict::Unknown)
        {
            findings.add(
                Tactic::Phishing,
                0.4,
                evidence(text, f.start, f.end, ReasonCode::PhishingLink),
            );
        }
    }
    // Log-in words after a threat to the account are phishing even when the link did not
    // survive (mangled on purpose to pass filters: "http:l/bank-auth").
    if !suspicious_link && findings.confidence(Tactic::Urgency) >= 0.5 {
        for &(s, e, conf) in &login {
            findings.add(
                Tactic::Phishing,
                conf * 0.5,
                evidence(text, s, e, ReasonCode::PhishingLogin),
            );
        }
    }
    // Watering hole counts only with something to do on the link.
    if findings.contains(Tactic::WateringHole)
        && !(findings.contains(Tactic::Phishing) || findings.contains(Tactic::SecretRequest))
        && findings.confidence(Tactic::WateringHole) < 0.5
    {
        findings.remove(Tactic::WateringHole);
    }
    // Spear-phishing: a greeting by name with account details.
    if let (Some((gs, ge)), false) = (greeting_by_name(text), details.is_empty()) {
        findings.add(
            Tactic::SpearPhishing,
            0.5,
            evidence(text, gs, ge, ReasonCode::SpearGreeting),
        );
        for &(s, e) in &details {
            findings.add(
                Tactic::SpearPhishing,
                0.4,
                evidence(text, s, e, ReasonCode::SpearAccountDetail),
            );
        }
    }

    // Premium-rate services by shape: a small charge per message, minute or week, and a
    // keyword to text to a short code (see `premium`). Warnings about them do not count.
    let charges = premium::charges(text).into_iter().map(|(s, e)| (s, e, 0.5));
    let codes = premium::short_codes(text)
        .into_iter()
        .map(|(s, e)| (s, e, 0.4));
    for (s, e, conf) in charges.chain(codes) {
        if !warned(s) {
            findings.add(
                Tactic::PaymentInstruction,
                conf,
                evidence(text, s, e, ReasonCode::PaymentPremiumRate),
            );
        }
    }

    // A call to action makes a lure, threat or pretext something to act on.
    // A number charged at a premium rate is itself the call to action.
    // So is a link that is not official.
    let charged = indicators.iter().find(|f| {
        let v = &f.verification;
        let charged = matches!(&v.indicator, Some(indicator::Indicator::Phone(p)) if p.line_type().is_charged());
        charged || (is_link(v.kind()) && v.verdict != Verdict::Official)
    });
    let cta = actions
        .iter()
        .find(|&&(_, e, _)| has_target(text, e, &indicators))
        .copied()
        .or(charged.map(|f| (f.start, f.end, 0.5)));
    let lure = LURES
        .iter()
        .map(|&t| (t, findings.confidence(t)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|&(_, c)| c >= 0.25);
    let acted = if let (Some((s, e, conf)), Some((tactic, _))) = (cta, lure) {
        findings.add(tactic, conf, evidence(text, s, e, ReasonCode::CallToAction));
        true
    } else {
        false
    };

    // A long text that talks about scams (a security team's discussion, a newsletter's
    // warning column) describes scripts rather than running one.
    let about_scams = match about_words.len() {
        0 | 1 => false,
        2 => text.len() >= ABOUT_SCAMS_MIN,
        _ => text.len() >= 150,
    };
    // A script: two steps of one family. Fake police, fake service and callback
    // phishing must ask for something (a callback needs a number to call that is not
    // official); a loan must ask for a fee or come from a caller introducing themselves.
    let callback = scripts::FAMILIES
        .iter()
        .position(|f| f.0 == scripts::CALLBACK)
        .and_then(|i| family_spans[i][2]);
    let phone = callback.is_some_and(|(_, e)| number_follows(text, e, &indicators))
        || indicators.iter().any(|f| {
            f.verification.kind() == Some(Kind::Phone)
                && f.verification.verdict != Verdict::Official
        });
    // Steps carried only by everyday words do not make a script, and marketing needs
    // more than its own words to read as one.
    let marketing = marketing_zh >= 1.0 || (marketing_en && text.len() > 600);
    let needed = if marketing { 1.2 } else { 0.6 };
    let mut script: Option<(usize, u32, f32)> = None;
    for (i, &bits) in family_steps.iter().enumerate() {
        let n = bits.count_ones();
        let (family, _, _) = scripts::FAMILIES[i];
        let weight: f32 = family_weight[i].iter().sum();
        // A callback is judged by its shape (all three steps and a number), not by words.
        let enough = if family == scripts::CALLBACK {
            n == 3
        } else {
            n >= 2 && weight >= needed
        };
        if !enough
            || about_scams
            || (family & (scripts::AUTHORITY | scripts::SERVICE | scripts::CALLBACK) != 0
                && bits & Step::Ask as u8 == 0)
            || (family == scripts::CALLBACK && !phone)
            // A loan advertised is not one offered by a caller who then asks for a fee.
            || (family == scripts::LOAN && bits & Step::Ask as u8 == 0 && !intro)
            || script.is_some_and(|(_, m, w)| m > n || (m == n && w >= weight))
        {
            continue;
        }
        script = Some((i, n, weight));
    }
    if let Some((i, _, _)) = script {
        let (_, reason, tactic) = scripts::FAMILIES[i];
        findings.boost(tactic, 0.5);
        // The script is named once, on its first step; the steps' own evidence follows.
        if let Some(&(s, e)) = family_spans[i].iter().flatten().min() {
            findings.note(tactic, evidence(text, s, e, reason));
        }
    }

    // Disguised words: said where they were found.
    obfuscated.sort_unstable();
    obfuscated.dedup();
    let mut disguised = false;
    for &(s, e) in &obfuscated {
        let owner = findings
            .iter()
            .filter(|f| f.confidence > 0.0)
            .find(|f| f.evidence.iter().any(|ev| ev.start < e && s < ev.end))
            .map(|f| f.tactic);
        let tactic = owner.unwrap_or(Tactic::Phishing);
        if owner.is_none() {
            findings.boost(tactic, 0.2);
        }
        findings.note(tactic, evidence(text, s, e, ReasonCode::Obfuscated));
        disguised = true;
    }

    // Strong phrases (a secret asked for, gift cards) lift the bound, except in a long
    // text about scams, which names them; indicators and email checks always do.
    let strong_phrase = !about_scams && findings.any_reason(&STRONG_REASONS);
    let strong_check = findings.any_reason(&STRONG_CHECKS);
    let strong =
        reported || impersonation || script.is_some() || disguised || strong_phrase || strong_check;
    let bound = if strong {
        100.0
    } else if marketing {
        // Marketing: prizes, links and offers are its trade; weak words stay low.
        30.0
    } else if list_mail || about_scams {
        59.0
    } else {
        // Long texts (newsletters, discussions) hold many weak words by chance.
        weak_bound(text.len())
    };
    let score = score(
        &findings,
        Signals {
            link: suspicious_link,
            reported,
            impersonation,
            acted,
            script_steps: script.map_or(0, |s| s.1),
            disguised,
            bound,
        },
    );
    Analysis {
        risk: Risk::from_score(score),
        score,
        tactics: findings.into_tactics(),
        indicators,
        sender,
        language: language::language(text),
        truncated,
    }
}

/// What the score needs besides the findings.
#[derive(Debug, Clone, Copy)]
struct Signals {
    /// A link that is not official.
    link: bool,
    /// An indicator reported as a scam.
    reported: bool,
    /// An indicator imitating an official one.
    impersonation: bool,
    /// A call to action with a target and a lure.
    acted: bool,
    /// Steps of the best scam script found (0 when none has two).
    script_steps: u32,
    /// Words disguised with look-alike letters or invisible characters.
    disguised: bool,
    /// The most the score may be, when only weak evidence was found.
    bound: f32,
}

/// Phrases that are evidence on their own, which lift the bound on weak evidence.
const STRONG_REASONS: [ReasonCode; 5] = [
    ReasonCode::AskForSecret,
    ReasonCode::PaymentGiftCard,
    ReasonCode::PaymentPremiumRate,
    ReasonCode::BaitMultiply,
    ReasonCode::PaymentReportedAddress,
];

/// Indicator verdicts and email checks that are evidence on their own.
const STRONG_CHECKS: [ReasonCode; 6] = [
    ReasonCode::PhishingReported,
    ReasonCode::PhishingLookalike,
    ReasonCode::PretextImpersonation,
    ReasonCode::EmailDisplayName,
    ReasonCode::EmailLookalikeSender,
    ReasonCode::EmailLinkMismatch,
];

/// From this many bytes a text is long: a newsletter, a discussion, an article (an SMS
/// is at most a few hundred).
const LONG_TEXT: usize = 1000;

/// The most weak evidence can add up to in a text of `len` bytes: no bound for short
/// messages; below *high* for long ones (a long newsletter or discussion holds "free",
/// "award", "police", "login" by chance).
fn weak_bound(len: usize) -> f32 {
    if len >= LONG_TEXT { 59.0 } else { 100.0 }
}

/// From this many bytes a text naming scams with two different words is about them (a
/// scam message is shorter, and rarely names itself); three words from 150 bytes.
const ABOUT_SCAMS_MIN: usize = 600;

/// Whether a span is ASCII (an English marker rather than a Chinese one).
fn phrase_is_ascii(start: usize, end: usize, text: &str) -> bool {
    text.get(start..end).is_some_and(str::is_ascii)
}

/// The score: weights times confidences, plus indicator verdicts and dangerous
/// combinations, capped at 100 and at the bound on weak evidence.
fn score(findings: &Findings, signals: Signals) -> u8 {
    let Signals {
        link,
        reported,
        impersonation,
        acted,
        script_steps,
        disguised,
        bound,
    } = signals;
    let c = |t| findings.confidence(t);
    let mut score: f32 = Tactic::ALL.iter().map(|&t| t.weight() * c(t)).sum();
    if acted {
        score += 20.0;
    }
    let strong = Tactic::ALL.iter().filter(|&&t| c(t) >= 0.5).count();
    // A link makes other tactics worse (phishing already counts its link).
    let strong_besides_phishing = strong - usize::from(c(Tactic::Phishing) >= 0.5);
    if link && strong_besides_phishing > 0 {
        score += 10.0;
    }
    if strong >= 3 {
        score += 10.0;
    }
    if reported {
        score += 50.0;
    }
    if impersonation {
        score += 45.0;
    }
    if reported || impersonation {
        score = score.max(60.0);
    }
    match script_steps {
        0 | 1 => {}
        2 => score = (score + 15.0).max(45.0),
        _ => score = (score + 25.0).max(65.0),
    }
    if disguised {
        score += 15.0;
    }
    let secret = c(Tactic::SecretRequest);
    if secret >= 0.6
        && (link
            || c(Tactic::OffPlatform) >= 0.4
            || c(Tactic::Pretexting) >= 0.5
            || c(Tactic::Urgency) >= 0.5)
    {
        score = score.max(80.0);
    }
    score.min(bound).clamp(0.0, 100.0) as u8
}

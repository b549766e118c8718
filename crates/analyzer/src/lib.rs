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
//!    A script sets a floor of *medium* (*high* with all three steps), and so does a paid
//!    SMS service or a prize to claim read from marks of several classes (`sms_service`:
//!    a charge per unit, a short code, a premium number, a keyword, a footer). Without strong
//!    evidence, weak words are bounded: marketing stays *low*, long texts, mailing-list
//!    mail and texts about scams stay below *high*; a post to a discussion list
//!    (a `List-Id` consistent with the sender, the bounces or the addressees) quotes
//!    scripts rather than running them, so there only indicators and the mail checks
//!    are strong. In long texts the same word again adds nothing and a
//!    script's steps must stand together. See [`Risk::from_score`] for the bands.
//! 6. **Wording.** A statistical model of scam wording ([`Model`], module `scorer`:
//!    logistic regression over folded words, word pairs, Chinese character pairs and the
//!    evidence kinds the rules found; committed weights trained on the team's corpora)
//!    lifts a message the rules left below *medium* to *medium*, never higher, when the
//!    rules found some evidence, the bound on weak evidence allows it and the text is not
//!    about scams; the strongest words are shown as [`ReasonCode::ScamWording`]. Emails
//!    do not use it. [`analyze_with`] chooses another model or none.
//!
//! The code runs these as named passes (module `passes`, a file each) that `run` calls
//! in order: indicators; folded phrase and step matches; sentences, warnings and asks;
//! tactics from phrases; script steps and money-and-kin shapes per family; indicator
//! verdicts; combinations (log-in words with a link, greetings with account details);
//! premium rates and calls to action; whether a Chinese text tells of a scam rather
//! than runs one; the script and disguised words; the bound on weak evidence; the score. They add to one set of findings where the first reason for a
//! span wins, so their order is part of the result.
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
//! - **A service's own lines are not threats.** "If this was not you" with no number of
//!   its own to call (the app, or a five-digit national service code such as 95555) is
//!   the notice's safety line: its "immediately" and "freeze" protect the reader. A
//!   clause that records money already moved ("已成功提现", "退款已原路退回", an event
//!   dated to the minute) asks for none; a bracketed signature ("【微信支付】") invites
//!   to no app; a delivered code is no step of a script. A text that sends the reader to
//!   an anti-fraud hotline (96110, 165, 18222) is a public warning: bounded *low*
//!   without strong evidence. In a calm record of one transaction (masked digits or a
//!   time, no threat, no coins) the line may give a Hong Kong or Taiwan bank's fixed line
//!   in full; a notice's help line ("如有疑问请致电…") offers a number, it presses none.
//! - **Holds and news are not asks.** A payment put on hold ("先别付款", "唔使住過數")
//!   cancels its sentence's payment asks unless it names another account; a sentence
//!   that reports an announcement ("證監會今日宣布") or a victim in the third person
//!   ("一男子…先后转账") without addressing the reader is retold.
//! - **Told is not done.** A Chinese text that narrates a scam (a news report, "据报道",
//!   "中央社"; an anti-fraud campaign, "守網者", "反诈"; the scammers, a victim or the
//!   public as the subject, "骗徒", "一名男子", "很多人"; an anecdote, "我妈昨天接到…幸好
//!   她挂了"; a verdict, "都是假的") in sentences that do not speak to the reader is
//!   bounded like a public warning, unless the sender introduces himself ("我是…民警",
//!   "本平台"), asks outside what is narrated or warned of, or gives a contact of his own
//!   (a link, a number, an account, a chat handle) outside a warning.
//! - **Money to the reader is no ask.** A refund on its way back ("将原路退回至您的
//!   账户"), money received ("喺 25/05 收到 HK$28,600 轉賬"), money sent to the reader
//!   ("生活费给你转过去了", "我轉咗畀你") records a payment; "唔使你提供任何銀行資料"
//!   denies the ask; "係你幫我買藥嘅錢" names what money was for.
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

use serde::Serialize;
use verify::{Verdict, Verification};

mod concepts;
mod email;
mod eval;
mod extract;
mod findings;
mod fold;
mod language;
mod passes;
mod phrases;
mod premium;
mod scorer;
mod scripts;
mod sms_service;
#[cfg(test)]
mod snapshots;
#[cfg(test)]
mod tests;
mod zh_concepts;
mod zh_fold;

pub use email::{EmailAnalysis, analyze_email, analyze_email_with};
pub use eval::{Confusion, EvalReport, evaluate};
pub use extract::MAX_INDICATORS;
use findings::Findings;
use passes::context::Context;
use passes::damping::{Damping, List};
use passes::families::FamilyTally;
use passes::score::{self, Signals};
use passes::{actions, combinations, matching, obfuscation, tactics, told, verdicts, wording};
pub use scorer::{Model, Scorer, Training, training_features};
// The unit tests read these through `use super::*`.
#[cfg(test)]
use {phrases::PHRASES, std::sync::LazyLock};

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
    /// An attachment that opens as a web page or runs as a program.
    EmailAttachment,
    /// A form in the email that asks for a password, a card number or a PIN.
    EmailSecretForm,
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
    /// An official channel that someone else controls (marked compromised in the
    /// registry): a link to it or a contact through it is a risk, not a reassurance.
    CompromisedOfficial,
    /// Words that the wording scorer found common in scam messages and rare in ordinary
    /// ones (the strongest few are shown).
    ScamWording,
}

impl ReasonCode {
    /// Every reason, in declaration order.
    pub const ALL: [ReasonCode; 54] = [
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
        ReasonCode::EmailAttachment,
        ReasonCode::EmailSecretForm,
        ReasonCode::EmailLookalikeSender,
        ReasonCode::Obfuscated,
        ReasonCode::ScriptFakeAuthority,
        ReasonCode::ScriptLoanFee,
        ReasonCode::ScriptFakeService,
        ReasonCode::ScriptAcquaintance,
        ReasonCode::ScriptTask,
        ReasonCode::ScriptInvestment,
        ReasonCode::ScriptCallback,
        ReasonCode::CompromisedOfficial,
        ReasonCode::ScamWording,
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
            EmailAttachment => "email-attachment",
            EmailSecretForm => "email-secret-form",
            EmailLookalikeSender => "email-lookalike-sender",
            Obfuscated => "obfuscated",
            ScriptFakeAuthority => "script-fake-authority",
            ScriptLoanFee => "script-loan-fee",
            ScriptFakeService => "script-fake-service",
            ScriptAcquaintance => "script-acquaintance",
            ScriptTask => "script-task",
            ScriptInvestment => "script-investment",
            ScriptCallback => "script-callback",
            CompromisedOfficial => "compromised-official",
            ScamWording => "scam-wording",
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

/// Analyzes one message. Never panics; linear in the text length.
pub fn analyze<'i>(msg: &Message<'_>, index: &'i verify::Index) -> Analysis<'i> {
    analyze_with(msg, index, Scorer::Builtin)
}

/// [`analyze`] with another wording scorer: [`Scorer::Off`] for the rules alone, or a
/// model trained without the text's own corpus (cross-validation).
pub fn analyze_with<'i>(
    msg: &Message<'_>,
    index: &'i verify::Index,
    scorer: Scorer<'_>,
) -> Analysis<'i> {
    let sender = msg
        .sender
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| index.verify(s, None))
        .filter(|v| v.verdict != Verdict::Invalid);
    run(msg.text, sender, Vec::new(), List::None, index, scorer)
}

/// The analysis proper, as a pipeline of passes (see [`passes`]). `early` holds findings
/// made outside the text (the email checks), added first so that their reasons win over
/// generic ones on the same span. `list`: the text is an email that came through a
/// newsletter service or a discussion list, where weak words stay below *high*.
fn run<'i>(
    text: &str,
    sender: Option<Verification<'i>>,
    early: Vec<(Tactic, f32, Evidence)>,
    list: List,
    index: &'i verify::Index,
    scorer: Scorer<'_>,
) -> Analysis<'i> {
    let (text, truncated) = passes::truncate(text);
    let indicators = extract::indicators(text, index);
    // Words inside an indicator (a URL path, an email) are not phrases.
    let matches = matching::find(text, &indicators);
    let zh_steps = zh_concepts::found(text, &matches.folded);
    let ctx = Context::new(
        text,
        &matches.phrases,
        &matches.steps,
        &zh_concepts::secrecy(&zh_steps),
    );

    // Of two reasons for one span the first added is kept, so the order of the passes
    // below is part of the result.
    let mut findings = Findings::with_early(early, text.len());
    let cues = tactics::phrase_findings(text, &matches.phrases, &ctx, &mut findings);
    let mut families = FamilyTally::default();
    families.add_steps(text, &matches.steps, &ctx, &mut findings);
    families.add_money_and_kin(text, &matches.folded, &ctx, &mut findings);
    families.add_concepts(text, &matches.folded, &ctx, &mut findings);
    families.add_zh_concepts(text, &zh_steps, &ctx, &mut findings);
    families.add_returns(text, &matches.folded, &ctx, &mut findings);
    let verdicts =
        verdicts::indicator_findings(text, &indicators, &cues.actions, &ctx, &mut findings)
            .with_sender(sender.as_ref());

    // Phrases that count only together with a link, a greeting or a lure, once every
    // phrase and indicator is in.
    combinations::login_phishing(
        text,
        &cues.login,
        &indicators,
        verdicts.suspicious_link,
        &mut findings,
    );
    if list == List::None {
        combinations::message_lures(text, &indicators, verdicts.suspicious_link, &mut findings);
    }
    combinations::prune_watering_hole(&mut findings);
    combinations::spear_phishing(text, &cues.details, &mut findings);
    // A prize won that costs a fee first ("中咗頭獎…俾$500行政費") is a prize claim, and so
    // are the other lures of [`zh_concepts::lure`].
    let prize_fee = zh_steps.iter().any(|&(s, _, rule)| {
        zh_concepts::lure(rule, verdicts.suspicious_link && list == List::None)
            && !ctx.warned(s)
            && !ctx.negated(s)
    });
    let paid_service =
        actions::premium_rate(text, &ctx, &indicators, list == List::None, &mut findings)
            || prize_fee;
    let acted = actions::call_to_action(text, &cues.actions, &indicators, &mut findings);

    // A script is judged by the kind of text and the number to call; disguises are noted
    // under the tactic they overlap, so they come after every tactic.
    // A short text signed by its sender's name, sending the reader only to the site that
    // name spells, is that service's own notice, read as an email's; not when it promises
    // returns (an advisory service's pitch from its own site is still a pitch).
    let list_in = list;
    let list = if list == List::None
        && text.len() < sms_service::MAX_SMS_BYTES
        && findings.confidence(Tactic::TooGoodToBeTrue) == 0.0
        && email::text_own_notice(text, &indicators, index)
    {
        List::OwnNotice
    } else {
        list
    };
    // A text that tells of a scam (news, a campaign, an anecdote) is bounded like a
    // public warning; only messages: mail has bounds of its own.
    let told =
        list_in == List::None && told::told(text, &matches.folded, &ctx, &indicators, &findings);
    let damping = Damping::new(&cues, text, list, ctx.hotline() || told);
    let phone = actions::phone_to_call(text, families.callback_ask(), &indicators)
        && !actions::receipt(text, &findings);
    let script = families.best(
        text,
        damping.about_scams,
        damping.marketing,
        phone,
        damping.long(),
    );
    if let Some(script) = script {
        families.name(script, text, &mut findings);
    }
    let disguised = obfuscation::disguised_words(text, matches.obfuscated, &mut findings);

    // A list discussion quotes scripts and disguised words; its indicators still count.
    // A paid service or a prize claim is judged like a script: not in a text about scams.
    let paid_service = paid_service && !damping.about_scams && !damping.discussion;
    let strong = verdicts.reported
        || verdicts.impersonation
        || (!damping.discussion && (script.is_some() || disguised || paid_service));
    let bound = damping.bound(&findings, strong);
    let mut score = score::score(
        &findings,
        Signals {
            link: verdicts.suspicious_link,
            reported: verdicts.reported,
            impersonation: verdicts.impersonation,
            acted,
            script_steps: script.map_or(0, |s| s.steps),
            paid_service,
            disguised,
            bound,
        },
    );
    // The wording scorer lifts what the rules left below medium to medium at most, only
    // with some evidence of the rules to stand on, never in a text about scams.
    if let Some(model) = scorer.model()
        && score < wording::MEDIUM
        && bound >= f32::from(wording::MEDIUM)
        && !damping.about_scams
        && !damping.discussion
    {
        score = wording::lift(model, text, &matches.folded, score, &mut findings);
    }
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

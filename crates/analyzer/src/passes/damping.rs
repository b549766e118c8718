//! Pass: how far weak evidence may lift the score, by the kind of text: marketing, a
//! text about scams, mailing-list mail, a long text.

use crate::findings::Findings;
use crate::{ReasonCode, Tactic, premium};

use super::tactics::Cues;

/// Phrases that are evidence on their own, which lift the bound on weak evidence.
const STRONG_REASONS: [ReasonCode; 5] = [
    ReasonCode::AskForSecret,
    ReasonCode::PaymentGiftCard,
    ReasonCode::PaymentPremiumRate,
    ReasonCode::BaitMultiply,
    ReasonCode::PaymentReportedAddress,
];

/// Indicator verdicts and email checks that are evidence on their own.
const STRONG_CHECKS: [ReasonCode; 9] = [
    ReasonCode::PhishingReported,
    ReasonCode::CompromisedOfficial,
    ReasonCode::PhishingLookalike,
    ReasonCode::PretextImpersonation,
    ReasonCode::EmailDisplayName,
    ReasonCode::EmailLookalikeSender,
    ReasonCode::EmailLinkMismatch,
    ReasonCode::EmailAttachment,
    ReasonCode::EmailSecretForm,
];

/// From this many bytes a text is long: a newsletter, a discussion, an article (an SMS
/// is at most a few hundred).
const LONG_TEXT: usize = 1000;

/// From this many bytes a text holds several topics (an SMS or a call transcript of a
/// few hundred Chinese characters is one).
const SCATTERED_TEXT: usize = 2 * LONG_TEXT;

/// From this many bytes a text naming scams with two different words is about them (a
/// scam message is shorter, and rarely names itself); three words from 150 bytes.
const ABOUT_SCAMS_MIN: usize = 600;

/// From this confidence in baiting (a prize, something free), a text with an opt-out line
/// is premium or prize spam rather than a shop's offer: those print the line too.
const OPTED_BAIT: f32 = 0.5;

/// The most words may make of a post addressed to the discussion list that names itself:
/// *low*. A post quotes lures, reports phishing and debugs log-ins; only the mail's own
/// checks (a look-alike sender, a lying link, a reported indicator) lift it.
const DISCUSSION_BOUND: f32 = 34.0;

/// From this many bytes an email that came through no list may be a small sender's
/// newsletter (several items, offers and links) and is bounded as marketing; a shorter
/// one is a single notice, and a parcel fee or a prize in it reads as an offer only
/// when it comes as bulk mail, which names its unsubscription (`List-Unsubscribe`).
const DIRECT_NEWSLETTER: usize = 600;

/// How an email reached the reader, by its `List-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// Not an email.
    None,
    /// An email that came through no list.
    Direct,
    /// A newsletter or bulk sender (`List-Unsubscribe` only).
    Bulk,
    /// A discussion list that names itself (`List-Id`).
    Discussion,
    /// A discussion list that names itself, in a post addressed to the list: how a
    /// member's post arrives (a brand's newsletter is addressed to the reader).
    Posted,
    /// An email that came through no list (or a sender's own bulk mail, unsubscribed on
    /// its own site), whose sender, bounces, signature and every link are on the one
    /// site its display name names, which names or imitates no brand of the registry it
    /// is not the official site of: a service's own notice, which says "unusual sign-in"
    /// and "payment failed" as phishing does, but sends the reader nowhere else. Unsigned
    /// (a small sender's plain mail), only when it gives no number to call, account or
    /// wallet either. Bounded *low* unless it asks for a secret or a payment.
    OwnNotice,
}

/// The kind of text, where weak words are expected.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Damping {
    /// Legitimate bulk marketing: prizes, links and offers are its trade.
    pub marketing: bool,
    /// A short text with a bulk sender's opt-out line and no log-in or keyword asked
    /// for: a shop's offer, whose deadline ("today only") is its trade; a prize or a
    /// freebie beside it still counts (see [`Damping::bound`]).
    pub opted: bool,
    /// A long text that talks about scams (a security team's discussion, a newsletter's
    /// warning column): it describes scripts rather than running one.
    pub about_scams: bool,
    /// An email that came through a mailing list or newsletter service.
    pub list_mail: bool,
    /// An email: its words are what real services write too (a sign-in alert says
    /// "unusual sign-in" and "secure your account"); only the mail's own checks tell.
    email: bool,
    /// An email posted to a discussion list (it names its list: `List-Id`): a post
    /// quotes, describes and discusses; it does not run a script on the reader.
    pub discussion: bool,
    /// A post addressed to the discussion list it came through (see [`List::Posted`]).
    posted: bool,
    /// A service's own notice (see [`List::OwnNotice`]).
    own_notice: bool,
    /// An email that came through no list: a short one is not marketing by its words
    /// (see [`DIRECT_NEWSLETTER`]).
    direct: bool,
    /// The text's length in bytes.
    len: usize,
    /// A public-service warning: it sends the reader to an anti-fraud hotline
    /// ([`crate::passes::context::Context::hotline`]), or it tells of a scam rather
    /// than runs one ([`crate::passes::told`]).
    public_warning: bool,
}

impl Damping {
    /// Reads the kind of text from its marketing and about-scams words, its opt-out line
    /// and its length; `warning`: it sends the reader to an anti-fraud hotline or tells
    /// of a scam (a news report, a campaign, an anecdote).
    pub(crate) fn new(cues: &Cues, text: &str, list: List, warning: bool) -> Damping {
        let len = text.len();
        let list_mail = matches!(list, List::Bulk | List::Discussion | List::Posted);
        let about_scams = warning
            || match cues.about_words.len() {
                0 | 1 => false,
                2 => len >= ABOUT_SCAMS_MIN,
                _ => len >= 150,
            };
        // A short English text is marketing by its opt-out line (its words alone are
        // what spam writes too), unless it also asks for a log-in or confirmation, or for
        // a keyword to join a service: smishing and premium spam copy the line.
        let opted = list == List::None
            && cues.login.is_empty()
            && premium::opt_out_line(text)
            && premium::reply_keywords(text).is_empty();
        let marketing = cues.marketing_zh >= 1.0 || (cues.marketing_en && len > 600);
        Damping {
            marketing,
            opted,
            about_scams,
            list_mail,
            email: list != List::None,
            discussion: matches!(list, List::Discussion | List::Posted),
            posted: list == List::Posted,
            own_notice: list == List::OwnNotice,
            direct: list == List::Direct,
            len,
            public_warning: warning,
        }
    }

    /// A long text or mailing-list mail: many topics, where the steps of a script must
    /// stand together to count.
    pub(crate) fn long(&self) -> bool {
        self.list_mail || self.len >= SCATTERED_TEXT
    }

    /// The most the score may be. No bound with strong evidence: `strong` signals
    /// (reported or impersonating indicators, a script, disguised words), strong phrases
    /// (a secret asked for, gift cards; except in a text about scams, which names them),
    /// indicator verdicts and email checks. Without it, marketing (and a shop's offer
    /// with an opt-out line) stays *low*; emails,
    /// texts about scams and long texts stay below *high*.
    pub(crate) fn bound(&self, findings: &Findings, strong: bool) -> f32 {
        // In a list discussion only the checks of the mail itself (a look-alike sender,
        // a link that lies, a reported indicator) count as strong: words, and scripts
        // made of words, are what a discussion is about.
        let words = !self.about_scams && !self.discussion;
        // In bulk mail a strong phrase is what a newsletter quotes or sells: a gift card
        // is a prize ("win a $500 gift card"), and "a message asking you to update your
        // password" is what its safety column warns of. Only a reported address stays
        // strong there; the mail's own checks lift it, and a forged list header costs a
        // phish no more than high: the bound on words is medium.
        // In a service's own notice a gift card is its own product (a card sent to the
        // reader, its code and balance): named, it asks a payment, which keeps the bound
        // of direct mail, but it is no evidence on its own.
        let strong_reasons = STRONG_REASONS
            .iter()
            .copied()
            .filter(|&r| !self.list_mail || r == ReasonCode::PaymentReportedAddress)
            .filter(|&r| !(self.own_notice && r == ReasonCode::PaymentGiftCard))
            .collect::<Vec<_>>();
        let strong_phrase = words && findings.any_reason(&strong_reasons);
        let strong_check = findings.any_reason(&STRONG_CHECKS);
        if strong || strong_phrase || strong_check {
            100.0
        } else if (self.marketing && !(self.direct && self.len < DIRECT_NEWSLETTER))
            || (self.opted && findings.confidence(Tactic::Baiting) < OPTED_BAIT)
        {
            30.0
        } else if self.posted
            || self.public_warning
            || (self.own_notice && !asks_secret_or_payment(findings))
        {
            DISCUSSION_BOUND
        } else if self.list_mail || self.about_scams || self.email {
            59.0
        } else {
            // Long texts (newsletters, discussions) hold many weak words by chance.
            weak_bound(self.len)
        }
    }
}

/// Whether a text asks for a secret, a credential or a payment (a new payee, an
/// address to send to): alignment proves who sent a notice, not that it is the service
/// it claims, so a notice that asks for these keeps the bound of direct mail.
fn asks_secret_or_payment(findings: &Findings) -> bool {
    findings.confidence(Tactic::SecretRequest) > 0.0
        || findings.confidence(Tactic::PaymentInstruction) > 0.0
}

/// The most weak evidence can add up to in a text of `len` bytes: no bound for short
/// messages; below *high* for long ones (a long newsletter or discussion holds "free",
/// "award", "police", "login" by chance).
fn weak_bound(len: usize) -> f32 {
    if len >= LONG_TEXT { 59.0 } else { 100.0 }
}

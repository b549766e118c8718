//! Pass: the tactics phrases show on their own, and the cues other passes combine.

use crate::findings::{Findings, evidence};
use crate::phrases::{Class, Phrase};
use crate::{ReasonCode, Tactic};

use super::context::Context;
use super::matching::Hit;

/// A span with a confidence: a phrase that counts only with something else.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The phrase's confidence.
    pub confidence: f32,
}

/// Phrases that are not evidence on their own, for the passes that combine them.
#[derive(Default)]
pub(crate) struct Cues {
    /// Log-in or verification words: phishing with a link.
    pub login: Vec<Cue>,
    /// Account details: spear-phishing after a greeting by name.
    pub details: Vec<(usize, usize)>,
    /// Calls to action: count with a target and a lure.
    pub actions: Vec<Cue>,
    /// The weights of Chinese marketing markers, summed.
    pub marketing_zh: f32,
    /// Whether an English marketing marker was found.
    pub marketing_en: bool,
    /// The different words naming scams ("scam" and "scams" are one).
    pub about_words: Vec<&'static str>,
}

/// Adds the findings of tactic and secret phrases, except where a warning names them,
/// and sorts the other phrases into [`Cues`].
pub(crate) fn phrase_findings(
    text: &str,
    hits: &[Hit<Phrase>],
    ctx: &Context,
    findings: &mut Findings,
) -> Cues {
    let mut cues = Cues::default();
    for &Hit {
        start: s,
        end: e,
        phrase: &(phrase, class, reason, conf),
    } in hits
    {
        match class {
            // A warning that describes a pretext ("scammers pose as customer service")
            // is not one.
            // A notice's help line names its own desk ("如有疑问请联系客服").
            Class::Tactic(Tactic::Pretexting)
                if ctx.negated(s) || ctx.own_line(s) || ctx.help_line(s) => {}
            // "已成功提现", "收到一筆轉賬": a record of money moved asks for none.
            Class::Tactic(Tactic::PaymentInstruction) if ctx.record(s) || ctx.held(s) => {}
            // "【微信支付】": the sender's signature names it, it invites to no app.
            Class::Tactic(Tactic::OffPlatform) if ctx.signature(s) => {}
            // "we were unable to recover your funds": a case closed, not an offer.
            Class::Tactic(Tactic::TooGoodToBeTrue)
                if reason == ReasonCode::TooGoodRecovery
                    && crate::concepts::recovery_denied(text, s) => {}
            // A warning names the instruction it warns against ("police will never ask
            // you to transfer money to a safe account").
            Class::Tactic(
                Tactic::PaymentInstruction
                | Tactic::Urgency
                | Tactic::OffPlatform
                | Tactic::QuidProQuo,
            ) if ctx.warned(s) || ctx.negated(s) || ctx.ask_disclaimed(s) => {}
            // "Free" as a term of what was booked ("free cancellation until 8 July", "seat
            // choice free of charge") gives nothing away.
            Class::Tactic(Tactic::Baiting) if phrase == "free" && purchase_term(&text[e..]) => {}
            Class::Tactic(tactic) => findings.add(tactic, conf, evidence(text, s, e, reason)),
            Class::Secret => {
                let sentence = ctx.sentence(s);
                if ctx.sentence_negated(sentence)
                    || (reason == ReasonCode::SecretPassword && household(&text[..s]))
                {
                    continue;
                }
                if let Some((a_s, a_e)) = ctx.ask_in(sentence) {
                    findings.add(Tactic::SecretRequest, conf, evidence(text, s, e, reason));
                    findings.add(
                        Tactic::SecretRequest,
                        0.0,
                        evidence(text, a_s, a_e, ReasonCode::AskForSecret),
                    );
                } else if matches!(reason, ReasonCode::SecretSeed | ReasonCode::SecretRemote)
                    && !ctx.any_disclaimed()
                {
                    // No legitimate party asks about these, so a mention counts weakly.
                    findings.add(Tactic::SecretRequest, 0.5, evidence(text, s, e, reason));
                }
            }
            Class::Login => cues.login.push(Cue {
                start: s,
                end: e,
                confidence: conf,
            }),
            Class::AccountDetail => cues.details.push((s, e)),
            // "Reply-To:" labels a header line of an email document, it asks nothing;
            // "如非本人操作，请拨打95566" is the service's own line; "如有疑问请致电…"
            // offers one.
            Class::Action
                if text[e..].starts_with("-To:") || ctx.own_line(s) || ctx.help_line(s) => {}
            Class::Action => cues.actions.push(Cue {
                start: s,
                end: e,
                confidence: conf,
            }),
            Class::Marketing => {
                if phrase_is_ascii(s, e, text) {
                    cues.marketing_en = true;
                } else {
                    cues.marketing_zh += conf;
                }
            }
            Class::AboutScams => {
                // "scam" and "scams" are one word.
                let word = phrase.strip_suffix("ms").map_or(phrase, |_| "scam");
                if !cues.about_words.contains(&word) {
                    cues.about_words.push(word);
                }
            }
            Class::Ask | Class::Negation => {}
        }
    }
    cues
}

/// The terms of a booking that are free by its conditions: cancelling it, its extras.
/// (Not "free returns" or "free delivery": a shop's offer, which fake shops copy.)
const PURCHASE_TERMS: &[&str] = &[
    "cancellation",
    "cancellations",
    "wifi",
    "wi-fi",
    "parking",
    "breakfast",
];

/// Whether the words right after "free" name a term of a booking ("free cancellation",
/// "free of charge"), not a thing given away ("free gift", "free iPhone").
fn purchase_term(after: &str) -> bool {
    let rest = after.trim_start().to_lowercase();
    let word = rest
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or_default();
    PURCHASE_TERMS.contains(&word) || rest.starts_with("of charge")
}

/// Whether a span is ASCII (an English marker rather than a Chinese one).
fn phrase_is_ascii(start: usize, end: usize, text: &str) -> bool {
    text.get(start..end).is_some_and(str::is_ascii)
}

/// Things a household shares the password of ("the wifi password", "the router PIN"):
/// asked for by family and guests, never an account's secret.
const HOUSEHOLD: &[&str] = &[
    "wifi", "wi-fi", "router", "network", "hotspot", "guest", "door", "gate", "garage", "alarm",
    "locker", "netflix", "spotify", "disney", "hulu", "tv", "laptop", "ipad", "tablet",
];

/// Whether the word just before a password names a household thing.
fn household(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    HOUSEHOLD.contains(&word.as_str())
}

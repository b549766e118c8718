//! Passes: what the message tells the reader to do: pay a premium-rate service, call,
//! text or click something.

use indicator::Kind;
use verify::Verdict;

use crate::findings::{Findings, evidence};
use crate::{Found, ReasonCode, Tactic, premium, sms_service};

use super::context::Context;
use super::tactics::Cue;
use super::verdicts::is_link;

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

/// Premium-rate services by shape: a small charge per message, minute or week, and a
/// keyword to text to a short code (see `premium`). Warnings about them do not count.
/// Returns whether the marks of a paid service or a prize claim make one (see
/// `sms_service`): the score's floor of *medium*.
pub(crate) fn premium_rate(
    text: &str,
    ctx: &Context,
    indicators: &[Found<'_>],
    findings: &mut Findings,
) -> bool {
    let charges = premium::charges(text).into_iter().map(|(s, e)| (s, e, 0.5));
    let codes = premium::short_codes(text)
        .into_iter()
        .map(|(s, e)| (s, e, 0.4));
    for (s, e, conf) in charges.chain(codes) {
        if !ctx.warned(s) {
            findings.add(
                Tactic::PaymentInstruction,
                conf,
                evidence(text, s, e, ReasonCode::PaymentPremiumRate),
            );
        }
    }
    let marks = sms_service::marks(text, indicators, |pos| ctx.warned(pos));
    for &(s, e, tactic, reason, conf) in &marks {
        findings.add(tactic, conf, evidence(text, s, e, reason));
    }
    !marks.is_empty()
}

/// A call to action makes the strongest lure, threat or pretext something to act on:
/// the first action verb with a target, else a number charged at a premium rate or a
/// link that is not official (each is itself the call to action). Returns whether it
/// did.
pub(crate) fn call_to_action(
    text: &str,
    actions: &[Cue],
    indicators: &[Found<'_>],
    findings: &mut Findings,
) -> bool {
    let charged = indicators.iter().find(|f| {
        let v = &f.verification;
        let charged = matches!(&v.indicator, Some(indicator::Indicator::Phone(p)) if p.line_type().is_charged());
        charged || (is_link(v.kind()) && v.verdict != Verdict::Official)
    });
    let cta = actions
        .iter()
        .find(|a| has_target(text, a.end, indicators))
        .copied()
        .or(charged.map(|f| Cue {
            start: f.start,
            end: f.end,
            confidence: 0.5,
        }));
    let lure = LURES
        .iter()
        .map(|&t| (t, findings.confidence(t)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|&(_, c)| c >= 0.25);
    if let (Some(cta), Some((tactic, _))) = (cta, lure) {
        findings.add(
            tactic,
            cta.confidence,
            evidence(text, cta.start, cta.end, ReasonCode::CallToAction),
        );
        true
    } else {
        false
    }
}

/// Whether there is a number to call that is not official: a phone number after the
/// callback script's ask (`callback_ask`), or any phone indicator.
pub(crate) fn phone_to_call(
    text: &str,
    callback_ask: Option<(usize, usize)>,
    indicators: &[Found<'_>],
) -> bool {
    callback_ask.is_some_and(|(_, e)| number_follows(text, e, indicators))
        || indicators.iter().any(|f| {
            f.verification.kind() == Some(Kind::Phone)
                && f.verification.verdict != Verdict::Official
        })
}

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

/// How far after a callback's ask ("call our billing team within 24 hours at") the
/// number may start, in bytes: the rest of a sentence.
const CALLBACK_REACH: usize = 80;

/// Whether a phone number that is not official follows `from` within [`CALLBACK_REACH`]
/// bytes: a run of at least seven digits (spaces, dashes, dots, brackets between).
fn number_follows(text: &str, from: usize, indicators: &[Found<'_>]) -> bool {
    let reach = from.saturating_add(CALLBACK_REACH).min(text.len());
    let reach = text.floor_char_boundary(reach);
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
            // "within 24 hours at +1 …": a short number on the way is not the one.
            _ => digits = 0,
        }
        if digits >= 7 {
            return true;
        }
    }
    false
}

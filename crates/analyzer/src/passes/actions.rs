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
/// `sms_service`): the score's floor of *medium*. `sms`: the text is no email (offers
/// read by their register are an SMS's; a shop's mail is written in the same register).
/// Charges per unit and short codes are read in messages only: a premium service bills
/// by text message, and an email's price per item, call or month is a shop's or a
/// bill's ("raffle tickets £1 each", a receipt's "£2.49 … VAT charged").
pub(crate) fn premium_rate(
    text: &str,
    ctx: &Context,
    indicators: &[Found<'_>],
    sms: bool,
    findings: &mut Findings,
) -> bool {
    let read = |spans: Vec<(usize, usize)>| if sms { spans } else { Vec::new() };
    let charges = read(premium::charges(text))
        .into_iter()
        .map(|(s, e)| (s, e, 0.5));
    let codes = read(premium::short_codes(text))
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
    let marks = sms_service::marks(text, indicators, sms, |pos| ctx.warned(pos));
    for &(s, e, tactic, reason, conf) in &marks {
        findings.add(tactic, conf, evidence(text, s, e, reason));
    }
    !marks.is_empty()
}

/// A call to action makes the strongest lure, threat or pretext something to act on:
/// the first action verb with a target (an opt-out line asks nothing), else a number charged at a premium rate or a
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
        .filter(|a| !premium::opts_out(text, a.end))
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
/// callback script's ask (`callback_ask`), or any phone indicator. Not when the ask
/// sends the reader to a channel they already hold (see [`known_channel`]).
pub(crate) fn phone_to_call(
    text: &str,
    callback_ask: Option<(usize, usize)>,
    indicators: &[Found<'_>],
) -> bool {
    if callback_ask.is_some_and(|(_, e)| known_channel(text, e)) {
        return false;
    }
    // A concept's ask may hold its number ("回電 0755-2318 6640"): read from its start too.
    callback_ask.is_some_and(|(s, e)| {
        number_follows(text, e, indicators) || number_follows(text, s, indicators)
    }) || indicators.iter().any(|f| {
        f.verification.kind() == Some(Kind::Phone) && f.verification.verdict != Verdict::Official
    })
}

/// Whether `run` is a national service code of mainland China, five digits undivided:
/// a public hotline (12xxx: "12333", "12393") or a company's line (95xxx: "95588").
/// Whoever writes it, it reaches the real body, so it is no number of the sender's
/// ("如有疑问请拨打12393咨询").
fn service_code(run: &[u8]) -> bool {
    run.len() == 5 && (run.starts_with(b"12") || run.starts_with(b"95"))
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
            if digits >= 5 && !(digits == 5 && service_code(&bytes[i..j]) && !text.is_ascii()) {
                return true;
            }
            i = j;
        }
        i += 1;
    }
    false
}

/// Where a reader already holds the real number: the card in their wallet, the statement
/// in their drawer. A bank's own alert says "call the number on the back of your card";
/// a callback scammer needs the reader to dial the number the message gives.
const KNOWN_CHANNELS: &[&str] = &[
    "back of your card",
    "back of the card",
    "back of your debit card",
    "back of your credit card",
    "on your statement",
    "on your card",
    "number you trust",
    "number you know",
    "卡背面",
    "卡背後",
    "卡背后",
    "卡片背面",
    "對賬單上",
    "对账单上",
    "月結單上",
];

/// Whether the callback's ask, within [`CALLBACK_REACH`] bytes after `from`, points the
/// reader to a number they already hold ([`KNOWN_CHANNELS`]) rather than only the one given.
pub(crate) fn known_channel(text: &str, from: usize) -> bool {
    let reach = text.floor_char_boundary(from.saturating_add(CALLBACK_REACH).min(text.len()));
    let window = text.get(from..reach).unwrap_or("").to_lowercase();
    KNOWN_CHANNELS.iter().any(|c| window.contains(c))
}

/// Words that name the reader's own account before its last digits ("card ending 4417",
/// "尾号8832"); a run of `x` or `*` masks the rest ("a/c XX1234").
const MASK_LEADS: &[&str] = &[
    "ending in",
    "ending",
    "尾号",
    "尾號",
    // Taiwan's cards: "末四碼5208", "卡號末4碼".
    "末四碼",
    "末四码",
    "末4碼",
    "末4码",
];

/// Whether the text names the reader's account by its masked digits: a bank's alert is
/// written to one account it holds; a callback scam goes out in bulk to people whose
/// accounts it does not know.
pub(crate) fn masked_account(text: &str) -> bool {
    let lower = text.to_lowercase();
    let digits_at = |rest: &str| {
        let rest = rest.trim_start_matches([' ', ':', '*', 'x', '#']);
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        (3..=4).contains(&n)
    };
    let led = MASK_LEADS.iter().any(|lead| {
        lower
            .match_indices(lead)
            .any(|(i, _)| digits_at(&lower[i + lead.len()..]))
    });
    let masked = ["xx", "**"].iter().any(|m| {
        lower.match_indices(m).any(|(i, _)| {
            let word_before = lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            !word_before && digits_at(&lower[i..])
        })
    });
    led || masked
}

/// Below this confidence in urgency a callback's "Not you? Call …" is the routine line
/// of an alert; a scam presses ("call immediately to stop it").
const CALM: f32 = 0.3;

/// Whether the text is a calm notice to one masked account: a receipt, whose "Not you?
/// Call …" names the bank's line, not a callback script (see [`masked_account`], [`CALM`]).
pub(crate) fn receipt(text: &str, findings: &Findings) -> bool {
    findings.confidence(Tactic::Urgency) < CALM && masked_account(text)
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

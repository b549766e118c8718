//! Passes: words that are a tactic only together with something else: log-in words with
//! a link, a trusted host with something to do on it, account details after a greeting
//! by name.

use verify::Verdict;

use crate::findings::{Findings, evidence};
use crate::{Found, ReasonCode, Tactic};

use super::tactics::Cue;
use super::verdicts::is_link;

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

/// Phishing: log-in words with a link that is not official (and the first unknown link
/// as weak evidence); without such a link, log-in words after a threat to the account,
/// at half confidence, since the link may have been mangled on purpose to pass filters
/// ("http:l/bank-auth").
pub(crate) fn login_phishing(
    text: &str,
    login: &[Cue],
    indicators: &[Found<'_>],
    suspicious_link: bool,
    findings: &mut Findings,
) {
    let login_words = |findings: &mut Findings, factor: f32| {
        for l in login {
            findings.add(
                Tactic::Phishing,
                l.confidence * factor,
                evidence(text, l.start, l.end, ReasonCode::PhishingLogin),
            );
        }
    };
    if suspicious_link && !login.is_empty() {
        login_words(findings, 1.0);
        unknown_link(text, indicators, findings);
    }
    if !suspicious_link && findings.confidence(Tactic::Urgency) >= 0.5 {
        login_words(findings, 0.5);
    }
}

/// The first link verify knows nothing of, as weak evidence of phishing: where a
/// pretext's ask leads.
fn unknown_link(text: &str, indicators: &[Found<'_>], findings: &mut Findings) {
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

/// Words that ask the reader to follow a link even when it was left out or mangled.
const CLICK_WORDS: &[&str] = &["click", "tap", "clicking", "tapping"];

/// The credential-harvesting pretexts of mail ("your mailbox storage is full", "your
/// password expires today", "your account is suspended", see [`crate::email`]) in a
/// plain message: with a link that is not official, at full confidence, and the first
/// unknown link as the ask; with only a "click"/"tap", at half. An IT notice without a
/// link ("archive old mail") or a phone's own line pointing to Settings asks nothing.
pub(crate) fn message_lures(
    text: &str,
    indicators: &[Found<'_>],
    suspicious_link: bool,
    findings: &mut Findings,
) {
    let clicks = || {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|w| CLICK_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)))
    };
    let factor = if suspicious_link {
        1.0
    } else if clicks() {
        0.5
    } else {
        return;
    };
    let found = crate::email::message_lures(text);
    if found.is_empty() {
        return;
    }
    for (tactic, confidence, ev) in found {
        findings.add(tactic, confidence * factor, ev);
    }
    unknown_link(text, indicators, findings);
}

/// A link on a trusted host counts only with something to do on it (phishing, a secret
/// asked for) or when strong on its own.
pub(crate) fn prune_watering_hole(findings: &mut Findings) {
    if findings.contains(Tactic::WateringHole)
        && !(findings.contains(Tactic::Phishing) || findings.contains(Tactic::SecretRequest))
        && findings.confidence(Tactic::WateringHole) < 0.5
    {
        findings.remove(Tactic::WateringHole);
    }
}

/// Spear-phishing: a greeting by name with account details.
pub(crate) fn spear_phishing(text: &str, details: &[(usize, usize)], findings: &mut Findings) {
    if let (Some((gs, ge)), false) = (greeting_by_name(text), details.is_empty()) {
        findings.add(
            Tactic::SpearPhishing,
            0.5,
            evidence(text, gs, ge, ReasonCode::SpearGreeting),
        );
        for &(s, e) in details {
            findings.add(
                Tactic::SpearPhishing,
                0.4,
                evidence(text, s, e, ReasonCode::SpearAccountDetail),
            );
        }
    }
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

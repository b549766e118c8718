//! Pass: the score, from the findings and what the other passes saw.

use crate::Tactic;
use crate::findings::Findings;

/// What the score needs besides the findings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Signals {
    /// A link that is not official.
    pub link: bool,
    /// An indicator reported as a scam.
    pub reported: bool,
    /// An indicator imitating an official one.
    pub impersonation: bool,
    /// A call to action with a target and a lure.
    pub acted: bool,
    /// Steps of the best scam script found (0 when none has two).
    pub script_steps: u32,
    /// The marks of a premium-rate service or a prize claim (`sms_service`).
    pub paid_service: bool,
    /// Words disguised with look-alike letters or invisible characters.
    pub disguised: bool,
    /// The most the score may be, when only weak evidence was found.
    pub bound: f32,
}

/// The score: weights times confidences, plus indicator verdicts and dangerous
/// combinations, capped at 100 and at the bound on weak evidence.
pub(crate) fn score(findings: &Findings, signals: Signals) -> u8 {
    let Signals {
        link,
        reported,
        impersonation,
        acted,
        script_steps,
        paid_service,
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
    // A paid service or a prize claim is a scam's shape, as a two-step script is.
    if paid_service {
        score = score.max(45.0);
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

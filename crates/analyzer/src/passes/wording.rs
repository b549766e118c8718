//! Pass: the wording scorer ([`crate::scorer`]) on what the rules left below medium.

use crate::findings::{self, Findings};
use crate::fold::Folded;
use crate::scorer::{self, Model};
use crate::{ReasonCode, Tactic};

/// The score of *medium*: the most the wording scorer lifts a text to.
pub(crate) const MEDIUM: u8 = 35;

/// The score after the wording scorer: `MEDIUM` when the model's probability reaches
/// its threshold and the rules found some evidence, with the strongest words noted
/// under the rules' most confident tactic; `score` unchanged otherwise.
pub(crate) fn lift(
    model: &Model,
    text: &str,
    folded: &Folded<'_>,
    score: u8,
    findings: &mut Findings,
) -> u8 {
    let Some(tactic) = strongest(findings) else {
        return score;
    };
    let reasons = findings
        .iter()
        .filter(|f| f.confidence > 0.0)
        .flat_map(|f| f.evidence.iter().map(|e| e.reason))
        .collect::<Vec<_>>();
    let judgement = model.judge_text(&folded.text, reasons.into_iter());
    if !model.reached(&judgement) {
        return score;
    }
    let spans = scorer::original_spans(&judgement, folded, text);
    if spans.is_empty() {
        return score;
    }
    for (s, e) in spans {
        findings.note(
            tactic,
            findings::evidence(text, s, e, ReasonCode::ScamWording),
        );
    }
    MEDIUM
}

/// The most confident tactic the rules found (the first in tactic order on a tie).
fn strongest(findings: &Findings) -> Option<Tactic> {
    findings
        .iter()
        .filter(|f| f.confidence > 0.0)
        .fold(None::<(Tactic, f32)>, |best, f| match best {
            Some((_, c)) if c >= f.confidence => best,
            _ => Some((f.tactic, f.confidence)),
        })
        .map(|(t, _)| t)
}

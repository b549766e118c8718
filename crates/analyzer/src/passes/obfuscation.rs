//! Pass: disguised words, said where they were found.

use crate::findings::{Findings, evidence};
use crate::{ReasonCode, Tactic};

/// Notes each disguised span (look-alike letters, invisible characters) under the
/// tactic whose evidence it overlaps, or else as weak phishing. Returns whether there
/// was any.
pub(crate) fn disguised_words(
    text: &str,
    mut obfuscated: Vec<(usize, usize)>,
    findings: &mut Findings,
) -> bool {
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
    disguised
}

//! The findings of one analysis, per tactic, as the passes add them.

use std::collections::BTreeMap;

use crate::{Evidence, Finding, ReasonCode, Tactic};

/// Accumulates findings per tactic. Evidence keeps the order it was added in until
/// [`Findings::into_tactics`], so that of two reasons for one span the first added wins.
#[derive(Default)]
pub(crate) struct Findings(BTreeMap<Tactic, Finding>, Long);

/// Whether the text is long (a newsletter, a discussion), where the same words come back
/// by chance.
#[derive(Default, Clone, Copy)]
pub(crate) struct Long(bool);

/// From this many bytes the same words again do not add up (an SMS repeats its lure on
/// purpose: "claim… claim"; a newsletter says "package" in three items).
const LONG_TEXT: usize = 1000;

impl Findings {
    /// Findings made outside the text (the email checks), added before any pass so that
    /// their reasons win over generic ones on the same span; spans beyond the (possibly
    /// truncated) text are dropped.
    pub(crate) fn with_early(early: Vec<(Tactic, f32, Evidence)>, text_len: usize) -> Findings {
        let mut findings = Findings(BTreeMap::new(), Long(text_len >= LONG_TEXT));
        for (tactic, confidence, evidence) in early {
            if evidence.end <= text_len {
                findings.add(tactic, confidence, evidence);
            }
        }
        findings
    }

    /// The finding of `tactic`, created empty. Inlined, as the map's entry code was
    /// before it was shared: `add` runs for every phrase found.
    #[inline]
    fn entry(&mut self, tactic: Tactic) -> &mut Finding {
        self.0.entry(tactic).or_insert(Finding {
            tactic,
            confidence: 0.0,
            evidence: Vec::new(),
        })
    }

    /// Adds evidence and its confidence (noisy-or), once per span.
    pub(crate) fn add(&mut self, tactic: Tactic, confidence: f32, evidence: Evidence) {
        let Long(long) = self.1;
        let f = self.entry(tactic);
        if f.evidence
            .iter()
            .any(|e| e.start == evidence.start && e.end == evidence.end)
        {
            return;
        }
        // In a long text repetition is not corroboration: the same words again
        // ("package… package") are shown but do not raise the confidence.
        let repeated = long
            && f.evidence.iter().any(|e| {
                e.reason == evidence.reason && e.text.eq_ignore_ascii_case(&evidence.text)
            });
        if !repeated {
            f.confidence = noisy_or(f.confidence, confidence);
        }
        f.evidence.push(evidence);
    }

    /// Adds evidence without changing the confidence (a second reason for a span).
    pub(crate) fn note(&mut self, tactic: Tactic, evidence: Evidence) {
        let f = self.entry(tactic);
        if !f.evidence.iter().any(|e| {
            e.start == evidence.start && e.end == evidence.end && e.reason == evidence.reason
        }) {
            f.evidence.push(evidence);
        }
    }

    /// Raises the confidence of a tactic (noisy-or) without evidence of its own.
    pub(crate) fn boost(&mut self, tactic: Tactic, confidence: f32) {
        let f = self.entry(tactic);
        f.confidence = noisy_or(f.confidence, confidence);
    }

    /// The confidence of a tactic, 0 when not found.
    pub(crate) fn confidence(&self, tactic: Tactic) -> f32 {
        self.0.get(&tactic).map_or(0.0, |f| f.confidence)
    }

    /// Whether the tactic was found, even with no confidence yet.
    pub(crate) fn contains(&self, tactic: Tactic) -> bool {
        self.0.contains_key(&tactic)
    }

    /// Drops a tactic and its evidence.
    pub(crate) fn remove(&mut self, tactic: Tactic) {
        self.0.remove(&tactic);
    }

    /// Every finding, in tactic order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.values()
    }

    /// Whether any evidence has one of these reasons.
    pub(crate) fn any_reason(&self, reasons: &[ReasonCode]) -> bool {
        self.iter()
            .any(|f| f.evidence.iter().any(|e| reasons.contains(&e.reason)))
    }

    /// The tactics with some confidence, the most confident first, each with its evidence
    /// in order of appearance.
    pub(crate) fn into_tactics(self) -> Vec<Finding> {
        let mut tactics: Vec<Finding> = self
            .0
            .into_values()
            .filter(|f| f.confidence > 0.0)
            .collect();
        for f in &mut tactics {
            f.evidence.sort_by_key(|e| (e.start, e.end));
        }
        tactics.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.tactic.cmp(&b.tactic))
        });
        tactics
    }
}

/// Two independent chances of one thing: `1 - (1 - a)(1 - b)`, `b` clamped to 0..1.
fn noisy_or(a: f32, b: f32) -> f32 {
    1.0 - (1.0 - a) * (1.0 - b.clamp(0.0, 1.0))
}

/// The evidence of `reason` at `start..end` of `text` (empty text when out of bounds).
pub(crate) fn evidence(text: &str, start: usize, end: usize, reason: ReasonCode) -> Evidence {
    Evidence {
        start,
        end,
        text: text.get(start..end).unwrap_or_default().to_owned(),
        reason,
    }
}

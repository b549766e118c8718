//! Evaluation on a labelled corpus: how often each label is rated at each risk level.

use std::collections::BTreeMap;
use std::fmt;

use crate::{Message, Risk, analyze};

/// How the messages of one label were rated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Messages per risk level, indexed like [`Risk::ALL`].
    pub by_risk: [usize; 5],
}

impl Confusion {
    /// Messages of this label.
    pub fn total(&self) -> usize {
        self.by_risk.iter().sum()
    }

    /// Messages rated medium or above.
    pub fn flagged(&self) -> usize {
        self.by_risk[Risk::Medium as usize..].iter().sum()
    }

    /// The share rated medium or above, 0 to 1 (0 when empty).
    pub fn flagged_rate(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.flagged() as f64 / n as f64,
        }
    }
}

/// The result of [`evaluate`]: a confusion row per label (lowercased, trimmed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalReport {
    /// Rows by label.
    pub labels: BTreeMap<String, Confusion>,
}

/// Analyzes every `(label, text)` row and counts the risk levels per label.
pub fn evaluate(rows: impl Iterator<Item = (String, String)>, index: &verify::Index) -> EvalReport {
    let mut report = EvalReport::default();
    for (label, text) in rows {
        let analysis = analyze(
            &Message {
                text: &text,
                channel: Some("sms"),
                sender: None,
            },
            index,
        );
        let row = report
            .labels
            .entry(label.trim().to_lowercase())
            .or_default();
        row.by_risk[analysis.risk as usize] += 1;
    }
    report
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<12}{:>7}", "label", "total")?;
        for risk in Risk::ALL {
            write!(f, "{:>10}", risk.as_str())?;
        }
        writeln!(f, "{:>12}", "medium+")?;
        for (label, row) in &self.labels {
            write!(f, "{label:<12}{:>7}", row.total())?;
            for n in row.by_risk {
                write!(f, "{n:>10}")?;
            }
            writeln!(f, "{:>11.1}%", row.flagged_rate() * 100.0)?;
        }
        Ok(())
    }
}

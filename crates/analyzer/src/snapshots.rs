//! Snapshot tests: the full analysis of a few hundred of our own texts, one file per
//! group, so that any change in judgement shows as a reviewed diff. Update with
//! `UPDATE_EXPECT=1 cargo test -p analyzer snapshots`.

use std::fmt::Write;

use expect_test::expect_file;

use crate::tests::{index_for_snapshots, split_csv};
use crate::{Analysis, Message, analyze, analyze_email};

/// One analysis, compactly: risk, score, then each tactic with its evidence.
fn render(out: &mut String, label: &str, text: &str, a: &Analysis<'_>) {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .take(160)
        .collect();
    let _ = writeln!(out, "## [{label}] {one_line}");
    let _ = writeln!(out, "{} {}", a.risk.as_str(), a.score);
    for f in &a.tactics {
        let ev: Vec<String> = f
            .evidence
            .iter()
            .map(|e| format!("{:?}@{}={}", e.text, e.start, e.reason.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "  {} {:.2}: {}",
            f.tactic.as_str(),
            f.confidence,
            ev.join(", ")
        );
    }
    for i in &a.indicators {
        let _ = writeln!(
            out,
            "  indicator {:?} {}",
            i.text,
            i.verification.verdict.as_str()
        );
    }
}

fn messages(csv: &str) -> String {
    let mut out = String::new();
    for (label, text) in split_csv(csv) {
        let a = analyze(
            &Message {
                text: &text,
                channel: None,
                sender: None,
            },
            index_for_snapshots(),
        );
        render(&mut out, &label, &text, &a);
    }
    out
}

#[test]
fn messages_corpus() {
    expect_file!["snapshots/messages.txt"]
        .assert_eq(&messages(include_str!("../../../data/eval/messages.csv")));
}

#[test]
fn script_cases() {
    expect_file!["snapshots/scripts.txt"]
        .assert_eq(&messages(include_str!("snapshots/scripts.csv")));
}

#[test]
fn emails_corpus() {
    let mut out = String::new();
    for (label, raw) in split_csv(include_str!("../../../data/eval/emails.csv")) {
        match mail::parse(raw.as_bytes()) {
            Ok(email) => {
                let a = analyze_email(&email, index_for_snapshots());
                let subject = email.subject.clone().unwrap_or_default();
                render(&mut out, &label, &subject, &a.analysis);
            }
            Err(e) => {
                let _ = writeln!(out, "## [{label}] unreadable: {e}");
            }
        }
    }
    expect_file!["snapshots/emails.txt"].assert_eq(&out);
}

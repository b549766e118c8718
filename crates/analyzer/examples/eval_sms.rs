//! Rates every SMS of a labelled CSV corpus and prints the confusion matrix per label.
//!
//! ```sh
//! cargo run --release -p analyzer --example eval_sms -- ../shared/datasets/sms-phishing/mishra_soni_2022.csv
//! ```
//!
//! The CSV has a header and the columns `LABEL,TEXT,…`; quoted fields may span lines.
//! Bytes that are not UTF-8 (Latin-1 in places) are decoded lossily.

use std::time::Instant;

use analyzer::evaluate;
use registry::Registry;
use verify::{Index, Options};

const REGISTRY: &str = include_str!("../../../data/eval/registry.toml");

/// Splits CSV text into records of fields (RFC 4180 quoting).
fn records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: eval_sms <mishra_soni_2022.csv> [--show LABEL]")?;
    let show = std::env::args().nth(3);
    let bytes = std::fs::read(&path)?;
    let text = String::from_utf8_lossy(&bytes);
    let rows: Vec<(String, String)> = records(&text)
        .into_iter()
        .skip(1)
        .filter_map(|r| {
            let mut it = r.into_iter();
            let label = it.next()?;
            let text = it.next()?;
            (!label.trim().is_empty()).then_some((label, text))
        })
        .collect();
    let registry = Registry::from_toml(REGISTRY)?;
    let index = Index::build(
        &registry,
        blocklist::Index::build(std::iter::empty()),
        Options {
            default_region: std::env::var("REGION").ok(),
        },
    );
    if let Some(label) = show {
        // Print the misrated messages of one label, for tuning.
        for (l, t) in &rows {
            if l.trim().eq_ignore_ascii_case(&label) {
                let a = analyzer::analyze(
                    &analyzer::Message {
                        text: t,
                        channel: Some("sms"),
                        sender: None,
                    },
                    &index,
                );
                let tactics: Vec<_> = a.tactics.iter().map(|f| f.tactic.as_str()).collect();
                println!(
                    "{:>3} {:?} {tactics:?} | {}",
                    a.score,
                    a.risk,
                    t.replace('\n', " ")
                );
            }
        }
        return Ok(());
    }
    let n = rows.len();
    let started = Instant::now();
    let report = evaluate(rows.into_iter(), &index);
    let elapsed = started.elapsed();
    println!("{report}");
    println!(
        "{n} messages in {:.3} s: {:.0} messages per second on one core",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}

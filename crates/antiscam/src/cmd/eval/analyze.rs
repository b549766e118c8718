//! `antiscam eval analyze`: the message analyzer over a labelled CSV, as a confusion
//! matrix of labels against risk levels.

use std::path::Path;
use std::time::Instant;

use analyzer::{Message, Risk, evaluate};
use anyhow::Context;
use verify::{Index, Options};

use crate::data;

/// Largest labelled file read, in bytes.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Splits CSV text into records of fields (RFC 4180 quoting; quoted fields may span
/// lines).
pub(crate) fn records(text: &str) -> Vec<Vec<String>> {
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

fn has_link(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("http") || lower.contains("www.")
}

/// For files with a `URL` yes/no column: how often that column agrees with the text
/// `offset` rows below, for offsets -2..=2. A copy whose texts slipped against their
/// labels shows it here (the column travels with the label).
fn alignment(rows: &[Vec<String>], url_col: usize) -> Vec<(isize, f64)> {
    (-2isize..=2)
        .map(|offset| {
            let (mut agree, mut total) = (0usize, 0usize);
            for (i, row) in rows.iter().enumerate() {
                let j = i as isize + offset;
                let (Some(flag), Some(other)) = (
                    row.get(url_col),
                    usize::try_from(j).ok().and_then(|j| rows.get(j)),
                ) else {
                    continue;
                };
                let flag = flag.trim().to_ascii_lowercase();
                if flag != "yes" && flag != "no" {
                    continue;
                }
                total += 1;
                agree += usize::from((flag == "yes") == has_link(other.get(1).map_or("", |s| s)));
            }
            (
                offset,
                if total == 0 {
                    0.0
                } else {
                    agree as f64 / total as f64
                },
            )
        })
        .collect()
}

/// Runs the evaluation.
pub fn run(
    path: &Path,
    registry: &Path,
    region: Option<String>,
    label_offset: &str,
    show: Option<&str>,
) -> anyhow::Result<()> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        anyhow::bail!("{} is larger than {MAX_FILE_BYTES} bytes", path.display());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    // Some corpora mix Latin-1 into UTF-8; undecodable bytes become U+FFFD.
    let text = String::from_utf8_lossy(&bytes);
    let mut all = records(&text);
    if all.is_empty() {
        anyhow::bail!("{} has no rows", path.display());
    }
    let header: Vec<String> = all
        .remove(0)
        .iter()
        .map(|h| h.trim().to_ascii_uppercase())
        .collect();
    if header.first().map(String::as_str) != Some("LABEL")
        || header.get(1).map(String::as_str) != Some("TEXT")
    {
        anyhow::bail!(
            "{}: the first two columns must be LABEL,TEXT (found {:?})",
            path.display(),
            header
        );
    }
    let offset: isize = match label_offset {
        "auto" => match header.iter().position(|h| h == "URL") {
            Some(col) => {
                let scores = alignment(&all, col);
                for (o, s) in &scores {
                    println!(
                        "alignment: URL column vs text {o:+} rows: {:.1}% agree",
                        s * 100.0
                    );
                }
                // Moving the labels needs clear evidence: enough rows, and an offset that
                // agrees clearly better than none.
                let at_zero = scores.iter().find(|s| s.0 == 0).map_or(0.0, |s| s.1);
                let best = scores
                    .iter()
                    .copied()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .filter(|b| all.len() >= 100 && b.1 > at_zero + 0.02)
                    .map_or(0, |b| b.0);
                if best != 0 {
                    println!(
                        "labels are read {best:+} rows from their text (--label-offset {best})"
                    );
                }
                best
            }
            None => 0,
        },
        n => n
            .parse()
            .with_context(|| format!("--label-offset must be auto or a number, not {n:?}"))?,
    };
    let rows: Vec<(String, String)> = (0..all.len())
        .filter_map(|i| {
            let label = all[i].first()?.trim();
            let j = usize::try_from(i as isize + offset).ok()?;
            let text = all.get(j)?.get(1)?;
            (!label.is_empty()).then(|| (label.to_owned(), text.clone()))
        })
        .collect();
    let registry = data::read_registry(registry)?;
    let index = Index::build(
        &registry,
        blocklist::Index::default(),
        Options {
            default_region: region,
        },
    );
    if let Some(label) = show {
        for (l, t) in rows.iter().filter(|(l, _)| l.eq_ignore_ascii_case(label)) {
            let a = analyzer::analyze(
                &Message {
                    text: t,
                    channel: Some("sms"),
                    sender: None,
                },
                &index,
            );
            let tactics: Vec<&str> = a.tactics.iter().map(|f| f.tactic.as_str()).collect();
            println!(
                "{l}\t{}\t{}\t{tactics:?}\t{}",
                a.score,
                a.risk.as_str(),
                t.replace('\n', " ")
            );
        }
        return Ok(());
    }
    let n = rows.len();
    let started = Instant::now();
    let report = evaluate(rows.into_iter(), &index);
    let elapsed = started.elapsed();
    println!("\n{report}");
    println!(
        "{n} messages in {:.3} s ({:.0} per second on one core, analysis only)",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );
    println!("medium+ = rated {} or above", Risk::Medium.as_str());
    Ok(())
}

//! `antiscam eval analyze`: the message analyzer over a labelled CSV, as a confusion
//! matrix of labels against risk levels, then per label the share flagged (recall for
//! scam labels, false positives for benign ones) and the scam scripts recognized.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use analyzer::{EvalReport, Message, ReasonCode, Risk, Scorer};
use anyhow::Context;
use verify::Index;

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

/// What `eval analyze` was asked for besides the file and registry.
pub struct Options {
    /// Region of national phone numbers.
    pub region: Option<String>,
    /// `auto` or a row offset between labels and texts.
    pub label_offset: String,
    /// Print the messages of this label instead of the matrix.
    pub show: Option<String>,
    /// An OpenCC configuration to convert the texts with first.
    pub opencc: Option<String>,
    /// The texts are raw emails.
    pub email: bool,
    /// `on`, `off`, or `None` for the product's default.
    pub scorer: Option<String>,
    /// Another threshold for the committed weights.
    pub scorer_threshold: Option<f32>,
    /// Weights to use instead of the committed ones.
    pub scorer_weights: Option<PathBuf>,
}

/// Converts `path` with OpenCC (`config`, e.g. `s2hk`) into a temporary copy through
/// `scripts/opencc_convert.py`, and returns the copy's path.
fn opencc_copy(path: &Path, config: &str) -> anyhow::Result<PathBuf> {
    if !config.chars().all(|c| c.is_ascii_alphanumeric()) {
        anyhow::bail!("--opencc takes an OpenCC configuration name such as s2hk, not {config:?}");
    }
    let out = std::env::temp_dir().join(format!(
        "antiscam-opencc-{}-{config}.csv",
        std::process::id()
    ));
    let status = Command::new("python3")
        .arg("scripts/opencc_convert.py")
        .arg(config)
        .arg(path)
        .arg(&out)
        .status()
        .context("cannot run python3 scripts/opencc_convert.py (run from the repository root)")?;
    if !status.success() {
        anyhow::bail!(
            "scripts/opencc_convert.py failed ({status}); it needs the PyPI package opencc: pip install opencc"
        );
    }
    Ok(out)
}

/// Whether a label names legitimate messages (its flagged share is false positives).
fn benign(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    l == "ham" || l == "normal" || l.starts_with("legit")
}

/// The scam script an analysis recognized, by its evidence.
fn script_of(a: &analyzer::Analysis<'_>) -> Option<&'static str> {
    a.tactics
        .iter()
        .flat_map(|f| &f.evidence)
        .map(|e| e.reason)
        .find(|r| r.as_str().starts_with("script-"))
        .map(ReasonCode::as_str)
}

/// Runs the evaluation.
pub fn run(path: &Path, registry: &Path, options: Options) -> anyhow::Result<()> {
    let Options {
        region,
        label_offset,
        show,
        opencc,
        email,
        scorer,
        scorer_threshold,
        scorer_weights,
    } = options;
    let base = match &scorer_weights {
        Some(p) => analyzer::Model::parse(
            &std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
        None => analyzer::Model::builtin().clone(),
    };
    let custom = match (scorer_threshold, scorer_weights.is_some()) {
        (Some(t), _) => Some(base.with_threshold(t)),
        (None, true) => Some(base),
        (None, false) => None,
    };
    let scorer = match scorer.as_deref() {
        None => None,
        Some("on") => Some(custom.as_ref().map_or(Scorer::Builtin, Scorer::With)),
        Some("off") => Some(Scorer::Off),
        Some(other) => anyhow::bail!("--scorer takes on or off, not {other:?}"),
    };
    let label_offset = label_offset.as_str();
    let show = show.as_deref();
    let converted = match &opencc {
        Some(config) => Some(opencc_copy(path, config)?),
        None => None,
    };
    let path = converted.as_deref().unwrap_or(path);
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        anyhow::bail!("{} is larger than {MAX_FILE_BYTES} bytes", path.display());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if let Some(copy) = &converted {
        // The converted copy is ours; a failure to remove it is harmless.
        let _ = std::fs::remove_file(copy);
    }
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
        || !matches!(header.get(1).map(String::as_str), Some("TEXT" | "EMAIL"))
    {
        anyhow::bail!(
            "{}: the first two columns must be LABEL,TEXT or LABEL,EMAIL (found {:?})",
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
        verify::Options {
            default_region: region,
        },
    );
    let emails: Vec<Option<mail::Email>> = if email {
        rows.iter()
            .map(|(_, t)| mail::parse(t.as_bytes()).ok())
            .collect()
    } else {
        Vec::new()
    };
    let analyze = |i: usize, text: &str| match emails.get(i) {
        Some(Some(e)) => Some(match scorer {
            Some(s) => analyzer::analyze_email_with(e, &index, s).analysis,
            None => analyzer::analyze_email(e, &index).analysis,
        }),
        Some(None) => None,
        None => Some(analyzer::analyze_with(
            &Message {
                text,
                channel: Some("sms"),
                sender: None,
            },
            &index,
            scorer.unwrap_or_default(),
        )),
    };
    if let Some(label) = show {
        for (i, (l, t)) in rows.iter().enumerate() {
            if !l.eq_ignore_ascii_case(label) {
                continue;
            }
            let Some(a) = analyze(i, t) else {
                println!("{l}\tunreadable email");
                continue;
            };
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
    let mut report = EvalReport::default();
    let mut scripts: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    let mut unreadable = 0usize;
    for (i, (label, text)) in rows.iter().enumerate() {
        let Some(a) = analyze(i, text) else {
            unreadable += 1;
            continue;
        };
        let label = label.trim().to_lowercase();
        if let Some(s) = script_of(&a) {
            *scripts
                .entry(label.clone())
                .or_default()
                .entry(s)
                .or_default() += 1;
        }
        report.labels.entry(label).or_default().by_risk[a.risk as usize] += 1;
    }
    let elapsed = started.elapsed();
    println!("\n{report}");
    for (label, row) in &report.labels {
        let high = row.by_risk[Risk::High as usize..].iter().sum::<usize>();
        let share = |k: usize| pct(k, row.total());
        if benign(label) {
            println!(
                "{label}: false positives {:.1}% medium+, {:.1}% high+",
                share(row.flagged()),
                share(high)
            );
        } else {
            println!("{label}: recall {:.1}% medium+", share(row.flagged()));
        }
        if let Some(found) = scripts.get(label) {
            let list: Vec<String> = found.iter().map(|(s, k)| format!("{s} {k}")).collect();
            println!("  scripts recognized: {}", list.join(", "));
        }
    }
    if unreadable > 0 {
        println!("{unreadable} emails could not be read and were left out");
    }
    println!(
        "{n} messages in {:.3} s ({:.0} per second on one core, analysis only)",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );
    println!("medium+ = rated {} or above", Risk::Medium.as_str());
    Ok(())
}

fn pct(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

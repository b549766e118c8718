//! `antiscam eval analyze-cv` and `antiscam eval train-scorer`: the analyzer's wording
//! scorer, measured out of sample by leave-one-file-out cross-validation over the team's
//! corpora in `data/eval/`, and trained on all of them into the committed weights.

use std::path::{Path, PathBuf};

use analyzer::{Message, Model, Risk, Scorer, Training, analyze_with, training_features};
use anyhow::Context;
use verify::Index;

use super::analyze::records;
use crate::data;

/// Where the corpora are and how to read them.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// The folder of the team's labelled corpora: every `messages*.csv` and `sms-*.csv`
    /// in it, in name order (never `../shared`: its licences forbid shipping weights).
    #[arg(long, default_value = "data/eval")]
    dir: PathBuf,
    /// Registry of the brands the messages may imitate.
    #[arg(long, default_value = "data/eval/registry.toml")]
    registry: PathBuf,
    /// Training: passes over the examples.
    #[arg(long)]
    epochs: Option<usize>,
    /// Training: L2 penalty per update.
    #[arg(long)]
    l2: Option<f64>,
    /// Training: features of fewer texts are left out.
    #[arg(long)]
    min_count: Option<usize>,
    /// Training: weight of a benign example's error relative to a scam's.
    #[arg(long)]
    benign_weight: Option<f64>,
}

impl CorpusArgs {
    fn training(&self) -> Training {
        let d = Training::default();
        Training {
            epochs: self.epochs.unwrap_or(d.epochs),
            l2: self.l2.unwrap_or(d.l2),
            min_count: self.min_count.unwrap_or(d.min_count),
            benign_weight: self.benign_weight.unwrap_or(d.benign_weight),
            ..d
        }
    }
}

/// `eval analyze-cv`.
#[derive(Debug, clap::Args)]
pub struct CvArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Probabilities from which the scorer contributes, one column each.
    #[arg(long, value_delimiter = ',', default_value = "0.5,0.7,0.8,0.9")]
    thresholds: Vec<f32>,
    /// Print every row of this file below medium by the rules, with the held-out
    /// model's probability, its level with the scorer at the first threshold and the
    /// features that weighed most.
    #[arg(long)]
    show: Option<String>,
    /// The thresholds of the `chosen` column, Latin-script then Chinese (default: the
    /// committed weights' thresholds).
    #[arg(long, value_delimiter = ',')]
    chosen: Option<Vec<f32>>,
}

/// `eval train-scorer`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// The probability from which the scorer contributes (Latin-script texts).
    #[arg(long, default_value_t = 0.8)]
    threshold: f32,
    /// The probability from which the scorer contributes in Chinese texts.
    #[arg(long, default_value_t = 0.9)]
    threshold_zh: f32,
    /// Where to write the weights.
    #[arg(long, default_value = "crates/analyzer/src/scorer.weights")]
    out: PathBuf,
}

/// One labelled row: scam or not, its text, the rules' level and the scorer's features.
struct Row {
    scam: bool,
    text: String,
    rules: Risk,
    features: Vec<String>,
}

/// One corpus file's rows.
struct Corpus {
    name: String,
    rows: Vec<Row>,
}

/// Whether a label is a scam (`Some(true)`), benign (`Some(false)`) or neither.
fn polarity(label: &str) -> Option<bool> {
    let l = label.trim().to_ascii_lowercase();
    if l.starts_with("scam") || l == "spam" || l.starts_with("phishing") {
        Some(true)
    } else if ["legit", "look", "ham", "normal", "benign"]
        .iter()
        .any(|p| l.starts_with(p))
    {
        Some(false)
    } else {
        None
    }
}

fn message(text: &str) -> Message<'_> {
    Message {
        text,
        channel: Some("sms"),
        sender: None,
    }
}

/// The corpora of `dir`, analyzed by the rules alone.
fn load(args: &CorpusArgs) -> anyhow::Result<(Index, Vec<Corpus>)> {
    let registry = data::read_registry(&args.registry)?;
    let index = Index::build(
        &registry,
        blocklist::Index::default(),
        verify::Options::default(),
    );
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("cannot read {}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".csv") && (name.starts_with("messages") || name.starts_with("sms-"))
        })
        .collect();
    paths.sort();
    let mut corpora = Vec::new();
    for path in paths {
        corpora.push(read(&path, &index)?);
    }
    Ok((index, corpora))
}

fn read(path: &Path, index: &Index) -> anyhow::Result<Corpus> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut rows = Vec::new();
    for record in records(&text).into_iter().skip(1) {
        let (Some(label), Some(text)) = (record.first(), record.get(1)) else {
            continue;
        };
        let Some(scam) = polarity(label) else {
            continue;
        };
        let a = analyze_with(&message(text), index, Scorer::Off);
        rows.push(Row {
            scam,
            rules: a.risk,
            features: training_features(text, &a),
            text: text.clone(),
        });
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(Corpus { name, rows })
}

/// The training examples of every corpus but `leave_out`, in file and row order.
fn examples(corpora: &[Corpus], leave_out: Option<usize>) -> Vec<(bool, Vec<String>)> {
    corpora
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != leave_out)
        .flat_map(|(_, c)| c.rows.iter().map(|r| (r.scam, r.features.clone())))
        .collect()
}

/// One held-out row: its script, label, whether the rules rated it medium or above,
/// whether the scorer may lift it (rules evidence, bound, not about scams), and the
/// held-out model's probability.
#[derive(Clone, Copy)]
struct Scored {
    han: bool,
    scam: bool,
    rules: bool,
    liftable: bool,
    probability: f32,
    /// Medium or above with the chosen thresholds (the analyzer's own path).
    chosen: bool,
}

impl Scored {
    fn medium(&self, threshold: f32) -> bool {
        self.rules || (self.liftable && self.probability >= threshold)
    }
}

/// Medium+ counts of some rows: scams and benign texts, by the rules, at each threshold
/// and at the chosen thresholds.
fn line(name: &str, rows: &[Scored], thresholds: &[f32]) -> String {
    let pct = |k: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            k as f64 * 100.0 / n as f64
        }
    };
    let (pos, neg): (Vec<&Scored>, Vec<&Scored>) = rows.iter().partition(|r| r.scam);
    let count =
        |rows: &[&Scored], f: &dyn Fn(&Scored) -> bool| rows.iter().filter(|r| f(r)).count();
    let mut s = format!(
        "{name:<22} scams {:>4}: {:>5.1}%",
        pos.len(),
        pct(count(&pos, &|r| r.rules), pos.len())
    );
    for &t in thresholds {
        s.push_str(&format!(
            " {:>5.1}%",
            pct(count(&pos, &|r| r.medium(t)), pos.len())
        ));
    }
    s.push_str(&format!(
        " {:>5.1}%",
        pct(count(&pos, &|r| r.chosen), pos.len())
    ));
    s.push_str(&format!(
        " | benign {:>4}: {:>3}",
        neg.len(),
        count(&neg, &|r| r.rules)
    ));
    for &t in thresholds {
        s.push_str(&format!(" {:>3}", count(&neg, &|r| r.medium(t))));
    }
    s.push_str(&format!(" {:>3}", count(&neg, &|r| r.chosen)));
    s
}

/// Runs `eval analyze-cv`.
pub fn run_cv(args: &CvArgs) -> anyhow::Result<()> {
    let (index, corpora) = load(&args.corpus)?;
    let chosen = args
        .chosen
        .as_deref()
        .map_or_else(|| Model::builtin().threshold(), |c| (c[0], c[c.len() - 1]));
    let heads: Vec<String> = args.thresholds.iter().map(|t| format!("{t:>6}")).collect();
    println!(
        "leave-one-file-out: each file scored by a model trained on the others; medium+ share \
         of scams and count of benign texts, rules alone then rules + scorer at threshold\n{:<22} \
         {:>11}  rules {}  chosen   {:>12}  rules{} chosen",
        "file",
        "",
        heads.join(" "),
        "",
        heads
            .iter()
            .map(|h| format!("{:>4}", h.trim()))
            .collect::<String>(),
    );
    let how = args.corpus.training();
    let mut all: Vec<(usize, Scored)> = Vec::new();
    for (i, corpus) in corpora.iter().enumerate() {
        let trained = Model::train(&examples(&corpora, Some(i)), chosen, how);
        let zero = trained.clone().with_threshold(0.0);
        let with_chosen = trained.clone().with_thresholds(chosen);
        let show = matches!(args.show.as_deref(), Some(s) if s == corpus.name || s == "all");
        let mut rows = Vec::new();
        for row in &corpus.rows {
            let rules = row.rules >= Risk::Medium;
            let lifted = analyze_with(&message(&row.text), &index, Scorer::With(&zero));
            let a = analyze_with(&message(&row.text), &index, Scorer::With(&with_chosen));
            let scored = Scored {
                han: row.features.iter().any(|f| f == "z:zh"),
                scam: row.scam,
                rules,
                liftable: lifted.risk >= Risk::Medium,
                probability: trained.probability_of(&row.features),
                chosen: a.risk >= Risk::Medium,
            };
            if show && !rules {
                let (p, top) = trained.explain(&row.text, &a);
                let top: Vec<String> = top
                    .iter()
                    .take(6)
                    .map(|(n, w)| format!("{n} {w:+.2}"))
                    .collect();
                let words: Vec<&str> = a
                    .tactics
                    .iter()
                    .flat_map(|f| &f.evidence)
                    .filter(|e| e.reason == analyzer::ReasonCode::ScamWording)
                    .map(|e| e.text.as_str())
                    .collect();
                println!(
                    "  {}\t{}\t{}\t{}\t{p:.3}\t[{}]\t{:?}\t{}",
                    corpus.name,
                    if row.scam { "SCAM" } else { "benign" },
                    row.rules.as_str(),
                    a.risk.as_str(),
                    top.join(", "),
                    words,
                    row.text.replace('\n', " ")
                );
            }
            rows.push(scored);
        }
        println!("{}", line(&corpus.name, &rows, &args.thresholds));
        let group = if corpus.name.contains("-en-") {
            0
        } else if corpus.name.contains("-zh-") {
            1
        } else {
            2
        };
        all.extend(rows.into_iter().map(|r| (group, r)));
    }
    println!();
    let pick = |f: &dyn Fn(usize, &Scored) -> bool| -> Vec<Scored> {
        all.iter()
            .filter(|(g, r)| f(*g, r))
            .map(|(_, r)| *r)
            .collect()
    };
    for (name, rows) in [
        ("total English", pick(&|g, _| g == 0)),
        ("total Chinese", pick(&|g, _| g == 1)),
        ("total mixed + SMS", pick(&|g, _| g == 2)),
        ("total", pick(&|_, _| true)),
        ("Latin-script texts", pick(&|_, r| !r.han)),
        ("Chinese texts", pick(&|_, r| r.han)),
    ] {
        println!("{}", line(name, &rows, &args.thresholds));
    }
    // Per script, the threshold sweep: the lowest threshold whose benign count stays at
    // the rules' is the candidate.
    println!("\nper script, threshold sweep (scams medium+ / benign medium+):");
    for (name, han) in [("Latin", false), ("Chinese", true)] {
        let rows = pick(&|_, r| r.han == han);
        let pos = rows.iter().filter(|r| r.scam).count();
        let rules_neg = rows.iter().filter(|r| !r.scam && r.rules).count();
        let mut out = format!("{name:<8} rules benign {rules_neg}:");
        let mut best: Option<f32> = None;
        for k in (50..100).step_by(1) {
            let t = k as f32 / 100.0;
            let p = rows.iter().filter(|r| r.scam && r.medium(t)).count();
            let n = rows.iter().filter(|r| !r.scam && r.medium(t)).count();
            if k % 5 == 0 || k > 90 {
                out.push_str(&format!(
                    " {t:.2}={:.1}%/{n}",
                    p as f64 * 100.0 / pos.max(1) as f64
                ));
            }
            if best.is_none() && n <= rules_neg {
                best = Some(t);
            }
        }
        println!("{out}\n  lowest threshold at the rules' benign count: {best:?}");
    }
    println!(
        "\nchosen: {} in Latin-script texts, {} in Chinese",
        chosen.0, chosen.1
    );
    Ok(())
}

/// Runs `eval train-scorer`.
pub fn run_train(args: &TrainArgs) -> anyhow::Result<()> {
    let (_, corpora) = load(&args.corpus)?;
    let examples = examples(&corpora, None);
    let model = Model::train(
        &examples,
        (args.threshold, args.threshold_zh),
        args.corpus.training(),
    );
    let scams = examples.iter().filter(|e| e.0).count();
    let mut header = format!(
        "Wording scorer weights, generated by `antiscam eval train-scorer` (do not edit).\n\
         Weights in steps of 0.05, those under 0.05 left out, sorted by feature.\n\
         Trained on {} texts ({scams} scams, {} benign) of these files:",
        examples.len(),
        examples.len() - scams,
    );
    for c in &corpora {
        let pos = c.rows.iter().filter(|r| r.scam).count();
        header.push_str(&format!(
            "\n  {} ({pos} scams, {} benign)",
            c.name,
            c.rows.len() - pos
        ));
    }
    std::fs::write(&args.out, model.to_text(&header))
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "{}: {} weights from {} texts of {} files",
        args.out.display(),
        model.len(),
        examples.len(),
        corpora.len()
    );
    Ok(())
}

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
    #[arg(long, default_value_t = 0.95)]
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

/// Counts of one group of files: scams and benign texts, and how many of each were
/// rated medium or above by the rules and by rules plus scorer at each threshold.
#[derive(Default, Clone)]
struct Tally {
    pos: usize,
    neg: usize,
    pos_rules: usize,
    neg_rules: usize,
    pos_with: Vec<usize>,
    neg_with: Vec<usize>,
    /// Scams still below medium at the first threshold whose probability reached it
    /// but which had no evidence of the rules to stand on.
    no_evidence: usize,
}

impl Tally {
    fn new(n: usize) -> Tally {
        Tally {
            pos_with: vec![0; n],
            neg_with: vec![0; n],
            ..Tally::default()
        }
    }

    fn add(&mut self, other: &Tally) {
        self.pos += other.pos;
        self.neg += other.neg;
        self.pos_rules += other.pos_rules;
        self.neg_rules += other.neg_rules;
        self.no_evidence += other.no_evidence;
        for (a, b) in self.pos_with.iter_mut().zip(&other.pos_with) {
            *a += b;
        }
        for (a, b) in self.neg_with.iter_mut().zip(&other.neg_with) {
            *a += b;
        }
    }

    fn line(&self, name: &str) -> String {
        let pct = |k: usize, n: usize| {
            if n == 0 {
                0.0
            } else {
                k as f64 * 100.0 / n as f64
            }
        };
        let mut s = format!(
            "{name:<22} scams {:>4}: {:>5.1}%",
            self.pos,
            pct(self.pos_rules, self.pos)
        );
        for k in &self.pos_with {
            s.push_str(&format!(" {:>5.1}%", pct(*k, self.pos)));
        }
        s.push_str(&format!(" | benign {:>4}: {:>3}", self.neg, self.neg_rules));
        for k in &self.neg_with {
            s.push_str(&format!(" {k:>3}"));
        }
        s
    }
}

/// Runs `eval analyze-cv`.
pub fn run_cv(args: &CvArgs) -> anyhow::Result<()> {
    let (index, corpora) = load(&args.corpus)?;
    // A column per threshold (both scripts), then the committed thresholds per script.
    let n = args.thresholds.len() + 1;
    let mut heads: Vec<String> = args.thresholds.iter().map(|t| format!("{t:>6}")).collect();
    heads.push(" chosen".to_owned());
    let chosen = Model::parse("").threshold();
    println!(
        "leave-one-file-out: each file scored by a model trained on the others; medium+ share \
         of scams and count of benign texts, rules alone then rules + scorer at threshold\n{:<22} \
         {:>11}  rules {}   {:>12}  rules {}",
        "file",
        "",
        heads.join(" "),
        "",
        heads.join("")
    );
    let mut groups: Vec<(&str, Tally)> = vec![
        ("total English", Tally::new(n)),
        ("total Chinese", Tally::new(n)),
        ("total mixed + SMS", Tally::new(n)),
        ("total", Tally::new(n)),
    ];
    for (i, corpus) in corpora.iter().enumerate() {
        let trained = Model::train(
            &examples(&corpora, Some(i)),
            (args.thresholds[0], args.thresholds[0]),
            args.corpus.training(),
        );
        let show = matches!(args.show.as_deref(), Some(s) if s == corpus.name || s == "all");
        let mut models: Vec<Model> = args
            .thresholds
            .iter()
            .map(|&t| trained.clone().with_threshold(t))
            .collect();
        models.push(trained.clone().with_thresholds(chosen));
        let mut tally = Tally::new(n);
        for row in &corpus.rows {
            let rules = row.rules >= Risk::Medium;
            let (total, with_rules, with) = if row.scam {
                (&mut tally.pos, &mut tally.pos_rules, &mut tally.pos_with)
            } else {
                (&mut tally.neg, &mut tally.neg_rules, &mut tally.neg_with)
            };
            *total += 1;
            *with_rules += usize::from(rules);
            for (k, m) in models.iter().enumerate() {
                let a = analyze_with(&message(&row.text), &index, Scorer::With(m));
                with[k] += usize::from(a.risk >= Risk::Medium);
                if k == 0 && show && row.rules < Risk::Medium {
                    let (p, top) = trained.explain(&row.text, &a);
                    let top: Vec<String> = top
                        .iter()
                        .take(6)
                        .map(|(n, w)| format!("{n} {w:+.2}"))
                        .collect();
                    println!(
                        "  {}\t{}\t{}\t{}\t{}\t{p:.3}\t[{}]\t{}",
                        corpus.name,
                        if row.scam { "SCAM" } else { "benign" },
                        a.tactics.len(),
                        row.rules.as_str(),
                        a.risk.as_str(),
                        top.join(", "),
                        row.text.replace('\n', " ")
                    );
                }
                if k == 0 && row.scam && a.risk < Risk::Medium && a.tactics.is_empty() {
                    let p = trained.probability(&row.text, &a);
                    tally.no_evidence += usize::from(p >= m.threshold().0);
                }
            }
        }
        println!("{}", tally.line(&corpus.name));
        let group = if corpus.name.contains("-en-") {
            0
        } else if corpus.name.contains("-zh-") {
            1
        } else {
            2
        };
        groups[group].1.add(&tally);
        groups[3].1.add(&tally);
    }
    println!();
    for (name, tally) in &groups {
        println!("{}", tally.line(name));
    }
    println!(
        "\nchosen: {} in Latin-script texts, {} in Chinese (the weights file's defaults)",
        chosen.0, chosen.1
    );
    println!(
        "\nscams below medium at threshold {} that the model would lift but that have no \
         evidence of the rules (the scorer needs some): {}",
        args.thresholds[0], groups[3].1.no_evidence
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
    let names: Vec<&str> = corpora.iter().map(|c| c.name.as_str()).collect();
    let scams = examples.iter().filter(|e| e.0).count();
    let header = format!(
        "Wording scorer weights, generated by `antiscam eval train-scorer` (do not edit).\n\
         Trained on {} texts ({scams} scams, {} benign) of {}.",
        examples.len(),
        examples.len() - scams,
        names.join(", ")
    );
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

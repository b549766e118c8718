//! `antiscam eval verify`: measures impersonation detection on generated lookalikes,
//! false positives on popular legitimate domains, and verdicts on a real phishing list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use lookalike::Technique;
use registry::{ChannelKind, Registry};
use verify::{Index, Options, Verdict};

use crate::config::Config;
use crate::data;

mod analyze;
mod domains;
mod provenance;
mod scorer;

/// Measure detection quality.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Recall per technique on generated lookalikes, false positives on popular
    /// domains, and verdicts over the Polkadot phishing list.
    Verify {
        /// Registry of the brands to imitate.
        #[arg(long, default_value = "data/eval/registry.toml")]
        registry: PathBuf,
        /// Popular legitimate domains, one per line.
        #[arg(long, default_value = "data/eval/popular-domains.txt")]
        popular: PathBuf,
        /// Folder of the polkadot-js phishing list (all.json); skipped when absent.
        #[arg(long, default_value = "../shared/datasets/polkadot-phishing")]
        polkadot: PathBuf,
    },
    /// Real phishing domains (ScamSniffer, Polkadot): recall on those that name a brand, by
    /// period; popular sites and legitimate crypto projects called impersonations; generated
    /// look-alikes per technique, including dictionary words, two homoglyphs and dot insertion.
    Domains(domains::DomainArgs),
    /// "Did we send this?": registered messages found after re-typing noise, no
    /// unregistered message called sent by us, and the lookups' latency.
    Provenance(provenance::ProvenanceArgs),
    /// The message analyzer over a labelled CSV (`LABEL,TEXT,…`): how each label is
    /// rated, as a confusion matrix.
    Analyze {
        /// The labelled file, e.g. data/eval/messages.csv or
        /// ../shared/datasets/sms-phishing/mishra_soni_2022.csv.
        #[arg(default_value = "data/eval/messages.csv")]
        file: PathBuf,
        /// Registry of the brands the messages may imitate.
        #[arg(long, default_value = "data/eval/registry.toml")]
        registry: PathBuf,
        /// Region of phone numbers written without a country code (the corpus's
        /// country, e.g. GB).
        #[arg(long)]
        region: Option<String>,
        /// Rows between a label and its text: `auto` checks a `URL` yes/no column
        /// against the texts (some copies of public corpora slipped by a row).
        #[arg(long, default_value = "auto")]
        label_offset: String,
        /// Print every message of this label with its score instead of the matrix.
        #[arg(long)]
        show: Option<String>,
        /// Convert the texts with this OpenCC configuration first (e.g. `s2hk` for
        /// Traditional Chinese as written in Hong Kong), through
        /// `scripts/opencc_convert.py` (needs `pip install opencc`), into a temporary copy.
        #[arg(long)]
        opencc: Option<String>,
        /// The texts are raw emails (RFC 5322), analyzed as emails.
        #[arg(long)]
        email: bool,
        /// The wording scorer: `on` or `off` for messages and emails alike; without
        /// the flag, as the product runs (on for messages, off for emails).
        #[arg(long)]
        scorer: Option<String>,
        /// With `--scorer on`: the committed weights at another threshold (0 to 1).
        #[arg(long)]
        scorer_threshold: Option<f32>,
        /// With `--scorer on`: weights written by `eval train-scorer --out FILE` instead
        /// of the committed ones (to measure a retraining before committing it).
        #[arg(long)]
        scorer_weights: Option<PathBuf>,
    },
    /// Leave-one-file-out cross-validation of the analyzer's wording scorer over the
    /// team's corpora: per file, scams and benign texts rated medium+ by the rules alone
    /// and by rules + a scorer trained without that file.
    AnalyzeCv(scorer::CvArgs),
    /// Trains the wording scorer on every corpus of data/eval and writes the weights
    /// the analyzer embeds (crates/analyzer/src/scorer.weights).
    TrainScorer(scorer::TrainArgs),
    /// Imports a feed into a scratch database, then checks that every imported
    /// indicator (and a subdomain of every imported domain) is `reported_scam`, and
    /// that no popular domain changed verdict.
    Import {
        /// polkadot, polkadot-addresses, metamask, csv, text or stix.
        #[arg(long, value_parser = |s: &str| s.parse::<feeds::Format>())]
        format: feeds::Format,
        /// Registry of the brands (official channels are never imported).
        #[arg(long, default_value = "data/eval/registry.toml")]
        registry: PathBuf,
        /// Popular legitimate domains, one per line.
        #[arg(long, default_value = "data/eval/popular-domains.txt")]
        popular: PathBuf,
        /// The feed file.
        file: PathBuf,
    },
}

/// Runs an evaluation.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::Verify {
            registry,
            popular,
            polkadot,
        } => eval_verify(&registry, &popular, &polkadot),
        Command::Domains(a) => domains::run(&a),
        Command::Provenance(a) => provenance::run(&a),
        Command::Analyze {
            file,
            registry,
            region,
            label_offset,
            show,
            opencc,
            email,
            scorer,
            scorer_threshold,
            scorer_weights,
        } => analyze::run(
            &file,
            &registry,
            analyze::Options {
                region,
                label_offset,
                show,
                opencc,
                email,
                scorer,
                scorer_threshold,
                scorer_weights,
            },
        ),
        Command::AnalyzeCv(a) => scorer::run_cv(&a),
        Command::TrainScorer(a) => scorer::run_train(&a),
        Command::Import {
            format,
            registry,
            popular,
            file,
        } => eval_import(config, format, &registry, &popular, &file),
    }
}

fn eval_import(
    config: &Config,
    format: feeds::Format,
    registry_path: &Path,
    popular: &Path,
    file: &Path,
) -> anyhow::Result<()> {
    let registry = data::read_registry(registry_path)?;
    let popular_text = std::fs::read_to_string(popular)
        .with_context(|| format!("cannot read {}", popular.display()))?;
    let popular: Vec<&str> = popular_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let bytes = super::import::read_limited(file)?;
    let (before, after, report) = super::runtime()?.block_on(async {
        // A scratch database in memory, its clock at 0: entries dated by the feed only.
        let runtime = service::Runtime {
            clock: std::sync::Arc::new(service::FixedClock::at(0)),
            ..service::Runtime::default()
        };
        let service = service::Service::open(
            service::open_store("sqlite::memory:").await?,
            data::service_settings(config),
            secrets::Secrets::generate(0)?,
            runtime,
        );
        let by = service::Principal::Operator;
        service.replace_registry(&by, &registry).await?;
        service.reload().await?;
        let before = service.index_arc();
        let req = service::import::ImportRequest {
            format,
            file_name: super::import::file_name(file),
            source: None,
            region: None,
            severity: blocklist::Severity::Suspected,
            categories: Vec::new(),
        };
        let report = service
            .import_feed(&by, &req, bytes, &mut |_, _| {})
            .await
            .map_err(|e| super::import::import_error(e, file))?;
        service.reload().await?;
        anyhow::Ok((before, service.index_arc(), report))
    })?;
    println!(
        "{} ({format}): added {}, rejected {}; registry {}",
        file.display(),
        report.counts.added,
        report.rejected_total(),
        registry_path.display()
    );
    let (mut checked, mut subdomains, mut failures) = (0usize, 0usize, Vec::new());
    // A listed public suffix (a hosting platform such as `alwaysdata.net`) is reported
    // itself, but its subdomains belong to other registrants: not reported, by design.
    let mut suffixes = Vec::new();
    for hit in after.blocklist().iter() {
        let Some(parts) = feeds::split_key(hit.key) else {
            continue;
        };
        let mut inputs = vec![parts.value.to_owned()];
        if parts.kind == indicator::Kind::Domain {
            if indicator::Domain::parse(parts.value).is_ok_and(|d| d.suffix() == d.as_str()) {
                suffixes.push(parts.value.to_owned());
            } else {
                inputs.push(format!("login.{}", parts.value));
                subdomains += 1;
            }
        }
        for input in inputs {
            checked += 1;
            let v = after.verify(&input, Some(parts.kind));
            if v.verdict != Verdict::ReportedScam {
                failures.push(format!("{input}: {}", v.verdict.as_str()));
            }
        }
    }
    println!(
        "  reported_scam: {} of {checked} imported indicators and subdomains ({subdomains} subdomains)",
        checked - failures.len()
    );
    if !suffixes.is_empty() {
        println!(
            "  imported domains that are public suffixes (their subdomains are other \
             registrants' sites, not checked): {} ({})",
            suffixes.len(),
            suffixes.join(", ")
        );
    }
    let mut changed = Vec::new();
    for domain in &popular {
        let (b, a) = (before.verify(domain, None), after.verify(domain, None));
        if a.verdict != b.verdict {
            changed.push(format!(
                "{domain}: {} -> {}",
                b.verdict.as_str(),
                a.verdict.as_str()
            ));
        }
    }
    println!(
        "  popular domains whose verdict changed: {} of {}",
        changed.len(),
        popular.len()
    );
    for f in failures.iter().chain(&changed).take(20) {
        println!("    {f}");
    }
    if !failures.is_empty() || !changed.is_empty() {
        anyhow::bail!(
            "{} imported indicators not reported, {} popular domains changed",
            failures.len(),
            changed.len()
        );
    }
    Ok(())
}

#[derive(Default)]
struct Tally {
    total: usize,
    detected: usize,
    same_technique: usize,
    missed: Vec<String>,
}

fn eval_verify(registry_path: &Path, popular: &Path, polkadot: &Path) -> anyhow::Result<()> {
    let registry = data::read_registry(registry_path)?;
    let index = Index::build(&registry, blocklist::Index::default(), Options::default());
    println!(
        "registry: {} ({} brands, {} channels)\n",
        registry_path.display(),
        registry.brands().len(),
        registry.channel_count()
    );
    let (domains, handles) = lookalike_recall(&registry, &index);
    print_tally("Domain lookalikes", &domains);
    print_tally("Account lookalikes", &handles);
    false_positives(&index, popular)?;
    polkadot_list(&index, polkadot)?;
    Ok(())
}

fn lookalike_recall(
    registry: &Registry,
    index: &Index,
) -> (BTreeMap<Technique, Tally>, BTreeMap<Technique, Tally>) {
    let mut domains: BTreeMap<Technique, Tally> = BTreeMap::new();
    let mut handles: BTreeMap<Technique, Tally> = BTreeMap::new();
    // Only account lookalikes can be impossible on their platform; domains never are.
    let mut skipped = 0;
    for brand in registry.brands() {
        let mut seen = std::collections::HashSet::new();
        for channel in &brand.channels {
            match channel.kind {
                ChannelKind::Domain => {
                    let Ok(d) = indicator::Domain::parse(&channel.value) else {
                        continue;
                    };
                    if !seen.insert(d.registrable().to_owned()) {
                        continue;
                    }
                    for l in
                        lookalike::domain_lookalikes(d.registrable(), d.unicode_label(), d.suffix())
                    {
                        record(
                            &mut domains,
                            index,
                            &brand.name,
                            l.technique,
                            &l.value,
                            None,
                            &mut skipped,
                        );
                    }
                }
                ChannelKind::Account(p)
                    if p != indicator::Platform::Discord && p != indicator::Platform::Whatsapp =>
                {
                    if !seen.insert(format!("@{}", channel.value)) {
                        continue;
                    }
                    for l in lookalike::handle_lookalikes(&channel.value) {
                        record(
                            &mut handles,
                            index,
                            &brand.name,
                            l.technique,
                            &l.value,
                            Some(p.kind()),
                            &mut skipped,
                        );
                    }
                }
                _ => {}
            }
        }
    }
    if skipped > 0 {
        println!(
            "({} generated account lookalikes are not valid handles on any platform, so no \
             scammer can register them: not counted)\n",
            skipped
        );
    }
    (domains, handles)
}

fn record(
    tallies: &mut BTreeMap<Technique, Tally>,
    index: &Index,
    brand: &str,
    technique: Technique,
    value: &str,
    hint: Option<indicator::Kind>,
    skipped: &mut usize,
) {
    let mut v = index.verify(value, hint);
    if hint.is_some() && v.verdict == Verdict::Invalid {
        // Not a possible handle on the brand's platform (too long, a dot on X): try it
        // as a handle of another platform; what no platform allows cannot be registered
        // by a scammer, so it is no lookalike to catch.
        v = index.verify(value, Some(indicator::Kind::Handle));
        if v.verdict == Verdict::Invalid {
            *skipped += 1;
            return;
        }
    }
    // Another brand's own official channel is not a miss.
    if v.verdict == Verdict::Official {
        return;
    }
    let t = tallies.entry(technique).or_default();
    t.total += 1;
    if v.verdict == Verdict::Impersonation && v.target.is_some_and(|t| t.brand == brand) {
        t.detected += 1;
        if v.technique == Some(technique) {
            t.same_technique += 1;
        }
    } else if t.missed.len() < 5 {
        t.missed.push(format!("{value} ({})", v.verdict.as_str()));
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn print_tally(title: &str, tallies: &BTreeMap<Technique, Tally>) {
    println!("{title}: recall with the right brand named");
    println!(
        "{:<18} {:>9} {:>9} {:>8} {:>15}",
        "technique", "generated", "detected", "recall", "same technique"
    );
    let (mut total, mut detected) = (0, 0);
    for (technique, t) in tallies {
        total += t.total;
        detected += t.detected;
        println!(
            "{:<18} {:>9} {:>9} {:>7.2}% {:>14.1}%",
            technique.as_str(),
            t.total,
            t.detected,
            pct(t.detected, t.total),
            pct(t.same_technique, t.detected)
        );
        if !t.missed.is_empty() && t.detected < t.total {
            println!("{:<18} missed e.g.: {}", "", t.missed.join(", "));
        }
    }
    println!(
        "{:<18} {:>9} {:>9} {:>7.2}%\n",
        "all",
        total,
        detected,
        pct(detected, total)
    );
}

fn false_positives(index: &Index, path: &Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let domains: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let flagged: Vec<String> = domains
        .iter()
        .filter_map(|d| {
            let v = index.verify(d, None);
            (v.verdict == Verdict::Impersonation).then(|| {
                format!(
                    "{d} -> {} ({})",
                    v.target.map_or("", |t| t.value),
                    v.technique.map_or("", |t| t.as_str())
                )
            })
        })
        .collect();
    println!(
        "Popular domains ({}): {} called impersonation",
        path.display(),
        flagged.len()
    );
    println!(
        "  checked {}, false-positive rate {:.2}%",
        domains.len(),
        pct(flagged.len(), domains.len())
    );
    for f in &flagged {
        println!("  {f}");
    }
    println!();
    Ok(())
}

fn polkadot_list(index: &Index, dir: &Path) -> anyhow::Result<()> {
    let path = dir.join("all.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "Polkadot phishing list: {} not found, skipped",
            path.display()
        );
        return Ok(());
    };
    let doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
    for list in ["deny", "allow"] {
        let items: Vec<&str> = doc[list]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_brand: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_technique: BTreeMap<&str, usize> = BTreeMap::new();
        for item in &items {
            let v = index.verify(item, None);
            *verdicts.entry(v.verdict.as_str()).or_default() += 1;
            if v.verdict == Verdict::Impersonation {
                if let Some(t) = v.target {
                    *by_brand.entry(t.brand.to_owned()).or_default() += 1;
                }
                if let Some(t) = v.technique {
                    *by_technique.entry(t.as_str()).or_default() += 1;
                }
            }
        }
        println!(
            "Polkadot phishing list, `{list}` ({} entries) with no blocklist loaded:",
            items.len()
        );
        for (verdict, n) in &verdicts {
            println!("  {verdict:<18} {n:>7} {:>6.2}%", pct(*n, items.len()));
        }
        let mut brands: Vec<_> = by_brand.into_iter().collect();
        brands.sort_by_key(|b| std::cmp::Reverse(b.1));
        if !brands.is_empty() {
            let top: Vec<String> = brands
                .iter()
                .take(10)
                .map(|(b, n)| format!("{b} {n}"))
                .collect();
            println!("  impersonated brands: {}", top.join(", "));
            let techniques: Vec<String> = by_technique
                .iter()
                .map(|(t, n)| format!("{t} {n}"))
                .collect();
            println!("  techniques: {}", techniques.join(", "));
        }
        println!();
    }
    Ok(())
}

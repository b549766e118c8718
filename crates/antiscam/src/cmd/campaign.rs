//! `antiscam campaign`: manage withdrawal-time campaigns, read their statistics, and
//! run the simulation that checks the statistics recover known true rates.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use campaign::sim::{Rng, Truth};
use campaign::stats::{Breakdown, Difference, Group, Proportion};
use campaign::{Arm, Campaign, Stats};
use service::campaigns::manage::Created;
use service::{Principal, Service};
use wire::campaigns::{Amount, OutcomeRequest, ScamReportRequest, ScreenRequest};

use crate::config::Config;
use crate::data;

/// Largest campaign file read.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Manage withdrawal-time anti-scam campaigns.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List campaigns.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Create a campaign from a JSON document (the API's shape) and print its id.
    Create {
        /// The campaign document.
        file: PathBuf,
    },
    /// Print a campaign as JSON.
    Show {
        /// The campaign id.
        id: i64,
    },
    /// Change a campaign's status: draft, active, paused or ended.
    Status {
        /// The campaign id.
        id: i64,
        /// The new status.
        status: String,
    },
    /// A campaign's measurement: exposed against holdout, with 95 % intervals.
    Stats {
        /// The campaign id.
        id: i64,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Drive synthetic users with known true rates through screening and outcomes
    /// (in a private in-memory database) and check that the measured rates and uplift
    /// recover the truth within their intervals.
    Simulate {
        /// Synthetic users per run.
        #[arg(long, default_value_t = 5_000)]
        users: u32,
        /// Most withdrawals per user (each user makes 1 to this many).
        #[arg(long, default_value_t = 3)]
        withdrawals: u32,
        /// Holdout percentage (0 to 50).
        #[arg(long, default_value_t = 20)]
        holdout: u8,
        /// First seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Runs, with seeds seed, seed+1, …
        #[arg(long, default_value_t = 1)]
        runs: u32,
        /// Also simulate the friction ladder (alert only, confirm, hold variants with
        /// known true effects) and check its per-step figures.
        #[arg(long)]
        ladder: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// Runs a campaign subcommand.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        if let Command::Simulate {
            users,
            withdrawals,
            holdout,
            seed,
            runs,
            ladder,
            format,
        } = args.command
        {
            return simulate(users, withdrawals, holdout, seed, runs, ladder, format).await;
        }
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        match args.command {
            Command::List { format } => {
                let all = service.list_campaigns(&by).await?;
                if format == Format::Json {
                    println!("{}", serde_json::to_string(&all)?);
                } else {
                    println!(
                        "{:>4}  {:<7}  {:<8}  {:>7}  {:>8}  name (partner)",
                        "id", "status", "regions", "holdout", "variants"
                    );
                    for c in &all.campaigns {
                        let regions: Vec<&str> =
                            c.spec.regions.iter().map(|r| r.as_str()).collect();
                        println!(
                            "{:>4}  {:<7}  {:<8}  {:>6}%  {:>8}  {} ({})",
                            c.id,
                            c.spec.status.as_str(),
                            regions.join(","),
                            c.spec.holdout_percent,
                            c.spec.variants.len(),
                            c.spec.name,
                            c.spec.partner
                        );
                    }
                }
            }
            Command::Create { file } => {
                let doc = read_doc(&file)?;
                // The content checks read the registry and the blocklist.
                service.reload().await?;
                let c = match service.create_campaign(&by, &doc).await {
                    Ok(Created::Done(c)) => c,
                    Ok(Created::Pending(p)) => p.campaign,
                    Err(e) => {
                        return Err(explain(e))
                            .with_context(|| format!("campaign file {}", file.display()));
                    }
                };
                eprintln!(
                    "antiscam: created campaign {} ({})",
                    c.id,
                    c.spec.status.as_str()
                );
                println!("{}", c.id);
            }
            Command::Show { id } => {
                let c = service.campaign(&by, id).await.map_err(explain)?;
                println!("{}", serde_json::to_string_pretty(&c)?);
            }
            Command::Status { id, status } => {
                if campaign::Status::parse(&status).is_none() {
                    bail!("unknown status {status:?}: use draft, active, paused or ended");
                }
                service.reload().await?;
                let patch = serde_json::json!({ "status": status });
                service
                    .change_campaign(&by, id, &patch)
                    .await
                    .map_err(explain)
                    .with_context(|| format!("campaign {id}"))?;
                eprintln!("antiscam: campaign {id} is now {status}");
            }
            Command::Stats { id, format } => {
                let (c, stats) = service.campaign_stats(&by, id).await.map_err(explain)?;
                match format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&stats)?),
                    Format::Text => print!("{}", render(&c, &stats)),
                }
            }
            Command::Simulate { .. } => {}
        }
        Ok(())
    })
}

/// A use case's refusal as a message; a refused document names each field.
fn explain(e: service::Error) -> anyhow::Error {
    match e {
        service::Error::Fields {
            message, fields, ..
        } => {
            let lines: Vec<String> = fields
                .iter()
                .map(|f| format!("  {}: {} ({})", f.field, f.message, f.code))
                .collect();
            anyhow::anyhow!("{message}:\n{}", lines.join("\n"))
        }
        e => anyhow::Error::new(e),
    }
}

fn read_doc(path: &PathBuf) -> anyhow::Result<serde_json::Value> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{} is {} bytes; the limit is {MAX_FILE_BYTES}",
            path.display(),
            meta.len()
        );
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

fn pct(p: &Proportion) -> String {
    match (p.rate, p.ci95) {
        (Some(r), Some([l, u])) => {
            format!("{:5.1} % [{:.1}, {:.1}]", r * 100.0, l * 100.0, u * 100.0)
        }
        _ => "    -".into(),
    }
}

fn pp(d: &Difference) -> String {
    // `+ 0.0` turns a negative zero into zero: "-0.0 pp" reads as a finding.
    let z = |v: f64| v * 100.0 + 0.0;
    match (d.difference, d.ci95) {
        (Some(x), Some([l, u])) => format!("{:+.1} pp [{:+.1}, {:+.1}]", z(x), z(l), z(u)),
        _ => "-".into(),
    }
}

fn group_line(label: &str, g: &Group) -> String {
    format!(
        "  {label:<8} {:>9} {:>8}  {:<22} {:<22} {:<22} {:<22}\n",
        g.screenings,
        g.users.map_or_else(String::new, |u| u.to_string()),
        pct(&g.cancelled),
        pct(&g.reviewed),
        pct(&g.reconsidered),
        pct(&g.proceeded),
    )
}

fn breakdown_lines(
    title: &str,
    rows: &[Breakdown],
    label: impl Fn(&Breakdown) -> String,
) -> String {
    let mut out = format!("\n{title} (reconsidered: exposed | holdout | uplift)\n");
    for b in rows {
        out.push_str(&format!(
            "  {:<14} n={:<7} {:<22} | n={:<6} {:<22} | {}\n",
            label(b),
            b.exposed.screenings,
            pct(&b.exposed.reconsidered),
            b.holdout.screenings,
            pct(&b.holdout.reconsidered),
            pp(&b.uplift.reconsidered)
        ));
    }
    out
}

/// The text report of `antiscam campaign stats`.
fn render(c: &Campaign, s: &Stats) -> String {
    let regions: Vec<&str> = c.spec.regions.iter().map(|r| r.as_str()).collect();
    let mut out = format!(
        "Campaign {}: {}\n  partner {}; {}; regions {}; holdout {} %\n\n",
        c.id,
        c.spec.name,
        c.spec.partner,
        c.spec.status.as_str(),
        regions.join(", "),
        c.spec.holdout_percent
    );
    out.push_str(&format!(
        "  {:<8} {:>9} {:>8}  {:<22} {:<22} {:<22} {:<22}\n",
        "group", "screened", "users", "cancelled", "reviewed", "reconsidered", "proceeded"
    ));
    out.push_str(&group_line("exposed", &s.exposed));
    out.push_str(&group_line("holdout", &s.holdout));
    out.push_str(&format!(
        "\nUplift (exposed minus holdout, 95 % Newcombe interval)\n  reconsidered {}\n  cancelled    {}\n  reviewed     {}\n  proceeded    {}\n",
        pp(&s.uplift.reconsidered),
        pp(&s.uplift.cancelled),
        pp(&s.uplift.reviewed),
        pp(&s.uplift.proceeded)
    ));
    let per = |g: &Group| {
        g.later_reported_scams.map_or_else(
            || "-".into(),
            |l| match (l.per_1000, l.ci95) {
                (Some(x), Some([a, b])) => format!("{x:.1} [{a:.1}, {b:.1}] ({} users)", l.users),
                _ => "-".into(),
            },
        )
    };
    out.push_str(&format!(
        "\nLater-reported scams per 1,000 users\n  exposed {}\n  holdout {}\n",
        per(&s.exposed),
        per(&s.holdout)
    ));
    if let Some(d) = &s.uplift.later_reported_scams_per_1000
        && let (Some(x), Some([a, b])) = (d.difference, d.ci95)
    {
        out.push_str(&format!("  difference {x:+.1} [{a:+.1}, {b:+.1}]\n"));
    }
    out.push_str(&format!(
        "\nHoldout share of users: {} (target {} %)\n",
        pct(&s.holdout_share.realized),
        s.holdout_share.target_percent
    ));
    if s.holdout.shown > 0 {
        out.push_str(&format!(
            "  {} holdout screenings were shown the alert because the destination is a reported scam\n",
            s.holdout.shown
        ));
    }
    out.push_str(&breakdown_lines("By variant", &s.by_variant, |b| {
        b.variant.clone().unwrap_or_default()
    }));
    out.push_str(&breakdown_lines("By day", &s.by_day, |b| {
        b.day.clone().unwrap_or_default()
    }));
    out.push_str(&breakdown_lines(
        "By exposure (habituation)",
        &s.by_exposure,
        |b| {
            let n = b.exposure.unwrap_or(0);
            if b.and_later {
                format!("{n}+")
            } else {
                n.to_string()
            }
        },
    ));
    out
}

// ---------------------------------------------------------------------------------------
// Simulation
// ---------------------------------------------------------------------------------------

const SIM_DESTINATION: &str = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";
const SIM_START: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn sim_campaign(holdout: u8) -> serde_json::Value {
    serde_json::json!({
        "name": "Simulation",
        "partner": "Synthetic",
        "regions": ["HK"],
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "holdout_percent": holdout,
        "variants": [
            {"key": "a", "content": {"en": {"title": "A", "message": "A"}}},
            {"key": "b", "content": {"en": {"title": "B", "message": "B"}}}
        ]
    })
}

tokio::task_local! {
    /// The time of the synthetic user's call in progress, Unix seconds.
    static SIM_NOW: i64;
}

/// The simulation's clock: each synthetic user's calls run at their own time (users
/// are simulated concurrently, so one fixed clock cannot be moved for all), and
/// [`SIM_START`] outside them.
struct SimClock;

impl service::Clock for SimClock {
    fn now_micros(&self) -> i64 {
        SIM_NOW
            .try_with(|now| *now)
            .unwrap_or(SIM_START)
            .saturating_mul(1_000_000)
    }
}

/// One interval check of a run.
#[derive(Debug, serde::Serialize)]
struct Check {
    figure: &'static str,
    truth: f64,
    measured: Option<f64>,
    ci95: Option<[f64; 2]>,
    covered: bool,
}

fn check(figure: &'static str, truth: f64, measured: Option<f64>, ci95: Option<[f64; 2]>) -> Check {
    Check {
        figure,
        truth,
        measured,
        ci95,
        covered: ci95.is_some_and(|[l, u]| l <= truth && truth <= u),
    }
}

/// The friction ladder's checks for one seed: synthetic users with known true effects
/// per step (`campaign::sim::run_ladder`), through the per-step statistics.
fn ladder_checks(users: u32, holdout: u8, seed: u64) -> anyhow::Result<Vec<Check>> {
    use campaign::StepArm;
    let c = campaign::sim::ladder_campaign(holdout, 24)?;
    let truth = campaign::sim::LadderTruth::default();
    let (per_variant, delays) = campaign::sim::run_ladder(&c, &truth, u64::from(users), seed);
    let control = truth.scam_of(StepArm::AlertOnly);
    let mut checks = Vec::new();
    for row in campaign::ladder(&c, &per_variant, &delays) {
        let t = truth.scam_of(row.step);
        let (scams, versus, delayed) = match row.step {
            StepArm::AlertOnly => ("ladder alert only: later scams /1000", "", ""),
            StepArm::Confirm => (
                "ladder confirm: later scams /1000",
                "ladder confirm - alert only /1000",
                "",
            ),
            StepArm::Hold => (
                "ladder hold: later scams /1000",
                "ladder hold - alert only /1000",
                "ladder hold: delayed share",
            ),
        };
        let s = row.later_reported_scams;
        checks.push(check(scams, t * 1000.0, s.per_1000, s.ci95));
        if let Some(d) = row.versus_alert_only_per_1000 {
            checks.push(check(versus, (t - control) * 1000.0, d.difference, d.ci95));
        }
        if !delayed.is_empty() {
            let d = row.cost.delayed;
            checks.push(check(delayed, truth.delayed_of(row.step), d.rate, d.ci95));
        }
    }
    Ok(checks)
}

/// One synthetic user: screenings through the service's use cases, outcomes drawn from
/// the truth of the arm it chose, maybe a later scam report.
async fn sim_user(
    service: Arc<Service>,
    truth: Truth,
    n: u32,
    seed: u64,
    withdrawals: u32,
) -> anyhow::Result<()> {
    let by = Principal::Operator;
    let mut rng = Rng::stream(seed, u64::from(n));
    let user = format!("sim-{seed}-{n}");
    let count = rng.range(1, withdrawals.max(1));
    let mut arm = None;
    for w in 0..count {
        let now = SIM_START + i64::from(w) * 86_400 + i64::from(n % 3_600);
        let req = ScreenRequest {
            user: user.clone(),
            region: "HK".into(),
            locale: Some("en".into()),
            asset: "USDT".into(),
            network: "ethereum".into(),
            amount: Amount::Text("100".into()),
            amount_usd: Some(Amount::Number(100.0)),
            destination: SIM_DESTINATION.into(),
            context: None,
            trusted_contact: None,
        };
        let r = SIM_NOW
            .scope(now, service.screen(&by, &req))
            .await
            .context("screening failed")?;
        let a = if r.intervention.is_some() {
            Arm::Exposed
        } else {
            Arm::Holdout
        };
        arm = Some(a);
        let action = OutcomeRequest {
            action: truth.draw(a, &mut rng).as_str().to_owned(),
        };
        SIM_NOW
            .scope(now + 60, service.outcome(&by, &r.screening_id, &action))
            .await
            .context("outcome failed")?;
    }
    if let Some(a) = arm
        && rng.unit() < truth.scam(a)
    {
        let report = ScamReportRequest {
            user,
            reported_at: None,
        };
        SIM_NOW
            .scope(SIM_START + 30 * 86_400, service.report_scam(&by, &report))
            .await
            .context("scam report failed")?;
    }
    Ok(())
}

async fn simulate_once(
    users: u32,
    withdrawals: u32,
    holdout: u8,
    seed: u64,
) -> anyhow::Result<(Stats, Vec<Check>)> {
    let truth = Truth::default();
    let store = service::open_store("sqlite::memory:").await?;
    // A pseudonymization secret derived from the seed (the server would draw a random
    // one): holdout and variant assignment, and so the whole run, repeat exactly.
    let mut secret_rng = Rng::stream(seed, u64::MAX);
    let mut secret = [0u8; 32];
    for chunk in secret.chunks_mut(8) {
        chunk.copy_from_slice(&secret_rng.next_u64().to_le_bytes());
    }
    let secrets = secrets::Secrets::from_keys(secret, secret, secret);
    let runtime = service::Runtime {
        clock: Arc::new(SimClock),
        random: Arc::new(service::SeqRandom::new(seed)),
    };
    let service =
        Arc::new(Service::new(store, service::Settings::default(), secrets, runtime).await?);
    let c = match service
        .create_campaign(&Principal::Operator, &sim_campaign(holdout))
        .await
        .map_err(explain)?
    {
        Created::Done(c) => c,
        Created::Pending(p) => p.campaign,
    };
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..users {
        tasks.spawn(sim_user(Arc::clone(&service), truth, n, seed, withdrawals));
        if tasks.len() >= 64
            && let Some(done) = tasks.join_next().await
        {
            done??;
        }
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    let (_, s) = service.campaign_stats(&Principal::Operator, c.id).await?;
    let t = |a| truth.reconsidered(a);
    let scam = s
        .uplift
        .later_reported_scams_per_1000
        .unwrap_or(Difference {
            difference: None,
            ci95: None,
        });
    let checks = vec![
        check(
            "exposed reconsidered",
            t(Arm::Exposed),
            s.exposed.reconsidered.rate,
            s.exposed.reconsidered.ci95,
        ),
        check(
            "holdout reconsidered",
            t(Arm::Holdout),
            s.holdout.reconsidered.rate,
            s.holdout.reconsidered.ci95,
        ),
        check(
            "exposed cancelled",
            truth.cancelled(Arm::Exposed),
            s.exposed.cancelled.rate,
            s.exposed.cancelled.ci95,
        ),
        check(
            "holdout cancelled",
            truth.cancelled(Arm::Holdout),
            s.holdout.cancelled.rate,
            s.holdout.cancelled.ci95,
        ),
        check(
            "uplift reconsidered",
            t(Arm::Exposed) - t(Arm::Holdout),
            s.uplift.reconsidered.difference,
            s.uplift.reconsidered.ci95,
        ),
        check(
            "uplift cancelled",
            truth.cancelled(Arm::Exposed) - truth.cancelled(Arm::Holdout),
            s.uplift.cancelled.difference,
            s.uplift.cancelled.ci95,
        ),
        check(
            "later scams per 1,000: difference",
            1000.0 * (truth.scam(Arm::Exposed) - truth.scam(Arm::Holdout)),
            scam.difference,
            scam.ci95,
        ),
        check(
            "holdout share",
            f64::from(holdout) / 100.0,
            s.holdout_share.realized.rate,
            s.holdout_share.realized.ci95,
        ),
    ];
    service.close().await;
    Ok((s, checks))
}

async fn simulate(
    users: u32,
    withdrawals: u32,
    holdout: u8,
    seed: u64,
    runs: u32,
    ladder: bool,
    format: Format,
) -> anyhow::Result<()> {
    if users == 0 || users > 1_000_000 {
        bail!("--users must be 1 to 1000000");
    }
    if holdout == 0 || holdout > 50 {
        bail!("--holdout must be 1 to 50 (a simulation needs a holdout)");
    }
    if runs == 0 || runs > 100 {
        bail!("--runs must be 1 to 100");
    }
    let mut all = Vec::new();
    let (mut covered, mut total) = (0usize, 0usize);
    for run in 0..runs {
        let seed = seed + u64::from(run);
        let (stats, mut checks) = simulate_once(users, withdrawals, holdout, seed).await?;
        if ladder {
            checks.extend(ladder_checks(users, holdout, seed)?);
        }
        covered += checks.iter().filter(|c| c.covered).count();
        total += checks.len();
        if format == Format::Text {
            println!(
                "run {} (seed {seed}): {users} users, {} screenings, holdout {holdout} %",
                run + 1,
                stats.exposed.screenings + stats.holdout.screenings
            );
            println!(
                "  {:<36} {:>9} {:>9}  {:<20} covered",
                "figure", "truth", "measured", "95 % interval"
            );
            for c in &checks {
                let ci = c
                    .ci95
                    .map_or_else(|| "-".into(), |[l, u]| format!("[{l:.4}, {u:.4}]"));
                println!(
                    "  {:<36} {:>9.4} {:>9.4}  {:<20} {}",
                    c.figure,
                    c.truth,
                    c.measured.unwrap_or(f64::NAN),
                    ci,
                    if c.covered { "yes" } else { "NO" }
                );
            }
        }
        all.push(serde_json::json!({"seed": seed, "checks": checks}));
    }
    let rate = covered as f64 / total.max(1) as f64;
    match format {
        Format::Json => println!(
            "{}",
            serde_json::json!({"runs": all, "coverage": {"covered": covered, "intervals": total, "rate": rate}})
        ),
        Format::Text => println!(
            "\n{covered} of {total} 95 % intervals cover the true value ({:.1} %); about 95 % is expected.",
            rate * 100.0
        ),
    }
    Ok(())
}

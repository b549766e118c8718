//! `antiscam eval provenance`: "did we send this?" measured end to end through the
//! service over a SQLite file: every registered message must be found for its user
//! after re-typing noise; no unregistered message (the same templates with other
//! values, another user's messages, and any texts given) may be called `sent_by_us`;
//! and the lookups' latency.
//!
//! The registered messages are generated from exchange-like templates (English and
//! Chinese: withdrawals, deposits, log-ins, codes, security notices, marketing with
//! tracking parameters) with per-message values, so the hard negatives differ from a
//! registered message by one amount, address, code-less number or link token.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use service::{Principal, Runtime, Service};

/// Arguments.
#[derive(Debug, clap::Args)]
pub struct ProvenanceArgs {
    /// Users with registered messages.
    #[arg(long, default_value_t = 2_000)]
    users: u32,
    /// Registered messages per user.
    #[arg(long, default_value_t = 5)]
    per_user: u32,
    /// Unregistered messages to look up.
    #[arg(long, default_value_t = 100_000)]
    unregistered: u32,
    /// More unregistered texts, one per line (e.g. an SMS corpus), looked up for
    /// registered users.
    #[arg(long)]
    texts: Option<PathBuf>,
    /// Seed of the generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Print every miss and every false `sent_by_us` (to stderr).
    #[arg(long)]
    show: bool,
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize]))
            .collect()
    }
}

/// A message of one of the templates, with its values drawn from `rng`.
fn message(template: u64, rng: &mut Rng) -> String {
    let amount = format!("{}.{:02}", 10 + rng.below(50_000), rng.below(100));
    let asset = ["USDT", "BTC", "ETH", "SOL"][rng.below(4) as usize];
    let address = format!("0x{}", rng.hex(40));
    let token = rng.hex(10);
    let code = format!("{:06}", rng.below(1_000_000));
    let ip = format!(
        "{}.{}.{}.{}",
        rng.below(223) + 1,
        rng.below(256),
        rng.below(256),
        rng.below(256)
    );
    match template % 10 {
        0 => format!(
            "Example Exchange: your withdrawal of {amount} {asset} to {address} is pending. \
             Not you? Review it at https://example.com/w/{token}?utm_source=sms"
        ),
        1 => format!("Example Exchange: deposit of {amount} {asset} received. Ref {token}."),
        2 => format!(
            "New log-in to your Example Exchange account from {ip}. If this was not you, \
             lock your account at https://example.com/security/{token}"
        ),
        3 => format!(
            "Your Example Exchange verification code is {code}. It expires in 5 minutes. Never share it."
        ),
        4 => format!(
            "【Example Exchange】您提现的 {amount} {asset} 正在处理中，地址 {address}。如非本人操作，请访问 https://example.com/w/{token}"
        ),
        5 => format!("【Example Exchange】您的验证码为 {code}，5分钟内有效，请勿告知他人。"),
        6 => format!(
            "【Example Exchange】您的帳戶於 {ip} 登入。如非本人操作，請即鎖定帳戶：https://example.com/security/{token}"
        ),
        7 => format!(
            "Trade {asset} with zero fees this week! https://example.com/promo/{token}?utm_campaign=wk{} &fbclid=x{}",
            rng.below(52),
            rng.hex(6)
        ),
        8 => format!(
            "Example Exchange security notice: the withdrawal address {address} was added to your whitelist at {ip}."
        ),
        _ => format!(
            "Example Exchange: your API key ending {} was created. Manage keys at https://example.com/account/api?k={token}",
            rng.hex(4)
        ),
    }
}

/// What a person does when re-typing or forwarding a message: `variant` picks one.
fn noisy(text: &str, variant: u64) -> String {
    match variant % 6 {
        0 => text.to_uppercase(),
        1 => text.replace(' ', "  ").replace(". ", ".\n"),
        2 => text.replace("utm_source=sms", "utm_source=forward&gclid=abc"),
        3 => text.replacen(' ', " \u{200B}", 3),
        4 => format!("  {}\n", text.to_lowercase()),
        _ => text
            .replace("https://example.com", "http://WWW.example.com")
            .replace("?utm_source=sms", ""),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Runs the evaluation.
pub fn run(args: &ProvenanceArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("antiscam-eval-provenance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).context("cannot make a scratch directory")?;
    let result = super::super::runtime()?.block_on(measure(args, &dir));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn measure(args: &ProvenanceArgs, dir: &std::path::Path) -> anyhow::Result<()> {
    let store = service::open_store(&format!("sqlite:{}", dir.join("eval.db").display())).await?;
    let secrets = secrets::Secrets::from_keys([1; 32], [2; 32], [3; 32]);
    let service = Arc::new(
        Service::new(
            store,
            service::Settings::default(),
            secrets,
            Runtime::default(),
        )
        .await?,
    );
    let empty: u64 = ["eval.db", "eval.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    let mut rng = Rng(args.seed);
    let now = service.now();
    let sent_at = wire::rfc3339(now - 3_600);
    // Registered: per user, messages of distinct templates.
    let mut registered: Vec<(String, String)> = Vec::new();
    for u in 0..args.users {
        let user = format!("user-{u}");
        for m in 0..args.per_user {
            let template = u64::from(u) + u64::from(m) * 3;
            registered.push((user.clone(), message(template, &mut rng)));
        }
    }
    let started = Instant::now();
    let mut fingerprints = 0u64;
    for chunk in registered.chunks(wire::MAX_SENT_MESSAGES) {
        let req = wire::SentMessagesRequest {
            messages: chunk
                .iter()
                .map(|(user, text)| wire::SentMessage {
                    user: user.clone(),
                    channel: "sms".into(),
                    sent_at: sent_at.clone(),
                    text: text.clone(),
                })
                .collect(),
        };
        fingerprints += service
            .register_sent(&Principal::Operator, &req)
            .await?
            .fingerprints_added;
    }
    let registering = started.elapsed();
    // The database's size with the fingerprints, checkpointed.
    let bytes: u64 = ["eval.db", "eval.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();

    let mut times = Vec::new();
    let mut ask = async |user: &str, text: &str| -> anyhow::Result<wire::ProvenanceStatus> {
        let t = Instant::now();
        let p = service
            .provenance(user, None, text, true, i18n::Locale::En)
            .await?;
        times.push(t.elapsed());
        Ok(p.status)
    };
    // Found after noise, for the right user.
    let (mut found, mut checks) = (0u64, 0u64);
    for (i, (user, text)) in registered.iter().enumerate() {
        for variant in [i as u64, i as u64 + 3] {
            checks += 1;
            if ask(user, &noisy(text, variant)).await? == wire::ProvenanceStatus::SentByUs {
                found += 1;
            } else if args.show {
                eprintln!("MISS {variant}: {:?}", noisy(text, variant));
            }
        }
    }
    // Unregistered: the same templates with other values, another user's message, texts.
    // "The same message" is what normalization says is the same: a code message that
    // differs only in its one-time code is the message sent (codes are masked, never
    // kept), so it is not an unregistered one; such lookups are counted apart.
    let registered_set: std::collections::HashSet<(String, String)> = registered
        .iter()
        .map(|(u, t)| (u.clone(), provenance::normalize(t).text))
        .collect();
    let mut same_after_masking = 0u64;
    let extra: Vec<String> = match &args.texts {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        None => Vec::new(),
    };
    let (mut false_sent, mut asked) = (0u64, 0u64);
    let (mut hard, mut other_user, mut corpus) = (0u64, 0u64, 0u64);
    let mut i = 0u64;
    while asked < u64::from(args.unregistered) {
        let u = (i % u64::from(args.users.max(1))) as u32;
        let user = format!("user-{u}");
        let (kind, text, who) = match i % 3 {
            0 => (0, message(rng.below(10), &mut rng), user),
            1 => {
                let (owner, text) = &registered[(i as usize * 7) % registered.len()];
                let other = if *owner == user {
                    format!("user-{}", (u + 1) % args.users.max(1))
                } else {
                    user
                };
                (1, text.clone(), other)
            }
            _ if !extra.is_empty() => (2, extra[(i as usize / 3) % extra.len()].clone(), user),
            _ => (0, message(rng.below(10), &mut rng), user),
        };
        i += 1;
        if registered_set.contains(&(who.clone(), provenance::normalize(&text).text)) {
            same_after_masking += 1;
            continue;
        }
        asked += 1;
        match kind {
            0 => hard += 1,
            1 => other_user += 1,
            _ => corpus += 1,
        }
        if ask(&who, &text).await? == wire::ProvenanceStatus::SentByUs {
            false_sent += 1;
            if args.show {
                eprintln!("FALSE {kind}: {text:?}");
            }
        }
    }
    times.sort_unstable();
    println!(
        "registered {} messages of {} users in {:.2} s: {fingerprints} fingerprints, database \
         {:.1} MB with them ({:.0} bytes a fingerprint over an empty database's {:.1} MB)",
        registered.len(),
        args.users,
        registering.as_secs_f64(),
        bytes as f64 / 1e6,
        (bytes.saturating_sub(empty)) as f64 / fingerprints.max(1) as f64,
        empty as f64 / 1e6,
    );
    println!(
        "found after re-typing noise: {found} of {checks} ({:.2} %)",
        100.0 * found as f64 / checks.max(1) as f64
    );
    println!(
        "unregistered called sent_by_us: {false_sent} of {asked} \
         ({hard} same templates with other values, {other_user} another user's messages, \
         {corpus} texts); {same_after_masking} more differed from a message sent to \
         their user only in a one-time code (the same message by design)"
    );
    println!(
        "lookups: {} in all, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (fingerprints and one \
         indexed read, SQLite file, one task)",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    Ok(())
}

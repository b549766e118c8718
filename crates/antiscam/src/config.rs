//! Typed configuration: defaults, then a TOML file, then `ANTISCAM_*` environment
//! variables, then command-line flags, each overriding the one before.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "sqlite:antiscam.db";
/// The default listen address: loopback only, so a first run exposes nothing.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
const DEFAULT_FILE: &str = "antiscam.toml";
/// Largest configuration file read.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    database_url: Option<String>,
    listen: Option<String>,
    default_region: Option<String>,
    site_brand: Option<String>,
    demo: Option<bool>,
    /// Reverse proxies (addresses or CIDR networks) whose `X-Forwarded-For` is believed.
    trusted_proxies: Option<Vec<String>>,
    /// The site is served over TLS: cookies get `Secure`.
    secure_cookies: Option<bool>,
    key_file: Option<std::path::PathBuf>,
    /// Days a registered sent message is remembered ("did we send this?").
    sent_messages_days: Option<u32>,
    #[serde(default)]
    reports: ReportsFile,
    #[serde(default)]
    rates: RatesFile,
    #[serde(default)]
    http: HttpFile,
    #[serde(default)]
    webhooks: WebhooksFile,
}

/// The `[webhooks]` table: signed webhook delivery.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhooksFile {
    /// Targets on loopback/private addresses and plain http (tests, one host).
    allow_private: Option<bool>,
    max_attempts: Option<u32>,
    max_age_hours: Option<u32>,
    retry_base_ms: Option<u64>,
    retry_max_secs: Option<u64>,
    timeout_secs: Option<u64>,
    /// Deliveries in flight at once to one subscription.
    per_subscription: Option<u32>,
    /// A PEM file of root certificates trusted for https targets besides the system's.
    ca_file: Option<std::path::PathBuf>,
}

/// A rate in the file: `{ per_minute = 120, burst = 60 }`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateFile {
    per_minute: u32,
    burst: u32,
}

/// The `[rates]` table: per-client and per-key rate limits.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatesFile {
    lookups: Option<RateFile>,
    analyze: Option<RateFile>,
    integrator: Option<RateFile>,
    staff: Option<RateFile>,
}

/// The `[http]` table: connection limits and timeouts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpFile {
    header_read_timeout_secs: Option<u64>,
    body_read_timeout_secs: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    shutdown_deadline_secs: Option<u64>,
}

/// The `[reports]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportsFile {
    rate_per_minute: Option<u32>,
    burst: Option<u32>,
    threshold: Option<u32>,
    suspected_ttl_days: Option<u32>,
    confirmed_ttl_days: Option<u32>,
    aging_interval_minutes: Option<u32>,
    window_days: Option<u32>,
    /// Replaced by the top-level `trusted_proxies` list: refused with a message.
    trust_forwarded_for: Option<bool>,
}

/// The settings every subcommand reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite:PATH` or `postgres://…`.
    pub database_url: String,
    /// Where `serve` listens.
    pub listen: SocketAddr,
    /// ISO 3166 region for phone numbers without a country code.
    pub default_region: Option<String>,
    /// Brand named on the web pages; default: the registry's first.
    pub site_brand: Option<String>,
    /// Seed a new database with the demo exchange's data.
    pub demo: bool,
    /// Scam reports: rate limit, auto-listing threshold, aging.
    pub reports: service::ReportSettings,
    /// Rate limits of lookups, analyses and keys.
    pub rates: server::RateSettings,
    /// Connection limits and timeouts.
    pub limits: server::Limits,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: server::TrustedProxies,
    /// Cookies get `Secure` (the site is served over TLS, at a proxy).
    pub secure_cookies: bool,
    /// The key file (pseudonymization keys, signing seed): `--key-file`,
    /// `ANTISCAM_KEY_FILE`, `key_file`, or `antiscam.keys` beside the SQLite database
    /// (in the working directory for PostgreSQL). `ANTISCAM_SECRETS` overrides it.
    pub key_file: std::path::PathBuf,
    /// Days a registered sent message is remembered (`sent_messages_days`, 1 to 3,650;
    /// default 90).
    pub sent_retention_days: Option<u32>,
    /// Signed webhooks (`[webhooks]`, `ANTISCAM_WEBHOOK_*`).
    pub webhooks: service::webhooks::WebhookSettings,
}

impl Config {
    /// Loads the configuration; `file` is an explicit path (then it must exist).
    pub fn load(
        file: Option<&Path>,
        database_flag: Option<&str>,
        key_file_flag: Option<&Path>,
    ) -> anyhow::Result<Config> {
        let parsed = match file {
            Some(path) => read(path)?,
            None if Path::new(DEFAULT_FILE).exists() => read(Path::new(DEFAULT_FILE))?,
            None => File::default(),
        };
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let database_url = database_flag
            .map(str::to_owned)
            .or_else(|| env("ANTISCAM_DATABASE_URL"))
            .or(parsed.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE.to_owned());
        let listen_text = env("ANTISCAM_LISTEN")
            .or(parsed.listen)
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let listen = listen_text.parse().with_context(|| {
            format!("listen address {listen_text:?} is not HOST:PORT (e.g. 127.0.0.1:8080)")
        })?;
        let default_region = env("ANTISCAM_DEFAULT_REGION")
            .or(parsed.default_region)
            .map(|r| parse_region(&r))
            .transpose()?;
        let demo = match env("ANTISCAM_DEMO") {
            Some(v) => parse_bool("ANTISCAM_DEMO", &v)?,
            None => parsed.demo.unwrap_or(true),
        };
        let mut reports = report_settings(&parsed.reports, &env)?;
        if env("ANTISCAM_RATE_LIMITS").is_some_and(|v| v.trim() == "off") {
            reports.per_minute = 0;
        }
        let proxies: Vec<String> = match env("ANTISCAM_TRUSTED_PROXIES") {
            Some(v) => v
                .split(',')
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
            None => parsed.trusted_proxies.unwrap_or_default(),
        };
        let trusted_proxies = server::TrustedProxies::parse(&proxies)
            .context("trusted_proxies (ANTISCAM_TRUSTED_PROXIES)")?;
        let rates = rate_settings(&parsed.rates, &env)?;
        let secure_cookies = match env("ANTISCAM_SECURE_COOKIES") {
            Some(v) => parse_bool("ANTISCAM_SECURE_COOKIES", &v)?,
            None => parsed.secure_cookies.unwrap_or(false),
        };
        let limits = limits(&parsed.http)?;
        if let Some(days) = parsed.sent_messages_days
            && !(1..=3_650).contains(&days)
        {
            bail!("sent_messages_days must be 1 to 3650, not {days}");
        }
        let webhooks = webhook_settings(&parsed.webhooks, &env)?;
        let key_file = key_file_flag
            .map(Path::to_path_buf)
            .or_else(|| env("ANTISCAM_KEY_FILE").map(std::path::PathBuf::from))
            .or(parsed.key_file)
            .unwrap_or_else(|| default_key_file(&database_url));
        Ok(Config {
            database_url,
            listen,
            default_region,
            site_brand: parsed.site_brand,
            sent_retention_days: parsed.sent_messages_days,
            demo,
            reports,
            rates,
            limits,
            trusted_proxies,
            secure_cookies,
            key_file,
            webhooks,
        })
    }
}

/// The `[webhooks]` table, then `ANTISCAM_WEBHOOK_ALLOW_PRIVATE`,
/// `ANTISCAM_WEBHOOK_MAX_ATTEMPTS`, `ANTISCAM_WEBHOOK_RETRY_MAX_SECS` and
/// `ANTISCAM_WEBHOOK_CA_FILE`.
fn webhook_settings(
    file: &WebhooksFile,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<service::webhooks::WebhookSettings> {
    use std::time::Duration;
    let allow_private = match env("ANTISCAM_WEBHOOK_ALLOW_PRIVATE") {
        Some(v) => parse_bool("ANTISCAM_WEBHOOK_ALLOW_PRIVATE", &v)?,
        None => file.allow_private.unwrap_or(false),
    };
    let mut s = service::webhooks::WebhookSettings {
        allow_private,
        ..service::webhooks::WebhookSettings::default()
    };
    let number = |name: &str, file: Option<u64>| -> anyhow::Result<Option<u64>> {
        match env(name) {
            Some(v) => {
                Ok(Some(v.trim().parse().with_context(|| {
                    format!("{name}={v:?} is not a whole number")
                })?))
            }
            None => Ok(file),
        }
    };
    if let Some(n) = number(
        "ANTISCAM_WEBHOOK_MAX_ATTEMPTS",
        file.max_attempts.map(u64::from),
    )? {
        if !(1..=100).contains(&n) {
            bail!("webhooks max_attempts must be 1 to 100, not {n}");
        }
        s.max_attempts = n as u32;
    }
    if let Some(h) = file.max_age_hours {
        if !(1..=24 * 30).contains(&h) {
            bail!("webhooks max_age_hours must be 1 to 720, not {h}");
        }
        s.max_age = i64::from(h) * 3_600;
    }
    if let Some(ms) = file.retry_base_ms {
        s.retry_base = Duration::from_millis(ms.clamp(100, 60_000));
    }
    if let Some(secs) = number("ANTISCAM_WEBHOOK_RETRY_MAX_SECS", file.retry_max_secs)? {
        s.retry_max = Duration::from_secs(secs.clamp(1, 86_400));
    }
    if let Some(secs) = file.timeout_secs {
        s.timeout = Duration::from_secs(secs.clamp(1, 60));
    }
    if let Some(n) = file.per_subscription {
        if !(1..=64).contains(&n) {
            bail!("webhooks per_subscription must be 1 to 64, not {n}");
        }
        s.per_subscription = n as usize;
    }
    s.ca_file = env("ANTISCAM_WEBHOOK_CA_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| file.ca_file.clone());
    if let Some(path) = &s.ca_file {
        // Read now, so that a wrong path fails at start rather than at the first
        // delivery.
        service::webhooks::tls_client(Some(path)).map_err(anyhow::Error::msg)?;
    }
    Ok(s)
}

/// `antiscam.keys` beside a SQLite database file, else in the working directory.
fn default_key_file(database_url: &str) -> std::path::PathBuf {
    let name = Path::new(secrets::DEFAULT_FILE_NAME);
    match service::install::backup::sqlite_file(database_url) {
        Ok(db) => db
            .parent()
            .map_or_else(|| name.to_path_buf(), |dir| dir.join(name)),
        Err(_) => name.to_path_buf(),
    }
}

/// The `[reports]` table, with `ANTISCAM_REPORT_RATE` (submissions a minute per
/// client, 0 off), `ANTISCAM_REPORT_THRESHOLD` (distinct reporters to list) and
/// `ANTISCAM_AGING_INTERVAL_MINUTES` (0 off) overriding it.
fn report_settings(
    file: &ReportsFile,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<service::ReportSettings> {
    let number = |name: &str, from_file: Option<u32>| -> anyhow::Result<Option<u32>> {
        match env(name) {
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .with_context(|| format!("{name}={v:?} is not a whole number")),
            None => Ok(from_file),
        }
    };
    const DAY: i64 = 86_400;
    let mut s = service::ReportSettings::default();
    if let Some(rate) = number("ANTISCAM_REPORT_RATE", file.rate_per_minute)? {
        s.per_minute = rate;
    }
    if file.trust_forwarded_for.is_some() {
        bail!(
            "[reports] trust_forwarded_for is replaced by the top-level list trusted_proxies \
             (e.g. trusted_proxies = [\"10.0.0.0/8\"]): X-Forwarded-For is believed only from those"
        );
    }
    if let Some(burst) = file.burst {
        s.burst = burst;
    }
    if let Some(threshold) = number("ANTISCAM_REPORT_THRESHOLD", file.threshold)? {
        if threshold == 0 {
            bail!("the report threshold must be at least 1 reporter");
        }
        s.policy.threshold = threshold;
    }
    if let Some(days) = file.suspected_ttl_days {
        s.policy.suspected_ttl = i64::from(days) * DAY;
    }
    if let Some(days) = file.confirmed_ttl_days {
        s.policy.confirmed_ttl = i64::from(days) * DAY;
    }
    if let Some(days) = file.window_days {
        if days == 0 {
            bail!("[reports] window_days must be at least 1");
        }
        s.policy.window = i64::from(days) * DAY;
    }
    if let Some(minutes) = number(
        "ANTISCAM_AGING_INTERVAL_MINUTES",
        file.aging_interval_minutes,
    )? {
        s.aging_every =
            (minutes > 0).then(|| std::time::Duration::from_secs(u64::from(minutes) * 60));
    }
    Ok(s)
}

/// The `[rates]` table; `ANTISCAM_RATE_LIMITS=off` turns every per-client and per-key
/// limit off (load tests, contract tests), reports included.
fn rate_settings(
    file: &RatesFile,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<server::RateSettings> {
    let mut s = server::RateSettings::default();
    let rate = |r: RateFile| server::Rate {
        per_minute: r.per_minute,
        burst: r.burst,
    };
    for (slot, from_file) in [
        (&mut s.lookups, file.lookups),
        (&mut s.analyze, file.analyze),
        (&mut s.integrator, file.integrator),
        (&mut s.staff, file.staff),
    ] {
        if let Some(r) = from_file {
            *slot = rate(r);
        }
    }
    if let Some(v) = env("ANTISCAM_RATE_LIMITS") {
        match v.trim() {
            "off" => {
                let off = server::Rate {
                    per_minute: 0,
                    burst: 1,
                };
                s = server::RateSettings {
                    lookups: off,
                    analyze: off,
                    integrator: off,
                    staff: off,
                };
            }
            "on" => {}
            other => bail!("ANTISCAM_RATE_LIMITS={other:?}: use on or off"),
        }
    }
    Ok(s)
}

/// The `[http]` table.
fn limits(file: &HttpFile) -> anyhow::Result<server::Limits> {
    let mut l = server::Limits::default();
    let secs = std::time::Duration::from_secs;
    if let Some(t) = file.header_read_timeout_secs {
        if !(1..=10).contains(&t) {
            bail!("[http] header_read_timeout_secs must be 1 to 10");
        }
        l.header_read_timeout = secs(t);
    }
    if let Some(t) = file.body_read_timeout_secs {
        if !(1..=300).contains(&t) {
            bail!("[http] body_read_timeout_secs must be 1 to 300");
        }
        l.body_read_timeout = secs(t);
    }
    if let Some(t) = file.shutdown_deadline_secs {
        if !(1..=10).contains(&t) {
            bail!("[http] shutdown_deadline_secs must be 1 to 10");
        }
        l.shutdown_deadline = secs(t);
    }
    if let Some(n) = file.max_connections {
        if n == 0 {
            bail!("[http] max_connections must be at least 1");
        }
        l.max_connections = n;
    }
    if let Some(n) = file.max_connections_per_client {
        if n == 0 {
            bail!("[http] max_connections_per_client must be at least 1");
        }
        l.max_connections_per_client = n;
    }
    Ok(l)
}

fn read(path: &Path) -> anyhow::Result<File> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read configuration file {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        bail!("configuration file {} is over 1 MiB", path.display());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read configuration file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("configuration file {}", path.display()))
}

/// An assigned ISO 3166-1 alpha-2 region code, uppercased (`indicator::Region`, the
/// same codes campaigns and reports accept).
pub fn parse_region(s: &str) -> anyhow::Result<String> {
    indicator::Region::parse(s)
        .map(|r| r.as_str().to_owned())
        .map_err(|e| anyhow::anyhow!("region {:?}: {e}", s.trim()))
}

fn parse_bool(name: &str, v: &str) -> anyhow::Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => bail!("{name}={v:?} is not a boolean (true or false)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_booleans() {
        for (input, want) in [
            ("hk", Some("HK")),
            (" US ", Some("US")),
            ("HKG", None),
            ("UK", None),
            ("1a", None),
            ("", None),
        ] {
            assert_eq!(parse_region(input).ok().as_deref(), want, "{input:?}");
        }
        for (input, want) in [("true", Some(true)), ("OFF", Some(false)), ("maybe", None)] {
            assert_eq!(parse_bool("X", input).ok(), want, "{input:?}");
        }
    }

    #[test]
    fn webhook_connections_per_subscription() {
        let no_env = |_: &str| None;
        for (input, want) in [(None, Some(4)), (Some(1), Some(1)), (Some(64), Some(64))] {
            let file = WebhooksFile {
                per_subscription: input,
                ..WebhooksFile::default()
            };
            let got = webhook_settings(&file, &no_env).ok();
            assert_eq!(got.map(|s| s.per_subscription), want, "{input:?}");
        }
        for input in [0, 65] {
            let file = WebhooksFile {
                per_subscription: Some(input),
                ..WebhooksFile::default()
            };
            assert!(webhook_settings(&file, &no_env).is_err(), "{input}");
        }
    }
}

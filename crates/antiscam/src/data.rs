//! Opening the store, seeding the demo exchange, and reading registry and blocklist
//! files: the steps `serve` and `verify` share.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use registry::Registry;
use service::Clock;

use crate::config::Config;

/// The demo exchange's registry (fictional; example.com is reserved for documentation).
pub const DEMO_REGISTRY: &str = include_str!("../demo/registry.toml");
/// A few demo blocklist entries, so every verdict can be tried on a fresh install.
pub const DEMO_BLOCKLIST: &str = include_str!("../demo/blocklist.json");
/// The demo campaign's contacts that are not the exchange's: the Hong Kong Police's
/// anti-scam channels.
const DEMO_PARTNER_RESOURCES: [(&str, &str); 3] = [
    (
        "phone:+85218222",
        "Anti-Scam Helpline 18222 (Hong Kong Police)",
    ),
    ("domain:adcc.gov.hk", "Anti-Deception Coordination Centre"),
    (
        "domain:cyberdefender.hk",
        "CyberDefender and Scameter (Hong Kong Police)",
    ),
];

/// The demo's active Hong Kong withdrawal campaign (English and Traditional Chinese).
pub const DEMO_CAMPAIGN: &str = include_str!("../demo/campaign.json");
/// Largest blocklist text file read (a million domains is about 25 MB).
const MAX_BLOCKLIST_BYTES: u64 = 256 * 1024 * 1024;

/// The use cases over the configured store, opened (created and migrated) and seeded
/// with the demo when new, with the secrets (from the key file, created if missing, or
/// `ANTISCAM_SECRETS`; any an older version kept in the database moved there first).
/// The verification index is empty: commands that verify call `Service::reload`.
pub async fn open_service(config: &Config) -> anyhow::Result<service::Service> {
    let store = connect(config).await?;
    let runtime = service::Runtime::default();
    let secrets = service::keyring::load(store.as_ref(), &config.key_file, runtime.clock.now())
        .await
        .context("cannot load the secrets")?;
    let service = service::Service::open(store, service_settings(config), secrets, runtime);
    if config.demo {
        service.seed_demo(&demo()?).await?;
    }
    Ok(service)
}

/// The use cases over the configured store for a read-only command: no key file is
/// read or created (the secrets are throwaway, in memory: such a command neither signs
/// nor pseudonymizes) and nothing is seeded. The verification index is empty.
pub async fn open_reader(config: &Config) -> anyhow::Result<service::Service> {
    let store = connect(config).await?;
    let runtime = service::Runtime::default();
    let secrets = secrets::Secrets::generate(runtime.clock.now())?;
    Ok(service::Service::open(
        store,
        service_settings(config),
        secrets,
        runtime,
    ))
}

/// Opens (creating and migrating) the configured store.
async fn connect(config: &Config) -> anyhow::Result<Arc<dyn service::install::Store>> {
    service::open_store(&config.database_url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(&config.database_url)))
}

/// The use cases' settings from the configuration.
pub fn service_settings(config: &Config) -> service::Settings {
    service::Settings {
        default_region: config.default_region.clone(),
        producer: config.site_brand.clone(),
        reports: config.reports.clone(),
        sent_retention_days: config.sent_retention_days,
        webhooks: config.webhooks.clone(),
    }
}

/// The embedded demo data, parsed.
pub fn demo() -> anyhow::Result<service::demo::Demo> {
    let campaign: serde_json::Value =
        serde_json::from_str(DEMO_CAMPAIGN).context("the embedded demo campaign")?;
    Ok(service::demo::Demo {
        registry: Registry::from_toml(DEMO_REGISTRY).context("the embedded demo registry")?,
        blocklist: serde_json::from_str(DEMO_BLOCKLIST).context("the embedded demo blocklist")?,
        campaign: campaign::Spec::from_json(&campaign).context("the embedded demo campaign")?,
        partner_resources: DEMO_PARTNER_RESOURCES
            .iter()
            .map(|(k, l)| ((*k).to_owned(), (*l).to_owned()))
            .collect(),
    })
}

/// The file of a `sqlite:` database URL; `None` for in-memory and other engines.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// Hides a password in a database URL before it is shown.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Reads a registry file: TOML, or JSON when the name ends in `.json`.
pub fn read_registry(path: &Path) -> anyhow::Result<Registry> {
    let text = read_limited(path, registry::MAX_DOCUMENT_BYTES as u64)?;
    let parsed = if path.extension().is_some_and(|e| e == "json") {
        Registry::from_json(&text)
    } else {
        Registry::from_toml(&text)
    };
    parsed.with_context(|| format!("registry file {}", path.display()))
}

/// Reads a blocklist text file (one indicator per line) into `sink`, streaming.
/// Unreadable lines are reported on stderr by number and skipped.
pub fn read_blocklist(
    path: &Path,
    config: &Config,
    sink: &mut dyn FnMut(blocklist::Entry),
) -> anyhow::Result<()> {
    let text = read_limited(path, MAX_BLOCKLIST_BYTES)?;
    let now = service::SystemClock.now();
    let options = indicator::ParseOptions {
        default_region: config.default_region.clone(),
        hint: None,
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let source = format!("file:{name}");
    let mut skipped = 0;
    for item in verify::blocklist_lines(&text, &source, now, &options) {
        match item {
            Ok(entry) => sink(entry),
            Err((line, error)) => {
                skipped += 1;
                if skipped <= 20 {
                    eprintln!("antiscam: {}:{line}: skipped: {error}", path.display());
                }
            }
        }
    }
    if skipped > 20 {
        eprintln!(
            "antiscam: {}: {} more lines skipped",
            path.display(),
            skipped - 20
        );
    }
    Ok(())
}

fn read_limited(path: &Path, max: u64) -> anyhow::Result<String> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > max {
        bail!(
            "{} is {} bytes; the limit is {max}",
            path.display(),
            meta.len()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8 text", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_valid() {
        let demo = demo().expect("demo");
        assert_eq!(demo.registry.brands()[0].name, "Example Exchange");
        for e in &demo.blocklist {
            let (kind, value) = e.key.split_once(':').expect("key");
            let value = value.split_once(':').map_or(value, |(_, v)| v);
            let options = indicator::ParseOptions {
                default_region: None,
                hint: Some(kind.parse().expect("kind")),
            };
            let ind =
                indicator::parse(value, &options).unwrap_or_else(|err| panic!("{}: {err}", e.key));
            assert_eq!(ind.key(), e.key);
        }
    }

    #[test]
    fn sqlite_files_of_urls() {
        let cases = [
            ("sqlite:antiscam.db", Some("antiscam.db")),
            ("sqlite:///tmp/a.db", Some("/tmp/a.db")),
            ("sqlite://a.db?mode=rwc", Some("a.db")),
            ("sqlite::memory:", None),
            ("postgres://u@h/db", None),
        ];
        for (url, want) in cases {
            assert_eq!(
                sqlite_file(url),
                want.map(std::path::PathBuf::from),
                "{url}"
            );
        }
    }

    #[test]
    fn demo_campaign_is_valid() {
        let value: serde_json::Value = serde_json::from_str(DEMO_CAMPAIGN).expect("JSON");
        let spec = campaign::Spec::from_json(&value).expect("demo campaign");
        assert_eq!(spec.status, campaign::Status::Active);
        assert_eq!(spec.regions[0].as_str(), "HK");
        for v in &spec.variants {
            assert!(v.content.contains_key("en") && v.content.contains_key("zh-Hant"));
        }
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@db:5432/x"),
            "postgres://***@db:5432/x"
        );
        assert_eq!(redact("sqlite:antiscam.db"), "sqlite:antiscam.db");
    }
}

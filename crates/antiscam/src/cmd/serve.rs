//! `antiscam serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::Context;

use crate::config::Config;
use crate::{data, telemetry};

/// Run the HTTP API and the web pages.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (default 127.0.0.1:8080; also ANTISCAM_LISTEN).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Replace the registry with this TOML (or .json) file at start.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Add the indicators of this text file (one per line) to the blocklist at start.
    #[arg(long)]
    blocklist: Option<PathBuf>,
}

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    telemetry::init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (store, secrets) = data::open(config).await?;
        if let Some(path) = &args.registry {
            let registry = data::read_registry(path)?;
            store.replace_registry(&registry).await?;
            tracing::info!(
                brands = registry.brands().len(),
                "registry loaded from file"
            );
        }
        if let Some(path) = &args.blocklist {
            // The streaming importer: batches, never the whole list in memory.
            let format = feeds::Format::Text;
            let report = super::import::import_file(
                &store,
                config,
                path,
                format,
                feeds::Defaults {
                    source: super::import::default_source(format, path),
                    severity: blocklist::Severity::Confirmed,
                    categories: Vec::new(),
                    now: now(),
                },
                false,
            )
            .await?;
            super::import::audit_import(
                store.as_ref(),
                path,
                format,
                &super::import::default_source(format, path),
                &report,
            )
            .await?;
            for r in &report.examples {
                eprintln!("antiscam: {}: skipped {r}", path.display());
            }
            tracing::info!(
                added = report.counts.added,
                updated = report.counts.updated,
                unchanged = report.counts.unchanged,
                rejected = report.rejected_total(),
                "blocklist loaded from file"
            );
        }
        let settings = server::Settings {
            site_brand: config.site_brand.clone(),
            reports: config.reports.clone(),
            rates: config.rates.clone(),
            limits: config.limits.clone(),
            trusted_proxies: config.trusted_proxies.clone(),
            csrf_key: None,
            secure_cookies: config.secure_cookies,
        };
        let service = service::Service::new(
            store,
            data::service_settings(config),
            secrets,
            service::Runtime::default(),
        )
        .await?;
        let state = server::AppState::new(Arc::new(service), settings).await?;
        let addr = args.listen.unwrap_or(config.listen);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        tracing::info!(%local, "listening");
        eprintln!("antiscam: serving http://{local}/ (Ctrl-C to stop)");
        server::serve(listener, state, shutdown()).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

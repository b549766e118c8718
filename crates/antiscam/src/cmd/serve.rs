//! `antiscam serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::Context;
use service::Principal;
use service::import::ImportRequest;

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
        let service = data::open_service(config).await?;
        let by = Principal::Operator;
        if let Some(path) = &args.registry {
            let registry = data::read_registry(path)?;
            service.replace_registry(&by, &registry).await?;
            tracing::info!(
                brands = registry.brands().len(),
                "registry loaded from file"
            );
        }
        if let Some(path) = &args.blocklist {
            // The streaming importer: batches, never the whole list in memory.
            let req = ImportRequest {
                format: feeds::Format::Text,
                file_name: super::import::file_name(path),
                source: None,
                region: None,
                severity: blocklist::Severity::Confirmed,
                categories: Vec::new(),
            };
            let bytes = super::import::read_limited(path)?;
            let report = service
                .import_feed(&by, &req, bytes, &mut |_, _| {})
                .await
                .map_err(|e| super::import::import_error(e, path))?;
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
        service.reload().await?;
        let settings = server::Settings {
            site_brand: config.site_brand.clone(),
            reports: config.reports.clone(),
            rates: config.rates.clone(),
            limits: config.limits.clone(),
            trusted_proxies: config.trusted_proxies.clone(),
            csrf_key: None,
            secure_cookies: config.secure_cookies,
        };
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

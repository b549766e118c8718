//! Sharing the blocklist (`GET /v1/export`, `antiscam export`): [`Service::export`]
//! checks who asks, audits, and returns an [`ExportStream`].
//!
//! The blocklist is read in key-ordered pages ([`store::Store::blocklist_page`]) and
//! written chunk by chunk by a `feeds::Exporter`, so an export of a million entries
//! never sits in memory and the HTTP response streams.
//!
//! **Regions.** Blocklist entries have no region of their own. An entry is in region
//! `CC` when one of its sources was imported with `--region CC` (see
//! `store::source_regions`), or when it is a phone number of that region. A partner
//! key gets only its own region; admins and analysts choose (or take everything).

use std::collections::BTreeSet;
use std::sync::Arc;

use feeds::ExportFormat;
use feeds::stix::ExportMeta;
use store::{Role, Store, StoreError};

use crate::{Error, Principal, Result, Service};

/// Entries read from the store per page.
const PAGE: u32 = 5_000;

/// Which entries an export takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only entries of this region (ISO 3166-1 alpha-2, uppercase).
    pub region: Option<String>,
    /// Only entries last seen at or after this time, Unix seconds.
    pub since: Option<i64>,
}

impl Filter {
    /// A short description for the document (`"region=HK since=2024-01-01"`).
    pub fn scope(&self) -> String {
        let mut parts = Vec::new();
        if let Some(r) = &self.region {
            parts.push(format!("region={r}"));
        }
        if let Some(s) = self.since {
            parts.push(format!("since={}", feeds::format_rfc3339(s)));
        }
        parts.join(" ")
    }
}

/// How many entries an export wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportCounts {
    /// Entries written.
    pub written: u64,
    /// Entries whose key could not be written (unknown kind).
    pub skipped: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Begin,
    Body,
    Done,
}

/// An export in progress: call [`ExportStream::next_chunk`] until it returns `None`.
pub struct ExportStream {
    store: Arc<dyn Store>,
    writer: feeds::Exporter,
    filter: Filter,
    /// Sources whose region is the filter's.
    sources: BTreeSet<String>,
    after: Option<String>,
    stage: Stage,
    counts: ExportCounts,
}

impl ExportStream {
    /// Prepares an export (reads the source regions).
    pub async fn new(
        store: Arc<dyn Store>,
        format: ExportFormat,
        filter: Filter,
        producer: String,
        now: i64,
    ) -> Result<ExportStream, StoreError> {
        let sources = match &filter.region {
            None => BTreeSet::new(),
            Some(region) => store::source_regions(store.as_ref())
                .await?
                .into_iter()
                .filter(|(_, r)| r == region)
                .map(|(s, _)| s)
                .collect(),
        };
        let meta = ExportMeta {
            producer,
            scope: filter.scope(),
            generated_at: now,
        };
        Ok(ExportStream {
            store,
            writer: feeds::Exporter::new(format, meta),
            filter,
            sources,
            after: None,
            stage: Stage::Begin,
            counts: ExportCounts::default(),
        })
    }

    /// What has been written so far.
    pub fn counts(&self) -> ExportCounts {
        self.counts
    }

    fn selected(&self, e: &blocklist::Entry) -> bool {
        if self.filter.since.is_some_and(|s| e.last_seen < s) {
            return false;
        }
        let Some(region) = &self.filter.region else {
            return true;
        };
        in_region(e, &self.sources, region)
    }

    /// The next piece of the document, or `None` after the last.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, StoreError> {
        let mut out = Vec::new();
        let io = |e: std::io::Error| StoreError::InvalidInput(format!("export: {e}"));
        match self.stage {
            Stage::Done => return Ok(None),
            Stage::Begin => {
                self.writer.begin(&mut out).map_err(io)?;
                self.stage = Stage::Body;
                return Ok(Some(out));
            }
            Stage::Body => {}
        }
        // Pages whose entries are all filtered out are skipped without a chunk.
        loop {
            let page = self
                .store
                .blocklist_page(self.after.as_deref(), PAGE)
                .await?;
            let Some(last) = page.last() else {
                let skipped = self.writer.end(&mut out).map_err(io)?;
                self.counts.skipped += skipped;
                self.counts.written = self.counts.written.saturating_sub(skipped);
                self.stage = Stage::Done;
                return Ok(Some(out));
            };
            self.after = Some(last.key.clone());
            for e in &page {
                if self.selected(e) {
                    self.writer.entry(&mut out, e).map_err(io)?;
                    self.counts.written += 1;
                }
            }
            if !out.is_empty() {
                return Ok(Some(out));
            }
        }
    }
}

/// Whether an entry is of `region`: one of its sources is one of the region's
/// (`sources`), or it is a phone number of the region.
pub fn in_region(e: &blocklist::Entry, sources: &BTreeSet<String>, region: &str) -> bool {
    if e.sources.iter().any(|s| sources.contains(s)) {
        return true;
    }
    e.key
        .strip_prefix("phone:")
        .and_then(|p| indicator::Phone::parse(p, None).ok())
        .is_some_and(|p| p.region() == Some(region))
}

/// Reads `--since` / `since=`: a date or RFC 3339 time.
pub fn parse_since(s: &str) -> Option<i64> {
    feeds::parse_date(s)
}

/// What `GET /v1/export` and `antiscam export` ask for.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// `stix2`, `misp` or `csv`.
    pub format: String,
    /// ISO 3166-1 alpha-2: only entries of that region.
    pub region: Option<String>,
    /// A date or RFC 3339 time: only entries seen since.
    pub since: Option<String>,
}

impl Service {
    /// Starts an export: checks the caller (admins, analysts, partners; a partner gets
    /// its own region only), records who exported what in the audit log **before**
    /// anything is sent (shared intelligence leaves a trace even when the transfer
    /// fails half-way), and returns the stream of the document.
    pub async fn export(
        &self,
        by: &Principal,
        req: &ExportRequest,
    ) -> Result<(ExportFormat, ExportStream)> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let format: ExportFormat = req.format.parse().map_err(Error::BadRequest)?;
        let asked = match req
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            None => None,
            Some(r) => Some(
                indicator::Region::parse(r)
                    .map_err(|e| Error::BadRequest(format!("`region`: {e}")))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let region = match by.region_limit()? {
            Some(own) => {
                let own = own.as_str().to_owned();
                if asked.as_ref().is_some_and(|a| *a != own) {
                    return Err(Error::Forbidden(format!(
                        "this partner key may export region {own} only"
                    )));
                }
                Some(own)
            }
            None => asked,
        };
        let since = match req
            .since
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(parse_since(s).ok_or_else(|| Error::Invalid {
                code: "invalid_since",
                message: "since must be a date (2024-05-01) or an RFC 3339 time".into(),
            })?),
        };
        let filter = Filter { region, since };
        let now = self.now();
        let detail = serde_json::json!({
            "format": format.as_str(),
            "region": filter.region,
            "since": filter.since.map(feeds::format_rfc3339),
        })
        .to_string();
        self.store
            .reports()
            .append_audit(&by.actor(), "export", None, Some(&detail), now)
            .await?;
        tracing::info!(format = format.as_str(), scope = %filter.scope(), "export");
        let producer = self
            .settings
            .producer
            .clone()
            .unwrap_or_else(|| "antiscam".into());
        let stream =
            ExportStream::new(Arc::clone(&self.store), format, filter, producer, now).await?;
        Ok((format, stream))
    }
}

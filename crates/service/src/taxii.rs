//! The TAXII 2.1 collections (`/taxii2/`): who reads which collection, and pages of
//! their objects and manifests from the feed log (`store::feed_log`).
//!
//! **Collections.** `all` (every entry) for admins and analysts; one per region for
//! the region's partners (staff see them all). A region's collections exist for the
//! regions feed sources were imported with (`store::source_regions`), and for a
//! partner's own region.
//!
//! **Paging.** A page is a keyset read of the feed log after the `next` token (or
//! after `added_after`), in `(date_added, seq)` order, from its index: the millionth
//! object costs what the first does. A region's page reads at most
//! [`SCAN_ROWS`] rows of the log to fill itself: it may hold fewer objects than
//! asked with `more: true` (TAXII 2.1 allows it), so no request scans the whole log.

use std::collections::BTreeSet;

pub use feeds::taxii::PageKind;
use feeds::taxii::{Cursor, STIX_MEDIA_TYPE, Scope, Version};
use store::Role;
use store::feed_log::{FeedCursor, FeedQuery, FeedRecord, MAX_PAGE};

use crate::{Error, Principal, Result, Service};

/// Objects per page when the client asks for no `limit`.
pub const DEFAULT_LIMIT: u32 = 1_000;
/// Most objects per page.
pub const MAX_LIMIT: u32 = MAX_PAGE;
/// Most feed log rows one region page reads.
pub const SCAN_ROWS: u32 = 50_000;

/// Which entries are a region's: one of its sources is of the region, or it is a
/// phone number of the region (the rule of `GET /v1/export`).
#[derive(Debug, Clone)]
pub struct RegionFilter {
    region: String,
    sources: BTreeSet<String>,
}

impl RegionFilter {
    /// The filter of `region`, from the store's source regions.
    pub async fn load(service: &Service, region: &str) -> Result<RegionFilter> {
        let sources = store::source_regions(service.store.as_ref())
            .await?
            .into_iter()
            .filter(|(_, r)| r == region)
            .map(|(s, _)| s)
            .collect();
        Ok(RegionFilter {
            region: region.to_owned(),
            sources,
        })
    }

    /// Whether the entry is of the region.
    pub fn contains(&self, e: &blocklist::Entry) -> bool {
        crate::export::in_region(e, &self.sources, &self.region)
    }
}

/// What `…/objects/` and `…/manifest/` ask for.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    /// `added_after`: RFC 3339.
    pub added_after: Option<String>,
    /// `limit`.
    pub limit: Option<String>,
    /// `next`: a token of an earlier page.
    pub next: Option<String>,
}

/// A page of a collection's feed log.
#[derive(Debug, Clone)]
pub struct Page {
    /// The versions, in `(date_added, seq)` order.
    pub records: Vec<FeedRecord>,
    /// Where the next page starts, when there may be more.
    pub next: Option<String>,
}

impl Page {
    /// `X-TAXII-Date-Added-First` and `-Last`, Unix microseconds.
    pub fn date_added_range(&self) -> Option<(i64, i64)> {
        Some((
            self.records.first()?.added_at,
            self.records.last()?.added_at,
        ))
    }
}

/// A page as sent: its JSON ([`feeds::taxii::write_page`]) and the `date_added` of
/// its first and last versions (`X-TAXII-Date-Added-First`/`-Last`), Unix
/// microseconds.
#[derive(Debug, Clone)]
pub struct PageBody {
    /// `application/taxii+json;version=2.1`.
    pub body: Vec<u8>,
    /// First and last `date_added`, when the page has versions.
    pub date_added: Option<(i64, i64)>,
}

/// One collection as the caller may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// What it holds.
    pub scope: Scope,
    /// Its resource (`wire`).
    pub view: wire::taxii::TaxiiCollection,
}

impl Service {
    fn producer(&self) -> String {
        self.settings
            .producer
            .clone()
            .unwrap_or_else(|| "antiscam".into())
    }

    /// The collections `by` may read: staff get `all` and every region's, a partner its
    /// region's.
    pub async fn taxii_collections(&self, by: &Principal) -> Result<Vec<Collection>> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let scopes: Vec<Scope> = match by.region_limit()? {
            Some(own) => vec![Scope::Region(own.as_str().to_owned())],
            None => {
                let regions: BTreeSet<String> = store::source_regions(self.store.as_ref())
                    .await?
                    .into_values()
                    .collect();
                std::iter::once(Scope::All)
                    .chain(regions.into_iter().map(Scope::Region))
                    .collect()
            }
        };
        let producer = self.producer();
        Ok(scopes
            .into_iter()
            .map(|scope| Collection {
                view: wire::taxii::TaxiiCollection {
                    id: scope.collection_id(),
                    title: scope.title(&producer),
                    description: scope.description(),
                    can_read: true,
                    can_write: false,
                    media_types: vec![STIX_MEDIA_TYPE.to_owned()],
                },
                scope,
            })
            .collect())
    }

    /// The collection `id`, if `by` may read it (404 otherwise: a partner does not
    /// learn which other collections exist).
    pub async fn taxii_collection(&self, by: &Principal, id: &str) -> Result<Collection> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let scope = match by.region_limit()? {
            Some(own) => Scope::from_id(id, false, [own.as_str()]),
            None => Scope::from_id(id, true, indicator::REGIONS),
        }
        .ok_or_else(|| Error::NotFound(format!("no collection {id:?}")))?;
        let producer = self.producer();
        Ok(Collection {
            view: wire::taxii::TaxiiCollection {
                id: scope.collection_id(),
                title: scope.title(&producer),
                description: scope.description(),
                can_read: true,
                can_write: false,
                media_types: vec![STIX_MEDIA_TYPE.to_owned()],
            },
            scope,
        })
    }

    /// A page of the collection's versions (objects and manifests share it).
    pub async fn taxii_page(
        &self,
        by: &Principal,
        collection: &str,
        req: &PageRequest,
    ) -> Result<(Collection, Page)> {
        let c = self.taxii_collection(by, collection).await?;
        let limit = match req.limit.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| Error::BadRequest("`limit` must be a positive integer".into()))?
                .min(MAX_LIMIT),
        };
        let mut after = match req.added_after.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(FeedCursor::after_time(feeds::parse_micros(s).ok_or_else(
                || Error::BadRequest("`added_after` must be an RFC 3339 timestamp".into()),
            )?)),
        };
        if let Some(token) = req.next.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let c = Cursor::parse(token)
                .ok_or_else(|| Error::BadRequest("`next` is not a token of this server".into()))?;
            let c = FeedCursor {
                added_at: c.added_at,
                seq: c.seq,
            };
            after = Some(after.map_or(c, |a| a.max(c)));
        }
        if req.next.is_none() {
            // Shared intelligence leaves a trace: each read from its start.
            let detail = serde_json::json!({
                "collection": c.view.id,
                "added_after": req.added_after,
            })
            .to_string();
            let now = self.now();
            self.store
                .reports()
                .append_audit(&by.actor(), "taxii.read", None, Some(&detail), now)
                .await?;
        }
        let page = match &c.scope {
            Scope::All => self.read_page(after, limit, None, false).await?,
            Scope::Region(r) => {
                let filter = RegionFilter::load(self, r).await?;
                self.read_page(after, limit, Some(&filter), false).await?
            }
        };
        Ok((c, page))
    }

    /// Reads up to `limit` versions after `after` (only revoked ones with
    /// `revoked_only`), keeping those of `filter`, reading at most [`SCAN_ROWS`] rows.
    /// `next` is set only when more may follow: one row past the page is read to
    /// know.
    pub(crate) async fn read_page(
        &self,
        mut after: Option<FeedCursor>,
        limit: u32,
        filter: Option<&RegionFilter>,
        revoked_only: bool,
    ) -> Result<Page> {
        let log = self.store.feed_log();
        let token = |c: FeedCursor| {
            Cursor {
                added_at: c.added_at,
                seq: c.seq,
            }
            .token()
        };
        let mut records: Vec<FeedRecord> = Vec::new();
        let mut scanned = 0u32;
        loop {
            // One more than the page, to know whether more follow.
            let want = match filter {
                None => limit + 1,
                Some(_) => (MAX_PAGE + 1).min(SCAN_ROWS - scanned + 1),
            };
            let q = FeedQuery {
                after,
                before: None,
                revoked_only,
            };
            let rows = log.feed_page(&q, want).await?;
            let full = rows.len() as u32 == want;
            scanned += rows.len() as u32;
            for r in rows {
                if filter.is_some_and(|f| !f.contains(&r.entry)) {
                    after = Some(r.cursor());
                    continue;
                }
                if records.len() as u32 == limit {
                    // A row of the next page exists: stop after the last one kept.
                    let next = records.last().map(|l| token(l.cursor()));
                    return Ok(Page { records, next });
                }
                after = Some(r.cursor());
                records.push(r);
            }
            if !full {
                return Ok(Page {
                    records,
                    next: None,
                });
            }
            if scanned >= SCAN_ROWS {
                // A region's page read its share of the log: go on from there.
                return Ok(Page {
                    records,
                    next: after.map(token),
                });
            }
        }
    }

    /// The versions of one object of the collection (its id is the indicator's).
    pub async fn taxii_object(
        &self,
        by: &Principal,
        collection: &str,
        object_id: &str,
    ) -> Result<(Collection, Vec<FeedRecord>)> {
        let c = self.taxii_collection(by, collection).await?;
        if object_id.len() > 100 {
            return Err(Error::NotFound("no such object".into()));
        }
        let mut versions = self.store.feed_log().feed_object(object_id).await?;
        if let Scope::Region(r) = &c.scope {
            let filter = RegionFilter::load(self, r).await?;
            versions.retain(|v| filter.contains(&v.entry));
        }
        if versions.is_empty() {
            return Err(Error::NotFound(format!("no object {object_id:?}")));
        }
        Ok((c, versions))
    }

    /// A page of the collection's objects (an envelope of STIX indicators) or manifest
    /// records, rendered: objects and manifests share their paging, only the
    /// rendering differs.
    pub async fn taxii_page_body(
        &self,
        by: &Principal,
        collection: &str,
        req: &PageRequest,
        kind: PageKind,
    ) -> Result<PageBody> {
        let (_, page) = self.taxii_page(by, collection, req).await?;
        Ok(self.render_page(&page, kind))
    }

    /// Every version of one object of the collection, rendered as an envelope.
    pub async fn taxii_object_body(
        &self,
        by: &Principal,
        collection: &str,
        object_id: &str,
    ) -> Result<PageBody> {
        let (_, records) = self.taxii_object(by, collection, object_id).await?;
        let page = Page {
            records,
            next: None,
        };
        Ok(self.render_page(&page, PageKind::Objects))
    }

    fn render_page(&self, page: &Page, kind: PageKind) -> PageBody {
        let versions = page.records.iter().map(|r| Version {
            entry: &r.entry,
            added_at: r.added_at,
            revoked: r.revoked,
        });
        PageBody {
            body: feeds::taxii::write_page(
                kind,
                &self.producer(),
                page.next.is_some(),
                page.next.as_deref(),
                versions,
            ),
            date_added: page.date_added_range(),
        }
    }
}

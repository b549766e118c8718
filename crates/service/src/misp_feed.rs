//! The MISP feed (`/feeds/misp/`): `manifest.json`, `hashes.csv` and one event per
//! day with blocklist changes (`feeds::misp_feed`), for the caller's scope: a partner
//! its region's, staff everything.
//!
//! The days are found with two index lookups each in the feed log (first and last
//! change of the day), never a scan; a day's event reads that day's rows in pages
//! and keeps each entry's last version of the day (at most
//! [`MAX_DAY_ATTRIBUTES`]; a day with more is cut, in key order, and logged).

use std::collections::BTreeMap;

use feeds::misp_feed::{DAY, DayEvent};
use store::Role;
use store::feed_log::{FeedCursor, FeedQuery, MAX_PAGE};

use crate::taxii::RegionFilter;
use crate::{Error, Principal, Result, Service};

/// Most attributes in one day's event.
pub const MAX_DAY_ATTRIBUTES: usize = 500_000;

/// What a MISP feed request is about: the caller's scope.
#[derive(Debug, Clone)]
pub struct MispScope {
    region: Option<String>,
    filter: Option<RegionFilter>,
    producer: String,
}

/// One day's versions: the entry and, for a retraction, its reason.
pub type DayVersions = Vec<(blocklist::Entry, Option<String>)>;

impl Service {
    /// The scope of `by`'s feed (partners: their region; staff: everything).
    pub async fn misp_feed_scope(&self, by: &Principal) -> Result<MispScope> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let region = by.region_limit()?.map(|r| r.as_str().to_owned());
        let filter = match &region {
            Some(r) => Some(RegionFilter::load(self, r).await?),
            None => None,
        };
        Ok(MispScope {
            region,
            filter,
            producer: self
                .settings
                .producer
                .clone()
                .unwrap_or_else(|| "antiscam".into()),
        })
    }

    /// The days with changes, oldest first, as events of the scope.
    pub async fn misp_feed_days(&self, scope: &MispScope) -> Result<Vec<DayEvent>> {
        let log = self.store.feed_log();
        let mut days = Vec::new();
        let mut from = 0i64;
        while let Some(t) = log.feed_next_time(from).await? {
            let day = feeds::misp_feed::day_of_micros(t);
            let end = (day + 1).saturating_mul(DAY).saturating_mul(1_000_000);
            let last = log.feed_last_time(end).await?.unwrap_or(t);
            days.push(DayEvent {
                producer: scope.producer.clone(),
                region: scope.region.clone(),
                day,
                timestamp: last.div_euclid(1_000_000),
            });
            from = end;
        }
        Ok(days)
    }

    /// The day event of `uuid` (404 if no day of the scope has it).
    pub async fn misp_feed_day_of(&self, scope: &MispScope, uuid: &str) -> Result<DayEvent> {
        self.misp_feed_days(scope)
            .await?
            .into_iter()
            .find(|d| d.uuid() == uuid)
            .ok_or_else(|| Error::NotFound(format!("no event {uuid:?} in this feed")))
    }

    /// The last version of the day of each entry of the scope, in key order.
    pub async fn misp_feed_versions(
        &self,
        scope: &MispScope,
        day: &DayEvent,
    ) -> Result<DayVersions> {
        let log = self.store.feed_log();
        let start = day.day.saturating_mul(DAY).saturating_mul(1_000_000);
        let mut q = FeedQuery {
            after: Some(FeedCursor::after_time(start - 1)),
            before: Some(start.saturating_add(DAY * 1_000_000)),
            revoked_only: false,
        };
        let mut last: BTreeMap<String, (blocklist::Entry, Option<String>)> = BTreeMap::new();
        loop {
            let rows = log.feed_page(&q, MAX_PAGE).await?;
            let Some(end) = rows.last().map(|r| r.cursor()) else {
                break;
            };
            q.after = Some(end);
            for r in rows {
                if scope.filter.as_ref().is_some_and(|f| !f.contains(&r.entry)) {
                    continue;
                }
                if last.len() >= MAX_DAY_ATTRIBUTES && !last.contains_key(&r.entry.key) {
                    continue;
                }
                let reason = r.revoked.then(|| r.reason.unwrap_or_default());
                last.insert(r.entry.key.clone(), (r.entry, reason));
            }
        }
        if last.len() >= MAX_DAY_ATTRIBUTES {
            tracing::warn!(
                day = day.day,
                "MISP feed: the day's event is cut at its limit"
            );
        }
        Ok(last.into_values().collect())
    }
}

//! Withdrawal-time interventions (issue 4): screening ([`screen`]), outcomes and scam
//! reports ([`outcomes`]), the campaigns ([`manage`]), their review ([`review`]), the
//! partner resources alerts may show ([`resources`]) and the statistics ([`stats`]).
//!
//! Roles: the exchange's withdrawal flow screens and reports outcomes with an
//! integrator key; admins manage every campaign; a partner manages the campaigns of its
//! own region only (a campaign is a partner's when all its regions are the partner's
//! region; others are invisible to it: not found); analysts read campaigns and stats.
//!
//! The service caches the active campaigns ([`Cache`]): screening reads them thousands
//! of times a second. A change through this process reloads them at once, a change
//! elsewhere when [`Service::poll_changes`] hears of it, and in any case within
//! [`CACHE_TTL`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use campaign::{Campaign, Region, Spec};

use crate::{Error, Principal, Result, Service};

pub mod friction;
pub mod manage;
pub mod outcomes;
pub mod resources;
pub mod review;
pub mod screen;
pub mod stats;

/// How long the cached campaign list is trusted before it is reloaded.
pub const CACHE_TTL: Duration = Duration::from_secs(5);

/// The active campaigns, cached.
pub(crate) struct Cache {
    cached: ArcSwap<Cached>,
    reload: tokio::sync::Mutex<()>,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            cached: ArcSwap::from_pointee(Cached {
                active: Vec::new(),
                loaded: None,
            }),
            reload: tokio::sync::Mutex::new(()),
        }
    }
}

pub(crate) struct Cached {
    /// Active campaigns (their schedule is checked per screening), shared with the
    /// store's writer without copying their content.
    pub(crate) active: Vec<Arc<Campaign>>,
    /// When they were read (the cache's age, a monotonic instant, not a use-case
    /// time); `None` before the first load.
    loaded: Option<Instant>,
}

impl Service {
    /// Reads the active campaigns from the store again.
    pub async fn reload_campaigns(&self) -> Result<()> {
        let _guard = self.campaigns.reload.lock().await;
        self.load_campaigns().await
    }

    async fn load_campaigns(&self) -> Result<()> {
        let active = self
            .store
            .campaigns()
            .list_campaigns()
            .await?
            .into_iter()
            .filter(|c| c.spec.status == campaign::Status::Active)
            .map(Arc::new)
            .collect();
        self.campaigns.cached.store(Arc::new(Cached {
            active,
            loaded: Some(Instant::now()),
        }));
        Ok(())
    }

    /// The cached active campaigns, reloaded first when older than the TTL (by one
    /// request; the others keep using the current list) or never loaded.
    pub(crate) async fn active_campaigns(&self) -> Result<Arc<Cached>> {
        let c = &self.campaigns;
        let cached = c.cached.load_full();
        match cached.loaded {
            Some(at) if at.elapsed() < CACHE_TTL => return Ok(cached),
            Some(_) => {
                if let Ok(_guard) = c.reload.try_lock() {
                    self.load_campaigns().await?;
                }
            }
            None => self.reload_campaigns().await?,
        }
        Ok(c.cached.load_full())
    }

    /// The campaign `id` if `by` may see it (a partner sees its region's only).
    pub(crate) async fn visible_campaign(&self, by: &Principal, id: i64) -> Result<Campaign> {
        let limit = by.region_limit()?;
        match self.store.campaigns().get_campaign(id).await? {
            Some(c) if visible(limit, &c.spec) => Ok(c),
            _ => Err(Error::NotFound(format!("no campaign {id}"))),
        }
    }
}

/// Whether a campaign is visible under a partner's region limit: all its regions are
/// the partner's.
pub fn visible(limit: Option<Region>, spec: &Spec) -> bool {
    limit.is_none_or(|r| spec.regions.iter().all(|x| *x == r))
}

/// A refused request value (`422 invalid_input`).
pub(crate) fn invalid_input(message: impl Into<String>) -> Error {
    Error::invalid("invalid_input", message)
}

#[cfg(test)]
mod tests;

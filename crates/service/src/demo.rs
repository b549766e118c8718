//! Seeding a new database with the demo exchange (`ANTISCAM_DEMO`, on by default): its
//! registry, a few blocklist entries, an active campaign and the partner resources the
//! campaign names, so that every verdict and the withdrawal alert can be tried on a
//! fresh install. The binary embeds the data and passes it in.

use store::reports::Actor;

use crate::{Result, Service};

/// The demo data.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The demo exchange's registry.
    pub registry: registry::Registry,
    /// A few blocklist entries.
    pub blocklist: Vec<blocklist::Entry>,
    /// The active campaign.
    pub campaign: campaign::Spec,
    /// Contacts the campaign shows that are not the exchange's (`kind:value`, label).
    pub partner_resources: Vec<(String, String)>,
}

/// What [`Service::seed_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seeded {
    /// The database was new: the demo is in it.
    Demo,
    /// The database already held data (or was seeded before): nothing written.
    Existing,
    /// Another process is seeding it now.
    Elsewhere,
}

impl Service {
    /// Seeds the database with `demo` once, if it holds neither a registry nor a
    /// blocklist. Nodes starting together on one new database: exactly one claims the
    /// seeding (an atomic insert-if-absent of meta `seeded`); the others go on and catch
    /// up with the demo data through their change polling once it is committed.
    pub async fn seed_demo(&self, demo: &Demo) -> Result<Seeded> {
        if self.store.get_meta("seeded").await?.is_some() {
            return Ok(Seeded::Existing);
        }
        let mut nonce = [0u8; 8];
        self.random(&mut nonce)?;
        let claim = format!("seeding:{}:{}", hex::encode(nonce), self.now());
        if self.store.init_meta("seeded", &claim).await? != claim {
            return Ok(Seeded::Elsewhere);
        }
        let fresh = self.store.load_registry().await?.brands().is_empty()
            && self.store.load_blocklist().await?.is_empty();
        if fresh {
            self.store.replace_registry(&demo.registry).await?;
            self.store.upsert_blocklist(&demo.blocklist).await?;
            self.store
                .campaigns()
                .create_campaign(&demo.campaign)
                .await?;
            for (key, label) in &demo.partner_resources {
                self.store
                    .revisions()
                    .add_partner_resource(key, label, &Actor::system(), self.now())
                    .await?;
            }
            tracing::info!("seeded the database with the demo exchange");
        }
        self.store
            .set_meta("seeded", if fresh { "demo" } else { "existing" })
            .await?;
        Ok(if fresh {
            Seeded::Demo
        } else {
            Seeded::Existing
        })
    }
}

//! Public reports: [`Service::submit_report`] validates a draft, names its indicators
//! (or takes them from its text), flags official channels, pseudonymizes the reporter
//! and stores the report through the **group-commit writer**
//! ([`store::batch::GroupCommit`]): it returns only once the batch holding the report
//! is committed, so an acknowledged report survives a crash.
//!
//! An automatic listing by reports signals a background task
//! ([`Service::start_background`]) that rebuilds the verification index within a
//! fraction of a second, coalescing bursts; the same call starts the aging timer.

use std::net::IpAddr;
use std::sync::{Arc, OnceLock, Weak};

use i18n::Locale;
use reports::ReportStatus;
use store::StoreError;
use store::batch::{BatchError, GroupCommit};
use store::reports::{NewReport, ReportedIndicator};
use tokio::sync::Notify;

use super::invalid_fields;
use crate::{Error, Principal, Result, Service, keyring};

/// The report writer and the signal of the index rebuild, owned by the [`Service`].
#[derive(Default)]
pub(crate) struct Intake {
    /// Started on the first report (commands that never take one never start it).
    writer: OnceLock<GroupCommit<NewReport, i64, StoreError>>,
    /// Signalled when stored reports changed the blocklist.
    reload: Arc<Notify>,
}

/// What a stored report gives back to its reporter.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The reporter's reference.
    pub reference: String,
    /// When it was received, Unix seconds.
    pub received_at: i64,
    /// The indicators it names, with those taken from its text.
    pub indicators: Vec<ReportedIndicator>,
    /// How many of them were taken from the text.
    pub extracted: usize,
}

/// A report's state as its reporter may see it (nothing personal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportState {
    /// When it was received, Unix seconds.
    pub received_at: i64,
    /// Where its indicators are.
    pub status: ReportStatus,
}

/// The network a reporter counts as, for distinct-reporter thresholds: an IPv4 /24 or
/// an IPv6 /48 (a site's allocation), so that one attacker with a block of addresses
/// is one reporter.
pub fn reporter_network(ip: IpAddr) -> u128 {
    match ip.to_canonical() {
        IpAddr::V4(v4) => u128::from(u32::from(v4) & 0xFFFF_FF00),
        IpAddr::V6(v6) => (u128::from(v6) & !((1u128 << 80) - 1)) | 1,
    }
}

impl Service {
    /// The writer, started on first use.
    fn writer(&self) -> &GroupCommit<NewReport, i64, StoreError> {
        self.intake.writer.get_or_init(|| {
            let store = Arc::clone(&self.store);
            let reload = Arc::clone(&self.intake.reload);
            let webhooks = self.webhooks.waker();
            let policy = self.settings.reports.policy;
            let max = self.settings.reports.max_batch.max(1);
            GroupCommit::spawn(max, max * 4, move |batch: Vec<NewReport>| {
                let store = Arc::clone(&store);
                let reload = Arc::clone(&reload);
                let webhooks = Arc::clone(&webhooks);
                async move {
                    let out = store.reports().insert_reports(&batch, &policy).await?;
                    // Events may be queued: listings, alerts, urgent reports.
                    let urgent = batch.iter().any(|r| {
                        r.contact.is_some() && r.region.is_some() && r.loss_amount.is_some()
                    });
                    if out.blocklist_changed() || !out.alerts.is_empty() || urgent {
                        webhooks.notify_one();
                    }
                    for key in &out.alerts {
                        // Official channels are public: naming one is safe to log.
                        tracing::warn!(%key, "report against an official channel: possible account takeover");
                    }
                    if out.blocklist_changed() {
                        reload.notify_one();
                    }
                    Ok(out.ids)
                }
            })
        })
    }

    /// Starts the background work of the report pipeline: the coalescing index
    /// rebuild after automatic listings and, if configured, the aging timer. The
    /// tasks hold a weak reference and end with the service. Call once.
    pub fn start_background(self: &Arc<Self>) {
        self.start_webhooks();
        let weak: Weak<Service> = Arc::downgrade(self);
        let reload = Arc::clone(&self.intake.reload);
        tokio::spawn(async move {
            loop {
                reload.notified().await;
                let Some(service) = weak.upgrade() else { break };
                // Paced: a burst of listings lands in one rebuild.
                if let Err(e) = service.reload_soon().await {
                    tracing::error!(error = %e, "rebuilding the index after new listings failed");
                }
            }
        });
        if let Some(every) = self.settings.reports.aging_every {
            let weak = Arc::downgrade(self);
            tokio::spawn(async move {
                let mut timer =
                    tokio::time::interval_at(tokio::time::Instant::now() + every, every);
                loop {
                    timer.tick().await;
                    let Some(service) = weak.upgrade() else { break };
                    if let Err(e) = service.age_blocklist(&Principal::System).await {
                        tracing::error!(error = %e, "aging the blocklist failed");
                    }
                }
            });
        }
    }

    /// Expires the blocklist entries without new evidence (the policy's TTLs), audited
    /// as the caller, and rebuilds the index if any went. Returns how many went.
    pub async fn age_blocklist(&self, by: &Principal) -> Result<store::reports::Expired> {
        by.require(&[store::Role::Admin])?;
        let policy = self.settings.reports.policy;
        let n = self
            .store
            .reports()
            .expire_blocklist(self.now(), &policy, &by.actor())
            .await?;
        if n.suspected + n.confirmed > 0 {
            tracing::info!(
                suspected = n.suspected,
                confirmed = n.confirmed,
                "blocklist entries expired"
            );
            self.reload().await?;
        }
        Ok(n)
    }

    /// The reporter's pseudonym and its key id: HMAC-SHA256 of the client's network
    /// ([`reporter_network`]) under the reporter key; after a key rotation, the
    /// pseudonym the store already has for this client, if any (see
    /// [`keyring::resolve`]).
    async fn reporter(&self, ip: IpAddr) -> Result<([u8; 32], u16), StoreError> {
        let client = reporter_network(ip).to_be_bytes();
        let secrets = self.secrets();
        let store = &self.store;
        keyring::resolve(
            &secrets,
            secrets::Purpose::Reporter,
            |key| keyring::hmac(key, &[b"net:", &client]),
            |candidates| async move { store.reports().known_reporter(&candidates).await },
        )
        .await
    }

    /// A public report, for `POST /v1/reports` and the report page alike: validates the
    /// draft (field problems worded in `locale`: [`Error::Fields`]), names the
    /// indicators (or takes them from the text, official channels left out), flags
    /// official channels, pseudonymizes the reporter by the caller's address and
    /// stores it through the group-commit writer. `Ok` only once the report is
    /// durable.
    pub async fn submit_report(
        &self,
        by: &Principal,
        draft: &reports::Draft,
        locale: Locale,
    ) -> Result<Receipt> {
        let ip = match by {
            Principal::Public { ip: Some(ip) } | Principal::Key { ip: Some(ip), .. } => *ip,
            _ => {
                return Err(Error::BadRequest(
                    "a report needs the reporter's network address".into(),
                ));
            }
        };
        let received_at = self.now();
        let index = self.index();
        let report = reports::validate(draft, index.parse_options(), received_at)
            .map_err(|e| invalid_fields(&e.errors, locale))?;

        let mut indicators: Vec<ReportedIndicator> = report
            .indicators
            .iter()
            .map(|ind| {
                // A compromised official channel is still the brand's: a report of it is
                // a takeover alert for analysts, never a vote to list it.
                let official = index
                    .verify_indicator(ind.clone())
                    .verdict
                    .is_official_channel();
                ReportedIndicator {
                    key: ind.key(),
                    official,
                    votes: reports::vote(ind, official, reports::Origin::Named).is_ok(),
                }
            })
            .collect();
        let mut extracted = 0usize;
        if indicators.is_empty()
            && let Some(text) = &report.text
        {
            // Only the text was given: take the indicators it contains, except official
            // channels (a scam message often links the real site too; that is no alert).
            let analysis = analyzer::analyze(
                &analyzer::Message {
                    text,
                    channel: report.channel.map(reports::Channel::as_str),
                    sender: None,
                },
                &index,
            );
            for found in analysis.indicators {
                let official = found.verification.verdict.is_official_channel();
                if let (Some(ind), false) = (found.verification.indicator, official) {
                    let key = ind.key();
                    if !indicators.iter().any(|i| i.key == key) {
                        indicators.push(ReportedIndicator {
                            key,
                            official: false,
                            votes: reports::vote(&ind, false, reports::Origin::Extracted).is_ok(),
                        });
                        extracted += 1;
                    }
                }
                if indicators.len() >= reports::intake::MAX_INDICATORS {
                    break;
                }
            }
        }
        drop(index);

        let reference = self.reference('R')?;
        let (reporter, reporter_key) = self.reporter(ip).await?;
        let new = NewReport {
            reference: reference.clone(),
            received_at,
            reporter,
            reporter_key,
            indicators: indicators.clone(),
            text: report.text,
            channel: report.channel.map(|c| c.as_str().to_owned()),
            region: report.region.map(|r| r.as_str().to_owned()),
            loss_amount: report.loss.as_ref().map(|l| l.amount.clone()),
            loss_asset: report.loss.map(|l| l.asset),
            occurred_at: report.occurred_at,
            contact: report.contact.map(|c| c.detail),
        };
        match self.writer().submit(new).await {
            Ok(_id) => {}
            // Nothing of the batch was stored: a fault of the environment is
            // unavailable (the reporter may retry), like every other write.
            Err(BatchError::Commit(e)) if e.is_fault() => {
                return Err(Error::store_unavailable(&e));
            }
            Err(BatchError::Commit(e)) => {
                return Err(Error::Internal(format!("storing a report batch: {e}")));
            }
            Err(BatchError::Closed) => {
                return Err(Error::store_unavailable(&StoreError::WriterStopped));
            }
        }
        Ok(Receipt {
            reference,
            received_at,
            indicators,
            extracted,
        })
    }

    /// A report's state by its reference (public: the reference is the reporter's
    /// secret, and nothing personal is shown). `None` for an unknown reference.
    pub async fn report_state(&self, reference: &str) -> Result<Option<ReportState>> {
        let found = self.store.reports().report_by_reference(reference).await?;
        Ok(found.map(|(received_at, groups)| {
            let facts: Vec<reports::GroupFacts> = groups.iter().map(|g| g.facts()).collect();
            ReportState {
                received_at,
                status: reports::report_status(&facts),
            }
        }))
    }
}

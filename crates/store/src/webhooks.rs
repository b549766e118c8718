//! Signed webhooks (issue 15): partner subscriptions and the durable outbox, written
//! once for both engines.
//!
//! # The outbox
//!
//! A change that partners are told about (a listing, a delisting, a takeover alert, an
//! urgent report) writes one `webhook_outbox` row per matching subscription **in the
//! same transaction as the change** ([`Outbox`]): a change is never committed without
//! its events, nor an event without its change. The delivery worker (in `service`)
//! then claims due rows ([`WebhookStore::claim_due`]), posts them and records the
//! outcome ([`WebhookStore::record_delivery`]).
//!
//! - **Several nodes**: a claim sets a lease (`lease_until`) in a write transaction; on
//!   PostgreSQL the candidate rows are selected `FOR UPDATE OF o SKIP LOCKED`, so two
//!   nodes never claim the same row while its lease runs. A node that dies holding a
//!   lease loses it when the lease ends: delivery is at least once.
//! - **A few at a time per receiver**: a claim leaves at most `per_subscription`
//!   leases running on one subscription (every claimer's committed leases counted)
//!   and looks past a subscription without room, so one receiver's backlog neither
//!   bursts onto it nor hides the others' events. On PostgreSQL claims take one
//!   advisory lock first ([`Engine::LOCK_OUTBOX`]): two nodes claiming at the
//!   same instant would otherwise each count the leases of the snapshot they share.
//! - **Order per subject**: a row is claimable only when no earlier row of the same
//!   subscription and subject (indicator key, report reference) is still pending, so
//!   event N+1 never leaves before N was delivered or died.
//! - **Secrets**: a subscription stores a nonce and the id of the key-file key its
//!   secret is derived from, never the secret.

use std::collections::HashSet;

use serde::Serialize;

use crate::StoreError;
use crate::audit;
use crate::engine::{Engine, EngineStore, Tx, multi_row, query, rows_per_statement};
use crate::reports::{Actor, detail};

/// What a subscription may ask to be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventType {
    /// An indicator was listed (suspected or confirmed).
    ListingCreated,
    /// An analyst confirmed a listing.
    ListingConfirmed,
    /// A listing was removed, with the reason.
    ListingDelisted,
    /// An official channel was reported: a possible account takeover.
    TakeoverAlert,
    /// A victim who lost money reported with consent to be contacted.
    ReportUrgent,
    /// A campaign's daily result.
    CampaignResult,
}

impl EventType {
    /// Every event type.
    pub const ALL: [EventType; 6] = [
        EventType::ListingCreated,
        EventType::ListingConfirmed,
        EventType::ListingDelisted,
        EventType::TakeoverAlert,
        EventType::ReportUrgent,
        EventType::CampaignResult,
    ];

    /// The name in subscriptions and in the event body's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ListingCreated => "listing.created",
            EventType::ListingConfirmed => "listing.confirmed",
            EventType::ListingDelisted => "listing.delisted",
            EventType::TakeoverAlert => "takeover.alert",
            EventType::ReportUrgent => "report.urgent",
            EventType::CampaignResult => "campaign.result",
        }
    }

    /// Parses [`EventType::as_str`].
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The `data` of an event: what happened to which indicator, in which regions. Only
/// the fields of its type are present; never a reporter's contact detail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EventData {
    /// The indicator key (`"<kind>:<normalized>"`), for listing events and alerts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The regions (ISO 3166-1 alpha-2) of the reports naming it, or the report's.
    pub regions: Vec<String>,
    /// The blocklist severity after the change (`suspected`, `confirmed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// Why it was delisted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Reports naming the indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<u32>,
    /// Distinct reporters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporters: Option<u32>,
    /// A report's reference (report.urgent); its contact is read through the API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The indicators a report names (report.urgent).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    /// How the victim was contacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Amount lost, decimal text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_amount: Option<String>,
    /// Asset lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_asset: Option<String>,
    /// Anything else of the type (a campaign result), as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<serde_json::Value>,
}

/// An event to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Its type.
    pub kind: EventType,
    /// What it is about (an indicator key, a report reference, `campaign:7`):
    /// events of one subject reach a subscriber in order.
    pub subject: String,
    /// The body's `data`.
    pub data: EventData,
}

/// A subscription to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    /// Where events are posted (validated by the caller).
    pub url: String,
    /// What it is told, distinct.
    pub events: Vec<EventType>,
    /// Only events of these regions; empty: every region.
    pub regions: Vec<String>,
    /// The API key that made it (a partner's), if any.
    pub owner_key_id: Option<i64>,
    /// The key-file key its secret is derived from.
    pub secret_key_id: u16,
    /// The nonce its secret is derived with.
    pub secret_nonce: [u8; 16],
    /// When, Unix seconds.
    pub created_at: i64,
}

/// A stored subscription and its delivery status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// Identifier.
    pub id: i64,
    /// Where events are posted.
    pub url: String,
    /// What it is told.
    pub events: Vec<EventType>,
    /// Its regions; empty: every region.
    pub regions: Vec<String>,
    /// The API key that made it, if any.
    pub owner_key_id: Option<i64>,
    /// The key-file key its secret is derived from.
    pub secret_key_id: u16,
    /// The nonce its secret is derived with.
    pub secret_nonce: [u8; 16],
    /// When, Unix seconds.
    pub created_at: i64,
    /// The latest delivery that succeeded, Unix seconds.
    pub last_success_at: Option<i64>,
    /// The latest attempt that failed, Unix seconds.
    pub last_failure_at: Option<i64>,
    /// Why it failed.
    pub last_error: Option<String>,
    /// Events waiting to be delivered.
    pub pending: u64,
    /// Events given up on (dead letters).
    pub dead: u64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// To deliver (maybe after a failed attempt).
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Given up after too many attempts or too long: a dead letter.
    Dead,
}

impl DeliveryState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Dead => "dead",
        }
    }

    /// Parses [`DeliveryState::as_str`].
    pub fn parse(s: &str) -> Option<DeliveryState> {
        [
            DeliveryState::Pending,
            DeliveryState::Delivered,
            DeliveryState::Dead,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// One event for one subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Identifier (the message id is derived from it).
    pub id: i64,
    /// The subscription.
    pub subscription_id: i64,
    /// The event type.
    pub kind: EventType,
    /// What it is about.
    pub subject: String,
    /// The body's `data`, JSON text.
    pub data: String,
    /// When the change happened, Unix seconds.
    pub created_at: i64,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: u32,
    /// The next attempt, Unix seconds (pending rows).
    pub next_at: i64,
    /// The latest attempt, Unix seconds.
    pub last_at: Option<i64>,
    /// Why the latest attempt failed.
    pub last_error: Option<String>,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
}

/// A claimed delivery with what posting it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The delivery.
    pub delivery: Delivery,
    /// The subscription's URL.
    pub url: String,
    /// The key-file key of its secret.
    pub secret_key_id: u16,
    /// The nonce of its secret.
    pub secret_nonce: [u8; 16],
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// Delivered at this time.
    Delivered {
        /// Unix seconds.
        at: i64,
    },
    /// Failed; retried at `retry_at`, or dead when `None`.
    Failed {
        /// Unix seconds.
        at: i64,
        /// Why (a status, a timeout; never the body).
        error: String,
        /// The next attempt, or `None`: a dead letter.
        retry_at: Option<i64>,
    },
}

/// Most characters of a stored error.
const MAX_ERROR_CHARS: usize = 300;

/// Subscriptions and their deliveries.
#[async_trait::async_trait]
pub trait WebhookStore: Send + Sync {
    /// Stores a subscription, audited (`webhook.subscribe`).
    async fn create_subscription(
        &self,
        new: &NewSubscription,
        actor: &Actor,
    ) -> Result<Subscription, StoreError>;

    /// The active subscriptions with their status, oldest first; only those of one
    /// API key when `owner` is given.
    async fn subscriptions(&self, owner: Option<i64>) -> Result<Vec<Subscription>, StoreError>;

    /// One active subscription with its status.
    async fn subscription(&self, id: i64) -> Result<Option<Subscription>, StoreError>;

    /// Ends a subscription (nothing more is queued or delivered for it), audited
    /// (`webhook.unsubscribe`). `Ok(false)` if there was no active one.
    async fn delete_subscription(
        &self,
        id: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError>;

    /// A subscription's deliveries, newest first, optionally in one state, `before` an
    /// id for paging.
    async fn deliveries(
        &self,
        subscription: i64,
        state: Option<DeliveryState>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StoreError>;

    /// Claims up to `limit` due deliveries until `lease_until` (none of them behind an
    /// earlier pending event of its subject), oldest due first, leaving at most
    /// `per_subscription` leases running at once on one subscription (every
    /// claimer's counted): a receiver gets a few connections at a time, never a
    /// burst of every event it missed, and one slow receiver cannot take every slot.
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
        per_subscription: u32,
    ) -> Result<Vec<Claimed>, StoreError>;

    /// Records an attempt and releases the lease. A success also makes the
    /// subscription's other waiting events due now: the receiver is back.
    async fn record_delivery(
        &self,
        subscription: i64,
        id: i64,
        attempt: &Attempt,
    ) -> Result<(), StoreError>;

    /// Makes the dead letters of a subscription (created at or after `since`) pending
    /// again, audited (`webhook.replay`); returns how many.
    async fn replay(
        &self,
        subscription: i64,
        since: Option<i64>,
        actor: &Actor,
        now: i64,
    ) -> Result<u64, StoreError>;

    /// Enqueues events in one transaction (for events that are changes of their own,
    /// like a campaign's daily result); returns how many deliveries were queued.
    async fn enqueue(&self, events: &[NewEvent], now: i64) -> Result<u64, StoreError>;

    /// [`WebhookStore::enqueue`], leaving out the events whose type and subject are
    /// already in the outbox (a daily result that another node or an earlier run of
    /// this one queued).
    async fn enqueue_once(&self, events: &[NewEvent], now: i64) -> Result<u64, StoreError>;

    /// Forgets deliveries delivered before `before`; returns how many.
    async fn purge_delivered(&self, before: i64) -> Result<u64, StoreError>;

    /// When the earliest pending delivery of an active subscription can be claimed,
    /// if any (the worker claims, a write, only when that time has come); events
    /// waiting behind an earlier one of their subject are not counted.
    async fn next_due(&self) -> Result<Option<i64>, StoreError>;
}

/// A subscription as the outbox matches it.
struct Target {
    id: i64,
    events: Vec<EventType>,
    regions: Vec<String>,
}

impl Target {
    fn wants(&self, event: &NewEvent) -> bool {
        self.events.contains(&event.kind)
            && (self.regions.is_empty()
                || event.data.regions.iter().any(|r| self.regions.contains(r)))
    }
}

/// The events of one transaction: [`Outbox::load`] reads the active subscriptions
/// (none: nothing else is done), [`Outbox::push`] adds events, [`Outbox::flush`]
/// writes one row per event and matching subscription, in the transaction.
pub(crate) struct Outbox {
    targets: Vec<Target>,
    events: Vec<NewEvent>,
}

impl Outbox {
    /// Reads the active subscriptions in `tx`.
    pub(crate) async fn load<E: Engine>(tx: &mut Tx<E>) -> Result<Outbox, StoreError> {
        let rows: Vec<(i64, String, String)> = query::<E>(
            "SELECT id, events, regions FROM webhook_subscriptions WHERE deleted_at IS NULL",
        )
        .fetch_all(&mut **tx)
        .await?;
        let targets = rows
            .into_iter()
            .map(|(id, events, regions)| Target {
                id,
                events: parse_events(&events),
                regions: split(&regions),
            })
            .collect();
        Ok(Outbox {
            targets,
            events: Vec::new(),
        })
    }

    /// Whether any subscription wants events of this type (else the caller need not
    /// gather the event's facts).
    pub(crate) fn wants(&self, kind: EventType) -> bool {
        self.targets.iter().any(|t| t.events.contains(&kind))
    }

    /// Adds an event.
    pub(crate) fn push(&mut self, event: NewEvent) {
        if self.wants(event.kind) {
            self.events.push(event);
        }
    }

    /// The regions of the reports naming `key` (at most 50).
    pub(crate) async fn regions_of<E: Engine>(
        tx: &mut Tx<E>,
        key: &str,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = query::<E>(
            "SELECT DISTINCT r.region FROM report_groups AS g \
             JOIN report_indicators AS ri ON ri.group_id = g.id \
             JOIN reports AS r ON r.id = ri.report_id \
             WHERE g.key = $1 AND r.region IS NOT NULL ORDER BY r.region LIMIT 50",
        )
        .bind(key)
        .fetch_all(&mut **tx)
        .await?;
        Ok(rows.into_iter().map(|(r,)| r).collect())
    }

    /// Writes the events in `tx`; returns how many rows.
    pub(crate) async fn flush<E: Engine>(
        self,
        tx: &mut Tx<E>,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut rows: Vec<(i64, &'static str, &str, String)> = Vec::new();
        for event in &self.events {
            let data = serde_json::to_string(&event.data)
                .map_err(|e| StoreError::Corrupt(format!("webhook event data: {e}")))?;
            for t in self.targets.iter().filter(|t| t.wants(event)) {
                rows.push((t.id, event.kind.as_str(), &event.subject, data.clone()));
            }
        }
        let n = rows.len() as u64;
        for chunk in rows.chunks(rows_per_statement::<E>(6)) {
            let sql = multi_row::<E>(
                "INSERT INTO webhook_outbox (subscription_id, type, subject, data, created_at, \
                 next_at) VALUES ",
                "(?,?,?,?,?,?)",
                chunk.len(),
                "",
            );
            let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
            for (sub, kind, subject, data) in chunk {
                q = q
                    .bind(*sub)
                    .bind(*kind)
                    .bind(*subject)
                    .bind(data.as_str())
                    .bind(now)
                    .bind(now);
            }
            q.execute(&mut **tx).await?;
        }
        Ok(n)
    }
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_events(list: &str) -> Vec<EventType> {
    list.split(',').filter_map(EventType::parse).collect()
}

fn join_events(events: &[EventType]) -> String {
    let names: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
    names.join(",")
}

/// Columns of a subscription with its status.
const SUBSCRIPTION_SELECT: &str = "SELECT s.id, s.url, s.events, s.regions, s.owner_key_id, \
     s.secret_key_id, s.secret_nonce, s.created_at, s.last_success_at, s.last_failure_at, \
     s.last_error, \
     (SELECT count(*) FROM webhook_outbox AS o WHERE o.subscription_id = s.id \
      AND o.state = 'pending'), \
     (SELECT count(*) FROM webhook_outbox AS o WHERE o.subscription_id = s.id \
      AND o.state = 'dead') \
     FROM webhook_subscriptions AS s WHERE s.deleted_at IS NULL";

type SubscriptionColumns = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    i64,
    Vec<u8>,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    i64,
);

fn subscription_from_row(row: SubscriptionColumns) -> Result<Subscription, StoreError> {
    let (id, url, events, regions, owner, key_id, nonce, created_at, last_success_at) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8,
    );
    let (last_failure_at, last_error, pending, dead) = (row.9, row.10, row.11, row.12);
    let corrupt = |c: &str| StoreError::Corrupt(format!("webhook_subscriptions id {id}: `{c}`"));
    Ok(Subscription {
        id,
        url,
        events: parse_events(&events),
        regions: split(&regions),
        owner_key_id: owner,
        secret_key_id: u16::try_from(key_id).map_err(|_| corrupt("secret_key_id"))?,
        secret_nonce: nonce
            .as_slice()
            .try_into()
            .map_err(|_| corrupt("secret_nonce"))?,
        created_at,
        last_success_at,
        last_failure_at,
        last_error,
        pending: u64::try_from(pending).unwrap_or(0),
        dead: u64::try_from(dead).unwrap_or(0),
    })
}

/// Columns of a delivery.
const DELIVERY_COLUMNS: &str = "o.id, o.subscription_id, o.type, o.subject, o.data, \
     o.created_at, o.state, o.attempts, o.next_at, o.last_at, o.last_error, o.delivered_at";

type DeliveryRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

fn delivery_from_row(row: DeliveryRow) -> Result<Delivery, StoreError> {
    let (id, sub, kind, subject, data, created_at, state, attempts, next_at, last_at, err, at) =
        row;
    let corrupt = |c: &str| StoreError::Corrupt(format!("webhook_outbox id {id}: `{c}`"));
    Ok(Delivery {
        id,
        subscription_id: sub,
        kind: EventType::parse(&kind).ok_or_else(|| corrupt("type"))?,
        subject,
        data,
        created_at,
        state: DeliveryState::parse(&state).ok_or_else(|| corrupt("state"))?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        next_at,
        last_at,
        last_error: err,
        delivered_at: at,
    })
}

fn bounded(error: &str) -> String {
    error.chars().take(MAX_ERROR_CHARS).collect()
}

#[async_trait::async_trait]
impl<S: EngineStore> WebhookStore for S {
    async fn create_subscription(
        &self,
        new: &NewSubscription,
        actor: &Actor,
    ) -> Result<Subscription, StoreError> {
        let events: Vec<EventType> = {
            let mut seen = HashSet::new();
            new.events
                .iter()
                .copied()
                .filter(|e| seen.insert(*e))
                .collect()
        };
        if events.is_empty() {
            return Err(StoreError::InvalidInput(
                "a subscription needs at least one event".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        let id: i64 = query::<S::Engine>(
            "INSERT INTO webhook_subscriptions (url, events, regions, owner_key_id, \
             secret_key_id, secret_nonce, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             RETURNING id",
        )
        .bind(new.url.as_str())
        .bind(join_events(&events))
        .bind(new.regions.join(","))
        .bind(new.owner_key_id)
        .bind(i64::from(new.secret_key_id))
        .bind(&new.secret_nonce[..])
        .bind(new.created_at)
        .scalar(&mut *tx)
        .await?;
        let (events_text, regions_text) = (join_events(&events), new.regions.join(","));
        let d = detail(&[
            ("url", Some(&new.url)),
            ("events", Some(&events_text)),
            ("regions", Some(&regions_text)),
        ]);
        let target = format!("webhook:{id}");
        audit::record(
            &mut tx,
            actor,
            "webhook.subscribe",
            Some(&target),
            d.as_deref(),
            new.created_at,
        )
        .await?;
        tx.commit().await?;
        Ok(Subscription {
            id,
            url: new.url.clone(),
            events,
            regions: new.regions.clone(),
            owner_key_id: new.owner_key_id,
            secret_key_id: new.secret_key_id,
            secret_nonce: new.secret_nonce,
            created_at: new.created_at,
            last_success_at: None,
            last_failure_at: None,
            last_error: None,
            pending: 0,
            dead: 0,
        })
    }

    async fn subscriptions(&self, owner: Option<i64>) -> Result<Vec<Subscription>, StoreError> {
        let rows: Vec<SubscriptionColumns> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{SUBSCRIPTION_SELECT} AND (CAST($1 AS BIGINT) IS NULL \
             OR s.owner_key_id = CAST($1 AS BIGINT)) ORDER BY s.id LIMIT 1000"
        )))
        .bind(owner)
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(subscription_from_row).collect()
    }

    async fn subscription(&self, id: i64) -> Result<Option<Subscription>, StoreError> {
        let row: Option<SubscriptionColumns> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{SUBSCRIPTION_SELECT} AND s.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.map(subscription_from_row).transpose()
    }

    async fn delete_subscription(
        &self,
        id: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let n = query::<S::Engine>(
            "UPDATE webhook_subscriptions SET deleted_at = $1 WHERE id = $2 \
             AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if n > 0 {
            let target = format!("webhook:{id}");
            audit::record(
                &mut tx,
                actor,
                "webhook.unsubscribe",
                Some(&target),
                None,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    async fn deliveries(
        &self,
        subscription: i64,
        state: Option<DeliveryState>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StoreError> {
        let rows: Vec<DeliveryRow> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_outbox AS o WHERE o.subscription_id = $1 \
             AND (CAST($2 AS TEXT) IS NULL OR o.state = CAST($2 AS TEXT)) \
             AND (CAST($3 AS BIGINT) IS NULL OR o.id < CAST($3 AS BIGINT)) \
             ORDER BY o.id DESC LIMIT $4"
        )))
        .bind(subscription)
        .bind(state.map(DeliveryState::as_str))
        .bind(before)
        .bind(crate::reports::page(limit))
        .fetch_all(self.read_pool())
        .await?;
        rows.into_iter().map(delivery_from_row).collect()
    }

    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
        per_subscription: u32,
    ) -> Result<Vec<Claimed>, StoreError> {
        let limit = usize::try_from(limit.clamp(1, 500)).unwrap_or(500);
        let cap = i64::from(per_subscription.max(1));
        let mut tx = self.begin_write().await?;
        if let Some(lock) = <S::Engine as Engine>::LOCK_OUTBOX {
            query::<S::Engine>(lock).execute(&mut *tx).await?;
        }
        // Leases running now, by subscription.
        let leased: Vec<(i64, i64)> = query::<S::Engine>(
            "SELECT subscription_id, count(*) FROM webhook_outbox \
             WHERE state = 'pending' AND lease_until > $1 GROUP BY subscription_id",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        let mut room: std::collections::HashMap<i64, i64> = leased
            .into_iter()
            .map(|(sub, n)| (sub, cap.saturating_sub(n)))
            .collect();
        let mut ids: Vec<(i64,)> = Vec::new();
        // Oldest due first; a subscription without room is left out of the next
        // query, so its backlog never hides the others' rows. Each pass takes at
        // least one row or finds nothing more due.
        loop {
            let want = limit - ids.len();
            let full: Vec<String> = room
                .iter()
                .filter(|(_, r)| **r <= 0)
                .map(|(sub, _)| sub.to_string())
                .collect();
            let skip = if full.is_empty() {
                String::new()
            } else {
                // Ids read from the database: numbers, formatted here.
                format!(" AND o.subscription_id NOT IN ({})", full.join(","))
            };
            let candidates: Vec<(i64, i64)> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
                "SELECT o.id, o.subscription_id FROM webhook_outbox AS o \
                 JOIN webhook_subscriptions AS s ON s.id = o.subscription_id \
                 WHERE o.state = 'pending' AND o.next_at <= $1 AND o.lease_until <= $1 \
                 AND s.deleted_at IS NULL{skip} \
                 AND NOT EXISTS (SELECT 1 FROM webhook_outbox AS p \
                     WHERE p.subscription_id = o.subscription_id AND p.subject = o.subject \
                     AND p.state = 'pending' AND p.id < o.id) \
                 ORDER BY o.next_at, o.id LIMIT $2{}",
                <S::Engine as Engine>::SKIP_LOCKED
            )))
            .bind(now)
            .bind(i64::try_from(want).unwrap_or(500))
            .fetch_all(&mut *tx)
            .await?;
            let exhausted = candidates.len() < want;
            let mut taken = Vec::new();
            for (id, sub) in candidates {
                let r = room.entry(sub).or_insert(cap);
                if *r > 0 {
                    *r -= 1;
                    taken.push((id,));
                }
            }
            if !taken.is_empty() {
                // Leased now: the next pass does not see them again.
                lease(&mut tx, &taken, lease_until).await?;
                ids.extend(taken);
            }
            if exhausted || ids.len() >= limit {
                break;
            }
        }
        if ids.is_empty() {
            tx.commit().await?;
            return Ok(Vec::new());
        }
        let in_list = |head: &str, tail: &str| multi_row::<S::Engine>(head, "?", ids.len(), tail);
        let mut select = query::<S::Engine>(sqlx::AssertSqlSafe(in_list(
            &format!(
                "SELECT {DELIVERY_COLUMNS}, s.url, s.secret_key_id, s.secret_nonce \
                 FROM webhook_outbox AS o JOIN webhook_subscriptions AS s \
                 ON s.id = o.subscription_id WHERE o.id IN ("
            ),
            ") ORDER BY o.id",
        )));
        for (id,) in &ids {
            select = select.bind(*id);
        }
        let rows: Vec<(DeliveryRow, String, i64, Vec<u8>)> = select
            .fetch_all::<ClaimRow>(&mut *tx)
            .await?
            .into_iter()
            .map(ClaimRow::split)
            .collect();
        tx.commit().await?;
        rows.into_iter()
            .map(|(d, url, key_id, nonce)| {
                let delivery = delivery_from_row(d)?;
                let corrupt = || {
                    StoreError::Corrupt(format!(
                        "webhook_subscriptions id {}: secret",
                        delivery.subscription_id
                    ))
                };
                Ok(Claimed {
                    url,
                    secret_key_id: u16::try_from(key_id).map_err(|_| corrupt())?,
                    secret_nonce: nonce.as_slice().try_into().map_err(|_| corrupt())?,
                    delivery,
                })
            })
            .collect()
    }

    async fn record_delivery(
        &self,
        subscription: i64,
        id: i64,
        attempt: &Attempt,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        match attempt {
            Attempt::Delivered { at } => {
                query::<S::Engine>(
                    "UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, \
                     last_at = $1, delivered_at = $1, lease_until = 0 WHERE id = $2",
                )
                .bind(*at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                query::<S::Engine>(
                    "UPDATE webhook_outbox SET next_at = $1 WHERE subscription_id = $2 \
                     AND state = 'pending' AND next_at > $1",
                )
                .bind(*at)
                .bind(subscription)
                .execute(&mut *tx)
                .await?;
                query::<S::Engine>(
                    "UPDATE webhook_subscriptions SET last_success_at = $1 WHERE id = $2",
                )
                .bind(*at)
                .bind(subscription)
                .execute(&mut *tx)
                .await?;
            }
            Attempt::Failed {
                at,
                error,
                retry_at,
            } => {
                let error = bounded(error);
                let (state, next) = match retry_at {
                    Some(t) => ("pending", *t),
                    None => ("dead", *at),
                };
                query::<S::Engine>(
                    "UPDATE webhook_outbox SET state = $1, attempts = attempts + 1, \
                     last_at = $2, last_error = $3, next_at = $4, lease_until = 0 WHERE id = $5",
                )
                .bind(state)
                .bind(*at)
                .bind(error.as_str())
                .bind(next)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                query::<S::Engine>(
                    "UPDATE webhook_subscriptions SET last_failure_at = $1, last_error = $2 \
                     WHERE id = $3",
                )
                .bind(*at)
                .bind(error.as_str())
                .bind(subscription)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn replay(
        &self,
        subscription: i64,
        since: Option<i64>,
        actor: &Actor,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let exists: Option<i64> = query::<S::Engine>(
            "SELECT id FROM webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(subscription)
        .scalar_optional(&mut *tx)
        .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        let n = query::<S::Engine>(
            "UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_at = $1, \
             lease_until = 0 WHERE subscription_id = $2 AND state = 'dead' \
             AND (CAST($3 AS BIGINT) IS NULL OR created_at >= CAST($3 AS BIGINT))",
        )
        .bind(now)
        .bind(subscription)
        .bind(since)
        .execute(&mut *tx)
        .await?;
        let (count, since_text) = (n.to_string(), since.map(|s| s.to_string()));
        let d = detail(&[("requeued", Some(&count)), ("since", since_text.as_deref())]);
        let target = format!("webhook:{subscription}");
        audit::record(
            &mut tx,
            actor,
            "webhook.replay",
            Some(&target),
            d.as_deref(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn enqueue(&self, events: &[NewEvent], now: i64) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut outbox = Outbox::load(&mut tx).await?;
        for e in events {
            outbox.push(e.clone());
        }
        let n = outbox.flush(&mut tx, now).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn enqueue_once(&self, events: &[NewEvent], now: i64) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(lock) = <S::Engine as Engine>::LOCK_OUTBOX {
            query::<S::Engine>(lock).execute(&mut *tx).await?;
        }
        let mut outbox = Outbox::load(&mut tx).await?;
        for e in events {
            if !outbox.wants(e.kind) {
                continue;
            }
            let queued: Option<i64> = query::<S::Engine>(
                "SELECT id FROM webhook_outbox WHERE type = $1 AND subject = $2 LIMIT 1",
            )
            .bind(e.kind.as_str())
            .bind(e.subject.as_str())
            .scalar_optional(&mut *tx)
            .await?;
            if queued.is_none() {
                outbox.push(e.clone());
            }
        }
        let n = outbox.flush(&mut tx, now).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn purge_delivered(&self, before: i64) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let n = query::<S::Engine>(
            "DELETE FROM webhook_outbox WHERE state = 'delivered' AND delivered_at < $1",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn next_due(&self) -> Result<Option<i64>, StoreError> {
        // The earliest a pending row of an active subscription can be claimed: its
        // next attempt, or the end of another claimer's lease. Rows waiting behind an
        // earlier event of their subject do not count: they become claimable when
        // that one is recorded (by this worker, which then claims again, or by
        // another node, found by the poll), so they never make an idle worker claim.
        Ok(query::<S::Engine>(
            "SELECT min(CASE WHEN o.lease_until > o.next_at THEN o.lease_until \
             ELSE o.next_at END) FROM webhook_outbox AS o \
             JOIN webhook_subscriptions AS s ON s.id = o.subscription_id \
             WHERE o.state = 'pending' AND s.deleted_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM webhook_outbox AS p \
                 WHERE p.subscription_id = o.subscription_id AND p.subject = o.subject \
                 AND p.state = 'pending' AND p.id < o.id)",
        )
        .scalar::<Option<i64>>(self.read_pool())
        .await?)
    }
}

/// Sets the lease of claimed rows.
async fn lease<E: Engine>(tx: &mut Tx<E>, ids: &[(i64,)], until: i64) -> Result<(), StoreError> {
    // The lease is a number formatted here: the ids' parameters come first.
    let mut update = query::<E>(sqlx::AssertSqlSafe(multi_row::<E>(
        &format!("UPDATE webhook_outbox SET lease_until = {until} WHERE id IN ("),
        "?",
        ids.len(),
        ")",
    )));
    for (id,) in ids {
        update = update.bind(*id);
    }
    update.execute(&mut **tx).await?;
    Ok(())
}

/// A claimed row: the delivery's columns, then the subscription's URL and secret.
#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: i64,
    subscription_id: i64,
    #[sqlx(rename = "type")]
    kind: String,
    subject: String,
    data: String,
    created_at: i64,
    state: String,
    attempts: i64,
    next_at: i64,
    last_at: Option<i64>,
    last_error: Option<String>,
    delivered_at: Option<i64>,
    url: String,
    secret_key_id: i64,
    secret_nonce: Vec<u8>,
}

impl ClaimRow {
    fn split(self) -> (DeliveryRow, String, i64, Vec<u8>) {
        (
            (
                self.id,
                self.subscription_id,
                self.kind,
                self.subject,
                self.data,
                self.created_at,
                self.state,
                self.attempts,
                self.next_at,
                self.last_at,
                self.last_error,
                self.delivered_at,
            ),
            self.url,
            self.secret_key_id,
            self.secret_nonce,
        )
    }
}

/// Queues events about one indicator (`kinds`: each type with its delisting reason, if
/// any), with the regions of the reports naming it and the group's counts.
pub(crate) async fn announce<E: Engine>(
    outbox: &mut Outbox,
    tx: &mut Tx<E>,
    key: &str,
    group: Option<&crate::reports::Group>,
    kinds: &[(EventType, Option<&str>)],
) -> Result<(), StoreError> {
    if !kinds.iter().any(|(k, _)| outbox.wants(*k)) {
        return Ok(());
    }
    let regions = Outbox::regions_of(tx, key).await?;
    for (kind, reason) in kinds {
        outbox.push(NewEvent {
            kind: *kind,
            subject: key.to_owned(),
            data: EventData {
                indicator: Some(key.to_owned()),
                regions: regions.clone(),
                severity: group.and_then(|g| g.listed).map(|s| s.as_str().to_owned()),
                reason: reason.map(str::to_owned),
                reports: group.map(|g| g.reports),
                reporters: group.map(|g| g.reporters),
                ..EventData::default()
            },
        });
    }
    Ok(())
}

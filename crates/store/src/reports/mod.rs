//! Scam reports, triage, the blocklist lifecycle, disputes and the audit log: the
//! [`ReportStore`] trait (reached through [`Store::reports`](crate::Store::reports)) and
//! its types. The rules themselves (what lists, what may follow what) come from the pure
//! `reports` crate; this module stores and applies them, each change in one
//! transaction together with its audit record.
//!
//! # Privacy
//!
//! A reporter is stored only as a 32-byte keyed pseudonym computed by the caller. A
//! contact detail is stored only with consent, in its own table
//! (`report_contacts`), and read only by [`ReportStore::reports_by_region`] when asked
//! for contacts (the server asks only for a partner of that region).
//!
//! # The audit log
//!
//! `audit_log` is append-only: triggers in both engines refuse `UPDATE` and `DELETE`
//! (and `TRUNCATE` on PostgreSQL). Every analyst or partner action through this trait
//! appends its record in the same transaction as the change, so there is no change
//! without its record.
//!
//! # Layout
//!
//! This module holds the types and the trait; `intake` stores batches of reports (one
//! algorithm on both engines: a handful of multi-row statements per batch, whatever
//! its size), and `lifecycle` implements [`ReportStore`] once for both engines
//! (triage, delisting, disputes, expiry, the reads), each workflow over
//! [`crate::engine::Engine`]; `decisions` holds the two-person rule for the analysts'
//! decisions that change what Verify answers ([`DecisionStore`]).

use blocklist::Severity;
use reports::{Action, DisputeAction, DisputeState, Policy, State};

use crate::StoreError;

pub mod decisions;
mod intake;
mod lifecycle;

pub use decisions::{
    Decided, DecisionAction, DecisionState, DecisionStore, Proposed, TriageDecision,
};

/// A group and its blocklist severity, in the order of [`GroupRow`].
pub(crate) const GROUP_SELECT: &str = "SELECT g.id, g.key, g.state, g.duplicate_of, \
     g.official, g.delisted, g.reports, g.reporters, g.first_seen, g.last_seen, b.severity \
     FROM report_groups AS g LEFT JOIN blocklist AS b ON b.key = g.key";

/// A dispute, in the order of [`DisputeRow`].
pub(crate) const DISPUTE_SELECT: &str = "SELECT id, reference, key, reason, contact, state, \
     created_at, resolved_at, resolution FROM disputes";

/// Most rows any list method returns.
pub const MAX_PAGE: u32 = 500;

/// An indicator named in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedIndicator {
    /// Its key, `"<kind>:<normalized>"`.
    pub key: String,
    /// It is an active official channel (per the registry when reported).
    pub official: bool,
    /// Naming it counts toward automatic listing (`reports::vote`): the reporter
    /// named it (not only found in the text) and it is no official channel or shared
    /// infrastructure. A report that does not vote is still linked to the group.
    pub votes: bool,
}

/// A validated report to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// The reference given to the reporter; unique.
    pub reference: String,
    /// When it was received, Unix seconds.
    pub received_at: i64,
    /// The reporter's keyed pseudonym.
    pub reporter: [u8; 32],
    /// The id of the key (in the key file) that made `reporter`.
    pub reporter_key: u16,
    /// The indicators, distinct by key.
    pub indicators: Vec<ReportedIndicator>,
    /// The message text.
    pub text: Option<String>,
    /// How contact was made (`reports::Channel::as_str`).
    pub channel: Option<String>,
    /// ISO 3166-1 alpha-2 region, uppercase.
    pub region: Option<String>,
    /// Amount lost, decimal text.
    pub loss_amount: Option<String>,
    /// Asset lost.
    pub loss_asset: Option<String>,
    /// When it happened, Unix seconds.
    pub occurred_at: Option<i64>,
    /// The contact detail; present only with the reporter's consent.
    pub contact: Option<String>,
}

/// What storing a batch of reports did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// The new reports' ids, in the order given.
    pub ids: Vec<i64>,
    /// Keys listed or whose entry changed because of these reports.
    pub listed: Vec<String>,
    /// Keys removed from the blocklist (an official channel that was listed).
    pub unlisted: Vec<String>,
    /// Keys of official channels reported in this batch: takeover alerts.
    pub alerts: Vec<String>,
}

impl BatchOutcome {
    /// The blocklist changed: the verification index must be rebuilt.
    pub fn blocklist_changed(&self) -> bool {
        !self.listed.is_empty() || !self.unlisted.is_empty()
    }
}

/// A group of reports naming one indicator, with its triage state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Identifier.
    pub id: i64,
    /// The indicator key.
    pub key: String,
    /// Triage state.
    pub state: State,
    /// For a duplicate: the key of the group it duplicates.
    pub duplicate_of: Option<String>,
    /// The indicator is an official channel: a takeover alert.
    pub official: bool,
    /// Delisted by an analyst; not auto-listed again until confirmed.
    pub delisted: bool,
    /// Reports.
    pub reports: u32,
    /// Distinct reporters.
    pub reporters: u32,
    /// First report, Unix seconds.
    pub first_seen: i64,
    /// Latest report, Unix seconds.
    pub last_seen: i64,
    /// The current blocklist severity, if listed.
    pub listed: Option<Severity>,
}

/// Which groups [`ReportStore::triage_queue`] returns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// Only groups in this state.
    pub state: Option<State>,
    /// Only takeover alerts (official channels reported).
    pub alerts_only: bool,
    /// Groups to skip (paging).
    pub offset: u32,
    /// Most groups to return (at most [`MAX_PAGE`]).
    pub limit: u32,
}

/// A group named by id or by indicator key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRef {
    /// By id.
    Id(i64),
    /// By indicator key.
    Key(String),
}

/// A stored report as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReport {
    /// Identifier.
    pub id: i64,
    /// The reporter's reference.
    pub reference: String,
    /// Received, Unix seconds.
    pub received_at: i64,
    /// The indicator keys.
    pub keys: Vec<String>,
    /// The message text.
    pub text: Option<String>,
    /// How contact was made.
    pub channel: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Amount lost.
    pub loss_amount: Option<String>,
    /// Asset lost.
    pub loss_asset: Option<String>,
    /// When it happened.
    pub occurred_at: Option<i64>,
    /// The contact detail: only when asked for and given with consent.
    pub contact: Option<String>,
}

/// Who did something, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The API key, if the action came through the API with one.
    pub key_id: Option<i64>,
    /// The key's role, or `system`, `cli`, `public`.
    pub role: String,
    /// The client's IP address, if the action came through the API.
    pub ip: Option<String>,
}

impl Actor {
    /// The server's own background work (auto-listing, aging).
    pub fn system() -> Actor {
        Actor {
            key_id: None,
            role: "system".into(),
            ip: None,
        }
    }

    /// An operator at the command line.
    pub fn cli() -> Actor {
        Actor {
            key_id: None,
            role: "cli".into(),
            ip: None,
        }
    }
}

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Identifier, increasing.
    pub id: i64,
    /// When, Unix seconds.
    pub at: i64,
    /// The API key, if any.
    pub key_id: Option<i64>,
    /// The role (`admin`, `analyst`, `partner`, `system`, `cli`, `public`).
    pub role: String,
    /// What: `triage.confirm`, `blocklist.delist`, `reports.read`…
    pub action: String,
    /// On what: an indicator key, a dispute reference, a region.
    pub target: Option<String>,
    /// Details, a JSON object as text (a reason, a note, counts).
    pub detail: Option<String>,
    /// From where: the client IP.
    pub ip: Option<String>,
}

/// What a triage action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageOutcome {
    /// The group after the action.
    pub group: Group,
    /// The blocklist changed: the verification index must be rebuilt.
    pub blocklist_changed: bool,
}

/// A dispute to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDispute {
    /// The reference given to the disputer; unique.
    pub reference: String,
    /// The disputed indicator key.
    pub key: String,
    /// Why the owner says the listing is wrong.
    pub reason: String,
    /// How to reach the owner.
    pub contact: Option<String>,
    /// When, Unix seconds.
    pub created_at: i64,
}

/// A stored dispute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// Identifier.
    pub id: i64,
    /// The disputer's reference.
    pub reference: String,
    /// The disputed indicator key.
    pub key: String,
    /// The owner's reason.
    pub reason: String,
    /// How to reach the owner.
    pub contact: Option<String>,
    /// Open, upheld or rejected.
    pub state: DisputeState,
    /// Opened, Unix seconds.
    pub created_at: i64,
    /// Decided, Unix seconds.
    pub resolved_at: Option<i64>,
    /// The analyst's note.
    pub resolution: Option<String>,
}

/// What aging removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expired {
    /// Suspected entries removed.
    pub suspected: u64,
    /// Confirmed entries removed.
    pub confirmed: u64,
}

/// Reports, triage, the blocklist lifecycle, disputes and the audit log. Every write
/// is durable when it returns `Ok`.
#[async_trait::async_trait]
pub trait ReportStore: Send + Sync {
    /// Stores reports in one transaction (the group-commit writer's batch): each
    /// report, its contact (if any), its indicators; updates each group's counts; then
    /// applies [`reports::decide`] to every group touched (auto-listing, unlisting an
    /// official channel). Newly listed keys get an audit record by the system.
    async fn insert_reports(
        &self,
        batch: &[NewReport],
        policy: &Policy,
    ) -> Result<BatchOutcome, StoreError>;

    /// Groups for triage, most distinct reporters first, then most recent.
    async fn triage_queue(&self, filter: &QueueFilter) -> Result<Vec<Group>, StoreError>;

    /// One group, if it exists.
    async fn group(&self, group: &GroupRef) -> Result<Option<Group>, StoreError>;

    /// Applies an analyst action to a group ([`reports::transition`]) and the listing
    /// it implies, with its audit record. A missing group is [`StoreError::NotFound`];
    /// an action not allowed from its state is [`StoreError::Conflict`].
    /// `duplicate_of` names the group a duplicate duplicates.
    #[expect(clippy::too_many_arguments, reason = "one argument per audited fact")]
    async fn triage(
        &self,
        group: &GroupRef,
        action: Action,
        duplicate_of: Option<&str>,
        note: Option<&str>,
        actor: &Actor,
        policy: &Policy,
        now: i64,
    ) -> Result<TriageOutcome, StoreError>;

    /// Removes a key from the blocklist with a reason and marks its group delisted (so
    /// that reports do not list it again until an analyst confirms it), with the audit
    /// record. `Ok(false)` if the key was not listed (the group is marked all the same).
    async fn delist(
        &self,
        key: &str,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<bool, StoreError>;

    /// Stores a dispute (state open).
    async fn create_dispute(&self, dispute: &NewDispute) -> Result<Dispute, StoreError>;

    /// Disputes, newest first, optionally in one state.
    async fn disputes(
        &self,
        state: Option<DisputeState>,
        limit: u32,
    ) -> Result<Vec<Dispute>, StoreError>;

    /// Decides a dispute, by id or reference ([`reports::dispute_transition`]);
    /// upholding it delists the key as [`ReportStore::delist`] does. A missing dispute is
    /// [`StoreError::NotFound`], a decided one [`StoreError::Conflict`]. Returns the
    /// dispute and whether the blocklist changed.
    async fn resolve_dispute(
        &self,
        id: i64,
        action: DisputeAction,
        note: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<(Dispute, bool), StoreError>;

    /// Removes entries without new evidence for longer than the policy's TTLs
    /// ([`reports::expired`]), with one audit record.
    async fn expire_blocklist(
        &self,
        now: i64,
        policy: &Policy,
        actor: &Actor,
    ) -> Result<Expired, StoreError>;

    /// Reports of a region (all regions when `None`), newest first, `before` an id for
    /// paging. Contact details are read only when `with_contacts` is true.
    async fn reports_by_region(
        &self,
        region: Option<&str>,
        with_contacts: bool,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>, StoreError>;

    /// The reports naming a group's indicator, newest first, `before` an id for paging;
    /// never with contact details.
    async fn reports_of_group(
        &self,
        group: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredReport>, StoreError>;

    /// A report by its reference, for its reporter: when it was received and the
    /// groups of the indicators it names (nothing personal). `None` if there is none.
    async fn report_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<(i64, Vec<Group>)>, StoreError>;

    /// Which of `candidates` (one reporter's pseudonyms under each key of the key
    /// ring, in the order to prefer) has reported before: its index, or `None` for a
    /// first report. After a key rotation this keeps a reporter's pseudonym stable, so
    /// that they still count once.
    async fn known_reporter(&self, candidates: &[[u8; 32]]) -> Result<Option<usize>, StoreError>;

    /// Appends an audit record; returns its id.
    async fn append_audit(
        &self,
        actor: &Actor,
        action: &str,
        target: Option<&str>,
        detail: Option<&str>,
        now: i64,
    ) -> Result<i64, StoreError>;

    /// Audit records, newest first, `before` an id for paging.
    async fn audit_log(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError>;

    /// The audit records of one target (as recorded: an indicator key, `key:7`),
    /// newest first, `before` an id for paging.
    async fn audit_of(
        &self,
        target: &str,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError>;
}

/// Columns of a `report_groups` row joined with its blocklist severity:
/// `id, key, state, duplicate_of, official, delisted, reports, reporters, first_seen,
/// last_seen, severity`.
pub(crate) type GroupRow = (
    i64,
    String,
    String,
    Option<String>,
    bool,
    bool,
    i64,
    i64,
    i64,
    i64,
    Option<String>,
);

pub(crate) fn group_from_row(row: GroupRow) -> Result<Group, StoreError> {
    let (id, key, state, duplicate_of, official, delisted, reports, reporters, first, last, sev) =
        row;
    let corrupt = |c: &str| StoreError::Corrupt(format!("report_groups id {id}: invalid `{c}`"));
    Ok(Group {
        id,
        key,
        state: State::parse(&state).ok_or_else(|| corrupt("state"))?,
        duplicate_of,
        official,
        delisted,
        reports: u32::try_from(reports).unwrap_or(u32::MAX),
        reporters: u32::try_from(reporters).unwrap_or(u32::MAX),
        first_seen: first,
        last_seen: last,
        listed: match sev {
            None => None,
            Some(s) => Some(Severity::parse(&s).ok_or_else(|| corrupt("severity"))?),
        },
    })
}

impl Group {
    /// Whether new reports could list the group automatically: it is `new`, unlisted,
    /// no official channel and not delisted. Only then does the windowed count of
    /// reporters matter.
    pub(crate) fn could_auto_list(&self) -> bool {
        self.state == reports::State::New
            && self.listed.is_none()
            && !self.official
            && !self.delisted
    }

    /// The facts [`reports::decide`] needs.
    pub fn facts(&self) -> reports::GroupFacts {
        reports::GroupFacts {
            state: self.state,
            official: self.official,
            reporters: self.reporters,
            reports: self.reports,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            delisted: self.delisted,
            listed: self.listed,
        }
    }
}

/// Columns of a `disputes` row: `id, reference, key, reason, contact, state,
/// created_at, resolved_at, resolution`.
pub(crate) type DisputeRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    Option<i64>,
    Option<String>,
);

pub(crate) fn dispute_from_row(row: DisputeRow) -> Result<Dispute, StoreError> {
    let (id, reference, key, reason, contact, state, created_at, resolved_at, resolution) = row;
    Ok(Dispute {
        id,
        reference,
        key,
        reason,
        contact,
        state: DisputeState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("disputes id {id}: invalid `state`")))?,
        created_at,
        resolved_at,
        resolution,
    })
}

/// Columns of a `reports` row and its contact (the keys are read apart): `id,
/// reference, received_at, text, channel, region, loss_amount, loss_asset,
/// occurred_at, contact`.
pub(crate) type ReportRow = (
    i64,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

pub(crate) fn report_from_row(row: ReportRow) -> StoredReport {
    let (id, reference, received_at, text, channel, region, amount, asset, occurred, contact) = row;
    StoredReport {
        id,
        reference,
        received_at,
        keys: Vec::new(),
        text,
        channel,
        region,
        loss_amount: amount,
        loss_asset: asset,
        occurred_at: occurred,
        contact,
    }
}

/// A page size within `1..=MAX_PAGE`.
pub(crate) fn page(limit: u32) -> i64 {
    i64::from(limit.clamp(1, MAX_PAGE))
}

/// A JSON object of string fields, for audit details.
pub(crate) fn detail(fields: &[(&str, Option<&str>)]) -> Option<String> {
    let map: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .filter_map(|(k, v)| v.map(|v| ((*k).to_owned(), serde_json::Value::from(v))))
        .collect();
    (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string())
}

/// Maps a unique-constraint violation on a reference to `Conflict` (the caller draws
/// another reference).
pub(crate) fn reference_insert_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict("a report or dispute with this reference already exists".into())
        }
        _ => StoreError::Database(e),
    }
}

/// Gives each report its keys from `(report id, key)` rows.
pub(crate) fn attach_keys(reports: &mut [StoredReport], keys: Vec<(i64, String)>) {
    let mut by_id: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (id, key) in keys {
        by_id.entry(id).or_default().push(key);
    }
    for r in reports {
        if let Some(keys) = by_id.remove(&r.id) {
            r.keys = keys;
        }
    }
}

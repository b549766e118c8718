//! Scam reports and the blocklist lifecycle, as pure rules.
//!
//! Users report suspicious contacts (`POST /v1/reports`); analysts triage them; enough
//! distinct reporters list an indicator automatically as `suspected`; analysts confirm,
//! reject or delist it; the owner of a listed indicator can dispute it; entries without
//! new evidence age out. This crate decides all of that and does nothing else: no I/O,
//! no clock (time is passed in as Unix seconds), no randomness. The store applies its
//! decisions in transactions; the server turns its errors into responses.
//!
//! - [`intake`]: a report as received ([`Draft`]) is validated into a [`Report`]:
//!   every indicator read by [`indicator::parse`] (as Verify does) and grouped by its
//!   key `"<kind>:<normalized>"`, every field checked with a [`FieldError`] naming it.
//! - [`Region`]: an ISO 3166-1 alpha-2 code that is assigned.
//! - [`triage`]: the states of a group of reports ([`State`]) and the analyst actions
//!   allowed from each ([`transition`]).
//! - [`lifecycle`]: what the blocklist should say about a group ([`decide`]): the
//!   auto-listing threshold, the rule that official channels are never listed (a report
//!   against one is a takeover alert), delisting, disputes and aging ([`expired`]).
//! - [`review`]: the two-person rule: which analyst decisions change what Verify
//!   answers ([`triage_review`], [`delist_review`]) and so wait for a second analyst.
//! - [`protect`]: which named indicators vote toward automatic listing: never official
//!   channels, shared platforms, mail providers, popular sites, nor indicators only
//!   found in a report's text.
//! - [`status`]: where a report stands for its reporter ([`report_status`]).

pub mod intake;
pub mod lifecycle;
pub mod protect;
pub mod review;
pub mod status;
pub mod triage;

pub use indicator::{REGIONS, Region};
pub use intake::{
    Channel, Contact, Draft, DraftContact, DraftLoss, FieldError, Invalid, Loss, Report, validate,
};
pub use lifecycle::{
    DisputeAction, DisputeState, GroupFacts, Listing, Policy, SOURCE, decide, delisted_after,
    dispute_transition, expired, expiry_cutoff, is_takeover_alert, listed_entry,
};
pub use protect::{Origin, Shield, vote};
pub use review::{Review, delist_review, listed_after, triage_review};
pub use status::{ReportStatus, report_status};
pub use triage::{Action, State, TransitionError, transition};

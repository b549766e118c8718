//! Withdrawal-time interventions: the Joint Anti-Scam Campaign engine, with honest
//! measurement. Pure: no I/O, no clock, no randomness (time and ids are passed in).
//!
//! - [`model`]: the campaign document ([`Spec`]) and its validation: regions
//!   ([`Region`], ISO 3166-1 alpha-2), status, schedule, targeting, frequency cap,
//!   holdout percentage, variants with content per locale (English the fallback).
//! - [`risk`]: the risk of a withdrawal ([`assess`]): the destination reported as a
//!   scam (the verification index's blocklist), address poisoning of a recent
//!   counterparty or of an official address, new destination, first withdrawal, an
//!   amount far above usual, a recent security change, a young account; each a
//!   [`Signal`] with a weight and a localized sentence; a score, a [`RiskLevel`] and a
//!   [`Decision`] (allow, warn, hold).
//! - [`select`]: which campaign a withdrawal gets ([`eligible`], [`assign`]): region,
//!   schedule, targeting, frequency cap (high risk always shown), a holdout stable per
//!   user (a keyed hash), variants rotated per exposure. A reported-scam destination's
//!   alert is never withheld, holdout or not.
//! - [`stats`]: Wilson and Newcombe intervals and the campaign report ([`Stats`]): by
//!   arm, uplift, by variant, by day, by exposure number (habituation), later-reported
//!   scams per 1,000 users, realized holdout share.
//! - [`friction`]: the friction ladder of a variant (issue 14): the purpose-of-
//!   withdrawal questionnaire (`confirm`) and the cooling-off `hold`, the step a
//!   screening gets, and the answers' re-assessment.
//! - [`screen`]: one screening's decision ([`screen::plan`]) and the alert it shows.
//! - [`sim`]: a seeded synthetic population with known true rates, to check that the
//!   report recovers the truth.
//!
//! Storage of campaigns and [`Screening`]s is the `store` crate's; HTTP is the
//! `server`'s.

pub mod friction;
pub mod model;
pub mod risk;
pub mod screen;
pub mod select;
pub mod sim;
pub mod stats;

#[cfg(test)]
mod friction_tests;
#[cfg(test)]
mod tests;

pub use friction::{Friction, Step};
pub use indicator::{Region, RegionError};
pub use model::{Campaign, Content, Spec, SpecError, Status, Trigger, Variant};
pub use risk::{Context, Decision, Risk, RiskLevel, Signal, Withdrawal, assess};
pub use select::{
    Arm, Assignment, History, UserKey, assign, choose, eligible, pseudonymize, window_start,
};
pub use stats::{Action, Cell, Counts, Stats, StepArm, Users, VariantUsers, compute, ladder};

/// One screened withdrawal, as stored (no user id: only its pseudonym).
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Random identifier given to the exchange (`scr_` + 32 hex digits).
    pub id: String,
    /// The user's pseudonym.
    pub user: UserKey,
    /// The id of the key (in the key file) that made `user`.
    pub user_key: u16,
    /// The withdrawal's region.
    pub region: Region,
    /// The locale of the content.
    pub locale: i18n::Locale,
    /// The decision given.
    pub decision: Decision,
    /// The risk level.
    pub risk_level: RiskLevel,
    /// The risk score.
    pub risk_score: u8,
    /// The signals, as [`Risk::signal_bits`].
    pub signals: u32,
    /// The amount in USD, if given.
    pub amount_usd: Option<f64>,
    /// The campaign concerned, if any.
    pub campaign: Option<CampaignScreening>,
    /// When, Unix seconds.
    pub created_at: i64,
}

/// A screening's relation to its campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignScreening {
    /// The campaign.
    pub campaign_id: i64,
    /// The arm; `None` when the frequency cap held the alert back (not counted).
    pub arm: Option<Arm>,
    /// The variant shown (or that would have been, in the holdout).
    pub variant: String,
    /// The exposure number (1 for the user's first eligible screening).
    pub exposure: u32,
    /// Whether the alert was shown.
    pub shown: bool,
}

//! Which campaign a screened withdrawal gets, whether the user is in its holdout, and
//! which variant is shown.
//!
//! A screening goes through three steps:
//! 1. [`eligible`]: the live campaigns of the withdrawal's region whose targeting
//!    matches, in id order.
//! 2. For each, the user's [`History`] with it: how many eligible screenings so far,
//!    and how many in the frequency cap's window. Only the store knows it, so the
//!    store runs [`choose`] inside the transaction that records the screening, with a
//!    closure that reads the history there: two screenings of one user can then never
//!    get the same exposure number.
//! 3. [`assign`]: capped, or assigned to an arm with a variant; [`choose`] takes the
//!    first campaign that assigns, else remembers the first that capped.
//!
//! Holdout users are treated exactly like exposed ones (the same eligibility, the same
//! frequency cap counting their would-be exposures) except that the alert is not
//! shown, so the two groups stay comparable. The one exception: when the destination
//! is reported as a scam, the alert is shown to holdout users too (a known scam warning
//! is never withheld); such screenings stay in the holdout group for the analysis
//! (intention to treat) and are counted as `overridden`.

use std::borrow::Borrow;

use sha2::{Digest, Sha256};

use crate::CampaignScreening;
use crate::model::{Campaign, Trigger};
use crate::risk::{Risk, RiskLevel};

/// A user's pseudonym: HMAC-SHA256 of the exchange's user id under the deployment's
/// secret ([`crate::pseudonymize`]).
pub type UserKey = [u8; 32];

/// Holdout buckets: a user's bucket is uniform in `0..BUCKETS`.
const BUCKETS: u32 = 10_000;

/// The two arms of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    /// Shown the campaign.
    Exposed,
    /// Not shown (the control group).
    Holdout,
}

impl Arm {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Arm::Exposed => "exposed",
            Arm::Holdout => "holdout",
        }
    }

    /// Parses [`Arm::as_str`].
    pub fn parse(s: &str) -> Option<Arm> {
        [Arm::Exposed, Arm::Holdout]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// The user's previous eligible screenings with one campaign.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    /// All of them.
    pub total: u32,
    /// Those within the frequency cap's window (`per_days` before now).
    pub in_window: u32,
}

/// What [`assign`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    /// The frequency cap is reached: nothing shown, nothing counted.
    Capped,
    /// Eligible: in an arm, with the variant shown (or that would have been).
    Assigned {
        /// The arm.
        arm: Arm,
        /// Index into the campaign's variants.
        variant: usize,
        /// 1 for the user's first eligible screening with the campaign, 2 for the
        /// second… (the habituation curve groups by it).
        exposure: u32,
        /// Whether the alert is shown: always in the exposed arm; in the holdout only
        /// when the destination is reported as a scam.
        shown: bool,
    },
}

/// The live campaigns of `region` whose targeting matches this withdrawal, by id.
/// (`C` is `Campaign` or a shared pointer to one, e.g. `Arc<Campaign>`.)
pub fn eligible<'c, C: Borrow<Campaign>>(
    campaigns: &'c [C],
    region: crate::Region,
    new_destination: bool,
    risk: &Risk,
    now: i64,
) -> Vec<&'c C> {
    let mut out: Vec<&C> = campaigns
        .iter()
        .filter(|c| {
            let c: &Campaign = (*c).borrow();
            c.is_live(now) && c.covers(region)
        })
        .filter(|c| {
            let t = (*c).borrow().spec.targeting;
            match t.trigger {
                Trigger::All => true,
                Trigger::NewDestination => new_destination,
                Trigger::Risk => risk.level >= t.min_risk.unwrap_or(RiskLevel::Low),
            }
        })
        .collect();
    out.sort_by_key(|c| (*c).borrow().id);
    out
}

/// A user's holdout bucket for a campaign, uniform in `0..10000` and stable: a hash of
/// the campaign id and the (already keyed) user pseudonym.
pub fn bucket(campaign_id: i64, user: &UserKey) -> u32 {
    let mut h = Sha256::new();
    h.update(b"antiscam-holdout-v1");
    h.update(campaign_id.to_le_bytes());
    h.update(user);
    let d = h.finalize();
    u32::from_le_bytes([d[0], d[1], d[2], d[3]]) % BUCKETS
}

/// Is the user in the campaign's holdout?
pub fn in_holdout(campaign: &Campaign, user: &UserKey) -> bool {
    bucket(campaign.id, user) < u32::from(campaign.spec.holdout_percent) * (BUCKETS / 100)
}

/// Per-user offset of the variant rotation, so that at every exposure number each
/// variant is shown to a similar share of users.
fn rotation(campaign_id: i64, user: &UserKey) -> usize {
    let mut h = Sha256::new();
    h.update(b"antiscam-rotation-v1");
    h.update(campaign_id.to_le_bytes());
    h.update(user);
    let d = h.finalize();
    usize::from(u16::from_le_bytes([d[0], d[1]]))
}

/// Decides a screening's fate with one eligible campaign.
///
/// The frequency cap applies when the window already holds `max_exposures`, except
/// for high and critical risk, which is always shown. Variants rotate per exposure:
/// the user's k-th eligible screening gets variant `(k + offset) mod n`.
pub fn assign(campaign: &Campaign, user: &UserKey, history: History, risk: &Risk) -> Assignment {
    let capped = campaign
        .spec
        .frequency_cap
        .is_some_and(|cap| history.in_window >= cap.max_exposures);
    if capped && risk.level < RiskLevel::High {
        return Assignment::Capped;
    }
    let arm = if in_holdout(campaign, user) {
        Arm::Holdout
    } else {
        Arm::Exposed
    };
    let n = campaign.spec.variants.len().max(1);
    let k = history.total;
    let variant = (k as usize).wrapping_add(rotation(campaign.id, user)) % n;
    Assignment::Assigned {
        arm,
        variant,
        exposure: k.saturating_add(1),
        shown: arm == Arm::Exposed || risk.reported_scam(),
    }
}

/// Where the frequency cap's window of `campaign` starts at `now` (`per_days` before;
/// `now` itself without a cap).
pub fn window_start(campaign: &Campaign, now: i64) -> i64 {
    campaign
        .spec
        .frequency_cap
        .map_or(now, |cap| now - i64::from(cap.per_days) * 86_400)
}

/// The campaign part of a screening: the first of `candidates` (in order) that
/// [`assign`]s the user, else the first that capped (recorded, not counted), else
/// `None`. `history` gives the user's [`History`] with a campaign since a time (the
/// frequency cap's window start; `now` without a cap); its error stops the choice.
pub fn choose<C: Borrow<Campaign>, E>(
    candidates: &[C],
    user: &UserKey,
    risk: &Risk,
    now: i64,
    mut history: impl FnMut(i64, i64) -> Result<History, E>,
) -> Result<Option<CampaignScreening>, E> {
    let mut capped = None;
    for c in candidates {
        let c: &Campaign = c.borrow();
        let h = history(c.id, window_start(c, now))?;
        match assign(c, user, h, risk) {
            Assignment::Capped => {
                capped.get_or_insert(CampaignScreening {
                    campaign_id: c.id,
                    arm: None,
                    variant: String::new(),
                    exposure: h.total,
                    shown: false,
                });
            }
            Assignment::Assigned {
                arm,
                variant,
                exposure,
                shown,
            } => {
                let key = c
                    .spec
                    .variants
                    .get(variant)
                    .map_or_else(String::new, |v| v.key.clone());
                return Ok(Some(CampaignScreening {
                    campaign_id: c.id,
                    arm: Some(arm),
                    variant: key,
                    exposure,
                    shown,
                }));
            }
        }
    }
    Ok(capped)
}

/// HMAC-SHA256 of a user id under `secret`: the only form of a user id ever stored.
pub fn pseudonymize(secret: &[u8], user: &str) -> UserKey {
    use hmac::{KeyInit, Mac};
    // HMAC accepts keys of any length: this cannot fail.
    let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(secret) else {
        return Sha256::digest(user.as_bytes()).into();
    };
    mac.update(user.as_bytes());
    mac.finalize().into_bytes().into()
}

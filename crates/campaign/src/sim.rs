//! A synthetic population with known true rates, to check that the statistics recover
//! the truth: every user withdraws a few times; each eligible screening's outcome is
//! drawn with the true probabilities of the user's arm. Seeded and deterministic.

use crate::select::{Arm, Assignment, History, UserKey, assign};
use crate::stats::{Action, Cell, Counts, MAX_EXPOSURE_GROUP, Users};
use crate::{Campaign, Risk};

/// SplitMix64: a small, fast, well-mixed seeded generator (not for secrets).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent generator for stream `n` of `seed` (one per simulated user).
    ///
    /// The start is itself a SplitMix64 output: seeding streams with nearby numbers
    /// (`seed * K ^ n`) puts every stream's k-th state within a few thousand of the
    /// others', and the finalizer's outputs for such near inputs are correlated enough
    /// to bias a whole run (seen: a true 20 % measured at 17.6 %, 3 standard errors off,
    /// for the same seeds every time).
    pub fn stream(seed: u64, n: u64) -> Rng {
        let mut mix = Rng(seed ^ n.rotate_left(32));
        Rng(mix.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        let span = u64::from(hi.saturating_sub(lo)) + 1;
        lo + u32::try_from(self.next_u64() % span).unwrap_or(0)
    }
}

/// True outcome probabilities per screening, by arm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truth {
    /// P(cancelled) when shown.
    pub cancel_exposed: f64,
    /// P(reviewed, not cancelled) when shown.
    pub review_exposed: f64,
    /// P(cancelled) in the holdout.
    pub cancel_holdout: f64,
    /// P(reviewed, not cancelled) in the holdout.
    pub review_holdout: f64,
    /// P(a user later reports a scam) when exposed.
    pub scam_exposed: f64,
    /// P(a user later reports a scam) in the holdout.
    pub scam_holdout: f64,
}

impl Default for Truth {
    /// About the published figure (20 % reconsidered when shown) against a holdout
    /// that reconsiders half as often, and fewer later scams among the exposed.
    fn default() -> Truth {
        Truth {
            cancel_exposed: 0.08,
            review_exposed: 0.12,
            cancel_holdout: 0.04,
            review_holdout: 0.06,
            scam_exposed: 0.010,
            scam_holdout: 0.020,
        }
    }
}

impl Truth {
    /// The true reconsidered rate of an arm.
    pub fn reconsidered(&self, arm: Arm) -> f64 {
        match arm {
            Arm::Exposed => self.cancel_exposed + self.review_exposed,
            Arm::Holdout => self.cancel_holdout + self.review_holdout,
        }
    }

    /// The true cancelled rate of an arm.
    pub fn cancelled(&self, arm: Arm) -> f64 {
        match arm {
            Arm::Exposed => self.cancel_exposed,
            Arm::Holdout => self.cancel_holdout,
        }
    }

    /// The true later-scam rate of an arm's users.
    pub fn scam(&self, arm: Arm) -> f64 {
        match arm {
            Arm::Exposed => self.scam_exposed,
            Arm::Holdout => self.scam_holdout,
        }
    }

    /// Draws the outcome of one screening in `arm`.
    pub fn draw(&self, arm: Arm, rng: &mut Rng) -> Action {
        let (c, r) = match arm {
            Arm::Exposed => (self.cancel_exposed, self.review_exposed),
            Arm::Holdout => (self.cancel_holdout, self.review_holdout),
        };
        let u = rng.unit();
        if u < c {
            Action::Cancelled
        } else if u < c + r {
            Action::Reviewed
        } else {
            Action::Proceeded
        }
    }
}

/// A synthetic user's pseudonym (`n` spread over 32 bytes by the generator).
pub fn user_key(seed: u64, n: u64) -> UserKey {
    let mut rng = Rng::stream(seed, n);
    let mut key = [0u8; 32];
    for chunk in key.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    key
}

/// Runs `users` synthetic users (1 to `max_withdrawals` withdrawals each, one a day
/// from `start`) through [`assign`] and the true outcomes, in memory, and aggregates
/// the cells and per-user figures the store would return.
pub fn run(
    campaign: &Campaign,
    truth: &Truth,
    users: u64,
    max_withdrawals: u32,
    start: i64,
    seed: u64,
) -> (Vec<Cell>, Users, Users) {
    let mut rng = Rng::new(seed);
    let mut cells: std::collections::BTreeMap<(Arm, String, i64, u32), Counts> =
        std::collections::BTreeMap::new();
    let mut per_arm = [Users::default(); 2];
    let risk = Risk::of(Vec::new());
    for n in 0..users {
        let user = user_key(seed, n);
        let mut history = History::default();
        let mut arm_seen = None;
        for w in 0..rng.range(1, max_withdrawals) {
            let now = start + i64::from(w) * 86_400;
            let Assignment::Assigned {
                arm,
                variant,
                exposure,
                shown,
            } = assign(campaign, &user, history, &risk)
            else {
                continue;
            };
            history.total += 1;
            history.in_window += 1;
            arm_seen = Some(arm);
            let action = truth.draw(arm, &mut rng);
            let key = campaign
                .spec
                .variants
                .get(variant)
                .map_or_else(String::new, |v| v.key.clone());
            cells
                .entry((arm, key, now / 86_400, exposure.min(MAX_EXPOSURE_GROUP)))
                .or_default()
                .add(shown, action.bit());
        }
        if let Some(arm) = arm_seen {
            let u = &mut per_arm[usize::from(arm == Arm::Holdout)];
            u.users += 1;
            u.later_reported += u64::from(rng.unit() < truth.scam(arm));
        }
    }
    let cells = cells
        .into_iter()
        .map(|((arm, variant, day, exposure), counts)| Cell {
            arm: Some(arm),
            variant,
            day,
            exposure,
            counts,
        })
        .collect();
    (cells, per_arm[0], per_arm[1])
}

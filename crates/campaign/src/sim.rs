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

/// True effects of the friction ladder (issue 14), per arm of the first variant a
/// user gets: alert only, confirm, hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LadderTruth {
    /// P(a user later reports a scam), by [`crate::stats::StepArm`] (alert only,
    /// confirm, hold).
    pub scam: [f64; 3],
    /// Share of users whose withdrawal is of critical risk (a hold ladder holds it).
    pub critical: f64,
    /// Share of users whose withdrawal is of medium risk (a confirm ladder asks).
    pub elevated: f64,
    /// A released hold lasts its `hold_hours` plus up to this many hours (uniform): the
    /// integrator releases some time after `release_at`.
    pub extra_delay_hours: u32,
}

impl Default for LadderTruth {
    /// A questionnaire that prevents a third of the later scams, a hold that prevents
    /// half; one user in ten critical, one in five medium.
    fn default() -> LadderTruth {
        LadderTruth {
            scam: [0.030, 0.020, 0.015],
            critical: 0.10,
            elevated: 0.20,
            extra_delay_hours: 12,
        }
    }
}

impl LadderTruth {
    /// The true later-scam rate of an arm.
    pub fn scam_of(&self, arm: crate::stats::StepArm) -> f64 {
        self.scam[arm as usize]
    }

    /// The true share of never-reporting users an arm delays.
    pub fn delayed_of(&self, arm: crate::stats::StepArm) -> f64 {
        if arm == crate::stats::StepArm::Hold {
            self.critical
        } else {
            0.0
        }
    }
}

/// A campaign with three variants: alert only, a `confirm` ladder and a `confirm` +
/// `hold` ladder of `hold_hours`, and a holdout of `holdout` %.
pub fn ladder_campaign(holdout: u8, hold_hours: u32) -> Result<Campaign, crate::SpecError> {
    let content = |ladder: bool| {
        let mut c = serde_json::json!({
            "title": "Stop and think",
            "message": "Scammers ask you to move your crypto.",
        });
        if ladder {
            c["escalation"] = "Call the anti-scam hotline before you go ahead.".into();
            c["questionnaire"] = serde_json::json!([{
                "id": "who",
                "question": "Who asked you to make this withdrawal?",
                "answers": [
                    {"id": "nobody", "text": "Nobody", "risk": "none"},
                    {"id": "mentor", "text": "An investment group or mentor", "risk": "high"},
                ],
            }]);
        }
        serde_json::json!({"en": c})
    };
    let spec = crate::Spec::from_json(&serde_json::json!({
        "name": "Simulated ladder",
        "partner": "Simulation",
        "regions": ["HK"],
        "status": "active",
        "starts_at": "2025-01-01T00:00:00Z",
        "holdout_percent": holdout,
        "variants": [
            {"key": "alert", "content": content(false)},
            {"key": "confirm", "content": content(true),
             "friction": {"steps": ["confirm"]}},
            {"key": "hold", "content": content(true),
             "friction": {"steps": ["confirm", "hold"], "hold_hours": hold_hours}},
        ],
    }))?;
    Ok(Campaign {
        id: 1,
        spec,
        created_at: 0,
        updated_at: 0,
    })
}

/// Runs `users` synthetic users through the first screening of `campaign` (holdout
/// and variant by [`assign`], the risk drawn from `truth`, the step by
/// [`crate::friction::step`]), draws each one's later scam from the true rate of
/// their variant's arm and a released hold's delay, and returns what the store would
/// ([`crate::stats::ladder`]'s inputs). Seeded and deterministic.
pub fn run_ladder(
    campaign: &Campaign,
    truth: &LadderTruth,
    users: u64,
    seed: u64,
) -> (Vec<crate::stats::VariantUsers>, Vec<(String, i64)>) {
    use crate::risk::Signal;
    use crate::stats::{StepArm, VariantUsers};
    let critical = Risk::of(vec![Signal::ReportedScam {
        reports: 1,
        confirmed: true,
    }]);
    let elevated = Risk::of(vec![
        Signal::LargeAmount { ratio: 5 },
        Signal::NewDestination,
    ]);
    let calm = Risk::of(Vec::new());
    let mut per_variant: std::collections::BTreeMap<String, VariantUsers> =
        std::collections::BTreeMap::new();
    let mut delays = Vec::new();
    let mut rng = Rng::stream(seed, u64::MAX - 1);
    for n in 0..users {
        let user = user_key(seed, n);
        let u = rng.unit();
        let risk = if u < truth.critical {
            &critical
        } else if u < truth.critical + truth.elevated {
            &elevated
        } else {
            &calm
        };
        let Assignment::Assigned {
            arm: Arm::Exposed,
            variant,
            shown,
            ..
        } = assign(campaign, &user, History::default(), risk)
        else {
            continue;
        };
        let Some(v) = campaign.spec.variants.get(variant) else {
            continue;
        };
        let step = crate::friction::step(v.friction.as_ref(), shown, risk.decision(), risk.level);
        let scam = rng.unit() < truth.scam_of(StepArm::of(campaign, &v.key));
        let e = per_variant
            .entry(v.key.clone())
            .or_insert_with(|| VariantUsers {
                variant: v.key.clone(),
                ..VariantUsers::default()
            });
        e.users += 1;
        e.later_reported += u64::from(scam);
        if step == Some(crate::friction::Step::Hold) && !scam {
            e.delayed_unreported += 1;
            let hold = v
                .friction
                .as_ref()
                .map_or(0, crate::friction::Friction::hold_seconds);
            let extra = i64::from(rng.range(0, truth.extra_delay_hours.saturating_mul(3_600)));
            delays.push((v.key.clone(), hold + extra));
        }
    }
    (per_variant.into_values().collect(), delays)
}

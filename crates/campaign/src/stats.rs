//! Measurement: rates with Wilson score intervals, differences with Newcombe's hybrid
//! score interval, and the aggregations of a campaign's screenings.
//!
//! The store aggregates a campaign's screenings in SQL into [`Cell`]s (one per arm,
//! variant, day and exposure number); [`compute`] folds them into the report, so a
//! million screenings cost one grouped scan, not a million rows in memory.
//!
//! Rates are per screening. Screenings of one user are not independent, so the
//! per-screening intervals are somewhat too narrow when users withdraw often; the
//! first exposures (`by_exposure[0]`) have one screening per user and no such issue,
//! and the later-reported-scam figures are per user.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Campaign;
use crate::select::Arm;

/// The standard normal quantile for 95 % two-sided intervals.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Exposure numbers at or above this are pooled into one group (`"10+"`).
pub const MAX_EXPOSURE_GROUP: u32 = 10;

/// What a user did after a screening (several may be recorded for one screening).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Went ahead with the withdrawal.
    Proceeded,
    /// Cancelled it.
    Cancelled,
    /// Opened the tips, checked the address or called the hotline.
    Reviewed,
    /// Reported the destination or the contact as a scam.
    Reported,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 4] = [
        Action::Proceeded,
        Action::Cancelled,
        Action::Reviewed,
        Action::Reported,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Proceeded => "proceeded",
            Action::Cancelled => "cancelled",
            Action::Reviewed => "reviewed",
            Action::Reported => "reported",
        }
    }

    /// Parses [`Action::as_str`].
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The action's bit in a screening's outcome set.
    pub fn bit(self) -> u8 {
        match self {
            Action::Cancelled => 1,
            Action::Reviewed => 2,
            Action::Proceeded => 4,
            Action::Reported => 8,
        }
    }

    /// The actions of an outcome set, in [`Action::ALL`] order.
    pub fn of_bits(bits: u8) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|a| bits & a.bit() != 0)
            .collect()
    }
}

/// The Wilson score interval (95 %) of `k` successes in `n` trials; `None` when `n` is
/// 0. (Newcombe 1998, method 3; Wilson 1927.)
pub fn wilson(k: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || k > n {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // Exact at the ends (rounding would otherwise leave 1e-17 above a rate of 0), and
    // never excluding the observed rate.
    let lo = if k == 0.0 {
        0.0
    } else {
        (center - half).clamp(0.0, p)
    };
    let hi = if k == n {
        1.0
    } else {
        (center + half).clamp(p, 1.0)
    };
    Some((lo, hi))
}

/// Newcombe's hybrid score interval (95 %) for the difference `k1/n1 − k2/n2` of two
/// independent proportions, built from the two Wilson intervals (Newcombe 1998,
/// method 10). Returns the difference and its interval; `None` when a group is empty.
///
/// Chosen over the Wald interval, which has poor coverage for small counts and rates
/// near 0 or 1 (exactly the case of rare outcomes such as reported scams), and over
/// exact methods, which are conservative and costly; method 10 has near-nominal
/// coverage and a closed form.
pub fn newcombe(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<(f64, (f64, f64))> {
    let (l1, u1) = wilson(k1, n1)?;
    let (l2, u2) = wilson(k2, n2)?;
    let p1 = k1 as f64 / n1 as f64;
    let p2 = k2 as f64 / n2 as f64;
    let d = p1 - p2;
    let lo = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let hi = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some((d, (lo.max(-1.0), hi.min(1.0))))
}

/// One aggregated group of screenings, as the store returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The arm.
    pub arm: Option<Arm>,
    /// The variant's key.
    pub variant: String,
    /// UTC day, days since 1970-01-01.
    pub day: i64,
    /// Exposure number, pooled at [`MAX_EXPOSURE_GROUP`].
    pub exposure: u32,
    /// The counts.
    pub counts: Counts,
}

/// Counts of a group of screenings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Screenings.
    pub screenings: u64,
    /// Screenings whose alert was shown.
    pub shown: u64,
    /// With a `cancelled` outcome.
    pub cancelled: u64,
    /// With a `reviewed` outcome.
    pub reviewed: u64,
    /// With a `cancelled` or `reviewed` outcome.
    pub reconsidered: u64,
    /// With a `proceeded` outcome.
    pub proceeded: u64,
    /// With a `reported` outcome.
    pub reported: u64,
}

impl Counts {
    /// Adds one screening with outcome bits `outcomes`.
    pub fn add(&mut self, shown: bool, outcomes: u8) {
        let has = |a: Action| u64::from(outcomes & a.bit() != 0);
        self.screenings += 1;
        self.shown += u64::from(shown);
        self.cancelled += has(Action::Cancelled);
        self.reviewed += has(Action::Reviewed);
        self.reconsidered +=
            u64::from(outcomes & (Action::Cancelled.bit() | Action::Reviewed.bit()) != 0);
        self.proceeded += has(Action::Proceeded);
        self.reported += has(Action::Reported);
    }

    fn merge(&mut self, o: &Counts) {
        self.screenings += o.screenings;
        self.shown += o.shown;
        self.cancelled += o.cancelled;
        self.reviewed += o.reviewed;
        self.reconsidered += o.reconsidered;
        self.proceeded += o.proceeded;
        self.reported += o.reported;
    }
}

/// Per-user figures of one arm, as the store returns them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Users {
    /// Distinct users with an eligible screening.
    pub users: u64,
    /// Of them, users who reported a scam at or after an eligible screening.
    pub later_reported: u64,
}

/// A count, its rate and the rate's 95 % Wilson interval (`null`s when there is no
/// denominator).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Proportion {
    /// Numerator.
    pub count: u64,
    /// count / denominator.
    pub rate: Option<f64>,
    /// 95 % Wilson interval of the rate.
    pub ci95: Option<[f64; 2]>,
}

impl Proportion {
    /// `k` of `n`.
    pub fn of(k: u64, n: u64) -> Proportion {
        Proportion {
            count: k,
            rate: (n > 0).then(|| k as f64 / n as f64),
            ci95: wilson(k, n).map(|(l, u)| [l, u]),
        }
    }
}

/// A difference of two rates with its 95 % Newcombe interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Difference {
    /// Exposed minus holdout.
    pub difference: Option<f64>,
    /// 95 % interval (Newcombe's hybrid score method).
    pub ci95: Option<[f64; 2]>,
}

impl Difference {
    /// `k1/n1 − k2/n2`.
    pub fn of(k1: u64, n1: u64, k2: u64, n2: u64) -> Difference {
        match newcombe(k1, n1, k2, n2) {
            Some((d, (l, u))) => Difference {
                difference: Some(d),
                ci95: Some([l, u]),
            },
            None => Difference {
                difference: None,
                ci95: None,
            },
        }
    }

    fn scaled(self, factor: f64) -> Difference {
        Difference {
            difference: self.difference.map(|d| d * factor),
            ci95: self.ci95.map(|[l, u]| [l * factor, u * factor]),
        }
    }
}

/// Later-reported scams of an arm, per 1,000 users.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PerThousand {
    /// Users who reported a scam at or after an eligible screening.
    pub users: u64,
    /// Per 1,000 users of the arm.
    pub per_1000: Option<f64>,
    /// 95 % Wilson interval, per 1,000.
    pub ci95: Option<[f64; 2]>,
}

/// The outcome rates of a group of screenings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Screenings.
    pub screenings: u64,
    /// Distinct users (top-level groups only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<u64>,
    /// Screenings whose alert was shown (in the holdout: overridden because the
    /// destination was reported as a scam).
    pub shown: u64,
    /// Cancelled the withdrawal.
    pub cancelled: Proportion,
    /// Reviewed (tips, address check, hotline).
    pub reviewed: Proportion,
    /// Cancelled or reviewed.
    pub reconsidered: Proportion,
    /// Went ahead.
    pub proceeded: Proportion,
    /// Reported a scam from the alert.
    pub reported: Proportion,
    /// Users who reported a scam later (top-level groups only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later_reported_scams: Option<PerThousand>,
}

impl Group {
    fn of(c: &Counts, users: Option<Users>) -> Group {
        let n = c.screenings;
        Group {
            screenings: n,
            users: users.map(|u| u.users),
            shown: c.shown,
            cancelled: Proportion::of(c.cancelled, n),
            reviewed: Proportion::of(c.reviewed, n),
            reconsidered: Proportion::of(c.reconsidered, n),
            proceeded: Proportion::of(c.proceeded, n),
            reported: Proportion::of(c.reported, n),
            later_reported_scams: users.map(|u| {
                let p = Proportion::of(u.later_reported, u.users);
                PerThousand {
                    users: u.later_reported,
                    per_1000: p.rate.map(|r| r * 1000.0),
                    ci95: p.ci95.map(|[l, h]| [l * 1000.0, h * 1000.0]),
                }
            }),
        }
    }
}

/// Exposed minus holdout, per outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uplift {
    /// Cancelled or reviewed.
    pub reconsidered: Difference,
    /// Cancelled.
    pub cancelled: Difference,
    /// Reviewed.
    pub reviewed: Difference,
    /// Proceeded.
    pub proceeded: Difference,
    /// Later-reported scams per 1,000 users (top level only; negative is good).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later_reported_scams_per_1000: Option<Difference>,
}

impl Uplift {
    fn of(e: &Counts, h: &Counts, users: Option<(Users, Users)>) -> Uplift {
        let d = |k1, k2| Difference::of(k1, e.screenings, k2, h.screenings);
        Uplift {
            reconsidered: d(e.reconsidered, h.reconsidered),
            cancelled: d(e.cancelled, h.cancelled),
            reviewed: d(e.reviewed, h.reviewed),
            proceeded: d(e.proceeded, h.proceeded),
            later_reported_scams_per_1000: users.map(|(ue, uh)| {
                Difference::of(ue.later_reported, ue.users, uh.later_reported, uh.users)
                    .scaled(1000.0)
            }),
        }
    }
}

/// One row of a breakdown: the two arms and the uplift.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The variant key (`by_variant`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The UTC day, `YYYY-MM-DD` (`by_day`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    /// The exposure number, 1 for a user's first (`by_exposure`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exposure: Option<u32>,
    /// `true` on the last exposure group, which pools this number and later ones.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub and_later: bool,
    /// Shown.
    pub exposed: Group,
    /// Not shown.
    pub holdout: Group,
    /// Exposed minus holdout.
    pub uplift: Uplift,
}

/// The realized holdout share among users, against the target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HoldoutShare {
    /// The campaign's holdout percentage.
    pub target_percent: u8,
    /// Holdout users over all users, with its interval.
    pub realized: Proportion,
}

/// The statistics of a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The campaign.
    pub campaign_id: i64,
    /// Shown.
    pub exposed: Group,
    /// Not shown.
    pub holdout: Group,
    /// Exposed minus holdout.
    pub uplift: Uplift,
    /// Realized holdout share.
    pub holdout_share: HoldoutShare,
    /// By variant.
    pub by_variant: Vec<Breakdown>,
    /// By UTC day.
    pub by_day: Vec<Breakdown>,
    /// By exposure number: the habituation curve.
    pub by_exposure: Vec<Breakdown>,
    /// By friction step (issue 14), when a variant has a ladder: the exposed users by
    /// the step of their first eligible screening's variant, against the alert-only
    /// variants ([`ladder`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_step: Vec<StepStats>,
}

/// The exposed users whose first eligible screening had one variant, as the store
/// returns them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VariantUsers {
    /// The variant's key.
    pub variant: String,
    /// Users.
    pub users: u64,
    /// Of them, users who reported a scam at or after their first eligible screening.
    pub later_reported: u64,
    /// Of them, users who never reported a scam but had a withdrawal held.
    pub delayed_unreported: u64,
}

/// The arm of a variant in the ladder's measurement: its highest step, or alert only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepArm {
    /// No friction: the alert alone (the comparison).
    AlertOnly,
    /// Up to the questionnaire.
    Confirm,
    /// Up to the hold.
    Hold,
}

impl StepArm {
    /// The arm of a variant (by key) of `campaign`.
    pub fn of(campaign: &Campaign, variant: &str) -> StepArm {
        match campaign
            .spec
            .variant(variant)
            .and_then(|v| v.friction.as_ref())
            .and_then(crate::friction::Friction::top)
        {
            None => StepArm::AlertOnly,
            Some(crate::friction::Step::Confirm) => StepArm::Confirm,
            Some(crate::friction::Step::Hold) => StepArm::Hold,
        }
    }
}

/// What a step costs the users it did not protect: those who never reported a scam.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cost {
    /// Users who never reported a scam and had a withdrawal held, over all users of
    /// the arm who never reported one.
    pub delayed: Proportion,
    /// Median delay, in hours, of their released holds (from the hold to the release).
    pub median_delay_hours: Option<f64>,
    /// Released holds behind the median.
    pub released_holds: u64,
}

/// One arm of the ladder's measurement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepStats {
    /// The arm.
    pub step: StepArm,
    /// Its variants.
    pub variants: Vec<String>,
    /// Exposed users whose first eligible screening had one of them.
    pub users: u64,
    /// Of them, who reported a scam later, per 1,000.
    pub later_reported_scams: PerThousand,
    /// This arm minus the alert-only arm, later-reported scams per 1,000 users
    /// (negative is good); absent on the alert-only row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versus_alert_only_per_1000: Option<Difference>,
    /// The cost.
    pub cost: Cost,
}

/// The per-step measurement: users grouped by the arm of their first eligible
/// screening's variant (intention to treat: the step the variant would take at their
/// risk, whether or not it did), each friction arm against the alert-only arm, with
/// the cost. `delays` are the released holds of users who never reported a scam:
/// their first variant and the delay in seconds. Empty when no variant has a ladder.
pub fn ladder(
    campaign: &Campaign,
    users: &[VariantUsers],
    delays: &[(String, i64)],
) -> Vec<StepStats> {
    if campaign.spec.variants.iter().all(|v| v.friction.is_none()) {
        return Vec::new();
    }
    let mut arms: BTreeMap<StepArm, (Vec<String>, VariantUsers, Vec<i64>)> = BTreeMap::new();
    for v in &campaign.spec.variants {
        arms.entry(StepArm::of(campaign, &v.key))
            .or_default()
            .0
            .push(v.key.clone());
    }
    for u in users {
        let e = arms.entry(StepArm::of(campaign, &u.variant)).or_default();
        e.1.users += u.users;
        e.1.later_reported += u.later_reported;
        e.1.delayed_unreported += u.delayed_unreported;
    }
    for (variant, delay) in delays {
        arms.entry(StepArm::of(campaign, variant))
            .or_default()
            .2
            .push(*delay);
    }
    let control = arms.get(&StepArm::AlertOnly).map(|a| a.1.clone());
    arms.into_iter()
        .map(|(step, (variants, u, mut d))| {
            let p = Proportion::of(u.later_reported, u.users);
            StepStats {
                step,
                variants,
                users: u.users,
                later_reported_scams: PerThousand {
                    users: u.later_reported,
                    per_1000: p.rate.map(|r| r * 1000.0),
                    ci95: p.ci95.map(|[l, h]| [l * 1000.0, h * 1000.0]),
                },
                versus_alert_only_per_1000: control
                    .as_ref()
                    .filter(|_| step != StepArm::AlertOnly)
                    .map(|c| {
                        Difference::of(u.later_reported, u.users, c.later_reported, c.users)
                            .scaled(1000.0)
                    }),
                cost: Cost {
                    delayed: Proportion::of(
                        u.delayed_unreported,
                        u.users.saturating_sub(u.later_reported),
                    ),
                    median_delay_hours: median(&mut d).map(|s| s / 3_600.0),
                    released_holds: d.len() as u64,
                },
            }
        })
        .collect()
}

/// The median of `values` (the mean of the middle two for an even count).
fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

/// Folds a campaign's cells and per-user figures into its statistics.
pub fn compute(campaign: &Campaign, cells: &[Cell], exposed: Users, holdout: Users) -> Stats {
    let mut total = [Counts::default(); 2];
    let mut by_variant: BTreeMap<&str, [Counts; 2]> = BTreeMap::new();
    let mut by_day: BTreeMap<i64, [Counts; 2]> = BTreeMap::new();
    let mut by_exposure: BTreeMap<u32, [Counts; 2]> = BTreeMap::new();
    for cell in cells {
        let Some(arm) = cell.arm else { continue };
        let i = usize::from(arm == Arm::Holdout);
        total[i].merge(&cell.counts);
        by_variant.entry(cell.variant.as_str()).or_default()[i].merge(&cell.counts);
        by_day.entry(cell.day).or_default()[i].merge(&cell.counts);
        by_exposure
            .entry(cell.exposure.clamp(1, MAX_EXPOSURE_GROUP))
            .or_default()[i]
            .merge(&cell.counts);
    }
    let row = |c: &[Counts; 2]| {
        (
            Group::of(&c[0], None),
            Group::of(&c[1], None),
            Uplift::of(&c[0], &c[1], None),
        )
    };
    let breakdown = |c: &[Counts; 2]| {
        let (exposed, holdout, uplift) = row(c);
        Breakdown {
            variant: None,
            day: None,
            exposure: None,
            and_later: false,
            exposed,
            holdout,
            uplift,
        }
    };
    let all_users = exposed.users + holdout.users;
    Stats {
        campaign_id: campaign.id,
        exposed: Group::of(&total[0], Some(exposed)),
        holdout: Group::of(&total[1], Some(holdout)),
        uplift: Uplift::of(&total[0], &total[1], Some((exposed, holdout))),
        holdout_share: HoldoutShare {
            target_percent: campaign.spec.holdout_percent,
            realized: Proportion::of(holdout.users, all_users),
        },
        by_variant: by_variant
            .iter()
            .map(|(v, c)| Breakdown {
                variant: Some((*v).to_owned()),
                ..breakdown(c)
            })
            .collect(),
        by_day: by_day
            .iter()
            .map(|(d, c)| Breakdown {
                day: Some(day(*d)),
                ..breakdown(c)
            })
            .collect(),
        by_exposure: by_exposure
            .iter()
            .map(|(e, c)| Breakdown {
                exposure: Some(*e),
                and_later: *e == MAX_EXPOSURE_GROUP,
                ..breakdown(c)
            })
            .collect(),
        by_step: Vec::new(),
    }
}

/// Days since 1970-01-01 as `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let t = crate::model::rfc3339(days.saturating_mul(86_400));
    t.get(..10).map_or(t.clone(), str::to_owned)
}

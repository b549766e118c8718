//! The risk of a withdrawal: signals, an explained score, a level and a decision.

use i18n::{Catalog, Locale};
use indicator::{Address, Indicator};
use serde::{Deserialize, Serialize};
use verify::{Reason, Verdict};

/// Most recent counterparties considered.
pub const MAX_COUNTERPARTIES: usize = 100;

/// A withdrawal at least this many times the user's 90-day median is "far above usual"…
pub const LARGE_AMOUNT_RATIO: f64 = 5.0;
/// …provided it is at least this much, in USD (small amounts are not unusual).
pub const LARGE_AMOUNT_MIN_USD: f64 = 1_000.0;
/// A password, 2FA, device or email change less than this many hours ago is recent.
pub const RECENT_SECURITY_HOURS: u32 = 72;
/// An account younger than this many days is young.
pub const YOUNG_ACCOUNT_DAYS: u32 = 30;

/// How risky a withdrawal looks, from its score.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Score 0: nothing found.
    #[default]
    None,
    /// Score 1 to 29.
    Low,
    /// Score 30 to 59.
    Medium,
    /// Score 60 to 79.
    High,
    /// Score 80 or more (a reported-scam or poisoned destination alone is critical).
    Critical,
}

impl RiskLevel {
    /// Every level, lowest first.
    pub const ALL: [RiskLevel; 5] = [
        RiskLevel::None,
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::None => "none",
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    /// Parses [`RiskLevel::as_str`].
    pub fn parse(s: &str) -> Option<RiskLevel> {
        RiskLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The level of a score (0 to 100).
    pub fn of_score(score: u8) -> RiskLevel {
        match score {
            0 => RiskLevel::None,
            1..=29 => RiskLevel::Low,
            30..=59 => RiskLevel::Medium,
            60..=79 => RiskLevel::High,
            _ => RiskLevel::Critical,
        }
    }
}

/// What the exchange's withdrawal flow should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Go ahead (an intervention may still be shown).
    Allow,
    /// Show the warning and let the user confirm.
    Warn,
    /// Stop and review before the funds leave.
    Hold,
}

impl Decision {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Warn => "warn",
            Decision::Hold => "hold",
        }
    }

    /// Parses [`Decision::as_str`].
    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Allow, Decision::Warn, Decision::Hold]
            .into_iter()
            .find(|d| d.as_str() == s)
    }

    /// The decision for a risk: critical holds, medium and high warn, else allow.
    pub fn of(level: RiskLevel) -> Decision {
        match level {
            RiskLevel::Critical => Decision::Hold,
            RiskLevel::High | RiskLevel::Medium => Decision::Warn,
            RiskLevel::Low | RiskLevel::None => Decision::Allow,
        }
    }
}

/// One reason a withdrawal looks risky.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    /// The destination is on the blocklist of reported scams.
    ReportedScam {
        /// How many reports.
        reports: u32,
        /// Confirmed by an analyst, the police or a trusted feed; `false` for a
        /// `suspected` listing (public reports that crossed the threshold), which may
        /// warn but never hold a withdrawal on its own.
        confirmed: bool,
    },
    /// The destination imitates an address the user recently sent to (same first and
    /// last characters, different address): address poisoning.
    Poisoning {
        /// The genuine counterparty, as shown to people.
        counterparty: String,
    },
    /// The destination imitates an official address of a brand in the registry.
    ImitatesOfficial {
        /// The brand imitated.
        brand: String,
    },
    /// The destination is an official address of a brand in the registry that an
    /// analyst marked compromised (its keys are in someone else's hands) since `since`.
    OfficialCompromised {
        /// The brand whose address it is.
        brand: String,
        /// Since when, Unix seconds.
        since: i64,
    },
    /// The user never sent to this destination before.
    NewDestination,
    /// The user's first withdrawal.
    FirstWithdrawal,
    /// The amount is far above the user's usual.
    LargeAmount {
        /// Amount over the 90-day median, rounded down.
        ratio: u32,
    },
    /// A password, 2FA, device or email change shortly before.
    RecentSecurityChange {
        /// Hours since the change.
        hours: u32,
    },
    /// A young account.
    YoungAccount {
        /// Its age in days.
        days: u32,
    },
}

impl Signal {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Signal::ReportedScam { .. } => "reported_scam",
            Signal::Poisoning { .. } => "address_poisoning",
            Signal::ImitatesOfficial { .. } => "imitates_official",
            Signal::OfficialCompromised { .. } => "official_compromised",
            Signal::NewDestination => "new_destination",
            Signal::FirstWithdrawal => "first_withdrawal",
            Signal::LargeAmount { .. } => "large_amount",
            Signal::RecentSecurityChange { .. } => "recent_security_change",
            Signal::YoungAccount { .. } => "young_account",
        }
    }

    /// Points the signal adds to the score (the score is capped at 100).
    pub fn weight(&self) -> u8 {
        match self {
            Signal::ReportedScam {
                confirmed: true, ..
            } => 100,
            Signal::ReportedScam {
                confirmed: false, ..
            } => 60,
            Signal::Poisoning { .. }
            | Signal::ImitatesOfficial { .. }
            | Signal::OfficialCompromised { .. } => 80,
            Signal::NewDestination => 15,
            Signal::FirstWithdrawal => 10,
            Signal::LargeAmount { .. } => 25,
            Signal::RecentSecurityChange { hours } if *hours < 24 => 45,
            Signal::RecentSecurityChange { .. } => 30,
            Signal::YoungAccount { days } if *days < 7 => 20,
            Signal::YoungAccount { .. } => 10,
        }
    }

    /// A plain-language sentence for the user, in `locale`.
    pub fn detail(&self, locale: Locale) -> String {
        let catalog = Catalog::global();
        let id = format!("campaign-signal-{}", self.code());
        match self {
            Signal::ReportedScam {
                reports,
                confirmed: true,
            } => catalog.message(locale, &id, &[("count", (*reports).into())]),
            Signal::ReportedScam {
                reports,
                confirmed: false,
            } => catalog.message(
                locale,
                "campaign-signal-reported_scam-suspected",
                &[("count", (*reports).into())],
            ),
            Signal::Poisoning { counterparty } => catalog.message(
                locale,
                &id,
                &[("counterparty", counterparty.as_str().into())],
            ),
            Signal::ImitatesOfficial { brand } => {
                catalog.message(locale, &id, &[("brand", brand.as_str().into())])
            }
            Signal::OfficialCompromised { brand, since } => catalog.message(
                locale,
                &id,
                &[
                    ("brand", brand.as_str().into()),
                    ("since", utc_minute(*since).as_str().into()),
                ],
            ),
            Signal::LargeAmount { ratio } => {
                catalog.message(locale, &id, &[("ratio", (*ratio).into())])
            }
            Signal::RecentSecurityChange { hours } => {
                catalog.message(locale, &id, &[("hours", (*hours).into())])
            }
            Signal::YoungAccount { days } => {
                catalog.message(locale, &id, &[("days", (*days).into())])
            }
            Signal::NewDestination | Signal::FirstWithdrawal => catalog.message(locale, &id, &[]),
        }
    }
}

/// The risk of one withdrawal.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    /// The level of the score.
    pub level: RiskLevel,
    /// Sum of the signals' weights, capped at 100.
    pub score: u8,
    /// The signals found, strongest first.
    pub signals: Vec<Signal>,
}

impl Risk {
    /// Builds the risk of a set of signals.
    pub fn of(mut signals: Vec<Signal>) -> Risk {
        signals.sort_by_key(|s| std::cmp::Reverse(s.weight()));
        let sum: u32 = signals.iter().map(|s| u32::from(s.weight())).sum();
        let score = u8::try_from(sum.min(100)).unwrap_or(100);
        Risk {
            level: RiskLevel::of_score(score),
            score,
            signals,
        }
    }

    /// Is the destination reported as a scam? (Its warning is never withheld.)
    pub fn reported_scam(&self) -> bool {
        self.signals
            .iter()
            .any(|s| matches!(s, Signal::ReportedScam { .. }))
    }

    /// The decision for this risk. A `suspected` listing (public reports alone) may
    /// warn but never hold: the hold stands only if the other signals reach it without
    /// it, since a withdrawal held on the word of the public alone would let anyone
    /// who files reports freeze another person's payments.
    pub fn decision(&self) -> Decision {
        let decision = Decision::of(self.level);
        if decision != Decision::Hold {
            return decision;
        }
        let without_suspected: u32 = self
            .signals
            .iter()
            .filter(|s| {
                !matches!(
                    s,
                    Signal::ReportedScam {
                        confirmed: false,
                        ..
                    }
                )
            })
            .map(|s| u32::from(s.weight()))
            .sum();
        let level = RiskLevel::of_score(u8::try_from(without_suspected.min(100)).unwrap_or(100));
        if Decision::of(level) == Decision::Hold {
            Decision::Hold
        } else {
            Decision::Warn
        }
    }

    /// A bit per signal code present, for compact storage (see [`SIGNAL_CODES`]).
    pub fn signal_bits(&self) -> u32 {
        self.signals.iter().fold(0, |bits, s| {
            let i = SIGNAL_CODES
                .iter()
                .position(|c| *c == s.code())
                .unwrap_or(31);
            bits | (1 << i)
        })
    }
}

/// Signal codes in bit order of [`Risk::signal_bits`].
pub const SIGNAL_CODES: [&str; 9] = [
    "reported_scam",
    "address_poisoning",
    "imitates_official",
    "new_destination",
    "first_withdrawal",
    "large_amount",
    "recent_security_change",
    "young_account",
    "official_compromised",
];

/// A time as people read it in a sentence, to the minute: `2026-12-01 08:30 UTC`.
pub fn utc_minute(unix: i64) -> String {
    let d =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

/// What the exchange tells about the user's situation (all optional).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The user never sent to this destination.
    pub new_destination: Option<bool>,
    /// The user's first withdrawal.
    pub first_withdrawal: Option<bool>,
    /// Age of the account in days.
    pub account_age_days: Option<u32>,
    /// Hours since the last password, 2FA, device or email change.
    pub security_change_hours: Option<u32>,
    /// The user's median withdrawal over 90 days, USD.
    pub median_withdrawal_usd_90d: Option<f64>,
    /// Addresses the user recently sent to.
    pub recent_counterparties: Vec<Address>,
}

/// A withdrawal to assess.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawal {
    /// Where the funds go.
    pub destination: Address,
    /// Its value in USD, if known.
    pub amount_usd: Option<f64>,
    /// The user's situation.
    pub context: Context,
}

/// Assesses a withdrawal against the verification index (blocklist and registry) and
/// its context. Pure: the same inputs always give the same risk.
pub fn assess(index: &verify::Index, w: &Withdrawal) -> Risk {
    let mut signals = Vec::new();
    let verification = index.verify_indicator(Indicator::Address(w.destination.clone()));
    match verification.verdict {
        Verdict::ReportedScam => {
            let reports = verification.report.map_or(1, |r| r.report_count.max(1));
            let confirmed = verification
                .report
                .is_some_and(|r| r.severity == blocklist::Severity::Confirmed);
            signals.push(Signal::ReportedScam { reports, confirmed });
        }
        Verdict::Impersonation => {
            if let Some(target) = verification.target {
                signals.push(Signal::ImitatesOfficial {
                    brand: target.brand.to_owned(),
                });
            }
        }
        // The exchange's own address, but no longer in its hands: whatever is sent
        // there is lost, however official it looks.
        Verdict::OfficialCompromised => {
            if let (Some(target), Some(since)) =
                (verification.target, verification.compromised_since)
            {
                signals.push(Signal::OfficialCompromised {
                    brand: target.brand.to_owned(),
                    since,
                });
            }
        }
        _ => {}
    }
    // A reported address can also poison a counterparty: both are said.
    if !verification
        .reasons
        .iter()
        .any(|r| matches!(r, Reason::Official { .. }))
        && let Some((genuine, _)) =
            verify::poisoned(&w.destination, &w.context.recent_counterparties)
    {
        signals.push(Signal::Poisoning {
            counterparty: genuine.display().to_owned(),
        });
    }
    let c = &w.context;
    if c.new_destination == Some(true) {
        signals.push(Signal::NewDestination);
    }
    if c.first_withdrawal == Some(true) {
        signals.push(Signal::FirstWithdrawal);
    }
    if let (Some(amount), Some(median)) = (w.amount_usd, c.median_withdrawal_usd_90d)
        && median > 0.0
        && amount >= LARGE_AMOUNT_MIN_USD
        && amount >= median * LARGE_AMOUNT_RATIO
    {
        // Saturating float-to-int cast: the ratio is at least 5 here.
        let ratio = (amount / median).floor() as u32;
        signals.push(Signal::LargeAmount { ratio });
    }
    if let Some(hours) = c.security_change_hours
        && hours < RECENT_SECURITY_HOURS
    {
        signals.push(Signal::RecentSecurityChange { hours });
    }
    if let Some(days) = c.account_age_days
        && days < YOUNG_ACCOUNT_DAYS
    {
        signals.push(Signal::YoungAccount { days });
    }
    Risk::of(signals)
}

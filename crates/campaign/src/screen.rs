//! One screening's decision, pure: from a checked withdrawal, the user's pseudonym, the
//! active campaigns, an id and the time, the risk, the screening record and the
//! campaigns the user is eligible for ([`plan`]); the store then chooses among those
//! in the transaction that records the screening ([`crate::choose`], atomic per user),
//! and [`shown`] names the alert to show for the stored choice.

use std::sync::Arc;

use i18n::Locale;

use crate::{Campaign, Content, Region, Risk, Screening, UserKey, Variant, Withdrawal};

/// A checked screening request, in the core's types.
#[derive(Debug, Clone)]
pub struct Request {
    /// The user's region.
    pub region: Region,
    /// The user's language.
    pub locale: Locale,
    /// The withdrawal.
    pub withdrawal: Withdrawal,
}

/// Who is screened, under which identifier, when.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The user's pseudonym.
    pub user: UserKey,
    /// The id of the key that made it.
    pub user_key: u16,
    /// The screening's identifier.
    pub id: String,
    /// Now, Unix seconds.
    pub now: i64,
}

/// What a screening decided before its campaign is chosen.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The withdrawal's risk.
    pub risk: Risk,
    /// The record to store (its `campaign` still `None`).
    pub screening: Screening,
    /// The campaigns the user is eligible for, in order of preference.
    pub candidates: Vec<Arc<Campaign>>,
}

/// Assesses the withdrawal against the verification index, finds the eligible
/// campaigns among `active`, and makes the screening record.
pub fn plan(
    index: &verify::Index,
    req: &Request,
    subject: Subject,
    active: &[Arc<Campaign>],
) -> Plan {
    let w = &req.withdrawal;
    let risk = crate::assess(index, w);
    let new_destination = w.context.new_destination == Some(true);
    let candidates = crate::eligible(active, req.region, new_destination, &risk, subject.now)
        .into_iter()
        .cloned()
        .collect();
    let screening = Screening {
        id: subject.id,
        user: subject.user,
        user_key: subject.user_key,
        region: req.region,
        locale: req.locale,
        decision: risk.decision(),
        risk_level: risk.level,
        risk_score: risk.score,
        signals: risk.signal_bits(),
        amount_usd: w.amount_usd,
        campaign: None,
        created_at: subject.now,
    };
    Plan {
        risk,
        screening,
        candidates,
    }
}

/// The alert a stored screening shows.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    /// The campaign.
    pub campaign: &'a Campaign,
    /// The variant.
    pub variant: &'a Variant,
    /// The locale of `content` (English when the user's is missing).
    pub locale: Locale,
    /// What to show.
    pub content: &'a Content,
}

/// The alert of `stored` (the screening as the store recorded it, with its chosen
/// campaign), looked up among `campaigns`; `None` when nothing is shown.
pub fn shown<'a>(
    campaigns: &'a [Arc<Campaign>],
    stored: &Screening,
    locale: Locale,
) -> Option<Shown<'a>> {
    let cs = stored.campaign.as_ref().filter(|cs| cs.shown)?;
    let campaign = campaigns.iter().find(|c| c.id == cs.campaign_id)?;
    let variant = campaign.spec.variant(&cs.variant)?;
    let (locale, content) = variant.content_for(locale)?;
    Some(Shown {
        campaign,
        variant,
        locale,
        content,
    })
}

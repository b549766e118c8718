//! The friction ladder of screenings (issue 14): the step a screening got beyond its
//! alert (`confirm`, `hold`), the answers to its questionnaire, its release or
//! cancellation, and the trusted contact's pseudonym and consent; written once for
//! both engines. Only screenings whose variant has a ladder and whose risk reaches it
//! have a row: the common screening path writes nothing here.

use campaign::friction::{AnswerRisk, Step};
use campaign::{UserKey, VariantUsers};

use crate::StoreError;
use crate::campaigns::ScreeningDraft;
use crate::engine::{EngineStore, query};

/// Where a screening's friction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrictionState {
    /// Asked (confirm) or held (hold), not yet closed.
    Open,
    /// Released by the integrator at or after `release_at`.
    Released,
    /// Cancelled by the user.
    Cancelled,
}

impl FrictionState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FrictionState::Open => "open",
            FrictionState::Released => "released",
            FrictionState::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<FrictionState> {
        [
            FrictionState::Open,
            FrictionState::Released,
            FrictionState::Cancelled,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// The trusted contact the user named, as stored: a pseudonym and the consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedContact {
    /// HMAC-SHA256 of the exchange's id of the contact under the user key `key_id`.
    pub pseudonym: UserKey,
    /// The key's id.
    pub key_id: u16,
    /// The user consented to the contact being told.
    pub consent: bool,
}

/// A screening's friction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Friction {
    /// The screening.
    pub screening_id: String,
    /// Its campaign.
    pub campaign_id: i64,
    /// The variant whose ladder applies.
    pub variant: String,
    /// The user's pseudonym.
    pub user: UserKey,
    /// The locale of the screening's content.
    pub locale: String,
    /// The step now.
    pub step: Step,
    /// Open, released or cancelled.
    pub state: FrictionState,
    /// The risk score now (the answers may raise it).
    pub risk_score: u8,
    /// The ladder's hold length.
    pub hold_hours: u32,
    /// When the hold started, Unix seconds.
    pub held_at: Option<i64>,
    /// When the integrator may release it, Unix seconds.
    pub release_at: Option<i64>,
    /// The trusted contact, if the user named one.
    pub contact: Option<TrustedContact>,
    /// Whether the exchange sent the contact the notification, once it says.
    pub contact_notified: Option<bool>,
    /// When the step started.
    pub created_at: i64,
    /// When it was released or cancelled.
    pub closed_at: Option<i64>,
}

impl Friction {
    /// The friction row a screening just chosen starts, if its campaign's variant has
    /// a ladder its risk reaches ([`campaign::friction::start`]). The screening
    /// writers of both engines call it in the screening's transaction.
    pub(crate) fn started(draft: &ScreeningDraft) -> Option<Friction> {
        let s = &draft.screening;
        let chosen = s.campaign.as_ref()?;
        let campaign = draft
            .candidates
            .iter()
            .find(|c| c.id == chosen.campaign_id)?;
        let start = campaign::friction::start(campaign, chosen, &draft.risk, s.created_at)?;
        Some(Friction {
            screening_id: s.id.clone(),
            campaign_id: chosen.campaign_id,
            variant: chosen.variant.clone(),
            user: s.user,
            locale: s.locale.as_str().to_owned(),
            step: start.step,
            state: FrictionState::Open,
            risk_score: draft.risk.score,
            hold_hours: start.hold_hours,
            held_at: start.held_at,
            release_at: start.release_at,
            contact: draft.contact,
            contact_notified: None,
            created_at: s.created_at,
            closed_at: None,
        })
    }
}

/// Inserts a friction row; the same text on both engines and on SQLite's screening
/// writer (rusqlite numbers `$1`…`$17` by their order of appearance), bound by
/// [`FrictionColumns`].
pub(crate) const INSERT: &str = "INSERT INTO screening_friction (screening_id, campaign_id, \
     variant, user_hash, locale, step, state, risk_score, hold_hours, held_at, release_at, \
     contact_hash, contact_key, contact_consent, contact_notified, created_at, closed_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
     ON CONFLICT (screening_id) DO NOTHING";

/// A friction row's columns as stored, in [`INSERT`]'s order.
pub(crate) struct FrictionColumns<'a> {
    pub screening_id: &'a str,
    pub campaign_id: i64,
    pub variant: &'a str,
    pub user_hash: &'a [u8],
    pub locale: &'a str,
    pub step: &'static str,
    pub state: &'static str,
    pub risk_score: i64,
    pub hold_hours: i64,
    pub held_at: Option<i64>,
    pub release_at: Option<i64>,
    pub contact_hash: Option<&'a [u8]>,
    pub contact_key: Option<i32>,
    pub contact_consent: i64,
    pub contact_notified: Option<i64>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

impl Friction {
    /// Its columns as stored.
    pub(crate) fn columns(&self) -> FrictionColumns<'_> {
        FrictionColumns {
            screening_id: &self.screening_id,
            campaign_id: self.campaign_id,
            variant: &self.variant,
            user_hash: &self.user,
            locale: &self.locale,
            step: self.step.as_str(),
            state: self.state.as_str(),
            risk_score: i64::from(self.risk_score),
            hold_hours: i64::from(self.hold_hours),
            held_at: self.held_at,
            release_at: self.release_at,
            contact_hash: self.contact.as_ref().map(|c| &c.pseudonym[..]),
            contact_key: self.contact.map(|c| i32::from(c.key_id)),
            contact_consent: i64::from(self.contact.is_some_and(|c| c.consent)),
            contact_notified: self.contact_notified.map(i64::from),
            created_at: self.created_at,
            closed_at: self.closed_at,
        }
    }
}

/// One answer to a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
    /// Its risk.
    pub risk: AnswerRisk,
}

/// What the answers change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The answers.
    pub answers: Vec<StoredAnswer>,
    /// The risk score after them.
    pub risk_score: u8,
    /// The step after them.
    pub step: Step,
    /// When (an escalation to `hold` starts the hold then).
    pub at: i64,
}

/// The friction of screenings.
#[async_trait::async_trait]
pub trait FrictionStore: Send + Sync {
    /// Records a screening's step (the screening must be stored). Durable when it
    /// returns; [`StoreError::Conflict`] if the screening has one already.
    async fn start_friction(&self, friction: &Friction) -> Result<(), StoreError>;

    /// A screening's friction and its answers, if it has one.
    async fn get_friction(
        &self,
        screening_id: &str,
    ) -> Result<Option<(Friction, Vec<StoredAnswer>)>, StoreError>;

    /// Records answers (an answer given again replaces the earlier one) and the risk
    /// and step they lead to, in one transaction; an escalation to `hold` starts the
    /// hold at `at` for the ladder's `hold_hours`. [`StoreError::NotFound`] without a
    /// friction, [`StoreError::Conflict`] if it is no longer open.
    async fn answer_friction(
        &self,
        screening_id: &str,
        answered: &Answered,
    ) -> Result<Friction, StoreError>;

    /// Releases an open hold whose `release_at` is at or before `now`; returns the
    /// friction as it is after (unchanged if it could not be released: the caller
    /// reads why). [`StoreError::NotFound`] without a friction.
    async fn release_friction(&self, screening_id: &str, now: i64) -> Result<Friction, StoreError>;

    /// Marks an open friction cancelled by the user (nothing for another screening);
    /// whether one was.
    async fn cancel_friction(&self, screening_id: &str, now: i64) -> Result<bool, StoreError>;

    /// Records whether the trusted contact was notified. [`StoreError::NotFound`]
    /// without a friction.
    async fn contact_notified(
        &self,
        screening_id: &str,
        sent: bool,
    ) -> Result<Friction, StoreError>;

    /// A campaign's exposed users by the variant of their first eligible screening
    /// ([`campaign::ladder`]), and the released holds of the users who never reported
    /// a scam: (first variant, delay in seconds).
    async fn friction_users(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<VariantUsers>, Vec<(String, i64)>), StoreError>;
}

/// Columns of a `screening_friction` row after `screening_id`.
type Row = (
    i64,
    String,
    Vec<u8>,
    String,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<Vec<u8>>,
    Option<i32>,
    i64,
    Option<i64>,
    i64,
    Option<i64>,
);

const SELECT: &str = "SELECT campaign_id, variant, user_hash, locale, step, state, risk_score, \
     hold_hours, held_at, release_at, contact_hash, contact_key, contact_consent, \
     contact_notified, created_at, closed_at FROM screening_friction WHERE screening_id = $1";

fn from_row(screening_id: &str, row: Row) -> Result<Friction, StoreError> {
    let corrupt = || {
        StoreError::Corrupt(format!(
            "screening_friction {screening_id}: a malformed row"
        ))
    };
    let (
        campaign_id,
        variant,
        user,
        locale,
        step,
        state,
        risk_score,
        hold_hours,
        held_at,
        release_at,
        contact_hash,
        contact_key,
        consent,
        notified,
        created_at,
        closed_at,
    ) = row;
    let contact = match (contact_hash, contact_key) {
        (Some(h), Some(k)) => Some(TrustedContact {
            pseudonym: h.as_slice().try_into().map_err(|_| corrupt())?,
            key_id: u16::try_from(k).map_err(|_| corrupt())?,
            consent: consent != 0,
        }),
        _ => None,
    };
    Ok(Friction {
        screening_id: screening_id.to_owned(),
        campaign_id,
        variant,
        user: user.as_slice().try_into().map_err(|_| corrupt())?,
        locale,
        step: Step::parse(&step).ok_or_else(corrupt)?,
        state: FrictionState::parse(&state).ok_or_else(corrupt)?,
        risk_score: u8::try_from(risk_score).map_err(|_| corrupt())?,
        hold_hours: u32::try_from(hold_hours).map_err(|_| corrupt())?,
        held_at,
        release_at,
        contact,
        contact_notified: notified.map(|n| n != 0),
        created_at,
        closed_at,
    })
}

async fn read<S: EngineStore>(
    pool: &sqlx::Pool<S::Engine>,
    screening_id: &str,
) -> Result<Option<Friction>, StoreError> {
    let row: Option<Row> = query::<S::Engine>(SELECT)
        .bind(screening_id)
        .fetch_optional(pool)
        .await?;
    row.map(|r| from_row(screening_id, r)).transpose()
}

#[async_trait::async_trait]
impl<S: EngineStore> FrictionStore for S {
    async fn start_friction(&self, f: &Friction) -> Result<(), StoreError> {
        let c = f.columns();
        let done = query::<S::Engine>(INSERT)
            .bind(c.screening_id)
            .bind(c.campaign_id)
            .bind(c.variant)
            .bind(c.user_hash)
            .bind(c.locale)
            .bind(c.step)
            .bind(c.state)
            .bind(c.risk_score)
            .bind(c.hold_hours)
            .bind(c.held_at)
            .bind(c.release_at)
            .bind(c.contact_hash)
            .bind(c.contact_key)
            .bind(c.contact_consent)
            .bind(c.contact_notified)
            .bind(c.created_at)
            .bind(c.closed_at)
            .execute(self.write_pool())
            .await?;
        if done == 0 {
            return Err(StoreError::Conflict(format!(
                "screening {} has a friction step already",
                f.screening_id
            )));
        }
        Ok(())
    }

    async fn get_friction(
        &self,
        screening_id: &str,
    ) -> Result<Option<(Friction, Vec<StoredAnswer>)>, StoreError> {
        let Some(f) = read::<S>(self.read_pool(), screening_id).await? else {
            return Ok(None);
        };
        let rows: Vec<(String, String, String)> = query::<S::Engine>(
            "SELECT question, answer, risk FROM screening_answers \
             WHERE screening_id = $1 ORDER BY question",
        )
        .bind(screening_id)
        .fetch_all(self.read_pool())
        .await?;
        let answers = rows
            .into_iter()
            .map(|(question, answer, risk)| {
                Ok(StoredAnswer {
                    question,
                    answer,
                    risk: AnswerRisk::parse(&risk).ok_or_else(|| {
                        StoreError::Corrupt(format!(
                            "screening_answers {screening_id}: a malformed risk"
                        ))
                    })?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some((f, answers)))
    }

    async fn answer_friction(
        &self,
        screening_id: &str,
        a: &Answered,
    ) -> Result<Friction, StoreError> {
        let mut tx = self.begin_write().await?;
        let state: Option<String> =
            query::<S::Engine>("SELECT state FROM screening_friction WHERE screening_id = $1")
                .bind(screening_id)
                .scalar_optional(&mut *tx)
                .await?;
        match state.as_deref() {
            None => return Err(StoreError::NotFound),
            Some("open") => {}
            Some(s) => {
                return Err(StoreError::Conflict(format!(
                    "screening {screening_id} is {s}: its answers can no longer change"
                )));
            }
        }
        for answer in &a.answers {
            query::<S::Engine>(
                "INSERT INTO screening_answers (screening_id, question, answer, risk, \
                 answered_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (screening_id, question) DO UPDATE SET \
                 answer = excluded.answer, risk = excluded.risk, \
                 answered_at = excluded.answered_at",
            )
            .bind(screening_id)
            .bind(answer.question.as_str())
            .bind(answer.answer.as_str())
            .bind(answer.risk.as_str())
            .bind(a.at)
            .execute(&mut *tx)
            .await?;
        }
        query::<S::Engine>(
            "UPDATE screening_friction SET risk_score = $2, step = $3, \
             held_at = CASE WHEN $3 = 'hold' THEN COALESCE(held_at, $4) ELSE held_at END, \
             release_at = CASE WHEN $3 = 'hold' \
                 THEN COALESCE(release_at, $4 + hold_hours * 3600) ELSE release_at END \
             WHERE screening_id = $1",
        )
        .bind(screening_id)
        .bind(i64::from(a.risk_score))
        .bind(a.step.as_str())
        .bind(a.at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        read::<S>(self.write_pool(), screening_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn release_friction(&self, screening_id: &str, now: i64) -> Result<Friction, StoreError> {
        query::<S::Engine>(
            "UPDATE screening_friction SET state = 'released', closed_at = $2 \
             WHERE screening_id = $1 AND state = 'open' AND step = 'hold' \
             AND release_at <= $2",
        )
        .bind(screening_id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        read::<S>(self.write_pool(), screening_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn cancel_friction(&self, screening_id: &str, now: i64) -> Result<bool, StoreError> {
        let n = query::<S::Engine>(
            "UPDATE screening_friction SET state = 'cancelled', closed_at = $2 \
             WHERE screening_id = $1 AND state = 'open'",
        )
        .bind(screening_id)
        .bind(now)
        .execute(self.write_pool())
        .await?;
        Ok(n > 0)
    }

    async fn contact_notified(
        &self,
        screening_id: &str,
        sent: bool,
    ) -> Result<Friction, StoreError> {
        query::<S::Engine>(
            "UPDATE screening_friction SET contact_notified = $2 WHERE screening_id = $1",
        )
        .bind(screening_id)
        .bind(i64::from(sent))
        .execute(self.write_pool())
        .await?;
        read::<S>(self.write_pool(), screening_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn friction_users(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<VariantUsers>, Vec<(String, i64)>), StoreError> {
        // Each exposed user with the variant of their first eligible screening (the
        // earliest by time, then id: ids start with the time), and whether they
        // reported a scam at or after it.
        const FIRSTS: &str = "WITH firsts AS (SELECT u.user_hash, \
             (SELECT s.variant FROM screenings AS s WHERE s.user_hash = u.user_hash \
              AND s.campaign_id = u.campaign_id AND s.arm IS NOT NULL \
              ORDER BY s.created_at, s.id LIMIT 1) AS variant, \
             EXISTS (SELECT 1 FROM user_scam_reports AS r WHERE r.user_hash = u.user_hash \
              AND r.reported_at >= u.first_at) AS reported \
             FROM campaign_users AS u WHERE u.campaign_id = $1 AND u.arm = 0) ";
        let rows: Vec<(Option<String>, i64, i64, i64)> =
            query::<S::Engine>(sqlx::AssertSqlSafe(format!(
                "{FIRSTS}SELECT variant, count(*), count(*) FILTER (WHERE reported), \
                 count(*) FILTER (WHERE NOT reported AND EXISTS (SELECT 1 \
                 FROM screening_friction AS f WHERE f.campaign_id = $1 \
                 AND f.user_hash = firsts.user_hash AND f.held_at IS NOT NULL)) \
                 FROM firsts GROUP BY variant ORDER BY variant"
            )))
            .bind(campaign_id)
            .fetch_all(self.read_pool())
            .await?;
        let delays: Vec<(Option<String>, i64)> = query::<S::Engine>(sqlx::AssertSqlSafe(format!(
            "{FIRSTS}SELECT firsts.variant, f.closed_at - f.held_at FROM firsts \
                 JOIN screening_friction AS f ON f.campaign_id = $1 \
                 AND f.user_hash = firsts.user_hash \
                 WHERE NOT firsts.reported AND f.state = 'released' \
                 AND f.held_at IS NOT NULL AND f.closed_at IS NOT NULL"
        )))
        .bind(campaign_id)
        .fetch_all(self.read_pool())
        .await?;
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        Ok((
            rows.into_iter()
                .map(|(variant, users, reported, delayed)| VariantUsers {
                    variant: variant.unwrap_or_default(),
                    users: n(users),
                    later_reported: n(reported),
                    delayed_unreported: n(delayed),
                })
                .collect(),
            delays
                .into_iter()
                .map(|(v, d)| (v.unwrap_or_default(), d))
                .collect(),
        ))
    }
}

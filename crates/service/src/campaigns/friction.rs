//! The friction ladder (issue 14): the step a screening gets beyond its alert
//! (`confirm`: the purpose-of-withdrawal questionnaire; `hold`: a cooling-off hold),
//! the answers that re-assess its risk, the integrator's release after `release_at`,
//! the user's cancellation (the `cancelled` outcome), and the trusted contact's
//! notification. The decisions are the pure `campaign::friction`'s; every step, answer,
//! release and notification is stored before the answer is sent.

use campaign::friction::{AnswerRisk, Step};
use campaign::{Campaign, Decision, RiskLevel, Variant};
use i18n::Locale;
use store::friction::{Answered, Friction, FrictionState, StoredAnswer, TrustedContact};
use store::{Role, StoreError};
use wire::friction as w;

use super::invalid_input;
use crate::{Error, Principal, Result, Service};

/// The longest screening id looked up.
const MAX_ID_BYTES: usize = 64;

fn no_friction(id: &str) -> Error {
    Error::NotFound(format!("no screening {id} with a friction step"))
}

fn not_found(id: &str) -> impl Fn(StoreError) -> Error + '_ {
    move |e| match e {
        StoreError::NotFound => no_friction(id),
        e => Error::from(e),
    }
}

impl Service {
    /// The trusted contact the user named, as stored: a pseudonym under the current
    /// user key, with the consent.
    pub(crate) fn trusted_contact(&self, c: &w::TrustedContactRequest) -> TrustedContact {
        let secrets = self.secrets();
        let key = secrets.ring(secrets::Purpose::User).current();
        TrustedContact {
            pseudonym: campaign::pseudonymize(key.secret(), &c.id),
            key_id: key.id(),
            consent: c.consent,
        }
    }

    /// Records the answers to a screening's questionnaire and returns its decision now:
    /// an answer that matches a scam script raises the risk and, when the ladder holds,
    /// escalates to a hold from now.
    pub async fn answer_screening(
        &self,
        by: &Principal,
        screening_id: &str,
        req: &w::AnswersRequest,
    ) -> Result<w::FrictionResponse> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let max = campaign::friction::MAX_QUESTIONS;
        if req.answers.len() > max {
            return Err(invalid_input(format!(
                "`answers` has {} items; the limit is {max}",
                req.answers.len()
            )));
        }
        let (f, _) = self.friction_of(screening_id).await?;
        if f.state != FrictionState::Open {
            return Err(closed(&f));
        }
        let c = self.campaign_of(&f).await?;
        let variant = c.spec.variant(&f.variant);
        let (Some(variant), Some(ladder)) = (variant, variant.and_then(|v| v.friction.as_ref()))
        else {
            return Err(Error::Conflict(format!(
                "the campaign of screening {screening_id} no longer asks questions"
            )));
        };
        let locale = locale_of(&f);
        let questionnaire = variant
            .content_for(locale)
            .map(|(_, c)| c.questionnaire.as_slice())
            .unwrap_or_default();
        if questionnaire.is_empty() {
            return Err(Error::Conflict(format!(
                "screening {screening_id} has no questionnaire"
            )));
        }
        let given: Vec<(String, String)> = req
            .answers
            .iter()
            .map(|a| (a.question.clone(), a.answer.clone()))
            .collect();
        let r = campaign::friction::reassess(ladder, questionnaire, f.step, f.risk_score, &given)
            .map_err(invalid_input)?;
        let answered = Answered {
            answers: r
                .answers
                .iter()
                .map(|g| StoredAnswer {
                    question: g.question.clone(),
                    answer: g.answer.clone(),
                    risk: g.risk,
                })
                .collect(),
            risk_score: r.score,
            step: r.step,
            at: self.now(),
        };
        let after = self
            .store
            .friction()
            .answer_friction(screening_id, &answered)
            .await
            .map_err(not_found(screening_id))?;
        Ok(response(&after, Some(variant), &answered.answers))
    }

    /// Releases a held screening once its `release_at` has passed (idempotent): a
    /// conflict before then, or when the user cancelled it.
    pub async fn release_screening(
        &self,
        by: &Principal,
        screening_id: &str,
    ) -> Result<w::FrictionResponse> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let (f, answers) = self.friction_of(screening_id).await?;
        let f = match (f.step, f.state) {
            (Step::Confirm, _) => {
                return Err(Error::Conflict(format!(
                    "screening {screening_id} is not held: there is nothing to release"
                )));
            }
            (Step::Hold, FrictionState::Released) => f,
            (Step::Hold, FrictionState::Cancelled) => return Err(closed(&f)),
            (Step::Hold, FrictionState::Open) => {
                let now = self.now();
                if let Some(at) = f.release_at.filter(|at| now < *at) {
                    return Err(Error::Conflict(format!(
                        "screening {screening_id} is held until {}: it cannot be released \
                         before then",
                        wire::rfc3339(at)
                    )));
                }
                let after = self
                    .store
                    .friction()
                    .release_friction(screening_id, now)
                    .await
                    .map_err(not_found(screening_id))?;
                if after.state != FrictionState::Released {
                    return Err(closed(&after));
                }
                after
            }
        };
        let c = self.campaign_of(&f).await.ok();
        let variant = c.as_ref().and_then(|c| c.spec.variant(&f.variant));
        Ok(response(&f, variant, &answers))
    }

    /// Records whether the exchange sent the trusted contact the hold's notification.
    pub async fn record_contact_notified(
        &self,
        by: &Principal,
        screening_id: &str,
        req: &w::ContactNotifiedRequest,
    ) -> Result<w::FrictionResponse> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let (f, answers) = self.friction_of(screening_id).await?;
        if !f.contact.is_some_and(|c| c.consent) || f.step != Step::Hold {
            return Err(Error::Conflict(format!(
                "screening {screening_id} has no notification for a trusted contact"
            )));
        }
        let after = self
            .store
            .friction()
            .contact_notified(screening_id, req.sent)
            .await
            .map_err(not_found(screening_id))?;
        let c = self.campaign_of(&after).await.ok();
        let variant = c.as_ref().and_then(|c| c.spec.variant(&after.variant));
        Ok(response(&after, variant, &answers))
    }

    /// Marks the screening's open friction cancelled (the user's `cancelled` outcome).
    pub(crate) async fn cancel_friction(&self, screening_id: &str) -> Result<()> {
        self.store
            .friction()
            .cancel_friction(screening_id, self.now())
            .await?;
        Ok(())
    }

    async fn friction_of(&self, screening_id: &str) -> Result<(Friction, Vec<StoredAnswer>)> {
        if screening_id.is_empty() || screening_id.len() > MAX_ID_BYTES {
            return Err(no_friction(screening_id));
        }
        self.store
            .friction()
            .get_friction(screening_id)
            .await?
            .ok_or_else(|| no_friction(screening_id))
    }

    /// The friction's campaign: from the cache of active campaigns, else the store.
    async fn campaign_of(&self, f: &Friction) -> Result<Campaign> {
        let cached = self.active_campaigns().await?;
        if let Some(c) = cached.active.iter().find(|c| c.id == f.campaign_id) {
            return Ok(Campaign::clone(c));
        }
        self.store
            .campaigns()
            .get_campaign(f.campaign_id)
            .await?
            .ok_or_else(|| Error::NotFound(format!("no campaign {}", f.campaign_id)))
    }
}

fn closed(f: &Friction) -> Error {
    Error::Conflict(format!(
        "screening {} was {} already",
        f.screening_id,
        f.state.as_str()
    ))
}

fn locale_of(f: &Friction) -> Locale {
    Locale::parse(&f.locale).unwrap_or(Locale::En)
}

/// The view of a friction; `answers` are those given so far (the questionnaire is
/// shown until they are).
pub(super) fn view(
    f: &Friction,
    variant: Option<&Variant>,
    answers: &[StoredAnswer],
) -> w::FrictionView {
    let locale = locale_of(f);
    let content = variant.and_then(|v| v.content_for(locale)).map(|(_, c)| c);
    let held = f.step == Step::Hold;
    let escalated = answers.iter().any(|a| a.risk == AnswerRisk::High);
    w::FrictionView {
        step: f.step,
        state: f.state.as_str(),
        questionnaire: match content {
            Some(c) if f.step == Step::Confirm && answers.is_empty() => {
                c.questionnaire.iter().map(w::QuestionView::from).collect()
            }
            _ => Vec::new(),
        },
        escalation: content.and_then(|c| c.escalation.clone()),
        reason: held.then(|| w::hold_reason(locale, f.hold_hours, escalated)),
        release_at: f.release_at.filter(|_| held).map(wire::rfc3339),
        notification: (held && f.contact.is_some_and(|c| c.consent))
            .then(|| w::contact_notification(locale, f.hold_hours)),
        contact_notified: f.contact_notified,
    }
}

fn response(
    f: &Friction,
    variant: Option<&Variant>,
    answers: &[StoredAnswer],
) -> w::FrictionResponse {
    let level = if f.step == Step::Hold {
        RiskLevel::Critical
    } else {
        RiskLevel::of_score(f.risk_score)
    };
    let decision = match (f.state, f.step) {
        (FrictionState::Released, _) => Decision::Allow,
        (FrictionState::Cancelled, _) | (FrictionState::Open, Step::Hold) => Decision::Hold,
        (FrictionState::Open, Step::Confirm) => Decision::of(level),
    };
    w::FrictionResponse {
        screening_id: f.screening_id.clone(),
        decision,
        risk: w::ReassessedRisk {
            level,
            score: f.risk_score,
        },
        friction: view(f, variant, answers),
    }
}

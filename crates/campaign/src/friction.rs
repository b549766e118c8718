//! The friction ladder (issue 14): beyond the alert, a campaign variant may ask a
//! purpose-of-withdrawal questionnaire (`confirm`) and hold the withdrawal for a
//! cooling-off period (`hold`). Which step a screening gets is decided by the variant
//! (so each step is randomized against the variants without friction, the alert-only
//! arm) and by the risk ([`step`]); the answers re-assess the risk and may escalate a
//! `confirm` to a `hold` ([`reassess`]). Pure: times are passed in.
//!
//! In a variant: `"friction": {"steps": ["confirm", "hold"], "hold_hours": 24,
//! "confirm_from": "medium"}`; in each locale's content: `"questionnaire": [{"id",
//! "question", "answers": [{"id", "text", "risk": "none|low|high"}]}]` and
//! `"escalation"` (who to call: the hotline or support).

use serde::Serialize;

use crate::model::SpecError;
use crate::risk::{Decision, RiskLevel};

/// Fewest and most hours of a hold.
pub const HOLD_HOURS: std::ops::RangeInclusive<u32> = 1..=168;
/// Hold length when `hold_hours` is absent.
pub const DEFAULT_HOLD_HOURS: u32 = 24;
/// Most questions in a questionnaire.
pub const MAX_QUESTIONS: usize = 10;
/// Most answers to one question.
pub const MAX_ANSWERS: usize = 10;
/// Longest question or answer id, in bytes (`[a-z0-9_-]`).
pub const MAX_ID_BYTES: usize = 64;
/// Points an answer of [`AnswerRisk::Low`] adds to the score.
pub const LOW_ANSWER_POINTS: u8 = 10;
/// Points an answer of [`AnswerRisk::High`] adds: a scam script's answer alone makes
/// the risk at least high.
pub const HIGH_ANSWER_POINTS: u8 = 60;

/// One step of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A purpose-of-withdrawal questionnaire before the withdrawal goes ahead.
    Confirm,
    /// A cooling-off hold until `release_at`; the user may cancel at any time.
    Hold,
}

impl Step {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Confirm => "confirm",
            Step::Hold => "hold",
        }
    }

    /// Parses [`Step::as_str`].
    pub fn parse(s: &str) -> Option<Step> {
        [Step::Confirm, Step::Hold]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A variant's ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Friction {
    /// The steps it may take (at least one, each once).
    pub steps: Vec<Step>,
    /// Length of a hold, in hours ([`HOLD_HOURS`]).
    pub hold_hours: u32,
    /// The lowest risk that is asked the questionnaire (default medium).
    pub confirm_from: RiskLevel,
}

impl Friction {
    /// Does the ladder have this step?
    pub fn has(&self, step: Step) -> bool {
        self.steps.contains(&step)
    }

    /// The highest step: what the variant is measured as.
    pub fn top(&self) -> Option<Step> {
        self.steps.iter().copied().max()
    }

    /// The hold's length in seconds.
    pub fn hold_seconds(&self) -> i64 {
        i64::from(self.hold_hours) * 3_600
    }
}

/// How strongly an answer matches a scam script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerRisk {
    /// An ordinary purpose.
    None,
    /// Somewhat unusual.
    Low,
    /// What a scam script makes people say (an "investment mentor", "the police").
    High,
}

impl AnswerRisk {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerRisk::None => "none",
            AnswerRisk::Low => "low",
            AnswerRisk::High => "high",
        }
    }

    /// Parses [`AnswerRisk::as_str`].
    pub fn parse(s: &str) -> Option<AnswerRisk> {
        [AnswerRisk::None, AnswerRisk::Low, AnswerRisk::High]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// Points added to the risk score.
    pub fn points(self) -> u8 {
        match self {
            AnswerRisk::None => 0,
            AnswerRisk::Low => LOW_ANSWER_POINTS,
            AnswerRisk::High => HIGH_ANSWER_POINTS,
        }
    }
}

/// One possible answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// Stable id, the same in every locale.
    pub id: String,
    /// The text shown.
    pub text: String,
    /// How strongly it matches a scam script.
    pub risk: AnswerRisk,
}

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable id, the same in every locale.
    pub id: String,
    /// The question.
    pub question: String,
    /// Its answers (at least two).
    pub answers: Vec<Answer>,
}

/// The step a screening gets: none without a ladder or when the alert is not shown;
/// `hold` when the ladder holds and the risk decides a hold (critical, not on a
/// suspected listing alone); `confirm` when the ladder confirms and the risk is at
/// least `confirm_from`.
pub fn step(
    friction: Option<&Friction>,
    shown: bool,
    decision: Decision,
    level: RiskLevel,
) -> Option<Step> {
    let f = friction.filter(|_| shown)?;
    if f.has(Step::Hold) && decision == Decision::Hold {
        Some(Step::Hold)
    } else if f.has(Step::Confirm) && level >= f.confirm_from && level > RiskLevel::None {
        Some(Step::Confirm)
    } else {
        None
    }
}

/// What a screening starts when its step is decided: the step and, for a hold, its
/// window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// The step.
    pub step: Step,
    /// The ladder's hold length, in hours.
    pub hold_hours: u32,
    /// When the hold started (a hold only), Unix seconds.
    pub held_at: Option<i64>,
    /// When the integrator may release it (a hold only), Unix seconds.
    pub release_at: Option<i64>,
}

/// The step a screening stored at `at` gets from the campaign the store chose for it
/// (its variant's ladder, whether the alert is shown, the withdrawal's risk): `None`
/// when it gets none ([`step`]). The store calls it in the screening's own
/// transaction, so the step is as durable as the screening it belongs to.
pub fn start(
    campaign: &crate::Campaign,
    chosen: &crate::CampaignScreening,
    risk: &crate::Risk,
    at: i64,
) -> Option<Start> {
    let ladder = campaign.spec.variant(&chosen.variant)?.friction.as_ref()?;
    let step = step(Some(ladder), chosen.shown, risk.decision(), risk.level)?;
    let held = step == Step::Hold;
    Some(Start {
        step,
        hold_hours: ladder.hold_hours,
        held_at: held.then_some(at),
        release_at: held.then(|| at + ladder.hold_seconds()),
    })
}

/// One answer given, checked against the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
    /// Its risk.
    pub risk: AnswerRisk,
}

/// The risk after the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassessed {
    /// The answers, checked.
    pub answers: Vec<Given>,
    /// The new score (the screening's plus the answers' points, capped at 100).
    pub score: u8,
    /// Its level.
    pub level: RiskLevel,
    /// The step now: `hold` when an answer matches a scam script and the ladder holds.
    pub step: Step,
}

/// Checks `answers` (question id, answer id) against `questionnaire` and re-assesses
/// the risk from `score` and the current `current` step. Every question must be
/// answered once; the error is a sentence naming the faulty answer.
pub fn reassess(
    friction: &Friction,
    questionnaire: &[Question],
    current: Step,
    score: u8,
    answers: &[(String, String)],
) -> Result<Reassessed, String> {
    let mut given = Vec::with_capacity(answers.len());
    for (i, (q, a)) in answers.iter().enumerate() {
        let question = questionnaire
            .iter()
            .find(|x| x.id == *q)
            .ok_or_else(|| format!("`answers[{i}].question`: no question {q:?}"))?;
        if answers[..i].iter().any(|(p, _)| p == q) {
            return Err(format!("`answers[{i}].question`: {q:?} is answered twice"));
        }
        let answer = question
            .answers
            .iter()
            .find(|x| x.id == *a)
            .ok_or_else(|| format!("`answers[{i}].answer`: {a:?} is not an answer to {q:?}"))?;
        given.push(Given {
            question: q.clone(),
            answer: a.clone(),
            risk: answer.risk,
        });
    }
    if let Some(missing) = questionnaire
        .iter()
        .find(|x| !given.iter().any(|g| g.question == x.id))
    {
        return Err(format!(
            "`answers`: question {:?} is not answered",
            missing.id
        ));
    }
    let points: u32 = given.iter().map(|g| u32::from(g.risk.points())).sum();
    let score = u8::try_from((u32::from(score) + points).min(100)).unwrap_or(100);
    let scam_script = given.iter().any(|g| g.risk == AnswerRisk::High);
    let step = if current == Step::Hold || (scam_script && friction.has(Step::Hold)) {
        Step::Hold
    } else {
        Step::Confirm
    };
    let level = if step == Step::Hold && current != Step::Hold {
        // An escalation holds: the risk is critical.
        RiskLevel::of_score(score).max(RiskLevel::Critical)
    } else {
        RiskLevel::of_score(score)
    };
    Ok(Reassessed {
        answers: given,
        score,
        level,
        step,
    })
}

// Validation of the raw shapes (called from `model`).

fn err(path: impl Into<String>, message: impl Into<String>) -> SpecError {
    SpecError {
        path: path.into(),
        message: message.into(),
    }
}

/// The raw `friction` of a variant.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFriction {
    steps: Vec<String>,
    hold_hours: Option<i64>,
    confirm_from: Option<String>,
}

/// The raw question of a questionnaire.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    id: String,
    question: String,
    answers: Vec<RawAnswer>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnswer {
    id: String,
    text: String,
    risk: String,
}

pub(crate) fn friction(raw: RawFriction, path: &str) -> Result<Friction, SpecError> {
    if raw.steps.is_empty() {
        return Err(err(
            format!("{path}.steps"),
            "needs at least one step: confirm, hold",
        ));
    }
    let mut steps = Vec::new();
    for (i, s) in raw.steps.iter().enumerate() {
        let step = Step::parse(s.trim())
            .ok_or_else(|| err(format!("{path}.steps[{i}]"), "must be confirm or hold"))?;
        if steps.contains(&step) {
            return Err(err(
                format!("{path}.steps[{i}]"),
                format!("{:?} is listed twice", step.as_str()),
            ));
        }
        steps.push(step);
    }
    steps.sort();
    let hold_hours = match raw.hold_hours {
        None => DEFAULT_HOLD_HOURS,
        Some(h) => u32::try_from(h)
            .ok()
            .filter(|h| HOLD_HOURS.contains(h))
            .ok_or_else(|| {
                err(
                    format!("{path}.hold_hours"),
                    format!(
                        "must be a whole number of hours from {} to {}",
                        HOLD_HOURS.start(),
                        HOLD_HOURS.end()
                    ),
                )
            })?,
    };
    let confirm_from = match raw.confirm_from {
        None => RiskLevel::Medium,
        Some(l) => RiskLevel::parse(l.trim())
            .filter(|l| *l > RiskLevel::None)
            .ok_or_else(|| {
                err(
                    format!("{path}.confirm_from"),
                    "must be low, medium, high or critical",
                )
            })?,
    };
    Ok(Friction {
        steps,
        hold_hours,
        confirm_from,
    })
}

fn id(value: &str, path: &str) -> Result<String, SpecError> {
    let v = value.trim();
    if v.is_empty()
        || v.len() > MAX_ID_BYTES
        || !v
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    {
        return Err(err(
            path,
            format!("must be 1 to {MAX_ID_BYTES} characters of a-z, 0-9, _ or -"),
        ));
    }
    Ok(v.to_owned())
}

/// Reads a questionnaire; `text` checks a text field (non-empty, bounded, no control
/// characters).
pub(crate) fn questionnaire(
    raw: Vec<RawQuestion>,
    path: &str,
    text: impl Fn(String, &str, usize) -> Result<String, SpecError>,
) -> Result<Vec<Question>, SpecError> {
    if raw.len() > MAX_QUESTIONS {
        return Err(err(
            path,
            format!("has more than {MAX_QUESTIONS} questions"),
        ));
    }
    let mut out: Vec<Question> = Vec::with_capacity(raw.len());
    for (qi, q) in raw.into_iter().enumerate() {
        let qp = format!("{path}[{qi}]");
        let qid = id(&q.id, &format!("{qp}.id"))?;
        if out.iter().any(|x| x.id == qid) {
            return Err(err(
                format!("{qp}.id"),
                format!("{qid:?} is used by another question"),
            ));
        }
        let question = text(
            q.question,
            &format!("{qp}.question"),
            crate::model::MAX_TEXT_CHARS,
        )?;
        if q.answers.len() < 2 || q.answers.len() > MAX_ANSWERS {
            return Err(err(
                format!("{qp}.answers"),
                format!("needs 2 to {MAX_ANSWERS} answers"),
            ));
        }
        let mut answers: Vec<Answer> = Vec::with_capacity(q.answers.len());
        for (ai, a) in q.answers.into_iter().enumerate() {
            let ap = format!("{qp}.answers[{ai}]");
            let aid = id(&a.id, &format!("{ap}.id"))?;
            if answers.iter().any(|x| x.id == aid) {
                return Err(err(
                    format!("{ap}.id"),
                    format!("{aid:?} is used by another answer"),
                ));
            }
            let risk = AnswerRisk::parse(a.risk.trim())
                .ok_or_else(|| err(format!("{ap}.risk"), "must be none, low or high"))?;
            answers.push(Answer {
                id: aid,
                text: text(a.text, &format!("{ap}.text"), crate::model::MAX_TITLE_CHARS)?,
                risk,
            });
        }
        out.push(Question {
            id: qid,
            question,
            answers,
        });
    }
    Ok(out)
}

/// The ids of a questionnaire with each answer's risk: what must agree across
/// locales.
pub(crate) fn shape(q: &[Question]) -> Vec<(&str, Vec<(&str, AnswerRisk)>)> {
    q.iter()
        .map(|x| {
            (
                x.id.as_str(),
                x.answers.iter().map(|a| (a.id.as_str(), a.risk)).collect(),
            )
        })
        .collect()
}

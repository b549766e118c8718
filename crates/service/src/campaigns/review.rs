//! What a withdrawal alert may say, and who may change it.
//!
//! An alert is shown to people about to send money, with the police's authority: its
//! content must not become the scam. So:
//!
//! - **Content checks** ([`check_content`]): every contact phone and URL and every
//!   resource URL must be an official channel of the registry or a **partner resource**
//!   (the list admins keep, e.g. the police hotline 18222 or `cyberdefender.hk`:
//!   [`resources`](super::resources)), and must not be reported or imitate a brand; in
//!   the free text (title, message, tips, examples), no indicator may be reported or an
//!   impersonation, and no wallet address may appear unless official (a "safe account"
//!   address has no place in an alert). Each problem is a field error naming its path.
//! - **Review**: a key holder's change to an active campaign's content, regions or
//!   status, a change that activates it, or the creation of an active campaign (a
//!   partner's or an admin's alike) is a pending revision that another exchange admin
//!   approves: never its author, nor a key the author's holder may hold
//!   (`store::keys::refuse_one_holder`, in the approval's transaction). Pausing and
//!   ending apply at once; so does the operator at the command line. Every creation,
//!   change, revision and decision is audited with its diff, the approval naming both
//!   keys.

use std::collections::HashSet;

use campaign::{Campaign, Spec, Status};
use indicator::{Indicator, Kind};
use store::proposals::Decision;
use store::revisions::{Revision, RevisionState};
use store::{Role, StoreError};
use verify::Verdict;
use wire::FieldProblem;
use wire::campaigns::{AuthorView, Diff, FieldChange, RevisionList, RevisionQuery, RevisionView};

use super::visible;
use crate::{Error, Principal, Result, Service};

fn field(path: String, code: &str, message: String) -> FieldProblem {
    FieldProblem {
        field: path,
        code: code.to_owned(),
        message,
    }
}

/// The keys an indicator is allowed by, as a partner resource: itself, and for a URL
/// its host and the host's parents (a resource `cyberdefender.hk` allows its pages).
fn resource_keys(ind: &Indicator) -> Vec<String> {
    let mut keys = vec![ind.key()];
    if let Some(domain) = ind.domain().filter(|_| ind.kind() != Kind::Email) {
        let host = domain.as_str();
        let mut rest = host;
        loop {
            keys.push(format!("domain:{rest}"));
            match rest.split_once('.') {
                Some((_, parent)) if parent.contains('.') => rest = parent,
                _ => break,
            }
        }
    }
    keys
}

/// Checks what a campaign would show (see the module documentation); the errors name
/// each field.
pub fn check_content(
    index: &verify::Index,
    resources: &HashSet<String>,
    spec: &Spec,
) -> Result<(), Vec<FieldProblem>> {
    let mut errors = Vec::new();
    let region = spec.regions.first().map(|r| r.as_str());
    let link = |path: String, value: &str, hint: Option<Kind>, errors: &mut Vec<FieldProblem>| {
        check_link(index, resources, region, path, value, hint, errors);
    };
    for (vi, variant) in spec.variants.iter().enumerate() {
        for (tag, content) in &variant.content {
            let base = format!("variants[{vi}].content.{tag}");
            for (ci, c) in content.contacts.iter().enumerate() {
                if let Some(phone) = &c.phone {
                    link(
                        format!("{base}.contacts[{ci}].phone"),
                        phone,
                        Some(Kind::Phone),
                        &mut errors,
                    );
                }
                if let Some(url) = &c.url {
                    link(
                        format!("{base}.contacts[{ci}].url"),
                        url,
                        Some(Kind::Url),
                        &mut errors,
                    );
                }
            }
            for (ri, r) in content.resources.iter().enumerate() {
                link(
                    format!("{base}.resources[{ri}].url"),
                    &r.url,
                    Some(Kind::Url),
                    &mut errors,
                );
            }
            let texts = std::iter::once((format!("{base}.title"), &content.title))
                .chain(std::iter::once((
                    format!("{base}.message"),
                    &content.message,
                )))
                .chain(
                    content
                        .tips
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("{base}.tips[{i}]"), t)),
                )
                .chain(
                    content
                        .examples
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("{base}.examples[{i}]"), t)),
                )
                .chain(
                    content
                        .escalation
                        .iter()
                        .map(|t| (format!("{base}.escalation"), t)),
                )
                .chain(questionnaire_texts(&base, &content.questionnaire));
            for (path, text) in texts {
                check_text(index, &path, text, &mut errors);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The questions and answers of a questionnaire, with their paths.
fn questionnaire_texts<'a>(
    base: &str,
    questionnaire: &'a [campaign::friction::Question],
) -> Vec<(String, &'a String)> {
    let mut out = Vec::new();
    for (qi, q) in questionnaire.iter().enumerate() {
        out.push((format!("{base}.questionnaire[{qi}].question"), &q.question));
        for (ai, a) in q.answers.iter().enumerate() {
            out.push((
                format!("{base}.questionnaire[{qi}].answers[{ai}].text"),
                &a.text,
            ));
        }
    }
    out
}

/// A contact or resource: official, or a partner resource, and never a scam.
fn check_link(
    index: &verify::Index,
    resources: &HashSet<String>,
    region: Option<&str>,
    path: String,
    value: &str,
    hint: Option<Kind>,
    errors: &mut Vec<FieldProblem>,
) {
    let mut opts = index.parse_options().clone();
    opts.hint = hint;
    if opts.default_region.is_none() {
        // A campaign's numbers are dialed in its region.
        opts.default_region = region.map(str::to_owned);
    }
    let ind = match indicator::parse(value, &opts) {
        Ok(i) => i,
        Err(e) => {
            errors.push(field(path, "invalid", e.to_string()));
            return;
        }
    };
    let v = index.verify_indicator(ind.clone());
    match v.verdict {
        Verdict::ReportedScam => errors.push(field(
            path,
            "reported_scam",
            format!("{value} is reported as a scam"),
        )),
        Verdict::Impersonation => errors.push(field(
            path,
            "impersonation",
            format!(
                "{value} imitates {}",
                v.target.map_or("an official channel", |t| t.brand)
            ),
        )),
        Verdict::OfficialCompromised => errors.push(field(
            path,
            "official_compromised",
            format!("{value} is an official channel marked compromised: link another one"),
        )),
        Verdict::Official => {}
        _ if resource_keys(&ind).iter().any(|k| resources.contains(k)) => {}
        _ => errors.push(field(
            path,
            "not_official",
            format!(
                "{value} is neither an official channel of the registry nor a partner \
                 resource: an admin adds partner resources (POST /v1/partner-resources)"
            ),
        )),
    }
}

/// Free text: no reported or imitating indicator, no wallet address but official ones.
fn check_text(index: &verify::Index, path: &str, text: &str, errors: &mut Vec<FieldProblem>) {
    let analysis = analyzer::analyze(
        &analyzer::Message {
            text,
            channel: None,
            sender: None,
        },
        index,
    );
    for found in &analysis.indicators {
        let v = &found.verification;
        let code = match v.verdict {
            Verdict::ReportedScam => Some("reported_scam"),
            Verdict::Impersonation => Some("impersonation"),
            Verdict::OfficialCompromised => Some("official_compromised"),
            Verdict::Official | Verdict::FormerlyOfficial => None,
            _ if v.kind() == Some(Kind::Address) => Some("wallet_address"),
            _ => None,
        };
        if let Some(code) = code {
            let message = match code {
                "reported_scam" => format!("{} is reported as a scam", found.text),
                "impersonation" => format!("{} imitates an official channel", found.text),
                _ => format!(
                    "{} is a wallet address: an alert never tells people where to send money",
                    found.text
                ),
            };
            errors.push(field(path.to_owned(), code, message));
        }
    }
}

/// What changes between two versions of a campaign, top-level field by field.
pub fn diff(before: Option<&Spec>, after: &Spec) -> Diff {
    let after = after.to_json();
    let before = before.map(Spec::to_json).unwrap_or(serde_json::Value::Null);
    let mut changes = Diff::new();
    if let serde_json::Value::Object(a) = &after {
        for (k, v) in a {
            let old = before.get(k).unwrap_or(&serde_json::Value::Null);
            if old != v {
                changes.insert(
                    k.clone(),
                    FieldChange {
                        from: old.clone(),
                        to: v.clone(),
                    },
                );
            }
        }
    }
    changes
}

/// Whether a key holder's change from `before` to `after` needs another admin's approval: it
/// would change what users see, i.e. the campaign is active afterwards and it becomes
/// active or its content or regions change. Pausing or ending a campaign only stops it
/// being shown, and applies at once; so do changes to a campaign nobody sees (its
/// activation is reviewed then).
pub fn needs_review(before: &Spec, after: &Spec) -> bool {
    after.status == Status::Active
        && (before.status != Status::Active
            || before.variants != after.variants
            || before.regions != after.regions)
}

/// A revision as shown.
pub fn revision_view(r: &Revision) -> RevisionView {
    RevisionView {
        id: r.id,
        campaign_id: r.campaign_id,
        state: r.state.as_str().to_owned(),
        created_at: wire::rfc3339(r.created_at),
        author: AuthorView {
            key_id: r.author_key_id,
            role: r.author_role.clone(),
        },
        diff: serde_json::from_str(&r.diff).ok(),
        campaign: r.spec.clone(),
        decided_at: r.decided_at.map(wire::rfc3339),
        decided_by: r.decided_key_id,
        decision_note: r.decision_note.clone(),
    }
}

impl Service {
    /// Checks a campaign's content against today's registry, blocklist and partner
    /// resources.
    pub(crate) async fn check_campaign(&self, spec: &Spec) -> Result<()> {
        let resources = self.resource_set().await?;
        let index = self.index_arc();
        check_content(&index, &resources, spec).map_err(|fields| Error::Fields {
            code: "unsafe_campaign_content",
            message: format!(
                "{} problem(s) with what the alert would show; each field is named",
                fields.len()
            ),
            fields,
        })
    }

    /// Saves a campaign (a creation when `id` is `None`) with its audit record, and
    /// reloads the cached campaigns.
    pub(crate) async fn save_campaign(
        &self,
        by: &Principal,
        id: Option<i64>,
        before: Option<&Spec>,
        spec: &Spec,
    ) -> Result<Campaign> {
        let action = if id.is_some() {
            "campaign.change"
        } else {
            "campaign.create"
        };
        let detail = serde_json::json!({ "diff": diff(before, spec) }).to_string();
        let c = self
            .store
            .revisions()
            .save_campaign(id, spec, &by.actor(), action, &detail, self.now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => Error::NotFound("no such campaign".into()),
                other => other.into(),
            })?;
        self.reload_campaigns().await?;
        Ok(c)
    }

    /// Stores a key holder's change to a campaign as a revision to approve.
    pub(crate) async fn propose_revision(
        &self,
        by: &Principal,
        current: &Campaign,
        spec: &Spec,
    ) -> Result<RevisionView> {
        let diff = serde_json::to_string(&diff(Some(&current.spec), spec))
            .map_err(|e| Error::Internal(e.to_string()))?;
        let r = self
            .store
            .revisions()
            .propose_revision(
                current.id,
                current.updated_at,
                spec,
                &diff,
                &by.actor(),
                self.now(),
            )
            .await?;
        Ok(revision_view(&r))
    }

    /// The revisions `by` may see (a partner: its region's), newest first.
    pub async fn list_revisions(&self, by: &Principal, q: &RevisionQuery) -> Result<RevisionList> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let filter = match q.state.as_deref() {
            None | Some("") => None,
            Some(s) => Some(RevisionState::parse(s).ok_or_else(|| {
                Error::BadRequest("`state` is pending, approved or rejected".into())
            })?),
        };
        let list = self
            .store
            .revisions()
            .revisions(q.campaign, filter, q.limit.unwrap_or(50))
            .await?;
        let limit = by.region_limit()?;
        Ok(RevisionList {
            revisions: list
                .iter()
                .filter(|r| visible(limit, &r.spec))
                .map(revision_view)
                .collect(),
        })
    }

    /// Approves a pending revision (an admin other than its author, and not holding a
    /// key made by or with the author's: the store refuses it, `409`): its content is
    /// checked again (the blocklist and the registry may have changed since it was
    /// proposed), then it applies.
    pub async fn approve_revision(
        &self,
        by: &Principal,
        id: i64,
        note: Option<&str>,
    ) -> Result<RevisionView> {
        by.require(&[Role::Admin])?;
        let revision = self
            .store
            .revisions()
            .revision(id)
            .await?
            .ok_or_else(|| no_revision(id))?;
        self.check_campaign(&revision.spec).await?;
        let decided = self
            .decide_revision(by, id, Decision::Approve, note)
            .await?;
        self.reload_campaigns().await?;
        Ok(decided)
    }

    /// Rejects a pending revision: an admin (its admin author withdraws it this way),
    /// or a partner withdrawing its own.
    pub async fn reject_revision(
        &self,
        by: &Principal,
        id: i64,
        note: Option<&str>,
    ) -> Result<RevisionView> {
        by.require(&[Role::Admin, Role::Partner])?;
        if let Some(key) = by.api_key().filter(|k| k.role == Role::Partner) {
            let revision = self.store.revisions().revision(id).await?;
            if revision.is_none_or(|r| r.author_key_id != Some(key.id)) {
                return Err(Error::Forbidden(
                    "a partner may withdraw only its own revisions".into(),
                ));
            }
        }
        self.decide_revision(by, id, Decision::Reject, note).await
    }

    async fn decide_revision(
        &self,
        by: &Principal,
        id: i64,
        decision: Decision,
        note: Option<&str>,
    ) -> Result<RevisionView> {
        let r = self
            .store
            .revisions()
            .decide_revision(id, decision, &by.actor(), note, self.now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => no_revision(id),
                other => other.into(),
            })?;
        Ok(revision_view(&r))
    }
}

fn no_revision(id: i64) -> Error {
    Error::NotFound(format!("no revision {id}"))
}

//! What a withdrawal alert may say, and who may change it.
//!
//! An alert is shown to people about to send money, with the police's authority: its
//! content must not become the scam. So:
//!
//! - **Content checks** ([`check_content`]): every contact phone and URL and every
//!   resource URL must be an official channel of the registry or a **partner resource**
//!   (the list admins keep, e.g. the police hotline 18222 or `cyberdefender.hk`), and
//!   must not be reported or imitate a brand; in the free text (title, message, tips,
//!   examples), no indicator may be reported or an impersonation, and no wallet address
//!   may appear unless official (a "safe account" address has no place in an alert).
//!   Each problem is a field error naming its path (`422`).
//! - **Review**: a partner's change to an active campaign's content, regions or status
//!   (or a change that activates it) is a pending revision that an exchange admin
//!   approves (`202`); admins' own changes apply at once. Every creation, change,
//!   revision and decision is audited with its diff.
//! - **Partner resources**: `GET /v1/partner-resources` (staff, partners), `POST` and
//!   `DELETE …/{id}` (admins), audited.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use campaign::{Campaign, Spec, Status};
use indicator::{Indicator, Kind};
use serde::Deserialize;
use serde_json::{Value, json};
use store::Role;
use store::proposals::Decision;
use store::revisions::{Revision, RevisionState};
use verify::Verdict;

use crate::auth::Caller;
use crate::client::ClientAddr;
use crate::proposals::actor;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/v1/partner-resources",
            get(list_resources).post(add_resource),
        )
        .route("/v1/partner-resources/{id}", delete(remove_resource))
        .route("/v1/campaign-revisions", get(list_revisions))
        .route("/v1/campaign-revisions/{id}/approve", post(approve))
        .route("/v1/campaign-revisions/{id}/reject", post(reject))
}

/// One problem with a campaign's content.
fn field(path: String, code: &'static str, message: String) -> Value {
    json!({"field": path, "code": code, "message": message})
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
pub(crate) fn check_content(
    index: &verify::Index,
    resources: &HashSet<String>,
    spec: &Spec,
) -> Result<(), Vec<Value>> {
    let mut errors = Vec::new();
    let region = spec.regions.first().map(|r| r.as_str());
    let link = |path: String, value: &str, hint: Option<Kind>, errors: &mut Vec<Value>| {
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
                );
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

/// A contact or resource: official, or a partner resource, and never a scam.
fn check_link(
    index: &verify::Index,
    resources: &HashSet<String>,
    region: Option<&str>,
    path: String,
    value: &str,
    hint: Option<Kind>,
    errors: &mut Vec<Value>,
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
fn check_text(index: &verify::Index, path: &str, text: &str, errors: &mut Vec<Value>) {
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

/// The partner resources as a set of keys.
pub(crate) async fn resource_set(state: &AppState) -> Result<HashSet<String>, ApiError> {
    Ok(state
        .store()
        .revisions()
        .partner_resources()
        .await?
        .into_iter()
        .map(|r| r.key)
        .collect())
}

/// Checks a campaign's content against today's registry, blocklist and resources.
pub(crate) async fn checked(state: &AppState, spec: &Spec) -> Result<(), ApiError> {
    let resources = resource_set(state).await?;
    let index = state.index_arc();
    check_content(&index, &resources, spec).map_err(|fields| ApiError::Fields {
        code: "unsafe_campaign_content",
        message: format!(
            "{} problem(s) with what the alert would show; each field is named",
            fields.len()
        ),
        fields,
    })
}

/// What changes between two versions of a campaign, top-level field by field.
pub(crate) fn diff(before: Option<&Spec>, after: &Spec) -> Value {
    let after = after.to_json();
    let before = before.map(Spec::to_json).unwrap_or(Value::Null);
    let mut changes = serde_json::Map::new();
    if let Value::Object(a) = &after {
        for (k, v) in a {
            let old = before.get(k).unwrap_or(&Value::Null);
            if old != v {
                changes.insert(k.clone(), json!({"from": old, "to": v}));
            }
        }
    }
    Value::Object(changes)
}

/// Whether a partner's change from `before` to `after` needs an admin's approval: it
/// would change what users see, i.e. the campaign is active afterwards and it becomes
/// active or its content or regions change. Pausing or ending a campaign only stops it
/// being shown, and applies at once; so do changes to a campaign nobody sees (its
/// activation is reviewed then).
pub(crate) fn needs_review(before: &Spec, after: &Spec) -> bool {
    after.status == Status::Active
        && (before.status != Status::Active
            || before.variants != after.variants
            || before.regions != after.regions)
}

/// Saves a campaign change with its audit record.
pub(crate) async fn save(
    state: &AppState,
    caller: &Caller,
    ip: IpAddr,
    id: Option<i64>,
    before: Option<&Spec>,
    spec: &Spec,
) -> Result<Campaign, ApiError> {
    let action = if id.is_some() {
        "campaign.change"
    } else {
        "campaign.create"
    };
    let detail = json!({"diff": diff(before, spec)}).to_string();
    let c = state
        .store()
        .revisions()
        .save_campaign(id, spec, &actor(caller, ip), action, &detail, crate::now())
        .await
        .map_err(|e| match e {
            store::StoreError::NotFound => ApiError::NotFound("no such campaign".into()),
            other => other.into(),
        })?;
    crate::campaigns::reload_cache(state).await?;
    Ok(c)
}

/// Stores a partner's change to a live campaign as a revision to approve.
pub(crate) async fn propose(
    state: &AppState,
    caller: &Caller,
    ip: IpAddr,
    current: &Campaign,
    spec: &Spec,
) -> Result<Revision, ApiError> {
    let diff = diff(Some(&current.spec), spec).to_string();
    Ok(state
        .store()
        .revisions()
        .propose_revision(
            current.id,
            current.updated_at,
            spec,
            &diff,
            &actor(caller, ip),
            crate::now(),
        )
        .await?)
}

/// The JSON of a revision.
pub(crate) fn revision_json(r: &Revision) -> Value {
    json!({
        "id": r.id,
        "campaign_id": r.campaign_id,
        "state": r.state,
        "created_at": wire::rfc3339(r.created_at),
        "author": {"key_id": r.author_key_id, "role": r.author_role},
        "diff": serde_json::from_str::<Value>(&r.diff).unwrap_or(Value::Null),
        "campaign": r.spec.to_json(),
        "decided_at": r.decided_at.map(wire::rfc3339),
        "decided_by": r.decided_key_id,
        "decision_note": r.decision_note,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevisionQuery {
    state: Option<String>,
    campaign: Option<i64>,
    limit: Option<u32>,
}

async fn list_revisions(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    query: Result<Query<RevisionQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let Query(q) = query?;
    let filter = match q.state.as_deref() {
        None | Some("") => None,
        Some(s) => Some(RevisionState::parse(s).ok_or_else(|| {
            ApiError::BadRequest("`state` is pending, approved or rejected".into())
        })?),
    };
    let list = state
        .store()
        .revisions()
        .revisions(q.campaign, filter, q.limit.unwrap_or(50))
        .await?;
    let limit = crate::campaigns::partner_limit(&caller)?;
    let visible: Vec<Value> = list
        .iter()
        .filter(|r| crate::campaigns::visible_to(limit, &r.spec))
        .map(revision_json)
        .collect();
    Ok(Json(json!({"revisions": visible})))
}

fn parse_id(id: Result<Path<i64>, PathRejection>, what: &str) -> Result<i64, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest(format!("the {what} id must be a whole number")))
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin])?;
    let id = parse_id(id, "revision")?;
    let note = crate::proposals::note_body(body)?;
    let revision = state
        .store()
        .revisions()
        .revision(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no revision {id}")))?;
    // The blocklist and the registry may have changed since it was proposed.
    checked(&state, &revision.spec).await?;
    let decided = decide(&state, &caller, ip, id, Decision::Approve, note).await?;
    crate::campaigns::reload_cache(&state).await?;
    Ok(Json(revision_json(&decided)))
}

async fn reject(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Partner])?;
    let id = parse_id(id, "revision")?;
    let note = crate::proposals::note_body(body)?;
    if caller.0.role == Role::Partner {
        let revision = state.store().revisions().revision(id).await?;
        if revision.is_none_or(|r| r.author_key_id != Some(caller.0.id)) {
            return Err(ApiError::Forbidden(
                "a partner may withdraw only its own revisions".into(),
            ));
        }
    }
    let decided = decide(&state, &caller, ip, id, Decision::Reject, note).await?;
    Ok(Json(revision_json(&decided)))
}

async fn decide(
    state: &AppState,
    caller: &Caller,
    ip: IpAddr,
    id: i64,
    decision: Decision,
    note: Option<String>,
) -> Result<Revision, ApiError> {
    state
        .store()
        .revisions()
        .decide_revision(
            id,
            decision,
            &actor(caller, ip),
            note.as_deref(),
            crate::now(),
        )
        .await
        .map_err(|e| match e {
            store::StoreError::NotFound => ApiError::NotFound(format!("no revision {id}")),
            store::StoreError::Conflict(m) => ApiError::Conflict(m),
            other => other.into(),
        })
}

async fn list_resources(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    caller.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
    let list = state.store().revisions().partner_resources().await?;
    Ok(Json(json!({"resources": list})))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceBody {
    value: String,
    label: String,
}

/// Longest resource label, in characters.
const MAX_LABEL_CHARS: usize = 200;

async fn add_resource(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    body: Result<Json<ResourceBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require(&[Role::Admin])?;
    let Json(body) = body?;
    let label = body.label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(ApiError::Invalid {
            code: "invalid_label",
            message: format!("`label` must be 1 to {MAX_LABEL_CHARS} characters"),
        });
    }
    let index = state.index_arc();
    let ind =
        indicator::parse(&body.value, index.parse_options()).map_err(|e| ApiError::Invalid {
            code: "invalid_value",
            message: format!("`value`: {e}"),
        })?;
    // A resource must not be what it protects people from.
    let v = index.verify_indicator(ind.clone());
    if matches!(v.verdict, Verdict::ReportedScam | Verdict::Impersonation) {
        return Err(ApiError::Invalid {
            code: "unsafe_resource",
            message: format!(
                "`value` is {}: it cannot be a partner resource",
                v.verdict.as_str()
            ),
        });
    }
    // A bare URL root stands for its site.
    let key = match &ind {
        Indicator::Url(u) if matches!(u.path(), "" | "/") && u.query().is_none() => u
            .host()
            .domain()
            .map_or_else(|| ind.key(), |d| format!("domain:{}", d.as_str())),
        _ => ind.key(),
    };
    let r = state
        .store()
        .revisions()
        .add_partner_resource(&key, label, &actor(&caller, ip), crate::now())
        .await
        .map_err(|e| match e {
            store::StoreError::Conflict(m) => ApiError::Conflict(m),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(json!(r))))
}

async fn remove_resource(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(ip)): Extension<ClientAddr>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    caller.require(&[Role::Admin])?;
    let id = parse_id(id, "resource")?;
    if state
        .store()
        .revisions()
        .remove_partner_resource(id, &actor(&caller, ip), crate::now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(format!("no partner resource {id}")))
    }
}

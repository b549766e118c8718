//! `/openapi.json`: the API's OpenAPI 3.1 document, built from the code.
//!
//! The schemas are the `wire` types' own ([`utoipa::ToSchema`], see `wire::schema`);
//! [`operations`] lists every JSON operation in one line each: its path, who may call it,
//! its query, body and answers. The errors each operation can answer are added from
//! what it is ([`Op`]): every one may be rate limited (429) or meet a store fault (503);
//! one with a key answers 401 and 403; one with a body 400, 413, 415 and 422; one with a
//! path parameter 404. Each error has the one shape, `wire::ErrorBody`.
//!
//! To document a new endpoint, add one line to [`operations`]. The test
//! `openapi::every_route_is_documented` fails, naming the route, until it is there; the
//! snapshot `crates/server/openapi.json` is rewritten with `ANTISCAM_UPDATE_OPENAPI=1`.

use std::collections::BTreeMap;

use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBody;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    Components, Content, Header, Info, Object, OpenApi, OpenApiVersion, Paths, RefOr, Required,
    Response, Schema, Server, Tag,
};
use utoipa::{PartialSchema, ToSchema};
use wire::schema as s;

/// The document, as `/openapi.json` serves it.
pub fn json() -> String {
    serde_json::to_string_pretty(&value()).unwrap_or_default() + "\n"
}

/// The document as JSON, with its link objects' field names as OpenAPI spells them:
/// utoipa 5.5 writes `Link`'s fields in snake case (`operation_id`), which no client
/// or Schemathesis reads.
fn value() -> serde_json::Value {
    let mut doc = serde_json::to_value(document()).unwrap_or_default();
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
        let responses = paths
            .values_mut()
            .filter_map(|item| item.as_object_mut())
            .flat_map(|item| item.values_mut())
            .filter_map(|op| op.get_mut("responses")?.as_object_mut())
            .flat_map(|r| r.values_mut());
        for response in responses {
            let links = response.get_mut("links").and_then(|l| l.as_object_mut());
            for link in links.into_iter().flat_map(|l| l.values_mut()) {
                let Some(link) = link.as_object_mut() else {
                    continue;
                };
                for (snake, camel) in [
                    ("operation_id", "operationId"),
                    ("operation_ref", "operationRef"),
                    ("request_body", "requestBody"),
                ] {
                    if let Some(v) = link.remove(snake) {
                        link.insert(camel.into(), v);
                    }
                }
            }
        }
    }
    doc
}

/// The document.
pub fn document() -> OpenApi {
    let mut doc = Doc::default();
    operations(&mut doc);
    doc.finish()
}

/// Every JSON operation of the API.
fn operations(d: &mut Doc) {
    use HttpMethod::{Delete, Get, Patch, Post, Put};
    let admin = Access::Key("admin");
    let triagers = Access::Key("analyst or admin");
    let staff = Access::Key("analyst, partner or admin");
    let integrators = Access::Key("integrator or admin");
    let campaigners = Access::Key("partner (its own region) or admin");

    // Health and the document itself.
    d.add(
        Op::new(Get, "/livez", "Health", "The process is up")
            .health()
            .json::<wire::HealthView>(200, "Alive"),
    );
    d.add(
        Op::new(
            Get,
            "/readyz",
            "Health",
            "Ready to serve: the store answers and writes",
        )
        .health()
        .json::<wire::HealthView>(200, "Ready")
        .json::<wire::HealthView>(503, "Not ready (starting, draining, or the store is down)"),
    );
    d.add(
        Op::new(Get, "/healthz", "Health", "Readiness with the index's size")
            .health()
            .json::<wire::HealthView>(200, "Ready")
            .json::<wire::HealthView>(503, "Not ready"),
    );
    d.add(
        Op::new(Get, "/openapi.json", "Health", "This document")
            .health()
            .any_json(200, "The OpenAPI 3.1 document"),
    );

    // Verification and analysis.
    d.add(
        Op::new(
            Get,
            "/v1/verify",
            "Verify",
            "Checks one website, email, phone number, account or address",
        )
        .query(
            "q",
            true,
            s::text(),
            "What to check (an empty or unreadable input is the verdict `invalid`)",
        )
        .query(
            "kind",
            false,
            s::kind_query(),
            "Read the input as this kind instead of detecting it",
        )
        .query("lang", false, s::lang(), "The language of the answer")
        .json::<wire::VerifyResult>(200, "The verdict, with reasons and advice")
        .status(422),
    );
    d.add(
        Op::new(
            Post,
            "/v1/verify",
            "Verify",
            "Checks up to 500 inputs at once",
        )
        .body::<wire::VerifyBatchRequest>()
        .json::<wire::VerifyResults>(200, "One verdict per input, in order"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/analyze",
            "Verify",
            "Analyzes a suspicious message or raw email",
        )
        .body::<wire::AnalyzeRequest>()
        .json::<wire::AnalysisResult>(200, "The tactics, indicators, risk and advice")
        .status(403),
    );
    d.add(
        Op::new(Get, "/v1/tactics", "Verify", "The Know Your Scam catalogue")
            .query("lang", false, s::lang(), "The language of the texts")
            .json::<wire::Tactics>(200, "Every tactic"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/sent-messages",
            "Verify",
            "Registers messages the exchange sent, for \"did we send this?\"",
        )
        .access(integrators)
        .body::<wire::SentMessagesRequest>()
        .json::<wire::SentMessagesResult>(201, "Registered"),
    );

    // The registry.
    d.add(
        Op::new(
            Get,
            "/v1/registry",
            "Registry",
            "The registry of official channels",
        )
        .json::<s::RegistryDocument>(200, "The registry document"),
    );
    d.add(
        Op::new(
            Put,
            "/v1/registry",
            "Registry",
            "Proposes a whole new registry (JSON or TOML) for a second admin to approve",
        )
        .access(admin)
        .body::<s::RegistryDocument>()
        .media("application/toml")
        .query(
            "override_reason",
            false,
            s::string(0, 2000),
            "Why to go ahead despite conflicts",
        )
        .json::<wire::ProposalView>(202, "The proposal, pending")
        .link(202, Get, "/v1/registry/proposals/{id}", "id", "id")
        .link(202, Post, "/v1/registry/proposals/{id}/approve", "id", "id")
        .status(409),
    );
    d.add(
        Op::new(
            Get,
            "/v1/registry/proposals",
            "Registry",
            "Registry proposals, newest first",
        )
        .access(admin)
        .query(
            "state",
            false,
            s::proposal_state(),
            "Only proposals in this state",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most proposals (default 100)",
        )
        .json::<wire::ProposalList>(200, "The proposals"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/registry/proposals",
            "Registry",
            "Proposes registry changes (a whole registry or per-channel edits)",
        )
        .access(admin)
        .body::<wire::ProposalRequest>()
        .media("application/toml")
        .query(
            "override_reason",
            false,
            s::string(0, 2000),
            "Why to go ahead despite conflicts",
        )
        .json::<wire::ProposalView>(201, "The proposal, pending")
        .link(201, Get, "/v1/registry/proposals/{id}", "id", "id")
        .link(201, Post, "/v1/registry/proposals/{id}/approve", "id", "id")
        .link(201, Post, "/v1/registry/proposals/{id}/reject", "id", "id"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/registry/proposals/{id}",
            "Registry",
            "One proposal with its registry",
        )
        .access(admin)
        .id("id", "The proposal")
        .json::<wire::ProposalView>(200, "The proposal"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/registry/proposals/{id}/approve",
            "Registry",
            "Approves a proposal (another admin than its author)",
        )
        .access(admin)
        .id("id", "The proposal")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::ProposalView>(200, "Approved and in force")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/registry/proposals/{id}/reject",
            "Registry",
            "Rejects a proposal",
        )
        .access(admin)
        .id("id", "The proposal")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::ProposalView>(200, "Rejected")
        .status(409),
    );
    d.add(
        Op::new(
            Get,
            "/.well-known/antiscam/registry.json",
            "Registry",
            "The signed registry, for offline checks",
        )
        .json::<s::RegistryDocument>(200, "The registry, exactly as signed"),
    );
    d.add(
        Op::new(
            Get,
            "/.well-known/antiscam/registry.json.sig",
            "Registry",
            "The Ed25519 signature of registry.json",
        )
        .text(200, "The signature, base64"),
    );
    d.add(
        Op::new(
            Get,
            "/.well-known/antiscam/registry-key",
            "Registry",
            "The public key that signs registry.json",
        )
        .text(200, "The public key, base64"),
    );

    d.add(
        Op::new(
            Get,
            "/.well-known/antiscam/retractions-key",
            "Registry",
            "The public key that signs retractions",
        )
        .text(200, "The public key, hex"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/retractions",
            "Registry",
            "Signed retractions of delisted entries, oldest first (a partner: its region's)",
        )
        .access(staff)
        .query(
            "since",
            false,
            s::string(0, 64),
            "Only retractions at or after this date or RFC 3339 time (empty: all)",
        )
        .query(
            "after",
            false,
            s::string(0, 128),
            "The `next` token of an earlier page (empty: the first page)",
        )
        .query(
            "limit",
            false,
            s::integer(1, u32::MAX.into()),
            "Most retractions (default 1,000; larger values are capped)",
        )
        .status(422)
        .json::<wire::taxii::RetractionList>(200, "A page of signed retractions"),
    );

    // Reports, triage, disputes, audit.
    d.add(
        Op::new(Post, "/v1/reports", "Reports", "Reports a scam")
            .body::<wire::ReportRequest>()
            .json::<wire::ReportReceipt>(201, "Stored; the reference lets the reporter follow it"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/reports",
            "Reports",
            "Stored reports, newest first (a partner: its region only)",
        )
        .access(staff)
        .query("region", false, s::region(), "Only this region")
        .query(
            "before",
            false,
            s::integer(i64::MIN, i64::MAX),
            "Only reports with a smaller id",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most reports (default 100)",
        )
        .json::<wire::ReportList>(200, "The reports"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/triage",
            "Reports",
            "The triage queue: reports grouped by indicator",
        )
        .access(triagers)
        .query(
            "state",
            false,
            s::group_state(),
            "Only groups in this state",
        )
        .query("alerts", false, s::boolean(), "Only takeover alerts")
        .query(
            "offset",
            false,
            s::integer(0, u32::MAX.into()),
            "Groups to skip",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most groups (default 100)",
        )
        .json::<wire::TriageQueue>(200, "The groups"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/triage/{group}",
            "Reports",
            "One group with its reports",
        )
        .access(triagers)
        .path(
            "group",
            s::string(1, 2048),
            "The group's id or indicator key",
        )
        .status(422)
        .query(
            "before",
            false,
            s::integer(i64::MIN, i64::MAX),
            "Only reports with a smaller id",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most reports (default 100)",
        )
        .json::<wire::GroupReports>(200, "The group"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/triage/{group}",
            "Reports",
            "Confirms, rejects, marks a duplicate, reopens or delists",
        )
        .access(triagers)
        .path(
            "group",
            s::string(1, 2048),
            "The group's id or indicator key",
        )
        .body::<wire::TriageRequest>()
        .json::<wire::TriageResult>(200, "Applied: the group's new state")
        .json::<wire::TriageDecisionView>(
            202,
            "It would change what Verify answers: waiting for a second analyst",
        )
        .link(202, Post, "/v1/triage-decisions/{id}/approve", "id", "id")
        .link(202, Post, "/v1/triage-decisions/{id}/reject", "id", "id")
        .status(409),
    );
    d.add(
        Op::new(
            Get,
            "/v1/triage-decisions",
            "Reports",
            "Triage decisions under the two-person rule, newest first",
        )
        .access(triagers)
        .query(
            "state",
            false,
            s::decision_state(),
            "Only decisions in this state",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most decisions (default 100)",
        )
        .json::<wire::TriageDecisionList>(200, "The decisions"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/triage-decisions/{id}/approve",
            "Reports",
            "Approves and applies another analyst's triage decision",
        )
        .access(triagers)
        .id("id", "The decision")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::TriageDecisionResult>(200, "Approved and applied")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/triage-decisions/{id}/reject",
            "Reports",
            "Rejects a triage decision (its author: withdraws it)",
        )
        .access(triagers)
        .id("id", "The decision")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::TriageDecisionResult>(200, "Rejected or withdrawn")
        .status(409),
    );
    d.add(
        Op::new(Post, "/v1/disputes", "Reports", "Disputes a listing")
            .body::<wire::DisputeRequest>()
            .json::<wire::DisputeReceipt>(201, "Filed"),
    );
    d.add(
        Op::new(Get, "/v1/disputes", "Reports", "Disputes, newest first")
            .access(triagers)
            .query(
                "state",
                false,
                s::dispute_state(),
                "Only disputes in this state",
            )
            .query(
                "limit",
                false,
                s::integer(0, u32::MAX.into()),
                "Most disputes (default 100)",
            )
            .json::<wire::DisputeList>(200, "The disputes"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/disputes/{id}",
            "Reports",
            "Upholds (delists) or rejects a dispute",
        )
        .access(triagers)
        .id("id", "The dispute")
        .body::<wire::DecisionRequest>()
        .json::<wire::DecisionResult>(200, "Decided")
        .json::<wire::TriageDecisionView>(
            202,
            "Upholding it would delist a listed indicator: waiting for a second analyst",
        )
        .status(409),
    );
    d.add(
        Op::new(Get, "/v1/audit", "Reports", "The audit log, newest first")
            .access(admin)
            .query(
                "before",
                false,
                s::integer(i64::MIN, i64::MAX),
                "Only records with a smaller id",
            )
            .query(
                "limit",
                false,
                s::integer(0, u32::MAX.into()),
                "Most records (default 100)",
            )
            .json::<wire::AuditLog>(200, "The records"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/export",
            "Reports",
            "The blocklist shared as STIX 2.1, MISP or CSV",
        )
        .access(staff)
        .query("format", true, s::export_format(), "The document's format")
        .query(
            "region",
            false,
            s::region(),
            "Only this region (a partner: its own)",
        )
        .query(
            "since",
            false,
            s::string(1, 64),
            "Only entries seen since this RFC 3339 time or date",
        )
        .status(422)
        .any_json(200, "The document (`text/csv` for CSV)")
        .media_out("application/stix+json;version=2.1")
        .media_out("text/csv; charset=utf-8"),
    );

    // Keys.
    d.add(
        Op::new(Get, "/v1/keys", "Keys", "Every API key (never a secret)")
            .access(admin)
            .json::<wire::KeyList>(200, "The keys"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/keys",
            "Keys",
            "Makes an API key; its secret is shown once",
        )
        .access(admin)
        .body::<wire::NewKeyRequest>()
        .json::<wire::CreatedKey>(201, "The key and its secret")
        .link(201, Post, "/v1/keys/{id}/rotate", "id", "id")
        .link(201, Post, "/v1/keys/{id}/revoke", "id", "id"),
    );
    d.add(
        Op::new(Post, "/v1/keys/{id}/revoke", "Keys", "Revokes a key")
            .access(admin)
            .id("id", "The key")
            .json::<wire::RevokedKey>(200, "Revoked"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/keys/{id}/rotate",
            "Keys",
            "Replaces a key by a new one with the same role",
        )
        .access(admin)
        .id("id", "The key")
        .json::<wire::CreatedKey>(201, "The new key and its secret")
        .status(409),
    );

    // Signed webhooks (docs/WEBHOOKS.md).
    let subscribers = Access::Key("partner (its own region) or admin");
    d.add(
        Op::new(
            Post,
            "/v1/webhooks",
            "Webhooks",
            "Subscribes a URL to signed events; its secret is shown once",
        )
        .access(subscribers)
        .body::<wire::webhooks::WebhookRequest>()
        .json::<wire::webhooks::CreatedWebhook>(201, "The subscription and its secret")
        .link(201, Get, "/v1/webhooks/{id}/deliveries", "id", "id")
        .link(201, Post, "/v1/webhooks/{id}/replay", "id", "id")
        .link(201, Delete, "/v1/webhooks/{id}", "id", "id"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/webhooks",
            "Webhooks",
            "The subscriptions (a partner: its own) and their delivery status",
        )
        .access(subscribers)
        .json::<wire::webhooks::WebhookList>(200, "The subscriptions"),
    );
    d.add(
        Op::new(
            Delete,
            "/v1/webhooks/{id}",
            "Webhooks",
            "Ends a subscription",
        )
        .access(subscribers)
        .id("id", "The subscription")
        .json::<wire::webhooks::DeletedWebhook>(200, "Deleted"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/webhooks/{id}/deliveries",
            "Webhooks",
            "A subscription's deliveries, newest first (dead letters with `state=dead`)",
        )
        .access(subscribers)
        .id("id", "The subscription")
        .query(
            "state",
            false,
            wire::webhooks::delivery_state(),
            "Only deliveries in this state",
        )
        .query(
            "before",
            false,
            s::integer(i64::MIN, i64::MAX),
            "Only deliveries with a smaller id",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most deliveries (default 100, at most 500)",
        )
        .status(422)
        .json::<wire::webhooks::DeliveryList>(200, "The deliveries"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/webhooks/{id}/replay",
            "Webhooks",
            "Makes a subscription's dead letters pending again",
        )
        .access(admin)
        .id("id", "The subscription")
        .optional_body::<wire::webhooks::ReplayRequest>()
        .json::<wire::webhooks::ReplayResult>(200, "How many were requeued"),
    );

    // Withdrawals and campaigns.
    d.add(
        Op::new(
            Post,
            "/v1/withdrawals/screen",
            "Withdrawals",
            "Screens a withdrawal: risk, decision and alert",
        )
        .access(integrators)
        .body::<wire::campaigns::ScreenRequest>()
        .json::<wire::campaigns::ScreenResponse>(200, "The decision")
        .link(
            200,
            Post,
            "/v1/screenings/{id}/outcome",
            "id",
            "screening_id",
        )
        .link(
            200,
            Post,
            "/v1/screenings/{id}/answers",
            "id",
            "screening_id",
        )
        .link(
            200,
            Post,
            "/v1/screenings/{id}/release",
            "id",
            "screening_id",
        )
        .link(
            200,
            Post,
            "/v1/screenings/{id}/contact-notified",
            "id",
            "screening_id",
        ),
    );
    d.add(
        Op::new(
            Post,
            "/v1/screenings/{id}/outcome",
            "Withdrawals",
            "Records what the user did after a screening",
        )
        .access(integrators)
        .path("id", s::string(1, 64), "The screening id")
        .body::<wire::campaigns::OutcomeRequest>()
        .json::<wire::campaigns::OutcomeResponse>(200, "Recorded"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/screenings/{id}/answers",
            "Withdrawals",
            "The purpose-of-withdrawal answers of a `confirm` step; may escalate to a hold",
        )
        .access(integrators)
        .path("id", s::string(1, 64), "The screening id")
        .body::<wire::friction::AnswersRequest>()
        .json::<wire::friction::FrictionResponse>(200, "The decision now")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/screenings/{id}/release",
            "Withdrawals",
            "Releases a hold once its `release_at` has passed (the same answer on repeat)",
        )
        .access(integrators)
        .path("id", s::string(1, 64), "The screening id")
        .json::<wire::friction::FrictionResponse>(200, "Released")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/screenings/{id}/contact-notified",
            "Withdrawals",
            "Records whether the exchange told the user's trusted contact of a hold",
        )
        .access(integrators)
        .path("id", s::string(1, 64), "The screening id")
        .body::<wire::friction::ContactNotifiedRequest>()
        .json::<wire::friction::FrictionResponse>(200, "Recorded")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/user-scam-reports",
            "Withdrawals",
            "A user reported being scammed: links recent screenings",
        )
        .access(integrators)
        .body::<wire::campaigns::ScamReportRequest>()
        .json::<wire::campaigns::ScamReportResponse>(200, "Linked"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/campaigns",
            "Campaigns",
            "Campaigns (a partner: its regions)",
        )
        .access(campaigners)
        .json::<wire::campaigns::CampaignList>(200, "The campaigns"),
    );
    d.add(
        Op::new(Post, "/v1/campaigns", "Campaigns", "Creates a campaign")
            .access(campaigners)
            .body::<s::CampaignDocument>()
            .json::<wire::campaigns::CampaignView>(201, "Created")
            .link(201, Get, "/v1/campaigns/{id}", "id", "id")
            .link(201, Patch, "/v1/campaigns/{id}", "id", "id")
            .link(201, Get, "/v1/campaigns/{id}/stats", "id", "id")
            .json::<wire::campaigns::PendingCampaign>(
                202,
                "A live campaign (any key's): a draft whose activation waits for another admin",
            ),
    );
    d.add(
        Op::new(Get, "/v1/campaigns/{id}", "Campaigns", "One campaign")
            .access(campaigners)
            .id("id", "The campaign")
            .json::<wire::campaigns::CampaignView>(200, "The campaign"),
    );
    d.add(
        Op::new(
            Patch,
            "/v1/campaigns/{id}",
            "Campaigns",
            "Changes a campaign (a JSON merge patch)",
        )
        .access(campaigners)
        .id("id", "The campaign")
        .body_schema(s::campaign_patch())
        .json::<wire::campaigns::CampaignView>(200, "Changed")
        .json::<wire::campaigns::PendingChange>(
            202,
            "A change users would see (any key's): waits for another admin",
        ),
    );
    d.add(
        Op::new(
            Get,
            "/v1/campaigns/{id}/stats",
            "Campaigns",
            "A campaign's results against its holdout",
        )
        .access(campaigners)
        .id("id", "The campaign")
        .any_json(200, "The statistics"),
    );
    d.add(
        Op::new(
            Get,
            "/v1/campaign-revisions",
            "Campaigns",
            "Campaign changes waiting for a second admin",
        )
        .access(campaigners)
        .query(
            "state",
            false,
            s::revision_state(),
            "Only revisions in this state",
        )
        .query(
            "campaign",
            false,
            s::integer(i64::MIN, i64::MAX),
            "Only this campaign's",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most revisions (default 100)",
        )
        .json::<wire::campaigns::RevisionList>(200, "The revisions"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/campaign-revisions/{id}/approve",
            "Campaigns",
            "Approves a change (another admin than its author)",
        )
        .access(admin)
        .id("id", "The revision")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::campaigns::RevisionView>(200, "Approved")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/campaign-revisions/{id}/reject",
            "Campaigns",
            "Rejects or withdraws a change",
        )
        .access(admin)
        .id("id", "The revision")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::campaigns::RevisionView>(200, "Rejected")
        .status(409),
    );
    d.add(
        Op::new(
            Get,
            "/v1/partner-resources",
            "Campaigns",
            "The links and numbers partners may put in campaigns",
        )
        .access(campaigners)
        .json::<wire::campaigns::ResourceList>(200, "The resources"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/partner-resources",
            "Campaigns",
            "Proposes a link or number campaigns may show (another admin approves)",
        )
        .access(admin)
        .body::<wire::campaigns::NewResourceRequest>()
        .json::<wire::campaigns::ResourceAdditionView>(202, "Proposed: another admin approves it")
        .link(
            202,
            Post,
            "/v1/partner-resource-additions/{id}/approve",
            "id",
            "id",
        )
        .link(
            202,
            Post,
            "/v1/partner-resource-additions/{id}/reject",
            "id",
            "id",
        )
        .status(409),
    );
    d.add(
        Op::new(
            Get,
            "/v1/partner-resource-additions",
            "Campaigns",
            "Additions to the partner resources, newest first",
        )
        .access(triagers)
        .query(
            "state",
            false,
            s::revision_state(),
            "Only additions in this state",
        )
        .query(
            "limit",
            false,
            s::integer(0, u32::MAX.into()),
            "Most additions (default 50)",
        )
        .json::<wire::campaigns::ResourceAdditionList>(200, "The additions"),
    );
    d.add(
        Op::new(
            Post,
            "/v1/partner-resource-additions/{id}/approve",
            "Campaigns",
            "Approves an addition (another admin than its author)",
        )
        .access(admin)
        .id("id", "The addition")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::campaigns::ResourceAdditionView>(200, "Approved: listed")
        .status(409),
    );
    d.add(
        Op::new(
            Post,
            "/v1/partner-resource-additions/{id}/reject",
            "Campaigns",
            "Rejects or withdraws an addition",
        )
        .access(admin)
        .id("id", "The addition")
        .optional_body::<wire::DecisionNote>()
        .json::<wire::campaigns::ResourceAdditionView>(200, "Rejected")
        .status(409),
    );
    d.add(
        Op::new(
            Delete,
            "/v1/partner-resources/{id}",
            "Campaigns",
            "Removes an allowed resource",
        )
        .access(admin)
        .id("id", "The resource")
        .no_content(204, "Removed"),
    );
}

/// Who may call an operation.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone; a key only raises the rate limit.
    Public,
    /// A key of these roles.
    Key(&'static str),
}

/// One operation, as [`operations`] lists it.
struct Op {
    method: HttpMethod,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    access: Access,
    health: bool,
    params: Vec<Parameter>,
    body: Option<(RefOr<Schema>, bool)>,
    media_in: Vec<&'static str>,
    media_out: Vec<&'static str>,
    answers: BTreeMap<u16, (String, Option<RefOr<Schema>>, &'static str)>,
    statuses: Vec<u16>,
    schemas: Vec<(String, RefOr<Schema>)>,
    links: Vec<(u16, &'static str, String, &'static str, &'static str)>,
}

impl Op {
    fn new(method: HttpMethod, path: &'static str, tag: &'static str, summary: &'static str) -> Op {
        Op {
            method,
            path,
            tag,
            summary,
            access: Access::Public,
            health: false,
            params: Vec::new(),
            body: None,
            media_in: vec!["application/json"],
            media_out: Vec::new(),
            answers: BTreeMap::new(),
            statuses: Vec::new(),
            schemas: Vec::new(),
            links: Vec::new(),
        }
    }

    /// A health check: never rate limited, no body.
    fn health(mut self) -> Op {
        self.health = true;
        self
    }

    fn access(mut self, access: Access) -> Op {
        self.access = access;
        self
    }

    fn reference<T: ToSchema>(&mut self) -> RefOr<Schema> {
        self.schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(&mut self.schemas);
        RefOr::Ref(utoipa::openapi::Ref::from_schema_name(T::name()))
    }

    /// The JSON body, required.
    fn body<T: ToSchema>(mut self) -> Op {
        let r = self.reference::<T>();
        self.body = Some((r, true));
        self
    }

    /// The JSON body, optional.
    fn optional_body<T: ToSchema>(mut self) -> Op {
        let r = self.reference::<T>();
        self.body = Some((r, false));
        self
    }

    /// A body of this schema.
    fn body_schema(mut self, schema: impl Into<RefOr<Schema>>) -> Op {
        self.body = Some((schema.into(), true));
        self
    }

    /// Another media type the body may have (same schema).
    fn media(mut self, media: &'static str) -> Op {
        self.media_in.push(media);
        self
    }

    /// Another media type of the success answer.
    fn media_out(mut self, media: &'static str) -> Op {
        self.media_out.push(media);
        self
    }

    fn param(
        mut self,
        name: &str,
        at: ParameterIn,
        required: bool,
        schema: Object,
        what: &str,
    ) -> Op {
        let mut p = Parameter::new(name);
        p.parameter_in = at;
        p.required = if required {
            Required::True
        } else {
            Required::False
        };
        p.schema = Some(RefOr::T(Schema::Object(schema)));
        p.description = Some(what.into());
        self.params.push(p);
        self
    }

    fn query(self, name: &str, required: bool, schema: Object, what: &str) -> Op {
        self.param(name, ParameterIn::Query, required, schema, what)
    }

    fn path(mut self, name: &str, schema: Object, what: &str) -> Op {
        self.statuses.push(404);
        self = self.param(name, ParameterIn::Path, true, schema, what);
        self
    }

    /// A numeric id in the path.
    fn id(self, name: &str, what: &str) -> Op {
        self.path(name, s::integer(1, i64::MAX), what)
    }

    fn json<T: ToSchema>(mut self, status: u16, what: &str) -> Op {
        let r = self.reference::<T>();
        self.answers
            .insert(status, (what.into(), Some(r), "application/json"));
        self
    }

    fn any_json(mut self, status: u16, what: &str) -> Op {
        let any = RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Object))
                .build(),
        ));
        self.answers
            .insert(status, (what.into(), Some(any), "application/json"));
        self
    }

    fn text(mut self, status: u16, what: &str) -> Op {
        let text = RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .build(),
        ));
        self.answers.insert(
            status,
            (what.into(), Some(text), "text/plain; charset=utf-8"),
        );
        self
    }

    fn no_content(mut self, status: u16, what: &str) -> Op {
        self.answers.insert(status, (what.into(), None, ""));
        self
    }

    /// An OpenAPI link: the answer `status` gives the path parameter `param` of the
    /// operation `method path` from the field `field` of its body (a JSON pointer), so
    /// that clients and Schemathesis's stateful phase can follow it.
    fn link(
        mut self,
        status: u16,
        method: HttpMethod,
        path: &'static str,
        param: &'static str,
        field: &'static str,
    ) -> Op {
        let target = operation_id(&method, path);
        self.links.push((status, path, target, param, field));
        self
    }

    /// Another error status this operation can answer.
    fn status(mut self, status: u16) -> Op {
        self.statuses.push(status);
        self
    }

    /// The error statuses: those of what the operation is, and its own.
    fn errors(&self) -> Vec<u16> {
        let mut errors = self.statuses.clone();
        if !self.health {
            errors.extend([429, 503]);
        }
        if !self.params.is_empty() {
            errors.push(400);
        }
        if let Access::Key(_) = self.access {
            errors.extend([401, 403]);
        }
        if self.body.is_some() {
            errors.extend([400, 413, 415, 422]);
        }
        errors.sort_unstable();
        errors.dedup();
        errors.retain(|e| !self.answers.contains_key(e));
        errors
    }

    fn operation(&self) -> Operation {
        let mut op = Operation::new();
        op.summary = Some(self.summary.into());
        op.tags = Some(vec![self.tag.into()]);
        op.operation_id = Some(operation_id(&self.method, self.path));
        if let Access::Key(roles) = self.access {
            op.security = Some(vec![SecurityRequirement::new::<_, _, &str>("bearer", [])]);
            op.description = Some(format!("Needs a key of the role {roles}."));
        }
        if !self.params.is_empty() {
            op.parameters = Some(self.params.clone());
        }
        if let Some((schema, required)) = &self.body {
            let mut body = RequestBody::new();
            for media in &self.media_in {
                body.content
                    .insert((*media).into(), Content::new(Some(schema.clone())));
            }
            body.required = Some(if *required {
                Required::True
            } else {
                Required::False
            });
            op.request_body = Some(body);
        }
        for (status, (what, schema, media)) in &self.answers {
            let mut response = Response::new(what.as_str());
            if let Some(schema) = schema {
                response
                    .content
                    .insert((*media).into(), Content::new(Some(schema.clone())));
                if (200..300).contains(status) {
                    for media in &self.media_out {
                        response
                            .content
                            .insert((*media).into(), Content::new(Some(schema.clone())));
                    }
                }
            }
            for (_, path, target, param, field) in self.links.iter().filter(|(at, ..)| at == status)
            {
                let link = utoipa::openapi::link::LinkBuilder::new()
                    .operation_id(target.as_str())
                    .parameter(*param, format!("$response.body#/{field}"))
                    .description(format!("`{param}` of {path}"))
                    .build();
                response.links.insert(target.clone(), RefOr::T(link));
            }
            op.responses
                .responses
                .insert(status.to_string(), RefOr::T(response));
        }
        for status in self.errors() {
            op.responses.responses.insert(
                status.to_string(),
                RefOr::Ref(utoipa::openapi::Ref::from_response_name(error_name(status))),
            );
        }
        op
    }
}

/// `get_v1_campaigns_id`.
fn operation_id(method: &HttpMethod, path: &str) -> String {
    let method = match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
        _ => "other",
    };
    let words: Vec<&str> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!("{method}_{}", words.join("_"))
}

/// The shared error responses: their names and what they mean.
const ERRORS: [(u16, &str, &str); 12] = [
    (
        400,
        "BadRequest",
        "The query or body cannot be read (malformed JSON, a wrong type, a missing parameter)",
    ),
    (
        401,
        "Unauthorized",
        "No valid API key: send `Authorization: Bearer KEY`",
    ),
    (403, "Forbidden", "The key's role or region may not do this"),
    (404, "NotFound", "No such resource"),
    (
        405,
        "MethodNotAllowed",
        "The path does not take this method",
    ),
    (
        409,
        "Conflict",
        "The resource's state does not allow this (already decided, a second approver needed, a duplicate)",
    ),
    (413, "TooLarge", "The body is larger than accepted"),
    (
        415,
        "UnsupportedMediaType",
        "The body must be `application/json`",
    ),
    (
        422,
        "Invalid",
        "The body was read but a field is invalid; the message names it, `fields` lists each",
    ),
    (
        429,
        "RateLimited",
        "Too many requests: wait `Retry-After` seconds",
    ),
    (500, "Internal", "An internal error"),
    (
        503,
        "Unavailable",
        "The store cannot be reached or the node is draining: retry after `Retry-After` seconds",
    ),
];

fn error_name(status: u16) -> &'static str {
    ERRORS
        .iter()
        .find(|e| e.0 == status)
        .map_or("Internal", |e| e.1)
}

#[derive(Default)]
struct Doc {
    paths: BTreeMap<&'static str, PathItem>,
    schemas: BTreeMap<String, RefOr<Schema>>,
}

impl Doc {
    fn add(&mut self, op: Op) {
        let operation = op.operation();
        for (name, schema) in &op.schemas {
            self.schemas.insert(name.clone(), schema.clone());
        }
        let item = self.paths.entry(op.path).or_default();
        match op.method {
            HttpMethod::Get => item.get = Some(operation),
            HttpMethod::Post => item.post = Some(operation),
            HttpMethod::Put => item.put = Some(operation),
            HttpMethod::Patch => item.patch = Some(operation),
            HttpMethod::Delete => item.delete = Some(operation),
            _ => {}
        }
    }

    fn finish(mut self) -> OpenApi {
        self.schemas.insert(
            wire::ErrorBody::name().into_owned(),
            wire::ErrorBody::schema(),
        );
        let mut collected = Vec::new();
        wire::ErrorBody::schemas(&mut collected);
        self.schemas.extend(collected);
        let mut components = Components::new();
        components.schemas = self.schemas.into_iter().collect();
        for (status, name, what) in ERRORS {
            let mut response = Response::new(what);
            response.content.insert(
                "application/json".into(),
                Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    wire::ErrorBody::name(),
                )))),
            );
            if status == 429 || status == 503 {
                let mut header = Header::new(
                    ObjectBuilder::new()
                        .schema_type(SchemaType::Type(Type::Integer))
                        .build(),
                );
                header.description = Some("Seconds to wait before retrying".into());
                response.headers.insert("Retry-After".into(), header);
            }
            components.responses.insert(name.into(), RefOr::T(response));
        }
        components.security_schemes.insert(
            "bearer".into(),
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key (`ask_…`) from `antiscam keys create --role ROLE` or `POST /v1/keys`.",
                    ))
                    .build(),
            ),
        );
        let mut paths = Paths::new();
        paths.paths = self
            .paths
            .into_iter()
            .map(|(p, i)| (p.to_owned(), i))
            .collect();
        let mut info = Info::new("antiscam API", env!("CARGO_PKG_VERSION"));
        info.description = Some(
            "Is this website, email, phone number, social account or wallet address really the \
             exchange's, an imitation of it, or a reported scam, and why? Generated from the \
             code (`server::openapi`); see docs/INTEGRATING.md. Every error has the shape \
             `{\"error\": {\"code\", \"message\", \"fields\"?}}`."
                .into(),
        );
        let mut doc = OpenApi::new(info, paths);
        doc.openapi = OpenApiVersion::Version31;
        doc.components = Some(components);
        doc.servers = Some(vec![Server::new("/")]);
        doc.tags = Some(
            [
                "Verify",
                "Registry",
                "Reports",
                "Keys",
                "Withdrawals",
                "Campaigns",
                "Health",
            ]
            .into_iter()
            .map(Tag::new)
            .collect(),
        );
        doc
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Routes that are not JSON operations, so not in the document: the web pages, the
    /// console and its assets (HTML, CSS, SVG, CSV); the TAXII 2.1 server and the MISP
    /// feed, whose protocols OASIS and MISP specify (docs/FEEDS.md; checked with
    /// taxii2-client and PyMISP in `tests/api/taxii.rs`).
    const NOT_JSON: &[&str] = &[
        "/",
        "/analyze",
        "/assets/",
        "/console",
        "/taxii2",
        "/feeds/misp",
        "/learn",
        "/official",
        "/report",
    ];

    fn excluded(path: &str) -> bool {
        NOT_JSON.iter().any(|p| {
            path == *p
                || (p.len() > 1 && path.starts_with(&format!("{p}/")))
                || (p.ends_with('/') && path.starts_with(p))
        })
    }

    /// The snapshot of the document, committed so that every change of the contract shows
    /// in review. `ANTISCAM_UPDATE_OPENAPI=1 cargo test -p server openapi` rewrites it.
    #[test]
    fn snapshot() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
        let generated = super::json();
        if std::env::var_os("ANTISCAM_UPDATE_OPENAPI").is_some() {
            std::fs::write(&path, &generated).expect("write the snapshot");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "crates/server/openapi.json differs from the document the code generates: \
             review the change, then rewrite the snapshot with \
             `ANTISCAM_UPDATE_OPENAPI=1 cargo test -p server openapi::tests::snapshot`"
        );
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// `(METHOD, path)` of every `.route("…", get(…).post(…))` in the server's sources.
    fn routes() -> BTreeSet<(String, String)> {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut routes = BTreeSet::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let mut rest = source.as_str();
            while let Some(at) = rest.find(".route(") {
                rest = &rest[at + ".route(".len()..];
                let Some(open) = rest.find('"') else { break };
                let Some(len) = rest[open + 1..].find('"') else {
                    break;
                };
                let path = &rest[open + 1..open + 1 + len];
                if !path.starts_with('/') {
                    continue;
                }
                let after = &rest[open + 1 + len + 1..];
                let end = [".route(", ".merge(", ".nest(", ".fallback(", "\n}"]
                    .iter()
                    .filter_map(|m| after.find(m))
                    .min()
                    .unwrap_or(after.len());
                let handlers = &after[..end];
                for method in ["get", "post", "put", "patch", "delete"] {
                    let needle = format!("{method}(");
                    let found = handlers.match_indices(&needle).any(|(i, _)| {
                        i == 0
                            || !handlers[..i]
                                .chars()
                                .next_back()
                                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                    });
                    if found {
                        routes.insert((method.to_uppercase(), path.to_owned()));
                    }
                }
            }
        }
        routes
    }

    fn documented() -> BTreeSet<(String, String)> {
        let doc = super::value();
        let mut ops = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in ["get", "post", "put", "patch", "delete"] {
                if item.get(method).is_some() {
                    ops.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        ops
    }

    /// Every JSON route of the router is in the document, and every operation of the
    /// document is a route. A new endpoint needs one line in `operations`.
    #[test]
    fn every_route_is_documented() {
        let routes = routes();
        assert!(
            routes.len() > 40,
            "the route scan found too little: {routes:?}"
        );
        let documented = documented();
        let missing: Vec<String> = routes
            .iter()
            .filter(|(_, p)| !excluded(p))
            .filter(|r| !documented.contains(*r))
            .map(|(m, p)| format!("{m} {p}"))
            .collect();
        assert!(
            missing.is_empty(),
            "routes missing from the OpenAPI document (add a line to \
             server::openapi::operations, or to NOT_JSON if it is not a JSON operation):\n  {}",
            missing.join("\n  ")
        );
        let stale: Vec<String> = documented
            .iter()
            .filter(|r| !routes.contains(*r))
            .map(|(m, p)| format!("{m} {p}"))
            .collect();
        assert!(
            stale.is_empty(),
            "documented operations that are no route:\n  {}",
            stale.join("\n  ")
        );
    }

    /// Every `$ref` points at a component, and every operation answers with its errors
    /// in the one shape.
    #[test]
    fn references_resolve_and_errors_have_one_shape() {
        let doc = super::value();
        let text = doc.to_string();
        for piece in text.split("\"$ref\":\"").skip(1) {
            let reference = &piece[..piece.find('"').unwrap_or(0)];
            let pointer = reference.trim_start_matches('#');
            assert!(
                doc.pointer(pointer).is_some(),
                "{reference} resolves to nothing"
            );
        }
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("item") {
                for (status, response) in op["responses"].as_object().expect("responses") {
                    if status.starts_with('4') {
                        assert!(
                            response["$ref"]
                                .as_str()
                                .is_some_and(|r| r.starts_with("#/components/responses/")),
                            "{method} {path} {status}"
                        );
                    }
                }
            }
        }
    }

    /// Every link follows to an operation that exists, fills a path parameter it has,
    /// from a field the answer's schema has: a link that led nowhere would make the
    /// stateful tests (and clients following it) fail far from the cause.
    #[test]
    fn links_lead_to_real_operations_and_fields() {
        let doc = super::value();
        let mut operations = std::collections::BTreeMap::new();
        for item in doc["paths"].as_object().expect("paths").values() {
            for op in item.as_object().expect("item").values() {
                if let Some(id) = op["operationId"].as_str() {
                    operations.insert(id.to_owned(), op.clone());
                }
            }
        }
        // The property names of a schema, following `$ref` and `allOf`.
        fn fields(doc: &serde_json::Value, schema: &serde_json::Value, out: &mut Vec<String>) {
            if let Some(r) = schema["$ref"].as_str() {
                let target = doc.pointer(r.trim_start_matches('#')).expect("ref");
                return fields(doc, target, out);
            }
            if let Some(props) = schema["properties"].as_object() {
                out.extend(props.keys().cloned());
            }
            for part in schema["allOf"].as_array().into_iter().flatten() {
                fields(doc, part, out);
            }
        }
        let mut links = 0;
        for op in operations.values() {
            for response in op["responses"].as_object().expect("responses").values() {
                let Some(found) = response["links"].as_object() else {
                    continue;
                };
                let schema = &response["content"]["application/json"]["schema"];
                let mut have = Vec::new();
                fields(&doc, schema, &mut have);
                for link in found.values() {
                    links += 1;
                    let target = link["operationId"].as_str().expect("operationId");
                    let target_op = operations.get(target).expect(target);
                    for (param, value) in link["parameters"].as_object().expect("parameters") {
                        assert!(
                            target_op["parameters"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .any(|p| p["name"] == param.as_str() && p["in"] == "path"),
                            "{target} has no path parameter {param}"
                        );
                        let field = value
                            .as_str()
                            .and_then(|v| v.strip_prefix("$response.body#/"))
                            .expect("a body field");
                        assert!(
                            have.iter().any(|f| f == field),
                            "the answer linking to {target} has no field {field}: {have:?}"
                        );
                    }
                }
            }
        }
        assert!(links >= 20, "{links} links");
    }
}

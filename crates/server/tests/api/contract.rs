//! The contract: examples of every operation of `/openapi.json`, sent to a real server,
//! answer a status the document lists for that operation, with a body that its schema
//! accepts (a light JSON Schema check: types, required, enums, bounds, closed objects,
//! `$ref`, `oneOf`/`anyOf`/`allOf`), and every documented operation has an example.
//! Schemathesis (`scripts/schemathesis.sh`, in CI) then tries many more.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use serde_json::{Value, json};
use store::Role;

use super::harness::{Response, TestServer};

/// Why `value` does not match `schema`, if it does not.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema["$ref"].as_str() {
        let target = doc
            .pointer(r.trim_start_matches('#'))
            .ok_or_else(|| format!("{at}: {r} resolves to nothing"))?;
        return check(doc, target, value, at);
    }
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            check(doc, s, value, at)?;
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(any) = schema[key].as_array() {
            let matched = any
                .iter()
                .filter(|s| check(doc, s, value, at).is_ok())
                .count();
            if matched == 0 || (key == "oneOf" && matched > 1) {
                return Err(format!("{at}: {value} matches {matched} of the {key}"));
            }
        }
    }
    if let Some(values) = schema["enum"].as_array()
        && !values.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {values:?}"));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !ok {
            return Err(format!("{at}: {value} is a {actual}, not {types:?}"));
        }
    }
    match value {
        Value::String(s) => {
            let n = s.chars().count() as u64;
            if schema["minLength"].as_u64().is_some_and(|m| n < m)
                || schema["maxLength"].as_u64().is_some_and(|m| n > m)
            {
                return Err(format!("{at}: {n} characters is out of bounds"));
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if schema["minimum"].as_f64().is_some_and(|m| x < m)
                || schema["maximum"].as_f64().is_some_and(|m| x > m)
            {
                return Err(format!("{at}: {x} is out of bounds"));
            }
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            if schema["minItems"].as_u64().is_some_and(|m| n < m)
                || schema["maxItems"].as_u64().is_some_and(|m| n > m)
            {
                return Err(format!("{at}: {n} items is out of bounds"));
            }
            for (i, item) in items.iter().enumerate() {
                if !schema["items"].is_null() {
                    check(doc, &schema["items"], item, &format!("{at}[{i}]"))?;
                }
            }
        }
        Value::Object(map) => {
            for required in schema["required"].as_array().into_iter().flatten() {
                let name = required.as_str().unwrap_or_default();
                if !map.contains_key(name) {
                    return Err(format!("{at}: the required {name} is missing"));
                }
            }
            for (name, v) in map {
                let field = format!("{at}.{name}");
                match schema["properties"].get(name) {
                    Some(s) => check(doc, s, v, &field)?,
                    None => match &schema["additionalProperties"] {
                        Value::Bool(false) => {
                            return Err(format!("{field} is not allowed"));
                        }
                        Value::Object(_) => {
                            check(doc, &schema["additionalProperties"], v, &field)?;
                        }
                        _ => {}
                    },
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The operation of `method` `template` in `doc`.
fn operation<'d>(doc: &'d Value, method: &str, template: &str) -> &'d Value {
    let op = &doc["paths"][template][method.to_lowercase()];
    assert!(op.is_object(), "{method} {template} is not documented");
    op
}

struct Contract {
    doc: Value,
    checked: BTreeSet<(String, String)>,
}

impl Contract {
    /// Checks a request body against the operation's schema and the answer against
    /// its documented status and schema.
    fn answer(&mut self, method: &str, template: &str, body: Option<&Value>, r: &Response) {
        let op = operation(&self.doc, method, template).clone();
        if let Some(body) = body {
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if let Err(e) = check(&self.doc, schema, body, "request") {
                panic!("{method} {template}: the example request is not valid: {e}");
            }
        }
        let status = r.status.to_string();
        let mut response = op["responses"][&status].clone();
        assert!(
            !response.is_null(),
            "{method} {template} answered {status}, which the document does not list: {}",
            r.text()
        );
        if let Some(name) = response["$ref"].as_str() {
            response = self
                .doc
                .pointer(name.trim_start_matches('#'))
                .unwrap()
                .clone();
        }
        let media = r
            .header("content-type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let content = response["content"].as_object();
        match content {
            None => assert!(
                r.text().is_empty(),
                "{method} {template}: {status} has no documented body"
            ),
            Some(content) => {
                let schema = content
                    .iter()
                    .find(|(m, _)| m.split(';').next().unwrap_or_default().trim() == media)
                    .map(|(_, c)| c["schema"].clone())
                    .unwrap_or_else(|| {
                        panic!("{method} {template}: {status} as {media} is not documented")
                    });
                if media.ends_with("json")
                    && let Err(e) = check(&self.doc, &schema, &r.json(), "response")
                {
                    panic!("{method} {template} {status}: {e}\n{}", r.text());
                }
            }
        }
        self.checked
            .insert((method.to_owned(), template.to_owned()));
    }
}

async fn send(
    server: &TestServer,
    method: &str,
    path: &str,
    auth: &str,
    body: Option<&Value>,
) -> Response {
    let text = body.map(Value::to_string);
    let headers: Vec<(&str, &str)> = if auth.is_empty() {
        Vec::new()
    } else {
        vec![("Authorization", auth)]
    };
    server
        .request(
            method,
            path,
            &headers,
            text.as_deref().map(|t| ("application/json", t)),
        )
        .await
}

#[tokio::test]
async fn every_operation_answers_as_documented() {
    let server = TestServer::start().await;
    let doc = server.get("/openapi.json", &[]).await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let admin = format!("Bearer {}", server.key(Role::Admin).await);
    let second_admin = format!("Bearer {}", server.key(Role::Admin).await);
    let mut c = Contract {
        doc,
        checked: BTreeSet::new(),
    };

    // (method, template, path, auth, body)
    let simple: Vec<(&str, &str, String, &str, Option<Value>)> = vec![
        ("GET", "/livez", "/livez".into(), "", None),
        ("GET", "/readyz", "/readyz".into(), "", None),
        ("GET", "/healthz", "/healthz".into(), "", None),
        ("GET", "/openapi.json", "/openapi.json".into(), "", None),
        (
            "GET",
            "/v1/verify",
            "/v1/verify?q=examp1e.com&lang=zh-Hant".into(),
            "",
            None,
        ),
        (
            "POST",
            "/v1/verify",
            "/v1/verify".into(),
            "",
            Some(
                json!({"inputs": ["example.com", "evil.io", "+852 3000 0000", "0x52908400098527886E0F7030069857D2E4169Ee7"]}),
            ),
        ),
        (
            "POST",
            "/v1/analyze",
            "/v1/analyze".into(),
            "",
            Some(
                json!({"text": "Your account is frozen! Verify now at https://examp1e.com/login", "channel": "sms"}),
            ),
        ),
        (
            "GET",
            "/v1/tactics",
            "/v1/tactics?lang=zh-Hans".into(),
            "",
            None,
        ),
        (
            "POST",
            "/v1/sent-messages",
            "/v1/sent-messages".into(),
            &admin,
            Some(
                json!({"messages": [{"user": "u1", "channel": "sms", "sent_at": "2026-01-01T00:00:00Z", "text": "Your code is 123456"}]}),
            ),
        ),
        ("GET", "/v1/registry", "/v1/registry".into(), "", None),
        (
            "GET",
            "/.well-known/antiscam/registry.json",
            "/.well-known/antiscam/registry.json".into(),
            "",
            None,
        ),
        (
            "GET",
            "/.well-known/antiscam/registry.json.sig",
            "/.well-known/antiscam/registry.json.sig".into(),
            "",
            None,
        ),
        (
            "GET",
            "/.well-known/antiscam/registry-key",
            "/.well-known/antiscam/registry-key".into(),
            "",
            None,
        ),
        (
            "POST",
            "/v1/reports",
            "/v1/reports".into(),
            "",
            Some(
                json!({"indicators": ["scam-site.example.net"], "text": "They asked for my seed phrase", "channel": "telegram", "region": "HK"}),
            ),
        ),
        (
            "GET",
            "/v1/reports",
            "/v1/reports?region=HK&limit=5".into(),
            &admin,
            None,
        ),
        (
            "GET",
            "/v1/triage",
            "/v1/triage?limit=5".into(),
            &admin,
            None,
        ),
        (
            "GET",
            "/v1/triage/{group}",
            "/v1/triage/domain:scam-site.example.net".into(),
            &admin,
            None,
        ),
        (
            "POST",
            "/v1/triage/{group}",
            "/v1/triage/domain:scam-site.example.net".into(),
            &admin,
            Some(json!({"action": "confirm", "note": "seen it"})),
        ),
        (
            "POST",
            "/v1/disputes",
            "/v1/disputes".into(),
            "",
            Some(json!({"indicator": "evil.io", "reason": "This is my shop"})),
        ),
        (
            "GET",
            "/v1/disputes",
            "/v1/disputes?state=open".into(),
            &admin,
            None,
        ),
        ("GET", "/v1/audit", "/v1/audit?limit=3".into(), &admin, None),
        (
            "GET",
            "/v1/export",
            "/v1/export?format=misp".into(),
            &admin,
            None,
        ),
        ("GET", "/v1/keys", "/v1/keys".into(), &admin, None),
        (
            "POST",
            "/v1/withdrawals/screen",
            "/v1/withdrawals/screen".into(),
            &admin,
            Some(
                json!({"user": "u1", "region": "HK", "asset": "USDT", "network": "ethereum", "amount": "100", "destination": super::campaigns::PLAIN}),
            ),
        ),
        (
            "POST",
            "/v1/user-scam-reports",
            "/v1/user-scam-reports".into(),
            &admin,
            Some(json!({"user": "u1"})),
        ),
        ("GET", "/v1/campaigns", "/v1/campaigns".into(), &admin, None),
        (
            "GET",
            "/v1/registry/proposals",
            "/v1/registry/proposals".into(),
            &admin,
            None,
        ),
        (
            "GET",
            "/v1/campaign-revisions",
            "/v1/campaign-revisions".into(),
            &admin,
            None,
        ),
        (
            "POST",
            "/v1/campaign-revisions/{id}/approve",
            "/v1/campaign-revisions/999/approve".into(),
            &admin,
            None,
        ),
        (
            "POST",
            "/v1/campaign-revisions/{id}/reject",
            "/v1/campaign-revisions/999/reject".into(),
            &admin,
            None,
        ),
        (
            "GET",
            "/v1/partner-resources",
            "/v1/partner-resources".into(),
            &admin,
            None,
        ),
    ];
    for (method, template, path, auth, body) in &simple {
        let r = send(&server, method, path, auth, body.as_ref()).await;
        c.answer(method, template, body.as_ref(), &r);
        if !template.starts_with("/v1/campaign-revisions/") {
            assert!(r.status < 300, "{method} {path}: {} {}", r.status, r.text());
        }
    }
    // The confirmation above waits for a second analyst (the two-person rule): listed,
    // approved by another key; an unknown one cannot be rejected.
    let r = send(
        &server,
        "GET",
        "/v1/triage-decisions?state=pending",
        &admin,
        None,
    )
    .await;
    c.answer("GET", "/v1/triage-decisions", None, &r);
    let id = r.json()["decisions"][0]["id"].as_i64().unwrap();
    let body = json!({"note": "checked"});
    let r = send(
        &server,
        "POST",
        &format!("/v1/triage-decisions/{id}/approve"),
        &second_admin,
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    c.answer("POST", "/v1/triage-decisions/{id}/approve", Some(&body), &r);
    let r = send(
        &server,
        "POST",
        "/v1/triage-decisions/999/reject",
        &admin,
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.text());
    c.answer("POST", "/v1/triage-decisions/{id}/reject", None, &r);
    // Without a key, where one is needed: 401 in the one error shape.
    for (method, template, path) in [
        ("GET", "/v1/keys", "/v1/keys"),
        ("GET", "/v1/audit", "/v1/audit"),
    ] {
        let r = send(&server, method, path, "", None).await;
        assert_eq!(r.status, 401);
        c.answer(method, template, None, &r);
    }

    // Keys: made, rotated, revoked.
    let body = json!({"role": "partner", "region": "HK", "label": "HK police"});
    let r = send(&server, "POST", "/v1/keys", &admin, Some(&body)).await;
    c.answer("POST", "/v1/keys", Some(&body), &r);
    let id = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "POST",
        &format!("/v1/keys/{id}/rotate"),
        &admin,
        None,
    )
    .await;
    c.answer("POST", "/v1/keys/{id}/rotate", None, &r);
    let id = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "POST",
        &format!("/v1/keys/{id}/revoke"),
        &admin,
        None,
    )
    .await;
    c.answer("POST", "/v1/keys/{id}/revoke", None, &r);

    // Webhooks: the list; a private target refused (this server does not allow them);
    // an unknown subscription.
    let r = send(&server, "GET", "/v1/webhooks", &admin, None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    c.answer("GET", "/v1/webhooks", None, &r);
    let body =
        json!({"url": "https://127.0.0.1/hook", "events": ["listing.created"], "regions": ["HK"]});
    let r = send(&server, "POST", "/v1/webhooks", &admin, Some(&body)).await;
    assert_eq!(r.status, 422, "{}", r.text());
    c.answer("POST", "/v1/webhooks", Some(&body), &r);
    for (method, template, path) in [
        ("DELETE", "/v1/webhooks/{id}", "/v1/webhooks/999"),
        (
            "GET",
            "/v1/webhooks/{id}/deliveries",
            "/v1/webhooks/999/deliveries?state=dead",
        ),
        (
            "POST",
            "/v1/webhooks/{id}/replay",
            "/v1/webhooks/999/replay",
        ),
    ] {
        let r = send(&server, method, path, &admin, None).await;
        assert_eq!(r.status, 404, "{method} {path}: {}", r.text());
        c.answer(method, template, None, &r);
    }

    // Signed retractions and their key.
    for (path, auth) in [
        ("/.well-known/antiscam/retractions-key", ""),
        ("/v1/retractions", admin.as_str()),
    ] {
        let r = send(&server, "GET", path, auth, None).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        c.answer("GET", path, None, &r);
    }
    // The friction ladder's calls on a screening that does not exist.
    for (template, body) in [
        (
            "/v1/screenings/{id}/answers",
            Some(json!({"answers": [{"question": "who", "answer": "nobody"}]})),
        ),
        ("/v1/screenings/{id}/release", None),
        (
            "/v1/screenings/{id}/contact-notified",
            Some(json!({"sent": true})),
        ),
    ] {
        let path = template.replace("{id}", "scr_unknown");
        let r = send(&server, "POST", &path, &admin, body.as_ref()).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        c.answer("POST", template, body.as_ref(), &r);
    }

    // A dispute decided.
    let r = send(&server, "GET", "/v1/disputes", &admin, None).await;
    let id = r.json()["disputes"][0]["id"].as_i64().unwrap();
    let body = json!({"action": "reject", "note": "still a scam"});
    let r = send(
        &server,
        "POST",
        &format!("/v1/disputes/{id}"),
        &admin,
        Some(&body),
    )
    .await;
    c.answer("POST", "/v1/disputes/{id}", Some(&body), &r);

    // A screening's outcome.
    let body = json!({"user": "u2", "region": "HK", "asset": "USDT", "network": "ethereum", "amount": 12.5, "destination": super::campaigns::PLAIN});
    let r = send(
        &server,
        "POST",
        "/v1/withdrawals/screen",
        &admin,
        Some(&body),
    )
    .await;
    let screening = r.json()["screening_id"].as_str().unwrap().to_owned();
    let body = json!({"action": "cancelled"});
    let r = send(
        &server,
        "POST",
        &format!("/v1/screenings/{screening}/outcome"),
        &admin,
        Some(&body),
    )
    .await;
    c.answer("POST", "/v1/screenings/{id}/outcome", Some(&body), &r);

    // Partner resources and a campaign.
    let body = json!({"value": "+852 18222", "label": "Anti-Scam Helpline"});
    let r = send(
        &server,
        "POST",
        "/v1/partner-resources",
        &admin,
        Some(&body),
    )
    .await;
    c.answer("POST", "/v1/partner-resources", Some(&body), &r);
    assert_eq!(r.status, 202, "{}", r.text());
    // An addition waits for a second admin; one withdrawn, one approved.
    let addition = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "GET",
        "/v1/partner-resource-additions?state=pending",
        &admin,
        None,
    )
    .await;
    c.answer("GET", "/v1/partner-resource-additions", None, &r);
    let note = json!({"note": "the police's hotline"});
    let r = send(
        &server,
        "POST",
        &format!("/v1/partner-resource-additions/{addition}/approve"),
        &second_admin,
        Some(&note),
    )
    .await;
    c.answer(
        "POST",
        "/v1/partner-resource-additions/{id}/approve",
        Some(&note),
        &r,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let resource = r.json()["resource_id"].as_i64().unwrap();
    let other = json!({"value": "https://www.adcc.gov.hk/", "label": "ADCC"});
    let r = send(
        &server,
        "POST",
        "/v1/partner-resources",
        &admin,
        Some(&other),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let withdrawn = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "POST",
        &format!("/v1/partner-resource-additions/{withdrawn}/reject"),
        &admin,
        None,
    )
    .await;
    c.answer(
        "POST",
        "/v1/partner-resource-additions/{id}/reject",
        None,
        &r,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let body = json!({
        "name": "Stop and think", "partner": "Hong Kong Police Force", "regions": ["HK"],
        "status": "draft", "starts_at": "2026-01-01T00:00:00Z", "holdout_percent": 10,
        "variants": [{"key": "police", "content": {"en": {"title": "Stop", "message": "Scammers pose as police.",
            "contacts": [{"label": "Anti-Scam Helpline", "phone": "+852 18222"}]}}}]
    });
    let r = send(&server, "POST", "/v1/campaigns", &admin, Some(&body)).await;
    c.answer("POST", "/v1/campaigns", Some(&body), &r);
    let campaign = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "GET",
        &format!("/v1/campaigns/{campaign}"),
        &admin,
        None,
    )
    .await;
    c.answer("GET", "/v1/campaigns/{id}", None, &r);
    let body = json!({"name": "Stop, think, call", "ends_at": null});
    let r = send(
        &server,
        "PATCH",
        &format!("/v1/campaigns/{campaign}"),
        &admin,
        Some(&body),
    )
    .await;
    c.answer("PATCH", "/v1/campaigns/{id}", Some(&body), &r);
    let r = send(
        &server,
        "GET",
        &format!("/v1/campaigns/{campaign}/stats"),
        &admin,
        None,
    )
    .await;
    c.answer("GET", "/v1/campaigns/{id}/stats", None, &r);
    let r = send(
        &server,
        "DELETE",
        &format!("/v1/partner-resources/{resource}"),
        &admin,
        None,
    )
    .await;
    c.answer("DELETE", "/v1/partner-resources/{id}", None, &r);

    // Registry proposals: one rejected, one approved by a second admin.
    let mut registry = send(&server, "GET", "/v1/registry", "", None).await.json();
    registry["brand"][0]["domains"]
        .as_array_mut()
        .unwrap()
        .push(json!("example-support.com"));
    let r = send(&server, "PUT", "/v1/registry", &admin, Some(&registry)).await;
    c.answer("PUT", "/v1/registry", Some(&registry), &r);
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let r = send(
        &server,
        "GET",
        &format!("/v1/registry/proposals/{id}"),
        &admin,
        None,
    )
    .await;
    c.answer("GET", "/v1/registry/proposals/{id}", None, &r);
    let r = send(
        &server,
        "POST",
        &format!("/v1/registry/proposals/{id}/reject"),
        &second_admin,
        None,
    )
    .await;
    c.answer("POST", "/v1/registry/proposals/{id}/reject", None, &r);
    let body = json!({"changes": [{"op": "add", "brand": "Example Exchange", "kind": "domains", "value": "example-help.com"}]});
    let r = send(
        &server,
        "POST",
        "/v1/registry/proposals",
        &admin,
        Some(&body),
    )
    .await;
    c.answer("POST", "/v1/registry/proposals", Some(&body), &r);
    let id = r.json()["id"].as_i64().unwrap();
    let body = json!({"note": "checked"});
    let r = send(
        &server,
        "POST",
        &format!("/v1/registry/proposals/{id}/approve"),
        &second_admin,
        Some(&body),
    )
    .await;
    c.answer(
        "POST",
        "/v1/registry/proposals/{id}/approve",
        Some(&body),
        &r,
    );
    assert_eq!(r.status, 200, "{}", r.text());

    let mut documented = BTreeSet::new();
    for (path, item) in c.doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let unchecked: Vec<_> = documented.difference(&c.checked).collect();
    assert!(
        unchecked.is_empty(),
        "operations without an example here: {unchecked:?}"
    );
}

#[test]
fn the_light_check_refuses_what_it_should() {
    let doc = json!({"components": {"schemas": {"A": {"type": "object", "required": ["a"],
        "properties": {"a": {"type": "string", "maxLength": 2}, "b": {"type": ["integer", "null"], "minimum": 1}},
        "additionalProperties": false}}}});
    let a = json!({"$ref": "#/components/schemas/A"});
    assert!(check(&doc, &a, &json!({"a": "xy", "b": null}), "").is_ok());
    assert!(check(&doc, &a, &json!({"a": "xy", "b": 3}), "").is_ok());
    for bad in [
        json!({}),
        json!({"a": "xyz"}),
        json!({"a": "x", "b": 0}),
        json!({"a": "x", "c": 1}),
        json!({"a": 1}),
        json!([]),
    ] {
        assert!(check(&doc, &a, &bad, "").is_err(), "{bad}");
    }
}

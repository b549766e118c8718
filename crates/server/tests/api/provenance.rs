//! "Did we send this?": the exchange registers what it sent; an analysis that names the
//! user answers `sent_by_us` (despite re-typing noise), `not_sent_by_us` (claims the
//! brand, matches nothing sent to this user) or `unknown`; only integrators may ask.

use serde_json::json;
use store::Role;

use super::harness::TestServer;

/// A time `hours` before now, RFC 3339: registered messages older than the retention
/// (90 days) are not kept.
fn ago(hours: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    wire::rfc3339(now - hours * 3_600)
}

const SENT: &str = "Example Exchange: your withdrawal of 250 USDT is pending. \
                    Review it at https://example.com/w/8f3a?id=42&utm_source=sms";

#[tokio::test]
async fn a_registered_message_is_recognized_for_its_user_only() {
    let server = TestServer::start().await;
    let integrator = format!("Bearer {}", server.key(Role::Integrator).await);
    let auth = [("Authorization", integrator.as_str())];
    let sms_at = ago(48);
    let body = json!({"messages": [
        {"user": "u-1001", "channel": "sms", "sent_at": sms_at, "text": SENT},
        {"user": "u-1001", "channel": "email", "sent_at": ago(24),
         "text": "Your verification code is 482913."},
    ]});
    let r = server
        .post_json("/v1/sent-messages", &body.to_string(), &auth)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["registered"], 2);
    // The text and its link, and the second text.
    assert_eq!(r.json()["fingerprints_added"], 3);
    // Attributable: the batch is in the audit log with its key, without users or texts.
    let admin = format!("Bearer {}", server.key(Role::Admin).await);
    let audit = server
        .get("/v1/audit", &[("Authorization", admin.as_str())])
        .await
        .text();
    assert!(audit.contains("sent.register"), "{audit}");
    assert!(
        !audit.contains("u-1001") && !audit.contains("withdrawal"),
        "{audit}"
    );
    // Sent again: nothing new.
    let r = server
        .post_json("/v1/sent-messages", &body.to_string(), &auth)
        .await;
    assert_eq!(r.json()["fingerprints_added"], 0);

    let ask = |text: &str, user: &str| {
        json!({"text": text, "user": user, "received_at": ago(47)}).to_string()
    };
    // Re-typed: case, spaces, the tracking parameter dropped.
    let retyped = "example exchange:  your withdrawal of 250 USDT is pending.\n\
                   Review it at https://example.com/w/8f3a?id=42";
    let r = server
        .post_json("/v1/analyze", &ask(retyped, "u-1001"), &auth)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let p = &r.json()["provenance"];
    assert_eq!(p["status"], "sent_by_us", "{p}");
    assert_eq!(p["channel"], "sms");
    assert_eq!(p["sent_at"], sms_at.as_str());
    assert_eq!(p["links_sent_by_us"], 1);

    // Another user, the same text: the exchange did not send it to them.
    let r = server
        .post_json("/v1/analyze", &ask(retyped, "u-2002"), &auth)
        .await;
    let p = &r.json()["provenance"];
    assert_eq!(p["status"], "not_sent_by_us", "{p}");
    assert_eq!(p["links_sent_by_us"], 0);
    assert!(p.get("sent_at").is_none());

    // A changed amount claims the brand and matches nothing.
    let r = server
        .post_json(
            "/v1/analyze",
            &ask(&SENT.replace("250", "2500"), "u-1001"),
            &auth,
        )
        .await;
    assert_eq!(r.json()["provenance"]["status"], "not_sent_by_us");
    // The code message with another code is still ours (codes are masked).
    let r = server
        .post_json(
            "/v1/analyze",
            &json!({"text": "Your verification code is 105377.", "user": "u-1001"}).to_string(),
            &auth,
        )
        .await;
    assert_eq!(r.json()["provenance"]["status"], "sent_by_us");
    // Received before it was sent: not this message.
    let r = server
        .post_json(
            "/v1/analyze",
            &json!({"text": retyped, "user": "u-1001", "received_at": ago(96)}).to_string(),
            &auth,
        )
        .await;
    assert_eq!(r.json()["provenance"]["status"], "not_sent_by_us");
    // Nothing about the brand: nothing to tell.
    let r = server
        .post_json(
            "/v1/analyze",
            &ask("See you at lunch tomorrow?", "u-1001"),
            &auth,
        )
        .await;
    assert_eq!(r.json()["provenance"]["status"], "unknown");
    // Localized.
    let r = server
        .post_json(
            "/v1/analyze",
            &json!({"text": retyped, "user": "u-1001", "lang": "zh-Hant"}).to_string(),
            &auth,
        )
        .await;
    let explanation = r.json()["provenance"]["explanation"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(explanation.contains("我們"), "{explanation}");
    // Without `user`, no provenance at all.
    let r = server
        .post_json("/v1/analyze", &json!({"text": retyped}).to_string(), &auth)
        .await;
    assert!(r.json().get("provenance").is_none());
}

#[tokio::test]
async fn only_integrators_ask_and_bad_batches_are_refused_whole() {
    let server = TestServer::start().await;
    let integrator = format!("Bearer {}", server.key(Role::Integrator).await);
    let analyst = format!("Bearer {}", server.key(Role::Analyst).await);
    let ask = json!({"text": SENT, "user": "u-1001"}).to_string();
    // The public and staff other than integrators cannot probe what a user received.
    assert_eq!(server.post_json("/v1/analyze", &ask, &[]).await.status, 403);
    let r = server
        .post_json("/v1/analyze", &ask, &[("Authorization", &analyst)])
        .await;
    assert_eq!(r.status, 403);
    let r = server
        .post_json(
            "/v1/analyze",
            &json!({"text": SENT, "received_at": &ago(1)}).to_string(),
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["code"], "received_at_without_user");

    let auth = [("Authorization", integrator.as_str())];
    let message = |user: &str, channel: &str, sent_at: &str, text: &str| json!({"user": user, "channel": channel, "sent_at": sent_at, "text": text});
    for (batch, code) in [
        (json!({"messages": []}), "too_many"),
        (
            json!({"messages": [message("u", "pigeon", &ago(1), "hi")]}),
            "bad_channel",
        ),
        (
            json!({"messages": [message("u", "sms", "yesterday", "hi")]}),
            "invalid_time",
        ),
        (
            json!({"messages": [message("", "sms", &ago(1), "hi")]}),
            "invalid_user",
        ),
        (
            json!({"messages": [
                message("u", "sms", &ago(1), SENT),
                message("u", "sms", &ago(1), " "),
            ]}),
            "invalid_text",
        ),
    ] {
        let r = server
            .post_json("/v1/sent-messages", &batch.to_string(), &auth)
            .await;
        assert_eq!(r.status, 422, "{batch}: {}", r.text());
        assert_eq!(r.json()["error"]["code"], code, "{batch}");
    }
    // Nothing of the refused batches was kept.
    let r = server.post_json("/v1/analyze", &ask, &auth).await;
    assert_eq!(r.json()["provenance"]["status"], "not_sent_by_us");
    let too_many: Vec<_> = (0..1_001)
        .map(|i| message(&format!("u{i}"), "sms", &ago(1), "hi"))
        .collect();
    let r = server
        .post_json(
            "/v1/sent-messages",
            &json!({"messages": too_many}).to_string(),
            &auth,
        )
        .await;
    assert_eq!(r.status, 422);
    // Unknown fields are refused.
    let r = server
        .post_json(
            "/v1/sent-messages",
            &json!({"messages": [], "extra": 1}).to_string(),
            &auth,
        )
        .await;
    assert_eq!(r.status, 400);
}

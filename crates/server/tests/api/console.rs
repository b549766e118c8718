//! The console's sessions and pages over HTTP: the cookie's flags, tampered, idle, old
//! and revoked sessions refused, CSRF on every form, a partner's region only.

use store::Role;

use super::analyze::form_session;
use super::harness::{Response, TestServer};
use super::proposals::verdict;

/// The CSRF key of these servers, so that a test can make session cookies the way the
/// server does (to test expiry without waiting half an hour).
const CSRF_KEY: [u8; 32] = [42; 32];

fn settings(secure: bool) -> server::Settings {
    server::Settings {
        csrf_key: Some(CSRF_KEY),
        secure_cookies: secure,
        ..server::Settings::default()
    }
}

/// A session cookie signed as the server signs them.
fn cookie_for(key: &str, issued: i64, active: i64) -> String {
    let session_key = service::keyring::hmac(&CSRF_KEY, &[b"antiscam-console-session-v1"]);
    let payload = format!(
        "v1.{}.{issued}.{active}",
        hex::encode(server::auth::hash_key(key))
    );
    let mac = hex::encode(service::keyring::hmac(&session_key, &[payload.as_bytes()]));
    format!("antiscam_session={payload}.{mac}")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

fn form_encode(s: &str) -> String {
    super::analyze::form_encode(s)
}

/// The `antiscam_session` cookie a response sets, as `name=value`, and its attributes.
fn session_cookie(r: &Response) -> Option<(String, String)> {
    r.headers_named("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("antiscam_session="))
        .map(|c| {
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            (pair.to_owned(), attrs.to_owned())
        })
}

/// Signs in with `key`: the sign-in page's CSRF cookie, then the form. Returns the
/// cookies to send (CSRF and session) and the form token.
async fn sign_in(server: &TestServer, key: &str) -> (String, String) {
    let r = server.get("/console?lang=en", &[]).await;
    let (csrf, token) = form_session(&r);
    let r = server
        .post_form(
            "/console/sign-in?lang=en",
            &format!("key={}&csrf={token}", form_encode(key)),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let (session, _) = session_cookie(&r).expect("a session cookie");
    (format!("{csrf}; {session}"), token)
}

/// The CSRF cookie of `cookies` with a session of `key`, signed as the server signs
/// them (an integrator's key cannot sign in through the form).
fn session_of(cookies: &str, key: &str) -> String {
    let t = now();
    let csrf = cookies.split("; ").next().expect("the CSRF cookie");
    format!("{csrf}; {}", cookie_for(key, t, t))
}

async fn file_report(server: &TestServer, indicator: &str, region: &str, text: &str) {
    let body = serde_json::json!({
        "indicators": [indicator],
        "text": text,
        "channel": "sms",
        "region": region,
    });
    let r = server
        .post_json("/v1/reports", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn sign_in_sets_a_strict_session_and_every_form_needs_its_token() {
    let server = TestServer::start_with(settings(false)).await;
    let analyst = server.key(Role::Analyst).await;

    // The form works without JavaScript: a password input, a hidden token.
    let r = server.get("/console?lang=zh-Hant", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains("type=\"password\" id=\"key\" name=\"key\""),
        "{html}"
    );
    assert!(html.contains("type=\"hidden\" name=\"csrf\""), "{html}");
    assert!(html.contains("登入控制台"), "{html}");
    let (csrf, token) = form_session(&r);

    // No token, or another site: refused; a wrong key: the form again, in its language.
    let r = server
        .post_form(
            "/console/sign-in",
            &format!("key={}", form_encode(&analyst)),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(session_cookie(&r).is_none());
    let r = server
        .post_form(
            "/console/sign-in",
            &format!("key={}&csrf={token}", form_encode(&analyst)),
            &[("Cookie", &csrf), ("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, 403);
    let wrong = format!("ask_{}", "0".repeat(64));
    let r = server
        .post_form(
            "/console/sign-in?lang=zh-Hant",
            &format!("key={wrong}&csrf={token}"),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 401);
    assert!(r.text().contains("此金鑰無效"), "{}", r.text());
    assert!(session_cookie(&r).is_none());
    // An integrator's key is for the API only.
    let integrator = server.key(Role::Integrator).await;
    let r = server
        .post_form(
            "/console/sign-in",
            &format!("key={integrator}&csrf={token}"),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 403);

    // The right key: a session cookie, HttpOnly, SameSite=Strict, for /console only,
    // not Secure without TLS, gone with the browser.
    let r = server
        .post_form(
            "/console/sign-in?lang=en",
            &format!("key={}&csrf={token}", form_encode(&analyst)),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/console/triage?lang=en"));
    let (session, attrs) = session_cookie(&r).expect("session cookie");
    assert_eq!(attrs, " Path=/console; HttpOnly; SameSite=Strict");
    assert!(
        !session.contains(&analyst[4..]),
        "the key is not in the cookie"
    );
    let cookies = format!("{csrf}; {session}");

    // Signed in: the page, not cached, and the session re-issued (sliding idle time).
    let r = server.get("/console/triage", &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(session_cookie(&r).is_some());
    // Signed-in visitors of /console go to the queue.
    let r = server.get("/console", &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 303);

    // Without a session: to the sign-in form. A tampered one: ended and cleared.
    let r = server.get("/console/triage?lang=en", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/console?lang=en"));
    let value = session.trim_start_matches("antiscam_session=");
    let (payload, _) = value.rsplit_once('.').expect("mac");
    let tampered = [
        format!("antiscam_session={payload}.{}", "0".repeat(64)),
        format!("antiscam_session={}", value.replacen("v1.", "v1.0", 1)),
        "antiscam_session=garbage".to_owned(),
    ];
    for bad in &tampered {
        let r = server.get("/console/triage", &[("Cookie", bad)]).await;
        assert_eq!(r.status, 303, "{bad}");
        assert!(r.header("location").unwrap_or("").contains("ended=1"));
        let (_, attrs) = session_cookie(&r).expect("cleared");
        assert!(attrs.contains("Max-Age=0"), "{attrs}");
    }

    // A triage action without its token changes nothing.
    file_report(&server, "fake-exchange.example", "HK", "pay the fee").await;
    let r = server
        .post_form(
            "/console/triage/fake-exchange.example",
            "action=confirm",
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let verdict = server.get("/v1/verify?q=fake-exchange.example", &[]).await;
    assert_ne!(verdict.json()["verdict"], "reported_scam");

    // Sign-out needs its token too, then clears the cookie.
    let r = server
        .post_form("/console/sign-out", "", &[("Cookie", &cookies)])
        .await;
    assert_eq!(r.status, 403);
    let r = server
        .post_form(
            "/console/sign-out?lang=en",
            &format!("csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/console?signed_out=1&lang=en"));
    let (cleared, attrs) = session_cookie(&r).expect("cleared");
    assert_eq!(cleared, "antiscam_session=");
    assert!(attrs.contains("Max-Age=0") && attrs.contains("Path=/console"));
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_tls() {
    let server = TestServer::start_with(settings(true)).await;
    let analyst = server.key(Role::Analyst).await;
    let r = server.get("/console", &[]).await;
    let (csrf, token) = form_session(&r);
    let r = server
        .post_form(
            "/console/sign-in",
            &format!("key={analyst}&csrf={token}"),
            &[("Cookie", &csrf)],
        )
        .await;
    assert_eq!(r.status, 303);
    let (_, attrs) = session_cookie(&r).expect("session cookie");
    assert_eq!(attrs, " Path=/console; HttpOnly; SameSite=Strict; Secure");
}

#[tokio::test]
async fn idle_old_and_revoked_sessions_are_refused() {
    let server = TestServer::start_with(settings(false)).await;
    let analyst = server.key(Role::Analyst).await;
    let now = now();
    let get = |cookie: String| {
        let server = &server;
        async move { server.get("/console/triage", &[("Cookie", &cookie)]).await }
    };
    // Made the way the server makes them: a fresh one works…
    assert_eq!(
        get(cookie_for(&analyst, now - 60, now - 60)).await.status,
        200
    );
    assert_eq!(
        get(cookie_for(&analyst, now - 11 * 3600, now - 29 * 60))
            .await
            .status,
        200
    );
    // …one idle for more than 30 minutes, or signed in 12 hours ago, does not.
    for (issued, active) in [(now - 3600, now - 31 * 60), (now - 12 * 3600 - 5, now - 60)] {
        let r = get(cookie_for(&analyst, issued, active)).await;
        assert_eq!(r.status, 303, "issued {issued}, active {active}");
        assert!(r.header("location").unwrap_or("").contains("ended=1"));
    }

    // A revoked key ends its sessions at once.
    let admin = format!("Bearer {}", server.key(Role::Admin).await);
    let r = server
        .post_json(
            "/v1/keys",
            r#"{"role":"analyst","label":"to revoke"}"#,
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let created = r.json();
    let key = created["key"].as_str().expect("key").to_owned();
    let id = created["id"].as_i64().expect("id");
    let (cookies, _) = sign_in(&server, &key).await;
    let r = server.get("/console/triage", &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 200);
    let r = server
        .post_json(
            &format!("/v1/keys/{id}/revoke"),
            "{}",
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server.get("/console/triage", &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 303, "a revoked key's session still works");
}

#[tokio::test]
async fn analysts_triage_partners_read_their_region_admins_read_the_audit_log() {
    let server = TestServer::start_with(settings(false)).await;
    file_report(
        &server,
        "fake-exchange.example",
        "HK",
        "They asked for a <b>fee</b> to unlock my account",
    )
    .await;
    file_report(&server, "other-scam.example", "SG", "A Singapore story").await;

    // The analyst: the queue grouped by indicator, a group with its reports' text.
    let (cookies, token) = sign_in(&server, &server.key(Role::Analyst).await).await;
    let html = server
        .get("/console/triage?lang=en", &[("Cookie", &cookies)])
        .await
        .text();
    assert!(
        html.contains("data-key=\"domain:fake-exchange.example\""),
        "{html}"
    );
    assert!(
        html.contains("data-key=\"domain:other-scam.example\""),
        "{html}"
    );
    assert!(
        !html.contains("/console/audit"),
        "no audit link for analysts"
    );
    let r = server
        .get(
            "/console/triage/fake-exchange.example?lang=en",
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("They asked for a &lt;b&gt;fee&lt;/b&gt; to unlock my account"),
        "the text, escaped: {html}"
    );
    assert!(html.contains("data-state=\"new\""), "{html}");

    // Confirm with a note: a redirect to the group, Verify now says reported scam.
    let r = server
        .post_form(
            "/console/triage/fake-exchange.example?lang=en",
            &format!(
                "action=confirm&note={}&csrf={token}",
                form_encode("seen twice")
            ),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.ends_with("?done=confirm&lang=en"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(html.contains("data-state=\"confirmed\""), "{html}");
    let verdict = server.get("/v1/verify?q=fake-exchange.example", &[]).await;
    assert_eq!(verdict.json()["verdict"], "reported_scam");
    // A decision that does not apply: the group again, with the problem (409).
    let r = server
        .post_form(
            "/console/triage/fake-exchange.example?lang=en",
            &format!("action=confirm&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains("does not apply"), "{}", r.text());
    // The analyst may not read the audit log.
    let r = server.get("/console/audit", &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 403);

    // A partner of HK: its region's reports in full, nothing of SG, no groups.
    let (partner, _) = sign_in(&server, &server.key_in(Role::Partner, Some("HK")).await).await;
    let html = server
        .get("/console/triage?lang=en", &[("Cookie", &partner)])
        .await
        .text();
    assert!(html.contains("Reports from HK"), "{html}");
    assert!(html.contains("to unlock my account"), "{html}");
    assert!(!html.contains("Singapore"), "{html}");
    assert!(!html.contains("other-scam.example"), "{html}");
    let r = server
        .get(
            "/console/triage/other-scam.example",
            &[("Cookie", &partner)],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(!r.text().contains("Singapore"));
    let (partner_sg, _) = sign_in(&server, &server.key_in(Role::Partner, Some("SG")).await).await;
    let html = server
        .get("/console/triage", &[("Cookie", &partner_sg)])
        .await
        .text();
    assert!(html.contains("Singapore") && !html.contains("unlock my account"));

    // The admin: the audit log, with the confirmation and the partners' reads.
    let (admin, _) = sign_in(&server, &server.key(Role::Admin).await).await;
    let r = server
        .get("/console/audit?lang=zh-Hant", &[("Cookie", &admin)])
        .await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("data-action=\"triage.confirm\""), "{html}");
    assert!(html.contains("data-action=\"reports.read\""), "{html}");
    assert!(html.contains("審計記錄"), "{html}");
}

#[tokio::test]
async fn a_registry_proposal_needs_a_second_admin_in_the_console_too() {
    let server = TestServer::start_with(settings(false)).await;
    let author = server.key(Role::Admin).await;
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            super::proposals::NIMBUS,
            &[("Authorization", &format!("Bearer {author}"))],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json()["id"].as_i64().expect("id");
    let decide = |cookies: String, body: String| {
        let server = &server;
        async move {
            server
                .post_form(
                    &format!("/console/registry/{id}?lang=en"),
                    &body,
                    &[("Cookie", &cookies)],
                )
                .await
        }
    };

    // The list shows the proposal and its diff; an analyst has no approve button and
    // cannot approve.
    let (analyst, token) = sign_in(&server, &server.key(Role::Analyst).await).await;
    let html = server
        .get("/console/registry?lang=en", &[("Cookie", &analyst)])
        .await
        .text();
    assert!(html.contains(&format!("data-proposal=\"{id}\"")), "{html}");
    assert!(html.contains("nimbus.io"), "{html}");
    assert!(!html.contains(&format!("id=\"approve-{id}\"")), "{html}");
    let r = decide(analyst, format!("decision=approve&csrf={token}")).await;
    assert_eq!(r.status, 403);

    // Its author cannot approve it.
    let (cookies, token) = sign_in(&server, &author).await;
    let html = server
        .get("/console/registry", &[("Cookie", &cookies)])
        .await
        .text();
    assert!(html.contains(&format!("id=\"approve-{id}\"")), "{html}");
    let r = decide(cookies, format!("decision=approve&csrf={token}")).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(verdict(&server, "nimbus.io").await, "unknown");

    // A second admin: not without the form's token, then approved and applied.
    let (cookies, token) = sign_in(&server, &server.key(Role::Admin).await).await;
    let r = decide(cookies.clone(), "decision=approve".to_owned()).await;
    assert_eq!(r.status, 403);
    assert_eq!(verdict(&server, "nimbus.io").await, "unknown");
    let r = decide(
        cookies.clone(),
        format!(
            "decision=approve&note={}&csrf={token}",
            form_encode("checked")
        ),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some("/console/registry?done=approve&lang=en")
    );
    assert_eq!(verdict(&server, "nimbus.io").await, "official");
    let html = server
        .get("/console/registry?done=approve", &[("Cookie", &cookies)])
        .await
        .text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(!html.contains(&format!("data-proposal=\"{id}\"")), "{html}");
}

#[tokio::test]
async fn analysts_search_delist_with_a_reason_and_decide_disputes_once() {
    let server = TestServer::start_with(settings(false)).await;
    let analyst_key = server.key(Role::Analyst).await;
    let bearer = format!("Bearer {analyst_key}");
    for (indicator, text) in [
        ("listed-scam.example", "They took my deposit"),
        ("disputed.example", "A fake support desk"),
    ] {
        file_report(&server, indicator, "HK", text).await;
        let r = server.triage(indicator, "confirm", &bearer).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let (cookies, token) = sign_in(&server, &analyst_key).await;

    // Partners and integrators see neither page.
    for role in [Role::Partner, Role::Integrator] {
        let key = server.key_in(role, Some("HK")).await;
        let r = server
            .get(
                "/console/blocklist?q=listed-scam.example",
                &[("Cookie", &session_of(&cookies, &key))],
            )
            .await;
        assert_eq!(r.status, 403, "{role:?}: {}", r.text());
        assert!(!r.text().contains("data-listed"), "{}", r.text());
    }

    // The search reads the indicator as Verify does (case, spaces).
    let r = server
        .get(
            &format!(
                "/console/blocklist?q={}&lang=en",
                form_encode(" LISTED-SCAM.Example ")
            ),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("data-key=\"domain:listed-scam.example\""),
        "{html}"
    );
    assert!(html.contains("data-listed=\"true\""), "{html}");
    assert!(html.contains("data-severity=\"confirmed\""), "{html}");
    assert!(html.contains("id=\"group-link\""), "{html}");
    assert!(
        html.contains("data-action=\"triage.confirm\""),
        "history: {html}"
    );
    let r = server
        .get(
            "/console/blocklist?q=never-seen.example",
            &[("Cookie", &cookies)],
        )
        .await;
    assert!(r.text().contains("id=\"not-listed\""), "{}", r.text());
    assert!(!r.text().contains("id=\"delist\""), "{}", r.text());
    let r = server
        .get(
            "/console/blocklist?q=not%20an%20indicator%20%40%40",
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());

    // Delisting: the CSRF token, then a reason, are required.
    let delist = |reason: &str, token: &str| {
        format!(
            "indicator={}&reason={}&csrf={token}",
            form_encode("domain:listed-scam.example"),
            form_encode(reason)
        )
    };
    let r = server
        .post_form(
            "/console/blocklist?lang=en",
            &delist("the owner proved it", "wrong"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = server
        .post_form(
            "/console/blocklist?lang=en",
            &delist("   ", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("Give the reason"), "{}", r.text());
    let verdict = server.get("/v1/verify?q=listed-scam.example", &[]).await;
    assert_eq!(verdict.json()["verdict"], "reported_scam");
    let r = server
        .post_form(
            "/console/blocklist?lang=en",
            &delist("the owner proved it is theirs", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=delist"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(html.contains("data-listed=\"false\""), "{html}");
    assert!(html.contains("data-action=\"blocklist.delist\""), "{html}");
    assert!(html.contains("the owner proved it is theirs"), "{html}");
    let verdict = server.get("/v1/verify?q=listed-scam.example", &[]).await;
    assert_ne!(verdict.json()["verdict"], "reported_scam");

    // A dispute, listed, decided once through the form.
    let body = serde_json::json!({"indicator": "disputed.example", "reason": "This is our shop"});
    let r = server
        .post_json("/v1/disputes", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let html = server
        .get("/console/disputes?lang=en", &[("Cookie", &cookies)])
        .await
        .text();
    assert!(html.contains("This is our shop"), "{html}");
    let id: i64 = html
        .split("data-dispute=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a dispute id");
    let path = format!("/console/disputes/{id}?lang=en");
    let r = server
        .post_form(&path, "action=uphold&csrf=wrong", &[("Cookie", &cookies)])
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = server
        .post_form(
            &path,
            &format!("action=uphold&note=checked&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(!html.contains("This is our shop"), "no longer open: {html}");
    let verdict = server.get("/v1/verify?q=disputed.example", &[]).await;
    assert_ne!(verdict.json()["verdict"], "reported_scam");
    let r = server
        .post_form(
            &path,
            &format!("action=reject&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "decided once: {}", r.text());
    assert!(r.text().contains("already been decided"), "{}", r.text());

    // Partners and integrators cannot decide disputes either.
    let partner_key = server.key_in(Role::Partner, Some("HK")).await;
    let partner = session_of(&cookies, &partner_key);
    let r = server
        .post_form(
            &path,
            &format!("action=reject&csrf={token}"),
            &[("Cookie", &partner)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = server
        .get("/console/disputes", &[("Cookie", &partner)])
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
}

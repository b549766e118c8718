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

/// The id of the decision waiting on a page (`data-decision="…"`).
fn decision_id(html: &str) -> i64 {
    html.split("data-decision=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no waiting decision: {html}"))
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

    // Confirm with a note: it would list the indicator, so it waits for a second
    // analyst (the two-person rule); the author sees it waiting, Verify is unchanged.
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
    assert!(location.ends_with("?done=pending&lang=en"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(html.contains("data-state=\"new\""), "{html}");
    assert!(html.contains("data-own=\"true\""), "{html}");
    assert!(html.contains("seen twice"), "the author's note: {html}");
    assert!(
        !html.contains("id=\"decide\""),
        "no second decision meanwhile: {html}"
    );
    assert!(
        !html.contains("decision-approve-"),
        "no approval by the author: {html}"
    );
    let id = decision_id(&html);
    assert!(
        html.contains(&format!("id=\"decision-reject-{id}\"")),
        "{html}"
    );
    let verdict = server.get("/v1/verify?q=fake-exchange.example", &[]).await;
    assert_eq!(verdict.json()["verdict"], "unknown");
    // The author's own approval is refused.
    let decide = format!("/console/decisions/{id}?back=group&lang=en");
    let r = server
        .post_form(
            &decide,
            &format!("decision=approve&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains("cannot be approved"), "{}", r.text());
    // A second analyst sees it waiting on the queue and approves it: Verify follows.
    let (second, second_token) = sign_in(&server, &server.key(Role::Analyst).await).await;
    let html = server
        .get("/console/triage?lang=en", &[("Cookie", &second)])
        .await
        .text();
    assert!(html.contains("id=\"pending-decisions\""), "{html}");
    assert!(html.contains(&format!("data-decision=\"{id}\"")), "{html}");
    let html = server.get(&location, &[("Cookie", &second)]).await.text();
    assert!(html.contains("data-own=\"false\""), "{html}");
    assert!(
        html.contains(&format!("id=\"decision-approve-{id}\"")),
        "{html}"
    );
    let r = server
        .post_form(
            &decide,
            &format!("decision=approve&note=agreed&csrf={second_token}"),
            &[("Cookie", &second)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.ends_with("?done=approved&lang=en"), "{location}");
    let html = server.get(&location, &[("Cookie", &second)]).await.text();
    assert!(html.contains("data-state=\"confirmed\""), "{html}");
    assert!(!html.contains("id=\"pending\""), "{html}");
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
    assert!(html.contains("data-action=\"triage.approve\""), "{html}");
    assert!(html.contains("data-action=\"triage.propose\""), "{html}");
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
    // The diff in the reader's language, channel by channel.
    assert!(html.contains("<ins>New official channel: "), "{html}");
    let zh = server
        .get("/console/registry?lang=zh-Hant", &[("Cookie", &analyst)])
        .await
        .text();
    assert!(zh.contains("<ins>新增官方渠道："), "{zh}");
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
    let second_key = server.key(Role::Analyst).await;
    let bearer = format!("Bearer {analyst_key}");
    for (indicator, text) in [
        ("listed-scam.example", "They took my deposit"),
        ("disputed.example", "A fake support desk"),
    ] {
        file_report(&server, indicator, "HK", text).await;
        let second = format!("Bearer {second_key}");
        let r = server
            .triage_by_two(indicator, "confirm", &bearer, &second)
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let (cookies, token) = sign_in(&server, &analyst_key).await;
    // The second analyst, in the same browser (its form token is the same).
    let second = session_of(&cookies, &second_key);

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
    assert_eq!(r.status, 422, "{}", r.text());
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
    // Delisting a listed indicator waits for a second analyst.
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=pending"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(html.contains("data-listed=\"true\""), "{html}");
    assert!(html.contains("data-action=\"delist\""), "{html}");
    assert!(!html.contains("id=\"delist\""), "{html}");
    let id = decision_id(&html);
    let r = server
        .post_form(
            &format!("/console/decisions/{id}?back=blocklist&lang=en"),
            &format!("decision=approve&csrf={token}"),
            &[("Cookie", &second)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=approved"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    assert!(html.contains("data-listed=\"false\""), "{html}");
    assert!(html.contains("data-action=\"blocklist.delist\""), "{html}");
    assert!(html.contains("the owner proved it is theirs"), "{html}");
    // The history pages back from the newest record: older than the delisting, only
    // the confirmation is left.
    let newest = html
        .split("data-action=\"blocklist.delist\" data-id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the delisting's audit id");
    let older = server
        .get(
            &format!("/console/blocklist?q=listed-scam.example&before={newest}"),
            &[("Cookie", &cookies)],
        )
        .await
        .text();
    assert!(older.contains("data-action=\"triage.confirm\""), "{older}");
    assert!(
        !older.contains("data-action=\"blocklist.delist\""),
        "{older}"
    );
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
    // Upholding it delists a listed indicator: it waits for the second analyst, the
    // dispute still open with the decision in place of its form.
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=pending"), "{location}");
    let html = server.get(&location, &[("Cookie", &second)]).await.text();
    assert!(html.contains("data-action=\"uphold\""), "{html}");
    assert!(!html.contains(&format!("id=\"uphold-{id}\"")), "{html}");
    let verdict = server.get("/v1/verify?q=disputed.example", &[]).await;
    assert_eq!(verdict.json()["verdict"], "reported_scam");
    let decision = decision_id(&html);
    let r = server
        .post_form(
            &format!("/console/decisions/{decision}?back=disputes&lang=en"),
            &format!("decision=approve&csrf={token}"),
            &[("Cookie", &second)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=approved"), "{location}");
    let html = server.get(&location, &[("Cookie", &cookies)]).await.text();
    assert!(html.contains("id=\"done\""), "{html}");
    // No longer open; listed among the decided, with its outcome and note.
    let (open, decided) = html
        .split_once("id=\"decided\"")
        .expect("a decided section");
    assert!(!open.contains("This is our shop"), "no longer open: {html}");
    assert!(decided.contains("This is our shop"), "{decided}");
    assert!(decided.contains("data-state=\"upheld\""), "{decided}");
    assert!(decided.contains("Upheld on "), "{decided}");
    assert!(decided.contains(">checked</pre>"), "{decided}");
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

// ---------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------

/// A campaign document of `region` whose alert passes the content checks (no contact).
fn campaign_doc(name: &str, region: &str, title: &str, holdout: u8) -> serde_json::Value {
    serde_json::json!({
        "name": name, "partner": "Police", "regions": [region], "status": "active",
        "starts_at": "2025-01-01T00:00:00Z", "targeting": {"trigger": "all"},
        "holdout_percent": holdout,
        "variants": [
            {"key": "police", "content": {
                "en": {"title": title, "message": "Scammers pose as police.",
                       "tips": ["Hang up & call <the> helpline"]},
                "zh-Hant": {"title": "停一停", "message": "騙徒會冒充警察。"}}},
            {"key": "friend", "content": {"en": {"title": "A new friend?", "message": "Guaranteed returns are a scam."}}}
        ]
    })
}

/// Creates a campaign over the API as `admin`, live (a second admin approves an active
/// one); returns its id.
pub(super) async fn create_campaign(
    server: &TestServer,
    admin: &str,
    doc: &serde_json::Value,
) -> i64 {
    server.campaign_by_two(admin, doc).await["id"]
        .as_i64()
        .expect("id")
}

/// Screens `n` withdrawals in Hong Kong by `users` users, every third cancelled and the
/// others proceeded.
pub(super) async fn screen_with_outcomes(server: &TestServer, n: usize, users: usize) {
    let integrator = format!("Bearer {}", server.key(Role::Integrator).await);
    for i in 0..n {
        let user = format!("user-{}", i % users);
        let body = super::campaigns::screen_body(&user, super::campaigns::PLAIN, "en");
        let r = server
            .post_json(
                "/v1/withdrawals/screen",
                &body,
                &[("Authorization", &integrator)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let screening = r.json()["screening_id"].as_str().expect("id").to_owned();
        let action = if i % 3 == 0 { "cancelled" } else { "proceeded" };
        let r = server
            .post_json(
                &format!("/v1/screenings/{screening}/outcome"),
                &serde_json::json!({ "action": action }).to_string(),
                &[("Authorization", &integrator)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
}

/// The campaign's English title of its first variant, as the API reads it.
async fn api_title(server: &TestServer, admin: &str, id: i64) -> String {
    let r = server
        .get(
            &format!("/v1/campaigns/{id}"),
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["variants"][0]["content"]["en"]["title"]
        .as_str()
        .expect("title")
        .to_owned()
}

/// The editor's form body: the document, the intent and the token.
fn editor_body(doc: &serde_json::Value, intent: &str, token: &str) -> String {
    format!(
        "document={}&intent={intent}&csrf={token}",
        form_encode(&serde_json::to_string_pretty(doc).expect("json"))
    )
}

#[tokio::test]
async fn partners_edit_their_regions_campaigns_and_their_changes_wait_for_an_admin() {
    let server = TestServer::start_with(settings(false)).await;
    let admin = server.key(Role::Admin).await;
    let hk = server.key(Role::Partner).await;
    let hk_doc = campaign_doc("HK <script>alert(1)</script> alert", "HK", "Stop", 10);
    let hk_id = create_campaign(&server, &admin, &hk_doc).await;
    let sg_id = create_campaign(&server, &admin, &campaign_doc("SG alert", "SG", "Stop", 10)).await;

    // The partner's list: its region's campaign, escaped; nothing of Singapore's.
    let (cookies, token) = sign_in(&server, &hk).await;
    let r = server
        .get("/console/campaigns?lang=en", &[("Cookie", &cookies)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains(&format!("data-campaign=\"{hk_id}\"")),
        "{html}"
    );
    assert!(
        html.contains("HK &lt;script&gt;alert(1)&lt;/script&gt; alert"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("SG alert"), "{html}");
    assert!(
        html.contains("href=\"/console/campaigns?lang=en\""),
        "in the navigation: {html}"
    );

    // Another region's campaign, its results and export: not found, and not changed.
    for path in [
        format!("/console/campaigns/{sg_id}"),
        format!("/console/campaigns/{sg_id}/results"),
        format!("/console/campaigns/{sg_id}/results.csv"),
    ] {
        let r = server.get(&path, &[("Cookie", &cookies)]).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(!r.text().contains("SG alert"));
    }
    let sg_change = campaign_doc("SG alert", "SG", "Changed by HK", 10);
    let r = server
        .post_form(
            &format!("/console/campaigns/{sg_id}"),
            &editor_body(&sg_change, "save", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(api_title(&server, &admin, sg_id).await, "Stop");

    // The campaign's page: the alert of every variant in every language, as a phone
    // shows it, its text escaped; a language the variant lacks falls back to English.
    let page = format!("/console/campaigns/{hk_id}?lang=en");
    let r = server.get(&page, &[("Cookie", &cookies)]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    for id in [
        "phone-police-en",
        "phone-police-zh-Hant",
        "phone-police-zh-Hans",
        "phone-friend-zh-Hant",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(
        html.contains("Hang up &amp; call &lt;the&gt; helpline"),
        "{html}"
    );
    assert!(html.contains("停一停"), "{html}");
    assert!(html.contains("English is shown"), "{html}");
    assert!(html.contains("name=\"document\""), "{html}");

    // Preview re-renders the edited document without saving it.
    let mut edited = hk_doc.clone();
    edited["variants"][0]["content"]["en"]["title"] = "Stop and think".into();
    let r = server
        .post_form(
            &page,
            &editor_body(&edited, "preview", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.text()
            .contains("<p class=\"phone-title\">Stop and think</p>"),
        "{}",
        r.text()
    );
    assert_eq!(api_title(&server, &admin, hk_id).await, "Stop");

    // Unsafe content is refused next to the form, the field named.
    let mut unsafe_doc = edited.clone();
    unsafe_doc["variants"][0]["content"]["en"]["message"] =
        "Move your funds to 0x5c0ffee000000000000000000000000000000bad now".into();
    let r = server
        .post_form(
            &page,
            &editor_body(&unsafe_doc, "save", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("data-field=\"variants[0].content.en.message\""),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("a wallet address has no place"), "{html}");
    // Not JSON: said so, with where.
    let r = server
        .post_form(
            &page,
            &format!("document=%7B%22name%22&intent=save&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("not valid JSON (line 1"), "{}", r.text());
    // Without the token: nothing happens.
    let r = server
        .post_form(
            &page,
            &editor_body(&edited, "save", "bad"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());

    // Saved: the partner's change to an active campaign waits for an admin.
    let r = server
        .post_form(
            &page,
            &editor_body(&edited, "save", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(location.contains("done=pending&revision="), "{location}");
    let r = server.get(&location, &[("Cookie", &cookies)]).await;
    assert!(
        r.text().contains("waits for another administrator"),
        "{}",
        r.text()
    );
    assert!(r.text().contains("id=\"pending\""), "{}", r.text());
    assert_eq!(api_title(&server, &admin, hk_id).await, "Stop");
    let revision: i64 = location
        .split("revision=")
        .nth(1)
        .and_then(|r| r.split('&').next())
        .and_then(|r| r.parse().ok())
        .expect("revision id");

    // The partner sees its revision and may withdraw it, not approve it.
    let r = server
        .get("/console/revisions?lang=en", &[("Cookie", &cookies)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains(&format!("id=\"revision-{revision}\"")),
        "{html}"
    );
    assert!(
        html.contains(&format!("id=\"reject-{revision}\"")),
        "{html}"
    );
    assert!(
        !html.contains(&format!("id=\"approve-{revision}\"")),
        "{html}"
    );
    let r = server
        .post_form(
            &format!("/console/revisions/{revision}"),
            &format!("decision=approve&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());

    // A partner of another region sees none of it.
    let sg = server.key_in(Role::Partner, Some("SG")).await;
    let sg_cookies = session_of(&cookies, &sg);
    let r = server
        .get("/console/revisions", &[("Cookie", &sg_cookies)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        !r.text().contains(&format!("revision-{revision}")),
        "{}",
        r.text()
    );

    // An admin sees the diff and approves it (the content is checked again).
    let (admin_cookies, admin_token) = sign_in(&server, &admin).await;
    let r = server
        .get("/console/revisions?lang=en", &[("Cookie", &admin_cookies)])
        .await;
    let html = r.text();
    assert!(html.contains("<tr data-field=\"variants\">"), "{html}");
    assert!(html.contains("Stop and think"), "{html}");
    let r = server
        .post_form(
            &format!("/console/revisions/{revision}?lang=en"),
            &format!("decision=approve&note=fine&csrf={admin_token}"),
            &[("Cookie", &admin_cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(api_title(&server, &admin, hk_id).await, "Stop and think");
    let r = server
        .post_form(
            &format!("/console/revisions/{revision}?lang=en"),
            &format!("decision=approve&csrf={admin_token}"),
            &[("Cookie", &admin_cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "decided once: {}", r.text());

    // Pausing applies at once, even for a partner.
    let r = server
        .post_form(
            &format!("/console/campaigns/{hk_id}/status"),
            &format!("status=paused&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let r = server.get(&page, &[("Cookie", &cookies)]).await;
    assert!(r.text().contains("data-status=\"paused\""), "{}", r.text());
    // Ending it: a button of its own, and the alert is no longer shown.
    assert!(r.text().contains("id=\"status-ended\""), "{}", r.text());
    let r = server
        .post_form(
            &format!("/console/campaigns/{hk_id}/status"),
            &format!("status=ended&csrf={token}"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let r = server.get(&page, &[("Cookie", &cookies)]).await;
    assert!(r.text().contains("data-status=\"ended\""), "{}", r.text());
    assert!(!r.text().contains("id=\"status-form\""), "{}", r.text());

    // An admin creates a campaign through the form; a partner's active one waits.
    let r = server
        .post_form(
            "/console/campaigns/new?lang=en",
            &editor_body(&campaign_doc("New HK", "HK", "New", 0), "save", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r.header("location").unwrap_or("").contains("done=pending"));
    let r = server
        .post_form(
            "/console/campaigns/new?lang=en",
            &editor_body(&campaign_doc("New SG", "SG", "New", 0), "save", &token),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 403, "another region: {}", r.text());
    let r = server
        .post_form(
            "/console/campaigns/new?lang=en",
            &editor_body(
                &campaign_doc("Admin's", "SG", "New", 0),
                "save",
                &admin_token,
            ),
            &[("Cookie", &admin_cookies)],
        )
        .await;
    // An admin's active campaign waits too: for another admin, never its author.
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").unwrap_or("").to_owned();
    assert!(location.contains("done=pending"), "{location}");
    let own = location
        .split("revision=")
        .nth(1)
        .and_then(|r| r.split('&').next())
        .and_then(|r| r.parse::<i64>().ok())
        .expect("the pending revision");
    let r = server
        .get("/console/revisions?lang=en", &[("Cookie", &admin_cookies)])
        .await;
    let html = r.text();
    assert!(
        html.contains(&format!("id=\"revision-own-{own}\"")),
        "{html}"
    );
    assert!(!html.contains(&format!("id=\"approve-{own}\"")), "{html}");
    assert!(html.contains(&format!("id=\"reject-{own}\"")), "{html}");
    let r = server
        .post_form(
            &format!("/console/revisions/{own}?lang=en"),
            &format!("decision=approve&csrf={admin_token}"),
            &[("Cookie", &admin_cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "its author cannot approve it: {}", r.text());
    let second = server.key(Role::Admin).await;
    let (second_cookies, second_token) = sign_in(&server, &second).await;
    let r = server
        .get("/console/revisions?lang=en", &[("Cookie", &second_cookies)])
        .await;
    assert!(
        r.text().contains(&format!("id=\"approve-{own}\"")),
        "{}",
        r.text()
    );
    let r = server
        .post_form(
            &format!("/console/revisions/{own}?lang=en"),
            &format!("decision=approve&csrf={second_token}"),
            &[("Cookie", &second_cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let list = server
        .get(
            "/v1/campaigns",
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .await
        .json();
    let made = list["campaigns"]
        .as_array()
        .expect("campaigns")
        .iter()
        .find(|c| c["name"] == "Admin's")
        .expect("the admin's campaign")
        .clone();
    assert_eq!(made["status"], "active", "{made}");

    // A partner resource an admin proposes waits on the same page for another admin.
    let r = server
        .post_json(
            "/v1/partner-resources",
            r#"{"value": "https://cyberdefender.hk/", "label": "CyberDefender"}"#,
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let addition = r.json()["id"].as_i64().expect("addition");
    let r = server
        .get("/console/revisions?lang=en", &[("Cookie", &admin_cookies)])
        .await;
    let html = r.text();
    assert!(
        html.contains(&format!("id=\"addition-own-{addition}\"")),
        "{html}"
    );
    assert!(html.contains("domain:cyberdefender.hk"), "{html}");
    assert!(
        !html.contains(&format!("id=\"addition-approve-{addition}\"")),
        "{html}"
    );
    let r = server
        .post_form(
            &format!("/console/resource-additions/{addition}?lang=en"),
            &format!("decision=approve&csrf={admin_token}"),
            &[("Cookie", &admin_cookies)],
        )
        .await;
    assert_eq!(r.status, 409, "its author cannot approve it: {}", r.text());
    let r = server
        .post_form(
            &format!("/console/resource-additions/{addition}?lang=en"),
            &format!("decision=approve&csrf={second_token}"),
            &[("Cookie", &second_cookies)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(
        r.header("location")
            .unwrap_or("")
            .contains("done=resource-approve")
    );
    let listed = server
        .get(
            "/v1/partner-resources",
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .await
        .json();
    assert!(
        listed["resources"]
            .as_array()
            .expect("resources")
            .iter()
            .any(|r| r["key"] == "domain:cyberdefender.hk"),
        "{listed}"
    );
}

#[tokio::test]
async fn campaign_results_are_charts_with_bands_and_a_csv_limited_to_the_region() {
    let server = TestServer::start_with(settings(false)).await;
    let admin = server.key(Role::Admin).await;
    let id = create_campaign(&server, &admin, &campaign_doc("Results", "HK", "Stop", 50)).await;
    screen_with_outcomes(&server, 40, 25).await;

    let analyst = server.key(Role::Analyst).await;
    let (cookies, _) = sign_in(&server, &analyst).await;
    let r = server
        .get(
            &format!("/console/campaigns/{id}/results?lang=zh-Hant"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    for chart in [
        "chart-day-reconsidered",
        "chart-day-cancelled",
        "chart-variant-reconsidered",
        "chart-exposure-reconsidered",
        "chart-exposure-cancelled",
    ] {
        assert!(html.contains(&format!("id=\"{chart}\"")), "{chart}: {html}");
    }
    assert!(html.contains("<svg role=\"img\""), "{html}");
    assert!(html.contains("<polygon"), "the bands: {html}");
    assert!(html.contains("看到提示"), "{html}");
    let svg_start = html.find("<svg").expect("svg");
    assert!(
        !html[svg_start..].contains(" style="),
        "no inline style: the CSP forbids it"
    );

    // The export: the same figures.
    let r = server
        .get(
            &format!("/console/campaigns/{id}/results.csv"),
            &[("Cookie", &cookies)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let csv = r.text();
    assert!(csv.starts_with("breakdown,key,arm,screenings,"), "{csv}");
    let exposed: u64 = csv
        .lines()
        .find(|l| l.starts_with("total,,exposed,"))
        .and_then(|l| l.split(',').nth(3))
        .and_then(|n| n.parse().ok())
        .expect("exposed total");
    let holdout: u64 = csv
        .lines()
        .find(|l| l.starts_with("total,,holdout,"))
        .and_then(|l| l.split(',').nth(3))
        .and_then(|n| n.parse().ok())
        .expect("holdout total");
    assert_eq!(exposed + holdout, 40, "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("exposure,1,")), "{csv}");

    // Its region's partner sees the results; another region's does not.
    let hk = session_of(&cookies, &server.key(Role::Partner).await);
    let r = server
        .get(
            &format!("/console/campaigns/{id}/results"),
            &[("Cookie", &hk)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sg = session_of(&cookies, &server.key_in(Role::Partner, Some("SG")).await);
    for path in [
        format!("/console/campaigns/{id}/results"),
        format!("/console/campaigns/{id}/results.csv"),
    ] {
        let r = server.get(&path, &[("Cookie", &sg)]).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
    }
}

/// A proposal marking an official channel compromised (issue 14) is urgent: listed
/// first, flagged, its diff saying since when; still two people decide.
#[tokio::test]
async fn a_compromise_proposal_is_listed_first_and_flagged() {
    let server = TestServer::start_with(settings(false)).await;
    let admin = format!("Bearer {}", server.key(Role::Admin).await);
    let mark = r#"{"changes": [{"op": "compromise", "brand": "Example Exchange",
        "kind": "telegram", "value": "ExampleEnglish",
        "compromised_since": "2025-06-01T08:00:00Z", "note": "hijacked"}]}"#;
    let r = server
        .post_json("/v1/registry/proposals", mark, &[("Authorization", &admin)])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let urgent = r.json()["id"].as_i64().expect("id");
    // A newer, ordinary proposal.
    let r = server
        .put(
            "/v1/registry",
            "application/toml",
            super::proposals::NIMBUS,
            &[("Authorization", &admin)],
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let ordinary = r.json()["id"].as_i64().expect("id");
    assert!(ordinary > urgent);

    let (analyst, _) = sign_in(&server, &server.key(Role::Analyst).await).await;
    let html = server
        .get("/console/registry?lang=en", &[("Cookie", &analyst)])
        .await
        .text();
    let at = |id: i64| {
        html.find(&format!("data-proposal=\"{id}\""))
            .expect("listed")
    };
    assert!(at(urgent) < at(ordinary), "{html}");
    assert_eq!(
        html.matches("data-urgent=\"compromised\"").count(),
        1,
        "{html}"
    );
    assert!(
        html.contains("Compromised since 2025-06-01 08:00:00 UTC")
            && html.contains("Note: hijacked"),
        "{html}"
    );
    let zh = server
        .get("/console/registry?lang=zh-Hans", &[("Cookie", &analyst)])
        .await
        .text();
    assert!(zh.contains("紧急") && zh.contains("已被盗用"), "{zh}");
}

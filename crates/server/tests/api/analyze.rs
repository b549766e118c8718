//! `POST /v1/analyze` and `GET /v1/tactics`.

use serde_json::json;

use super::harness::TestServer;

#[tokio::test]
async fn analyze_text_names_tactics_and_verifies_indicators() {
    let server = TestServer::start().await;
    let body = json!({
        "text": "Example Exchange support: your account is frozen. Send your seed phrase at examp1e-support.com within 24 hours, or call evil.io",
        "channel": "sms"
    });
    let r = server
        .post_json("/v1/analyze", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let a = r.json();
    assert_eq!(a["risk"], "critical");
    let tactics: Vec<&str> = a["tactics"]
        .as_array()
        .expect("tactics")
        .iter()
        .filter_map(|t| t["tactic"].as_str())
        .collect();
    for want in ["secret_request", "urgency", "phishing"] {
        assert!(tactics.contains(&want), "{want} missing from {tactics:?}");
    }
    let text = body["text"].as_str().expect("text");
    for t in a["tactics"].as_array().expect("tactics") {
        assert!(t["title"].as_str().is_some_and(|s| !s.is_empty()));
        for e in t["evidence"].as_array().expect("evidence") {
            let (s, end) = (
                e["start"].as_u64().expect("start"),
                e["end"].as_u64().expect("end"),
            );
            assert_eq!(text.get(s as usize..end as usize), e["text"].as_str());
            assert!(e["reason"].as_str().is_some_and(|s| !s.is_empty()));
        }
    }
    let verdicts: Vec<(&str, &str)> = a["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| {
            (
                i["input"].as_str().unwrap_or(""),
                i["verdict"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        verdicts.contains(&("examp1e-support.com", "impersonation")),
        "{verdicts:?}"
    );
    assert!(
        verdicts.contains(&("evil.io", "reported_scam")),
        "{verdicts:?}"
    );
    assert!(a["advice"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(a["language"], "en");
}

#[tokio::test]
async fn analyze_answers_in_the_message_language_and_reads_raw_email() {
    let server = TestServer::start().await;
    let body = json!({"text": "您的帳戶已被凍結，請立即提供助記詞"});
    let r = server
        .post_json("/v1/analyze", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["language"], "zh-Hant");
    assert_eq!(r.json()["locale"], "zh-Hant");

    let raw = "From: \"Example Exchange\" <help@desk-mail.net>\r\n\
               Subject: Verify\r\nContent-Type: text/html\r\n\r\n\
               <a href=\"https://examp1e.com/login\">https://www.example.com/login</a>";
    let body = json!({"email": raw, "lang": "zh-Hans"});
    let r = server
        .post_json("/v1/analyze", &body.to_string(), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let a = r.json();
    assert_eq!(a["locale"], "zh-Hans");
    let document = a["text"].as_str().expect("document");
    let codes: Vec<&str> = a["tactics"]
        .as_array()
        .expect("tactics")
        .iter()
        .flat_map(|t| t["evidence"].as_array().into_iter().flatten())
        .filter_map(|e| e["reason_code"].as_str())
        .collect();
    assert!(codes.contains(&"email-display-name"), "{codes:?}");
    assert!(codes.contains(&"email-link-mismatch"), "{codes:?}");
    assert!(document.contains("https://examp1e.com/login"));
}

#[tokio::test]
async fn analyze_rejects_bad_requests_with_named_errors() {
    let server = TestServer::start().await;
    let cases = [
        (r#"{}"#, 422, "missing_message"),
        (r#"{"text": "a", "email": "b"}"#, 422, "text_and_email"),
        (r#"{"text": "a", "channel": "fax"}"#, 422, "bad_channel"),
        (r#"{"email": "   "}"#, 422, "email_empty"),
        (r#"{"text": 5}"#, 400, "bad_request"),
        (r#"{"txt": "a"}"#, 400, "bad_request"),
        ("not json", 400, "bad_request"),
    ];
    for (body, status, code) in cases {
        let r = server.post_json("/v1/analyze", body, &[]).await;
        assert_eq!(r.status, status, "{body}: {}", r.text());
        assert_eq!(r.json()["error"]["code"], code, "{body}");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let huge = json!({"text": "a".repeat(wire::MAX_REQUEST_TEXT_BYTES + 1)});
    let r = server
        .post_json("/v1/analyze", &huge.to_string(), &[])
        .await;
    assert_eq!(r.json()["error"]["code"], "too_long");
}

#[tokio::test]
async fn tactics_catalogue_in_three_languages() {
    let server = TestServer::start().await;
    let mut titles = Vec::new();
    for lang in ["en", "zh-Hant", "zh-Hans"] {
        let r = server.get(&format!("/v1/tactics?lang={lang}"), &[]).await;
        assert_eq!(r.status, 200);
        let j = r.json();
        assert_eq!(j["locale"], lang);
        let tactics = j["tactics"].as_array().expect("tactics").clone();
        assert_eq!(tactics.len(), analyzer::Tactic::ALL.len());
        for t in &tactics {
            for field in ["title", "description"] {
                assert!(t[field].as_str().is_some_and(|s| !s.is_empty()), "{t}");
            }
            assert!(!t["tips"].as_array().expect("tips").is_empty());
        }
        titles.push(tactics[0]["title"].clone());
    }
    assert_ne!(titles[0], titles[1]);
    assert_ne!(titles[1], titles[2]);
}

/// Form-encodes a value (spaces as `+`, everything else but unreserved bytes as `%XX`).
pub(crate) fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[tokio::test]
async fn analyze_page_posts_the_message_and_shows_tactics_escaped() {
    let server = TestServer::start().await;
    let r = server.get("/analyze?lang=zh-Hant", &[]).await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("lang=\"zh-Hant\""));
    assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");

    let (cookie, token) = form_session(&r);
    let cookie_header = [("Cookie", cookie.as_str())];

    let text = "<b>Support</b>: your account is frozen, send your seed phrase at examp1e.com";
    let body = format!("text={}&lang=en&csrf={token}", form_encode(text));
    let r = server.post_form("/analyze", &body, &cookie_header).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    assert!(html.contains("data-risk=\"critical\""), "{html}");
    assert!(html.contains("data-tactic=\"secret_request\""));
    assert!(html.contains("data-verdict=\"impersonation\""));
    assert!(!html.contains("<b>Support</b>"), "the message is escaped");
    assert!(html.contains("&lt;b&gt;Support&lt;/b&gt;"));

    let r = server
        .post_form(
            "/analyze",
            &format!("text=+++&lang=en&csrf={token}"),
            &cookie_header,
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("id=\"error\""));
}

/// The CSRF cookie a form page set and the token in its form.
pub(crate) fn form_session(r: &super::harness::Response) -> (String, String) {
    let set = r
        .header("set-cookie")
        .expect("the form page sets its cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next().expect("cookie").to_owned();
    let html = r.text();
    let field = "name=\"csrf\" value=\"";
    let at = html.find(field).expect("token field") + field.len();
    let token = html[at..at + 64].to_owned();
    (cookie, token)
}

#[tokio::test]
async fn the_analyze_form_refuses_cross_site_and_tokenless_posts() {
    let server = TestServer::start().await;
    let r = server.get("/analyze", &[]).await;
    let (cookie, token) = form_session(&r);
    let body = format!("text={}&csrf={token}", form_encode("send your seed phrase"));
    type Case<'a> = (Vec<(&'a str, &'a str)>, String, u16);
    let cases: Vec<Case> = vec![
        // A page elsewhere posts the form: no cookie (SameSite=Strict), no token.
        (vec![], format!("text={}", form_encode("hi")), 403),
        // The browser says it is cross-site, even with a stolen cookie and token.
        (
            vec![
                ("Cookie", cookie.as_str()),
                ("Sec-Fetch-Site", "cross-site"),
            ],
            body.clone(),
            403,
        ),
        (
            vec![
                ("Cookie", cookie.as_str()),
                ("Origin", "https://evil.example"),
            ],
            body.clone(),
            403,
        ),
        // A token for another cookie.
        (
            vec![(
                "Cookie",
                "antiscam_csrf=0000000000000000000000000000000000000000000000000000000000000000",
            )],
            body.clone(),
            403,
        ),
        // The real thing, from the same origin.
        (
            vec![
                ("Cookie", cookie.as_str()),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            body.clone(),
            200,
        ),
    ];
    for (headers, body, want) in cases {
        let r = server.post_form("/analyze", &body, &headers).await;
        assert_eq!(r.status, want, "{headers:?}");
        if want == 403 {
            assert!(!r.text().contains("data-risk"), "nothing analyzed");
        }
    }
    // Pages may not be framed.
    let csp = r.header("content-security-policy").expect("csp");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
}

#[tokio::test]
async fn analyze_page_in_headless_chromium() {
    let Some(chromium) = super::harness::chromium() else {
        eprintln!("skipped: no chromium (set ANTISCAM_TEST_CHROMIUM or install chromium)");
        return;
    };
    let server = TestServer::start().await;
    for lang in ["en", "zh-Hant", "zh-Hans"] {
        let dom =
            super::harness::dump_dom(&chromium, &server.url(&format!("/analyze?lang={lang}")))
                .await;
        assert!(dom.contains(&format!("lang=\"{lang}\"")), "{dom}");
        assert!(dom.contains("<textarea"), "{dom}");
        assert!(dom.contains("type=\"file\""), "{dom}");
    }
}

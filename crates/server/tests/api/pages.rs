//! The public pages over HTTP (the browser tests are in `browser.rs`): the layout and
//! its stylesheet, Verify's card, the report form through the reports use case and the
//! status page, Know Your Scam and the official channels.

use super::analyze::{form_encode, form_session};
use super::harness::TestServer;

#[tokio::test]
async fn every_page_has_the_layout_and_one_cached_stylesheet() {
    let server = TestServer::start().await;
    let mut stylesheets = Vec::new();
    for path in ["/", "/analyze", "/report", "/learn", "/official"] {
        let r = server.get(path, &[("Accept-Language", "zh-HK")]).await;
        assert_eq!(r.status, 200, "{path}");
        let html = r.text();
        assert!(html.contains("<html lang=\"zh-Hant\""), "{path}");
        for nav in [
            "/?lang=zh-Hant",
            "/analyze?lang=zh-Hant",
            "/report?lang=zh-Hant",
            "/learn?lang=zh-Hant",
            "/official?lang=zh-Hant",
        ] {
            assert!(html.contains(&format!("href=\"{nav}\"")), "{path}: {nav}");
        }
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1, "{path}");
        assert!(html.contains("hreflang=\"zh-Hans\""), "{path}");
        assert!(!html.contains("<script"), "{path}");
        assert!(!html.contains("style=\""), "{path}: no inline styles (CSP)");
        let csp = r.header("content-security-policy").expect("csp");
        assert!(
            csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        let link = "rel=\"stylesheet\" href=\"";
        let at = html.find(link).expect("stylesheet") + link.len();
        let end = html[at..].find('"').expect("end") + at;
        stylesheets.push(html[at..end].to_owned());
    }
    stylesheets.dedup();
    assert_eq!(stylesheets.len(), 1, "{stylesheets:?}");
    let css = &stylesheets[0];
    assert!(
        css.starts_with("/assets/site.") && css.ends_with(".css"),
        "{css}"
    );
    let r = server.get(css, &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert!(
        r.header("cache-control")
            .is_some_and(|c| c.contains("immutable"))
    );
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("text/css"))
    );
    let r = server.get("/", &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(server.get("/assets/site.0000.css", &[]).await.status, 404);
}

#[tokio::test]
async fn the_language_switch_is_kept_in_a_cookie() {
    let server = TestServer::start().await;
    let r = server.get("/learn?lang=zh-Hans", &[]).await;
    let set = r.header("set-cookie").expect("language cookie");
    assert!(set.starts_with("antiscam_lang=zh-Hans;"), "{set}");
    let cookie = set.split(';').next().expect("cookie");
    // Later pages without `lang` keep it, over the browser's language.
    let r = server
        .get(
            "/official",
            &[("Cookie", cookie), ("Accept-Language", "en")],
        )
        .await;
    assert!(r.text().contains("<html lang=\"zh-Hans\""));
    assert!(r.header("set-cookie").is_none());
}

#[tokio::test]
async fn verify_shows_the_imitated_channel_with_the_differences_marked() {
    let server = TestServer::start().await;
    let html = server.get("/?q=examp1e.com&lang=en", &[]).await.text();
    assert!(html.contains("data-verdict=\"impersonation\""), "{html}");
    assert!(html.contains("class=\"diff\""), "{html}");
    assert!(html.contains("examp<mark>1</mark>e.com"), "{html}");
    assert!(html.contains("examp<mark>l</mark>e.com"), "{html}");
    assert!(
        html.contains("class=\"sr-only\">Verdict: </span>Impersonation"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/report?indicator=examp1e.com&amp;lang=en\""),
        "{html}"
    );

    let html = server.get("/?q=evil.io&lang=en", &[]).await.text();
    assert!(
        html.contains("Reported 14 times, first on 2023-11-14, last on 2024-03-09."),
        "{html}"
    );

    let html = server
        .get("/?q=unrelated.org&lang=zh-Hant", &[])
        .await
        .text();
    assert!(
        html.contains("class=\"note\">沒有紀錄並不代表安全。"),
        "{html}"
    );
}

#[tokio::test]
async fn a_report_from_the_form_is_the_api_report_and_has_a_status_page() {
    let server = TestServer::start().await;
    let r = server
        .get("/report?indicator=fake-exchange.example&lang=zh-Hant", &[])
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains(">fake-exchange.example</textarea>"));
    let (cookie, token) = form_session(&r);
    let cookies = [("Cookie", cookie.as_str())];

    // Problems are shown next to their fields, in the page's language.
    let body = format!(
        "indicators=fake-exchange.example%0Anot+a+thing%21&region=ZZ&amount=12&lang=zh-Hant&csrf={token}"
    );
    let r = server.post_form("/report", &body, &cookies).await;
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    assert!(html.contains("id=\"region-error\""), "{html}");
    assert!(html.contains("請從清單中選擇國家或地區。"), "{html}");
    assert!(html.contains("id=\"asset-error\""), "{html}");
    assert!(html.contains("id=\"indicators-error\""), "{html}");
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"region-error region-hint\""));
    assert!(
        html.contains("fake-exchange.example\nnot a thing!</textarea>"),
        "kept: {html}"
    );

    // A valid report: stored through the API's use case, then its status page.
    let text = "Your account is frozen, log in at fake-exchange.example";
    let body = format!(
        "indicators=fake-exchange.example&text={}&channel=sms&region=hk&amount=1500&asset=usdt\
         &occurred_at=2026-01-02&consent=yes&contact=me%40mail.example&lang=en&csrf={token}",
        form_encode(text)
    );
    let r = server.post_form("/report", &body, &cookies).await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").expect("location").to_owned();
    assert!(
        location.starts_with("/report/R-") && location.ends_with("?sent=1&lang=en"),
        "{location}"
    );
    let reference = location["/report/".len()..location.find('?').expect("query")].to_owned();

    let analyst = format!("Bearer {}", server.key(store::Role::Analyst).await);
    let reports = server
        .get("/v1/reports?region=HK", &[("Authorization", &analyst)])
        .await
        .json();
    let stored = &reports["reports"][0];
    assert_eq!(stored["reference"], reference.as_str());
    assert_eq!(stored["indicators"][0], "domain:fake-exchange.example");
    assert_eq!(stored["loss"]["asset"], "USDT");
    assert_eq!(stored["channel"], "sms");
    assert_eq!(stored["occurred_at"], "2026-01-02T12:00:00Z");

    let html = server.get(&location, &[]).await.text();
    assert!(html.contains("id=\"sent\""), "{html}");
    assert!(html.contains(&reference));
    assert!(html.contains("data-status=\"under_review\""), "{html}");
    for private in ["me@mail.example", "frozen", "1500"] {
        assert!(!html.contains(private), "{private} on the status page");
    }

    // An analyst confirms it and a second approves it: the status page and Verify
    // follow.
    let second = format!("Bearer {}", server.key(store::Role::Analyst).await);
    let r = server
        .triage_by_two("fake-exchange.example", "confirm", &analyst, &second)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = server
        .get(&format!("/report/{reference}?lang=zh-Hans"), &[])
        .await
        .text();
    assert!(html.contains("data-status=\"listed\""), "{html}");
    assert!(html.contains("已列为诈骗"), "{html}");
    let html = server.get("/?q=fake-exchange.example", &[]).await.text();
    assert!(html.contains("data-verdict=\"reported_scam\""), "{html}");

    // The lookup form on /report leads to the status page.
    let r = server
        .get(
            &format!(
                "/report/find?reference={}&lang=en",
                reference.to_lowercase()
            ),
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("location"),
        Some(format!("/report/{reference}?lang=en").as_str())
    );
    let r = server.get("/report/find?reference=+&lang=en", &[]).await;
    assert_eq!(r.header("location"), Some("/report?lang=en#lookup"));

    let r = server.get("/report/R-0000-0000-0000", &[]).await;
    assert_eq!(r.status, 404);
    assert!(r.text().contains("id=\"error\""));

    // Without the token: refused, nothing stored.
    let r = server
        .post_form("/report", "indicators=evil2.example", &[])
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn analyze_reads_an_uploaded_email() {
    let server = TestServer::start().await;
    let r = server.get("/analyze", &[]).await;
    let (cookie, token) = form_session(&r);
    let eml = "From: \"Example Exchange\" <help@desk-mail.net>\r\nSubject: Verify now\r\n\
               Content-Type: text/html\r\n\r\n<p>Your account is frozen within 24 hours.</p>\
               <a href=\"https://examp1e.com/login\">https://www.example.com/login</a>";
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"email\"; filename=\"m.eml\"\r\n\
         Content-Type: message/rfc822\r\n\r\n{eml}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let r = server
        .request(
            "POST",
            "/analyze",
            &[("Cookie", cookie.as_str())],
            Some((&content_type, &body)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("data-risk="), "{html}");
    assert!(html.contains("id=\"message\""), "{html}");
    assert!(html.contains("<mark>"), "{html}");
    assert!(html.contains("data-verdict=\"impersonation\""), "{html}");
    assert!(
        html.contains("examp<mark>1</mark>e.com"),
        "the indicator's card: {html}"
    );
}

#[tokio::test]
async fn learn_and_official_pages() {
    let server = TestServer::start().await;
    let html = server.get("/learn?lang=en", &[]).await.text();
    for t in analyzer::Tactic::ALL {
        assert!(
            html.contains(&format!("data-tactic=\"{}\"", t.as_str())),
            "{t:?}"
        );
    }
    assert_eq!(html.matches("data-family=").count(), 7);
    assert!(html.contains("id=\"todo\""));

    let html = server.get("/official?lang=en", &[]).await.text();
    assert!(
        html.contains("<h2 id=\"brand-0\">Example Exchange</h2>"),
        "{html}"
    );
    assert!(html.contains(">example.com</a>"), "{html}");
    let retired = html
        .find("data-status=\"retired\"")
        .expect("a retired channel");
    assert!(html[retired..].contains("exampleold"), "{html}");
    assert!(
        html[retired..].contains("Retired: no longer used"),
        "{html}"
    );
}

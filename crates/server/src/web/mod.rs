//! The public web pages, server-rendered: Verify (`/`), `/analyze`, `/report` and
//! `/report/{reference}`, `/learn` and `/official`.
//!
//! They work without JavaScript (there is none), so they also work in the locked-down
//! browsers of the people most at risk. Every text comes from the message catalogues;
//! everything interpolated is escaped ([`escape`]). One stylesheet, served same-origin
//! under a content-hashed URL with a year-long cache ([`STYLESHEET_PATH`]); the pages
//! themselves are never cached. The language is `?lang=`, else the cookie a language
//! switch set, else `Accept-Language`.

use std::fmt::Write;
use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use i18n::{Arg, Catalog, Locale};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;

use crate::AppState;

pub(crate) mod analyze;
mod console;
mod learn;
mod official;
pub(crate) mod report;
pub(crate) mod verify;

/// The page routes, gzip-compressed when the browser accepts it.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(verify::verify_page))
        .route(
            "/analyze",
            get(analyze::analyze_page).post(analyze::analyze_submit),
        )
        .route(
            "/report",
            get(report::report_page)
                .post(report::report_submit)
                .layer(DefaultBodyLimit::max(crate::reports::MAX_REPORT_BYTES)),
        )
        .route("/report/find", get(report::find_report))
        .route("/report/{reference}", get(report::status_page))
        .route("/learn", get(learn::learn_page))
        .route("/official", get(official::official_page))
        .route("/assets/{name}", get(asset))
        .merge(console::routes())
        .layer(CompressionLayer::new().gzip(true))
}

const STYLESHEET: &str = include_str!("site.css");

/// `/assets/site.<first 16 hex digits of its SHA-256>.css`: a new stylesheet is a new
/// URL, so browsers may keep the old one for a year.
pub(crate) static STYLESHEET_PATH: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::digest(STYLESHEET.as_bytes());
    format!("/assets/site.{}.css", &hex::encode(digest)[..16])
});

async fn asset(Path(name): Path<String>) -> Response {
    if STYLESHEET_PATH.strip_prefix("/assets/") != Some(name.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// The cookie that keeps the language a switch chose.
const LANG_COOKIE: &str = "antiscam_lang";

/// Escapes text for HTML element content and quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s` escaped.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The request's language and whether to remember it: an explicit `lang` (a switch,
/// or a form's hidden field) is kept in a cookie for the next visit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lang {
    /// The language of the page.
    pub(crate) locale: Locale,
    /// `lang` was given and differs from the cookie's.
    remember: bool,
}

impl Lang {
    pub(crate) fn of(lang: Option<&str>, headers: &HeaderMap) -> Lang {
        let cookie = cookie(headers, LANG_COOKIE).and_then(Locale::parse);
        match lang.and_then(Locale::parse) {
            Some(locale) => Lang {
                locale,
                remember: cookie != Some(locale),
            },
            None => Lang {
                locale: cookie.unwrap_or_else(|| crate::api::locale(None, headers)),
                remember: false,
            },
        }
    }

    /// A catalogue message, escaped.
    pub(crate) fn t(&self, id: &str) -> String {
        escape(&Catalog::global().message(self.locale, id, &[]))
    }

    /// A catalogue message, not escaped: an argument of another message.
    pub(crate) fn raw(&self, id: &str) -> String {
        Catalog::global().message(self.locale, id, &[])
    }

    /// A catalogue message with arguments, escaped.
    pub(crate) fn ta(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        escape(&Catalog::global().message(self.locale, id, args))
    }

    /// The language tag.
    pub(crate) fn tag(&self) -> &'static str {
        self.locale.as_str()
    }
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// A page's language from its request: `?lang=`, the cookie, `Accept-Language`.
impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, Self::Rejection> {
        let lang = Query::<LangQuery>::try_from_uri(&parts.uri)
            .ok()
            .and_then(|Query(q)| q.lang);
        Ok(Lang::of(lang.as_deref(), &parts.headers))
    }
}

/// The values of the request's cookies named `name`, in order.
pub(crate) fn cookies<'h>(headers: &'h HeaderMap, name: &str) -> impl Iterator<Item = &'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .filter(move |(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// The first cookie named `name`.
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    cookies(headers, name).next()
}

/// The five pages of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Verify,
    Analyze,
    Report,
    Learn,
    Official,
}

impl Nav {
    const ALL: [Nav; 5] = [
        Nav::Verify,
        Nav::Analyze,
        Nav::Report,
        Nav::Learn,
        Nav::Official,
    ];

    fn path(self) -> &'static str {
        match self {
            Nav::Verify => "/",
            Nav::Analyze => "/analyze",
            Nav::Report => "/report",
            Nav::Learn => "/learn",
            Nav::Official => "/official",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Nav::Verify => "ui-verify-nav",
            Nav::Analyze => "ui-analyze-nav",
            Nav::Report => "ui-report-cta",
            Nav::Learn => "ui-learn-nav",
            Nav::Official => "ui-official-nav",
        }
    }
}

/// A page being written: the layout's header is written by [`Page::new`], the content
/// by the handler (`write!` into [`Page::html`]), the footer by [`Page::finish`].
pub(crate) struct Page {
    /// The HTML so far.
    pub(crate) html: String,
    lang: Lang,
    cookies: Vec<HeaderValue>,
    status: StatusCode,
}

impl Page {
    /// Starts a page: head, skip link, site name, navigation (`current` marked), the
    /// language switch (links to `here` in each language; `here` is a path with an
    /// optional query, already escaped for a URL), and opens `<main>` with the `<h1>`.
    /// `title` is escaped HTML (as [`Lang::t`] gives).
    pub(crate) fn new(lang: Lang, current: Option<Nav>, title: &str, here: &str) -> Page {
        let tag = lang.tag();
        let links: Vec<(String, String, bool)> = Nav::ALL
            .iter()
            .map(|&nav| {
                (
                    format!("{}?lang={tag}", nav.path()),
                    lang.t(nav.label()),
                    current == Some(nav),
                )
            })
            .collect();
        Page::with_nav(lang, &links, "", title, here)
    }

    /// Starts a page with its own navigation: `links` (href, escaped label, current),
    /// then `extra` HTML after the list (the console's sign-out form).
    pub(crate) fn with_nav(
        lang: Lang,
        links: &[(String, String, bool)],
        extra: &str,
        title: &str,
        here: &str,
    ) -> Page {
        let mut html = String::with_capacity(16 * 1024);
        let tag = lang.tag();
        let site = lang.t("ui-site-name");
        let _ = write!(
            html,
            "<!doctype html><html lang=\"{tag}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>{title} · {site}</title>\
             <link rel=\"stylesheet\" href=\"{css}\"></head><body>\
             <a class=\"skip\" href=\"#main\">{skip}</a>\
             <header><div class=\"wrap\"><a class=\"site\" href=\"/?lang={tag}\">{site}</a>",
            css = STYLESHEET_PATH.as_str(),
            skip = lang.t("ui-skip-link"),
        );
        if !links.is_empty() || !extra.is_empty() {
            let _ = write!(html, "<nav aria-label=\"{}\"><ul>", lang.t("ui-nav-label"));
        }
        for (href, label, current) in links {
            let _ = write!(
                html,
                "<li><a href=\"{href}\"{current}>{label}</a></li>",
                current = if *current {
                    " aria-current=\"page\""
                } else {
                    ""
                },
            );
        }
        if !links.is_empty() || !extra.is_empty() {
            let _ = write!(html, "</ul>{extra}</nav>");
        }
        let _ = write!(
            html,
            "<nav class=\"lang\" aria-label=\"{}\"><ul>",
            lang.t("ui-language")
        );
        let join = if here.contains('?') { "&amp;" } else { "?" };
        for other in Locale::ALL {
            let code = other.as_str();
            let _ = write!(
                html,
                "<li><a href=\"{here}{join}lang={code}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{name}</a></li>",
                current = if other == lang.locale {
                    " aria-current=\"true\""
                } else {
                    ""
                },
                name = escape(other.native_name()),
            );
        }
        let _ = write!(
            html,
            "</ul></nav></div></header><main id=\"main\" class=\"wrap\"><h1>{title}</h1>"
        );
        Page {
            html,
            lang,
            cookies: Vec::new(),
            status: StatusCode::OK,
        }
    }

    /// Sends a cookie with the page (the CSRF cookie of a form).
    pub(crate) fn set_cookie(&mut self, cookie: Option<HeaderValue>) {
        self.cookies.extend(cookie);
    }

    /// Answers with this status instead of 200.
    pub(crate) fn status(&mut self, status: StatusCode) {
        self.status = status;
    }

    /// Ends the page with the footer and sends it with the headers every page carries:
    /// a strict CSP (no scripts at all, styles from this origin only), no referrer (what
    /// the user checks must not leak to another site), no caching (results and messages
    /// are the user's business).
    pub(crate) fn finish(mut self) -> Response {
        let _ = write!(
            self.html,
            "</main><footer><div class=\"wrap\"><p>{note}</p><p>{footer}</p></div></footer></body></html>",
            note = self.lang.t("ui-no-record-note"),
            footer = self.lang.t("ui-footer"),
        );
        let mut response = (
            self.status,
            [
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'",
                ),
                (header::REFERRER_POLICY, "no-referrer"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            Html(self.html),
        )
            .into_response();
        let headers = response.headers_mut();
        for c in self.cookies {
            headers.append(header::SET_COOKIE, c);
        }
        if self.lang.remember
            && let Ok(c) = HeaderValue::from_str(&format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                self.lang.tag()
            ))
        {
            headers.append(header::SET_COOKIE, c);
        }
        response
    }
}

/// Writes an alert (`#error`, read out at once): an optional heading and a text, both
/// escaped HTML.
pub(crate) fn alert(html: &mut String, heading: Option<&str>, text: &str) {
    html.push_str("<div class=\"alert\" id=\"error\" role=\"alert\">");
    if let Some(h) = heading {
        let _ = write!(html, "<h2>{h}</h2>");
    }
    let _ = write!(html, "<p>{text}</p></div>");
}

/// A `303 See Other` to `location` (a path of ours).
pub(crate) fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn day(unix: i64) -> String {
    wire::rfc3339(unix).chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_encodes_queries() {
        let cases = [
            ("<script>", "&lt;script&gt;"),
            ("a\"b'c&", "a&quot;b&#39;c&amp;"),
            ("plain", "plain"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want);
        }
        assert_eq!(percent_encode("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }

    #[test]
    fn the_language_is_the_query_then_the_cookie_then_the_browser() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN"));
        assert_eq!(Lang::of(None, &h).locale, Locale::ZhHans);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; antiscam_lang=zh-Hant"),
        );
        let l = Lang::of(None, &h);
        assert_eq!((l.locale, l.remember), (Locale::ZhHant, false));
        let l = Lang::of(Some("en"), &h);
        assert_eq!((l.locale, l.remember), (Locale::En, true));
        let l = Lang::of(Some("zh-Hant"), &h);
        assert_eq!((l.locale, l.remember), (Locale::ZhHant, false));
        assert_eq!(Lang::of(Some("xx"), &h).locale, Locale::ZhHant);
    }

    #[test]
    fn the_stylesheet_has_a_hashed_path() {
        assert!(STYLESHEET_PATH.starts_with("/assets/site."));
        assert_eq!(STYLESHEET_PATH.len(), "/assets/site.".len() + 16 + 4);
    }
}

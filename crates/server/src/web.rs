//! Server-rendered web pages. They work without JavaScript, so they also work in the
//! locked-down browsers of the people most at risk; every text comes from the
//! message catalogues.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use i18n::{Arg, Catalog, Locale};
use serde::Deserialize;
use wire::VerifyResult;

use crate::AppState;
use crate::api::{locale, parse_kind};

#[derive(Debug, Deserialize)]
pub(crate) struct PageQuery {
    q: Option<String>,
    kind: Option<String>,
    lang: Option<String>,
}

/// Escapes text for HTML element content and quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}

pub(crate) const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b}\
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}\
nav a{margin-left:.6rem}form{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}\
label{width:100%;font-weight:600}input[type=text]{flex:1;min-width:14rem;padding:.6rem;font-size:1rem}\
button{padding:.6rem 1.2rem;font-size:1rem}.result{border:2px solid #888;border-radius:.5rem;padding:1rem;margin:1rem 0}\
.verdict-official{border-color:#1a7f37}.verdict-formerly_official{border-color:#9a6700}\
.verdict-impersonation,.verdict-reported_scam{border-color:#cf222e;background:#fff5f5}\
.verdict-unknown{border-color:#57606a}.verdict-invalid{border-color:#9a6700}\
.verdict{font-size:1.4rem;font-weight:700;margin:.2rem 0}dt{font-weight:600}dd{margin:0 0 .4rem 0;word-break:break-all}\
.advice{font-weight:600}footer{margin-top:2rem;font-size:.9rem;color:#57606a}";

pub(crate) async fn verify_page(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or(PageQuery {
        q: None,
        kind: None,
        lang: None,
    });
    let locale = locale(query.lang.as_deref(), &headers);
    let catalog = Catalog::global();
    let msg = |id: &str| escape(&catalog.message(locale, id, &[]));
    let index = state.index();
    let brand = state
        .settings
        .site_brand
        .clone()
        .or_else(|| index.brand_names().next().map(str::to_owned))
        .unwrap_or_default();
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let kind = parse_kind(query.kind.as_deref()).ok().flatten();
    let result = q.map(|q| wire::verify_result(q, &index.verify(q, kind), locale));

    let mut page = String::with_capacity(8 * 1024);
    let _ = write!(
        page,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · {site}</title><style>{STYLE}</style></head><body>\
         <header><strong>{site}</strong><nav aria-label=\"{language}\"><a href=\"/analyze?lang={lang}\">{analyze}</a>",
        lang = locale.as_str(),
        title = msg("ui-verify-title"),
        site = msg("ui-site-name"),
        language = msg("ui-language"),
        analyze = msg("ui-analyze-nav"),
    );
    for other in Locale::ALL {
        let mut href = format!("/?lang={}", other.as_str());
        if let Some(q) = q {
            href.push_str("&q=");
            href.push_str(&percent_encode(q));
        }
        let _ = write!(
            page,
            "<a href=\"{}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
            escape(&href),
            other.as_str(),
            other.as_str(),
            escape(other.native_name())
        );
    }
    let intro = escape(&catalog.message(locale, "ui-verify-intro", &[("brand", Arg::Str(&brand))]));
    let _ = write!(
        page,
        "</nav></header><main><h1>{title}</h1><p>{intro}</p>\
         <form method=\"get\" action=\"/\" role=\"search\">\
         <label for=\"q\">{label}</label>\
         <input type=\"text\" id=\"q\" name=\"q\" value=\"{value}\" placeholder=\"{placeholder}\" maxlength=\"2048\" required autocomplete=\"off\" spellcheck=\"false\">\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
         <button type=\"submit\" id=\"submit\">{submit}</button></form>",
        title = msg("ui-verify-title"),
        label = msg("ui-input-label"),
        value = escape(q.unwrap_or("")),
        placeholder = msg("ui-input-placeholder"),
        lang = locale.as_str(),
        submit = msg("ui-submit"),
    );
    if let Some(r) = &result {
        render_result(&mut page, catalog, locale, r);
    }
    finish(page, locale)
}

/// Ends a page with the footer and sends it with the headers every page carries: a
/// strict CSP (no scripts at all), no referrer (what the user checks must not leak to
/// another site), no caching (results and messages are the user's business).
pub(crate) fn finish(mut page: String, locale: Locale) -> Response {
    let catalog = Catalog::global();
    let msg = |id: &str| escape(&catalog.message(locale, id, &[]));
    let _ = write!(
        page,
        "<footer><p>{note}</p><p>{footer}</p></footer></main></body></html>",
        note = msg("ui-no-record-note"),
        footer = msg("ui-footer"),
    );
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Html(page),
    )
        .into_response()
}

fn render_result(page: &mut String, catalog: &Catalog, locale: Locale, r: &VerifyResult) {
    let msg = |id: &str| escape(&catalog.message(locale, id, &[]));
    let heading = escape(&catalog.message(
        locale,
        "ui-result-heading",
        &[("input", Arg::Str(&r.input))],
    ));
    let _ = write!(
        page,
        "<section class=\"result verdict-{v}\" id=\"result\" data-verdict=\"{v}\" aria-live=\"polite\">\
         <h2>{heading}</h2><p class=\"verdict\">{title}</p><dl>",
        v = r.verdict.as_str(),
        title = escape(&r.title),
    );
    if let Some(kind) = r.kind {
        let _ = write!(
            page,
            "<dt>{}</dt><dd>{}</dd>",
            msg("ui-kind"),
            msg(&wire::kind_id(kind))
        );
    }
    if let Some(n) = &r.normalized {
        let _ = write!(
            page,
            "<dt>{}</dt><dd>{}</dd>",
            msg("ui-normalized"),
            escape(n)
        );
    }
    if let Some(t) = r.technique {
        let _ = write!(
            page,
            "<dt>{}</dt><dd data-technique=\"{}\">{}</dd>",
            msg("ui-technique"),
            t.as_str(),
            msg(&format!("technique-name-{}", t.as_str()))
        );
    }
    if let (Some(target), Some(brand)) = (&r.target, &r.brand) {
        let _ = write!(
            page,
            "<dt>{}</dt><dd>{} ({})</dd>",
            msg("ui-official-channel"),
            escape(target),
            escape(brand)
        );
    }
    page.push_str("</dl><ul class=\"reasons\">");
    for reason in &r.reasons {
        let _ = write!(page, "<li>{}</li>", escape(reason));
    }
    let _ = write!(
        page,
        "</ul><p class=\"advice\">{}</p></section>",
        escape(&r.advice)
    );
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
fn percent_encode(s: &str) -> String {
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
}

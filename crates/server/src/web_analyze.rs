//! The analyze page: paste a suspicious message, see its tactics with the words that show
//! them, every link and number in it verified, and what to do. The message is sent by
//! POST so that it never sits in a URL, a browser history or a proxy log. Without a
//! message the page teaches the common tactics (Know Your Scam).

use std::fmt::Write;
use std::sync::Arc;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use i18n::{Catalog, Locale};
use serde::Deserialize;
use wire::{AnalysisResult, AnalyzeRequest};

use crate::AppState;
use crate::api::locale;
use crate::web::{STYLE, escape, finish};

#[derive(Debug, Deserialize)]
pub(crate) struct PageQuery {
    lang: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PageForm {
    text: Option<String>,
    lang: Option<String>,
    csrf: Option<String>,
}

/// `GET /analyze`: the form and the common tactics.
pub(crate) async fn analyze_page(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let lang = query.ok().and_then(|Query(q)| q.lang);
    let locale = locale(lang.as_deref(), &headers);
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let token = state.csrf.token(&cookie);
    with_cookie(render(locale, "", &token, None, None), set_cookie)
}

fn with_cookie(mut response: Response, set_cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// `POST /analyze`: the form again, with the analysis of the message.
pub(crate) async fn analyze_submit(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    form: Result<Form<PageForm>, FormRejection>,
) -> Response {
    let (text, lang, token) = match form {
        Ok(Form(f)) => (f.text.unwrap_or_default(), f.lang, f.csrf),
        Err(_) => (String::new(), None, None),
    };
    let locale = locale(lang.as_deref(), &headers);
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let fresh = state.csrf.token(&cookie);
    if let Err(refusal) = state.csrf.check(&headers, token.as_deref()) {
        tracing::info!(
            ?refusal,
            "analyze form refused: cross-site or without a valid token"
        );
        let message = Catalog::global().message(locale, "ui-form-expired", &[]);
        let mut response = render(locale, &text, &fresh, None, Some(&message));
        *response.status_mut() = StatusCode::FORBIDDEN;
        return with_cookie(response, set_cookie);
    }
    let request = AnalyzeRequest {
        text: Some(text.clone()),
        ..AnalyzeRequest::default()
    };
    let result = match request.validate() {
        Ok((input, _)) => {
            let index = state.index_arc();
            tokio::task::spawn_blocking(move || wire::analyze(&input, &index, Some(locale), locale))
                .await
                .map_err(|_| "internal".to_owned())
        }
        Err(e) => Err(e.to_string()),
    };
    let response = match result {
        Ok(r) => render(locale, &text, &fresh, Some(&r), None),
        Err(e) => render(locale, &text, &fresh, None, Some(&e)),
    };
    with_cookie(response, set_cookie)
}

fn render(
    locale: Locale,
    text: &str,
    csrf: &str,
    result: Option<&AnalysisResult>,
    error: Option<&str>,
) -> Response {
    let catalog = Catalog::global();
    let msg = |id: &str| escape(&catalog.message(locale, id, &[]));
    let mut page = String::with_capacity(16 * 1024);
    let _ = write!(
        page,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · {site}</title><style>{STYLE}\
         textarea{{width:100%;min-height:9rem;padding:.6rem;font-size:1rem}}\
         .risk-none,.risk-low{{border-color:#57606a}}.risk-medium{{border-color:#9a6700}}\
         .risk-high,.risk-critical{{border-color:#cf222e;background:#fff5f5}}\
         mark{{background:#ffe08a}}</style></head><body>\
         <header><strong>{site}</strong><nav aria-label=\"{language}\"><a href=\"/?lang={lang}\">{verify}</a>",
        lang = locale.as_str(),
        title = msg("ui-analyze-title"),
        site = msg("ui-site-name"),
        language = msg("ui-language"),
        verify = msg("ui-verify-nav"),
    );
    for other in Locale::ALL {
        let _ = write!(
            page,
            "<a href=\"/analyze?lang={code}\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>",
            code = other.as_str(),
            name = escape(other.native_name())
        );
    }
    let _ = write!(
        page,
        "</nav></header><main><h1>{title}</h1><p>{intro}</p>\
         <form method=\"post\" action=\"/analyze\">\
         <label for=\"text\">{label}</label>\
         <textarea id=\"text\" name=\"text\" maxlength=\"{max}\" required spellcheck=\"false\">{text}</textarea>\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
         <input type=\"hidden\" name=\"{csrf_field}\" value=\"{csrf}\">\
         <button type=\"submit\" id=\"submit\">{submit}</button></form>",
        csrf_field = crate::csrf::FIELD,
        csrf = escape(csrf),
        title = msg("ui-analyze-title"),
        intro = msg("ui-analyze-intro"),
        label = msg("ui-analyze-label"),
        max = wire::MAX_REQUEST_TEXT_BYTES,
        text = escape(text),
        lang = locale.as_str(),
        submit = msg("ui-analyze-submit"),
    );
    if let Some(e) = error {
        let _ = write!(
            page,
            "<section class=\"result\" id=\"error\"><h2>{}</h2><p>{}</p></section>",
            msg("ui-error-heading"),
            escape(e)
        );
    }
    match result {
        Some(r) => render_analysis(&mut page, catalog, locale, r),
        None => render_tactics(&mut page, catalog, locale),
    }
    finish(page, locale)
}

fn render_analysis(page: &mut String, catalog: &Catalog, locale: Locale, r: &AnalysisResult) {
    let msg = |id: &str| escape(&catalog.message(locale, id, &[]));
    let score = escape(&catalog.message(
        locale,
        "ui-analyze-score",
        &[("score", i18n::Arg::Num(i64::from(r.score)))],
    ));
    let _ = write!(
        page,
        "<section class=\"result risk-{risk}\" id=\"result\" data-risk=\"{risk}\" aria-live=\"polite\">\
         <p class=\"verdict\">{title}</p><p>{score}</p><p class=\"advice\">{advice}</p>",
        risk = r.risk.as_str(),
        title = escape(&r.risk_title),
        advice = escape(&r.advice),
    );
    for t in &r.tactics {
        let _ = write!(
            page,
            "<h3 data-tactic=\"{}\">{}</h3><ul>",
            t.tactic.as_str(),
            escape(&t.title)
        );
        for e in &t.evidence {
            let _ = write!(
                page,
                "<li><mark>{}</mark>: {}</li>",
                escape(&e.text),
                escape(&e.reason)
            );
        }
        page.push_str("</ul>");
        for tip in &t.tips {
            let _ = write!(page, "<p>{}</p>", escape(tip));
        }
    }
    if !r.indicators.is_empty() {
        let _ = write!(page, "<h3>{}</h3><ul>", msg("ui-analyze-indicators"));
        for i in &r.indicators {
            let v = &i.verification;
            let _ = write!(
                page,
                "<li data-verdict=\"{}\"><strong>{}</strong>: {}",
                v.verdict.as_str(),
                escape(&v.input),
                escape(&v.title)
            );
            if let Some(reason) = v.reasons.first() {
                let _ = write!(page, " — {}", escape(reason));
            }
            page.push_str("</li>");
        }
        page.push_str("</ul>");
    }
    page.push_str("</section>");
}

fn render_tactics(page: &mut String, catalog: &Catalog, locale: Locale) {
    let _ = write!(
        page,
        "<section id=\"tactics\"><h2>{}</h2>",
        escape(&catalog.message(locale, "ui-learn-tactics", &[]))
    );
    for t in wire::tactics(locale) {
        let _ = write!(
            page,
            "<h3 data-tactic=\"{}\">{}</h3><p>{}</p>",
            t.tactic.as_str(),
            escape(&t.title),
            escape(&t.description)
        );
        for tip in &t.tips {
            let _ = write!(page, "<p class=\"advice\">{}</p>", escape(tip));
        }
    }
    page.push_str("</section>");
}

//! The analyze page: paste a suspicious message or upload an email file (`.eml`), see
//! the message with the words that give it away highlighted, its tactics, every link,
//! number and account in it with its verdict card, and what to do. The message is sent
//! by POST so that it never sits in a URL, a browser history or a proxy log; it is not
//! stored.
//!
//! The form is `multipart/form-data` (a file needs it); a URL-encoded post with `text`
//! works too. Both carry the CSRF token ([`crate::csrf`]).

use std::fmt::Write;
use std::sync::Arc;

use axum::Form;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use i18n::Arg;
use serde::Deserialize;
use wire::{AnalysisResult, AnalyzeRequest, RequestError};

use super::verify::{Card, card};
use super::{Lang, Nav, Page, escape, push_escaped};
use crate::AppState;

/// The fields of the form.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageForm {
    text: Option<String>,
    lang: Option<String>,
    csrf: Option<String>,
    /// The uploaded email file (multipart only).
    #[serde(skip)]
    email: Option<Vec<u8>>,
}

/// `GET /analyze`: the form.
pub(crate) async fn analyze_page(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    lang: Lang,
) -> Response {
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let token = state.csrf.token(&cookie);
    let mut page = render(lang, "", &token, None, None);
    page.set_cookie(set_cookie);
    page.finish()
}

/// Reads the form, URL-encoded or multipart, within the body limit.
async fn read_form(request: Request) -> Option<PageForm> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        return Form::<PageForm>::from_request(request, &())
            .await
            .ok()
            .map(|Form(f)| f);
    }
    let mut parts = Multipart::from_request(request, &()).await.ok()?;
    let mut form = PageForm::default();
    while let Ok(Some(field)) = parts.next_field().await {
        let name = field.name().unwrap_or("").to_owned();
        let bytes = field.bytes().await.ok()?;
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "text" => form.text = Some(text()),
            "lang" => form.lang = Some(text()),
            "csrf" => form.csrf = Some(text()),
            "email" if !bytes.is_empty() => form.email = Some(bytes.to_vec()),
            _ => {}
        }
    }
    Some(form)
}

/// `POST /analyze`: the form again, with the analysis of the message.
pub(crate) async fn analyze_submit(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    let headers = request.headers().clone();
    let form = read_form(request).await.unwrap_or_default();
    let text = form.text.unwrap_or_default();
    let lang = Lang::of(form.lang.as_deref(), &headers);
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let fresh = state.csrf.token(&cookie);
    if let Err(refusal) = state.csrf.check(&headers, form.csrf.as_deref()) {
        tracing::info!(
            ?refusal,
            "analyze form refused: cross-site or without a valid token"
        );
        let mut page = render(lang, &text, &fresh, None, Some(lang.t("ui-form-expired")));
        page.status(StatusCode::FORBIDDEN);
        page.set_cookie(set_cookie);
        return page.finish();
    }
    // A file wins over the text box: it is the whole email, headers and links included.
    let request = match form.email {
        Some(raw) => AnalyzeRequest {
            email: Some(String::from_utf8_lossy(&raw).into_owned()),
            ..AnalyzeRequest::default()
        },
        None => AnalyzeRequest {
            text: Some(text.clone()),
            ..AnalyzeRequest::default()
        },
    };
    let result = match request.validate() {
        Ok((input, _)) => state
            .service
            .analyze_input(input, Some(lang.locale), lang.locale)
            .await
            .map_err(|_| lang.t("error-internal")),
        Err(e) => Err(request_error(lang, &e)),
    };
    let mut page = match result {
        Ok(r) => render(lang, &text, &fresh, Some(&r), None),
        Err(e) => render(lang, &text, &fresh, None, Some(e)),
    };
    page.set_cookie(set_cookie);
    page.finish()
}

/// A request error in the user's language, escaped.
fn request_error(lang: Lang, e: &RequestError) -> String {
    match e {
        RequestError::TooLong { max, .. } => {
            lang.ta("ui-analyze-too-long", &[("max", Arg::from(*max))])
        }
        RequestError::Email(_) => lang.t("ui-analyze-file-error"),
        _ => lang.t("ui-analyze-missing"),
    }
}

/// The page: the form, then an error (escaped HTML) or the analysis.
fn render(
    lang: Lang,
    text: &str,
    csrf: &str,
    result: Option<&AnalysisResult>,
    error: Option<String>,
) -> Page {
    let mut page = Page::new(
        lang,
        Some(Nav::Analyze),
        &lang.t("ui-analyze-title"),
        "/analyze",
    );
    let _ = write!(
        page.html,
        "<p>{intro}</p>\
         <form method=\"post\" action=\"/analyze#result\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"text\">{label}</label>\
         <textarea id=\"text\" name=\"text\" maxlength=\"{max}\" spellcheck=\"false\"{invalid}>{text}</textarea></div>\
         <div class=\"field\"><label for=\"email\">{file}</label>\
         <p class=\"hint\" id=\"email-hint\">{file_hint}</p>\
         <input type=\"file\" id=\"email\" name=\"email\" accept=\".eml,message/rfc822\" aria-describedby=\"email-hint\"></div>\
         <input type=\"hidden\" name=\"lang\" value=\"{tag}\">\
         <input type=\"hidden\" name=\"{csrf_field}\" value=\"{csrf}\">\
         <button type=\"submit\" id=\"submit\">{submit}</button></form>",
        intro = lang.t("ui-analyze-intro"),
        label = lang.t("ui-analyze-label"),
        max = wire::MAX_REQUEST_TEXT_BYTES,
        invalid = if error.is_some() {
            " aria-invalid=\"true\" aria-describedby=\"error\""
        } else {
            ""
        },
        text = escape(text),
        file = lang.t("ui-analyze-file-label"),
        file_hint = lang.t("ui-analyze-file-hint"),
        tag = lang.tag(),
        csrf_field = crate::csrf::FIELD,
        csrf = escape(csrf),
        submit = lang.t("ui-analyze-submit"),
    );
    if let Some(e) = error {
        super::alert(&mut page.html, Some(&lang.t("ui-error-heading")), &e);
    }
    if let Some(r) = result {
        render_analysis(&mut page.html, lang, r, text);
    }
    page
}

fn render_analysis(html: &mut String, lang: Lang, r: &AnalysisResult, text: &str) {
    let risk = r.risk.as_str();
    let icon = match r.risk {
        analyzer::Risk::None | analyzer::Risk::Low => "i",
        analyzer::Risk::Medium => "!",
        analyzer::Risk::High | analyzer::Risk::Critical => "✗",
    };
    let _ = write!(
        html,
        "<section class=\"card r-{risk}\" id=\"result\" data-risk=\"{risk}\">\
         <h2 class=\"verdict\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>\
         <span><span class=\"sr-only\">{label} </span>{title}</span></h2><p>{score}</p>\
         <h3>{next}</h3><p class=\"advice\">{advice}</p></section>",
        label = lang.t("ui-verdict-label"),
        title = escape(&r.risk_title),
        score = lang.ta(
            "ui-analyze-score",
            &[("score", Arg::Num(i64::from(r.score)))]
        ),
        next = lang.t("ui-next-heading"),
        advice = escape(&r.advice),
    );
    // The analyzed text: an email's laid-out document, else the message as pasted.
    let analyzed = r.text.as_deref().unwrap_or(text);
    let spans: Vec<(usize, usize)> = r
        .tactics
        .iter()
        .flat_map(|t| t.evidence.iter().map(|e| (e.start, e.end)))
        .collect();
    if !analyzed.trim().is_empty() {
        let _ = write!(
            html,
            "<h2>{}</h2><div class=\"message\" id=\"message\">{}</div>",
            lang.t("ui-analyze-highlighted"),
            highlight(analyzed, &spans)
        );
    }
    if !r.tactics.is_empty() {
        let _ = write!(html, "<h2>{}</h2>", lang.t("ui-analyze-tactics"));
    }
    for t in &r.tactics {
        let _ = write!(
            html,
            "<section class=\"tactic\" data-tactic=\"{}\"><h3>{}</h3><ul>",
            t.tactic.as_str(),
            escape(&t.title)
        );
        for e in &t.evidence {
            let _ = write!(
                html,
                "<li><mark>{}</mark>: {}</li>",
                escape(&e.text),
                escape(&e.reason)
            );
        }
        html.push_str("</ul>");
        for tip in &t.tips {
            let _ = write!(html, "<p>{}</p>", escape(tip));
        }
        html.push_str("</section>");
    }
    if !r.indicators.is_empty() {
        let _ = write!(
            html,
            "<section id=\"indicators\"><h2>{}</h2>",
            lang.t("ui-analyze-indicators")
        );
        for i in &r.indicators {
            card(html, lang, &i.verification, Card::Small);
        }
        html.push_str("</section>");
    }
}

/// `text` escaped, with the byte ranges `spans` (merged where they overlap) in
/// `<mark>`. Ranges that do not fall on character boundaries are skipped.
pub(crate) fn highlight(text: &str, spans: &[(usize, usize)]) -> String {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = String::with_capacity(text.len() + merged.len() * 13);
    let mut at = 0;
    for (s, e) in merged {
        push_escaped(&mut out, &text[at..s]);
        out.push_str("<mark>");
        push_escaped(&mut out, &text[s..e]);
        out.push_str("</mark>");
        at = e;
    }
    push_escaped(&mut out, &text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_marked_in_the_escaped_text() {
        let text = "send <your> seed phrase now, 立即";
        let seed = text.find("seed phrase").expect("seed");
        let now = text.find("now").expect("now");
        let zh = text.find("立即").expect("zh");
        let spans = [
            (seed, seed + 4),
            (seed + 2, seed + 11),
            (now, now + 3),
            (zh, zh + 6),
            (zh + 1, zh + 2),
            (3, 1),
            (0, 999),
        ];
        assert_eq!(
            highlight(text, &spans),
            "send &lt;your&gt; <mark>seed phrase</mark> <mark>now</mark>, <mark>立即</mark>"
        );
    }
}

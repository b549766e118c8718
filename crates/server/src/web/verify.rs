//! Verify (`/`): one box; the verdict as a card (colour, icon and word), the reasons,
//! the official channel imitated beside the input with the differing characters marked,
//! the reports behind a listing, what to do next and a link to report it. A compromised
//! official channel (`official_compromised`) shows since when and the brand's other
//! channels to use instead.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use i18n::Arg;
use indicator::Kind;
use verify::Verdict;
use wire::VerifyResult;

use super::{Lang, Nav, Page, escape, percent_encode, push_escaped};
use crate::AppState;
use crate::api::VerifyQuery;

pub(crate) async fn verify_page(
    State(state): State<Arc<AppState>>,
    lang: Lang,
    query: Result<Query<VerifyQuery>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let index = state.index();
    let brand = state
        .settings
        .site_brand
        .clone()
        .or_else(|| index.brand_names().next().map(str::to_owned))
        .unwrap_or_default();
    drop(index);
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    // An unknown kind is ignored here: the page reads the input as it comes.
    let kind = query
        .kind
        .as_deref()
        .filter(|k| service::verification::parse_kind(Some(k)).is_ok());
    let result = q.and_then(|q| state.service.verify(q, kind, lang.locale).ok());

    let here = match q {
        Some(q) => format!("/?q={}", percent_encode(q)),
        None => "/".to_owned(),
    };
    let mut page = Page::new(
        lang,
        Some(Nav::Verify),
        &lang.t("ui-verify-title"),
        &escape(&here),
    );
    let _ = write!(
        page.html,
        "<p>{intro}</p>\
         <form method=\"get\" action=\"/#result\" role=\"search\">\
         <label for=\"q\">{label}</label><div class=\"search\">\
         <input type=\"text\" id=\"q\" name=\"q\" value=\"{value}\" placeholder=\"{placeholder}\" maxlength=\"2048\" required autocomplete=\"off\" autocapitalize=\"off\" spellcheck=\"false\">\
         <input type=\"hidden\" name=\"lang\" value=\"{tag}\">\
         <button type=\"submit\" id=\"submit\">{submit}</button></div></form>",
        intro = lang.ta("ui-verify-intro", &[("brand", Arg::Str(&brand))]),
        label = lang.t("ui-input-label"),
        value = escape(q.unwrap_or("")),
        placeholder = lang.t("ui-input-placeholder"),
        tag = lang.tag(),
        submit = lang.t("ui-submit"),
    );
    if let Some(r) = &result {
        card(&mut page.html, lang, r, Card::Full);
    }
    page.finish()
}

/// How much of a verdict card to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Card {
    /// Verify's answer: `<h2>`, every fact, what to do next.
    Full,
    /// One indicator among others (the analyze page): `<h4>`, no next steps.
    Small,
}

/// The icon of a verdict: a shape that reads without colour (hidden from screen
/// readers, which read the word).
fn icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Official => "✓",
        Verdict::FormerlyOfficial | Verdict::OfficialCompromised | Verdict::Invalid => "!",
        Verdict::Impersonation | Verdict::ReportedScam => "✗",
        Verdict::Unknown => "?",
    }
}

/// Writes a verdict card.
pub(crate) fn card(html: &mut String, lang: Lang, r: &VerifyResult, size: Card) {
    let v = r.verdict.as_str();
    let (class, h) = match size {
        Card::Full => ("card", "h2"),
        Card::Small => ("card small", "h4"),
    };
    let _ = write!(
        html,
        "<section class=\"{class} v-{v}\"{id} data-verdict=\"{v}\">\
         <{h}>{heading}</{h}>\
         <p class=\"verdict\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>\
         <span><span class=\"sr-only\">{label} </span>{title}</span></p><ul class=\"reasons\">",
        id = if size == Card::Full {
            " id=\"result\""
        } else {
            ""
        },
        heading = lang.ta("ui-result-heading", &[("input", Arg::Str(&r.input))]),
        icon = icon(r.verdict),
        label = lang.t("ui-verdict-label"),
        title = escape(&r.title),
    );
    for reason in &r.reasons {
        let _ = write!(html, "<li>{}</li>", escape(reason));
    }
    html.push_str("</ul>");
    if r.verdict == Verdict::Impersonation {
        compare(html, lang, r);
    }
    if let Some(report) = &r.report {
        let _ = write!(
            html,
            "<p class=\"reports\">{}</p>",
            lang.ta(
                "ui-report-summary",
                &[
                    ("count", Arg::Num(i64::from(report.count))),
                    ("first", Arg::Str(report.first_seen.get(..10).unwrap_or(""))),
                    ("last", Arg::Str(report.last_seen.get(..10).unwrap_or(""))),
                ]
            )
        );
    }
    if size == Card::Full {
        facts(html, lang, r);
        let _ = write!(
            html,
            "<h3>{}</h3><p class=\"advice\">{}</p>",
            lang.t("ui-next-heading"),
            escape(&r.advice)
        );
        if r.verdict == Verdict::Unknown {
            let _ = write!(
                html,
                "<p class=\"note\">{}</p>",
                lang.t("ui-no-record-note")
            );
        }
        if !matches!(r.verdict, Verdict::Official | Verdict::Invalid) {
            let _ = write!(
                html,
                "<p><a href=\"/report?indicator={}&amp;lang={}\">{}</a></p>",
                percent_encode(r.normalized.as_deref().unwrap_or(&r.input)),
                lang.tag(),
                lang.t("ui-report-this")
            );
        }
    }
    html.push_str("</section>");
}

fn facts(html: &mut String, lang: Lang, r: &VerifyResult) {
    html.push_str("<dl class=\"facts\">");
    if let Some(kind) = r.kind {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            lang.t("ui-kind"),
            lang.t(&wire::kind_id(kind))
        );
    }
    if let Some(n) = &r.normalized {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            lang.t("ui-normalized"),
            escape(n)
        );
    }
    if let Some(t) = r.technique {
        let _ = write!(
            html,
            "<dt>{}</dt><dd data-technique=\"{}\">{}</dd>",
            lang.t("ui-technique"),
            t.as_str(),
            lang.t(&format!("technique-name-{}", t.as_str()))
        );
    }
    if let (Some(target), Some(brand)) = (&r.target, &r.brand) {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{} ({})</dd>",
            lang.t("ui-official-channel"),
            escape(target),
            escape(brand)
        );
    }
    if let Some(since) = &r.compromised_since {
        let _ = write!(
            html,
            "<dt>{}</dt><dd><time datetime=\"{since}\">{shown}</time></dd>",
            lang.t("ui-compromised-since"),
            since = escape(since),
            shown = escape(&since.replace('T', " ").replace('Z', " UTC")),
        );
    }
    if !r.other_channels.is_empty() {
        let _ = write!(
            html,
            "<dt>{}</dt><dd><ul class=\"others\">",
            lang.t("ui-other-channels")
        );
        for c in &r.other_channels {
            let _ = write!(
                html,
                "<li data-kind=\"{}\">{} {}</li>",
                c.kind,
                escape(&c.kind_name),
                escape(&c.value)
            );
        }
        html.push_str("</ul></dd>");
    }
    html.push_str("</dl>");
}

/// The input and the official channel it imitates, one above the other, the characters
/// that differ marked in both.
fn compare(html: &mut String, lang: Lang, r: &VerifyResult) {
    let (Some(target), Some(brand)) = (&r.target, &r.brand) else {
        return;
    };
    let shown = compared_form(r);
    let official = readable(target);
    let Some((ours, theirs)) = diff(&shown, &official) else {
        return;
    };
    let _ = write!(
        html,
        "<div class=\"diff\"><h3>{heading}</h3><dl>\
         <dt>{input}</dt><dd class=\"diff-input\">{ours}</dd>\
         <dt>{real}</dt><dd class=\"diff-official\">{theirs}</dd></dl><p>{note}</p></div>",
        heading = lang.t("ui-compare-heading"),
        input = lang.t("ui-compare-input"),
        real = lang.ta("ui-compare-official", &[("brand", Arg::Str(brand))]),
        note = lang.t("ui-compare-note"),
    );
}

/// What of the input compares with an official channel: a link's host, a domain in
/// Unicode (a look-alike letter shows as itself, not as `xn--`), else the normalized
/// value.
fn compared_form(r: &VerifyResult) -> String {
    let normalized = r.normalized.as_deref().unwrap_or(&r.input);
    let host = match r.kind {
        Some(Kind::Url) => normalized
            .split_once("://")
            .map_or(normalized, |(_, rest)| rest)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(normalized)
            .rsplit('@')
            .next()
            .unwrap_or(normalized)
            .split(':')
            .next()
            .unwrap_or(normalized),
        _ => normalized,
    };
    readable(host)
}

/// A domain (or anything ending in one, such as an email address) with its labels in
/// Unicode; other values as they are.
fn readable(value: &str) -> String {
    let (head, domain) = match value.rsplit_once('@') {
        Some((local, domain)) => (Some(local), domain),
        None => (None, value),
    };
    let domain = if domain.contains("xn--") {
        indicator::Domain::parse(domain)
            .map_or_else(|_| domain.to_owned(), |d| d.unicode().to_owned())
    } else {
        domain.to_owned()
    };
    match head {
        Some(local) => format!("{local}@{domain}"),
        None => domain,
    }
}

/// Longest inputs compared character by character (the table is their product).
const MAX_DIFF_CHARS: usize = 256;

/// Both strings as escaped HTML, the characters outside their longest common
/// subsequence (case-insensitive) in `<mark>`. `None` if either is too long or they do
/// not differ.
pub(crate) fn diff(a: &str, b: &str) -> Option<(String, String)> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > MAX_DIFF_CHARS || b.len() > MAX_DIFF_CHARS {
        return None;
    }
    let same = |x: char, y: char| x == y || x.to_lowercase().eq(y.to_lowercase());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u16; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if same(a[i], b[j]) {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if same(a[i], b[j]) {
            in_a[i] = true;
            in_b[j] = true;
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    if in_a.iter().all(|&k| k) && in_b.iter().all(|&k| k) {
        return None;
    }
    Some((marked(&a, &in_a), marked(&b, &in_b)))
}

/// Escaped text with the runs of characters not `kept` in `<mark>`.
fn marked(chars: &[char], kept: &[bool]) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut buf = [0u8; 4];
    for (c, &k) in chars.iter().zip(kept) {
        if !k && !open {
            out.push_str("<mark>");
            open = true;
        } else if k && open {
            out.push_str("</mark>");
            open = false;
        }
        push_escaped(&mut out, c.encode_utf8(&mut buf));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_characters_are_marked_on_both_sides() {
        let cases = [
            (
                "examp1e.com",
                "example.com",
                Some(("examp<mark>1</mark>e.com", "examp<mark>l</mark>e.com")),
            ),
            (
                "example-support.com",
                "example.com",
                Some(("example<mark>-support</mark>.com", "example.com")),
            ),
            (
                "exmple.com",
                "example.com",
                Some(("exmple.com", "ex<mark>a</mark>mple.com")),
            ),
            ("Example.com", "example.com", None),
            (
                "<b>.com",
                "b.com",
                Some(("<mark>&lt;</mark>b<mark>&gt;</mark>.com", "b.com")),
            ),
        ];
        for (a, b, want) in cases {
            let got = diff(a, b);
            assert_eq!(
                got.as_ref().map(|(x, y)| (x.as_str(), y.as_str())),
                want,
                "{a} vs {b}"
            );
        }
        assert_eq!(diff(&"a".repeat(300), "b"), None);
    }

    #[test]
    fn hosts_and_idns_compare_readably() {
        let idn = indicator::Domain::parse("exаmple.com").expect("domain");
        assert!(idn.as_str().starts_with("xn--"));
        assert_eq!(readable(idn.as_str()), "exаmple.com");
        assert_eq!(
            readable(&format!("help@{}", idn.as_str())),
            "help@exаmple.com"
        );
        assert_eq!(readable("ExampleEnglish"), "ExampleEnglish");
    }
}

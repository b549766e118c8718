//! The report page (`/report`): a form with the fields of `POST /v1/reports`, sent
//! through the same use case ([`service::Service::submit_report`]), its problems shown
//! next to each field in the user's language; then `/report/{reference}`: the report's
//! status, without anything personal (no text, no contact).

use std::fmt::Write;
use std::sync::Arc;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use i18n::Arg;
use reports::{Channel, ReportStatus};
use serde::Deserialize;
use service::Principal;
use wire::FieldProblem;

use super::{Lang, Nav, Page, day, escape, percent_encode, see_other};
use crate::AppState;
use crate::client::ClientAddr;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    /// An indicator to report, from a Verify card's link.
    indicator: Option<String>,
    /// Set by the redirect after a report was stored.
    sent: Option<String>,
}

/// The form's fields, as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReportForm {
    #[serde(default)]
    indicators: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    asset: String,
    #[serde(default)]
    occurred_at: String,
    consent: Option<String>,
    #[serde(default)]
    contact: String,
    lang: Option<String>,
    csrf: Option<String>,
}

fn some(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

impl ReportForm {
    /// The draft the API would receive: one indicator a line; a date from the date
    /// picker (`YYYY-MM-DD`) as noon UTC that day, so it is that day in every time zone
    /// of the region; anything else as typed, for the validator to judge.
    fn draft(&self) -> reports::Draft {
        let date = self.occurred_at.trim();
        let occurred_at = if date.len() == 10 && date.as_bytes().get(4) == Some(&b'-') {
            Some(format!("{date}T12:00:00Z"))
        } else {
            some(date)
        };
        let loss = (some(&self.amount).is_some() || some(&self.asset).is_some()).then(|| {
            reports::DraftLoss {
                amount: some(&self.amount),
                asset: some(&self.asset).map(|a| a.to_ascii_uppercase()),
            }
        });
        let consent = self.consent.is_some();
        reports::Draft {
            indicators: self
                .indicators
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            text: some(&self.text),
            channel: some(&self.channel),
            region: some(&self.region).map(|r| r.to_ascii_uppercase()),
            loss,
            occurred_at,
            contact: (consent || some(&self.contact).is_some()).then(|| reports::DraftContact {
                consent,
                detail: some(&self.contact),
            }),
        }
    }
}

/// The form field a validator problem belongs to.
fn field_of(e: &FieldProblem) -> &'static str {
    let f = e.field.as_str();
    if f.starts_with("indicators") {
        "indicators"
    } else if f.starts_with("loss.amount") {
        "amount"
    } else if f.starts_with("loss.asset") {
        "asset"
    } else if f.starts_with("contact") {
        "contact"
    } else {
        match f {
            "text" => "text",
            "channel" => "channel",
            "region" => "region",
            "occurred_at" => "occurred_at",
            _ => "indicators",
        }
    }
}

/// `GET /report`: the empty form (an indicator filled in from a Verify card).
pub(crate) async fn report_page(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    lang: Lang,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let form = ReportForm {
        indicators: query.indicator.unwrap_or_default(),
        ..ReportForm::default()
    };
    let mut page = render(lang, &form, &state.csrf.token(&cookie), &[], None);
    page.set_cookie(set_cookie);
    page.finish()
}

/// `POST /report`: stores the report and redirects to its status page, or shows the
/// form again with its problems.
pub(crate) async fn report_submit(
    State(state): State<Arc<AppState>>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    headers: HeaderMap,
    form: Result<Form<ReportForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = Lang::of(form.lang.as_deref(), &headers);
    let (cookie, set_cookie) = state.csrf.session(&headers);
    let fresh = state.csrf.token(&cookie);
    let answer = |status: StatusCode, errors: &[FieldProblem], alert: Option<String>| {
        let mut page = render(lang, &form, &fresh, errors, alert);
        page.status(status);
        page.set_cookie(set_cookie.clone());
        page.finish()
    };
    if let Err(refusal) = state.csrf.check(&headers, form.csrf.as_deref()) {
        tracing::info!(
            ?refusal,
            "report form refused: cross-site or without a valid token"
        );
        return answer(StatusCode::FORBIDDEN, &[], Some(lang.t("ui-form-expired")));
    }
    let by = Principal::Public { ip: Some(client) };
    match state
        .service
        .submit_report(&by, &form.draft(), lang.locale)
        .await
    {
        Ok(receipt) => {
            let location = format!(
                "/report/{}?sent=1&lang={}",
                percent_encode(&receipt.reference),
                lang.tag()
            );
            see_other(&location)
        }
        Err(service::Error::Fields { fields, .. }) => answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            &fields,
            Some(lang.t("ui-report-errors")),
        ),
        Err(e) => {
            tracing::error!(error = %e, "a report from the web form was not stored");
            answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                &[],
                Some(lang.t("error-internal")),
            )
        }
    }
}

/// The form's errors, by form field.
struct Problems<'a> {
    lang: Lang,
    errors: &'a [FieldProblem],
}

impl Problems<'_> {
    /// Writes a labelled field: its label (marked optional or not), its hint, its
    /// problems, then the control `control` makes from the ARIA attributes that tie
    /// the hint and the problems to it.
    fn field(
        &self,
        html: &mut String,
        name: &str,
        label: &str,
        hint: Option<&str>,
        optional: bool,
        control: impl FnOnce(&str) -> String,
    ) {
        let mut problems: Vec<String> = self
            .errors
            .iter()
            .filter(|e| field_of(e) == name)
            .map(|e| escape(&service::reports::plain_message(self.lang.locale, e)))
            .collect();
        problems.dedup();
        let mut described = Vec::new();
        let mut attrs = String::new();
        let _ = write!(
            html,
            "<div class=\"field\"><label for=\"{name}\">{}{}</label>",
            self.lang.t(label),
            if optional {
                format!(" {}", self.lang.t("ui-optional"))
            } else {
                String::new()
            }
        );
        if let Some(hint) = hint {
            let _ = write!(
                html,
                "<p class=\"hint\" id=\"{name}-hint\">{}</p>",
                self.lang.t(hint)
            );
        }
        if !problems.is_empty() {
            let _ = write!(
                html,
                "<p class=\"error\" id=\"{name}-error\">{}</p>",
                problems.join("<br>")
            );
            attrs.push_str(" aria-invalid=\"true\"");
            described.push(format!("{name}-error"));
        }
        if hint.is_some() {
            described.push(format!("{name}-hint"));
        }
        if !described.is_empty() {
            let _ = write!(attrs, " aria-describedby=\"{}\"", described.join(" "));
        }
        html.push_str(&control(&attrs));
        html.push_str("</div>");
    }
}

fn render(
    lang: Lang,
    form: &ReportForm,
    csrf: &str,
    errors: &[FieldProblem],
    alert: Option<String>,
) -> Page {
    let mut page = Page::new(
        lang,
        Some(Nav::Report),
        &lang.t("ui-report-title"),
        "/report",
    );
    let p = Problems { lang, errors };
    let html = &mut page.html;
    let _ = write!(html, "<p>{}</p>", lang.t("ui-report-intro"));
    if let Some(alert) = alert {
        super::alert(html, None, &alert);
    }
    html.push_str("<form method=\"post\" action=\"/report\" novalidate>");
    p.field(
        html,
        "indicators",
        "ui-report-indicators-label",
        Some("ui-report-indicators-hint"),
        false,
        |a| {
            format!(
                "<textarea id=\"indicators\" name=\"indicators\" rows=\"3\" autocapitalize=\"off\" spellcheck=\"false\"{a}>{}</textarea>",
                escape(&form.indicators)
            )
        },
    );
    p.field(html, "text", "ui-report-text-label", None, true, |a| {
        format!(
            "<textarea id=\"text\" name=\"text\" maxlength=\"{}\"{a}>{}</textarea>",
            reports::intake::MAX_TEXT_CHARS,
            escape(&form.text)
        )
    });
    html.push_str("<div class=\"row\">");
    p.field(
        html,
        "channel",
        "ui-report-channel-label",
        None,
        true,
        |a| {
            let mut select = format!(
                "<select id=\"channel\" name=\"channel\"{a}><option value=\"\">{}</option>",
                lang.t("ui-report-channel-unset")
            );
            for c in Channel::ALL {
                let name = c.as_str();
                let _ = write!(
                    select,
                    "<option value=\"{name}\"{}>{}</option>",
                    if form.channel == name {
                        " selected"
                    } else {
                        ""
                    },
                    lang.t(&format!("channel-{name}")),
                );
            }
            select.push_str("</select>");
            select
        },
    );
    p.field(
        html,
        "region",
        "ui-report-region-label",
        Some("ui-report-region-hint"),
        true,
        |a| {
            text_input(
                "region",
                &form.region,
                "maxlength=\"2\" autocomplete=\"country\" autocapitalize=\"characters\"",
                a,
            )
        },
    );
    let _ = write!(
        html,
        "</div><fieldset><legend>{} {}</legend><div class=\"row\">",
        lang.t("ui-report-loss-legend"),
        lang.t("ui-optional")
    );
    p.field(html, "amount", "ui-report-amount-label", None, false, |a| {
        text_input(
            "amount",
            &form.amount,
            "inputmode=\"decimal\" maxlength=\"40\"",
            a,
        )
    });
    p.field(html, "asset", "ui-report-asset-label", None, false, |a| {
        text_input(
            "asset",
            &form.asset,
            "maxlength=\"16\" autocapitalize=\"characters\"",
            a,
        )
    });
    html.push_str("</div></fieldset>");
    p.field(
        html,
        "occurred_at",
        "ui-report-when-label",
        None,
        true,
        |a| {
            format!(
                "<input type=\"date\" id=\"occurred_at\" name=\"occurred_at\" value=\"{}\"{a}>",
                escape(&form.occurred_at)
            )
        },
    );
    let _ = write!(
        html,
        "<fieldset><legend>{}</legend><div class=\"field\"><label class=\"check\" for=\"consent\">\
         <input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\"{}> {}</label></div>",
        lang.t("ui-report-contact-legend"),
        if form.consent.is_some() {
            " checked"
        } else {
            ""
        },
        lang.t("ui-report-consent-label"),
    );
    p.field(
        html,
        "contact",
        "ui-report-contact-label",
        Some("ui-report-contact-hint"),
        false,
        |a| {
            text_input(
                "contact",
                &form.contact,
                "maxlength=\"200\" autocomplete=\"email\"",
                a,
            )
        },
    );
    let _ = write!(
        html,
        "</fieldset><input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <input type=\"hidden\" name=\"{}\" value=\"{}\">\
         <button type=\"submit\" id=\"submit\">{}</button></form>",
        lang.tag(),
        crate::csrf::FIELD,
        escape(csrf),
        lang.t("ui-report-submit"),
    );
    let _ = write!(
        html,
        "<section id=\"lookup\"><h2>{}</h2><form method=\"get\" action=\"/report/find\">\
         <label for=\"reference\">{}</label><div class=\"search\">\
         <input type=\"text\" id=\"reference\" name=\"reference\" maxlength=\"{MAX_REFERENCE}\" required autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" placeholder=\"R-XXXX-XXXX-XXXX\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <button type=\"submit\" id=\"find\">{}</button></div></form></section>",
        lang.t("ui-status-lookup-heading"),
        lang.t("ui-status-lookup-label"),
        lang.tag(),
        lang.t("ui-status-lookup-submit"),
    );
    page
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct FindQuery {
    reference: Option<String>,
}

/// `GET /report/find?reference=…`: the lookup form's answer, a redirect to the
/// report's status page (the form works without JavaScript).
pub(crate) async fn find_report(
    lang: Lang,
    query: Result<Query<FindQuery>, QueryRejection>,
) -> Response {
    let reference = query
        .ok()
        .and_then(|Query(q)| q.reference)
        .map(|r| r.trim().to_ascii_uppercase())
        .filter(|r| !r.is_empty() && r.len() <= MAX_REFERENCE);
    let location = match reference {
        Some(r) => format!("/report/{}?lang={}", percent_encode(&r), lang.tag()),
        None => format!("/report?lang={}#lookup", lang.tag()),
    };
    see_other(&location)
}

/// A text input named and identified `name`, with its value, `extra` attributes and the
/// ARIA attributes `aria`.
fn text_input(name: &str, value: &str, extra: &str, aria: &str) -> String {
    format!(
        "<input type=\"text\" id=\"{name}\" name=\"{name}\" value=\"{}\" {extra}{aria}>",
        escape(value)
    )
}

/// Longest reference looked up (ours are 14 characters).
const MAX_REFERENCE: usize = 32;

/// `GET /report/{reference}`: the report's status.
pub(crate) async fn status_page(
    State(state): State<Arc<AppState>>,
    lang: Lang,
    Path(reference): Path<String>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let reference = reference.trim().to_ascii_uppercase();
    let found = if reference.len() <= MAX_REFERENCE {
        state.service.report_state(&reference).await
    } else {
        Ok(None)
    };
    let here = format!("/report/{}", percent_encode(&reference));
    let title = lang.ta("ui-status-title", &[("reference", Arg::Str(&reference))]);
    let mut page = Page::new(lang, Some(Nav::Report), &title, &escape(&here));
    let html = &mut page.html;
    match found {
        Ok(Some(found)) => {
            let (received_at, status) = (found.received_at, found.status);
            if query.sent.is_some() {
                let _ = write!(
                    html,
                    "<section class=\"card v-official\" id=\"sent\" role=\"status\"><h2>{}</h2><p>{}</p></section>",
                    lang.t("ui-report-done"),
                    lang.ta("report-received", &[("reference", Arg::Str(&reference))])
                );
            }
            let icon = match status {
                ReportStatus::Received | ReportStatus::UnderReview => "…",
                ReportStatus::Listed => "✓",
                ReportStatus::Rejected => "–",
            };
            let _ = write!(
                html,
                "<section class=\"card\" id=\"status\" data-status=\"{s}\">\
                 <p class=\"verdict\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span><span>{word}</span></p>\
                 <p>{description}</p><p>{received}</p></section><p class=\"hint\">{privacy}</p>",
                s = status.as_str(),
                word = lang.t(&format!("ui-status-{}", status.as_str())),
                description = lang.t(&format!("ui-status-{}-description", status.as_str())),
                received = lang.ta(
                    "ui-status-received-at",
                    &[("date", Arg::Str(&day(received_at)))]
                ),
                privacy = lang.t("ui-status-privacy"),
            );
        }
        Ok(None) => {
            super::alert(html, None, &lang.t("ui-status-not-found"));
            page.status(StatusCode::NOT_FOUND);
        }
        Err(e) => {
            tracing::error!(error = %e, "reading a report's status failed");
            super::alert(html, None, &lang.t("error-internal"));
            page.status(StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    page.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_becomes_the_api_draft() {
        let form = ReportForm {
            indicators: " evil.io \r\n\r\nexamp1e.com\n".into(),
            text: "  ".into(),
            channel: "sms".into(),
            region: "hk".into(),
            amount: "1500".into(),
            asset: "usdt".into(),
            occurred_at: "2026-03-01".into(),
            consent: Some("yes".into()),
            contact: " a@b.hk ".into(),
            ..ReportForm::default()
        };
        let d = form.draft();
        assert_eq!(d.indicators, ["evil.io", "examp1e.com"]);
        assert_eq!(d.text, None);
        assert_eq!(d.region.as_deref(), Some("HK"));
        let loss = d.loss.expect("loss");
        assert_eq!(
            (loss.amount.as_deref(), loss.asset.as_deref()),
            (Some("1500"), Some("USDT"))
        );
        assert_eq!(d.occurred_at.as_deref(), Some("2026-03-01T12:00:00Z"));
        let contact = d.contact.expect("contact");
        assert!(contact.consent);
        assert_eq!(contact.detail.as_deref(), Some("a@b.hk"));
        let empty = ReportForm::default().draft();
        assert!(empty.loss.is_none() && empty.contact.is_none() && empty.occurred_at.is_none());
    }

    #[test]
    fn problems_land_on_their_fields() {
        let e = |field: &str| FieldProblem {
            field: field.into(),
            code: "x".into(),
            message: String::new(),
        };
        let cases = [
            ("indicators[2]", "indicators"),
            ("indicators", "indicators"),
            ("loss.amount", "amount"),
            ("loss.asset", "asset"),
            ("contact.detail", "contact"),
            ("occurred_at", "occurred_at"),
            ("region", "region"),
            ("what", "indicators"),
        ];
        for (field, want) in cases {
            assert_eq!(field_of(&e(field)), want, "{field}");
        }
    }
}

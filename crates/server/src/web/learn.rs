//! Know Your Scam (`/learn`): the tactics the analyzer finds, the scam families (the
//! scripts it recognizes) and what to do.

use std::fmt::Write;

use axum::response::Response;

use super::{Lang, Nav, Page, escape};

/// The scam families, as the analyzer's scripts name them (`family-<name>-title`,
/// `family-<name>-description` in the catalogue).
const FAMILIES: [analyzer::ReasonCode; 7] = [
    analyzer::ReasonCode::ScriptFakeAuthority,
    analyzer::ReasonCode::ScriptFakeService,
    analyzer::ReasonCode::ScriptInvestment,
    analyzer::ReasonCode::ScriptTask,
    analyzer::ReasonCode::ScriptAcquaintance,
    analyzer::ReasonCode::ScriptLoanFee,
    analyzer::ReasonCode::ScriptCallback,
];

/// What to do, in order.
const STEPS: [&str; 5] = [
    "ui-learn-todo-stop",
    "ui-learn-todo-check",
    "ui-learn-todo-call",
    "ui-learn-todo-report",
    "ui-learn-todo-lost",
];

pub(crate) async fn learn_page(lang: Lang) -> Response {
    let mut page = Page::new(lang, Some(Nav::Learn), &lang.t("ui-learn-title"), "/learn");
    let html = &mut page.html;
    let _ = write!(
        html,
        "<p>{}</p><section id=\"todo\"><h2>{}</h2><ol>",
        lang.t("ui-learn-intro"),
        lang.t("ui-learn-todo")
    );
    for step in STEPS {
        let _ = write!(html, "<li>{}</li>", lang.t(step));
    }
    let _ = write!(
        html,
        "</ol><p><a href=\"/report?lang={}\">{}</a></p></section>\
         <section id=\"tactics\"><h2>{}</h2>",
        lang.tag(),
        lang.t("ui-report-cta"),
        lang.t("ui-learn-tactics")
    );
    for t in wire::tactics(lang.locale) {
        let _ = write!(
            html,
            "<section class=\"tactic\" data-tactic=\"{}\"><h3>{}</h3><p>{}</p>",
            t.tactic.as_str(),
            escape(&t.title),
            escape(&t.description)
        );
        for tip in &t.tips {
            let _ = write!(html, "<p class=\"advice\">{}</p>", escape(tip));
        }
        html.push_str("</section>");
    }
    let _ = write!(
        html,
        "</section><section id=\"families\"><h2>{}</h2>",
        lang.t("ui-learn-families")
    );
    for family in FAMILIES {
        let name = family.as_str().trim_start_matches("script-");
        let _ = write!(
            html,
            "<section class=\"tactic\" data-family=\"{name}\"><h3>{}</h3><p>{}</p></section>",
            lang.t(&format!("family-{name}-title")),
            lang.t(&format!("family-{name}-description")),
        );
    }
    html.push_str("</section>");
    page.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_a_script_with_its_texts() {
        let catalog = i18n::Catalog::global();
        for family in FAMILIES {
            let name = family
                .as_str()
                .strip_prefix("script-")
                .expect("an analyzer script");
            for part in ["title", "description"] {
                for locale in i18n::Locale::ALL {
                    assert!(
                        catalog.has(locale, &format!("family-{name}-{part}")),
                        "{name}"
                    );
                }
            }
        }
        let scripts = analyzer::ReasonCode::ALL
            .iter()
            .filter(|c| c.as_str().starts_with("script-"))
            .count();
        assert_eq!(
            scripts,
            FAMILIES.len(),
            "a new script needs its family here"
        );
    }
}

//! The official channels (`/official`): every brand of the registry with its channels,
//! the retired ones marked, so that people can see what is really the brand's.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use registry::Status;

use super::{Lang, Nav, Page, escape, percent_encode};
use crate::AppState;

pub(crate) async fn official_page(State(state): State<Arc<AppState>>, lang: Lang) -> Response {
    let registry = state.service.registry();
    let mut page = Page::new(
        lang,
        Some(Nav::Official),
        &lang.t("ui-official-title"),
        "/official",
    );
    let html = &mut page.html;
    let _ = write!(html, "<p>{}</p>", lang.t("ui-official-intro"));
    if registry.brands().is_empty() {
        let _ = write!(html, "<p>{}</p>", lang.t("ui-official-empty"));
    }
    for (i, brand) in registry.brands().iter().enumerate() {
        let _ = write!(
            html,
            "<section class=\"brand\" aria-labelledby=\"brand-{i}\"><h2 id=\"brand-{i}\">{name}</h2>\
             <table><thead><tr><th scope=\"col\">{kind}</th><th scope=\"col\">{channel}</th><th scope=\"col\">{status}</th></tr></thead><tbody>",
            name = escape(&brand.name),
            kind = lang.t("ui-kind"),
            channel = lang.t("ui-official-channel"),
            status = lang.t("ui-official-status"),
        );
        // Active channels first, then the retired ones.
        let mut channels: Vec<_> = brand.channels.iter().collect();
        channels.sort_by_key(|c| c.status);
        for c in channels {
            let (class, status) = match c.status {
                Status::Active => ("active", lang.t("ui-official-active")),
                Status::Retired => ("retired", lang.t("ui-official-retired")),
            };
            let _ = write!(
                html,
                "<tr class=\"{class}\" data-status=\"{class}\"><td>{kind}</td><td><a href=\"/?q={q}&amp;lang={tag}\">{value}</a></td><td class=\"{class}\">{status}</td></tr>",
                kind = lang.t(&wire::channel_kind_id(c.kind)),
                q = percent_encode(&c.value),
                tag = lang.tag(),
                value = escape(&c.value),
            );
        }
        html.push_str("</tbody></table></section>");
    }
    page.finish()
}

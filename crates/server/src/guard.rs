//! The middleware every request passes: who the client is, whether it may ask now,
//! whether its body may be sent cross-site, and the headers and error shape of every
//! answer.
//!
//! - **Client and key.** The client's address ([`ClientAddr`], through trusted proxies
//!   only) and, if the request carries a valid API key, the [`Caller`], are put in the
//!   request's extensions for the handlers.
//! - **Rate limits.** A request with a valid key is limited per key (integrators
//!   generously: they screen every withdrawal; staff and partners less). Any other is
//!   limited per client network, by class: lookups (verify, registry, pages),
//!   analysis (large bodies, more CPU), submissions (reports, disputes). Health checks
//!   are never limited. Refusals are `429` with `Retry-After`.
//! - **Cross-site bodies.** Browsers send `text/plain`, form and multipart bodies to any
//!   site without asking (no CORS preflight); a JSON API that accepted them could be
//!   made to file reports from its visitors' browsers. Every API request with a body
//!   must say `application/json` (the registry may also be TOML), else `415`.
//! - **Answers.** JSON answers carry `nosniff` and `Cache-Control: no-store` (unless the
//!   handler chose a cache policy); pages carry `frame-ancestors 'none'`. An error that
//!   did not come from a handler (unknown method, a body too large or unreadable, a bad
//!   path parameter) is rewritten into the one JSON error shape.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use service::Role;

use crate::auth::Caller;
use crate::client::{ClientAddr, network_key};
use crate::error::error_body;
use crate::ratelimit::RateLimiter;
use crate::{ApiError, AppState};

/// A rate: `per_minute` on average, `burst` at once; `per_minute` 0 is unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests a minute, on average.
    pub per_minute: u32,
    /// Requests at once.
    pub burst: u32,
}

/// The rate limits, per class of request.
#[derive(Debug, Clone)]
pub struct RateSettings {
    /// Anonymous lookups per client: verify, registry, tactics, pages, documents.
    pub lookups: Rate,
    /// Anonymous message analyses per client (API and page).
    pub analyze: Rate,
    /// Per integrator key (withdrawal screening and outcomes).
    pub integrator: Rate,
    /// Per staff or partner key.
    pub staff: Rate,
}

impl Default for RateSettings {
    /// A person checks a few links a minute and pastes a message or two: 120 lookups
    /// (60 at once) and 30 analyses (10 at once) a minute leave them room and hold a
    /// scraper to 2 lookups a second. Integrators screen every withdrawal: 600,000 a
    /// minute (10,000 a second, twice the measured capacity). Staff work by hand or
    /// with scripts: 1,200 a minute.
    fn default() -> Self {
        RateSettings {
            lookups: Rate {
                per_minute: 120,
                burst: 60,
            },
            analyze: Rate {
                per_minute: 30,
                burst: 10,
            },
            integrator: Rate {
                per_minute: 600_000,
                burst: 20_000,
            },
            staff: Rate {
                per_minute: 1_200,
                burst: 200,
            },
        }
    }
}

/// What a request is, for the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Never limited (health checks for load balancers).
    Exempt,
    /// Reads and pages.
    Lookup,
    /// Message analysis.
    Analyze,
    /// Reports and disputes from the public.
    Submit,
}

impl Class {
    pub(crate) fn of(method: &Method, path: &str) -> Class {
        match (method, path) {
            (_, "/healthz" | "/readyz" | "/livez") => Class::Exempt,
            (&Method::POST, "/v1/reports" | "/v1/disputes" | "/report" | "/console/sign-in") => {
                Class::Submit
            }
            (&Method::POST, "/v1/analyze" | "/analyze") => Class::Analyze,
            _ => Class::Lookup,
        }
    }
}

/// The limiters, one per class and one per key kind.
pub(crate) struct Limiters {
    lookups: RateLimiter,
    analyze: RateLimiter,
    submit: RateLimiter,
    integrator: RateLimiter,
    staff: RateLimiter,
}

impl Limiters {
    pub(crate) fn new(rates: &RateSettings, submissions: Rate) -> Limiters {
        let make = |r: Rate| RateLimiter::new(r.per_minute, r.burst);
        Limiters {
            lookups: make(rates.lookups),
            analyze: make(rates.analyze),
            submit: make(submissions),
            integrator: make(rates.integrator),
            staff: make(rates.staff),
        }
    }

    fn check(
        &self,
        class: Class,
        caller: Option<&Caller>,
        client: ClientAddr,
    ) -> Result<(), ApiError> {
        let now = Instant::now();
        let result = match (caller, class) {
            (_, Class::Exempt) => Ok(()),
            (Some(c), _) => {
                let key = u128::from(c.0.id.unsigned_abs());
                if c.0.role == Role::Integrator {
                    self.integrator.take(key, 1.0, now)
                } else {
                    self.staff.take(key, 1.0, now)
                }
            }
            (None, Class::Lookup) => self.lookups.check(client.0, now),
            (None, Class::Analyze) => self.analyze.check(client.0, now),
            (None, Class::Submit) => self.submit.check(client.0, now),
        };
        result.map_err(too_many)
    }

    /// Charges an anonymous batch of `inputs` lookups beyond the one its request paid:
    /// a batch of 500 must not cost a scraper what one check costs a person.
    pub(crate) fn charge_batch(
        &self,
        caller: Option<&Caller>,
        client: ClientAddr,
        inputs: usize,
    ) -> Result<(), ApiError> {
        if caller.is_some() || inputs <= 10 {
            return Ok(());
        }
        let extra = (inputs / 10).saturating_sub(1) as f64;
        if extra < 1.0 {
            return Ok(());
        }
        self.lookups
            .take(network_key(client.0), extra, Instant::now())
            .map_err(too_many)
    }
}

fn too_many(wait: std::time::Duration) -> ApiError {
    ApiError::TooManyRequests {
        retry_after: wait.as_secs_f64().ceil().max(1.0) as u64,
    }
}

/// The middleware (see the module documentation).
pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    let client = ClientAddr(match peer {
        Some(peer) => state.settings.trusted_proxies.client(peer, req.headers()),
        None => std::net::IpAddr::from([127, 0, 0, 1]),
    });
    req.extensions_mut().insert(client);
    let key = crate::auth::bearer(req.headers())
        .map(str::to_owned)
        .or_else(|| {
            crate::taxii::takes_basic(req.uri().path())
                .then(|| crate::auth::basic_key(req.headers()))
                .flatten()
        });
    let caller = match key {
        Some(key) => crate::auth::resolve(&state, &key).await.ok().flatten(),
        None => None,
    };
    let class = Class::of(req.method(), req.uri().path());
    if let Err(e) = state.limiters.check(class, caller.as_ref(), client) {
        return finish(e.into_response()).await;
    }
    if let Some(caller) = caller {
        req.extensions_mut().insert(caller);
    }
    if let Err(e) = check_content_type(req.method(), req.uri().path(), req.headers()) {
        return finish(e.into_response()).await;
    }
    finish(next.run(req).await).await
}

/// Whether a request's body may be what it says it is (see the module documentation).
pub(crate) fn check_content_type(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    if !path.starts_with("/v1/") || matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
    {
        return Ok(());
    }
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > 0);
    if !has_body {
        return Ok(());
    }
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let json = media == "application/json"
        || (media.starts_with("application/") && media.ends_with("+json"));
    let toml_allowed = path == "/v1/registry" || path == "/v1/registry/proposals";
    if json || (toml_allowed && media == "application/toml") {
        return Ok(());
    }
    Err(ApiError::UnsupportedMediaType(if toml_allowed {
        "send the body as application/json or application/toml".into()
    } else {
        "send the body as application/json".into()
    }))
}

/// Sets the security headers, and gives errors that did not come from a handler the
/// one JSON error shape.
async fn finish(response: Response) -> Response {
    let mut response = if response.status().as_u16() >= 400
        && !is_json(response.headers())
        && !is_html(response.headers())
    {
        rewrite_error(response).await
    } else {
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if is_json(headers) {
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    } else if is_html(headers) {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        let csp = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !csp.contains("frame-ancestors") {
            let value = if csp.is_empty() {
                "frame-ancestors 'none'".to_owned()
            } else {
                format!("{csp}; frame-ancestors 'none'")
            };
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
        }
    }
    response
}

fn media_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn is_json(headers: &HeaderMap) -> bool {
    let m = media_type(headers);
    m.starts_with("application/json") || m.contains("+json")
}

fn is_html(headers: &HeaderMap) -> bool {
    media_type(headers).starts_with("text/html")
}

/// Most of a framework error's text kept as the message.
const MAX_MESSAGE: usize = 512;

async fn rewrite_error(response: Response) -> Response {
    let status = response.status();
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let mut message: String = text.trim().chars().take(MAX_MESSAGE).collect();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    };
    if message.is_empty() || status.is_server_error() {
        message = match status {
            StatusCode::METHOD_NOT_ALLOWED => {
                let allow = parts
                    .headers
                    .get(header::ALLOW)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                format!("this method is not allowed here; allowed: {allow}")
            }
            StatusCode::REQUEST_TIMEOUT => "the request took too long to arrive".into(),
            StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large".into(),
            s if s.is_server_error() => "internal error".into(),
            s => s.canonical_reason().unwrap_or("error").to_owned(),
        };
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(error_body(code, &message, None)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let cases = [
            (Method::GET, "/healthz", Class::Exempt),
            (Method::GET, "/readyz", Class::Exempt),
            (Method::POST, "/v1/reports", Class::Submit),
            (Method::POST, "/v1/disputes", Class::Submit),
            (Method::POST, "/v1/analyze", Class::Analyze),
            (Method::POST, "/analyze", Class::Analyze),
            (Method::GET, "/analyze", Class::Lookup),
            (Method::GET, "/v1/verify", Class::Lookup),
            (Method::POST, "/v1/verify", Class::Lookup),
            (Method::GET, "/", Class::Lookup),
            (Method::POST, "/report", Class::Submit),
            (Method::POST, "/console/sign-in", Class::Submit),
            (Method::GET, "/report", Class::Lookup),
            (Method::GET, "/v1/reports", Class::Lookup),
        ];
        for (m, p, want) in cases {
            assert_eq!(Class::of(&m, p), want, "{m} {p}");
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn bodies_must_be_json() {
        let ok = [
            (
                Method::POST,
                "/v1/reports",
                headers(&[
                    ("content-length", "2"),
                    ("content-type", "application/json"),
                ]),
            ),
            (
                Method::POST,
                "/v1/reports",
                headers(&[
                    ("content-length", "2"),
                    ("content-type", "Application/JSON; charset=utf-8"),
                ]),
            ),
            (
                Method::POST,
                "/v1/keys/3/revoke",
                headers(&[("content-length", "0")]),
            ),
            (Method::POST, "/v1/keys/3/revoke", headers(&[])),
            (
                Method::PUT,
                "/v1/registry",
                headers(&[
                    ("content-length", "9"),
                    ("content-type", "application/toml"),
                ]),
            ),
            (
                Method::GET,
                "/v1/verify",
                headers(&[("content-length", "9"), ("content-type", "text/plain")]),
            ),
            (
                Method::POST,
                "/analyze",
                headers(&[
                    ("content-length", "9"),
                    ("content-type", "application/x-www-form-urlencoded"),
                ]),
            ),
        ];
        for (m, p, h) in ok {
            assert!(check_content_type(&m, p, &h).is_ok(), "{m} {p} {h:?}");
        }
        let refused = [
            (
                Method::POST,
                "/v1/reports",
                headers(&[("content-length", "2"), ("content-type", "text/plain")]),
            ),
            (
                Method::POST,
                "/v1/disputes",
                headers(&[
                    ("content-length", "2"),
                    ("content-type", "application/x-www-form-urlencoded"),
                ]),
            ),
            (
                Method::POST,
                "/v1/reports",
                headers(&[
                    ("transfer-encoding", "chunked"),
                    ("content-type", "multipart/form-data; boundary=x"),
                ]),
            ),
            (
                Method::POST,
                "/v1/reports",
                headers(&[("content-length", "2")]),
            ),
            (
                Method::POST,
                "/v1/analyze",
                headers(&[
                    ("content-length", "2"),
                    ("content-type", "application/toml"),
                ]),
            ),
        ];
        for (m, p, h) in refused {
            assert!(check_content_type(&m, p, &h).is_err(), "{m} {p} {h:?}");
        }
    }
}

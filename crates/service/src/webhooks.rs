//! Signed webhooks (issue 15): subscriptions (admins, and partners for their own
//! region), and the delivery worker that posts the store's outbox to subscribers in
//! the Standard Webhooks format (docs/WEBHOOKS.md).
//!
//! - **Secrets**: `whsec_<base64 of 32 bytes>`, shown once. The bytes are
//!   HMAC-SHA256(reporter key `secret_key_id` of the key file, `"antiscam-webhook-v1"`
//!   || the subscription's 16-byte nonce): the database holds the nonce and the key id
//!   only, so a stolen database (or backup) cannot sign events, and every node
//!   sharing the key file derives the same secret.
//! - **Delivery**: at least once; the worker claims due rows (a lease, `SKIP LOCKED`
//!   on PostgreSQL) whenever a slot is free (no rounds: a slow receiver holds only its
//!   own attempts; at most [`WebhookSettings::per_subscription`] to one receiver),
//!   posts each with a bounded time, retries with exponential backoff
//!   and jitter from [`crate::Runtime`], and gives up (a dead letter) after
//!   [`WebhookSettings::max_attempts`] or [`WebhookSettings::max_age`]. Events of one
//!   subject reach a subscriber in order (the store's claim).
//! - **Targets**: resolved at subscription **and** at every delivery, and refused when
//!   any address is loopback, private, link-local or otherwise not public (unless
//!   [`WebhookSettings::allow_private`]); the connection goes to the address that was
//!   checked, so a DNS answer that changes in between (rebinding) cannot redirect it.
//! - **TLS**: `https` targets over rustls (the `ring` provider), trusting the system's
//!   root certificates and those of [`WebhookSettings::ca_file`] (a private PKI); the
//!   name checked is the URL's host, never the address connected to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use base64::Engine as _;
use store::Role;
use store::webhooks::{
    Attempt, Claimed, Delivery, DeliveryState, EventType, NewSubscription, Subscription,
};
use tokio_rustls::rustls::{self, ClientConfig};

use crate::{Error, Principal, Result, Service};

/// Most characters of a target URL.
pub const MAX_URL_CHARS: usize = 2048;

/// Most regions of one subscription.
pub const MAX_REGIONS: usize = 50;

/// The label the secrets are derived under.
const SECRET_LABEL: &[u8] = b"antiscam-webhook-v1";

/// How webhooks are delivered.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Allow targets on loopback, private and link-local addresses, and plain `http`
    /// (tests, single-host setups): `ANTISCAM_WEBHOOK_ALLOW_PRIVATE=true`.
    pub allow_private: bool,
    /// Attempts before an event becomes a dead letter.
    pub max_attempts: u32,
    /// Seconds after the change when an undelivered event becomes a dead letter.
    pub max_age: i64,
    /// The first retry's delay; each next one doubles, up to `retry_max`.
    pub retry_base: Duration,
    /// The longest delay between two attempts.
    pub retry_max: Duration,
    /// The whole of one attempt: connecting, sending, the answer's head.
    pub timeout: Duration,
    /// How often the worker looks for due events when nothing woke it (changes made
    /// by other nodes, retries coming due).
    pub poll: Duration,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    /// Deliveries in flight at once to one subscription (every node's leases
    /// counted): a receiver back from an outage gets its backlog a few connections
    /// at a time, not as a burst that overflows its accept queue, and one slow
    /// receiver cannot hold every slot.
    pub per_subscription: usize,
    /// Seconds delivered events are kept (for `GET /v1/webhooks/{id}/deliveries`).
    pub keep_delivered: i64,
    /// A PEM file of root certificates trusted for `https` targets besides the
    /// system's (a partner's private PKI; tests): `ANTISCAM_WEBHOOK_CA_FILE`.
    pub ca_file: Option<std::path::PathBuf>,
}

impl Default for WebhookSettings {
    fn default() -> WebhookSettings {
        WebhookSettings {
            allow_private: false,
            max_attempts: 15,
            max_age: 3 * 86_400,
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(600),
            timeout: Duration::from_secs(10),
            poll: Duration::from_millis(500),
            concurrency: 16,
            per_subscription: 4,
            keep_delivered: 7 * 86_400,
            ca_file: None,
        }
    }
}

/// The worker's state in a [`Service`].
#[derive(Debug, Default)]
pub(crate) struct Worker {
    wake: Arc<tokio::sync::Notify>,
    started: AtomicBool,
    /// The TLS client, made on the first `https` delivery (reading the system's
    /// roots costs milliseconds; most deployments start with no subscription).
    tls: std::sync::OnceLock<Result<Arc<ClientConfig>, String>>,
}

impl Worker {
    /// What wakes the worker.
    pub(crate) fn waker(&self) -> Arc<tokio::sync::Notify> {
        Arc::clone(&self.wake)
    }
}

/// A subscription just made, with its secret (shown once).
#[derive(Debug, Clone)]
pub struct CreatedWebhook {
    /// What was stored.
    pub subscription: Subscription,
    /// `whsec_…`.
    pub secret: String,
}

impl CreatedWebhook {
    /// The wire shape.
    pub fn view(&self) -> wire::webhooks::CreatedWebhook {
        wire::webhooks::CreatedWebhook {
            view: view(&self.subscription),
            secret: self.secret.clone(),
        }
    }
}

/// The wire shape of a subscription (never its secret).
pub fn view(s: &Subscription) -> wire::webhooks::WebhookView {
    wire::webhooks::WebhookView {
        id: s.id,
        url: s.url.clone(),
        events: s.events.iter().map(|e| e.as_str().to_owned()).collect(),
        regions: s.regions.clone(),
        owner_key_id: s.owner_key_id,
        created_at: wire::rfc3339(s.created_at),
        status: wire::webhooks::WebhookStatus {
            last_success: s.last_success_at.map(wire::rfc3339),
            last_failure: s.last_failure_at.map(wire::rfc3339),
            last_error: s.last_error.clone(),
            pending: s.pending,
            dead: s.dead,
        },
    }
}

/// The wire shape of a delivery.
pub fn delivery_view(d: &Delivery) -> wire::webhooks::DeliveryView {
    wire::webhooks::DeliveryView {
        id: message_id(d.id),
        kind: d.kind.as_str().to_owned(),
        subject: d.subject.clone(),
        state: d.state.as_str().to_owned(),
        attempts: d.attempts,
        created_at: wire::rfc3339(d.created_at),
        next_attempt_at: (d.state == DeliveryState::Pending).then(|| wire::rfc3339(d.next_at)),
        last_attempt_at: d.last_at.map(wire::rfc3339),
        last_error: d.last_error.clone(),
        delivered_at: d.delivered_at.map(wire::rfc3339),
    }
}

/// The message id of a delivery (`webhook-id`, the body's `id`).
pub fn message_id(delivery: i64) -> String {
    format!("msg_{delivery}")
}

/// The event body of a delivery.
pub fn event_body(d: &Delivery) -> Result<Vec<u8>> {
    let data: serde_json::Value = serde_json::from_str(&d.data)
        .map_err(|e| Error::Internal(format!("webhook_outbox {}: data: {e}", d.id)))?;
    let event = wire::webhooks::WebhookEvent {
        kind: d.kind.as_str().to_owned(),
        id: message_id(d.id),
        timestamp: wire::rfc3339(d.created_at),
        data,
    };
    serde_json::to_vec(&event).map_err(|e| Error::Internal(format!("webhook body: {e}")))
}

/// `v1,<base64 HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>`: the Standard
/// Webhooks signature.
pub fn sign(secret: &[u8; 32], id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let mac = crate::keyring::hmac(secret, &[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac)
    )
}

/// The secret of a subscription, from the key file's reporter key `key_id`.
fn derive_secret(secrets: &secrets::Secrets, key_id: u16, nonce: &[u8; 16]) -> Option<[u8; 32]> {
    let key = secrets.ring(secrets::Purpose::Reporter).get(key_id)?;
    Some(crate::keyring::hmac(key.secret(), &[SECRET_LABEL, nonce]))
}

/// Whether an address is on the public internet (not loopback, private, link-local,
/// shared, documentation, multicast or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || first == 0x2001 && ip.segments()[1] == 0x0db8
        || first == 0x0064)
}

/// A target URL, checked.
struct Target {
    host: String,
    port: u16,
    path: String,
}

/// Checks a target URL's shape (not its addresses).
fn parse_target(raw: &str, allow_private: bool) -> Result<(url::Url, Target)> {
    let bad = |m: String| Error::invalid("invalid_url", format!("`url`: {m}"));
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(bad(format!("longer than {MAX_URL_CHARS} characters")));
    }
    let url = url::Url::parse(raw.trim()).map_err(|e| bad(e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        "http" => {
            return Err(bad(
                "must be https (plain http only where ANTISCAM_WEBHOOK_ALLOW_PRIVATE=true)".into(),
            ));
        }
        s => return Err(bad(format!("scheme {s:?}; must be https"))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not carry a user name or password".into()));
    }
    if url.fragment().is_some() {
        return Err(bad("must not have a fragment".into()));
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(bad("has no host".into())),
    };
    let port = url
        .port_or_known_default()
        .ok_or_else(|| bad("has no port".into()))?;
    let mut path = url.path().to_owned();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    Ok((url, Target { host, port, path }))
}

/// The addresses of a target, refused when any is not public (unless allowed).
async fn resolve(target: &Target, allow_private: bool) -> Result<Vec<SocketAddr>, String> {
    let addrs: Vec<SocketAddr> = match target.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, target.port)],
        Err(_) => tokio::net::lookup_host((target.host.as_str(), target.port))
            .await
            .map_err(|e| format!("cannot resolve {}: {e}", target.host))?
            .collect(),
    };
    if addrs.is_empty() {
        return Err(format!("{} has no address", target.host));
    }
    if !allow_private && let Some(a) = addrs.iter().find(|a| !is_public(a.ip())) {
        return Err(format!(
            "{} resolves to {}, which is not a public address",
            target.host,
            a.ip()
        ));
    }
    Ok(addrs)
}

/// The TLS client for `https` targets: the roots the system trusts, plus those of
/// `ca_file`; HTTP/1.1 only (what the client speaks). An error names what is wrong
/// (an unreadable `ca_file`, no roots at all).
pub fn tls_client(ca_file: Option<&std::path::Path>) -> Result<Arc<ClientConfig>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    // Unreadable system certificates are skipped: a missing bundle leaves only
    // `ca_file`, and no roots at all is the error below.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some(path) = ca_file {
        let certs = CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| format!("webhooks ca_file {}: {e}", path.display()))?;
        if certs.is_empty() {
            return Err(format!(
                "webhooks ca_file {}: no PEM certificate",
                path.display()
            ));
        }
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| format!("webhooks ca_file {}: {e}", path.display()))?;
        }
    }
    if roots.is_empty() {
        return Err("no trusted root certificates for https targets (install the system's CA bundle or set webhooks ca_file)".into());
    }
    // `ring` rather than rustls's default aws-lc-rs: no large C build on two cores. Its
    // provider is deprecated for lacking post-quantum key exchange; the events are
    // HMAC-signed and carry public listings, so that trade is documented
    // (ARCHITECTURE.md) until a lighter post-quantum provider exists.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Posts one event; `Ok` with the status, `Err` with why it could not be sent. `tls`
/// holds the client for `https` targets, made on the first one (plain `http` never
/// reads the system's roots).
async fn post(
    raw_url: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
    settings: &WebhookSettings,
    tls: &std::sync::OnceLock<Result<Arc<ClientConfig>, String>>,
) -> Result<u16, String> {
    let (url, target) = parse_target(raw_url, settings.allow_private).map_err(|e| e.to_string())?;
    let host = match url.port() {
        Some(p) => format!("{}:{p}", target.host),
        None => target.host.clone(),
    };
    let mut request = hyper::Request::post(target.path.as_str())
        .header(hyper::header::HOST, host)
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header(hyper::header::USER_AGENT, "antiscam-webhooks/1");
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let request = request
        .body(http_body_util::Full::new(hyper::body::Bytes::from(body)))
        .map_err(|e| format!("request: {e}"))?;
    let attempt = async {
        let addrs = resolve(&target, settings.allow_private).await?;
        let stream = tokio::net::TcpStream::connect(&addrs[..])
            .await
            .map_err(|e| format!("cannot connect: {e}"))?;
        if url.scheme() == "https" {
            let tls = tls
                .get_or_init(|| tls_client(settings.ca_file.as_deref()))
                .as_ref()
                .map_err(Clone::clone)?;
            let name = rustls::pki_types::ServerName::try_from(target.host.clone())
                .map_err(|e| format!("TLS name {}: {e}", target.host))?;
            let stream = tokio_rustls::TlsConnector::from(Arc::clone(tls))
                .connect(name, stream)
                .await
                .map_err(|e| format!("TLS: {e}"))?;
            send(stream, request).await
        } else {
            send(stream, request).await
        }
    };
    tokio::time::timeout(settings.timeout, attempt)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {:?}", settings.timeout)))
}

/// One request over a fresh connection (plain or TLS); the answer's status.
async fn send<S>(
    stream: S,
    request: hyper::Request<http_body_util::Full<hyper::body::Bytes>>,
) -> Result<u16, String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| format!("HTTP handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("sending: {e}"))?;
    Ok(response.status().as_u16())
}

impl Service {
    /// A new subscription (admins; partners for their own region only): validates the
    /// URL (and that it resolves to public addresses), the events and the regions;
    /// stores it with a fresh nonce, audited; returns its secret, shown once.
    pub async fn create_webhook(
        &self,
        by: &Principal,
        req: &wire::webhooks::WebhookRequest,
    ) -> Result<CreatedWebhook> {
        by.require(&[Role::Admin, Role::Partner])?;
        let settings = &self.settings.webhooks;
        let (url, target) = parse_target(&req.url, settings.allow_private)?;
        if req.events.is_empty() {
            return Err(Error::invalid(
                "invalid_events",
                "`events`: give at least one event type",
            ));
        }
        let mut events = Vec::new();
        for e in &req.events {
            let kind = EventType::parse(e).ok_or_else(|| {
                let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                Error::invalid(
                    "invalid_events",
                    format!("`events`: {e:?} is not one of {}", known.join(", ")),
                )
            })?;
            if !events.contains(&kind) {
                events.push(kind);
            }
        }
        let mut regions: Vec<String> = Vec::new();
        for r in req.regions.iter().flatten() {
            let region = indicator::Region::parse(r)
                .map_err(|e| Error::invalid("invalid_region", format!("`regions`: {r:?}: {e}")))?
                .as_str()
                .to_owned();
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
        if regions.len() > MAX_REGIONS {
            return Err(Error::invalid(
                "invalid_region",
                format!("`regions`: at most {MAX_REGIONS}"),
            ));
        }
        if let Some(own) = by.region_limit()? {
            let own = own.as_str().to_owned();
            if let Some(other) = regions.iter().find(|r| **r != own) {
                return Err(Error::Forbidden(format!(
                    "this partner key may subscribe to its region {own} only, not {other}"
                )));
            }
            regions = vec![own];
        }
        tokio::time::timeout(settings.timeout, resolve(&target, settings.allow_private))
            .await
            .unwrap_or_else(|_| Err(format!("{} did not resolve in time", target.host)))
            .map_err(|m| Error::invalid("invalid_url", format!("`url`: {m}")))?;
        let mut nonce = [0u8; 16];
        self.random(&mut nonce)?;
        let secrets = self.secrets();
        let key_id = secrets.ring(secrets::Purpose::Reporter).current().id();
        let secret = derive_secret(&secrets, key_id, &nonce)
            .ok_or_else(|| Error::Internal("the current reporter key is missing".into()))?;
        let new = NewSubscription {
            url: url.to_string(),
            events,
            regions,
            owner_key_id: by.api_key().map(|k| k.id),
            secret_key_id: key_id,
            secret_nonce: nonce,
            created_at: self.now(),
        };
        let subscription = self
            .store
            .webhooks()
            .create_subscription(&new, &by.actor())
            .await?;
        Ok(CreatedWebhook {
            subscription,
            secret: format!(
                "whsec_{}",
                base64::engine::general_purpose::STANDARD.encode(secret)
            ),
        })
    }

    /// The subscriptions the caller may see: every one for admins, its own for a
    /// partner.
    pub async fn webhooks(&self, by: &Principal) -> Result<Vec<Subscription>> {
        by.require(&[Role::Admin, Role::Partner])?;
        let owner = self.webhook_owner(by);
        Ok(self.store.webhooks().subscriptions(owner).await?)
    }

    /// A partner sees only its own subscriptions.
    fn webhook_owner(&self, by: &Principal) -> Option<i64> {
        by.api_key()
            .filter(|k| k.role == Role::Partner)
            .map(|k| k.id)
    }

    /// One subscription the caller may see, or not found.
    async fn visible_webhook(&self, by: &Principal, id: i64) -> Result<Subscription> {
        by.require(&[Role::Admin, Role::Partner])?;
        let found = self.store.webhooks().subscription(id).await?;
        match (found, self.webhook_owner(by)) {
            (Some(s), None) => Ok(s),
            (Some(s), Some(owner)) if s.owner_key_id == Some(owner) => Ok(s),
            _ => Err(Error::NotFound(format!("no webhook subscription {id}"))),
        }
    }

    /// Ends a subscription (admins; partners their own), audited.
    pub async fn delete_webhook(&self, by: &Principal, id: i64) -> Result<()> {
        self.visible_webhook(by, id).await?;
        let done = self
            .store
            .webhooks()
            .delete_subscription(id, &by.actor(), self.now())
            .await?;
        if !done {
            return Err(Error::NotFound(format!("no webhook subscription {id}")));
        }
        Ok(())
    }

    /// A subscription's recent deliveries, newest first (`state`: only those).
    pub async fn webhook_deliveries(
        &self,
        by: &Principal,
        id: i64,
        state: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Delivery>> {
        self.visible_webhook(by, id).await?;
        let state = match state {
            None => None,
            Some(s) => Some(DeliveryState::parse(s).ok_or_else(|| {
                Error::invalid(
                    "invalid_state",
                    format!("`state`: {s:?} is not pending, delivered or dead"),
                )
            })?),
        };
        Ok(self
            .store
            .webhooks()
            .deliveries(id, state, before, limit)
            .await?)
    }

    /// Makes a subscription's dead letters pending again (admins and operators),
    /// audited; returns how many.
    /// `since`: RFC 3339, only dead letters of events at or after it.
    pub async fn replay_webhook(
        &self,
        by: &Principal,
        id: i64,
        since: Option<&str>,
    ) -> Result<u64> {
        by.require(&[Role::Admin])?;
        let since = match since {
            None => None,
            Some(s) => Some(feeds::parse_date(s).ok_or_else(|| {
                Error::invalid(
                    "invalid_time",
                    "`since` must be an RFC 3339 time, e.g. 2026-05-01T12:00:00Z",
                )
            })?),
        };
        let n = self
            .store
            .webhooks()
            .replay(id, since, &by.actor(), self.now())
            .await
            .map_err(|e| match e {
                store::StoreError::NotFound => {
                    Error::NotFound(format!("no webhook subscription {id}"))
                }
                e => e.into(),
            })?;
        self.wake_webhooks();
        Ok(n)
    }

    /// Tells the delivery worker that events may be waiting.
    pub fn wake_webhooks(&self) {
        self.webhooks.wake.notify_one();
    }

    /// Starts the delivery worker (once): it delivers whenever woken by a change of
    /// this process, and every [`WebhookSettings::poll`] for other nodes' changes and
    /// retries coming due. It holds a weak reference and ends with the service.
    ///
    /// Attempts flow through [`WebhookSettings::concurrency`] slots: whenever one ends,
    /// the worker claims again at once, so a slow or silent receiver holds only its
    /// own slots (never the next events of other subscriptions, or of its own other
    /// subjects, until its attempts time out), a subject's next event leaves as soon
    /// as the previous one is recorded, and a success after an outage releases the
    /// subscription's waiting events without waiting for the poll.
    pub fn start_webhooks(self: &Arc<Self>) {
        if self.webhooks.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let weak = Arc::downgrade(self);
        let wake = Arc::clone(&self.webhooks.wake);
        let poll = self.settings.webhooks.poll;
        let slots = self.settings.webhooks.concurrency.max(1);
        tokio::spawn(async move {
            let mut purged_at: Option<i64> = None;
            let mut announced_day: Option<i64> = None;
            // Each attempt holds the service until its outcome is recorded (at most
            // the attempt's timeout); dropping the set ends them.
            let mut in_flight = tokio::task::JoinSet::new();
            loop {
                let Some(service) = weak.upgrade() else { break };
                let free = slots.saturating_sub(in_flight.len());
                if free > 0 {
                    match service.claim_webhooks(free).await {
                        Ok(claimed) => {
                            for c in claimed {
                                let service = Arc::clone(&service);
                                in_flight.spawn(async move { service.deliver_claimed(&c).await });
                            }
                        }
                        Err(e) => tracing::warn!(error = %e, "claiming webhook deliveries failed"),
                    }
                }
                service
                    .webhook_housekeeping(&mut announced_day, &mut purged_at)
                    .await;
                drop(service);
                // An attempt ending frees a slot (and a success may make others due), a
                // change of this process wakes it, the poll finds the rest.
                tokio::select! {
                    Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {
                        while in_flight.try_join_next().is_some() {}
                    }
                    () = wake.notified() => {}
                    () = tokio::time::sleep(poll) => {}
                }
            }
        });
    }

    /// The worker's daily and hourly chores: today's campaign results, and forgetting
    /// old delivered rows.
    async fn webhook_housekeeping(
        &self,
        announced_day: &mut Option<i64>,
        purged_at: &mut Option<i64>,
    ) {
        let now = self.now();
        let day = now.div_euclid(86_400);
        if *announced_day != Some(day) {
            *announced_day = Some(day);
            if let Err(e) = self.announce_campaign_results().await {
                tracing::warn!(error = %e, "queueing the campaigns' daily results failed");
            }
        }
        if purged_at.is_none_or(|at| now.saturating_sub(at) >= 3_600) {
            *purged_at = Some(now);
            let before = now - self.settings.webhooks.keep_delivered;
            if let Err(e) = self.store.webhooks().purge_delivered(before).await {
                tracing::warn!(error = %e, "purging delivered webhooks failed");
            }
        }
    }

    /// Queues today's `campaign.result` of every live campaign (once per campaign and
    /// UTC day, whichever node or run comes first): its exposed and holdout groups and
    /// the uplift so far, for the campaign's regions. Returns how many deliveries were
    /// queued.
    pub async fn announce_campaign_results(&self) -> Result<u64> {
        let now = self.now();
        let day: String = wire::rfc3339(now - now.rem_euclid(86_400))
            .chars()
            .take(10)
            .collect();
        let mut events = Vec::new();
        for c in self.store.campaigns().list_campaigns().await? {
            if !c.is_live(now) {
                continue;
            }
            let (cells, exposed, holdout) = self.store.campaigns().campaign_cells(c.id).await?;
            let stats = campaign::compute(&c, &cells, exposed, holdout);
            let mut detail = serde_json::Map::new();
            detail.insert("campaign".into(), c.id.into());
            detail.insert("name".into(), c.spec.name.clone().into());
            detail.insert("day".into(), day.clone().into());
            if let Ok(serde_json::Value::Object(all)) = serde_json::to_value(&stats) {
                for field in ["exposed", "holdout", "uplift"] {
                    if let Some(v) = all.get(field) {
                        detail.insert(field.into(), v.clone());
                    }
                }
            }
            events.push(store::webhooks::NewEvent {
                kind: EventType::CampaignResult,
                subject: format!("campaign:{}:{day}", c.id),
                data: store::webhooks::EventData {
                    regions: c
                        .spec
                        .regions
                        .iter()
                        .map(|r| r.as_str().to_owned())
                        .collect(),
                    detail: Some(serde_json::Value::Object(detail)),
                    ..store::webhooks::EventData::default()
                },
            });
        }
        if events.is_empty() {
            return Ok(0);
        }
        Ok(self.store.webhooks().enqueue_once(&events, now).await?)
    }

    /// Claims up to `free` due deliveries with a lease (none, and no write, when
    /// nothing is due).
    async fn claim_webhooks(&self, free: usize) -> Result<Vec<Claimed>> {
        let settings = &self.settings.webhooks;
        let now = self.now();
        // A read first: an idle worker costs no write transaction.
        match self.store.webhooks().next_due().await? {
            Some(due) if due <= now => {}
            _ => return Ok(Vec::new()),
        }
        // Longer than one attempt can take, short enough that the events of a node that
        // died mid-attempt go out again soon.
        let lease = now + i64::try_from(settings.timeout.as_secs()).unwrap_or(10) + 5;
        let limit = u32::try_from(free.max(1)).unwrap_or(u32::MAX);
        let per_subscription = u32::try_from(settings.per_subscription.max(1)).unwrap_or(4);
        Ok(self
            .store
            .webhooks()
            .claim_due(now, lease, limit, per_subscription)
            .await?)
    }

    /// Posts one claimed delivery and records the outcome (a failure to record leaves
    /// the lease to run out: the event goes again). Returns whether it was delivered.
    async fn deliver_claimed(&self, c: &Claimed) -> bool {
        let subscription = c.delivery.subscription_id;
        let id = c.delivery.id;
        let attempt = self.attempt(c, &self.secrets()).await;
        let delivered = matches!(attempt, Attempt::Delivered { .. });
        if let Err(e) = self
            .store
            .webhooks()
            .record_delivery(subscription, id, &attempt)
            .await
        {
            tracing::warn!(error = %e, delivery = id, "recording a webhook attempt failed");
            return false;
        }
        delivered
    }

    /// Posts one claimed event and says how it ended.
    async fn attempt(&self, c: &Claimed, secrets: &secrets::Secrets) -> Attempt {
        let d = &c.delivery;
        let failed = |error: String, at: i64, retry: bool| Attempt::Failed {
            at,
            error,
            retry_at: retry.then(|| self.retry_at(d, at)).flatten(),
        };
        let Some(secret) = derive_secret(secrets, c.secret_key_id, &c.secret_nonce) else {
            let error = format!("the key file has no reporter key {}", c.secret_key_id);
            return failed(error, self.now(), false);
        };
        let body = match event_body(d) {
            Ok(b) => b,
            Err(e) => return failed(e.to_string(), self.now(), false),
        };
        let id = message_id(d.id);
        let timestamp = self.now();
        let headers = [
            ("webhook-id", id.clone()),
            ("webhook-timestamp", timestamp.to_string()),
            ("webhook-signature", sign(&secret, &id, timestamp, &body)),
        ];
        let result = post(
            &c.url,
            &headers,
            body,
            &self.settings.webhooks,
            &self.webhooks.tls,
        )
        .await;
        let at = self.now();
        match result {
            Ok(status) if (200..300).contains(&status) => Attempt::Delivered { at },
            Ok(status) => failed(format!("the receiver answered {status}"), at, true),
            Err(e) => failed(e, at, true),
        }
    }

    /// When to try again after a failed attempt, or `None` when the event is dead:
    /// the delay doubles from [`WebhookSettings::retry_base`] up to `retry_max`, and
    /// half of it is random ("equal jitter"), so that receivers coming back are not
    /// hit by every sender at once.
    fn retry_at(&self, d: &Delivery, at: i64) -> Option<i64> {
        let s = &self.settings.webhooks;
        if d.attempts.saturating_add(1) >= s.max_attempts || at - d.created_at >= s.max_age {
            return None;
        }
        let doubled = s
            .retry_base
            .saturating_mul(1u32.checked_shl(d.attempts.min(30)).unwrap_or(u32::MAX));
        let delay = doubled.min(s.retry_max).as_millis() as u64;
        let mut r = [0u8; 8];
        let jitter = match self.random(&mut r) {
            Ok(()) => u64::from_le_bytes(r) % (delay / 2 + 1),
            Err(_) => 0,
        };
        let millis = delay / 2 + jitter;
        Some(at + i64::try_from(millis.div_ceil(1000)).unwrap_or(i64::MAX / 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-request HTTPS server on loopback with the test certificate
    /// (testdata/tls): answers `204` and hands back what it received.
    async fn tls_receiver() -> (u16, tokio::task::JoinHandle<Vec<u8>>) {
        use rustls::pki_types::pem::PemObject as _;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls");
        let chain = vec![CertificateDer::from_pem_file(dir.join("leaf.pem")).expect("leaf")];
        let key = PrivateKeyDer::from_pem_file(dir.join("leaf.key")).expect("key");
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("certificate");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let task = tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.expect("accept");
            let Ok(mut tls) = acceptor.accept(tcp).await else {
                return Vec::new();
            };
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            // The head and the body: the test's body ends the request.
            while !got.ends_with(b"}") {
                match tls.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            let _ = tls
                .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
                .await;
            let _ = tls.shutdown().await;
            got
        });
        (port, task)
    }

    #[tokio::test]
    async fn https_targets_are_posted_over_tls_and_the_name_is_checked() {
        let settings = WebhookSettings {
            allow_private: true,
            ca_file: Some(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls/ca.pem"),
            ),
            timeout: Duration::from_secs(10),
            ..WebhookSettings::default()
        };
        assert!(tls_client(settings.ca_file.as_deref()).is_ok());
        let tls = std::sync::OnceLock::new();
        let headers = [("webhook-id", "msg_1".to_owned())];

        // The certificate names localhost: delivered.
        let (port, received) = tls_receiver().await;
        let url = format!("https://localhost:{port}/hook");
        let status = post(
            &url,
            &headers,
            b"{\"type\":\"t\"}".to_vec(),
            &settings,
            &tls,
        )
        .await;
        assert_eq!(status, Ok(204));
        let request = String::from_utf8(received.await.expect("receiver")).expect("text");
        assert!(request.starts_with("POST /hook HTTP/1.1"), "{request}");
        assert!(request.contains("webhook-id: msg_1"), "{request}");

        // Without the private root the server is not trusted: not sent.
        let (port, received) = tls_receiver().await;
        let url = format!("https://localhost:{port}/hook");
        let system_only = std::sync::OnceLock::new();
        let untrusted = WebhookSettings {
            ca_file: None,
            ..settings.clone()
        };
        if tls_client(None).is_ok() {
            let failed = post(&url, &headers, b"{}".to_vec(), &untrusted, &system_only).await;
            assert!(
                failed.as_ref().is_err_and(|e| e.starts_with("TLS")),
                "{failed:?}"
            );
        }
        received.abort();

        // A missing or empty CA file is a clear error, not an empty trust store.
        let missing = tls_client(Some(std::path::Path::new("/nonexistent/ca.pem")));
        assert!(missing.is_err_and(|e| e.contains("ca_file")));
    }

    async fn loopback() -> (tokio::net::TcpListener, u16) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        (listener, port)
    }

    /// A receiver on loopback answering every POST with the status in `status`,
    /// handing back each body with the status it was answered.
    async fn receiver(
        status: Arc<std::sync::atomic::AtomicU16>,
    ) -> (u16, tokio::sync::mpsc::UnboundedReceiver<(u16, Vec<u8>)>) {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let (listener, port) = loopback().await;
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((mut tcp, _)) = listener.accept().await {
                let (tx, status) = (tx.clone(), Arc::clone(&status));
                tokio::spawn(async move {
                    let mut got = Vec::new();
                    let mut buf = [0u8; 4096];
                    let body = loop {
                        match tcp.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => got.extend_from_slice(&buf[..n]),
                        }
                        let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") else {
                            continue;
                        };
                        let head = String::from_utf8_lossy(&got[..end]).to_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if got.len() >= end + 4 + length {
                            break got[end + 4..end + 4 + length].to_vec();
                        }
                    };
                    let code = status.load(Ordering::SeqCst);
                    let answer = format!(
                        "HTTP/1.1 {code} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    );
                    let _ = tcp.write_all(answer.as_bytes()).await;
                    let _ = tcp.shutdown().await;
                    let _ = tx.send((code, body));
                });
            }
        });
        (port, rx)
    }

    /// A receiver that accepts connections and never answers; says when one came.
    async fn silent_receiver() -> (u16, tokio::sync::mpsc::UnboundedReceiver<()>) {
        let (listener, port) = loopback().await;
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((tcp, _)) = listener.accept().await {
                held.push(tcp);
                let _ = tx.send(());
            }
        });
        (port, rx)
    }

    /// A service over a fresh in-memory store whose clock stands still (no retry ever
    /// comes due by time) and whose poll never fires within a test: only its own
    /// changes and finished attempts move the worker.
    async fn frozen_service(concurrency: usize) -> Arc<Service> {
        let store = store::open("sqlite::memory:").await.expect("store");
        let runtime = crate::Runtime {
            clock: Arc::new(crate::FixedClock::at(NOW)),
            random: Arc::new(crate::SeqRandom::new(1)),
        };
        let settings = crate::Settings {
            webhooks: WebhookSettings {
                allow_private: true,
                concurrency,
                timeout: Duration::from_secs(600),
                poll: Duration::from_secs(3_600),
                ..WebhookSettings::default()
            },
            ..crate::Settings::default()
        };
        let secrets = secrets::Secrets::generate(NOW).expect("secrets");
        let service = Service::new(store, settings, secrets, runtime)
            .await
            .expect("service");
        Arc::new(service)
    }

    const NOW: i64 = 1_800_000_000;

    fn admin() -> Principal {
        Principal::key(
            store::ApiKey {
                id: 1,
                role: Role::Admin,
                region: None,
                label: None,
                created_at: 0,
                revoked_at: None,
            },
            None,
        )
    }

    async fn subscribe(service: &Service, port: u16) -> i64 {
        let req = wire::webhooks::WebhookRequest {
            url: format!("http://127.0.0.1:{port}/hook"),
            events: vec!["listing.created".into(), "listing.confirmed".into()],
            regions: None,
        };
        let created = service
            .create_webhook(&admin(), &req)
            .await
            .expect("subscribe");
        created.subscription.id
    }

    /// Queues events (type, subject) as a change of this process would, and wakes
    /// the worker.
    async fn change(service: &Service, events: &[(EventType, &str)]) {
        let events: Vec<store::webhooks::NewEvent> = events
            .iter()
            .map(|(kind, subject)| store::webhooks::NewEvent {
                kind: *kind,
                subject: (*subject).to_owned(),
                data: store::webhooks::EventData {
                    indicator: Some((*subject).to_owned()),
                    ..store::webhooks::EventData::default()
                },
            })
            .collect();
        service
            .store
            .webhooks()
            .enqueue(&events, service.now())
            .await
            .expect("enqueue");
        service.wake_webhooks();
    }

    /// The next body a receiver got, as (answered status, type, indicator); a test
    /// that waits longer than this has failed (the worker is stuck).
    async fn next<T>(rx: &mut tokio::sync::mpsc::UnboundedReceiver<T>) -> T {
        tokio::time::timeout(Duration::from_secs(20), rx.recv())
            .await
            .expect("the worker delivered nothing within 20 s")
            .expect("the receiver ended")
    }

    fn read(got: (u16, Vec<u8>)) -> (u16, String, String) {
        let event: serde_json::Value = serde_json::from_slice(&got.1).expect("json");
        let field = |f: &serde_json::Value| f.as_str().unwrap_or_default().to_owned();
        (
            got.0,
            field(&event["type"]),
            field(&event["data"]["indicator"]),
        )
    }

    #[tokio::test]
    async fn a_receiver_that_never_answers_holds_back_no_other_delivery() {
        // Attempts of 600 s: before the worker went on claiming while attempts were in
        // flight, the silent receiver's attempt held the whole round, and the fast
        // receiver's next event waited for it.
        let service = frozen_service(4).await;
        let (silent_port, mut accepted) = silent_receiver().await;
        let up = Arc::new(std::sync::atomic::AtomicU16::new(204));
        let (fast_port, mut fast) = receiver(up).await;
        subscribe(&service, silent_port).await;
        subscribe(&service, fast_port).await;
        service.start_webhooks();

        change(&service, &[(EventType::ListingCreated, "domain:a.example")]).await;
        next(&mut accepted).await;
        assert_eq!(read(next(&mut fast).await).2, "domain:a.example");
        // The silent receiver still holds its attempt (and a slot); the fast one gets
        // the next changes at once.
        for subject in ["domain:b.example", "domain:c.example"] {
            change(&service, &[(EventType::ListingCreated, subject)]).await;
            assert_eq!(read(next(&mut fast).await).2, subject);
        }
        // The silent receiver's own other subjects are not held back by it either.
        next(&mut accepted).await;
    }

    #[tokio::test]
    async fn after_an_outage_one_success_releases_the_waiting_events_in_order() {
        // The clock stands still: no backoff ever runs out, so everything delivered
        // after the outage is released by the first success, not by the retry timer.
        let service = frozen_service(4).await;
        let status = Arc::new(std::sync::atomic::AtomicU16::new(503));
        let (port, mut rx) = receiver(Arc::clone(&status)).await;
        let id = subscribe(&service, port).await;
        service.start_webhooks();

        change(
            &service,
            &[
                (EventType::ListingCreated, "domain:a.example"),
                (EventType::ListingConfirmed, "domain:a.example"),
                (EventType::ListingCreated, "domain:b.example"),
            ],
        )
        .await;
        // The two heads fail (a.example's confirmation waits behind its listing).
        let mut failed = vec![read(next(&mut rx).await), read(next(&mut rx).await)];
        failed.sort();
        assert_eq!(
            failed,
            [
                (503, "listing.created".into(), "domain:a.example".into()),
                (503, "listing.created".into(), "domain:b.example".into()),
            ]
        );
        // Back: a new event goes at once, and its success releases the others.
        status.store(204, Ordering::SeqCst);
        change(&service, &[(EventType::ListingCreated, "domain:c.example")]).await;
        let mut delivered = Vec::new();
        while delivered.len() < 4 {
            let (code, kind, subject) = read(next(&mut rx).await);
            assert_eq!(code, 204);
            delivered.push((kind, subject));
        }
        let of_a: Vec<&str> = delivered
            .iter()
            .filter(|(_, s)| s == "domain:a.example")
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(of_a, ["listing.created", "listing.confirmed"]);
        assert!(delivered.contains(&("listing.created".into(), "domain:b.example".into())));
        assert_eq!(delivered[0].1, "domain:c.example");
        let rows = service
            .store
            .webhooks()
            .deliveries(id, None, None, 10)
            .await;
        let attempts: Vec<(String, u32)> = rows
            .expect("deliveries")
            .iter()
            .map(|d| (d.subject.clone(), d.attempts))
            .collect();
        // a.example's listing was recorded before its confirmation could leave: its
        // failed attempt and its delivery.
        assert!(
            attempts.contains(&("domain:a.example".into(), 2)),
            "{attempts:?}"
        );
    }

    #[test]
    fn the_documented_event_types_and_states_are_the_stores() {
        let types: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(types, wire::webhooks::EVENT_TYPES);
        for state in wire::webhooks::DELIVERY_STATES {
            assert!(DeliveryState::parse(state).is_some(), "{state}");
        }
    }

    #[test]
    fn addresses_that_are_not_public_are_recognized() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(ip.parse().expect("an address")), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(is_public(ip.parse().expect("an address")), "{ip}");
        }
    }

    #[test]
    fn targets_must_be_https_unless_private_targets_are_allowed() {
        assert!(parse_target("https://partner.example/hook", false).is_ok());
        assert!(parse_target("http://partner.example/hook", false).is_err());
        assert!(parse_target("http://127.0.0.1:8080/hook?x=1", true).is_ok());
        assert!(parse_target("ftp://partner.example/", true).is_err());
        assert!(parse_target("https://user:pw@partner.example/", false).is_err());
        let (_, t) = parse_target("http://127.0.0.1:8080/hook?x=1", true).expect("valid");
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("127.0.0.1", 8080, "/hook?x=1")
        );
    }

    #[test]
    fn the_signature_follows_the_standard_webhooks_example() {
        // From the Standard Webhooks reference libraries' tests: secret
        // `whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`, id `msg_p5jXN8AQM9LWM0D4loKWxJek`,
        // timestamp 1614265330, body `{"test": 2432232314}`.
        let secret = base64::engine::general_purpose::STANDARD
            .decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .expect("base64");
        let mut key = [0u8; 32];
        // The example's secret is 24 bytes; HMAC pads keys, so 32 zero-padded bytes
        // give the same MAC.
        key[..secret.len()].copy_from_slice(&secret);
        let sig = sign(
            &key,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}

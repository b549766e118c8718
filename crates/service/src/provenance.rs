//! "Did we send this?" (issue 14): the exchange registers what it sends
//! ([`Service::register_sent`]); an analysis that names the user then says whether
//! the exchange sent that user this message ([`Service::provenance`]).
//!
//! Only keyed fingerprints are kept (`provenance` crate, `store::sent`): the user is
//! pseudonymized under the current user key, the text and each link are fingerprinted
//! with that pseudonym and dropped. A lookup computes the fingerprints under every key
//! of the user ring (a rotation does not lose what was registered before it), so one
//! indexed read answers it. A fingerprint names one user: another user's message never
//! matches.

use i18n::{Arg, Catalog, Locale};
use secrets::Purpose;
use store::Role;
use store::sent::{SentFingerprint, SentKind};

use crate::{Error, Principal, Result, Service};

/// How long a registered message is remembered unless configured: 90 days.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// Longest registered text, in bytes (the fingerprint reads this much).
pub const MAX_SENT_TEXT_BYTES: usize = provenance::MAX_TEXT_BYTES;
/// Longest user id, in bytes (as in screening).
pub const MAX_USER_BYTES: usize = 256;
/// How much earlier than `sent_at` a message may be said to be received (clock skew
/// between the exchange's systems and the user's phone).
const RECEIVED_SKEW_SECS: i64 = 3_600;

/// The key a user ring's key makes for pseudonyms of sent messages, and the one for
/// their fingerprints: both derived, so the ring's key itself is used only through
/// HMAC with a label of its own.
fn derived(key: &[u8; 32]) -> ([u8; 32], [u8; 32]) {
    (
        crate::keyring::hmac(key, &[b"antiscam-sent-user-v1"]),
        crate::keyring::hmac(key, &[b"antiscam-sent-fingerprint-v1"]),
    )
}

fn user_pseudonym(user_key: &[u8; 32], user: &str) -> [u8; 32] {
    crate::keyring::hmac(user_key, &[user.as_bytes()])
}

fn check_user(user: &str, field: &str) -> Result<()> {
    if user.trim().is_empty() {
        return Err(Error::invalid(
            "invalid_user",
            format!("`{field}` is empty"),
        ));
    }
    if user.len() > MAX_USER_BYTES {
        return Err(Error::invalid(
            "invalid_user",
            format!("`{field}` is longer than {MAX_USER_BYTES} bytes"),
        ));
    }
    Ok(())
}

fn parse_time(s: &str, field: &str) -> Result<i64> {
    feeds::parse_date(s).ok_or_else(|| {
        Error::invalid(
            "invalid_time",
            format!("`{field}` must be an RFC 3339 time, e.g. 2026-05-01T12:00:00Z"),
        )
    })
}

impl Service {
    /// How long registered messages are kept, in seconds.
    fn sent_retention(&self) -> i64 {
        i64::from(
            self.settings
                .sent_retention_days
                .unwrap_or(DEFAULT_RETENTION_DAYS),
        ) * 86_400
    }

    /// Registers messages the exchange sent (`POST /v1/sent-messages`; integrators and
    /// admins): each text is fingerprinted with its user's pseudonym and dropped. All
    /// or nothing: one invalid message refuses the batch, naming it. Each batch is
    /// audited (`sent.register`, with the key and the counts). Expired fingerprints are
    /// forgotten on the way.
    pub async fn register_sent(
        &self,
        by: &Principal,
        req: &wire::SentMessagesRequest,
    ) -> Result<wire::SentMessagesResult> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let n = req.messages.len();
        if n == 0 || n > wire::MAX_SENT_MESSAGES {
            return Err(Error::invalid(
                "too_many",
                format!(
                    "{n} messages: send 1 to {} per request",
                    wire::MAX_SENT_MESSAGES
                ),
            ));
        }
        let now = self.now();
        let retention = self.sent_retention();
        let secrets = self.secrets();
        let current = secrets.ring(Purpose::User).current();
        let (user_key, fp_key) = derived(current.secret());
        let mut rows = Vec::with_capacity(n * 2);
        let mut latest_expiry = 0;
        for (i, m) in req.messages.iter().enumerate() {
            check_user(&m.user, &format!("messages[{i}].user"))?;
            let channel = reports::Channel::parse(&m.channel).ok_or_else(|| {
                Error::invalid(
                    "bad_channel",
                    format!(
                        "`messages[{i}].channel` must be one of {}, not {:?}",
                        wire::channel_names().join(", "),
                        m.channel.chars().take(40).collect::<String>()
                    ),
                )
            })?;
            let sent_at = parse_time(&m.sent_at, &format!("messages[{i}].sent_at"))?;
            if sent_at > now + RECEIVED_SKEW_SECS {
                return Err(Error::invalid(
                    "invalid_time",
                    format!("`messages[{i}].sent_at` is in the future"),
                ));
            }
            if m.text.trim().is_empty() || m.text.len() > MAX_SENT_TEXT_BYTES {
                return Err(Error::invalid(
                    "invalid_text",
                    format!("`messages[{i}].text` must have 1 to {MAX_SENT_TEXT_BYTES} bytes"),
                ));
            }
            let expires_at = sent_at + retention;
            if expires_at <= now {
                // Older than the retention: nothing to keep.
                continue;
            }
            latest_expiry = latest_expiry.max(expires_at);
            let user = user_pseudonym(&user_key, &m.user);
            let fps = provenance::fingerprints(&fp_key, &user, &m.text);
            let row = |fingerprint, kind| SentFingerprint {
                fingerprint,
                key_id: current.id(),
                kind,
                channel: channel.as_str().to_owned(),
                sent_at,
                expires_at,
            };
            rows.push(row(fps.text, SentKind::Text));
            rows.extend(fps.links.into_iter().map(|l| row(l, SentKind::Link)));
        }
        // Attributable before it counts: the audit names the key and the batch (never
        // a user or a text), written first like an export's.
        let detail = serde_json::json!({"messages": n, "fingerprints": rows.len()}).to_string();
        self.store
            .reports()
            .append_audit(&by.actor(), "sent.register", None, Some(&detail), now)
            .await?;
        self.store.sent().expire_sent(now).await?;
        let added = self.store.sent().register_sent(&rows).await?;
        tracing::info!(
            messages = n,
            fingerprints = rows.len(),
            "sent messages registered"
        );
        Ok(wire::SentMessagesResult {
            registered: n,
            fingerprints_added: added,
            expires_at: wire::rfc3339(latest_expiry.max(now)),
        })
    }

    /// Whether the exchange sent `text` to `user` (received at `received_at`, RFC 3339,
    /// if known). `claims_brand`: the message names the exchange, uses its channels or
    /// imitates them; then a message that matches nothing sent to the user is
    /// `not_sent_by_us`, otherwise `unknown`.
    pub async fn provenance(
        &self,
        user: &str,
        received_at: Option<&str>,
        text: &str,
        claims_brand: bool,
        locale: Locale,
    ) -> Result<wire::ProvenanceView> {
        check_user(user, "user")?;
        let received_at = received_at
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| parse_time(s, "received_at"))
            .transpose()?;
        let secrets = self.secrets();
        let ring = secrets.ring(Purpose::User);
        let mut texts = Vec::new();
        let mut links = Vec::new();
        for key in ring.lookup_order() {
            let (user_key, fp_key) = derived(key.secret());
            let fps = provenance::fingerprints(&fp_key, &user_pseudonym(&user_key, user), text);
            texts.push(fps.text);
            links.push(fps.links);
        }
        let candidates: Vec<[u8; 16]> = texts
            .iter()
            .copied()
            .chain(links.iter().flatten().copied())
            .collect();
        let found = self.store.sent().find_sent(&candidates, self.now()).await?;
        // A message cannot be received before it was sent (allowing for clock skew).
        let possible =
            |f: &&SentFingerprint| received_at.is_none_or(|r| f.sent_at <= r + RECEIVED_SKEW_SECS);
        let sent = found
            .iter()
            .filter(possible)
            .filter(|f| f.kind == SentKind::Text && texts.contains(&f.fingerprint))
            .max_by_key(|f| f.sent_at);
        let links_sent_by_us = links
            .iter()
            .map(|per_key| {
                per_key
                    .iter()
                    .filter(|l| found.iter().filter(possible).any(|f| f.fingerprint == **l))
                    .count()
            })
            .max()
            .unwrap_or(0);
        let catalog = Catalog::global();
        Ok(match sent {
            Some(f) => {
                let date = wire::rfc3339(f.sent_at);
                let channel = catalog.message(locale, &format!("channel-{}", f.channel), &[]);
                wire::ProvenanceView {
                    status: wire::ProvenanceStatus::SentByUs,
                    sent_at: Some(wire::rfc3339(f.sent_at)),
                    channel: Some(f.channel.clone()),
                    links_sent_by_us,
                    explanation: catalog.message(
                        locale,
                        "provenance-sent_by_us",
                        &[("date", Arg::from(&date)), ("channel", Arg::from(&channel))],
                    ),
                }
            }
            None if claims_brand => wire::ProvenanceView {
                status: wire::ProvenanceStatus::NotSentByUs,
                sent_at: None,
                channel: None,
                links_sent_by_us,
                explanation: catalog.message(locale, "provenance-not_sent_by_us", &[]),
            },
            None => wire::ProvenanceView {
                status: wire::ProvenanceStatus::Unknown,
                sent_at: None,
                channel: None,
                links_sent_by_us,
                explanation: catalog.message(locale, "provenance-unknown", &[]),
            },
        })
    }
}

/// Whether an analyzed message claims the exchange: it names a brand of the registry,
/// or one of its indicators or its sender is official, formerly official or an
/// impersonation of one.
pub(crate) fn claims_brand(
    registry: &registry::Registry,
    result: &wire::AnalysisResult,
    text: &str,
) -> bool {
    use verify::Verdict::{FormerlyOfficial, Impersonation, Official};
    let brandish = |v: verify::Verdict| matches!(v, Official | FormerlyOfficial | Impersonation);
    if result
        .indicators
        .iter()
        .any(|i| brandish(i.verification.verdict))
        || result.sender.as_ref().is_some_and(|s| brandish(s.verdict))
    {
        return true;
    }
    let text = words(text);
    registry.brands().iter().any(|b| {
        let name = words(&b.name);
        // Very short names ("OK") are words, not names; two Chinese characters (幣安)
        // are a name.
        let least = if name.is_ascii() { 3 } else { 2 };
        name.chars().filter(|c| !c.is_whitespace()).count() >= least
            && (names(&text, &name) || names(&text, &name.replace(' ', "")))
    })
}

/// Lowercase, one space between words: "Example  Exchange" reads "example exchange".
fn words(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` names `name` as a word of its own: "OKX support" names OKX, "bookxyz"
/// does not. Chinese has no spaces between words: a name in Chinese letters is found
/// anywhere.
fn names(text: &str, name: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // A name that begins (ends) with a Latin letter or digit needs a boundary there.
    let (open, close) = (
        letter(name.chars().next()),
        letter(name.chars().next_back()),
    );
    text.match_indices(name).any(|(i, _)| {
        let glued_before = open && letter(text[..i].chars().next_back());
        let glued_after = close && letter(text[i + name.len()..].chars().next());
        !glued_before && !glued_after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(name: &str) -> registry::Registry {
        registry::Registry::from_toml(&format!(
            "[[brand]]\nname = \"{name}\"\ndomains = [\"brand-example.com\"]\n"
        ))
        .expect("registry")
    }

    fn claims(brand: &str, text: &str) -> bool {
        let result = wire::AnalysisResult {
            risk: analyzer::Risk::None,
            risk_title: String::new(),
            score: 0,
            tactics: Vec::new(),
            indicators: Vec::new(),
            sender: None,
            advice: String::new(),
            language: "en",
            truncated: false,
            text: None,
            locale: Locale::En,
            provenance: None,
        };
        claims_brand(&registry(brand), &result, text)
    }

    #[test]
    fn a_brand_is_claimed_by_its_name_as_a_word() {
        assert!(claims("OKX", "OKX support: your account is frozen"));
        assert!(claims("OKX", "【OKX】您的帳戶已凍結"));
        assert!(claims("Example Exchange", "example  exchange: verify now"));
        assert!(claims("Example Exchange", "ExampleExchange team here"));
        assert!(claims("幣安", "幣安客服提醒您"));
        // Inside another word, or too short to be a name.
        assert!(!claims("OKX", "Book your table at bookxyz.example tonight"));
        assert!(!claims("OK", "OK, see you at lunch"));
        assert!(!claims("Example Exchange", "See you at lunch tomorrow?"));
    }
}

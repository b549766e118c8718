//! Signed retractions (`GET /v1/retractions`, `antiscam retractions verify`): when a
//! listing is removed (an analyst delists it, a dispute is upheld, the listing rule
//! drops it, an operator removes it), its removal is a revoked version in the feed
//! log (`store::feed_log`), served here as an Ed25519-signed statement that copies of
//! our data downstream can check offline.
//!
//! **The key** is the registry signing key's sibling: its seed is
//! `SHA-256("antiscam retraction key v1" ‖ registry seed)` ([`retraction_seed`]), so
//! it lives in the key file with the registry key, rotates with it, and a signature
//! of one never verifies as the other's. Its public key is published at
//! `/.well-known/antiscam/retractions-key` beside `registry-key`, and in every page.
//!
//! **Who reads them.** Key holders (admins, analysts, partners; a partner its region's
//! only, like `/v1/export`), not the public: a retracted entry is often an innocent
//! person's phone number or account listed by mistake, and a public list would
//! publish exactly those. What is signed carries no free text: the reason is a code.

use sha2::{Digest, Sha256};
use store::Role;
use store::feed_log::{FeedCursor, FeedRecord};

use crate::signing::{VerifyError, public_key_hex, sign_hex, verify_hex};
use crate::taxii::RegionFilter;
use crate::{Error, Principal, Result, Service};

/// Retractions per page when the caller asks for no `limit`.
pub const DEFAULT_LIMIT: u32 = 1_000;

/// The retraction key's seed, derived from the registry signing seed.
pub fn retraction_seed(signing_seed: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"antiscam retraction key v1");
    h.update(signing_seed);
    // Any 32 bytes are an Ed25519 seed.
    h.finalize().into()
}

/// A revoked version as a retraction.
pub fn retraction(r: &FeedRecord) -> wire::taxii::Retraction {
    wire::taxii::Retraction {
        seq: r.seq,
        key: r.entry.key.clone(),
        stix_id: feeds::stix::indicator_id(&r.entry.key),
        reason: r.reason.clone().unwrap_or_else(|| "removed".into()),
        retracted_at: feeds::format_micros(r.added_at),
    }
}

/// Signs a retraction.
pub fn sign(seed: &[u8; 32], retraction: wire::taxii::Retraction) -> wire::taxii::SignedRetraction {
    let signature = sign_hex(seed, &retraction.canonical_bytes());
    wire::taxii::SignedRetraction {
        retraction,
        signature,
    }
}

/// Why a retraction document did not verify.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RetractionError {
    /// Not a `GET /v1/retractions` document.
    #[error("not a retractions document: {0}")]
    Malformed(String),
    /// One entry's signature failed.
    #[error("retraction {seq} ({key}): {error}")]
    Signature {
        /// Its sequence number.
        seq: i64,
        /// Its key.
        key: String,
        /// Why.
        error: VerifyError,
    },
}

/// Checks every signature of a `GET /v1/retractions` document (or a JSON list of
/// signed retractions) against `public_key_hex`; the number checked.
pub fn verify_document(
    document: &[u8],
    public_key_hex: &str,
) -> std::result::Result<usize, RetractionError> {
    let entries: Vec<wire::taxii::SignedRetraction> =
        match serde_json::from_slice::<wire::taxii::RetractionList>(document) {
            Ok(list) => list.retractions,
            Err(_) => serde_json::from_slice(document)
                .map_err(|e| RetractionError::Malformed(e.to_string()))?,
        };
    for s in &entries {
        verify_hex(
            public_key_hex,
            &s.signature,
            &s.retraction.canonical_bytes(),
        )
        .map_err(|error| RetractionError::Signature {
            seq: s.retraction.seq,
            key: s.retraction.key.clone(),
            error,
        })?;
    }
    Ok(entries.len())
}

/// What `GET /v1/retractions` asks for.
#[derive(Debug, Clone, Default)]
pub struct RetractionRequest {
    /// Only retractions after this time: a date or RFC 3339 time.
    pub since: Option<String>,
    /// The `next` of an earlier page.
    pub after: Option<String>,
    /// Most retractions in the page.
    pub limit: Option<String>,
}

impl Service {
    /// The current retraction key's seed.
    fn retraction_seed(&self) -> [u8; 32] {
        retraction_seed(crate::signing::seed(&self.secrets()))
    }

    /// The public key of the retraction signatures, hex.
    pub fn retractions_public_key(&self) -> String {
        public_key_hex(&self.retraction_seed())
    }

    /// A page of signed retractions, oldest first.
    pub async fn retractions(
        &self,
        by: &Principal,
        req: &RetractionRequest,
    ) -> Result<wire::taxii::RetractionList> {
        by.require(&[Role::Admin, Role::Analyst, Role::Partner])?;
        let limit = match req.limit.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    Error::invalid("invalid_limit", "`limit` must be a positive integer")
                })?
                .min(crate::taxii::MAX_LIMIT),
        };
        // Bounded like every other input (the document says so).
        for (name, value, max) in [
            ("since", req.since.as_deref(), 64),
            ("after", req.after.as_deref(), 128),
        ] {
            if value.is_some_and(|v| v.len() > max) {
                return Err(Error::invalid(
                    if name == "since" {
                        "invalid_since"
                    } else {
                        "invalid_after"
                    },
                    format!("`{name}` is longer than {max} characters"),
                ));
            }
        }
        let mut after = match req.since.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => {
                let micros = feeds::parse_micros(s)
                    .or_else(|| feeds::parse_date(s).map(|t| t.saturating_mul(1_000_000)))
                    .ok_or_else(|| {
                        Error::invalid(
                            "invalid_since",
                            "`since` must be a date (2024-05-01) or an RFC 3339 time",
                        )
                    })?;
                // Retractions at or after `since`.
                Some(FeedCursor::after_time(micros.saturating_sub(1)))
            }
        };
        if let Some(token) = req
            .after
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let c = feeds::taxii::Cursor::parse(token).ok_or_else(|| {
                Error::invalid("invalid_after", "`after` is not a token of this server")
            })?;
            let c = FeedCursor {
                added_at: c.added_at,
                seq: c.seq,
            };
            after = Some(after.map_or(c, |a| a.max(c)));
        }
        let filter = match by.region_limit()? {
            Some(own) => Some(RegionFilter::load(self, own.as_str()).await?),
            None => None,
        };
        let page = self.read_page(after, limit, filter.as_ref(), true).await?;
        let seed = self.retraction_seed();
        Ok(wire::taxii::RetractionList {
            public_key: public_key_hex(&seed),
            retractions: page
                .records
                .iter()
                .map(|r| sign(&seed, retraction(r)))
                .collect(),
            next: page.next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(seed: &[u8; 32]) -> wire::taxii::SignedRetraction {
        sign(
            seed,
            wire::taxii::Retraction {
                seq: 3,
                key: "domain:evil.io".into(),
                stix_id: feeds::stix::indicator_id("domain:evil.io"),
                reason: "dispute_upheld".into(),
                retracted_at: "2024-05-01T12:00:00.000000Z".into(),
            },
        )
    }

    #[test]
    fn sign_verify_and_tampering_fails() {
        let registry = [9u8; 32];
        let seed = retraction_seed(&registry);
        assert_ne!(seed, registry, "a sibling, not the registry key");
        let public = public_key_hex(&seed);
        let list = wire::taxii::RetractionList {
            public_key: public.clone(),
            retractions: vec![signed(&seed)],
            next: None,
        };
        let doc = serde_json::to_vec(&list).expect("json");
        assert_eq!(verify_document(&doc, &public), Ok(1));
        // A bare list verifies too.
        let bare = serde_json::to_vec(&list.retractions).expect("json");
        assert_eq!(verify_document(&bare, &public), Ok(1));
        // Tampered: another key, reason or time.
        let mut forged = list.clone();
        forged.retractions[0].retraction.key = "domain:other.io".into();
        let doc = serde_json::to_vec(&forged).expect("json");
        assert!(matches!(
            verify_document(&doc, &public),
            Err(RetractionError::Signature {
                error: VerifyError::Mismatch,
                ..
            })
        ));
        // The registry's own key does not verify it.
        let doc = serde_json::to_vec(&list).expect("json");
        assert!(verify_document(&doc, &public_key_hex(&registry)).is_err());
        assert!(matches!(
            verify_document(b"[1]", &public),
            Err(RetractionError::Malformed(_))
        ));
    }
}

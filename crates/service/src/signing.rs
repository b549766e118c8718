//! The signed registry: antiscam publishes its official channels so that wallets, banks
//! and police tools can check "is this official?" offline.
//!
//! | path | content |
//! | --- | --- |
//! | `/.well-known/antiscam/registry.json` | the registry as canonical JSON: `Registry::to_json`, keys sorted, no spaces |
//! | `/.well-known/antiscam/registry.json.sig` | the detached Ed25519 signature of exactly those bytes: 128 hex digits |
//! | `/.well-known/antiscam/registry-key` | the public key: 64 hex digits |
//!
//! The same registry always serializes to the same bytes, so the signature is stable
//! until the registry or the key changes. The signing key is an Ed25519 seed of 32
//! random bytes, the current key of the key file's `signing` ring
//! ([`secrets::Purpose::Signing`]), never in the database; it is created with the key
//! file on first start and replaced by `antiscam secrets rotate signing` (or
//! `antiscam registry key rotate`), which keeps the retired keys so that verifiers can
//! tell an old signature from a forged one. Running servers sign with a new key within
//! half a second (they watch the key file). A key fingerprint (first 8 bytes of the
//! SHA-256 of the public key, hex) names a key in logs and output.
//!
//! Verification is strict ([`verify_hex`]): `verify_strict` (no malleable or
//! non-canonical signatures) and a public key of small order (a "weak" key, for which
//! one signature can verify for many messages) is refused.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use secrets::{Purpose, Secrets};
use sha2::{Digest, Sha256};
use store::{Store, StoreError};

/// Meta key where versions before the key file listed retired public keys: a JSON
/// list of `{"public_key", "retired_at"}` (public; still shown).
pub const RETIRED_KEYS: &str = "registry_signing_retired";

/// Why a signature check failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    /// The key is not 64 hex digits of a valid Ed25519 public key.
    #[error("the public key is not 64 hex digits of an Ed25519 key")]
    BadKey,
    /// The key is of small order ("weak"): a signature by it proves nothing.
    #[error("the public key is weak (of small order): it proves nothing and is refused")]
    WeakKey,
    /// The signature is not 128 hex digits.
    #[error("the signature is not 128 hex digits")]
    BadSignature,
    /// Well-formed, but not a signature of these bytes by this key.
    #[error("the signature does not match: the file was changed or signed by another key")]
    Mismatch,
}

/// Makes a new signing key seed from the system's randomness.
pub fn generate_seed() -> Result<[u8; 32], getrandom::Error> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)?;
    Ok(seed)
}

/// The public key of a seed, as hex.
pub fn public_key_hex(seed: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(seed).verifying_key().to_bytes())
}

/// The fingerprint of a public key given as hex: 16 hex digits.
pub fn fingerprint(public_hex: &str) -> String {
    hex::encode(&Sha256::digest(public_hex.trim().as_bytes())[..8])
}

/// Signs bytes; the signature as hex.
pub fn sign_hex(seed: &[u8; 32], message: &[u8]) -> String {
    hex::encode(SigningKey::from_bytes(seed).sign(message).to_bytes())
}

/// Checks a detached signature (hex) of `message` by a public key (hex). Surrounding
/// white space in the key and signature is ignored.
pub fn verify_hex(
    public_hex: &str,
    signature_hex: &str,
    message: &[u8],
) -> Result<(), VerifyError> {
    let key: [u8; 32] = hex::decode(public_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(VerifyError::BadKey)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| VerifyError::BadKey)?;
    if key.is_weak() {
        return Err(VerifyError::WeakKey);
    }
    let sig: [u8; 64] = hex::decode(signature_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(VerifyError::BadSignature)?;
    // Strict: refuses non-canonical signatures and those that only a small-order
    // component makes verify, which plain `verify` accepts.
    key.verify_strict(message, &Signature::from_bytes(&sig))
        .map_err(|_| VerifyError::Mismatch)
}

/// The current signing seed.
pub fn seed(secrets: &Secrets) -> &[u8; 32] {
    secrets.ring(Purpose::Signing).current().secret()
}

/// The retired public keys, newest first: those of the key file's signing ring
/// (`{"id", "public_key", "retired_at"}`), then any an older version listed in the
/// store's meta [`RETIRED_KEYS`].
pub async fn retired_keys(
    secrets: &Secrets,
    store: &dyn Store,
) -> Result<Vec<serde_json::Value>, StoreError> {
    let mut out: Vec<serde_json::Value> = secrets
        .ring(Purpose::Signing)
        .retired()
        .map(|k| {
            serde_json::json!({
                "id": k.id(),
                "public_key": public_key_hex(k.secret()),
                "retired_at": k.retired_at(),
            })
        })
        .collect();
    if let Some(text) = store.get_meta(RETIRED_KEYS).await? {
        let legacy: Vec<serde_json::Value> = serde_json::from_str(&text)
            .map_err(|_| StoreError::Corrupt(format!("meta {RETIRED_KEYS} is not a JSON list")))?;
        out.extend(legacy.into_iter().rev());
    }
    Ok(out)
}

/// The bytes served as `registry.json`: canonical JSON (sorted keys, no spaces).
pub fn canonical_registry(registry: &registry::Registry) -> Vec<u8> {
    registry.to_json().to_string().into_bytes()
}

/// The registry as published under `/.well-known/antiscam/`.
#[derive(Debug, Clone)]
pub struct SignedRegistry {
    /// Canonical JSON ([`canonical_registry`]).
    pub bytes: Vec<u8>,
    /// The detached Ed25519 signature of exactly those bytes, hex.
    pub signature: String,
    /// The public key that verifies it, hex.
    pub public_key: String,
}

impl crate::Service {
    /// The registry as stored now, signed with the current key.
    pub async fn signed_registry(&self) -> crate::Result<SignedRegistry> {
        let registry = self.store.load_registry().await?;
        let bytes = canonical_registry(&registry);
        let secrets = self.secrets();
        let seed = seed(&secrets);
        Ok(SignedRegistry {
            signature: sign_hex(seed, &bytes),
            public_key: public_key_hex(seed),
            bytes,
        })
    }

    /// The current public key of the registry signature, hex.
    pub fn registry_public_key(&self) -> String {
        public_key_hex(seed(&self.secrets()))
    }

    /// The retired public keys, newest first (see [`retired_keys`]).
    pub async fn retired_signing_keys(&self) -> crate::Result<Vec<serde_json::Value>> {
        Ok(retired_keys(&self.secrets(), self.store.as_ref()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_tampering_fails() {
        let seed = [7u8; 32];
        let public = public_key_hex(&seed);
        let message = br#"{"brand":[]}"#;
        let sig = sign_hex(&seed, message);
        assert_eq!(sig.len(), 128);
        assert_eq!(verify_hex(&public, &sig, message), Ok(()));
        assert_eq!(
            verify_hex(&format!(" {public}\n"), &format!("{sig}\n"), message),
            Ok(())
        );
        assert_eq!(
            verify_hex(&public, &sig, br#"{"brand":[1]}"#),
            Err(VerifyError::Mismatch)
        );
        let other = public_key_hex(&[8u8; 32]);
        assert_eq!(
            verify_hex(&other, &sig, message),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(verify_hex("abc", &sig, message), Err(VerifyError::BadKey));
        assert_eq!(
            verify_hex(&public, "00", message),
            Err(VerifyError::BadSignature)
        );
        // Deterministic (Ed25519 signatures are).
        assert_eq!(sign_hex(&seed, message), sig);
        assert_eq!(fingerprint(&public).len(), 16);
    }

    #[test]
    fn weak_keys_are_refused() {
        // The identity point (y = 1) and the point of order 2 (y = -1): with either as
        // the key, the signature (R = identity, S = 0) "verifies" any message under
        // the lax check.
        let identity = format!("01{}", "00".repeat(31));
        let order_two = format!("ec{}7f", "ff".repeat(30));
        let forged = format!("01{}", "00".repeat(63));
        for key in [&identity, &order_two] {
            assert_eq!(
                verify_hex(key, &forged, b"any message"),
                Err(VerifyError::WeakKey),
                "{key}"
            );
        }
    }

    #[test]
    fn rfc8032_test_vector() {
        // RFC 8032 section 7.1, test 1: empty message.
        let seed: [u8; 32] =
            hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                .expect("hex")
                .try_into()
                .expect("32 bytes");
        assert_eq!(
            public_key_hex(&seed),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        assert_eq!(
            sign_hex(&seed, b""),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
    }
}

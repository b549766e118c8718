//! Rotating a key of the key file (`antiscam secrets rotate`, `antiscam registry key
//! rotate`): a new current key, the old one kept as retired so that pseudonyms made
//! with it stay linkable and old signatures stay checkable. Only the operator, who
//! holds the key file, rotates; every rotation is audited (`secrets.rotate`, never
//! the secret). Other processes pick the new key file up within a second
//! ([`Service::reload_secrets`]).

use secrets::{Purpose, SecretsError};

use crate::{Error, Principal, Result, Service, signing};

/// A key just rotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    /// Which ring.
    pub purpose: Purpose,
    /// The new current key's id.
    pub key_id: u16,
    /// The key it retired.
    pub retired: u16,
    /// The new public key, hex (the signing key).
    pub public_key: Option<String>,
}

fn rotation_error(e: SecretsError) -> Error {
    match e {
        SecretsError::Io { .. } => Error::Unavailable(format!("cannot save the key file: {e}")),
        e => Error::invalid("cannot_rotate", e.to_string()),
    }
}

impl Service {
    /// Rotates the key of `purpose`, saves the key file and audits it (the operator
    /// only). This process uses the new key at once.
    pub async fn rotate_secret(&self, by: &Principal, purpose: Purpose) -> Result<Rotated> {
        if !matches!(by, Principal::Operator) {
            return Err(Error::Forbidden(
                "keys of the key file are rotated only at the command line \
                 (`antiscam secrets rotate`)"
                    .into(),
            ));
        }
        let now = self.now();
        let mut secrets = (*self.secrets()).clone();
        let key = secrets.rotate(purpose, now).map_err(rotation_error)?;
        let (key_id, retired) = (key.id(), key.id().saturating_sub(1));
        let public_key =
            (purpose == Purpose::Signing).then(|| signing::public_key_hex(key.secret()));
        secrets.save().map_err(rotation_error)?;
        self.replace_secrets(secrets);
        let mut detail = serde_json::json!({"purpose": purpose.as_str(), "key_id": key_id});
        if let Some(p) = &public_key {
            detail["fingerprint"] = signing::fingerprint(p).into();
        }
        self.store
            .reports()
            .append_audit(
                &by.actor(),
                "secrets.rotate",
                Some(&format!("secret:{purpose}")),
                Some(&detail.to_string()),
                now,
            )
            .await?;
        tracing::info!(purpose = purpose.as_str(), key_id, "key rotated");
        Ok(Rotated {
            purpose,
            key_id,
            retired,
            public_key,
        })
    }
}

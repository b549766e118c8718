//! The blocklist's lifecycle as the operator drives it (`antiscam blocklist`): aging
//! entries without new evidence, delisting one indicator with a reason, and reading
//! the audit log. Each change is audited by the store in its transaction; a running
//! server picks it up through its change polling.

use store::Role;

pub use reports::Policy;
pub use store::reports::{AuditRecord, Expired};

use crate::{Error, Principal, Result, Service};

/// Longest delisting reason, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

impl Service {
    /// Removes the entries without new evidence for longer than `policy` allows
    /// (admins; the operator).
    pub async fn age_blocklist(&self, by: &Principal, policy: &Policy) -> Result<Expired> {
        by.require(&[Role::Admin])?;
        Ok(self
            .store
            .reports()
            .expire_blocklist(self.now(), policy, &by.actor())
            .await?)
    }

    /// Delists an indicator (as Verify reads it) or a stored key (`domain:evil.io`),
    /// with a reason kept in the audit log (admins, analysts); reports do not list it
    /// again until an analyst confirms it. Returns its key and whether it was listed.
    pub async fn delist_indicator(
        &self,
        by: &Principal,
        input: &str,
        reason: &str,
    ) -> Result<(String, bool)> {
        by.require(&[Role::Admin, Role::Analyst])?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
            return Err(Error::invalid(
                "invalid_reason",
                format!("the reason must be 1 to {MAX_REASON_CHARS} characters"),
            ));
        }
        let key = self.key_of(input)?;
        let was_listed = self
            .store
            .reports()
            .delist(&key, reason, &by.actor(), self.now())
            .await?;
        Ok((key, was_listed))
    }

    /// The audit log, newest first, before record `before` (admins).
    pub async fn audit_records(
        &self,
        by: &Principal,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>> {
        by.require(&[Role::Admin])?;
        Ok(self.store.reports().audit_log(before, limit).await?)
    }

    /// A stored key (`kind:value` with a known kind) as is, else the indicator's key.
    fn key_of(&self, input: &str) -> Result<String> {
        let input = input.trim();
        if let Some((kind, value)) = input.split_once(':')
            && !value.is_empty()
            && verify::parse_kind(kind).is_some_and(|k| k.as_str() == kind)
        {
            return Ok(input.to_owned());
        }
        let options = indicator::ParseOptions {
            default_region: self.settings.default_region.clone(),
            hint: None,
        };
        indicator::parse(input, &options)
            .map(|i| i.key())
            .map_err(|e| Error::invalid("invalid_indicator", format!("{input:?}: {e}")))
    }
}

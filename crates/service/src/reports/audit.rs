//! Reading the audit log (admins). Records are written by the use cases that act,
//! each in the transaction of its change.

use store::Role;
use store::reports::AuditRecord;

use crate::{Principal, Result, Service};

impl Service {
    /// The audit log, newest first, before the record `before` (admins).
    pub async fn audit_log(
        &self,
        by: &Principal,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>> {
        by.require(&[Role::Admin])?;
        Ok(self.store.reports().audit_log(before, limit).await?)
    }
}

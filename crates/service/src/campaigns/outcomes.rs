//! What the user did after a screening (its outcome), and the scam reports the
//! exchange links to a user's screenings: the measurement of a campaign's effect.

use campaign::Action;
use store::{Role, StoreError};

use super::invalid_input;
use crate::{Error, Principal, Result, Service};

impl Service {
    /// Records an outcome of a screening now (idempotent) and returns the screening's
    /// actions.
    pub async fn outcome(
        &self,
        by: &Principal,
        screening_id: &str,
        req: &wire::campaigns::OutcomeRequest,
    ) -> Result<wire::campaigns::OutcomeResponse> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let action = Action::parse(&req.action).ok_or_else(|| {
            invalid_input("`action` must be proceeded, cancelled, reviewed or reported")
        })?;
        let no_such = || Error::NotFound("no such screening".into());
        if screening_id.is_empty() || screening_id.len() > 64 {
            return Err(no_such());
        }
        let actions = self
            .store
            .campaigns()
            .record_outcome(screening_id, action, self.now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => no_such(),
                e => Error::from(e),
            })?;
        if action == Action::Cancelled {
            // A held or questioned withdrawal is closed by the user's cancellation.
            self.cancel_friction(screening_id).await?;
        }
        Ok(wire::campaigns::OutcomeResponse {
            screening_id: screening_id.to_owned(),
            actions,
        })
    }

    /// Records that the exchange's user reported a scam (at `reported_at`, or now), and
    /// returns how many of their eligible screenings it is linked to.
    pub async fn report_scam(
        &self,
        by: &Principal,
        req: &wire::campaigns::ScamReportRequest,
    ) -> Result<wire::campaigns::ScamReportResponse> {
        by.require(&[Role::Integrator, Role::Analyst, Role::Admin])?;
        let max = wire::campaigns::MAX_USER_BYTES;
        if req.user.is_empty() || req.user.len() > max {
            return Err(invalid_input(format!("`user` must be 1 to {max} bytes")));
        }
        let at = match &req.reported_at {
            Some(t) => campaign::model::parse_time(t, "reported_at")
                .map_err(|e| invalid_input(e.to_string()))?,
            None => self.now(),
        };
        let (user, user_key) = self.pseudonym(&req.user).await?;
        let linked_screenings = self
            .store
            .campaigns()
            .link_scam_report(&user, user_key, at)
            .await?;
        Ok(wire::campaigns::ScamReportResponse { linked_screenings })
    }
}

//! Screening a withdrawal: the request is checked (`wire`), the user pseudonymized,
//! the decision made once by the pure core ([`campaign::screen::plan`]), the
//! screening recorded durably by the store (which chooses the campaign in the same
//! transaction, atomic per user, through its group-commit or locking path), and the
//! answer rendered. One store round-trip per screening (two for a known user after a
//! key rotation).

use store::campaigns::ScreeningDraft;
use store::{Role, StoreError};

use super::invalid_input;
use crate::{Principal, Result, Service};

impl Service {
    /// Screens a withdrawal now: assesses its risk, picks the campaign and arm,
    /// durably records the screening, and returns what to show.
    pub async fn screen(
        &self,
        by: &Principal,
        req: &wire::campaigns::ScreenRequest,
    ) -> Result<wire::campaigns::ScreenResponse> {
        by.require(&[Role::Integrator, Role::Admin])?;
        let request = req.read().map_err(invalid_input)?;
        let now = self.now();
        let id = self.screening_id()?;
        let (user, user_key) = self.pseudonym(&req.user).await?;
        let cached = self.active_campaigns().await?;
        let subject = campaign::screen::Subject {
            user,
            user_key,
            id,
            now,
        };
        let plan = campaign::screen::plan(&self.index(), &request, subject, &cached.active);
        let risk = wire::campaigns::RiskView::new(&plan.risk, request.locale);
        let decision = plan.risk.decision();
        let contact = req
            .trusted_contact
            .as_ref()
            .map(|c| self.trusted_contact(c));
        let stored = self
            .store
            .campaigns()
            .screen(ScreeningDraft {
                screening: plan.screening,
                candidates: plan.candidates,
                risk: plan.risk,
                contact,
            })
            .await?;
        let shown = campaign::screen::shown(&cached.active, &stored.screening, request.locale);
        // The friction ladder's step, chosen and stored with the screening.
        let friction = stored
            .friction
            .as_ref()
            .map(|f| super::friction::view(f, shown.as_ref().map(|s| s.variant), &[]));
        let intervention = shown.map(wire::campaigns::Intervention::from);
        Ok(wire::campaigns::ScreenResponse {
            screening_id: stored.screening.id,
            decision,
            risk,
            intervention,
            friction,
        })
    }

    /// A new screening id: `scr_`, 16 hex digits of the time in microseconds, then 16
    /// random hex digits. Time first, so ids arrive in index order and the insert
    /// touches the last pages of the id index instead of a random page per row; the 64
    /// random bits keep ids unguessable.
    fn screening_id(&self) -> Result<String> {
        let mut random = [0u8; 8];
        self.random(&mut random)?;
        let micros = u64::try_from(self.now_micros()).unwrap_or(0);
        Ok(format!("scr_{micros:016x}{}", hex::encode(random)))
    }

    /// The pseudonym of an exchange user id and its key's id: HMAC-SHA256 under the
    /// user key, or, after a rotation, under the older key the store already knows the
    /// user by. The user id itself is never stored nor logged.
    pub(crate) async fn pseudonym(
        &self,
        user: &str,
    ) -> Result<(campaign::UserKey, u16), StoreError> {
        let secrets = self.secrets();
        crate::keyring::resolve(
            &secrets,
            secrets::Purpose::User,
            |key| campaign::pseudonymize(key, user),
            |candidates| async move { self.store.campaigns().known_user(&candidates).await },
        )
        .await
    }
}

//! Analyze: a suspicious message or raw email read for scam tactics and its
//! indicators verified (`POST /v1/analyze`, the analyze page). The analysis itself is
//! pure (`wire::analyze`); this runs it off the reactor, over the current index.

use i18n::Locale;
use store::Role;

use crate::{Error, Principal, Result, Service};

impl Service {
    /// Analyzes a request: refused with the request's own code when it is malformed
    /// (`missing_message`, `too_long`, …). The answer is in the asked language, else
    /// the message's own when supported, else `fallback`. With `user` (integrators
    /// and admins only: only the exchange knows its users), the answer also says
    /// whether the exchange sent that user this message ([`Service::provenance`]).
    pub async fn analyze(
        &self,
        by: &Principal,
        mut req: wire::AnalyzeRequest,
        fallback: Locale,
    ) -> Result<wire::AnalysisResult> {
        let user = req.user.take();
        let received_at = req.received_at.take();
        match &user {
            Some(_) => by.require(&[Role::Integrator, Role::Admin]).map_err(|_| {
                Error::Forbidden(
                    "`user` needs an integrator key: only the exchange knows its users".into(),
                )
            })?,
            None if received_at.is_some() => {
                return Err(Error::invalid(
                    "received_at_without_user",
                    "`received_at` goes with `user`",
                ));
            }
            None => {}
        }
        let (input, asked) = req
            .validate()
            .map_err(|e| Error::invalid(e.code(), e.to_string()))?;
        let Some(user) = user else {
            return self.analyze_input(input, asked, fallback).await;
        };
        let text = match &input {
            wire::Input::Text { text, .. } => text.clone(),
            wire::Input::Email(email) => email.text.clone(),
        };
        let mut result = self.analyze_input(input, asked, fallback).await?;
        let claims = crate::provenance::claims_brand(&self.registry(), &result, &text);
        result.provenance = Some(
            self.provenance(&user, received_at.as_deref(), &text, claims, result.locale)
                .await?,
        );
        Ok(result)
    }

    /// Analyzes a validated request ([`wire::AnalyzeRequest::validate`]: a form that
    /// words the request's problems itself validates first).
    pub async fn analyze_input(
        &self,
        input: wire::Input,
        asked: Option<Locale>,
        fallback: Locale,
    ) -> Result<wire::AnalysisResult> {
        let index = self.index_arc();
        // Parsing and analysis are CPU work (bounded, a few ms at most): off the reactor.
        tokio::task::spawn_blocking(move || wire::analyze(&input, &index, asked, fallback))
            .await
            .map_err(|e| Error::Internal(format!("analysis failed: {e}")))
    }
}

//! Analyze: a suspicious message or raw email read for scam tactics and its
//! indicators verified (`POST /v1/analyze`, the analyze page). The analysis itself is
//! pure (`wire::analyze`); this runs it off the reactor, over the current index.

use i18n::Locale;

use crate::{Error, Result, Service};

impl Service {
    /// Analyzes a request: refused with the request's own code when it is malformed
    /// (`missing_message`, `too_long`, …). The answer is in the asked language, else
    /// the message's own when supported, else `fallback`.
    pub async fn analyze(
        &self,
        req: wire::AnalyzeRequest,
        fallback: Locale,
    ) -> Result<wire::AnalysisResult> {
        let (input, asked) = req
            .validate()
            .map_err(|e| Error::invalid(e.code(), e.to_string()))?;
        self.analyze_input(input, asked, fallback).await
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

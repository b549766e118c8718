//! Verify: is this website, number, account or address really the exchange's, or a
//! reported scam? One input (`GET /v1/verify`, the Verify page) or a batch of up to
//! [`MAX_BATCH`] (`POST /v1/verify`), answered from the in-memory index at the
//! runtime's clock (a channel marked compromised since a later time is still official).

use i18n::Locale;
use indicator::Kind;

use crate::{Error, Result, Service};

/// Most inputs in one batch.
pub const MAX_BATCH: usize = 500;

/// Reads a kind name (`domain`, `phone`, …); `None` when absent or blank.
pub fn parse_kind(kind: Option<&str>) -> Result<Option<Kind>> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => verify::parse_kind(k).map(Some).ok_or_else(|| {
            Error::BadRequest(format!(
                "unknown kind {k:?}: use domain, url, email, phone, x, telegram, instagram, \
                 facebook, youtube, tiktok, discord, whatsapp, handle or address"
            ))
        }),
    }
}

impl Service {
    /// Verifies one input, read as `kind` if given, answered in `locale`.
    pub fn verify(
        &self,
        q: &str,
        kind: Option<&str>,
        locale: Locale,
    ) -> Result<wire::VerifyResult> {
        let kind = parse_kind(kind)?;
        Ok(wire::verify_result(
            q,
            &self.index().verify_at(q, kind, self.now()),
            locale,
        ))
    }

    /// Verifies a batch of 1 to [`MAX_BATCH`] inputs, in their order.
    pub fn verify_batch(
        &self,
        req: &wire::VerifyBatchRequest,
        locale: Locale,
    ) -> Result<wire::VerifyResults> {
        if req.inputs.is_empty() {
            return Err(Error::BadRequest(
                "`inputs` is empty: send 1 to 500 strings to check".into(),
            ));
        }
        if req.inputs.len() > MAX_BATCH {
            return Err(Error::invalid(
                "too_many",
                format!(
                    "{} inputs in one request; the limit is {MAX_BATCH}: split the batch",
                    req.inputs.len()
                ),
            ));
        }
        let kind = parse_kind(req.kind.as_deref())?;
        let index = self.index();
        let now = self.now();
        let results = req
            .inputs
            .iter()
            .map(|input| wire::verify_result(input, &index.verify_at(input, kind, now), locale))
            .collect();
        Ok(wire::VerifyResults { results })
    }
}

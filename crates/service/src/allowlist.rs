//! The operator's allowlist (issue 11): indicators Verify must not call impersonations (a
//! project whose name is one edit from a brand's, a partner's own handle).
//!
//! It changes what users are told, so it follows the rule for such writes: only the
//! operator at the command line changes it (no API key, however privileged, and never the
//! public); each entry names who vouches for it, the file and why (attributable); an import
//! first says which current impersonation verdicts it would change, and can stop there
//! (`dry_run`: reviewable); every addition and removal is audited in the same transaction,
//! and entries are listed and removed one by one (reversible). Precision comes from the
//! matcher: the allowlist is a correction on top, and it never hides a report.

use std::collections::BTreeMap;

use store::Role;
use store::allowlist::{AllowCounts, AllowEntry, MAX_ALLOWLIST_BATCH, MAX_ALLOWLIST_TEXT};

use crate::{Error, Principal, Result, Service};

pub use store::allowlist::AllowEntry as Entry;

/// Largest allowlist file read, in bytes.
pub const MAX_ALLOWLIST_BYTES: usize = 16 * 1024 * 1024;

/// Verdicts an import changes, listed one by one; the rest are only counted.
const SHOWN: usize = 50;

/// What to import, besides the file's text.
#[derive(Debug, Clone)]
pub struct AllowlistRequest {
    /// The file's name (the entries' source).
    pub file_name: String,
    /// Who vouches for the entries (the operator's name).
    pub added_by: String,
    /// Why they are allowlisted.
    pub note: String,
    /// Only say what the import would do.
    pub dry_run: bool,
}

/// An entry whose verdict the import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vetoed {
    /// The indicator key.
    pub key: String,
    /// The brand it is called an impersonation of today.
    pub brand: String,
    /// How (the technique's name).
    pub technique: &'static str,
}

/// What an allowlist import did (or would do, on a dry run).
#[derive(Debug, Default)]
pub struct AllowlistReport {
    /// Distinct keys read.
    pub keys: u64,
    /// Stored: added, or already allowlisted (zero on a dry run).
    pub counts: AllowCounts,
    /// Entries called impersonations today, which the import turns to `unknown`: the
    /// first [`SHOWN`].
    pub vetoed: Vec<Vetoed>,
    /// How many entries are called impersonations today.
    pub vetoed_total: u64,
    /// Entries that stay `reported_scam` (the allowlist never hides a report).
    pub still_reported: Vec<String>,
    /// Rejected lines: (line number, why).
    pub rejected: Vec<(usize, String)>,
    /// Lines listed again.
    pub duplicates: u64,
}

/// Only the operator changes the allowlist.
fn operator_only(by: &Principal) -> Result<()> {
    match by {
        Principal::Operator => Ok(()),
        _ => Err(Error::Forbidden(
            "the allowlist is changed only by the operator, at the command line".into(),
        )),
    }
}

/// A required free text: 1 to [`MAX_ALLOWLIST_TEXT`] characters, no control characters
/// other than line breaks for the note.
fn text(code: &'static str, what: &str, s: &str, lines: bool) -> Result<String> {
    let s = s.trim();
    let bad = s.is_empty()
        || s.chars().count() > MAX_ALLOWLIST_TEXT
        || s.chars().any(|c| c.is_control() && !(lines && c == '\n'));
    if bad {
        return Err(Error::invalid(
            code,
            format!("{what} must be 1 to {MAX_ALLOWLIST_TEXT} characters, no control characters"),
        ));
    }
    Ok(s.to_owned())
}

impl Service {
    /// Imports an allowlist file: one indicator per line as Verify reads it (a domain
    /// covers its subdomains, a URL the pages under it), blank lines and `#` comments
    /// skipped. Official channels are refused (they are never impersonations anyway). The
    /// operator only; audited (`allowlist.add`) in the transaction that stores the
    /// entries; the index is rebuilt at once (other processes within a second).
    pub async fn import_allowlist(
        &self,
        by: &Principal,
        req: &AllowlistRequest,
        text_in: &str,
    ) -> Result<AllowlistReport> {
        operator_only(by)?;
        let added_by = text(
            "invalid_added_by",
            "who vouches (--by)",
            &req.added_by,
            false,
        )?;
        let note = text("invalid_note", "the note (--note)", &req.note, true)?;
        if text_in.len() > MAX_ALLOWLIST_BYTES {
            return Err(Error::invalid(
                "invalid_allowlist",
                format!("the file is over {MAX_ALLOWLIST_BYTES} bytes"),
            ));
        }
        let options = indicator::ParseOptions {
            default_region: self.settings.default_region.clone(),
            hint: None,
        };
        // Built from the store now: the command line's service has no index loaded, and the
        // verdicts shown must be those users get today.
        let index = crate::build_index(self.store.as_ref(), &self.settings).await?;
        let mut report = AllowlistReport::default();
        let mut keys: BTreeMap<String, ()> = BTreeMap::new();
        for (n, line) in text_in.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = match indicator::parse(line, &options) {
                Ok(p) => p,
                Err(e) => {
                    report.rejected.push((n + 1, e.code().to_owned()));
                    continue;
                }
            };
            let key = parsed.key();
            if keys.contains_key(&key) {
                report.duplicates += 1;
                continue;
            }
            let v = index.verify_indicator(parsed);
            match v.verdict {
                verify::Verdict::Official | verify::Verdict::OfficialCompromised => {
                    report.rejected.push((n + 1, "official".to_owned()));
                    continue;
                }
                verify::Verdict::Impersonation => {
                    report.vetoed_total += 1;
                    if report.vetoed.len() < SHOWN {
                        report.vetoed.push(Vetoed {
                            key: key.clone(),
                            brand: v.target.map_or(String::new(), |t| t.brand.to_owned()),
                            technique: v.technique.map_or("", |t| t.as_str()),
                        });
                    }
                }
                verify::Verdict::ReportedScam => report.still_reported.push(key.clone()),
                _ => {}
            }
            keys.insert(key, ());
        }
        if keys.len() > MAX_ALLOWLIST_BATCH {
            return Err(Error::invalid(
                "invalid_allowlist",
                format!(
                    "{} entries; at most {MAX_ALLOWLIST_BATCH} per import",
                    keys.len()
                ),
            ));
        }
        report.keys = keys.len() as u64;
        if req.dry_run || keys.is_empty() {
            return Ok(report);
        }
        let now = self.now();
        let entries: Vec<AllowEntry> = keys
            .into_keys()
            .map(|key| AllowEntry {
                key,
                added_by: added_by.clone(),
                source: req.file_name.clone(),
                note: note.clone(),
                added_at: now,
            })
            .collect();
        // The audit names every key (up to a thousand), so an import can be read back and
        // undone from the log alone.
        let listed: Vec<&str> = entries.iter().take(1_000).map(|e| e.key.as_str()).collect();
        let detail = serde_json::json!({
            "file": req.file_name,
            "added_by": added_by,
            "note": note,
            "keys": listed,
            "entries": entries.len(),
            "impersonations_vetoed": report.vetoed_total,
        })
        .to_string();
        report.counts = self
            .store
            .allowlist()
            .add_allowlist(&entries, &by.actor(), &detail)
            .await?;
        self.reload().await?;
        Ok(report)
    }

    /// Removes an indicator (as Verify reads it, or its key) from the allowlist, with the
    /// reason in the audit log; `None` when it was not allowlisted. The operator only.
    pub async fn remove_allowlisted(
        &self,
        by: &Principal,
        indicator: &str,
        reason: &str,
    ) -> Result<Option<Entry>> {
        operator_only(by)?;
        let reason = text("invalid_reason", "the reason (--reason)", reason, true)?;
        let key = self.allowlist_key(indicator)?;
        let removed = self
            .store
            .allowlist()
            .remove_allowlist(&key, &by.actor(), &reason, self.now())
            .await?;
        if removed.is_some() {
            self.reload().await?;
        }
        Ok(removed)
    }

    /// Every allowlisted entry, by key (admins and the operator).
    pub async fn allowlist(&self, by: &Principal) -> Result<Vec<Entry>> {
        by.require(&[Role::Admin])?;
        Ok(self.store.allowlist().list_allowlist().await?)
    }

    /// The key of an indicator as Verify reads it; a stored key (`domain:x.org`,
    /// `url:https://…`) as it is.
    fn allowlist_key(&self, input: &str) -> Result<String> {
        let input = input.trim();
        if let Some((kind, rest)) = input.split_once(':')
            && !rest.is_empty()
            && verify::parse_kind(kind).is_some_and(|k| k.as_str() == kind)
        {
            return Ok(input.to_owned());
        }
        let options = indicator::ParseOptions {
            default_region: self.settings.default_region.clone(),
            hint: None,
        };
        indicator::parse(input, &options)
            .map(|p| p.key())
            .map_err(|e| Error::invalid("invalid_indicator", e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_checked() {
        assert_eq!(
            text("c", "x", "  ops team ", false).expect("ok"),
            "ops team"
        );
        for bad in ["", "   ", "a\u{7}b"] {
            assert!(text("c", "x", bad, false).is_err(), "{bad:?}");
        }
        assert!(text("c", "x", "a\nb", false).is_err());
        assert!(text("c", "x", "a\nb", true).is_ok());
        assert!(text("c", "x", &"a".repeat(MAX_ALLOWLIST_TEXT + 1), false).is_err());
    }

    #[test]
    fn only_the_operator_changes_the_allowlist() {
        assert!(operator_only(&Principal::Operator).is_ok());
        assert!(operator_only(&Principal::System).is_err());
        assert!(operator_only(&Principal::Public { ip: None }).is_err());
    }
}

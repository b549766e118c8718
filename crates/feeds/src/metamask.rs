//! MetaMask's eth-phishing-detect configuration (`src/config.json`):
//! `{"version", "tolerance", "fuzzylist", "whitelist", "blacklist"}`.
//!
//! Only `blacklist` is imported. `whitelist` holds legitimate domains: never imported,
//! and a `blacklist` entry also whitelisted is rejected as allowlisted. `fuzzylist`
//! holds the legitimate sites MetaMask's edit-distance detector protects (targets, not
//! scams): counted and skipped; antiscam's own lookalike detection works from the
//! registry, so add a brand there to protect it. `tolerance` (the edit distance) is
//! ignored for the same reason.

use std::collections::HashSet;

use crate::json::string_lists;
use crate::{Event, FeedError, Format, Item, Options, Outcome, Reason, Rejection};

/// Reads a MetaMask configuration.
pub fn parse(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    let malformed = |e: serde_json::Error| FeedError::Malformed {
        format: Format::Metamask,
        message: e.to_string(),
    };
    let mut whitelist = HashSet::new();
    let mut fuzzy = 0u64;
    string_lists(input, &["whitelist", "fuzzylist"], &mut |list, _, e| {
        if list == "fuzzylist" {
            fuzzy += 1;
        } else if let Some(s) = e {
            whitelist.insert(s.trim().to_ascii_lowercase());
        }
    })
    .map_err(malformed)?;
    string_lists(input, &["blacklist"], &mut |list, i, e| {
        let location = || format!("{list}[{i}]");
        sink(match e {
            None => Event::Rejected(Rejection::new(location(), "", Reason::NotAString)),
            Some(s) if whitelist.contains(&s.trim().to_ascii_lowercase()) => {
                Event::Rejected(Rejection::new(location(), s, Reason::Allowlisted))
            }
            Some(s) => match options.key(s, None) {
                Ok(key) => Event::Item(Item::bare(key)),
                Err(reason) => Event::Rejected(Rejection::new(location(), s, reason)),
            },
        });
    })
    .map_err(malformed)?;
    Ok(Outcome {
        not_imported: vec![
            (
                "whitelist",
                whitelist.len() as u64,
                "legitimate domains; never blocklisted",
            ),
            (
                "fuzzylist",
                fuzzy,
                "legitimate sites MetaMask's lookalike detector protects; put your own brands in the registry",
            ),
        ],
    })
}

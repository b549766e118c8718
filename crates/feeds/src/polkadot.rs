//! The Polkadot community's phishing list (`polkadot-js/phishing`).
//!
//! - `all.json`: `{"allow": [...], "deny": [...], "denySub": [...]}`. `deny` holds
//!   phishing domains; `denySub` holds pages on shared hosts (`twitter.com/Name`, read
//!   as the account they name); `allow` holds legitimate domains that look similar,
//!   never imported: a `deny` entry also in `allow` (`*.host` in `allow` covers `host`)
//!   is rejected as allowlisted.
//! - `address.json`: `{"<site>": ["<SS58 address>", ...]}`: each address is
//!   imported. The keys are not: they say where an address was seen, which may be a
//!   scam site, but also `twitter.com`, `youtube.com` or a group name ("Atomic Wallet
//!   attacker"); `all.json` lists the scam sites.

use std::collections::HashSet;

use crate::json::{string_lists, string_map};
use crate::{Event, FeedError, Format, Item, Options, Outcome, Reason, Rejection};

/// The lists of `all.json`.
const LISTS: [&str; 3] = ["allow", "deny", "denySub"];

/// The top-level keys of a JSON object (values skipped without being kept).
fn top_level_keys(input: &[u8]) -> Result<Vec<String>, serde_json::Error> {
    let map: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        serde_json::from_slice(input)?;
    Ok(map.into_keys().collect())
}

/// Reads `all.json`. A document with none of its lists is refused (it is most likely
/// the address file, which would otherwise import nothing and look like success).
pub fn parse_lists(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    let malformed = |e: serde_json::Error| FeedError::Malformed {
        format: Format::Polkadot,
        message: e.to_string(),
    };
    let keys = top_level_keys(input).map_err(malformed)?;
    if !keys.iter().any(|k| LISTS.contains(&k.as_str())) {
        return Err(FeedError::WrongDocument {
            format: Format::Polkadot,
            hint: "it has none of the lists allow, deny and denySub; a map of sites to \
                   address lists is the Polkadot address file: use --format \
                   polkadot-addresses",
        });
    }
    // First pass: the allow list (a few dozen names), wherever it is in the document.
    let mut allow = HashSet::new();
    string_lists(input, &["allow"], &mut |_, _, e| {
        if let Some(s) = e {
            let s = s.trim().to_ascii_lowercase();
            allow.insert(
                s.strip_prefix("*.")
                    .map_or_else(|| s.clone(), str::to_owned),
            );
        }
    })
    .map_err(malformed)?;
    let allowed = allow.len() as u64;
    string_lists(input, &["deny", "denySub"], &mut |list, i, e| {
        let location = || format!("{list}[{i}]");
        let event = match e {
            None => Event::Rejected(Rejection::new(location(), "", Reason::NotAString)),
            Some(s) if allow.contains(&s.trim().to_ascii_lowercase()) => {
                Event::Rejected(Rejection::new(location(), s, Reason::Allowlisted))
            }
            Some(s) => match options.key(s, None) {
                Ok(key) => Event::Item(Item::bare(key)),
                Err(reason) => Event::Rejected(Rejection::new(location(), s, reason)),
            },
        };
        sink(event);
    })
    .map_err(malformed)?;
    Ok(Outcome {
        not_imported: vec![(
            "allow",
            allowed,
            "legitimate domains the list's own maintainers exempt; never blocklisted",
        )],
    })
}

/// Reads `address.json`: the addresses only. The keys are where the addresses were
/// seen, which is not always a scam site (`twitter.com`, `youtube.com`, or a group
/// name such as "Atomic Wallet attacker"): scam domains come from `all.json`.
pub fn parse_addresses(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    if let Ok(keys) = top_level_keys(input)
        && !keys.is_empty()
        && keys.iter().all(|k| LISTS.contains(&k.as_str()))
    {
        return Err(FeedError::WrongDocument {
            format: Format::PolkadotAddresses,
            hint: "it holds the lists allow, deny and denySub of the Polkadot phishing \
                   list: use --format polkadot",
        });
    }
    let mut keys = 0u64;
    let mut last: Option<String> = None;
    string_map(input, &mut |site, i, e| {
        if last.as_deref() != Some(site) {
            last = Some(site.to_owned());
            keys += 1;
        }
        let location = || format!("{}[{i}]", crate::shorten(site));
        sink(match e {
            None => Event::Rejected(Rejection::new(location(), "", Reason::NotAString)),
            Some(s) => match options.key(s, Some(indicator::Kind::Address)) {
                Ok(key) => Event::Item(Item::bare(key)),
                Err(reason) => Event::Rejected(Rejection::new(location(), s, reason)),
            },
        });
    })
    .map_err(|e| FeedError::Malformed {
        format: Format::PolkadotAddresses,
        message: e.to_string(),
    })?;
    Ok(Outcome {
        not_imported: vec![(
            "sites",
            keys,
            "where the addresses were seen, not always scam sites (twitter.com, group names); scam domains come from all.json",
        )],
    })
}

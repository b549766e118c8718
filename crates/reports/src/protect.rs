//! What public reports may never list on their own.
//!
//! Three reports from three addresses must not be able to mark every Gmail address as a
//! scam. A report still reaches analysts whatever it names; what this module decides is
//! whether naming an indicator counts as a **vote** toward automatic `suspected` listing
//! ([`Policy::threshold`](crate::Policy::threshold)). It does not when the indicator is
//!
//! - an official channel of the registry (wallet addresses included): a report against
//!   one is a takeover alert instead;
//! - a domain that is a public suffix (`github.io`, `vercel.app`: the PSL's private
//!   section), or whose registrable domain is a shared platform or mail provider
//!   (`data/shared-platforms.txt`, 127 domains) or one of the 500 most popular sites
//!   (`data/eval/popular-domains.txt` at the workspace root, assembled from public
//!   top-sites rankings): listing it would mark all of its users. A host *on* such a
//!   platform (`evil.github.io`) and an address (`scammer@gmail.com`) still vote: they
//!   name one user;
//! - the bare root of such a site as a URL (`https://gmail.com/`); a URL with a path on
//!   it (a phishing form on a forms service) votes;
//! - found only in the report's text ([`Origin::Extracted`]): context for analysts,
//!   not a reporter's claim.

use std::collections::HashSet;
use std::sync::LazyLock;

use indicator::{Domain, Indicator};

const SHARED: &str = include_str!("../data/shared-platforms.txt");
const POPULAR: &str = include_str!("../../../data/eval/popular-domains.txt");

static PROTECTED: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    SHARED
        .lines()
        .chain(POPULAR.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// How an indicator came into a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The reporter named it.
    Named,
    /// It was found in the report's text.
    Extracted,
}

/// Why a named indicator does not vote for listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shield {
    /// An official channel of the registry.
    Official,
    /// A shared platform, mail provider or popular site, or a public suffix.
    SharedInfrastructure,
    /// Only found in the text of the report.
    Context,
}

/// Whether naming `indicator` in a report counts toward automatic listing: `Ok(())` if
/// it does, else why not.
pub fn vote(indicator: &Indicator, official: bool, origin: Origin) -> Result<(), Shield> {
    if official {
        return Err(Shield::Official);
    }
    if origin == Origin::Extracted {
        return Err(Shield::Context);
    }
    let shared = match indicator {
        Indicator::Domain(d) => is_shared_domain(d),
        Indicator::Url(u) => {
            let bare = matches!(u.path(), "" | "/") && u.query().is_none();
            bare && u.host().domain().is_some_and(is_shared_domain)
        }
        _ => false,
    };
    if shared {
        Err(Shield::SharedInfrastructure)
    } else {
        Ok(())
    }
}

/// Whether a domain stands for many unrelated users: a public suffix, or a host of a
/// shared platform, mail provider or popular site (`mail.google.com` as `google.com`).
pub fn is_shared_domain(domain: &Domain) -> bool {
    domain.label().is_empty() || PROTECTED.contains(domain.registrable())
}

/// How many domains the built-in list protects (for documentation and tests).
pub fn protected_count() -> usize {
    PROTECTED.len()
}

#[cfg(test)]
mod tests {
    use indicator::{ParseOptions, parse};

    use super::*;

    fn check(input: &str, official: bool, origin: Origin) -> Result<(), Shield> {
        let options = ParseOptions {
            default_region: Some("HK".into()),
            hint: None,
        };
        let indicator = parse(input, &options).expect(input);
        vote(&indicator, official, origin)
    }

    #[test]
    fn votes() {
        use Origin::{Extracted, Named};
        use Shield::{Context, Official, SharedInfrastructure};
        let cases: &[(&str, bool, Origin, Result<(), Shield>)] = &[
            // Scam sites and their accounts vote.
            ("examp1e-support.com", false, Named, Ok(())),
            ("https://examp1e-support.com/login", false, Named, Ok(())),
            ("scammer@gmail.com", false, Named, Ok(())),
            ("evil.github.io", false, Named, Ok(())),
            (
                "https://docs.google.com/forms/d/e/1FAIpQL/viewform",
                false,
                Named,
                Ok(()),
            ),
            ("+852 5555 0199", false, Named, Ok(())),
            ("t.me/ScamDesk", false, Named, Ok(())),
            // Shared infrastructure never does.
            ("gmail.com", false, Named, Err(SharedInfrastructure)),
            ("GMAIL.COM", false, Named, Err(SharedInfrastructure)),
            ("mail.google.com", false, Named, Err(SharedInfrastructure)),
            (
                "https://gmail.com/",
                false,
                Named,
                Err(SharedInfrastructure),
            ),
            ("github.io", false, Named, Err(SharedInfrastructure)),
            ("vercel.app", false, Named, Err(SharedInfrastructure)),
            ("qq.com", false, Named, Err(SharedInfrastructure)),
            ("wikipedia.org", false, Named, Err(SharedInfrastructure)),
            // Official channels and extracted indicators neither.
            ("example.com", true, Named, Err(Official)),
            ("examp1e-support.com", false, Extracted, Err(Context)),
        ];
        for (input, official, origin, want) in cases {
            assert_eq!(check(input, *official, *origin), *want, "{input}");
        }
    }

    #[test]
    fn the_list_is_registrable_domains() {
        assert!(protected_count() > 550, "{}", protected_count());
        for d in PROTECTED.iter() {
            let parsed = Domain::parse(d).expect(d);
            assert_eq!(parsed.registrable(), *d, "{d} is not a registrable domain");
        }
    }
}

//! Issue 11, ninth pass on the newest crypto phishing domains: two last-resort classes of
//! [`Matcher::match_domain`], each its own function, run only when every older rule found
//! nothing.
//!
//! - *A short name with letters no English word holds, glued to anything*
//!   ([`Matcher::unheld_name_glued`]): `okx`'s `kx`, `avax`'s `vax` and `mexc`'s `mex`
//!   occur inside no English word, so inside a name they are the brand, whatever letters are glued to them (`kimboavax`, `okxtopclub`, `mailerokx`),
//!   unless an English word straddles the name's edge (`java|x`: `java` overlaps `avax`).
//! - *An ordinary-word brand beside a crypto compound* ([`Matcher::word_brand_beside_compound`]):
//!   the brand a whole hyphen part, another part crypto jargon (`onchain`, `zkevm`) or one
//!   glued name made of English and list words with a crypto word among them (`super|chain`, `space|quest`, `dapp|radar`,
//!   `thruster|fi`): two project names or a product of the brand, where a company
//!   beside an ordinary word writes an ordinary word (`compound-chemistry`).

use super::{BrandToken, DomainEntry, Matcher, english, hyphen_parts};
use crate::edit::{char_mask, within_reach};
use crate::scan::is_generic;
use crate::technique::Match;

/// The crypto words a glued compound must hold for [`Matcher::word_brand_beside_compound`]:
/// the field's words and a drop page's, not the everyday words of the lure and context lists
/// (`home`, `site`, `care`, `real`, `center`: `base-campsite`, `curve-realestate` are other
/// businesses).
pub(super) const CRYPTO_PIECES: &[&str] = &[
    "airdrop",
    "airdrops",
    "btc",
    "chain",
    "chains",
    "claim",
    "coin",
    "coins",
    "dao",
    "dapp",
    "dapps",
    "defi",
    "drop",
    "drops",
    "eth",
    "fi",
    "futures",
    "launchpad",
    "mint",
    "nft",
    "nfts",
    "presale",
    "quest",
    "quests",
    "reward",
    "rewards",
    "sign",
    "stake",
    "staking",
    "swap",
    "token",
    "tokens",
    "wallet",
    "web3",
    "whitelist",
    "yield",
];

/// The registry's distinctive short names of 3–5 letters (official labels and brand tokens;
/// no ordinary or English words) that no English word holds: `(id, name, its char mask)`.
pub(super) fn unheld_names(
    domains: &[DomainEntry],
    tokens: &[BrandToken],
) -> Vec<(u32, String, u64)> {
    let mut names: Vec<(u32, String)> = domains
        .iter()
        .map(|t| (t.id, String::from_utf8_lossy(&t.label_bytes).into_owned()))
        .chain(tokens.iter().map(|t| (t.id, t.token.to_lowercase())))
        .filter(|(_, n)| {
            (3..=5).contains(&n.len())
                && n.bytes().all(|b| b.is_ascii_lowercase())
                && !is_generic(n)
                && !english(n)
                && rare_letters(n)
        })
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.1 == b.1);
    names
        .into_iter()
        .map(|(id, name)| {
            let mask = char_mask(name.as_bytes());
            (id, name, mask)
        })
        .collect()
}

/// Crypto jargon that is no English word (`onchain`, `zkevm`, `degen`, `wl` for whitelist,
/// `usd`): beside an ordinary-word brand it makes the name about crypto, like a compound
/// holding [`CRYPTO_PIECES`] ([`Matcher::word_brand_beside_compound`]).
pub(super) const JARGON: &[&str] = &[
    "apy",
    "brc20",
    "cex",
    "degen",
    "degens",
    "dex",
    "erc20",
    "evm",
    "hodl",
    "memecoin",
    "memecoins",
    "onchain",
    "rollup",
    "tvl",
    "usd",
    "wagmi",
    "wl",
    "zkevm",
    "zkp",
];

/// Whether `name` has letters no English word holds: a letter pair for three-letter names
/// (`okx`: `kx`), three letters in a row for longer ones (`avax`: `vax`, `mexc`: `mex`). A
/// name whose letters all sit in words (`lido` in `lidocaine`, `manta` in `kalimantan`,
/// `jup` in `jupiter`) is read inside words the list may lack.
fn rare_letters(name: &str) -> bool {
    let n = if name.len() == 3 { 2 } else { 3 };
    name.as_bytes()
        .windows(n)
        .any(|w| std::str::from_utf8(w).is_ok_and(|w| !crate::dict::held(w)))
}

/// Whether an English or ordinary word of 4+ letters overlaps `[at, end)` of `part` and reaches outside it: the name's letters belong to a
/// word there (`java|x` for `avax`, `book|x` for `okx`).
fn straddled(part: &str, at: usize, end: usize) -> bool {
    let n = part.len();
    (at.saturating_sub(13)..end).any(|i| {
        let from = (i + 4).max(at + 1);
        (from..=n.min(i + 14)).any(|j| {
            (i < at || j > end) && part.get(i..j).is_some_and(|w| english(w) || is_generic(w))
        })
    })
}

impl Matcher {
    /// A distinctive short name of 3–5 letters with letters no English word holds (`okx`,
    /// `avax`, `mexc`: [`rare_letters`]) inside a longer part of the registrable label, glued
    /// to any letters (`kimboavax`, `bitokx`, `okxtopclub`): letters no English word
    /// contains are the brand's wherever they stand. Not when an English word overlaps the
    /// name and reaches beyond it (`java|x`), nor in a part that is an English word.
    pub(super) fn unheld_name_glued(&self, label: &str) -> Option<Match> {
        // Most names hold no unheld name's first two letters: one pass over the label.
        if self.unheld_pairs_in(label.as_bytes()) == 0 {
            return None;
        }
        self.unheld_name_glued_ungated(label)
    }

    /// [`Matcher::unheld_name_glued`] without its pair gate.
    pub(super) fn unheld_name_glued_ungated(&self, label: &str) -> Option<Match> {
        if self.unheld.is_empty() || !label.is_ascii() || label.len() > 63 {
            return None;
        }
        let lower = super::ascii_lower(label);
        let parts = || lower.split(|c: char| !c.is_ascii_alphanumeric());
        for part in parts().filter(|p| p.len() >= 4) {
            let mask = char_mask(part.as_bytes());
            for (id, name, name_mask) in &self.unheld {
                if part.len() <= name.len() || !within_reach(mask, *name_mask, 0) {
                    continue;
                }
                let Some(at) = part.find(name.as_str()) else {
                    continue;
                };
                let end = at + name.len();
                if english(part) || straddled(part, at, end) {
                    continue;
                }
                let beside = [&part[..at], &part[end..]];
                return Some(super::glued_name(*id, name, beside, parts(), part));
            }
        }
        None
    }

    /// An ordinary-word brand as a whole hyphen part beside crypto jargon ([`JARGON`]:
    /// `gizmo-onchain`, `wl-gizmo`) or a glued compound of English and list words holding a
    /// crypto word ([`CRYPTO_PIECES`]: `gizmo-superchain`, `dappradar-gizmo`,
    /// `gizmo-clearsign-updates`); the other parts are list words, jargon or such compounds. The compound is no English or list word itself. Tokens that name the whole
    /// field (`crypto`) are left out ([`Matcher::whole_word_brand`]).
    pub(super) fn word_brand_beside_compound(&self, label: &str) -> Option<Match> {
        if !label.is_ascii() || !label.contains('-') || label.len() > 63 {
            return None;
        }
        let lower = super::ascii_lower(label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        if parts.len() < 2 {
            return None;
        }
        let (at, hit) = parts
            .iter()
            .enumerate()
            .find_map(|(i, p)| self.whole_word_brand(p).map(|h| (i, h)))?;
        let mut compounds = 0;
        for (i, part) in parts.iter().enumerate() {
            if i == at {
                continue;
            }
            if JARGON.binary_search(part).is_ok() || self.crypto_compound(part) {
                compounds += 1;
            } else if !self.domain_scan.words_only(part) {
                return None;
            }
        }
        if compounds == 0 {
            return None;
        }
        self.word_brand_among(hit, at, parts)
    }

    /// Whether `part` (lowercase) is one glued name of 2+ pieces, each an English word of 4+
    /// letters or a list word, one of them a [`CRYPTO_PIECES`] word, and is neither an
    /// English, list nor ordinary word itself (`superchain`, `spacequest`, `thrusterfi`).
    pub(super) fn crypto_compound(&self, part: &str) -> bool {
        let b = part.as_bytes();
        if !(6..=30).contains(&b.len())
            || !b.iter().all(u8::is_ascii_lowercase)
            || english(part)
            || is_generic(part)
            || self.domain_scan.is_word(part)
        {
            return false;
        }
        // `reach[k]`: bit 0 = the first `k` bytes tile into pieces, bit 1 = with a crypto
        // piece among them.
        let mut reach = [0u8; 31];
        if let Some(r) = reach.get_mut(0) {
            *r = 1;
        }
        for i in 0..b.len() {
            let here = reach.get(i).copied().unwrap_or(0);
            if here == 0 {
                continue;
            }
            for j in i + 2..=b.len().min(i + 14) {
                let Some(w) = part.get(i..j) else { continue };
                if (i, j) == (0, b.len()) {
                    continue;
                }
                let crypto =
                    CRYPTO_PIECES.binary_search(&w).is_ok() || JARGON.binary_search(&w).is_ok();
                let piece = crypto
                    || self.name_words.binary_search(&w).is_ok()
                    || (w.len() >= 4 && english(w));
                if piece && let Some(slot) = reach.get_mut(j) {
                    *slot |= if crypto { here | 2 } else { here };
                }
            }
        }
        reach.get(b.len()).is_some_and(|&r| r & 2 != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::{CRYPTO_PIECES, JARGON};
    use crate::{DomainView, Matcher};

    const UKX: u32 = 1;
    const AVOQ: u32 = 2;
    const SAFE: u32 = 3;
    const KRAKEN: u32 = 4;

    /// Invented short brands and two ordinary-word brands, each label also a token.
    fn matcher() -> Matcher {
        super::super::tests::matcher_of(&[
            (UKX, "ukx", "com"),
            (AVOQ, "avoq", "network"),
            (SAFE, "safe", "global"),
            (KRAKEN, "kraken", "com"),
        ])
    }

    fn judge(m: &Matcher, host: &str) -> Option<u32> {
        let (rest, suffix) = host.rsplit_once('.').unwrap_or((host, ""));
        let (subdomain, label) = match rest.rsplit_once('.') {
            Some((sub, label)) => (Some(sub), label),
            None => (None, rest),
        };
        let view = DomainView {
            host,
            label,
            suffix,
            subdomain,
        };
        m.match_domain(&view).map(|g| g.target)
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [CRYPTO_PIECES, JARGON] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// A short name no English word holds, glued to any letters; English words across its
    /// edges, and parts that are English words, are other names.
    #[test]
    fn unheld_short_names_glued_to_anything() {
        let m = matcher();
        for (host, expected) in [
            ("bitukx.com", Some(UKX)),
            ("ukxtopfun.net", Some(UKX)),
            ("zorpukx.xyz", Some(UKX)),
            ("mailerukx-app.com", Some(UKX)),
            ("kimboavoq.com", Some(AVOQ)),
            ("avoqzeta.io", Some(AVOQ)),
            ("claim-trelloavoq.com", Some(AVOQ)),
            // An English word overlapping the name and reaching beyond it (`bravo|q`).
            ("bravoqline.com", None),
            ("tubukxs.com", Some(UKX)),
            // Letters no brand spells.
            ("ukqxavo.com", None),
        ] {
            assert_eq!(judge(&m, host), expected, "{host}");
        }
    }

    /// An ordinary-word brand beside a glued compound of English and list words with a
    /// crypto word among them; compounds of everyday words, English words and unknown
    /// letters are other businesses.
    #[test]
    fn word_brands_beside_crypto_compounds() {
        let m = matcher();
        for (host, expected) in [
            ("safe-moonchain.com", Some(SAFE)),
            ("kraken-forestquest.net", Some(KRAKEN)),
            ("dappmeadow-kraken.org", Some(KRAKEN)),
            ("safe-lanternfi.com", Some(SAFE)),
            ("kraken-oceansign-updates.com", Some(KRAKEN)),
            // Crypto jargon, alone or in a compound.
            ("safe-onchain.com", Some(SAFE)),
            ("wl-kraken.net", Some(KRAKEN)),
            ("kraken-zkevmgarden.com", Some(KRAKEN)),
            // Everyday words glued: `camp|site`, `real|estate`.
            ("safe-campsite.com", None),
            ("kraken-realestate.com", None),
            // An English word, and letters that are no words.
            ("safe-bookkeeping.com", None),
            ("kraken-qzvxchain.com", None),
            // No hyphen: one name.
            ("safemoonchain.com", None),
            // Another word beside the compound that is no list word.
            ("safe-moonchain-gardens.com", None),
            // Jargon-like letters that are no jargon.
            ("safe-onchair.com", None),
        ] {
            assert_eq!(judge(&m, host), expected, "{host}");
        }
    }
}

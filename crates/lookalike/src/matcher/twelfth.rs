//! Issue 11, twelfth pass on the newest crypto phishing domains: two classes of
//! [`Matcher::match_domain`] read from the misses of ScamSniffer's newest period.
//!
//! - *A six-letter label with one consonant written for its sound-alike*
//!   ([`sound_for_sound`]): a voiced consonant for its voiceless twin or back (`b`/`p`,
//!   `d`/`t`, `g`/`k`, `v`/`f`, `z`/`s`) or `c`/`k`, the spelling of a name heard rather than
//!   read (`bidget` for Bitget, `depank` for DeBank). Six-letter labels are otherwise misspelt
//!   only by shaped edits (an insertion, omission, swap or look-alike letter) or a vowel for
//!   a vowel; this is one more such shape, under the same conditions (both end letters kept,
//!   beside list words or glued to them, no English word).
//! - *An ordinary-word brand inside a misspelt distinctive label*
//!   ([`Matcher::misspelt_holder`]): `us-coinsbase` holds `base` (Base) at the end of
//!   `coinsbase`, one letter from `coinbase`: the distinctive label misspelt is the brand
//!   named, not the ordinary word inside it. Only the brand named changes (both are
//!   impersonations), so no name becomes an impersonation by this rule.

use super::Matcher;
use crate::edit::{Edit, one_edit};
use crate::scan::Hit;
use crate::technique::Match;

/// Consonants that sound alike, each pair once.
const SOUND_ALIKE: &[(u8, u8)] = &[
    (b'b', b'p'),
    (b'c', b'k'),
    (b'd', b't'),
    (b'f', b'v'),
    (b'g', b'k'),
    (b's', b'z'),
];

/// Whether `w` is `label` with one consonant written for its sound-alike ([`SOUND_ALIKE`]).
pub(super) fn sound_for_sound(w: &[u8], label: &[u8]) -> bool {
    let Some(Edit::Sub(i)) = one_edit(w, label) else {
        return false;
    };
    let (Some(&a), Some(&b)) = (w.get(i), label.get(i)) else {
        return false;
    };
    SOUND_ALIKE
        .iter()
        .any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

impl Matcher {
    /// The distinctive brand whose label, misspelt, holds the ordinary-word brand `hit` found
    /// in `label` (see the module docs): the fuzzy-token rule's finding when its official
    /// label contains the ordinary word.
    pub(super) fn misspelt_holder(&self, label: &str, hit: &Hit) -> Option<Match> {
        let tok = self.domain_scan.token(hit.token)?;
        let word = tok.display.to_ascii_lowercase();
        let m = self.fuzzy_token(label, false)?;
        let holds = self.domains.iter().any(|t| {
            t.id == m.target
                && t.id != tok.id
                && !t.generic
                && t.label_bytes.len() > word.len()
                && t.label_bytes
                    .windows(word.len())
                    .any(|w| w == word.as_bytes())
        });
        holds.then_some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::sound_for_sound;
    use crate::{DomainView, Matcher};

    const BIRKET: u32 = 1;
    const DEFANK: u32 = 2;
    const COINSAFE: u32 = 3;
    const SAFE: u32 = 4;
    const TRAVEL: u32 = 5;

    /// Invented brands: six-letter distinctive labels, an ordinary-word brand (`safe`, one of
    /// the matcher's ordinary words) and a distinctive label holding it.
    fn matcher() -> Matcher {
        super::super::tests::matcher_of(&[
            (BIRKET, "birket", "com"),
            (DEFANK, "defank", "com"),
            (COINSAFE, "coinsafe", "com"),
            (SAFE, "safe", "global"),
            (TRAVEL, "travelqo", "com"),
        ])
    }

    fn judge(m: &Matcher, host: &str) -> Option<u32> {
        let suffix = ["pages.dev"]
            .into_iter()
            .find(|s| host.ends_with(&format!(".{s}")))
            .unwrap_or_else(|| host.rsplit('.').next().unwrap_or(host));
        let rest = &host[..host.len() - suffix.len() - 1];
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

    fn table(rows: &[(&str, Option<u32>)]) {
        let m = matcher();
        for &(host, expected) in rows {
            assert_eq!(judge(&m, host), expected, "{host}");
        }
    }

    #[test]
    fn sound_alike_pairs() {
        assert!(sound_for_sound(b"pirket", b"birket"));
        assert!(sound_for_sound(b"birked", b"birket"));
        assert!(sound_for_sound(b"devank", b"defank"));
        assert!(!sound_for_sound(b"birxet", b"birket"));
        assert!(!sound_for_sound(b"birket", b"birket"));
        assert!(!sound_for_sound(b"birkets", b"birket"));
    }

    /// A six-letter label with a consonant for its sound-alike, beside or glued to list
    /// words; other letters, a sound-alike at the first letter, or beside words no list
    /// holds, are other names.
    #[test]
    fn six_letter_labels_spelt_by_ear() {
        table(&[
            ("birgetwallet.com", Some(BIRKET)),
            ("birget-airdrop.com", Some(BIRKET)),
            ("claim-devank.net", Some(DEFANK)),
            ("devankwallet.com", Some(DEFANK)),
            ("birxet-airdrop.com", None),
            ("pirket-airdrop.com", None),
            // Alone it is the older typo rule's, as any one letter is.
            ("birget.com", Some(BIRKET)),
            ("birget-harbour.com", None),
            ("devank-orchard.com", None),
        ]);
    }

    /// An ordinary-word brand at the end of a distinctive label misspelt names the
    /// distinctive brand; the ordinary word beside list words stays its own brand, and a
    /// label that is no misspelling of the holder changes nothing.
    #[test]
    fn ordinary_word_brands_inside_misspelt_labels() {
        table(&[
            ("us-coinssafe.com", Some(COINSAFE)),
            ("coinssafe-claim.xyz", Some(COINSAFE)),
            ("safe-claim.xyz", Some(SAFE)),
            ("coinsafe-claim.xyz", Some(COINSAFE)),
        ]);
    }
}

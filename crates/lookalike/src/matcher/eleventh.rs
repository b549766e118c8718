//! Issue 11, eleventh pass on the newest crypto phishing domains: classes of
//! [`Matcher::match_domain`] read from the misses of ScamSniffer's newest period, each its own
//! function, run where the older rules found nothing (or, for the dot, beside the older dot
//! rule).
//!
//! - *An official name split by a dot and followed by words*
//!   ([`Matcher::split_label_with_words`]): the last subdomain label is the first letters of
//!   a distinctive official label and the registrable label goes on with the rest of it, then
//!   lure, context or extension words (`wallet.connect-claim.app`, `1in.ch-dapp.com`,
//!   `coin.baseguardauth.net`): the victim reads the brand's name and a lure.
//! - *Two letters put into the label under the brand's own new suffix*
//!   ([`Matcher::own_suffix_insertions`]): `pendllez.finance` for `pendle.finance`. Under a
//!   suffix only the brand's kind of site uses, a name holding every letter of the label in
//!   order, the first one first, borrows the address.
//! - *The field's word beside codes or crypto words only* ([`Matcher::field_word_with_words`]):
//!   `crypto` or `blockchain` (Crypto.com's and Blockchain.com's labels) as a whole hyphen
//!   part beside a campaign code with digits (`crypto-ndc61.cc`, `blockchain-d17.pages.dev`),
//!   or, under a suffix that is neither classic nor a country's, beside crypto words only
//!   (`crypto-eth.vip`, `crypto-tokens-free.vercel.app`) or beside a lure word (in the label
//!   or a subdomain label) and at most one other word (`gpt-crypto-coin-airdrop.netlify.app`,
//!   `claim.bera-blockchain.website`). Under classic suffixes the
//!   field's word beside crypto words stays any site of the field (`crypto-defi.com`,
//!   `blockchain-bridge.com`), as before.
//! - *An ordinary-word brand in front of the field's word* ([`Matcher::brand_before_field_word`]):
//!   `blast.cryptoclaim.online` names Blast, the field's word only says what it is about.
//! - *A drop page disguised* ([`Matcher::disguised_drop_page`]): the registrable label under
//!   an ordinary-word brand subdomain is list words written with look-alike letters
//!   (`mantle.stakıng.com` with a dotless `ı`, `scroll.airclrop.info` with `cl` for `d`).
//! - *A six-letter label with a letter doubled, glued to other letters*
//!   ([`Matcher::six_doubled_glued`]): `sollanavm`, `fegonsollana` (Solana): a doubled letter
//!   is a look-alike edit, and the glued letters a throw-away name's.

use super::ninth::{CRYPTO_PIECES, JARGON};
use super::{
    DomainEntry, DomainView, Matcher, ascii_lower, both_ends, classic_suffix, english, has_byte,
    hyphen_parts,
};
use crate::edit::{Edit, one_edit};
use crate::fold::Folded;
use crate::scan::{Class, Hit, Mode};
use crate::technique::{Detail, Match, Technique};

/// The words naming the whole field that registries hold as brands' labels (`crypto` for
/// Crypto.com, `blockchain` for Blockchain.com): alone or beside context words they name any
/// site of the field, so they need stronger company ([`Matcher::field_word_with_words`]).
const FIELD: &[&str] = &["blockchain", "crypto"];

/// Crypto words beside the field's word besides [`CRYPTO_PIECES`] and [`JARGON`]: tickers,
/// trading words, layer-two and transaction shorthand. Sorted.
const FIELD_CRYPTO: &[&str] = &[
    "bnb", "exchange", "l2", "otc", "p2p", "sol", "trade", "trading", "tx", "txs", "usdc", "usdt",
    "web3", "zk",
];

/// How a part beside the field's word reads ([`Matcher::field_word_with_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beside {
    /// Lure, context and extension words with a lure word among them (`claim`, `airdrop`).
    Lure,
    /// A crypto word or a compound of crypto words (`eth`, `tokens`, `defiswap`).
    Crypto,
    /// Context and extension words (`free`, `online`, `io`).
    Listed,
    /// A campaign code: letters and digits, no word (`ndc61`, `d17`).
    Code,
    /// Anything else (`forge`, `gpt`, `allstars`).
    Other,
}

/// Whether `part` is a code: up to six letters and digits, both present.
fn code(part: &str) -> bool {
    part.len() <= 6
        && part.bytes().all(|b| b.is_ascii_alphanumeric())
        && part.bytes().any(|b| b.is_ascii_digit())
        && part.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Whether `part` is one crypto word of the lists.
fn crypto_word(part: &str) -> bool {
    [CRYPTO_PIECES, JARGON, FIELD_CRYPTO]
        .iter()
        .any(|list| list.binary_search(&part).is_ok())
}

/// Whether `part` is one of the [`FIELD`] words, as written in any case (the caller's gate
/// for [`Matcher::field_word_with_words`]).
pub(super) fn is_field_word(part: &str) -> bool {
    FIELD.iter().any(|w| part.eq_ignore_ascii_case(w))
}

impl Matcher {
    /// The field's word (`crypto`, `blockchain`) that is exactly `part`, when the registry
    /// holds it as a token.
    fn field_word(&self, part: &str) -> Option<Hit> {
        if !is_field_word(part) {
            return None;
        }
        let f = Folded::new(part, false);
        self.domain_scan
            .scan(&f, Mode::Text, |t| t.category)
            .filter(|h| h.start == 0 && h.end == f.bytes().len())
    }

    fn beside(&self, part: &str) -> Beside {
        if self.domain_scan.lure_words_only(part) {
            Beside::Lure
        } else if crypto_word(part) || self.crypto_compound(part) {
            Beside::Crypto
        } else if self.domain_scan.words_only(part) {
            Beside::Listed
        } else if code(part) {
            Beside::Code
        } else {
            Beside::Other
        }
    }

    /// The field's word as a whole hyphen part of the registrable label (see the module
    /// docs): beside a campaign code with list words only, under any suffix; under a suffix
    /// neither classic nor a country's, beside crypto words and codes only, or beside a lure
    /// word with at most one other word. Whatever the suffix, the field's word beside context
    /// words alone (`crypto-online.site`, `blockchain-news.xyz`) names nothing.
    pub(super) fn field_word_with_words(&self, d: &DomainView<'_>) -> Option<Match> {
        if !d.label.is_ascii() || !has_byte(d.label, b'-') || d.label.len() > 63 {
            return None;
        }
        let lower = ascii_lower(d.label);
        let mut buf: [&str; 16] = [""; 16];
        let parts = hyphen_parts(&lower, &mut buf);
        let (at, hit) = parts
            .iter()
            .enumerate()
            .find_map(|(i, p)| self.field_word(p).map(|h| (i, h)))?;
        let (mut lure, mut crypto, mut codes, mut other) = (0, 0, 0, 0);
        for (i, part) in parts.iter().enumerate() {
            if i == at {
                continue;
            }
            match self.beside(part) {
                Beside::Lure => lure += 1,
                Beside::Crypto => crypto += 1,
                Beside::Listed => {}
                Beside::Code => codes += 1,
                Beside::Other => other += 1,
            }
        }
        let ok = if classic_suffix(d.suffix) {
            codes > 0 && other == 0
        } else {
            // On a new suffix a lure word in the subdomain counts too (`claim.zork-crypto.xyz`).
            let sub_lure = || {
                d.subdomain.is_some_and(|s| {
                    s.split('.')
                        .any(|l| l.len() >= 2 && self.domain_scan.lure_words_only(l))
                })
            };
            ((lure > 0 || sub_lure()) && other <= 1) || (crypto + codes > 0 && other == 0)
        };
        ok.then(|| self.word_brand_among(hit, at, parts))?
    }

    /// An ordinary-word brand (not a field word) that is the whole last subdomain label, in
    /// front of a registrable label naming the field's word with lure words
    /// (`blast.cryptoclaim.online`, `ledger.crypto-support.com`): the brand is the subdomain,
    /// the field's word says what it is about. `hit`: the field's word found by the scan.
    pub(super) fn brand_before_field_word(
        &self,
        d: &DomainView<'_>,
        hit: &Hit,
        registrable: &dyn Fn() -> String,
    ) -> Option<Match> {
        let tok = self.domain_scan.token(hit.token)?;
        if !(tok.category && tok.class == Class::Generic) {
            return None;
        }
        let last = d.subdomain?.rsplit('.').next()?;
        let sub = self.whole_word_brand(last)?;
        self.word_brand_match(sub, Technique::SubdomainAbuse, vec![registrable()])
    }

    /// A distinctive official label split by a dot and followed by words (see the module
    /// docs): `last` is the last subdomain label, a proper start of the label (two letters or
    /// more on each side of the dot); the registrable label goes on with the rest of the
    /// label, then a hyphen or not, then only lure, context and extension words and digits.
    pub(super) fn split_label_with_words(&self, last: &str, d: &DomainView<'_>) -> Option<Match> {
        let (head, label) = (last.as_bytes(), d.label.as_bytes());
        if head.len() < 2 || !d.label.is_ascii() || !last.is_ascii() || label.len() > 63 {
            return None;
        }
        let first = head.first()?.to_ascii_lowercase();
        let from = self.split_heads.partition_point(|e| e.0 < first);
        let same_first = self.split_heads.get(from..).unwrap_or(&[]);
        for &(_, i) in same_first.iter().take_while(|e| e.0 == first) {
            let Some(t) = self.domains.get(i) else {
                continue;
            };
            let lb = t.label_bytes.as_slice();
            if lb.len() < head.len() + 2 || !lb[..head.len()].eq_ignore_ascii_case(head) {
                continue;
            }
            let rest = &lb[head.len()..];
            if label.len() <= rest.len() || !label[..rest.len()].eq_ignore_ascii_case(rest) {
                continue;
            }
            let after = d.label.get(rest.len()..).unwrap_or("");
            let words = after.strip_prefix('-').unwrap_or(after);
            if !words.is_empty() && self.domain_scan.words_only(words) {
                return Some(Match {
                    target: t.id,
                    technique: Technique::DotInsertion,
                    detail: Detail::Edit {
                        position: last.chars().count(),
                        found: Some(".".to_owned()),
                        expected: None,
                        keyboard_neighbour: false,
                    },
                });
            }
        }
        None
    }

    /// Two letters put into a distinctive official label of 5+ letters, under the brand's own
    /// suffix when that is neither classic nor a country's (`pendllez.finance`,
    /// `pendliez.finance` for `pendle.finance`): the name keeps every letter of the label in
    /// order, the first one first. One letter is the typo rules'; English and list words are
    /// those words.
    pub(super) fn own_suffix_insertions(&self, d: &DomainView<'_>) -> Option<Match> {
        // The suffix and length first: most names are under no such suffix, and their label
        // is never read.
        for &i in &self.own_suffix {
            let Some(t) = self.domains.get(i) else {
                continue;
            };
            let lb = t.label_bytes.as_slice();
            if d.label.len() != lb.len() + 2 || !t.suffix.eq_ignore_ascii_case(d.suffix) {
                continue;
            }
            if !d.label.is_ascii() {
                return None;
            }
            let lower = ascii_lower(d.label);
            let name = lower.as_bytes();
            if name.first() != lb.first() {
                continue;
            }
            // The label's letters matched in order; the name's others are the two put in.
            let mut k = 0;
            let kept: [bool; 64] = std::array::from_fn(|i| {
                let keep = name.get(i).is_some_and(|c| lb.get(k) == Some(c));
                k += usize::from(keep);
                keep
            });
            if k == lb.len() && !english(&lower) && !self.domain_scan.is_word(&lower) {
                let put_in = |i: &usize| !kept.get(*i).copied().unwrap_or(true);
                let position = (0..name.len()).find(put_in).unwrap_or(0);
                let extra = (0..name.len())
                    .filter(put_in)
                    .filter_map(|i| name.get(i).map(|&c| char::from(c)))
                    .collect();
                return Some(Match {
                    target: t.id,
                    technique: Technique::Insertion,
                    detail: Detail::Edit {
                        position,
                        found: Some(extra),
                        expected: None,
                        keyboard_neighbour: false,
                    },
                });
            }
        }
        None
    }

    /// Whether an ordinary-word brand's subdomain stands on a drop page disguised: the
    /// registrable label is lure, context and extension words written with look-alike
    /// letters, non-ASCII ones (`stakıng`) or `cl` for `d` and the like with a lure word among
    /// them (`airclrop`). Nobody spells a company's words so.
    pub(super) fn disguised_drop_page(&self, label: &str) -> bool {
        if !label.is_ascii() {
            return self.domain_scan.words_only(label);
        }
        let f = Folded::new(label, false);
        f.digraphs()
            .is_some_and(|g| self.domain_scan.lure_words_only_folded(&g))
    }

    /// A distinctive six-letter label with one letter doubled at the start or end of a name
    /// part, glued to two or more other letters (`sollanavm`, `fegonsollana`), no English word
    /// covering the window or being the part. Longer labels are the older rules'
    /// ([`Matcher::misspelt_prefix_or_suffix`]); other edits of six letters glued to any
    /// letters are other names.
    pub(super) fn six_doubled_glued(&self, part: &str, t: &DomainEntry) -> bool {
        let label = t.label_bytes.as_slice();
        let n = label.len();
        let pb = part.as_bytes();
        let w = n + 1;
        if n != 6 || t.word || t.generic || pb.len() < w + 2 {
            return false;
        }
        let doubled = |win: &[u8]| {
            both_ends(win, label)
                && matches!(one_edit(win, label), Some(Edit::Ins(i))
                    if i.checked_sub(1).and_then(|j| win.get(j)) == win.get(i)
                        || win.get(i + 1) == win.get(i))
        };
        let (head, _) = pb.split_at(w);
        let (_, tail) = pb.split_at(pb.len() - w);
        let head_ok =
            doubled(head) && !(w + 1..=pb.len()).any(|j| part.get(..j).is_some_and(english));
        let tail_ok =
            doubled(tail) && !(0..pb.len() - w).any(|i| part.get(i..).is_some_and(english));
        (head_ok || tail_ok)
            && !english(part)
            && !t.word_neighbours.iter().any(|x| part.contains(x))
    }
}

#[cfg(test)]
mod tests {
    use super::{FIELD, FIELD_CRYPTO};
    use crate::{DomainView, Matcher, Technique};

    const KELPOSWAP: u32 = 1;
    const VORNEX: u32 = 2;
    const CRYPTO: u32 = 3;
    const BLOCKCHAIN: u32 = 4;
    const SAFE: u32 = 5;
    const LEDGER: u32 = 6;
    const TRAVEL: u32 = 7;
    const ZOLANA: u32 = 8;

    /// Invented brands (and the field's words as labels, as registries hold them), each label
    /// also a token.
    fn matcher() -> Matcher {
        super::super::tests::matcher_of(&[
            (KELPOSWAP, "kelposwap", "org"),
            (VORNEX, "vornex", "finance"),
            (CRYPTO, "crypto", "com"),
            (BLOCKCHAIN, "blockchain", "com"),
            (SAFE, "safe", "global"),
            (LEDGER, "ledger", "com"),
            (TRAVEL, "travelqo", "com"),
            (ZOLANA, "zolana", "com"),
        ])
    }

    /// Splits a test host knowing the few multi-label suffixes used here.
    fn judge(m: &Matcher, host: &str) -> Option<(Technique, u32)> {
        let suffix = ["pages.dev", "vercel.app"]
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
        m.match_domain(&view).map(|g| (g.technique, g.target))
    }

    fn table(rows: &[(&str, Option<u32>)]) {
        let m = matcher();
        for &(host, expected) in rows {
            assert_eq!(judge(&m, host).map(|g| g.1), expected, "{host}");
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [FIELD, FIELD_CRYPTO] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// An official label split by a dot, followed by list words; the split followed by other
    /// words, a split leaving one letter, and ordinary-word labels are other names.
    #[test]
    fn official_labels_split_by_a_dot_and_followed_by_words() {
        let m = matcher();
        for (host, expected) in [
            ("kelpo.swap-claim.com", Some(KELPOSWAP)),
            ("kel.poswap-dapp.net", Some(KELPOSWAP)),
            ("kelpo.swapguardauth.net", Some(KELPOSWAP)),
            ("www.kelpo.swap-airdrop.xyz", Some(KELPOSWAP)),
            // The rest is no list word, or nothing follows but other letters.
            ("kelpo.swap-garden.com", None),
            ("kelpo.swapmeet.com", None),
            // Ordinary-word labels keep their own rules.
            ("led.ger-claim.com", None),
        ] {
            let got = judge(&m, host);
            assert_eq!(got.map(|g| g.1), expected, "{host}");
            if expected.is_some() {
                assert_eq!(got.map(|g| g.0), Some(Technique::DotInsertion), "{host}");
            }
        }
    }

    /// Two letters put into the label under the brand's own new suffix; elsewhere, or with
    /// the letters out of order, or an English word, another name.
    #[test]
    fn two_letters_put_in_under_the_brands_own_new_suffix() {
        table(&[
            ("vornnexz.finance", Some(VORNEX)),
            ("vorneiex.finance", Some(VORNEX)),
            ("app.vornnexz.finance", Some(VORNEX)),
            // Another suffix, or the letters out of order.
            ("vornnexz.com", None),
            ("vornnexz.xyz", None),
            ("vonrexzz.finance", None),
        ]);
        // Under a classic official suffix the rule stays out (older rules judge such names).
        let m = matcher();
        let view = DomainView {
            host: "trazvelqoo.com",
            label: "trazvelqoo",
            suffix: "com",
            subdomain: None,
        };
        assert!(m.own_suffix_insertions(&view).is_none());
    }

    /// The field's word beside a campaign code (any suffix) or, under a new suffix, beside
    /// crypto words or a lure word and one other word; beside context words only, beside
    /// other words, or beside crypto words under a classic suffix, any site of the field.
    #[test]
    fn the_fields_word_beside_codes_and_crypto_words() {
        table(&[
            ("crypto-qx41.cc", Some(CRYPTO)),
            ("www.crypto-qx41.vip", Some(CRYPTO)),
            ("blockchain-z9k.pages.dev", Some(BLOCKCHAIN)),
            ("crypto-usdt.top", Some(CRYPTO)),
            ("eth-crypto.vip", Some(CRYPTO)),
            ("crypto-tokens-free.vercel.app", Some(CRYPTO)),
            ("crypto-defiswap.xyz", Some(CRYPTO)),
            ("zork-crypto-coin-airdrop.pages.dev", Some(CRYPTO)),
            ("app-blockchain-zork-care.pages.dev", Some(BLOCKCHAIN)),
            // Classic suffixes: crypto words alone are any site of the field.
            ("crypto-usdt.com", None),
            ("eth-crypto.io", None),
            ("blockchain-defi.co", None),
            // Context words alone, two other words, or other words and no lure word.
            ("crypto-online.site", None),
            ("blockchain-news.xyz", None),
            ("zork-crypto-airdrop.xyz", Some(CRYPTO)),
            ("claim.zork-blockchain.xyz", Some(BLOCKCHAIN)),
            ("claim.zork-blockchain.com", None),
            ("news.zork-blockchain.xyz", None),
            ("zork-crypto-forge-airdrop.xyz", None),
            ("zork-crypto-forge-mill.xyz", None),
            ("crypto-forge.xyz", None),
            ("crypto-allstars-io.pages.dev", None),
            // A list word with digits is no code (`web3`, `l2`).
            ("crypto-web3.com", None),
            ("crypto-l2.net", None),
        ]);
    }

    /// An ordinary-word brand as the subdomain in front of the field's word with lure words
    /// names that brand; a distinctive name or no brand in front leaves the field's word.
    #[test]
    fn ordinary_word_brands_in_front_of_the_fields_word() {
        table(&[
            ("ledger.cryptoclaim.online", Some(LEDGER)),
            ("safe.crypto-support.com", Some(SAFE)),
            ("zork.cryptoclaim.online", Some(CRYPTO)),
            ("cryptoclaim.online", Some(CRYPTO)),
        ]);
    }

    /// The eleventh pass's words: eligibility pretexts are lure words, `marketplace` and
    /// `earning` context words, `now` an extension word (no claim alone), `goto` an
    /// imperative; beside other words, or glued, no claim.
    #[test]
    fn ordinary_word_brands_beside_the_added_words() {
        table(&[
            ("ledger-holders.com", Some(LEDGER)),
            ("safe-contributor.net", Some(SAFE)),
            ("ledger-marketplace.com", Some(LEDGER)),
            ("earning-safe.com", Some(SAFE)),
            ("now-claim-ledger.com", Some(LEDGER)),
            ("goto-safe.com", Some(SAFE)),
            ("ledger-holders-club.com", None),
            ("safe-marketplace-rugs.com", None),
            ("now-ledger.com", None),
            ("gotoledger.com", None),
        ]);
    }

    /// An ordinary-word brand beside the language tag `en` as a word of its own; glued, or
    /// with another word, no claim.
    #[test]
    fn ordinary_word_brands_beside_a_language_tag() {
        table(&[
            ("ledger-en.com", Some(LEDGER)),
            ("en-safe.net", Some(SAFE)),
            ("ledgeren.com", None),
            ("ledger-en-house.com", None),
        ]);
    }

    /// An ordinary-word brand in front of a drop page written with look-alike letters; in
    /// front of the same words as written, or of other words so written, no claim.
    #[test]
    fn ordinary_word_brands_on_disguised_drop_pages() {
        table(&[
            ("ledger.stakıng.com", Some(LEDGER)),
            ("safe.airclrop.info", Some(SAFE)),
            ("ledger.staking.com", None),
            ("ledger.gardеn.com", None),
            ("safe.clrum.info", None),
        ]);
    }

    /// A six-letter label with a letter doubled, glued at a part's edge to two or more
    /// letters; other edits, one letter glued, or an English word holding the window are
    /// other names.
    #[test]
    fn six_letter_labels_doubled_and_glued() {
        table(&[
            ("zollanavm.xyz", Some(ZOLANA)),
            ("fegonzolanna.com", Some(ZOLANA)),
            ("zolannaqx-app.net", Some(ZOLANA)),
            ("zollanav.xyz", None),
            ("zulanavm.xyz", None),
            ("zolanxvm.xyz", None),
        ]);
    }
}

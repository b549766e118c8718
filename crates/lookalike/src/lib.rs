//! Lookalike detection: is a domain, an account handle or a brand name an impersonation of an
//! official one? Pure core logic: no I/O, deterministic, allocation-free on the no-match path,
//! never panics.
//!
//! Build a [`Matcher`] once from the registry ([`DomainTarget`], [`HandleTarget`],
//! [`BrandToken`]), then ask [`Matcher::match_domain`], [`Matcher::match_handle`],
//! [`Matcher::claims_brand`] or [`Matcher::contains_brand`]. [`poisons`] checks wallet-address
//! poisoning. [`domain_lookalikes`] and [`handle_lookalikes`] generate lookalikes for evaluation.
//!
//! # Techniques
//!
//! See [`Technique`]. On the registrable label of a domain: homoglyphs (same [`skeleton`]),
//! TLD swaps (the official label under another suffix), hyphenation, and single-edit typos
//! (insertion, omission, replacement, transposition, repetition, vowel swap, bit flip, plural),
//! each named from the edit itself (an inserted `-` is hyphenation, a doubled letter repetition,
//! a trailing `s` plural, a vowel for a vowel a vowel swap, a keyboard neighbour a replacement
//! with `keyboard_neighbour`, a one-bit difference a bit flip, a digit for a letter a homoglyph).
//! Then brand tokens: the official domain spelled in the subdomain (subdomain abuse),
//! combosquatting of the label, and a brand as a subdomain label.
//!
//! # Folding
//!
//! [`skeleton`] folds case, the ASCII lookalikes (`0`→`o`, `5`→`s`, `1`/`I`/`i`/`|`→`l`,
//! `rn`→`m`, `vv`→`w`, `cl`→`d`), invisible characters, compatibility forms (NFKD: fullwidth),
//! diacritics (combining marks dropped after NFKD), the Unicode TR39 confusables (Cyrillic,
//! Greek, Armenian, …) and the hooked and small-capital letters TR39 leaves alone (`ʀ`, `ɢ`,
//! `ƅ`, `ᴍ`, `ʙ`, the schwa), with the Cyrillic letters TR39 maps to small capitals (`т`, `м`,
//! `н`, `в`: `мехс` folds to `mexc`). Measured on the 1,886 homoglyph lookalikes [`domain_lookalikes`] generates for the
//! evaluation registry (`eval::domain_recall_per_technique`), share whose fold equals the
//! official label's:
//!
//! | folding | equal |
//! | --- | --- |
//! | TR39 skeleton alone (`unicode_security::skeleton`) | 24.1% |
//! | TR39 + NFKD, marks dropped, lowercase | 92.5% |
//! | full folding, without the hooked/small-capital table | 96.0% |
//! | full folding ([`skeleton`]) | 100% |
//!
//! TR39 alone keeps diacritics (it is designed to tell `é` from `e`), is case-sensitive and
//! maps `0` to `O`, not `o`. A homoglyph the folding misses is still one substitution, which the
//! typo check catches for labels of 5+ characters. ASCII input takes a fast path with no table
//! look-up, and the non-ASCII folds of the ranges where homoglyphs live are precomputed on
//! first use.
//!
//! # Precision rules
//!
//! Short and common brand tokens are the danger. Measured against `data/eval/registry.toml` (24
//! crypto brands, 26 official domains, 30 handles): no match on any of the 500 domains of
//! `data/eval/popular-domains.txt` nor on 57 legitimate crypto-industry sites, with 100% recall
//! (right target) on every domain technique and ≥ 98.6% on every handle technique. The rules, and
//! what relaxing each costs on the popular list (`eval::precision_ablation`):
//!
//! - **Typos** (one edit: insertion, omission, substitution, adjacent swap) count for official
//!   labels of 6+ characters under any suffix; at 5 characters every edit under the official
//!   suffix and only *visual* edits (a look-alike or small-type substitution such as `n`/`m`,
//!   `q`/`g`, a doubled or swapped letter) under another; at 3–4 characters, and for labels that
//!   are ordinary words (`kraken`, `ledger`, `gemini`), only visual edits under the official
//!   suffix. The other one-edit neighbours of short names and words are established sites
//!   (`htc.com` for `htx.com`, `olx.com` for `okx.com`, `sinch.com` for `1inch.io`,
//!   `blockchair.com` for `blockchain.com`, `krakend.io`). Hyphenation (`o-kx`), homoglyphs
//!   (`0kx`) and TLD swaps (`okx.co`) count at any length: every letter is kept; but the exact
//!   label of an ordinary-word brand under `com`, `net`, `org`, `io`, `co` is someone else's
//!   site (`kraken.io`, `safe.com`), and labels under `github.io`/`gitlab.io` are accounts the
//!   brands hold. Two edits count only from 10 characters (`myethwallet` for
//!   `myetherwallet`): shorter, they reach competitors (`coinbene` is two from `coinbase`).
//! - **Two visual substitutions** (`bimamce`, `eoinbasc`, `lcraken`): the skeleton is folded
//!   once more (`loose` in the fold module: `m`/`n`/`r`, `b`/`d`, `c`/`e`, `g`/`q`, an added stroke `l`
//!   next to `b`/`d`/`h`, `lc` for `k`) and compared for equality, under any suffix for
//!   distinctive labels of 6+ characters, under the official suffix otherwise; a single edit is
//!   left to the typo rule.
//! - **Dot insertion** (`bi.nance.com`, `byb.it.com`): the last subdomain label joined to the
//!   registrable label, or the label joined to the first label of a multi-label suffix, equal
//!   (or fold like) an official label; and the official domain spelled before a hyphen across
//!   the dot (`chain.link-claim.online`) is subdomain abuse.
//! - **Misspelt brand among words** (`abitrum-bridge`, `collections-openssea`, `claimopenssea`):
//!   a hyphen-separated part one edit from a distinctive label of 7+ characters (visual edits
//!   only at 4–6, and then only among lure and extension words), or a part beginning or ending
//!   with such a misspelling followed by lure and extension words; a part that is itself a word
//!   (`finance`, one edit from `binance`) is not a misspelling.
//! - **Combosquatting**: a token is *strong* (6+ characters, not an ordinary word) and counts
//!   anywhere (`examplewallet`, `myexamplestore`); *short* (3–5 characters: `okx`, `htx`,
//!   `mexc`, `bybit`; or an official domain spelled out, `gateio`, `cryptocom`) and counts only at
//!   word boundaries — a separator, a digit, the start or end, or a lure, context or extension
//!   word next to it (`okx-support`, `okxwallet`, `okx2024`, `ethaave`, `listingsokx`; not
//!   `gateway`, `cryptocompare`); or *generic*, an ordinary word from a built-in list (`gate`,
//!   `gemini`, `ledger`, `kraken`, `phantom`, `safe`, `blur`, `crypto`), and counts only with a
//!   lure word (phishing vocabulary: `support`, `claim`, `quests`, `authentication`), a
//!   crypto-context word (`bridge`, `staking`, `eth`) or a web word (`online`, `www`, `my`), and
//!   nothing but such words, extension words and digits; or with digits alone next to it
//!   (`1-ledger`, `ledger24`). Tokens that name the whole field (`crypto`, `blockchain`) need a
//!   lure word. So `kraken-support`, `ledger-quests`, `phantomwallet`, `gemini-app` count, and
//!   `ledger-accounting`, `safelite`, `gatehub`, `ledgerhq`, `crypto-news`, `researchgate` do
//!   not. Plain substring matching of every token flags `researchgate.net` as Gate.
//! - **Subdomains**: the official domain spelled in the subdomain always counts
//!   (`gemini.com.evil.io`, `gate-io.evil.io`); a strong or short token as a whole subdomain label
//!   counts (`binance.evil.io`, `okx.evil.io`); a generic word alone does not: `gemini.google.com`
//!   is Google's Gemini, and `gate.`, `ledger.`, `crypto.` are how sites name their own
//!   services. The registrable domain is the identity; a bare word in front of it claims nothing,
//!   whereas `gemini.com.` in front of it or `gemini-login` does.
//! - **English words** (issue 11): a typo, two small-type substitutions or a misspelt part that
//!   is an English word (62,000 words from SCOWL, embedded: `data/english-words.txt`) is that
//!   word (`tremor` is no Trezor, `radium` no Raydium), and a token inside a longer word of the
//!   name is that word (`celestial`, `freebase`); the forms of a brand that is a word itself
//!   (`examples`) are left to the rules above.
//! - **A brand written as a domain** in front of the registrable one (`curve.com-a.pro`: a
//!   subdomain label that is a brand token, a registrable label beginning with a suffix word
//!   and a hyphen) is subdomain abuse; so is an ordinary-word brand alone as the subdomain
//!   label on a suffix that is neither classic nor a country's (`blast.idrop.live`).
//! - **Short brands glued to a few letters** at a word's edge (`lidoo`, `okxhh`, `erclido`) count
//!   in a registrable label: up to three letters, two for three-letter tokens. **Glued to whole
//!   words** (issue 11, sixth pass), a distinctive name of 4–5 letters that is no English word
//!   counts anywhere in a part whose other letters are English words (4+ letters), lure,
//!   context, extension and field words, misspelt lure words, digits and up to two stray
//!   letters beside a list word (`foxylinea`, `lidofunds`, `stakewithlido`), in the
//!   registrable label or a subdomain label; not when an English word holds the name
//!   (`linear|ise`) or the part is a word.
//! - **Misspellings, fifth pass** (issue 11): a misspelt brand in a subdomain label is judged
//!   like one in the registrable label (`coinbsae-login.somehost.com`: on shared hosts the
//!   subdomain is the name read); a distinctive label of 7+ characters misspelt at the start or
//!   end of a name counts whatever letters follow (`metamsktool`), when the window keeps the
//!   label's first and last letters, the edit is an insertion, omission (from 8 characters),
//!   swap or look-alike substitution, and no English word covers it (`openhea|rted`,
//!   `bitart|rate` are words); six-letter labels misspelt the same way count next to lure
//!   words (`zksnc-drop`); the official domain spelled as one word (`mantanetwork`: suffixes
//!   that are words of the name, not `com`, `net`, `org`, `co`, `io`, `app`, `xyz`, `me`,
//!   `to`, `ag`; labels that are not ordinary words) is a target of the same misspelling
//!   rules; a typo that is an English word still counts under the brand's
//!   own suffix when that is no classic one (`evoke.cash`).
//! - **Misspellings, sixth pass**: from 8 letters a vowel for a vowel (not in the last two
//!   letters: `metumask…`) and the two letters at a window's inner end swapped (`opensae…`)
//!   misspell a long label at a name's edge; brand names that no official label spells
//!   (`chainlink` for `chain.link`) are misspelling targets, alone too; the official domain
//!   spelled with a hyphen for its dot, the label one edit off (`revocke-cash`); a six-letter
//!   label misspelt, or cut short by its last letter, as a whole part beside lure words
//!   (`ethna-defi`, `zksyn-claim`); `fi` (DeFi's suffix) is a context word.
//! - **Ordinary-word brands, sixth pass**: beside a misspelt lure word (`ledger-wallett`); as the
//!   subdomain of a drop page whose name has up to two stray letters (`ledger.web3rmint.com`);
//!   `start`, `setup`, `launching` are lure words; a distinctive brand that is the subdomain
//!   outweighs an ordinary word in the registrable label (`metamask.cryptohelpdesk.app`).
//! - **Ordinary-word brands, fifth pass**: as the subdomain of a drop page (the registrable
//!   label made only of lure, context and extension words, one of them a lure:
//!   `ledger.claim-drops.com`), as a hyphenated word of the subdomain label on a new suffix
//!   (`ledger-poll.survey.app`), and next to campaign codes with digits (`ledger-x2.com`).
//! - **Tenth pass** (issue 11): dispute, legal and voucher pretexts are lure words
//!   (`rectification`, `complaint`, `dispute`, `lawsuit`, `voucher`, `reclaim`, `resolve`:
//!   `…-complaints`, `lawsuit-…`, also beside `crypto`); `v` for `y` and the reverse are one
//!   look-alike letter in single substitutions (`zksvnc`), not in the two-substitution fold;
//!   the field's names (`crypto`, `blockchain`) are context words beside another
//!   ordinary-word brand (`gizmo-crypto`), not beside each other.
//! - **Eleventh pass** (issue 11, `matcher/eleventh.rs`): an official label split by a dot
//!   and followed by list words (`wallet.connect-claim.app`, `1in.ch-dapp.com`) is a dot
//!   insertion; two letters put into a distinctive label under the brand's own new suffix
//!   (`pendllez.finance`) an insertion; the field's words (`crypto`, `blockchain`) name their
//!   brands beside a campaign code (`crypto-ndc61.cc`) or, under new suffixes only, beside
//!   crypto words (`crypto-eth.vip`) or a lure word and one other word; an ordinary-word
//!   brand in front of the field's word is that brand (`blast.cryptoclaim.online`), and in
//!   front of list words spelt with look-alike letters (`mantle.stakıng.com`) a drop page's;
//!   a six-letter label with a doubled letter glued to other letters (`sollanavm`); beside
//!   `en` as a word (`ledger-en`); `holder`, `contributor` are lure words, `marketplace`,
//!   `earning` context words, `now` an extension word, `goto` an imperative.
//! - **Texts** ([`Matcher::claims_brand`], [`Matcher::contains_brand`]) follow the
//!   combosquatting rules, and a generic token also counts alone (`Gemini` as a display name),
//!   but not next to other words (`Google Gemini`).
//!
//! # Performance
//!
//! Targets are folded and compiled at [`Matcher::new`]. A query folds the label into a fixed
//! buffer (no heap), filters targets with a 64-bit character-set fingerprint (one edit changes
//! at most two bits), runs a linear single-edit check on the survivors, and scans tokens with
//! one Aho-Corasick DFA pass (lure words only when a token needs them). The misspelling rules,
//! which try every hyphen-separated part of a name against every target, first scan a compact
//! array of the targets they can take, skipping those whose letters the part lacks (each edit
//! takes away at most one of a label's letters: `within_reach` in the edit module). Word
//! lists the rules ask about on every name are folded or compiled once per process (the
//! ordinary words, the lure-word automaton, the English list's line offsets). Nothing is
//! allocated until a match is built (a match allocates its evidence strings). Measured with 24
//! brands (26 domain targets) on the shared 2-core development machine under colleagues' builds
//! (ranges over several runs), release build: minimum per call over batches
//! (`eval::latency_min_of_batches`, closest to the code's own cost) and the criterion mean
//! (`benches/matcher.rs`, which also carries other processes' time slices):
//!
//! | `match_domain` input | min | criterion mean |
//! | --- | --- | --- |
//! | `google.com` (no match) | 130–200 ns | 170–260 ns |
//! | `www.wikipedia.org` (no match) | 150–230 ns | 200–360 ns |
//! | `binnance.com` (typo) | 230–370 ns | 330–420 ns |
//! | `binance.com.evil.io` (subdomain abuse) | 290–480 ns | 370–520 ns |
//! | `secure-coinbase-login.com` (combo) | 440–500 ns | 570 ns–1.0 µs |
//! | `bіnаnce.com` (IDN homoglyph, Cyrillic) | 770–900 ns | 0.9–1.5 µs |

mod dict;
mod edit;
mod fold;
mod generate;
mod matcher;
mod poison;
mod scan;
mod technique;
mod words;

#[cfg(test)]
mod eval;

pub use fold::skeleton;
pub use generate::{Lookalike, domain_lookalikes, extra_lookalikes, handle_lookalikes};
pub use matcher::{BrandToken, DomainTarget, DomainView, HandleTarget, Matcher};
pub use poison::poisons;
pub use technique::{Detail, Match, Technique};

/// Whether a brand name or label is an ordinary word (`ledger`, `safe`, `crypto`, `polygon`),
/// which the precision rules treat with care: it proves nothing alone.
pub fn is_ordinary_word(name: &str) -> bool {
    scan::is_generic(name)
}

/// Whether `word` (lowercase ASCII letters, 4 to 14 of them) is a word of the embedded English
/// list (Debian's `wamerican`): `online`, `radium`, `crabby`. For the evaluation's judge of
/// which brand a phishing name names, which needs the same notion of a word.
pub fn is_english_word(word: &str) -> bool {
    dict::is_english(word)
}

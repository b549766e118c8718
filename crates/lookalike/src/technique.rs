//! What a lookalike is made of ([`Technique`]), the evidence for it ([`Detail`]) and a finding
//! ([`Match`]).

/// How a lookalike imitates an official name.
///
/// The snake_case names ([`Technique::as_str`], serde) are stable: callers store them and key
/// their localized messages on them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Technique {
    /// Visually confusable characters: Cyrillic, Greek, fullwidth, diacritics (IDN), or ASCII
    /// lookalikes (`rn`→`m`, `vv`→`w`, `cl`→`d`, `0`→`o`, `1`→`l`, `I`→`l`, `5`→`s`).
    Homoglyph,
    /// One character added (`exaample`).
    Insertion,
    /// One character left out (`exmple`).
    Omission,
    /// One character replaced by another; whether it is a keyboard neighbour is in the
    /// [`Detail::Edit`].
    Replacement,
    /// Two adjacent characters swapped (`exmaple`).
    Transposition,
    /// One character doubled (`exxample`).
    Repetition,
    /// A vowel replaced by another vowel (`exempla`).
    VowelSwap,
    /// One bit of one character flipped (`exaiple`, bitsquatting).
    BitFlip,
    /// A hyphen inserted (`exam-ple`).
    Hyphenation,
    /// The name made plural (`examples`).
    Plural,
    /// The brand plus words: `example-support`, `secure-example-login`, `examplewallet`,
    /// `Example_Support`.
    Combosquatting,
    /// The brand or its domain as a subdomain of an unrelated site: `example.com.evil.io`,
    /// `example-com.evil.io`, `example.evil-site.com`.
    SubdomainAbuse,
    /// The official label under another public suffix: `example.co`, `example.com.br`.
    TldSwap,
    /// Accounts: separators added or moved (`Example_Ex`, `Example.Ex` for `ExampleEx`).
    Separator,
    /// Emails: the display name claims the brand on a non-official domain (decided by the caller
    /// with [`crate::Matcher::claims_brand`]).
    DisplayName,
    /// Emails: the brand in the local part at a free-mail provider (decided by the caller with
    /// [`crate::Matcher::contains_brand`]).
    FreemailBrand,
    /// Wallet addresses: same first and last characters as an official or known address, but a
    /// different address (see [`crate::poisons`]).
    AddressPoisoning,
    /// URLs: `https://example.com@evil.io`, the brand as userinfo (decided by the caller).
    UserinfoTrick,
    /// A dot inserted into the official label, so that its two halves are a subdomain and
    /// someone else's registrable domain: `bi.nance.com`, `exa.mple.com`.
    DotInsertion,
}

impl Technique {
    /// Every technique (the API document lists them).
    pub const ALL: [Technique; 19] = [
        Technique::Homoglyph,
        Technique::Insertion,
        Technique::Omission,
        Technique::Replacement,
        Technique::Transposition,
        Technique::Repetition,
        Technique::VowelSwap,
        Technique::BitFlip,
        Technique::Hyphenation,
        Technique::Plural,
        Technique::Combosquatting,
        Technique::SubdomainAbuse,
        Technique::TldSwap,
        Technique::Separator,
        Technique::DisplayName,
        Technique::FreemailBrand,
        Technique::AddressPoisoning,
        Technique::UserinfoTrick,
        Technique::DotInsertion,
    ];

    /// The techniques [`crate::Matcher::match_domain`] can report (and
    /// [`crate::domain_lookalikes`] generates).
    pub const DOMAIN: &'static [Technique] = &[
        Technique::Homoglyph,
        Technique::Insertion,
        Technique::Omission,
        Technique::Replacement,
        Technique::Transposition,
        Technique::Repetition,
        Technique::VowelSwap,
        Technique::BitFlip,
        Technique::Hyphenation,
        Technique::Plural,
        Technique::Combosquatting,
        Technique::SubdomainAbuse,
        Technique::TldSwap,
    ];

    /// The stable snake_case name, the same as its serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Technique::Homoglyph => "homoglyph",
            Technique::Insertion => "insertion",
            Technique::Omission => "omission",
            Technique::Replacement => "replacement",
            Technique::Transposition => "transposition",
            Technique::Repetition => "repetition",
            Technique::VowelSwap => "vowel_swap",
            Technique::BitFlip => "bit_flip",
            Technique::Hyphenation => "hyphenation",
            Technique::Plural => "plural",
            Technique::Combosquatting => "combosquatting",
            Technique::SubdomainAbuse => "subdomain_abuse",
            Technique::TldSwap => "tld_swap",
            Technique::Separator => "separator",
            Technique::DisplayName => "display_name",
            Technique::FreemailBrand => "freemail_brand",
            Technique::AddressPoisoning => "address_poisoning",
            Technique::UserinfoTrick => "userinfo_trick",
            Technique::DotInsertion => "dot_insertion",
        }
    }
}

impl std::fmt::Display for Technique {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Structured evidence for a [`Match`], rendered into localized sentences by the caller (so:
/// data, no prose here).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// Homoglyphs: `(what the input has, what it imitates)`, e.g. `("а" U+0430, "a")`,
    /// `("rn", "m")`, `("0", "o")`.
    Confusables {
        /// The confusable pieces, in input order.
        pairs: Vec<(String, String)>,
    },
    /// A single edit (typo techniques, hyphenation, plural, separators).
    Edit {
        /// Character position in the label (or handle) under test where the edit is; for edits
        /// found only after folding (a homoglyph plus a typo), the position in the folded form.
        position: usize,
        /// What the input has there (`None` for an omission).
        found: Option<String>,
        /// What the official name has there (`None` for an insertion).
        expected: Option<String>,
        /// Whether `found` and `expected` are neighbours on a QWERTY keyboard.
        keyboard_neighbour: bool,
    },
    /// Combosquatting and subdomain abuse: the brand token found, and the added words (for
    /// subdomain abuse: the registrable domain that really serves the page).
    Contains {
        /// The official token or domain imitated, as the registry spells it.
        token: String,
        /// The other words, as written in the input.
        extra: Vec<String>,
    },
    /// TLD swap: the official suffix and the one found (`"com"` vs `"co"`).
    Suffix {
        /// The official public suffix.
        expected: String,
        /// The public suffix of the input.
        found: String,
    },
    /// Address poisoning: the shared leading and trailing characters.
    Prefix {
        /// Leading characters shared with the known address (after any `0x`).
        shared_start: String,
        /// Trailing characters shared with the known address.
        shared_end: String,
    },
    /// No further evidence.
    None,
}

/// A lookalike finding: which target is imitated, how, and the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The `id` of the imitated [`crate::DomainTarget`], [`crate::HandleTarget`] or
    /// [`crate::BrandToken`].
    pub target: u32,
    /// How it is imitated.
    pub technique: Technique,
    /// The evidence.
    pub detail: Detail,
}

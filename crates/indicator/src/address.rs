//! Cryptocurrency wallet addresses, with checksum validation.
//!
//! Scammers swap a single character of a deposit address, and users mistype them; a checksum
//! failure is therefore reported as [`ParseError::BadChecksum`] naming the chain, never
//! silently accepted and never confused with "unrecognized".
//!
//! Canonical forms: EVM lowercase `0x…` (checksum case is presentation, [`Address::display`]
//! restores it); bech32 lowercase (its case is not significant); base58 as is (its case is).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use blake2::{Blake2b512, Digest as _};
use sha2::Sha256;
use sha3::Keccak256;

use crate::error::{AddressError, ParseError};
use crate::input::precheck;
use crate::kind::{Chain, Kind};

#[cfg(test)]
mod tests;

const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Whether each byte is one of [`BASE58`]'s characters.
const BASE58_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let alphabet = BASE58.as_bytes();
    let mut i = 0;
    while i < alphabet.len() {
        t[alphabet[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether `b` is a character of [`BASE58`] (the same as `BASE58.contains(char::from(b))`
/// for ASCII bytes; false for the bytes of non-ASCII characters, which no alphabet holds).
#[inline]
fn is_base58(b: u8) -> bool {
    BASE58_BYTES[usize::from(b)]
}
const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// A validated wallet address.
#[derive(Clone)]
pub struct Address {
    chain: Chain,
    canonical: String,
    /// The EIP-55 form of EVM addresses.
    checksummed: Option<String>,
    ss58_prefix: Option<u16>,
}

impl Address {
    /// Parses a wallet address of any supported chain, detecting the chain.
    pub fn parse(s: &str) -> Result<Address, ParseError> {
        parse_trimmed(precheck(s)?)
    }

    /// The chain (address format).
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The canonical form: EVM lowercase `0x…`, bech32 lowercase, base58 as is.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The form to show people: EIP-55 checksummed for EVM, else [`as_str`](Address::as_str).
    pub fn display(&self) -> &str {
        self.checksummed.as_deref().unwrap_or(&self.canonical)
    }

    /// The SS58 network prefix of Substrate addresses: 0 Polkadot, 2 Kusama, 42 generic.
    pub fn ss58_prefix(&self) -> Option<u16> {
        self.ss58_prefix
    }
}

/// Parses an already prechecked, trimmed address.
pub(crate) fn parse_trimmed(s: &str) -> Result<Address, ParseError> {
    detect(s).unwrap_or(Err(ParseError::NotOfKind {
        kind: Kind::Address,
        found: None,
    }))
}

/// Tries every format: `None` if `s` is not shaped like any address, `Some(Err)` if it is
/// shaped like one but broken.
pub(crate) fn detect(s: &str) -> Option<Result<Address, ParseError>> {
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return evm(hex);
    }
    let segwit_prefix = s
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("bc1") || p.eq_ignore_ascii_case("tb1"));
    if segwit_prefix && (14..=90).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Some(segwit(s));
    }
    // One table look-up per byte (a non-ASCII byte is in no alphabet), not a search of
    // the alphabet per character: long domain names reach this test.
    if (25..=60).contains(&s.len()) && s.bytes().all(is_base58) {
        return base58(s);
    }
    None
}

fn evm(hex: &str) -> Option<Result<Address, ParseError>> {
    // Only long alphanumeric strings are attempts at an address ("0x1f" is just a number).
    if !(30..=70).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let fail = |reason| Some(Err(ParseError::address(Chain::Evm, reason)));
    if let Some(ch) = hex.chars().find(|c| !c.is_ascii_hexdigit()) {
        return fail(AddressError::InvalidCharacter { ch });
    }
    if hex.len() != 40 {
        return fail(AddressError::WrongLength);
    }
    let lower = hex.to_ascii_lowercase();
    let checksummed = eip55(&lower);
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    // All one case carries no checksum; mixed case must be exactly the EIP-55 form.
    if has_lower && has_upper && checksummed.get(2..) != Some(hex) {
        return Some(Err(ParseError::BadChecksum { chain: Chain::Evm }));
    }
    Some(Ok(Address {
        chain: Chain::Evm,
        canonical: format!("0x{lower}"),
        checksummed: Some(checksummed),
        ss58_prefix: None,
    }))
}

/// The EIP-55 form of 40 lowercase hex digits: a letter is uppercase when the matching
/// nibble of keccak-256(lowercase hex) is 8 or more.
fn eip55(lower: &str) -> String {
    let hash = Keccak256::digest(lower.as_bytes());
    let mut out = String::with_capacity(42);
    out.push_str("0x");
    for (i, ch) in lower.chars().enumerate() {
        let byte = hash.get(i / 2).copied().unwrap_or(0);
        let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
        out.push(if nibble >= 8 {
            ch.to_ascii_uppercase()
        } else {
            ch
        });
    }
    out
}

fn segwit(s: &str) -> Result<Address, ParseError> {
    use bech32::primitives::decode::SegwitHrpstringError as E;
    let fail = |reason| ParseError::address(Chain::Bitcoin, reason);
    match bech32::segwit::decode(s) {
        Ok(_) => Ok(Address {
            chain: Chain::Bitcoin,
            canonical: s.to_ascii_lowercase(),
            checksummed: None,
            ss58_prefix: None,
        }),
        Err(err) => Err(match err.0 {
            E::Checksum(_) => ParseError::BadChecksum {
                chain: Chain::Bitcoin,
            },
            E::Unchecked(_) => {
                let data = s.get(3..).unwrap_or("");
                match data
                    .chars()
                    .find(|c| !BECH32.contains(c.to_ascii_lowercase()))
                {
                    Some(ch) => fail(AddressError::InvalidCharacter { ch }),
                    // Only mixed case is left: bech32 must be all one case.
                    None => fail(AddressError::InvalidCharacter {
                        ch: s.chars().find(char::is_ascii_uppercase).unwrap_or('?'),
                    }),
                }
            }
            E::TooLong(_) | E::NoData => fail(AddressError::WrongLength),
            _ => fail(AddressError::InvalidSegwit),
        }),
    }
}

fn base58(s: &str) -> Option<Result<Address, ParseError>> {
    let bytes = bs58::decode(s).into_vec().ok()?;
    let first = s.chars().next()?;
    let version = bytes.first().copied();
    // Tron: "T" + 33, version 0x41.
    if first == 'T' && s.len() == 34 && bytes.len() == 25 && version == Some(0x41) {
        return Some(base58check(s, &bytes, Chain::Tron));
    }
    // A Tron address with a character missing or extra still looks like one.
    if first == 'T' && (33..=35).contains(&s.len()) && (24..=26).contains(&bytes.len()) {
        let reason = if s.len() == 34 && bytes.len() == 25 {
            AddressError::UnknownVersion
        } else {
            AddressError::WrongLength
        };
        return Some(Err(ParseError::address(Chain::Tron, reason)));
    }
    // Bitcoin P2PKH (version 0, "1…") and P2SH (version 5, "3…"). A 32-byte value is left to
    // Solana (whose all-'1' system program id would otherwise look like a broken P2PKH).
    if matches!(first, '1' | '3') && s.len() <= 35 && bytes.len() != 32 {
        if bytes.len() != 25 {
            return Some(Err(ParseError::address(
                Chain::Bitcoin,
                AddressError::WrongLength,
            )));
        }
        if !matches!(version, Some(0x00 | 0x05)) {
            return Some(Err(ParseError::address(
                Chain::Bitcoin,
                AddressError::UnknownVersion,
            )));
        }
        return Some(base58check(s, &bytes, Chain::Bitcoin));
    }
    if let Some(result) = ss58(s, &bytes) {
        return Some(result);
    }
    // Solana: a bare 32-byte public key; no checksum exists, so it is tried last.
    if (32..=44).contains(&s.len()) && bytes.len() == 32 {
        return Some(Ok(Address {
            chain: Chain::Solana,
            canonical: s.to_owned(),
            checksummed: None,
            ss58_prefix: None,
        }));
    }
    None
}

/// Verifies the 4-byte double-SHA-256 checksum of a 25-byte base58check payload.
fn base58check(s: &str, bytes: &[u8], chain: Chain) -> Result<Address, ParseError> {
    let (payload, checksum) = bytes.split_at(bytes.len().saturating_sub(4));
    let hash = Sha256::digest(Sha256::digest(payload));
    if hash.get(..4) != Some(checksum) {
        return Err(ParseError::BadChecksum { chain });
    }
    Ok(Address {
        chain,
        canonical: s.to_owned(),
        checksummed: None,
        ss58_prefix: None,
    })
}

/// SS58: prefix (1 byte below 64, or 2 bytes starting in 64..128), a 32-byte account id
/// (33 for ECDSA keys), then the first 2 bytes of blake2b-512("SS58PRE" ‖ prefix ‖ account).
fn ss58(s: &str, bytes: &[u8]) -> Option<Result<Address, ParseError>> {
    let b0 = *bytes.first()?;
    let (prefix_len, prefix) = match b0 {
        0..=63 => (1, u16::from(b0)),
        64..=127 => {
            let b1 = *bytes.get(1)?;
            let lower = (b0 << 2) | (b1 >> 6);
            let upper = b1 & 0b0011_1111;
            (2, u16::from(lower) | (u16::from(upper) << 8))
        }
        _ => return None,
    };
    let account_len = bytes.len().checked_sub(prefix_len + 2)?;
    if !matches!(account_len, 32 | 33) {
        return None;
    }
    let (body, checksum) = bytes.split_at(bytes.len() - 2);
    let mut hasher = Blake2b512::new();
    hasher.update(b"SS58PRE");
    hasher.update(body);
    let hash = hasher.finalize();
    if hash.get(..2) != Some(checksum) {
        return Some(Err(ParseError::BadChecksum {
            chain: Chain::Polkadot,
        }));
    }
    Some(Ok(Address {
        chain: Chain::Polkadot,
        canonical: s.to_owned(),
        checksummed: None,
        ss58_prefix: Some(prefix),
    }))
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({}:{:?})", self.chain.as_str(), self.as_str())
    }
}

impl PartialEq for Address {
    fn eq(&self, other: &Self) -> bool {
        self.chain == other.chain && self.canonical == other.canonical
    }
}

impl Eq for Address {}

impl Hash for Address {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.chain.hash(state);
        self.canonical.hash(state);
    }
}

impl AsRef<str> for Address {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Address {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Address::parse(s)
    }
}

crate::serde_as_str!(Address);

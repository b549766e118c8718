use super::*;

/// Parses `input` and compares chain, canonical and display forms, or the error.
fn check(input: &str, expected: Result<(Chain, &str, &str), ParseError>) {
    match (Address::parse(input), expected) {
        (Ok(a), Ok((chain, canonical, display))) => {
            assert_eq!(a.chain(), chain, "chain of {input:?}");
            assert_eq!(a.as_str(), canonical, "canonical of {input:?}");
            assert_eq!(a.display(), display, "display of {input:?}");
            let again = Address::parse(a.as_str()).ok();
            assert_eq!(again.as_ref(), Some(&a), "idempotent {input:?}");
            let again = Address::parse(a.display()).ok();
            assert_eq!(again.as_ref(), Some(&a), "display parses {input:?}");
        }
        (Err(e), Err(want)) => assert_eq!(e, want, "error for {input:?}: {e}"),
        (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
    }
}

/// Replaces the character at `i` by `with`.
fn corrupt(s: &str, i: usize, with: char) -> String {
    s.chars()
        .enumerate()
        .map(|(j, c)| if j == i { with } else { c })
        .collect()
}

const EVM: &str = "0x52908400098527886E0F7030069857D2E4169EE7";
const BTC_P2PKH: &str = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
const BTC_P2SH: &str = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
const BTC_BECH32: &str = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
/// BIP-350 test vector (witness v1, bech32m).
const BTC_TAPROOT: &str = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
const TRON: &str = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7";
const DOT: &str = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
/// Alice's well-known key (the same account as `DOT`) on Kusama, prefix 2.
const KSM: &str = "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F";
/// A widely circulated but corrupted spelling of the same: decodes, fails its checksum.
const KSM_CORRUPTED: &str = "HNZata7iMYWmk5RvZRExExQtFXZpcT9VgTQe4zE4Ea3F7ks";
const SOL: &str = "9WzDXwBbmkg8ZTbNMqUxvQRAyEPcuqUdemXJE4G3FBvh";

fn bad(chain: Chain) -> Result<(Chain, &'static str, &'static str), ParseError> {
    Err(ParseError::BadChecksum { chain })
}

#[test]
fn valid_addresses() {
    let lower = "0x52908400098527886e0f7030069857d2e4169ee7";
    check(EVM, Ok((Chain::Evm, lower, EVM)));
    check(lower, Ok((Chain::Evm, lower, EVM)));
    check(
        &EVM.to_uppercase().replacen("0X", "0x", 1),
        Ok((Chain::Evm, lower, EVM)),
    );
    check(&EVM.replacen("0x", "0X", 1), Ok((Chain::Evm, lower, EVM)));
    // The other EIP-55 test vectors.
    for v in [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ] {
        check(v, Ok((Chain::Evm, &v.to_ascii_lowercase(), v)));
    }
    check(BTC_P2PKH, Ok((Chain::Bitcoin, BTC_P2PKH, BTC_P2PKH)));
    check(BTC_P2SH, Ok((Chain::Bitcoin, BTC_P2SH, BTC_P2SH)));
    check(BTC_BECH32, Ok((Chain::Bitcoin, BTC_BECH32, BTC_BECH32)));
    check(
        &BTC_BECH32.to_uppercase(),
        Ok((Chain::Bitcoin, BTC_BECH32, BTC_BECH32)),
    );
    check(BTC_TAPROOT, Ok((Chain::Bitcoin, BTC_TAPROOT, BTC_TAPROOT)));
    check(TRON, Ok((Chain::Tron, TRON, TRON)));
    check(DOT, Ok((Chain::Polkadot, DOT, DOT)));
    check(KSM, Ok((Chain::Polkadot, KSM, KSM)));
    check(SOL, Ok((Chain::Solana, SOL, SOL)));
    let prefix = |s: &str| Address::parse(s).ok().and_then(|a| a.ss58_prefix());
    assert_eq!(prefix(DOT), Some(0));
    assert_eq!(prefix(KSM), Some(2));
    assert_eq!(prefix(SOL), None);
}

#[test]
fn generated_ss58() {
    // Encode known bytes, so the SS58 code is checked against an independent construction:
    // the generic prefix 42 (one byte) and a two-byte prefix (Astar, 5).
    fn encode(prefix: &[u8], account: &[u8; 32]) -> String {
        let mut body = prefix.to_vec();
        body.extend_from_slice(account);
        let mut h = Blake2b512::new();
        h.update(b"SS58PRE");
        h.update(&body);
        let hash = h.finalize();
        body.extend_from_slice(hash.get(..2).unwrap_or(&[0, 0]));
        bs58::encode(body).into_string()
    }
    let account = [7u8; 32];
    let generic = encode(&[42], &account);
    assert!(generic.starts_with('5'), "{generic}");
    let got = Address::parse(&generic).ok();
    assert_eq!(got.as_ref().map(Address::chain), Some(Chain::Polkadot));
    assert_eq!(got.and_then(|a| a.ss58_prefix()), Some(42));
    // Prefix 100 in the two-byte form: 0b01_000000 | low 6 bits of (100 >> 2), then
    // (100 & 3) << 6 | (100 >> 8).
    let ident: u16 = 100;
    let first = 0b0100_0000 | ((ident & 0b1111_1100) >> 2) as u8;
    let second = (((ident & 0b11) << 6) | (ident >> 8)) as u8;
    let two = encode(&[first, second], &account);
    assert_eq!(
        Address::parse(&two).ok().and_then(|a| a.ss58_prefix()),
        Some(100)
    );
    check(
        &corrupt(
            &two,
            10,
            if two.chars().nth(10) == Some('z') {
                'y'
            } else {
                'z'
            },
        ),
        bad(Chain::Polkadot),
    );
}

#[test]
fn corrupted_checksums() {
    // EVM: one letter's case flipped.
    check(&EVM.replacen('E', "e", 1), bad(Chain::Evm));
    // A character replaced by another of the same alphabet.
    check(&corrupt(BTC_P2PKH, 5, 'Z'), bad(Chain::Bitcoin));
    check(&corrupt(BTC_P2SH, 5, 'Z'), bad(Chain::Bitcoin));
    check(&corrupt(BTC_BECH32, 10, 'q'), bad(Chain::Bitcoin));
    check(&corrupt(BTC_TAPROOT, 10, 'q'), bad(Chain::Bitcoin));
    check(&corrupt(TRON, 5, 'Z'), bad(Chain::Tron));
    check(&corrupt(DOT, 5, 'Z'), bad(Chain::Polkadot));
    check(&corrupt(KSM, 5, 'Z'), bad(Chain::Polkadot));
    check(KSM_CORRUPTED, bad(Chain::Polkadot));
    // Generic-prefix (42) spelling of the same key.
    check(
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        Ok((
            Chain::Polkadot,
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        )),
    );
    // Two adjacent characters swapped.
    let swapped: String = {
        let mut c: Vec<char> = TRON.chars().collect();
        c.swap(10, 11);
        c.into_iter().collect()
    };
    check(&swapped, bad(Chain::Tron));
}

#[test]
fn malformed() {
    let fail = |chain, reason| Err(ParseError::address(chain, reason));
    check(
        "0x52908400098527886E0F7030069857D2E4169EE",
        fail(Chain::Evm, AddressError::WrongLength),
    );
    check(
        "0x52908400098527886E0F7030069857D2E4169EEG",
        fail(Chain::Evm, AddressError::InvalidCharacter { ch: 'G' }),
    );
    // One character missing can still decode to 25 bytes: then the checksum catches it.
    check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN", bad(Chain::Bitcoin));
    check(
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJ",
        fail(Chain::Bitcoin, AddressError::WrongLength),
    );
    check(
        "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU",
        fail(Chain::Tron, AddressError::WrongLength),
    );
    check(
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdb",
        fail(Chain::Bitcoin, AddressError::InvalidCharacter { ch: 'b' }),
    );
    check(
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5MDQ",
        fail(Chain::Bitcoin, AddressError::InvalidCharacter { ch: 'M' }),
    );
    let not_address = Err(ParseError::NotOfKind {
        kind: Kind::Address,
        found: None,
    });
    check("0x1f", not_address.clone());
    check("hello", not_address.clone());
    check("ExampleSupport", not_address);
}

#[test]
fn detection_leaves_other_things_alone() {
    for s in ["examplesupport", "0x1f", "123456789", "example.com", "bc1"] {
        assert!(detect(s).is_none(), "{s}");
    }
}

/// The byte table is the alphabet: every ASCII byte as `BASE58.contains` answers, and no
/// byte of a non-ASCII character.
#[test]
fn base58_table_is_the_alphabet() {
    for b in 0..=255u8 {
        let expected = b.is_ascii() && BASE58.contains(char::from(b));
        assert_eq!(is_base58(b), expected, "{b}");
    }
    // Long inputs with a non-ASCII character are no address, as before.
    assert!(detect("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVé2").is_none());
}

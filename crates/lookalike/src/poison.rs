//! Address poisoning: a lookalike wallet address sharing the start and end of a known one.

use crate::technique::Detail;

/// Address poisoning: `candidate` shares at least `prefix` leading and `suffix` trailing
/// characters with `known` but is a different address. Returns the [`Detail::Prefix`] evidence
/// (the whole shared start and end, as written in `candidate`, without `0x`), or `None`.
///
/// A leading `0x` is stripped from both; when both then are hex (EVM addresses), comparison is
/// case-insensitive (the case is only the EIP-55 checksum), otherwise case-sensitive (base58,
/// bech32 lowercase). Addresses too short to hold `prefix + suffix` characters without overlap
/// never match, so a short prefix and suffix cannot cover a whole address.
pub fn poisons(candidate: &str, known: &str, prefix: usize, suffix: usize) -> Option<Detail> {
    let ((c, cx), (k, kx)) = (strip_0x(candidate), strip_0x(known));
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    let evm = cx && kx && hex(c) && hex(k);
    let eq = |a: &char, b: &char| {
        if evm {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let cc: Vec<char> = c.chars().collect();
    let kc: Vec<char> = k.chars().collect();
    if cc.len() == kc.len() && cc.iter().zip(&kc).all(|(a, b)| eq(a, b)) {
        return None;
    }
    let shortest = cc.len().min(kc.len());
    if shortest < prefix.saturating_add(suffix) || shortest == 0 {
        return None;
    }
    let start = cc.iter().zip(&kc).take_while(|(a, b)| eq(a, b)).count();
    let end = cc
        .iter()
        .rev()
        .zip(kc.iter().rev())
        .take_while(|(a, b)| eq(a, b))
        .count()
        .min(shortest - start.min(shortest));
    if start < prefix || end < suffix {
        return None;
    }
    Some(Detail::Prefix {
        shared_start: cc.iter().take(start).collect(),
        shared_end: cc.get(cc.len() - end..).unwrap_or(&[]).iter().collect(),
    })
}

fn strip_0x(s: &str) -> (&str, bool) {
    let s = s.trim();
    match s.get(..2) {
        Some("0x" | "0X") => (s.get(2..).unwrap_or(""), true),
        _ => (s, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(candidate: &str, known: &str, expected: Option<(&str, &str)>) {
        let got = poisons(candidate, known, 4, 4);
        let expected = expected.map(|(s, e)| Detail::Prefix {
            shared_start: s.to_owned(),
            shared_end: e.to_owned(),
        });
        assert_eq!(got, expected, "{candidate} vs {known}");
    }

    #[test]
    fn poisoning_table() {
        let known = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
        check(
            "0xa0b8f00dc6218b36c1d19d4a2e9eb0ce3606eb48",
            known,
            Some(("a0b8", "c6218b36c1d19d4a2e9eb0ce3606eb48")),
        );
        check("0xA0b8000000000000000000000000000000000b48", known, None);
        check("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", known, None); // same, other case
        check(
            "0xA0b80000000000000000000000000000000eB48",
            known,
            Some(("A0b8", "eB48")),
        );
        check("0x1111000000000000000000000000000000000000", known, None);
        // Base58 (Tron): case matters.
        let tron = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
        check(
            "TR7NabcdefghijklmnopqrstuvwxyzLj6t",
            tron,
            Some(("TR7N", "Lj6t")),
        );
        check("tr7NabcdefghijklmnopqrstuvwxyzLj6t", tron, None);
        check("", tron, None);
        check("TR7N", "TR7N", None);
        check("TR7Nx", "TR7Ny", None); // too short for 4 + 4
        check("ééééééééé", "ééééaéééé", Some(("éééé", "éééé")));
        check("ééééééééé", "éééééaééé", None); // only 3 shared at the end
    }
}

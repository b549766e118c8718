//! Name-based UUIDs (RFC 9562 version 5: SHA-1), for identifiers that are the same
//! every time the same data is exported.

use sha1::{Digest, Sha1};

/// The UUIDv5 of `name` in `namespace`, as the usual 36-character string.
pub fn uuid_v5(namespace: &[u8; 16], name: &[u8]) -> String {
    let mut out = Vec::with_capacity(36);
    write_uuid(&mut out, &uuid_v5_bytes(namespace, name));
    // Hex digits and dashes only.
    String::from_utf8(out).unwrap_or_default()
}

/// The UUIDv5 of `name` in `namespace`, as bytes.
pub(crate) fn uuid_v5_bytes(namespace: &[u8; 16], name: &[u8]) -> [u8; 16] {
    let mut hasher = Sha1::new();
    hasher.update(namespace);
    hasher.update(name);
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    b
}

/// Appends `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (lowercase hex).
pub(crate) fn write_uuid(out: &mut Vec<u8>, b: &[u8; 16]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, x) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push(b'-');
        }
        out.push(HEX[usize::from(x >> 4)]);
        out.push(HEX[usize::from(x & 0x0f)]);
    }
}

/// Parses `xxxxxxxx-xxxx-…` into bytes (for namespace constants).
pub(crate) const fn uuid_bytes(s: &str) -> [u8; 16] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => 0,
        }
    }
    let s = s.as_bytes();
    let mut out = [0u8; 16];
    let (mut i, mut o) = (0, 0);
    while i + 1 < s.len() && o < 16 {
        if s[i] == b'-' {
            i += 1;
            continue;
        }
        out[o] = nibble(s[i]) << 4 | nibble(s[i + 1]);
        o += 1;
        i += 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_example() {
        // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
        let dns = uuid_bytes("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assert_eq!(
            uuid_v5(&dns, b"www.example.com"),
            "2ed6657d-e927-568b-95e1-2665a8aea6a2"
        );
    }
}

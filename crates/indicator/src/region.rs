//! ISO 3166-1 alpha-2 region codes: where a campaign runs, where a report comes
//! from, which region a partner's key is limited to. One type for all of them, so
//! that every part of the system accepts exactly the same codes.

use std::fmt;

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted.
pub const REGIONS: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// A region: an officially assigned ISO 3166-1 alpha-2 code, stored in uppercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

/// The input is not an assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 3166-1 alpha-2 region code (two letters such as \"HK\" or \"GB\")")]
pub struct RegionError;

impl Region {
    /// Parses a code, ASCII case-insensitive (`"hk"` is `HK`); surrounding spaces are
    /// ignored. Only assigned codes are accepted (so `UK` and `EU` are refused: use
    /// `GB`).
    pub fn parse(s: &str) -> Result<Region, RegionError> {
        let [a, c] = s.trim().as_bytes() else {
            return Err(RegionError);
        };
        let code = [a.to_ascii_uppercase(), c.to_ascii_uppercase()];
        REGIONS
            .binary_search_by(|r| r.as_bytes().cmp(&code[..]))
            .map(|_| Region(code))
            .map_err(|_| RegionError)
    }

    /// The code, e.g. `"HK"`.
    pub fn as_str(&self) -> &str {
        // Only built from an entry of REGIONS, all ASCII.
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_sorted_and_unique() {
        assert_eq!(REGIONS.len(), 249);
        assert!(REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(REGIONS.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn parses_assigned_codes_only() {
        for (input, want) in [
            ("HK", Some("HK")),
            ("hk", Some("HK")),
            (" gb ", Some("GB")),
            ("TW", Some("TW")),
            ("UK", None),
            ("EU", None),
            ("XX", None),
            ("ZZ", None),
            ("H", None),
            ("HKG", None),
            ("H1", None),
            ("", None),
            ("é1", None),
            ("香港", None),
        ] {
            assert_eq!(
                Region::parse(input).as_ref().map(Region::as_str).ok(),
                want,
                "{input:?}"
            );
        }
    }
}

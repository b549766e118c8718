//! Dates at the edges of feeds: RFC 3339, `YYYY-MM-DD` and Unix seconds in, RFC 3339
//! (UTC, `Z`) out.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

/// Reads a date: RFC 3339 (`2024-05-01T12:00:00Z`, any offset), a calendar date
/// (`2024-05-01`, midnight UTC) or Unix seconds (`1714564800`). `None` if none fits.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    if let Ok(d) = Date::parse(s, format_description!("[year]-[month]-[day]")) {
        return Some(d.midnight().assume_utc().unix_timestamp());
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    None
}

fn utc(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2024-05-01T12:00:00Z` (out-of-range times print as the Unix epoch).
pub fn format_rfc3339(secs: i64) -> String {
    let t = utc(secs);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// STIX timestamps: `2024-05-01T12:00:00.000Z` (millisecond precision, as STIX
/// recommends for `created` and `modified`).
pub(crate) fn format_stix(secs: i64) -> String {
    let mut s = format_rfc3339(secs);
    s.insert_str(s.len() - 1, ".000");
    s
}

/// TAXII and STIX timestamps with microseconds, from Unix microseconds:
/// `2024-05-01T12:00:00.123456Z` (TAXII 2.1 `date_added`, object versions).
pub fn format_micros(micros: i64) -> String {
    let mut s = format_rfc3339(micros.div_euclid(1_000_000));
    s.insert_str(
        s.len() - 1,
        &format!(".{:06}", micros.rem_euclid(1_000_000)),
    );
    s
}

/// Appends [`format_micros`] of `micros` without allocating (TAXII pages write two
/// per object).
pub(crate) fn write_micros(out: &mut Vec<u8>, micros: i64) {
    let t = utc(micros.div_euclid(1_000_000));
    let Ok(year) = u32::try_from(t.year()) else {
        out.extend_from_slice(format_micros(micros).as_bytes());
        return;
    };
    if year > 9999 {
        out.extend_from_slice(format_micros(micros).as_bytes());
        return;
    }
    fn digits(out: &mut Vec<u8>, n: u32, width: u32) {
        for p in (0..width).rev() {
            out.push(b'0' + (n / 10u32.pow(p) % 10) as u8);
        }
    }
    digits(out, year, 4);
    let fields = [
        (b'-', u32::from(u8::from(t.month())), 2),
        (b'-', u32::from(t.day()), 2),
        (b'T', u32::from(t.hour()), 2),
        (b':', u32::from(t.minute()), 2),
        (b':', u32::from(t.second()), 2),
        (b'.', micros.rem_euclid(1_000_000) as u32, 6),
    ];
    for (sep, n, width) in fields {
        out.push(sep);
        digits(out, n, width);
    }
    out.push(b'Z');
}

/// Reads an RFC 3339 timestamp (any fraction, any offset) into Unix microseconds:
/// TAXII's `added_after`. `None` if it is not one.
pub fn parse_micros(s: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(s.trim(), &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000).ok()
}

/// `2024-05-01`.
pub fn format_date(secs: i64) -> String {
    let t = utc(secs);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micros_round_trip() {
        let t = 1_714_564_800_123_456;
        assert_eq!(format_micros(t), "2024-05-01T12:00:00.123456Z");
        assert_eq!(parse_micros(&format_micros(t)), Some(t));
        assert_eq!(parse_micros("2024-05-01T12:00:00Z"), Some(t - 123_456));
        assert_eq!(
            parse_micros("2024-05-01T14:00:00.5+02:00"),
            Some(t - 123_456 + 500_000)
        );
        assert_eq!(parse_micros("yesterday"), None);
    }

    #[test]
    fn written_micros_match_formatted_ones() {
        for t in [
            0,
            1,
            -1,
            999_999,
            1_714_564_800_123_456,
            1_767_225_600_000_000,
            // The last microsecond of year 9999, the first of 10000, and beyond.
            253_402_300_799_999_999,
            253_402_300_800_000_000,
            -62_167_219_200_000_001,
            -62_167_219_200_000_000,
            i64::MIN,
            i64::MAX,
        ] {
            let mut out = Vec::new();
            write_micros(&mut out, t);
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                format_micros(t),
                "{t}"
            );
        }
    }

    #[test]
    fn dates_round_trip() {
        let cases: &[(&str, Option<i64>)] = &[
            ("2024-05-01T12:00:00Z", Some(1_714_564_800)),
            ("2024-05-01T14:00:00+02:00", Some(1_714_564_800)),
            ("2024-05-01", Some(1_714_521_600)),
            ("1714564800", Some(1_714_564_800)),
            ("yesterday", None),
            ("", None),
            ("2024-13-01", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date(s), *want, "{s}");
        }
        assert_eq!(format_rfc3339(1_714_564_800), "2024-05-01T12:00:00Z");
        assert_eq!(format_stix(1_714_564_800), "2024-05-01T12:00:00.000Z");
        assert_eq!(format_date(1_714_564_800), "2024-05-01");
    }
}

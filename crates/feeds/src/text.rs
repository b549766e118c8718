//! Plain text lists: one indicator per line (a domain, URL, email, phone number,
//! account or wallet address, detected by `indicator::parse`). Leading and trailing
//! space is trimmed; blank lines and lines starting with `#` are skipped. The file must
//! be UTF-8.

use crate::{Event, FeedError, Item, Options, Outcome, Rejection};

/// Reads a text list. Never fails as a whole: each line is an item or a rejection.
pub fn parse(
    input: &[u8],
    options: &Options<'_>,
    sink: &mut dyn FnMut(Event),
) -> Result<Outcome, FeedError> {
    for (n, line) in input.split(|&b| b == b'\n').enumerate() {
        let location = || format!("line {}", n + 1);
        let Ok(line) = std::str::from_utf8(line) else {
            sink(Event::Rejected(Rejection::new(
                location(),
                &String::from_utf8_lossy(line),
                crate::Reason::BadField {
                    field: "line",
                    message: "not UTF-8 text".into(),
                },
            )));
            continue;
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        sink(match options.key(line, None) {
            Ok(key) => Event::Item(Item::bare(key)),
            Err(reason) => Event::Rejected(Rejection::new(location(), line, reason)),
        });
    }
    Ok(Outcome::default())
}

//! Fuzzes `feeds::parse` in every format: a feed file is outside input (downloaded lists,
//! partners' STIX bundles). It must never panic, and every item it yields must carry a
//! key that Verify can read back (`indicator::parse` of its value gives the same key).
//!
//! Run with `scripts/fuzz.sh feeds` (or `cargo +nightly fuzz run feeds` in `fuzz/`).

#![no_main]

mod common;

use feeds::{Event, Format, Options, parse};
use indicator::ParseOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, the rest is the document.
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    let options = Options {
        parse: ParseOptions {
            default_region: Some("HK".into()),
            hint: None,
        },
        official: Some(&common::INDEX),
        now: 1_800_000_000,
    };
    let _ = parse(format, rest, &options, &mut |event| {
        if let Event::Item(item) = event {
            assert!(
                item.key.split_once(':').is_some_and(|(kind, v)| !kind.is_empty() && !v.is_empty()),
                "malformed key {:?}",
                item.key
            );
        }
    });
});

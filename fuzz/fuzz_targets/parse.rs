//! Fuzzes `indicator::parse`: it must never panic on any input, with or without a hint, and
//! what it accepts must re-parse (with its kind as hint) to the same key.
//!
//! Run with `cargo +nightly fuzz run parse` from the repository root.

#![no_main]

use indicator::{Kind, ParseOptions, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the hint and region, the rest is the input.
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let input = String::from_utf8_lossy(rest);
    let hint = Kind::ALL.get(usize::from(selector % 32)).copied();
    let default_region = (selector & 0x80 != 0).then(|| "HK".to_owned());
    let opts = ParseOptions {
        default_region: default_region.clone(),
        hint,
    };
    if let Ok(indicator) = parse(&input, &opts) {
        let key = indicator.key();
        let again = parse(
            &indicator.normalized(),
            &ParseOptions {
                default_region,
                hint: Some(indicator.kind()),
            },
        );
        match again {
            Ok(again) => assert_eq!(again.key(), key, "input {input:?}"),
            Err(e) => panic!("{key} does not re-parse: {e} (input {input:?})"),
        }
    }
});

//! Fuzzes the registry document readers (`Registry::from_toml`, `from_json`): registry
//! files and proposals come from staff, but are parsed before anyone reviews them. They
//! must never panic, and what they accept must round-trip through `to_json`.
//!
//! Run with `scripts/fuzz.sh registry` (or `cargo +nightly fuzz run registry` in `fuzz/`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use registry::Registry;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let parsed = if selector & 1 == 0 {
        Registry::from_toml(text)
    } else {
        Registry::from_json(text)
    };
    if let Ok(registry) = parsed {
        let json = registry.to_json().to_string();
        let again = Registry::from_json(&json).expect("a registry's own JSON re-reads");
        assert_eq!(again.to_json(), registry.to_json());
    }
});

//! Fuzzes raw email reading and analysis: never a panic, and every evidence span holds the
//! text it claims in the analyzed document.
//!
//! Run with `cargo +nightly fuzz run analyze_email` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::INDEX;

fuzz_target!(|data: &[u8]| {
    let Ok(email) = mail::parse(data) else {
        return;
    };
    let e = analyzer::analyze_email(&email, &INDEX);
    for f in &e.analysis.tactics {
        for ev in &f.evidence {
            assert_eq!(e.document.get(ev.start..ev.end), Some(ev.text.as_str()));
        }
    }
});

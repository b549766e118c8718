//! Fuzzes the text analyzer: never a panic, and every evidence span and indicator holds
//! the text it claims.
//!
//! Run with `cargo +nightly fuzz run analyze_text` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::INDEX;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = analyzer::analyze(
        &analyzer::Message {
            text: &text,
            channel: Some("sms"),
            sender: None,
        },
        &INDEX,
    );
    for f in &a.tactics {
        for e in &f.evidence {
            assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
        }
    }
    for f in &a.indicators {
        assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
    }
});

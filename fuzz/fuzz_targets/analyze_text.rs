//! Fuzzes the text analyzer: never a panic, and every evidence span and indicator holds
//! the text it claims.
//!
//! Run with `cargo +nightly fuzz run analyze_text` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

use std::sync::LazyLock;

static INDEX: LazyLock<verify::Index> = LazyLock::new(|| {
    let registry = registry::Registry::from_toml(
        "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\nemails = [\"support@example.com\"]\n",
    )
    .expect("registry");
    verify::Index::build(
        &registry,
        blocklist::Index::default(),
        verify::Options {
            default_region: Some("HK".into()),
        },
    )
});

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

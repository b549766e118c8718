//! Fuzzes raw email reading and analysis: never a panic, and every evidence span holds the
//! text it claims in the analyzed document.
//!
//! Run with `cargo +nightly fuzz run analyze_email` from `fuzz/`.

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

//! What the analyzer fuzz targets share: a small verification index.

use std::sync::LazyLock;

pub static INDEX: LazyLock<verify::Index> = LazyLock::new(|| {
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

//! The index of a one-off command (`antiscam verify`, `antiscam analyze`): the store's
//! registry (or one read from a file) and blocklist, with the entries of a file added
//! after the store's (a file's entry replaces the stored one of the same key).

use crate::{Error, Result, Service, Settings};

/// An index of `registry` and the entries of `blocklist`, with the settings' options
/// (no store: a command without a database).
pub fn local_index(
    registry: &registry::Registry,
    blocklist: blocklist::Builder,
    settings: &Settings,
) -> verify::Index {
    let options = verify::Options {
        default_region: settings.default_region.clone(),
    };
    verify::Index::build(registry, blocklist.finish(), options)
}

impl Service {
    /// An index of the store's data (the allowlist included), with `registry` in place of
    /// the stored one, and what `extra` adds to the blocklist after the stored entries. The service's own
    /// index is left as it is.
    pub async fn index_with<E: From<Error>>(
        &self,
        registry: Option<registry::Registry>,
        extra: impl FnOnce(&mut blocklist::Builder) -> Result<(), E>,
    ) -> Result<verify::Index, E> {
        let registry = match registry {
            Some(r) => r,
            None => self.store.load_registry().await.map_err(Error::from)?,
        };
        // Streamed into the builder: a million entries are never held twice.
        let mut builder = blocklist::Builder::default();
        self.store
            .for_each_blocklist(&mut |e| builder.push(e))
            .await
            .map_err(Error::from)?;
        extra(&mut builder)?;
        let allowed = self
            .store
            .allowlist()
            .list_allowlist()
            .await
            .map_err(Error::from)?;
        Ok(local_index(&registry, builder, &self.settings)
            .with_allowlist(allowed.into_iter().map(|e| e.key)))
    }
}

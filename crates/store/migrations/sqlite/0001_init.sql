-- antiscam store: initial schema, SQLite engine.
--
-- Released migrations are never edited (sqlx records a checksum of each file and
-- refuses to start when an applied file changed): later changes go in new files,
-- numbered 0002_*, 0003_*, ... and mirrored in ../postgres/.
--
-- Tables are STRICT (column types enforced) and enumerations are CHECK constraints,
-- so a bug or a hand edit cannot store a value the code would not read back.

-- Brands of the registry of official channels, in registry order.
CREATE TABLE brands (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE CHECK (name <> ''),
    position INTEGER NOT NULL UNIQUE
) STRICT;

-- Official channels. `kind` is the registry file key ("domains", "x", "addresses", ...);
-- it has no CHECK so that a new channel kind does not need a migration (the registry
-- crate validates kinds when the table is loaded). `position` is the row order of
-- Registry::to_channels, which the load reproduces.
CREATE TABLE channels (
    id       INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL CHECK (kind <> ''),
    value    TEXT    NOT NULL,
    chain    TEXT,
    retired  INTEGER NOT NULL CHECK (retired IN (0, 1)),
    position INTEGER NOT NULL UNIQUE
) STRICT;

-- One channel belongs to one brand. COALESCE makes a missing chain compare equal
-- (NULLs are otherwise distinct in a unique index).
CREATE UNIQUE INDEX channels_kind_value_chain ON channels (kind, value, COALESCE(chain, ''));
CREATE INDEX channels_brand_id ON channels (brand_id);

-- Reported-scam indicators. `categories` and `sources` are JSON arrays of strings,
-- checked when loaded rather than by a CHECK: this table takes a million-row upsert,
-- and CHECKs calling functions (length, LIKE) on bound text cost a copy per row.
-- WITHOUT ROWID: the key is the only access path, rows are small.
CREATE TABLE blocklist (
    key          TEXT    NOT NULL PRIMARY KEY CHECK (key <> ''),
    severity     TEXT    NOT NULL CHECK (severity IN ('suspected', 'confirmed')),
    categories   TEXT    NOT NULL,
    report_count INTEGER NOT NULL CHECK (report_count BETWEEN 0 AND 4294967295),
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    sources      TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
) WITHOUT ROWID, STRICT;

-- API keys: only a 32-byte hash of the secret is stored. AUTOINCREMENT: an id is never
-- reused, so an audit trail naming a key id stays unambiguous.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    hash       BLOB    NOT NULL UNIQUE CHECK (length(hash) = 32),
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'analyst', 'partner', 'integrator')),
    region     TEXT    CHECK (region GLOB '[A-Z][A-Z]'),
    label      TEXT    CHECK (length(label) <= 200),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;

-- Small settings: demo-seeded flag, generated secrets.
CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY CHECK (key <> ''),
    value TEXT NOT NULL
) WITHOUT ROWID, STRICT;

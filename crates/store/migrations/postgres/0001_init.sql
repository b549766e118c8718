-- antiscam store: initial schema, PostgreSQL engine.
--
-- Released migrations are never edited (sqlx records a checksum of each file and
-- refuses to start when an applied file changed): later changes go in new files,
-- numbered 0002_*, 0003_*, ... and mirrored in ../sqlite/.
--
-- Enumerations are CHECK constraints. Integers are BIGINT throughout (the code binds
-- and reads i64). Tables are created in the first schema of the search_path.

-- Brands of the registry of official channels, in registry order.
CREATE TABLE brands (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT   NOT NULL UNIQUE CHECK (name <> ''),
    position BIGINT NOT NULL UNIQUE
);

-- Official channels. `kind` is the registry file key ("domains", "x", "addresses", ...);
-- it has no CHECK so that a new channel kind does not need a migration (the registry
-- crate validates kinds when the table is loaded). `position` is the row order of
-- Registry::to_channels, which the load reproduces.
CREATE TABLE channels (
    id       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    brand_id BIGINT  NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL CHECK (kind <> ''),
    value    TEXT    NOT NULL,
    chain    TEXT,
    retired  BOOLEAN NOT NULL,
    position BIGINT  NOT NULL UNIQUE
);

-- One channel belongs to one brand. COALESCE makes a missing chain compare equal
-- (NULLs are otherwise distinct in a unique index).
CREATE UNIQUE INDEX channels_kind_value_chain ON channels (kind, value, COALESCE(chain, ''));
CREATE INDEX channels_brand_id ON channels (brand_id);

-- Reported-scam indicators. `categories` and `sources` are JSON arrays of strings,
-- kept as text so that both engines store the same bytes, and checked when loaded. The key is compared
-- bytewise (COLLATE "C"), as in SQLite, and its index serves ORDER BY key.
CREATE TABLE blocklist (
    key          TEXT COLLATE "C" PRIMARY KEY CHECK (key <> ''),
    severity     TEXT   NOT NULL CHECK (severity IN ('suspected', 'confirmed')),
    categories   TEXT   NOT NULL,
    report_count BIGINT NOT NULL CHECK (report_count BETWEEN 0 AND 4294967295),
    first_seen   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL,
    sources      TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL
);

-- API keys: only a 32-byte hash of the secret is stored.
CREATE TABLE api_keys (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash       BYTEA  NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
    role       TEXT   NOT NULL CHECK (role IN ('admin', 'analyst', 'partner', 'integrator')),
    region     TEXT   CHECK (region ~ '^[A-Z]{2}$'),
    label      TEXT   CHECK (char_length(label) <= 200),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- Small settings: demo-seeded flag, generated secrets.
CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY CHECK (key <> ''),
    value TEXT NOT NULL
);

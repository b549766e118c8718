-- The feed log (issue 15): every version of every blocklist entry in the order it was
-- written, for TAXII 2.1 collections, the MISP feed and signed retractions. A listing
-- or a change appends the entry as written; a delisting appends the entry as it was,
-- `revoked`, with the reason. `added_at` (Unix microseconds, the TAXII `date_added`)
-- rises with `seq` within a transaction (see docs/FEEDS.md for concurrent writers);
-- `object_id` is the STIX indicator id of the key (`feeds::stix::indicator_id`).
-- Keyset pages read `(added_at, seq)` from its index; never the whole table.
CREATE TABLE feed_log (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    added_at     BIGINT  NOT NULL,
    object_id    TEXT    COLLATE "C" NOT NULL,
    key          TEXT    COLLATE "C" NOT NULL CHECK (key <> ''),
    severity     TEXT    NOT NULL CHECK (severity IN ('suspected', 'confirmed')),
    categories   TEXT    NOT NULL,
    report_count BIGINT  NOT NULL,
    first_seen   BIGINT  NOT NULL,
    last_seen    BIGINT  NOT NULL,
    sources      TEXT    NOT NULL,
    revoked      BOOLEAN NOT NULL,
    reason       TEXT
);
CREATE INDEX feed_log_added ON feed_log (added_at, seq);
CREATE INDEX feed_log_object ON feed_log (object_id, added_at);
CREATE INDEX feed_log_retractions ON feed_log (added_at, seq) WHERE revoked;

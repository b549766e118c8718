-- The feed log (issue 15): every version of every blocklist entry in the order it was
-- written, for TAXII 2.1 collections, the MISP feed and signed retractions. A listing
-- or a change appends the entry as written; a delisting appends the entry as it was,
-- `revoked`, with the reason. `added_at` (Unix microseconds, the TAXII `date_added`)
-- strictly increases with `seq` on SQLite (one writer); `object_id` is the STIX
-- indicator id of the key (`feeds::stix::indicator_id`). Keyset pages read
-- `(added_at, seq)` from its index; never the whole table.
CREATE TABLE feed_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    added_at     INTEGER NOT NULL,
    object_id    TEXT    NOT NULL,
    key          TEXT    NOT NULL CHECK (key <> ''),
    severity     TEXT    NOT NULL CHECK (severity IN ('suspected', 'confirmed')),
    categories   TEXT    NOT NULL,
    report_count INTEGER NOT NULL,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    sources      TEXT    NOT NULL,
    revoked      INTEGER NOT NULL CHECK (revoked IN (0, 1)),
    reason       TEXT
) STRICT;
CREATE INDEX feed_log_added ON feed_log (added_at, seq);
CREATE INDEX feed_log_object ON feed_log (object_id, added_at);
CREATE INDEX feed_log_retractions ON feed_log (added_at, seq) WHERE revoked = 1;

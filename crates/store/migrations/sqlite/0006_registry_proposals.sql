-- Registry changes under the two-person rule: a change is stored as a proposal and
-- applied only when a different administrator approves it. `base_version` is the
-- registry version (meta `registry_version`) it was made against: a proposal is stale
-- once the registry changed after it.
CREATE TABLE registry_proposals (
    id              INTEGER PRIMARY KEY,
    created_at      INTEGER NOT NULL,
    author_key_id   INTEGER,
    author_role     TEXT    NOT NULL,
    author_ip       TEXT,
    base_version    INTEGER NOT NULL,
    document        TEXT    NOT NULL,
    diff            TEXT    NOT NULL,
    conflicts       TEXT    NOT NULL,
    override_reason TEXT,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_at      INTEGER,
    decided_key_id  INTEGER,
    decided_role    TEXT,
    decision_note   TEXT
) STRICT;
CREATE INDEX registry_proposals_state ON registry_proposals (state, id);

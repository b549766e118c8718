-- The two-person rule for triage: an analyst's decision that would change what Verify
-- answers about a reported indicator (list it, unlist it, raise it from suspected to
-- confirmed; delist it; uphold a dispute that delists it) is stored here as pending
-- and applied only when another key approves it, in the approval's transaction.
-- `base_state`, `base_listed` and `base_delisted` are the group's triage state
-- ('none' without a group), blocklist severity and delisted flag it was made against:
-- once any of them changed, the decision is stale and cannot be approved. At most one
-- decision per indicator is pending at a time.
CREATE TABLE triage_decisions (
    id             INTEGER PRIMARY KEY,
    key            TEXT    NOT NULL CHECK (key <> ''),
    action         TEXT    NOT NULL CHECK (action IN
                       ('confirm', 'reject', 'duplicate', 'reopen', 'delist', 'uphold')),
    duplicate_of   TEXT,
    dispute_id     INTEGER,
    note           TEXT,
    base_state     TEXT    NOT NULL,
    base_listed    TEXT,
    base_delisted  INTEGER NOT NULL CHECK (base_delisted IN (0, 1)),
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
    created_at     INTEGER NOT NULL,
    author_key_id  INTEGER,
    author_role    TEXT    NOT NULL,
    author_ip      TEXT,
    decided_at     INTEGER,
    decided_key_id INTEGER,
    decided_role   TEXT,
    decision_note  TEXT
) STRICT;
CREATE UNIQUE INDEX triage_decisions_pending ON triage_decisions (key) WHERE state = 'pending';
CREATE INDEX triage_decisions_state ON triage_decisions (state, id);

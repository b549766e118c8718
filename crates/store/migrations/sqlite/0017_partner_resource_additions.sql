-- The two-person rule for the partner resources: an addition makes a new contact
-- admissible in withdrawal alerts, so an administrator's addition is stored here as
-- pending and joins `partner_resources` only when another administrator approves it,
-- in the approval's transaction (`resource_id` is the row it made). Removals only
-- narrow what alerts may show and stay immediate. At most one addition per key waits
-- at a time.
CREATE TABLE partner_resource_additions (
    id             INTEGER PRIMARY KEY,
    key            TEXT    NOT NULL CHECK (key <> ''),
    label          TEXT    NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    created_at     INTEGER NOT NULL,
    author_key_id  INTEGER,
    author_role    TEXT    NOT NULL,
    decided_at     INTEGER,
    decided_key_id INTEGER,
    decision_note  TEXT,
    resource_id    INTEGER
) STRICT;
CREATE UNIQUE INDEX partner_resource_additions_pending ON partner_resource_additions (key) WHERE state = 'pending';
CREATE INDEX partner_resource_additions_state ON partner_resource_additions (state, id);

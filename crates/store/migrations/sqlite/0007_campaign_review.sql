-- Campaign content under review (issue 10): partners' changes to active campaigns wait
-- for an exchange admin; alerts may point only to official channels or to the partner
-- resources admins list here.
CREATE TABLE campaign_revisions (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
    base_updated_at INTEGER NOT NULL,
    spec            TEXT    NOT NULL,
    diff            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    author_key_id   INTEGER,
    author_role     TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_at      INTEGER,
    decided_key_id  INTEGER,
    decision_note   TEXT
) STRICT;
CREATE INDEX campaign_revisions_state ON campaign_revisions (state, id);
CREATE INDEX campaign_revisions_campaign ON campaign_revisions (campaign_id, id);

CREATE TABLE partner_resources (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

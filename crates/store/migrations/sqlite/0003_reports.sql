-- Scam reports, their triage, disputes and the audit log (issue 5), SQLite engine.
-- Mirrored in ../postgres/0003_reports.sql.

-- One row per report. The reporter is a keyed HMAC-SHA256 pseudonym (never an IP
-- address or a token in clear); the contact detail lives in report_contacts.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    reference   TEXT    NOT NULL UNIQUE CHECK (reference <> ''),
    received_at INTEGER NOT NULL,
    reporter    BLOB    NOT NULL CHECK (length(reporter) = 32),
    channel     TEXT,
    region      TEXT    CHECK (region GLOB '[A-Z][A-Z]'),
    loss_amount TEXT,
    loss_asset  TEXT,
    occurred_at INTEGER,
    text        TEXT
) STRICT;
CREATE INDEX reports_region_id ON reports (region, id);

-- Contact details, kept apart: only stored with the reporter's consent, only shown to
-- the partner of the report's region.
CREATE TABLE report_contacts (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    detail    TEXT    NOT NULL CHECK (detail <> '')
) STRICT;

-- Reports grouped by indicator key ("domain:evil.io"), with the triage state.
-- `official`: the indicator was an official channel when last reported (a takeover
-- alert). `delisted`: an analyst delisted it (or upheld a dispute); auto-listing is off
-- until an analyst confirms it.
CREATE TABLE report_groups (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    state        TEXT    NOT NULL CHECK (state IN ('new', 'confirmed', 'rejected', 'duplicate')),
    duplicate_of TEXT,
    official     INTEGER NOT NULL CHECK (official IN (0, 1)),
    delisted     INTEGER NOT NULL CHECK (delisted IN (0, 1)),
    reports      INTEGER NOT NULL CHECK (reports >= 0),
    reporters    INTEGER NOT NULL CHECK (reporters >= 0),
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX report_groups_state ON report_groups (state, reporters);

CREATE TABLE report_indicators (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES report_groups (id),
    official  INTEGER NOT NULL CHECK (official IN (0, 1)),
    PRIMARY KEY (report_id, group_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX report_indicators_group ON report_indicators (group_id, report_id);

-- Distinct reporters per group (pseudonyms), for the auto-listing threshold.
CREATE TABLE group_reporters (
    group_id INTEGER NOT NULL REFERENCES report_groups (id),
    reporter BLOB    NOT NULL,
    PRIMARY KEY (group_id, reporter)
) WITHOUT ROWID, STRICT;

-- Disputes by the owner of a listed indicator.
CREATE TABLE disputes (
    id          INTEGER PRIMARY KEY,
    reference   TEXT    NOT NULL UNIQUE CHECK (reference <> ''),
    key         TEXT    NOT NULL CHECK (key <> ''),
    reason      TEXT    NOT NULL,
    contact     TEXT,
    state       TEXT    NOT NULL CHECK (state IN ('open', 'upheld', 'rejected')),
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    resolution  TEXT
) STRICT;
CREATE INDEX disputes_state ON disputes (state, id);

-- Append-only audit log: who (API key id and role; NULL key for the system, the CLI
-- and the public), what, on what, when, from where (client IP). Triggers refuse
-- updates and deletes.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    key_id INTEGER,
    role   TEXT    NOT NULL CHECK (role <> ''),
    action TEXT    NOT NULL CHECK (action <> ''),
    target TEXT,
    detail TEXT,
    ip     TEXT
) STRICT;
CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

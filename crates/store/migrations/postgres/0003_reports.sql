-- Scam reports, their triage, disputes and the audit log (issue 5), PostgreSQL engine.
-- Mirrored in ../sqlite/0003_reports.sql.

-- One row per report. The reporter is a keyed HMAC-SHA256 pseudonym (never an IP
-- address or a token in clear); the contact detail lives in report_contacts.
CREATE TABLE reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   TEXT   NOT NULL UNIQUE CHECK (reference <> ''),
    received_at BIGINT NOT NULL,
    reporter    BYTEA  NOT NULL CHECK (octet_length(reporter) = 32),
    channel     TEXT,
    region      TEXT   CHECK (region ~ '^[A-Z]{2}$'),
    loss_amount TEXT,
    loss_asset  TEXT,
    occurred_at BIGINT,
    text        TEXT
);
CREATE INDEX reports_region_id ON reports (region, id);

-- Contact details, kept apart: only stored with the reporter's consent, only shown to
-- the partner of the report's region.
CREATE TABLE report_contacts (
    report_id BIGINT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    detail    TEXT   NOT NULL CHECK (detail <> '')
);

-- Reports grouped by indicator key ("domain:evil.io"), with the triage state.
-- `official`: the indicator was an official channel when last reported (a takeover
-- alert). `delisted`: an analyst delisted it (or upheld a dispute); auto-listing is off
-- until an analyst confirms it.
CREATE TABLE report_groups (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key          TEXT    COLLATE "C" NOT NULL UNIQUE CHECK (key <> ''),
    state        TEXT    NOT NULL CHECK (state IN ('new', 'confirmed', 'rejected', 'duplicate')),
    duplicate_of TEXT,
    official     BOOLEAN NOT NULL,
    delisted     BOOLEAN NOT NULL,
    reports      BIGINT  NOT NULL CHECK (reports >= 0),
    reporters    BIGINT  NOT NULL CHECK (reporters >= 0),
    first_seen   BIGINT  NOT NULL,
    last_seen    BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX report_groups_state ON report_groups (state, reporters);

CREATE TABLE report_indicators (
    report_id BIGINT  NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    group_id  BIGINT  NOT NULL REFERENCES report_groups (id),
    official  BOOLEAN NOT NULL,
    PRIMARY KEY (report_id, group_id)
);
CREATE INDEX report_indicators_group ON report_indicators (group_id, report_id);

-- Distinct reporters per group (pseudonyms), for the auto-listing threshold.
CREATE TABLE group_reporters (
    group_id BIGINT NOT NULL REFERENCES report_groups (id),
    reporter BYTEA  NOT NULL,
    PRIMARY KEY (group_id, reporter)
);

-- Disputes by the owner of a listed indicator.
CREATE TABLE disputes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   TEXT   NOT NULL UNIQUE CHECK (reference <> ''),
    key         TEXT   NOT NULL CHECK (key <> ''),
    reason      TEXT   NOT NULL,
    contact     TEXT,
    state       TEXT   NOT NULL CHECK (state IN ('open', 'upheld', 'rejected')),
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    resolution  TEXT
);
CREATE INDEX disputes_state ON disputes (state, id);

-- Append-only audit log: who (API key id and role; NULL key for the system, the CLI
-- and the public), what, on what, when, from where (client IP). A trigger refuses
-- updates, deletes and truncation.
CREATE TABLE audit_log (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     BIGINT NOT NULL,
    key_id BIGINT,
    role   TEXT   NOT NULL CHECK (role <> ''),
    action TEXT   NOT NULL CHECK (action <> ''),
    target TEXT,
    detail TEXT,
    ip     TEXT
);
CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

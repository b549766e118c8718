-- Withdrawal-time interventions (issue 4): campaigns, screenings and their outcomes,
-- per-campaign users, and scam reports linked to pseudonymous users. Mirrors
-- ../sqlite/0002_campaigns.sql (see there for the meaning of each column).

CREATE TABLE campaigns (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT   NOT NULL CHECK (name <> ''),
    status     TEXT   NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'ended')),
    regions    TEXT   NOT NULL CHECK (regions LIKE ',%,'),
    spec       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE screenings (
    id          TEXT     NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    user_hash   BYTEA    NOT NULL CHECK (length(user_hash) = 32),
    region      TEXT     NOT NULL CHECK (region ~ '^[A-Z][A-Z]$'),
    locale      TEXT     NOT NULL,
    decision    TEXT     NOT NULL CHECK (decision IN ('allow', 'warn', 'hold')),
    risk_level  TEXT     NOT NULL CHECK (risk_level IN ('none', 'low', 'medium', 'high', 'critical')),
    risk_score  BIGINT   NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
    signals     BIGINT   NOT NULL,
    amount_usd  DOUBLE PRECISION,
    campaign_id BIGINT   REFERENCES campaigns (id),
    arm         BIGINT   CHECK (arm IN (0, 1)),
    variant     TEXT,
    exposure    BIGINT,
    shown       BOOLEAN  NOT NULL,
    outcomes    BIGINT   NOT NULL DEFAULT 0 CHECK (outcomes BETWEEN 0 AND 15),
    outcome_at  BIGINT,
    created_at  BIGINT   NOT NULL,
    day         BIGINT   NOT NULL
);

CREATE INDEX screenings_stats
    ON screenings (campaign_id, arm, variant, day, exposure, shown, outcomes)
    WHERE arm IS NOT NULL;

CREATE INDEX screenings_user
    ON screenings (user_hash, campaign_id, arm, created_at);

CREATE TABLE campaign_users (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    user_hash   BYTEA  NOT NULL CHECK (length(user_hash) = 32),
    arm         BIGINT NOT NULL CHECK (arm IN (0, 1)),
    first_at    BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_hash)
);

CREATE TABLE user_scam_reports (
    user_hash   BYTEA  NOT NULL CHECK (length(user_hash) = 32),
    reported_at BIGINT NOT NULL,
    PRIMARY KEY (user_hash, reported_at)
);

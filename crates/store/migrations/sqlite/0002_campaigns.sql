-- Withdrawal-time interventions (issue 4): campaigns, screenings and their outcomes,
-- per-campaign users, and scam reports linked to pseudonymous users.
--
-- No user id is stored: `user_hash` is HMAC-SHA256 of the exchange's id under the
-- secret kept in meta (`pseudonym_key`).

-- Campaigns. `spec` is the validated JSON document (campaign::Spec); `status` and
-- `regions` (",HK,MO,") are copies for filtering.
CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL CHECK (name <> ''),
    status     TEXT    NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'ended')),
    regions    TEXT    NOT NULL CHECK (regions GLOB ',*,'),
    spec       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- One screened withdrawal. `campaign_id` is set when a campaign was eligible; `arm`
-- is 0 (exposed) or 1 (holdout), NULL when no campaign applied or the frequency cap
-- held it back. `outcomes` is a bit set: 1 cancelled, 2 reviewed, 4 proceeded,
-- 8 reported. `day` is created_at / 86400 (UTC days), stored for the grouped scan.
CREATE TABLE screenings (
    id          TEXT    NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    user_hash   BLOB    NOT NULL CHECK (length(user_hash) = 32),
    region      TEXT    NOT NULL CHECK (region GLOB '[A-Z][A-Z]'),
    locale      TEXT    NOT NULL,
    decision    TEXT    NOT NULL CHECK (decision IN ('allow', 'warn', 'hold')),
    risk_level  TEXT    NOT NULL CHECK (risk_level IN ('none', 'low', 'medium', 'high', 'critical')),
    risk_score  INTEGER NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
    signals     INTEGER NOT NULL,
    amount_usd  REAL,
    campaign_id INTEGER REFERENCES campaigns (id),
    arm         INTEGER CHECK (arm IN (0, 1)),
    variant     TEXT,
    exposure    INTEGER,
    shown       INTEGER NOT NULL CHECK (shown IN (0, 1)),
    outcomes    INTEGER NOT NULL DEFAULT 0 CHECK (outcomes BETWEEN 0 AND 15),
    outcome_at  INTEGER,
    created_at  INTEGER NOT NULL,
    day         INTEGER NOT NULL
) STRICT;

-- The statistics scan: every column it reads, in GROUP BY order, so SQLite aggregates
-- straight off the index without sorting or touching the table.
CREATE INDEX screenings_stats
    ON screenings (campaign_id, arm, variant, day, exposure, shown, outcomes)
    WHERE arm IS NOT NULL;

-- A user's history with a campaign (frequency cap, exposure number).
CREATE INDEX screenings_user
    ON screenings (user_hash, campaign_id, arm, created_at);

-- Users with an eligible screening, per campaign: their arm and first screening time.
-- Gives distinct users and later-reported scams without scanning screenings.
CREATE TABLE campaign_users (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    user_hash   BLOB    NOT NULL CHECK (length(user_hash) = 32),
    arm         INTEGER NOT NULL CHECK (arm IN (0, 1)),
    first_at    INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, user_hash)
) WITHOUT ROWID, STRICT;

-- Scam reports by pseudonymous users (from the reports pipeline or the API), linked
-- to their earlier screenings by user_hash and time.
CREATE TABLE user_scam_reports (
    user_hash   BLOB    NOT NULL CHECK (length(user_hash) = 32),
    reported_at INTEGER NOT NULL,
    PRIMARY KEY (user_hash, reported_at)
) WITHOUT ROWID, STRICT;

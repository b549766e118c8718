-- The friction ladder (issue 14). Mirrors ../sqlite/0010_friction.sql (see there for
-- the meaning of each column).
CREATE TABLE screening_friction (
    screening_id     TEXT    NOT NULL PRIMARY KEY REFERENCES screenings (id),
    campaign_id      BIGINT  NOT NULL REFERENCES campaigns (id),
    variant          TEXT    NOT NULL,
    user_hash        BYTEA   NOT NULL CHECK (length(user_hash) = 32),
    locale           TEXT    NOT NULL,
    step             TEXT    NOT NULL CHECK (step IN ('confirm', 'hold')),
    state            TEXT    NOT NULL CHECK (state IN ('open', 'released', 'cancelled')),
    risk_score       BIGINT  NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
    hold_hours       BIGINT  NOT NULL CHECK (hold_hours BETWEEN 1 AND 168),
    held_at          BIGINT,
    release_at       BIGINT,
    contact_hash     BYTEA   CHECK (contact_hash IS NULL OR length(contact_hash) = 32),
    contact_key      INTEGER,
    contact_consent  BIGINT  NOT NULL DEFAULT 0 CHECK (contact_consent IN (0, 1)),
    contact_notified BIGINT  CHECK (contact_notified IN (0, 1)),
    created_at       BIGINT  NOT NULL,
    closed_at        BIGINT
);

CREATE INDEX screening_friction_campaign
    ON screening_friction (campaign_id, user_hash, held_at);

CREATE TABLE screening_answers (
    screening_id TEXT    NOT NULL REFERENCES screening_friction (screening_id),
    question     TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    risk         TEXT    NOT NULL CHECK (risk IN ('none', 'low', 'high')),
    answered_at  BIGINT  NOT NULL,
    PRIMARY KEY (screening_id, question)
);

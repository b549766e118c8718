-- The friction ladder (issue 14): a screening's step beyond the alert (`confirm`: a
-- purpose-of-withdrawal questionnaire; `hold`: a cooling-off hold until `release_at`),
-- its answers, and the trusted contact the user named. Only screenings whose variant
-- has a ladder and whose risk reaches it get a row: the common screening writes none.
--
-- `state`: `open` (asked or held), `released` (by the integrator, at or after
-- `release_at`), `cancelled` (by the user, at any time). `held_at` is set when the
-- hold starts (at the screening, or when an answer escalates). `contact_hash` is the
-- keyed pseudonym (HMAC under the user key `contact_key`) of the exchange's id of the
-- trusted contact, never the id itself; `contact_notified` NULL until the exchange
-- says whether it sent the notification, then 0 or 1.
CREATE TABLE screening_friction (
    screening_id     TEXT    NOT NULL PRIMARY KEY REFERENCES screenings (id),
    campaign_id      INTEGER NOT NULL REFERENCES campaigns (id),
    variant          TEXT    NOT NULL,
    user_hash        BLOB    NOT NULL CHECK (length(user_hash) = 32),
    locale           TEXT    NOT NULL,
    step             TEXT    NOT NULL CHECK (step IN ('confirm', 'hold')),
    state            TEXT    NOT NULL CHECK (state IN ('open', 'released', 'cancelled')),
    risk_score       INTEGER NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
    hold_hours       INTEGER NOT NULL CHECK (hold_hours BETWEEN 1 AND 168),
    held_at          INTEGER,
    release_at       INTEGER,
    contact_hash     BLOB    CHECK (contact_hash IS NULL OR length(contact_hash) = 32),
    contact_key      INTEGER,
    contact_consent  INTEGER NOT NULL DEFAULT 0 CHECK (contact_consent IN (0, 1)),
    contact_notified INTEGER CHECK (contact_notified IN (0, 1)),
    created_at       INTEGER NOT NULL,
    closed_at        INTEGER
) STRICT;

-- The per-step statistics: a campaign's held users.
CREATE INDEX screening_friction_campaign
    ON screening_friction (campaign_id, user_hash, held_at);

-- The answers to a screening's questionnaire (ids of the campaign's content).
CREATE TABLE screening_answers (
    screening_id TEXT    NOT NULL REFERENCES screening_friction (screening_id),
    question     TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    risk         TEXT    NOT NULL CHECK (risk IN ('none', 'low', 'high')),
    answered_at  INTEGER NOT NULL,
    PRIMARY KEY (screening_id, question)
) STRICT, WITHOUT ROWID;

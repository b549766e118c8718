-- Signed webhooks (issue 15): partner subscriptions and the durable outbox.
--
-- A subscription's signing secret is never stored: it is derived when needed as
-- HMAC(reporter key `secret_key_id` of the key file, "antiscam-webhook-v1" || nonce),
-- so a copy of the database alone cannot forge or read deliveries.
-- `events` and `regions` are comma-separated lists (`regions` empty: every region).
CREATE TABLE webhook_subscriptions (
    id            INTEGER PRIMARY KEY,
    url           TEXT    NOT NULL CHECK (url <> ''),
    events        TEXT    NOT NULL CHECK (events <> ''),
    regions       TEXT    NOT NULL,
    owner_key_id  INTEGER,
    secret_key_id INTEGER NOT NULL,
    secret_nonce  BLOB    NOT NULL CHECK (length(secret_nonce) = 16),
    created_at    INTEGER NOT NULL,
    deleted_at    INTEGER,
    -- Delivery status, as of the latest attempt.
    last_success_at INTEGER,
    last_failure_at INTEGER,
    last_error    TEXT
) STRICT;

-- One row per event and subscription, written in the same transaction as the change
-- it announces. `state`: pending (to deliver), delivered, dead (attempts or age
-- exhausted; `replay` makes it pending again). `lease_until`: a node claimed it and
-- is delivering until then. Rows of one (subscription, subject) go out in id order.
CREATE TABLE webhook_outbox (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id),
    type            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         INTEGER NOT NULL,
    lease_until     INTEGER NOT NULL DEFAULT 0,
    last_at         INTEGER,
    last_error      TEXT,
    delivered_at    INTEGER
) STRICT;
CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_at);
CREATE INDEX webhook_outbox_subject ON webhook_outbox (subscription_id, subject, state, id);
CREATE INDEX webhook_outbox_status ON webhook_outbox (subscription_id, state, id);

-- "Did we send this?" (issue 14): the keyed fingerprints of what the exchange sent to
-- each user (`provenance` crate), never the text, the user's id or the links.
-- `fingerprint` is HMAC under the user key `key_id` of the user's pseudonym and the
-- normalized text or a link: it names the user and the message together.
CREATE TABLE sent_messages (
    fingerprint BYTEA    NOT NULL PRIMARY KEY CHECK (octet_length(fingerprint) = 16),
    key_id      INTEGER  NOT NULL,
    kind        TEXT     NOT NULL CHECK (kind IN ('text', 'link')),
    channel     TEXT     NOT NULL CHECK (channel <> ''),
    sent_at     BIGINT   NOT NULL,
    expires_at  BIGINT   NOT NULL
);
CREATE INDEX sent_messages_expiry ON sent_messages (expires_at);

-- Secrets out of the database (issue 10), SQLite engine.
-- Mirrored in ../postgres/0005_key_ids.sql.
--
-- The pseudonymization keys moved from `meta` to the key file, where each key has a
-- small id and rotation keeps the retired keys. Every stored pseudonym now carries the
-- id of the key that made it. Rows stored before this migration were made by the key
-- that was in `meta`, which the move installs as key 1: hence the default.
ALTER TABLE reports ADD COLUMN reporter_key INTEGER NOT NULL DEFAULT 1 CHECK (reporter_key >= 1);
ALTER TABLE group_reporters ADD COLUMN reporter_key INTEGER NOT NULL DEFAULT 1 CHECK (reporter_key >= 1);
ALTER TABLE screenings ADD COLUMN user_key INTEGER NOT NULL DEFAULT 1 CHECK (user_key >= 1);
ALTER TABLE campaign_users ADD COLUMN user_key INTEGER NOT NULL DEFAULT 1 CHECK (user_key >= 1);
ALTER TABLE user_scam_reports ADD COLUMN user_key INTEGER NOT NULL DEFAULT 1 CHECK (user_key >= 1);

-- After a rotation, a reporter is looked up under each key's pseudonym to count once.
CREATE INDEX reports_reporter ON reports (reporter);

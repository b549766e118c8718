-- When each reporter (network pseudonym) last named the group, so that only recent
-- reporters count toward automatic listing (reports::Policy::window). Rows from before
-- this migration count as long ago.
ALTER TABLE group_reporters ADD COLUMN last_at BIGINT NOT NULL DEFAULT 0;

-- A compromised official channel (issue 14): since when (Unix seconds) someone else
-- controls it (a hijacked account), and an optional note, public like the registry.
-- Both NULL for a channel that is not compromised; the registry crate validates them
-- when the table is loaded (a retired channel is never compromised).
ALTER TABLE channels ADD COLUMN compromised_since INTEGER;
ALTER TABLE channels ADD COLUMN compromised_note TEXT
    CHECK (compromised_note IS NULL OR length(compromised_note) <= 2000);

-- The operator's allowlist (issue 11): indicators (keyed as Verify keys them) that Verify
-- must not call impersonations: a project whose name is one edit from a brand's, a
-- partner's own handle. Changes what users are told, so every row says who added it,
-- from which file and why, and every addition and removal is audited in the same
-- transaction (`allowlist.add`, `allowlist.remove`). Rows are removed, never edited.
-- Any change raises `gen:allowlist` so that every node rebuilds its index.
CREATE TABLE allowlist (
    key      TEXT    PRIMARY KEY CHECK (key <> ''),
    added_by TEXT    NOT NULL CHECK (added_by <> ''),
    source   TEXT    NOT NULL,
    note     TEXT    NOT NULL,
    added_at INTEGER NOT NULL
) STRICT;
CREATE TRIGGER allowlist_inserted AFTER INSERT ON allowlist BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:allowlist', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER allowlist_updated AFTER UPDATE ON allowlist BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:allowlist', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER allowlist_deleted AFTER DELETE ON allowlist BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:allowlist', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;

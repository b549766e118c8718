-- The operator's allowlist (issue 11): indicators (keyed as Verify keys them) that Verify
-- must not call impersonations: a project whose name is one edit from a brand's, a
-- partner's own handle. Changes what users are told, so every row says who added it,
-- from which file and why, and every addition and removal is audited in the same
-- transaction (`allowlist.add`, `allowlist.remove`). Rows are removed, never edited.
-- Any change raises `gen:allowlist` (announced like the other counters, migration 0008)
-- so that every node rebuilds its index.
CREATE TABLE allowlist (
    key      TEXT    COLLATE "C" PRIMARY KEY CHECK (key <> ''),
    added_by TEXT    NOT NULL CHECK (added_by <> ''),
    source   TEXT    NOT NULL,
    note     TEXT    NOT NULL,
    added_at BIGINT  NOT NULL
);
CREATE TRIGGER allowlist_changed AFTER INSERT OR UPDATE OR DELETE ON allowlist
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:allowlist');

-- Change notifications for several nodes on one database (issue 12). Every write to
-- what a node keeps in memory (the registry, campaigns, API keys, partner resources)
-- raises a counter in `meta` (`gen:<entity>`) in the writer's own transaction, whatever
-- code made it; the store's code raises `blocklist_generation` with every blocklist
-- change (a statement trigger would also fire for an upsert that changed nothing, and
-- row triggers would slow a million-row import). A change
-- to any counter is announced on the channel `antiscam_changes` (delivered at commit),
-- so the other nodes reload at once; a node that missed it (connection lost) still
-- sees the counter at its next poll.
CREATE FUNCTION antiscam_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO meta (key, value) VALUES (TG_ARGV[0], '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT);
    RETURN NULL;
END $$;

CREATE TRIGGER brands_changed AFTER INSERT OR UPDATE OR DELETE ON brands
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:registry');
CREATE TRIGGER channels_changed AFTER INSERT OR UPDATE OR DELETE ON channels
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:registry');
CREATE TRIGGER campaigns_changed AFTER INSERT OR UPDATE OR DELETE ON campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:campaigns');
CREATE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:keys');
CREATE TRIGGER partner_resources_changed AFTER INSERT OR UPDATE OR DELETE ON partner_resources
    FOR EACH STATEMENT EXECUTE FUNCTION antiscam_bump_generation('gen:resources');

CREATE FUNCTION antiscam_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('antiscam_changes', NEW.key);
    RETURN NULL;
END $$;

CREATE TRIGGER meta_generation_changed AFTER INSERT OR UPDATE ON meta
    FOR EACH ROW WHEN (NEW.key LIKE 'gen:%' OR NEW.key = 'blocklist_generation')
    EXECUTE FUNCTION antiscam_notify_change();

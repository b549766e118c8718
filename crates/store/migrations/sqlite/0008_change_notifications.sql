-- Change counters (issue 12): every write to what a server keeps in memory (the
-- registry, campaigns, API keys, partner resources) raises `gen:<entity>` in `meta` in
-- the writer's own transaction, whatever code or process made it; the blocklist
-- already raises `blocklist_generation` itself. Servers poll the counters. (SQLite
-- has only row triggers; these tables are small and rarely written.)
CREATE TRIGGER brands_inserted AFTER INSERT ON brands BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER brands_updated AFTER UPDATE ON brands BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER brands_deleted AFTER DELETE ON brands BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER channels_inserted AFTER INSERT ON channels BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER channels_updated AFTER UPDATE ON channels BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER channels_deleted AFTER DELETE ON channels BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:registry', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER campaigns_inserted AFTER INSERT ON campaigns BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:campaigns', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER campaigns_updated AFTER UPDATE ON campaigns BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:campaigns', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER campaigns_deleted AFTER DELETE ON campaigns BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:campaigns', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER api_keys_inserted AFTER INSERT ON api_keys BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:keys', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER api_keys_updated AFTER UPDATE ON api_keys BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:keys', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:keys', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER partner_resources_inserted AFTER INSERT ON partner_resources BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:resources', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER partner_resources_updated AFTER UPDATE ON partner_resources BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:resources', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;
CREATE TRIGGER partner_resources_deleted AFTER DELETE ON partner_resources BEGIN
    INSERT INTO meta (key, value) VALUES ('gen:resources', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT);
END;

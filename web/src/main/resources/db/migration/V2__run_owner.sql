-- Which server process runs a run, and when it last said it was alive: a server starting on the
-- same database marks as interrupted only runs whose owner has stopped (heartbeat too old),
-- never another live server's runs.
ALTER TABLE runs ADD COLUMN owner VARCHAR(100);
ALTER TABLE runs ADD COLUMN heartbeat_at VARCHAR(40);

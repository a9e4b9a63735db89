-- Telegram's limits are the bot's (30 messages a second) and each chat's (about one a second;
-- 20 a minute in a group), whichever instance sends: every instance takes a slot here before
-- a message goes (bot/storage/send_slots.py). `next_at` is when the key's next slot falls,
-- in seconds on the database's clock; a key limited per window keeps its `recent` slots too.
-- A row whose time has passed says nothing and is pruned within seconds, so a chat's id stays
-- here no longer than its messages take to go.
CREATE TABLE send_slots (
    key TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL,
    recent TEXT
);
-- Instances no longer count each other: their old beats go.
DELETE FROM heartbeats WHERE name LIKE 'instance %';

-- As on SQLite (see the shared file), but unlogged: taking a slot is a write on every message
-- sent, and skipping the write-ahead log makes it cheaper. A crash empties the table, which
-- costs at most one burst per key, never a lost message.
CREATE UNLOGGED TABLE send_slots (
    key TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL,
    recent TEXT
);
-- Instances no longer count each other: their old beats go.
DELETE FROM heartbeats WHERE name LIKE 'instance %';

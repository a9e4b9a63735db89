-- Updates as Telegram sent them, stored before Telegram is told they arrived (the webhook's
-- 200, the next getUpdates offset), so an update an instance accepted and did not finish is
-- handled by another, or by the same one after a restart. `sender_id` (the user whose updates
-- keep their order) and `payload` (the update's JSON, client text included) are cleared when
-- the update is handled; the row stays a while so a repeat of the update changes nothing.
-- Claimed like due messages (0012): the instance that accepted an update holds it while it
-- lives.
CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    sender_id INTEGER,
    payload TEXT,
    received_at TEXT NOT NULL,
    handled_at TEXT,
    claimed_until TEXT,
    claimed_by TEXT
);
CREATE INDEX inbox_waiting ON inbox(sender_id, update_id) WHERE handled_at IS NULL;
CREATE INDEX inbox_claims ON inbox(claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX inbox_handled ON inbox(handled_at) WHERE handled_at IS NOT NULL;
-- The outbox also carries a turn's replies to the chat the update came from ('reply'), stored
-- with the turn's changes and sent in order. SQLite cannot change a CHECK: the table is copied.
CREATE TABLE outbox_widened (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('staff', 'client', 'reply')),
    user_id INTEGER,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    claimed_until TEXT,
    claimed_by TEXT,
    replaces BIGINT
);
INSERT INTO outbox_widened SELECT id, kind, user_id, payload, attempts, retry_at, created_at,
    claimed_until, claimed_by, replaces FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_widened RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(retry_at);
CREATE INDEX outbox_claims ON outbox(claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX outbox_replies ON outbox(user_id, id) WHERE kind = 'reply';

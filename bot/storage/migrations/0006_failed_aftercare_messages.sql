-- An aftercare message Telegram rejects for good (a 400) is 'failed' on its own; the rest of
-- the week goes on. SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE aftercare_messages_new (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES aftercare_plans(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'skipped', 'cancelled', 'failed')),
    retry_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at TEXT,
    UNIQUE (plan_id, day)
);
INSERT INTO aftercare_messages_new (id, plan_id, day, due_at, status, retry_at, attempts, sent_at)
    SELECT id, plan_id, day, due_at, status, retry_at, attempts, sent_at FROM aftercare_messages;
DROP TABLE aftercare_messages;
ALTER TABLE aftercare_messages_new RENAME TO aftercare_messages;
CREATE INDEX aftercare_due ON aftercare_messages(due_at) WHERE status = 'pending';

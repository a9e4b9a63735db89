-- A time the client holds that staff have not confirmed gets a reminder of its own the evening
-- before (`held`). SQLite cannot change a CHECK, so the table is made again as it was, with
-- the new kind allowed; its rows and indexes come along.
CREATE TABLE appointment_reminders_held (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('eve', 'morning', 'held')),
    appointment_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    sent_at TEXT,
    outcome TEXT,
    claimed_until TEXT,
    claimed_by TEXT
);
INSERT INTO appointment_reminders_held (id, lead_id, kind, appointment_at, due_at, sent_at,
                                        outcome, claimed_until, claimed_by)
    SELECT id, lead_id, kind, appointment_at, due_at, sent_at, outcome, claimed_until, claimed_by
    FROM appointment_reminders;
DROP TABLE appointment_reminders;
ALTER TABLE appointment_reminders_held RENAME TO appointment_reminders;
CREATE INDEX appointment_reminders_due ON appointment_reminders(due_at) WHERE sent_at IS NULL;
CREATE INDEX appointment_reminder_claims ON appointment_reminders(claimed_by)
    WHERE claimed_by IS NOT NULL;

-- Appointment reminders: the evening before and the morning of a booked appointment, sent by
-- the scheduler. A new appointment time replaces the unsent ones.
CREATE TABLE appointment_reminders (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('eve', 'morning')),
    appointment_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    sent_at TEXT,
    outcome TEXT
);
CREATE INDEX appointment_reminders_due ON appointment_reminders(due_at) WHERE sent_at IS NULL;
-- The client's answer to a reminder (confirm, reschedule, cancel), for one appointment time.
CREATE TABLE appointment_answers (
    lead_id INTEGER PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
    appointment_at TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('confirm', 'reschedule', 'cancel')),
    answered_at TEXT NOT NULL
);
-- A booking prompt that was answered, or whose lead moved on, is closed: a late reply to it
-- books nothing.
ALTER TABLE booking_prompts ADD COLUMN closed_at TEXT;

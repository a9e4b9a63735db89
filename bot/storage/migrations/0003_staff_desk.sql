-- The staff desk: lead status history, appointment times, staff names for cards, the
-- appointment-date prompts, the relay between client chats and staff-chat messages, and the
-- anonymous funnel counts.
ALTER TABLE leads ADD COLUMN appointment_at TEXT;
CREATE INDEX leads_by_status ON leads(status, id);
-- One row per status change, kept for as long as the lead is.
CREATE TABLE lead_history (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    staff_user_id INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX lead_history_by_lead ON lead_history(lead_id, id);
-- The name a staff member last acted under, so a re-rendered card can say who set a status.
CREATE TABLE staff_members (
    user_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Staff-chat messages asking for an appointment's date and time: a reply to one books the lead.
CREATE TABLE booking_prompts (
    message_id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    staff_user_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- Relay threads: a staff-chat message that, when replied to, reaches the client. `root` is the
-- message the thread started from (a forwarded question, an aftercare alert).
CREATE TABLE relay_threads (
    staff_message_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    root_message_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- A client whose next free text goes back to a thread (after a staff answer, for a while).
CREATE TABLE relay_open (
    user_id INTEGER PRIMARY KEY REFERENCES clients(user_id) ON DELETE CASCADE,
    root_message_id INTEGER NOT NULL,
    opened_at TEXT NOT NULL
);
-- Anonymous funnel: which stage was reached on which local day. No user id, by design, so the
-- statistics survive the deletion of personal data.
CREATE TABLE funnel_events (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL,
    day TEXT NOT NULL
);
CREATE INDEX funnel_by_day ON funnel_events(day, stage)

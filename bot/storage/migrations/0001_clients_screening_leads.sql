-- Clients, consent records, screenings with their answers, leads, questions for staff,
-- per-client chat state and reminders.
CREATE TABLE clients (
    user_id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT,
    username TEXT,
    telegram_language TEXT,
    language TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    given_at TEXT NOT NULL
);
CREATE INDEX consents_by_user ON consents(user_id, version);
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    consent_id INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('active', 'finished', 'cancelled')),
    current_step TEXT,
    outcome TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE UNIQUE INDEX one_active_screening ON screenings(user_id) WHERE status = 'active';
CREATE TABLE screening_answers (
    screening_id INTEGER NOT NULL REFERENCES screenings(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (screening_id, step_id)
);
CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    screening_id INTEGER REFERENCES screenings(id) ON DELETE SET NULL,
    outcome TEXT NOT NULL,
    phone TEXT,
    contact_username TEXT,
    preferred_time TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    created_at TEXT NOT NULL,
    staff_message_id INTEGER
);
CREATE INDEX leads_by_user ON leads(user_id);
CREATE TABLE staff_questions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    staff_message_id INTEGER
);
CREATE TABLE chat_states (
    user_id INTEGER PRIMARY KEY REFERENCES clients(user_id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX reminders_due ON reminders(due_at) WHERE sent_at IS NULL;

-- The aftercare week: a plan per procedure, its eight daily messages written up front (so a
-- restart loses nothing), and the client's check-in answers. A client's own timezone, and
-- whether the bot can still reach them.
ALTER TABLE clients ADD COLUMN timezone TEXT;
ALTER TABLE clients ADD COLUMN unreachable_at TEXT;
CREATE TABLE aftercare_plans (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
    treated_on TEXT NOT NULL,
    timezone TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'finished', 'stopped', 'unreachable')),
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE UNIQUE INDEX one_active_plan ON aftercare_plans(user_id) WHERE status = 'active';
CREATE TABLE aftercare_messages (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES aftercare_plans(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'skipped', 'cancelled')),
    retry_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at TEXT,
    UNIQUE (plan_id, day)
);
CREATE INDEX aftercare_due ON aftercare_messages(due_at) WHERE status = 'pending';
CREATE TABLE aftercare_checkins (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES aftercare_plans(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    answer TEXT NOT NULL,
    details TEXT,
    problem INTEGER NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX aftercare_checkins_by_plan ON aftercare_checkins(plan_id);

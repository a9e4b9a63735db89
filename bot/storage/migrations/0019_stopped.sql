-- When the client asked for nothing more unasked (/stop): staff actions that would plan
-- reminders or start an aftercare week hold to it until the client books again or starts a
-- week themselves.
ALTER TABLE clients ADD COLUMN stopped_at TEXT;

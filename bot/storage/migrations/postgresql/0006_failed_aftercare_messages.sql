-- An aftercare message Telegram rejects for good (a 400) is 'failed' on its own; the rest of
-- the week goes on. PostgreSQL changes the CHECK in place (named in 0002); rows, ids and the
-- identity sequence stay as they are.
ALTER TABLE aftercare_messages DROP CONSTRAINT aftercare_messages_status_check;
ALTER TABLE aftercare_messages ADD CONSTRAINT aftercare_messages_status_check
    CHECK (status IN ('pending', 'sent', 'skipped', 'cancelled', 'failed'));

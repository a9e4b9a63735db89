-- PostgreSQL form of the shared file: the CHECK is replaced in place.
ALTER TABLE appointment_reminders DROP CONSTRAINT appointment_reminders_kind_check;
ALTER TABLE appointment_reminders ADD CONSTRAINT appointment_reminders_kind_check
    CHECK (kind IN ('eve', 'morning', 'held'));

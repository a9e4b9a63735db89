-- Several instances may share one database: each due message is claimed by the instance that
-- sends it (`claimed_by`), until `claimed_until`, which that instance keeps moving on while it
-- lives, so no other instance sends it too; the claims of an instance that died run out and
-- its messages are sent by another. `replaces` is the staff-chat message a waiting edit is
-- for, so a newer edit replaces it without reading the JSON.
ALTER TABLE aftercare_messages ADD COLUMN claimed_until TEXT;
ALTER TABLE aftercare_messages ADD COLUMN claimed_by TEXT;
CREATE INDEX aftercare_claims ON aftercare_messages(claimed_by) WHERE claimed_by IS NOT NULL;
ALTER TABLE appointment_reminders ADD COLUMN claimed_until TEXT;
ALTER TABLE appointment_reminders ADD COLUMN claimed_by TEXT;
CREATE INDEX appointment_reminder_claims ON appointment_reminders(claimed_by)
    WHERE claimed_by IS NOT NULL;
ALTER TABLE reminders ADD COLUMN claimed_until TEXT;
ALTER TABLE reminders ADD COLUMN claimed_by TEXT;
CREATE INDEX reminder_claims ON reminders(claimed_by) WHERE claimed_by IS NOT NULL;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
CREATE INDEX outbox_claims ON outbox(claimed_by) WHERE claimed_by IS NOT NULL;
ALTER TABLE outbox ADD COLUMN replaces BIGINT;

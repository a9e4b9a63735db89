-- Several instances may share one database: each due message is claimed by the instance that
-- sends it, until `claimed_until`, so no other instance sends it too; a claim of an instance
-- that died runs out and the message is sent by another. `replaces` is the staff-chat message
-- a waiting edit is for, so a newer edit replaces it without reading the JSON.
ALTER TABLE aftercare_messages ADD COLUMN claimed_until TEXT;
ALTER TABLE appointment_reminders ADD COLUMN claimed_until TEXT;
ALTER TABLE reminders ADD COLUMN claimed_until TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE outbox ADD COLUMN replaces BIGINT;
UPDATE outbox SET replaces = (payload::json ->> 'edit')::bigint WHERE kind = 'staff';

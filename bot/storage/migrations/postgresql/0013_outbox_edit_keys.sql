-- Staff-chat edits already waiting at the upgrade name the message they are for (`replaces`),
-- so a newer edit replaces them. The JSON is read here once; the engines spell it differently.
UPDATE outbox SET replaces = (payload::json ->> 'edit')::bigint WHERE kind = 'staff';

-- PostgreSQL form of the shared file: ids are BIGINT, and the outbox's CHECK is replaced in
-- place rather than by copying the table.
CREATE TABLE inbox (
    update_id BIGINT PRIMARY KEY,
    sender_id BIGINT,
    payload TEXT,
    received_at TEXT NOT NULL,
    handled_at TEXT,
    claimed_until TEXT,
    claimed_by TEXT
);
CREATE INDEX inbox_waiting ON inbox(sender_id, update_id) WHERE handled_at IS NULL;
CREATE INDEX inbox_claims ON inbox(claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX inbox_handled ON inbox(handled_at) WHERE handled_at IS NOT NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('staff', 'client', 'reply'));
CREATE INDEX outbox_replies ON outbox(user_id, id) WHERE kind = 'reply';

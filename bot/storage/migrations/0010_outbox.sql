-- Messages the bot owes someone outside the update that caused them (staff answers and
-- confirmations to clients, posts to the staff chat), kept until Telegram has taken them or
-- refused them for good. `payload` is the post as JSON; `user_id` is the client it is about,
-- so erasing the client's data takes what still waits for them too.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('staff', 'client')),
    user_id INTEGER,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(retry_at);

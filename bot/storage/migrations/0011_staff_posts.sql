-- Staff-chat messages that name a client (a full lead card, search results, a lead list, the
-- CSV export): erasing the client's data edits them (or deletes the file) in the chat too.
CREATE TABLE staff_posts (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    document INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX staff_posts_by_client ON staff_posts(user_id);

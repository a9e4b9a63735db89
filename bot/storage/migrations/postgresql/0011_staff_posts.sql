-- PostgreSQL form of the shared file: the staff-chat message id and the client's Telegram id
-- are BIGINT.
CREATE TABLE staff_posts (
    message_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    document INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX staff_posts_by_client ON staff_posts(user_id);

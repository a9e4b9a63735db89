-- The course staff set on a lead's card: the next session in `weeks` weeks after the
-- procedure, `sessions` in all (when staff gave it; /course checks the bounds). No row: staff
-- set none, and nothing is offered.
CREATE TABLE courses (
    lead_id BIGINT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
    weeks INTEGER NOT NULL,
    sessions INTEGER,
    set_at TEXT NOT NULL
);

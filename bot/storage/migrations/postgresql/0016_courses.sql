-- The course staff set on a lead's card: the next session in `weeks` weeks after the
-- procedure, `sessions` in all (when staff gave it). No row: staff set none, nothing is offered.
CREATE TABLE courses (
    lead_id BIGINT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
    weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
    sessions INTEGER CHECK (sessions BETWEEN 1 AND 50),
    set_at TEXT NOT NULL
);

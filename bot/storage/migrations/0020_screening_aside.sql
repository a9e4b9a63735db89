-- Whether the open check's question has been left for something else (the menu, another
-- button): typed text then answers it no more until the question is shown again.
ALTER TABLE screenings ADD COLUMN aside INTEGER NOT NULL DEFAULT 0;

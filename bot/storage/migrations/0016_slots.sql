-- Free slots the client picks. A held or confirmed slot takes one of the clinic's seats at its
-- start time: the primary key lets no two leads hold the same seat, whoever commits first.
-- A row lives while its lead's time is active; ending the appointment deletes it.
CREATE TABLE seats (
    starts_at TEXT NOT NULL,
    seat INTEGER NOT NULL,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    PRIMARY KEY (starts_at, seat)
);
CREATE INDEX seats_by_lead ON seats(lead_id);
-- Times staff closed for booking (a training day, a broken device): no slot overlaps them.
CREATE TABLE blocked_times (
    id INTEGER PRIMARY KEY,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    staff_user_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX blocked_times_by_end ON blocked_times(ends_at);
-- What the client asked for in their own words (a day, "only after 18:00", "with a friend"),
-- shown on the lead's card.
ALTER TABLE leads ADD COLUMN note TEXT;

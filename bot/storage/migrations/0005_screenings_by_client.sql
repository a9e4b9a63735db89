-- A client's latest finished check (booking asks for it) is a point lookup, not a scan of
-- every screening.
CREATE INDEX screenings_by_client ON screenings(user_id, status);

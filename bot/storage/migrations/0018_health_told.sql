-- When the client last told something of their health outside the check (a condition, a
-- medicine, a symptom typed at the menu or while booking), not yet counted in a check: the
-- check that finishes next, or the one a booking rests on, counts it as told. No words are
-- kept, only the moment; cleared once counted, by retention, and with the client on erasure.
ALTER TABLE clients ADD COLUMN health_told_at TEXT;

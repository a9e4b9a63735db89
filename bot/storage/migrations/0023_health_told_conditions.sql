-- What the health told outside the check concerns, where the client's words named conditions
-- of the check: their ids, comma-separated ("bleeding,herpes"), never the words. The check
-- that counts it names them to the client and on the lead card, so staff know what to ask.
-- NULL where nothing was named; cleared with health_told_at.
ALTER TABLE clients ADD COLUMN health_told TEXT;

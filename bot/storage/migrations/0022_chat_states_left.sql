-- Bookings a client left at the choice of time are found by their state and how long it has
-- not moved (bot/flows/booking.py, `handed_over`): every scheduler run asks.
CREATE INDEX chat_states_left ON chat_states(state, updated_at);

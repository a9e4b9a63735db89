-- Heartbeats of background work (the scheduler), read by `clinicbot health`.
CREATE TABLE heartbeats (
    name TEXT PRIMARY KEY,
    at TEXT NOT NULL
);

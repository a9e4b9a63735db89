-- Which database file (device and inode) the scheduler beat on, so `clinicbot health` can tell
-- a file replaced under the running bot from the one it writes to.
ALTER TABLE heartbeats ADD COLUMN database_file TEXT;

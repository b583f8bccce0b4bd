-- Who placed an account's lock: a lock placed by a higher role is lifted only at that level.
ALTER TABLE IDN_ACCOUNT ADD COLUMN LOCKED_BY VARCHAR(100);

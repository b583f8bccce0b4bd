-- Notices belong to a unit (their audience is its subtree) and carry its path, so reads filter by the
-- caller's scope in one prefix scan of this table. Instants are epoch milliseconds (*_MS).
-- Notices of version 1 had no unit: they keep an empty path, which no scope covers (publish them again
-- at a unit); their time is read as UTC.
ALTER TABLE SMP_NOTICE ADD COLUMN UNIT_ID VARCHAR(36) NOT NULL DEFAULT '';
ALTER TABLE SMP_NOTICE ADD COLUMN UNIT_PATH VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE SMP_NOTICE ADD COLUMN PUBLISHED_MS BIGINT;
UPDATE SMP_NOTICE SET PUBLISHED_MS = CAST({fn TIMESTAMPDIFF(SQL_TSI_SECOND, TIMESTAMP('1970-01-01 00:00:00'), PUBLISHED_AT)} AS BIGINT) * 1000;
ALTER TABLE SMP_NOTICE ALTER COLUMN PUBLISHED_MS NOT NULL;
DROP INDEX SMP_NOTICE_PUBLISHED;
ALTER TABLE SMP_NOTICE DROP COLUMN PUBLISHED_AT;
CREATE INDEX SMP_NOTICE_UNIT ON SMP_NOTICE (UNIT_PATH, PUBLISHED_MS);

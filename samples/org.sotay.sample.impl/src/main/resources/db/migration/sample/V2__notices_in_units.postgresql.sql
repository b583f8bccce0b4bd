-- Notices belong to a unit (their audience is its subtree) and carry its path, so reads filter by the
-- caller's scope in one prefix scan of this table ("C" collation: byte order, so LIKE 'prefix%' uses the
-- index). Instants are epoch milliseconds (*_MS). Notices of version 1 had no unit: they keep an empty
-- path, which no scope covers (publish them again at a unit).
ALTER TABLE SMP_NOTICE ADD COLUMN UNIT_ID VARCHAR(36) NOT NULL DEFAULT '';
ALTER TABLE SMP_NOTICE ADD COLUMN UNIT_PATH VARCHAR(1000) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE SMP_NOTICE ADD COLUMN PUBLISHED_MS BIGINT;
UPDATE SMP_NOTICE SET PUBLISHED_MS = CAST(EXTRACT(EPOCH FROM (PUBLISHED_AT AT TIME ZONE current_setting('TimeZone'))) * 1000 AS BIGINT);
ALTER TABLE SMP_NOTICE ALTER COLUMN PUBLISHED_MS SET NOT NULL;
DROP INDEX SMP_NOTICE_PUBLISHED;
ALTER TABLE SMP_NOTICE DROP COLUMN PUBLISHED_AT;
CREATE INDEX SMP_NOTICE_UNIT ON SMP_NOTICE (UNIT_PATH, PUBLISHED_MS);

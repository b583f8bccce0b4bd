-- PostgreSQL only: the sort keys and unit ids compare bytes ("C" collation), so ORDER BY PARENT_KEY,
-- NAME_KEY, UNIT_ID is the Vietnamese order (and the same tie-break as Java's String order) whatever
-- the database's locale.
ALTER TABLE RPT_UNIT ALTER COLUMN NAME_KEY TYPE VARCHAR(1000) COLLATE "C";
ALTER TABLE RPT_UNIT ALTER COLUMN PARENT_KEY TYPE VARCHAR(1000) COLLATE "C";
ALTER TABLE RPT_UNIT ALTER COLUMN UNIT_ID TYPE VARCHAR(36) COLLATE "C";

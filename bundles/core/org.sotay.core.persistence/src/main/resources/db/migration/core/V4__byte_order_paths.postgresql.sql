-- PostgreSQL only: unit paths compare bytes ("C" collation), so UNIT_PATH LIKE 'prefix%' can use the
-- b-tree index whatever the database's locale (as the registry's own paths). The index is rebuilt.
ALTER TABLE CORE_AUDIT ALTER COLUMN UNIT_PATH TYPE VARCHAR(1000) COLLATE "C";

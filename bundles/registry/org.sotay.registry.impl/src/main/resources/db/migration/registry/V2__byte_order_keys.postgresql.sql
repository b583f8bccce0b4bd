-- PostgreSQL only (Derby already compares VARCHAR by code point): the path and key columns compare
-- bytes ("C" collation), so ORDER BY SORT_KEY is the Vietnamese order whatever the database's
-- locale, and PATH LIKE 'prefix%' can use the plain b-tree index. The indexes are rebuilt.
ALTER TABLE REG_UNIT ALTER COLUMN NAME_KEY TYPE VARCHAR(300) COLLATE "C";
ALTER TABLE REG_UNIT ALTER COLUMN PATH TYPE VARCHAR(1000) COLLATE "C";
ALTER TABLE REG_UNIT_HISTORY ALTER COLUMN PATH TYPE VARCHAR(1000) COLLATE "C";
ALTER TABLE REG_MEMBER ALTER COLUMN NAME_KEY TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE REG_MEMBER ALTER COLUMN SORT_KEY TYPE VARCHAR(400) COLLATE "C";

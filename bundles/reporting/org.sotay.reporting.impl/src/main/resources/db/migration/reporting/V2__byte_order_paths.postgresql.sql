-- PostgreSQL only: unit paths compare bytes ("C" collation), so PATH LIKE 'prefix%' uses the b-tree
-- index whatever the database's locale (as the registry's and the audit trail's paths).
ALTER TABLE RPT_UNIT ALTER COLUMN PATH TYPE VARCHAR(1000) COLLATE "C";

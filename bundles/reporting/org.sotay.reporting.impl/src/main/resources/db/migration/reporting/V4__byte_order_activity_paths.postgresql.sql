-- PostgreSQL only: the paths of the activity table compare bytes ("C" collation), so PATH LIKE 'prefix%' uses its index.
ALTER TABLE RPT_CELL_ACTIVITY ALTER COLUMN PATH TYPE VARCHAR(1000) COLLATE "C";

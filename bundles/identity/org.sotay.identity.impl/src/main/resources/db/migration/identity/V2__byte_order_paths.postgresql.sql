-- PostgreSQL only: account home paths and name keys compare bytes ("C" collation), so
-- HOME_UNIT_PATH LIKE 'prefix%' uses the b-tree index and NAME_KEY orders the same on every locale.
ALTER TABLE IDN_ACCOUNT ALTER COLUMN HOME_UNIT_PATH TYPE VARCHAR(1000) COLLATE "C";
ALTER TABLE IDN_ACCOUNT ALTER COLUMN NAME_KEY TYPE VARCHAR(300) COLLATE "C";

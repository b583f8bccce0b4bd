-- Background imports are tracked jobs of the platform now (CORE_JOB), their uploads in its file store.
DROP TABLE REG_IMPORT_JOB;
-- A unit's sort key is about three characters per letter of its name (more for letters that
-- decompose): room for a name of 300 characters. Keys are cut to their column whatever the name.
ALTER TABLE REG_UNIT ALTER COLUMN NAME_KEY TYPE VARCHAR(1000) COLLATE "C";

-- The items of the ${moduleName} module. Every table of the module starts with ${tablePrefix}_. Instants are epoch
-- milliseconds (*_MS); each row keeps its unit's id and materialized path, so the scope filter is one prefix
-- scan of this table ("C" collation: byte order, so LIKE 'prefix%' uses the index).
CREATE TABLE ${tablePrefix}_ITEM (
  ID VARCHAR(36) NOT NULL PRIMARY KEY,
  UNIT_ID VARCHAR(36) NOT NULL,
  UNIT_PATH VARCHAR(1000) COLLATE "C" NOT NULL,
  TITLE VARCHAR(200) NOT NULL,
  CREATED_MS BIGINT NOT NULL,
  CREATED_BY VARCHAR(100) NOT NULL,
  VERSION BIGINT NOT NULL
);
CREATE INDEX ${tablePrefix}_ITEM_UNIT ON ${tablePrefix}_ITEM (UNIT_PATH, CREATED_MS);

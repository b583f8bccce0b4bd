-- The platform's own tables start with CORE_.
-- The audit trail: one append-only line per write in any module, written in the module's own
-- transaction. UNIT_PATH is the materialized path of the unit acted in ("/<root>/.../<unit>/"),
-- so "the trail of my subtree" is one indexed prefix scan. AT_MS is epoch milliseconds (UTC).
CREATE TABLE CORE_AUDIT (
  ID VARCHAR(36) NOT NULL PRIMARY KEY,
  AT_MS BIGINT NOT NULL,
  ACTOR VARCHAR(100) NOT NULL,
  ACTOR_NAME VARCHAR(300),
  MODULE VARCHAR(40) NOT NULL,
  ACTION VARCHAR(80) NOT NULL,
  TARGET_TYPE VARCHAR(40),
  TARGET_ID VARCHAR(100),
  UNIT_ID VARCHAR(36),
  UNIT_PATH VARCHAR(1000) NOT NULL,
  SUMMARY VARCHAR(2000),
  CLIENT_ADDRESS VARCHAR(64),
  USER_AGENT VARCHAR(300),
  REQUEST_ID VARCHAR(64)
);
CREATE INDEX CORE_AUDIT_PATH ON CORE_AUDIT (UNIT_PATH, AT_MS);
CREATE INDEX CORE_AUDIT_AT ON CORE_AUDIT (AT_MS);
CREATE INDEX CORE_AUDIT_TARGET ON CORE_AUDIT (TARGET_ID);

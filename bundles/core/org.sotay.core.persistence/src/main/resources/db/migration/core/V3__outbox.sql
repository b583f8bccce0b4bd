-- The transactional outbox: events written in the transaction of their change, delivered on
-- EventAdmin by one node of the cluster (a claim with an expiry is the lease), kept a week after
-- delivery for diagnosis.
CREATE TABLE CORE_OUTBOX (
  ID VARCHAR(36) NOT NULL PRIMARY KEY,
  TOPIC VARCHAR(200) NOT NULL,
  PROPERTIES VARCHAR(8000) NOT NULL,
  CREATED_MS BIGINT NOT NULL,
  CLAIMED_BY VARCHAR(100),
  CLAIMED_UNTIL_MS BIGINT,
  DELIVERED_MS BIGINT,
  ATTEMPTS INTEGER NOT NULL
);
CREATE INDEX CORE_OUTBOX_PENDING ON CORE_OUTBOX (DELIVERED_MS, CREATED_MS);

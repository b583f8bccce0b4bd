-- The scheduler's bookkeeping, shared by every node of a cluster.
-- Nodes: each node writes its heartbeat every few seconds; a node whose heartbeat is old is dead,
-- and the tracked jobs it was running are reported failed.
CREATE TABLE CORE_NODE (
  NODE VARCHAR(100) NOT NULL PRIMARY KEY,
  STARTED_MS BIGINT NOT NULL,
  HEARTBEAT_MS BIGINT NOT NULL
);
-- Leases: the one node allowed to run a cluster-wide schedule until UNTIL_MS (renewed at each run).
CREATE TABLE CORE_LEASE (
  NAME VARCHAR(100) NOT NULL PRIMARY KEY,
  HOLDER VARCHAR(100) NOT NULL,
  UNTIL_MS BIGINT NOT NULL
);
-- Tracked jobs (imports, rebuilds): phase, progress and outcome, readable from any node.
CREATE TABLE CORE_JOB (
  ID VARCHAR(36) NOT NULL PRIMARY KEY,
  KIND VARCHAR(100) NOT NULL,
  OWNER VARCHAR(100) NOT NULL,
  NODE VARCHAR(100) NOT NULL,
  STATUS VARCHAR(10) NOT NULL,
  PHASE VARCHAR(40) NOT NULL,
  DONE_COUNT BIGINT NOT NULL,
  TOTAL_COUNT BIGINT NOT NULL,
  STARTED_MS BIGINT NOT NULL,
  UPDATED_MS BIGINT NOT NULL,
  FINISHED_MS BIGINT,
  RESULT VARCHAR(32000),
  ERROR_VI VARCHAR(2000),
  ERROR_EN VARCHAR(2000)
);
CREATE INDEX CORE_JOB_NODE ON CORE_JOB (NODE, STATUS);
CREATE INDEX CORE_JOB_FINISHED ON CORE_JOB (FINISHED_MS);

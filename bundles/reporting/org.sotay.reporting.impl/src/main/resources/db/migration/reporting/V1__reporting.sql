-- Reporting keeps its own copy of what it counts, fed by the other modules' events; nothing here is
-- read by another module, and nothing here reads another module's tables.

-- The durable inbox: what an event asks to look at again (a member, a cell, the tree), written as
-- the event is delivered, drained by one worker in the cluster. An event delivered twice writes the
-- same rows; a row is deleted only once what it names has been read from its source and applied.
CREATE TABLE RPT_INBOX (
  EVENT_ID VARCHAR(64) NOT NULL,
  ITEM VARCHAR(80) NOT NULL,
  TOPIC VARCHAR(200) NOT NULL,
  RECEIVED_MS BIGINT NOT NULL,
  PRIMARY KEY (EVENT_ID, ITEM)
);
CREATE INDEX RPT_INBOX_RECEIVED ON RPT_INBOX (RECEIVED_MS);

-- One row per registry member: the cell they count in and what they count as (FLAGS bits: active,
-- exempt, target group, installed, registered), at the registry's VERSION of the member (a change is
-- applied only over an older one, so two workers racing cannot put an old state back).
CREATE TABLE RPT_MEMBER (
  MEMBER_ID VARCHAR(36) NOT NULL PRIMARY KEY,
  CELL_ID VARCHAR(36) NOT NULL,
  FLAGS INTEGER NOT NULL,
  MEMBER_VERSION BIGINT NOT NULL,
  UPDATED_MS BIGINT NOT NULL
);
CREATE INDEX RPT_MEMBER_CELL ON RPT_MEMBER (CELL_ID);

-- The figures of each unit's subtree, versioned by day (Vietnam's calendar, as epoch days): a row
-- holds from FROM_DAY until TO_DAY (exclusive; NULL: still current), with the unit as it was then
-- (parent, path, names), so a report on a past day draws the tree as it was. A change on a day
-- updates that day's row, or closes the current one and opens a row for the day.
CREATE TABLE RPT_UNIT (
  UNIT_ID VARCHAR(36) NOT NULL,
  FROM_DAY INTEGER NOT NULL,
  TO_DAY INTEGER,
  PARENT_ID VARCHAR(36),
  PATH VARCHAR(1000) NOT NULL,
  DEPTH INTEGER NOT NULL,
  CODE VARCHAR(40) NOT NULL,
  NAME VARCHAR(300) NOT NULL,
  TYPE_CODE VARCHAR(40) NOT NULL,
  IS_CELL SMALLINT NOT NULL,
  UNIT_VERSION BIGINT NOT NULL,
  CELLS BIGINT NOT NULL,
  MEMBERS BIGINT NOT NULL,
  EXEMPT BIGINT NOT NULL,
  TARGET BIGINT NOT NULL,
  INSTALLED BIGINT NOT NULL,
  INSTALLED_IN_TARGET BIGINT NOT NULL,
  REGISTERED BIGINT NOT NULL,
  REGISTERED_IN_TARGET BIGINT NOT NULL,
  UPDATED_MS BIGINT NOT NULL,
  PRIMARY KEY (UNIT_ID, FROM_DAY)
);
CREATE INDEX RPT_UNIT_PARENT ON RPT_UNIT (PARENT_ID, FROM_DAY);
CREATE INDEX RPT_UNIT_CURRENT_PATH ON RPT_UNIT (TO_DAY, PATH);

-- A closed unit's successor (the unit it was merged into), to restate a past day on today's tree.
CREATE TABLE RPT_SUCCESSOR (
  UNIT_ID VARCHAR(36) NOT NULL PRIMARY KEY,
  SUCCESSOR_ID VARCHAR(36) NOT NULL,
  ON_DAY INTEGER NOT NULL
);

-- Small state: the lock row every writer of the figures takes first (so two nodes never write them
-- at once), the running rebuild.
CREATE TABLE RPT_STATE (
  NAME VARCHAR(40) NOT NULL PRIMARY KEY,
  VAL VARCHAR(200),
  UPDATED_MS BIGINT NOT NULL
);
INSERT INTO RPT_STATE (NAME, VAL, UPDATED_MS) VALUES ('lock', NULL, 0);
INSERT INTO RPT_STATE (NAME, VAL, UPDATED_MS) VALUES ('rebuild', NULL, 0);

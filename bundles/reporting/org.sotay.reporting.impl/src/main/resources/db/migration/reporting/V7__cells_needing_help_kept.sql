-- The cells needing help, kept rather than computed per request (the list at a province's root read
-- about 2,000 cells on each request). Three tables, written in the same transaction as what they follow
-- (a cell's unit row, its periods in RPT_CELL_ACTIVITY), by one code path (Help.refresh) that compares
-- what a cell should count as with what it counted as, so an event applied twice and a rebuild change
-- nothing more.
--
-- A cell's period moved with its unit (Meetings.rehome) had its MINUTES_DUE_MS read back as 0 instead of NULL
-- (a JDBC wasNull() asked after another column): "minutes missing" for a cell with none due. Counted again
-- from its meetings, as V5 first did.
UPDATE RPT_CELL_ACTIVITY SET MINUTES_DUE_MS = (SELECT MIN(m.START_MS) FROM RPT_MEETING m WHERE m.UNIT_ID = RPT_CELL_ACTIVITY.CELL_ID
  AND m.PERIOD = RPT_CELL_ACTIVITY.PERIOD AND m.STEPS <> 0 AND MOD(m.STEPS / 16, 2) = 0) WHERE MINUTES_DUE_MS = 0;

-- Each open cell, once under every unit of its lineage today (itself included), with the sort keys of
-- the list (its committee's name, its own name, then its id) and its reasons that do not depend on the
-- period: the first page at any unit is a range of this index read in order, about a page of rows.
CREATE TABLE RPT_HELP_CELL (
  UNIT_ID VARCHAR(36) NOT NULL,
  CELL_ID VARCHAR(36) NOT NULL,
  PARENT_KEY VARCHAR(1000) NOT NULL,
  NAME_KEY VARCHAR(1000) NOT NULL,
  NOBODY_INSTALLED SMALLINT NOT NULL,
  NO_INTERNET SMALLINT NOT NULL,
  PRIMARY KEY (UNIT_ID, CELL_ID)
);
CREATE INDEX RPT_HELP_CELL_ORDER ON RPT_HELP_CELL (UNIT_ID, PARENT_KEY, NAME_KEY, CELL_ID, NOBODY_INSTALLED, NO_INTERNET);
CREATE INDEX RPT_HELP_CELL_CELL ON RPT_HELP_CELL (CELL_ID);

-- An open cell's reasons in a period it has meetings in (a period without a row: nothing registered, no
-- documents, no minutes due): LATE, nothing registered by the deadline (the deadline's passing is the
-- report's day, a parameter); DOCS_LATE; MINUTES_DAY, the day (Vietnam's calendar, epoch day) of its
-- earliest meeting without minutes, NULL for none: the minutes are missing once that day is more than
-- minutesDays days before the report's day, so time passing needs no write.
CREATE TABLE RPT_HELP_PERIOD (
  CELL_ID VARCHAR(36) NOT NULL,
  PERIOD CHAR(7) NOT NULL,
  LATE SMALLINT NOT NULL,
  DOCS_LATE SMALLINT NOT NULL,
  MINUTES_DAY INTEGER,
  PRIMARY KEY (CELL_ID, PERIOD)
);

-- How many open cells of each unit's subtree (today's tree) have each combination of reasons: PERIOD
-- '0000-00' counts every cell by its period-free reasons, a period counts its cells with a row above
-- (MINUTES_DAY -1: none); the cells of a period without a row are the rest. The total of any page is a
-- sum over the few rows of (unit, period).
CREATE TABLE RPT_HELP_COUNT (
  UNIT_ID VARCHAR(36) NOT NULL,
  PERIOD CHAR(7) NOT NULL,
  NOBODY_INSTALLED SMALLINT NOT NULL,
  NO_INTERNET SMALLINT NOT NULL,
  LATE SMALLINT NOT NULL,
  DOCS_LATE SMALLINT NOT NULL,
  MINUTES_DAY INTEGER NOT NULL,
  CELLS BIGINT NOT NULL,
  PRIMARY KEY (UNIT_ID, PERIOD, NOBODY_INSTALLED, NO_INTERNET, LATE, DOCS_LATE, MINUTES_DAY)
);

-- NULL until the tables above were filled from the kept figures (by the worker's first round after this
-- migration, or by a rebuild).
INSERT INTO RPT_STATE (NAME, VAL, UPDATED_MS) VALUES ('help', NULL, 0);

-- The cells needing help are listed, counted, filtered and paged by the database (not by loading every
-- cell of a subtree): each unit row keeps the Vietnamese sort key of its name and of its parent's name
-- (VietnameseText.sortKey, written with the row, and written again when the parent is renamed or the
-- unit moves), and each cell's period keeps what its meetings say apart from the steps: whether any
-- meeting's documents were late or missing, and the earliest start of a meeting without minutes (the
-- report compares it with "now - minutesDays" at the time it is asked). The keys of rows written before
-- this migration are filled by the worker's first round ('' is never a key of a name).
ALTER TABLE RPT_UNIT ADD COLUMN NAME_KEY VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE RPT_UNIT ADD COLUMN PARENT_KEY VARCHAR(1000) NOT NULL DEFAULT '';
-- Every column the list filters, orders and counts by, in one index: the count and the order are read from
-- it alone (without it Derby fetched each cell's row from the table, about 25 microseconds a row).
CREATE INDEX RPT_UNIT_CELL_HELP ON RPT_UNIT (TO_DAY, IS_CELL, PATH, PARENT_KEY, NAME_KEY, UNIT_ID, MEMBERS, INSTALLED, OFFLINE_CELLS);

ALTER TABLE RPT_CELL_ACTIVITY ADD COLUMN DOCS_LATE SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE RPT_CELL_ACTIVITY ADD COLUMN MINUTES_DUE_MS BIGINT;
UPDATE RPT_CELL_ACTIVITY SET DOCS_LATE = 1 WHERE EXISTS (SELECT 1 FROM RPT_MEETING m WHERE m.UNIT_ID = RPT_CELL_ACTIVITY.CELL_ID
  AND m.PERIOD = RPT_CELL_ACTIVITY.PERIOD AND m.STEPS <> 0 AND m.DOCS_LATE > 0);
UPDATE RPT_CELL_ACTIVITY SET MINUTES_DUE_MS = (SELECT MIN(m.START_MS) FROM RPT_MEETING m WHERE m.UNIT_ID = RPT_CELL_ACTIVITY.CELL_ID
  AND m.PERIOD = RPT_CELL_ACTIVITY.PERIOD AND m.STEPS <> 0 AND MOD(m.STEPS / 16, 2) = 0);
-- A cell's period as the list reads it, from the index alone.
CREATE INDEX RPT_CELL_ACTIVITY_HELP ON RPT_CELL_ACTIVITY (PERIOD, CELL_ID, STEPS, DOCS_LATE, MINUTES_DUE_MS);

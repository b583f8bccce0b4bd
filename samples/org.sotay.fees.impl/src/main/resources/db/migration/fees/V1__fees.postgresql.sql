-- Party fees. Tables of the fees module start with FEE_. Amounts are whole đồng (BIGINT); instants
-- epoch milliseconds (*_MS); every row keeps its cell's id and materialized path, so the scope filter
-- and the reporting figure are prefix scans of these tables.

-- A cell's collection sheet for a month (ID = unit id ':' yyyy-MM), opened by hand or by the meeting held that month.
CREATE TABLE FEE_SHEET (
  ID VARCHAR(50) NOT NULL PRIMARY KEY,
  UNIT_ID VARCHAR(36) NOT NULL,
  UNIT_PATH VARCHAR(1000) COLLATE "C" NOT NULL,
  PERIOD CHAR(7) NOT NULL,
  OPENED_MS BIGINT NOT NULL,
  OPENED_BY VARCHAR(100) NOT NULL,
  MEETING_ID VARCHAR(36),
  VERSION BIGINT NOT NULL
);
CREATE INDEX FEE_SHEET_UNIT ON FEE_SHEET (UNIT_PATH, PERIOD);

-- A member due for a month (ID = member id ':' yyyy-MM: one row, so one payment, per member and month),
-- and the payment once recorded. No money and no bank data: the fact, how, by whom, when.
CREATE TABLE FEE_DUE (
  ID VARCHAR(50) NOT NULL PRIMARY KEY,
  MEMBER_ID VARCHAR(36) NOT NULL,
  PERIOD CHAR(7) NOT NULL,
  YEAR_NO INTEGER NOT NULL,
  UNIT_ID VARCHAR(36) NOT NULL,
  UNIT_PATH VARCHAR(1000) COLLATE "C" NOT NULL,
  FULL_NAME VARCHAR(200) NOT NULL,
  SORT_KEY VARCHAR(400) COLLATE "C" NOT NULL,
  PAID SMALLINT NOT NULL,
  METHOD VARCHAR(10),
  CATEGORY VARCHAR(20),
  INCOME_DONG BIGINT,
  AMOUNT_DONG BIGINT,
  RECORDED_BY VARCHAR(100),
  RECORDED_MS BIGINT,
  VERSION BIGINT NOT NULL
);
CREATE INDEX FEE_DUE_PERIOD ON FEE_DUE (PERIOD, UNIT_PATH);
CREATE INDEX FEE_DUE_MEMBER ON FEE_DUE (MEMBER_ID, PERIOD);
CREATE INDEX FEE_DUE_UNPAID ON FEE_DUE (PAID, YEAR_NO, MEMBER_ID);

-- A warning raised once per member and calendar year (ID = member id ':' year).
CREATE TABLE FEE_ARREARS (
  ID VARCHAR(50) NOT NULL PRIMARY KEY,
  MEMBER_ID VARCHAR(36) NOT NULL,
  YEAR_NO INTEGER NOT NULL,
  UNIT_ID VARCHAR(36) NOT NULL,
  UNIT_PATH VARCHAR(1000) COLLATE "C" NOT NULL,
  FULL_NAME VARCHAR(200) NOT NULL,
  SORT_KEY VARCHAR(400) COLLATE "C" NOT NULL,
  MONTHS INTEGER NOT NULL,
  RAISED_MS BIGINT NOT NULL,
  VERSION BIGINT NOT NULL
);
CREATE INDEX FEE_ARREARS_UNIT ON FEE_ARREARS (UNIT_PATH, YEAR_NO);

-- Events of other modules already handled (the meetings module's HELD), idempotent by event id.
CREATE TABLE FEE_SEEN (
  EVENT_ID VARCHAR(64) NOT NULL PRIMARY KEY,
  SEEN_MS BIGINT NOT NULL
);

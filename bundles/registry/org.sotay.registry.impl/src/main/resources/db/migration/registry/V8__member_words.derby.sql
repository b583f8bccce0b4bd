-- Name search through an index: every prefix of every folded word of a member's name, with the
-- member's sort key, so that a query word is one equality whose rows come in Vietnamese order
-- (MemberWords). Filled for the members already there by RegistrySchema at the next start, which then
-- sets REG_WORD_INDEX.FILLED (a node stopped while filling leaves it false: the next start goes on).
-- WORDS is the name's folded words, each after a space (" nguyen van lan"): the other words of a
-- search are a LIKE '% van%' on the index row being read, not a probe each. The unique index holds
-- every column, so a search reads the index alone, in order.
CREATE TABLE REG_MEMBER_WORD (
  WORD VARCHAR(20) NOT NULL,
  SORT_KEY VARCHAR(400) NOT NULL,
  MEMBER_ID VARCHAR(36) NOT NULL,
  WORDS VARCHAR(200) NOT NULL
);
CREATE UNIQUE INDEX REG_MEMBER_WORD_KEY ON REG_MEMBER_WORD (WORD, SORT_KEY, MEMBER_ID, WORDS);
CREATE INDEX REG_MEMBER_WORD_MEMBER ON REG_MEMBER_WORD (MEMBER_ID, WORD);
CREATE TABLE REG_WORD_INDEX (
  ID INTEGER NOT NULL PRIMARY KEY,
  FILLED BOOLEAN NOT NULL
);
INSERT INTO REG_WORD_INDEX (ID, FILLED) VALUES (1, FALSE);
-- Card-number prefix search reads the unique index REG_MEMBER_CARD by range (CARD_NUMBER >= ? AND
-- CARD_NUMBER < ?): Derby compares VARCHAR by code point, nothing to change here.

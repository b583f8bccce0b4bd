-- The member's cell on each name index row (issue 13): a search within a subtree (a district's
-- administrator, a unit asked for) checks the rows it reads against the subtree's cells on the index
-- row itself, instead of joining every row read to its member and the member's cell. A row changes
-- only when its member changes cell (MemberServiceImpl.moveHome: transfers, merges, splits); a unit
-- moved with its subtree keeps its id, so its rows stay. Derby has no INCLUDE: CELL_ID is the key's
-- last column (WORD and MEMBER_ID already make a row unique). Rows of members that no longer exist
-- (there should be none) are dropped.
ALTER TABLE REG_MEMBER_WORD ADD COLUMN CELL_ID VARCHAR(36);
UPDATE REG_MEMBER_WORD SET CELL_ID = (SELECT m.CELL_ID FROM REG_MEMBER m WHERE m.ID = REG_MEMBER_WORD.MEMBER_ID);
DELETE FROM REG_MEMBER_WORD WHERE CELL_ID IS NULL;
ALTER TABLE REG_MEMBER_WORD ALTER COLUMN CELL_ID NOT NULL;
DROP INDEX REG_MEMBER_WORD_KEY;
CREATE UNIQUE INDEX REG_MEMBER_WORD_KEY ON REG_MEMBER_WORD (WORD, SORT_KEY, MEMBER_ID, WORDS, CELL_ID);

-- A page of a subtree's members by cursor (issue 13), PostgreSQL only: the page walks REG_MEMBER_ORDER
-- from the cursor in Vietnamese order and keeps the members whose cell is in the subtree. Without the
-- cell in the index each member walked was a read of its table row (a district of 556,899 members out
-- of 5,500,000: about ten rows read for each one kept, p95 63.6 ms a page); with it the walk reads the
-- index alone. Same key, so the orders and the plans that used it stay.
DROP INDEX REG_MEMBER_ORDER;
CREATE INDEX REG_MEMBER_ORDER ON REG_MEMBER (SORT_KEY, ID) INCLUDE (CELL_ID);

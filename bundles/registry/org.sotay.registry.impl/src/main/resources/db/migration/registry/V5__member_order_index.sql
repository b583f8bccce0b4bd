-- The member list in Vietnamese order for a caller who sees the whole province: walking this index
-- gives the first page without sorting every member.
CREATE INDEX REG_MEMBER_ORDER ON REG_MEMBER (SORT_KEY, ID);

-- Name search of several words at national size (issue 13), PostgreSQL only. The search walks the
-- driving word's rows of REG_MEMBER_WORD in Vietnamese order; when the other words leave few of them
-- (a whole name: "ma thi loan", the family sorting late among 96,078 rows of "loan"), MemberSearch
-- intersects the words here instead: a GIN index of every prefix (1 to 20 letters, as MemberWords
-- writes them) of the name's folded words, on one row per member, the row of the first letter of the
-- name's first word (WORDS begins with a space, so that letter is SUBSTR(WORDS, 2, 1)); a query holds
-- its words (@>) and the few matches are sorted. Nothing to write: PostgreSQL keeps the index with the
-- rows MemberWords already writes, and the demo's COPY load makes it again with the other indexes.
CREATE FUNCTION SOTAY_WORD_PREFIXES(WORDS TEXT) RETURNS TEXT[] LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT COALESCE(ARRAY_AGG(DISTINCT LEFT(W, N)), '{}') FROM UNNEST(STRING_TO_ARRAY(BTRIM(WORDS), ' ')) W, GENERATE_SERIES(1, LEAST(LENGTH(W), 20)) N $$;
CREATE INDEX REG_MEMBER_WORD_PREFIXES ON REG_MEMBER_WORD USING GIN (SOTAY_WORD_PREFIXES(WORDS)) WHERE WORD = SUBSTR(WORDS, 2, 1);

-- Access tokens are checked without the database, so ending a session early needs a list every node
-- reads every few seconds: a session (refresh family) ended by logout, reuse or a device sign-out, or
-- every token of an account issued before a moment (lock, password reset). A row matters only until
-- the last token it could stop has expired (EXPIRES_MS), then it is deleted.
CREATE TABLE IDN_REVOKED (
  ID VARCHAR(36) NOT NULL PRIMARY KEY,
  FAMILY_ID VARCHAR(36),
  ACCOUNT_ID VARCHAR(36),
  REVOKED_MS BIGINT NOT NULL,
  EXPIRES_MS BIGINT NOT NULL
);
CREATE INDEX IDN_REVOKED_EXPIRES ON IDN_REVOKED (EXPIRES_MS);

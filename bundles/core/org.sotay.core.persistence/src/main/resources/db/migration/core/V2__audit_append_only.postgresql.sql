-- On PostgreSQL the database itself refuses to change or remove an audit line.
CREATE FUNCTION core_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'CORE_AUDIT is append-only'; END; $$;
CREATE TRIGGER core_audit_no_change BEFORE UPDATE OR DELETE ON CORE_AUDIT FOR EACH ROW EXECUTE FUNCTION core_audit_append_only();

-- The timeline (hl_hazard_timeline) is the audit record of every hazard: who did what, when, with which
-- values. It is append-only: no application path updates or deletes it, and the database refuses it too,
-- whoever asks (a role with rights on the table, a hand-written statement, a bug). PostgreSQL only; the
-- embedded default's H2 has the same refusal in db/vendor/h2.
CREATE FUNCTION hl_hazard_timeline_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '隐患处理记录只能追加，不能修改或删除（hl_hazard_timeline: %）', TG_OP
        USING HINT = 'The hazard timeline is append-only (docs/security.md).';
END;
$$;

CREATE TRIGGER hl_hazard_timeline_no_update_or_delete
    BEFORE UPDATE OR DELETE ON hl_hazard_timeline
    FOR EACH ROW EXECUTE FUNCTION hl_hazard_timeline_append_only();

CREATE TRIGGER hl_hazard_timeline_no_truncate
    BEFORE TRUNCATE ON hl_hazard_timeline
    FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_timeline_append_only();

-- The timeline (hl_hazard_timeline) is append-only: the embedded default's H2 refuses every UPDATE and
-- DELETE of it, as PostgreSQL does (db/vendor/postgresql). H2 runs no trigger on TRUNCATE; the embedded
-- default is for trying the application out, production runs on PostgreSQL.
CREATE TRIGGER hl_hazard_timeline_append_only
    BEFORE UPDATE, DELETE ON hl_hazard_timeline
    FOR EACH ROW CALL 'org.hazardloop.hazard.TimelineAppendOnlyTrigger';

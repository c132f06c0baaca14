-- Deadlines that escalate up the supervision grid (逐级督办). The BPMN timers of the rectification and
-- verification tasks write these columns; "overdue" itself is not stored: it is the ledger rule
-- (rectifying or awaiting an extension, and the deadline passed), exact at any instant.
-- Portable SQL: the same script runs on PostgreSQL and H2.

-- How many rectification deadlines the hazard has had: 1 once assigned, one more per approved extension.
-- Part of every escalation event's id, so the rounds of two deadlines never share an id.
ALTER TABLE hl_hazard ADD COLUMN deadline_version INTEGER DEFAULT 0 NOT NULL;
-- How far the missed deadline in force has been escalated: NULL = no overdue notice yet, 0 = the
-- responsible department was told, 1 = the safety office of its unit, 2 = the safety office above, ...
ALTER TABLE hl_hazard ADD COLUMN escalation_level INTEGER;
-- The department (Camunda group) notified at that level: the one that must act now.
ALTER TABLE hl_hazard ADD COLUMN escalation_target VARCHAR(64);
-- 验收时限: set when a rectification is submitted (or a close-out is sent back to verification).
ALTER TABLE hl_hazard ADD COLUMN verification_deadline TIMESTAMP WITH TIME ZONE;

-- Hazards assigned before this migration: one deadline for the assignment, one more per approved extension.
UPDATE hl_hazard SET deadline_version = (
    SELECT COUNT(*) FROM hl_hazard_timeline t
     WHERE t.hazard_number = hl_hazard.number AND t.action IN ('ASSIGNED', 'EXTENSION_APPROVED'));

-- The ledger list filters on the level reached and on who must act.
CREATE INDEX hl_hazard_escalation_level_idx ON hl_hazard (escalation_level);
CREATE INDEX hl_hazard_escalation_target_idx ON hl_hazard (escalation_target);

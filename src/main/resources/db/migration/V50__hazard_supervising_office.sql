-- 挂牌督办: the safety office one level up that lists a major hazard and approves its close-out.
-- It is decided when the hazard is reported and routes the close-out approval task, so the ledger,
-- the record of truth, keeps it; the process variable supervisingOffice is only its projection.
-- Portable SQL: the same script runs on PostgreSQL and H2.
ALTER TABLE hl_hazard ADD COLUMN supervising_office VARCHAR(64);

-- Hazards reported before this column existed: the process variable that held the value is not
-- readable from SQL, so the value is computed again from the supervision grid exactly as reporting
-- computes it (OrganizationDirectory.supervisingSafetyOffice): the nearest safety office of the unit
-- above the one that owns the hazard's safety office, by materialised path ('/C01/D01/' is a prefix
-- of '/C01/D01/T01/'), nearest first; with no unit above, the hazard's own safety office.
UPDATE hl_hazard SET supervising_office = COALESCE((
    SELECT upper_office.code
      FROM hl_department office
      JOIN hl_org_unit office_unit ON office_unit.code = office.unit_code
      JOIN hl_org_unit parent_unit ON parent_unit.code = office_unit.parent_code
      JOIN hl_org_unit ancestor ON SUBSTRING(parent_unit.path, 1, LENGTH(ancestor.path)) = ancestor.path
      JOIN hl_department upper_office ON upper_office.unit_code = ancestor.code
                                     AND upper_office.kind = 'SAFETY_OFFICE'
     WHERE office.code = hl_hazard.safety_office
     ORDER BY LENGTH(ancestor.path) DESC, upper_office.code
     FETCH FIRST 1 ROW ONLY), safety_office)
 WHERE supervising_office IS NULL;

ALTER TABLE hl_hazard ALTER COLUMN supervising_office SET NOT NULL;

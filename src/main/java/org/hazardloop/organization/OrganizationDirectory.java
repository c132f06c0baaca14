package org.hazardloop.organization;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the supervision grid: units, departments, and who belongs to which department. */
@Service
public class OrganizationDirectory {

    private final JdbcClient jdbc;
    private final IdentityService identityService;

    public OrganizationDirectory(JdbcClient jdbc, IdentityService identityService) {
        this.jdbc = jdbc;
        this.identityService = identityService;
    }

    public Optional<OrgUnit> unit(String code) {
        return jdbc.sql("SELECT code, name, level, parent_code, path FROM hl_org_unit WHERE code = :code")
                .param("code", code)
                .query((rs, row) -> new OrgUnit(rs.getString("code"), rs.getString("name"),
                        OrgLevel.valueOf(rs.getString("level")), rs.getString("parent_code"), rs.getString("path")))
                .optional();
    }

    public List<OrgUnit> units() {
        return jdbc.sql("SELECT code, name, level, parent_code, path FROM hl_org_unit ORDER BY path")
                .query((rs, row) -> new OrgUnit(rs.getString("code"), rs.getString("name"),
                        OrgLevel.valueOf(rs.getString("level")), rs.getString("parent_code"), rs.getString("path")))
                .list();
    }

    public Optional<Department> department(String code) {
        return jdbc.sql("SELECT code, name, unit_code, kind FROM hl_department WHERE code = :code")
                .param("code", code)
                .query((rs, row) -> new Department(rs.getString("code"), rs.getString("name"),
                        rs.getString("unit_code"), DepartmentKind.valueOf(rs.getString("kind"))))
                .optional();
    }

    public List<Department> departments() {
        return jdbc.sql("SELECT code, name, unit_code, kind FROM hl_department ORDER BY code")
                .query((rs, row) -> new Department(rs.getString("code"), rs.getString("name"),
                        rs.getString("unit_code"), DepartmentKind.valueOf(rs.getString("kind"))))
                .list();
    }

    /** The safety office in charge of a unit: its own, or else that of its nearest ancestor. */
    public Optional<Department> safetyOfficeFor(String unitCode) {
        return unit(unitCode).flatMap(unit -> nearestSafetyOffice(unit.selfAndAncestors()));
    }

    /** The safety office one level above the unit that owns {@code safetyOffice}: who lists and approves close-out. */
    public Optional<Department> supervisingSafetyOffice(String safetyOffice) {
        return department(safetyOffice)
                .flatMap(office -> unit(office.unitCode()))
                .filter(unit -> unit.parentCode() != null)
                .flatMap(unit -> safetyOfficeFor(unit.parentCode()));
    }

    private Optional<Department> nearestSafetyOffice(List<String> unitCodesNearestFirst) {
        List<Department> offices = jdbc.sql("""
                        SELECT code, name, unit_code, kind FROM hl_department
                         WHERE kind = 'SAFETY_OFFICE' AND unit_code IN (:units)""")
                .param("units", unitCodesNearestFirst)
                .query((rs, row) -> new Department(rs.getString("code"), rs.getString("name"),
                        rs.getString("unit_code"), DepartmentKind.SAFETY_OFFICE))
                .list();
        return offices.stream().min(Comparator.comparingInt(d -> unitCodesNearestFirst.indexOf(d.unitCode())));
    }

    public boolean isMember(String userId, String departmentCode) {
        return identityService.createUserQuery().userId(userId).memberOfGroup(departmentCode).count() > 0;
    }
}

package org.hazardloop.organization;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.hazardloop.security.EngineSystemCalls;
import org.hazardloop.transaction.TransactionScoped;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the supervision grid: units, departments, and who belongs to which department.
 *
 * <p>Every step of every hazard asks for its grid unit and its departments, and these change seldom: a unit or
 * department looked up by its code is kept ({@link #forget} drops them all). New ones are inserted, and a code that
 * is not found is not kept, so a unit or department added later, by any instance, is found at once; their names and
 * places change only by SQL, followed by a restart (docs/security.md). Which safety offices are in charge of a unit,
 * and which oversee it, is read from the database once per transaction: it decides who is granted what on each new
 * task, and an office added through another instance sharing the database must be counted from the next
 * transaction on; within one (a poll of fifty reports, each with its first task) the answer stands, unless the
 * transaction adds to the grid itself ({@link #forgetInThisTransaction}). Hand-written
 * maps rather than a cache library: the entries are as many as the grid has units and departments, nothing expires,
 * and nothing else needs one.
 */
@Service
public class OrganizationDirectory {

    private static final String UNIT_COLUMNS = "SELECT u.code, u.name, u.level, u.parent_code, u.path FROM hl_org_unit u";
    /** The safety offices over each unit, as this transaction has read them. */
    private static final String OFFICES_OVER = OrganizationDirectory.class.getName() + ".safetyOfficesOver";
    private static final String DEPARTMENT_COLUMNS = "SELECT d.code, d.name, d.unit_code, d.kind FROM hl_department d";

    private static final RowMapper<OrgUnit> UNIT = (rs, row) -> new OrgUnit(rs.getString("code"),
            rs.getString("name"), OrgLevel.valueOf(rs.getString("level")), rs.getString("parent_code"),
            rs.getString("path"));
    private static final RowMapper<Department> DEPARTMENT = (rs, row) -> new Department(rs.getString("code"),
            rs.getString("name"), rs.getString("unit_code"), DepartmentKind.valueOf(rs.getString("kind")));

    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private final EngineSystemCalls system;
    private final Map<String, OrgUnit> unitsByCode = new ConcurrentHashMap<>();
    private final Map<String, Department> departmentsByCode = new ConcurrentHashMap<>();

    public OrganizationDirectory(JdbcClient jdbc, IdentityService identityService, EngineSystemCalls system) {
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.system = system;
    }

    public Optional<OrgUnit> unit(String code) {
        return kept(unitsByCode, code,
                () -> jdbc.sql(UNIT_COLUMNS + " WHERE u.code = :code").param("code", code).query(UNIT).optional());
    }

    public List<OrgUnit> units() {
        return jdbc.sql(UNIT_COLUMNS + " ORDER BY u.path").query(UNIT).list();
    }

    /** {@code root} and every unit below it, top first (parents before their children). */
    public List<OrgUnit> unitsUnder(OrgUnit root) {
        return jdbc.sql(UNIT_COLUMNS + " WHERE u.path LIKE :prefix ESCAPE '\\' ORDER BY u.path")
                .param("prefix", likePrefix(root.path()))
                .query(UNIT).list();
    }

    public Optional<Department> department(String code) {
        return kept(departmentsByCode, code, () -> jdbc.sql(DEPARTMENT_COLUMNS + " WHERE d.code = :code")
                .param("code", code).query(DEPARTMENT).optional());
    }

    public List<Department> departments() {
        return jdbc.sql(DEPARTMENT_COLUMNS + " ORDER BY d.code").query(DEPARTMENT).list();
    }

    /** The departments attached to the unit itself (not to the units below it). */
    public List<Department> departmentsOf(String unitCode) {
        return jdbc.sql(DEPARTMENT_COLUMNS + " WHERE d.unit_code = :unit ORDER BY d.code")
                .param("unit", unitCode)
                .query(DEPARTMENT).list();
    }

    /** The departments of {@code root} and of every unit below it. */
    public List<Department> departmentsUnder(OrgUnit root) {
        return jdbc.sql(DEPARTMENT_COLUMNS + """
                         JOIN hl_org_unit u ON u.code = d.unit_code
                        WHERE u.path LIKE :prefix ESCAPE '\\'
                        ORDER BY d.code""")
                .param("prefix", likePrefix(root.path()))
                .query(DEPARTMENT).list();
    }

    /** The safety office in charge of a unit: its own, or else that of its nearest ancestor. */
    public Optional<Department> safetyOfficeFor(String unitCode) {
        List<String> nearestFirst = unit(unitCode).map(OrgUnit::selfAndAncestors).orElse(List.of());
        return safetyOfficesOver(unitCode).stream().min(Comparator.comparingInt(d -> nearestFirst.indexOf(d.unitCode())));
    }

    /** The safety office one level above the unit that owns {@code safetyOffice}: who lists and approves close-out. */
    public Optional<Department> supervisingSafetyOffice(String safetyOffice) {
        return department(safetyOffice)
                .flatMap(office -> unit(office.unitCode()))
                .filter(unit -> unit.parentCode() != null)
                .flatMap(unit -> safetyOfficeFor(unit.parentCode()));
    }

    /** The departments with these codes (e.g. a user's groups); codes that are no department are left out. */
    public List<Department> departments(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(DEPARTMENT_COLUMNS + " WHERE d.code IN (:codes) ORDER BY d.code")
                .param("codes", List.copyOf(codes))
                .query(DEPARTMENT).list();
    }

    /** Every safety office of the unit and of the units above it, by code: who oversees what happens in the unit. */
    public List<Department> safetyOfficesOver(String unitCode) {
        Map<String, List<Department>> read = TransactionScoped.map(OFFICES_OVER);
        if (read == null) {
            return readSafetyOfficesOver(unitCode);
        }
        return read.computeIfAbsent(unitCode, this::readSafetyOfficesOver);
    }

    private List<Department> readSafetyOfficesOver(String unitCode) {
        List<String> units = unit(unitCode).map(OrgUnit::selfAndAncestors).orElse(List.of());
        if (units.isEmpty()) {
            return List.of();
        }
        return List.copyOf(jdbc.sql(DEPARTMENT_COLUMNS + " WHERE d.kind = 'SAFETY_OFFICE' AND d.unit_code IN (:units) ORDER BY d.code")
                .param("units", units)
                .query(DEPARTMENT).list());
    }

    /** The grid has changed in this transaction: what it has read of the safety offices is read again. */
    void forgetInThisTransaction() {
        Map<String, List<Department>> read = TransactionScoped.map(OFFICES_OVER);
        if (read != null) {
            read.clear();
        }
    }

    /** Drops every unit and department kept: the next lookups read the grid as it is now. */
    public void forget() {
        unitsByCode.clear();
        departmentsByCode.clear();
    }

    /** The value kept for {@code key}, or else the one read, kept if found. */
    private static <T> Optional<T> kept(Map<String, T> values, String key, Supplier<Optional<T>> read) {
        if (key == null) {
            return Optional.empty();
        }
        T value = values.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        Optional<T> found = read.get();
        found.ifPresent(v -> values.put(key, v));
        return found;
    }

    /**
     * Whether the user belongs to the department. Asked on the application's behalf: the engine would otherwise
     * answer only about users the person acting may see in Camunda Admin.
     */
    public boolean isMember(String userId, String departmentCode) {
        if (userId == null || departmentCode == null) {
            return false;
        }
        // The user acting, logged in with this department among their groups: the engine itself authorizes the
        // request by those groups. Any other answer is asked of the identity service.
        var authentication = identityService.getCurrentAuthentication();
        if (authentication != null && userId.equals(authentication.getUserId())
                && authentication.getGroupIds() != null && authentication.getGroupIds().contains(departmentCode)) {
            return true;
        }
        return system.call(() -> identityService.createUserQuery().userId(userId).memberOfGroup(departmentCode).count() > 0);
    }

    /** The ids of all Camunda groups the user belongs to, departments or not. */
    public List<String> groupsOf(String userId) {
        if (userId == null) {
            return List.of();
        }
        return system.call(() -> identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList());
    }

    /** A LIKE pattern matching paths that start with {@code path}; '_' is allowed in codes but is a LIKE wildcard. */
    private static String likePrefix(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

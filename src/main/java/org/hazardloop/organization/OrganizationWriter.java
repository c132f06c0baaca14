package org.hazardloop.organization;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Adds units and departments to the grid. Each department is kept as a Camunda group of the same id,
 * so candidate groups, Tasklist filters and authorizations follow the organisation data: every department added
 * is announced as {@link DepartmentAdded}, on which its engine authorizations are granted.
 */
@Service
@Transactional
public class OrganizationWriter {

    /** Camunda group type of department groups, to tell them from system groups such as camunda-admin. */
    public static final String DEPARTMENT_GROUP_TYPE = "DEPARTMENT";

    private final JdbcClient jdbc;
    private final OrganizationDirectory directory;
    private final IdentityService identityService;
    private final ApplicationEventPublisher events;

    public OrganizationWriter(JdbcClient jdbc, OrganizationDirectory directory, IdentityService identityService,
                              ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.identityService = identityService;
        this.events = events;
    }

    /** Adds a unit under {@code parentCode} (null for the top); does nothing if the code exists. */
    public OrgUnit addUnit(String code, String name, OrgLevel level, String parentCode) {
        var existing = directory.unit(code);
        if (existing.isPresent()) {
            return existing.get();
        }
        String path = parentCode == null
                ? "/" + code + "/"
                : directory.unit(parentCode)
                        .orElseThrow(() -> new IllegalArgumentException("unknown parent unit " + parentCode))
                        .path() + code + "/";
        jdbc.sql("INSERT INTO hl_org_unit (code, name, level, parent_code, path) VALUES (:code, :name, :level, :parent, :path)")
                .param("code", code).param("name", name).param("level", level.name())
                .param("parent", parentCode).param("path", path)
                .update();
        directoryForgetsWhenDone();
        return new OrgUnit(code, name, level, parentCode, path);
    }

    /**
     * Adds a department to a unit, with its Camunda group and its authorizations; an existing department is left
     * as it is.
     */
    public Department addDepartment(String code, String name, String unitCode, DepartmentKind kind) {
        boolean added = directory.department(code).isEmpty();
        if (added) {
            jdbc.sql("INSERT INTO hl_department (code, name, unit_code, kind) VALUES (:code, :name, :unit, :kind)")
                    .param("code", code).param("name", name).param("unit", unitCode).param("kind", kind.name())
                    .update();
            directoryForgetsWhenDone();
        }
        ensureGroup(code, name);
        Department department = directory.department(code).orElseThrow();
        if (added) {
            events.publishEvent(new DepartmentAdded(department));
        }
        return department;
    }

    /**
     * Makes sure every department has its Camunda group, named as the department, e.g. after departments
     * were loaded or renamed by SQL. One group query for all departments, so a start-up stays quick with
     * thousands of them.
     */
    public void syncDepartmentGroups() {
        directoryForgetsWhenDone();
        Map<String, Group> groups = identityService.createGroupQuery().list().stream()
                .collect(Collectors.toMap(Group::getId, Function.identity()));
        for (Department department : directory.departments()) {
            Group group = groups.get(department.code());
            if (group == null) {
                ensureGroup(department.code(), department.name());
            } else if (!department.name().equals(group.getName())) {
                group.setName(department.name());
                identityService.saveGroup(group);
            }
        }
    }

    /**
     * The directory keeps what it has read of the grid: once this transaction has ended, committed or not, it reads
     * the grid again. Not before: another request would keep what this one has not committed yet.
     */
    private void directoryForgetsWhenDone() {
        directory.forgetInThisTransaction();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            directory.forget();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                directory.forget();
            }
        });
    }

    private void ensureGroup(String code, String name) {
        if (identityService.createGroupQuery().groupId(code).count() == 0) {
            Group group = identityService.newGroup(code);
            group.setName(name);
            group.setType(DEPARTMENT_GROUP_TYPE);
            identityService.saveGroup(group);
        }
    }
}

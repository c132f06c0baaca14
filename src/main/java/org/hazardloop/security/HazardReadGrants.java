package org.hazardloop.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.HazardStepRecorded;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.escalation.HazardEscalationRecorded;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read access to a hazard's tasks and process instance for those who oversee it without working it.
 * <p>
 * The engine itself lets a task's candidate department read and work the task (and the assignee, once claimed).
 * Beyond that, every safety office of the hazard's grid unit and of the units above it (town, district, city) may
 * read each task and the process instance; the responsible department and the reporter may read the process
 * instance; a department a deadline escalates to may read them too. Nobody gets more than READ here: working a task
 * stays with its department, which may also give it back or hand it to a colleague.
 */
@Component
public class HazardReadGrants {

    /** How many process instances one task query asks about when access is granted after the fact. */
    private static final int BATCH = 500;

    private final EngineGrants grants;
    private final EngineSystemCalls system;
    private final OrganizationDirectory organization;
    private final TaskService taskService;
    private final JdbcClient jdbc;
    private final HazardLedger ledger;

    public HazardReadGrants(EngineGrants grants, EngineSystemCalls system, OrganizationDirectory organization,
                            TaskService taskService, JdbcClient jdbc, HazardLedger ledger) {
        this.grants = grants;
        this.system = system;
        this.organization = organization;
        this.taskService = taskService;
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * On a task's {@code create}: the oversight reads this task. On the first task of a hazard, the one created while
     * the hazard is being reported (its ledger entry names no process instance yet), the oversight and the reporter
     * read the process instance too: it is new in this very transaction, so nobody holds a grant on it to look for.
     * The responsible department reads it from its assignment on ({@link #assigned}). Later tasks need no grant on
     * the instance, and so no lookup of the grants it has: a safety office added since gets its own
     * ({@link #officeAdded}).
     */
    public void taskCreated(DelegateTask task, Hazard hazard) {
        system.run(() -> {
            Set<String> candidates = candidateGroups(task);
            List<String> overseers = organization.safetyOfficesOver(hazard.gridUnit()).stream()
                    .map(Department::code).toList();
            for (String office : overseers) {
                // a candidate department already reads (and works) the task by the engine's own grant
                if (!candidates.contains(office)) {
                    grants.toGroupOnNew(office, Resources.TASK, task.getId(), TaskPermissions.READ);
                }
            }
            if (hazard.processInstanceId() == null) {
                Set<String> instanceReaders = new LinkedHashSet<>(overseers);
                if (hazard.responsibleDepartment() != null) {
                    instanceReaders.add(hazard.responsibleDepartment());
                }
                grants.toGroupsAndUserOnNew(instanceReaders, hazard.reporter(), Resources.PROCESS_INSTANCE,
                        task.getProcessInstanceId(), ProcessInstancePermissions.READ);
            }
        });
    }

    /**
     * 交办: the department made responsible for the hazard reads its process instance, in the assignment's own
     * transaction (the timeline entry's event is published inside it).
     */
    @EventListener
    public void assigned(HazardStepRecorded step) {
        if (step.action() != TimelineAction.ASSIGNED) {
            return;
        }
        ledger.find(step.hazardNumber())
                .filter(hazard -> hazard.responsibleDepartment() != null && hazard.processInstanceId() != null)
                .ifPresent(hazard -> system.run(() -> grants.toGroup(hazard.responsibleDepartment(),
                        Resources.PROCESS_INSTANCE, hazard.processInstanceId(), ProcessInstancePermissions.READ)));
    }

    /**
     * On a task's {@code assignment} to someone: its candidate department may from now on also give it to a
     * colleague (TASK_ASSIGN on the engine's own grant to the department; who may hold it is the claim rule's
     * business). Nobody needs it before: an unclaimed task is claimed, for oneself or for a colleague, with the
     * TASK_WORK the department already has, and Tasklist offers a new assignee only once a task is held. So the
     * permission is written on the first claim, in the claim's own transaction, instead of on every task.
     *
     * <p>The engine writes its grant in the engine command that creates the task, and no query finds it before that
     * command ends: a task claimed in the same command it was created in gets the permission just before the
     * transaction commits. Should the task have ended by then, the engine has removed the grant with it, and
     * nothing is written.
     */
    public void taskAssigned(DelegateTask task) {
        if (task.getAssignee() == null) {
            return;
        }
        Set<String> candidates = candidateGroups(task);
        if (candidates.isEmpty()) {
            return;
        }
        String taskId = task.getId();
        if (letHandOver(candidates, taskId) || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                letHandOver(candidates, taskId);
            }
        });
    }

    /** TASK_ASSIGN on each candidate department's grant to the task; whether every one had a grant to add it to. */
    private boolean letHandOver(Set<String> candidates, String taskId) {
        return system.call(() -> candidates.stream().map(group ->
                        grants.toExistingGroupGrant(group, Resources.TASK, taskId, TaskPermissions.TASK_ASSIGN))
                .reduce(true, Boolean::logicalAnd));
    }

    /** The task's candidate departments (groups), in the order the engine gives them. */
    public static Set<String> candidateGroups(DelegateTask task) {
        Set<String> candidates = new LinkedHashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                candidates.add(link.getGroupId());
            }
        }
        return candidates;
    }

    /**
     * A deadline notice tells a department to act (逐级督办): it may read the hazard's process and open tasks, even
     * when it is not above the hazard's grid unit (a department of another unit was made responsible). The responsible
     * department and the safety offices over the hazard's unit read them already (granted when each task was
     * created), so only a department beyond them gets grants. Runs in the timer job's transaction, without a user.
     */
    @EventListener
    public void escalated(HazardEscalationRecorded escalation) {
        String department = escalation.target().department();
        ledger.find(escalation.hazardNumber())
                .filter(hazard -> !readsAlready(department, hazard))
                .map(Hazard::processInstanceId).ifPresent(instance -> system.run(() -> {
                    grants.toGroup(department, Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
                    for (Task task : taskService.createTaskQuery().processInstanceId(instance).list()) {
                        grants.toGroup(department, Resources.TASK, task.getId(), TaskPermissions.READ);
                    }
                }));
    }

    private boolean readsAlready(String department, Hazard hazard) {
        return department.equals(hazard.responsibleDepartment()) || organization.safetyOfficesOver(hazard.gridUnit())
                .stream().anyMatch(office -> office.code().equals(department));
    }

    /**
     * A safety office new to the grid (added, or loaded by SQL since the last start) reads the open hazards of its
     * subtree as if it had been there when their tasks were created.
     */
    public void officeAdded(Department office) {
        OrgUnit unit = organization.unit(office.unitCode()).orElse(null);
        if (unit == null) {
            return;
        }
        List<String> instances = jdbc.sql("""
                        SELECT process_instance_id FROM hl_hazard
                         WHERE grid_path LIKE :prefix ESCAPE '!' AND status <> :closed AND process_instance_id IS NOT NULL""")
                .param("prefix", unit.path().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .param("closed", HazardStatus.CLOSED.name())
                .query(String.class).list();
        system.run(() -> {
            for (int from = 0; from < instances.size(); from += BATCH) {
                List<String> batch = instances.subList(from, Math.min(from + BATCH, instances.size()));
                batch.forEach(instance -> grants.toGroup(office.code(), Resources.PROCESS_INSTANCE, instance,
                        ProcessInstancePermissions.READ));
                for (Task task : taskService.createTaskQuery().processInstanceIdIn(batch.toArray(String[]::new)).list()) {
                    grants.toGroup(office.code(), Resources.TASK, task.getId(), TaskPermissions.READ);
                }
            }
        });
    }
}

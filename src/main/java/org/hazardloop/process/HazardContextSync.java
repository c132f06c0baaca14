package org.hazardloop.process;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardLoopProperties;
import org.hazardloop.hazard.HazardRuleViolation;
import org.springframework.stereotype.Component;

/**
 * Keeps a task's process variables a projection of its hazard's ledger entry ({@link HazardContext}).
 * The hazard is the one named by the process's business key, which only {@code HazardReporting} sets;
 * no variable a client can send decides which ledger entry a task acts on.
 */
@Component
public class HazardContextSync {

    private final HazardLedger ledger;
    private final HazardLoopProperties properties;
    /** Each task's BPMN name by process definition and task definition key. */
    private final Map<String, String> stepNames = new ConcurrentHashMap<>();

    public HazardContextSync(HazardLedger ledger, HazardLoopProperties properties) {
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * On {@code create}: Tasklist and Cockpit show the step's plain BPMN name followed by number and title.
     * Returns the hazard.
     */
    Hazard nameTask(DelegateTask task) {
        Hazard hazard = hazardOf(task, false);
        task.setName(HazardContext.of(hazard).taskName(step(task)));
        return hazard;
    }

    /** The task's step as the BPMN names it, e.g. 隐患交办. */
    String step(DelegateTask task) {
        // A definition's step names never change; looking one up in the BPMN model costs more than the map.
        return stepNames.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                key -> task.getBpmnModelElementInstance().getName());
    }

    /** The number of the hazard whose process this task belongs to, checked against the ledger. */
    String hazardNumber(DelegateTask task) {
        return hazardOf(task, false).number();
    }

    /**
     * On {@code complete}, before the step's rule: refuses when a context variable the task can see (its own
     * local variables, or its execution's) no longer holds the ledger's value, unless the task asks for it.
     * Locks the ledger entry for the rest of the step. Returns the hazard number.
     */
    String ensureContextUnchanged(DelegateTask task, Collection<String> ownInputs) {
        Hazard hazard = hazardOf(task, true);
        HazardContext context = HazardContext.of(hazard);
        Set<String> changed = new LinkedHashSet<>(context.changedIn(task.getVariablesLocal(), ownInputs, properties.zone()));
        changed.addAll(context.changedIn(task.getExecution().getVariables(), ownInputs, properties.zone()));
        if (!changed.isEmpty()) {
            throw HazardContext.refusal(changed);
        }
        return hazard.number();
    }

    /**
     * On {@code complete}, after the step's rule: writes the projection of the updated ledger entry onto the
     * process instance, where the gateways and the next task's candidate group and due date read it.
     */
    void project(DelegateTask task) {
        DelegateExecution instance = task.getExecution().getProcessInstance();
        HazardContext context = HazardContext.of(hazardOf(task, false));
        instance.setVariablesLocal(context.outOfDateIn(instance.getVariablesLocal()));
    }

    /**
     * The hazard whose process this is. The ledger entry must name this very process instance: a process
     * started some other way with a hazard's number as business key does not get to act on that hazard.
     * While the hazard is being reported the link is not written yet; reporting runs in one transaction.
     */
    private Hazard hazardOf(DelegateTask task, boolean lock) {
        String number = task.getExecution().getProcessBusinessKey();
        Hazard hazard = lock ? ledger.lock(number) : ledger.find(number).orElseThrow(() -> notReported(number));
        if (hazard.processInstanceId() != null && !Objects.equals(hazard.processInstanceId(), task.getProcessInstanceId())) {
            throw new HazardRuleViolation("流程实例与隐患台账不一致", new FieldViolation(ProcessVariables.HAZARD_NUMBER,
                    "隐患 " + number + " 的台账记录属于另一个流程实例"));
        }
        return hazard;
    }

    /**
     * A process started by hand (the engine REST API, Cockpit) has no ledger entry behind it: its first task refuses
     * to exist, and the start rolls back. Hazards are reported, never started.
     */
    private static HazardRuleViolation notReported(String number) {
        return new HazardRuleViolation("隐患只能通过上报登记", new FieldViolation("businessKey",
                "没有编号为 " + number + " 的隐患台账记录：请通过隐患上报（POST /api/hazards）登记隐患，不能直接启动流程"));
    }
}

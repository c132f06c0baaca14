package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardRuleViolation;
import org.springframework.stereotype.Component;

/**
 * The process's {@code start}: a hazard process starts only for a hazard just reported, whose ledger entry exists
 * and has no process yet. {@code HazardReporting} writes the entry and starts the process in one transaction; a
 * start by any other way (the engine REST API, Cockpit, Tasklist) has no such entry and rolls back.
 */
@Component("reportedHazardGuard")
public class ReportedHazardGuard implements ExecutionListener {

    private final HazardLedger ledger;

    public ReportedHazardGuard(HazardLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        Hazard hazard = number == null ? null : ledger.find(number).orElse(null);
        if (hazard == null || hazard.processInstanceId() != null) {
            throw new HazardRuleViolation("隐患只能通过上报登记", new FieldViolation("businessKey",
                    (hazard == null ? "没有编号为 " + number + " 的隐患台账记录" : "隐患 " + number + " 的闭环流程已经启动")
                            + "：请通过隐患上报（POST /api/hazards）登记隐患，不能直接启动流程"));
        }
    }
}

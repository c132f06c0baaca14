package org.hazardloop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The bare Camunda baseline: the application's own BPMN ({@code bpmn/hazard-closed-loop.bpmn}) under another
 * process key, with every listener and delegate replaced by {@link NoOpListener}, the deadline timers' dates taken
 * from the process's own deadline variable instead of the ledger, and the form references dropped. Same shape (tasks, gateways, candidate groups, due dates), same engine, history level and pools;
 * none of the application's work (ledger, timeline, rules, outbox).
 */
final class BareClosedLoopProcess {

    static final String KEY = "BenchBareClosedLoop";
    private static final String SOURCE = "bpmn/hazard-closed-loop.bpmn";
    private static final String NO_OP = NoOpListener.class.getName();
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private BareClosedLoopProcess() {
    }

    static BpmnModelInstance model() {
        BpmnModelInstance model;
        try (InputStream in = BareClosedLoopProcess.class.getClassLoader().getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is not on the classpath");
            }
            model = Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        process.setId(KEY);
        process.setName("基准：空监听器的闭环流程");
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            noOp(listener);
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            noOp(listener);
        }
        // delegates of message end events, service tasks and the like
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getAttributeValueNs(CAMUNDA_NS, "delegateExpression") != null) {
                noOp(element);
            }
        }
        // Deadline timers whose dates the application computes from the ledger: the same timers, with dates from
        // the process's own deadline variable (days ahead in every loop, so none fires during the benchmark).
        for (TimeDate date : model.getModelElementsByType(TimeDate.class)) {
            if (date.getTextContent().contains("deadlineTimers.")) {
                date.setTextContent("${deadline}");
            }
        }
        for (TimeCycle cycle : model.getModelElementsByType(TimeCycle.class)) {
            if (cycle.getTextContent().contains("deadlineTimers.")) {
                cycle.setTextContent("R3/P1D");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            task.removeAttributeNs(CAMUNDA_NS, "formRef");
            task.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
        }
        return model;
    }

    /** Any element that names a delegate expression, class or expression gets the no-op class instead. */
    private static void noOp(ModelElementInstance element) {
        element.removeAttributeNs(CAMUNDA_NS, "delegateExpression");
        element.removeAttributeNs(CAMUNDA_NS, "expression");
        element.setAttributeValueNs(CAMUNDA_NS, "class", NO_OP);
    }

    /** Deploys the bare process; returns the deployment id (delete it, cascading, when done). */
    static String deploy(RepositoryService repository) {
        return repository.createDeployment()
                .name("bench-bare-closed-loop")
                .addModelInstance("bench-bare-closed-loop.bpmn", model())
                .deploy()
                .getId();
    }
}

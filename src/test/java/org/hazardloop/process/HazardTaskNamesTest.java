package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The diagram in Cockpit and the Modeler names each step plainly; a running task adds its hazard's number
 * and title, so a supervisor picks the right one in Tasklist without opening it.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class HazardTaskNamesTest {

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    HistoryService historyService;

    @Autowired
    HazardProcessDriver driver;

    @Test
    void theBpmnNamesEveryUserTaskAsAPlainStep() {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).latestVersion().singleResult();
        Map<String, String> names = new LinkedHashMap<>();
        repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
                .forEach(task -> names.put(task.getId(), task.getName()));

        assertThat(names).containsOnly(
                entry("Task_AssignHazard", "隐患交办"),
                entry("Task_RectifyHazard", "隐患整改"),
                entry("Task_ReviewExtension", "延期审核"),
                entry("Task_VerifyRectification", "整改验收"),
                entry("Task_ApproveCloseout", "销号审批（挂牌督办）"));
    }

    @Test
    void aRunningTaskAndItsHistoryShowTheHazardsNumberAndTitle() {
        String number = driver.report("配电箱无防护门");

        String expected = "隐患交办：" + number + " 配电箱无防护门";
        assertThat(driver.task(number).getName()).isEqualTo(expected);
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(number).singleResult()
                .getName()).isEqualTo(expected);
    }
}

package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.DISTRICT_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.hazardloop.hazard.Assignment;
import org.hazardloop.hazard.Rectification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every user task's Camunda Form is deployed with the process and asks for exactly the values the domain
 * reads: a misspelt key would reach the domain as a missing field and every submission would be refused.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class HazardFormsTest {

    /** The keys each step's domain rule reads, taken from the domain's own constants. */
    static final Map<String, Set<String>> KEYS_BY_TASK = Map.of(
            "Task_AssignHazard", Set.of(Assignment.GRADE, Assignment.RISK_LEVEL, Assignment.MEASURES,
                    Assignment.RESPONSIBLE_DEPARTMENT, Assignment.RESPONSIBLE_PERSON, Assignment.FUNDS,
                    Assignment.DEADLINE, Assignment.CONTINGENCY_PLAN),
            "Task_RectifyHazard", Set.of(Rectification.OUTCOME, Rectification.REPORT, Rectification.ACTUAL_COST,
                    Rectification.REQUESTED_DEADLINE, Rectification.INTERIM_MEASURES),
            "Task_ReviewExtension", Set.of(ReviewExtensionListener.EXTENSION_APPROVED,
                    ReviewExtensionListener.EXTENSION_REVIEW_COMMENT),
            "Task_VerifyRectification", Set.of(VerifyRectificationListener.VERIFICATION_PASSED,
                    VerifyRectificationListener.VERIFICATION_COMMENT),
            "Task_ApproveCloseout", Set.of(ApproveCloseoutListener.CLOSEOUT_APPROVED,
                    ApproveCloseoutListener.CLOSEOUT_COMMENT));

    /** Comments are optional on a "yes"; the domain asks for them on a "no". */
    static final Set<String> OPTIONAL = Set.of(ReviewExtensionListener.EXTENSION_REVIEW_COMMENT,
            VerifyRectificationListener.VERIFICATION_COMMENT, ApproveCloseoutListener.CLOSEOUT_COMMENT);

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    FormService formService;

    @Autowired
    HazardProcessDriver driver;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyUserTaskReferencesAFormDeployedWithTheProcessThatAsksForTheDomainsKeys() throws IOException {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).latestVersion().singleResult();
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        Map<String, JsonNode> formsInDeployment = new HashMap<>();
        for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
            if (resource.endsWith(".form")) {
                try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
                    JsonNode form = json.readTree(in);
                    formsInDeployment.put(form.get("id").asText(), form);
                }
            }
        }

        Set<String> tasks = new HashSet<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            tasks.add(task.getId());
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
            JsonNode form = formsInDeployment.get(task.getCamundaFormRef());
            assertThat(form).as("form %s of %s in the process's deployment", task.getCamundaFormRef(), task.getId())
                    .isNotNull();
            assertThat(form.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
            assertThat(keys(form)).as("keys of " + task.getCamundaFormRef()).isEqualTo(KEYS_BY_TASK.get(task.getId()));
            for (JsonNode field : fields(form)) {
                boolean required = field.path("validate").path("required").asBoolean(false);
                assertThat(required).as("%s required in %s", field.get("key").asText(), task.getCamundaFormRef())
                        .isEqualTo(!OPTIONAL.contains(field.get("key").asText()));
            }
        }
        assertThat(tasks).isEqualTo(KEYS_BY_TASK.keySet());
    }

    /**
     * Money is entered in yuan and fen, deadlines with their UTC offset (the form SubmittedValues reads
     * without guessing a zone). A number field's "increment" is also a validation step in form-js: "100"
     * refused 5000.5 in Tasklist, so money fields must not restrict the step.
     */
    @Test
    void moneyAcceptsCentsAndDeadlinesCarryTheirOffset() throws IOException {
        Map<String, JsonNode> fields = new HashMap<>();
        for (String resource : new String[] {"assign-hazard.form", "rectify-hazard.form"}) {
            try (InputStream in = getClass().getResourceAsStream("/bpmn/forms/" + resource)) {
                fields(json.readTree(in)).forEach(field -> fields.put(field.get("key").asText(), field));
            }
        }
        for (String money : new String[] {Assignment.FUNDS, Rectification.ACTUAL_COST}) {
            JsonNode field = fields.get(money);
            assertThat(field.get("type").asText()).isEqualTo("number");
            assertThat(field.get("decimalDigits").asInt()).isEqualTo(2);
            assertThat(field.path("validate").get("min").asInt()).isZero();
            assertThat(field.has("increment")).as(money + " increment").isFalse();
        }
        for (String deadline : new String[] {Assignment.DEADLINE, Rectification.REQUESTED_DEADLINE}) {
            JsonNode field = fields.get(deadline);
            assertThat(field.get("type").asText()).isEqualTo("datetime");
            assertThat(field.get("subtype").asText()).isEqualTo("datetime");
            assertThat(field.get("timeSerializingFormat").asText()).isEqualTo("utc_offset");
        }
    }

    @Test
    void eachOpenTaskResolvesItsFormAtRuntime() throws IOException {
        String number = driver.report("表单解析：重大隐患全流程");
        assertDeployedForm(number, "Task_AssignHazard");
        driver.complete(SUPERVISOR, number, assignment("MAJOR", daysAhead(5)));
        assertDeployedForm(number, "Task_RectifyHazard");
        driver.complete(FIRE_OFFICER, number, extensionRequest(daysAhead(9)));
        assertDeployedForm(number, "Task_ReviewExtension");
        driver.complete(SUPERVISOR, number, decision("extensionApproved", true, "extensionReviewComment", null));
        driver.complete(FIRE_OFFICER, number, submission("已整改", "10"));
        assertDeployedForm(number, "Task_VerifyRectification");
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", null));
        assertDeployedForm(number, "Task_ApproveCloseout");
        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", true, "closeoutComment", null));
    }

    private void assertDeployedForm(String number, String taskKey) throws IOException {
        var task = driver.task(number);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
        try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
            assertThat(keys(json.readTree(in))).isEqualTo(KEYS_BY_TASK.get(taskKey));
        }
    }

    private static Set<String> keys(JsonNode form) {
        Set<String> keys = new HashSet<>();
        fields(form).forEach(field -> keys.add(field.get("key").asText()));
        return keys;
    }

    private static Iterable<JsonNode> fields(JsonNode form) {
        var fields = new java.util.ArrayList<JsonNode>();
        collect(form.get("components"), fields);
        return fields;
    }

    private static void collect(JsonNode components, java.util.List<JsonNode> into) {
        if (components == null) {
            return;
        }
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                into.add(component);
            }
            collect(component.get("components"), into);
        }
    }
}

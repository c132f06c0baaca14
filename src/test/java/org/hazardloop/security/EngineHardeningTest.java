package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine settings every profile runs with: no external XML entities in deployments, no Java-serialized
 * variables, not even from an administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class EngineHardeningTest {

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    HazardProcessDriver driver;

    @Test
    void aDeploymentWithAnExternalEntityIsRefused() throws IOException {
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "secret-content");
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [<!ENTITY secret SYSTEM "%s">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Xxe"
                                  targetNamespace="http://hazardloop.org/test">
                  <bpmn:process id="XxeProcess" name="&secret;" isExecutable="true">
                    <bpmn:startEvent id="start" />
                  </bpmn:process>
                </bpmn:definitions>""".formatted(secret.toUri());

        assertThatThrownBy(() -> repositoryService.createDeployment().name("xxe")
                .addString("xxe.bpmn", bpmn).deploy())
                .hasStackTraceContaining("DOCTYPE");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("XxeProcess").count()).isZero();
        Files.delete(secret);
    }

    @Test
    void aJavaSerializedVariableIsRefusedEvenFromAnAdministrator() throws IOException {
        String number = driver.report("Java 序列化变量");
        String instance = driver.instance(number).getId();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>());
        }

        Client.Response refused = Client.basic(port, "admin", "demo").put(
                "/engine-rest/process-instance/" + instance + "/variables/payload",
                Map.of("value", Base64.getEncoder().encodeToString(bytes.toByteArray()), "type", "Object",
                        "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
                                "serializationDataFormat", "application/x-java-serialized-object")));

        assertThat(refused.status()).as(refused.toString()).isIn(400, 500);
        assertThat(refused.body()).contains("Java serialization");
        assertThat(driver.variables(number)).doesNotContainKey("payload");
    }
}

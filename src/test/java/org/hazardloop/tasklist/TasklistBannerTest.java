package org.hazardloop.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** What a browser opening Tasklist is served: the project's header line instead of Camunda's migration notice. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistBannerTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void tasklistShowsTheProjectsLineInTheBanner(String locale) throws Exception {
        ResponseEntity<byte[]> response = http.getForEntity("/camunda/app/tasklist/locales/" + locale + ".json",
                byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode labels = json.readTree(response.getBody()).get("labels");
        String banner = labels.get("BANNER_CE_EOL_TEXT").asText();
        assertThat(banner).startsWith("Hazard Loop 安全隐患排查治理闭环管理").doesNotContain("Camunda 8", "migrat");
        // the rest of Tasklist's labels are still there
        assertThat(labels.get("FILTER").asText()).isNotBlank();
    }

    @Test
    void theBannerIsNotPaintedAlarmRed() {
        ResponseEntity<String> response = http.getForEntity("/camunda/app/tasklist/styles/user-styles.css",
                String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains(".ce-eol-banner").contains("background-color: #2f4858");
    }
}

package org.hazardloop.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's Tasklist locale files are Camunda's (Apache-2.0, from camunda-webapp-webjar) with one label
 * changed: the banner. Tasklist is served them instead of the webjar's, so they must keep every other label
 * of the webjar in use; after a Camunda upgrade this fails until the files are taken anew from the new webjar.
 */
class TasklistLocaleFilesTest {

    private static final String OURS = "camunda-webapp/tasklist/locales/";
    private static final String WEBJAR = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
    private static final String BANNER = "BANNER_CE_EOL_TEXT";

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void onlyTheBannerDiffersFromTheWebjarsLocale(String locale) throws Exception {
        JsonNode ourFile = read(OURS + locale + ".json");
        JsonNode webjarFile = read(WEBJAR + locale + ".json");

        assertThat(ourFile.get("dateLocales")).isEqualTo(webjarFile.get("dateLocales"));
        Map<String, JsonNode> ourLabels = labelsWithoutBanner(ourFile);
        Map<String, JsonNode> webjarLabels = labelsWithoutBanner(webjarFile);
        assertThat(ourLabels).isEqualTo(webjarLabels);
        assertThat(ourFile.get("labels").get(BANNER).asText()).isNotEqualTo(webjarFile.get("labels").get(BANNER).asText());
    }

    private JsonNode read(String resource) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return json.readTree(in);
        }
    }

    private static Map<String, JsonNode> labelsWithoutBanner(JsonNode file) {
        Map<String, JsonNode> labels = new TreeMap<>();
        file.get("labels").fields().forEachRemaining(entry -> labels.put(entry.getKey(), entry.getValue()));
        labels.remove(BANNER);
        return labels;
    }
}

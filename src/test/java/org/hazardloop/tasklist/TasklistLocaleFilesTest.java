package org.hazardloop.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's Tasklist locale files are Camunda's (Apache-2.0, from camunda-webapp-webjar) with one label
 * changed: the banner. They shadow the webjar's on the classpath, so they must keep every other label of the
 * webjar in use; after a Camunda upgrade this fails until the files are taken anew from the new webjar.
 */
class TasklistLocaleFilesTest {

    private static final String PATH = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
    private static final String BANNER = "BANNER_CE_EOL_TEXT";

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void onlyTheBannerDiffersFromTheWebjarsLocale(String locale) throws Exception {
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources(PATH + locale + ".json"));
        URL ours = copies.stream().filter(url -> url.getProtocol().equals("file")).findFirst().orElseThrow();
        URL webjars = copies.stream().filter(url -> url.getProtocol().equals("jar")).findFirst().orElseThrow();

        JsonNode ourFile = read(ours);
        JsonNode webjarFile = read(webjars);

        assertThat(ourFile.get("dateLocales")).isEqualTo(webjarFile.get("dateLocales"));
        Map<String, JsonNode> ourLabels = labelsWithoutBanner(ourFile);
        Map<String, JsonNode> webjarLabels = labelsWithoutBanner(webjarFile);
        assertThat(ourLabels).isEqualTo(webjarLabels);
        assertThat(ourFile.get("labels").get(BANNER).asText()).isNotEqualTo(webjarFile.get("labels").get(BANNER).asText());
    }

    private JsonNode read(URL url) throws Exception {
        try (InputStream in = url.openStream()) {
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

package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hazardloop.events.inbound.InboundHazardReport;
import org.hazardloop.events.inbound.ReportDeadLetters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/events.md and docs/asyncapi.yaml describe the contract the code implements: the same topics, event
 * types, data fields, report fields and dead-letter headers, in both directions.
 */
class EventsDocumentationTest {

    private static final Pattern EVENT_TYPE_OR_TOPIC = Pattern.compile("`(hazard\\.[a-z][a-z-]*)`");

    private static Map<String, Object> asyncApi;
    private static String eventsMd;
    private static EventsProperties.Topics topics;

    @BeforeAll
    static void read() throws IOException {
        asyncApi = new Yaml().load(Files.readString(Path.of("docs/asyncapi.yaml")));
        eventsMd = Files.readString(Path.of("docs/events.md"));
        topics = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("hazardloop.events", EventsProperties.class).topics();
    }

    @Test
    void bothDocumentsNameTheTopicsTheApplicationUses() {
        Set<String> code = Set.of(topics.lifecycle(), topics.escalations(), topics.reports(), topics.reportsDeadLetter());
        assertThat(channels().values().stream().map(channel -> (String) channel.get("address")).collect(Collectors.toSet()))
                .isEqualTo(code);
        assertThat(code).allSatisfy(topic -> assertThat(eventsMd).contains("| `" + topic + "` |"));
    }

    @Test
    void bothDocumentsListExactlyTheEventTypesTheCodeCanEmit() {
        for (HazardEventType.Stream stream : HazardEventType.Stream.values()) {
            Set<String> code = Arrays.stream(HazardEventType.values()).filter(type -> type.stream() == stream)
                    .map(HazardEventType::type).collect(Collectors.toSet());
            Map<String, Object> channel = channels().values().stream()
                    .filter(c -> stream.topic(topics).equals(c.get("address"))).findFirst().orElseThrow();
            Set<String> documented = map(channel, "messages").values().stream()
                    .map(reference -> message((String) ((Map<?, ?>) reference).get("$ref")))
                    .peek(message -> assertThat(ceType(message)).as("ce_type of " + message.get("name")).isEqualTo(message.get("name")))
                    .map(message -> (String) message.get("name"))
                    .collect(Collectors.toSet());
            assertThat(documented).as("AsyncAPI messages of " + stream).isEqualTo(code);
        }

        Set<String> inEventsMd = new LinkedHashSet<>();
        Matcher matcher = EVENT_TYPE_OR_TOPIC.matcher(eventsMd);
        while (matcher.find()) {
            inEventsMd.add(matcher.group(1));
        }
        inEventsMd.removeAll(Set.of(topics.lifecycle(), topics.escalations(), topics.reports()));
        assertThat(inEventsMd).as("event types in events.md")
                .isEqualTo(Arrays.stream(HazardEventType.values()).map(HazardEventType::type).collect(Collectors.toSet()));
    }

    @Test
    void bothDocumentsDescribeEveryFieldOfTheEventData() {
        Set<String> code = fields(HazardEventData.class);
        assertThat(map(schema("HazardEventData"), "properties").keySet()).isEqualTo(code);
        assertThat(code).allSatisfy(field -> assertThat(section("## Lifecycle events")).contains("| `" + field + "` |"));
    }

    @Test
    void bothDocumentsDescribeEveryFieldOfTheEscalationData() {
        Set<String> code = fields(HazardEscalationData.class);
        assertThat(map(schema("HazardEscalationData"), "properties").keySet()).isEqualTo(code);
        assertThat(code).allSatisfy(field -> assertThat(section("## Escalation events")).contains("| `" + field + "` |"));
    }

    /** A consumer decodes a message by its channel: each stream's messages carry that stream's data and headers. */
    @Test
    void eachStreamsMessagesCarryThatStreamsDataAndHeaders() {
        Map<HazardEventType.Stream, List<String>> expected = Map.of(
                HazardEventType.Stream.LIFECYCLE, List.of("#/components/schemas/HazardEventData", "#/components/schemas/CloudEventHeaders"),
                HazardEventType.Stream.ESCALATIONS, List.of("#/components/schemas/HazardEscalationData",
                        "#/components/schemas/EscalationCloudEventHeaders"));
        expected.forEach((stream, schemas) -> {
            Map<String, Object> channel = channels().values().stream()
                    .filter(c -> stream.topic(topics).equals(c.get("address"))).findFirst().orElseThrow();
            map(channel, "messages").values().stream()
                    .map(reference -> message((String) ((Map<?, ?>) reference).get("$ref")))
                    .forEach(message -> {
                        assertThat(map(message, "payload").get("$ref")).as("payload of " + message.get("name"))
                                .isEqualTo(schemas.get(0));
                        assertThat(((Map<?, ?>) ((List<?>) map(message, "headers").get("allOf")).get(0)).get("$ref"))
                                .as("headers of " + message.get("name")).isEqualTo(schemas.get(1));
                    });
        });
        assertThat(String.valueOf(channels().values().stream()
                .filter(c -> topics.escalations().equals(c.get("address"))).findFirst().orElseThrow().get("description")))
                .as("no longer reserved").doesNotContainIgnoringCase("reserved");
    }

    @Test
    void bothDocumentsDescribeEveryFieldOfAReport() {
        Set<String> code = Arrays.stream(InboundHazardReport.class.getRecordComponents())
                .map(component -> component.getName()).collect(Collectors.toSet());
        assertThat(map(schema("HazardReport"), "properties").keySet()).isEqualTo(code);
        assertThat(code).allSatisfy(field -> assertThat(eventsMd).contains("| `" + field + "` |"));
    }

    @Test
    void bothDocumentsNameTheDeadLetterHeadersAndReasonCodes() {
        Map<String, Object> headers = map(map(message("#/components/messages/deadLetter"), "headers"), "properties");
        assertThat(headers).containsKeys(ReportDeadLetters.REASON_HEADER, ReportDeadLetters.REASON_CODE_HEADER);
        assertThat(map(headers, ReportDeadLetters.REASON_CODE_HEADER).get("enum")).isEqualTo(
                List.of(ReportDeadLetters.MALFORMED, ReportDeadLetters.INVALID, ReportDeadLetters.FAILED));
        assertThat(List.of(ReportDeadLetters.REASON_HEADER, ReportDeadLetters.REASON_CODE_HEADER, ReportDeadLetters.MALFORMED,
                ReportDeadLetters.INVALID, ReportDeadLetters.FAILED))
                .allSatisfy(name -> assertThat(eventsMd).contains("`" + name + "`"));
    }

    /** The JSON fields of a data record: its components, those of an unwrapped component in its place. */
    @SuppressWarnings("unchecked")
    private static Set<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .flatMap(component -> component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)
                        ? fields((Class<? extends Record>) component.getType()).stream()
                        : java.util.stream.Stream.of(component.getName()))
                .collect(Collectors.toSet());
    }

    /** The part of events.md under {@code heading}, up to the next heading of the same level. */
    private static String section(String heading) {
        int start = eventsMd.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in events.md").isNotNegative();
        int end = eventsMd.indexOf("\n## ", start + heading.length() + 1);
        return end < 0 ? eventsMd.substring(start) : eventsMd.substring(start, end);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> channels() {
        return (Map<String, Map<String, Object>>) asyncApi.get("channels");
    }

    private static Map<String, Object> message(String reference) {
        assertThat(reference).startsWith("#/components/messages/");
        return map(map(map(asyncApi, "components"), "messages"), reference.substring("#/components/messages/".length()));
    }

    private static Map<String, Object> schema(String name) {
        return map(map(map(asyncApi, "components"), "schemas"), name);
    }

    private static Object ceType(Map<String, Object> message) {
        List<?> allOf = (List<?>) map(message, "headers").get("allOf");
        for (Object part : allOf) {
            Object properties = ((Map<?, ?>) part).get("properties");
            if (properties instanceof Map<?, ?> props && props.get("ce_type") instanceof Map<?, ?> ceType) {
                return ceType.get("const");
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}

package org.hazardloop.events.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Where the Kafka clients connect, and when the embedded default's broker runs. */
class KafkaBootstrapEnvironmentTest {

    private final KafkaBootstrapEnvironment decide = new KafkaBootstrapEnvironment();

    @Test
    void withNoBrokerConfiguredTheEmbeddedBrokerRunsOnLoopback() {
        MockEnvironment environment = new MockEnvironment();
        decide.postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:9092");
        assertThat(environment.getProperty(KafkaBootstrapEnvironment.ACTIVE)).isEqualTo("true");
    }

    @Test
    void theEmbeddedBrokerPortCanBeChosen() {
        MockEnvironment environment = new MockEnvironment().withProperty(KafkaBootstrapEnvironment.PORT, "19092");
        decide.postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void kafkaBootstrapServersFromTheEnvironmentIsUsedAndNothingRunsInProcess() {
        MockEnvironment environment = new MockEnvironment().withProperty("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092");
        decide.postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(environment.containsProperty(KafkaBootstrapEnvironment.ACTIVE)).isFalse();
    }

    @Test
    void aConfiguredBootstrapServerIsLeftAlone() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "${spring.embedded.kafka.brokers}")
                .withProperty("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092");
        decide.postProcessEnvironment(environment, null);
        environment.setProperty("spring.embedded.kafka.brokers", "127.0.0.1:40000");
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:40000");
        assertThat(environment.containsProperty(KafkaBootstrapEnvironment.ACTIVE)).isFalse();
    }

    @Test
    void switchedOffTheEmbeddedBrokerNeverRuns() {
        MockEnvironment environment = new MockEnvironment().withProperty(KafkaBootstrapEnvironment.ENABLED, "false");
        decide.postProcessEnvironment(environment, null);
        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isFalse();
        assertThat(environment.containsProperty(KafkaBootstrapEnvironment.ACTIVE)).isFalse();
    }
}

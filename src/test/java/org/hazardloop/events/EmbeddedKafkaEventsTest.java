package org.hazardloop.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hazardloop.process.HazardProcessDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application against PostgreSQL (profile test) and spring-kafka-test's embedded KRaft broker, with
 * Kafka switched on and short relay pauses.
 *
 * <p>The context is closed after each test class: the outbox relay of a cached context would otherwise
 * keep claiming rows from the shared database and send them to a broker no test reads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "hazardloop.events.kafka-enabled=true",
        "hazardloop.events.relay.poll-interval=100ms",
        "hazardloop.events.relay.max-backoff=500ms",
        "hazardloop.events.relay.send-timeout=10s"})
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, partitions = 3)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(HazardProcessDriver.class)
public @interface EmbeddedKafkaEventsTest {
}

package org.hazardloop.events.broker;

import java.nio.file.Path;
import org.hazardloop.events.OutboxRelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Runs {@link EmbeddedKafkaServer} when {@link KafkaBootstrapEnvironment} chose the embedded default.
 * Every Kafka client bean depends on it: the broker is up before any client connects and stops after
 * they have all closed.
 */
@Configuration
@ConditionalOnProperty(KafkaBootstrapEnvironment.ACTIVE)
public class EmbeddedKafkaConfiguration {

    static final String BEAN = "embeddedKafkaServer";

    @Bean(name = BEAN, initMethod = "start", destroyMethod = "stop")
    EmbeddedKafkaServer embeddedKafkaServer(
            @Value("${hazardloop.events.embedded-broker.log-dir:./data/kafka}") Path logDir,
            @Value("${hazardloop.events.embedded-broker.port:9092}") int port,
            @Value("${hazardloop.events.embedded-broker.controller-port:9093}") int controllerPort) {
        return new EmbeddedKafkaServer(logDir, port, controllerPort);
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor kafkaAdminDependsOnEmbeddedKafka() {
        return new DependsOnEmbeddedKafka(KafkaAdmin.class);
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor producersDependOnEmbeddedKafka() {
        return new DependsOnEmbeddedKafka(ProducerFactory.class);
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor consumersDependOnEmbeddedKafka() {
        return new DependsOnEmbeddedKafka(ConsumerFactory.class);
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor listenersDependOnEmbeddedKafka() {
        return new DependsOnEmbeddedKafka(AbstractKafkaListenerContainerFactory.class);
    }

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor relayDependsOnEmbeddedKafka() {
        return new DependsOnEmbeddedKafka(OutboxRelay.class);
    }

    private static final class DependsOnEmbeddedKafka extends AbstractDependsOnBeanFactoryPostProcessor {
        DependsOnEmbeddedKafka(Class<?> beanClass) {
            super(beanClass, BEAN);
        }
    }
}

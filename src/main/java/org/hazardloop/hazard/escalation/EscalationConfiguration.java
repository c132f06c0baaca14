package org.hazardloop.hazard.escalation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(EscalationProperties.class)
public class EscalationConfiguration {

    /** Checked at start-up: a bad setting stops the application rather than an escalation at 3 a.m. */
    @Bean
    DeadlinePolicy deadlinePolicy(EscalationProperties properties) {
        return new DeadlinePolicy(properties.reminderLeadTime(), properties.reminderFraction(),
                properties.interval().general(), properties.interval().major(), properties.verificationPeriod());
    }
}

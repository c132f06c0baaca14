package org.hazardloop.hazard;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

@Configuration
@EnableConfigurationProperties(HazardLoopProperties.class)
public class HazardConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Spring's incrementers speak each database's sequence dialect, so the ledger SQL stays portable. */
    @Bean
    HazardNumbers hazardNumbers(DataSource dataSource) {
        String sequence = "hl_hazard_number_seq";
        return new HazardNumbers(onH2(dataSource)
                ? new H2SequenceMaxValueIncrementer(dataSource, sequence)
                : new PostgresSequenceMaxValueIncrementer(dataSource, sequence));
    }

    /** Whether the ledger lives in H2 (the embedded default) rather than PostgreSQL: the few statements that differ. */
    static boolean onH2(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
            return DatabaseDriver.fromProductName(product) == DatabaseDriver.H2;
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database holds the ledger", e);
        }
    }
}

package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The job executor's acquisition query finds its due jobs and its locked ones through indexes of the application's:
 * without them a burst of deadlines among tens of thousands of open ones fires at a fraction of its rate.
 */
@SpringBootTest
@ActiveProfiles("test")
class JobAcquisitionIndexTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void dueJobsAndLockedJobsAreIndexed() {
        Map<String, String> indexes = jdbc.sql("""
                        SELECT indexname, indexdef FROM pg_indexes
                         WHERE tablename = 'act_ru_job' AND schemaname = current_schema()""")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(indexes.get(JobAcquisitionIndex.DUE_DATE)).containsIgnoringCase("(duedate_)");
        assertThat(indexes.get(JobAcquisitionIndex.LOCKED)).containsIgnoringCase("(process_instance_id_)")
                .containsIgnoringCase("WHERE (lock_owner_ IS NOT NULL)");
        assertThat(jdbc.sql("""
                        SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                         WHERE c.relname IN (:names)""")
                .param("names", List.of(JobAcquisitionIndex.DUE_DATE, JobAcquisitionIndex.LOCKED))
                .query(Boolean.class).list()).containsExactly(true, true);
    }
}

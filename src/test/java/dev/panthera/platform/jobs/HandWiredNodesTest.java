package dev.panthera.platform.jobs;

import dev.panthera.support.TestEnvironment;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test context whose own job worker stays out, for tests that wire worker nodes by hand on its
 * job store and pool: only those nodes take the tests' jobs.
 */
@SpringBootTest
abstract class HandWiredNodesTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        // this context's own worker stays out: only the hand-wired nodes take jobs
        registry.add("panthera.jobs.enabled", () -> false);
    }

    @Autowired
    JobStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    /** The job's state as stored. */
    String state(UUID id) {
        return jdbc.sql("select state from jobs where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}

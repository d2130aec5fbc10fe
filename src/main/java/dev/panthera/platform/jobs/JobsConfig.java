package dev.panthera.platform.jobs;

import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import dev.panthera.shared.PantheraProperties;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the queue: one {@link JobQueue} bean, the worker that is this node's share, and retention. */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

    /** How long shutdown waits for running jobs before handing them back. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    JobStore jobStore(JdbcClient jdbc) {
        return new JobStore(jdbc);
    }

    @Bean
    JobHandlers jobHandlers(ObjectProvider<JobHandler> handlers) {
        return new JobHandlers(() -> handlers.orderedStream().toList());
    }

    @Bean
    JobWorker jobWorker(JobStore store, JobHandlers handlers, PantheraProperties properties, DataSource dataSource) {
        String node = NodeId.generate();
        return new JobWorker(
                store,
                new JobRunner(store, handlers, node),
                handlers,
                properties.jobs(),
                node,
                DRAIN_TIMEOUT,
                ListenConnections.of(dataSource));
    }

    @Bean
    JobQueue jobQueue(JobStore store, JobWorker worker, JobHandlers handlers, PantheraProperties properties) {
        return new PostgresJobQueue(store, worker, handlers, properties.jobs().maxAttempts());
    }

    @Bean
    JobRetention jobRetention(JobStore store, PantheraProperties properties) {
        return new JobRetention(store, properties.jobs().retention());
    }

    /** A worker for these handlers (also how tests start a second "node" on the same database). */
    static JobWorker worker(
            JobStore store,
            List<JobHandler> handlers,
            PantheraProperties.Jobs config,
            String node,
            Duration drainTimeout) {
        return worker(store, JobHandlers.of(handlers), config, node, drainTimeout);
    }

    static JobWorker worker(
            JobStore store, JobHandlers handlers, PantheraProperties.Jobs config, String node, Duration drainTimeout) {
        return new JobWorker(store, new JobRunner(store, handlers, node), handlers, config, node, drainTimeout, null);
    }

    /** A worker that also LISTENs for new jobs on connections from {@code listen}. */
    static JobWorker worker(
            JobStore store,
            List<JobHandler> handlers,
            PantheraProperties.Jobs config,
            String node,
            Duration drainTimeout,
            JobListener.Connections listen) {
        JobHandlers byKind = JobHandlers.of(handlers);
        return new JobWorker(store, new JobRunner(store, byKind, node), byKind, config, node, drainTimeout, listen);
    }
}

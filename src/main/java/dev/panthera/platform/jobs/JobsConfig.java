package dev.panthera.platform.jobs;

import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import dev.panthera.shared.PantheraProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    JobWorker jobWorker(JobStore store, ObjectProvider<JobHandler> handlers, PantheraProperties properties) {
        return worker(store, handlers.orderedStream().toList(), properties.jobs(), NodeId.generate(), DRAIN_TIMEOUT);
    }

    @Bean
    JobQueue jobQueue(
            JobStore store, JobWorker worker, ObjectProvider<JobHandler> handlers, PantheraProperties properties) {
        return new PostgresJobQueue(
                store,
                worker,
                byKind(handlers.orderedStream().toList()).keySet(),
                properties.jobs().maxAttempts());
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
        Map<String, JobHandler> byKind = byKind(handlers);
        return new JobWorker(store, new JobRunner(store, byKind, node), byKind.keySet(), config, node, drainTimeout);
    }

    /** One handler per kind; two beans claiming one kind is a wiring mistake, caught at startup. */
    static Map<String, JobHandler> byKind(List<JobHandler> handlers) {
        return handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two JobHandler beans do kind '" + a.kind() + "': "
                    + a.getClass().getName() + " and " + b.getClass().getName());
        }));
    }
}

package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code deploy.health}: one probe of a running or unhealthy deployment. A good probe keeps (or
 * brings back) running; a failed one, or a workload the provider no longer has (a local agent after
 * a restart of Panthera), marks it unhealthy and redeploys it after {@code restart-backoff}
 * (doubling per restart), up to {@code max-restarts}; then it fails with the last error.
 */
@Component
class HealthJob implements JobHandler {

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final Providers providers;
    private final DeployQueue queue;
    private final DeployProperties properties;
    private final Clock clock;

    HealthJob(
            DeploymentRepository deployments,
            DeploymentTransitions transitions,
            Providers providers,
            DeployQueue queue,
            DeployProperties properties,
            Clock clock) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.providers = providers;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return DeployJobs.HEALTH;
    }

    @Override
    public JobQueue.Outcome run(JobQueue.Job job) {
        UUID id = UUID.fromString(job.payload());
        DeploymentRecord d = deployments.find(id).orElse(null);
        if (d == null || (d.status() != DeploymentState.RUNNING && d.status() != DeploymentState.UNHEALTHY)) {
            return JobQueue.Outcome.done();
        }
        HealthReport report = probe(providers.of(d.provider()), d);
        Instant now = clock.instant();
        int errors = report.healthy() ? 0 : HealthJson.errorCount(d.health()) + 1;
        deployments.storeHealth(id, HealthJson.write(report, now, errors), now);
        if (report.healthy()) {
            if (d.status() == DeploymentState.UNHEALTHY) {
                transitions.transition(
                        id, DeploymentState.UNHEALTHY, DeploymentState.RUNNING, "health", Map.of("healthy", true));
            }
            return JobQueue.Outcome.done();
        }
        String error = report.error() == null ? "health check failed" : report.error();
        if (d.status() == DeploymentState.RUNNING
                && !transitions.transition(
                        id,
                        DeploymentState.RUNNING,
                        DeploymentState.UNHEALTHY,
                        "health",
                        Map.of("healthy", false, "reason", error))) {
            return JobQueue.Outcome.done(); // moved meanwhile (stopping): nothing to restart
        }
        restartOrFail(id, error, now);
        return JobQueue.Outcome.done();
    }

    private void restartOrFail(UUID id, String error, Instant now) {
        var restart = deployments.countRestart(id, properties.maxRestarts());
        if (restart.isEmpty()) {
            transitions.transition(
                    id,
                    DeploymentState.UNHEALTHY,
                    DeploymentState.FAILED,
                    "failed",
                    Map.of("error", "Unhealthy after " + properties.maxRestarts() + " restarts: " + error));
            return;
        }
        int n = restart.get();
        if (transitions.transition(
                id,
                DeploymentState.UNHEALTHY,
                DeploymentState.DEPLOYING,
                "status_changed",
                Map.of("restart", n, "reason", error))) {
            Duration backoff = properties.restartBackoff().multipliedBy(1L << Math.min(n - 1, 10));
            queue.at(DeployJobs.START, id, now.plus(backoff));
        }
    }

    private static HealthReport probe(DeploymentProvider provider, DeploymentRecord d) {
        try {
            ProviderStatus status = provider.status(d.providerDeployment());
            if (status.phase() == ProviderStatus.Phase.GONE || status.phase() == ProviderStatus.Phase.FAILED) {
                String why = status.message() != null
                        ? status.message()
                        : status.phase() == ProviderStatus.Phase.GONE ? "the workload is gone" : "the workload failed";
                return new HealthReport(false, Duration.ZERO, null, null, why);
            }
            return provider.health(d.providerDeployment());
        } catch (ProviderException e) {
            return new HealthReport(false, Duration.ZERO, null, null, e.getMessage());
        }
    }
}

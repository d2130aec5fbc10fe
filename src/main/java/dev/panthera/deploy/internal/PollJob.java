package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
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
 * {@code deploy.poll}: asks the provider about a starting workload until it is ready (-> running),
 * failed or gone (-> failed), or {@code start-timeout} passed since it entered starting (-> failed).
 */
@Component
class PollJob implements JobHandler {

    static final Duration INTERVAL = Duration.ofMillis(1500);

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final Providers providers;
    private final DeployProperties properties;
    private final Clock clock;

    PollJob(
            DeploymentRepository deployments,
            DeploymentTransitions transitions,
            Providers providers,
            DeployProperties properties,
            Clock clock) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.providers = providers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return DeployJobs.POLL;
    }

    @Override
    public JobQueue.Outcome run(JobQueue.Job job) {
        UUID id = UUID.fromString(job.payload());
        DeploymentRecord d = deployments.find(id).orElse(null);
        if (d == null || d.status() != DeploymentState.STARTING) {
            return JobQueue.Outcome.done();
        }
        ProviderStatus status;
        try {
            status = providers.of(d.provider()).status(d.providerDeployment());
        } catch (ProviderException e) {
            if (e.retryable()) {
                return timedOut(d) ? fail(d, notReady()) : JobQueue.Outcome.retryAt(next(), e.getMessage());
            }
            return fail(d, e.getMessage());
        }
        return switch (status.phase()) {
            case READY -> {
                if (status.endpointUrl() != null) {
                    deployments.storeEndpoint(id, status.endpointUrl());
                }
                if (!status.details().isEmpty()) {
                    deployments.mergeDetails(id, status.details());
                }
                transitions.transition(
                        id,
                        DeploymentState.STARTING,
                        DeploymentState.RUNNING,
                        "started",
                        Map.of("endpoint_url", status.endpointUrl() == null ? "" : status.endpointUrl()));
                yield JobQueue.Outcome.done();
            }
            case STARTING -> timedOut(d) ? fail(d, notReady()) : JobQueue.Outcome.retryAt(next(), "not ready yet");
            case FAILED ->
                fail(d, status.message() == null ? "The provider reports the workload failed" : status.message());
            case GONE -> fail(d, "The provider has no workload for this deployment");
        };
    }

    private boolean timedOut(DeploymentRecord d) {
        return clock.instant().isAfter(d.updatedAt().plus(properties.startTimeout()));
    }

    private String notReady() {
        return "The agent was not ready within " + properties.startTimeout();
    }

    private Instant next() {
        return clock.instant().plus(INTERVAL);
    }

    private JobQueue.Outcome fail(DeploymentRecord d, String error) {
        transitions.transition(
                d.id(), DeploymentState.STARTING, DeploymentState.FAILED, "failed", Map.of("error", error));
        return JobQueue.Outcome.done();
    }
}

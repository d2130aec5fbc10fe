package dev.panthera.deploy.internal;

import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code deploy.cleanup}: removes workloads left behind by deployments that ended (a stop that raced
 * a deploy, a provider call that failed after creating something). Providers' stop succeeds when
 * the workload is already gone, so asking again is safe.
 */
@Component
class CleanupJob implements JobHandler {

    /** The one cleanup job's payload and dedup identity. */
    static final UUID SINGLETON = new UUID(0, 0);

    static final Duration LOOK_BACK = Duration.ofHours(2);

    private static final Logger log = LoggerFactory.getLogger(CleanupJob.class);

    private final DeploymentRepository deployments;
    private final Providers providers;
    private final Clock clock;

    CleanupJob(DeploymentRepository deployments, Providers providers, Clock clock) {
        this.deployments = deployments;
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return DeployJobs.CLEANUP;
    }

    @Override
    public JobQueue.Outcome run(JobQueue.Job job) {
        int removed = 0;
        for (DeploymentRecord d : deployments.endedSince(clock.instant().minus(LOOK_BACK))) {
            try {
                providers.of(d.provider()).stop(d.providerDeployment());
                removed++;
            } catch (ProviderException | IllegalStateException e) {
                log.warn("Cleanup of deployment {} failed: {}", d.id(), e.getMessage());
            }
        }
        log.debug("Cleanup asked providers to remove {} ended workloads", removed);
        return JobQueue.Outcome.done();
    }
}

package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code deploy.stop}: the provider removes the workload (which succeeds when it is already gone),
 * then stopping -> stopped. A deployment not yet stopping is moved there first, so the job may be
 * queued on its own and repeated after a crash.
 */
@Component
class StopJob implements JobHandler {

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final Providers providers;

    StopJob(DeploymentRepository deployments, DeploymentTransitions transitions, Providers providers) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.providers = providers;
    }

    @Override
    public String kind() {
        return DeployJobs.STOP;
    }

    @Override
    public JobQueue.Outcome run(JobQueue.Job job) {
        UUID id = UUID.fromString(job.payload());
        DeploymentRecord d = deployments.find(id).orElse(null);
        if (d == null || d.status().isFinal()) {
            return JobQueue.Outcome.done();
        }
        if (d.status() == DeploymentState.PENDING) {
            transitions.transition(id, DeploymentState.PENDING, DeploymentState.STOPPED, "stopped", null);
            return JobQueue.Outcome.done();
        }
        if (d.status() != DeploymentState.STOPPING
                && !transitions.transition(id, d.status(), DeploymentState.STOPPING, "status_changed", null)) {
            return run(job);
        }
        if (d.providerId() != null) {
            try {
                providers.of(d.provider()).stop(d.providerDeployment());
            } catch (ProviderException e) {
                if (e.retryable()) {
                    throw e;
                }
                transitions.transition(
                        id,
                        DeploymentState.STOPPING,
                        DeploymentState.FAILED,
                        "failed",
                        Map.of("error", e.getMessage()));
                return JobQueue.Outcome.done();
            }
        }
        transitions.transition(id, DeploymentState.STOPPING, DeploymentState.STOPPED, "stopped", null);
        return JobQueue.Outcome.done();
    }
}

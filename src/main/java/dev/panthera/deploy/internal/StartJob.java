package dev.panthera.deploy.internal;

import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentView;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code deploy.start}: pending -> deploying, the provider creates (or re-applies) the workload,
 * -> starting, then the poll job waits for it. Re-running after a crash converges: it picks up from
 * the stored state, and providers re-apply by deployment id. A retryable provider error is thrown
 * for the queue to retry with backoff; on the last attempt it fails the deployment with that error.
 */
@Component
class StartJob implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(StartJob.class);

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final Providers providers;
    private final AgentService agents;
    private final DeployQueue queue;
    private final Clock clock;
    private final int maxAttempts;

    StartJob(
            DeploymentRepository deployments,
            DeploymentTransitions transitions,
            Providers providers,
            AgentService agents,
            DeployQueue queue,
            Clock clock,
            PantheraProperties properties) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.providers = providers;
        this.agents = agents;
        this.queue = queue;
        this.clock = clock;
        // a run's attempt number is at least its failures in a row + 1 (hand-backs on shutdown add
        // attempts, not failures), so attempt >= max-attempts holds at the latest on the run after
        // whose exception the queue would give up: the deployment never stays deploying with no job
        this.maxAttempts = properties.jobs().maxAttempts();
    }

    @Override
    public String kind() {
        return DeployJobs.START;
    }

    @Override
    public JobQueue.Outcome run(JobQueue.Job job) {
        UUID id = UUID.fromString(job.payload());
        DeploymentRecord d = deployments.find(id).orElse(null);
        if (d == null) {
            return JobQueue.Outcome.done();
        }
        if (d.status() == DeploymentState.PENDING) {
            if (!transitions.transition(
                    id, DeploymentState.PENDING, DeploymentState.DEPLOYING, "status_changed", null)) {
                return run(job); // moved meanwhile (stopped, or another node): act on the new state
            }
            d = deployments.find(id).orElseThrow();
        }
        return switch (d.status()) {
            case DEPLOYING -> deploy(d, job.attempt() >= maxAttempts);
            case STARTING -> {
                queue.now(DeployJobs.POLL, id);
                yield JobQueue.Outcome.done();
            }
            default -> JobQueue.Outcome.done();
        };
    }

    /** {@code lastAttempt}: the queue gives up if this run throws, so a retryable error fails it here. */
    private JobQueue.Outcome deploy(DeploymentRecord d, boolean lastAttempt) {
        DeploymentProvider provider = providers.of(d.provider());
        DeploymentSpec spec;
        try {
            spec = spec(d);
        } catch (PantheraException e) {
            // the agent cannot be read (token gone, collection no longer configured): no retry helps
            transitions.transition(
                    d.id(),
                    DeploymentState.DEPLOYING,
                    DeploymentState.FAILED,
                    "failed",
                    Map.of("error", "The agent cannot be loaded: " + e.getMessage()));
            return JobQueue.Outcome.done();
        }
        ProviderDeployment assigned;
        try {
            assigned = provider.deploy(spec);
        } catch (ProviderException e) {
            if (e.retryable() && !lastAttempt) {
                throw e; // the queue backs off and runs this again
            }
            transitions.transition(
                    d.id(),
                    DeploymentState.DEPLOYING,
                    DeploymentState.FAILED,
                    "failed",
                    Map.of("error", e.getMessage()));
            return e.retryable() ? JobQueue.Outcome.failed(e.getMessage()) : JobQueue.Outcome.done();
        }
        deployments.storeProvider(d.id(), assigned, clock.instant());
        if (transitions.transition(
                d.id(),
                DeploymentState.DEPLOYING,
                DeploymentState.STARTING,
                "status_changed",
                Map.of("provider_id", assigned.providerId()))) {
            queue.now(DeployJobs.POLL, d.id());
            return JobQueue.Outcome.done();
        }
        DeploymentState now = transitions.currentState(d.id());
        if (now == DeploymentState.STOPPING || now.isFinal()) {
            // stopped while we deployed: the stop may have run before the workload existed
            log.info("Deployment {} was stopped while deploying; removing its workload", d.id());
            provider.stop(assigned);
        }
        return JobQueue.Outcome.done();
    }

    private DeploymentSpec spec(DeploymentRecord d) {
        AgentView agent = agents.get(d.nft());
        return new DeploymentSpec(
                d.id(),
                d.nft().collection(),
                d.nft().tokenId(),
                d.ownerAddress(),
                agent.name(),
                agent.deployment() == null ? null : agent.deployment().image(),
                d.resources(),
                DeploymentRepository.JSON.writeValueAsString(agent.config()),
                Map.of(
                        "PANTHERA_COLLECTION",
                        d.nft().collection(),
                        "PANTHERA_TOKEN_ID",
                        d.nft().tokenId()));
    }
}

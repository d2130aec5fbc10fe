package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps deployments moving whatever happened to the node that drove them. On start: every
 * deployment in a transient state (or pending) gets its job queued again. Every {@code
 * health-interval}: a health job per running or unhealthy deployment, each due at its own offset
 * in the interval. Hourly: the cleanup job. All
 * jobs carry dedup keys, so every node may do this at once and each job still runs once.
 */
@Component
class DeploymentReconciler implements SchedulingConfigurer {

    static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(DeploymentReconciler.class);

    private final DeploymentRepository deployments;
    private final DeployQueue queue;
    private final DeployProperties properties;
    private final Clock clock;

    DeploymentReconciler(
            DeploymentRepository deployments, DeployQueue queue, DeployProperties properties, Clock clock) {
        this.deployments = deployments;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(guarded("health sweep", this::sweepHealth), properties.healthInterval());
        registrar.addFixedDelayTask(guarded("cleanup", this::queueCleanup), CLEANUP_INTERVAL);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        guarded("reconciliation", this::reconcile).run();
    }

    /** Queues again the job that moves each unfinished deployment on; returns how many were queued. */
    int reconcile() {
        int queued = 0;
        for (DeploymentRecord d : deployments.inStates(EnumSet.of(
                DeploymentState.PENDING,
                DeploymentState.DEPLOYING,
                DeploymentState.STARTING,
                DeploymentState.STOPPING))) {
            String kind = switch (d.status()) {
                case STARTING -> DeployJobs.POLL;
                case STOPPING -> DeployJobs.STOP;
                default -> DeployJobs.START;
            };
            queue.now(kind, d.id());
            queued++;
        }
        if (queued > 0) {
            log.info("Reconciliation queued work for {} unfinished deployments", queued);
        }
        return queued;
    }

    /**
     * Queues each check at its own place in the interval rather than all due now: a sweep of
     * thousands of agents would otherwise sit in the queue ahead of new deployments' start jobs for
     * seconds (BENCHMARKS.md, "Deployments").
     */
    void sweepHealth() {
        Instant now = clock.instant();
        Duration interval = properties.healthInterval();
        deployments
                .inStates(EnumSet.of(DeploymentState.RUNNING, DeploymentState.UNHEALTHY))
                .forEach(d -> queue.at(DeployJobs.HEALTH, d.id(), now.plus(spread(d.id(), interval))));
    }

    /**
     * This deployment's offset in the health interval: the same every sweep (so its checks stay an
     * interval apart) and spread evenly over the deployments (ids are random).
     */
    static Duration spread(UUID deploymentId, Duration interval) {
        long millis = interval.toMillis();
        if (millis <= 1) {
            return Duration.ZERO;
        }
        long mixed = deploymentId.getMostSignificantBits() ^ deploymentId.getLeastSignificantBits();
        return Duration.ofMillis(Math.floorMod(mixed, millis));
    }

    void queueCleanup() {
        queue.now(DeployJobs.CLEANUP, CleanupJob.SINGLETON);
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the next round tries again; a failing round must not cancel the schedule
                log.warn("Deployment {} failed: {}", what, e.toString());
            }
        };
    }
}

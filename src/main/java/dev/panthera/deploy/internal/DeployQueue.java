package dev.panthera.deploy.internal;

import dev.panthera.shared.JobQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Queues deploy jobs; the payload is the deployment id only, never secrets. */
@Component
class DeployQueue {

    private final JobQueue queue;
    private final Clock clock;

    DeployQueue(JobQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Queues the job now; a live job of this kind for the deployment makes it a no-op. */
    void now(String kind, UUID deploymentId) {
        at(kind, deploymentId, clock.instant());
    }

    void at(String kind, UUID deploymentId, Instant runAt) {
        queue.enqueue(kind, deploymentId.toString(), runAt, DeployJobs.dedupKey(kind, deploymentId));
    }
}

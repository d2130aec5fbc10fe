package dev.panthera.deploy.internal;

import dev.panthera.shared.JobQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Queues deploy jobs; the payload is the deployment id only, never secrets. */
@Component
class DeployQueue {

    private final ObjectProvider<JobQueue> queue;
    private final Clock clock;

    /** The queue is looked up on use: it is built from the job handlers, and they queue jobs through this. */
    DeployQueue(ObjectProvider<JobQueue> queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Queues the job now; a live job of this kind for the deployment makes it a no-op. */
    void now(String kind, UUID deploymentId) {
        at(kind, deploymentId, clock.instant());
    }

    void at(String kind, UUID deploymentId, Instant runAt) {
        queue.getObject().enqueue(kind, deploymentId.toString(), runAt, DeployJobs.dedupKey(kind, deploymentId));
    }
}

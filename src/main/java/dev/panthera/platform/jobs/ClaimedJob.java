package dev.panthera.platform.jobs;

import dev.panthera.shared.JobQueue;
import java.time.Instant;
import java.util.UUID;

/**
 * A job this node has just claimed. {@code attempt} (runs started, this one included) is also the
 * claim's token: a finish or renewal only applies while the row still carries it, so a stale run
 * can never overwrite a later claim, not even one by this same node.
 */
record ClaimedJob(UUID id, String kind, String payload, int attempt, int errors, int maxAttempts, Instant createdAt) {

    JobQueue.Job toJob() {
        return new JobQueue.Job(id, kind, payload, attempt, createdAt);
    }
}

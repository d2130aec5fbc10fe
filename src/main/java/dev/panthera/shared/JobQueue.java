package dev.panthera.shared;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Background work shared by every node (DESIGN.md §2): jobs live in PostgreSQL, exactly one node
 * claims each (row lock, SKIP LOCKED) under a lease it renews while working; a node that dies loses
 * its lease and another node takes the job up again. Work is done by {@link JobHandler} beans, one
 * per kind. Handlers must be idempotent: a job may run again after a crash mid-way.
 */
public interface JobQueue {

    /**
     * Enqueues a job to run at {@code runAt} (now or later). {@code dedupKey}, when not null, is
     * unique among jobs not yet finished: enqueuing a second live job with it returns empty.
     */
    Optional<UUID> enqueue(String kind, String payload, Instant runAt, String dedupKey);

    /** A job's state, for tests and status pages; empty when unknown or purged. */
    Optional<JobView> find(UUID id);

    /** A job as its handler sees it. {@code attempt} starts at 1. */
    record Job(UUID id, String kind, String payload, int attempt, Instant createdAt) {}

    /** A job's state: queued | running | done | failed. */
    record JobView(
            UUID id, String kind, String state, int attempts, String lastError, Instant runAt, Instant finishedAt) {}

    /** What became of one run of a job. */
    sealed interface Outcome {
        /** Finished; the job will not run again. */
        record Done() implements Outcome {}

        /** Run again at {@code at} (attempt + 1), e.g. to poll a provider. */
        record RetryAt(Instant at, String reason) implements Outcome {}

        /** Given up; recorded with the reason. */
        record Failed(String reason) implements Outcome {}

        static Outcome done() {
            return new Done();
        }

        static Outcome retryAt(Instant at, String reason) {
            return new RetryAt(at, reason);
        }

        static Outcome failed(String reason) {
            return new Failed(reason);
        }
    }
}

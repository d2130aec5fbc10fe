package dev.panthera.platform.jobs;

import dev.panthera.shared.JobQueue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link JobQueue} every module uses. An enqueue joins the caller's transaction, if any (a
 * deployment row and its first job commit together), and wakes this node's poller once the job is
 * visible; other nodes are woken by the NOTIFY the insert sends on commit ({@link JobListener}), or
 * see it at their next poll if they missed it.
 */
class PostgresJobQueue implements JobQueue {

    private final JobStore store;
    private final JobWorker worker;
    private final JobHandlers handlers;
    private final int maxAttempts;

    PostgresJobQueue(JobStore store, JobWorker worker, JobHandlers handlers, int maxAttempts) {
        this.store = store;
        this.worker = worker;
        this.handlers = handlers;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @throws IllegalArgumentException when no {@code JobHandler} does {@code kind}: such a job
     *     would wait forever, since nodes claim only kinds they can do.
     */
    @Override
    public Optional<UUID> enqueue(String kind, String payload, Instant runAt, String dedupKey) {
        Objects.requireNonNull(kind, "kind");
        if (!handlers.kinds().contains(kind)) {
            throw new IllegalArgumentException("no JobHandler bean does jobs of kind '" + kind + "'");
        }
        Optional<UUID> id = store.insert(kind, payload, runAt, dedupKey, maxAttempts);
        if (id.isPresent()) {
            wakeAfterCommit();
        }
        return id;
    }

    @Override
    public Optional<JobView> find(UUID id) {
        return store.find(id);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }
}

package dev.panthera.platform.jobs;

import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job with its kind's handler and records the outcome: Done and Failed finish it,
 * RetryAt queues it again (a poll: not a failure), an exception queues it again with backoff until
 * {@code max_attempts} failures in a row, then fails it. Only the exception's class and message are
 * kept, never the payload. A result for a job this node no longer holds is dropped.
 */
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final int MAX_ERROR_CHARS = 1000;

    private final JobStore store;
    private final JobHandlers handlers;
    private final String node;

    JobRunner(JobStore store, JobHandlers handlers, String node) {
        this.store = store;
        this.handlers = handlers;
        this.node = node;
    }

    void run(ClaimedJob job) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            record(job, store.finish(job, node, false, "no JobHandler for kind '" + job.kind() + "' on node " + node));
            return;
        }
        if (job.errors() >= job.maxAttempts()) {
            // the nodes that ran it before died mid-way: perhaps the job itself kills them
            record(
                    job,
                    store.finish(
                            job,
                            node,
                            false,
                            "abandoned: " + job.errors() + " failures in a row, the last"
                                    + " by a node that stopped while running it (lease expired)"));
            return;
        }
        Outcome outcome;
        try {
            outcome = handler.run(job.toJob());
        } catch (Exception | LinkageError | AssertionError e) {
            failed(job, e);
            return;
        }
        switch (outcome) {
            case Outcome.Done d -> record(job, store.finish(job, node, true, null));
            case Outcome.Failed f -> record(job, store.finish(job, node, false, truncate(f.reason())));
            case Outcome.RetryAt r -> record(job, store.requeueAt(job, node, r.at(), truncate(r.reason())));
            case null -> failed(job, new IllegalStateException("handler returned no outcome"));
        }
    }

    private void failed(ClaimedJob job, Throwable e) {
        String error = truncate(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        int errors = job.errors() + 1;
        if (errors >= job.maxAttempts()) {
            log.warn(
                    "Job {} ({}) failed for good after {} failures in a row: {}",
                    job.id(),
                    job.kind(),
                    errors,
                    e.getClass().getName());
            record(job, store.finish(job, node, false, error));
        } else {
            var backoff = Backoff.after(errors);
            log.info(
                    "Job {} ({}) threw {} (failure {} of {}); again in {}",
                    job.id(),
                    job.kind(),
                    e.getClass().getName(),
                    errors,
                    job.maxAttempts(),
                    backoff);
            record(job, store.requeueAfterError(job, node, backoff, error));
        }
    }

    private void record(ClaimedJob job, boolean applied) {
        if (!applied) {
            log.warn(
                    "Job {} ({}) attempt {} was taken over or handed back before it finished here; result dropped",
                    job.id(),
                    job.kind(),
                    job.attempt());
        }
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "...";
    }
}

package dev.panthera.platform.jobs;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes finished jobs older than {@code panthera.jobs.retention}. The delete is idempotent, so
 * every node runs it and no coordination is needed. Queued and running jobs are never touched.
 */
class JobRetention {

    private static final Logger log = LoggerFactory.getLogger(JobRetention.class);

    private final JobStore store;
    private final Duration keep;

    JobRetention(JobStore store, Duration keep) {
        this.store = store;
        this.keep = keep;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int purge() {
        int deleted = store.purgeFinished(keep);
        if (deleted > 0) {
            log.info("Retention: deleted {} finished job(s) older than {}", deleted, keep);
        }
        return deleted;
    }
}

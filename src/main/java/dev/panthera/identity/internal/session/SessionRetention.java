package dev.panthera.identity.internal.session;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seed 001 retention: session rows go 30 days after they end. The delete is idempotent, so every
 * node may run it; no coordination is needed.
 */
@Component
class SessionRetention {

    private static final Logger log = LoggerFactory.getLogger(SessionRetention.class);
    static final Duration KEEP = Duration.ofDays(30);

    private final SessionRepository sessions;
    private final Clock clock;

    SessionRetention(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT6H")
    int purge() {
        int deleted = sessions.deleteEndedBefore(clock.instant().minus(KEEP));
        if (deleted > 0) {
            log.info("Retention: deleted {} session(s) ended more than {} days ago", deleted, KEEP.toDays());
        }
        return deleted;
    }
}

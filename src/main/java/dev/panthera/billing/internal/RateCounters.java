package dev.panthera.billing.internal;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.EphemeralStore.WindowCount;
import dev.panthera.shared.ThrottledWarning;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Requests and tokens per subject in fixed one-minute windows of the shared {@link EphemeralStore}
 * (Redis when configured, so every node counts together). When the store fails, the counter reads
 * as null and the limit is not enforced: an unreachable cache must not take chat down with it.
 */
@Component
class RateCounters {

    private static final Logger log = LoggerFactory.getLogger(RateCounters.class);
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final EphemeralStore store;
    private final ThrottledWarning storeDown =
            new ThrottledWarning(log, "Model call rate limits not enforced: ephemeral store failed ({})");

    RateCounters(EphemeralStore store) {
        this.store = store;
    }

    /** Counts one request of the subject; null when the store failed. */
    WindowCount hitRequests(Subject subject) {
        return add("bill:rpm:" + subject.id(), 1);
    }

    /** The tokens the subject used this minute; null when the store failed. */
    WindowCount tokensUsed(Subject subject) {
        return add("bill:tpm:" + subject.id(), 0);
    }

    void addTokens(Subject subject, long tokens) {
        if (tokens > 0) {
            add("bill:tpm:" + subject.id(), tokens);
        }
    }

    private WindowCount add(String key, long delta) {
        try {
            return store.add(key, delta, WINDOW);
        } catch (RuntimeException e) {
            storeDown.warn(e);
            return null;
        }
    }
}

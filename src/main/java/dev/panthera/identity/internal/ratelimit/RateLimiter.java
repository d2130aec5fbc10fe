package dev.panthera.identity.internal.ratelimit;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.EphemeralStore.WindowCount;
import dev.panthera.shared.PantheraProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in the {@link EphemeralStore} (seed 000: {@code rate:{wallet_address}:{endpoint}},
 * time to live = the window), so every node sees the same counts when Redis is configured.
 */
@Component
public class RateLimiter {

    private final EphemeralStore store;
    private final Duration window;

    public RateLimiter(EphemeralStore store, PantheraProperties properties) {
        this.store = store;
        this.window = properties.rateLimits().window();
    }

    /** Counts one request of {@code subject} (a wallet, or {@code ip:...}) on a route key. */
    public Decision hit(String subject, String routeKey, int limit) {
        WindowCount count = store.increment("rate:" + subject + ":" + routeKey, window);
        return new Decision(count.count() <= limit, limit, Math.max(0, limit - count.count()), count.resetsIn());
    }

    /** Whether the request may pass, and what the {@code X-RateLimit-*} headers say. */
    public record Decision(boolean allowed, int limit, long remaining, Duration resetsIn) {

        /** Whole seconds until the window resets, rounded up so a client never retries too early. */
        public long resetSeconds() {
            long millis = Math.max(0, resetsIn.toMillis());
            return (millis + 999) / 1000;
        }

        /** {@code Retry-After}: at least one second, as a 0 would invite an immediate retry. */
        public long retryAfterSeconds() {
            return Math.max(1, resetSeconds());
        }
    }
}

package dev.panthera.shared;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning logged at most once per minute, for failures that repeat on every request (an
 * unreachable store) and would otherwise flood the log. Only the failure's type is logged.
 */
public final class ThrottledWarning {

    private static final long EVERY_MILLIS = 60_000;

    private final Logger log;
    private final String message;
    private final AtomicLong last = new AtomicLong();

    /** {@code message} has one {@code {}} for the failure's type. */
    public ThrottledWarning(Logger log, String message) {
        this.log = log;
        this.message = message;
    }

    public void warn(Throwable failure) {
        long now = System.currentTimeMillis();
        long previous = last.get();
        if (now - previous > EVERY_MILLIS && last.compareAndSet(previous, now)) {
            log.warn(message, failure.getClass().getSimpleName());
        }
    }
}

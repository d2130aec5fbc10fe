package dev.panthera.platform.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs an unexpected error with its stack trace once per kind (its type and its root cause's type)
 * per interval and counts the rest. An overloaded node fails the same way on thousands of requests
 * at once; rendering and redacting thousands of identical stack traces took half its CPU (chat
 * benchmark) and kept it from recovering.
 */
final class UnexpectedErrorLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private static final class Kind {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    UnexpectedErrorLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    UnexpectedErrorLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** True when this one was logged in full. */
    boolean log(Throwable error) {
        Kind kind = kinds.computeIfAbsent(key(error), k -> new Kind());
        long now = nanoTime.getAsLong();
        long last = kind.lastLogged.get();
        if ((last != Long.MIN_VALUE && now - last < intervalNanos) || !kind.lastLogged.compareAndSet(last, now)) {
            kind.suppressed.incrementAndGet();
            return false;
        }
        long more = kind.suppressed.getAndSet(0);
        if (more > 0) {
            log.error("Unhandled error ({} more of this kind since the last one logged)", more, error);
        } else {
            log.error("Unhandled error", error);
        }
        return true;
    }

    private static String key(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return error.getClass().getName() + "/" + root.getClass().getName();
    }
}

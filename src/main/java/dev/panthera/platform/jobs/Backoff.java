package dev.panthera.platform.jobs;

import java.time.Duration;

/** The wait before a job that threw runs again: 1 s, 2 s, 4 s ... doubling, at most 5 minutes. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {}

    /** {@code errors} is the failures in a row so far, this one included (1 for the first). */
    static Duration after(int errors) {
        int doublings = Math.max(0, errors - 1);
        if (doublings >= 20) {
            return MAX;
        }
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}

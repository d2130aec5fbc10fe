package dev.panthera.ownership.provider.secret;

import dev.panthera.ownership.spi.OracleUnavailableException;
import java.time.Duration;

/** One oracle operation's time budget: every LCD call it makes shares it, so the whole never exceeds it. */
record Deadline(long endNanos, Duration budget) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** The time left, or an {@link OracleUnavailableException} when there is none. */
    Duration remaining(String endpoint) {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new OracleUnavailableException(
                    "Secret LCD " + endpoint + " did not answer within " + budget.toMillis() + " ms");
        }
        return Duration.ofNanos(left);
    }
}

package dev.panthera.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Short-lived shared state: nonces, session lookups, rate-limit counters. In-process by default,
 * Redis when {@code panthera.redis-url} is set (then shared by every node). Every operation is
 * atomic on its key, so callers need no locks of their own.
 */
public interface EphemeralStore {

    /** Stores the value with a time to live, replacing any value. */
    void put(String key, String value, Duration ttl);

    /** Stores the value only if the key is absent; true when it was stored. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    Optional<String> get(String key);

    /** Reads and deletes in one step: of concurrent callers at most one gets the value. */
    Optional<String> take(String key);

    /** True when the key existed. */
    boolean delete(String key);

    /**
     * Counts a hit in a fixed window that starts with the first hit: increments the counter and
     * gives it the window as time to live if it has none.
     */
    WindowCount increment(String key, Duration window);

    /**
     * Adds {@code delta} (at least 0) to a counter in a fixed window that starts with its first
     * addition, as {@link #increment} does for 1: gives the counter the window as time to live if it
     * has none. A delta of 0 only reads: an absent counter stays absent and reads as 0 with nothing
     * to reset ({@link Duration#ZERO}).
     */
    WindowCount add(String key, long delta, Duration window);

    /** Adds a member to a set and extends the set's time to live to at least {@code ttl}. */
    void addToSet(String key, String member, Duration ttl);

    void removeFromSet(String key, String member);

    Set<String> members(String key);

    /** A counter's value after an increment and the time until its window resets. */
    record WindowCount(long count, Duration resetsIn) {}
}

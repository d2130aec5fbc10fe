package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.Timers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The single-node store: one {@link ConcurrentHashMap} whose per-key {@code compute} gives every
 * operation the same atomicity Redis gives a command. Dead entries vanish when read and, so that
 * keys nobody reads again do not pile up, in a periodic sweep.
 */
final class InProcessEphemeralStore implements EphemeralStore, AutoCloseable {

    /** A value with its deadline on the monotonic clock; payload is a String, a Long or a Set. */
    private record Entry(Object payload, long expiresAt) {
        boolean expired(long now) {
            return now - expiresAt >= 0;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    InProcessEphemeralStore(Duration sweepEvery) {
        var executor = Timers.singleThread("panthera-ephemeral-sweep");
        long period = Math.max(1, sweepEvery.toMillis());
        executor.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        this.sweeper = executor;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, deadline(ttl)));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        long expiresAt = deadline(ttl);
        boolean[] stored = {false};
        entries.compute(key, (k, old) -> {
            if (old != null && !old.expired(System.nanoTime())) {
                return old;
            }
            stored[0] = true;
            return new Entry(value, expiresAt);
        });
        return stored[0];
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = live(key);
        if (entry == null || entry.payload() instanceof Set<?>) {
            return Optional.empty();
        }
        return Optional.of(entry.payload().toString());
    }

    @Override
    public Optional<String> take(String key) {
        Entry entry = entries.remove(key);
        if (entry == null || entry.expired(System.nanoTime()) || entry.payload() instanceof Set<?>) {
            return Optional.empty();
        }
        return Optional.of(entry.payload().toString());
    }

    @Override
    public boolean delete(String key) {
        Entry entry = entries.remove(key);
        return entry != null && !entry.expired(System.nanoTime());
    }

    @Override
    public WindowCount increment(String key, Duration window) {
        return add(key, 1, window);
    }

    @Override
    public WindowCount add(String key, long delta, Duration window) {
        if (delta < 0) {
            throw new IllegalArgumentException("delta must not be negative");
        }
        long windowEnd = deadline(window);
        if (delta == 0) {
            Entry entry = live(key);
            return entry == null || entry.payload() instanceof Set<?>
                    ? new WindowCount(0, Duration.ZERO)
                    : new WindowCount(count(entry), remaining(entry));
        }
        Entry counted = entries.compute(key, (k, old) -> {
            if (old == null || old.expired(System.nanoTime())) {
                return new Entry(delta, windowEnd);
            }
            return new Entry(count(old) + delta, old.expiresAt());
        });
        return new WindowCount((Long) counted.payload(), remaining(counted));
    }

    /** A counter may also have been written as text by {@link #put}, as in Redis. */
    private static long count(Entry entry) {
        return entry.payload() instanceof Long n
                ? n
                : Long.parseLong(entry.payload().toString());
    }

    private static Duration remaining(Entry entry) {
        return Duration.ofNanos(Math.max(0, entry.expiresAt() - System.nanoTime()));
    }

    @Override
    public void addToSet(String key, String member, Duration ttl) {
        long expiresAt = deadline(ttl);
        entries.compute(key, (k, old) -> {
            Set<String> members = new HashSet<>();
            long keepUntil = expiresAt;
            if (old != null && !old.expired(System.nanoTime()) && old.payload() instanceof Set<?> current) {
                current.forEach(m -> members.add((String) m));
                keepUntil = old.expiresAt() - expiresAt > 0 ? old.expiresAt() : expiresAt;
            }
            members.add(member);
            return new Entry(Set.copyOf(members), keepUntil);
        });
    }

    @Override
    public void removeFromSet(String key, String member) {
        entries.computeIfPresent(key, (k, old) -> {
            if (old.expired(System.nanoTime()) || !(old.payload() instanceof Set<?> current)) {
                return old.expired(System.nanoTime()) ? null : old;
            }
            Set<String> members = new HashSet<>();
            current.forEach(m -> members.add((String) m));
            members.remove(member);
            // like Redis, a set that loses its last member is gone
            return members.isEmpty() ? null : new Entry(Set.copyOf(members), old.expiresAt());
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> members(String key) {
        Entry entry = live(key);
        return entry != null && entry.payload() instanceof Set<?> set ? (Set<String>) set : Set.of();
    }

    /** Drops every expired entry; {@code remove(key, value)} leaves entries rewritten meanwhile alone. */
    void sweep() {
        long now = System.nanoTime();
        entries.forEach((key, entry) -> {
            if (entry.expired(now)) {
                entries.remove(key, entry);
            }
        });
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expired(System.nanoTime())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    private static long deadline(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return System.nanoTime() + ttl.toNanos();
    }
}

package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shared store for several nodes: one thread-safe Lettuce connection (commands from many
 * threads are multiplexed on it), every key under a prefix so Panthera can share a database.
 * Operations that need two commands run as one Lua script, which Redis executes atomically.
 */
final class RedisEphemeralStore implements EphemeralStore, AutoCloseable {

    /**
     * INCRBY, give a window only to a counter without one, answer count and time left together. A
     * delta of 0 reads without creating the counter ({0, 0} when absent).
     */
    private static final String ADD = """
            local delta = tonumber(ARGV[2])
            local count
            if delta == 0 then
              local value = redis.call('GET', KEYS[1])
              if not value then
                return {0, 0}
              end
              count = tonumber(value)
            else
              count = redis.call('INCRBY', KEYS[1], delta)
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """;

    /** SADD, then lengthen (never shorten) the set's life to the requested TTL. */
    private static final String ADD_TO_SET = """
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;

    RedisEphemeralStore(RedisURI uri, String prefix) {
        this.client = RedisClient.create(uri);
        try {
            this.connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        this.redis = connection.sync();
        this.prefix = prefix;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.set(prefix + key, value, SetArgs.Builder.px(millis(ttl)));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return "OK".equals(redis.set(prefix + key, value, SetArgs.Builder.nx().px(millis(ttl))));
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.get(prefix + key));
    }

    @Override
    public Optional<String> take(String key) {
        return Optional.ofNullable(redis.getdel(prefix + key));
    }

    @Override
    public boolean delete(String key) {
        return redis.del(prefix + key) > 0;
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
        List<Long> reply = redis.eval(
                ADD,
                ScriptOutputType.MULTI,
                new String[] {prefix + key},
                Long.toString(millis(window)),
                Long.toString(delta));
        return new WindowCount(reply.get(0), Duration.ofMillis(Math.max(0, reply.get(1))));
    }

    @Override
    public void addToSet(String key, String member, Duration ttl) {
        redis.eval(
                ADD_TO_SET, ScriptOutputType.INTEGER, new String[] {prefix + key}, member, Long.toString(millis(ttl)));
    }

    @Override
    public void removeFromSet(String key, String member) {
        redis.srem(prefix + key, member);
    }

    @Override
    public Set<String> members(String key) {
        return Set.copyOf(redis.smembers(prefix + key));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown();
        }
    }

    private static long millis(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        // Redis counts milliseconds; a sub-millisecond TTL still has to live a little
        return Math.max(1, ttl.toMillis());
    }
}

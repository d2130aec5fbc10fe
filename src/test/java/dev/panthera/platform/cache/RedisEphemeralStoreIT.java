package dev.panthera.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.EphemeralStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real Redis ({@code PANTHERA_TEST_REDIS_URL}, default database 15 on
 * localhost). Without a reachable Redis every test is reported as skipped, never as passed. Keys of
 * this run carry a unique prefix and only they are deleted afterwards.
 */
class RedisEphemeralStoreIT extends EphemeralStoreContract {

    private static final String PREFIX = "panthera-test:" + UUID.randomUUID() + ":";

    private static RedisURI uri;
    private static RedisEphemeralStore store;
    private static RedisClient raw;
    private static StatefulRedisConnection<String, String> rawConnection;
    private static String unavailable;

    @BeforeAll
    static void connect() {
        String url = System.getenv("PANTHERA_TEST_REDIS_URL");
        uri = RedisURI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379/15" : url.strip());
        uri.setTimeout(Duration.ofSeconds(5));
        try {
            store = new RedisEphemeralStore(uri, PREFIX);
            raw = RedisClient.create(uri);
            rawConnection = raw.connect();
        } catch (RedisException e) {
            unavailable = "No Redis at " + EphemeralStoreConfig.describe(uri) + " (" + e.getMessage()
                    + "): set PANTHERA_TEST_REDIS_URL or start Redis; Redis tests skipped";
            System.err.println(unavailable);
        }
    }

    /** Aborting per test (not in {@code @BeforeAll}) makes every test show up as skipped, with why. */
    @BeforeEach
    void requireRedis() {
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (rawConnection != null) {
            var redis = rawConnection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(
                        cursor, ScanArgs.Builder.matches(PREFIX + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            rawConnection.close();
            raw.shutdown();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected EphemeralStore store() {
        return store;
    }

    @Test
    void keysLiveUnderThePrefixWithRealTtls() {
        store.put(key("k"), "v", LONG);
        store.increment(key("c"), LONG);
        var redis = rawConnection.sync();
        assertThat(redis.get(PREFIX + key("k"))).isEqualTo("v");
        assertThat(redis.pttl(PREFIX + key("k"))).isPositive().isLessThanOrEqualTo(LONG.toMillis());
        assertThat(redis.pttl(PREFIX + key("c"))).isPositive().isLessThanOrEqualTo(LONG.toMillis());
        assertThat(redis.get(key("k"))).isNull();
    }

    @Test
    void counterWithoutTtlGetsTheWindow() {
        rawConnection.sync().set(PREFIX + key("c"), "5");
        var count = store.increment(key("c"), LONG);
        assertThat(count.count()).isEqualTo(6);
        assertThat(rawConnection.sync().pttl(PREFIX + key("c"))).isPositive();
    }

    @Test
    void readingACounterWithoutTtlGivesItTheWindow() {
        rawConnection.sync().set(PREFIX + key("t"), "40");
        var read = store.add(key("t"), 0, LONG);
        assertThat(read.count()).isEqualTo(40);
        assertThat(read.resetsIn()).isPositive();
        assertThat(rawConnection.sync().pttl(PREFIX + key("t"))).isPositive().isLessThanOrEqualTo(LONG.toMillis());
        assertThat(store.add(key("t"), 2, LONG).count()).isEqualTo(42);
    }

    @Test
    void configurationChoosesRedisWhenAUrlIsSet() throws Exception {
        String url = System.getenv("PANTHERA_TEST_REDIS_URL");
        EphemeralStore chosen = new EphemeralStoreConfig()
                .ephemeralStore(EphemeralStoreConfigTest.withRedisUrl(
                        url == null || url.isBlank() ? "redis://127.0.0.1:6379/15" : url));
        try {
            assertThat(chosen).isInstanceOf(RedisEphemeralStore.class);
            assertThat(chosen.get(key("never-written"))).isEmpty();
        } finally {
            ((AutoCloseable) chosen).close();
        }
    }
}

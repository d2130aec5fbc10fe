package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/** Test fixtures for other packages' tests: the real stores, without Spring. */
public final class TestStores {

    private TestStores() {}

    /** A fresh in-process store; close it (it is {@link AutoCloseable}) to stop its sweeper. */
    public static EphemeralStore inProcess() {
        return new InProcessEphemeralStore(Duration.ofSeconds(30));
    }

    /**
     * A Redis store with keys under {@code prefix} (give each run its own); two stores with the same
     * prefix act like two nodes sharing one Redis. Close it; throws when Redis is unreachable.
     */
    public static EphemeralStore redis(String url, String prefix) {
        RedisURI uri = RedisURI.create(url.strip());
        uri.setTimeout(Duration.ofSeconds(5));
        return new RedisEphemeralStore(uri, prefix);
    }
}

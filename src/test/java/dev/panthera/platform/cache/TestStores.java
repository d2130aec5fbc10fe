package dev.panthera.platform.cache;

import dev.panthera.shared.EphemeralStore;
import java.time.Duration;

/** Test fixtures for other packages' tests: the real in-process store, without Spring. */
public final class TestStores {

    private TestStores() {}

    /** A fresh in-process store; close it (it is {@link AutoCloseable}) to stop its sweeper. */
    public static EphemeralStore inProcess() {
        return new InProcessEphemeralStore(Duration.ofSeconds(30));
    }
}

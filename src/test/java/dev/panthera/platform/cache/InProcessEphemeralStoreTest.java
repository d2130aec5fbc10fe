package dev.panthera.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.EphemeralStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessEphemeralStoreTest extends EphemeralStoreContract {

    private InProcessEphemeralStore store;

    @BeforeEach
    void open() {
        store = new InProcessEphemeralStore(Duration.ofMillis(50));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected EphemeralStore store() {
        return store;
    }

    @Test
    void sweepDropsDeadKeysNobodyReads() {
        for (int i = 0; i < 500; i++) {
            store.put(key("dead-" + i), "v", SHORT);
            store.increment(key("counter-" + i), SHORT);
        }
        store.put(key("alive"), "v", LONG);
        await(() -> store.size() == 1);
        assertThat(store.get(key("alive"))).contains("v");
    }

    @Test
    void incrementContinuesACounterWrittenAsText() {
        store.put(key("c"), "41", LONG);
        assertThat(store.increment(key("c"), LONG).count()).isEqualTo(42);
    }
}

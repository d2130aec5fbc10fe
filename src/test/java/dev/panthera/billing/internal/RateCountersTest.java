package dev.panthera.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.platform.cache.TestStores;
import dev.panthera.shared.EphemeralStore;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateCountersTest {

    @Test
    void countsRequestsAndTokensPerSubject() throws Exception {
        EphemeralStore store = TestStores.inProcess();
        try {
            RateCounters counters = new RateCounters(store);
            Subject wallet = Subject.wallet("0xabc");
            Subject key = Subject.key(UUID.randomUUID());
            assertThat(counters.hitRequests(wallet).count()).isEqualTo(1);
            assertThat(counters.hitRequests(wallet).count()).isEqualTo(2);
            assertThat(counters.hitRequests(key).count()).isEqualTo(1);
            assertThat(counters.tokensUsed(wallet).count()).isZero();
            counters.addTokens(wallet, 250);
            counters.addTokens(wallet, 0);
            counters.addTokens(wallet, 50);
            assertThat(counters.tokensUsed(wallet).count()).isEqualTo(300);
            assertThat(counters.tokensUsed(key).count()).isZero();
            assertThat(store.get("bill:tpm:wallet:0xabc")).contains("300");
            assertThat(store.get("bill:rpm:" + key.id())).contains("1");
        } finally {
            ((AutoCloseable) store).close();
        }
    }

    @Test
    void aFailingStoreReadsAsNotCounted() {
        RateCounters counters = new RateCounters(new DownStore());
        Subject wallet = Subject.wallet("0xabc");
        assertThat(counters.hitRequests(wallet)).isNull();
        assertThat(counters.tokensUsed(wallet)).isNull();
        counters.addTokens(wallet, 10); // swallowed: recording a call must not fail for a cache
        assertThat(counters.hitRequests(wallet)).isNull();
    }

    /** Redis gone: every operation fails. */
    static final class DownStore implements EphemeralStore {
        private static RuntimeException down() {
            return new IllegalStateException("connection refused");
        }

        @Override
        public void put(String key, String value, Duration ttl) {
            throw down();
        }

        @Override
        public boolean putIfAbsent(String key, String value, Duration ttl) {
            throw down();
        }

        @Override
        public Optional<String> get(String key) {
            throw down();
        }

        @Override
        public Optional<String> take(String key) {
            throw down();
        }

        @Override
        public boolean delete(String key) {
            throw down();
        }

        @Override
        public WindowCount increment(String key, Duration window) {
            throw down();
        }

        @Override
        public WindowCount add(String key, long delta, Duration window) {
            throw down();
        }

        @Override
        public void addToSet(String key, String member, Duration ttl) {
            throw down();
        }

        @Override
        public void removeFromSet(String key, String member) {
            throw down();
        }

        @Override
        public Set<String> members(String key) {
            throw down();
        }
    }
}

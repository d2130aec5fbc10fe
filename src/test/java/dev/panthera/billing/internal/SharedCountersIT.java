package dev.panthera.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.platform.cache.TestStores;
import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.TestProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own billing service and its own connection to the same Redis
 * ({@code PANTHERA_TEST_REDIS_URL}, default database 15 on localhost), count one wallet together.
 * Keys of this run live under a prefix of their own. Skipped, never passed, without Redis.
 */
class SharedCountersIT {

    private final String prefix = "panthera-test:" + UUID.randomUUID() + ":";
    private final String wallet = "0xshared" + UUID.randomUUID();
    private EphemeralStore storeA;
    private EphemeralStore storeB;
    private DefaultBillingService nodeA;
    private DefaultBillingService nodeB;
    private RateCounters countersA;

    @BeforeEach
    void twoNodes() {
        try {
            storeA = TestStores.redis(TestEnvironment.redisUrl(), prefix);
            storeB = TestStores.redis(TestEnvironment.redisUrl(), prefix);
        } catch (RuntimeException e) {
            Assumptions.abort("No Redis at " + TestEnvironment.redisUrl() + " (" + e.getMessage() + ")");
        }
        var properties = TestProperties.of(Map.of(
                "panthera.billing.requests-per-minute", "3",
                "panthera.billing.tokens-per-minute", "1000",
                "panthera.billing.token-budget", "0"));
        countersA = new RateCounters(storeA);
        // no budgets are set, so admission never reaches the ledger's tables
        nodeA = new DefaultBillingService(null, null, null, countersA, properties, Clock.systemUTC());
        nodeB = new DefaultBillingService(null, null, null, new RateCounters(storeB), properties, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        for (EphemeralStore store : new EphemeralStore[] {storeA, storeB}) {
            if (store != null) {
                store.delete("bill:rpm:wallet:" + wallet);
                store.delete("bill:tpm:wallet:" + wallet);
                ((AutoCloseable) store).close();
            }
        }
    }

    WalletPrincipal caller() {
        return new WalletPrincipal(
                wallet,
                ChainFamily.EVM,
                UUID.randomUUID(),
                null,
                null,
                AuthLevel.USER,
                Instant.now().plusSeconds(60));
    }

    @Test
    void requestsOnOneNodeCountOnTheOther() {
        assertThat(nodeA.admit(caller()).headers()).containsEntry("X-RateLimit-Remaining-Requests", "2");
        assertThat(nodeB.admit(caller()).headers()).containsEntry("X-RateLimit-Remaining-Requests", "1");
        assertThat(nodeA.admit(caller()).headers()).containsEntry("X-RateLimit-Remaining-Requests", "0");

        assertThatThrownBy(() -> nodeB.admit(caller()))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED));
    }

    @Test
    void tokensRecordedOnOneNodeLimitTheOther() {
        countersA.addTokens(Subject.wallet(wallet), 700);
        assertThat(nodeB.admit(caller()).headers()).containsEntry("X-RateLimit-Remaining-Tokens", "300");
        countersA.addTokens(Subject.wallet(wallet), 300);

        assertThatThrownBy(() -> nodeB.admit(caller())).isInstanceOfSatisfying(PantheraException.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
            assertThat(e.getMessage()).contains("1000 of 1000 tokens per minute");
        });
    }
}

package dev.panthera.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.ownership.internal.CollectionCatalog;
import dev.panthera.ownership.internal.TransferWatcher;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties.Collection;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.MutableClock;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ownership cache, fail-closed staleness and transfer watching, on a programmable chain. */
@SpringBootTest
@Import(OwnershipPolicyIT.Fakes.class)
class OwnershipPolicyIT {

    static final String A = "0x00000000000000000000000000000000000000A1".replace("A1", "a1");
    static final String B = "0x00000000000000000000000000000000000000b2";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        registry.add("panthera.collections[0].id", () -> "fakes");
        registry.add("panthera.collections[0].chain", () -> "fake");
        registry.add("panthera.collections[0].rpc-url", () -> "http://unused");
        registry.add("panthera.collections[0].token-ids", () -> "1-100000");
        registry.add("panthera.ownership.poll-interval", () -> "1h");
    }

    @TestConfiguration
    static class Fakes {
        @Bean
        FakeOwnershipOracle fakeOwnershipOracle() {
            return new FakeOwnershipOracle();
        }

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }

        @Bean
        Transfers transfers() {
            return new Transfers();
        }
    }

    /** Every OwnershipTransferred published. */
    static class Transfers {
        final List<OwnershipTransferred> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(OwnershipTransferred event) {
            seen.add(event);
        }

        List<OwnershipTransferred> of(NftId nft) {
            return seen.stream().filter(e -> e.nft().equals(nft)).toList();
        }
    }

    @Autowired
    OwnershipService ownership;

    @Autowired
    FakeOwnershipOracle chain;

    @Autowired
    MutableClock clock;

    @Autowired
    TransferWatcher watcher;

    @Autowired
    CollectionCatalog catalog;

    @Autowired
    Transfers transfers;

    @Autowired
    JdbcClient jdbc;

    Collection fakes;

    @BeforeEach
    void setUp() {
        chain.reset();
        clock.reset();
        fakes = catalog.get("fakes");
        watcher.watch(fakes); // start every test from a cursor at the chain's head
    }

    @AfterEach
    void tearDown() {
        chain.reset();
    }

    static String token() {
        return String.valueOf(1 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 99_999));
    }

    @Test
    void freshAnswersComeFromTheCacheAndOldOnesFromTheChain() {
        String id = token();
        chain.mint(id, A);
        NftId nft = new NftId("fakes", id);
        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(A);
        int calls = chain.ownerCalls.get();
        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(A);
        assertThat(chain.ownerCalls.get()).as("served from the cache").isEqualTo(calls);

        clock.advance(Duration.ofMinutes(6));
        assertThat(ownership.owner(nft).lastVerified()).isAfter(clock.instant().minusSeconds(5));
        assertThat(chain.ownerCalls.get()).as("re-verified on chain").isEqualTo(calls + 1);
    }

    @Test
    void hotAnswersNeedNoQueryAndATransferEvictsThemAtOnce() {
        String id = token();
        NftId nft = new NftId("fakes", id);
        chain.mint(id, A);
        watcher.watch(fakes);
        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(A);
        jdbc.sql("delete from ownership_cache where collection = 'fakes' and token_id = ?")
                .param(id)
                .update();
        int calls = chain.ownerCalls.get();
        assertThat(ownership.owner(nft).ownerAddress()).as("from the hot cache").isEqualTo(A);
        assertThat(chain.ownerCalls.get()).isEqualTo(calls);

        chain.transfer(id, A, B);
        watcher.watch(fakes);
        assertThat(ownership.owner(nft).ownerAddress())
                .as("no stale owner after a transfer")
                .isEqualTo(B);
    }

    @Test
    void aDownChainIsCoveredByTheCacheOnlyUntilMaxStale() {
        String id = token();
        chain.mint(id, A);
        NftId nft = new NftId("fakes", id);
        ownership.owner(nft);
        chain.down(true);

        clock.advance(Duration.ofMinutes(30));
        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(A);
        assertThat(ownership.requireOwner(nft, A).ownerAddress()).isEqualTo(A);

        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> ownership.owner(nft))
                .isInstanceOf(PantheraException.class)
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        // and nothing cached at all: closed at once
        assertThatThrownBy(() -> ownership.owner(new NftId("fakes", token())))
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void unknownTokensAndBadIdsAreClear4xx() {
        assertThatThrownBy(() -> ownership.owner(new NftId("fakes", token())))
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
        assertThatThrownBy(() -> ownership.owner(new NftId("fakes", "100001")))
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> ownership.owner(new NftId("fakes", "0x1")))
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> ownership.owner(new NftId("nope", "1")))
                .extracting(e -> ((PantheraException) e).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void transfersInTheLogAreAppliedExactlyOnceFromTheStoredCursor() {
        String id = token();
        NftId nft = new NftId("fakes", id);
        chain.mint(id, A);
        chain.transfer(id, A, B);
        assertThat(watcher.watch(fakes)).isEqualTo(2);
        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(B);
        assertThat(transfers.of(nft))
                .extracting(OwnershipTransferred::toAddress)
                .containsExactly(A, B);
        assertThat(transfers.of(nft).get(1).fromAddress()).isEqualTo(A);

        assertThat(watcher.watch(fakes)).as("nothing new").isZero();
        long cursor = jdbc.sql("select last_block from chain_cursors where collection = 'fakes'")
                .query(Long.class)
                .single();
        assertThat(cursor).isEqualTo(transfers.of(nft).get(1).blockHeight());

        chain.transfer(id, B, A);
        assertThat(watcher.watch(fakes)).isEqualTo(1);
        assertThat(transfers.of(nft)).hasSize(3);
        assertThat(jdbc.sql("select count(*) from nft_transfer_events where collection = 'fakes' and token_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aCollectionFarBehindCatchesUpInOnePollPageByPage() {
        String id = token();
        chain.pageSize(2);
        chain.mint(id, A);
        chain.transfer(id, A, B);
        chain.transfer(id, B, A);
        chain.transfer(id, A, B);
        chain.transfer(id, B, A);
        assertThat(watcher.watch(fakes)).isEqualTo(5);
        assertThat(ownership.owner(new NftId("fakes", id)).ownerAddress()).isEqualTo(A);
    }

    @Test
    void chainsWithoutLogsArePolledThroughTheOwnersPantheraKnows() {
        String id = token();
        NftId nft = new NftId("fakes", id);
        chain.transferLogs(false);
        chain.mint(id, A);
        ownership.owner(nft); // now known
        chain.transfer(id, A, B);
        assertThat(watcher.watch(fakes)).isEqualTo(1);
        assertThat(transfers.of(nft)).singleElement().satisfies(e -> {
            assertThat(e.fromAddress()).isEqualTo(A);
            assertThat(e.toAddress()).isEqualTo(B);
        });
        assertThat(watcher.watch(fakes)).isZero();
    }

    @Test
    void aChangeSeenOnAReadIsAppliedOnceEvenWhenTheLogShowsItLater() {
        String id = token();
        NftId nft = new NftId("fakes", id);
        chain.mint(id, A);
        watcher.watch(fakes);
        chain.transfer(id, A, B);
        clock.advance(Duration.ofMinutes(6));

        assertThat(ownership.owner(nft).ownerAddress()).isEqualTo(B);
        assertThat(transfers.of(nft))
                .extracting(OwnershipTransferred::toAddress)
                .containsExactly(A, B);
        watcher.watch(fakes);
        assertThat(transfers.of(nft)).as("no second event for the same change").hasSize(2);
    }
}

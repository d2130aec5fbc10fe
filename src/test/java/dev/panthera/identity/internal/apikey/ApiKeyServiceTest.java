package dev.panthera.identity.internal.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.NftOwnershipVerifier;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.MutableClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The service's rules against an in-memory table; ApiKeysIT runs them against PostgreSQL. */
class ApiKeyServiceTest {

    static final String ALICE = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F";
    static final String BOB = "0x8ba1f109551bD432803012645Ac136ddd64DBA72";

    /** The api_keys table in a map; counts the last_used_at writes. */
    static final class MemoryKeys extends ApiKeyRepository {
        final Map<UUID, ApiKeyRecord> rows = new LinkedHashMap<>();
        final Map<ByteBuffer, UUID> hashes = new HashMap<>();
        int touches;

        MemoryKeys() {
            super(null);
        }

        @Override
        void insert(ApiKeyRecord k, byte[] keyHash) {
            rows.put(k.id(), k);
            hashes.put(ByteBuffer.wrap(keyHash), k.id());
        }

        @Override
        void lockWallet(String walletAddress) {}

        @Override
        int countLive(String walletAddress, Instant now) {
            return (int) rows.values().stream()
                    .filter(k -> k.walletAddress().equals(walletAddress) && k.liveAt(now))
                    .count();
        }

        @Override
        Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
            return Optional.ofNullable(hashes.get(ByteBuffer.wrap(keyHash))).map(rows::get);
        }

        @Override
        Optional<ApiKeyRecord> find(String walletAddress, UUID id) {
            return Optional.ofNullable(rows.get(id))
                    .filter(k -> k.walletAddress().equals(walletAddress));
        }

        @Override
        List<ApiKeyRecord> list(String walletAddress, int limit, int offset) {
            return rows.values().stream()
                    .filter(k -> k.walletAddress().equals(walletAddress))
                    .sorted(Comparator.comparing(ApiKeyRecord::createdAt).reversed())
                    .skip(offset)
                    .limit(limit)
                    .toList();
        }

        @Override
        boolean revoke(String walletAddress, UUID id, Instant now) {
            ApiKeyRecord k = find(walletAddress, id).orElse(null);
            if (k == null) {
                return false;
            }
            rows.put(id, with(k, k.lastUsedAt(), k.revokedAt() == null ? now : k.revokedAt()));
            return true;
        }

        @Override
        void touch(UUID id, Instant now, Instant notAfter) {
            ApiKeyRecord k = rows.get(id);
            if (k.lastUsedAt() == null || k.lastUsedAt().isBefore(notAfter)) {
                touches++;
                rows.put(id, with(k, now, k.revokedAt()));
            }
        }

        private static ApiKeyRecord with(ApiKeyRecord k, Instant lastUsedAt, Instant revokedAt) {
            return new ApiKeyRecord(
                    k.id(),
                    k.walletAddress(),
                    k.chain(),
                    k.name(),
                    k.keyPrefix(),
                    k.agents(),
                    k.requestsPerMinute(),
                    k.tokensPerMinute(),
                    k.tokenBudget(),
                    k.budgetPeriod(),
                    k.expiresAt(),
                    k.createdAt(),
                    lastUsedAt,
                    revokedAt);
        }
    }

    /** Stands in for the ownership module: Alice holds panthers/1..3 and the only collection is panthers. */
    static final NftOwnershipVerifier OWNERSHIP = (wallet, chain, collection, tokenId) -> {
        if (collection != null && !collection.equals("panthers") && !collection.equals("PANTHERS")) {
            throw PantheraException.notFound("No collection " + collection);
        }
        if (!wallet.equals(ALICE) || !List.of("1", "2", "3").contains(tokenId)) {
            throw new PantheraException(ProblemCode.NOT_OWNER, "This wallet does not own NFT panthers/" + tokenId);
        }
        return "panthers";
    };

    static final PlatformTransactionManager NO_TRANSACTIONS = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    };

    final MemoryKeys table = new MemoryKeys();
    final MutableClock clock = new MutableClock();
    final ApiKeyService service = new ApiKeyService(
            table,
            new StaticListableBeanFactory(Map.of("ownership", OWNERSHIP)).getBeanProvider(NftOwnershipVerifier.class),
            new TransactionTemplate(NO_TRANSACTIONS),
            clock);

    static WalletPrincipal session(String wallet, AuthLevel level) {
        return new WalletPrincipal(
                wallet,
                ChainFamily.EVM,
                UUID.randomUUID(),
                null,
                null,
                level,
                Instant.now().plusSeconds(3600));
    }

    static ApiKeyService.Draft draft(List<String> agents, String expiresAt) {
        return new ApiKeyService.Draft("test", agents, expiresAt, null, null, null, null);
    }

    static void assertProblem(Runnable call, ProblemCode code, String says) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(says);
    }

    @Test
    void aKeyActsForItsWalletAtUserLevelWithItsGrant() {
        var created = service.create(
                session(ALICE, AuthLevel.ADMIN),
                new ApiKeyService.Draft("bot", List.of("panthers/1", "2", "PANTHERS/1"), null, 1000L, null, 30, null));
        assertThat(created.key().agents()).containsExactly("panthers/1", "panthers/2");
        assertThat(created.key().keyPrefix()).isEqualTo(created.secret().substring(0, 12));

        WalletPrincipal caller = service.authenticate(created.secret());
        assertThat(caller.walletAddress()).isEqualTo(ALICE);
        assertThat(caller.chain()).isEqualTo(ChainFamily.EVM);
        assertThat(caller.sessionId()).isNull();
        assertThat(caller.nftTokenId()).isNull();
        assertThat(caller.authLevel()).as("an admin's key is no admin").isEqualTo(AuthLevel.USER);
        assertThat(caller.expiresAt()).isNull();
        assertThat(caller.viaApiKey()).isTrue();
        assertThat(caller.apiKey().id()).isEqualTo(created.key().id());
        assertThat(caller.apiKey().tokenBudget()).isEqualTo(1000L);
        assertThat(caller.apiKey().budgetPeriod()).isEqualTo("month");
        assertThat(caller.apiKey().requestsPerMinute()).isEqualTo(30);
        assertThat(caller.mayUse("panthers", "1")).isTrue();
        assertThat(caller.mayUse("panthers", "3")).isFalse();
    }

    @Test
    void unknownRevokedAndExpiredKeysAreUnauthorized() {
        var created = service.create(
                session(ALICE, AuthLevel.USER),
                draft(
                        List.of("panthers/1"),
                        clock.instant().plus(Duration.ofHours(1)).toString()));
        assertThat(service.authenticate(created.secret()).expiresAt())
                .isEqualTo(created.key().expiresAt());

        assertProblem(() -> service.authenticate(ApiKeys.generate()), ProblemCode.UNAUTHORIZED, "invalid or revoked");
        assertProblem(() -> service.authenticate("pnt_short"), ProblemCode.UNAUTHORIZED, "invalid or revoked");

        clock.advance(Duration.ofHours(1));
        assertProblem(() -> service.authenticate(created.secret()), ProblemCode.UNAUTHORIZED, "expired");

        var other = service.create(session(ALICE, AuthLevel.USER), draft(List.of("panthers/2"), null));
        service.revoke(session(ALICE, AuthLevel.USER), other.key().id());
        assertProblem(() -> service.authenticate(other.secret()), ProblemCode.UNAUTHORIZED, "invalid or revoked");
        assertThat(service.get(session(ALICE, AuthLevel.USER), other.key().id()).revokedAt())
                .isNotNull();
    }

    @Test
    void useIsWrittenAtMostOnceAMinute() {
        var created = service.create(session(ALICE, AuthLevel.USER), draft(List.of("panthers/1"), null));
        service.authenticate(created.secret());
        service.authenticate(created.secret());
        clock.advance(Duration.ofSeconds(59));
        service.authenticate(created.secret());
        assertThat(table.touches).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        service.authenticate(created.secret());
        assertThat(table.touches).isEqualTo(2);
    }

    @Test
    void onlyHeldAgentsAndAtMostAHundredLiveKeys() {
        WalletPrincipal alice = session(ALICE, AuthLevel.USER);
        assertProblem(
                () -> service.create(alice, draft(List.of("panthers/1", "panthers/9"), null)),
                ProblemCode.NOT_OWNER,
                "panthers/9");
        assertProblem(
                () -> service.create(session(BOB, AuthLevel.USER), draft(List.of("panthers/1"), null)),
                ProblemCode.NOT_OWNER,
                "does not own");
        assertThat(table.rows).isEmpty();

        List<UUID> ids = new ArrayList<>();
        // expired keys do not count: one that lapses makes room as a revoked one does
        ids.add(service.create(
                        alice,
                        draft(
                                List.of("panthers/1"),
                                clock.instant().plusSeconds(60).toString()))
                .key()
                .id());
        for (int i = 1; i < ApiKeyService.MAX_LIVE_KEYS; i++) {
            ids.add(service.create(alice, draft(List.of("panthers/1"), null))
                    .key()
                    .id());
        }
        assertProblem(() -> service.create(alice, draft(List.of("panthers/1"), null)), ProblemCode.CONFLICT, "100");
        clock.advance(Duration.ofSeconds(61));
        var afterExpiry = service.create(alice, draft(List.of("panthers/3"), null));
        assertThat(afterExpiry.key().agents()).containsExactly("panthers/3");
        assertProblem(() -> service.create(alice, draft(List.of("panthers/1"), null)), ProblemCode.CONFLICT, "100");
        service.revoke(alice, ids.get(1));
        assertThat(service.create(alice, draft(List.of("panthers/2"), null))
                        .key()
                        .agents())
                .containsExactly("panthers/2");
    }

    @Test
    void keysAreManagedByTheirWalletWithASessionOnly() {
        WalletPrincipal alice = session(ALICE, AuthLevel.USER);
        var created = service.create(alice, draft(List.of("panthers/1"), null));
        WalletPrincipal viaKey = service.authenticate(created.secret());
        assertProblem(() -> service.list(viaKey, 10, 0), ProblemCode.FORBIDDEN, "sign in with the wallet");
        assertProblem(
                () -> service.create(viaKey, draft(List.of("panthers/1"), null)),
                ProblemCode.FORBIDDEN,
                "API keys cannot manage");
        assertProblem(
                () -> service.revoke(viaKey, created.key().id()), ProblemCode.FORBIDDEN, "API keys cannot manage");

        WalletPrincipal bob = session(BOB, AuthLevel.USER);
        assertProblem(() -> service.get(bob, created.key().id()), ProblemCode.NOT_FOUND, "No such API key");
        assertProblem(() -> service.revoke(bob, created.key().id()), ProblemCode.NOT_FOUND, "No such API key");
        assertThat(service.list(bob, 10, 0)).isEmpty();
        assertThat(service.authenticate(created.secret()).walletAddress()).isEqualTo(ALICE);
        assertThat(service.list(alice, 10, 0))
                .extracting(ApiKeyRecord::id)
                .containsExactly(created.key().id());
    }
}

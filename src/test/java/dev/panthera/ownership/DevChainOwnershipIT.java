package dev.panthera.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The offline default end to end over HTTP: a dev-chain collection, mint, sign in with the NFT,
 * another wallet refused, transfer, and the previous owner's NFT sessions dying at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DevChainOwnershipIT.Events.class)
class DevChainOwnershipIT {

    static final AtomicInteger NEXT_TOKEN = new AtomicInteger(1);
    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "panthers" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        registry.add("panthera.collections[0].token-ids", () -> "1-10000");
    }

    @TestConfiguration
    static class Events {
        final List<OwnershipTransferred> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(OwnershipTransferred event) {
            seen.add(event);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Events events;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    /** The access token, or the problem code when sign-in is refused. */
    String signIn(DevWallet wallet, String tokenId) {
        Response verified = api.signIn(wallet, tokenId);
        return verified.status() == 200 ? verified.text("access_token") : verified.code();
    }

    @Test
    void theTokenIsTheKeyAndAccessFollowsTheTransfer() {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.SOLANA, null);
        String token = String.valueOf(NEXT_TOKEN.getAndIncrement());
        String alicePlain = signIn(alice, null);

        Response minted = api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", token), alicePlain);
        assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
        assertThat(minted.text("owner_address")).isEqualTo(alice.address());
        assertThat(api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", token), alicePlain)
                        .code())
                .isEqualTo("CONFLICT");

        String aliceNft = signIn(alice, token);
        Response me = api.get("/v1/auth/me", aliceNft);
        assertThat(me.text("nft_collection")).isEqualTo(C);
        assertThat(me.text("nft_token_id")).isEqualTo(token);
        assertThat(signIn(bob, token)).isEqualTo("NOT_OWNER");

        Response owned = api.get("/v1/nfts/owned", alicePlain);
        assertThat(owned.body().get("nfts").findValuesAsString("nft_token_id")).contains(token);

        String bobPlain = signIn(bob, null);
        Response bobCheck = api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", token), bobPlain);
        assertThat(bobCheck.body().get("verified").asBoolean()).isFalse();
        assertThat(bobCheck.text("owner")).isEqualTo(alice.address());
        assertThat(api.post("/v1/dev/nfts/" + C + "/" + token + "/transfer", Map.of("to", alice.address()), bobPlain)
                        .code())
                .isEqualTo("NOT_OWNER");

        Response moved =
                api.post("/v1/dev/nfts/" + C + "/" + token + "/transfer", Map.of("to", bob.address()), alicePlain);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);

        assertThat(api.get("/v1/auth/me", aliceNft).status())
                .as("the old owner's NFT session dies")
                .isEqualTo(401);
        assertThat(api.get("/v1/auth/me", alicePlain).status())
                .as("sessions without the NFT live on")
                .isEqualTo(200);
        assertThat(signIn(alice, token)).isEqualTo("NOT_OWNER");
        String bobNft = signIn(bob, token);
        assertThat(api.get("/v1/auth/me", bobNft).text("nft_token_id")).isEqualTo(token);
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", token), bobPlain)
                        .body()
                        .get("verified")
                        .asBoolean())
                .isTrue();

        NftId nft = new NftId(C, token);
        assertThat(events.seen.stream().filter(e -> e.nft().equals(nft)))
                .extracting(OwnershipTransferred::toAddress)
                .containsExactly(alice.address(), bob.address());
        assertThat(jdbc.sql(
                                "select verification_status from nft_verifications where token_id = ? and collection = ? order by id")
                        .params(token, C)
                        .query(String.class)
                        .list())
                .contains("verified", "not_owner");
    }

    @Test
    void badTokenIdsAndCollectionsAre4xx() {
        String plain = signIn(DevWallet.generate(ChainFamily.EVM, null), null);
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", "0"), plain)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", "10001"), plain)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", "abc!"), plain)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("nft_token_id", "9999"), plain)
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(api.post("/v1/nfts/verify-ownership", Map.of("collection", "other", "nft_token_id", "1"), plain)
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", "1", "to", "not-an-address"), plain)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", "1"), null)
                        .code())
                .isEqualTo("UNAUTHORIZED");
    }
}

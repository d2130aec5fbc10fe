package dev.panthera.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-in limits per IP over HTTP, and NFT sign-in refused for a token nobody holds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitIT {

    static final int LIMIT = 4;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        registry.add("panthera.rate-limits.sign-in", () -> LIMIT);
        // a dev collection of this run's own, in which nothing is minted
        registry.add("panthera.collections[0].id", () -> "empty" + System.nanoTime() % 1_000_000);
        registry.add("panthera.collections[0].chain", () -> "dev");
    }

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void nftSignInForATokenNobodyHoldsIsRefused() {
        ApiClient api = new ApiClient(port);
        DevWallet wallet = DevWallet.generate(ChainFamily.EVM, null);
        Response challenge = api.post("/v1/auth/challenge", Map.of("wallet_address", wallet.address()));
        assertThat(challenge.status()).isEqualTo(200);
        String message = challenge.text("message");
        Response refused = api.post(
                "/v1/auth/verify",
                Map.of(
                        "wallet_address",
                        wallet.address(),
                        "message",
                        message,
                        "signature",
                        wallet.sign(message),
                        "nft_token_id",
                        "1"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    @Order(2)
    void challengesPastTheLimitAreRefusedWithRetryAfter() {
        ApiClient api = new ApiClient(port);
        Map<String, String> body = Map.of(
                "wallet_address", DevWallet.generate(ChainFamily.EVM, null).address());
        Response response = api.post("/v1/auth/challenge", body);
        long previous = Long.MAX_VALUE;
        int calls = 1;
        while (response.status() == 200) {
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(LIMIT));
            long remaining = Long.parseLong(response.header("X-RateLimit-Remaining"));
            if (previous != Long.MAX_VALUE) {
                assertThat(remaining).isEqualTo(previous - 1);
            }
            assertThat(Long.parseLong(response.header("X-RateLimit-Reset"))).isBetween(0L, 60L);
            previous = remaining;
            assertThat(calls).as("refused within the limit").isLessThanOrEqualTo(LIMIT);
            response = api.post("/v1/auth/challenge", body);
            calls++;
        }
        assertThat(previous).isZero();
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}

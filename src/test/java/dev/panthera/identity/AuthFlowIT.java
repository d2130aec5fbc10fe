package dev.panthera.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.MutableClock;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in over real HTTP against PostgreSQL, for every wallet family: challenge → verify → me →
 * refresh → reuse detection → logout, nonce races, token attacks and what reaches the logs.
 * Runs with the in-process store; {@link AuthFlowRedisIT} runs the same with Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@Import(AuthFlowIT.Fakes.class)
class AuthFlowIT {

    static final String NFT_OWNED = "7";
    static final DevWallet ADMIN = DevWallet.fromPrivateKey(
            ChainFamily.EVM, null, java.util.HexFormat.of().parseHex("11".repeat(32)));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        // configured in lowercase: any accepted spelling of the address must match
        registry.add("panthera.auth.admin-wallets", () -> ADMIN.address().toLowerCase(java.util.Locale.ROOT));
    }

    @TestConfiguration
    static class Fakes {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }

        /** Stands in for the ownership module: every wallet owns NFT 7 of collection "test", nothing else. */
        @Bean
        @Primary
        NftOwnershipVerifier ownership() {
            return (wallet, chain, collection, tokenId) -> {
                if (!NFT_OWNED.equals(tokenId)) {
                    throw new dev.panthera.shared.PantheraException(
                            dev.panthera.shared.ProblemCode.NOT_OWNER, "not the owner");
                }
                return "test";
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    IdentityService identity;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Session(DevWallet wallet, ChainFamily family, String accessToken, String refreshToken, String sessionId) {}

    static DevWallet wallet(ChainFamily family) {
        return DevWallet.generate(family, "secret");
    }

    Response challenge(DevWallet wallet, ChainFamily family) {
        Response response =
                api.post("/v1/auth/challenge", Map.of("wallet_address", wallet.address(), "chain", family.id()));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response;
    }

    Map<String, Object> verifyBody(DevWallet wallet, ChainFamily family, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("wallet_address", wallet.address());
        body.put("chain", family.id());
        body.put("message", message);
        body.put("signature", wallet.sign(message));
        if (wallet.publicKeyEncoded() != null) {
            body.put("public_key", wallet.publicKeyEncoded());
        }
        return body;
    }

    Session signIn(ChainFamily family) {
        return signIn(wallet(family), family, null);
    }

    Session signIn(DevWallet wallet, ChainFamily family, String nftTokenId) {
        String message = challenge(wallet, family).text("message");
        Map<String, Object> body = verifyBody(wallet, family, message);
        if (nftTokenId != null) {
            body.put("nft_token_id", nftTokenId);
        }
        Response response = api.post("/v1/auth/verify", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.text("token_type")).isEqualTo("Bearer");
        assertThat(response.body().get("expires_in").asLong()).isBetween(3500L, 3600L);
        return new Session(
                wallet,
                family,
                response.text("access_token"),
                response.text("refresh_token"),
                response.text("session_id"));
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void fullSessionLifeForEveryFamily(ChainFamily family) {
        Session session = signIn(family);

        Response me = api.get("/v1/auth/me", session.accessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("wallet_address")).isEqualTo(session.wallet().address());
        assertThat(me.text("chain")).isEqualTo(family.id());
        assertThat(me.text("session_id")).isEqualTo(session.sessionId());
        assertThat(me.text("auth_level")).isEqualTo("user");

        Response refreshed = api.post("/v1/auth/refresh", Map.of("refresh_token", session.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("session_id")).isEqualTo(session.sessionId());
        assertThat(refreshed.text("refresh_token")).isNotEqualTo(session.refreshToken());
        String newAccess = refreshed.text("access_token");
        assertThat(api.get("/v1/auth/me", newAccess).status()).isEqualTo(200);

        // the first refresh token is dead, and presenting it again kills the whole session
        Response reuse = api.post("/v1/auth/refresh", Map.of("refresh_token", session.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("/v1/auth/me", newAccess).code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.post("/v1/auth/refresh", Map.of("refresh_token", refreshed.text("refresh_token")))
                        .status())
                .isEqualTo(401);

        // a new sign-in works, and logout ends it
        Session second = signIn(session.wallet(), family, null);
        assertThat(api.post("/v1/auth/logout", null, second.accessToken()).status())
                .isEqualTo(204);
        Response afterLogout = api.get("/v1/auth/me", second.accessToken());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.post("/v1/auth/refresh", Map.of("refresh_token", second.refreshToken()))
                        .status())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void aNonceWorksOnceEvenUnderConcurrency(ChainFamily family) throws Exception {
        DevWallet wallet = wallet(family);
        String message = challenge(wallet, family).text("message");
        Map<String, Object> body = verifyBody(wallet, family, message);
        int n = 16;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> api.post("/v1/auth/verify", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 200))
                .hasSize(n - 1)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("NONCE_INVALID"));
    }

    @Test
    void aClientBuiltMessageIsAcceptedButOnlyWithAnIssuedNonce() {
        DevWallet wallet = wallet(ChainFamily.EVM);
        String nonce = challenge(wallet, ChainFamily.EVM).text("nonce");
        String now = clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String own = "localhost:8080 wants you to sign in with your Ethereum account:\n" + wallet.address()
                + "\n\nI accept the terms of my own client.\n\nURI: http://localhost:8080/login\nVersion: 1\n"
                + "Chain ID: 1\nNonce: " + nonce + "\nIssued At: " + now + "\nRequest ID: abc-123";
        assertThat(api.post("/v1/auth/verify", verifyBody(wallet, ChainFamily.EVM, own))
                        .status())
                .isEqualTo(200);

        String madeUp = own.replace(nonce, "MadeUpNonce12345");
        Response refused = api.post("/v1/auth/verify", verifyBody(wallet, ChainFamily.EVM, madeUp));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("NONCE_INVALID");
    }

    @Test
    void aSignatureByAnotherKeyIsRejectedAndTheNonceSurvives() {
        DevWallet wallet = wallet(ChainFamily.SOLANA);
        DevWallet other = wallet(ChainFamily.SOLANA);
        String message = challenge(wallet, ChainFamily.SOLANA).text("message");
        Map<String, Object> forged = verifyBody(wallet, ChainFamily.SOLANA, message);
        forged.put("signature", other.sign(message));
        Response refused = api.post("/v1/auth/verify", forged);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("INVALID_SIGNATURE");
        assertThat(api.post("/v1/auth/verify", verifyBody(wallet, ChainFamily.SOLANA, message))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void keplrStdSignatureObjectIsAccepted() {
        DevWallet wallet = wallet(ChainFamily.COSMOS);
        String message = challenge(wallet, ChainFamily.COSMOS).text("message");
        Map<String, Object> body = verifyBody(wallet, ChainFamily.COSMOS, message);
        body.remove("public_key");
        body.put(
                "signature",
                Map.of(
                        "pub_key",
                        Map.of("type", "tendermint/PubKeySecp256k1", "value", wallet.publicKeyEncoded()),
                        "signature",
                        wallet.sign(message)));
        Response response = api.post("/v1/auth/verify", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }

    @Test
    void expiredTamperedForeignAndUnsignedTokensAreRefused() {
        Session session = signIn(ChainFamily.EVM);
        String[] parts = session.accessToken().split("\\.");

        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + parts[1] + ".";
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                                .replace("\"lvl\":\"user\"", "\"lvl\":\"admin\"")
                                .getBytes())
                + "." + parts[2];
        String hmac = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "."
                + parts[1] + "." + parts[2];
        for (String token : List.of(unsigned, tampered, hmac, "not-a-jwt", parts[0] + "." + parts[1])) {
            Response response = api.get("/v1/auth/me", token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(api.get("/v1/auth/me", null).code()).isEqualTo("UNAUTHORIZED");

        clock.advance(Duration.ofMinutes(61));
        Response expired = api.get("/v1/auth/me", session.accessToken());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("TOKEN_EXPIRED");
        // the refresh token outlives the access token
        assertThat(api.post("/v1/auth/refresh", Map.of("refresh_token", session.refreshToken()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void configuredAdminWalletsSignInAsAdmin() {
        Session admin = signIn(ADMIN, ChainFamily.EVM, null);
        assertThat(api.get("/v1/auth/me", admin.accessToken()).text("auth_level"))
                .isEqualTo("admin");
    }

    @Test
    void sessionsAreListedAndRevokedOnlyByTheirOwner() {
        Session first = signIn(ChainFamily.EVM);
        Session second = signIn(first.wallet(), ChainFamily.EVM, null);
        Session stranger = signIn(ChainFamily.EVM);

        Response list = api.get("/v1/auth/sessions", second.accessToken());
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().get("sessions").forEach(s -> ids.add(s.get("session_id").asString()));
        assertThat(ids).containsExactly(second.sessionId(), first.sessionId());
        assertThat(list.body().get("sessions").get(0).get("ip_address").asString())
                .isEqualTo("127.0.0.1");
        assertThat(list.body().get("sessions").get(0).get("current").asBoolean())
                .isTrue();

        assertThat(api.delete("/v1/auth/sessions/" + first.sessionId(), stranger.accessToken())
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(api.delete("/v1/auth/sessions/" + first.sessionId(), second.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/v1/auth/me", first.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/v1/auth/me", second.accessToken()).status()).isEqualTo(200);
        assertThat(api.delete("/v1/auth/sessions/not-a-uuid", second.accessToken())
                        .code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void sessionsBoundToAnNftAreRevokedTogether() {
        Session a = signIn(wallet(ChainFamily.EVM), ChainFamily.EVM, NFT_OWNED);
        Session b = signIn(wallet(ChainFamily.SOLANA), ChainFamily.SOLANA, NFT_OWNED);
        Session unrelated = signIn(ChainFamily.EVM);
        assertThat(api.get("/v1/auth/me", a.accessToken()).text("nft_token_id")).isEqualTo(NFT_OWNED);
        assertThat(api.get("/v1/auth/me", a.accessToken()).text("nft_collection"))
                .isEqualTo("test");

        assertThat(identity.revokeSessionsForNft("test", NFT_OWNED, null, "transferred"))
                .isGreaterThanOrEqualTo(2);
        assertThat(api.get("/v1/auth/me", a.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/v1/auth/me", b.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/v1/auth/me", unrelated.accessToken()).status()).isEqualTo(200);

        DevWallet wallet = wallet(ChainFamily.EVM);
        Map<String, Object> notOwned = verifyBody(
                wallet, ChainFamily.EVM, challenge(wallet, ChainFamily.EVM).text("message"));
        notOwned.put("nft_token_id", "8");
        assertThat(api.post("/v1/auth/verify", notOwned).code()).isEqualTo("NOT_OWNER");
    }

    @Test
    void badInputIsA4xxWithACode() {
        assertThat(api.post("/v1/auth/challenge", Map.of()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/v1/auth/challenge", Map.of("wallet_address", "hello"))
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(
                                "/v1/auth/challenge",
                                Map.of("wallet_address", wallet(ChainFamily.EVM).address(), "chain", "dogecoin"))
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        Response notJson = api.send("POST", "/v1/auth/verify", "{nope", null, Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("VALIDATION_FAILED");
        DevWallet wallet = wallet(ChainFamily.EVM);
        Map<String, Object> garbage = verifyBody(wallet, ChainFamily.EVM, "this is not a sign-in message");
        assertThat(api.post("/v1/auth/verify", garbage).code()).isEqualTo("VALIDATION_FAILED");
        Map<String, Object> badSignature = verifyBody(
                wallet, ChainFamily.EVM, challenge(wallet, ChainFamily.EVM).text("message"));
        badSignature.put("signature", "0x1234");
        assertThat(api.post("/v1/auth/verify", badSignature).code()).isEqualTo("VALIDATION_FAILED");
        badSignature.put("signature", 42);
        assertThat(api.post("/v1/auth/verify", badSignature).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/v1/nowhere", signIn(ChainFamily.EVM).accessToken()).code())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void thePublicKeysVerifyingTokensArePublishedWithoutPrivateParts() throws Exception {
        Session session = signIn(ChainFamily.EVM);
        String kid = com.nimbusds.jwt.SignedJWT.parse(session.accessToken())
                .getHeader()
                .getKeyID();
        Response jwks = api.get("/v1/auth/jwks", null);
        assertThat(jwks.status()).isEqualTo(200);
        var keys = com.nimbusds.jose.jwk.JWKSet.parse(jwks.raw().body());
        assertThat(keys.getKeyByKeyId(kid)).isNotNull();
        assertThat(keys.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(com.nimbusds.jwt.SignedJWT.parse(session.accessToken())
                        .verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                                keys.getKeyByKeyId(kid).toECKey())))
                .isTrue();
    }

    @Test
    void healthMetricsAndApiDocsAreServed() {
        assertThat(api.get("/actuator/health", null).text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus", null).raw().body()).contains("jvm_memory_used_bytes");
        Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/v1/auth/verify")).isTrue();
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }

    @Test
    void noSecretReachesTheLogs(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        for (ChainFamily family : ChainFamily.values()) {
            DevWallet wallet = wallet(family);
            String message = challenge(wallet, family).text("message");
            Map<String, Object> body = verifyBody(wallet, family, message);
            Response verified = api.post("/v1/auth/verify", body);
            assertThat(verified.status()).isEqualTo(200);
            Response refreshed = api.post("/v1/auth/refresh", Map.of("refresh_token", verified.text("refresh_token")));
            api.post(
                    "/v1/auth/refresh",
                    Map.of("refresh_token", verified.text("refresh_token"))); // reuse: logs a warning
            api.get("/v1/auth/me", "garbage." + verified.text("access_token"));
            secrets.add((String) body.get("signature"));
            secrets.add(verified.text("access_token"));
            secrets.add(verified.text("refresh_token"));
            secrets.add(refreshed.text("access_token"));
            secrets.add(refreshed.text("refresh_token"));
            secrets.add(message.lines()
                    .filter(l -> l.startsWith("Nonce: "))
                    .findFirst()
                    .orElseThrow());
            secrets.add(message);
            secrets.add(java.util.HexFormat.of().formatHex(wallet.privateKey()));
        }
        String logs = output.getAll();
        assertThat(logs).contains("Session "); // the sign-ins were logged …
        for (String secret : secrets) {
            assertThat(logs).as("logs must not contain a secret").doesNotContain(secret);
        }
    }
}

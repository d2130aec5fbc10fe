package dev.panthera.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.MutableClock;
import dev.panthera.support.OpenAiSdkCheck;
import dev.panthera.support.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * API keys end to end on the dev chain with the offline model: created with a wallet session for
 * NFTs the wallet holds, used as the OpenAI {@code api_key} (raw HTTP and the official openai npm
 * package), refused off the model-call routes, after revocation, after expiry and after the NFT
 * moves; never shown again after creation and never stored in plaintext.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiKeysIT.Clocks.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysIT {

    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "key" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String signIn(DevWallet wallet) {
        return api.accessToken(wallet);
    }

    /** Mints a fresh token of the run's collection to the caller; returns its token id. */
    String mint(String bearer) {
        String tokenId = Long.toString(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 9_000L) + 1);
        Response minted = api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", tokenId), bearer);
        if (minted.status() == 409) {
            return mint(bearer); // taken by another test of this run
        }
        assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
        return tokenId;
    }

    Response createKey(String bearer, Map<String, Object> body) {
        return api.post("/v1/api-keys", body, bearer);
    }

    String createKey(String bearer, List<String> agents) {
        Response created = createKey(bearer, Map.of("agents", agents));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("key");
    }

    Response complete(String bearer, String model, String content) {
        return api.post(
                "/v1/chat/completions",
                Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", content))),
                bearer);
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.code()).as(r.raw().body()).isEqualTo(code);
    }

    @Test
    void aKeyIsTheOpenAiApiKeyForItsAgentsAndNothingElse(CapturedOutput output) throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceSession = signIn(alice);
        String bobSession = signIn(bob);
        String kept = mint(aliceSession);
        String given = mint(aliceSession);
        String model = C + "/" + kept;
        String givenModel = C + "/" + given;

        Map<String, Object> body = new HashMap<>();
        body.put("name", "  ci runner ");
        body.put("agents", List.of(model, givenModel, model));
        body.put("token_budget", 100000);
        body.put("requests_per_minute", 50);
        Response created = createKey(aliceSession, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String key = created.text("key");
        String id = created.text("id");
        assertThat(key).matches("pnt_[A-Za-z0-9_-]{43}");
        assertThat(created.text("key_prefix")).isEqualTo(key.substring(0, 12));
        assertThat(created.text("name")).isEqualTo("ci runner");
        assertThat(created.body().get("agents").valueStream().map(JsonNode::asString))
                .containsExactly(model, givenModel);
        assertThat(created.text("budget_period")).isEqualTo("month");
        assertThat(created.body().get("token_budget").asLong()).isEqualTo(100000);
        assertThat(created.body().get("requests_per_minute").asInt()).isEqualTo(50);
        assertThat(created.body().get("tokens_per_minute").isNull()).isTrue();
        assertThat(created.body().get("expires_at").isNull()).isTrue();
        assertThat(Instant.parse(created.text("created_at"))).isNotNull();

        // the model-call routes accept the key
        Response models = api.get("/v1/models", key);
        assertThat(models.status()).as(models.raw().body()).isEqualTo(200);
        assertThat(models.body().get("data").findValuesAsString("id")).contains(model);
        Response done = complete(key, model, "Hello with an API key");
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        assertThat(done.body()
                        .get("choices")
                        .get(0)
                        .get("message")
                        .get("content")
                        .asString())
                .contains("Hello with an API key");
        Response chat = api.post("/v1/agents/" + C + "/" + kept + "/chat", Map.of("message", "hi there"), key);
        assertThat(chat.status()).as(chat.raw().body()).isEqualTo(200);
        Response conversations = api.get("/v1/agents/" + C + "/" + kept + "/conversations", key);
        assertThat(conversations.status()).as(conversations.raw().body()).isEqualTo(200);
        Response history = api.get("/v1/conversations/" + chat.text("conversation_id") + "/messages", key);
        assertThat(history.status()).as(history.raw().body()).isEqualTo(200);

        // every other route wants the wallet
        for (Response refused : List.of(
                api.get("/v1/auth/me", key),
                api.get("/v1/auth/sessions", key),
                api.get("/v1/api-keys", key),
                api.get("/v1/api-keys/" + id, key),
                api.delete("/v1/api-keys/" + id, key),
                createKey(key, Map.of("agents", List.of(model))),
                api.post("/v1/auth/logout", null, key),
                api.get("/v1/nfts/owned", key),
                api.post("/v1/dev/nfts/" + C + "/mint", Map.of(), key),
                api.get("/v1/agents/" + C + "/" + kept, key))) {
            assertProblem(refused, 403, "FORBIDDEN");
            assertThat(refused.body().get("detail").asString())
                    .contains("API keys may only be used for model calls")
                    .contains("sign in with the wallet");
        }

        // the list and the key's page show the prefix, never the key or its hash
        Response list = api.get("/v1/api-keys?limit=10&offset=0", aliceSession);
        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        assertThat(list.raw().body())
                .doesNotContain(key)
                .doesNotContain(key.substring(12))
                .doesNotContain("hash");
        assertThat(list.body().get("limit").asInt()).isEqualTo(10);
        assertThat(list.body().get("offset").asInt()).isZero();
        JsonNode listed = list.body().get("data").get(0);
        assertThat(listed.get("id").asString()).isEqualTo(id);
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.get("key_prefix").asString()).isEqualTo(key.substring(0, 12));
        assertThat(Instant.parse(listed.get("last_used_at").asString())).isNotNull();
        assertThat(listed.get("revoked_at").isNull()).isTrue();
        Response one = api.get("/v1/api-keys/" + id, aliceSession);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.raw().body()).doesNotContain(key);
        assertProblem(api.get("/v1/api-keys/" + id, bobSession), 404, "NOT_FOUND");
        assertThat(api.get("/v1/api-keys", bobSession).body().get("data").findValuesAsString("id"))
                .doesNotContain(id);

        // at rest: the sha256 of the whole key, and no column holds the key
        byte[] hash = jdbc.sql("select key_hash from api_keys where id = ?")
                .param(UUID.fromString(id))
                .query(byte[].class)
                .single();
        assertThat(hash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        String row = jdbc.sql("select t::text from api_keys t where id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
        assertThat(row).doesNotContain(key.substring(12)).contains(key.substring(0, 12));

        // the NFT moves: the key no longer reaches that agent (the official openai SDK sees a 403 NOT_OWNER)
        Response moved =
                api.post("/v1/dev/nfts/" + C + "/" + given + "/transfer", Map.of("to", bob.address()), aliceSession);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertProblem(complete(key, givenModel, "still mine?"), 403, "NOT_OWNER");
        JsonNode sdk = OpenAiSdkCheck.run(port, key, model, givenModel);
        assertThat(sdk.get("ok").asBoolean()).as(sdk.toString()).isTrue();
        assertThat(sdk.get("models").valueStream().map(JsonNode::asString)).contains(model);
        assertThat(sdk.get("completion_content").asString()).contains("Hello from the openai SDK");
        assertThat(sdk.get("streamed_content").asString()).contains("Stream to the openai SDK");

        // revoked: the next call is refused, and another wallet cannot revoke it
        assertProblem(api.delete("/v1/api-keys/" + id, bobSession), 404, "NOT_FOUND");
        assertThat(complete(key, model, "before revocation").status()).isEqualTo(200);
        assertThat(api.delete("/v1/api-keys/" + id, aliceSession).status()).isEqualTo(204);
        Response revoked = complete(key, model, "after revocation");
        assertProblem(revoked, 401, "UNAUTHORIZED");
        assertThat(revoked.body().get("detail").asString()).isEqualTo("API key is invalid or revoked");
        assertProblem(api.get("/v1/models", key), 401, "UNAUTHORIZED");
        assertThat(Instant.parse(api.get("/v1/api-keys/" + id, aliceSession).text("revoked_at")))
                .isNotNull();
        assertThat(api.delete("/v1/api-keys/" + id, aliceSession).status()).isEqualTo(204);

        // a key nobody issued, and junk with the prefix, read exactly like a revoked one
        String unknown = "pnt_" + "A".repeat(43);
        assertThat(api.get("/v1/models", unknown).body().get("detail").asString())
                .isEqualTo("API key is invalid or revoked");
        assertProblem(api.get("/v1/models", "pnt_short"), 401, "UNAUTHORIZED");
        assertProblem(api.get("/v1/api-keys/" + UUID.randomUUID(), aliceSession), 404, "NOT_FOUND");

        // the key's life is logged by id; the key itself never is
        assertThat(output.getAll()).contains("API key " + id + " created").contains("API key " + id + " revoked");
        assertThat(output.getAll()).as("logs must not contain the key").doesNotContain(key.substring(4));
    }

    @Test
    void expiredKeysAreRefusedAndUseIsRecordedOnceAMinute() {
        DevWallet carol = DevWallet.generate(ChainFamily.EVM, null);
        String session = signIn(carol);
        String model = C + "/" + mint(session);
        Map<String, Object> body = new HashMap<>();
        body.put("agents", List.of(model));
        body.put("expires_at", clock.instant().plus(Duration.ofMinutes(10)).toString());
        Response created = createKey(session, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String key = created.text("key");
        String id = created.text("id");
        Instant expiresAt = Instant.parse(created.text("expires_at"));
        assertThat(expiresAt).isAfter(clock.instant());

        assertThat(complete(key, model, "first").status()).isEqualTo(200);
        Instant firstUse = lastUsed(session, id);
        assertThat(firstUse).isNotNull();
        clock.advance(Duration.ofSeconds(30));
        assertThat(complete(key, model, "within the minute").status()).isEqualTo(200);
        assertThat(lastUsed(session, id)).isEqualTo(firstUse);
        clock.advance(Duration.ofSeconds(40));
        assertThat(complete(key, model, "a minute later").status()).isEqualTo(200);
        assertThat(lastUsed(session, id)).isAfter(firstUse.plusSeconds(60));

        clock.advance(Duration.ofMinutes(10));
        Response expired = complete(key, model, "too late");
        assertProblem(expired, 401, "UNAUTHORIZED");
        assertThat(expired.body().get("detail").asString()).contains("expired");
        // the wallet's own session still works, and sees the key in its list
        assertThat(api.get("/v1/api-keys/" + id, session).status()).isEqualTo(200);
    }

    private Instant lastUsed(String session, String id) {
        Response key = api.get("/v1/api-keys/" + id, session);
        assertThat(key.status()).as(key.raw().body()).isEqualTo(200);
        JsonNode at = key.body().get("last_used_at");
        return at.isNull() ? null : Instant.parse(at.asString());
    }

    @Test
    void creationChecksTheRequestOwnershipAndTheLimitOfLiveKeys() {
        DevWallet dave = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet erin = DevWallet.generate(ChainFamily.EVM, null);
        String session = signIn(dave);
        String erinSession = signIn(erin);
        String model = C + "/" + mint(session);
        String erinsModel = C + "/" + mint(erinSession);

        assertProblem(createKey(session, Map.of("agents", List.of(erinsModel))), 403, "NOT_OWNER");
        assertProblem(createKey(session, Map.of("agents", List.of(model, erinsModel))), 403, "NOT_OWNER");
        assertThat(api.get("/v1/api-keys", session).body().get("data")).isEmpty();

        Map<String, String> invalid = new java.util.LinkedHashMap<>();
        invalid.put("{}", "agents is required");
        invalid.put("{\"agents\":[]}", "agents is required");
        invalid.put("{\"agents\":[\"" + C + "/one\"]}", "agents[0]");
        invalid.put("{\"agents\":[\"" + model + "\"],\"expires_at\":\"tomorrow\"}", "RFC 3339");
        invalid.put("{\"agents\":[\"" + model + "\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}", "future");
        invalid.put("{\"agents\":[\"" + model + "\"],\"token_budget\":0}", "token_budget");
        invalid.put("{\"agents\":[\"" + model + "\"],\"token_budget\":5,\"budget_period\":\"year\"}", "budget_period");
        invalid.put("{\"agents\":[\"" + model + "\"],\"requests_per_minute\":-1}", "requests_per_minute");
        invalid.put("{\"agents\":[\"" + model + "\"],\"tokens_per_minute\":0}", "tokens_per_minute");
        invalid.forEach((json, says) -> {
            Response r = api.send("POST", "/v1/api-keys", json, session, Map.of());
            assertProblem(r, 400, "VALIDATION_FAILED");
            assertThat(r.body().get("detail").asString()).as(json).contains(says);
        });

        // at most 100 live keys; a revoked one makes room
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Response created = createKey(session, Map.of("agents", List.of(model), "name", "key " + i));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            ids.add(created.text("id"));
        }
        Response tooMany = createKey(session, Map.of("agents", List.of(model)));
        assertProblem(tooMany, 409, "CONFLICT");
        assertThat(tooMany.body().get("detail").asString()).contains("100");
        Response newest = api.get("/v1/api-keys?limit=2&offset=0", session);
        assertThat(newest.body().get("data").findValuesAsString("name")).containsExactly("key 99", "key 98");
        Response page = api.get("/v1/api-keys?limit=2&offset=98", session);
        assertThat(page.body().get("data").findValuesAsString("name")).containsExactly("key 1", "key 0");
        assertThat(api.delete("/v1/api-keys/" + ids.getFirst(), session).status())
                .isEqualTo(204);
        assertThat(createKey(session, Map.of("agents", List.of(model))).status())
                .isEqualTo(201);

        JsonNode paths = api.get("/v3/api-docs", null).body().get("paths");
        assertThat(paths.get("/v1/api-keys").has("post")).isTrue();
        assertThat(paths.get("/v1/api-keys").has("get")).isTrue();
        assertThat(paths.get("/v1/api-keys/{id}").has("delete")).isTrue();
    }
}

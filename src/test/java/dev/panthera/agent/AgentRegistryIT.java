package dev.panthera.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.ownership.NftId;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent registry over HTTP on the dev chain: an NFT minted with sealed metadata is an agent
 * configured by it; the owner overrides within limits, sets a persona or imports an ElizaOS
 * character; nobody else gets in; a transfer hands the agent over with its history; metadata that
 * breaks later (tampered, wrong key, oversized, slow, invalid) leaves the last good config in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentRegistryIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] KEY = SealedMetadata.newKey();
    static final DevWallet ADMIN =
            DevWallet.fromPrivateKey(ChainFamily.EVM, null, HexFormat.of().parseHex("22".repeat(32)));
    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "panthers" + Long.toString(System.nanoTime() % 1_000_000, 36);

    static final String PROMPT = "You are Shadow, a patient negotiator for rare panthers.";
    static final String METADATA = """
            {"name": "Shadow", "description": "Panther #1", "agent_type": "social",
             "agent_config": {"model": "deepseek-chat", "system_prompt": "%s", "temperature": 0.6,
                              "max_tokens": 2048, "capabilities": ["chat", "code", "analysis"]},
             "deployment": {"image": "ghcr.io/panthera/agent:1", "resources": {"cpu": "2", "memory": "4Gi", "gpu": true}}}
            """.formatted(PROMPT);

    /** What the local metadata server answers for token 2, switched by the test. */
    static final AtomicReference<byte[]> served = new AtomicReference<>();

    static final AtomicReference<Integer> delayMillis = new AtomicReference<>(0);
    static HttpServer metadataServer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        registry.add(
                "panthera.collections[0].metadata-key",
                () -> Base64.getEncoder().encodeToString(KEY));
        registry.add("panthera.metadata.timeout", () -> "1s");
        registry.add("panthera.metadata.max-bytes", () -> 16384);
        registry.add("panthera.auth.admin-wallets", ADMIN::address);
    }

    @BeforeAll
    static void startMetadataServer() throws IOException {
        metadataServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadataServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        metadataServer.createContext("/meta/", exchange -> {
            try (exchange) {
                Thread.sleep(delayMillis.get());
                byte[] body = served.get();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up (timeout test)
            }
        });
        metadataServer.start();
    }

    @AfterAll
    static void stopMetadataServer() {
        metadataServer.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    AgentService agents;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    static String sealedUri(String metadata, byte[] key) {
        return SealedMetadata.dataUri(SealedMetadata.seal(key, C, metadata.getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    String signIn(DevWallet wallet) {
        String message = api.post("/v1/auth/challenge", Map.of("wallet_address", wallet.address()))
                .text("message");
        Map<String, Object> body = new HashMap<>();
        body.put("wallet_address", wallet.address());
        body.put("message", message);
        body.put("signature", wallet.sign(message));
        if (wallet.publicKeyEncoded() != null) {
            body.put("public_key", wallet.publicKeyEncoded());
        }
        Response verified = api.post("/v1/auth/verify", body);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        return verified.text("access_token");
    }

    void mint(String token, String tokenId, String tokenUri) {
        Response minted =
                api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", tokenId, "token_uri", tokenUri), token);
        assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
    }

    Response patch(String path, String json, String bearer) {
        return api.send("PATCH", path, json, bearer, Map.of());
    }

    Response put(String path, Object body, String bearer) {
        return api.send("PUT", path, JSON.writeValueAsString(body), bearer, Map.of());
    }

    @Test
    void theNftIsTheKeyToItsAgentAndTheAgentFollowsTheToken() throws IOException {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.SOLANA, null);
        String aliceToken = signIn(alice);
        String bobToken = signIn(bob);
        mint(aliceToken, "1", sealedUri(METADATA, KEY));

        // the agent is configured by the sealed metadata
        Response agent = api.get("/v1/agents/" + C + "/1", aliceToken);
        assertThat(agent.status()).as(agent.raw().body()).isEqualTo(200);
        JsonNode a = agent.body();
        assertThat(a.get("name").asString()).isEqualTo("Shadow");
        assertThat(a.get("nft_token_id").asString()).isEqualTo("1");
        assertThat(a.get("collection").asString()).isEqualTo(C);
        assertThat(a.get("owner_address").asString()).isEqualTo(alice.address());
        assertThat(a.get("model").asString()).isEqualTo("deepseek-chat");
        assertThat(JSON.convertValue(a.get("capabilities"), List.class)).containsExactly("chat", "code", "analysis");
        assertThat(a.get("status").asString()).isEqualTo("online");
        assertThat(a.get("agent_status").asString()).isEqualTo("active");
        assertThat(a.get("agent_type").asString()).isEqualTo("social");
        assertThat(a.get("version").asInt()).isEqualTo(1);
        assertThat(a.get("uptime").asLong()).isZero();
        assertThat(a.at("/configuration/system_prompt").asString()).isEqualTo(PROMPT);
        assertThat(a.at("/configuration/temperature").asDouble()).isEqualTo(0.6);
        assertThat(a.at("/deployment/resources/memory").asString()).isEqualTo("4Gi");
        assertThat(a.at("/deployment/resources/gpu").asInt()).isEqualTo(1);
        assertThat(a.at("/performance/tasks_completed").asLong()).isZero();
        assertThat(a.get("metadata_error").isNull()).isTrue();
        assertThat(a.get("metadata_uri").asString()).startsWith("data:application/json;base64,…");
        assertThat(api.get("/v1/agents/1", aliceToken).body().get("name").asString())
                .as("one collection: the segment may be left out")
                .isEqualTo("Shadow");

        // overrides within the limits, refused outside them
        Response changed = patch(
                "/v1/agents/" + C + "/1/config",
                "{\"temperature\": 0.2, \"capabilities\": [\"chat\", \"code\"], \"resources\": {\"cpu\": \"1\", \"memory\": \"2GB\"}}",
                aliceToken);
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.body().at("/configuration/temperature").asDouble()).isEqualTo(0.2);
        assertThat(changed.body().at("/deployment/resources/memory").asString()).isEqualTo("2Gi");
        assertThat(changed.body().get("version").asInt()).isEqualTo(2);
        assertThat(JSON.convertValue(changed.body().get("overridden_fields"), List.class))
                .containsExactly("temperature", "capabilities", "resources.cpu", "resources.memory");
        Response tooBig = patch(
                "/v1/agents/" + C + "/1/config", "{\"resources\": {\"memory\": \"16Gi\", \"disk\": 20}}", aliceToken);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooBig.text("detail"))
                .contains("resources.memory must be between 1 and 8 GB", "resources.disk must be between 1 and 10 GB");
        assertThat(patch("/v1/agents/" + C + "/1/config", "{\"capabilities\": [\"web\"]}", aliceToken)
                        .text("detail"))
                .contains("capabilities may only narrow the metadata's [chat, code, analysis]; not granted: [web]");
        assertThat(patch("/v1/agents/" + C + "/1/config", "{\"model\": \"gpt-5\"}", aliceToken)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(patch("/v1/agents/" + C + "/1/config", "{\"temperature\": 0.2}", aliceToken)
                        .body()
                        .get("version")
                        .asInt())
                .as("no change, no version")
                .isEqualTo(2);

        // persona, then an ElizaOS character, rendered into the system prompt
        Response persona = put(
                "/v1/agents/" + C + "/1/persona",
                Map.of(
                        "name",
                        "Patient Teacher",
                        "description",
                        "Supportive and educational",
                        "traits",
                        Map.of("personality", List.of("patient", "clear")),
                        "voice",
                        Map.of("tone", "warm"),
                        "knowledge_areas",
                        List.of("negotiation"),
                        "behavioral_rules",
                        List.of("Never rush a deal"),
                        "example_interactions",
                        List.of(Map.of("user", "Lower?", "agent", "Let's see why."))),
                aliceToken);
        assertThat(persona.status()).as(persona.raw().body()).isEqualTo(200);
        assertThat(persona.text("source")).isEqualTo("manual");
        String prompt = agents.systemPrompt(new NftId(C, "1"));
        assertThat(prompt)
                .startsWith(PROMPT + "\n\n## Capabilities\nchat, code\n\n## Persona: Patient Teacher")
                .contains("- personality: patient, clear", "1. Never rush a deal", "Patient Teacher: Let's see why.");
        assertThat(api.get("/v1/agents/1/prompt", aliceToken).text("system_prompt"))
                .isEqualTo(prompt);
        assertThat(put(
                                "/v1/agents/" + C + "/1/persona",
                                Map.of("name", "X", "voice", Map.of("tone", "w".repeat(300))),
                                aliceToken)
                        .text("detail"))
                .contains("voice.tone must be a string of at most 200 characters");

        String character;
        try (InputStream in = getClass().getResourceAsStream("/agent/eliza-character.json")) {
            character = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Response imported = api.send("POST", "/v1/agents/" + C + "/1/persona/eliza", character, aliceToken, Map.of());
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(imported.body().at("/persona/name").asString()).isEqualTo("Nova");
        assertThat(imported.body().get("warnings").toString()).contains("skipped 2 file or directory entries");
        assertThat(agents.systemPrompt(new NftId(C, "1")))
                .contains("## Persona: Nova", "never use rocket emojis", "Nova: Oracle design");
        assertThat(api.get("/v1/agents/" + C + "/1", aliceToken)
                        .body()
                        .at("/persona/source")
                        .asString())
                .isEqualTo("eliza");
        assertThat(api.send(
                                "POST",
                                "/v1/agents/" + C + "/1/persona/eliza",
                                "{\"name\": \"A\", \"bio\": 5}",
                                aliceToken,
                                Map.of())
                        .text("detail"))
                .isEqualTo("bio must be a string or a list of strings");

        // counters other modules move
        agents.recordTaskCompleted(new NftId(C, "1"));
        agents.recordRating(new NftId(C, "1"), 4);
        agents.recordRating(new NftId(C, "1"), 5);
        agents.recordReward(new NftId(C, "1"), new BigDecimal("1.5"));
        agents.recordVote(new NftId(C, "1"));
        JsonNode performance = api.get("/v1/agents/" + C + "/1", aliceToken).body();
        assertThat(performance.at("/performance/tasks_completed").asLong()).isOne();
        assertThat(performance.at("/performance/rating").asDouble()).isEqualTo(4.5);
        assertThat(performance.at("/performance/rewards_earned").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(performance.at("/performance/votes_received").asLong()).isOne();
        assertThat(performance.get("last_active").isNull()).isFalse();

        // nobody else gets in
        for (Response refused : List.of(
                api.get("/v1/agents/" + C + "/1", bobToken),
                patch("/v1/agents/" + C + "/1/config", "{\"temperature\": 0.9}", bobToken),
                put("/v1/agents/" + C + "/1/persona", Map.of("name", "Mine"), bobToken),
                api.get("/v1/agents/" + C + "/1/history", bobToken),
                api.post("/v1/agents/" + C + "/1/metadata/refresh", null, bobToken))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("NOT_OWNER");
        }

        // the transfer hands the agent, its settings and persona over; the old owner is out
        Response moved = api.post("/v1/dev/nfts/" + C + "/1/transfer", Map.of("to", bob.address()), aliceToken);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(jdbc.sql("select owner_address from agents where collection = '" + C + "' and token_id = '1'")
                        .query(String.class)
                        .single())
                .as("OwnershipTransferred moved the agent before anyone asked for it")
                .isEqualTo(bob.address());
        Response bobs = api.get("/v1/agents/" + C + "/1", bobToken);
        assertThat(bobs.status()).as(bobs.raw().body()).isEqualTo(200);
        assertThat(bobs.text("owner_address")).isEqualTo(bob.address());
        assertThat(bobs.body().at("/configuration/temperature").asDouble()).isEqualTo(0.2);
        assertThat(bobs.body().at("/persona/name").asString()).isEqualTo("Nova");
        assertThat(bobs.body().get("version").asInt()).isEqualTo(3);
        assertThat(api.get("/v1/agents/" + C + "/1", aliceToken).code()).isEqualTo("NOT_OWNER");
        assertThat(patch("/v1/agents/" + C + "/1/config", "{\"temperature\": 0.9}", aliceToken)
                        .code())
                .isEqualTo("NOT_OWNER");

        JsonNode versions =
                api.get("/v1/agents/" + C + "/1/history", bobToken).body().get("versions");
        assertThat(versions.findValuesAsString("source")).containsExactly("transfer", "owner", "metadata");
        assertThat(versions.findValues("version").stream().map(JsonNode::asInt)).containsExactly(3, 2, 1);
        assertThat(versions.get(0).get("owner_address").asString()).isEqualTo(bob.address());
        assertThat(versions.get(1).get("changed_by").asString()).isEqualTo(alice.address());
        assertThat(versions.get(1).at("/configuration/temperature").asDouble()).isEqualTo(0.2);
        assertThat(versions.get(2).at("/configuration/temperature").asDouble()).isEqualTo(0.6);

        JsonNode bobsList = api.get("/v1/agents", bobToken).body();
        assertThat(bobsList.get("agents").findValuesAsString("nft_token_id")).contains("1");
        assertThat(api.get("/v1/agents", aliceToken).body().get("agents").findValuesAsString("nft_token_id"))
                .doesNotContain("1");

        // status: the owner pauses and resumes; only an admin retires, and that is final
        Response paused = api.post("/v1/agents/" + C + "/1/status", Map.of("status", "paused"), bobToken);
        assertThat(paused.text("agent_status")).isEqualTo("paused");
        assertThat(paused.text("status")).isEqualTo("offline");
        assertThat(api.post("/v1/agents/" + C + "/1/status", Map.of("status", "active"), bobToken)
                        .text("status"))
                .isEqualTo("online");
        assertThat(api.post("/v1/agents/" + C + "/1/status", Map.of("status", "retired"), bobToken)
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(api.post("/v1/agents/" + C + "/1/status", Map.of("status", "asleep"), bobToken)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        String adminToken = signIn(ADMIN);
        assertThat(api.post("/v1/agents/" + C + "/1/status", Map.of("status", "retired"), adminToken)
                        .text("agent_status"))
                .isEqualTo("retired");
        assertThat(api.post("/v1/agents/" + C + "/1/status", Map.of("status", "active"), bobToken)
                        .code())
                .isEqualTo("CONFLICT");
        assertThat(patch("/v1/agents/" + C + "/1/config", "{\"temperature\": 0.9}", bobToken)
                        .code())
                .isEqualTo("CONFLICT");
    }

    @Test
    void brokenMetadataLeavesTheLastGoodConfigAndSaysWhy() {
        DevWallet carol = DevWallet.generate(ChainFamily.COSMOS, "secret");
        String token = signIn(carol);
        served.set(SealedMetadata.seal(KEY, C, METADATA.getBytes(StandardCharsets.UTF_8))
                .toString()
                .getBytes(StandardCharsets.UTF_8));
        mint(token, "2", "http://127.0.0.1:" + metadataServer.getAddress().getPort() + "/meta/2");
        JsonNode good = api.get("/v1/agents/" + C + "/2", token).body();
        assertThat(good.at("/configuration/system_prompt").asString()).isEqualTo(PROMPT);

        ObjectNode tampered = SealedMetadata.seal(KEY, C, METADATA.getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext =
                Base64.getDecoder().decode(tampered.get("ciphertext").asString());
        ciphertext[3] ^= 0x40;
        tampered.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Map<String, byte[]> failures = Map.of(
                "failed authentication",
                bytes(tampered.toString()),
                "sealed with key " + SealedMetadata.keyId(new byte[32]),
                bytes(SealedMetadata.seal(new byte[32], C, bytes(METADATA)).toString()),
                "larger than 16384 bytes",
                new byte[20000],
                "agent_config.temperature must be a number from 0.0 to 1.0",
                bytes(SealedMetadata.seal(KEY, C, bytes(METADATA.replace("0.6", "6")))
                        .toString()),
                "metadata is not valid JSON",
                bytes("{\"agent_config\": "));
        failures.forEach((error, body) -> {
            served.set(body);
            Response refreshed = api.post("/v1/agents/" + C + "/2/metadata/refresh", null, token);
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            assertThat(refreshed.body().get("loaded").asBoolean()).isFalse();
            assertThat(refreshed.body().get("changed").asBoolean()).isFalse();
            JsonNode agent = refreshed.body().get("agent");
            assertThat(agent.get("metadata_error").asString()).contains(error).doesNotContain("patient negotiator");
            assertThat(agent.get("metadata_error_at").isNull()).isFalse();
            assertThat(agent.at("/configuration/system_prompt").asString()).isEqualTo(PROMPT);
            assertThat(agent.get("version").asInt()).isEqualTo(1);
            assertThat(agent.get("status").asString())
                    .as("a good config is still there")
                    .isEqualTo("online");
        });

        served.set(bytes(SealedMetadata.seal(KEY, C, bytes(METADATA)).toString()));
        delayMillis.set(3000);
        try {
            JsonNode slow = api.post("/v1/agents/" + C + "/2/metadata/refresh", null, token)
                    .body();
            assertThat(slow.at("/agent/metadata_error").asString()).contains("took longer than PT1S");
        } finally {
            delayMillis.set(0);
        }

        served.set(bytes(SealedMetadata.seal(KEY, C, bytes(METADATA.replace(PROMPT, "Be terse.")))
                .toString()));
        JsonNode fixed = api.post("/v1/agents/2/metadata/refresh", null, token).body();
        assertThat(fixed.get("loaded").asBoolean()).isTrue();
        assertThat(fixed.get("changed").asBoolean()).isTrue();
        assertThat(fixed.at("/agent/configuration/system_prompt").asString()).isEqualTo("Be terse.");
        assertThat(fixed.at("/agent/metadata_error").isNull()).isTrue();
        assertThat(fixed.at("/agent/version").asInt()).isEqualTo(2);
        assertThat(api.post("/v1/agents/2/metadata/refresh", null, token)
                        .body()
                        .get("changed")
                        .asBoolean())
                .as("the same metadata again is not a new version")
                .isFalse();
    }

    @Test
    void anAgentWhoseMetadataNeverLoadedIsInErrorOnDefaults() {
        DevWallet dave = DevWallet.generate(ChainFamily.EVM, null);
        String token = signIn(dave);
        mint(token, "3", sealedUri(METADATA, SealedMetadata.newKey()));
        mint(token, "4", "file:///etc/passwd");
        JsonNode broken = api.get("/v1/agents/" + C + "/3", token).body();
        assertThat(broken.get("status").asString()).isEqualTo("error");
        assertThat(broken.get("model").asString()).isEqualTo("offline");
        assertThat(broken.get("name").asString()).isEqualTo(C + " #3");
        assertThat(broken.get("metadata_error").asString()).contains("metadata was sealed with key");
        JsonNode file = api.get("/v1/agents/" + C + "/4", token).body();
        assertThat(file.get("metadata_error").asString())
                .isEqualTo("tokenURI scheme 'file' is not supported (https, ipfs or data)");

        mint(token, "5", SealedMetadata.dataUri("{\"name\": \"Plain\"}"));
        JsonNode plain = api.get("/v1/agents/" + C + "/5", token).body();
        assertThat(plain.get("status").asString()).isEqualTo("online");
        assertThat(plain.get("name").asString()).isEqualTo("Plain");
        assertThat(plain.at("/configuration/max_tokens").asInt()).isEqualTo(1024);
        assertThat(api.get("/v1/agents/" + C + "/1/history", token).status()).isIn(403, 404);
    }

    @Test
    void readsComeFromTheCacheUntilTheAgentChangesHere() {
        DevWallet erin = DevWallet.generate(ChainFamily.EVM, null);
        String token = signIn(erin);
        mint(token, "6", SealedMetadata.dataUri("{\"name\": \"Cached\"}"));
        NftId nft = new NftId(C, "6");
        AgentView first = agents.get(nft);
        assertThat(agents.get(nft)).as("a second read is the cached view").isSameAs(first);

        // a change made elsewhere (another node) is not seen until the view expires ...
        jdbc.sql("update agents set name = 'Elsewhere' where collection = ? and token_id = ?")
                .params(C, "6")
                .update();
        assertThat(agents.get(nft).name()).isEqualTo("Cached");
        // ... but every change made through this node is seen at once
        Response paused = api.post("/v1/agents/" + C + "/6/status", Map.of("status", "paused"), token);
        assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
        AgentView after = agents.get(nft);
        assertThat(after.status()).isEqualTo(AgentStatus.PAUSED);
        assertThat(after.name()).isEqualTo("Elsewhere");
        agents.recordVote(nft);
        assertThat(agents.get(nft).performance().votesReceived()).isOne();
        assertThat(put("/v1/agents/" + C + "/6/persona", Map.of("name", "Fresh"), token)
                        .status())
                .isEqualTo(200);
        assertThat(agents.get(nft).persona().name()).isEqualTo("Fresh");
    }

    @Test
    void tokenIdsAreCheckedAtTheEdge() {
        String token = signIn(DevWallet.generate(ChainFamily.EVM, null));
        assertThat(api.get("/v1/agents/" + C + "/abc", token).text("detail"))
                .isEqualTo("token_id of " + C + " must be a number of 1-78 digits without leading zeros");
        assertThat(api.get("/v1/agents/" + C + "/007", token).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/v1/agents/nope/7", token).code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/agents/" + C + "/9999", token).code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/agents/" + C + "/7", null).code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("/v1/agents?limit=0", token).code()).isEqualTo("VALIDATION_FAILED");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

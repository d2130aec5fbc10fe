package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Metering end to end: every model call through the chat routes lands in the ledger with its wallet,
 * key, agent and conversation; an API key talks only to its agents and within its own limits, which
 * answer 429 with the documented headers; the wallet's session is not held back by its key's budget;
 * {@code GET /v1/usage} adds it up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeteringIT {

    static final String C = "meter" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        registry.add("panthera.billing.requests-per-minute", () -> 50);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void modelCallsAreMeteredPerWalletAndKeyAndKeysKeepToTheirAgentsAndLimits() throws InterruptedException {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        String session = api.signIn(alice, null).text("access_token");
        for (String id : List.of("1", "2")) {
            Response minted = api.post("/v1/dev/nfts/" + C + "/mint", Map.of("token_id", id), session);
            assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
        }
        String one = C + "/1";
        String budgetKey = createKey(session, Map.of("name", "budget", "agents", List.of(one), "token_budget", 1));
        String rateKey = createKey(session, Map.of("name", "rate", "agents", List.of(one), "requests_per_minute", 2));

        // a key lists and reaches only its agents
        JsonNode models = api.get("/v1/models", budgetKey).body().get("data");
        assertThat(models.findValuesAsString("id")).containsExactly(one);
        assertThat(api.get("/v1/models", session).body().get("data").findValuesAsString("id"))
                .containsExactlyInAnyOrder(one, C + "/2");
        Response outOfScope = chat("2", "hi", budgetKey);
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.code()).isEqualTo("FORBIDDEN");
        assertThat(complete(C + "/2", budgetKey).status()).isEqualTo(403);

        // the first call is admitted (nothing used yet) and tells the key's tighter limits
        Response first = chat("1", "hello", budgetKey);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.header("X-Budget-Limit")).isEqualTo("1");
        assertThat(first.header("X-RateLimit-Limit-Requests")).isEqualTo("50");
        String conversation = first.text("conversation_id");
        // then the key's budget is spent: 429 QUOTA_EXCEEDED, for chat and the OpenAI route alike
        Response spent = chat("1", "again", budgetKey);
        assertThat(spent.status()).isEqualTo(429);
        assertThat(spent.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(spent.header("X-Budget-Remaining")).isEqualTo("0");
        // a budget without a period is monthly: it resets when the month ends
        assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(1L, 31L * 86_400);
        Response spentOpenAi = complete(one, budgetKey);
        assertThat(spentOpenAi.status()).isEqualTo(429);
        assertThat(spentOpenAi.body().get("error").get("code").asString()).isEqualTo("QUOTA_EXCEEDED");

        // another key: its own requests per minute
        assertThat(complete(one, rateKey).status()).isEqualTo(200);
        Response second = complete(one, rateKey);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("X-RateLimit-Limit-Requests")).isEqualTo("2");
        assertThat(second.header("X-RateLimit-Remaining-Requests")).isEqualTo("0");
        Response limited = complete(one, rateKey);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("error").get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        // the wallet's own session is not held back by its keys' limits
        Response own = chat("1", "still me", session);
        assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
        assertThat(own.header("X-RateLimit-Limit-Requests")).isEqualTo("50");

        // the ledger: one row per model call, with the key, the agent and the conversation (written
        // in the background, so wait for the fourth)
        UUID budgetKeyId = keyId(session, "budget");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jdbc.sql("select count(*) from agent_operations where wallet_address = ?")
                                .param(alice.address())
                                .query(Long.class)
                                .single()
                        < 4
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Map<String, Object>> rows = jdbc.sql(
                        "select transaction_type, api_key_id, agent_id, conversation_id, status, token_amount"
                                + " from token_transactions where wallet_address = ? order by id")
                .param(alice.address())
                .query()
                .listOfRows();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0))
                .containsEntry("transaction_type", "chat")
                .containsEntry("api_key_id", budgetKeyId)
                .containsEntry("agent_id", one)
                .containsEntry("conversation_id", UUID.fromString(conversation))
                .containsEntry("status", "completed");
        assertThat(((Number) rows.get(0).get("token_amount")).longValue()).isPositive();
        assertThat(rows.subList(1, 3))
                .allSatisfy(r -> assertThat(r)
                        .containsEntry("transaction_type", "completion")
                        .containsEntry("conversation_id", null));
        assertThat(rows.get(3)).containsEntry("api_key_id", null);
        assertThat(jdbc.sql("select count(*) from agent_operations where wallet_address = ?")
                        .param(alice.address())
                        .query(Long.class)
                        .single())
                .isEqualTo(4);

        // usage: the wallet sees everything, a key only its own calls
        JsonNode all = api.get("/v1/usage", session).body();
        assertThat(all.get("total").get("requests").asLong()).isEqualTo(4);
        assertThat(all.get("by_agent").findValuesAsString("agent_id")).containsExactly(one);
        assertThat(all.get("by_day")).hasSize(1);
        JsonNode mine = api.get("/v1/usage", budgetKey).body();
        assertThat(mine.get("total").get("requests").asLong()).isEqualTo(1);
        assertThat(mine.get("total").get("total_tokens").asLong())
                .isEqualTo(((Number) rows.get(0).get("token_amount")).longValue());
    }

    String createKey(String session, Map<String, Object> body) {
        Response created = api.post("/v1/api-keys", body, session);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("key");
    }

    UUID keyId(String session, String name) {
        for (JsonNode key : api.get("/v1/api-keys", session).body().get("data")) {
            if (name.equals(key.get("name").asString())) {
                return UUID.fromString(key.get("id").asString());
            }
        }
        throw new AssertionError("no key " + name);
    }

    Response chat(String tokenId, String message, String bearer) {
        return api.post("/v1/agents/" + C + "/" + tokenId + "/chat", Map.of("message", message), bearer);
    }

    Response complete(String model, String bearer) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", "gm")));
        return api.post("/v1/chat/completions", body, bearer);
    }
}

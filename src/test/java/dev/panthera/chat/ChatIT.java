package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat over HTTP on the dev chain with the offline model: JSON and SSE replies, conversations and
 * their history, the seed 000 limits, ownership on every call (and after a transfer), no plaintext
 * at rest, and retention.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DrippingModel.class)
class ChatIT extends RunningServerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "chat" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        registry.add("panthera.chat.max-messages", () -> 6);
    }

    Response chat(String tokenId, String message, String conversationId, String bearer) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        return api.post("/v1/agents/" + C + "/" + tokenId + "/chat", body, bearer);
    }

    record Sse(int status, String contentType, List<String[]> events, String raw) {}

    Sse stream(String tokenId, String message, String conversationId, String bearer) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        body.put("stream", true);
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/agents/" + C + "/" + tokenId + "/chat"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        List<String[]> events = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : frame.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            if (name != null) {
                events.add(new String[] {name, data.toString()});
            }
        }
        return new Sse(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                events,
                response.body());
    }

    @Test
    void chatWithTheAgentOfTheNftYouHold() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceToken = api.ownerToken(alice, C, "1");
        String bobToken = api.accessToken(bob);
        String secret = "my seed phrase is aubergine-" + UUID.randomUUID();

        // a first message starts a conversation; the offline responder echoes it
        Response first = chat("1", secret, null, aliceToken);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        String conversation = first.text("conversation_id");
        assertThat(UUID.fromString(conversation)).isNotNull();
        assertThat(first.text("response")).contains(secret).contains("offline");
        assertThat(first.body().get("tokens_used").asInt()).isPositive();
        assertThat(first.text("model")).isNotBlank();
        assertThat(Instant.parse(first.text("timestamp"))).isNotNull();

        // the same conversation continues
        Response second = chat("1", "And what did I say before?", conversation, aliceToken);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
        assertThat(second.text("conversation_id")).isEqualTo(conversation);
        assertThat(second.text("response")).contains("And what did I say before?");

        // the collection segment may be left out where one collection is configured
        Response only = api.get("/v1/agents/1/conversations", aliceToken);
        assertThat(only.status()).as(only.raw().body()).isEqualTo(200);

        // conversations and history, newest first
        Response list = api.get("/v1/agents/" + C + "/1/conversations", aliceToken);
        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        JsonNode conversations = list.body().get("conversations");
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).get("conversation_id").asString()).isEqualTo(conversation);
        assertThat(conversations.get(0).get("message_count").asInt()).isEqualTo(4);
        assertThat(conversations.get(0).get("token_count").asLong()).isPositive();

        Response history = api.get("/v1/conversations/" + conversation + "/messages?limit=10", aliceToken);
        assertThat(history.status()).as(history.raw().body()).isEqualTo(200);
        JsonNode messages = history.body().get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.findValuesAsString("role")).containsExactly("assistant", "user", "assistant", "user");
        assertThat(messages.get(3).get("content").asString()).isEqualTo(secret);
        assertThat(messages.get(1).get("content").asString()).isEqualTo("And what did I say before?");
        assertThat(messages.get(0).get("tokens_out").asInt()).isPositive();
        Response paged = api.get("/v1/conversations/" + conversation + "/messages?limit=1&offset=3", aliceToken);
        assertThat(paged.body().get("messages").get(0).get("content").asString())
                .isEqualTo(secret);

        // streamed: token events, then done with the conversation id
        Sse sse = stream("1", "Stream this please", conversation, aliceToken);
        assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(sse.events()).hasSizeGreaterThan(2);
        List<String[]> tokens = sse.events().subList(0, sse.events().size() - 1);
        assertThat(tokens).allSatisfy(e -> assertThat(e[0]).isEqualTo("token"));
        StringBuilder streamed = new StringBuilder();
        for (String[] t : tokens) {
            streamed.append(JSON.readTree(t[1]).get("content").asString());
        }
        assertThat(streamed.toString()).contains("Stream this please").contains("offline");
        String[] done = sse.events().getLast();
        assertThat(done[0]).as(sse.raw()).isEqualTo("done");
        JsonNode doneBody = JSON.readTree(done[1]);
        assertThat(doneBody.get("conversation_id").asString()).isEqualTo(conversation);
        assertThat(doneBody.get("tokens_used").asInt()).isPositive();
        assertThat(doneBody.get("model").asString()).isNotBlank();
        JsonNode afterStream = api.get("/v1/conversations/" + conversation + "/messages", aliceToken)
                .body()
                .get("messages");
        assertThat(afterStream).hasSize(6);
        assertThat(afterStream.get(0).get("content").asString()).isEqualTo(streamed.toString());

        // max-messages is 6 here: the conversation is full, and says what to do
        Response full = chat("1", "one more", conversation, aliceToken);
        assertThat(full.status()).as(full.raw().body()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("CONFLICT");
        assertThat(full.text("detail")).contains("start a new conversation");
        Sse fullStream = stream("1", "one more", conversation, aliceToken);
        assertThat(fullStream.status()).isEqualTo(409);

        // too long: a clear 400, whether streamed or not
        Response tooLong = chat("1", "x".repeat(4001), null, aliceToken);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.text("detail")).contains("4000");
        assertThat(stream("1", "x".repeat(4001), null, aliceToken).status()).isEqualTo(400);
        Response longest = chat("1", "x".repeat(4000), null, aliceToken);
        assertThat(longest.status()).as(longest.raw().body()).isEqualTo(200);
        JsonNode newestFirst = api.get("/v1/agents/" + C + "/1/conversations", aliceToken)
                .body()
                .get("conversations");
        assertThat(newestFirst.findValuesAsString("conversation_id"))
                .containsExactly(longest.text("conversation_id"), conversation);
        assertThat(api.get("/v1/agents/" + C + "/1/conversations?limit=1&offset=1", aliceToken)
                        .body()
                        .get("conversations")
                        .findValuesAsString("conversation_id"))
                .containsExactly(conversation);

        // another wallet: not its agent, not its conversation
        Response bobs = chat("1", "hello", null, bobToken);
        assertThat(bobs.status()).isEqualTo(403);
        assertThat(bobs.code()).isEqualTo("NOT_OWNER");
        assertThat(api.get("/v1/agents/" + C + "/1/conversations", bobToken).code())
                .isEqualTo("NOT_OWNER");
        assertThat(api.get("/v1/conversations/" + conversation + "/messages", bobToken)
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/conversations/" + UUID.randomUUID() + "/messages", aliceToken)
                        .code())
                .isEqualTo("NOT_FOUND");

        // nothing sent is stored in plaintext
        List<byte[]> sealed = jdbc.sql("select m.content_sealed from chat_messages m join conversations c"
                        + " using (conversation_id) where c.collection = ?")
                .param(C)
                .query((rs, n) -> rs.getBytes(1))
                .list();
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(6);
        byte[] needle = "aubergine".getBytes(StandardCharsets.UTF_8);
        for (byte[] row : sealed) {
            assertThat(indexOf(row, needle)).as("plaintext at rest").isEqualTo(-1);
            assertThat(indexOf(row, "Stream this".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(-1);
        }

        // clear keeps the conversation, delete removes it
        Response cleared = api.delete("/v1/conversations/" + conversation + "/messages", aliceToken);
        assertThat(cleared.status()).as(cleared.raw().body()).isEqualTo(200);
        assertThat(cleared.body().get("deleted").asInt()).isEqualTo(6);
        assertThat(api.get("/v1/conversations/" + conversation + "/messages", aliceToken)
                        .body()
                        .get("messages"))
                .isEmpty();
        Response again = chat("1", "fresh start", conversation, aliceToken);
        assertThat(again.status()).as("a cleared conversation has room again").isEqualTo(200);

        // after a transfer the old owner is out, and the new owner does not see the old conversations
        Response moved = api.post("/v1/dev/nfts/" + C + "/1/transfer", Map.of("to", bob.address()), aliceToken);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(chat("1", "still mine?", conversation, aliceToken).code()).isEqualTo("NOT_OWNER");
        assertThat(api.get("/v1/conversations/" + conversation + "/messages", aliceToken)
                        .code())
                .isEqualTo("NOT_OWNER");
        assertThat(api.delete("/v1/conversations/" + conversation, aliceToken).code())
                .isEqualTo("NOT_OWNER");
        assertThat(api.get("/v1/conversations/" + conversation + "/messages", bobToken)
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(chat("1", "hi", conversation, bobToken).code()).isEqualTo("NOT_FOUND");
        Response bobList = api.get("/v1/agents/" + C + "/1/conversations", bobToken);
        assertThat(bobList.status()).isEqualTo(200);
        assertThat(bobList.body().get("conversations")).isEmpty();
        Response bobChat = chat("1", "hello, new owner here", null, bobToken);
        assertThat(bobChat.status()).as(bobChat.raw().body()).isEqualTo(200);
        String bobConversation = bobChat.text("conversation_id");
        Response deleted = api.delete("/v1/conversations/" + bobConversation, bobToken);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/v1/conversations/" + bobConversation + "/messages", bobToken)
                        .code())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void retentionPurgesOldMessagesAndIdleConversations() {
        DevWallet carol = DevWallet.generate(ChainFamily.EVM, null);
        String carolToken = api.ownerToken(carol, C, "2");
        String idle = chat("2", "an old conversation", null, carolToken).text("conversation_id");
        String active = chat("2", "an old message", null, carolToken).text("conversation_id");
        Instant old = Instant.now().minus(Duration.ofDays(31));
        jdbc.sql("update conversations set updated_at = ?, created_at = ? where conversation_id = ?")
                .params(Timestamp.from(old), Timestamp.from(old), UUID.fromString(idle))
                .update();
        jdbc.sql("update chat_messages set created_at = ? where conversation_id in (?, ?)")
                .params(Timestamp.from(old), UUID.fromString(idle), UUID.fromString(active))
                .update();
        assertThat(chat("2", "a new message", active, carolToken).status()).isEqualTo(200);

        Object retention = context.getBean("chatRetention");
        int purged = ReflectionTestUtils.invokeMethod(retention, "purge");
        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from conversations where conversation_id = ?", idle))
                .isZero();
        assertThat(count("select count(*) from chat_messages where conversation_id = ?", idle))
                .isZero();
        assertThat(count("select count(*) from chat_messages where conversation_id = ?", active))
                .as("only the new exchange stays")
                .isEqualTo(2);
        JsonNode messages = api.get("/v1/conversations/" + active + "/messages", carolToken)
                .body()
                .get("messages");
        assertThat(messages.findValuesAsString("role")).containsExactly("assistant", "user");
        assertThat(messages.get(1).get("content").asString()).isEqualTo("a new message");
        assertThat(api.get("/v1/conversations/" + active + "/messages", carolToken)
                        .body()
                        .get("message_count")
                        .asInt())
                .isEqualTo(2);

        Integer again = ReflectionTestUtils.invokeMethod(retention, "purge");
        assertThat(again).as("idempotent").isNotNull();
        assertThat(count("select count(*) from chat_messages where conversation_id = ?", active))
                .isEqualTo(2);
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheModelAndNothingIsStored() throws Exception {
        DevWallet dave = DevWallet.generate(ChainFamily.EVM, null);
        String daveToken = api.ownerToken(dave, C, "3");
        DrippingModel.CANCELLED.drainPermits();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/agents/" + C + "/3/chat"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + daveToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"talk forever [drip]\", \"stream\": true}"))
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder seen = new StringBuilder();
        try (InputStream in = response.body()) {
            while (!seen.toString().contains("event: token")) {
                int b = in.read();
                assertThat(b).as("stream ended early: " + seen).isNotEqualTo(-1);
                seen.append((char) b);
            }
        }
        assertThat(DrippingModel.CANCELLED.tryAcquire(10, TimeUnit.SECONDS))
                .as("the model stream is cancelled when the client leaves")
                .isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode conversations;
        do {
            conversations = api.get("/v1/agents/" + C + "/3/conversations", daveToken)
                    .body()
                    .get("conversations");
        } while (!conversations.isEmpty() && System.nanoTime() < deadline);
        assertThat(conversations).as("an abandoned exchange stores nothing").isEmpty();
    }

    @Test
    void aPausedAgentTakesNoMessagesUntilResumedAndRepliesCarryTheCallersLimits() throws Exception {
        DevWallet erin = DevWallet.generate(ChainFamily.EVM, null);
        String erinToken = api.ownerToken(erin, C, "4");
        Response first = chat("4", "hello", null, erinToken);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit-Requests"))
                .as("model-call limits travel with the reply")
                .isEqualTo("100000");
        assertThat(first.header("X-RateLimit-Remaining-Requests")).isNotNull();

        Response paused = api.post("/v1/agents/" + C + "/4/status", Map.of("status", "paused"), erinToken);
        assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
        Response refused = chat("4", "are you there?", first.text("conversation_id"), erinToken);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("CONFLICT");
        assertThat(refused.text("detail")).contains("paused").contains("/status");
        Sse refusedStream = stream("4", "are you there?", null, erinToken);
        assertThat(refusedStream.status()).isEqualTo(409);
        Response completion = api.post(
                "/v1/chat/completions",
                Map.of("model", C + "/4", "messages", List.of(Map.of("role", "user", "content", "hi"))),
                erinToken);
        assertThat(completion.status())
                .as("the OpenAI-compatible route refuses too")
                .isEqualTo(409);
        assertThat(api.get("/v1/agents/" + C + "/4/conversations", erinToken).status())
                .as("history stays readable while paused")
                .isEqualTo(200);
        assertThat(count("select count(*) from chat_messages where conversation_id = ?", first.text("conversation_id")))
                .as("a refused message stores nothing")
                .isEqualTo(2);

        api.post("/v1/agents/" + C + "/4/status", Map.of("status", "active"), erinToken);
        Response resumed = chat("4", "are you there?", first.text("conversation_id"), erinToken);
        assertThat(resumed.status()).as(resumed.raw().body()).isEqualTo(200);
    }

    long count(String sql, String conversationId) {
        return jdbc.sql(sql)
                .param(UUID.fromString(conversationId))
                .query(Long.class)
                .single();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

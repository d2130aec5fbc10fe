package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.WsClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat over the WebSocket at /v1/ws with a real client (java.net.http), on the dev chain with the
 * offline model: authentication by query and by first message, streamed replies that are stored,
 * a second connection following the conversation, errors as frames, and cancellation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DrippingModel.class)
class ChatWebSocketIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(15);
    /** A collection of this run's own: the database may hold earlier runs' tokens. */
    static final String C = "ws" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    /** A test's client on {@code /v1/ws{query}}. */
    static final class Ws extends WsClient {
        Ws() {
            super(WAIT);
        }

        static Ws open(int port, String query) throws Exception {
            return connect(new Ws(), port, "/v1/ws" + query);
        }
    }

    /** What a streamed reply brought: its frames in order, and the final message. */
    record Reply(List<JsonNode> frames, String streamed, JsonNode done) {}

    static Reply reply(Ws ws) throws InterruptedException {
        List<JsonNode> frames = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        while (true) {
            JsonNode frame = ws.next();
            frames.add(frame);
            JsonNode data = frame.get("data");
            if (frame.get("type").asString().equals("error")) {
                return new Reply(frames, streamed.toString(), frame);
            }
            if (frame.get("type").asString().equals("message") && data.has("delta")) {
                streamed.append(data.get("delta").asString());
            }
            if (data != null && data.path("done").asBoolean(false)) {
                return new Reply(frames, streamed.toString(), frame);
            }
        }
    }

    static Map<String, Object> message(String conversationId, String tokenId, String content, String requestId) {
        Map<String, Object> data = new HashMap<>();
        data.put("collection", C);
        data.put("nft_token_id", tokenId);
        data.put("content", content);
        Map<String, Object> frame = new HashMap<>();
        frame.put("type", "message");
        frame.put("conversation_id", conversationId);
        frame.put("data", data);
        if (requestId != null) {
            frame.put("request_id", requestId);
        }
        return frame;
    }

    String signIn(DevWallet wallet) {
        return api.accessToken(wallet);
    }

    void mint(String bearer, String tokenId) {
        api.mint(C, tokenId, bearer);
    }

    JsonNode conversations(String tokenId, String bearer) {
        Response list = api.get("/v1/agents/" + C + "/" + tokenId + "/conversations", bearer);
        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        return list.body().get("conversations");
    }

    @Test
    void aMessageStreamsItsReplyWhichIsStoredAndFollowedByTheOwnersOtherConnections() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        String token = signIn(alice);
        mint(token, "1");

        // authenticated by ?token=
        Ws first = Ws.open(port, "?token=" + token);
        JsonNode hello = first.next("authenticated");
        assertThat(hello.get("data").get("wallet_address").asString()).isEqualToIgnoringCase(alice.address());

        first.send(message(null, "1", "hello over the socket", "r1"));
        Reply reply = reply(first);
        List<JsonNode> frames = reply.frames();
        assertThat(frames.getFirst().get("type").asString()).isEqualTo("typing");
        assertThat(frames.getFirst().get("data").get("typing").asBoolean()).isTrue();
        List<JsonNode> deltas = frames.subList(1, frames.size() - 2);
        assertThat(deltas).isNotEmpty().allSatisfy(d -> {
            assertThat(d.get("type").asString()).isEqualTo("message");
            assertThat(d.get("data").get("role").asString()).isEqualTo("assistant");
            assertThat(d.get("data").get("done").asBoolean()).isFalse();
        });
        JsonNode typingOff = frames.get(frames.size() - 2);
        assertThat(typingOff.get("type").asString()).isEqualTo("typing");
        assertThat(typingOff.get("data").get("typing").asBoolean()).isFalse();
        JsonNode done = reply.done();
        assertThat(done.get("type").asString()).as(done.toString()).isEqualTo("message");
        String conversation = done.get("conversation_id").asString();
        assertThat(UUID.fromString(conversation)).isNotNull();
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.get("conversation_id").asString()).isEqualTo(conversation);
            assertThat(f.get("request_id").asString()).isEqualTo("r1");
        });
        assertThat(done.get("data").get("done").asBoolean()).isTrue();
        assertThat(done.get("data").get("tokens_used").asInt()).isPositive();
        assertThat(done.get("data").get("model").asString()).isNotBlank();
        assertThat(done.get("data").get("timestamp").asString()).isNotBlank();
        assertThat(done.get("data").get("limits").get("x-ratelimit-remaining-requests"))
                .as("the limits HTTP sends as headers: %s", done)
                .isNotNull();
        String content = done.get("data").get("content").asString();
        assertThat(content).isEqualTo(reply.streamed()).contains("hello over the socket");

        // stored, as HTTP shows
        Response history = api.get("/v1/conversations/" + conversation + "/messages", token);
        assertThat(history.status()).as(history.raw().body()).isEqualTo(200);
        JsonNode messages = history.body().get("messages");
        assertThat(messages.findValuesAsString("role")).containsExactly("assistant", "user");
        assertThat(messages.get(0).get("content").asString()).isEqualTo(content);
        assertThat(messages.get(1).get("content").asString()).isEqualTo("hello over the socket");

        // a second connection, authenticated by its first message, follows the conversation
        Ws second = Ws.open(port, "");
        second.send(Map.of("type", "auth", "data", Map.of("token", token), "request_id", "a1"));
        assertThat(second.next("authenticated").get("request_id").asString()).isEqualTo("a1");
        second.send(Map.of("type", "subscribe", "channel", "conversation:" + conversation.toUpperCase()));
        assertThat(second.next("subscribed").get("channel").asString()).isEqualTo("conversation:" + conversation);

        first.send(message(conversation, "1", "and a second one", "r2"));
        Reply mine = reply(first);
        assertThat(mine.frames().getFirst().get("type").asString())
                .as("the sender gets no echo of its own message")
                .isEqualTo("typing");
        JsonNode echo = second.next("message");
        assertThat(echo.get("conversation_id").asString()).isEqualTo(conversation);
        assertThat(echo.get("data").get("role").asString()).isEqualTo("user");
        assertThat(echo.get("data").get("content").asString()).isEqualTo("and a second one");
        Reply followed = reply(second);
        assertThat(followed.frames().getFirst().get("type").asString()).isEqualTo("typing");
        assertThat(followed.done().get("data").get("content").asString())
                .isEqualTo(mine.done().get("data").get("content").asString())
                .contains("and a second one");
        assertThat(followed.streamed()).isEqualTo(mine.streamed());

        second.send(Map.of("type", "ping", "request_id", "p1"));
        assertThat(second.next("pong").get("request_id").asString()).isEqualTo("p1");
        second.send(Map.of("type", "unsubscribe", "channel", "conversation:" + conversation));
        assertThat(second.next("unsubscribed").get("channel").asString()).isEqualTo("conversation:" + conversation);
        first.send(message(conversation, "1", "a third", null));
        reply(first);
        second.send(Map.of("type", "ping"));
        assertThat(second.next().get("type").asString())
                .as("nothing more after unsubscribing")
                .isEqualTo("pong");
        first.socket().sendClose(WebSocket.NORMAL_CLOSURE, "");
        second.socket().sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void aConnectionThatDoesNotAuthenticateFirstIsClosedWithPolicyViolation() throws Exception {
        Ws early = Ws.open(port, "");
        early.send(Map.of("type", "ping"));
        JsonNode error = early.next("error");
        assertThat(error.get("data").get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(error.get("data").get("status").asInt()).isEqualTo(401);
        assertThat(early.awaitClose()).isEqualTo(1008);

        Ws badToken = Ws.open(port, "?token=not-a-token");
        assertThat(badToken.next("error").get("data").get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(badToken.awaitClose()).isEqualTo(1008);

        Ws garbage = Ws.open(port, "");
        garbage.send("not json");
        assertThat(garbage.next("error").get("data").get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(garbage.awaitClose()).isEqualTo(1008);

        Ws silent = Ws.open(port, "");
        long start = System.nanoTime();
        assertThat(silent.next("error").get("data").get("message").asString()).contains("10 seconds");
        assertThat(silent.awaitClose()).isEqualTo(1008);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(8));
    }

    @Test
    void errorsComeAsFramesAndTheConnectionStaysUsable() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceToken = signIn(alice);
        String bobToken = signIn(bob);
        mint(aliceToken, "2");
        Ws aliceWs = Ws.open(port, "?token=" + aliceToken);
        aliceWs.next("authenticated");
        aliceWs.send(message(null, "2", "mine", null));
        String conversation = reply(aliceWs).done().get("conversation_id").asString();

        Ws bobWs = Ws.open(port, "?token=" + bobToken);
        bobWs.next("authenticated");
        bobWs.send(message(null, "2", "let me in", "b1"));
        JsonNode notOwner = bobWs.next("error");
        assertThat(notOwner.get("request_id").asString()).isEqualTo("b1");
        assertThat(notOwner.get("data").get("code").asString()).isEqualTo("NOT_OWNER");
        assertThat(notOwner.get("data").get("status").asInt()).isEqualTo(403);
        bobWs.send(Map.of("type", "subscribe", "channel", "conversation:" + conversation));
        assertThat(bobWs.next("error").get("data").get("code").asString())
                .as("someone else's conversation")
                .isEqualTo("NOT_FOUND");

        for (String bad : List.of(
                "not json",
                "{\"type\":\"dance\"}",
                "{\"type\":\"message\",\"data\":{}}",
                "{\"type\":\"subscribe\",\"channel\":\"deployment:1\"}",
                "{\"type\":\"subscribe\",\"channel\":\"conversation:nope\"}",
                "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}")) {
            bobWs.send(bad);
            JsonNode error = bobWs.next("error");
            assertThat(error.get("data").get("code").asString())
                    .as(bad.substring(0, Math.min(bad.length(), 60)))
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(error.get("data").get("status").asInt()).isEqualTo(400);
        }
        bobWs.send(Map.of("type", "ping", "request_id", "still-here"));
        assertThat(bobWs.next("pong").get("request_id").asString()).isEqualTo("still-here");

        aliceWs.send(message(conversation, "2", "x".repeat(4001), "long"));
        JsonNode tooLong = aliceWs.next("error");
        assertThat(tooLong.get("data").get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.get("data").get("message").asString()).contains("4000");
        assertThat(tooLong.get("conversation_id").asString()).isEqualTo(conversation);
        aliceWs.send(Map.of("type", "cancel", "conversation_id", conversation));
        assertThat(aliceWs.next("error").get("data").get("code").asString())
                .as("no reply running")
                .isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/conversations/" + conversation + "/messages", aliceToken)
                        .body()
                        .get("messages"))
                .as("only the first exchange is stored")
                .hasSize(2);
    }

    @Test
    void cancellingAReplyStopsTheModelAndStoresNothing() throws Exception {
        DevWallet carol = DevWallet.generate(ChainFamily.EVM, null);
        String token = signIn(carol);
        mint(token, "3");
        Ws ws = Ws.open(port, "?token=" + token);
        ws.next("authenticated");
        DrippingModel.CANCELLED.drainPermits();

        ws.send(message(null, "3", "talk forever [drip]", "d1"));
        assertThat(ws.next("typing").get("data").get("typing").asBoolean()).isTrue();
        String conversation = ws.next("message").get("conversation_id").asString();
        ws.send(Map.of("type", "cancel", "conversation_id", conversation));
        JsonNode frame;
        do {
            frame = ws.next();
        } while (frame.get("type").asString().equals("message"));
        assertThat(frame.get("type").asString()).isEqualTo("typing");
        assertThat(frame.get("data").get("typing").asBoolean()).isFalse();
        assertThat(DrippingModel.CANCELLED.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        assertThat(conversations("3", token))
                .as("a cancelled exchange stores nothing")
                .isEmpty();
        ws.send(Map.of("type", "ping"));
        assertThat(ws.next().get("type").asString())
                .as("no reply frames after cancel")
                .isEqualTo("pong");
    }

    @Test
    void closingTheConnectionMidStreamCancelsTheReply() throws Exception {
        DevWallet dave = DevWallet.generate(ChainFamily.EVM, null);
        String token = signIn(dave);
        mint(token, "4");
        Ws ws = Ws.open(port, "?token=" + token);
        ws.next("authenticated");
        DrippingModel.CANCELLED.drainPermits();

        ws.send(message(null, "4", "talk forever [drip]", null));
        ws.next("typing");
        assertThat(ws.next("message").get("data").get("delta").asString()).isEqualTo(" drip");
        ws.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        assertThat(DrippingModel.CANCELLED.tryAcquire(10, TimeUnit.SECONDS))
                .as("the model stream is cancelled when the connection closes")
                .isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode conversations;
        do {
            conversations = conversations("4", token);
        } while (!conversations.isEmpty() && System.nanoTime() < deadline);
        assertThat(conversations).as("an abandoned exchange stores nothing").isEmpty();
    }
}

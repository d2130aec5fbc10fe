package dev.panthera.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.PantheraNode;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.WsClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * WebSocket channels across two nodes on one PostgreSQL and one Redis: this test's context (node
 * 1, no job worker) and a second JVM (node 2, the only one running jobs). A tab on node 2 follows a
 * conversation whose replies stream on node 1; a socket on node 1 follows a deployment that node
 * 2's worker brings up. Every frame crosses between the nodes through Redis pub/sub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // a second context on the same Redis and database must not linger
class ChatWebSocketClusterIT extends RunningServerTest {

    static final String C = "wsc" + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * What both nodes share besides the database: the master key (a conversation sealed by one node
     * is read by the other, as in any cluster), the collection and Redis.
     */
    static final Map<String, String> SHARED = Map.of(
            "panthera.master-key",
            Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)),
            "panthera.collections[0].id",
            C,
            "panthera.collections[0].chain",
            "dev",
            "panthera.redis-url",
            TestEnvironment.redisUrl(),
            // no health sweep: its frames would be noise between the ones asserted
            "panthera.deploy.health-interval",
            "1h");

    static PantheraNode node2;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        SHARED.forEach((k, v) -> registry.add(k, () -> v));
        registry.add("panthera.jobs.enabled", () -> false);
    }

    @BeforeAll
    static void startNode2() throws Exception {
        Map<String, String> settings = new HashMap<>(SHARED);
        settings.put("panthera.jobs.enabled", "true");
        settings.put("panthera.jobs.poll-interval", "100ms");
        node2 = PantheraNode.startSecond(settings);
    }

    @AfterAll
    static void stopNode2() {
        if (node2 != null) {
            node2.close();
        }
    }

    /** Node 1's client is {@link #api}. */
    ApiClient api2;

    @BeforeEach
    void node2Up() throws Exception {
        node2.awaitUp(Duration.ofSeconds(120));
        api2 = new ApiClient(node2.port());
    }

    static final class Ws extends WsClient {
        Ws() {
            super(WAIT);
        }
    }

    /** A socket on {@code port} authenticated with {@code token}, following {@code channel}. */
    static Ws following(int port, String token, String channel) throws Exception {
        Ws ws = WsClient.connect(new Ws(), port, "/v1/ws?token=" + token);
        ws.next("authenticated");
        ws.send(Map.of("type", "subscribe", "channel", channel));
        assertThat(ws.next("subscribed").get("channel").asString()).isEqualTo(channel);
        return ws;
    }

    static Map<String, Object> message(String conversationId, String tokenId, String content) {
        Map<String, Object> frame = new HashMap<>();
        frame.put("type", "message");
        frame.put("conversation_id", conversationId);
        frame.put("data", Map.of("collection", C, "nft_token_id", tokenId, "content", content));
        return frame;
    }

    /** Frames up to and including the reply's last one (done: true). */
    static List<JsonNode> untilDone(Ws ws) throws InterruptedException {
        List<JsonNode> frames = new java.util.ArrayList<>();
        JsonNode frame;
        do {
            frame = ws.next();
            assertThat(frame.get("type").asString()).as(frame.toString()).isNotEqualTo("error");
            frames.add(frame);
        } while (!frame.path("data").path("done").asBoolean(false));
        return frames;
    }

    @Test
    void aTabOnAnotherNodeFollowsAConversationStreamedHere() throws Exception {
        DevWallet owner = DevWallet.generate(ChainFamily.EVM, null);
        // each node signs its own access tokens
        String token1 = api.accessToken(owner);
        String token2 = api2.accessToken(owner);
        api.mint(C, "1", token1);

        Ws sender = WsClient.connect(new Ws(), port, "/v1/ws?token=" + token1);
        sender.next("authenticated");
        sender.send(message(null, "1", "gm from node 1"));
        String conversation = untilDone(sender).getLast().get("conversation_id").asString();

        Ws tab = following(node2.port(), token2, "conversation:" + conversation);
        sender.send(message(conversation, "1", "and again"));
        List<JsonNode> mine = untilDone(sender);

        JsonNode echo = tab.next("message");
        assertThat(echo.get("data").get("role").asString()).isEqualTo("user");
        assertThat(echo.get("data").get("content").asString()).isEqualTo("and again");
        List<JsonNode> followed = untilDone(tab);
        assertThat(followed)
                .as("the same frames, in the same order, on the other node")
                .extracting(JsonNode::toString)
                .containsExactlyElementsOf(mine.stream().map(JsonNode::toString).toList());
        assertThat(followed.getLast().get("data").get("content").asString()).contains("and again");
    }

    @Test
    void aSocketHereFollowsADeploymentTheOtherNodeBringsUp() throws Exception {
        DevWallet owner = DevWallet.generate(ChainFamily.EVM, null);
        String token1 = api.accessToken(owner);
        api.mint(C, "2", token1);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into deployments (id, collection, nft_token_id, owner_address, status, provider, resources,"
                        + " created_at, updated_at, requested_by) values (?, ?, ?, ?, 'pending', 'local',"
                        + " '{\"cpu\":1,\"memory_gb\":2,\"gpu\":0,\"disk_gb\":5}'::jsonb, now(), now(), ?)")
                .params(
                        id,
                        C,
                        "2",
                        owner.address().toLowerCase(),
                        owner.address().toLowerCase())
                .update();
        Ws watcher = following(port, token1, "deployment:" + id);
        assertThat(watcher.next("status").get("data").get("status").asString()).isEqualTo("pending");

        // queued here, run by node 2's worker: node 1 runs no jobs
        ReflectionTestUtils.invokeMethod(context.getBean("deployQueue"), "now", "deploy.start", id);

        // exactly the frames a socket on node 2 gets (DeploymentWebSocketIT), in order
        List<String> frames = new java.util.ArrayList<>();
        JsonNode frame;
        do {
            frame = watcher.next();
            assertThat(frame.get("deployment_id").asString()).isEqualTo(id.toString());
            JsonNode data = frame.get("data");
            frames.add(frame.get("type").asString() + " "
                    + data.path("status").asString(data.path("step").asString("")));
        } while (!frame.get("type").asString().equals("ready"));
        assertThat(frames)
                .containsExactly(
                        "status deploying",
                        "progress deploying",
                        "status starting",
                        "progress starting",
                        "status running",
                        "ready ");
        String runBy = jdbc.sql("select locked_by from jobs where kind = 'deploy.start' and payload::text like ?")
                .param("%" + id + "%")
                .query(String.class)
                .single();
        assertThat(runBy.split(":")[1]).as("run by node 2").isEqualTo(Long.toString(node2.pid()));
    }
}

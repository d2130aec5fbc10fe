package dev.panthera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code local} deployment's life watched over the WebSocket with a real client (java.net.http)
 * and the real job queue: on its own URL {@code /v1/ws/deployments/{id}} and as the channel {@code
 * deployment:{id}} on {@code /v1/ws}, seed 000 {@code status}, {@code progress}, {@code ready} and
 * {@code error} frames in order, the current state at once for a late watcher, and refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its job worker must not outlive it and take other tests' jobs
class DeploymentWebSocketIT extends RunningServerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A collection of this run's own: the database may hold earlier runs' deployments. */
    static final String C = "dws" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        TestEnvironment.jobsOn(registry);
        // no health sweep during the test: its frames would be noise between the ones asserted
        registry.add("panthera.deploy.health-interval", () -> "1h");
    }

    /** A test's client, with what a deployment's frames should look like. */
    static final class Ws extends WsClient {
        Ws() {
            super(WAIT);
        }

        static Ws open(int port, String pathAndQuery) throws Exception {
            return connect(new Ws(), port, pathAndQuery);
        }

        /** The next frame, which must be a {@code status} moving to {@code status}. */
        JsonNode status(String id, String status) throws InterruptedException {
            JsonNode frame = next("status");
            assertThat(frame.get("deployment_id").asString()).isEqualTo(id);
            assertThat(frame.get("data").get("status").asString())
                    .as(frame.toString())
                    .isEqualTo(status);
            assertThat(Instant.parse(frame.get("data").get("timestamp").asString()))
                    .isNotNull();
            return frame;
        }

        /**
         * The next {@code status} frame moving to {@code status}, after any repeats of {@code
         * running} and its {@code ready}: a subscription that raced the move to running hears it
         * both as the change and as where the deployment stood (ordered by their timestamps).
         */
        JsonNode statusAfterRunning(String id, String status) throws InterruptedException {
            while (true) {
                JsonNode frame = next();
                String type = frame.get("type").asString();
                boolean repeat = type.equals("ready")
                        || (type.equals("status")
                                && frame.get("data").get("status").asString().equals("running"));
                if (!repeat) {
                    assertThat(type).as(frame.toString()).isEqualTo("status");
                    assertThat(frame.get("deployment_id").asString()).isEqualTo(id);
                    assertThat(frame.get("data").get("status").asString())
                            .as(frame.toString())
                            .isEqualTo(status);
                    return frame;
                }
            }
        }
    }

    /** Inserts a pending deployment with no job yet, so watchers can be there before it moves. */
    String pending(String tokenId, String owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into deployments (id, collection, nft_token_id, owner_address, status, provider, resources,"
                        + " created_at, updated_at, requested_by) values (?, ?, ?, ?, 'pending', 'local',"
                        + " '{\"cpu\":1,\"memory_gb\":2,\"gpu\":0,\"disk_gb\":5}'::jsonb, now(), now(), ?)")
                .params(id, C, tokenId, owner, owner)
                .update();
        return id.toString();
    }

    /** Queues its start job, as POST /v1/deployments does after recording it. */
    void start(String id) {
        ReflectionTestUtils.invokeMethod(context.getBean("deployQueue"), "now", "deploy.start", UUID.fromString(id));
    }

    static Map<String, Object> subscribe(String channel) {
        return Map.of("type", "subscribe", "channel", channel);
    }

    /** authenticated, subscribed to deployment:{id}, then the current state: pending. */
    static void watching(Ws ws, String id) throws InterruptedException {
        ws.next("authenticated");
        assertThat(ws.next("subscribed").get("channel").asString()).isEqualTo("deployment:" + id);
        JsonNode current = ws.status(id, "pending");
        assertThat(current.get("data").get("previous_status").isNull()).isTrue();
    }

    /** The frames of pending -> deploying -> starting -> running, exactly and in order; returns the endpoint. */
    static String comesUp(Ws ws, String id) throws InterruptedException {
        assertThat(ws.status(id, "deploying").get("data").get("previous_status").asString())
                .isEqualTo("pending");
        JsonNode deploying = ws.next("progress").get("data");
        assertThat(deploying.get("step").asString()).isEqualTo("deploying");
        assertThat(deploying.get("percent").asInt()).isEqualTo(33);
        ws.status(id, "starting");
        JsonNode starting = ws.next("progress").get("data");
        assertThat(starting.get("step").asString()).isEqualTo("starting");
        assertThat(starting.get("percent").asInt()).isEqualTo(66);
        String endpoint =
                ws.status(id, "running").get("data").get("endpoint_url").asString();
        JsonNode ready = ws.next("ready");
        assertThat(ready.get("deployment_id").asString()).isEqualTo(id);
        assertThat(ready.get("data").get("endpoint_url").asString()).isEqualTo(endpoint);
        return endpoint;
    }

    @Test
    void bothWaysOfWatchingSeeTheWholeLifeInOrder() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        String token = api.ownerToken(alice, C, "1");
        String id = pending("1", alice.address());

        // its own URL, token in the query; and the shared socket, token in the first message
        Ws own = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + token);
        watching(own, id);
        Ws shared = Ws.open(port, "/v1/ws");
        shared.send(Map.of("type", "auth", "data", Map.of("token", token)));
        shared.next("authenticated");
        shared.send(Map.of("type", "subscribe", "channel", "deployment:" + id.toUpperCase(), "request_id", "d1"));
        JsonNode subscribed = shared.next("subscribed");
        assertThat(subscribed.get("channel").asString()).isEqualTo("deployment:" + id);
        assertThat(subscribed.get("request_id").asString()).isEqualTo("d1");
        shared.status(id, "pending");

        start(id);
        String endpoint = comesUp(own, id);
        assertThat(comesUp(shared, id)).isEqualTo(endpoint);
        Response running = api.get("/v1/deployments/" + id, token);
        assertThat(running.text("status")).isEqualTo("running");
        assertThat(running.text("endpoint_url")).isEqualTo(endpoint);

        // stopped over HTTP: both hear stopping, then stopped
        assertThat(api.delete("/v1/deployments/" + id, token).status()).isEqualTo(202);
        for (Ws ws : List.of(own, shared)) {
            assertThat(ws.status(id, "stopping")
                            .get("data")
                            .get("previous_status")
                            .asString())
                    .isEqualTo("running");
            assertThat(ws.status(id, "stopped")
                            .get("data")
                            .get("previous_status")
                            .asString())
                    .isEqualTo("stopping");
        }

        // after unsubscribing, the shared socket hears nothing more of it; the socket stays open
        shared.send(Map.of("type", "unsubscribe", "channel", "deployment:" + id));
        assertThat(shared.next("unsubscribed").get("channel").asString()).isEqualTo("deployment:" + id);
        shared.send(Map.of("type", "ping"));
        shared.next("pong");
        own.close();
        shared.close();
    }

    @Test
    void aDeploymentMadeOverHttpIsFollowedToReadyAndALateWatcherHearsWhereItStands() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        String token = api.ownerToken(alice, C, "2");
        Response created =
                api.post("/v1/deployments", Map.of("collection", C, "nft_token_id", "2", "provider", "local"), token);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        String id = created.text("deployment_id");

        // opened at once: it may already have moved on, but what it hears runs forward to ready
        Ws early = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + token);
        early.next("authenticated");
        early.next("subscribed");
        List<JsonNode> seen = early.until("ready");
        List<String> order = List.of("pending", "deploying", "starting", "running");
        List<Integer> steps = seen.stream()
                .filter(f -> f.get("type").asString().equals("status"))
                .map(f -> order.indexOf(f.get("data").get("status").asString()))
                .toList();
        assertThat(steps).as(seen.toString()).isSorted().doesNotContain(-1).endsWith(3);
        assertThat(seen.getFirst().get("type").asString()).isEqualTo("status");
        String endpoint = seen.getLast().get("data").get("endpoint_url").asString();
        assertThat(endpoint).contains("/v1/runtime/panthera-agent-");

        // a watcher arriving now gets running and ready at once, without waiting for a change
        Ws late = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + token);
        late.next("authenticated");
        late.next("subscribed");
        JsonNode current = late.status(id, "running");
        assertThat(current.get("data").get("previous_status").isNull()).isTrue();
        assertThat(current.get("data").get("endpoint_url").asString()).isEqualTo(endpoint);
        assertThat(late.next("ready").get("data").get("endpoint_url").asString())
                .isEqualTo(endpoint);

        assertThat(api.delete("/v1/deployments/" + id, token).status()).isEqualTo(202);
        for (Ws ws : List.of(early, late)) {
            ws.statusAfterRunning(id, "stopping");
            ws.status(id, "stopped");
        }
        early.close();
        late.close();
    }

    @Test
    void aDeploymentThatFailsSaysWhyInAnErrorFrame() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        String token = api.accessToken(alice);
        // recorded for a token nobody minted: its start job cannot load the agent, and fails it
        String id = pending("404", alice.address());
        Ws ws = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + token);
        watching(ws, id);

        start(id);
        ws.status(id, "deploying");
        ws.next("progress");
        JsonNode failed = ws.status(id, "failed");
        JsonNode error = ws.next("error");
        assertThat(error.get("deployment_id").asString()).isEqualTo(id);
        assertThat(error.get("data").get("error_message").asString())
                .startsWith("The agent cannot be loaded")
                .isEqualTo(failed.get("data").get("error").asString());
        assertThat(error.get("data").get("previous_status").asString()).isEqualTo("deploying");
        assertThat(api.get("/v1/deployments/" + id, token).text("error"))
                .isEqualTo(error.get("data").get("error_message").asString());
        ws.close();
    }

    @Test
    void onlyTheOwnerMayWatchAndBadChannelsAreRefused() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceToken = api.ownerToken(alice, C, "3");
        String bobToken = api.accessToken(bob);
        String id = pending("3", alice.address());

        // another wallet: the same answer as GET /v1/deployments/{id} gives it, then close 1008
        assertThat(api.get("/v1/deployments/" + id, bobToken).code()).isEqualTo("NOT_FOUND");
        Ws bobs = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + bobToken);
        bobs.next("authenticated");
        JsonNode refused = bobs.next("error");
        assertThat(refused.get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(refused.get("data").get("status").asInt()).isEqualTo(404);
        assertThat(bobs.awaitClose()).isEqualTo(1008);

        // an unknown id, and a URL that names no channel
        Ws unknown = Ws.open(port, "/v1/ws/deployments/" + UUID.randomUUID() + "?token=" + aliceToken);
        unknown.next("authenticated");
        assertThat(unknown.next("error").get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.awaitClose()).isEqualTo(1008);
        Ws nowhere = Ws.open(port, "/v1/ws/planets/" + id + "?token=" + aliceToken);
        assertThat(nowhere.next("error").get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(nowhere.awaitClose()).isEqualTo(1008);
        Ws unauthenticated = Ws.open(port, "/v1/ws/deployments/" + id + "?token=forged");
        assertThat(unauthenticated.next("error").get("data").get("code").asString())
                .isEqualTo("UNAUTHORIZED");
        assertThat(unauthenticated.awaitClose()).isEqualTo(1008);

        // on the shared socket a refused subscription is an error frame and the socket stays
        Ws shared = Ws.open(port, "/v1/ws?token=" + bobToken);
        shared.next("authenticated");
        shared.send(subscribe("deployment:" + id));
        assertThat(shared.next("error").get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        shared.send(subscribe("deployment:" + UUID.randomUUID()));
        assertThat(shared.next("error").get("data").get("code").asString()).isEqualTo("NOT_FOUND");
        shared.send(subscribe("deployment:42"));
        assertThat(shared.next("error").get("data").get("code").asString()).isEqualTo("VALIDATION_FAILED");
        shared.send(Map.of("type", "ping"));
        shared.next("pong");

        // bob heard nothing of alice's deployment when it moved
        start(id);
        Ws alices = Ws.open(port, "/v1/ws/deployments/" + id + "?token=" + aliceToken);
        alices.next("authenticated");
        alices.next("subscribed");
        alices.until("ready");
        shared.send(Map.of("type", "ping"));
        assertThat(shared.next().get("type").asString()).isEqualTo("pong");
        assertThat(api.delete("/v1/deployments/" + id, aliceToken).status()).isEqualTo(202);
        alices.status(id, "stopping");
        alices.status(id, "stopped");
        shared.close();
        alices.close();
    }
}

package dev.panthera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * The whole life of a {@code local} deployment over HTTP on the dev chain with the real job queue:
 * deploy, come up, answer on its own endpoint, conflicts and ownership, resource limits, listing,
 * health checks, a restart after the agent vanished, stop, the audit trail, and the stop that
 * follows a transfer of the NFT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its job worker must not outlive it and take other tests' jobs
class DeploymentLifecycleIT extends RunningServerTest {

    /** A collection of this run's own: the database may hold earlier runs' deployments. */
    static final String C = "dep" + Long.toString(System.nanoTime() % 1_000_000, 36);

    static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        TestEnvironment.devCollection(registry, C);
        TestEnvironment.jobsOn(registry);
        registry.add("panthera.deploy.health-interval", () -> "500ms");
        registry.add("panthera.deploy.restart-backoff", () -> "200ms");
    }

    Response deploy(String tokenId, Map<String, Object> extra, String bearer) {
        var body = new java.util.HashMap<String, Object>(extra);
        body.put("nft_token_id", tokenId);
        body.put("collection", C);
        return api.post("/v1/deployments", body, bearer);
    }

    /** Polls the deployment until {@code done} holds; fails after {@link #WAIT}. */
    Response await(String id, String bearer, Predicate<Response> done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/v1/deployments/" + id, bearer);
            if (last.status() == 200 && done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Deployment " + id + " never became " + what + "; last: "
                + last.raw().body());
    }

    static Predicate<Response> status(String status) {
        return r -> status.equals(r.text("status"));
    }

    List<String[]> events(String id) {
        return jdbc.sql("select event_type, coalesce(old_status, ''), coalesce(new_status, '') from deployment_events"
                        + " where deployment_id = ?::uuid order by seq")
                .param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
    }

    String runtimePath(String endpointUrl) {
        return URI.create(endpointUrl).getPath();
    }

    @Test
    void aLocalDeploymentLivesAndDiesOverHttp() throws Exception {
        DevWallet alice = DevWallet.generate(ChainFamily.EVM, null);
        DevWallet bob = DevWallet.generate(ChainFamily.EVM, null);
        String aliceToken = api.ownerToken(alice, C, "1", "2");
        String bobToken = api.accessToken(bob);

        // accepted at once, pending, with the seed 000 DeploymentResponse fields
        Response created = deploy("1", Map.of(), aliceToken);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        String id = created.text("deployment_id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.text("status")).isIn("pending", "deploying", "starting", "running");
        assertThat(created.body().get("estimated_time").asLong()).isPositive();
        assertThat(Instant.parse(created.text("created_at"))).isNotNull();

        // the jobs bring it up
        Response running = await(id, aliceToken, status("running"), "running");
        assertThat(running.text("provider")).isEqualTo("local");
        String endpoint = running.text("endpoint_url");
        assertThat(endpoint).matches("http://localhost:8080/v1/runtime/panthera-agent-[0-9a-f]{12}");
        assertThat(running.body().get("uptime").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(running.body().get("error").isNull()).isTrue();
        JsonNode resources = running.body().get("resources");
        // an agent without metadata runs on the agent defaults (1 core, 2Gi, no GPU, 5Gi)
        assertThat(resources.get("cpu").asDouble()).isEqualTo(1.0);
        assertThat(resources.get("memory").asString()).isEqualTo("2Gi");
        assertThat(resources.get("gpu").asInt()).isZero();
        assertThat(resources.get("disk").asString()).isEqualTo("5Gi");

        // the health sweep probes it and records seed 000 AgentHealth
        Response probed = await(id, aliceToken, r -> r.body().hasNonNull("health"), "health-checked");
        JsonNode health = probed.body().get("health");
        assertThat(health.get("status").asString()).isEqualTo("healthy");
        assertThat(Instant.parse(health.get("last_check").asString())).isNotNull();
        assertThat(health.get("error_count").asInt()).isZero();
        assertThat(health.has("response_time")).isTrue();
        assertThat(jdbc.sql("select last_health_check is not null from deployments where id = ?::uuid")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // the agent answers on its own endpoint: health for anyone, chat for the owner
        String runtime = runtimePath(endpoint);
        Response runtimeHealth = api.get(runtime + "/health", null);
        assertThat(runtimeHealth.status()).as(runtimeHealth.raw().body()).isEqualTo(200);
        assertThat(runtimeHealth.text("status")).isEqualTo("healthy");
        assertThat(runtimeHealth.text("deployment_id")).isEqualTo(id);
        assertThat(runtimeHealth.body().get("requests").asLong()).isZero();
        Response answer = api.post(runtime + "/chat", Map.of("message", "hello runtime"), aliceToken);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.text("response")).contains("hello runtime");
        assertThat(api.post(runtime + "/chat", Map.of("message", "hi"), bobToken)
                        .code())
                .isEqualTo("NOT_OWNER");
        assertThat(api.post(runtime + "/chat", Map.of("message", "hi"), null).status())
                .isEqualTo(401);
        Response counted = api.get(runtime + "/health", null);
        assertThat(counted.body().get("requests").asLong()).isEqualTo(2);
        assertThat(counted.body().get("errors").asLong()).isEqualTo(1);

        // one active deployment per NFT
        Response second = deploy("1", Map.of(), aliceToken);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("CONFLICT");
        assertThat(second.raw().body()).contains(id);

        // others: not the owner, and cannot see it
        assertThat(deploy("1", Map.of(), bobToken).code()).isEqualTo("NOT_OWNER");
        assertThat(api.get("/v1/deployments/" + id, bobToken).code()).isEqualTo("NOT_FOUND");
        assertThat(api.delete("/v1/deployments/" + id, bobToken).code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/deployments", bobToken).body().get("deployments"))
                .isEmpty();

        // resources outside seed 000's limits, and unknown providers, say what is allowed
        Response tooBig = deploy("2", Map.of("resources", Map.of("cpu", "8")), aliceToken);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooBig.raw().body()).contains("resources.cpu must be between 0.5 and 4");
        Response tooSmall = deploy("2", Map.of("resources", Map.of("memory", "512Mi")), aliceToken);
        assertThat(tooSmall.raw().body()).contains("resources.memory must be between 1 and 8 GB");
        Response unknown = deploy("2", Map.of("provider", "mars"), aliceToken);
        assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.raw().body()).contains("mars").contains("local");

        // a second NFT with its own resources
        Response other = deploy(
                "2",
                Map.of(
                        "provider",
                        "local",
                        "resources",
                        Map.of("cpu", "1500m", "memory", "2Gi", "gpu", false, "disk", 5)),
                aliceToken);
        assertThat(other.status()).as(other.raw().body()).isEqualTo(202);
        String otherId = other.text("deployment_id");
        Response otherRunning = await(otherId, aliceToken, status("running"), "running");
        assertThat(otherRunning.body().get("resources").get("cpu").asDouble()).isEqualTo(1.5);
        assertThat(otherRunning.body().get("resources").get("memory").asString())
                .isEqualTo("2Gi");
        assertThat(otherRunning.body().get("resources").get("disk").asString()).isEqualTo("5Gi");

        // listing: the caller's, newest first, filtered
        JsonNode all =
                api.get("/v1/deployments?provider=local", aliceToken).body().get("deployments");
        assertThat(all.findValuesAsString("deployment_id")).containsExactly(otherId, id);
        assertThat(api.get("/v1/deployments?status=stopped", aliceToken).body().get("deployments"))
                .isEmpty();
        assertThat(api.get("/v1/deployments?provider=akash", aliceToken).body().get("deployments"))
                .isEmpty();
        assertThat(api.get("/v1/deployments?limit=1&offset=1", aliceToken)
                        .body()
                        .get("deployments")
                        .findValuesAsString("deployment_id"))
                .containsExactly(id);
        assertThat(api.get("/v1/deployments?status=exploded", aliceToken).code())
                .isEqualTo("VALIDATION_FAILED");

        // the agent vanishes (as after a restart of Panthera): the health path redeploys it
        Object localAgents = context.getBean("localAgents");
        String slug = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        assertThat((Boolean) ReflectionTestUtils.invokeMethod(localAgents, "stop", slug))
                .isTrue();
        Response restarted = await(
                id,
                aliceToken,
                r -> r.body().get("restart_count").asInt() == 1 && "running".equals(r.text("status")),
                "restarted");
        assertThat(restarted.text("endpoint_url")).isEqualTo(endpoint);
        assertThat(api.get(runtime + "/health", null).status()).isEqualTo(200);

        // stop: 202 while stopping, then stopped; the runtime is gone
        Response stopping = api.delete("/v1/deployments/" + id, aliceToken);
        assertThat(stopping.status()).as(stopping.raw().body()).isEqualTo(202);
        assertThat(stopping.text("status")).isIn("stopping", "stopped");
        await(id, aliceToken, status("stopped"), "stopped");
        assertThat(api.get(runtime + "/health", null).status()).isEqualTo(404);
        Response again = api.delete("/v1/deployments/" + id, aliceToken);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.text("status")).isEqualTo("stopped");
        assertThat(api.get("/v1/deployments?status=stopped", aliceToken)
                        .body()
                        .get("deployments")
                        .findValuesAsString("deployment_id"))
                .containsExactly(id);

        // the audit trail, in order
        assertThat(events(id))
                .extracting(e -> String.join(" ", e).strip())
                .containsExactly(
                        "created  pending",
                        "status_changed pending deploying",
                        "status_changed deploying starting",
                        "started starting running",
                        "health running unhealthy",
                        "status_changed unhealthy deploying",
                        "status_changed deploying starting",
                        "started starting running",
                        "status_changed running stopping",
                        "stopped stopping stopped");

        // with the first stopped, the NFT may be deployed again
        Response redeploy = deploy("1", Map.of(), aliceToken);
        assertThat(redeploy.status()).as(redeploy.raw().body()).isEqualTo(202);
        assertThat(redeploy.text("deployment_id")).isNotEqualTo(id);

        // a transfer stops the previous owner's deployment and says why
        Response moved = api.post("/v1/dev/nfts/" + C + "/2/transfer", Map.of("to", bob.address()), aliceToken);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        Response afterTransfer = await(otherId, aliceToken, status("stopped"), "stopped after the transfer");
        assertThat(afterTransfer.text("status")).isEqualTo("stopped");
        List<String[]> transferEvents = events(otherId);
        assertThat(transferEvents).anySatisfy(e -> assertThat(e).containsExactly("transferred", "running", "stopping"));
        assertThat(transferEvents.getLast()).containsExactly("stopped", "stopping", "stopped");
        String data = jdbc.sql("select event_data::text from deployment_events where deployment_id = ?::uuid"
                        + " and event_type = 'transferred'")
                .param(otherId)
                .query(String.class)
                .single();
        assertThat(data.toLowerCase())
                .contains(alice.address().toLowerCase())
                .contains(bob.address().toLowerCase());
    }

    /** Inserts a deployment as a node that died mid-way would have left it. */
    String leftBehind(String tokenId, String owner, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into deployments (id, collection, nft_token_id, owner_address, status, provider, resources,"
                        + " created_at, updated_at, requested_by) values (?, ?, ?, ?, ?, 'local',"
                        + " '{\"cpu\":1,\"memory_gb\":2,\"gpu\":0,\"disk_gb\":5}'::jsonb, now(), now(), ?)")
                .params(id, C, tokenId, owner, status, owner)
                .update();
        return id.toString();
    }

    @Test
    void deploymentsANodeLeftMidWayConvergeOnReconciliation() throws Exception {
        DevWallet carol = DevWallet.generate(ChainFamily.EVM, null);
        String carolToken = api.ownerToken(carol, C, "11", "12", "13");
        String pending = leftBehind("11", carol.address(), "pending");
        String deploying = leftBehind("12", carol.address(), "deploying");
        String stopping = leftBehind("13", carol.address(), "stopping");

        // what every node does when it starts: queue again the job of each unfinished deployment
        Object reconciler = context.getBean("deploymentReconciler");
        Integer queued = ReflectionTestUtils.invokeMethod(reconciler, "reconcile");
        assertThat(queued).isGreaterThanOrEqualTo(3);
        // a second node doing the same queues nothing twice (dedup keys) and changes no outcome
        ReflectionTestUtils.invokeMethod(reconciler, "reconcile");

        await(pending, carolToken, status("running"), "running");
        await(deploying, carolToken, status("running"), "running");
        await(stopping, carolToken, status("stopped"), "stopped");
        assertThat(events(deploying))
                .extracting(e -> e[0] + " " + e[1] + " " + e[2])
                .containsExactly("status_changed deploying starting", "started starting running");
        assertThat(events(stopping))
                .extracting(e -> e[0] + " " + e[1] + " " + e[2])
                .containsExactly("stopped stopping stopped");
    }
}

package dev.panthera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.PantheraNode;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Two Panthera nodes on one PostgreSQL and one Redis: this test's context (node 1) and a second JVM
 * (node 2). A burst of 200 {@code local} deployments, requested concurrently through both nodes'
 * APIs, all come up with each start job run exactly once, both nodes doing part of the work, and
 * health checks from either node finding every agent (no flapping).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its job worker must not outlive it and take other tests' jobs
class DeploymentClusterIT extends RunningServerTest {

    static final String C = "clu" + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final int BURST = 200;

    /** What both nodes run with besides the database: the same collection, Redis and job settings. */
    static final Map<String, String> SHARED = Map.of(
            "panthera.collections[0].id", C,
            "panthera.collections[0].chain", "dev",
            "panthera.redis-url", TestEnvironment.redisUrl(),
            "panthera.jobs.enabled", "true",
            "panthera.jobs.poll-interval", "100ms",
            "panthera.deploy.health-interval", "1s",
            "panthera.database-pool-size", "8");

    static PantheraNode node2;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        SHARED.forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Node 2 boots while Spring builds node 1: the two startups overlap. */
    @BeforeAll
    static void startNode2() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(SHARED);
        settings.put("panthera.rate-limits.sign-in", "100000");
        settings.put("panthera.rate-limits.authenticated", "100000");
        node2 = PantheraNode.startSecond(settings);
    }

    @AfterAll
    static void killNode2() {
        if (node2 != null) {
            node2.close();
        }
    }

    @Test
    void twoNodesBringUpABurstOf200DeploymentsEachStartedOnce() throws Exception {
        node2.awaitUp(Duration.ofSeconds(120));
        List<ApiClient> nodes = List.of(new ApiClient(port), new ApiClient(node2.port()));
        DevWallet owner = DevWallet.generate(ChainFamily.EVM, null);
        // each node signs its own access token (their JWT keys are their own)
        List<String> tokens = nodes.stream().map(api -> api.accessToken(owner)).toList();

        // minted through one node, deployed through the other: the dev chain is shared
        run(BURST, i -> {
            nodes.get(i % 2).mint(C, Integer.toString(i + 1), tokens.get(i % 2));
            return null;
        });
        for (int n = 0; n < 2; n++) {
            Response owned = nodes.get(n).get("/v1/nfts/owned", tokens.get(n));
            assertThat(owned.body().get("nfts").findValuesAsString("collection").stream()
                            .filter(C::equals)
                            .count())
                    .as("node %d sees every minted NFT", n + 1)
                    .isEqualTo(BURST);
        }

        List<Response> accepted = run(
                BURST,
                i -> nodes.get((i + 1) % 2)
                        .post(
                                "/v1/deployments",
                                Map.of("collection", C, "nft_token_id", Integer.toString(i + 1)),
                                tokens.get((i + 1) % 2)));
        assertThat(accepted)
                .allSatisfy(r -> assertThat(r.status()).as(r.raw().body()).isEqualTo(202));

        await(Duration.ofSeconds(60), "all deployments running", () -> {
            assertThat(events("new_status in ('unhealthy', 'failed')"))
                    .as("no agent reported gone by the other node")
                    .isZero();
            return count("status = 'running'") == BURST;
        });
        // every agent probed at least once, by both nodes between them
        await(Duration.ofSeconds(30), "every deployment health-checked", () -> count("health is not null") == BURST);
        await(Duration.ofSeconds(30), "health jobs on both nodes", () -> nodesThatRan("deploy.health") == 2);

        long node1 = ProcessHandle.current().pid();
        assertThat(jobs("deploy.start", "state = 'done' and attempts = 1"))
                .as("one start job per deployment, done at its first attempt")
                .isEqualTo(BURST);
        assertThat(jobs("deploy.start", "true")).isEqualTo(BURST);
        assertThat(jobs("deploy.start", "split_part(locked_by, ':', 2) = '" + node1 + "'"))
                .as("node 1 started some")
                .isPositive();
        assertThat(jobs("deploy.start", "split_part(locked_by, ':', 2) = '" + node2.pid() + "'"))
                .as("node 2 started some")
                .isPositive();
        assertThat(crossNodeHealthChecks())
                .as("agents checked by the node that did not start them")
                .isPositive();
        assertThat(events("event_type = 'started'"))
                .as("each deployment went starting -> running once")
                .isEqualTo(BURST);
        assertThat(jdbc.sql("select count(*) from (select e.deployment_id from deployment_events e join deployments d"
                                + " on d.id = e.deployment_id where d.collection = ? and e.event_type = 'started'"
                                + " group by e.deployment_id having count(*) > 1) twice")
                        .param(C)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(events("new_status in ('unhealthy', 'failed')"))
                .as("no agent reported gone by the other node")
                .isZero();
        // and either node serves any agent's endpoint
        List<String> slugs = jdbc.sql("select deployment_id from deployments where collection = ?")
                .param(C)
                .query(String.class)
                .list();
        for (String slug : slugs.subList(0, 10)) {
            for (ApiClient api : nodes) {
                assertThat(api.get("/v1/runtime/" + slug + "/health", null).status())
                        .isEqualTo(200);
            }
        }

        // node 2 leaves cleanly: what it held is finished or handed back, nothing stays claimed by it
        node2.stop(Duration.ofSeconds(30));
        assertThat(jdbc.sql("select count(*) from jobs where state = 'running' and split_part(locked_by, ':', 2) = ?")
                        .param(Long.toString(node2.pid()))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jobs("deploy.start", "state <> 'done'") + jobs("deploy.poll", "state <> 'done'"))
                .as("no start or poll job left claimed or queued")
                .isZero();

        // keep later runs' health sweeps, and Redis, free of this burst
        jdbc.sql("update deployments set status = 'stopped' where collection = ?")
                .param(C)
                .update();
        Object agents = context.getBean("localAgents");
        slugs.forEach(slug -> ReflectionTestUtils.invokeMethod(agents, "stop", slug));
    }

    long count(String where) {
        return jdbc.sql("select count(*) from deployments where collection = ? and " + where)
                .param(C)
                .query(Long.class)
                .single();
    }

    /** This burst's jobs of a kind matching {@code where}. */
    long jobs(String kind, String where) {
        return jdbc.sql("select count(*) from jobs j join deployments d on j.payload = d.id::text"
                        + " where d.collection = ? and j.kind = ? and " + where)
                .params(C, kind)
                .query(Long.class)
                .single();
    }

    long nodesThatRan(String kind) {
        return jdbc.sql("select count(distinct split_part(j.locked_by, ':', 2)) from jobs j join deployments d"
                        + " on j.payload = d.id::text where d.collection = ? and j.kind = ? and j.state = 'done'")
                .params(C, kind)
                .query(Long.class)
                .single();
    }

    long crossNodeHealthChecks() {
        return jdbc.sql(
                        "select count(distinct d.id) from deployments d"
                                + " join jobs s on s.payload = d.id::text and s.kind = 'deploy.start'"
                                + " join jobs h on h.payload = d.id::text and h.kind = 'deploy.health' and h.state = 'done'"
                                + " where d.collection = ? and split_part(s.locked_by, ':', 2) <> split_part(h.locked_by, ':', 2)")
                .param(C)
                .query(Long.class)
                .single();
    }

    long events(String where) {
        return jdbc.sql("select count(*) from deployment_events e join deployments d on d.id = e.deployment_id"
                        + " where d.collection = ? and " + where)
                .param(C)
                .query(Long.class)
                .single();
    }

    /** Runs {@code n} calls at once (one virtual thread each) and returns their results in order. */
    static <T> List<T> run(int n, IndexedCall<T> call) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(executor.submit((Callable<T>) () -> call.call(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}

package dev.panthera.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import dev.panthera.shared.JobQueue.Outcome;
import dev.panthera.support.TestProperties;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one database: worker instances with their own node ids, wired by hand on the
 * test context's pool, and a second JVM killed with SIGKILL while it holds a job.
 */
class JobClusterIT extends HandWiredNodesTest {

    static final String RUN = "cl" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + ".";

    static JobHandler handler(String kind, java.util.function.Function<JobQueue.Job, Outcome> body) {
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Outcome run(JobQueue.Job job) {
                return body.apply(job);
            }
        };
    }

    static dev.panthera.shared.PantheraProperties.Jobs config(String lease) {
        return TestProperties.of(Map.of(
                        "panthera.jobs.lease",
                        lease,
                        "panthera.jobs.poll-interval",
                        "50ms",
                        "panthera.jobs.workers",
                        8))
                .jobs();
    }

    @Test
    void aBurstIsDoneExactlyOnceAcrossTwoNodes() throws Exception {
        String kind = RUN + "burst";
        Map<UUID, AtomicInteger> runsPerJob = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runsPerNode = new ConcurrentHashMap<>();
        List<JobWorker> nodes = new ArrayList<>();
        for (String name : List.of("node-a-" + RUN, "node-b-" + RUN)) {
            JobHandler counting = handler(kind, job -> {
                runsPerJob.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                runsPerNode.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                sleep(Duration.ofMillis(5));
                return Outcome.done();
            });
            nodes.add(JobsConfig.worker(store, List.of(counting), config("30s"), name, Duration.ofSeconds(1)));
        }
        nodes.forEach(JobWorker::start);
        try {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ids.add(store.insert(kind, "{\"i\":" + i + "}", null, null, 5).orElseThrow());
                if (i % 20 == 0) {
                    nodes.forEach(JobWorker::wake);
                }
            }

            Eventually.await(Duration.ofSeconds(60), "200 jobs done", () -> count(kind, "done") == 200);

            assertThat(runsPerJob.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(runsPerJob.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(runsPerNode.values())
                    .extracting(AtomicInteger::get)
                    .allSatisfy(n -> assertThat(n).isPositive());
            assertThat(runsPerNode).hasSize(2);
            assertThat(jdbc.sql("select count(*) from jobs where kind = ? and attempts <> 1")
                            .param(kind)
                            .query(Integer.class)
                            .single())
                    .isZero();
        } finally {
            nodes.forEach(JobWorker::stop);
        }
    }

    @Test
    void aNodeKilledMidJobHasItsJobTakenOverAfterTheLease() throws Exception {
        String kind = RUN + "orphan";
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        String java = ProcessHandle.current().info().command().orElseThrow();
        var builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HangingNode.class.getName(),
                        pool.getJdbcUrl(),
                        kind,
                        "3000")
                .redirectErrorStream(true);
        builder.environment().put("HANGING_NODE_DB_USER", pool.getUsername() == null ? "" : pool.getUsername());
        builder.environment().put("HANGING_NODE_DB_PASSWORD", pool.getPassword() == null ? "" : pool.getPassword());
        Process child = builder.start();
        String[] claimed;
        try {
            claimed = claimedLine(child).split(" ");
        } catch (Exception | AssertionError e) {
            child.destroyForcibly();
            throw e;
        }
        UUID id = UUID.fromString(claimed[1]);
        String deadNode = claimed[2];
        assertThat(state(id)).isEqualTo("running");
        assertThat(lockedBy(id)).isEqualTo(deadNode);

        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Map<UUID, Integer> attemptSeen = new ConcurrentHashMap<>();
        String survivor = "survivor-" + RUN;
        JobWorker worker = JobsConfig.worker(
                store,
                List.of(handler(kind, job -> {
                    attemptSeen.merge(job.id(), job.attempt(), (a, b) -> -1);
                    return Outcome.done();
                })),
                config("30s"),
                survivor,
                Duration.ofSeconds(1));
        worker.start();
        try {
            Eventually.await(Duration.ofSeconds(20), "the orphaned job done", () -> "done".equals(state(id)));
        } finally {
            worker.stop();
        }
        assertThat(attemptSeen).containsExactly(Map.entry(id, 2));
        assertThat(lockedBy(id)).isEqualTo(survivor);
    }

    @Test
    void aStoppingNodeFinishesShortJobsAndHandsBackTheRest() throws Exception {
        String quick = RUN + "quick";
        String stuck = RUN + "stuck";
        var started = new java.util.concurrent.CountDownLatch(2);
        JobWorker leaving = JobsConfig.worker(
                store,
                List.of(
                        handler(quick, job -> {
                            started.countDown();
                            sleep(Duration.ofMillis(300));
                            return Outcome.done();
                        }),
                        handler(stuck, job -> {
                            started.countDown();
                            sleep(Duration.ofMinutes(5));
                            return Outcome.done();
                        })),
                config("30s"),
                "leaving-" + RUN,
                Duration.ofSeconds(2));
        leaving.start();
        UUID quickId = store.insert(quick, "", null, null, 5).orElseThrow();
        UUID stuckId = store.insert(stuck, "", null, null, 5).orElseThrow();
        leaving.wake();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        leaving.stop();

        assertThat(state(quickId))
                .as("a job that ends within the drain time finishes")
                .isEqualTo("done");
        assertThat(state(stuckId)).as("a job still running is handed back").isEqualTo("queued");
        assertThat(lockedBy(stuckId)).isEqualTo("(none)");
        assertThat(leaving.isRunning()).isFalse();

        // handed back due at once: the next node takes it without waiting out the 30 s lease
        var seen = new AtomicInteger();
        JobWorker next = JobsConfig.worker(
                store,
                List.of(handler(stuck, job -> {
                    seen.set(job.attempt());
                    return Outcome.done();
                })),
                config("30s"),
                "next-" + RUN,
                Duration.ofSeconds(1));
        next.start();
        try {
            Eventually.await(Duration.ofSeconds(10), "the handed-back job done", () -> "done".equals(state(stuckId)));
        } finally {
            next.stop();
        }
        assertThat(seen.get()).isEqualTo(2);
    }

    @Test
    void aDisabledNodeClaimsNothing() throws Exception {
        String kind = RUN + "idle";
        var ran = new AtomicInteger();
        var disabled = TestProperties.of(Map.of("panthera.jobs.enabled", false, "panthera.jobs.poll-interval", "20ms"))
                .jobs();
        JobWorker idle = JobsConfig.worker(
                store,
                List.of(handler(kind, job -> {
                    ran.incrementAndGet();
                    return Outcome.done();
                })),
                disabled,
                "idle-" + RUN,
                Duration.ofSeconds(1));
        idle.start();
        UUID id = store.insert(kind, "", null, null, 5).orElseThrow();
        idle.wake();
        // 50 poll intervals: an enabled node would have run it long before
        Thread.sleep(1000);
        idle.stop();

        assertThat(idle.isRunning()).isFalse();
        assertThat(ran.get()).isZero();
        assertThat(state(id)).isEqualTo("queued");
        jdbc.sql("delete from jobs where id = ?").param(id).update();
    }

    /** The child's {@code CLAIMED <id> <node>} line, read without blocking the test forever. */
    static String claimedLine(Process child) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        StringBuilder seen = new StringBuilder();
                        for (String line; (line = reader.readLine()) != null; ) {
                            if (line.startsWith("CLAIMED ")) {
                                return line;
                            }
                            seen.append(line).append('\n');
                        }
                        throw new AssertionError("the hanging node exited without claiming:\n" + seen);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .get(60, TimeUnit.SECONDS);
    }

    int count(String kind, String state) {
        return jdbc.sql("select count(*) from jobs where kind = ? and state = ?")
                .params(kind, state)
                .query(Integer.class)
                .single();
    }

    String lockedBy(UUID id) {
        return jdbc.sql("select coalesce(locked_by, '(none)') from jobs where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

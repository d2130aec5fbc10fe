package dev.panthera.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue;
import dev.panthera.shared.JobQueue.JobView;
import dev.panthera.shared.JobQueue.Outcome;
import dev.panthera.support.TestEnvironment;
import dev.panthera.support.TestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The queue on one node against real PostgreSQL: each outcome, backoff, dedup keys, unknown kinds,
 * taking over a dead node's job, and lease renewal keeping a long job from running twice. Kinds are
 * unique per run: the database keeps earlier runs' jobs.
 */
@SpringBootTest
@DirtiesContext // its worker must not linger in the context cache and take other tests' jobs
class JobQueueIT {

    static final String RUN = "it" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + ".";
    static final String DONE = RUN + "done";
    static final String POLL = RUN + "poll";
    static final String BOOM = RUN + "boom";
    static final String FAIL = RUN + "fail";
    static final String SLOW = RUN + "slow";
    static final Duration LEASE = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Every run of every job: job id -> the attempt numbers and start times the handler saw. */
    static final Map<UUID, List<Run>> runs = new ConcurrentHashMap<>();

    record Run(int attempt, Instant at) {}

    static void record(JobQueue.Job job) {
        runs.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(new Run(job.attempt(), Instant.now()));
    }

    static JobHandler handler(String kind, Outcomer outcomer) {
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Outcome run(JobQueue.Job job) throws Exception {
                record(job);
                return outcomer.run(job);
            }
        };
    }

    interface Outcomer {
        Outcome run(JobQueue.Job job) throws Exception;
    }

    @TestConfiguration
    static class Handlers {
        @Bean
        JobHandler doneHandler() {
            return handler(DONE, job -> Outcome.done());
        }

        /** Polls four times, more than max-attempts (3): polls are not failures. */
        @Bean
        JobHandler pollHandler() {
            return handler(
                    POLL,
                    job -> job.attempt() < 5
                            ? Outcome.retryAt(Instant.now().plusMillis(100), "not yet")
                            : Outcome.done());
        }

        @Bean
        JobHandler boomHandler() {
            return handler(BOOM, job -> {
                throw new IllegalStateException("boom on attempt " + job.attempt());
            });
        }

        @Bean
        JobHandler failHandler() {
            return handler(FAIL, job -> Outcome.failed("provider said no"));
        }

        /** Runs three leases long. */
        @Bean
        JobHandler slowHandler() {
            return handler(SLOW, job -> {
                Thread.sleep(LEASE.multipliedBy(3));
                return Outcome.done();
            });
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        registry.add("panthera.jobs.enabled", () -> true);
        registry.add("panthera.jobs.lease", () -> LEASE.toMillis() + "ms");
        registry.add("panthera.jobs.poll-interval", () -> "100ms");
        registry.add("panthera.jobs.max-attempts", () -> 3);
    }

    @Autowired
    JobQueue queue;

    @Autowired
    JobStore store;

    @Autowired
    JobWorker worker;

    @Autowired
    JdbcClient jdbc;

    JobView awaitFinished(UUID id) {
        Eventually.await(
                WAIT,
                "job " + id + " to finish",
                () -> Set.of("done", "failed")
                        .contains(queue.find(id).orElseThrow().state()));
        return queue.find(id).orElseThrow();
    }

    @Test
    void aJobRunsOnceAndIsDone() {
        UUID id = queue.enqueue(DONE, "{\"n\":1}", Instant.now(), null).orElseThrow();

        JobView view = awaitFinished(id);

        assertThat(view.state()).isEqualTo("done");
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.finishedAt()).isNotNull();
        assertThat(runs.get(id)).extracting(Run::attempt).containsExactly(1);
        assertThat(lockedBy(id)).isEqualTo(worker.node());
    }

    @Test
    void aJobDueLaterWaitsUntilThen() {
        UUID id = queue.enqueue(DONE, "", Instant.now().plusSeconds(1), null).orElseThrow();

        assertThat(queue.find(id).orElseThrow().state()).isEqualTo("queued");
        awaitFinished(id);
        assertThat(runs.get(id).getFirst().at())
                .isAfter(queue.find(id).orElseThrow().runAt().minusMillis(200));
    }

    @Test
    void retryAtRunsAgainAndDoesNotCountAsAFailure() {
        UUID id = queue.enqueue(POLL, "", Instant.now(), null).orElseThrow();

        JobView view = awaitFinished(id);

        // five runs with max-attempts 3: four polls, then done
        assertThat(view.state()).isEqualTo("done");
        assertThat(view.attempts()).isEqualTo(5);
        assertThat(runs.get(id)).extracting(Run::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(view.lastError()).as("a done job keeps no error").isNull();
    }

    @Test
    void anExceptionIsRetriedWithBackoffThenFailed() {
        UUID id = queue.enqueue(BOOM, "secret-looking-payload", Instant.now(), null)
                .orElseThrow();

        JobView view = awaitFinished(id);

        assertThat(view.state()).isEqualTo("failed");
        assertThat(view.attempts()).isEqualTo(3);
        assertThat(view.lastError()).isEqualTo("java.lang.IllegalStateException: boom on attempt 3");
        assertThat(view.lastError()).doesNotContain("secret-looking-payload");
        List<Run> seen = runs.get(id);
        assertThat(seen).extracting(Run::attempt).containsExactly(1, 2, 3);
        // 1 s after the first failure, 2 s after the second (the DB clock schedules; allow clock jitter)
        assertThat(Duration.between(seen.get(0).at(), seen.get(1).at())).isGreaterThan(Duration.ofMillis(900));
        assertThat(Duration.between(seen.get(1).at(), seen.get(2).at())).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void aFailedOutcomeFailsAtOnceWithTheReason() {
        UUID id = queue.enqueue(FAIL, "", Instant.now(), null).orElseThrow();

        JobView view = awaitFinished(id);

        assertThat(view.state()).isEqualTo("failed");
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.lastError()).isEqualTo("provider said no");
    }

    @Test
    void anUnknownKindIsRefusedAtEnqueueAndFailedIfClaimed() {
        String unknown = RUN + "nobody";
        assertThatThrownBy(() -> queue.enqueue(unknown, "", Instant.now(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unknown);

        // a row of a kind this node has no handler for (written by a newer node, say) is not claimed
        // by the worker; a runner that does get one fails it with a clear reason
        UUID id = store.insert(unknown, "", Instant.now(), null, 3).orElseThrow();
        List<ClaimedJob> claimed = store.claim("test-node", LEASE, Set.of(unknown), 5);
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(id);
        new JobRunner(store, JobHandlers.of(List.of()), "test-node").run(claimed.getFirst());

        JobView view = queue.find(id).orElseThrow();
        assertThat(view.state()).isEqualTo("failed");
        assertThat(view.lastError()).isEqualTo("no JobHandler for kind '" + unknown + "' on node test-node");
    }

    @Test
    void aDedupKeyAdmitsOneLiveJob() {
        String key = RUN + "dedup-" + UUID.randomUUID();
        UUID first = queue.enqueue(DONE, "", Instant.now().plusSeconds(1), key).orElseThrow();

        assertThat(queue.enqueue(DONE, "", Instant.now(), key)).isEmpty();

        awaitFinished(first);
        UUID second = queue.enqueue(DONE, "", Instant.now(), key).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(awaitFinished(second).state()).isEqualTo("done");
    }

    @Test
    void aJobWhoseNodeDiedIsTakenOverOnceItsLeaseRunsOut() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into jobs (id, kind, payload, state, run_at, attempts, max_attempts, locked_by, locked_until)"
                        + " values (?, ?, '', 'running', now(), 1, 3, 'dead-node', now() - interval '1 second')")
                .params(id, DONE)
                .update();

        JobView view = awaitFinished(id);

        assertThat(view.state()).isEqualTo("done");
        assertThat(view.attempts()).isEqualTo(2);
        assertThat(runs.get(id)).extracting(Run::attempt).containsExactly(2);
        assertThat(lockedBy(id)).isEqualTo(worker.node());
        assertThat(errors(id)).as("the lost lease counts as a failure in a row").isEqualTo(1);
    }

    @Test
    void aLiveLeaseIsNotTakenOver() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into jobs (id, kind, payload, state, run_at, attempts, max_attempts, locked_by, locked_until)"
                        + " values (?, ?, '', 'running', now(), 1, 3, 'busy-node', now() + interval '1 hour')")
                .params(id, DONE)
                .update();

        assertThat(store.claim("other-node", LEASE, Set.of(DONE), 100))
                .extracting(ClaimedJob::id)
                .doesNotContain(id);
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo("running");
        assertThat(lockedBy(id)).isEqualTo("busy-node");
        jdbc.sql("delete from jobs where id = ?").param(id).update();
    }

    @Test
    void leaseRenewalKeepsALongJobFromRunningTwice() throws Exception {
        // a second node on the same database that also does SLOW jobs and polls eagerly
        var config = TestProperties.of(
                        Map.of("panthera.jobs.lease", LEASE.toMillis() + "ms", "panthera.jobs.poll-interval", "50ms"))
                .jobs();
        JobWorker other = JobsConfig.worker(
                store, List.of(new Handlers().slowHandler()), config, "other-" + RUN, Duration.ofSeconds(1));
        other.start();
        try {
            UUID id = queue.enqueue(SLOW, "", Instant.now(), null).orElseThrow();
            Eventually.await(WAIT, "the slow job to start", () -> runs.containsKey(id));
            Thread.sleep(LEASE.plusSeconds(1).toMillis());
            assertThat(lockedUntilIsAhead(id))
                    .as("the lease was renewed past its first term")
                    .isTrue();

            JobView view = awaitFinished(id);

            assertThat(view.state()).isEqualTo("done");
            assertThat(view.attempts()).isEqualTo(1);
            assertThat(runs.get(id)).hasSize(1);
        } finally {
            other.stop();
        }
    }

    @Test
    void retentionDeletesOnlyOldFinishedJobs() {
        UUID old = UUID.randomUUID();
        UUID recent = queue.enqueue(DONE, "", Instant.now(), null).orElseThrow();
        awaitFinished(recent);
        jdbc.sql("insert into jobs (id, kind, payload, state, run_at, max_attempts, finished_at)"
                        + " values (?, ?, '', 'done', now(), 3, now() - interval '8 days')")
                .params(old, DONE)
                .update();
        UUID parked = store.insert(RUN + "parked", "", Instant.now().plusSeconds(3600), null, 3)
                .orElseThrow();
        jdbc.sql("update jobs set created_at = now() - interval '30 days' where id = ?")
                .param(parked)
                .update();

        int deleted = new JobRetention(store, Duration.ofDays(7)).purge();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(queue.find(old)).isEmpty();
        assertThat(queue.find(recent)).isPresent();
        assertThat(queue.find(parked)).as("unfinished jobs are never purged").isPresent();
        jdbc.sql("delete from jobs where id = ?").param(parked).update();
    }

    String lockedBy(UUID id) {
        return jdbc.sql("select coalesce(locked_by, '(none)') from jobs where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    int errors(UUID id) {
        return jdbc.sql("select errors from jobs where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    boolean lockedUntilIsAhead(UUID id) {
        return jdbc.sql("select locked_until > now() + interval '200 milliseconds' from jobs where id = ?")
                .param(id)
                .query(Boolean.class)
                .single();
    }
}

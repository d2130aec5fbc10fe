package dev.panthera.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.JobHandler;
import dev.panthera.shared.JobQueue.Outcome;
import dev.panthera.support.TestProperties;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A job enqueued on another node while this one is idle runs at once, not at the next poll: the
 * worker here polls every 30 s and only a NOTIFY can wake it within the test's bound. Also after
 * its listening connection was killed: it reconnects and listens again.
 */
class JobWakeUpIT extends HandWiredNodesTest {

    static final String RUN = "wk" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + ".";

    /** Far below the 30 s poll interval, far above what a notified claim takes. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** Backend pids of the listening connections the worker opened, in order. */
    final List<Integer> listeners = new CopyOnWriteArrayList<>();

    JobWorker worker;

    JobWorker start(String kind) {
        JobListener.Connections direct = ListenConnections.of(dataSource);
        JobListener.Connections recorded = () -> {
            Connection c = direct.open();
            listeners.add(c.unwrap(PGConnection.class).getBackendPID());
            return c;
        };
        JobHandler handler = new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Outcome run(dev.panthera.shared.JobQueue.Job job) {
                return Outcome.done();
            }
        };
        var config = TestProperties.of(Map.of("panthera.jobs.poll-interval", "30s", "panthera.jobs.workers", 4))
                .jobs();
        worker = JobsConfig.worker(store, List.of(handler), config, "idle-" + RUN, Duration.ofSeconds(1), recorded);
        worker.start();
        return worker;
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void aJobEnqueuedElsewhereWakesAnIdleNode() {
        String kind = RUN + "wake";
        start(kind);
        // the first poll and the look-around after LISTEN are over: the next poll is 30 s away
        awaitIdleAndListening(1, 2);

        UUID id = store.insert(kind, "{}", null, null, 5).orElseThrow();

        Eventually.await(PROMPTLY, "the job done well before the next poll", () -> "done".equals(state(id)));
        assertThat(worker.claimRounds()).isGreaterThan(2);
    }

    @Test
    void aKilledListeningConnectionIsOpenedAgain() {
        String kind = RUN + "again";
        start(kind);
        awaitIdleAndListening(1, 2);

        jdbc.sql("select pg_terminate_backend(?)")
                .param(listeners.getFirst())
                .query(Boolean.class)
                .single();
        // the listener reconnects after JobWorker.LISTEN_RETRY and looks around once more
        awaitIdleAndListening(2, 3);

        UUID id = store.insert(kind, "{}", null, null, 5).orElseThrow();

        Eventually.await(PROMPTLY, "the job done well before the next poll", () -> "done".equals(state(id)));
    }

    @Test
    void aJobDueLaterIsQueuedWithoutWakingAndADueOneStillRuns() {
        String kind = RUN + "later";
        start(kind);
        awaitIdleAndListening(1, 2);

        UUID later = store.insert(kind, "{}", java.time.Instant.now().plus(Duration.ofHours(1)), null, 5)
                .orElseThrow();
        UUID now = store.insert(kind, "{}", null, null, 5).orElseThrow();

        Eventually.await(PROMPTLY, "the due job done", () -> "done".equals(state(now)));
        assertThat(state(later)).isEqualTo("queued");
    }

    /** Waits for the n-th listening connection to be LISTENing and the worker to finish its rounds. */
    void awaitIdleAndListening(int connections, long rounds) {
        Eventually.await(
                Duration.ofSeconds(20),
                "listening connection #" + connections,
                () -> listeners.size() >= connections
                        && jdbc.sql("select count(*) from pg_stat_activity where pid = ? and state = 'idle'"
                                                + " and query = 'LISTEN " + JobListener.CHANNEL + "'")
                                        .param(listeners.get(connections - 1))
                                        .query(Integer.class)
                                        .single()
                                == 1);
        Eventually.await(Duration.ofSeconds(20), rounds + " claim rounds", () -> worker.claimRounds() >= rounds);
        assertThat(worker.claimRounds())
                .as("no poll beyond the start-up rounds")
                .isEqualTo(rounds);
    }
}

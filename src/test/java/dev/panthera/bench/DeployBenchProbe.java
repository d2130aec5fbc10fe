package dev.panthera.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's cost over a window while the node is otherwise idle: CPU of the Panthera process
 * and of its PostgreSQL sessions (from /proc), and the database work of the bench database
 * (transactions, {@code jobs} rows written, scans of {@code jobs}) from PostgreSQL's statistics
 * views, plus the health jobs the sweeps queued in the window (each runs at once). The probe's own queries run only at the two
 * ends of the window.
 */
final class DeployBenchProbe {

    /** Health jobs queued further apart than this belong to different sweeps. */
    static final Duration SWEEP_GAP = Duration.ofSeconds(5);

    private final Connection db;
    private final long pid;

    DeployBenchProbe(Connection db, long pid) {
        this.db = db;
        this.pid = pid;
    }

    record Snapshot(
            long nanos,
            Timestamp dbNow,
            long pantheraCpuMs,
            Map<Integer, Long> backendCpuMs,
            long xacts,
            long jobsWritten,
            long jobsScans) {}

    /** Per-second figures over one window; {@code healthJobs} queued in it. */
    record Window(
            String label,
            int running,
            double seconds,
            double pantheraCpuMsPerS,
            double backendCpuMsPerS,
            double xactsPerS,
            double jobsWrittenPerS,
            double jobsScansPerS,
            double healthJobsPerS) {}

    Window measure(String label, Duration length) throws Exception {
        int running = running();
        Snapshot a = snapshot();
        Thread.sleep(length);
        return window(label, running, a, snapshot());
    }

    /**
     * Measures from the start of a health sweep to the start of the {@code sweeps}-th after it: whole
     * sweep periods (the interval is a fixed delay after each sweep, so a period is a little longer).
     */
    Window measureSweeps(String label, int sweeps, Duration interval) throws Exception {
        int running = running();
        Duration wait = interval.plus(Duration.ofSeconds(30));
        awaitHealthSweepStart(wait);
        Snapshot a = snapshot();
        for (int i = 0; i < sweeps; i++) {
            awaitHealthSweepStart(wait);
        }
        return window(label, running, a, snapshot());
    }

    private int running() throws SQLException {
        return count("select count(*) from deployments where status = 'running'");
    }

    private Window window(String label, int running, Snapshot a, Snapshot b) throws SQLException {
        double s = (b.nanos() - a.nanos()) / 1e9;
        long backendCpu = 0;
        for (var e : b.backendCpuMs().entrySet()) {
            Long before = a.backendCpuMs().get(e.getKey());
            backendCpu += before == null ? 0 : e.getValue() - before; // a session opened meanwhile: not counted
        }
        long health;
        try (PreparedStatement q = db.prepareStatement(
                "select count(*) from jobs where kind = 'deploy.health'" + " and created_at >= ? and created_at < ?")) {
            q.setTimestamp(1, a.dbNow());
            q.setTimestamp(2, b.dbNow());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                health = rs.getLong(1);
            }
        }
        return new Window(
                label,
                running,
                s,
                (b.pantheraCpuMs() - a.pantheraCpuMs()) / s,
                backendCpu / s,
                (b.xacts() - a.xacts()) / s,
                (b.jobsWritten() - a.jobsWritten()) / s,
                (b.jobsScans() - a.jobsScans()) / s,
                health / s);
    }

    Snapshot snapshot() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            Timestamp now;
            long xacts;
            try (ResultSet rs = st.executeQuery("select clock_timestamp(), xact_commit + xact_rollback"
                    + " from pg_stat_database where datname = current_database()")) {
                rs.next();
                now = rs.getTimestamp(1);
                xacts = rs.getLong(2);
            }
            long written;
            long scans;
            try (ResultSet rs = st.executeQuery(
                    "select n_tup_ins + n_tup_upd + n_tup_del,"
                            + " coalesce(seq_scan, 0) + coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'jobs'")) {
                rs.next();
                written = rs.getLong(1);
                scans = rs.getLong(2);
            }
            Map<Integer, Long> backends = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select pid from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    int backend = rs.getInt(1);
                    backends.put(backend, ChatProbe.cpuMillis(backend));
                }
            }
            return new Snapshot(System.nanoTime(), now, ChatProbe.cpuMillis(pid), backends, xacts, written, scans);
        }
    }

    int count(String sql) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Waits until the sweep under way is over: no health job due or running and none queued for a
     * second (the sweep queues them one by one, each due at its own offset in the interval).
     */
    void awaitHealthSweepDone(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        // a sweep queues each check at its own offset in the interval: only what is due counts
        while (count("select count(*) from jobs where kind = 'deploy.health' and (state = 'running'"
                        + " or (state = 'queued' and run_at <= now()) or created_at > now() - interval '1 second')")
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("health sweep not done after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until a new health sweep starts: a health job queued more than {@link #SWEEP_GAP} after
     * the one before it (within a sweep they follow each other by milliseconds).
     */
    void awaitHealthSweepStart(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Timestamp seen = lastHealthJob();
        while (true) {
            Timestamp last = lastHealthJob();
            if (last != null
                    && (seen == null
                            || last.toInstant().isAfter(seen.toInstant().plus(SWEEP_GAP)))) {
                return;
            }
            seen = last;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no health sweep began within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private Timestamp lastHealthJob() throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select max(created_at) from jobs where kind = 'deploy.health'")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }
}

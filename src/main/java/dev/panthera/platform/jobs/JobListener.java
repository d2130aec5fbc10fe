package dev.panthera.platform.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@value #CHANNEL} on a connection of its own and wakes the worker when a job of a kind
 * it does is notified (the payload is the kind), so an idle node claims a new job at once instead of
 * at its next poll. Anything may be missed (the connection drops, the server restarts): the worker
 * still polls, and after every (re)connect it looks once for what was announced meanwhile.
 */
final class JobListener {

    static final String CHANNEL = "panthera_jobs";

    /** A wait without notifications ends this often to check that the connection is still alive. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    /** Opens the dedicated connection; never one the pool lends out to others. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final Supplier<Set<String>> kinds;
    private final Runnable wake;
    private final Duration retry;
    private volatile boolean active;
    private volatile Connection current;
    private Thread thread;

    JobListener(Connections connections, Supplier<Set<String>> kinds, Runnable wake, Duration retry) {
        this.connections = connections;
        this.kinds = kinds;
        this.wake = wake;
        this.retry = retry;
    }

    synchronized void start() {
        active = true;
        thread = Thread.ofPlatform().name("jobs-listener").daemon().start(this::run);
    }

    /** Aborts the connection, which ends a blocked wait at once. */
    synchronized void stop() {
        active = false;
        abort(current);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean failedBefore = false;
        while (active) {
            try (Connection connection = connections.open()) {
                current = connection;
                if (!active) {
                    return; // stopped while connecting
                }
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (failedBefore) {
                    log.info("Jobs: listening for new jobs again");
                    failedBefore = false;
                }
                wake.run(); // jobs announced while no one listened
                listen(connection.unwrap(PGConnection.class), connection);
            } catch (SQLException | RuntimeException e) {
                if (!active) {
                    return;
                }
                if (!failedBefore) {
                    log.warn(
                            "Jobs: listening for new jobs failed ({}); polling only, reconnecting every {}",
                            e.getClass().getName(),
                            retry);
                    failedBefore = true;
                }
                if (!pause()) {
                    return;
                }
            } finally {
                current = null;
            }
        }
    }

    private void listen(PGConnection pg, Connection connection) throws SQLException {
        int timeout = (int) CHECK_EVERY.toMillis();
        while (active) {
            PGNotification[] notifications = pg.getNotifications(timeout);
            if (notifications == null || notifications.length == 0) {
                // a half-open TCP connection never errors by itself: ask the server now and then
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection is no longer valid");
                }
                continue;
            }
            Set<String> mine = kinds.get();
            for (PGNotification n : notifications) {
                if (mine.contains(n.getParameter())) {
                    wake.run();
                    break;
                }
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(retry);
            return active;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void abort(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // closing anyway; the thread's wait ends with an error or at its next check
        }
    }
}

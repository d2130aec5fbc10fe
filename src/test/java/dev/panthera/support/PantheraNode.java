package dev.panthera.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Another Panthera node for cluster tests: the application's main class in its own JVM on the test
 * classpath, with the given {@code panthera.*} settings, its own port and data dir, output in a log
 * file. The database URL goes in the environment ({@code PANTHERA_DATABASE_URL}), not the command
 * line, since it may carry a password.
 */
public final class PantheraNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PantheraNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * A second node for a test whose context is the first: the same PostgreSQL and Redis, which
     * both must be there (the test is skipped, saying why, when they are not). Does not wait for it.
     */
    public static PantheraNode startSecond(Map<String, String> settings) throws IOException {
        Assumptions.assumeTrue(
                TestEnvironment.databaseUrl() != null,
                "two nodes need a shared PostgreSQL (PANTHERA_TEST_DATABASE_URL)");
        URI redis = URI.create(TestEnvironment.redisUrl());
        try (var probe = new Socket(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())) {
            // reachable
        } catch (IOException e) {
            Assumptions.abort("two nodes share their state through Redis; none at " + redis);
        }
        return start(TestEnvironment.databaseUrl(), settings);
    }

    /** Starts the JVM (does not wait for it: see {@link #awaitUp}). */
    public static PantheraNode start(String databaseUrl, Map<String, String> settings) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("panthera-node-", ".log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1", // starts faster; the node serves a short test
                "-cp",
                System.getProperty("java.class.path"),
                "dev.panthera.PantheraApplication",
                "--server.port=" + port,
                "--panthera.data-dir=" + TestEnvironment.newDataDir()));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PANTHERA_DATABASE_URL", databaseUrl);
        return new PantheraNode(builder.start(), port, log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the node answers HTTP; fails with the end of its log if it dies or times out. */
    public void awaitUp(Duration timeout) throws InterruptedException {
        ApiClient api = new ApiClient(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("node exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (api.get("/actuator/health", null).status() > 0) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node not up after " + timeout + ":\n" + logTail());
    }

    /** SIGTERM, then a graceful shutdown (jobs drained or handed back); SIGKILL only if that hangs. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("node did not stop within " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.panthera.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server in {@code <data-dir>/postgres}, listening on 127.0.0.1 only, with a
 * generated password (scram-sha-256). PostgreSQL refuses to run as root, so when Panthera runs as
 * root (containers, CI) the server runs as the unprivileged {@code nobody} user via runuser.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SERVER_USER = "nobody";
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final Path binaries;
    private final Path cluster;
    private final DataDirLock lock;
    private final int port;
    private final String password;
    private final boolean asRoot;

    private EmbeddedPostgres(Path binaries, Path cluster, int port, String password, boolean asRoot, DataDirLock lock) {
        this.lock = lock;
        this.binaries = binaries;
        this.cluster = cluster;
        this.port = port;
        this.password = password;
        this.asRoot = asRoot;
    }

    /** Initialises the cluster on first use, then starts it; {@code port} 0 picks a free port. */
    static EmbeddedPostgres start(Path dataDir, Path binariesCache, int port) {
        // held for the life of this process: a second Panthera on the same data dir must not take
        // this server for a stale one and stop it
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            boolean asRoot = "root".equals(System.getProperty("user.name"));
            Path binaries = PostgresBinaries.unpacked(binariesCache);
            Path cluster = dataDir.toAbsolutePath().normalize().resolve("postgres");
            Path passwordFile = dataDir.toAbsolutePath().normalize().resolve("postgres.password");
            EmbeddedPostgres server = new EmbeddedPostgres(
                    binaries, cluster, port == 0 ? freePort() : port, password(passwordFile), asRoot, lock);
            server.initIfNeeded(passwordFile);
            server.startServer();
            return server;
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL under " + dataDir, io);
            }
            throw (RuntimeException) e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String password() {
        return password;
    }

    int port() {
        return port;
    }

    private void initIfNeeded(Path passwordFile) throws IOException {
        if (Files.exists(cluster.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(cluster);
        Path pwfile = Files.createTempFile(binaries.getParent(), "pw-", ".txt");
        try {
            Files.writeString(pwfile, password);
            if (asRoot) {
                requireReachableByServerUser(cluster);
                run(List.of("chown", "-R", SERVER_USER, cluster.toString(), pwfile.toString()), false);
            }
            Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
            run(
                    List.of(
                            bin("initdb"),
                            "-D",
                            cluster.toString(),
                            "-U",
                            USER,
                            "-A",
                            "scram-sha-256",
                            "--pwfile=" + pwfile,
                            "-E",
                            "UTF8",
                            "--locale=C"),
                    true);
            log.info("Initialised embedded PostgreSQL {} in {}", PostgresBinaries.VERSION, cluster);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private void startServer() throws IOException {
        if (isRunning()) {
            // a previous Panthera process died without stopping its server: take the cluster back
            log.warn("Stopping a stale embedded PostgreSQL left running in {}", cluster);
            stop();
        }
        run(
                List.of(
                        bin("pg_ctl"),
                        "-D",
                        cluster.toString(),
                        "-l",
                        cluster.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
                        "-w",
                        "-t",
                        "120",
                        "start"),
                true);
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{}", port);
    }

    private boolean isRunning() throws IOException {
        return Files.exists(cluster.resolve("postmaster.pid"))
                && runQuietly(List.of(bin("pg_ctl"), "-D", cluster.toString(), "status")) == 0;
    }

    private void stop() throws IOException {
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
    }

    @Override
    public void close() {
        try {
            stop();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        int code = runQuietly(asServerUser ? serverUser(command) : command, true);
        if (code != 0) {
            throw new IOException(
                    "Command failed (" + code + "): " + command.get(0) + "; see " + cluster.resolve("server.log"));
        }
    }

    private int runQuietly(List<String> command) throws IOException {
        return runQuietly(serverUser(command), false);
    }

    private int runQuietly(List<String> command, boolean logOutput) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out: " + command.get(0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + command.get(0), e);
        }
        if (logOutput && process.exitValue() != 0) {
            log.warn("{} exited with {}: {}", command.get(0), process.exitValue(), output.strip());
        }
        return process.exitValue();
    }

    private List<String> serverUser(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVER_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The server user must be able to walk down to the cluster; say so plainly if it cannot. */
    private static void requireReachableByServerUser(Path cluster) throws IOException {
        for (Path dir = cluster.getParent(); dir != null; dir = dir.getParent()) {
            var perms = Files.getPosixFilePermissions(dir);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("Running as root, the embedded PostgreSQL runs as '" + SERVER_USER
                        + "', which cannot enter " + dir + "; choose a panthera.data-dir outside it"
                        + " or set panthera.database-url");
            }
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.writeString(file, generated);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return generated;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.panthera.bench;

import dev.panthera.support.ApiClient;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Deploys (and stops) a set of NFTs through the HTTP API, a fixed number of requests in flight, and
 * reads from the database when each deployment reached {@code running}: the time of its first
 * {@code running} event, written by the node, so the driver's polling adds no HTTP load to what is
 * measured. Driver and node share this machine's clock.
 */
final class DeployBenchBurst {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ApiClient api;
    private final String token;
    private final String collection;
    private final Connection db;
    private final int concurrency;

    DeployBenchBurst(ApiClient api, String token, String collection, Connection db, int concurrency) {
        this.api = api;
        this.token = token;
        this.collection = collection;
        this.db = db;
        this.concurrency = concurrency;
    }

    /** One deployment: when its POST was sent and answered, and when it was running. */
    record Sample(UUID id, Instant sent, Instant answered, Instant running) {
        Duration toRunning() {
            return Duration.between(sent, running);
        }

        Duration post() {
            return Duration.between(sent, answered);
        }
    }

    record Result(String label, List<Sample> samples, int refused, long cpuMs) {
        Instant first() {
            return samples.stream().map(Sample::sent).min(Instant::compareTo).orElseThrow();
        }

        Instant last() {
            return samples.stream().map(Sample::running).max(Instant::compareTo).orElseThrow();
        }

        double perSecond() {
            return samples.size() / (Duration.between(first(), last()).toNanos() / 1e9);
        }
    }

    /** POSTs a deployment for every token, then waits for all to run; fails if any fails or times out. */
    Result deploy(String label, List<String> tokenIds, long pid) throws Exception {
        long cpuBefore = ChatProbe.cpuMillis(pid);
        ConcurrentLinkedQueue<Sample> posted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        inFlight(tokenIds, tokenId -> {
            Instant sent = Instant.now();
            ApiClient.Response r;
            try {
                r = api.post("/v1/deployments", Map.of("nft_token_id", tokenId, "collection", collection), token);
            } catch (RuntimeException e) {
                refused.add(tokenId + ": " + e.getMessage()); // no answer within the client's 30 s
                return;
            }
            Instant answered = Instant.now();
            if (r.status() == 202) {
                posted.add(new Sample(UUID.fromString(r.text("deployment_id")), sent, answered, null));
            } else {
                refused.add(tokenId + ": " + r.status() + " " + r.raw().body());
            }
        });
        if (!refused.isEmpty()) {
            System.err.println("   refused: " + refused.size() + ", first: " + refused.peek());
        }
        List<UUID> ids = posted.stream().map(Sample::id).toList();
        awaitStatus(ids, "running");
        Map<UUID, Instant> running = runningAt(ids);
        List<Sample> samples = new ArrayList<>();
        for (Sample s : posted) {
            samples.add(new Sample(s.id(), s.sent(), s.answered(), running.get(s.id())));
        }
        long cpu = ChatProbe.cpuMillis(pid) - cpuBefore;
        return new Result(label, samples, refused.size(), cpu);
    }

    /** Stops every deployment and waits until all are stopped. */
    void stop(List<UUID> ids) throws Exception {
        inFlight(ids, id -> {
            ApiClient.Response r = retrying(() -> api.delete("/v1/deployments/" + id, token));
            if (r.status() != 202 && r.status() != 200) {
                throw new IllegalStateException(
                        "stop " + id + ": " + r.status() + " " + r.raw().body());
            }
        });
        awaitStatus(ids, "stopped");
    }

    /**
     * Mints the tokens of the dev collection to the signed-in wallet. A mint whose answer timed out
     * is sent again; "already minted" then means the first one went through.
     */
    void mint(List<String> tokenIds) throws Exception {
        inFlight(tokenIds, tokenId -> {
            boolean[] again = {false};
            int status = retrying(() -> {
                        try {
                            return api.post("/v1/dev/nfts/" + collection + "/mint", Map.of("token_id", tokenId), token);
                        } catch (RuntimeException e) {
                            again[0] = true;
                            throw e;
                        }
                    })
                    .status();
            if (status != 201 && !(status == 409 && again[0])) {
                throw new IllegalStateException("mint " + tokenId + ": " + status);
            }
        });
    }

    /** Sends again (up to three times) a request whose answer did not come within the client's 30 s. */
    private static ApiClient.Response retrying(java.util.function.Supplier<ApiClient.Response> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("   no answer within 30 s; sending again");
            }
        }
    }

    private <T> void inFlight(List<T> items, Consumer<T> call) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        ConcurrentLinkedQueue<RuntimeException> errors = new ConcurrentLinkedQueue<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                slots.acquire();
                executor.execute(() -> {
                    try {
                        call.accept(item);
                    } catch (RuntimeException | AssertionError e) {
                        errors.add(new IllegalStateException(e.getMessage(), e));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw errors.peek();
        }
    }

    private void awaitStatus(List<UUID> ids, String status) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try (PreparedStatement q = db.prepareStatement(
                    "select count(*) filter (where status = ?), count(*) filter (where status = 'failed')"
                            + " from deployments where id = any(?)")) {
                q.setString(1, status);
                q.setArray(2, uuids(ids));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == ids.size()) {
                        return;
                    }
                    if (!"failed".equals(status) && rs.getInt(2) > 0) {
                        throw new IllegalStateException(rs.getInt(2) + " deployments failed");
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "not all " + ids.size() + " deployments " + status + " after " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private Map<UUID, Instant> runningAt(List<UUID> ids) throws SQLException {
        var at = new java.util.HashMap<UUID, Instant>();
        try (PreparedStatement q = db.prepareStatement("select deployment_id, min(created_at) from deployment_events"
                + " where deployment_id = any(?) and new_status = 'running' group by deployment_id")) {
            q.setArray(1, uuids(ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    at.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return at;
    }

    private Array uuids(List<UUID> ids) throws SQLException {
        return db.createArrayOf("uuid", ids.toArray());
    }
}

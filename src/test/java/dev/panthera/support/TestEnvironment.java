package dev.panthera.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where integration tests find their services: the PostgreSQL named by
 * {@code PANTHERA_TEST_DATABASE_URL} (CI sets it) or else an embedded one started by Panthera
 * itself, and the Redis at {@code PANTHERA_TEST_REDIS_URL} (default the local one).
 */
public final class TestEnvironment {

    private TestEnvironment() {}

    public static String databaseUrl() {
        String url = System.getenv("PANTHERA_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    public static String redisUrl() {
        String url = System.getenv("PANTHERA_TEST_REDIS_URL");
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379/15" : url;
    }

    /** A data dir the embedded server's unprivileged user can enter when tests run as root. */
    public static Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory("panthera-it-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The common properties: database, data dir, and rate and model-call limits high enough for test traffic. */
    public static void register(DynamicPropertyRegistry registry) {
        Path dataDir = newDataDir();
        registry.add("panthera.data-dir", dataDir::toString);
        String url = databaseUrl();
        registry.add("panthera.database-url", () -> url == null ? "" : url);
        registry.add("panthera.rate-limits.sign-in", () -> 100000);
        registry.add("panthera.rate-limits.authenticated", () -> 100000);
        registry.add("panthera.billing.requests-per-minute", () -> 100000);
        registry.add("panthera.billing.tokens-per-minute", () -> 0);
        // every cached test context would run a job worker and take other tests' jobs: tests that
        // need the queue switch it on (and dirty their context)
        registry.add("panthera.jobs.enabled", () -> false);
        // many cached contexts share one PostgreSQL (max_connections 100): keep each pool small
        registry.add("panthera.database-pool-size", () -> 5);
        registry.add("server.port", () -> 0);
    }

    /**
     * This context's own job worker on, polling every 100 ms: for tests that run real jobs (mark
     * them {@code @DirtiesContext}, so the worker does not outlive them and take other tests' jobs).
     */
    public static void jobsOn(DynamicPropertyRegistry registry) {
        registry.add("panthera.jobs.enabled", () -> true);
        registry.add("panthera.jobs.poll-interval", () -> "100ms");
    }

    /** The {@code upstream} LLM provider at {@code baseUrl} (e.g. a fake's), serving {@code model}. */
    public static void upstreamProvider(DynamicPropertyRegistry registry, Supplier<Object> baseUrl, String model) {
        registry.add("panthera.llm.providers.upstream.base-url", baseUrl);
        registry.add("panthera.llm.providers.upstream.models[0]", () -> model);
    }

    /** The test's own collection on the dev chain, the first configured: {@code collections[0]}. */
    public static void devCollection(DynamicPropertyRegistry registry, String id) {
        registry.add("panthera.collections[0].id", () -> id);
        registry.add("panthera.collections[0].chain", () -> "dev");
    }
}

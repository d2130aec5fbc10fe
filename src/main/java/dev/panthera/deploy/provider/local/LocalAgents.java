package dev.panthera.deploy.provider.local;

import dev.panthera.ownership.NftId;
import dev.panthera.shared.EphemeralStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local agents, by slug, in the {@link EphemeralStore}: with Redis every node sees the
 * same agents (any node serves their chat path, and a health job on node B does not find node A's
 * agent gone); in-process (one node) a restart empties it, the provider reports the deployments
 * gone and the health path redeploys them. Each record lives {@link #TTL}, renewed by every health
 * check, so an agent whose deployment vanished without a stop does not stay forever.
 */
@Component
class LocalAgents {

    /** Many health intervals long: only an agent nobody checks any more expires. */
    static final Duration TTL = Duration.ofDays(1);

    /** Counters have no renewal of their own: a window long enough to outlast any agent's run. */
    private static final Duration COUNTER_WINDOW = Duration.ofDays(365);

    private static final String PREFIX = "local-agent:";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EphemeralStore store;

    LocalAgents(EphemeralStore store) {
        this.store = store;
    }

    /** Registers the agent unless it already runs (on any node); returns the running one. */
    LocalAgent start(LocalAgent agent) {
        String key = key(agent.slug());
        store.delete(stoppedKey(agent.slug()));
        if (store.putIfAbsent(key, JSON.writeValueAsString(agent), TTL)) {
            // a fresh start counts from zero, as a new process would
            store.delete(requestsKey(agent.slug()));
            store.delete(errorsKey(agent.slug()));
            return agent;
        }
        return find(agent.slug()).orElse(agent);
    }

    Optional<LocalAgent> find(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return store.get(key(slug)).map(json -> JSON.readValue(json, LocalAgent.class));
    }

    /**
     * The agent if it runs, its time to live renewed. A stop may race the renewal (a health job and a
     * stop job on two nodes): the stop leaves a marker first, so a renewal that wrote the record back
     * after the stop deleted it sees the marker and deletes it again.
     */
    Optional<LocalAgent> refresh(String slug) {
        Optional<String> json = slug == null ? Optional.empty() : store.get(key(slug));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        store.put(key(slug), json.get(), TTL);
        if (store.get(stoppedKey(slug)).isPresent()) {
            store.delete(key(slug));
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(json.get(), LocalAgent.class));
    }

    /** True when the agent ran. */
    boolean stop(String slug) {
        if (slug == null) {
            return false;
        }
        store.put(stoppedKey(slug), "stopped", TTL);
        boolean ran = store.delete(key(slug));
        store.delete(requestsKey(slug));
        store.delete(errorsKey(slug));
        return ran;
    }

    /** Counts a request to the agent; the counters go with the agent (a stop deletes them). */
    void countRequest(String slug) {
        store.add(requestsKey(slug), 1, COUNTER_WINDOW);
    }

    /** Counts a request that failed (already counted by {@link #countRequest}). */
    void countError(String slug) {
        store.add(errorsKey(slug), 1, COUNTER_WINDOW);
    }

    /** Requests and errors served since the agent started. */
    Counters counters(String slug) {
        return new Counters(
                store.add(requestsKey(slug), 0, COUNTER_WINDOW).count(),
                store.add(errorsKey(slug), 0, COUNTER_WINDOW).count());
    }

    private static String key(String slug) {
        return PREFIX + slug;
    }

    private static String stoppedKey(String slug) {
        return PREFIX + slug + ":stopped";
    }

    private static String requestsKey(String slug) {
        return PREFIX + slug + ":requests";
    }

    private static String errorsKey(String slug) {
        return PREFIX + slug + ":errors";
    }

    /** One running agent: what serves its chat path and its health, and when it started. */
    record LocalAgent(
            String slug, UUID deploymentId, NftId nft, String ownerAddress, long memoryLimitBytes, Instant startedAt) {}

    record Counters(long requests, long errors) {}
}

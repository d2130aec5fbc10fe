package dev.panthera.deploy.provider.local;

import dev.panthera.ownership.NftId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The agents running on this node, by slug. In memory on purpose: after a restart it is empty, the
 * provider reports the deployments gone, and the health path redeploys them.
 */
@Component
class LocalAgents {

    private final Map<String, LocalAgent> bySlug = new ConcurrentHashMap<>();

    /** Registers the agent unless it already runs; returns the running one. */
    LocalAgent start(LocalAgent agent) {
        return bySlug.computeIfAbsent(agent.slug(), s -> agent);
    }

    Optional<LocalAgent> find(String slug) {
        return Optional.ofNullable(slug).map(bySlug::get);
    }

    boolean stop(String slug) {
        return slug != null && bySlug.remove(slug) != null;
    }

    int size() {
        return bySlug.size();
    }

    /** One running agent and its resource accounting: requests served, failures, when it started. */
    record LocalAgent(
            String slug,
            UUID deploymentId,
            NftId nft,
            String ownerAddress,
            long memoryLimitBytes,
            Instant startedAt,
            AtomicLong requests,
            AtomicLong errors) {

        LocalAgent(String slug, UUID deploymentId, NftId nft, String ownerAddress, long memoryLimitBytes, Instant now) {
            this(slug, deploymentId, nft, ownerAddress, memoryLimitBytes, now, new AtomicLong(), new AtomicLong());
        }
    }
}

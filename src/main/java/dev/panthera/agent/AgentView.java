package dev.panthera.agent;

import dev.panthera.ownership.NftId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An agent as other modules see it: identity, effective settings, status, counters, the state of
 * its metadata and its persona (null when it has none). {@code overriddenFields} names the settings
 * the owner changed from the metadata's.
 */
public record AgentView(
        UUID id,
        NftId nft,
        String ownerAddress,
        String agentType,
        String name,
        String description,
        AgentConfig config,
        List<String> permissions,
        AgentDeployment deployment,
        AgentPerformance performance,
        AgentStatus status,
        int version,
        MetadataState metadata,
        Set<String> overriddenFields,
        Persona persona,
        Instant mintedAt,
        Instant lastActive,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Where the settings came from: {@code uri} (a data: URI only described), when it last loaded,
     * and the last failure, if it is newer than the last success. {@code loaded} is false while the
     * agent runs on defaults.
     */
    public record MetadataState(String uri, boolean loaded, Instant fetchedAt, String error, Instant errorAt) {}

    /**
     * Seed 000 AgentInfo status: {@code error} when the token's metadata never loaded, {@code
     * online} while active (until deployments report for themselves), {@code offline} otherwise.
     */
    public String availability() {
        if (metadata.uri() != null && !metadata.loaded() && metadata.error() != null) {
            return "error";
        }
        return status == AgentStatus.ACTIVE ? "online" : "offline";
    }
}

package dev.panthera.agent;

import java.time.Instant;

/**
 * One version of an agent's settings, as it was after a change. {@code source}: {@code default}
 * (created without metadata), {@code metadata}, {@code owner} (an override) or {@code transfer};
 * {@code changedBy} is the wallet that asked, or null for changes Panthera made itself.
 */
public record AgentConfigVersion(
        int version,
        AgentConfig configuration,
        AgentDeployment deployment,
        String name,
        String description,
        String ownerAddress,
        String source,
        String changedBy,
        Instant createdAt) {}

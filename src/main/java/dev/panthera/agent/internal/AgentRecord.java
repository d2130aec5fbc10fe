package dev.panthera.agent.internal;

import dev.panthera.agent.AgentStatus;
import dev.panthera.ownership.NftId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code agents}. {@code settings} are the effective ones; {@code metadataSettings} the
 * last good metadata (null while the agent runs on defaults); {@code overrides} the owner's.
 */
record AgentRecord(
        UUID id,
        NftId nft,
        String ownerAddress,
        AgentSettings settings,
        AgentSettings metadataSettings,
        Overrides overrides,
        long votesReceived,
        BigDecimal rewardsEarned,
        long tasksCompleted,
        Double rating,
        AgentStatus status,
        int version,
        String metadataUri,
        Instant metadataFetchedAt,
        String metadataError,
        Instant metadataErrorAt,
        Instant mintedAt,
        Instant lastActive,
        Instant createdAt,
        Instant updatedAt) {

    /** What the owner's overrides apply to: the last good metadata, or the defaults. */
    AgentSettings base() {
        return metadataSettings != null ? metadataSettings : AgentSettings.defaults(nft);
    }
}

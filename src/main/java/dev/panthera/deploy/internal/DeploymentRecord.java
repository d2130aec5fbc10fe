package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.ownership.NftId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of {@code deployments}; {@code health} is the stored AgentHealth JSON or null. */
record DeploymentRecord(
        UUID id,
        NftId nft,
        String ownerAddress,
        String providerId,
        DeploymentState status,
        String provider,
        String endpointUrl,
        Resources resources,
        Instant createdAt,
        Instant updatedAt,
        Instant lastHealthCheck,
        String errorMessage,
        Map<String, String> providerDetails,
        String health,
        Instant startedAt,
        int restartCount,
        String requestedBy) {

    /** What the provider assigned, for calls back into it; the id alone when it assigned nothing yet. */
    ProviderDeployment providerDeployment() {
        return new ProviderDeployment(providerId, endpointUrl, providerDetails);
    }
}

package dev.panthera.deploy;

import dev.panthera.deploy.spi.Resources;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other modules (and the routes) may ask of deployments. Creating needs the caller to own the
 * NFT now ({@code NOT_OWNER}); an NFT has at most one active deployment ({@code CONFLICT} naming
 * it); resources must lie within seed 000's limits and the provider must be configured ({@code
 * VALIDATION_FAILED}). A deployment that is not the caller's is {@code NOT_FOUND}.
 */
public interface DeploymentService {

    /** Records a pending deployment and queues its start; returns at once. */
    DeploymentView create(WalletPrincipal caller, DeployCommand command);

    DeploymentView get(WalletPrincipal caller, UUID id);

    /** The caller's deployments, newest first; {@code status} and {@code provider} may be null. */
    List<DeploymentView> list(WalletPrincipal caller, DeploymentState status, String provider, int limit, int offset);

    /** Starts stopping it; a deployment already stopped or failed is returned as it is. */
    DeploymentView stop(WalletPrincipal caller, UUID id);

    /**
     * A deployment request (seed 000 DeploymentRequest). Resource values are as clients send them:
     * cpu {@code "2"}, {@code "500m"} or a number of cores; memory and disk {@code "4Gi"}, {@code
     * "512Mi"} or a number of GiB; gpu 0, 1, true or false. Null values take the metadata's.
     */
    record DeployCommand(String collection, String tokenId, String provider, Map<String, Object> resources) {}

    /** A deployment as its owner sees it (seed 000 DeploymentStatus and more). */
    record DeploymentView(
            UUID id,
            NftId nft,
            String ownerAddress,
            DeploymentState status,
            String provider,
            String endpointUrl,
            Resources resources,
            Health health,
            String error,
            int restartCount,
            Instant startedAt,
            Instant createdAt,
            Instant updatedAt,
            Duration estimatedTime) {}

    /** Seed 000 AgentHealth from the last probe; {@code responseTime} in milliseconds; it and the usage may be null. */
    record Health(
            String status, Instant lastCheck, Long responseTime, Long memoryUsage, Double cpuUsage, int errorCount) {}
}

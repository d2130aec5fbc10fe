package dev.panthera.deploy;

import dev.panthera.ownership.NftId;
import java.time.Instant;
import java.util.UUID;

/**
 * A deployment moved from {@code oldState} to {@code newState} (seed 000 Deployment Event), published
 * in the transaction that recorded it, for the WebSocket channel and audit. {@code error} is set
 * when it failed; it never carries secrets.
 */
public record DeploymentStateChanged(
        UUID deploymentId,
        NftId nft,
        String ownerAddress,
        DeploymentState oldState,
        DeploymentState newState,
        String endpointUrl,
        String error,
        Instant at) {}

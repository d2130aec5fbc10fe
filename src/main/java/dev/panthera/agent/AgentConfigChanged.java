package dev.panthera.agent;

import dev.panthera.ownership.NftId;
import java.time.Instant;

/**
 * An agent's settings changed and are now at {@code version} (metadata refresh, owner override or
 * transfer), so running deployments can pick up the new configuration.
 */
public record AgentConfigChanged(NftId nft, int version, String source, Instant changedAt) {}

package dev.panthera.ownership;

import java.time.Instant;

/**
 * An NFT changed hands on chain (seed 000 NFT Transfer Event). Published after the cache is
 * updated and the previous owner's sessions are revoked; deployments, conversations and agents
 * follow it.
 */
public record OwnershipTransferred(
        NftId nft,
        String fromAddress,
        String toAddress,
        long blockHeight,
        String transactionHash,
        Instant observedAt) {}

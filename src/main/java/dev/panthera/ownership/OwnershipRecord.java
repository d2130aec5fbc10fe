package dev.panthera.ownership;

import java.time.Instant;

/**
 * Who owns an NFT, as last verified on chain (seed 000 NFT Ownership Cache): the owner's
 * canonical address, the block the answer is from and when it was checked.
 */
public record OwnershipRecord(NftId nft, String ownerAddress, long blockHeight, Instant lastVerified) {}

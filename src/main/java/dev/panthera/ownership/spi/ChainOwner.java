package dev.panthera.ownership.spi;

/** An owner as the chain reports it, and the block height of that answer. */
public record ChainOwner(String ownerAddress, long blockHeight) {}

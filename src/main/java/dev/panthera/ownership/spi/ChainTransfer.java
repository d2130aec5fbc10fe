package dev.panthera.ownership.spi;

/** One on-chain transfer of a token of a collection (an ERC-721 Transfer log, or equivalent). */
public record ChainTransfer(
        String tokenId,
        String fromAddress,
        String toAddress,
        long blockHeight,
        String transactionHash,
        long logIndex) {}

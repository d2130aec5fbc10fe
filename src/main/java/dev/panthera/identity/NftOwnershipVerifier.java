package dev.panthera.identity;

/**
 * Answers whether a wallet holds an NFT, so a session can be bound to it. Implemented by the
 * ownership module; without an implementation, signing in with an NFT is refused (fail closed).
 */
public interface NftOwnershipVerifier {

    boolean isOwner(String walletAddress, ChainFamily chain, String nftTokenId);
}

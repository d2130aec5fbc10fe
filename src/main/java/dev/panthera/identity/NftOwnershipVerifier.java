package dev.panthera.identity;

/**
 * Checks that a wallet holds an NFT, so a session can be bound to it. Implemented by the ownership
 * module; without an implementation, signing in with an NFT is refused (fail closed).
 */
public interface NftOwnershipVerifier {

    /**
     * Returns the collection id the token was found in ({@code collection} may be null when only
     * one collection is configured). Throws {@code NOT_OWNER} when another wallet holds it,
     * {@code NOT_FOUND}/{@code VALIDATION_FAILED} for an unknown collection or token and
     * {@code UPSTREAM_UNAVAILABLE} when the chain cannot say.
     */
    String requireOwner(String walletAddress, ChainFamily chain, String collection, String tokenId);
}

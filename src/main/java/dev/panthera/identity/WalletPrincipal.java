package dev.panthera.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is calling: the signed-in wallet, its session and the NFT it is bound to, from a verified
 * access token; or, when the caller used a Panthera API key, the wallet that owns the key and the
 * key's grant ({@code apiKey} non-null, {@code sessionId} and the NFT null).
 */
public record WalletPrincipal(
        String walletAddress,
        ChainFamily chain,
        UUID sessionId,
        String nftCollection,
        String nftTokenId,
        AuthLevel authLevel,
        Instant expiresAt,
        ApiKeyGrant apiKey) {

    /** A session's principal (an access token). */
    public WalletPrincipal(
            String walletAddress,
            ChainFamily chain,
            UUID sessionId,
            String nftCollection,
            String nftTokenId,
            AuthLevel authLevel,
            Instant expiresAt) {
        this(walletAddress, chain, sessionId, nftCollection, nftTokenId, authLevel, expiresAt, null);
    }

    /** True when the caller authenticated with an API key rather than a session. */
    public boolean viaApiKey() {
        return apiKey != null;
    }

    /** Whether this caller may use the agent at all (a key only its scoped agents; ownership is checked apart). */
    public boolean mayUse(String collection, String tokenId) {
        return apiKey == null || apiKey.allows(collection, tokenId);
    }
}

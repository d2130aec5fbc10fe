package dev.panthera.identity;

/** What other modules may ask of identity. */
public interface IdentityService {

    /**
     * The caller behind an access token, if the token is valid and its session is live; throws
     * {@code UNAUTHORIZED} or {@code TOKEN_EXPIRED} otherwise. For transports outside the HTTP
     * filter chain, e.g. the first message of a WebSocket.
     */
    WalletPrincipal authenticate(String accessToken);

    /** Revokes every live session bound to the NFT (e.g. after a transfer); returns how many. */
    int revokeSessionsForNft(String nftTokenId, String reason);
}

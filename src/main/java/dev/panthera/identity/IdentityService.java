package dev.panthera.identity;

/** What other modules may ask of identity. */
public interface IdentityService {

    /**
     * The caller behind an access token (valid, its session live) or a Panthera API key ({@code
     * pnt_...}, live and unexpired; its principal has {@link WalletPrincipal#viaApiKey()}); throws
     * {@code UNAUTHORIZED} or {@code TOKEN_EXPIRED} otherwise. For transports outside the HTTP
     * filter chain, e.g. the first message of a WebSocket.
     */
    WalletPrincipal authenticate(String accessToken);

    /**
     * Revokes every live session bound to the NFT except those of {@code keepWallet} (the new
     * owner, may be null), e.g. after a transfer; returns how many.
     */
    int revokeSessionsForNft(String collection, String tokenId, String keepWallet, String reason);

    /** The wallet family an address belongs to, by its shape; {@code VALIDATION_FAILED} if none. */
    ChainFamily familyOf(String address);

    /** The canonical spelling (EIP-55, lowercase bech32, base58); {@code VALIDATION_FAILED} if invalid. */
    String canonicalAddress(ChainFamily family, String address);
}

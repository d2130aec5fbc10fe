package dev.panthera.identity;

import java.time.Instant;
import java.util.UUID;

/** Who is calling: the signed-in wallet, its session and the NFT it is bound to, from a verified access token. */
public record WalletPrincipal(
        String walletAddress,
        ChainFamily chain,
        UUID sessionId,
        String nftCollection,
        String nftTokenId,
        AuthLevel authLevel,
        Instant expiresAt) {}

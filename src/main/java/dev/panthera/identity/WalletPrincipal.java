package dev.panthera.identity;

import java.time.Instant;
import java.util.UUID;

/** Who is calling: the signed-in wallet and its session, as carried by a verified access token. */
public record WalletPrincipal(
        String walletAddress,
        ChainFamily chain,
        UUID sessionId,
        String nftTokenId,
        AuthLevel authLevel,
        Instant expiresAt) {}

package dev.panthera.identity.internal.session;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sessions}; hashes only, never tokens. */
record SessionRecord(
        UUID sessionId,
        String walletAddress,
        ChainFamily chain,
        String nftCollection,
        String nftTokenId,
        boolean nftVerified,
        AuthLevel authLevel,
        String accessTokenId,
        String refreshTokenHash,
        Instant createdAt,
        Instant expiresAt,
        Instant lastActivity,
        String ipAddress,
        String userAgent,
        Instant revokedAt,
        String revokedReason) {

    boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    SessionRecord withAccessTokenId(String jti) {
        return new SessionRecord(
                sessionId,
                walletAddress,
                chain,
                nftCollection,
                nftTokenId,
                nftVerified,
                authLevel,
                jti,
                refreshTokenHash,
                createdAt,
                expiresAt,
                lastActivity,
                ipAddress,
                userAgent,
                revokedAt,
                revokedReason);
    }

    SessionRecord withExpiresAt(Instant newExpiry) {
        return new SessionRecord(
                sessionId,
                walletAddress,
                chain,
                nftCollection,
                nftTokenId,
                nftVerified,
                authLevel,
                accessTokenId,
                refreshTokenHash,
                createdAt,
                newExpiry,
                lastActivity,
                ipAddress,
                userAgent,
                revokedAt,
                revokedReason);
    }
}

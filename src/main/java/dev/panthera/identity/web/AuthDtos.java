package dev.panthera.identity.web;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of /v1/auth (snake_case on the wire). */
final class AuthDtos {

    private AuthDtos() {}

    static final String CHAIN_PATTERN = "(?i)evm|ethereum|cosmos|secret|solana";
    /** A number (EVM, Cosmos, dev) or a base58 mint address (Solana); the collection checks which. */
    static final String TOKEN_ID_PATTERN = "[0-9]{1,78}|[1-9A-HJ-NP-Za-km-z]{32,44}";

    record ChallengeRequest(
            @NotBlank @Size(max = 128) String walletAddress,

            @Pattern(regexp = CHAIN_PATTERN, message = "must be evm, cosmos or solana")
            String chain,

            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9:_-]+", message = "must be a chain id such as 1, secret-4 or devnet")
            String chainId,

            @Pattern(regexp = TOKEN_ID_PATTERN, message = "must be a token id")
            String nftTokenId) {}

    record ChallengeResponse(String nonce, String message, Instant expiresAt) {}

    /** {@code signature} is a string in the chain's native encoding, or Keplr's StdSignature object. */
    record VerifyRequest(
            @NotBlank @Size(max = 128) String walletAddress,
            @NotBlank @Size(max = 8192) String message,
            @NotNull JsonNode signature,

            @Pattern(regexp = CHAIN_PATTERN, message = "must be evm, cosmos or solana")
            String chain,

            @Size(max = 256) String publicKey,

            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a collection id")
            String collection,

            @Pattern(regexp = TOKEN_ID_PATTERN, message = "must be a token id")
            String nftTokenId) {}

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {}

    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UUID sessionId) {}

    record MeResponse(
            String walletAddress,
            String chain,
            UUID sessionId,
            String nftCollection,
            String nftTokenId,
            String authLevel,
            Instant expiresAt) {}

    record SessionResponse(
            UUID sessionId,
            String walletAddress,
            String chain,
            String nftCollection,
            String nftTokenId,
            String authLevel,
            Instant createdAt,
            Instant expiresAt,
            Instant lastActivity,
            String ipAddress,
            String userAgent,
            boolean current) {}

    record SessionList(List<SessionResponse> sessions, int limit, int offset) {}

    static String name(ChainFamily chain) {
        return chain.id();
    }

    static String name(AuthLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}

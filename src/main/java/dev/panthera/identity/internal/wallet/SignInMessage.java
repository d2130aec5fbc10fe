package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A parsed EIP-4361 style sign-in message (SIWE, SIWS, or the Cosmos variant).
 *
 * <p>{@code chainId} is null only for Solana messages, where SIWS makes it optional. The
 * {@code *Text} components keep the timestamps exactly as written (RFC 3339 allows several
 * spellings of one instant), so {@link SignInMessageCodec#format} reproduces a parsed message
 * byte for byte; {@link #create} fills them in from the instants.
 */
public record SignInMessage(
        ChainFamily family,
        String domain,
        String address,
        String statement,
        String uri,
        String version,
        String chainId,
        String nonce,
        Instant issuedAt,
        Instant expirationTime,
        Instant notBefore,
        String requestId,
        List<String> resources,
        String issuedAtText,
        String expirationTimeText,
        String notBeforeText) {

    public SignInMessage {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(issuedAt, "issuedAt");
        resources = resources == null ? List.of() : List.copyOf(resources);
        issuedAtText = issuedAtText != null ? issuedAtText : issuedAt.toString();
        expirationTimeText = text(expirationTime, expirationTimeText);
        notBeforeText = text(notBefore, notBeforeText);
    }

    /** A message whose timestamps are written in the canonical {@link Instant#toString()} form. */
    public static SignInMessage create(
            ChainFamily family,
            String domain,
            String address,
            String statement,
            String uri,
            String chainId,
            String nonce,
            Instant issuedAt,
            Instant expirationTime,
            Instant notBefore,
            String requestId,
            List<String> resources) {
        return new SignInMessage(
                family,
                domain,
                address,
                statement,
                uri,
                "1",
                chainId,
                nonce,
                issuedAt,
                expirationTime,
                notBefore,
                requestId,
                resources,
                null,
                null,
                null);
    }

    private static String text(Instant instant, String text) {
        if (instant == null) {
            return null;
        }
        return text != null ? text : instant.toString();
    }
}

package dev.panthera.identity.internal.apikey;

import dev.panthera.identity.ApiKeyGrant;
import dev.panthera.identity.ChainFamily;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_keys} without its hash: what the owner may see of a key. */
public record ApiKeyRecord(
        UUID id,
        String walletAddress,
        ChainFamily chain,
        String name,
        String keyPrefix,
        List<String> agents,
        Integer requestsPerMinute,
        Long tokensPerMinute,
        Long tokenBudget,
        String budgetPeriod,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public ApiKeyRecord {
        agents = List.copyOf(agents);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Neither revoked nor expired. */
    public boolean liveAt(Instant now) {
        return revokedAt == null && !expiredAt(now);
    }

    ApiKeyGrant grant() {
        return new ApiKeyGrant(
                id,
                name,
                new LinkedHashSet<>(agents),
                requestsPerMinute,
                tokensPerMinute,
                tokenBudget,
                budgetPeriod,
                expiresAt);
    }
}

package dev.panthera.identity.web;

import dev.panthera.identity.internal.apikey.ApiKeyRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of /v1/api-keys (snake_case on the wire); the hash never leaves the server. */
final class ApiKeyDtos {

    private ApiKeyDtos() {}

    /**
     * {@code agents}: {@code "{collection}/{token_id}"} of NFTs the caller holds (1..100);
     * {@code expires_at}: RFC 3339 in the future; {@code budget_period}: day | week | month | total
     * (month when only {@code token_budget} is given). Checked by the service, which says what is wrong.
     */
    record CreateRequest(
            String name,
            List<String> agents,
            String expiresAt,
            Long tokenBudget,
            String budgetPeriod,
            Integer requestsPerMinute,
            Long tokensPerMinute) {}

    /** The answer to a create: the only time {@code key} is ever shown. */
    record CreatedKey(
            UUID id,
            String key,
            String keyPrefix,
            String name,
            List<String> agents,
            Instant expiresAt,
            Long tokenBudget,
            String budgetPeriod,
            Integer requestsPerMinute,
            Long tokensPerMinute,
            Instant createdAt) {

        static CreatedKey of(ApiKeyRecord k, String key) {
            return new CreatedKey(
                    k.id(),
                    key,
                    k.keyPrefix(),
                    k.name(),
                    k.agents(),
                    k.expiresAt(),
                    k.tokenBudget(),
                    k.budgetPeriod(),
                    k.requestsPerMinute(),
                    k.tokensPerMinute(),
                    k.createdAt());
        }
    }

    record KeyView(
            UUID id,
            String keyPrefix,
            String name,
            List<String> agents,
            Instant expiresAt,
            Long tokenBudget,
            String budgetPeriod,
            Integer requestsPerMinute,
            Long tokensPerMinute,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {

        static KeyView of(ApiKeyRecord k) {
            return new KeyView(
                    k.id(),
                    k.keyPrefix(),
                    k.name(),
                    k.agents(),
                    k.expiresAt(),
                    k.tokenBudget(),
                    k.budgetPeriod(),
                    k.requestsPerMinute(),
                    k.tokensPerMinute(),
                    k.createdAt(),
                    k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    record KeyList(List<KeyView> data, int limit, int offset) {}
}

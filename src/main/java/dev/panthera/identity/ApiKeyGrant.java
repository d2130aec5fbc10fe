package dev.panthera.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a Panthera API key allows (like LiteLLM's virtual keys): the agents it may talk to, named
 * {@code "{collection}/{token_id}"}, and its own limits on top of the wallet's. A null limit means
 * only the wallet's applies. {@code budgetPeriod} is day | week | month | total.
 */
public record ApiKeyGrant(
        UUID id,
        String name,
        Set<String> agents,
        Integer requestsPerMinute,
        Long tokensPerMinute,
        Long tokenBudget,
        String budgetPeriod,
        Instant expiresAt) {

    public ApiKeyGrant {
        agents = Set.copyOf(agents);
    }

    /** Whether the key may be used with this agent. */
    public boolean allows(String collection, String tokenId) {
        return agents.contains(collection + "/" + tokenId);
    }
}

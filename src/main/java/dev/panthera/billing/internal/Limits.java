package dev.panthera.billing.internal;

import dev.panthera.identity.ApiKeyGrant;
import dev.panthera.shared.PantheraProperties;

/** One subject's limits; 0 = unlimited. */
record Limits(Subject subject, long requestsPerMinute, long tokensPerMinute, long tokenBudget, BudgetPeriod period) {

    /** The wallet limits of {@code panthera.billing}. */
    static Limits wallet(String address, PantheraProperties.Billing config, BudgetPeriod period) {
        return new Limits(
                Subject.wallet(address),
                Math.max(0, config.requestsPerMinute()),
                Math.max(0, config.tokensPerMinute()),
                Math.max(0, config.tokenBudget()),
                period);
    }

    /**
     * A key's own limits; null = none of its own. A budget without a period lasts the key's life,
     * as LiteLLM's virtual keys without a budget duration do.
     */
    static Limits key(ApiKeyGrant grant) {
        return new Limits(
                Subject.key(grant),
                positive(
                        grant.requestsPerMinute() == null
                                ? null
                                : grant.requestsPerMinute().longValue()),
                positive(grant.tokensPerMinute()),
                positive(grant.tokenBudget()),
                BudgetPeriod.parse(grant.budgetPeriod(), BudgetPeriod.TOTAL));
    }

    private static long positive(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}

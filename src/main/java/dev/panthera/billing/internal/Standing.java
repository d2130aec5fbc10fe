package dev.panthera.billing.internal;

import dev.panthera.shared.EphemeralStore.WindowCount;

/**
 * Where one subject stands when a call asks to be admitted: its requests this minute (this call
 * included), tokens this minute, and tokens spent in the budget period. A counter is null when its
 * limit is unlimited or the store could not be reached (then that limit is not enforced).
 */
record Standing(Limits limits, WindowCount requests, WindowCount tokens, long budgetSpent) {

    boolean requestsLimited() {
        return limits.requestsPerMinute() > 0 && requests != null;
    }

    boolean tokensLimited() {
        return limits.tokensPerMinute() > 0 && tokens != null;
    }

    boolean budgeted() {
        return limits.tokenBudget() > 0;
    }

    long requestsRemaining() {
        return Math.max(0, limits.requestsPerMinute() - requests.count());
    }

    long tokensRemaining() {
        return Math.max(0, limits.tokensPerMinute() - tokens.count());
    }

    long budgetRemaining() {
        return Math.max(0, limits.tokenBudget() - budgetSpent);
    }

    /** Over the limit once this call is counted: it is the limit + 1st request of the window. */
    boolean requestsExceeded() {
        return requestsLimited() && requests.count() > limits.requestsPerMinute();
    }

    /** Tokens are known only after a call, so the limit bites once the tokens already used reach it. */
    boolean tokensExceeded() {
        return tokensLimited() && tokens.count() >= limits.tokensPerMinute();
    }

    boolean budgetExceeded() {
        return budgeted() && budgetSpent >= limits.tokenBudget();
    }
}

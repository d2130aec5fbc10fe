package dev.panthera.billing.internal;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns where the wallet and key stand into the admission headers and, when a limit is reached,
 * the refusal. Headers follow OpenAI's {@code x-ratelimit-*} names, each family for whichever of
 * wallet and key has less left; a family whose limit is unlimited is left out.
 */
final class Admissions {

    static final String LIMIT_REQUESTS = "X-RateLimit-Limit-Requests";
    static final String REMAINING_REQUESTS = "X-RateLimit-Remaining-Requests";
    static final String RESET_REQUESTS = "X-RateLimit-Reset-Requests";
    static final String LIMIT_TOKENS = "X-RateLimit-Limit-Tokens";
    static final String REMAINING_TOKENS = "X-RateLimit-Remaining-Tokens";
    static final String RESET_TOKENS = "X-RateLimit-Reset-Tokens";
    static final String BUDGET_LIMIT = "X-Budget-Limit";
    static final String BUDGET_REMAINING = "X-Budget-Remaining";
    static final String BUDGET_RESET = "X-Budget-Reset";

    private Admissions() {}

    /** The headers, and the exception to throw when the call is refused (else null). */
    record Decision(Map<String, String> headers, PantheraException refusal) {}

    /** A reached limit; {@code retryAfter} in seconds, -1 when it never resets. */
    private record Violation(ProblemCode code, long retryAfter, String message) {}

    static Decision decide(List<Standing> standings, Instant now) {
        Map<String, String> headers = headers(standings, now);
        List<Violation> violations = violations(standings, now);
        if (violations.isEmpty()) {
            return new Decision(headers, null);
        }
        // a spent budget outlasts any per-minute limit, so it is what the caller must hear about
        Violation primary = violations.stream()
                .max(Comparator.comparing((Violation v) -> v.code() == ProblemCode.QUOTA_EXCEEDED)
                        .thenComparingLong(v -> v.retryAfter() < 0 ? Long.MAX_VALUE : v.retryAfter()))
                .orElseThrow();
        Map<String, String> refusalHeaders = new LinkedHashMap<>(headers);
        // the caller must wait for every reached limit; a budget that never resets gets no Retry-After
        if (violations.stream().allMatch(v -> v.retryAfter() > 0)) {
            long retryAfter =
                    violations.stream().mapToLong(Violation::retryAfter).max().orElseThrow();
            refusalHeaders.put("Retry-After", Long.toString(retryAfter));
        }
        return new Decision(headers, new PantheraException(primary.code(), primary.message(), refusalHeaders));
    }

    static Map<String, String> headers(List<Standing> standings, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        tightest(standings, Standing::requestsLimited, Standing::requestsRemaining, l -> l.requestsPerMinute())
                .ifPresent(s -> {
                    headers.put(LIMIT_REQUESTS, Long.toString(s.limits().requestsPerMinute()));
                    headers.put(REMAINING_REQUESTS, Long.toString(s.requestsRemaining()));
                    headers.put(
                            RESET_REQUESTS,
                            Long.toString(windowSeconds(s.requests().resetsIn())));
                });
        tightest(standings, Standing::tokensLimited, Standing::tokensRemaining, l -> l.tokensPerMinute())
                .ifPresent(s -> {
                    headers.put(LIMIT_TOKENS, Long.toString(s.limits().tokensPerMinute()));
                    headers.put(REMAINING_TOKENS, Long.toString(s.tokensRemaining()));
                    headers.put(
                            RESET_TOKENS, Long.toString(windowSeconds(s.tokens().resetsIn())));
                });
        tightest(standings, Standing::budgeted, Standing::budgetRemaining, l -> l.tokenBudget())
                .ifPresent(s -> {
                    headers.put(BUDGET_LIMIT, Long.toString(s.limits().tokenBudget()));
                    headers.put(BUDGET_REMAINING, Long.toString(s.budgetRemaining()));
                    long reset = s.limits().period().secondsToReset(now);
                    if (reset > 0) {
                        headers.put(BUDGET_RESET, Long.toString(reset));
                    }
                });
        return headers;
    }

    /** The standing with the least left of a limit; on a tie the smaller limit. */
    private static Optional<Standing> tightest(
            List<Standing> standings,
            Predicate<Standing> applies,
            ToLongFunction<Standing> remaining,
            ToLongFunction<Limits> limit) {
        return standings.stream()
                .filter(applies)
                .min(Comparator.comparingLong(remaining).thenComparingLong(s -> limit.applyAsLong(s.limits())));
    }

    private static List<Violation> violations(List<Standing> standings, Instant now) {
        List<Violation> violations = new ArrayList<>();
        for (Standing s : standings) {
            Limits l = s.limits();
            String who = l.subject().label();
            if (s.requestsExceeded()) {
                long wait = BudgetPeriod.ceilSeconds(s.requests().resetsIn());
                violations.add(new Violation(
                        ProblemCode.RATE_LIMITED,
                        wait,
                        "Too many model requests for " + who + ": the limit is " + l.requestsPerMinute()
                                + " per minute; retry in " + wait + " s"));
            }
            if (s.tokensExceeded()) {
                long wait = BudgetPeriod.ceilSeconds(s.tokens().resetsIn());
                violations.add(new Violation(
                        ProblemCode.RATE_LIMITED,
                        wait,
                        "Token rate limit reached for " + who + ": "
                                + s.tokens().count() + " of " + l.tokensPerMinute()
                                + " tokens per minute used; retry in " + wait + " s"));
            }
            if (s.budgetExceeded()) {
                long wait = l.period().secondsToReset(now);
                String spent = "Token budget spent for " + who + ": " + s.budgetSpent() + " of " + l.tokenBudget()
                        + " tokens " + l.period().phrase() + " used; ";
                violations.add(new Violation(
                        ProblemCode.QUOTA_EXCEEDED,
                        wait,
                        wait < 0
                                ? spent + "this budget does not reset (raise it or use another key)"
                                : spent + "it resets in " + human(wait) + ", at "
                                        + l.period().resetsAt(now)));
            }
        }
        return violations;
    }

    /** Seconds left in a per-minute window; 0 when no window is running (nothing used yet). */
    private static long windowSeconds(Duration resetsIn) {
        return resetsIn.isZero() ? 0 : BudgetPeriod.ceilSeconds(resetsIn);
    }

    /** "3 d 4 h", "2 h 5 min", "42 s". */
    static String human(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min " + seconds % 60 + " s" : seconds + " s";
    }
}

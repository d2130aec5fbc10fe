package dev.panthera.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.shared.EphemeralStore.WindowCount;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdmissionsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T18:00:00Z"), ZoneOffset.UTC);
    static final Subject WALLET = Subject.wallet("0xAbC");
    static final Subject KEY = Subject.key(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    static WindowCount count(long n, long secondsLeft) {
        return new WindowCount(n, Duration.ofSeconds(secondsLeft).minusMillis(300));
    }

    @Test
    void eachHeaderFamilyComesFromWhicheverSubjectHasLessLeft() {
        // requests: the wallet has 60 - 50 = 10 left, the key 20 - 5 = 15: the wallet is tighter
        // tokens: the wallet has 1000 - 100 left, the key 500 - 450 = 50: the key is tighter
        Standing wallet = new Standing(
                new Limits(WALLET, 60, 1000, 10_000, BudgetPeriod.MONTH), count(50, 40), count(100, 30), 2_000);
        Standing key =
                new Standing(new Limits(KEY, 20, 500, 5_000, BudgetPeriod.DAY), count(5, 12), count(450, 7), 4_900);

        var decision = Admissions.decide(List.of(wallet, key), CLOCK.instant());

        assertThat(decision.refusal()).isNull();
        assertThat(decision.headers())
                .containsEntry("X-RateLimit-Limit-Requests", "60")
                .containsEntry("X-RateLimit-Remaining-Requests", "10")
                .containsEntry("X-RateLimit-Reset-Requests", "40")
                .containsEntry("X-RateLimit-Limit-Tokens", "500")
                .containsEntry("X-RateLimit-Remaining-Tokens", "50")
                .containsEntry("X-RateLimit-Reset-Tokens", "7")
                // budget: the key's day has 100 left, the wallet's month 8000; the day ends at midnight
                .containsEntry("X-Budget-Limit", "5000")
                .containsEntry("X-Budget-Remaining", "100")
                .containsEntry("X-Budget-Reset", Long.toString(6 * 3600));
    }

    @Test
    void onATieTheSmallerLimitIsShown() {
        Standing wallet = new Standing(new Limits(WALLET, 60, 0, 0, BudgetPeriod.MONTH), count(50, 40), null, 0);
        Standing key = new Standing(new Limits(KEY, 15, 0, 0, BudgetPeriod.MONTH), count(5, 20), null, 0);
        var headers = Admissions.decide(List.of(wallet, key), CLOCK.instant()).headers();
        assertThat(headers)
                .containsEntry("X-RateLimit-Limit-Requests", "15")
                .containsEntry("X-RateLimit-Remaining-Requests", "10");
    }

    @Test
    void unlimitedFamiliesAreLeftOut() {
        Standing wallet = new Standing(new Limits(WALLET, 60, 0, 0, BudgetPeriod.MONTH), count(1, 59), null, 0);
        var headers = Admissions.decide(List.of(wallet), CLOCK.instant()).headers();
        assertThat(headers.keySet())
                .containsExactlyInAnyOrder(
                        "X-RateLimit-Limit-Requests", "X-RateLimit-Remaining-Requests", "X-RateLimit-Reset-Requests");
    }

    @Test
    void aCounterTheStoreCouldNotReadIsNotEnforced() {
        Standing wallet = new Standing(new Limits(WALLET, 1, 1, 0, BudgetPeriod.MONTH), null, null, 0);
        var decision = Admissions.decide(List.of(wallet), CLOCK.instant());
        assertThat(decision.refusal()).isNull();
        assertThat(decision.headers()).isEmpty();
    }

    @Test
    void noTokensUsedYetMeansNothingToReset() {
        Standing wallet = new Standing(
                new Limits(WALLET, 0, 1000, 0, BudgetPeriod.MONTH), null, new WindowCount(0, Duration.ZERO), 0);
        assertThat(Admissions.decide(List.of(wallet), CLOCK.instant()).headers())
                .containsEntry("X-RateLimit-Remaining-Tokens", "1000")
                .containsEntry("X-RateLimit-Reset-Tokens", "0");
    }

    @Test
    void theRequestOverTheLimitIsRefusedWithRetryAfter() {
        Limits limits = new Limits(KEY, 5, 0, 0, BudgetPeriod.MONTH);
        assertThat(Admissions.decide(List.of(new Standing(limits, count(5, 30), null, 0)), CLOCK.instant())
                        .refusal())
                .isNull();

        var refused = Admissions.decide(List.of(new Standing(limits, count(6, 30), null, 0)), CLOCK.instant())
                .refusal();

        assertThat(refused.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(refused.getMessage())
                .contains("API key " + KEY.id().substring(4))
                .contains("5 per minute");
        assertThat(refused.headers())
                .containsEntry("Retry-After", "30")
                .containsEntry("X-RateLimit-Remaining-Requests", "0");
    }

    @Test
    void tokensRefuseOnceTheLimitIsReached() {
        Limits limits = new Limits(WALLET, 0, 1000, 0, BudgetPeriod.MONTH);
        assertThat(Admissions.decide(List.of(new Standing(limits, null, count(999, 20), 0)), CLOCK.instant())
                        .refusal())
                .isNull();
        var refused = Admissions.decide(List.of(new Standing(limits, null, count(1000, 20), 0)), CLOCK.instant())
                .refusal();
        assertThat(refused.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(refused.getMessage()).contains("wallet 0xAbC").contains("1000 of 1000 tokens per minute");
        assertThat(refused.headers()).containsEntry("Retry-After", "20");
    }

    @Test
    void aSpentBudgetWinsOverARateLimitAndTheCallerWaitsForBoth() {
        Standing wallet = new Standing(new Limits(WALLET, 1, 0, 1000, BudgetPeriod.DAY), count(2, 50), null, 1000);
        var refused = Admissions.decide(List.of(wallet), CLOCK.instant()).refusal();
        assertThat(refused.code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
        assertThat(refused.getMessage())
                .contains("Token budget spent for wallet 0xAbC")
                .contains("1000 of 1000 tokens per day")
                .contains("resets in 6 h 0 min")
                .contains("2026-11-24T00:00:00Z");
        assertThat(refused.headers())
                .containsEntry("Retry-After", Long.toString(6 * 3600))
                .containsEntry("X-Budget-Remaining", "0")
                .containsEntry("X-Budget-Reset", Long.toString(6 * 3600));
    }

    @Test
    void aLifetimeBudgetSaysItNeverResets() {
        Standing key = new Standing(new Limits(KEY, 0, 0, 500, BudgetPeriod.TOTAL), null, null, 600);
        var refused = Admissions.decide(List.of(key), CLOCK.instant()).refusal();
        assertThat(refused.code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
        assertThat(refused.getMessage()).contains("500 tokens in total").contains("does not reset");
        assertThat(refused.headers())
                .doesNotContainKeys("Retry-After", "X-Budget-Reset")
                .containsEntry("X-Budget-Limit", "500")
                .containsEntry("X-Budget-Remaining", "0");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Admissions.human(42)).isEqualTo("42 s");
        assertThat(Admissions.human(125)).isEqualTo("2 min 5 s");
        assertThat(Admissions.human(2 * 3600 + 300)).isEqualTo("2 h 5 min");
        assertThat(Admissions.human(3 * 86_400 + 4 * 3600 + 59)).isEqualTo("3 d 4 h");
    }
}

package dev.panthera.identity.internal.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.identity.internal.apikey.ApiKeyRules.AgentRef;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRulesTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    static ApiKeyService.Draft draft(List<String> agents) {
        return new ApiKeyService.Draft(null, agents, null, null, null, null, null);
    }

    static void rejects(ApiKeyService.Draft draft, String says) {
        assertThatThrownBy(() -> ApiKeyRules.check(draft, NOW))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED))
                .hasMessageContaining(says);
    }

    @Test
    void agentsAreCollectionSlashTokenOrABareTokenId() {
        assertThat(ApiKeyRules.agents(
                        List.of("panthers/42", " 7 ", "sol_nfts/7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV")))
                .containsExactly(
                        new AgentRef("panthers", "42"),
                        new AgentRef(null, "7"),
                        new AgentRef("sol_nfts", "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"));
    }

    @Test
    void badAgentsSayWhichOne() {
        rejects(draft(null), "agents is required");
        rejects(draft(List.of()), "agents is required");
        rejects(draft(List.of("panthers/1", "panthers/one")), "agents[1]");
        rejects(draft(List.of("panthers/1/2")), "agents[0]");
        rejects(draft(List.of("/1")), "agents[0]");
        rejects(draft(Collections.singletonList(null)), "agents[0]");
        rejects(draft(Collections.nCopies(101, "panthers/1")), "at most 100");
        assertThat(ApiKeyRules.check(draft(Collections.nCopies(100, "panthers/1")), NOW)
                        .agents())
                .hasSize(100);
    }

    @Test
    void expiryIsAnRfc3339InstantInTheFuture() {
        assertThat(ApiKeyRules.expiry("2030-06-01T14:00:00+01:00", NOW)).isEqualTo(NOW.plusSeconds(3600));
        assertThatThrownBy(() -> ApiKeyRules.expiry("2030-06-01T13:00:00+01:00", NOW))
                .hasMessageContaining("future");
        assertThat(ApiKeyRules.expiry("2030-06-01T12:00:01Z", NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(ApiKeyRules.expiry(null, NOW)).isNull();
        assertThatThrownBy(() -> ApiKeyRules.expiry("2030-06-01T12:00:00Z", NOW))
                .hasMessageContaining("future");
        assertThatThrownBy(() -> ApiKeyRules.expiry("2030-06-01T12:00:00", NOW)).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> ApiKeyRules.expiry("tomorrow", NOW)).hasMessageContaining("RFC 3339");
    }

    @Test
    void aBudgetDefaultsToAMonthAndLimitsMustBePositive() {
        var checked =
                ApiKeyRules.check(new ApiKeyService.Draft(null, List.of("p/1"), null, 5000L, null, 10, 2000L), NOW);
        assertThat(checked.tokenBudget()).isEqualTo(5000L);
        assertThat(checked.budgetPeriod()).isEqualTo("month");
        assertThat(checked.requestsPerMinute()).isEqualTo(10);
        assertThat(checked.tokensPerMinute()).isEqualTo(2000L);
        assertThat(ApiKeyRules.check(
                                new ApiKeyService.Draft(null, List.of("p/1"), null, 5L, " Total ", null, null), NOW)
                        .budgetPeriod())
                .isEqualTo("total");
        assertThat(ApiKeyRules.check(draft(List.of("p/1")), NOW).budgetPeriod()).isNull();

        rejects(new ApiKeyService.Draft(null, List.of("p/1"), null, 0L, null, null, null), "token_budget");
        rejects(new ApiKeyService.Draft(null, List.of("p/1"), null, 5L, "year", null, null), "budget_period");
        rejects(new ApiKeyService.Draft(null, List.of("p/1"), null, null, "day", null, null), "needs a token_budget");
        rejects(new ApiKeyService.Draft(null, List.of("p/1"), null, null, null, 0, null), "requests_per_minute");
        rejects(new ApiKeyService.Draft(null, List.of("p/1"), null, null, null, null, -5L), "tokens_per_minute");
    }

    @Test
    void namesAreTrimmedShortAndPrintable() {
        assertThat(ApiKeyRules.name("  my script ")).isEqualTo("my script");
        assertThat(ApiKeyRules.name("   ")).isNull();
        assertThat(ApiKeyRules.name("x".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> ApiKeyRules.name("x".repeat(101))).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> ApiKeyRules.name("a\u0000b")).hasMessageContaining("control");
    }
}

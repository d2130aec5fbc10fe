package dev.panthera.identity.internal.apikey;

import dev.panthera.shared.PantheraException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a key request before anything is looked up, and says exactly what is wrong: the agents
 * (1..100 of {@code "{collection}/{token_id}"}), a future expiry, positive limits and a known
 * budget period (month when only a budget is given).
 */
final class ApiKeyRules {

    static final int MAX_AGENTS = 100;
    static final int MAX_NAME_CHARS = 100;
    static final Set<String> PERIODS = Set.of("day", "week", "month", "total");
    static final String DEFAULT_PERIOD = "month";

    /** Collection id as in configuration; token id a number (EVM, Cosmos, dev) or a base58 mint (Solana). */
    private static final Pattern AGENT =
            Pattern.compile("(?:([A-Za-z0-9_-]{1,64})/)?([0-9]{1,78}|[1-9A-HJ-NP-Za-km-z]{32,44})");

    /** An agent as asked for; {@code collection} is null when the caller relied on the only collection. */
    record AgentRef(String collection, String tokenId) {}

    /** The request, checked and normalised. */
    record Checked(
            String name,
            List<AgentRef> agents,
            Instant expiresAt,
            Long tokenBudget,
            String budgetPeriod,
            Integer requestsPerMinute,
            Long tokensPerMinute) {}

    private ApiKeyRules() {}

    static Checked check(ApiKeyService.Draft draft, Instant now) {
        String period = draft.budgetPeriod() == null
                ? null
                : draft.budgetPeriod().strip().toLowerCase(Locale.ROOT);
        if (period != null && !PERIODS.contains(period)) {
            throw invalid("budget_period must be day, week, month or total");
        }
        if (draft.tokenBudget() != null && draft.tokenBudget() <= 0) {
            throw invalid("token_budget must be greater than 0");
        }
        if (period != null && draft.tokenBudget() == null) {
            throw invalid("budget_period needs a token_budget");
        }
        if (draft.tokenBudget() != null && period == null) {
            period = DEFAULT_PERIOD;
        }
        if (draft.requestsPerMinute() != null && draft.requestsPerMinute() <= 0) {
            throw invalid("requests_per_minute must be greater than 0");
        }
        if (draft.tokensPerMinute() != null && draft.tokensPerMinute() <= 0) {
            throw invalid("tokens_per_minute must be greater than 0");
        }
        return new Checked(
                name(draft.name()),
                agents(draft.agents()),
                expiry(draft.expiresAt(), now),
                draft.tokenBudget(),
                period,
                draft.requestsPerMinute(),
                draft.tokensPerMinute());
    }

    static List<AgentRef> agents(List<String> agents) {
        if (agents == null || agents.isEmpty()) {
            throw invalid("agents is required: at least one \"{collection}/{token_id}\" the key may talk to");
        }
        if (agents.size() > MAX_AGENTS) {
            throw invalid("agents may list at most " + MAX_AGENTS + " agents, got " + agents.size());
        }
        List<AgentRef> refs = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            String agent = agents.get(i);
            Matcher m = agent == null ? null : AGENT.matcher(agent.strip());
            if (m == null || !m.matches()) {
                throw invalid("agents[" + i + "] must be \"{collection}/{token_id}\", e.g. \"panthers/42\"");
            }
            refs.add(new AgentRef(m.group(1), m.group(2)));
        }
        return refs;
    }

    /** RFC 3339 with an offset ({@code 2030-01-31T12:00:00Z}); null means the key never expires. */
    static Instant expiry(String expiresAt, Instant now) {
        if (expiresAt == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(expiresAt.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("expires_at must be an RFC 3339 date-time with an offset, e.g. 2030-01-31T12:00:00Z");
        }
        if (!instant.isAfter(now)) {
            throw invalid("expires_at must be in the future");
        }
        return instant;
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_CHARS) {
            throw invalid("name must be at most " + MAX_NAME_CHARS + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name must not contain control characters");
        }
        return stripped;
    }

    private static PantheraException invalid(String detail) {
        return PantheraException.validation(detail);
    }
}

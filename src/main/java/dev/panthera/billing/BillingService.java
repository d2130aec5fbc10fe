package dev.panthera.billing;

import dev.panthera.identity.WalletPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Meters model calls. Callers ask {@link #admit} before a model call and {@link #record} after it
 * (success or failure). Limits apply per wallet ({@code panthera.billing}) and, for a caller with
 * an API key, also per key (its grant); counters live in the shared ephemeral store (Redis when
 * configured, so all nodes count together) and period budgets in PostgreSQL.
 */
public interface BillingService {

    /**
     * Counts one model request of the caller and checks its limits. Throws {@code RATE_LIMITED}
     * (requests/min or tokens/min reached) or {@code QUOTA_EXCEEDED} (the period's token budget is
     * spent), each with {@code Retry-After} and the headers of {@link Admission}; tokens are known
     * only after a call, so a call is refused once the tokens already used reach a limit.
     */
    Admission admit(WalletPrincipal caller);

    /** Records a finished model call in the ledger and adds its tokens to the caller's counters and budgets. */
    void record(ModelCall call);

    /**
     * As {@link #record}, but the ledger rows are written in the background (batched with other
     * calls) so the caller does not wait for them; the tokens count against the caller's limits and
     * budgets at once, and everything queued is written before the node stops.
     */
    void recordLater(ModelCall call);

    /**
     * The caller's usage from {@code from} to {@code to} (inclusive, UTC days): totals by agent,
     * model and day. A caller with an API key sees that key's usage only.
     */
    UsageReport usage(WalletPrincipal caller, LocalDate from, LocalDate to);

    /** Headers to send with the response: {@code X-RateLimit-*-Requests|Tokens}, {@code X-Budget-*}. */
    record Admission(Map<String, String> headers) {}

    /**
     * One model call. {@code agentId} is {@code "{collection}/{token_id}"}; {@code operation} is
     * chat | chat_stream | completion | completion_stream; {@code conversationId} may be null
     * (OpenAI-compatible calls are stateless); {@code errorCode} is a ProblemCode name, never
     * content.
     */
    record ModelCall(
            String walletAddress,
            UUID apiKeyId,
            String agentId,
            UUID conversationId,
            String model,
            String operation,
            int tokensIn,
            int tokensOut,
            Duration elapsed,
            boolean success,
            String errorCode,
            Instant at) {}

    /** Usage in a range of days. */
    record UsageReport(
            LocalDate from, LocalDate to, Totals total, List<Row> byAgent, List<Row> byModel, List<Row> byDay) {}

    /** Requests, failures and tokens of a group ({@code key} = agent id, model or ISO day). */
    record Row(String key, Totals totals) {}

    record Totals(long requests, long failures, long tokensIn, long tokensOut) {

        public long totalTokens() {
            return tokensIn + tokensOut;
        }
    }
}

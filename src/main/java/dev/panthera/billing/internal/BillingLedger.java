package dev.panthera.billing.internal;

import dev.panthera.billing.BillingService.ModelCall;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code token_transactions}, {@code agent_operations} and {@code billing_budgets} tables. */
@Repository
class BillingLedger {

    private final JdbcClient jdbc;

    BillingLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One call's ledger rows and its tokens on each subject's day and lifetime budget rows, all or
     * nothing. {@code errorCode} has already been reduced to a code.
     */
    @Transactional
    void record(ModelCall call, String errorCode, Instant at, List<Subject> subjects) {
        long tokens = (long) call.tokensIn() + call.tokensOut();
        Timestamp created = Timestamp.from(at);
        jdbc.sql("insert into token_transactions (wallet_address, transaction_type, token_amount, agent_id,"
                        + " created_at, status, api_key_id, conversation_id, model, tokens_in, tokens_out)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        call.walletAddress(),
                        call.operation(),
                        tokens,
                        call.agentId(),
                        created,
                        call.success() ? "completed" : "failed",
                        call.apiKeyId(),
                        call.conversationId(),
                        call.model(),
                        call.tokensIn(),
                        call.tokensOut())
                .update();
        jdbc.sql("insert into agent_operations (agent_id, operation_type, cost_tokens, wallet_address,"
                        + " execution_time, success, error_message, created_at, model, conversation_id, api_key_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        call.agentId(),
                        call.operation(),
                        tokens,
                        call.walletAddress(),
                        call.elapsed() == null
                                ? null
                                : (int) Math.min(
                                        Integer.MAX_VALUE, call.elapsed().toMillis()),
                        call.success(),
                        errorCode,
                        created,
                        call.model(),
                        call.conversationId(),
                        call.apiKeyId())
                .update();
        if (tokens > 0) {
            addToBudgets(subjects, BudgetPeriod.today(at), tokens);
        }
    }

    /** One statement for every subject's day row and lifetime row. */
    private void addToBudgets(List<Subject> subjects, LocalDate day, long tokens) {
        StringBuilder sql = new StringBuilder("insert into billing_budgets (subject, period_start, tokens) values ");
        List<Object> params = new ArrayList<>();
        for (Subject subject : subjects) {
            for (LocalDate start : List.of(day, BudgetPeriod.LIFETIME)) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?)");
                params.add(subject.id());
                params.add(start);
                params.add(tokens);
            }
        }
        sql.append(
                " on conflict (subject, period_start) do update set tokens = billing_budgets.tokens + excluded.tokens");
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Tokens the subject spent in the period containing {@code now}. */
    long spent(Subject subject, BudgetPeriod period, Instant now) {
        if (period == BudgetPeriod.TOTAL) {
            return jdbc.sql(
                            "select coalesce(sum(tokens), 0) from billing_budgets where subject = ? and period_start = ?")
                    .params(subject.id(), BudgetPeriod.LIFETIME)
                    .query(Long.class)
                    .single();
        }
        return jdbc.sql("select coalesce(sum(tokens), 0) from billing_budgets"
                        + " where subject = ? and period_start >= ? and period_start <= ?")
                .params(subject.id(), period.start(now), BudgetPeriod.today(now))
                .query(Long.class)
                .single();
    }

    /** Ledger rows created before the cutoff, and day budget rows no period can reach any more. */
    @Transactional
    int purge(Instant cutoff, LocalDate oldestBudgetDay) {
        Timestamp before = Timestamp.from(cutoff);
        int transactions = jdbc.sql("delete from token_transactions where created_at < ?")
                .param(before)
                .update();
        int operations = jdbc.sql("delete from agent_operations where created_at < ?")
                .param(before)
                .update();
        jdbc.sql("delete from billing_budgets where period_start < ? and period_start > ?")
                .params(oldestBudgetDay, BudgetPeriod.LIFETIME)
                .update();
        return transactions + operations;
    }
}

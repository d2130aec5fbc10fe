package dev.panthera.billing.internal;

import dev.panthera.billing.BillingService.ModelCall;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code token_transactions}, {@code agent_operations} and {@code billing_budgets} tables. */
@Repository
class BillingLedger {

    private final JdbcClient client;
    private final JdbcTemplate jdbc;

    BillingLedger(JdbcClient client, JdbcTemplate jdbc) {
        this.client = client;
        this.jdbc = jdbc;
    }

    /** One finished call as the ledger stores it; {@code errorCode} is already reduced to a code. */
    record Entry(ModelCall call, String errorCode, Instant at, List<Subject> subjects) {

        long tokens() {
            return (long) call.tokensIn() + call.tokensOut();
        }
    }

    /**
     * The calls' ledger rows and their tokens on each subject's day and lifetime budget rows, all or
     * nothing: two batched inserts and one upsert of the summed budgets.
     */
    @Transactional
    void record(List<Entry> entries) {
        List<Object[]> transactions = new ArrayList<>(entries.size());
        List<Object[]> operations = new ArrayList<>(entries.size());
        Map<List<Object>, Long> budgets = new LinkedHashMap<>();
        for (Entry e : entries) {
            ModelCall call = e.call();
            Timestamp created = Timestamp.from(e.at());
            transactions.add(new Object[] {
                call.walletAddress(),
                call.operation(),
                e.tokens(),
                call.agentId(),
                created,
                call.success() ? "completed" : "failed",
                call.apiKeyId(),
                call.conversationId(),
                call.model(),
                call.tokensIn(),
                call.tokensOut()
            });
            operations.add(new Object[] {
                call.agentId(),
                call.operation(),
                e.tokens(),
                call.walletAddress(),
                call.elapsed() == null
                        ? null
                        : (int) Math.min(Integer.MAX_VALUE, call.elapsed().toMillis()),
                call.success(),
                e.errorCode(),
                created,
                call.model(),
                call.conversationId(),
                call.apiKeyId()
            });
            if (e.tokens() > 0) {
                for (Subject subject : e.subjects()) {
                    for (LocalDate start : List.of(BudgetPeriod.today(e.at()), BudgetPeriod.LIFETIME)) {
                        budgets.merge(List.of(subject.id(), start), e.tokens(), Long::sum);
                    }
                }
            }
        }
        jdbc.batchUpdate(
                "insert into token_transactions (wallet_address, transaction_type, token_amount, agent_id,"
                        + " created_at, status, api_key_id, conversation_id, model, tokens_in, tokens_out)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                transactions);
        jdbc.batchUpdate(
                "insert into agent_operations (agent_id, operation_type, cost_tokens, wallet_address,"
                        + " execution_time, success, error_message, created_at, model, conversation_id, api_key_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                operations);
        if (!budgets.isEmpty()) {
            addToBudgets(budgets);
        }
    }

    /** One statement for every (subject, period) row; summed first, as one upsert may touch a row once. */
    private void addToBudgets(Map<List<Object>, Long> budgets) {
        StringBuilder sql = new StringBuilder("insert into billing_budgets (subject, period_start, tokens) values ");
        List<Object> params = new ArrayList<>();
        budgets.forEach((key, tokens) -> {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?)");
            params.add(key.get(0));
            params.add(key.get(1));
            params.add(tokens);
        });
        sql.append(
                " on conflict (subject, period_start) do update set tokens = billing_budgets.tokens + excluded.tokens");
        client.sql(sql.toString()).params(params).update();
    }

    /** Tokens the subject spent in the period containing {@code now}. */
    long spent(Subject subject, BudgetPeriod period, Instant now) {
        if (period == BudgetPeriod.TOTAL) {
            return client.sql(
                            "select coalesce(sum(tokens), 0) from billing_budgets where subject = ? and period_start = ?")
                    .params(subject.id(), BudgetPeriod.LIFETIME)
                    .query(Long.class)
                    .single();
        }
        return client.sql("select coalesce(sum(tokens), 0) from billing_budgets"
                        + " where subject = ? and period_start >= ? and period_start <= ?")
                .params(subject.id(), period.start(now), BudgetPeriod.today(now))
                .query(Long.class)
                .single();
    }

    /** Ledger rows created before the cutoff, and day budget rows no period can reach any more. */
    @Transactional
    int purge(Instant cutoff, LocalDate oldestBudgetDay) {
        Timestamp before = Timestamp.from(cutoff);
        int transactions = client.sql("delete from token_transactions where created_at < ?")
                .param(before)
                .update();
        int operations = client.sql("delete from agent_operations where created_at < ?")
                .param(before)
                .update();
        client.sql("delete from billing_budgets where period_start < ? and period_start > ?")
                .params(oldestBudgetDay, BudgetPeriod.LIFETIME)
                .update();
        return transactions + operations;
    }
}

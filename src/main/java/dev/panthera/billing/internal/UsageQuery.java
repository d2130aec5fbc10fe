package dev.panthera.billing.internal;

import dev.panthera.billing.BillingService.Row;
import dev.panthera.billing.BillingService.Totals;
import dev.panthera.billing.BillingService.UsageReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Usage totals from {@code token_transactions}: one pass with grouping sets gives the totals by
 * agent, by model, by UTC day and overall.
 */
@Repository
class UsageQuery {

    private static final String SQL = """
            select grouping(agent_id) as g_agent, grouping(model) as g_model, grouping(day) as g_day,
                   agent_id, model, day,
                   count(*) as requests,
                   count(*) filter (where status = 'failed') as failures,
                   coalesce(sum(tokens_in), 0) as tokens_in,
                   coalesce(sum(tokens_out), 0) as tokens_out
            from (select agent_id, model, (created_at at time zone 'UTC')::date as day, status, tokens_in, tokens_out
                  from token_transactions
                  where wallet_address = ? and created_at >= ? and created_at < ? %s) calls
            group by grouping sets ((agent_id), (model), (day), ())
            """;

    private static final Comparator<Row> MOST_TOKENS = Comparator.comparingLong(
                    (Row r) -> -r.totals().totalTokens())
            .thenComparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder()));

    private final JdbcClient jdbc;

    UsageQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** From the start of {@code from} to the end of {@code to}, UTC; only the key's calls when {@code apiKeyId} is set. */
    UsageReport report(String walletAddress, UUID apiKeyId, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(
                walletAddress,
                Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
        if (apiKeyId != null) {
            params.add(apiKeyId);
        }
        List<Group> groups = jdbc.sql(SQL.formatted(apiKeyId == null ? "" : "and api_key_id = ?"))
                .params(params)
                .query(UsageQuery::group)
                .list();
        Totals total = new Totals(0, 0, 0, 0);
        List<Row> byAgent = new ArrayList<>();
        List<Row> byModel = new ArrayList<>();
        List<Row> byDay = new ArrayList<>();
        for (Group g : groups) {
            switch (g.dimension()) {
                case "agent" -> byAgent.add(g.row());
                case "model" -> byModel.add(g.row());
                case "day" -> byDay.add(g.row());
                default -> total = g.row().totals();
            }
        }
        byAgent.sort(MOST_TOKENS);
        byModel.sort(MOST_TOKENS);
        // ISO days sort as text; newest first
        byDay.sort(Comparator.comparing(Row::key).reversed());
        return new UsageReport(from, to, total, List.copyOf(byAgent), List.copyOf(byModel), List.copyOf(byDay));
    }

    private record Group(String dimension, Row row) {}

    private static Group group(ResultSet rs, int n) throws SQLException {
        Totals totals = new Totals(
                rs.getLong("requests"), rs.getLong("failures"), rs.getLong("tokens_in"), rs.getLong("tokens_out"));
        // grouping(x) = 0 means the row is grouped by x (a null key is then a real null, e.g. no model)
        if (rs.getInt("g_agent") == 0) {
            return new Group("agent", new Row(rs.getString("agent_id"), totals));
        }
        if (rs.getInt("g_model") == 0) {
            return new Group("model", new Row(rs.getString("model"), totals));
        }
        if (rs.getInt("g_day") == 0) {
            return new Group("day", new Row(rs.getObject("day", LocalDate.class).toString(), totals));
        }
        return new Group("total", new Row(null, totals));
    }
}

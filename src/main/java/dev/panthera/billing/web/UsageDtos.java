package dev.panthera.billing.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.panthera.billing.BillingService.Row;
import dev.panthera.billing.BillingService.Totals;
import dev.panthera.billing.BillingService.UsageReport;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The body of {@code GET /v1/usage} (snake_case on the wire). */
final class UsageDtos {

    private UsageDtos() {}

    record UsageResponse(
            String walletAddress,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID apiKeyId,
            LocalDate from,
            LocalDate to,
            TotalsDto total,
            List<AgentUsage> byAgent,
            List<ModelUsage> byModel,
            List<DayUsage> byDay) {

        static UsageResponse of(String walletAddress, UUID apiKeyId, UsageReport r) {
            return new UsageResponse(
                    walletAddress,
                    apiKeyId,
                    r.from(),
                    r.to(),
                    TotalsDto.of(r.total()),
                    r.byAgent().stream().map(AgentUsage::of).toList(),
                    r.byModel().stream().map(ModelUsage::of).toList(),
                    r.byDay().stream().map(DayUsage::of).toList());
        }
    }

    record TotalsDto(long requests, long failures, long tokensIn, long tokensOut, long totalTokens) {
        static TotalsDto of(Totals t) {
            return new TotalsDto(t.requests(), t.failures(), t.tokensIn(), t.tokensOut(), t.totalTokens());
        }
    }

    record AgentUsage(String agentId, long requests, long failures, long tokensIn, long tokensOut, long totalTokens) {
        static AgentUsage of(Row r) {
            Totals t = r.totals();
            return new AgentUsage(r.key(), t.requests(), t.failures(), t.tokensIn(), t.tokensOut(), t.totalTokens());
        }
    }

    record ModelUsage(String model, long requests, long failures, long tokensIn, long tokensOut, long totalTokens) {
        static ModelUsage of(Row r) {
            Totals t = r.totals();
            return new ModelUsage(r.key(), t.requests(), t.failures(), t.tokensIn(), t.tokensOut(), t.totalTokens());
        }
    }

    record DayUsage(LocalDate day, long requests, long failures, long tokensIn, long tokensOut, long totalTokens) {
        static DayUsage of(Row r) {
            Totals t = r.totals();
            return new DayUsage(
                    LocalDate.parse(r.key()), t.requests(), t.failures(), t.tokensIn(), t.tokensOut(), t.totalTokens());
        }
    }
}

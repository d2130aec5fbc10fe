package dev.panthera.billing.internal;

import dev.panthera.shared.PantheraProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ledger rows older than {@code panthera.billing.retention} go, and day budget rows older than any
 * period can reach (lifetime rows stay: total budgets need them). The deletes are idempotent, so
 * every node may run it, as chat's retention does; no coordination is needed. Only counts are logged.
 */
@Component
class BillingRetention {

    private static final Logger log = LoggerFactory.getLogger(BillingRetention.class);

    /** Longer than the longest period (a month) with room to spare. */
    static final int BUDGET_DAYS_KEPT = 62;

    private final BillingLedger ledger;
    private final Duration keep;
    private final Clock clock;

    BillingRetention(BillingLedger ledger, PantheraProperties properties, Clock clock) {
        this.ledger = ledger;
        this.keep = properties.billing().retention();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int purge() {
        Instant now = clock.instant();
        int deleted = ledger.purge(now.minus(keep), BudgetPeriod.today(now).minusDays(BUDGET_DAYS_KEPT));
        if (deleted > 0) {
            log.info("Retention: deleted {} billing ledger row(s) older than {}", deleted, keep);
        }
        return deleted;
    }
}
